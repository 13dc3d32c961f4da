"""Plain-language explanation of one pair, from the two persons' rows only.

Explanations use canonical labels, shared languages, cities and counts, never free-text answers
(privacy, and length). Infeasible pairs start with their reasons. The sentences are built in a
fixed order (reasons, language, field, goals, location, optional components), so the same pair
always gets the same text.

Example
-------
>>> import pandas as pd
>>> from matcher.scoring import score_pairs
>>> mentees = pd.DataFrame({"fields": [("ict",)], "languages": [{"fi": 4, "en": 3}],
...     "goals": [("networking", "strengths")], "city": ["Tampere"]}, index=["e1"])
>>> mentors = pd.DataFrame({"fields": [("ict",)], "languages": [{"fi": 4, "en": 2}],
...     "topics": [("networking",)], "city": ["Tampere"]}, index=["r1"])
>>> score_pairs(mentors, mentees).explain("e1", "r1")
"Both use Finnish and English. Same field: ICT. Offers 1 of the mentee's 2 goals: networking. Both in Tampere."
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from matcher import vocab
from matcher.scoring.constraints import (BELOW_MIN_SCORE, FIRST_RULE_BIT, FORBIDDEN, GENDER_PREFERENCE, MEETING_MODE,
                                         NO_SHARED_LANGUAGE, SAME_ORGANISATION, labels_of)

_MODE_WORDS = {"in_person": "only in person", "remote": "only remotely"}


def explain_pair(scores, i: int, j: int) -> str:
    """Explanation of the pair at row ``i``, column ``j`` of ``scores`` (a :class:`Scores`)."""
    code = int(scores.reason_codes[i, j])
    ctx = scores.context
    if ctx is None:  # a Scores built by hand carries no tables: the reasons are all we know
        return " ".join(_capital(label) + "." for label in labels_of(code, scores.reason_labels))
    mentee, mentor = ctx.mentee_rows[i], ctx.mentor_rows[j]
    labels = ctx.labels
    sentences = _reasons(code, scores, i, j, mentee, mentor, labels)
    if not code & NO_SHARED_LANGUAGE:
        sentences.append(_languages(mentee, mentor, labels))
    sentences += [_field(mentee, mentor, labels, ctx, i, j), _goals(mentee, mentor, labels),
                  _location(mentee, mentor, code)]
    if "experience" in scores.weights:
        years = pd.to_numeric(pd.Series([mentor.get("years_experience")]), errors="coerce")[0]
        sentences.append("Mentor's experience not given." if np.isnan(years)
                         else f"Mentor has {years:g} years of experience.")
    if "gender" in scores.weights and _text(mentee.get("gender_preference")):
        sentences.append("Matches the mentee's gender preference."
                         if float(scores.components["gender"][i, j]) == 1.0
                         else "Does not match the mentee's gender preference.")
    return " ".join(s for s in sentences if s)


class Labels:
    """English display labels, including keys a round config added to a vocabulary."""

    def __init__(self, extra):
        self._vocabularies = {kind: vocab.vocabulary(kind, extra) for kind in
                              ("languages", "fields", "goals")}

    def __call__(self, kind: str, keys) -> list[str]:
        return [self._vocabularies[kind].label(k) for k in keys]


def _reasons(code, scores, i, j, mentee, mentor, labels) -> list[str]:
    config = scores.context.config
    out = []
    for bit, label in sorted(scores.reason_labels.items()):
        if not code & bit:
            continue
        if bit == NO_SHARED_LANGUAGE:
            out.append(f"No shared language: mentee uses {_language_list(mentee, labels)}; "
                       f"mentor uses {_language_list(mentor, labels)}.")
        elif bit == MEETING_MODE:
            out.append(f"Meeting modes do not fit: mentee meets "
                       f"{_MODE_WORDS.get(mentee.get('meeting_mode'), 'either way')}, mentor "
                       f"{_MODE_WORDS.get(mentor.get('meeting_mode'), 'either way')}.")
        elif bit == BELOW_MIN_SCORE:
            out.append(f"Score {scores.total[i, j]:.1f} is below the minimum "
                       f"{config.scoring.min_score:g}.")
        elif bit >= FIRST_RULE_BIT:
            out.append(f"Eligibility rule {label.removesuffix(' not met')} is not met.")
        else:  # same organisation, forbidden, gender preference
            out.append(_SENTENCES[bit])
    return out


_SENTENCES = {
    SAME_ORGANISATION: "Same organisation (conflict of interest).",
    FORBIDDEN: "Forbidden by the coordinator.",
    GENDER_PREFERENCE: "The mentee's gender preference is not met.",
}


def _languages(mentee, mentor, labels) -> str:
    le, lr = _dict(mentee.get("languages")), _dict(mentor.get("languages"))
    shared = sorted((-min(le[c], lr[c]), c) for c in le.keys() & lr.keys() if le[c] and lr[c])
    names = labels("languages", [c for _, c in shared])
    basic = " (at a basic level)" if shared and -shared[0][0] == 1 else ""
    return f"Both use {_join(names)}{basic}."


def _field(mentee, mentor, labels, ctx, i, j) -> str:
    fe, fr = _tuple(mentee.get("fields")), _tuple(mentor.get("fields"))
    same = [k for k in fe if k in fr]
    if same:
        return f"Same field: {_join(labels('fields', same))}."
    related = [(a, b) for a in fe for b in fr
               if any(a in g and b in g for g in ctx.config.scoring.related_fields)]
    if related:
        a, b = related[0]
        return f"Related fields: {labels('fields', [a])[0]} and {labels('fields', [b])[0]}."
    if fe and fr:
        return (f"Different fields: {_join(labels('fields', fe))} (mentee), "
                f"{_join(labels('fields', fr))} (mentor).")
    # an answer outside the field list: the text similarity of the answers is the signal
    sentence = f"The {'mentee' if not fe else 'mentor'}'s field is not in the field list."
    text = _text_similarity(ctx.encoded_mentees.field_text, ctx.encoded_mentors.field_text, i, j)
    return sentence if text is None else f"{sentence} Field answers' text similarity {text:.2f}."


def _goals(mentee, mentor, labels) -> str:
    goals, topics = _tuple(mentee.get("goals")), set(_tuple(mentor.get("topics")))
    if not goals:
        return "Mentee chose no goal topics."
    offered = [g for g in goals if g in topics]
    if len(goals) == 1:
        return (f"{'Offers' if offered else 'Does not offer'} the mentee's goal: "
                f"{labels('goals', goals)[0]}.")
    if not offered:
        return f"Offers none of the mentee's {len(goals)} goals."
    if len(offered) == len(goals):
        return f"Offers all {len(goals)} of the mentee's goals: {', '.join(labels('goals', offered))}."
    return (f"Offers {len(offered)} of the mentee's {len(goals)} goals: "
            f"{', '.join(labels('goals', offered))}.")


def _location(mentee, mentor, code: int) -> str:
    ce, cr = _text(mentee.get("city")), _text(mentor.get("city"))
    modes = {mentee.get("meeting_mode") or "either", mentor.get("meeting_mode") or "either"}
    same_city = bool(ce) and ce.casefold() == cr.casefold()
    if same_city and "remote" not in modes:
        return f"Both in {ce}."
    if same_city and "in_person" not in modes:
        return f"Both in {ce}; can also meet remotely."
    where = ", ".join(f"{who} in {city}" for who, city in (("mentee", ce), ("mentor", cr)) if city)
    where = f" ({where})" if where else ""
    if "in_person" not in modes:
        return f"Can meet remotely{where}."
    if "remote" in modes:  # in person only vs remote only
        return "" if code & MEETING_MODE else "Meeting modes do not fit."
    return f"Cannot meet in person{where} and not both open to remote meetings."


def _text_similarity(a, b, i: int, j: int) -> float | None:
    """Cosine of two persons' text vectors (None when either wrote nothing): one dot product."""
    if not (a.present[i] and b.present[j]):
        return None
    return float(np.clip(a.vectors[i] @ b.vectors[j], 0.0, 1.0))


def _language_list(person, labels) -> str:
    languages = _dict(person.get("languages"))
    codes = sorted((c for c in languages if languages[c]), key=lambda c: (-languages[c], c))
    return ", ".join(labels("languages", codes)) or "no language given"


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _dict(value) -> dict:
    return value if isinstance(value, dict) else {}


def _tuple(value) -> tuple:
    return tuple(value) if isinstance(value, (tuple, list)) else ()


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""
