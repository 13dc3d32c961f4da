"""Exports with two header rows (SurveyMonkey: the question on row 1 over its columns, each
column's option or "Response" on row 2) are read with one header per column."""

from __future__ import annotations

import pandas as pd

from matcher import init_round, load_round
from matcher.readers import read_table, second_header_row

GOALS = ["Networking", "Job-seeking skills (CV, interviews)", "Finnish working life"]


def _surveymonkey(path, role, n=8):
    """A SurveyMonkey-style export: metadata, then questions over their options' columns."""
    topic = "Which topics could you help with?" if role == "mentors" else "What would you like help with?"
    upper = ["Respondent ID", "Start Date", "End Date", "Email Address", "Full name",
             "Which languages do you speak?", "", "", topic, "", "", "", "Your field"]
    lower = ["", "", "", "", "", "Finnish", "English", "Swedish", *GOALS,
             "Other (please specify)", "Response"]
    rows = []
    for i in range(n):
        rows.append([str(1000 + i), f"01/0{1 + i % 9}/2026 10:00:00", f"01/0{1 + i % 9}/2026 10:15:00",
                     f"{role[:-1]}{i}@example.org", f"Person {i}",
                     "Finnish", "English" if i % 2 else "", "Swedish" if i % 3 == 0 else "",
                     GOALS[0] if i % 2 else "", GOALS[1], GOALS[2] if i % 3 else "",
                     "Sauna culture" if i == 3 else "", ["ICT", "Healthcare", "Teaching"][i % 3]])
    table = pd.DataFrame([upper, lower, *rows])
    table.to_csv(path, index=False, header=False)
    return path


def test_two_header_rows_are_joined_into_one_header_per_column(tmp_path):
    table = read_table(_surveymonkey(tmp_path / "mentors.csv", "mentors"))
    assert table.attrs["header_rows"] == 2
    assert table.index[0] == 3  # the first answer is on spreadsheet row 3
    assert "Which languages do you speak? - English" in table.columns
    assert "Your field" in table.columns  # "Response" names nothing
    assert "Which topics could you help with? - Other (please specify)" in table.columns


def test_a_first_answer_row_is_no_second_header():
    assert not second_header_row(["Email", "Languages", "Goals", "Field"],
                                 ["a@x.fi", "Finnish", None, "ICT"])
    # one unnamed column one answer fills, a question skipped: still answers
    assert not second_header_row(["Name", "Languages", None, "Goals"], ["Aino", None, "x", "CV"])


def test_surveymonkey_round_reads_through_init_and_intake(tmp_path):
    mentors = _surveymonkey(tmp_path / "mentors.csv", "mentors")
    mentees = _surveymonkey(tmp_path / "mentees.csv", "mentees")
    result = init_round(mentors, mentees, tmp_path / "round.toml")
    assert any("headers are on two rows" in w for w in result.warnings)
    assert result.mentees.columns["goals"] == "What would you like help with? - *"
    assert result.mentors.columns["languages"] == "Which languages do you speak? - *"
    assert result.mentors.columns["submitted_at"] == "End Date"
    rnd = load_round(result.path)
    assert rnd.mentees.loc[rnd.mentees["email"] == "mentee1@example.org", "languages"].iloc[0].keys() \
        == {"fi", "en"}
    assert set(rnd.mentees.iloc[1]["goals"]) >= {"networking"}
    assert rnd.mentees["row"].min() == 3
