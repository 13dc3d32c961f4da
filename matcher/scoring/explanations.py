"""Explanations of many pairs at once (a matching's), each sentence written once per distinct answer.

:func:`~matcher.scoring.explain.explain_pair` writes one pair's sentences from the two persons'
answers. Across a matching most pairs repeat the same few answer combinations (the same two
language profiles, the same field pair, the same goals against the same topics), so
:func:`explain_pairs` keys every sentence by the answers it is built from (whole-column class ids
of each person's answers, gathered for all pairs at once), writes it once per distinct key with
the very functions :func:`explain_pair` uses, and spreads the texts back over the pairs: the same
text as pair by pair, with a few hundred sentence calls instead of one explanation call per pair.
Sentences that depend on the pair itself (an infeasible pair's reasons, a soft wish's check, the
text similarity of unlisted fields) are keyed by the pair.

Example
-------
>>> import pandas as pd
>>> from matcher.scoring import score_pairs
>>> mentees = pd.DataFrame({"fields": [("ict",), ("ict",)], "languages": [{"fi": 4}, {"fi": 4}],
...     "goals": [("networking",), ("networking",)], "city": ["Tampere", "Turku"]}, index=["e1", "e2"])
>>> mentors = pd.DataFrame({"fields": [("ict",)], "languages": [{"fi": 4}],
...     "topics": [("networking",)], "city": ["Tampere"]}, index=["r1"])
>>> scores = score_pairs(mentors, mentees)
>>> explain_pairs(scores, np.array([0, 1]), np.array([0, 0])) == [
...     explain_pair(scores, 0, 0), explain_pair(scores, 1, 0)]
True
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from matcher.scoring.constraints import NO_SHARED_LANGUAGE, soft_wishes
from matcher.scoring.explain import (_field, _goals, _languages, _location, _reasons, _soft_wishes,
                                     as_tuple, experience_sentence, explain_pair, gender_sentence)

#: the answers each side's sentences read (``person.get(column)``)
#: the answers each side's sentences are keyed by, as whole answers (languages, goals and topics
#: are keyed finer: :func:`shared_levels`, :func:`goal_keys`)
EXPLAINED_MENTEE_ANSWERS = ("fields", "goals", "meeting_mode", "city", "gender_preference")
EXPLAINED_MENTOR_ANSWERS = ("fields", "meeting_mode", "city", "years_experience")


def explain_pairs(scores, rows: np.ndarray, cols: np.ndarray) -> list[str]:
    """:func:`~matcher.scoring.explain.explain_pair` of the pairs ``(rows[k], cols[k])``.

    Parameters
    ----------
    scores : Scores
        The round's scores (with their :class:`~matcher.scoring.scores.PairContext`).
    rows, cols : ndarray
        Mentee rows and mentor columns of the pairs, equally long.

    Returns
    -------
    list of str
        One explanation per pair, in the order given, identical to ``explain_pair``'s.
    """
    rows, cols = np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64)
    ctx = scores.context
    if ctx is None or not len(rows):  # a Scores built by hand: its reasons only
        return [explain_pair(scores, i, j) for i, j in zip(rows.tolist(), cols.tolist())]
    mentees, mentors, labels = ctx.mentee_rows, ctx.mentor_rows, ctx.labels
    e = {column: answer_classes(ctx.mentees, column)[rows] for column in EXPLAINED_MENTEE_ANSWERS}
    r = {column: answer_classes(ctx.mentors, column)[cols] for column in EXPLAINED_MENTOR_ANSWERS}
    codes = scores.reason_codes[rows, cols].astype(np.int64)
    pair = np.arange(len(rows))
    place_e, place_r = ctx.encoded_mentees.place[rows], ctx.encoded_mentors.place[cols]

    def each(keys: Sequence[np.ndarray], write: Callable[[int, int, int], str]) -> np.ndarray:
        return once_per_distinct(keys, lambda k: write(int(rows[k]), int(cols[k]), int(codes[k])))

    no_language = (codes & NO_SHARED_LANGUAGE) != 0
    # the text similarity of the field answers is said only when a side's field is unlisted
    fields_e, fields_r, field_keys = _membership([_column(ctx.mentees, "fields"), _column(ctx.mentors, "fields")])
    listed_e, listed_r = np.any(fields_e, axis=1), np.any(fields_r, axis=1)
    unlisted = ~(listed_e[rows] & listed_r[cols])
    # the city answers are said only when a side's place is unknown
    place_unknown = (place_e < 0) | (place_r < 0)
    sentences = [
        each([np.where(codes != 0, pair, -1)],
             lambda i, j, c: " ".join(s for s in _reasons(c, scores, i, j, mentees[i], mentors[j], labels) if s)),
        each([no_language, *shared_levels(ctx.mentees, ctx.mentors, rows, cols).T],
             lambda i, j, c: "" if c & NO_SHARED_LANGUAGE else _languages(mentees[i], mentors[j], labels)),
        each([e["fields"], r["fields"], np.where(unlisted, pair, -1)],
             lambda i, j, c: _field(mentees[i], mentors[j], labels, ctx, i, j)),
        each(goal_keys(ctx, e["goals"], (fields_e[rows], fields_r[cols], field_keys), rows, cols),
             lambda i, j, c: _goals(mentees[i], mentors[j], labels, ctx)),
        each([codes, e["meeting_mode"], r["meeting_mode"], place_e, place_r,
              np.where(place_unknown, e["city"], -1), np.where(place_unknown, r["city"], -1)],
             lambda i, j, c: _location(mentees[i], mentors[j], c, ctx, i, j, labels.language)),
    ]
    if soft_wishes(ctx.config.wishes):  # checked on the pair's own encodings
        sentences.append(each([pair], lambda i, j, c: " ".join(
            s for s in _soft_wishes(scores, i, j, mentees[i], mentors[j], labels) if s)))
    if "experience" in scores.weights:
        sentences.append(each([r["years_experience"]],
                              lambda i, j, c: experience_sentence(mentors[j], labels.language)))
    if "gender" in scores.weights:
        matched = np.asarray(scores.components["gender"][rows, cols], dtype=np.float64) == 1.0
        sentences.append(each([e["gender_preference"], matched],
                              lambda i, j, c: gender_sentence(scores, i, j, mentees[i], labels.language)))
    return joined(sentences).tolist()


def shared_levels(mentees, mentors, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Per pair, the level both persons have of each language (the lower of the two; 0 where
    either lacks it): what the languages sentence is written from. A level that is no whole
    number leaves the key to the two persons' whole answers.

    >>> import pandas as pd
    >>> e = pd.DataFrame({"languages": [{"fi": 4, "en": 2}, {"sv": 3}]})
    >>> r = pd.DataFrame({"languages": [{"en": 3, "fi": 1}]})
    >>> shared_levels(e, r, np.array([0, 1]), np.array([0, 0]))  # columns: en, fi, sv
    array([[2, 1, 0],
           [0, 0, 0]])
    """
    answers_e, answers_r = (_column(frame, "languages") for frame in (mentees, mentors))
    dicts = [a if isinstance(a, dict) else {} for a in answers_e + answers_r]
    codes = sorted({code for levels in dicts for code in levels})
    if not all(type(level) is int for levels in dicts for level in levels.values()):
        return np.stack([answer_classes(mentees, "languages")[rows], answer_classes(mentors, "languages")[cols]], axis=1)
    index = {code: k for k, code in enumerate(codes)}
    levels = np.zeros((len(dicts), len(codes)), dtype=np.int64)
    for person, answer in enumerate(dicts):
        for code, level in answer.items():
            levels[person, index[code]] = level
    e, r = levels[:len(answers_e)][rows], levels[len(answers_e):][cols]
    return np.where((e != 0) & (r != 0), np.minimum(e, r), 0)


