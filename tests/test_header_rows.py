"""Exports with two header rows (SurveyMonkey: the question on row 1 over its columns, each
column's option or "Response" on row 2) are read with one header per column; Qualtrics' three
(codes, question texts, import ids) by the question texts, none of them read as a person."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from matcher import init_round, load_round
from matcher.readers import question_text_row, read_table, second_header_row

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


def test_surveymonkey_other_text_is_the_persons_own_goal(tmp_path):
    mentors = _surveymonkey(tmp_path / "mentors.csv", "mentors")
    mentees = _surveymonkey(tmp_path / "mentees.csv", "mentees")
    rnd = load_round(init_round(mentors, mentees, tmp_path / "round.toml").path)
    # "Sauna culture" typed into "Other (please specify)" on row 6 is a goal of that person's
    # besides the two options ticked (what it means is the answer reading's matter)
    goals = rnd.mentees.loc[rnd.mentees["row"] == 6, "goals"].iloc[0]
    assert len(goals) == 3 and {"networking", "job_search_skills"} < set(goals)


QUALTRICS_TOOL = ["StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)",
                  "Finished", "RecordedDate", "ResponseId", "LocationLatitude", "LocationLongitude",
                  "DistributionChannel", "UserLanguage"]
QUALTRICS_TEXT = ["Start Date", "End Date", "Response Type", "IP Address", "Progress",
                  "Duration (in seconds)", "Finished", "Recorded Date", "Response ID", "Location Latitude",
                  "Location Longitude", "Distribution Channel", "User Language"]


def _qualtrics(path, role, n=8, import_ids=True):
    """A Qualtrics-style CSV: the codes, the question texts and (newer exports) the import ids."""
    goals = "What could you help a mentee with?" if role == "mentors" else "What would you like help with?"
    codes = [*QUALTRICS_TOOL, "Q1", "Q2", "Q3", "Q4", "Q4_5_TEXT"]
    texts = [*QUALTRICS_TEXT, "What is your email address?", "What is your field of work?",
             "Which languages do you speak?", f"{goals} - Selected Choice", f"{goals} - Other - Text"]
    ids = [f'{{"ImportId":"{c[:1].lower() + c[1:]}"}}' for c in QUALTRICS_TOOL] + \
        ['{"ImportId":"QID1"}', '{"ImportId":"QID2"}', '{"ImportId":"QID3"}', '{"ImportId":"QID4"}',
         '{"ImportId":"QID4_5_TEXT"}']
    rows = [[f"2026-01-0{1 + i % 9} 10:00:00", f"2026-01-0{1 + i % 9} 10:15:00", "IP Address",
             f"192.0.2.{i}", "100", str(300 + i), "True", f"2026-01-0{1 + i % 9} 10:15:00", f"R_{i}x",
             "60.17", "24.94", "anonymous", "EN", f"{role[:-1]}{i}@example.org",
             ["ICT", "Healthcare", "Teaching"][i % 3], "Finnish,English" if i % 2 else "Arabic,Swedish",
             ",".join(GOALS[: 1 + i % 3]), "Sauna culture" if i == 2 else ""] for i in range(n)]
    pd.DataFrame([codes, texts, *([ids] if import_ids else []), *rows]).to_csv(path, index=False, header=False)
    return path


def test_qualtrics_three_header_rows_read_as_one_header_of_question_texts(tmp_path):
    for import_ids in (True, False):
        table = read_table(_qualtrics(tmp_path / "mentees.csv", "mentees", import_ids=import_ids))
        assert list(table.columns[:2]) == ["Start Date", "End Date"]
        assert "Which languages do you speak?" in table.columns
        assert len(table) == 8 and table.index[0] == 3 + import_ids  # no header row read as a person
        assert table.attrs["code_row"] == 1 and table.attrs["header_row"] == 2
        assert table.attrs["import_rows"] == ([3] if import_ids else [])


def test_qualtrics_round_reads_people_not_their_header_rows(tmp_path):
    mentors = _qualtrics(tmp_path / "mentors.csv", "mentors")
    mentees = _qualtrics(tmp_path / "mentees.csv", "mentees")
    result = init_round(mentors, mentees, tmp_path / "round.toml")
    assert result.mentees.columns["languages"] == "Which languages do you speak?"
    assert result.mentees.columns["email"] == "What is your email address?"
    assert result.mentees.columns["submitted_at"] == "End Date"
    # the tool's own columns are no questions: no city from the latitude, no language from UserLanguage
    assert not set(result.mentees.columns.values()) & set(QUALTRICS_TEXT[2:])
    rnd = load_round(result.path)
    assert len(rnd.mentees) == 8 and rnd.mentees["email"].str.endswith("@example.org").all()
    assert rnd.mentees.iloc[0]["languages"].keys() == {"ar", "sv"}
    # mentee2 ticked the three options and typed "Sauna culture" into "Other - Text"
    assert len(rnd.mentees.loc[rnd.mentees["email"] == "mentee2@example.org", "goals"].iloc[0]) == 4
    assert any("'What would you like help with? - Other - Text'" in w for w in result.warnings)
    assert "mentees.csv: row 1 holds the question codes and row 2 the question texts, which name the columns; " \
        "row 3 (the survey tool's import ids) is no sign-up" in result.warnings


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.text(alphabet="abc Ä1@.,-", max_size=10), min_size=4, max_size=4),
                min_size=1, max_size=4))
def test_a_sign_up_under_question_codes_is_never_taken_for_header_texts(answers):
    """People's answers under code headers ("Q1"...) stay sign-ups when one of them is an
    e-mail address or a number, as every sign-up of such an export has (its id, its progress)."""
    codes = ["ResponseId", "Q1", "Q2", "Q3", "Q4"]
    for k, row in enumerate(answers):
        upper_row = [str(1000 + k), *row]
        assert not question_text_row(codes, upper_row)
        assert not question_text_row(codes, [*row[:3], f"p{k}@example.org", "x"])
