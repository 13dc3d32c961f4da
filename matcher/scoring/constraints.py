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

from matcher.config import ConstraintConfig, Rule
from matcher.errors import ConfigError, InputError
from matcher.scoring.components import shares_language
from matcher.scoring.encode import IN_PERSON, REMOTE, People

NO_SHARED_LANGUAGE = 1 << 0
SAME_ORGANISATION = 1 << 1
FORBIDDEN = 1 << 2
MEETING_MODE = 1 << 3
GENDER_PREFERENCE = 1 << 4
BELOW_MIN_SCORE = 1 << 5
#: eligibility rule number i (0-based, config order) has bit FIRST_RULE_BIT << i
FIRST_RULE_BIT = 1 << 6
MAX_RULES = 16 - 6

FIXED_LABELS = {
    NO_SHARED_LANGUAGE: "no shared language",
    SAME_ORGANISATION: "same organisation",
    FORBIDDEN: "forbidden by the coordinator",
    MEETING_MODE: "meeting mode incompatible (in person only vs remote only)",
    GENDER_PREFERENCE: "gender preference not met",
    BELOW_MIN_SCORE: "below the minimum score",
}
_OPERATORS = {">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt,
              "==": operator.eq, "!=": operator.ne}
#: config field name -> canonical column, where they differ
_COLUMN = {"field": "fields"}
_LIST_COLUMNS = ("fields", "topics", "goals", "languages")


def reason_labels(constraints: ConstraintConfig) -> dict[int, str]:
    """Bit value -> plain-language reason, for the fixed reasons and each eligibility rule."""
    if len(constraints.rules) > MAX_RULES:
        raise ConfigError(f"round config, key 'constraints.rules': at most {MAX_RULES} eligibility "
                          f"rules are supported, got {len(constraints.rules)}; combine or drop some")
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


def rule_bits(constraints: ConstraintConfig, mentees: pd.DataFrame, mentors: pd.DataFrame
              ) -> tuple[np.ndarray, np.ndarray]:
    """Per-person uint16 masks of the eligibility rules each mentee / mentor fails.

    Examples
    --------
    >>> mentors = pd.DataFrame({"years_in_finland": [5.0, 1.0, float("nan")]})
    >>> rules = (Rule("mentor", "years_in_finland", ">=", 3.0),)
    >>> rule_bits(ConstraintConfig(rules=rules), pd.DataFrame(index=[0]), mentors)[1].tolist()
    [0, 64, 64]
    """
    bits = {"mentee": np.zeros(len(mentees), dtype=np.uint16),
            "mentor": np.zeros(len(mentors), dtype=np.uint16)}
    for i, rule in enumerate(constraints.rules):
        table = mentees if rule.who == "mentee" else mentors
        passed = _evaluate(rule, table, f"constraints.rules[{i}]")
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


def pair_reasons(constraints: ConstraintConfig) -> list[PairReason]:
    """The pair-level constraints the config turns on (eligibility rules are per person)."""
    reasons = [PairReason(NO_SHARED_LANGUAGE, ("languages",),
                          lambda e, r: ~shares_language(e, r))]
    if constraints.same_organisation:
        reasons.append(PairReason(SAME_ORGANISATION, ("organisation",), _same_organisation))
    if constraints.meeting_mode:
        reasons.append(PairReason(MEETING_MODE, ("mode",), _modes_clash))
    if constraints.gender_preference:
        reasons.append(PairReason(GENDER_PREFERENCE, ("gender_preference",), _gender_unmet))
    return reasons


def rule_codes(mentee_rules: np.ndarray, mentor_rules: np.ndarray) -> np.ndarray:
    """uint16 matrix of the eligibility rules a pair fails (either side's)."""
    return (mentee_rules[:, None] | mentor_rules[None, :]).astype(np.uint16)


def _same_organisation(mentees: People, mentors: People) -> np.ndarray:
    org_e, org_r = mentees.organisation[:, None], mentors.organisation[None, :]
    return (org_e == org_r) & (org_e >= 0)


def _modes_clash(mentees: People, mentors: People) -> np.ndarray:
    me, mr = mentees.mode[:, None], mentors.mode[None, :]
    return ((me == IN_PERSON) & (mr == REMOTE)) | ((me == REMOTE) & (mr == IN_PERSON))


def _gender_unmet(mentees: People, mentors: People) -> np.ndarray:
    preference = mentees.gender_preference[:, None]
    return (preference >= 0) & (preference != mentors.gender[None, :])


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


def _evaluate(rule: Rule, table: pd.DataFrame, key: str) -> np.ndarray:
    """Bool per person: the rule holds (a missing answer never does)."""
    name = _COLUMN.get(rule.field, rule.field)
    if name == "id":
        column = pd.Series(table.index.astype(str), index=table.index)
    elif name in table.columns:
        column = table[name]
    else:
        raise ConfigError(f"round config, key '{key}': the rule '{rule_text(rule)}' needs the "
                          f"{rule.who}s' '{rule.field}' answers, but that column was not read; map "
                          f"it under [{rule.who}s.columns] or remove the rule")
    compare = _OPERATORS[rule.op]
    if name in _LIST_COLUMNS:
        if rule.op not in ("==", "!=") or not isinstance(rule.value, str):
            raise ConfigError(f"round config, key '{key}': '{rule.field}' is a list of answers; "
                              f"use == or != with one key, e.g. {rule.who} {rule.field} == \"ict\"")
        has = column.map(lambda v: isinstance(v, (tuple, list, dict)) and rule.value in v)
        answered = column.map(lambda v: isinstance(v, (tuple, list, dict)) and len(v) > 0)
        return (compare(has, True) & answered).to_numpy(bool)
    if isinstance(rule.value, float):
        numbers = pd.to_numeric(column, errors="coerce").astype(float)
        return (compare(numbers, rule.value) & numbers.notna()).to_numpy(bool)
    if rule.op not in ("==", "!="):
        raise ConfigError(f"round config, key '{key}': text values compare only with == or !=, "
                          f"got '{rule.op}'; use a number for {rule.op}")
    text = column.fillna("").astype(str).str.strip().str.casefold()
    return (compare(text, rule.value.strip().casefold()) & (text != "")).to_numpy(bool)
