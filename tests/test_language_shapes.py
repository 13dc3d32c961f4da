"""Language questions and ranked choices in their shapes: level columns under a shared question,
a mother tongue asked apart, ranking words that are no level, ranked choices folded into one
multi-select (matcher.level_columns, matcher.mother_tongue, matcher.ranked, matcher.vocab)."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matcher import vocab
from matcher.option_columns import fold_questions
from matcher.ranked import find_ranked, fold_ranked
from matcher.vocab.languages import written_language

LANGUAGES = {"fi": "Suomi", "en": "Englanti", "sv": "Ruotsi", "ar": "Arabia", "so": "Somali"}


def _languages(table: pd.DataFrame) -> list[dict[str, int | None]]:
    """Each person's languages and levels as intake reads the folded languages column."""
    folded = fold_questions(table)
    column = [f["header"] for f in folded.attrs["folded"] if f.get("kind") in ("languages", "levels")
              or f["how"] in ("languages", "mother_tongue")][-1]
    names = vocab.vocabulary("languages")
    out = []
    for cell in folded[column]:
        read: dict[str, int | None] = {}
        for part in filter(None, re.split(r"\s*[;,]\s*", cell if isinstance(cell, str) else "")):
            text, level = written_language(part)
            key = names.lookup(text)
            assert key is not None, part
            read[key] = level
        out.append(read)
    return out


@pytest.mark.parametrize("heading", ["Q7_{n} {name}", "7. Kielet / {name}", "Kielitaito - {name}",
                                     "{name} (taso)", "How well do you speak {name}? (1-5)",
                                     "Language skills: {name}"])
def test_level_columns_under_a_shared_question(heading: str) -> None:
    table = pd.DataFrame({heading.format(n=n, name=name): cells for n, (name, cells) in enumerate(
        (("Suomi", ["5", "2", ""]), ("Ruotsi", ["", "4", "3"]), ("Somali", ["", "", "5"])), start=1)})
    table.insert(0, "Sähköposti", ["a@x.fi", "b@x.fi", "c@x.fi"])
    assert _languages(table) == [{"fi": 4}, {"fi": 1, "sv": 3}, {"sv": 2, "so": 4}]


def test_kobo_language_paths_fold() -> None:
    table = pd.DataFrame({"start": ["2026-01-01", "2026-01-02"], "languages/finnish": ["native", "basic"],
                          "languages/swedish": ["", "fluent"], "languages/english": ["good", ""]})
    assert _languages(table) == [{"fi": 4, "en": 2}, {"fi": 1, "sv": 3}]


@settings(max_examples=10, deadline=None)
@given(st.permutations(list(LANGUAGES)))
def test_a_grid_with_shuffled_columns_reads_the_same(order: list[str]) -> None:
    levels = {"fi": ["äidinkieli", "hyvä", ""], "en": ["sujuva", "", "alkeet"], "sv": ["", "C1", "B1"],
              "ar": ["", "äidinkieli", ""], "so": ["", "", "äidinkieli"]}
    table = pd.DataFrame({f"Kielitaito - {LANGUAGES[code]}": levels[code] for code in order})
    assert _languages(table) == [{"fi": 4, "en": 3}, {"fi": 2, "sv": 3, "ar": 4}, {"en": 1, "sv": 2, "so": 4}]


def test_one_language_column_combines_with_the_other_languages() -> None:
    table = pd.DataFrame({"Email": ["a@x.fi", "b@x.fi", "c@x.fi"],
                          "Englannin kielen taito": ["sujuva", "", "alkeet"],
                          "Muut kielet (taso)": ["ruotsi (hyvä), viro (C1)", "arabia (B2)", None]})
    assert _languages(table) == [{"en": 3, "sv": 2, "et": 3}, {"ar": 2}, {"en": 1}]


@pytest.mark.parametrize(("written", "key"), [
    ("suomi", "fi"), ("finska", "fi"), ("ruotsinkielinen", "sv"), ("svenskspråkig", "sv"),
    ("suomenkielinen", "fi"), ("finskspråkig", "fi"), ("Fi.", "fi"), ("Sw.", "sv"),
    ("arabiankielinen", "ar"), ("Finnish-speaking", "fi")])
def test_mother_tongue_answers_in_any_form(written: str, key: str) -> None:
    assert vocab.vocabulary("languages").lookup(written) == key


def test_swahili_stays_swahili_by_its_code() -> None:
    names = vocab.vocabulary("languages")
    assert (names.lookup("SW"), names.lookup("Swahili"), names.lookup("Sw.")) == ("sw", "sw", "sv")


