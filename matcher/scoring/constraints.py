"""Hard constraints: which pairs cannot be matched, and why, as a uint16 bit mask per pair.

A pair is feasible when its reason code is 0. Every reason has its own bit (the keys of
:func:`reason_labels` are the bit values, so ``codes & bit`` tests a reason). Eligibility rules
from the config are evaluated per person on a whole column, then broadcast over the pairs; a
rule on a missing answer fails.

Example
-------
>>> from matcher.config import ConstraintConfig, Rule
>>> labels = reason_labels(ConstraintConfig(rules=(Rule("mentor", "years_in_finland", ">=", 3.0),)))
>>> labels[NO_SHARED_LANGUAGE], labels[FIRST_RULE_BIT]
('no shared language', 'mentor years_in_finland >= 3 not met')
"""

from __future__ import annotations

import operator
from dataclasses import dataclass
from collections.abc import Callable

import numpy as np
import pandas as pd

from matcher.config import (LIST_FIELDS, MAX_RULES, WISHES, ConstraintConfig, Rule, WishConfig,
                            unread_rule)
from matcher.errors import ConfigError, InputError
from matcher.scoring.components import place_distances, same_area, shares_language
from matcher.scoring.encode import IN_PERSON, REMOTE, People

NO_SHARED_LANGUAGE = 1 << 0
SAME_ORGANISATION = 1 << 1
FORBIDDEN = 1 << 2
MEETING_MODE = 1 << 3
GENDER_PREFERENCE = 1 << 4
BELOW_MIN_SCORE = 1 << 5
TOO_FAR = 1 << 6
SAME_FIELD_WISH = 1 << 7
LANGUAGE_WISH = 1 << 8
#: eligibility rule number i (0-based, config order) has bit FIRST_RULE_BIT << i
FIRST_RULE_BIT = 1 << (16 - MAX_RULES)

FIXED_LABELS = {
    NO_SHARED_LANGUAGE: "no shared language",
    SAME_ORGANISATION: "same organisation",
    FORBIDDEN: "forbidden by the coordinator",
    MEETING_MODE: "meeting mode incompatible (in person only vs remote only)",
    GENDER_PREFERENCE: "mentor's gender is not the one the mentee wished for",
    BELOW_MIN_SCORE: "below the minimum score",
    TOO_FAR: "too far apart to meet in person (in person only)",
    SAME_FIELD_WISH: "mentee wished for a mentor from the same field only",
    LANGUAGE_WISH: "mentor does not speak the language of mentoring the mentee wished for",
}
_OPERATORS = {">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt,
              "==": operator.eq, "!=": operator.ne}
#: config field name -> canonical column, where they differ
_COLUMN = {"field": "fields"}


def reason_labels(constraints: ConstraintConfig) -> dict[int, str]:
    """Bit value -> plain-language reason, for the fixed reasons and each eligibility rule."""
    labels = dict(FIXED_LABELS)
    for i, rule in enumerate(constraints.rules):
        labels[FIRST_RULE_BIT << i] = f"{rule_text(rule)} not met"
    return labels


def labels_of(code: int, labels: dict[int, str]) -> list[str]:
    """The labels of the bits set in ``code``, in bit order.

    >>> labels_of(5, {1: "a", 2: "b", 4: "c"})
    ['a', 'c']
    """
    return [label for bit, label in sorted(labels.items()) if code & bit]


def rule_text(rule: Rule) -> str:
    """``mentor years_in_finland >= 3`` (numbers without a trailing ``.0``)."""
    value = f"{rule.value:g}" if isinstance(rule.value, float) else repr(rule.value)
    return f"{rule.who} {rule.field} {rule.op} {value}"


