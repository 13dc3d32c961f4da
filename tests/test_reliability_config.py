"""Reliability: broken round configs (issue 13, "Config").

A config mistake stops ``validate`` and ``run`` with exit code 2 and one message that names the
config file, the key (or the line, for a TOML syntax error), what was wrong and what is allowed.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

from tests.hostile import assert_clean, edit, invoke, make_round


@pytest.fixture
def round_toml(tmp_path) -> Path:
    return make_round(tmp_path / "round")


def refused(round_toml: Path, *needles: str) -> None:
    """``run`` stops with exit code 2 and the message naming the config; nothing is written
    (``validate`` reads the config the same way: one test of it is enough, below)."""
    outdir = round_toml.parent / "out"
    assert_clean(invoke("run", round_toml, "-o", outdir), 2, r"round\.toml", *needles,
                 outdir=outdir)
    assert not outdir.exists()


def test_validate_refuses_a_bad_config_too(round_toml):
    edit(round_toml, "field = 0.3", "feild = 0.3")
    assert_clean(invoke("validate", round_toml), 2, r"round\.toml.*did you mean 'field'")


@pytest.mark.parametrize("old, new, needles", [
    ("[solver]", "[solvr]", (r"'solvr'.*did you mean 'solver'",)),
    ("field = 0.3", "feild = 0.3", (r"scoring\.weights\.feild.*did you mean 'field'",)),
    ('objective = "coverage"', 'objectiv = "coverage"', (r"did you mean 'objective'",)),
    ('objective = "coverage"', 'objective = "fairness"', (r"solver\.objective.*did you mean 'fair'",)),
    ("min_score = 0", "minscore = 0", (r"did you mean 'min_score'",)),
], ids=["section", "weight", "solver-key", "choice", "scoring-key"])
def test_unknown_keys_get_a_did_you_mean(round_toml, old, new, needles):
    edit(round_toml, old, new)
    refused(round_toml, *needles)


@pytest.mark.parametrize("old, new, needles", [
    ("capacity = 1 ", 'capacity = "two" ', (r"defaults\.capacity.*expected int.*'two'",)),
    ("min_score = 0", 'min_score = "high"', (r"scoring\.min_score.*expected float",)),
    ("field = 0.3", 'field = "0.3"', (r"scoring\.weights\.field.*expected float",)),
    ("same_organisation = true", "same_organisation = 1", (r"same_organisation.*expected bool",)),
    ('name = "Synthetic round"', "name = 5", (r"round\.name.*expected str",)),
    ("[mentors.columns]", "[mentors.columns]\nid = 3", (r"mentors\.columns\.id.*header as text",)),
    ('separators = ["\\n", ";", "|", ","]', "separators = []", (r"read\.separators",)),
], ids=["capacity-text", "min-score-text", "weight-text", "bool-int", "name-int", "column-int",
        "no-separators"])
def test_wrong_types_name_the_key(round_toml, old, new, needles):
    edit(round_toml, old, new)
    refused(round_toml, *needles)


@pytest.mark.parametrize("value, needle", [
    ("-0.3", r"scoring\.weights\.field.*0 or more"),
    ("nan", r"scoring\.weights\.field.*(finite|not a number)"),
    ("inf", r"scoring\.weights\.field.*(finite|at most)"),
    ("-inf", r"scoring\.weights\.field"),
    ("1e308", r"scoring\.weights\.field.*at most"),
])
def test_bad_weights_name_the_key(round_toml, value, needle):
    edit(round_toml, "field = 0.3", f"field = {value}")
    refused(round_toml, needle)


def test_all_zero_weights(round_toml):
    text = round_toml.read_text(encoding="utf-8")
    for name in ("field = 0.3", "goals = 0.4", "language = 0.15", "location = 0.15"):
        text = text.replace(name, name.split(" =")[0] + " = 0", 1)
    round_toml.write_text(text, encoding="utf-8")
    refused(round_toml, r"scoring\.weights.*at least one weight must be above 0")


@pytest.mark.parametrize("key, value", [("min_score", "nan"), ("remote_score", "inf"),
                                        ("experience_years", "nan")])
def test_nan_anywhere_in_scoring(round_toml, key, value):
    edit(round_toml, "min_score = 0", f"min_score = 0\n{key} = {value}" if key != "min_score"
         else f"min_score = {value}")
    refused(round_toml, rf"scoring\.{key}")


def test_large_but_sane_weights_still_score(round_toml, tmp_path):
    """Weights are relative: 300/400/150/150 scores like 0.3/0.4/0.15/0.15."""
    first = tmp_path / "a"
    assert_clean(invoke("run", round_toml, "-o", first, "--quiet"), 0)
    text = round_toml.read_text(encoding="utf-8")
    for old, new in (("field = 0.3", "field = 300"), ("goals = 0.4", "goals = 400"),
                     ("language = 0.15", "language = 150"), ("location = 0.15", "location = 150")):
        text = text.replace(old, new, 1)
    round_toml.write_text(text, encoding="utf-8")
    second = tmp_path / "b"
    assert_clean(invoke("run", round_toml, "-o", second, "--quiet"), 0)
    a, b = (pd.read_csv(d / "pairs.csv") for d in (first, second))
    assert a["score"].round(3).tolist() == b["score"].round(3).tolist()


def test_mapping_to_a_missing_required_column(round_toml):
    edit(round_toml, 'languages = "Which languages can you use in mentoring, and how well? / Millä '
         'kielillä voit osallistua', 'languages = "Which langauges can you use in mentoring, and how '
         'well? / Millä kielillä voit osallistua')
    outdir = round_toml.parent / "out"
    assert_clean(invoke("run", round_toml, "-o", outdir), 2, r"mentees\.csv.*no column 'Which "
                 r"langauges.*mapped to languages.*did you mean 'Which languages", outdir=outdir)


def test_mapping_to_a_missing_optional_column(round_toml):
    edit(round_toml, 'city = "City / Paikkakunta"\nmeeting_mode = "How would you like to meet? / '
         'Miten haluaisit tavata?"\ngender = "Gender / Sukupuoli"\ngender_preference',
         'city = "Kaupunki"\nmeeting_mode = "How would you like to meet? / Miten haluaisit '
         'tavata?"\ngender = "Gender / Sukupuoli"\ngender_preference')
    outdir = round_toml.parent / "out"
    assert_clean(invoke("validate", round_toml), 0, r"Kaupunki.*mapped to 'city' is not in the "
                 r"file.*fix \[mentees.columns\] city")
    assert_clean(invoke("run", round_toml, "-o", outdir, "--quiet"), 0, outdir=outdir)


def test_relative_paths_from_another_folder(round_toml, tmp_path, monkeypatch):
    """Paths in the config are relative to the config's folder, wherever matcher is started."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    relative = Path(os.path.relpath(round_toml, elsewhere))
    assert_clean(invoke("validate", relative), 0)
    assert_clean(invoke("run", relative, "--quiet"), 0, outdir=round_toml.parent / "output")
    assert not any(elsewhere.iterdir())


