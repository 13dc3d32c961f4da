"""The score components: one function per component, each a whole-matrix operation.

Every function takes the encoded mentees (possibly a block of them), the encoded mentors and the
round's :class:`~matcher.config.ScoringConfig`, and returns an ``(n_mentees, n_mentors)`` float32
matrix in [0, 1]. The mathematics is documented in docs/scoring.md. An answer missing on either
side gives the neutral value :data:`NEUTRAL` rather than 0: unknown is not a mismatch.

Example
-------
>>> import pandas as pd
>>> from matcher.config import ScoringConfig
>>> from matcher.scoring.encode import encode_pair
>>> mentees = pd.DataFrame({"goals": [("networking", "strengths")]}, index=["e1"])
>>> mentors = pd.DataFrame({"topics": [("networking",), ("networking", "strengths")]},
...                        index=["r1", "r2"])
>>> e, r = encode_pair(mentees, mentors)
>>> goals(e, r, ScoringConfig()).tolist()
[[0.5, 1.0]]
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from matcher.config import ScoringConfig
from matcher.places import municipalities
from matcher.scoring.encode import IN_PERSON, REMOTE, People
from matcher.scoring.text import TextEmbeddings, similarity

#: the value of a component when the answer it needs is missing on either side
NEUTRAL = np.float32(0.5)
#: language levels: 1 basic, 2 good, 3 fluent, 4 native; from fluent on, quality is full
GOOD, FLUENT = 2, 3


def field(mentees: People, mentors: People, config: ScoringConfig) -> np.ndarray:
    """Field match: 1 for a shared canonical field, ``related_field_score`` for related fields,
    or ``field_text_weight`` × text similarity of the field answers, whichever is highest.

    Text similarity (mentee field answer vs mentor field answer and job title) rescues answers
    outside the vocabulary ("pelisuunnittelu" vs "game designer"). Neutral when either side
    gave neither a canonical field nor a field text.
    """
    fe, fr = mentees.fields, mentors.fields
    same = _any_shared(fe, fr)
    related = _any_shared(fe @ _relation(config.related_fields, mentors.vocab.fields), fr)
    score = np.maximum(same, np.float32(config.related_field_score) * related)
    text = similarity(mentees.field_text, mentors.field_text)
    np.maximum(score, np.float32(config.field_text_weight) * text, out=score)
    known_e = (_row_counts(fe) > 0) | mentees.field_text.present
    known_r = (_row_counts(fr) > 0) | mentors.field_text.present
    return _neutral_where_unknown(score, known_e, known_r)


def goals(mentees: People, mentors: People, config: ScoringConfig) -> np.ndarray:
    """Goals match, led by the mentee: the share of the mentee's goal topics the mentor offers,
    blended with text similarity of the mentee's goals to the mentor's description.

    ``goals = (1 − s) · offered/|mentee goals| + s · text`` with ``s = goals_text_share``. A goal
    of ``field_dependent_goals`` ("field requirements and qualifications") is offered only by a
    mentor of the same or a related field. When only one part is available for a pair (no topics ticked, or a text missing) that part alone
    counts; when neither is, the pair gets the neutral value.
    """
    ge, gr = mentees.topics, mentors.topics
    n_goals = _row_counts(ge)
    dependent = np.isin(np.array(mentees.vocab.goals, dtype=object),
                        config.field_dependent_goals).astype(np.float32)
    score = (ge * (1 - dependent)) @ gr.T  # topics offered; 0 where either side ticked none
    if dependent.any():  # goals that count only within the same or a related field
        score += ((ge * dependent) @ gr.T) * fields_related(mentees, mentors, config)
    score /= np.maximum(n_goals, 1)[:, None]
    text = similarity(mentees.goals_text, mentors.goals_text)  # 0 where either text is missing
    # which parts a pair has depends only on one class per person (ticked topics?, wrote a
    # text?), so the blend's coefficients are looked up, not built from pair-sized bool masks;
    # both parts are 0 where missing, so share·a + text·b + c is exactly the documented case
    mix = _goals_mix(np.float32(config.goals_text_share))
    coefficients = mix[:, :, _goals_class(gr, mentors.goals_text)][:, _goals_class(ge,
                                                                                   mentees.goals_text)]
    score *= coefficients[0]
    text *= coefficients[1]
    score += text
    score += coefficients[2]
    return score


def _goals_class(indicator: np.ndarray, text: TextEmbeddings) -> np.ndarray:
    """0 neither topics nor text, 1 topics only, 2 text only, 3 both."""
    return (_row_counts(indicator) > 0).astype(np.intp) + 2 * text.present


def _goals_mix(s: np.float32) -> np.ndarray:
    """(3, 4, 4) float32: the coefficients of share, of text and the constant of the goals score
    by mentee class × mentor class (:func:`_goals_class`)."""
    has_share = (np.arange(4)[:, None] & np.arange(4)[None, :] & 1) > 0
    has_text = (np.arange(4)[:, None] & np.arange(4)[None, :] & 2) > 0
    both = has_share & has_text
    return np.stack([np.where(both, 1 - s, np.where(has_share, 1, 0)),
                     np.where(both, s, np.where(has_text, 1, 0)),
                     np.where(has_share | has_text, 0, NEUTRAL)]).astype(np.float32)


def language(mentees: People, mentors: People, config: ScoringConfig) -> np.ndarray:
    """Language match: ``(quality + strongest) / 2``, 0 without a shared language.

    ``quality`` is the best level both reach in one shared language (basic 1/3, good 2/3, fluent
    or native 1); ``strongest`` is 1 when the mentor speaks the mentee's strongest language at a
    good level or better. Levels compare by thresholds: "both reach level k in some language" is
    a product of 0/1 matrices ``(Lₑ ≥ k) (Lᵣ ≥ k)ᵀ > 0``, so no loop over pairs or languages.
    """
    quality = sum(_shares_at(mentees.languages, mentors.languages, k) for k in (1, GOOD, FLUENT))
    strongest = _strongest(mentees.languages)
    speaks_well = (mentors.languages >= GOOD).astype(np.float32)
    shares_strongest = (strongest @ speaks_well.T) > 0
    score = (quality / np.float32(FLUENT) + shares_strongest) / np.float32(2)
    return np.where(quality > 0, score, np.float32(0)).astype(np.float32, copy=False)


def location(mentees: People, mentors: People, config: ScoringConfig) -> np.ndarray:
    """Location and meeting mode. In person, the score decays with the distance between the two
    municipalities, ``0.5 ** (km / distance_half_km)`` (1 in the same municipality), neutral when
    either place is unknown; a pair that can also meet remotely gets at least ``remote_score``;
    a mentee who wants remote meetings and a mentor who accepts them get 1; in person only vs
    remote only gets 0.
    """
    me, mr = mentees.mode[:, None], mentors.mode[None, :]
    km, known = place_distances(mentees, mentors)
    in_person = np.where(known, np.exp2(-km / np.float32(config.distance_half_km)), NEUTRAL)
    can_meet_in_person = (me != REMOTE) & (mr != REMOTE)
    remote = (me != IN_PERSON) & (mr != IN_PERSON)
    score = np.where(can_meet_in_person, in_person, np.float32(0))
    score = np.where(remote, np.maximum(score, np.float32(config.remote_score)), score)
    score = np.where((me == REMOTE) & remote, np.float32(1), score)
    return score.astype(np.float32, copy=False)


def place_distances(mentees: People, mentors: People) -> tuple[np.ndarray, np.ndarray]:
    """float32 km between the two people's municipalities (gathered from the small table of
    municipality distances) and the bool mask of pairs where both places are known."""
    pe, pr = mentees.place, mentors.place
    km = municipalities().distances()[np.maximum(pe, 0)[:, None], np.maximum(pr, 0)[None, :]]
    return km, (pe >= 0)[:, None] & (pr >= 0)[None, :]


def same_area(mentees: People, mentors: People) -> np.ndarray:
    """bool: the pair lives in one commuting area (:mod:`matcher.places`); False when unknown."""
    pe, pr = mentees.place, mentors.place
    area = municipalities().same_area()[np.maximum(pe, 0)[:, None], np.maximum(pr, 0)[None, :]]
    return area & (pe >= 0)[:, None] & (pr >= 0)[None, :]


def experience(mentees: People, mentors: People, config: ScoringConfig) -> np.ndarray:
    """Mentor experience: years of working experience / ``experience_years``, capped at 1;
    neutral when the mentor did not say. The same for every mentee (a column broadcast)."""
    years = mentors.years_experience
    per_mentor = np.where(np.isnan(years), NEUTRAL,
                          np.clip(years / np.float32(config.experience_years), 0, 1))
    return np.broadcast_to(per_mentor.astype(np.float32), (len(mentees), len(mentors))).copy()


def gender(mentees: People, mentors: People, config: ScoringConfig) -> np.ndarray:
    """Gender preference: 1 when the mentee has none or the mentor's gender matches it, neutral
    when the mentor's gender is unknown, 0 otherwise."""
    preference = mentees.gender_preference[:, None]
    matches = preference == mentors.gender[None, :]
    score = np.where(matches, np.float32(1),
                     np.where(mentors.gender[None, :] < 0, NEUTRAL, np.float32(0)))
    return np.where(preference < 0, np.float32(1), score).astype(np.float32, copy=False)


