"""Column detection by content: one-option-per-line multi-selects, yes/no (consent) columns, and
what ``matcher init`` writes into round.toml of how the columns were read (fi/sv/en)."""

from __future__ import annotations

import tomllib

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from matcher.cli import main
from matcher.config import load_config
from matcher.contents import LINE_CELLS, column_separators, is_yes_no, read_contents, read_shape
from matcher.detect import detect_columns
from matcher.vocab.options import OptionSplitter

from tests.helpers import write_csv

#: Jotform-style options: long sentences with commas inside, one a line in their cell
LINE_OPTIONS = ("I can help you find out which qualifications, licences and degrees employers expect",
                "I can help with job applications, CVs and interview practice",
                "I can introduce you to people in my field",
                "I can help you start a business of your own")


def _one_a_line(n: int, seed: int = 0) -> list[str]:
    rng = np.random.default_rng(seed)
    return ["\n".join(rng.choice(LINE_OPTIONS, size=int(rng.integers(1, 4)), replace=False))
            for _ in range(n)]


def test_a_column_of_options_one_a_line_is_a_multi_select_whose_commas_stay_inside_options():
    shape = read_shape(pd.Series(_one_a_line(40)))
    assert shape.is_choice and shape.multi > 0.5
    assert shape.options == len(LINE_OPTIONS)
    found = read_contents(pd.Series(_one_a_line(40)))
    assert set(found.chosen) == set(LINE_OPTIONS)
    assert found.family == "goals"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(LINE_OPTIONS + ("Networking", "CV; cover letter")),
                         min_size=1, max_size=4, unique=True), min_size=3, max_size=25),
       st.sampled_from(["\n", " | ", "|"]))
def test_cells_of_options_one_a_line_or_bar_joined_split_back_into_their_options(chosen, joint):
    """Whatever commas or semicolons the options hold, a line break or a bar between them is the
    cut (Jotform writes options one a line; Forms.app and Zoho join them with " | ")."""
    cells = [joint.join(options) for options in chosen]
    # enough cells of two or more options show how the column is written
    assume(sum(len(options) > 1 for options in chosen) >= LINE_CELLS * len(cells))
    separators = column_separators(pd.Series(cells))
    assert separators == (joint.strip() or "\n",)
    splitter = OptionSplitter(cells, separators)
    assert [splitter.split(cell) for cell in cells] == [tuple(options) for options in chosen]


def test_a_long_sentence_question_over_options_one_a_line_is_found():
    n = 30
    table = pd.DataFrame({
        "Email": [f"p{i}@x.org" for i in range(n)],
        "Which languages can you mentor in?": ["Finnish\nEnglish", "English", "Swedish\nFinnish"] * 10,
        "Which of the following could you offer to a newcomer? Choose all that apply.": _one_a_line(n),
    })
    found = detect_columns(table, "mentors")
    assert found.columns["topics"].startswith("Which of the following could you offer")
    assert found.columns["languages"] == "Which languages can you mentor in?"


def test_yes_no_columns_are_told_by_their_answers():
    assert is_yes_no(pd.Series(["Kyllä", "Ei", None, "Kyllä"]))
    assert is_yes_no(pd.Series(["Ja, jag godkänner", "Nej"]))
    assert is_yes_no(pd.Series(["I agree"] * 5))
    assert not is_yes_no(pd.Series(["1", "0", "1"]))      # ticks or numbers
    assert not is_yes_no(pd.Series(["x", "y"]))           # marks, or initials
    assert not is_yes_no(pd.Series(["Finnish", "No preference"]))
    assert not is_yes_no(pd.Series([None, ""]))


def _consent_table(n: int = 30, with_field: bool = True) -> pd.DataFrame:
    rng = np.random.default_rng(1)
    table = {
        "Email": [f"p{i}@x.org" for i in range(n)],
        "Which languages do you speak?": rng.choice(["Finnish\nEnglish", "English", "Swedish"], n),
        "Which of the following could you offer to a newcomer? Choose all that apply.": _one_a_line(n),
        "In which field do you work?": rng.choice(["ICT", "Health care", "Education"], n),
        "I agree that my data is stored and used to find me a mentee in my field.":
            rng.choice(["Yes", "No"], n),
        "I agree that my language skills and topics may be shared with my mentee.":
            rng.choice(["Yes", "Yes", "No"], n),
    }
    if not with_field:
        del table["In which field do you work?"]
    return pd.DataFrame(table)


def test_a_consent_column_is_the_consent_and_never_a_field_goals_or_languages_question():
    found = detect_columns(_consent_table(with_field=False), "mentors")
    assert found.columns["consent"].startswith("I agree that my data")
    assert "field" not in found.columns  # the field word of the consent question is no field question
    assert found.columns["topics"].startswith("Which of the following could you offer")
    assert found.columns["languages"] == "Which languages do you speak?"
    assert any("only yes or no" in note and "field" in note for note in found.notes)
    shown = [note.shown("fi") for note in found.notes if "only yes or no" in note]
    assert shown and all("kyllä tai ei" in note for note in shown)


def test_a_yes_no_column_is_consent_only_when_its_header_asks_for_consent():
    table = _consent_table().drop(columns=[
        "I agree that my data is stored and used to find me a mentee in my field.",
        "I agree that my language skills and topics may be shared with my mentee."])
    table["May we contact you after the programme?"] = ["Yes", "No"] * 15
    found = detect_columns(table, "mentors")
    assert "consent" not in found.columns
    assert "May we contact you after the programme?" in found.unmapped


