"""What the writers agree on about the result tables: required columns, components, rounding.

The tables come from :func:`matcher.results.build_tables`; every writer (workbook, CSV, HTML)
reads them through these helpers so a column is named, rounded and ordered the same everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from matcher.i18n import LANGUAGES, MESSAGES, t
from matcher.i18n import header as i18n_header

#: Columns each table must have, in this order. Extra columns may follow and are kept.
REQUIRED = {
    "pairs": ("mentee_id", "mentee_name", "mentee_email", "mentor_id", "mentor_name",
              "mentor_email", "score", "explanation", "locked", "decision"),
    "unmatched": ("mentee_id", "mentee_name", "mentee_email", "reason", "best_candidates"),
    "not_included": ("role", "id", "name", "email", "row", "reason"),
    "mentors": ("mentor_id", "mentor_name", "mentor_email", "capacity", "assigned", "remaining"),
    "alternatives": ("mentee_id", "mentee_name", "rank", "mentor_id", "mentor_name", "score",
                     "note"),
    "supply_demand": ("dimension", "value", "mentees", "mentors", "capacity", "ratio"),
    "goal_coverage": ("goal", "mentees", "covered"),
    "issues": ("severity", "count", "file", "row", "column", "value", "problem", "suggestion"),
    "issue_rows": ("severity", "file", "row", "column", "value", "problem", "suggestion"),
    "summary": ("item", "value"),
}
#: Columns holding sentences: shown wide and wrapped.
LONG_TEXT = frozenset({"explanation", "reason", "best_candidates", "note", "problem", "suggestion",
                       "notes", "mentees", "mentee_goals", "mentor_topics"})
#: Columns the coordinator types into: written as input cells, read back by ``run --decisions``.
INPUT_COLUMNS = ("decision", "move_to", "notes")
#: Decimals shown for the 0-100 total score and for the 0-1 components and ratios.
SCORE_DECIMALS = 1
COMPONENT_DECIMALS = 2
#: Columns on the 0-100 score scale (a pair's score, the Alternatives sheet's current score and
#: the change a move makes): all shown to :data:`SCORE_DECIMALS`.
SCORE_COLUMNS = ("score", "current_score", "score_change")


def check_tables(tables: dict[str, pd.DataFrame]) -> None:
    """Fail early, naming the table and column, when a table the writers need is missing.

    The tables are built by matcher itself, so a failure here is a programming error, not
    something an organiser can fix: it raises ``ValueError``.

    Example
    -------
    >>> check_tables({"summary": pd.DataFrame(columns=["item"])})
    Traceback (most recent call last):
    ...
    ValueError: result table 'pairs' is missing
    """
    for name, columns in REQUIRED.items():
        if name not in tables:
            raise ValueError(f"result table {name!r} is missing")
        missing = [c for c in columns if c not in tables[name].columns]
        if missing:
            raise ValueError(f"result table {name!r} lacks column(s) {', '.join(missing)}")


#: columns whose values are words of the catalogue (``severity.error``, ``dimension.field``): the
#: tables keep the English word, every writer shows it in the round's language
SHOWN_WORDS = {"issues": ("severity",), "issue_rows": ("severity",), "supply_demand": ("dimension",)}


def shown_values(table: str, frame: pd.DataFrame, language: str = "en") -> pd.DataFrame:
    """``frame`` (the result table ``table``) with the :data:`SHOWN_WORDS` columns' values in
    ``language``.

    Example
    -------
    >>> shown_values("issues", pd.DataFrame({"severity": ["error", "warning"]}), "fi")["severity"].tolist()
    ['virhe', 'varoitus']
    """
    columns = [c for c in SHOWN_WORDS.get(table, ()) if c in frame.columns]
    if not columns:
        return frame
    return frame.assign(**{c: frame[c].map(lambda word, c=c: t(f"{c}.{word}", language)
                                           if f"{c}.{word}" in MESSAGES else word) for c in columns})


def component_columns(pairs: pd.DataFrame) -> list[str]:
    """The score components: the numeric columns between ``score`` and ``explanation``.

    Example
    -------
    >>> pairs = pd.DataFrame(columns=["mentee_id", "score", "field", "goals", "explanation"])
    >>> component_columns(pairs.astype({"field": float, "goals": float}))
    ['field', 'goals']
    """
    columns = list(pairs.columns)
    between = columns[columns.index("score") + 1:columns.index("explanation")]
    return [c for c in between if pd.api.types.is_numeric_dtype(pairs[c])
            and not pd.api.types.is_bool_dtype(pairs[c])]


def rounded(frame: pd.DataFrame, components: Sequence[str] = ()) -> pd.DataFrame:
    """A copy with the :data:`SCORE_COLUMNS` to 1 decimal and components and ``ratio`` to 2 decimals.

    Rounding is done in float64 so that float32 scores print as ``87.3``, not ``87.30000305``.

    Example
    -------
    >>> rounded(pd.DataFrame({"score": [87.349], "goals": [0.666]}), ["goals"]).iloc[0].tolist()
    [87.3, 0.67]
    """
    out = frame.copy()
    for column, places in decimals(out, components).items():
        out[column] = np.round(out[column].to_numpy(dtype=np.float64), places)
    return out


def decimals(frame: pd.DataFrame, components: Sequence[str] = ()) -> dict[str, int]:
    """Decimals to show for each rounded column of ``frame``.

    Example
    -------
    >>> decimals(pd.DataFrame(columns=["score", "goals", "name", "current_score"]), ["goals"])
    {'goals': 2, 'score': 1, 'current_score': 1}
    """
    places = {c: COMPONENT_DECIMALS for c in (*components, "ratio") if c in frame.columns}
    places.update({c: SCORE_DECIMALS for c in SCORE_COLUMNS if c in frame.columns})
    return places


def header(name: str, language: str = "en") -> str:
    """The human header of a column in ``language`` (the catalogue's ``column.<name>``), else a
    snake_case name with spaces (a score component, a config field); any other name (a form's
    own question carried through) as it is.

    Example
    -------
    >>> header("mentee_name"), header("mentee_name", "fi"), header("years_in_finland"), header("LinkedIn")
    ('Mentee', 'Mentoroitava', 'Years in finland', 'LinkedIn')
    """
    if f"column.{name}" in MESSAGES:
        return i18n_header(name, language)
    return name.replace("_", " ").capitalize() if _SNAKE.fullmatch(name) else name


def stable_names(columns) -> list[str]:
    """Stable column names for headers read back from a workbook in any of the languages: a
    human header becomes its stable name (case and spaces do not matter), a stable name stays.

    Example
    -------
    >>> stable_names(["Mentee id", " move TO ", "Päätös", "decision", "Years in finland", "LinkedIn"])
    ['mentee_id', 'move_to', 'decision', 'decision', 'years_in_finland', 'LinkedIn']
    """
    names = []
    for column in columns:
        text = " ".join(str(column).split())
        if text.casefold() in _STABLE:
            names.append(_STABLE[text.casefold()])
        elif _HUMANISED.fullmatch(text):
            names.append(text.lower().replace(" ", "_"))
        else:
            names.append(text)
    return names


def stable_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its columns renamed by :func:`stable_names`, e.g. a sheet read back from
    ``pairs.xlsx``.

    Example
    -------
    >>> stable_frame(pd.DataFrame(columns=["Mentee id", "Päätös"])).columns.tolist()
    ['mentee_id', 'decision']
    """
    return frame.set_axis(stable_names(frame.columns), axis=1)


def _stable_names_by_header() -> dict[str, str]:
    """Header (casefolded, any language) -> stable name. Where two columns share a header the one
    the workbook shows wins ("Locked" is ``locked_by``; the boolean ``locked`` is CSV-only)."""
    columns = [key.removeprefix("column.") for key in MESSAGES if key.startswith("column.")]
    columns.sort(key=lambda name: name not in _SHOWN_FIRST)
    found: dict[str, str] = {}
    for name in columns:
        for language in LANGUAGES:
            found.setdefault(i18n_header(name, language).casefold(), name)
    for name in columns:
        found.setdefault(name.casefold(), name)
    return found


_SHOWN_FIRST = ("locked_by", "remaining", "mentees")
_SNAKE = re.compile(r"[a-z][a-z0-9_]*")
_HUMANISED = re.compile(r"[A-Z][a-z0-9 ]*")
_STABLE = _stable_names_by_header()