#: component name -> function, in the order components are reported
COMPONENTS: dict[str, Callable[[People, People, ScoringConfig], np.ndarray]] = {
    "field": field, "goals": goals, "language": language, "location": location,
    "experience": experience, "gender": gender,
}
#: component name -> the mentee attributes (of :class:`People`) its rows depend on; a row of a
#: component is the same for two mentees with the same values there (scoring relies on it to
#: compute each row once per distinct combination of answers)
MENTEE_INPUTS: dict[str, tuple[str, ...]] = {
    "field": ("fields", "field_text"), "goals": ("topics", "goals_text", "fields"),
    "language": ("languages",), "location": ("place", "mode"), "experience": (),
    "gender": ("gender_preference",),
}


def fields_related(mentees: People, mentors: People, config: ScoringConfig) -> np.ndarray:
    """1.0 where the two share a canonical field or have related ones, else 0.0 (float32)."""
    fe = mentees.fields
    return _any_shared(fe + fe @ _relation(config.related_fields, mentors.vocab.fields),
                       mentors.fields)


def shares_language(mentees: People, mentors: People) -> np.ndarray:
    """Bool matrix: the pair has at least one language in common (at any level)."""
    return _shares_at(mentees.languages, mentors.languages, 1) > 0


def _shares_at(le: np.ndarray, lr: np.ndarray, level: int) -> np.ndarray:
    """1.0 where both reach ``level`` in at least one common language, else 0.0 (float32)."""
    product = (le >= level).astype(np.float32) @ (lr >= level).astype(np.float32).T
    return (product > 0).astype(np.float32)