def rule_bits(constraints: ConstraintConfig, mentees: pd.DataFrame, mentors: pd.DataFrame,
              where: str = "round config") -> tuple[np.ndarray, np.ndarray]:
    """Per-person uint16 masks of the eligibility rules each mentee / mentor fails; a rule on
    an answer that was not read is a :class:`ConfigError` naming ``where`` (the config file,
    :attr:`matcher.config.RoundConfig.where`) and the rule's key.

    Examples
    --------
    >>> mentors = pd.DataFrame({"years_in_finland": [5.0, 1.0, float("nan")]})
    >>> rules = (Rule("mentor", "years_in_finland", ">=", 3.0),)
    >>> rule_bits(ConstraintConfig(rules=rules), pd.DataFrame(index=[0]), mentors)[1].tolist()
    [0, 512, 512]
    """
    bits = {"mentee": np.zeros(len(mentees), dtype=np.uint16),
            "mentor": np.zeros(len(mentors), dtype=np.uint16)}
    for i, rule in enumerate(constraints.rules):
        table = mentees if rule.who == "mentee" else mentors
        passed = _evaluate(rule, table, f"constraints.rules[{i}]", where)
        bits[rule.who][~passed] |= np.uint16(FIRST_RULE_BIT << i)
    return bits["mentee"], bits["mentor"]


@dataclass(frozen=True)
class PairReason:
    """One pair-level hard constraint: its bit, the mentee attributes (of :class:`People`) a row
    depends on, and ``fails(mentees, mentors)``, the bool matrix of pairs that break it."""

    bit: int
    inputs: tuple[str, ...]
    fails: Callable[[People, People], np.ndarray]

    def codes(self, mentees: People, mentors: People) -> np.ndarray:
        """uint16 matrix: ``bit`` where the pair fails, else 0."""
        return np.where(self.fails(mentees, mentors), np.uint16(self.bit), np.uint16(0))


def pair_reasons(constraints: ConstraintConfig, wishes: WishConfig) -> list[PairReason]:
    """The pair-level constraints the config turns on (eligibility rules are per person),
    including the stated wishes set to ``hard``."""
    reasons = [PairReason(NO_SHARED_LANGUAGE, ("languages",),
                          lambda e, r: ~shares_language(e, r))]
    if constraints.same_organisation:
        reasons.append(PairReason(SAME_ORGANISATION, ("organisation",), _same_organisation))
    if constraints.meeting_mode:
        reasons.append(PairReason(MEETING_MODE, ("mode",), _modes_clash))
    if constraints.max_distance_km > 0:
        limit = np.float32(constraints.max_distance_km)
        reasons.append(PairReason(TOO_FAR, ("place", "mode"),
                                  lambda e, r: _too_far(e, r, limit)))
    reasons += [wish for wish in WISH_CHECKS if wishes.mode(_WISH_NAME[wish.bit]) == "hard"]
    return reasons


def soft_wishes(wishes: WishConfig) -> list[PairReason]:
    """The stated wishes set to ``soft``: a pair that does not meet one loses ``penalty`` points."""
    return [wish for wish in WISH_CHECKS if wishes.mode(_WISH_NAME[wish.bit]) == "soft"]


def rule_codes(mentee_rules: np.ndarray, mentor_rules: np.ndarray) -> np.ndarray:
    """uint16 matrix of the eligibility rules a pair fails (either side's)."""
    return (mentee_rules[:, None] | mentor_rules[None, :]).astype(np.uint16)


def _same_organisation(mentees: People, mentors: People) -> np.ndarray:
    org_e, org_r = mentees.organisation[:, None], mentors.organisation[None, :]
    return (org_e == org_r) & (org_e >= 0)


def _modes_clash(mentees: People, mentors: People) -> np.ndarray:
    me, mr = mentees.mode[:, None], mentors.mode[None, :]
    return ((me == IN_PERSON) & (mr == REMOTE)) | ((me == REMOTE) & (mr == IN_PERSON))


def _too_far(mentees: People, mentors: People, limit: np.float32) -> np.ndarray:
    """In person only on one side, both open to meeting in person, both places known, further
    apart than ``limit`` km and not one commuting area."""
    me, mr = mentees.mode[:, None], mentors.mode[None, :]
    in_person_only = ((me == IN_PERSON) | (mr == IN_PERSON)) & (me != REMOTE) & (mr != REMOTE)
    km, known = place_distances(mentees, mentors)
    return in_person_only & known & (km > limit) & ~same_area(mentees, mentors)


