"""What a coordinator reads, in the round's language: decimals, readings of the vocabulary, init's
lines, rounded scores, and sign-ups whose e-mail address is none."""

from __future__ import annotations

import re

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from matcher import synthetic
from matcher.cli import main
from matcher.i18n import number, percent
from matcher.intake import load_round
from matcher.issue_groups import group_issues
from matcher.run import run_round
from tests.helpers import write_csv


@pytest.fixture(scope="module")
def finnish_run(tmp_path_factory):
    """The sample round run with ``[round] language = "fi"`` (the exports' paths made absolute)."""
    from pathlib import Path

    samples = Path(__file__).resolve().parent.parent / "data" / "samples"
    folder = tmp_path_factory.mktemp("fi")
    text = (samples / "round.toml").read_text(encoding="utf-8")
    text = text.replace("[round]\n", '[round]\nlanguage = "fi"\n', 1)
    text = re.sub(r'^file = "', f'file = "{samples.as_posix()}/', text, flags=re.MULTILINE)
    (folder / "round.toml").write_text(text, encoding="utf-8")
    return run_round(folder / "round.toml", folder / "output")


@pytest.mark.parametrize(("language", "expected"), [("en", "61.4"), ("fi", "61,4"), ("sv", "61,4")])
def test_a_number_in_text_has_the_languages_decimal_separator(language, expected):
    assert number(61.44, language) == expected
    assert percent(62, language) == ("62%" if language == "en" else "62 %")


def test_finnish_text_has_decimal_commas_and_the_csvs_stay_machine_readable(finnish_run):
    summary = finnish_run.tables["summary"]["value"]
    assert re.fullmatch(r"\d+,\d", summary["mean_score"]) and re.fullmatch(r"\d+,\d", summary["minimum_score"])
    assert summary["feasible_pairs"].endswith(" %")
    assert "Ala 0,30; Tavoitteet 0,40" in summary["weights"]
    # the numbers a program reads: points, in every language
    pairs = pd.read_csv(finnish_run.outdir / "pairs.csv")
    assert pairs["score"].dtype == float and pairs["field"].dtype == float
    page = (finnish_run.outdir / "report.html").read_text(encoding="utf-8")
    assert f"keskiarvo {summary['mean_score']}" in page
    cells = re.findall(r'<td class="num q\d">([^<]*)</td>', page)
    assert cells and all(re.fullmatch(r"\d+,\d", cell) for cell in cells)
    assert 'x.replace(",", ".")' in page  # the page sorts decimal commas as numbers


def test_best_candidates_and_reasons_are_in_the_rounds_language(finnish_run):
    unmatched = finnish_run.tables["unmatched"]
    text = " ".join(unmatched["best_candidates"]) + " ".join(unmatched["reason"])
    assert not re.search(r"\bfull\b|\bfree\b|\d\.\d", text)
    # counts of mentors ruled out for each reason overlap: the reason says of how many, and so
    mixed = [r for r in unmatched["reason"] if r.startswith("Ei sopivaa mentoria 60 mentorista: ")]
    assert mixed and all("useasta syystä" in r for r in mixed)


def test_every_score_on_the_alternatives_sheet_is_rounded_and_the_change_adds_up(finnish_run):
    sheet = openpyxl.load_workbook(finnish_run.outdir / "pairs.xlsx")["Vaihtoehdot"]
    rows = list(sheet.iter_rows(values_only=True))
    heading = list(rows[0])
    assert "Mahdollinen" not in heading  # always true there: says nothing
    at = {name: heading.index(name) for name in ("Nykyiset pisteet", "Pisteet", "Pistemuutos siirrossa")}
    for row in rows[1:]:
        current, score, change = (row[at[name]] for name in at)
        for value in (current, score, change):
            assert value is None or value == round(value, 1)
        if current is not None:
            assert change == round(score - current, 1)


