"""A workbook whose sign-ups are not on its first sheet: chosen by content, written by init."""
from __future__ import annotations

import pandas as pd
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from matcher import synthetic
from matcher.cli import main
from matcher.config import load_config
from matcher.readers import read_table, sign_up_sheet

PROSE = pd.DataFrame({"Instructions": ["Fill in the form by Friday.", "", "Thank you!"]})
SUMMARY = pd.DataFrame({"Field": ["IT", "Health"], "Count": [3, 4], "Share": ["40%", "60%"]})


def _bury(path, first: str, last: str | None = None, extra: pd.DataFrame | None = None) -> None:
    """Rewrite the one-sheet workbook at ``path`` with sheet ``first`` (prose) before its answers."""
    answers = pd.read_excel(path, dtype=str, engine="calamine")
    with pd.ExcelWriter(path) as writer:
        (extra if extra is not None else PROSE).to_excel(writer, sheet_name=first, index=False)
        answers.to_excel(writer, sheet_name=last or "Sheet2", index=False)


@pytest.mark.parametrize("language, first, last, note, comment", [
    ("en", "Instructions", "Form responses 1", "chosen by its content", "the other sheets"),
    ("fi", "Ohjeet", "Vastaukset", "valittiin sisällön perusteella", "muut välilehdet"),
    ("sv", "Anvisningar", "Formulärsvar 1", "valt efter innehållet", "de andra bladen"),
    ("en", "Summary", "Sheet2", "chosen by its content", "the other sheets"),
])
def test_init_and_run_read_the_sheet_of_sign_ups(tmp_path, language, first, last, note, comment):
    synthetic.write_round(tmp_path, 8, 12, seed=2)
    for role in ("mentors", "mentees"):
        _bury(tmp_path / f"{role}.xlsx", first, last, SUMMARY if first == "Summary" else None)
    runner = CliRunner()
    out = runner.invoke(main, ["init", str(tmp_path / "mentors.xlsx"), str(tmp_path / "mentees.xlsx"),
                               "-o", str(tmp_path / "new.toml"), "--language", language])
    assert out.exit_code == 0, out.output
    assert note in out.output and repr(first) in out.output
    config = load_config(tmp_path / "new.toml")
    assert config.mentors.sheet == config.mentees.sheet == last
    assert "email" in config.mentors.columns and "email" in config.mentees.columns
    assert f"{comment}: {first!r}" in (tmp_path / "new.toml").read_text(encoding="utf-8")
    ran = runner.invoke(main, ["run", str(tmp_path / "new.toml")])
    assert ran.exit_code == 0, ran.output


def test_single_sheet_and_explicit_sheet_unchanged(tmp_path):
    synthetic.write_round(tmp_path, 8, 12, seed=2)
    table = read_table(tmp_path / "mentors.xlsx")
    assert not table.attrs["sheet_chosen"]
    runner = CliRunner()
    out = runner.invoke(main, ["init", str(tmp_path / "mentors.xlsx"), str(tmp_path / "mentees.xlsx"),
                               "-o", str(tmp_path / "one.toml")])
    assert out.exit_code == 0 and "chosen by its content" not in out.output
    assert load_config(tmp_path / "one.toml").mentors.sheet is None
    _bury(tmp_path / "mentors.xlsx", "Ohjeet", "Vastaukset")
    explicit = read_table(tmp_path / "mentors.xlsx", sheet="Ohjeet")
    assert explicit.attrs["sheet"] == "Ohjeet" and not explicit.attrs["sheet_chosen"]
    assert read_table(tmp_path / "mentors.xlsx").attrs["sheet"] == "Vastaukset"


def test_rule_prefers_most_rows_then_first_sheet():
    wide = pd.DataFrame([["a", "b", "c"], ["1", "2", "3"], ["4", "5", "6"]])
    short = pd.DataFrame([["a", "b", "c"], ["1", "2", "3"]])
    prose = pd.DataFrame([["Read me"]] * 20)
    assert sign_up_sheet({"Notes": prose, "A": short, "B": wide}) == "B"
    assert sign_up_sheet({"A": wide, "B": wide.copy()}) == "A"
    assert sign_up_sheet({"Notes": prose, "Other": pd.DataFrame()}) == "Notes"


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 30), min_size=2, max_size=5))
def test_rule_is_deterministic_and_picks_the_longest(rows):
    frames = {f"S{k}": pd.DataFrame([["e-mail", "kielet", "ala"]] + [["x", "y", "z"]] * n)
              for k, n in enumerate(rows)}
    chosen = sign_up_sheet(frames)
    assert chosen == f"S{rows.index(max(rows))}"
    assert sign_up_sheet(dict(reversed(list(frames.items())))) == f"S{len(rows) - 1 - rows[::-1].index(max(rows))}"


def test_missing_columns_name_the_sheet_and_the_fix(tmp_path):
    synthetic.write_round(tmp_path, 8, 12, seed=2)
    runner = CliRunner()
    assert runner.invoke(main, ["init", str(tmp_path / "mentors.xlsx"), str(tmp_path / "mentees.xlsx"),
                                "-o", str(tmp_path / "r.toml")]).exit_code == 0
    _bury(tmp_path / "mentors.xlsx", "Ohjeet", "Vastaukset")
    text = (tmp_path / "r.toml").read_text(encoding="utf-8")
    (tmp_path / "r.toml").write_text(text.replace('[mentors]\n', '[mentors]\nsheet = "Ohjeet"\n', 1),
                                     encoding="utf-8")
    ran = runner.invoke(main, ["run", str(tmp_path / "r.toml")])
    assert ran.exit_code != 0 and "Traceback" not in ran.output
    message = " ".join(ran.output.split())
    assert "mentors.xlsx" in message and "sheet 'Ohjeet'" in message
    assert 'set `sheet = "Vastaukset"` under [mentors]' in message


def test_the_choice_reads_the_first_rows_of_each_sheet_and_the_chosen_one_whole(tmp_path, monkeypatch):
    # a round bigger than the rows the choice looks at: every sign-up is still read
    from matcher import readers

    synthetic.write_round(tmp_path, 8, readers.CHOICE_ROWS + 50, seed=3)
    _bury(tmp_path / "mentees.xlsx", "Ohjeet", "Vastaukset")
    signed_up = len(read_table(tmp_path / "mentees.xlsx", sheet="Vastaukset"))
    asked = []
    read_excel = pd.read_excel

    def counting(*args, **kwargs):
        asked.append((kwargs["sheet_name"], kwargs.get("nrows")))
        return read_excel(*args, **kwargs)

    monkeypatch.setattr(readers.pd, "read_excel", counting)
    table = read_table(tmp_path / "mentees.xlsx")
    assert table.attrs["sheet"] == "Vastaukset" and table.attrs["sheet_chosen"]
    assert len(table) == signed_up > readers.CHOICE_ROWS
    assert asked == [("Ohjeet", readers.CHOICE_ROWS), ("Vastaukset", readers.CHOICE_ROWS),
                     ("Vastaukset", None)]
