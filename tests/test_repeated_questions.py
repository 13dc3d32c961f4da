"""A question repeated in several sections of a form (Google Forms: duplicate headers) is read as
one question, each person's answer from whichever copy they filled (matcher.repeated_questions)."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from matcher import readers
from matcher.detect import detect_columns
from matcher.option_columns import fold_questions
from matcher.repeated_questions import fold_repeated_questions

LANGUAGES = ["Finnish", "English", "Swedish", "Arabic"]


def _sectioned(sections: list[int], tmp_path) -> pd.DataFrame:
    """A Google Forms CSV with the languages question in two sections, person ``i`` routed to
    section ``sections[i]`` (0 or 1), read as the reader reads it."""
    rows = ["Timestamp,Email Address,Are you a student?,Which languages do you speak?,"
            "Which languages do you speak?,What are your goals?"]
    for i, section in enumerate(sections):
        spoken = f"\"{LANGUAGES[i % 4]}, {LANGUAGES[(i + 1) % 4]}\""
        copies = [spoken, ""] if section == 0 else ["", spoken]
        rows.append(f"2026/01/0{1 + i % 9} 10:00:00,p{i}@x.fi,{'Yes' if section == 0 else 'No'},"
                    f"{copies[0]},{copies[1]},Networking")
    path = tmp_path / "mentees.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return readers.read_table(path)


@settings(max_examples=15, deadline=None)
@given(st.lists(st.sampled_from([0, 1]), min_size=4, max_size=12))
def test_each_person_answers_from_the_copy_they_filled(tmp_path_factory, sections):
    table = _sectioned(sections, tmp_path_factory.mktemp("forms"))
    folded = fold_repeated_questions(table)
    header = "Which languages do you speak?"
    assert [c for c in folded.columns if c.startswith(header)] == [header]
    expected = [f"{LANGUAGES[i % 4]}, {LANGUAGES[(i + 1) % 4]}" for i in range(len(sections))]
    assert folded[header].tolist() == expected
    assert folded.attrs["repeated_conflicts"] == {}
    assert len(folded) == len(table)


def test_the_merged_question_is_the_languages_column(tmp_path):
    table = fold_questions(_sectioned([0, 1, 1, 0, 1, 0], tmp_path))
    detection = detect_columns(table, "mentees")
    assert detection.columns["languages"] == "Which languages do you speak?"
    assert table[detection.columns["languages"]].notna().all()


def test_two_different_answers_are_a_data_issue_kept_from_the_first_copy():
    table = pd.DataFrame({"Email": ["a@x.fi", "b@x.fi", "c@x.fi", "d@x.fi", "e@x.fi"],
                          "Languages": ["Finnish", None, None, "Swedish", None],
                          "Languages.1": [None, "English", "Arabic", "English", "Finnish"]},
                         index=pd.RangeIndex(2, 7, name="row"))
    table.attrs["duplicate_headers"] = {"Languages": 2}
    folded = fold_repeated_questions(table)
    assert folded["Languages"].tolist() == ["Finnish", "English", "Arabic", "Swedish", "Finnish"]
    assert folded.attrs["repeated_conflicts"] == {"Languages": [5]}


@given(st.sampled_from(["true", "TRUE", "1", "x", "false", "0"]))
def test_copies_most_people_filled_are_two_questions(mark):
    """Two checkbox questions' bare option columns, both headed "Finnish", filled on every row."""
    table = pd.DataFrame({"Finnish": [mark] * 4, "Finnish (2)": ["false", mark, "true", mark]})
    table.attrs["duplicate_headers"] = {"Finnish": 2}
    assert list(fold_repeated_questions(table).columns) == ["Finnish", "Finnish (2)"]


def test_a_header_not_seen_repeated_is_left_alone():
    table = pd.DataFrame({"Languages": ["Finnish", None], "Languages (2)": [None, "English"]})
    assert fold_repeated_questions(table) is table