def goal_keys(ctx, goal_classes: np.ndarray, fields: tuple, rows: np.ndarray,
              cols: np.ndarray) -> list[np.ndarray]:
    """What the goals sentence is written from, per pair: the mentee's goals, which of them the
    mentor offers (packed bits), and (when a field-dependent goal is among them) whether the
    fields are related. ``fields`` are the pairs' field memberships and the field keys
    (:func:`_membership`)."""
    scoring = ctx.config.scoring
    goals = _membership([_column(ctx.mentees, "goals"), _column(ctx.mentors, "topics")])
    offered = goals[0][rows] & goals[1][cols]
    dependent = np.isin(np.array(goals[2], dtype=object), list(scoring.field_dependent_goals))
    fe, fr = fields[0], fields[1]
    related = (fe & fr).any(axis=1)
    for group in scoring.related_fields:
        in_group = np.isin(np.array(fields[2], dtype=object), list(group))
        related |= (fe & in_group).any(axis=1) & (fr & in_group).any(axis=1)
    return [goal_classes, *np.packbits(offered, axis=1).T,
            np.where((offered & dependent).any(axis=1), related, -1)]


def _membership(sides: list[list]) -> tuple[np.ndarray, np.ndarray, list]:
    """Each person's keys (``fields``, ``goals``...) of two sides as boolean rows over the keys
    either side holds, and those keys (in first-seen order)."""
    answers = [[as_tuple(value) for value in side] for side in sides]
    flat = pd.Series([key for side in answers for keyset in side for key in keyset], dtype=object)
    codes, keys = pd.factorize(flat)
    matrices, start = [], 0
    for side in answers:
        lengths = np.fromiter(map(len, side), dtype=np.int64, count=len(side))
        matrix = np.zeros((len(side), len(keys)), dtype=bool)
        matrix[np.repeat(np.arange(len(side)), lengths), codes[start:start + lengths.sum()]] = True
        matrices.append(matrix)
        start += lengths.sum()
    return matrices[0], matrices[1], list(keys)


