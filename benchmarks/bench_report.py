"""How long writing a round's output folder takes, writer by writer.

Run from the repository root: ``python -m benchmarks.bench_report``. For rounds of 1,000 and
10,000 pairs (the latter a 10,000 mentee x 6,000 mentor round, whose whole run has a 15 s
budget) it times each writer and the whole :func:`matcher.report.write_outputs`, as seconds and
as a ratio to a baseline measured in the same run: a bare ``DataFrame.to_csv`` of the pairs table.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pandas as pd

from benchmarks import best_of
from matcher.introductions import COLUMNS as LETTER_COLUMNS
from matcher.report import write_outputs
from matcher.report.csvs import write_csvs, write_introductions
from matcher.report.html import render_html
from matcher.report.xlsx import write_workbook
from tests.helpers import AUDIT, TITLE, make_tables  # the tests' realistic result tables

ROUNDS = ((1_000, 40, 600), (10_000, 400, 6_000))  # pairs, unmatched mentees, mentors


def draft_letters(pairs: pd.DataFrame) -> pd.DataFrame:
    """Two letters per pair, shaped like :func:`matcher.introductions.introduction_letters`."""
    rows = []
    for number, pair in enumerate(pairs.to_dict("records"), start=1):
        for role, other in (("mentee", "mentor"), ("mentor", "mentee")):
            rows.append({**{c: "" for c in LETTER_COLUMNS}, **{k: pair[k] for k in (
                "mentee_name", "mentee_email", "mentor_name", "mentor_email", "mentee_id", "mentor_id")},
                "recipient": role, "to_name": pair[f"{role}_name"], "to_email": pair[f"{role}_email"],
                "subject": f"{TITLE}: meet your {other}", "introduction": f"Hello,\n{pair['explanation']}\n" * 6,
                "status": "draft", "eml_file": f"introductions/{number:04d}-to-{role}.eml"})
    return pd.DataFrame(rows, columns=list(LETTER_COLUMNS))


def _empty(folder: Path) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    return folder


def main() -> None:
    render_html(make_tables(30, 2, 20), TITLE)  # imports and caches warmed outside timings
    print(f"{'pairs':>7} {'step':<24} {'seconds':>8} {'x baseline':>11}")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        for n_pairs, n_unmatched, n_mentors in ROUNDS:
            tables = make_tables(n_pairs, n_unmatched, n_mentors)
            letters = draft_letters(tables["pairs"])
            steps = {
                "baseline: to_csv(pairs)": lambda: tables["pairs"].to_csv(folder / "base.csv", index=False),
                "pairs.xlsx": lambda: write_workbook(tables, folder / "pairs.xlsx", TITLE),
                "CSV twins": lambda: write_csvs(tables, folder),
                "introductions + .eml": lambda: write_introductions(letters, _empty(folder / "letters")),
                "report.html": lambda: render_html(tables, TITLE),
                "write_outputs (all)": lambda: write_outputs(tables, folder / "out", audit=AUDIT, title=TITLE),
            }
            baseline = None
            for name, step in steps.items():
                seconds = best_of(step)
                baseline = baseline or seconds
                print(f"{n_pairs:>7} {name:<24} {seconds:>8.3f} {seconds / baseline:>11.1f}")
            sizes = {p.name: p.stat().st_size for p in (folder / "out").iterdir()}
            print(f"{n_pairs:>7} sizes: " + ", ".join(f"{k} {v / 1e6:.2f} MB" for k, v in sorted(sizes.items())))


if __name__ == "__main__":
    main()
