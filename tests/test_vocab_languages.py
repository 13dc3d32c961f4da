"""Language answers in every form people write them: codes, abbreviations, native names,
inflections, levels in the same cell and several languages per cell (matcher.vocab.languages)."""

from __future__ import annotations

from collections import Counter

import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from matcher import language_table, level_columns, load_round, vocab
from matcher.detect import format_answers
from matcher.intake.answers import ColumnAnswers, read_answers
from matcher.vocab import languages
from matcher.vocab.options import OptionSplitter

from tests.helpers import write_csv

NAMES = languages.LanguageVocabulary.built_in()


@pytest.mark.parametrize("written, key", [
    # ISO 639-1 and 639-2 (T and B) codes, any case, with or without a dot
    ("fi", "fi"), ("SV", "sv"), ("Ar.", "ar"), ("ru", "ru"), ("fin", "fi"), ("SWE", "sv"),
    ("eng", "en"), ("Est.", "et"), ("ger", "de"), ("deu", "de"), ("per", "fa"), ("ukr", "uk"),
    # names in English, Finnish, Swedish and the language's own
    ("Somali", "so"), ("venäjä", "ru"), ("ryska", "ru"), ("eesti", "et"), ("Deutsch", "de"),
    ("русский", "ru"), ("Soomaali", "so"), ("arabia", "ar"),
])
def test_codes_and_names(written, key):
    assert NAMES.named(written) == (key, 1.0)


@pytest.mark.parametrize("written, key", [
    ("Engl.", "en"), ("Engl", "en"), ("ENGL", "en"), ("Swed.", "sv"), ("Sve.", "sv"),
    ("Suom.", "fi"), ("ruots.", "sv"), ("Russ.", "ru"), ("ven.", "ru"), ("Somal.", "so"),
    ("estn.", "et"), ("Span.", "es"), ("Port.", "pt"), ("Germ.", "de"), ("Sp.", "es"),
])
def test_abbreviations_read_with_less_confidence(written, key):
    assert NAMES.named(written) == (key, languages.ABBREVIATION_CONFIDENCE)


@pytest.mark.parametrize("written, key", [
    ("suomeksi", "fi"), ("arabiaksi", "ar"), ("viroksi", "et"), ("venäjäksi", "ru"),
    ("viroa", "et"), ("englantia", "en"), ("englanniksi", "en"), ("somaliksi", "so"),
    ("suomen kieli", "fi"), ("ruotsin kieli", "sv"), ("på svenska", "sv"), ("på engelska", "en"),
    ("ryska språket", "ru"), ("eesti keel", "et"), ("in English", "en"),
])
def test_inflected_and_framed_names(written, key):
    assert NAMES.lookup(written) == key


def test_a_common_language_is_read_before_a_rare_one():
    # "ven" is Venda's ISO 639-2 code, and the Finnish abbreviation of venäjä (Russian)
    assert NAMES.named("ven.") == ("ru", languages.ABBREVIATION_CONFIDENCE)
    # with no common language abbreviated so, the rare language's code reads
    assert NAMES.named("zul") == ("zu", 1.0)


@pytest.mark.parametrize("written", [
    "Networking", "level", "native", "Research and development", "xyz", "Fi", "e", "some",
    "Suomalainen", "kan", "A2",
])
def test_no_language_is_read_from_other_words(written):
    found = NAMES.named(written)
    assert found is None or (written == "Fi" and found == ("fi", 1.0))


def test_common_words_are_no_codes_of_rare_languages():
    # "to" (Tonga), "or" (Odia), "be" (Belarusian) and "CV" (Chuvash) are words first
    assert [NAMES.lookup(w) for w in ("to", "or", "be", "CV")] == [None, None, None, None]
    # a rare language still reads by its names and, unabbreviated otherwise, its ISO 639-2 code
    assert [NAMES.lookup(w) for w in ("Chuvash", "tšuvassi", "chv")] == ["cv", "cv", "cv"]
    # the built-in languages keep their codes ("it", "ja" are also words)
    assert [NAMES.lookup(w) for w in ("it", "ja", "en")] == ["it", "ja", "en"]


