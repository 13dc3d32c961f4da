"""The bundled sample round, checked by properties that hold for any regenerated sample.

Nothing here counts the sample's people, warnings or duplicates: the expected values are read off
the spreadsheets themselves (with openpyxl, independently of matcher's readers), so regenerating
``data/samples`` keeps these tests meaningful.
"""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest

import matcher
from matcher.config import load_config

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "samples" / "round.toml"
ROLES = ("mentors", "mentees")


def sheet(path: Path, name: str | None) -> dict[int, dict[str, object]]:
    """Row number as the spreadsheet shows it (header = 1) -> {header: value}, blank rows too."""
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    rows = list((book[name] if name else book.worksheets[0]).iter_rows(values_only=True))
    book.close()
    header = [str(h).strip() if h is not None else "" for h in rows[0]]
    return {number: dict(zip(header, values)) for number, values in enumerate(rows[1:], start=2)}


def blank(row: dict[str, object]) -> bool:
    return all(v is None or str(v).strip() == "" for v in row.values())


@pytest.fixture(scope="module")
def sample():
    config = load_config(SAMPLE)
    rnd = matcher.load_round(config)
    sheets = {role: sheet(getattr(config, role).file, getattr(config, role).sheet) for role in ROLES}
    return config, rnd, sheets


@pytest.mark.parametrize("role", ROLES)
def test_every_duplicate_is_reported_once_and_the_latest_is_kept(sample, role):
    config, rnd, sheets = sample
    source = getattr(config, role)
    email, submitted = source.columns["email"], source.columns["submitted_at"]
    rows = {n: r for n, r in sheets[role].items() if not blank(r)}
    by_email: dict[str, list[int]] = {}
    for number, row in rows.items():
        by_email.setdefault(str(row[email]).strip().lower(), []).append(number)
    issues = rnd.issues[(rnd.issues["file"] == source.file.name)
                        & rnd.issues["problem"].str.startswith("duplicate sign-up")]
    reported = issues["row"].astype(int).tolist()
    assert len(reported) == len(set(reported)), "a duplicate row reported twice"
    expected_dropped, kept_rows = set(), set()
    for numbers in by_email.values():
        if len(numbers) > 1:
            latest = max(numbers, key=lambda n: (rows[n][submitted], n))
            kept_rows.add(latest)
            expected_dropped |= set(numbers) - {latest}
    assert set(reported) == expected_dropped
    for _, issue in issues.iterrows():  # the message names the kept row, as the sheet numbers it
        kept = int(re.search(r"same e-mail as row (\d+)", issue["problem"]).group(1))
        assert kept in kept_rows
        assert str(rows[kept][email]).strip().lower() == str(rows[issue["row"]][email]).strip().lower()
    table = getattr(rnd, role)
    assert len(table) == len(by_email)  # one person per e-mail
    assert kept_rows <= set(table["row"]) and not expected_dropped & set(table["row"])


@pytest.mark.parametrize("role", ROLES)
def test_row_numbers_are_the_spreadsheet_rows(sample, role):
    config, rnd, sheets = sample
    source = getattr(config, role)
    email = source.columns["email"]
    table = getattr(rnd, role)
    for number, address in zip(table["row"], table["email"]):
        assert str(sheets[role][number][email]).strip().lower() == address
    rows = rnd.issues.loc[rnd.issues["file"] == source.file.name, "row"].dropna().astype(int)
    assert all(number in sheets[role] and not blank(sheets[role][number]) for number in rows)


@pytest.mark.parametrize("role", ROLES)
def test_blank_rows_are_counted_as_the_sheet_has_them(sample, role):
    config, rnd, sheets = sample
    source = getattr(config, role)
    blanks = sum(blank(row) for row in sheets[role].values())
    problems = rnd.issues.loc[rnd.issues["file"] == source.file.name, "problem"]
    counts = problems.str.extract(r"^(\d+) blank rows? ignored", expand=False).dropna().astype(int)
    assert counts.sum() == blanks and len(counts) <= 1


def test_every_best_mentor_shares_a_language_and_a_field_or_goal(sample):
    _, rnd, _ = sample
    scores = matcher.score_round(rnd)
    for mentee_id in scores.mentee_ids:
        top = scores.top(mentee_id, k=1)
        if not len(top):
            continue
        mentee, mentor = rnd.mentees.loc[mentee_id], rnd.mentors.loc[top["mentor_id"].iloc[0]]
        assert set(mentee["languages"]) & set(mentor["languages"]), mentee_id
        assert set(mentee["fields"]) & set(mentor["fields"]) or set(mentee["goals"]) & set(mentor["topics"])