def _gender_unmet(mentees: People, mentors: People) -> np.ndarray:
    preference = mentees.gender_preference[:, None]
    return (preference >= 0) & (preference != mentors.gender[None, :])


def _field_unmet(mentees: People, mentors: People) -> np.ndarray:
    """A mentee who wants a mentor from the same field only (and named one) and a mentor who
    shares none of the mentee's fields."""
    wants = (mentees.same_field_only & (mentees.fields.sum(axis=1) > 0))[:, None]
    return wants & ((mentees.fields @ mentors.fields.T) == 0)


def _language_unmet(mentees: People, mentors: People) -> np.ndarray:
    """A mentee who named languages of mentoring and a mentor who speaks none of them."""
    wants = (mentees.wish_languages.sum(axis=1) > 0)[:, None]
    speaks = (mentors.languages > 0).astype(np.float32)
    return wants & ((mentees.wish_languages @ speaks.T) == 0)


#: the stated wishes, each a pair check with its own bit (hard) or a penalty (soft)
WISH_CHECKS = (PairReason(GENDER_PREFERENCE, ("gender_preference",), _gender_unmet),
               PairReason(SAME_FIELD_WISH, ("fields", "same_field_only"), _field_unmet),
               PairReason(LANGUAGE_WISH, ("wish_languages",), _language_unmet))
_WISH_NAME = dict(zip((w.bit for w in WISH_CHECKS), WISHES))


def forbidden_positions(forbidden: pd.DataFrame | None, mentee_ids: pd.Index,
                        mentor_ids: pd.Index) -> tuple[np.ndarray, np.ndarray]:
    """Row and column positions of the coordinator's forbidden pairs.

    Raises
    ------
    InputError
        When a forbidden pair names an id that is not in this round.
    """
    if forbidden is None or len(forbidden) == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    rows = mentee_ids.get_indexer(forbidden["mentee_id"].astype(str))
    cols = mentor_ids.get_indexer(forbidden["mentor_id"].astype(str))
    unknown = np.flatnonzero((rows < 0) | (cols < 0))
    if len(unknown):
        k = unknown[0]
        side, value = (("mentee", forbidden["mentee_id"].iloc[k]) if rows[k] < 0
                       else ("mentor", forbidden["mentor_id"].iloc[k]))
        source = forbidden["source"].iloc[k] if "source" in forbidden.columns else "forbidden pairs"
        raise InputError(f"{source}: forbidden pair {k + 1} names {side} id {value!r}, which is not "
                         f"in this round ({len(unknown)} such pairs); fix the id or remove the pair")
    return rows.astype(np.int64), cols.astype(np.int64)


def _evaluate(rule: Rule, table: pd.DataFrame, key: str, where: str) -> np.ndarray:
    """Bool per person: the rule holds (a missing answer never does). The config checked the
    operator against the value (:data:`matcher.config.LIST_FIELDS`, text only == / !=)."""
    name = _COLUMN.get(rule.field, rule.field)
    if name == "id":
        column = pd.Series(table.index.astype(str), index=table.index)
    elif name in table.columns:
        column = table[name]
    else:
        raise ConfigError(f"{where}, key '{key}': {unread_rule(rule)}")
    compare = _OPERATORS[rule.op]
    if rule.field in LIST_FIELDS:
        has = column.map(lambda v: isinstance(v, (tuple, list, dict)) and rule.value in v)
        answered = column.map(lambda v: isinstance(v, (tuple, list, dict)) and len(v) > 0)
        return (compare(has, True) & answered).to_numpy(bool)
    if isinstance(rule.value, float):
        numbers = pd.to_numeric(column, errors="coerce").astype(float)
        return (compare(numbers, rule.value) & numbers.notna()).to_numpy(bool)
    text = column.fillna("").astype(str).str.strip().str.casefold()
    return (compare(text, rule.value.strip().casefold()) & (text != "")).to_numpy(bool)