def test_no_table_name_means_two_languages():
    owners = Counter(vocab.normalise(n) for key, names in vocab._entries("languages").items()
                     for n in {vocab.normalise(x) for x in (key, *names)})
    assert [n for n, count in owners.items() if count > 1] == []
    assert len(language_table.table()) > 150


@pytest.mark.parametrize("cell, level", [
    ("Finnish (native)", 4), ("English - fluent", 3), ("Sv. basic", 1),
    ("Fin. first-language level", 4), ("suomi äidinkieli", 4), ("svenska modersmål", 4),
    ("englanti sujuva", 3), ("engelska flytande", 3), ("ruotsi alkeet", 1),
    ("finska grundläggande", 1), ("Eng. B2", 2), ("Eng C1", 3), ("Swe CEFR A2", 1),
    ("Est. - C2 / first language", 4), ("ENG: native speaker", 4), ("ven. keskitasoa", 2),
])
def test_a_level_never_stops_a_language_being_read(cell, level):
    reading = vocab.read_level(cell)
    assert reading.level == level
    assert reading.method != "unread"
    assert NAMES.lookup(reading.text) is not None


@pytest.mark.parametrize("cell, parts", [
    ("Finnish and English", ("Finnish", "English")),
    ("suomi ja ruotsi", ("suomi", "ruotsi")),
    ("engelska och finska (flytande)", ("engelska", "finska (flytande)")),
    ("Fin/Swe", ("Fin", "Swe")),
    ("Finnish (native/fluent)", ("Finnish (native/fluent)",)),
    ("Research and development", ("Research and development",)),
    ("Arabic & English B2", ("Arabic", "English B2")),
])
def test_several_languages_in_one_answer(cell, parts):
    assert languages.split_languages(cell, NAMES.lookup) == parts


def _column(cells: list[str]) -> ColumnAnswers:
    # as intake learns a languages column: a known language, its level aside, is one option
    splitter = OptionSplitter(cells, ("\n", ";", ","),
                              lambda text: NAMES.lookup(vocab.split_level(text)[0]) is not None)
    return ColumnAnswers("mentees", "languages", "Languages", "languages", splitter, Counter(), {})


def _read(column: ColumnAnswers, cell: str) -> dict[str, int | None]:
    found: dict[str, int | None] = {}
    for text, level in column.items(cell):
        key = NAMES.lookup(text)
        assert key is not None, text
        found[key] = level
    return found


def test_a_cell_of_abbreviations_with_levels_comma_separated():
    cell = "Fin. native, Eng. C1, Sv. basic, Ar. (B2)"
    assert _read(_column([cell]), cell) == {"fi": 4, "en": 3, "sv": 1, "ar": 2}


#: per language, ways it is written that must read as it (codes, names, unambiguous abbreviations)
_WRITTEN = {
    "fi": ("Finnish", "suomi", "finska", "FI", "fin", "Fin.", "Finn", "suomeksi", "suomen kieli"),
    "en": ("English", "englanti", "engelska", "EN", "eng", "Eng.", "Engl", "englanniksi"),
    "sv": ("Swedish", "ruotsi", "svenska", "sv", "SWE", "Swed.", "ruotsiksi", "på svenska"),
    "ar": ("Arabic", "arabia", "arabiska", "ar", "ARA", "Arab.", "arabiaksi"),
    "ru": ("Russian", "venäjä", "ryska", "RU", "rus", "Russ.", "ven.", "venäjäksi"),
    "et": ("Estonian", "viro", "estniska", "eesti", "ET", "est", "Eston.", "viroksi"),
    "so": ("Somali", "somaliska", "so", "SOM", "Somal.", "somaliksi"),
}
_LEVEL_WORDS = {4: ("native", "mother tongue", "äidinkieli", "modersmål", "C2 / first language"),
                3: ("fluent", "C1", "sujuva", "flytande", "advanced"),
                2: ("B2", "B1", "good", "hyvä", "god", "intermediate"),
                1: ("basic", "A2", "A1", "alkeet", "grundläggande", "beginner")}
_FORMATS = ("{language} ({level})", "{language} - {level}", "{language}: {level}",
            "{language} {level}", "{language}")
_JOINS = (", ", "; ", "\n", " and ", " ja ", " och ")