def _column(frame, column: str) -> list:
    """A column's values (``None`` for every row of a table without it, as ``person.get`` gives)."""
    return frame[column].tolist() if column in frame.columns else [None] * len(frame)


def once_per_distinct(keys: Sequence[np.ndarray], write: Callable[[int], str]) -> np.ndarray:
    """``write(k)`` for one position ``k`` of each distinct combination of ``keys`` (the first in
    order), spread back to every position: an object array of texts.

    >>> once_per_distinct([np.array([3, 5, 3]), np.array([0, 1, 0])], lambda k: f"pair {k}")
    array(['pair 0', 'pair 1', 'pair 0'], dtype=object)
    """
    combined = np.zeros(len(keys[0]), dtype=np.int64)
    for key in keys:  # hashed, column by column: ids stay below the number of positions
        codes, distinct = pd.factorize(np.asarray(key, dtype=np.int64))
        combined = pd.factorize(combined * len(distinct) + codes)[0]
    _, first = np.unique(combined, return_index=True)
    inverse = combined
    texts = np.empty(len(first), dtype=object)
    texts[:] = [write(int(k)) for k in first]
    return texts[inverse.reshape(-1)]


def joined(sentences: Sequence[np.ndarray]) -> np.ndarray:
    """Each position's non-empty sentences joined by a space (``" ".join(s for s in ... if s)``),
    on whole object arrays.

    >>> joined([np.array(["A.", ""], dtype=object), np.array(["B.", "C."], dtype=object)])
    array(['A. B.', 'C.'], dtype=object)
    """
    out = sentences[0]
    for sentence in sentences[1:]:
        has_out, has_sentence = out != "", sentence != ""
        out = np.where(has_out & has_sentence, out + " " + sentence, np.where(has_out, out, sentence))
    return out


def answer_classes(frame, column: str) -> np.ndarray:
    """Per row, the class id of its ``column`` answer: rows with equal answers (equal dicts,
    tuples, texts; every missing answer, ``None`` or NaN, alike: the sentences read them alike)
    share an id, in first-seen order.
    A column the table lacks is one class (``person.get`` gives ``None`` for everyone).

    >>> import pandas as pd
    >>> frame = pd.DataFrame({"languages": [{"fi": 4}, {"en": 2}, {"fi": 4}], "city": ["", None, float("nan")]})
    >>> answer_classes(frame, "languages"), answer_classes(frame, "city"), answer_classes(frame, "gender")
    (array([0, 1, 0]), array([0, 1, 1]), array([0, 0, 0]))
    """
    if column not in frame.columns:
        return np.zeros(len(frame), dtype=np.int64)
    values = frame[column].tolist()
    try:  # texts, numbers, tuples: hashed in C
        return pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=False)[0].astype(np.int64)
    except TypeError:  # dicts or lists
        ids: dict = {}
        return np.array([ids.setdefault(_hashable(value), len(ids)) for value in values], dtype=np.int64)


def _hashable(value) -> tuple:
    """An answer as a dict key that equals another's only when the sentences cannot tell them apart."""
    if isinstance(value, dict):
        return ("dict", tuple(sorted(value.items())))
    if isinstance(value, (tuple, list)):
        return ("sequence", tuple(value))
    return ("value", None if value is None or value != value else value)
