"""Helpers of the reliability suite: a small valid round to break, and the "ended cleanly" check.

Every hostile case of ``tests/test_reliability*.py`` starts from :func:`make_round` (a small,
clean synthetic round in a temporary folder), breaks one thing, runs the command line in-process
and hands the result to :func:`assert_clean`: either exit code 0 with a complete output folder, or
the documented exit code with one specific ``Error:`` message, never a traceback, and never a
partial or hidden output folder left behind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from click.testing import CliRunner

from matcher import synthetic
from matcher.cli import main

#: every file a complete output folder holds
OUTPUT_FILES = {"pairs.xlsx", "pairs.csv", "unmatched.csv", "mentors.csv", "introductions.csv",
                "report.html", "audit.json"}


@dataclass
class Outcome:
    """What one command-line call did: exit code and the text it printed."""

    code: int
    stdout: str
    stderr: str

    @property
    def text(self) -> str:
        return self.stdout + self.stderr


def make_round(folder: Path, n_mentors: int = 8, n_mentees: int = 12, fmt: str = "csv",
               seed: int = 3, messy: bool = False) -> Path:
    """A valid synthetic round in ``folder``; returns its ``round.toml``."""
    return synthetic.write_round(folder, n_mentors, n_mentees, seed=seed, fmt=fmt, messy=messy)


def read_export(path: Path) -> pd.DataFrame:
    """A round's export as the strings a spreadsheet shows (CSV as ``write_round`` saves it)."""
    if path.suffix == ".csv":
        return pd.read_csv(path, sep=";", dtype=str, encoding="utf-8-sig", keep_default_na=False)
    return pd.read_excel(path, dtype=str, engine="calamine").fillna("")


def write_export(path: Path, frame: pd.DataFrame) -> Path:
    """Save ``frame`` back in the round's format (``;`` UTF-8-BOM CSV or .xlsx)."""
    if path.suffix == ".csv":
        frame.to_csv(path, sep=";", index=False, encoding="utf-8-sig")
    else:
        frame.to_excel(path, index=False)
    return path


def edit(round_toml: Path, old: str, new: str) -> None:
    """Replace the first ``old`` in the round config by ``new`` (a typo, a broken setting)."""
    text = round_toml.read_text(encoding="utf-8")
    assert old in text, old
    round_toml.write_text(text.replace(old, new, 1), encoding="utf-8")


def invoke(*args: object) -> Outcome:
    """Run ``matcher ARGS`` in-process; an exception that escapes the CLI fails the test."""
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"matcher {' '.join(map(str, args))} raised "
                             f"{type(result.exception).__name__}: {result.exception}\n"
                             f"{result.output}") from result.exception
    return Outcome(result.exit_code, result.stdout, result.stderr)


def assert_clean(outcome: Outcome, code: int, *needles: str, outdir: Path | None = None) -> Outcome:
    """Check one case ended as documented.

    ``code`` is the expected exit code; every ``needle`` (a regular expression, case-insensitive)
    must appear in what was printed. With ``outdir``: after a failure no folder (and no hidden
    ``.outdir.new-*`` sibling) exists unless one existed before; after success it is complete.
    """
    assert "Traceback" not in outcome.text, outcome.text
    assert "RuntimeWarning" not in outcome.text, outcome.text
    assert outcome.code == code, f"exit {outcome.code}, expected {code}:\n{outcome.text}"
    if code:
        # run/score/init print "Error: ..."; validate lists its errors in the issues table
        said = re.search(r"^Error: \S", outcome.stderr, re.MULTILINE) or \
            re.search(r"^error\s+\S", outcome.stdout, re.MULTILINE)
        assert said, f"no 'Error:' line or error issue:\n{outcome.text}"
    for needle in needles:
        assert re.search(needle, outcome.text, re.IGNORECASE | re.DOTALL), \
            f"{needle!r} not in:\n{outcome.text}"
    if outdir is not None:
        hidden = [p.name for p in outdir.parent.glob(f".{outdir.name}.*")]
        assert not hidden, f"left behind: {hidden}"
        if code == 0:
            assert {p.name for p in outdir.iterdir()} >= OUTPUT_FILES
    return outcome
