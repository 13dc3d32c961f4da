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
from matcher.i18n import LABELS, join, number, t
from matcher.places import about_km, municipalities
from matcher.scoring.constraints import (BELOW_MIN_SCORE, FIRST_RULE_BIT, FORBIDDEN, GENDER_PREFERENCE,
                                         MEETING_MODE, NO_SHARED_LANGUAGE,
                                         LANGUAGE_WISH, SAME_FIELD_WISH, SAME_ORGANISATION, TOO_FAR, WISH_CHECKS,
                                         labels_of, soft_wishes)

_MODE_WORDS = {"in_person": "explain.only_in_person", "remote": "explain.only_remotely"}
#: catalogue keys of the fixed hard-constraint reasons (eligibility rules use "reason.rule")
_REASON_KEYS = {
    NO_SHARED_LANGUAGE: "reason.no_shared_language", SAME_ORGANISATION: "reason.same_organisation",
    FORBIDDEN: "reason.forbidden", MEETING_MODE: "reason.meeting_mode",
    GENDER_PREFERENCE: "reason.gender_preference", BELOW_MIN_SCORE: "reason.below_min_score",
    TOO_FAR: "reason.too_far", SAME_FIELD_WISH: "reason.same_field_wish", LANGUAGE_WISH: "reason.language_wish",
}
_SENTENCES = {
    SAME_ORGANISATION: "explain.same_organisation",
    FORBIDDEN: "explain.forbidden",
}


def reason_label(bit: int, labels: dict[int, str], language: str = "en") -> str:
    """The short label of one hard-constraint reason bit in ``language``.

    ``labels`` are :attr:`Scores.reason_labels` (English); a reason without a catalogue entry
    keeps its English label.

    >>> from matcher.scoring.constraints import reason_labels
    >>> from matcher.config import ConstraintConfig, Rule
    >>> labels = reason_labels(ConstraintConfig(rules=(Rule("mentor", "years_in_finland", ">=", 3.0),)))
    >>> reason_label(NO_SHARED_LANGUAGE, labels, "fi"), reason_label(FIRST_RULE_BIT, labels, "sv")
    ('ei yhteistä kieltä', 'villkoret mentor years_in_finland >= 3 uppfylls inte')
    """
    if bit in _REASON_KEYS:
        return t(_REASON_KEYS[bit], language)
    if bit >= FIRST_RULE_BIT and bit in labels:
        return t("reason.rule", language, rule=labels[bit].removesuffix(" not met"))
    return labels[bit]


def explain_pair(scores, i: int, j: int) -> str:
    """Explanation of the pair at row ``i``, column ``j`` of ``scores`` (a :class:`Scores`), in
    the round's language (``[round] language``)."""
    code = int(scores.reason_codes[i, j])
    ctx = scores.context
    if ctx is None:  # a Scores built by hand carries no tables: the reasons are all we know
        return " ".join(_capital(label) + "." for label in labels_of(code, scores.reason_labels))
    mentee, mentor = ctx.mentee_rows[i], ctx.mentor_rows[j]
    labels = ctx.labels
    lang = labels.language
    sentences = _reasons(code, scores, i, j, mentee, mentor, labels)
    if not code & NO_SHARED_LANGUAGE:
        sentences.append(_languages(mentee, mentor, labels))
    sentences += [_field(mentee, mentor, labels, ctx, i, j), _goals(mentee, mentor, labels, ctx),
                  _location(mentee, mentor, code, ctx, i, j, lang)]
    sentences += _soft_wishes(scores, i, j, mentee, mentor, labels)
    if "experience" in scores.weights:
        sentences.append(experience_sentence(mentor, lang))
    if "gender" in scores.weights:
        sentences.append(gender_sentence(scores, i, j, mentee, lang))
    return " ".join(s for s in sentences if s)


def experience_sentence(mentor, lang: str) -> str:
    """The mentor's years of experience (the ``experience`` component's sentence)."""
    years = pd.to_numeric(pd.Series([mentor.get("years_experience")]), errors="coerce")[0]
    return (t("explain.no_experience", lang) if np.isnan(years)
            else t("explain.experience", lang, years=number(years, lang, None)))


def gender_sentence(scores, i: int, j: int, mentee, lang: str) -> str:
    """Whether the mentor meets the mentee's gender preference ("" when the mentee stated none)."""
    if not as_text(mentee.get("gender_preference")):
        return ""
    return t("explain.gender_match" if float(scores.components["gender"][i, j]) == 1.0
             else "explain.gender_no_match", lang)


class Labels:
    """Display labels in the round's language, including keys a round config added to a
    vocabulary (shown as the config names them)."""

    def __init__(self, extra, language: str = "en"):
        self.language = language
        self._vocabularies = {kind: vocab.vocabulary(kind, extra) for kind in
                              ("languages", "fields", "goals")}

    def __call__(self, kind: str, keys) -> list[str]:
        translated = LABELS[kind] if self.language != "en" else {}
        index = 0 if self.language == "fi" else 1
        return [translated[k][index] if k in translated else self._vocabularies[kind].label(k)
                for k in keys]