@pytest.mark.parametrize("header", ["Käsittelijä", "Tietojen käsittely", "Handläggare"])
def test_a_column_not_answered_yes_or_no_is_no_consent_unless_a_keyword_says_so(header):
    # a case worker's initials under a heading sharing words with "the processing of data":
    # read as the consent, it would leave everyone out of the round
    table = _consent_table().drop(columns=[
        "I agree that my data is stored and used to find me a mentee in my field.",
        "I agree that my language skills and topics may be shared with my mentee."])
    table[header] = ["AK", "MV", "TL"] * 10
    assert "consent" not in detect_columns(table, "mentors").columns
    table["Suostumus"] = ["Kyllä"] * 30
    assert detect_columns(table, "mentors").columns["consent"] == "Suostumus"


@pytest.mark.parametrize(("language", "reading", "by_answers", "family"), [
    ("en", "How the columns of this file were read", "detected by its answers", "(goals, 67% of the options chosen)"),
    ("fi", "Miten tämän tiedoston sarakkeet luettiin", "tunnistettu vastauksista",
     "(tavoitteet, 67 % valituista vaihtoehdoista)"),
    ("sv", "Hur kolumnerna i den här filen lästes", "känd igen på svaren", "(mål, 67 % av de valda alternativen)"),
])
def test_init_writes_the_folds_and_the_evidence_by_content_into_round_toml(
        tmp_path, language, reading, by_answers, family):
    n = 12
    mentors = pd.DataFrame({
        "Email": [f"m{i}@x.org" for i in range(n)],
        "Start": [f"{d}.1.2026 10.{d:02d}" for d in range(1, n + 1)],
        "Valmis": [f"{d}.1.2026 11.{d:02d}" for d in range(1, n + 1)],
        "Kielet": ["suomi, englanti"] * n,
        # one column per option, the option's mark "1" where chosen: folded into one question
        "Vahvuutesi - Verkostoituminen": ["1", "", "1"] * 4,
        "Vahvuutesi - Työnhaku": ["", "1", "1"] * 4,
        "Vahvuutesi - Yrittäjyys": ["1", "1", ""] * 4,
    })
    mentees = pd.DataFrame({"Email": [f"e{i}@x.org" for i in range(n)], "Kielet": ["suomi"] * n,
                            "Tavoitteet": ["Verkostoituminen", "Työnhaku"] * (n // 2)})
    write_csv(tmp_path / "m.csv", mentors)
    write_csv(tmp_path / "e.csv", mentees)
    result = CliRunner().invoke(main, ["init", str(tmp_path / "m.csv"), str(tmp_path / "e.csv"),
                                       "-o", str(tmp_path / "round.toml"), "--language", language])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "round.toml").read_text(encoding="utf-8")
    mentor_part = text[text.index("[mentors]"):text.index("[mentees]")]
    # the fold, next to the mapping it explains: above [mentors.columns]
    assert mentor_part.index(reading) < mentor_part.index("[mentors.columns]")
    assert "'Vahvuutesi - *'" in mentor_part and "'Verkostoituminen'" in mentor_part
    topics = next(line for line in mentor_part.splitlines() if line.startswith("topics = "))
    assert by_answers in topics and family in topics
    submitted = next(line for line in mentor_part.splitlines() if line.startswith("submitted_at = "))
    assert submitted.startswith('submitted_at = "Valmis"') and by_answers in submitted
    assert {"en": "the latest of 2", "fi": "myöhäisin 2", "sv": "den senaste av 2"}[language] in submitted
    config = load_config(tmp_path / "round.toml")  # the comments leave the config as it runs
    assert config.mentors.columns["topics"] == "Vahvuutesi - *"
    assert tomllib.loads(text)["mentors"]["columns"]["submitted_at"] == "Valmis"


def test_answers_aligned_only_through_the_other_form_never_overrule_a_languages_header(monkeypatch):
    """A languages question whose answers matcher cannot read alone ("Fin. native, Est. fluent")
    may align with the other form's goal options as leftovers; that alignment must not take the
    column away from the languages field its header names."""
    from matcher import detect
    from matcher.contents import ColumnContents

    header = "In which languages could you mentor, and at what level?"
    answers = ["Fin. native, Est. fluent", "Fin. native, Rus. basics", "Swe. fluent, Fin. native",
               "Fin. native, Est. fluent", "Fin. native, Rus. basics", "Swe. fluent, Fin. native"]
    table = pd.DataFrame({"Email": [f"m{i}@example.fi" for i in range(6)], header: answers})
    first = detect.detect_columns(table, "mentors")
    assert first.columns.get("languages") == header

    as_goals = ColumnContents(cells=6, options=4, multi=1.0, repeated=0.6, shares={"goals": 0.9},
                              chosen=("Fin. native", "Est. fluent", "Rus. basics", "Swe. fluent"))
    monkeypatch.setattr(detect, "read_contents", lambda values, other=None: as_goals)
    again = detect.detect_columns(table, "mentors", other={"goals": ("Improving my Finnish",)},
                                  previous=first)
    assert again.columns.get("languages") == header
