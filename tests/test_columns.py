"""Columns found by their answers when the header is unfamiliar, and language levels read by meaning."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, strategies as st

from matcher import evaluation, vocab
from matcher.contents import read_contents
from matcher.detect import detect_columns, init_round
from matcher.intake import load_round

from tests.helpers import write_csv

GOALS = ["Building a professional network", "Writing a CV and cover letter",
         "Job interviews", "Understanding Finnish working life", "Finding work in my own field",
         "Learning Finnish at work"]


def _multi_select(options: list[str], n: int, seed: int = 0, sep: str = ", ") -> list[str]:
    rng = np.random.default_rng(seed)
    return [sep.join(rng.choice(options, size=rng.integers(1, 4), replace=False)) for _ in range(n)]


def _mentees(n: int = 30, **extra: list[str]) -> pd.DataFrame:
    rng = np.random.default_rng(1)
    table = {"Email": [f"e{i}@example.org" for i in range(n)],
             "Languages": [["Finnish, English", "Arabic, Finnish", "English"][i % 3] for i in range(n)]}
    table.update(extra)
    return pd.DataFrame(table).sample(frac=1.0, random_state=int(rng.integers(100)))


@pytest.mark.parametrize("language, said, family", [("fi", "otsikossa ei ole tuttua sanaa", "tavoitteet"),
                                                      ("sv", "inget känt ord i rubriken", "mål")])
def test_notes_are_shown_in_the_round_language(language, said, family):
    table = _mentees(**{"What would you like to get out of this?": _multi_select(GOALS, 30)})
    note = next(n for n in detect_columns(table, "mentees").notes if "no header word known" in n)
    shown = note.shown(language)
    assert said in shown and f" {family} (" in shown and shown.endswith(" goals")


def test_goals_column_with_an_unknown_header_is_found_by_its_answers():
    table = _mentees(**{"What would you like to get out of this?": _multi_select(GOALS, 30)})
    found = detect_columns(table, "mentees")
    assert found.columns["goals"] == "What would you like to get out of this?"
    assert found.by_content["goals"].startswith("goals, ")
    assert any("no header word known" in note for note in found.notes)


def test_goals_and_meeting_mode_told_apart_by_their_answers():
    # "meetings" in the goals question would make it the meeting-mode column by its header
    modes = ["Etänä", "Kasvokkain", "Ei väliä", "Personligen", "Digitalt"]
    table = _mentees(**{"What should your meetings be about?": _multi_select(GOALS, 30),
                        "How would you rather get together?": [modes[i % 5] for i in range(30)]})
    found = detect_columns(table, "mentees")
    assert found.columns["goals"] == "What should your meetings be about?"
    assert found.columns["meeting_mode"] == "How would you rather get together?"
    note = next(n for n in found.notes if "meetings be about" in n)
    assert "could be meeting_mode by its header" in note and "taken as goals" in note


def test_meeting_mode_answers_read_as_their_family_not_as_goals():
    found = read_contents(pd.Series(["Paikan päällä", "Verkossa", "Kumpi vain käy"] * 10))
    assert found.family == "meeting_modes" and found.shares["goals"] == 0.0
    goals = read_contents(pd.Series(_multi_select(GOALS + ["Remote work"], 40)))
    assert goals.family == "goals" and goals.multi > 0.3


def test_one_column_per_field_and_one_field_per_column():
    # two columns read as goals: the one whose header says so takes goals, the other stays
    # unmapped (never both); the place column is found by its municipalities
    table = _mentees(**{"Goals": _multi_select(GOALS, 30, seed=2),
                        "Anything else?": _multi_select(GOALS, 30, seed=3),
                        "Where are you based?": ["Helsingissä", "Espoo", "Tampere"] * 10})
    found = detect_columns(table, "mentees")
    assert found.columns["goals"] == "Goals" and "Anything else?" in found.unmapped
    assert found.columns["city"] == "Where are you based?"
    assert len(set(found.columns.values())) == len(found.columns)


def test_free_text_and_numbers_are_no_family():
    assert read_contents(pd.Series([f"I have worked in sales for {n} years" for n in range(20)])).family is None
    capacity = pd.Series([str(1 + i % 3) for i in range(30)])
    assert read_contents(capacity).family is None
    mentors = pd.DataFrame({"Email": [f"m{i}@example.org" for i in range(30)],
                            "Kielet": ["suomi"] * 30, "How many people could you take?": capacity})
    assert detect_columns(mentors, "mentors").columns["capacity"] == "How many people could you take?"


def test_init_reads_the_reworded_dev_styles_whole(tmp_path):
    # mentor and mentee questions worded unlike any header word, in English, Finnish, Swedish
    for form in evaluation.REWORDED:
        mentors, mentees, _ = evaluation.write_exports(tmp_path / form, "dev", form, 40, 30)
        result = init_round(mentors, mentees, tmp_path / form / "round.toml")
        headers = evaluation._HEADERS[form]
        assert result.mentors.columns["topics"] == headers["topics"], form
        assert result.mentees.columns["goals"] == headers["goals"], form
        for detection in (result.mentors, result.mentees):
            for name in ("field", "languages", "meeting_mode", "city"):
                assert detection.columns[name] == headers[name], (form, name)
        config = (tmp_path / form / "round.toml").read_text(encoding="utf-8")
        assert "# detected by its answers (goals, " in config


@pytest.mark.parametrize("answer, language, level", [
    ("suomi (äidinkieleni)", "suomi", 4), ("svenska (förstaspråk)", "svenska", 4),
    ("Finnish - mother tongue", "finnish", 4), ("arabia (natiivi)", "arabia", 4),
    ("svenska modersmålet", "svenska", 4), ("ruotsi: erittäin hyvä", "ruotsi", 3),
    ("engelska mycket bra", "engelska", 3), ("finska (utmärkt)", "finska", 3),
    ("englanti kiitettävä", "englanti", 3), ("englanti sujuvasti", "englanti", 3),
    ("ruotsi (kohtalainen)", "ruotsi", 2), ("finska (bra)", "finska", 2),
    ("Russian (conversational)", "russian", 2), ("English (B2)", "english", 2),
    ("Finnish (not fluent)", "finnish", 2), ("englanti (alkeistaso)", "englanti", 1),
    ("engelska (grundläggande)", "engelska", 1), ("Swedish: basics", "swedish", 1),
    ("englanti: tyydyttävä", "englanti", 1), ("ryska (nöjaktig)", "ryska", 1),
    ("ruotsi heikosti", "ruotsi", 1), ("English (5/5)", "english", 4),
    ("English 4 (1-5)", "english", 3), ("English (3/5)", "english", 2),
    ("suomi taso 2", "suomi", 1), ("German (C1/C2)", "german", 3), ("Arabic", "arabic", None),
])
def test_level_words_in_three_languages(answer, language, level):
    assert vocab.split_level(answer) == (language, level)


def test_unread_level_falls_back_to_the_default_and_says_so():
    reading = vocab.read_level("viro (jotain)")
    assert (reading.level, reading.method, reading.unread) == (None, "unread", "jotain")
    # several languages, or a typo of one, are no level
    assert vocab.read_level("Russian Finnsh").method == "none"
    assert vocab.read_level("Finnish English").method == "none"


def test_unread_levels_reported_once_per_distinct_answer(tmp_path):
    write_csv(tmp_path / "m.csv", pd.DataFrame({
        "Email": [f"m{i}@example.org" for i in range(6)],
        "Kielet": ["suomi (jotain), englanti (hyvä)", "suomi (jotain)", "englanti (hyvä)",
                   "englanti (hyvä), suomi (jotain)", "suomi (jotain)", "viro (jotain)"]}))
    write_csv(tmp_path / "e.csv", pd.DataFrame({"Email": ["e@example.org"], "Kielet": ["suomi"]}))
    result = init_round(tmp_path / "m.csv", tmp_path / "e.csv", tmp_path / "round.toml")
    rnd = load_round(result.path)
    notes = rnd.issues[rnd.issues["problem"].str.contains("language level")]
    assert notes["value"].tolist() == ["suomi (jotain)", "viro (jotain)"]
    assert "4 rows" in notes["problem"].iloc[0] and "default level (good)" in notes["problem"].iloc[0]
    assert rnd.mentors["languages"].iloc[0] == {"fi": 2, "en": 2}


@given(st.text(max_size=40))
def test_read_level_never_fails_and_stays_in_range(text):
    reading = vocab.read_level(text)
    assert reading.level is None or 1 <= reading.level <= 4
    assert reading.method in ("word", "scale", "meaning", "none", "unread")
    assert (reading.method == "unread") == bool(reading.unread)


@given(st.integers(1, 10), st.integers(1, 10))
def test_scale_levels_rise_with_the_value(value, top):
    if value <= top:
        assert vocab.scale_level(value, top) <= vocab.scale_level(top, top)
        assert vocab.scale_level(max(value - 1, 0), top) <= vocab.scale_level(value, top)


@pytest.mark.parametrize("header, role, name", [
    ("Tavoitteesi mentoroinnille", "mentees", "goals"), ("Kokemuksesi alalta", "mentors", "years_experience"),
    ("Sukupuolesi", "mentees", "gender"), ("Organisaatiosi", "mentors", "organisation"),
    ("Tapaamismuotosi", "mentors", "meeting_mode"),
])
def test_inflected_header_words(header, role, name):
    assert detect_columns(pd.DataFrame(columns=[header]), role).columns == {name: header}


def test_a_short_shared_stem_is_not_a_header_word():
    # "mentoroinnille" shares only "mentor" with the capacity keyword "mentoroitavaa"
    assert detect_columns(pd.DataFrame(columns=["Tavoitteesi mentoroinnille"]), "mentors").columns == {}


FIELDS = ["Sales", "Nursing", "Software development", "Teaching", "Logistics"]
#: goals worded with field names: they read as goals and as fields alike
FIELD_WORDED_GOALS = ["Getting into the IT sector", "Finding work in healthcare",
                      "Starting my own business", "Building a network", "Careers in education",
                      "Understanding Finnish work culture"]


@pytest.mark.parametrize("header", ["Which of these?", "Anything in your field?",
                                    "What should we talk about in meetings?", "Kielitaidon lisäksi?"])
def test_goals_worded_with_fields_found_by_their_shape(header):
    # the options read as fields too (no confident family): the multi-select is the goals
    # question, the one-answer column the field one, whatever the goals header names
    table = _mentees(**{header: _multi_select(FIELD_WORDED_GOALS, 30, seed=4),
                        "Your line": [FIELDS[i % 5] for i in range(30)]})
    found = detect_columns(table, "mentees")
    assert found.columns["goals"] == header and found.columns["field"] == "Your line"
    assert found.columns["languages"] == "Languages" and "meeting_mode" not in found.columns
    assert any("read most like goals" in note for note in found.notes)


def test_grid_headers_close_to_an_id_keyword_are_read_by_their_answers():
    # Google Forms' "Section [item]" headers: "Mentoring [...]" is a fuzzy match of "mentor id"
    n = 30
    mentors = pd.DataFrame({
        "Email": [f"m{i}@example.org" for i in range(n)], "Profile [Spoken]": ["Finnish, English"] * n,
        "Mentoring [What you bring]": _multi_select(GOALS, n, seed=5),
        "Mentoring [Seats]": [str(1 + i % 3) for i in range(n)],
        "Mentoring [Format]": [["Face to face", "Video calls", "Happy with both"][i % 3] for i in range(n)],
        "Mentoring [Anything else]": [f"I have mentored {i} people before and like it a lot" for i in range(n)]})
    found = detect_columns(mentors, "mentors")
    assert "id" not in found.columns
    assert found.columns["topics"] == "Mentoring [What you bring]"
    assert found.columns["capacity"] == "Mentoring [Seats]"
    assert found.columns["meeting_mode"] == "Mentoring [Format]"
    assert found.columns["about"] == "Mentoring [Anything else]"


def test_a_free_text_header_over_choice_options_is_read_by_its_answers():
    # "Tausta" (background) is an about word, but its options recur and read as fields
    mentors = pd.DataFrame({"Email": [f"m{i}@example.org" for i in range(30)],
                            "Kielet": ["suomi"] * 30, "2. Tausta": [FIELDS[i % 5] for i in range(30)]})
    found = detect_columns(mentors, "mentors")
    assert found.columns["field"] == "2. Tausta" and "about" not in found.columns
    assert any("could be about by its header" in note for note in found.notes)


@pytest.mark.parametrize("header", ["In which areas could you share your experience?",
                                    "Mitä kokemuksia voisit jakaa?", "What in Finland could you help with?",
                                    "Your organisation could help with?", "Name the areas",
                                    "Organisation of your job search", "3. Gender of your goals?"])
def test_a_topics_header_naming_a_one_answer_field_is_read_by_its_answers(header):
    mentors = pd.DataFrame({"Email": [f"m{i}@example.org" for i in range(30)],
                            "Languages": ["Finnish, English"] * 30,
                            header: _multi_select(GOALS, 30, seed=6)})
    found = detect_columns(mentors, "mentors")
    assert found.columns["topics"] == header
    assert not {"years_experience", "years_in_finland", "organisation", "name",
                "gender"} & set(found.columns)