def _reasons(code, scores, i, j, mentee, mentor, labels) -> list[str]:
    config = scores.context.config
    lang = labels.language
    out = []
    for bit, label in sorted(scores.reason_labels.items()):
        if not code & bit:
            continue
        if bit == NO_SHARED_LANGUAGE:
            out.append(t("explain.no_shared_language", lang, mentee=_language_list(mentee, labels),
                         mentor=_language_list(mentor, labels)))
        elif bit == MEETING_MODE:
            out.append(t("explain.meeting_modes", lang,
                         mentee=t(_MODE_WORDS.get(mentee.get("meeting_mode"), "explain.either_way"), lang),
                         mentor=t(_MODE_WORDS.get(mentor.get("meeting_mode"), "explain.either_way"), lang)))
        elif bit == BELOW_MIN_SCORE:
            out.append(t("explain.below_min_score", lang, score=number(scores.total[i, j], lang),
                         minimum=number(config.scoring.min_score, lang, None)))
        elif bit >= FIRST_RULE_BIT:
            out.append(t("explain.rule", lang, rule=label.removesuffix(" not met")))
        elif bit in _WISH_BITS:
            out.append(t("explain.hard_wish", lang, wish=_wish_sentence(bit, mentee, mentor, labels)))
        elif bit == TOO_FAR:
            out.append(t("explain.too_far", lang, where=_place_text(mentee, mentor, scores.context, i, j, lang),
                         limit=number(config.constraints.max_distance_km, lang, None)))
        elif bit in _SENTENCES:  # same organisation, forbidden
            out.append(t(_SENTENCES[bit], lang))
        else:
            out.append(_capital(label) + ".")
    return out


_WISH_BITS = frozenset(w.bit for w in WISH_CHECKS)


def _wish_sentence(bit: int, mentee, mentor, labels) -> str:
    """What the mentee wished for and why this mentor does not meet it (no free text)."""
    lang = labels.language
    if bit == GENDER_PREFERENCE:
        return t("explain.wish_gender", lang, wish=as_text(mentee.get("gender_preference")),
                 gender=as_text(mentor.get("gender")) or t("explain.not_given", lang))
    if bit == SAME_FIELD_WISH:
        return t("explain.wish_same_field", lang,
                 fields=join(labels("fields", as_tuple(mentee.get("fields"))), lang))
    return t("explain.wish_language", lang,
             languages=join(labels("languages", as_tuple(mentee.get("mentoring_languages"))), lang))


def _soft_wishes(scores, i: int, j: int, mentee, mentor, labels) -> list[str]:
    """A sentence per soft wish the pair does not meet, with the points it cost."""
    ctx = scores.context
    wishes = ctx.config.wishes
    out = []
    for wish in soft_wishes(wishes):
        if wish.fails(ctx.encoded_mentees.take(slice(i, i + 1)),
                      ctx.encoded_mentors.take(slice(j, j + 1)))[0, 0]:
            out.append(t("explain.soft_wish", labels.language,
                         wish=_wish_sentence(wish.bit, mentee, mentor, labels),
                         points=number(wishes.penalty, labels.language, None)))
    return out


def _languages(mentee, mentor, labels) -> str:
    le, lr = as_dict(mentee.get("languages")), as_dict(mentor.get("languages"))
    shared = sorted((-min(le[c], lr[c]), c) for c in le.keys() & lr.keys() if le[c] and lr[c])
    names = labels("languages", [c for _, c in shared])
    basic = t("explain.basic_level", labels.language) if shared and -shared[0][0] == 1 else ""
    return t("explain.languages", labels.language, languages=join(names, labels.language), basic=basic)


def _field(mentee, mentor, labels, ctx, i, j) -> str:
    lang = labels.language
    fe, fr = as_tuple(mentee.get("fields")), as_tuple(mentor.get("fields"))
    same = [k for k in fe if k in fr]
    if same:
        return t("explain.same_field", lang, fields=join(labels("fields", same), lang))
    related = [(a, b) for a in fe for b in fr
               if any(a in g and b in g for g in ctx.config.scoring.related_fields)]
    if related:
        a, b = related[0]
        return t("explain.related_fields", lang, mentee=labels("fields", [a])[0],
                 mentor=labels("fields", [b])[0])
    if fe and fr:
        return t("explain.different_fields", lang, mentee=join(labels("fields", fe), lang),
                 mentor=join(labels("fields", fr), lang))
    # an answer outside the field list: the text similarity of the answers is the signal
    sentence = t("explain.mentee_field_unlisted" if not fe else "explain.mentor_field_unlisted", lang)
    text = _text_similarity(ctx.encoded_mentees.field_text, ctx.encoded_mentors.field_text, i, j)
    return sentence if text is None else f"{sentence} {t('explain.field_text', lang, similarity=number(text, lang, 2))}"


