"""What the writers agree on about the result tables: required columns, components, rounding.

The tables come from :func:`matcher.results.build_tables`; every writer (workbook, CSV, HTML)
reads them through these helpers so a column is named, rounded and ordered the same everywhere.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

#: Columns each table must have, in this order. Extra columns may follow and are kept.
REQUIRED = {
    "pairs": ("mentee_id", "mentee_name", "mentee_email", "mentor_id", "mentor_name",
              "mentor_email", "score", "explanation", "locked", "decision"),
    "unmatched": ("mentee_id", "mentee_name", "mentee_email", "reason", "best_candidates"),
    "mentors": ("mentor_id", "mentor_name", "mentor_email", "capacity", "assigned", "remaining"),
    "alternatives": ("mentee_id", "mentee_name", "rank", "mentor_id", "mentor_name", "score",
                     "note"),
    "supply_demand": ("dimension", "value", "mentees", "mentors", "capacity", "ratio"),
    "goal_coverage": ("goal", "mentees", "covered"),
    "issues": ("severity", "file", "row", "column", "value", "problem", "suggestion"),
    "summary": ("item", "value"),
}
#: Columns holding sentences: shown wide and wrapped.
LONG_TEXT = frozenset({"explanation", "reason", "best_candidates", "note", "problem", "suggestion",
                       "notes", "mentees", "mentee_goals", "mentor_topics"})
#: Columns the coordinator types into: written as input cells, read back by ``run --decisions``.
INPUT_COLUMNS = ("decision", "move_to", "notes")
#: Human headers for the workbook and the report (the CSVs keep the stable names). A column not
#: listed here is shown as its name with spaces ("years_experience" -> "Years experience").
HEADERS = {
    "decision": "Decision", "move_to": "Move to", "notes": "Notes",
    "mentee_id": "Mentee id", "mentee_name": "Mentee", "mentee_email": "Mentee e-mail",
    "mentor_id": "Mentor id", "mentor_name": "Mentor", "mentor_email": "Mentor e-mail",
    "score": "Score", "explanation": "Why this pair", "locked": "Locked pair", "locked_by": "Locked",
    "mentee_field": "Mentee's field", "mentee_goals": "Mentee's goals",
    "mentee_languages": "Mentee's languages", "mentee_city": "Mentee's city",
    "mentee_meeting_mode": "Mentee meets", "mentor_field": "Mentor's field",
    "mentor_topics": "Mentor can help with", "mentor_languages": "Mentor's languages",
    "mentor_city": "Mentor's city", "mentor_meeting_mode": "Mentor meets",
    "mentor_job_title": "Mentor's job title",
    "reason": "Why no mentor", "best_candidates": "Best candidates",
    "capacity": "Places", "assigned": "Assigned", "remaining": "Free places", "mentees": "Mentees",
    "current_mentor": "Current mentor", "current_score": "Current score", "rank": "Rank",
    "score_change": "Score change if moved", "free_places": "Mentor's free places", "note": "Note",
    "dimension": "Dimension", "value": "Value", "ratio": "Places per mentee",
    "severity": "Severity", "file": "File", "row": "Row", "column": "Column", "problem": "Problem",
    "suggestion": "Suggestion", "item": "Item", "moved_from": "Moved from mentor id",
}
#: Decimals shown for the 0-100 total score and for the 0-1 components and ratios.
SCORE_DECIMALS = 1
COMPONENT_DECIMALS = 2


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


def rounded(frame: pd.DataFrame, components: list[str] = ()) -> pd.DataFrame:
    """A copy with ``score`` to 1 decimal and components and ``ratio`` to 2 decimals.

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


def decimals(frame: pd.DataFrame, components: list[str] = ()) -> dict[str, int]:
    """Decimals to show for each rounded column of ``frame``.

    Example
    -------
    >>> decimals(pd.DataFrame(columns=["score", "goals", "name"]), ["goals"])
    {'goals': 2, 'score': 1}
    """
    places = {c: COMPONENT_DECIMALS for c in (*components, "ratio") if c in frame.columns}
    if "score" in frame.columns:
        places["score"] = SCORE_DECIMALS
    return places


def header(name: str) -> str:
    """The human header of a column: from :data:`HEADERS`, else a snake_case name with spaces
    (a score component, a config field); any other name (a form's own question carried
    through) as it is.

    Example
    -------
    >>> header("mentee_name"), header("years_experience"), header("LinkedIn profile")
    ('Mentee', 'Years experience', 'LinkedIn profile')
    """
    if name in HEADERS:
        return HEADERS[name]
    return name.replace("_", " ").capitalize() if _SNAKE.fullmatch(name) else name


def stable_names(columns) -> list[str]:
    """Stable column names for headers read back from a workbook: a human header becomes its
    stable name (case and spaces do not matter), a stable name stays as it is.

    Example
    -------
    >>> stable_names(["Mentee id", " move TO ", "decision", "Years experience", "LinkedIn profile"])
    ['mentee_id', 'move_to', 'decision', 'years_experience', 'LinkedIn profile']
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


_SNAKE = re.compile(r"[a-z][a-z0-9_]*")
_HUMANISED = re.compile(r"[A-Z][a-z0-9 ]*")
# a header wins over a stable name spelt the same ("Locked" is locked_by); the first stable name
# wins where two share a header ("Free places" is remaining)
_STABLE: dict[str, str] = {}
for _name, _header in HEADERS.items():
    _STABLE.setdefault(_header.casefold(), _name)
for _name in HEADERS:
    _STABLE.setdefault(_name.casefold(), _name)
