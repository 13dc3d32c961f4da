"""Encode the canonical people tables once into arrays, so every component is a matrix product.

Each side (mentees, mentors) becomes a :class:`People`: one row per person, list-valued answers as
0/1 indicator matrices over a vocabulary shared by both sides (a few dozen keys, so dense float32:
products of them are fast BLAS calls), languages as a level matrix, and categorical answers (meeting mode, organisation, gender) as integer codes that
compare with ``==`` across the sides, and places as rows of the municipality table. Scoring then never looks at a single pair in Python.

Example
-------
>>> import pandas as pd
>>> mentees = pd.DataFrame({"fields": [("ict",)], "languages": [{"fi": 4}]},
...                        index=pd.Index(["e1"], name="mentee_id"))
>>> mentors = pd.DataFrame({"fields": [("ict",), ("health",)], "languages": [{"fi": 2}, {}]},
...                        index=pd.Index(["r1", "r2"], name="mentor_id"))
>>> e, r = encode_pair(mentees, mentors)
>>> e.fields.tolist(), r.languages.tolist()
([[0.0, 1.0]], [[2], [0]])
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from matcher.places import municipalities
from matcher.scoring.text import TextEmbeddings, embed_texts

#: meeting mode codes; both sides use the same coding
IN_PERSON, REMOTE, EITHER = 0, 1, 2
MODE_CODES = {"in_person": IN_PERSON, "remote": REMOTE, "either": EITHER}

#: organisation answers that name no employer: never a conflict of interest
NO_ORGANISATION = frozenset({
    "", "-", "none", "no", "n/a", "na", "ei", "ei ole", "eioo", "unemployed", "työtön",
    "jobseeker", "job seeker", "työnhakija", "not employed", "ei työpaikkaa",
})
#: legal-form suffixes dropped before comparing organisations ("Nokia Oyj" is "Nokia")
_LEGAL_SUFFIX = re.compile(r"\b(oyj|oy|ab|ltd|inc|ry|llc|gmbh|plc|corp|corporation|ky|tmi)\.?$")


@dataclass(frozen=True)
class People:
    """One side of the round as arrays (row ``i`` is the ``i``-th person of the table).

    ``fields`` and ``topics`` are float32 0/1 indicators (persons × shared vocabulary) over field
    keys and goal keys: ``topics`` are the goals a mentee wants help with, or the topics a mentor
    offers. ``languages`` holds levels 0 (none) to 4 (native) per
    shared language. Codes are ``-1`` where the answer is unknown.
    """

    ids: pd.Index
    #: column keys of ``fields``, ``topics`` (``vocab.goals``) and ``languages`` (the same on both sides)
    vocab: "SharedKeys"
    fields: np.ndarray
    topics: np.ndarray
    languages: np.ndarray
    #: row of the person's municipality in :func:`matcher.places.municipalities`, -1 unknown
    place: np.ndarray
    mode: np.ndarray
    organisation: np.ndarray
    gender: np.ndarray
    gender_preference: np.ndarray
    years_experience: np.ndarray
    #: stated wishes (mentees; empty for mentors): a mentor from the same field only, and the
    #: languages of mentoring wished for (0/1 over ``vocab.languages``, none = no wish)
    same_field_only: np.ndarray
    wish_languages: np.ndarray
    field_text: TextEmbeddings
    goals_text: TextEmbeddings

    def __len__(self) -> int:
        return len(self.ids)

    def __repr__(self) -> str:
        return (f"People({len(self)} persons, {self.fields.shape[1]} fields, "
                f"{self.topics.shape[1]} goal topics, {self.languages.shape[1]} languages)")

    def take(self, rows: slice | np.ndarray) -> "People":
        """The same encoding for a block of persons, a slice or an index array (for chunked scoring)."""
        return People(**{f.name: _rows(getattr(self, f.name), rows)
                         for f in dataclasses.fields(self)})


@dataclass(frozen=True)
class SharedKeys:
    """The shared column order of every encoded matrix (sorted keys seen on either side)."""

    fields: tuple[str, ...]
    goals: tuple[str, ...]
    languages: tuple[str, ...]


def encode_pair(mentees: pd.DataFrame, mentors: pd.DataFrame, with_text: bool = True
                ) -> tuple[People, People]:
    """Encode both canonical tables over shared vocabularies and codes.

    Parameters
    ----------
    mentees, mentors : DataFrame
        Canonical tables (docs/architecture.md). Missing columns count as unanswered.
    with_text : bool
        Embed the free-text answers (skipped when no text-based component is enabled).

    Returns
    -------
    (People, People)
        Mentees first, then mentors.
    """
    vocab = vocab_of(mentees, mentors)
    organisation = _factorize(_column(mentees, "organisation", "").map(_organisation),
                              _column(mentors, "organisation", "").map(_organisation))
    # one coding for genders and preferences, so a preference compares with a mentor's gender
    gender_e, preference, gender_r = _factorize(
        *(_column(table, name, "").map(_plain) for table, name in (
            (mentees, "gender"), (mentees, "gender_preference"), (mentors, "gender"))))
    field_text, goals_text = _embed(mentees, mentors, with_text)
    table = municipalities()
    e = People(
        ids=mentees.index, vocab=vocab, fields=_indicator(_column(mentees, "fields", ()), vocab.fields),
        topics=_indicator(_column(mentees, "goals", ()), vocab.goals),
        languages=_levels(_column(mentees, "languages", {}), vocab.languages),
        place=table.resolve_many(_column(mentees, "city", "")),
        mode=_modes(mentees), organisation=organisation[0],
        gender=gender_e, gender_preference=preference,
        years_experience=np.full(len(mentees), np.nan, dtype=np.float32),
        same_field_only=_column(mentees, "same_field_only", False).astype(bool).to_numpy(),
        wish_languages=_indicator(_column(mentees, "mentoring_languages", ()), vocab.languages),
        field_text=field_text[0], goals_text=goals_text[0])
    r = People(
        ids=mentors.index, vocab=vocab, fields=_indicator(_column(mentors, "fields", ()), vocab.fields),
        topics=_indicator(_column(mentors, "topics", ()), vocab.goals),
        languages=_levels(_column(mentors, "languages", {}), vocab.languages),
        place=table.resolve_many(_column(mentors, "city", "")),
        mode=_modes(mentors), organisation=organisation[1], gender=gender_r,
        gender_preference=np.full(len(mentors), -1, dtype=np.int32),
        years_experience=pd.to_numeric(_column(mentors, "years_experience", np.nan),
                                       errors="coerce").to_numpy(np.float32),
        same_field_only=np.zeros(len(mentors), dtype=bool),
        wish_languages=np.zeros((len(mentors), len(vocab.languages)), dtype=np.float32),
        field_text=field_text[1], goals_text=goals_text[1])
    return e, r


def vocab_of(mentees: pd.DataFrame, mentors: pd.DataFrame) -> SharedKeys:
    """The shared vocabularies :func:`encode_pair` uses (for labelling encoded columns)."""
    return SharedKeys(
        fields=_union_keys(_column(mentees, "fields", ()), _column(mentors, "fields", ())),
        goals=_union_keys(_column(mentees, "goals", ()), _column(mentors, "topics", ())),
        languages=_union_keys(_column(mentees, "languages", {}), _column(mentors, "languages", {}),
                              _column(mentees, "mentoring_languages", ())),
    )


def _column(table: pd.DataFrame, name: str, missing) -> pd.Series:
    """A column with every unanswered cell replaced by ``missing`` (absent column: all missing)."""
    if name not in table.columns:
        return pd.Series([missing] * len(table), index=table.index, dtype=object)
    values = table[name]
    if isinstance(missing, (tuple, dict)):
        return values.map(lambda v: v if isinstance(v, (tuple, list, dict, set, frozenset))
                          else missing)
    return values.where(values.notna(), missing)


def _union_keys(*columns: pd.Series) -> tuple[str, ...]:
    seen: set[str] = set()
    for column in columns:
        for value in column:
            seen.update(value)
    return tuple(sorted(seen))


def _indicator(column: pd.Series, keys: tuple[str, ...]) -> np.ndarray:
    """Persons × keys 0/1 float32 matrix (a key listed twice still counts once)."""
    indicator = np.zeros((len(column), len(keys)), dtype=np.float32)
    rows, cols, _ = _entries(column, keys)
    indicator[rows, cols] = 1.0
    return indicator


def _levels(column: pd.Series, languages: tuple[str, ...]) -> np.ndarray:
    """Persons × languages matrix of levels (0 = does not use the language), uint8."""
    levels = np.zeros((len(column), len(languages)), dtype=np.uint8)
    rows, cols, values = _entries(column, languages)
    levels[rows, cols] = values
    return levels


def _entries(column: pd.Series, keys: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray, list]:
    """Row, key position and value of every answer in a list- or dict-valued column (value 1
    for a list); one pass over the persons' few answers, not one per key."""
    position = {key: j for j, key in enumerate(keys)}
    rows, cols, values = [], [], []
    for i, answer in enumerate(column):
        pairs = answer.items() if isinstance(answer, dict) else ((key, 1) for key in answer)
        for key, value in pairs:
            rows.append(i)
            cols.append(position[key])
            values.append(value or 0)
    return np.array(rows, dtype=np.intp), np.array(cols, dtype=np.intp), values


