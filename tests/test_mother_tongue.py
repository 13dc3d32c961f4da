"""A mother-tongue column asked apart from the other languages is read into the languages answer
(matcher.mother_tongue), so a person who only filled it in speaks that language, natively."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matcher import evaluation, init_round, load_round
from matcher.detect import reading_notes
from matcher.mother_tongue import _answers, _Cells, _first_language
from matcher.option_columns import fold_questions

HEADERS = {"fi": ("Mikä on äidinkielesi?", "Muut kielet ja taso"),
           "en": ("What is your mother tongue?", "Other languages you speak"),
           "sv": ("Vad är ditt modersmål?", "Andra språk du talar")}
NAMES = {"fi": ["arabia", "somali", "suomi", "venäjä"], "en": ["Arabic", "Somali", "Finnish", "Russian"],
         "sv": ["arabiska", "somaliska", "finska", "ryska"]}


@pytest.mark.parametrize("lang", sorted(HEADERS))
def test_mother_tongue_goes_first_into_the_languages_answer(lang):
    mother, others = HEADERS[lang]
    names = NAMES[lang]
    table = pd.DataFrame({"Email": [f"p{i}@x.fi" for i in range(4)], mother: names,
                          others: [f"{names[2]} (B2), {names[3]} (A2)", None, "", f"{names[0]} (C1)"]})
    folded = fold_questions(table)
    assert list(folded.columns) == ["Email", others]
    assert folded[others].tolist() == [f"{names[0]} (native), {names[2]} (B2), {names[3]} (A2)",
                                       f"{names[1]} (native)", f"{names[2]} (native)",
                                       f"{names[3]} (native), {names[0]} (C1)"]
    assert reading_notes(folded) == [f"column '{mother}' (the mother tongue) read into '{others}', each of "
                                     "its languages at native level"]


def test_a_mother_tongue_column_alone_is_the_languages_answer():
    table = pd.DataFrame({"Email": ["a@x.fi", "b@x.fi"], "Äidinkieli": ["suomi ja ruotsi", "Arabic"],
                          "Ala": ["ICT", "Hoitoala"]})
    folded = fold_questions(table)
    assert folded["Äidinkieli"].tolist() == ["suomi (native), ruotsi (native)", "Arabic (native)"]


def test_columns_that_are_no_mother_tongue_question_are_left_alone():
    # languages with levels under a native-level header, names under a header of no level,
    # a native-level header over answers that are no languages
    for table in (pd.DataFrame({"Äidinkieli ja muut kielet": ["suomi (äidinkieli), englanti (hyvä)"]}),
                  pd.DataFrame({"Kielet": ["suomi", "arabia"], "Ala": ["ICT", "Laki"]}),
                  pd.DataFrame({"First language course taken?": ["Yes", "No"]})):
        assert list(fold_questions(table).columns) == list(table.columns)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([None, *NAMES["en"]]),
                          st.lists(st.sampled_from(NAMES["en"]), max_size=3, unique=True)),
                min_size=3, max_size=8))
def test_no_language_a_person_gave_is_lost(people):
    """Every language of the mother-tongue column and of the other-languages column is in the
    person's folded answer, the mother tongue at native level, nothing else added."""
    people[0] = ("Arabic", people[0][1])  # the column names a language somewhere
    table = pd.DataFrame({"Email": [f"p{i}@x.fi" for i in range(len(people))],
                          "Mother tongue": [m for m, _ in people],
                          "Other languages": [", ".join(f"{o} (good)" for o in others) or None
                                              for _, others in people]})
    folded = fold_questions(table)
    # read into the other languages, or (nobody gave any) the mother tongues alone are the answer
    answer = "Mother tongue" if "Mother tongue" in folded.columns else "Other languages"
    for cell, (mother, others) in zip(folded[answer], people):
        expected = ([f"{mother} (native)"] if mother else []) + [f"{o} (good)" for o in others]
        assert (cell.split(", ") if isinstance(cell, str) else []) == expected


