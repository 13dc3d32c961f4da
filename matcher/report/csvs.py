"""The CSV twins of the workbook, for batch jobs, and the introductions mail-merge file.

Every CSV is plain UTF-8 (no byte-order mark), comma-separated, ``\\n`` line endings, one header
row with stable column names, scores to 1 decimal and components to 2. Every text cell is passed
through :func:`matcher.safe_io.neutralise` (formula-injection guard). Excel users get the same data,
formatted, in ``pairs.xlsx``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from matcher.history import ALREADY_INTRODUCED
from matcher.report.tables import component_columns, first_name, rounded
from matcher.safe_io import neutralise_frame

PAIRS_COLUMNS = ("mentee_id", "mentee_name", "mentee_email", "mentor_id", "mentor_name",
                 "mentor_email", "score")  # then the components, then "explanation"
UNMATCHED_COLUMNS = ("mentee_id", "mentee_name", "mentee_email", "reason")
MENTORS_COLUMNS = ("mentor_id", "mentor_name", "mentor_email", "capacity", "assigned")
INTRODUCTION_COLUMNS = ("mentee_name", "mentee_email", "mentor_name", "mentor_email", "subject",
                        "introduction")

INTRODUCTION = """\
Hello {mentee_first} and {mentor_first},

Welcome to {title}! We are glad to introduce you to each other as a mentoring pair: \
{mentee_name} is the mentee and {mentor_name} the mentor.

You were paired because: {explanation}

Mentoring is built on the mentee's own goals, and it is confidential, voluntary and equal. \
{mentee_first}, please contact {mentor_first}{mentor_contact} within the next week to agree on \
your first meeting; a good first topic is what you both hope to get out of the mentoring.

Best wishes,
The {title} team"""


def write_csvs(tables: dict[str, pd.DataFrame], folder: Path) -> list[Path]:
    """Write ``pairs.csv``, ``unmatched.csv`` and ``mentors.csv`` into ``folder``.

    Example
    -------
    >>> write_csvs(tables, Path("output"))  # doctest: +SKIP
    [PosixPath('output/pairs.csv'), PosixPath('output/unmatched.csv'), PosixPath('output/mentors.csv')]
    """
    pairs = tables["pairs"]
    components = component_columns(pairs)
    columns = {
        "pairs.csv": (pairs, [*PAIRS_COLUMNS, *components, "explanation"]),
        "unmatched.csv": (tables["unmatched"], list(UNMATCHED_COLUMNS)),
        "mentors.csv": (tables["mentors"], list(MENTORS_COLUMNS)),
    }
    return [write_csv(rounded(frame[names], components), folder / name)
            for name, (frame, names) in columns.items()]


def introductions(pairs: pd.DataFrame, title: str) -> pd.DataFrame:
    """One introduction e-mail per pair, ready for a mail merge.

    Pairs the coordinator marked ``reject`` are left out: they will not be introduced.

    Parameters
    ----------
    pairs
        The ``pairs`` result table.
    title
        The round's name, used in the subject and the greeting.

    Returns
    -------
    DataFrame
        ``mentee_name, mentee_email, mentor_name, mentor_email, subject, introduction``.

    Example
    -------
    >>> pairs = pd.DataFrame({"mentee_name": ["Aino Äijälä"], "mentee_email": ["aino@example.fi"],
    ...     "mentor_name": ["Jussi Öhman"], "mentor_email": ["jussi@example.fi"],
    ...     "explanation": ["both work in ICT"], "decision": [""]})
    >>> introductions(pairs, "Spring mentoring")["subject"].iloc[0]
    'Spring mentoring: meet your mentoring pair, Aino and Jussi'
    """
    rejected = pairs["decision"].fillna("").astype(str).str.strip().str.lower() == "reject"
    # published and continuing pairs were introduced before (matcher.history)
    introduced = pairs["status"].isin(ALREADY_INTRODUCED) if "status" in pairs else False
    chosen = pairs[~rejected & ~introduced]
    mentee_first = first_name(chosen["mentee_name"]).replace("", "mentee")
    mentor_first = first_name(chosen["mentor_name"]).replace("", "mentor")
    emails = chosen["mentor_email"].fillna("").astype(str)
    contact = np.where(emails != "", " (" + emails + ")", "")
    texts = [
        INTRODUCTION.format(title=title, mentee_first=a, mentor_first=b, mentee_name=c,
                            mentor_name=d, mentor_contact=e, explanation=_sentence(f))
        for a, b, c, d, e, f in zip(mentee_first, mentor_first, chosen["mentee_name"].fillna(""),
                                    chosen["mentor_name"].fillna(""), contact, chosen["explanation"])
    ]
    subjects = f"{title}: meet your mentoring pair, " + mentee_first + " and " + mentor_first
    return pd.DataFrame({
        "mentee_name": chosen["mentee_name"].to_numpy(),
        "mentee_email": chosen["mentee_email"].to_numpy(),
        "mentor_name": chosen["mentor_name"].to_numpy(),
        "mentor_email": chosen["mentor_email"].to_numpy(),
        "subject": subjects.to_numpy(),
        "introduction": texts,
    }, columns=list(INTRODUCTION_COLUMNS))


def write_introductions(pairs: pd.DataFrame, path: Path, title: str) -> Path:
    """Write :func:`introductions` as ``introductions.csv``."""
    return write_csv(introductions(pairs, title), path)


def write_csv(frame: pd.DataFrame, path: Path) -> Path:
    """Write one table as a formula-safe, plain UTF-8 CSV with ``\\n`` line endings."""
    neutralise_frame(frame).to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
    return path


def _sentence(text) -> str:
    """The explanation as one sentence: stripped, capitalised, ending with a full stop."""
    text = "" if pd.isna(text) else str(text).strip()
    if not text:
        return "Your answers fit well together."
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."