def test_a_mother_tongue_apart_combines_with_the_other_languages() -> None:
    table = pd.DataFrame({"Email": [f"p{i}@x.fi" for i in range(4)],
                          "Modersmål": ["svenskspråkig", "Fi.", "arabiska", "finska"],
                          "Andra språk och nivå": ["Fi. B2, Eng. C1", "Sw. A2", "Eng. B1, Sw. B2", None]})
    assert _languages(table) == [{"sv": 4, "fi": 2, "en": 3}, {"fi": 4, "sv": 1}, {"ar": 4, "en": 2, "sv": 2},
                                 {"fi": 4}]


@pytest.mark.parametrize("ranking", ["Förstahandsval", "Mål (förstahandsval)", "andrahandsval",
                                     "1. vaihtoehto", "first choice", "Goal – 1st choice"])
def test_ranking_words_are_no_level(ranking: str) -> None:
    assert vocab.language_level(ranking) is None


@pytest.mark.parametrize("level", ["förstaspråk", "äidinkieleni", "kohtalaisesti", "modersmålet"])
def test_level_words_still_read(level: str) -> None:
    assert vocab.language_level(level) is not None


OPTIONS = ["CV", "Verkostot", "Yrittäjyys", "Alanvaihto"]


@pytest.mark.parametrize("heading", ["Tavoite {n}", "Goal – {nth} choice", "Mål ({sv}handsval)",
                                     "Toive: {n}. vaihtoehto", "{nth} choice"])
def test_one_column_per_place(heading: str) -> None:
    places = [(1, "1st", "första"), (2, "2nd", "andra"), (3, "3rd", "tredje")]
    cells = [["CV", "Verkostot", "CV", "Alanvaihto"], ["Verkostot", None, "Yrittäjyys", "CV"],
             [None, None, "Verkostot", "Yrittäjyys"]]
    table = pd.DataFrame({"Email": ["a", "b", "c", "d"]}
                         | {heading.format(n=n, nth=nth, sv=sv): column for (n, nth, sv), column in zip(places, cells)})
    folded = fold_ranked(table)
    assert folded.columns.tolist() == ["Email", folded.columns[1]] and "*" in folded.columns[1]
    assert folded.iloc[:, 1].tolist() == ["CV;Verkostot;", "Verkostot;", "CV;Yrittäjyys;Verkostot;",
                                          "Alanvaihto;CV;Yrittäjyys;"]


def test_one_column_per_option_holding_its_rank() -> None:
    table = pd.DataFrame({f"Rangordna ämnena - {o}": ranks for o, ranks in zip(OPTIONS, (
        ["2", "1", None], ["1", None, "3"], [None, "2", "1"], ["3", None, "2"]))})
    folded = fold_ranked(table)
    assert list(folded.columns) == ["Rangordna ämnena - *"]
    assert folded.iloc[:, 0].tolist() == ["Verkostot;CV;Alanvaihto;", "CV;Yrittäjyys;", "Yrittäjyys;Alanvaihto;Verkostot;"]


def test_ratings_and_language_levels_are_no_ranking() -> None:
    ratings = pd.DataFrame({f"Tärkeys [{o}]": r for o, r in zip(OPTIONS, (
        ["5", "4", "3"], ["5", "4", "1"], ["2", "4", "3"], ["1", "2", "3"]))})
    levels = pd.DataFrame({"Kielitaito [Suomi]": ["1", "2"], "Kielitaito [Ruotsi]": ["2", "1"]})
    free = pd.DataFrame({"Osoite 1": ["Katu 1", "Tie 2", "Polku 3"], "Osoite 2": ["A 3", None, "B 7"]})
    assert find_ranked(ratings) == find_ranked(levels) == find_ranked(free) == []


@settings(max_examples=20, deadline=None)
@given(st.lists(st.lists(st.sampled_from(OPTIONS), min_size=0, max_size=3), min_size=3, max_size=12))
def test_no_answer_is_counted_twice(people: list[list[str]]) -> None:
    rows = [person + [None] * (3 - len(person)) for person in people]
    rows += [["CV", "Verkostot", None], ["Verkostot", "CV", None]]  # options the people share
    table = pd.DataFrame(rows, columns=["Tavoite 1", "Tavoite 2", "Tavoite 3"])
    folded = fold_ranked(table)
    assert list(folded.columns) == ["Tavoite *"]
    for row, cell in zip(rows, folded["Tavoite *"]):
        chosen = [o for o in cell.split(";") if o]
        assert chosen == list(dict.fromkeys(o for o in row if o))


def test_each_language_export_and_its_check_are_worded_apart(tmp_path) -> None:
    from matcher import evaluation

    headers = {}
    for style in evaluation.LANGUAGE_FORMS:
        mentors, mentees, truth = evaluation.write_exports(tmp_path / style, "dev", style, 6, 4)
        assert len(truth) == 10 and mentors.exists() and mentees.exists()
        headers[style] = set(pd.read_csv(mentees, sep=None, engine="python").columns)
    for style in evaluation.language_styles.TUNED_STYLES:
        assert headers[style] != headers[f"{style}_check"]
