"""The round's output folder: the files a coordinator reviews, edits and publishes.

:func:`write_outputs` turns the result tables of :func:`matcher.results.build_tables` into

=========================  ==================================================================
``pairs.xlsx``             the coordinator's workbook (:mod:`matcher.report.xlsx`)
``pairs.csv``              CSV twins for batch use, stable column names
``unmatched.csv``          (:mod:`matcher.report.csvs`)
``mentors.csv``
``not_included.csv``       who was left out before matching (no consent, eligibility), with why
``data_issues.csv``        the data issues, one line per matter with its count and first rows
``data_issue_rows.csv``    every data issue, one row per problem (cell), as ``Round.issues``
``introductions.csv``      two introduction letters per kept pair, for a mail merge, and
``introductions/``         the same letters as ``.eml`` files (:mod:`matcher.introductions`)
``report.html``            self-contained report with charts (:mod:`matcher.report.html`)
``audit.json``             what is needed to reproduce the round (:mod:`matcher.report.audit`)
=========================  ==================================================================

The folder is built next to ``outdir`` and moved into place only when every file is complete
(:func:`matcher.safe_io.atomic_output_dir`). Same tables in, byte-identical files out.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from matcher.introductions import COLUMNS as LETTER_COLUMNS
from matcher.report.audit import write_audit
from matcher.report.csvs import write_csvs, write_introductions
from matcher.report.html import write_html
from matcher.report.tables import check_tables
from matcher.report.xlsx import write_workbook
from matcher.safe_io import atomic_output_dir

__all__ = ["write_outputs"]

NO_LETTERS = pd.DataFrame(columns=list(LETTER_COLUMNS), dtype=str)


def write_outputs(tables: dict[str, pd.DataFrame], outdir: str | Path, *, audit: dict,
                  title: str, sender: str = "", language: str = "en") -> list[Path]:
    """Write the whole output folder atomically and return the paths of the files in it.

    Parameters
    ----------
    tables
        The result tables: ``pairs``, ``unmatched``, ``mentors``, ``alternatives``,
        ``supply_demand``, ``goal_coverage``, ``issues`` (grouped by kind), ``issue_rows``
        (one row per problem), ``summary`` and optionally
        ``decisions`` and ``introductions`` (see :data:`matcher.report.tables.REQUIRED` and
        :data:`matcher.introductions.COLUMNS` for their columns; no ``introductions`` table
        writes an ``introductions.csv`` with its header only).
    outdir
        The output folder. An existing one is replaced only once the new one is complete, and
        only if it is a previous matcher output (it holds ``audit.json``) or empty.
    audit
        The JSON-serialisable audit record; ``output_sha256`` of the other files is added.
    title
        The round's name, shown in the workbook and the report.
    sender
        The From address of the introduction ``.eml`` files (``[introductions] sender``).
    language
        ``[round] language``: the workbook's and the report's language.

    Returns
    -------
    list of Path
        ``pairs.xlsx, pairs.csv, unmatched.csv, mentors.csv, not_included.csv, data_issues.csv,
        data_issue_rows.csv, introductions.csv``, the ``introductions/*.eml`` letters, ``report.html, audit.json``
        inside ``outdir``.

    Raises
    ------
    InputError
        ``outdir`` is a file, a folder matcher did not write, or cannot be written.

    Example
    -------
    >>> files = write_outputs(tables, Path("output"), audit=audit, title="Spring round")  # doctest: +SKIP
    >>> [f.name for f in files]                                                             # doctest: +SKIP
    ['pairs.xlsx', 'pairs.csv', 'unmatched.csv', 'mentors.csv', 'not_included.csv', 'data_issues.csv', 'data_issue_rows.csv', 'introductions.csv', 'report.html', 'audit.json']
    """
    check_tables(tables)
    outdir = Path(outdir)
    with atomic_output_dir(outdir) as folder:
        written = [
            write_workbook(tables, folder / "pairs.xlsx", title, language),
            *write_csvs(tables, folder),
            *write_introductions(tables.get("introductions", NO_LETTERS), folder, sender),
            write_html(tables, folder / "report.html", title, language),
        ]
        written.append(write_audit(audit, folder / "audit.json", written))
    return [outdir / path.relative_to(folder) for path in written]