@st.composite
def _cells(draw):
    codes = draw(st.lists(st.sampled_from(sorted(_WRITTEN)), min_size=1, max_size=4, unique=True))
    join = draw(st.sampled_from(_JOINS))
    parts, truth = [], {}
    for code in codes:
        written = draw(st.sampled_from(_WRITTEN[code]))
        level = draw(st.integers(1, 4))
        form = draw(st.sampled_from(_FORMATS))
        # a bare language beside " and " must not take its neighbour's level
        parts.append(form.format(language=written, level=draw(st.sampled_from(_LEVEL_WORDS[level]))))
        truth[code] = None if form == "{language}" else level
    return join.join(parts), truth


@settings(max_examples=80, deadline=None)
@given(_cells())
def test_generated_cells_read_as_their_languages_and_levels(generated):
    cell, truth = generated
    assert _read(_column([cell]), cell) == truth


def test_read_answers_shows_abbreviations_with_their_confidence():
    tables = {"mentors": pd.DataFrame({"L": ["Suom. äidinkieli, Engl. C1", "Suom. äidinkieli"]}),
              "mentees": pd.DataFrame({"L": ["Arab. native, fi A2", "Eng B2"]})}
    reading = read_answers(tables, {"mentors": {"languages": "L"}, "mentees": {"languages": "L"}})
    table = reading.answers().set_index(["role", "answer"])
    assert table.loc[("mentors", "Suom."), ["key", "method"]].tolist() == ["fi", "abbreviation"]
    assert table.loc[("mentors", "Suom."), "confidence"] == languages.ABBREVIATION_CONFIDENCE
    assert table.loc[("mentees", "fi"), ["key", "method", "confidence"]].tolist() == ["fi", "exact", 1.0]
    assert table.loc[("mentees", "Eng"), ["key", "method"]].tolist() == ["en", "exact"]
    # the less sure readings of a column come first, for the coordinator to look at
    assert reading.answers()["answer"].iloc[0] == "Suom."
    # each answer carries the levels it was named with, for init to show
    assert table.loc[("mentors", "Suom."), "levels"] == ((4, 2),)
    assert table.loc[("mentees", "fi"), "levels"] == ((1, 1),)


def test_init_shows_the_levels_each_language_answer_was_named_with():
    tables = {"mentors": pd.DataFrame({"L": ["Fin. native, Eng. C1", "Fin. basic", "Fin."]}),
              "mentees": pd.DataFrame({"L": ["suomi", "English"]})}
    answers = read_answers(tables, {"mentors": {"languages": "L"}, "mentees": {"languages": "L"}})
    shown = format_answers(answers.answers(), "fi").splitlines()
    assert shown[0].split()[-1] == "tasot"
    assert next(line for line in shown if " Fin. " in line).endswith(
        "äidinkieli 1, perustaso 1, ei annettu 1")
    # a table of answers with no language in it has no levels column
    goals = read_answers({"mentors": pd.DataFrame({"T": ["Networking"]}),
                          "mentees": pd.DataFrame({"G": ["Networking"]})},
                         {"mentors": {"topics": "T"}, "mentees": {"goals": "G"}})
    assert format_answers(goals.answers()).splitlines()[0].split()[-2:] == ["read", "as"]


def test_load_round_reads_abbreviated_languages_with_levels(tmp_path):
    write_csv(tmp_path / "mentors.csv", pd.DataFrame({
        "email": ["a@example.org", "b@example.org"],
        "Kielet": ["Suom. äidinkieli; Engl. sujuva", "ruotsin kieli (C1); eesti keel"],
        "capacity": [1, 1]}))
    write_csv(tmp_path / "mentees.csv", pd.DataFrame({
        "email": ["c@example.org", "d@example.org"],
        "Languages": ["Arab. (native), Eng. B2", "Est. - first language, Fin. A2"]}))
    (tmp_path / "round.toml").write_text("\n".join([
        '[round]\nname = "Test"', '[mentors]\nfile = "mentors.csv"', "[mentors.columns]",
        'email = "email"', 'languages = "Kielet"', 'capacity = "capacity"',
        '[mentees]\nfile = "mentees.csv"', "[mentees.columns]", 'email = "email"',
        'languages = "Languages"']), encoding="utf-8")
    rnd = load_round(tmp_path / "round.toml")
    assert rnd.mentors["languages"].tolist() == [{"fi": 4, "en": 3}, {"sv": 3, "et": 2}]
    assert rnd.mentees["languages"].tolist() == [{"ar": 4, "en": 2}, {"et": 4, "fi": 1}]
    abbreviated = rnd.issues[rnd.issues["problem"].str.contains("abbreviation", regex=False)]
    assert set(abbreviated["value"]) >= {"Suom.", "Engl."}