def _goals(mentee, mentor, labels, ctx) -> str:
    lang = labels.language
    goals, topics = as_tuple(mentee.get("goals")), set(as_tuple(mentor.get("topics")))
    if not goals:
        return t("explain.no_goals", lang)
    offered = [g for g in goals if g in topics]
    dependent = [g for g in offered if g in ctx.config.scoring.field_dependent_goals]
    if dependent and not _fields_related(mentee, mentor, ctx):
        offered = [g for g in offered if g not in dependent]
        return (_goals_offered(goals, offered, labels) + " "
                + t("explain.field_dependent", lang, goals=_capital(join(labels("goals", dependent), lang))))
    return _goals_offered(goals, offered, labels)


def _fields_related(mentee, mentor, ctx) -> bool:
    fe, fr = as_tuple(mentee.get("fields")), as_tuple(mentor.get("fields"))
    return any(a == b or any(a in g and b in g for g in ctx.config.scoring.related_fields)
               for a in fe for b in fr)


def _goals_offered(goals: tuple, offered: list, labels) -> str:
    lang = labels.language
    if len(goals) == 1:
        return t("explain.offers_goal" if offered else "explain.not_offers_goal", lang,
                 goal=labels("goals", goals)[0])
    if not offered:
        return t("explain.offers_none", lang, n=len(goals))
    if len(offered) == len(goals):
        return t("explain.offers_all", lang, n=len(goals), goals=", ".join(labels("goals", offered)))
    return t("explain.offers_some", lang, k=len(offered), n=len(goals),
             goals=", ".join(labels("goals", offered)))


def _location(mentee, mentor, code: int, ctx, i: int, j: int, lang: str) -> str:
    modes = {mentee.get("meeting_mode") or "either", mentor.get("meeting_mode") or "either"}
    if code & TOO_FAR:
        return ""  # said among the reasons
    if {"in_person", "remote"} <= modes:  # in person only vs remote only
        return "" if code & MEETING_MODE else t("explain.modes_do_not_fit", lang)
    where = _capital(_place_text(mentee, mentor, ctx, i, j, lang))
    if "remote" in modes or _far(ctx, i, j):
        return t("explain.place_remote", lang, where=where)
    return f"{where}."


def _far(ctx, i: int, j: int) -> bool:
    """Both places known, further apart than the in-person limit and not one commuting area."""
    pe, pr = int(ctx.encoded_mentees.place[i]), int(ctx.encoded_mentors.place[j])
    limit = ctx.config.constraints.max_distance_km
    table = municipalities()
    return (pe >= 0 and pr >= 0 and limit > 0 and float(table.distances()[pe, pr]) > limit
            and not table.same_area()[pe, pr])


def _place_text(mentee, mentor, ctx, i: int, j: int, lang: str) -> str:
    """"about 15 km apart (Espoo–Helsinki)", "both in Tampere", or the places as answered
    with "distance unknown"."""
    pe, pr = int(ctx.encoded_mentees.place[i]), int(ctx.encoded_mentors.place[j])
    table = municipalities()
    if pe >= 0 and pr >= 0:
        if pe == pr:
            return t("explain.place_both_in", lang, city=table.name(pe))
        km = float(table.distances()[pe, pr])
        key = "explain.place_apart_area" if table.same_area()[pe, pr] else "explain.place_apart"
        return t(key, lang, km=about_km(km, lang), mentee=table.name(pe), mentor=table.name(pr))
    places = ", ".join(t(key, lang, city=city) if city else t(missing, lang) for key, missing, city in
                       (("explain.mentee_in", "explain.mentee_place_missing", as_text(mentee.get("city"))),
                        ("explain.mentor_in", "explain.mentor_place_missing", as_text(mentor.get("city")))))
    return t("explain.place_unknown", lang, places=places)


def _text_similarity(a, b, i: int, j: int) -> float | None:
    """Cosine of two persons' text vectors (None when either wrote nothing): one dot product."""
    if not (a.present[i] and b.present[j]):
        return None
    return float(np.clip(a.vectors[i] @ b.vectors[j], 0.0, 1.0))


def _language_list(person, labels) -> str:
    languages = as_dict(person.get("languages"))
    codes = sorted((c for c in languages if languages[c]), key=lambda c: (-languages[c], c))
    return ", ".join(labels("languages", codes)) or t("explain.no_language_given", labels.language)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


# A person's answer as its canonical type, whatever a hand-built table holds (NaN, None...).

def as_dict(value) -> dict:
    """``languages`` and other dict answers: ``{}`` when missing."""
    return value if isinstance(value, dict) else {}


def as_tuple(value) -> tuple:
    """``fields``, ``goals``, ``topics``: ``()`` when missing."""
    return tuple(value) if isinstance(value, (tuple, list)) else ()


def as_text(value) -> str:
    """A text answer, stripped: ``""`` when missing."""
    return value.strip() if isinstance(value, str) else ""