def _plain(value: object) -> str:
    return " ".join(str(value).casefold().split())


def _organisation(value: object) -> str:
    name = _LEGAL_SUFFIX.sub("", _plain(value)).strip(" ,.")
    return "" if name in NO_ORGANISATION else name


def _factorize(*columns: pd.Series) -> list[np.ndarray]:
    """Integer codes per column, equal across columns iff the (normalised) answers are equal;
    ``-1`` for an empty answer. Codes follow sorted answer order, so they are deterministic."""
    both = pd.concat(columns, ignore_index=True)
    codes, _ = pd.factorize(both.where(both != "", None), sort=True, use_na_sentinel=True)
    ends = np.cumsum([len(c) for c in columns])[:-1]
    return [part.astype(np.int32) for part in np.split(codes, ends)]


def _modes(table: pd.DataFrame) -> np.ndarray:
    return _column(table, "meeting_mode", "either").map(MODE_CODES).fillna(EITHER).to_numpy(np.int8)


def _embed(mentees: pd.DataFrame, mentors: pd.DataFrame, with_text: bool
           ) -> tuple[tuple[TextEmbeddings, TextEmbeddings], tuple[TextEmbeddings, TextEmbeddings]]:
    """Field texts (mentee field answer; mentor field answer and job title) and goal texts
    (mentee goals; mentor description), embedded in one shared space."""
    texts = {
        "mentee_field": _column(mentees, "field_text", ""),
        "mentor_field": _column(mentors, "field_text", "").astype(str) + " "
        + _column(mentors, "job_title", "").astype(str),
        "mentee_goals": _column(mentees, "goals_text", ""),
        "mentor_goals": _column(mentors, "about", ""),
    }
    if not with_text:
        texts = {name: pd.Series([""] * len(values), dtype=object)
                 for name, values in texts.items()}
    embedded = embed_texts({name: values.astype(str).tolist() for name, values in texts.items()})
    return ((embedded["mentee_field"], embedded["mentor_field"]),
            (embedded["mentee_goals"], embedded["mentor_goals"]))


def _rows(value, rows: slice | np.ndarray):
    if isinstance(value, SharedKeys):
        return value
    if isinstance(value, (pd.Index, np.ndarray)):
        return value[rows]
    return value.take(rows)
