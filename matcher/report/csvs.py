"""The CSV twins of the workbook, for batch jobs, and the introductions (mail merge and .eml).

Every CSV is plain UTF-8 (no byte-order mark), comma-separated, ``\\n`` line endings, one header
row with stable column names, scores to 1 decimal and components to 2. Every text cell is passed
through :func:`matcher.safe_io.neutralise` (formula-injection guard). Excel users get the same data,
formatted, in ``pairs.xlsx``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from matcher.eligibility import NOT_INCLUDED_COLUMNS
from matcher.intake.issues import ISSUE_COLUMNS
from matcher.introductions import EML_FOLDER, to_eml
from matcher.issue_groups import GROUPED_COLUMNS
from matcher.report.tables import component_columns, rounded
from matcher.safe_io import neutralise_frame

PAIRS_COLUMNS = ("mentee_id", "mentee_name", "mentee_email", "mentor_id", "mentor_name",
                 "mentor_email", "score")  # then the components, then "explanation"
UNMATCHED_COLUMNS = ("mentee_id", "mentee_name", "mentee_email", "reason")
MENTORS_COLUMNS = ("mentor_id", "mentor_name", "mentor_email", "capacity", "assigned")


def write_csvs(tables: dict[str, pd.DataFrame], folder: Path) -> list[Path]:
    """Write ``pairs.csv``, ``unmatched.csv``, ``mentors.csv``, ``not_included.csv`` and
    ``data_issues.csv`` (the data issues grouped: one line per matter, with its count and first
    rows, as the Data issues sheet) and ``data_issue_rows.csv`` (every issue, one row per cell)
    into ``folder``.

    Example
    -------
    >>> write_csvs(tables, Path("output"))  # doctest: +SKIP
    [PosixPath('output/pairs.csv'), PosixPath('output/unmatched.csv'), PosixPath('output/mentors.csv'), PosixPath('output/not_included.csv'), PosixPath('output/data_issues.csv'), PosixPath('output/data_issue_rows.csv')]
    """
    pairs = tables["pairs"]
    components = component_columns(pairs)
    columns = {
        "pairs.csv": (pairs, [*PAIRS_COLUMNS, *components, "explanation"]),
        "unmatched.csv": (tables["unmatched"], list(UNMATCHED_COLUMNS)),
        "mentors.csv": (tables["mentors"], list(MENTORS_COLUMNS)),
        "not_included.csv": (tables["not_included"], list(NOT_INCLUDED_COLUMNS)),
        "data_issues.csv": (tables["issues"], list(GROUPED_COLUMNS)),
        "data_issue_rows.csv": (tables["issue_rows"], list(ISSUE_COLUMNS)),
    }
    return [write_csv(rounded(frame[names], components), folder / name)
            for name, (frame, names) in columns.items()]


def write_introductions(letters: pd.DataFrame, folder: Path, sender: str = "") -> list[Path]:
    """Write ``introductions.csv`` (one row per letter, for a mail merge) and one ``.eml`` file
    per letter under ``introductions/``; returns the paths written, the CSV first.

    ``letters`` is :func:`matcher.introductions.introduction_letters`; ``sender`` is the From
    address of the messages (none when empty: the mail client fills it in).
    """
    written = [write_csv(letters, folder / "introductions.csv")]
    if len(letters):
        (folder / EML_FOLDER).mkdir()
    for letter in letters.to_dict("records"):
        path = folder / letter["eml_file"]
        path.write_bytes(to_eml(letter, sender))
        written.append(path)
    return written


def write_csv(frame: pd.DataFrame, path: Path) -> Path:
    """Write one table as a formula-safe, plain UTF-8 CSV with ``\\n`` line endings."""
    neutralise_frame(frame).to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
    return path
