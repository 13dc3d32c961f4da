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
from matcher.places import about_km, municipalities
from matcher.scoring.constraints import (BELOW_MIN_SCORE, FIRST_RULE_BIT, FORBIDDEN, GENDER_PREFERENCE,
                                         MEETING_MODE, NO_SHARED_LANGUAGE,
                                         SAME_FIELD_WISH, SAME_ORGANISATION, TOO_FAR, WISH_CHECKS,
                                         labels_of, soft_wishes)

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
    sentences += [_field(mentee, mentor, labels, ctx, i, j), _goals(mentee, mentor, labels, ctx),
                  _location(mentee, mentor, code, ctx, i, j)]
    sentences += _soft_wishes(scores, i, j, mentee, mentor, labels)
    if "experience" in scores.weights:
        years = pd.to_numeric(pd.Series([mentor.get("years_experience")]), errors="coerce")[0]
        sentences.append("Mentor's experience not given." if np.isnan(years)
                         else f"Mentor has {years:g} years of experience.")
    if "gender" in scores.weights and _text(mentee.get("gender_preference")):
        sentences.append("Matches the mentee's gender wish."
                         if float(scores.components["gender"][i, j]) == 1.0
                         else "Does not match the mentee's gender wish.")
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
        elif bit in _WISH_BITS:
            out.append(_wish_sentence(bit, mentee, mentor, labels) + " (a hard wish).")
        elif bit == TOO_FAR:
            out.append(f"Too far apart to meet in person: {_place_text(mentee, mentor, scores.context, i, j)}; "
                       f"the limit is {config.constraints.max_distance_km:g} km and one of them "
                       "meets only in person.")
        else:  # same organisation, forbidden
            out.append(_SENTENCES[bit])
    return out


_SENTENCES = {
    SAME_ORGANISATION: "Same organisation (conflict of interest).",
    FORBIDDEN: "Forbidden by the coordinator.",
}
_WISH_BITS = frozenset(w.bit for w in WISH_CHECKS)


def _wish_sentence(bit: int, mentee, mentor, labels) -> str:
    """What the mentee wished for and why this mentor does not meet it (no free text)."""
    if bit == GENDER_PREFERENCE:
        gender = _text(mentor.get("gender")) or "not given"
        return (f"The mentee wished for a mentor who is a {_text(mentee.get('gender_preference'))}; "
                f"this mentor's gender: {gender}")
    if bit == SAME_FIELD_WISH:
        return (f"The mentee wished for a mentor from the same field only "
                f"({_join(labels('fields', _tuple(mentee.get('fields'))))})")
    wished = _join(labels("languages", _tuple(mentee.get("mentoring_languages"))))
    return f"The mentee wished to be mentored in {wished}, which this mentor does not speak"


def _soft_wishes(scores, i: int, j: int, mentee, mentor, labels) -> list[str]:
    """A sentence per soft wish the pair does not meet, with the points it cost."""
    ctx = scores.context
    wishes = ctx.config.wishes
    out = []
    for wish in soft_wishes(wishes):
        if wish.fails(ctx.encoded_mentees.take(slice(i, i + 1)),
                      ctx.encoded_mentors.take(slice(j, j + 1)))[0, 0]:
            out.append(_wish_sentence(wish.bit, mentee, mentor, labels)
                       + f" (a soft wish: {wishes.penalty:g} points off).")
    return out


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


def _goals(mentee, mentor, labels, ctx) -> str:
    goals, topics = _tuple(mentee.get("goals")), set(_tuple(mentor.get("topics")))
    if not goals:
        return "Mentee chose no goal topics."
    offered = [g for g in goals if g in topics]
    dependent = [g for g in offered if g in ctx.config.scoring.field_dependent_goals]
    if dependent and not _fields_related(mentee, mentor, ctx):
        offered = [g for g in offered if g not in dependent]
        return (_goals_offered(goals, offered, labels) + f" {_capital(_join(labels('goals', dependent)))} "
                "not counted: it depends on the field, and the fields differ.")
    return _goals_offered(goals, offered, labels)


def _fields_related(mentee, mentor, ctx) -> bool:
    fe, fr = _tuple(mentee.get("fields")), _tuple(mentor.get("fields"))
    return any(a == b or any(a in g and b in g for g in ctx.config.scoring.related_fields)
               for a in fe for b in fr)


def _goals_offered(goals: tuple, offered: list, labels) -> str:
    if len(goals) == 1:
        return (f"{'Offers' if offered else 'Does not offer'} the mentee's goal: "
                f"{labels('goals', goals)[0]}.")
    if not offered:
        return f"Offers none of the mentee's {len(goals)} goals."
    if len(offered) == len(goals):
        return f"Offers all {len(goals)} of the mentee's goals: {', '.join(labels('goals', offered))}."
    return (f"Offers {len(offered)} of the mentee's {len(goals)} goals: "
            f"{', '.join(labels('goals', offered))}.")


def _location(mentee, mentor, code: int, ctx, i: int, j: int) -> str:
    modes = {mentee.get("meeting_mode") or "either", mentor.get("meeting_mode") or "either"}
    if code & TOO_FAR:
        return ""  # said among the reasons
    if {"in_person", "remote"} <= modes:  # in person only vs remote only
        return "" if code & MEETING_MODE else "Meeting modes do not fit."
    where = _capital(_place_text(mentee, mentor, ctx, i, j))
    if "remote" in modes or _far(ctx, i, j):
        return f"{where}; can meet remotely."
    return f"{where}."


def _far(ctx, i: int, j: int) -> bool:
    """Both places known, further apart than the in-person limit and not one commuting area."""
    pe, pr = int(ctx.encoded_mentees.place[i]), int(ctx.encoded_mentors.place[j])
    limit = ctx.config.constraints.max_distance_km
    table = municipalities()
    return (pe >= 0 and pr >= 0 and limit > 0 and float(table.distances()[pe, pr]) > limit
            and not table.same_area()[pe, pr])


def _place_text(mentee, mentor, ctx, i: int, j: int) -> str:
    """"about 15 km apart (Espoo–Helsinki)", "both in Tampere", or the places as answered
    with "distance unknown"."""
    pe, pr = int(ctx.encoded_mentees.place[i]), int(ctx.encoded_mentors.place[j])
    table = municipalities()
    if pe >= 0 and pr >= 0:
        if pe == pr:
            return f"both in {table.name(pe)}"
        km = float(table.distances()[pe, pr])
        area = ", one commuting area" if table.same_area()[pe, pr] else ""
        return f"{about_km(km)} apart ({table.name(pe)}–{table.name(pr)}{area})"
    answers = [f"{who} in {city}" if city else f"{who}'s place not given" for who, city in
               (("mentee", _text(mentee.get("city"))), ("mentor", _text(mentor.get("city"))))]
    return f"distance unknown ({', '.join(answers)})"


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
