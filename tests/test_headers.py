"""Question headers read by their lemmas (matcher.headers) and the survey tools' own columns."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matcher.config import MENTEE_FIELDS, MENTOR_FIELDS
from matcher.detect import detect_columns
from matcher.headers import descriptions, header_scores, read_header

#: long sentence questions no keyword of matcher.detect names, in English, Finnish and Swedish,
#: inflected; (header, role, column)
SENTENCES = [
    ("In which of these areas do you feel you could support a mentee?", "mentors", "topics"),
    ("Vilka av följande saker skulle du kunna hjälpa en adept med?", "mentors", "topics"),
    ("Vilka av följande saker skulle du vilja få hjälp med under mentorskapet?", "mentees", "goals"),
    ("Mihin asioihin toivoisit saavasi apua mentoriltasi?", "mentees", "goals"),
    ("Which areas would you like your mentor to help you with?", "mentees", "goals"),
    ("How many people could you mentor at the same time?", "mentors", "capacity"),
    ("Kuinka monta vuotta olet ollut työelämässä?", "mentors", "years_experience"),
    ("Hur många års arbetslivserfarenhet har du?", "mentors", "years_experience"),
    ("Berätta lite om dig själv", "mentors", "about"),
    ("Berätta med egna ord vad du hoppas på", "mentees", "goals_text"),
    ("Millä alalla toimit tällä hetkellä tai haluaisit työskennellä?", "mentees", "field"),
]


@pytest.mark.parametrize("header, role, column", SENTENCES)
def test_sentence_questions_are_read_by_their_lemmas(header, role, column):
    fields = MENTOR_FIELDS if role == "mentors" else MENTEE_FIELDS
    assert read_header(header, fields).column == column
    found = detect_columns(pd.DataFrame(columns=[header]), role)
    assert found.columns == {column: header}
    assert 85 < found.scores[column] <= 100


def test_a_header_without_a_described_word_reads_as_no_column():
    assert read_header("What would you like to get out of this?", MENTEE_FIELDS).column is None
    assert not header_scores(["Q3.", "", "***"], MENTEE_FIELDS).any()


def test_a_word_two_columns_share_leaves_both_and_a_runner_up():
    # "kieli" describes the languages spoken and the mentoring language alike
    reading = read_header("Kieli?", MENTEE_FIELDS)
    assert reading.column in ("languages", "mentoring_language")
    assert reading.confidence == 0.5 and reading.runner_up in ("languages", "mentoring_language")


def test_every_column_is_described_in_three_languages():
    for column in set(MENTOR_FIELDS) | set(MENTEE_FIELDS):
        assert set(descriptions()[column]) == {"en", "fi", "sv"}, column


def test_the_answers_still_overrule_a_headers_lemmas():
    # the header's words say field, its answers are languages with levels
    n = 30
    table = pd.DataFrame({"Email": [f"p{i}@example.org" for i in range(n)],
                          "Inom vilket område vill du jobba?": ["Finnish (native), English (good)",
                                                                "Arabic (native), Swedish (basic)"] * (n // 2)})
    found = detect_columns(table, "mentees")
    assert found.columns.get("languages") == "Inom vilket område vill du jobba?"


_NUMBERING = st.sampled_from(["", "Q3. ", "3) ", "3. ", "12 - ", "G01Q03. "])
_TAIL = st.sampled_from(["", " *", "*", " (choose all that apply)", " (valitse kaikki sopivat)",
                         " (välj alla som passar)", " (required)", ":", "?!"])
_CASE = st.sampled_from([str, str.upper, str.lower, str.capitalize])


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(SENTENCES), _NUMBERING, _TAIL, _CASE, st.sampled_from(["", "  "]))
def test_header_noise_changes_no_reading(case, numbering, tail, shape, spaces):
    header, role, column = case
    fields = MENTOR_FIELDS if role == "mentors" else MENTEE_FIELDS
    noisy = numbering + shape(header).replace(" ", " " + spaces) + tail
    assert read_header(noisy, fields) == read_header(header, fields)
    assert detect_columns(pd.DataFrame(columns=[noisy]), role).columns == {column: noisy}


SURVEY_TOOLS = {
    "SurveyMonkey": ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address",
                     "Custom Data 1"],
    "Jotform": ["Submission Date", "Submission ID", "Submission IP", "Last Update Date"],
    "Typeform": ["Start Date (UTC)", "Submit Date (UTC)", "Network ID", "Tags", "Ending"],
    "LimeSurvey": ["id", "submitdate", "lastpage", "startlanguage", "seed", "startdate", "datestamp"],
    "Qualtrics": ["StartDate", "EndDate", "Progress", "Duration (in seconds)", "Finished",
                  "RecordedDate", "ResponseId", "UserLanguage", "LocationLatitude", "Status"],
    # a coordinator's own columns beside the answers
    "coordinator": ["Huom.", "Status", "Notes", "Anteckningar", "Muistiinpanot"],
    # LimeSurvey's "code. text" headings and Qualtrics' question-text row
    "LimeSurvey headings": ["id. Vastauksen ID", "lastpage. Viimeinen sivu",
                            "startlanguage. Aloituskieli", "seed. Siemenluku",
                            "submitdate. Lähetyspäivämäärä"],
    "Qualtrics texts": ["Start Date", "End Date", "Response Type", "IP Address", "Recorded Date",
                        "Response ID", "Location Latitude", "Location Longitude",
                        "Distribution Channel", "User Language", "Recipient Email"],
}


@pytest.mark.parametrize("tool", sorted(SURVEY_TOOLS))
def test_survey_tools_own_columns_are_never_questions(tool):
    n = 10
    headers = SURVEY_TOOLS[tool]
    table = pd.DataFrame({h: [f"{h} {i}" for i in range(n)] for h in headers})
    table["Email"] = [f"p{i}@example.org" for i in range(n)]
    table["Languages"] = ["Finnish, English"] * n
    for role in ("mentors", "mentees"):
        found = detect_columns(table, role)
        taken = {name for name, header in found.columns.items() if header in headers}
        assert taken <= {"submitted_at"}, (role, found.columns)
