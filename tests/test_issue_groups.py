"""Data issues grouped by kind: one line per kind and column, counts that add up, nothing lost."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from matcher import load_round, synthetic
from matcher.intake import ISSUE_COLUMNS
from matcher.issue_groups import GROUPED_COLUMNS, SHOWN_ROWS, IssueCounts, group_issues, issue_counts


def _issues(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(ISSUE_COLUMNS))
    return frame.astype({"row": "Int64"})


def test_cells_of_one_kind_in_one_column_are_one_line_with_their_count_and_first_rows():
    rows = [{"severity": "warning", "file": "mentors.csv", "row": r, "column": "Email",
             "value": "", "problem": "does not look like an e-mail address",
             "suggestion": "correct it so the person can be reached"} for r in range(2, 14)]
    rows += [{"severity": "warning", "file": "mentors.csv", "row": r, "column": "Email", "value": "",
              "problem": f"duplicate sign-up: same e-mail as row {r - 1}, which is kept",
              "suggestion": "delete the extra row"} for r in (30, 41)]
    grouped = group_issues(_issues(rows))
    assert list(grouped.columns) == list(GROUPED_COLUMNS)
    assert grouped["count"].tolist() == [12, 2]
    assert grouped["row"].tolist() == ["2, 3, 4, 5, 6, 7, 8, 9 …", "30, 41"]
    assert grouped["problem"].tolist() == ["does not look like an e-mail address",
                                           "duplicate sign-up: same e-mail as row 29 / 40, which is kept"]


def test_one_issue_is_a_line_without_a_count_and_file_wide_ones_without_rows():
    grouped = group_issues(_issues([
        {"severity": "warning", "file": "a.csv", "row": None, "column": "", "value": "",
         "problem": "2 blank rows ignored", "suggestion": ""},
        {"severity": "error", "file": "a.csv", "row": 7, "column": "Capacity", "value": "many",
         "problem": "cannot be read as a whole number", "suggestion": "write a whole number"}]))
    assert grouped["count"].isna().all() and grouped["row"].fillna("").tolist() == ["", "7"]
    assert issue_counts(grouped) == IssueCounts(errors=1, warnings=1, cells=2)


def test_vocabulary_readings_stay_one_line_per_distinct_answer():
    rows = [{"severity": "warning", "file": "m.csv", "row": row, "column": "Languages", "value": answer,
             "problem": f"not a known languages name; kept as a category of its own; {n} rows",
             "suggestion": "check it under [vocabulary.languages] in the round config"}
            for row, answer, n in ((3, "Klingon", 2), (9, "Elvish", 5))]
    assert group_issues(_issues(rows))["value"].tolist() == ["Klingon", "Elvish"]


def test_errors_and_warnings_of_one_kind_are_apart_and_files_too():
    base = {"column": "Years", "value": "x", "problem": "cannot be read as a number", "suggestion": ""}
    rows = [{**base, "severity": s, "file": f, "row": 2} for s in ("error", "warning")
            for f in ("a.csv", "b.csv")]
    assert len(group_issues(_issues(rows))) == 4


_ROW = st.fixed_dictionaries({
    "severity": st.sampled_from(["error", "warning"]), "file": st.sampled_from(["a.csv", "b.csv"]),
    "row": st.one_of(st.none(), st.integers(2, 60)), "column": st.sampled_from(["Email", "City", ""]),
    "value": st.sampled_from(["", "10+", "=cmd|' /C calc'!A0", "about 6"]),
    "problem": st.sampled_from(["read loosely as 10", "read loosely as 6", "not a date and time",
                                "same e-mail as row 12", "same e-mail as row 4"]),
    "suggestion": st.sampled_from(["write a number", "check it under [vocabulary.cities]"])})


@settings(max_examples=40, deadline=None)
@given(st.lists(_ROW, max_size=40))
def test_grouping_loses_no_issue_and_no_row_it_can_show(rows):
    issues = _issues(rows)
    grouped = group_issues(issues)
    assert issue_counts(grouped) == issue_counts(issues)
    assert issue_counts(issues).cells == len(issues)
    assert int(grouped["count"].fillna(1).sum()) == len(issues)
    for line in grouped.itertuples():
        shown = [] if pd.isna(line.row) else line.row.removesuffix(" …").split(", ")
        assert len(shown) <= SHOWN_ROWS and shown == sorted(shown, key=int)
        assert len(shown) == len(set(shown))


def test_a_large_messy_round_fits_on_a_screen(tmp_path):
    """Every row of a messy 600 + 900 round has its issue in the per-row table; the grouped one
    is a screenful and adds up to the same counts."""
    rnd = load_round(synthetic.write_round(tmp_path, 600, 900, fmt="csv"))
    grouped = group_issues(rnd.issues)
    assert len(rnd.issues) > 150 and len(grouped) <= 40
    counts = issue_counts(rnd.issues)
    assert (counts.errors + counts.warnings, counts.cells) == (len(grouped), len(rnd.issues))
    assert rnd.summary().endswith(f"{counts.warnings} warnings ({len(rnd.issues)} cells)")


def test_data_issues_are_in_the_rounds_language_and_group_the_same(tmp_path):
    """A Finnish or Swedish round reads the same issues, worded in its language (the readings of
    the vocabulary aside, which name the config's own words), and they group into the same lines."""
    path = synthetic.write_round(tmp_path, 60, 90, fmt="csv")
    text = (tmp_path / "round.toml").read_text(encoding="utf-8")
    english = load_round(path).issues
    for language in ("fi", "sv"):
        (tmp_path / "round.toml").write_text(text.replace("[round]\n", f'[round]\nlanguage = "{language}"\n'),
                                             encoding="utf-8")
        issues = load_round(path).issues
        assert issues[["severity", "file", "row", "column"]].equals(
            english[["severity", "file", "row", "column"]])
        worded = ~english["suggestion"].str.startswith("check it under [vocabulary.")
        assert worded.sum() > 10
        same = (issues["problem"] == english["problem"]) | (
            (issues["suggestion"] == english["suggestion"]) & (english["suggestion"] != ""))
        assert not (same & worded).any(), issues.loc[same & worded, "problem"].tolist()
        assert len(group_issues(issues)) == len(group_issues(english))


def test_the_count_is_worded_for_one_and_many_in_each_language():
    assert IssueCounts(0, 1, 1).text() == "0 errors, 1 warning (1 cell)"
    assert IssueCounts(1, 20, 138).text("fi") == "1 virhe, 20 varoitusta (138 solua)"
    assert IssueCounts(2, 1, 9).text("sv") == "2 fel, 1 varning (9 celler)"