def _strongest(levels: np.ndarray) -> np.ndarray:
    """0/1 matrix of each person's strongest language(s) (ties: all of them); none when no
    language was read in the round (``initial=0``: a zero-column ``levels`` has no maximum)."""
    top = levels.max(axis=1, keepdims=True, initial=0)
    return ((levels == top) & (top > 0)).astype(np.float32)


def _any_shared(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """1.0 where row i of ``a`` and row j of ``b`` share a column, else 0.0 (float32)."""
    return ((a @ b.T) > 0).astype(np.float32)


def _relation(groups: tuple[tuple[str, ...], ...], keys: tuple[str, ...]) -> np.ndarray:
    """Field × field 0/1 matrix of *related, not identical* fields from the config's groups
    (keys in no group, or not in this round, relate to nothing)."""
    position = {key: i for i, key in enumerate(keys)}
    pairs = sorted({(position[a], position[b]) for group in groups for a in group for b in group
                    if a != b and a in position and b in position})
    relation = np.zeros((len(keys), len(keys)), dtype=np.float32)
    relation[tuple(np.array(pairs, dtype=np.int64).reshape(-1, 2).T)] = 1.0
    return relation


def _row_counts(indicator: np.ndarray) -> np.ndarray:
    return indicator.sum(axis=1)


def _neutral_where_unknown(score: np.ndarray, known_e: np.ndarray, known_r: np.ndarray
                           ) -> np.ndarray:
    return np.where(known_e[:, None] & known_r[None, :], score, NEUTRAL).astype(np.float32,
                                                                                copy=False)