def test_mother_tongue_round_reads_every_persons_languages(tmp_path):
    mentors, mentees, truth = evaluation.write_exports(tmp_path, "dev", "mothertongue_fi", 30, 20)
    rnd = load_round(init_round(mentors, mentees, tmp_path / "round.toml").path)
    for frame in (rnd.mentors, rnd.mentees):
        read = frame.set_index("email")["languages"]
        meant = truth.set_index("email")["languages"]
        assert all(set(read[e]) == set(meant[e]) for e in read.index)
        assert all(read[e][code] == 4 for e in read.index for code, level in meant[e].items() if level == 4)


def test_an_excel_resaved_swedish_mother_tongue_with_abbreviations_is_folded():
    # Excel's re-save: a trailing space and a wrapped header cell, padded cells; the languages
    # abbreviated as people type them ("Fi.", "Ry.: A1", "arabiskt spr.: B2")
    table = pd.DataFrame({"E-postadress": ["a@x.se", "b@x.se", "c@x.se"],
                          "Ditt\nmodersmål ": ["Fi. ", "Fi.", "Arab."],
                          "Andra språk du kan mentorera på (och nivå)": [
                              "arabiskt spr.: B2, Estnisk.: C1", "Ry.: A1", None]})
    folded = fold_questions(table)
    assert list(folded.columns) == ["E-postadress", "Andra språk du kan mentorera på (och nivå)"]
    assert folded.iloc[:, 1].tolist() == ["Fi. (native), arabiskt spr.: B2, Estnisk.: C1",
                                          "Fi. (native), Ry.: A1", "Arab. (native)"]


OTHERS = ["Finnish", "English", "Swedish", "Russian", "Estonian"]
MOTHERS = ["Arabic", "Somali", "Persian", "Finnish", "Russian"]


def _people(draw_others, mother_of):
    return pd.DataFrame({"Email": [f"p{i}@x.fi" for i in range(len(draw_others))],
                         "Language you grew up with": [mother_of(i, o) for i, o in enumerate(draw_others)],
                         "Languages and level": [", ".join(f"{o} (B2)" for o in others) or None
                                                 for others in draw_others]})


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(MOTHERS), st.lists(st.sampled_from(OTHERS), min_size=1,
                                                              max_size=3, unique=True)),
                min_size=4, max_size=10))
def test_a_column_of_the_one_language_the_others_leave_out_is_the_mother_tongue(people):
    """Under a header naming no level, a column of one language a cell that the levelled
    languages question never repeats is read as the mother tongue."""
    others = [[o for o in os if o != m] or ["English" if m != "English" else "Swedish"] for m, os in people]
    folded = fold_questions(_people(others, lambda i, _: people[i][0]))
    assert list(folded.columns) == ["Email", "Languages and level"]
    assert [c.split(", ")[0] for c in folded["Languages and level"]] == [f"{m} (native)" for m, _ in people]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.lists(st.sampled_from(OTHERS), min_size=1, max_size=3, unique=True), min_size=4, max_size=10))
def test_a_language_the_person_also_lists_with_its_level_is_no_mother_tongue(others):
    """A mentoring language (or a nationality) is one of the languages the person lists with a
    level: the column stays a question of its own."""
    table = _people(others, lambda i, own: own[0])
    assert list(fold_questions(table).columns) == list(table.columns)


CELLS = ["Arabic", "suomi (äidinkieli)", "Fi.", "2026-01-12 08:04:38", "12", "a@x.fi", "I like sauna, and Finnish",
         "Eng. C1, ruotsi", " - ", "", None, "ICT", "English and Somali"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(CELLS), max_size=30), st.sampled_from([0.6, 0.9]), st.booleans())
def test_a_columns_share_of_languages_is_told_as_reading_every_cell_would(cells, share, letterless):
    # names_languages stops early and skips letterless answers: the same verdict as the share
    # over every cell, read whole (a letterless answer is only skipped where no name has no letter)
    read = _Cells(pd.Series(cells, dtype=object), letterless)
    assert read.names_languages(share) == (read.named >= share)
    assert read.cells == tuple(_answers(c) for c in cells)


def test_the_shares_of_a_column_that_names_no_language_are_read_from_a_few_cells():
    emails = pd.Series([f"person{i}@example.org" for i in range(1000)])
    _first_language.cache_clear()
    assert not _Cells(emails, False).names_languages(0.6)
    assert _first_language.cache_info().misses <= 401  # stops once 60% cannot be reached