def round_with(tmp_path, mentors: dict, mentees: dict, language: str = "en") -> str:
    """Two CSV exports with canonical headers (every column given is mapped) and a round config."""
    lines = [f'[round]\nname = "Test"\nlanguage = "{language}"']
    for role, columns in (("mentors", mentors), ("mentees", mentees)):
        frame = pd.DataFrame(columns)
        write_csv(tmp_path / f"{role}.csv", frame)
        lines += [f'[{role}]\nfile = "{role}.csv"', f"[{role}.columns]"]
        lines += [f'{h} = "{h}"' for h in frame.columns]
    (tmp_path / "round.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(tmp_path / "round.toml")


@pytest.mark.parametrize(("language", "words"), [
    ("en", ("not a known language name", "read as 'Finnish'", "0.9", "2 rows")),
    ("fi", ("ei tunnettu kielen nimi", "luettu: 'suomi'", "0,9", "2 riviä")),
    ("sv", ("inget känt språknamn", "tolkat som 'finska'", "0,9", "2 rader")),
])
def test_the_reading_of_an_answer_is_said_in_the_rounds_language(tmp_path, language, words):
    path = round_with(tmp_path, {"email": ["m0@example.org", "m1@example.org"],
                                 "languages": ["Finnsh", "Finnsh, English"]},
                      {"email": ["e0@example.org"], "languages": ["Finnish"]}, language)
    issues = load_round(path).issues
    reading = issues[issues["value"] == "Finnsh"]
    assert len(reading) == 1  # once per distinct answer, with its rows counted
    problem, suggestion = reading.iloc[0][["problem", "suggestion"]]
    assert all(word in problem for word in words), problem
    assert "[vocabulary.languages]" in suggestion


def test_init_speaks_the_chosen_language_and_writes_it_into_the_config(tmp_path):
    synthetic.mentor_export(8).to_csv(tmp_path / "m.csv", index=False)
    synthetic.mentee_export(10).to_csv(tmp_path / "e.csv", index=False)
    result = CliRunner().invoke(main, ["init", str(tmp_path / "m.csv"), str(tmp_path / "e.csv"),
                                       "-o", str(tmp_path / "round.toml"), "--language", "sv"])
    assert result.exit_code == 0, result.output
    assert re.search(r"^Mentorer: \d+ kolumner identifierade", result.output, re.MULTILINE)
    assert "Skrev " in result.output and "Nästa steg: matcher validate" in result.output
    if "Tolkade svar" in result.output:
        assert "säkerhet  metod" in result.output
    assert 'language = "sv"' in (tmp_path / "round.toml").read_text(encoding="utf-8")
    english = CliRunner().invoke(main, ["init", str(tmp_path / "m.csv"), str(tmp_path / "e.csv"),
                                        "-o", str(tmp_path / "en.toml")])
    assert "columns recognised" in english.output
    assert '# language = "fi"' in (tmp_path / "en.toml").read_text(encoding="utf-8")


def test_a_broken_address_is_nobodys_id_and_is_warned_once_per_column(tmp_path):
    """"none" typed by two mentors and a mentee is three people, each with an id of their own, and
    no one is taken for a duplicate or for someone signed up on both forms."""
    path = round_with(tmp_path, {"email": ["none", "m1@example.org", "none"],
                                 "languages": ["Finnish"] * 3},
                      {"email": ["none", "e1@example.org"], "languages": ["Finnish"] * 2})
    first = load_round(path)
    assert len(first.mentors) == 3 and len(first.mentees) == 2
    assert first.mentors.index.is_unique and first.mentors.index.str.startswith("mentor-").all()
    assert not first.forbidden["source"].eq("same person").any()
    assert list(load_round(path).mentors.index) == list(first.mentors.index)  # stable
    lines = group_issues(first.issues)
    broken = lines[lines["problem"].str.startswith("not an e-mail address")]
    assert broken[["file", "row", "column"]].values.tolist() == [["mentors.csv", "2, 4", "email"],
                                                                 ["mentees.csv", "2", "email"]]
    assert (broken["suggestion"] == "correct the address in the file (name@example.org) and run "
                                    "again").all()
    assert not first.issues["problem"].str.contains("duplicate").any()


def test_the_same_real_address_twice_is_still_one_person(tmp_path):
    path = round_with(tmp_path, {"email": ["m1@example.org", "M1@example.org "],
                                 "languages": ["Finnish"] * 2},
                      {"email": ["m1@example.org"], "languages": ["Finnish"]})
    rnd = load_round(path)
    assert len(rnd.mentors) == 1
    assert rnd.forbidden["source"].eq("same person").sum() == 1


@pytest.mark.parametrize(("language", "words"), [("en", "in row 4 would"), ("fi", "(\", rivi 4)"),
                                                  ("sv", "på rad 4 skulle")])
def test_what_the_reader_assumed_about_a_sheet_is_said_in_the_rounds_language(language, words):
    from matcher.intake.issues import Issues, report_layout

    table = pd.DataFrame()
    table.attrs.update(header_row=2, stray_quotes=[4], note_rows=[15, 16])
    issues = Issues(language)
    report_layout(table, "mentees.csv", issues)
    problems = issues.frame()["problem"].tolist()
    assert len(problems) == 4 and any(words in p for p in problems), problems
    if language != "en":
        assert not any("row" in p.split() for p in problems)