def test_toml_syntax_error_names_the_line(round_toml):
    edit(round_toml, 'name = "Synthetic round"', 'name = "Synthetic round')
    line = next(i for i, text in enumerate(round_toml.read_text().splitlines(), 1)
                if text.startswith('name = "Synthetic round'))
    refused(round_toml, rf"not valid TOML.*line {line}")


def test_config_in_a_wrong_encoding(round_toml):
    text = round_toml.read_text(encoding="utf-8").replace("Synthetic round", "Kevään ryhmä")
    round_toml.write_bytes(text.encode("cp1252"))
    refused(round_toml, r"UTF-8")


def test_config_that_is_a_folder(tmp_path):
    (tmp_path / "round.toml").mkdir()
    assert_clean(invoke("validate", tmp_path / "round.toml"), 2, r"round\.toml.*(folder|directory)")


def test_config_that_is_not_toml_at_all(round_toml):
    round_toml.write_bytes((round_toml.parent / "mentors.csv").read_bytes())
    refused(round_toml, r"not valid TOML.*line 1")


@pytest.mark.parametrize("payload", [
    'name = "$(touch PWNED)"',
    "name = \"__import__('os').system('touch PWNED')\"",
    'name = "{0.__class__.__init__.__globals__}"',
])
def test_no_code_runs_from_a_config(round_toml, payload):
    edit(round_toml, 'name = "Synthetic round"', payload)
    edit(round_toml, 'file = "mentees.csv"', 'file = "$(touch PWNED2).csv"')
    outdir = round_toml.parent / "out"
    assert_clean(invoke("run", round_toml, "-o", outdir), 2, r"\$\(touch PWNED2\)\.csv.*not found")
    assert not list(round_toml.parent.rglob("PWNED*"))
    edit(round_toml, 'file = "$(touch PWNED2).csv"', 'file = "mentees.csv"')
    assert_clean(invoke("run", round_toml, "-o", outdir, "--quiet"), 0, outdir=outdir)
    assert not list(round_toml.parent.rglob("PWNED*"))
    assert "__globals__" not in (outdir / "report.html").read_text() or payload.startswith('name = "{0')
