"""Who takes part: consent answers and the round's eligibility rules, with a reason for everyone
left out.

A form often asks for consent ("I agree that my answers are used for matching" / "Hyväksyn, että
vastauksiani käytetään…" / "Jag godkänner…"). A person whose answer is "no" ("Ei", "Nej") or
blank did not consent: they are not matched and get no introduction. The same holds for a person
who fails one of the round's eligibility rules (``[[constraints.rules]]``, e.g. mentors with at
least 3 years in Finnish working life). Nobody is lost: :func:`screen` moves them out of the
round's tables into ``Round.not_included`` with the reason, and the outputs list them (mentees in
Unmatched too).

Example
-------
>>> yes_no("Kyllä"), yes_no("Ei"), yes_no("Nej"), yes_no("I agree"), yes_no(""), yes_no("maybe")
(True, False, False, True, None, None)
"""

from __future__ import annotations

import dataclasses
import logging
from typing import TYPE_CHECKING
import re

import numpy as np
import pandas as pd

from matcher import vocab
from matcher.i18n import t
from matcher.scoring.constraints import FIRST_RULE_BIT, rule_bits, rule_text

if TYPE_CHECKING:  # intake imports this module
    from matcher.intake import Round

log = logging.getLogger(__name__)

NOT_INCLUDED_COLUMNS = ("role", "id", "name", "email", "row", "reason")
#: words that say no (checked first: "en hyväksy", "I do not agree" contain a yes word too)
_NO = ("no", "n", "ei", "nej", "not", "don t", "do not", "dont", "inte", "en", "disagree",
       "kiella", "kiellan", "false", "0")
#: words that say yes
_YES = ("yes", "y", "kylla", "joo", "juu", "ja", "jo", "agree", "i agree", "hyvaksyn",
        "suostun", "annan luvan", "godkanner", "samtycker", "accept", "accepted", "ok",
        "true", "1", "x")
_NO_PATTERN = re.compile(r"\b(?:" + "|".join(map(re.escape, _NO)) + r")\b")
_YES_PATTERN = re.compile(r"\b(?:" + "|".join(map(re.escape, _YES)) + r")\b")


def yes_no(answer: object) -> bool | None:
    """True for a yes (English, Finnish, Swedish), False for a no, None for blank or unclear."""
    if answer is None or (isinstance(answer, float) and np.isnan(answer)):
        return None
    norm = vocab.normalise(answer)
    if _NO_PATTERN.search(norm):
        return False
    if _YES_PATTERN.search(norm):
        return True
    return None


def consent_reason(answer: object, language: str = "en") -> str:
    """Why a consent answer excludes the person, in ``language`` ("" when it does not).

    >>> consent_reason(True), consent_reason(False, "fi")
    ('', 'Ei antanut suostumusta vastaustensa käyttöön parien muodostamisessa (vastasi ei)')
    """
    if answer is True:
        return ""
    return t("not_included.no_consent" if answer is False else "not_included.consent_blank", language)


def screen(round: Round) -> Round:
    """The round without the people who did not consent or fail an eligibility rule; they are
    listed in ``round.not_included`` (columns role, id, name, email, row, reason) and the coordinator's locked
    or forbidden pairs naming them are dropped with a warning.

    Examples
    --------
    >>> import matcher
    >>> rnd = matcher.load_round("data/samples/round.toml")  # screen() runs inside load_round
    >>> rnd.not_included["role"].value_counts().to_dict()  # doctest: +SKIP
    """
    config = round.config
    mentee_rules, mentor_rules = rule_bits(config.constraints, round.mentees, round.mentors,
                                           config.where)
    labels = {FIRST_RULE_BIT << i: rule_text(rule) for i, rule in enumerate(config.constraints.rules)}
    out = []
    tables = {}
    for role, table, bits in (("mentor", round.mentors, mentor_rules),
                              ("mentee", round.mentees, mentee_rules)):
        reasons = _reasons(table, bits, labels, config.language)
        excluded = reasons != ""
        out.append(pd.DataFrame({
            "role": role, "id": table.index[excluded].astype(str),
            **{name: (table[name].to_numpy()[excluded] if name in table else "")
               for name in ("name", "email", "row")},
            "reason": reasons[excluded]}))
        tables[role] = table[~excluded]
    not_included = pd.concat(out, ignore_index=True)[list(NOT_INCLUDED_COLUMNS)]
    issues, locked, forbidden = _drop_pairs(round, set(not_included["id"]))
    if len(not_included):
        log.info("eligibility: %d mentors and %d mentees not included",
                 int((not_included["role"] == "mentor").sum()),
                 int((not_included["role"] == "mentee").sum()))
    return dataclasses.replace(round, mentors=tables["mentor"], mentees=tables["mentee"],
                               issues=issues, locked=locked, forbidden=forbidden,
                               not_included=not_included)


def _reasons(table: pd.DataFrame, bits: np.ndarray, labels: dict[int, str],
             language: str) -> np.ndarray:
    """One reason text per person in ``language`` ("" = included): consent first, then each
    failed rule; a person's second and later reasons start in lower case after "; "."""
    consent = (table["consent"] if "consent" in table.columns
               else pd.Series(True, index=table.index))
    text = consent.map(lambda answer: consent_reason(answer, language)).to_numpy(dtype=object)
    for bit, rule in labels.items():
        failed = (bits & bit) > 0
        reason = t("not_included.rule", language, rule=rule)
        text[failed] = [f"{before}; {_lower(reason)}" if before else reason for before in text[failed]]
    return text


def _drop_pairs(round, excluded: set[str]):
    """Issues, locked and forbidden without the pairs naming a person who is not included."""
    issues, language = [round.issues], round.config.language
    kept = {}
    for name in ("locked", "forbidden"):
        pairs = getattr(round, name)
        gone = pairs["mentee_id"].astype(str).isin(excluded) | pairs["mentor_id"].astype(str).isin(excluded)
        # the coordinator's pairs: a person's own sign-ups as both (forbidden by intake) go quietly
        told = gone & (pairs["source"] != "same person")
        if told.any():
            from matcher.intake import ISSUE_COLUMNS  # intake screens the round: import when called

            issues.append(pd.DataFrame(columns=list(ISSUE_COLUMNS), data={
                "severity": "warning", "file": "", "row": pd.array([pd.NA] * int(told.sum()), dtype="Int64"),
                "column": "", "value": "",
                "problem": [t("not_included.pair_dropped", language, kind=t(f"pair.{name}", language),
                              mentee=m, mentor=r)
                            for m, r in zip(pairs.loc[told, "mentee_id"], pairs.loc[told, "mentor_id"])],
                "suggestion": t("not_included.pair_dropped_fix", language)}))
        kept[name] = pairs[~gone].reset_index(drop=True)
    frame = pd.concat(issues, ignore_index=True) if len(issues) > 1 else round.issues
    return frame, kept["locked"], kept["forbidden"]


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]