@pytest.mark.parametrize("header, cells, language, scale", [
    ("Finnish level: 1-5", ["5", "2", None], "Finnish", (1, 5)),
    ("Ruotsin kielen taso (1-5)", ["3", ""], "Ruotsin", (1, 5)),
    ("English skills", ["Fluent", "Basic", "Native"], "English", None),
    ("Svenska (CEFR)", ["B2", "C1"], "Svenska", None),
    ("Eng. level (0–5)", ["0", "4"], "Eng.", (0, 5)),
])
def test_a_level_column_names_its_language(header, cells, language, scale):
    assert level_columns.level_column(header, pd.Series(cells)) == level_columns.LevelColumn(
        header, language, scale)


@pytest.mark.parametrize("header, cells", [
    ("Capacity", ["1", "2"]),                       # no language in the header
    ("English", ["Yes", "No", "Yes"]),              # cells are no levels
    ("Years in Finland", ["3", "10"]),              # a country, and more than a level's scale
    ("Finnish level: 1-5", ["12", "40"]),           # numbers off the header's scale
    ("Why do you want a mentor?", ["Networking"]),
])
def test_other_columns_are_no_level_columns(header, cells):
    assert level_columns.level_column(header, pd.Series(cells)) is None


def test_load_round_reads_one_level_column_per_language(tmp_path):
    write_csv(tmp_path / "mentors.csv", pd.DataFrame({
        "email": ["a@example.org", "b@example.org"], "capacity": [1, 1],
        "Finnish level: 1-5": ["5", "2"], "English level: 1-5": ["", "4"],
        "Ruotsin kielen taso": ["Ei", "sujuva"]}))
    write_csv(tmp_path / "mentees.csv", pd.DataFrame({
        "email": ["c@example.org", "d@example.org"],
        "Suomen kielen taso (0-5)": ["0", "3"], "Englannin kielen taso (0-5)": ["5", "1"]}))
    (tmp_path / "round.toml").write_text("\n".join([
        '[round]\nname = "Test"', '[mentors]\nfile = "mentors.csv"', "[mentors.columns]",
        'email = "email"', f'languages = "{level_columns.FOLDED_HEADER}"', 'capacity = "capacity"',
        '[mentees]\nfile = "mentees.csv"', "[mentees.columns]", 'email = "email"',
        f'languages = "{level_columns.FOLDED_HEADER}"']), encoding="utf-8")
    rnd = load_round(tmp_path / "round.toml")
    # 5/5 native, 2/5 basic, 4/5 fluent; "Ei" and 0 of 0-5: the language is not used
    assert rnd.mentors["languages"].tolist() == [{"fi": 4}, {"fi": 1, "en": 3, "sv": 3}]
    assert rnd.mentees["languages"].tolist() == [{"en": 4}, {"fi": 2, "en": 1}]


@pytest.mark.parametrize("cell, read", [
    # a level no lexicon knows never stops the language being read (its level is the default)
    ("Fin. YKI 3", {"fi": None}), ("Est. emakeel, Fin. C1", {"et": None, "fi": 3}),
    ("Eng. limited working proficiency", {"en": 1}), ("Eng. bilingual", {"en": 4}),
    ("Eng. professional working proficiency, Fin. elementary proficiency", {"en": 3, "fi": 1}),
])
def test_unknown_level_words_leave_the_language_read(cell, read):
    assert _read(_column([cell]), cell) == read


def test_two_languages_without_a_separator_are_not_read_as_the_first():
    assert languages.leading_language("suomi ruotsi", NAMES) == "suomi ruotsi"
