"""The command line: fast start, data errors printed by a stopped run, the next step, templates,
and every coordinator-facing output in the round's language."""

from __future__ import annotations

import re
import string
import subprocess
import sys

import pandas as pd
import pytest
from click.testing import CliRunner

from matcher import i18n, synthetic
from matcher.cli import SHOWN_ERRORS, main
from matcher.config import load_config
from matcher.introductions import load_templates
from matcher.issue_groups import issue_counts
from matcher.run import run_round

HEAVY = ("pandas", "numpy", "sklearn", "ortools", "pulp", "xlsxwriter", "matplotlib", "scipy",
         "rich", "rapidfuzz", "openpyxl")


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_help_and_import_matcher_load_no_heavy_library():
    code = ("import sys, matcher, matcher.cli\n"
            "try:\n    matcher.cli.main(['init', '--help'])\nexcept SystemExit:\n    pass\n"
            f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().endswith("[]"), out.stdout
    assert "Write a commented round config" in out.stdout
    # the public API is still there, imported on first use
    code = "import matcher; print(matcher.load_round.__module__, matcher.__version__)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["matcher.intake", "0.1.0"]


def test_the_program_ends_with_the_commands_exit_code_and_all_its_output(sample_round_path, tmp_path):
    # python -m matcher ends the process at once after the command (no interpreter teardown):
    # the exit code and everything printed must survive that
    def program(*args):
        return subprocess.run([sys.executable, "-m", "matcher", *map(str, args)],
                              capture_output=True, text=True)

    done = program("run", sample_round_path, "-o", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    assert "✓ writing" in done.stderr and done.stdout.rstrip().splitlines()[-1].startswith("Next:")
    assert (tmp_path / "out" / "audit.json").is_file()
    missing = program("run", tmp_path / "missing.toml")
    assert missing.returncode == 2 and "Error: round config" in missing.stderr
    assert program("--version").stdout.strip() == "matcher, version 0.1.0"


def test_unknown_attribute_is_an_attribute_error():
    import matcher

    with pytest.raises(AttributeError, match="no attribute 'lod_round'"):
        matcher.lod_round  # noqa: B018
    assert "load_round" in dir(matcher)


def _round_with_bad_capacities(folder, n_bad: int):
    config = synthetic.write_round(folder, 30, 20, fmt="csv", messy=False)
    mentors = pd.read_csv(folder / "mentors.csv", sep=";", encoding="utf-8-sig", dtype=str)
    mentors.loc[: n_bad - 1, synthetic.Q_CAPACITY] = "-2"
    mentors.to_csv(folder / "mentors.csv", sep=";", encoding="utf-8-sig", index=False)
    return config


@pytest.mark.parametrize("n_bad", [1, 3, SHOWN_ERRORS + 5])
def test_a_run_stopped_by_data_errors_prints_them_grouped_by_kind(tmp_path, n_bad):
    config = _round_with_bad_capacities(tmp_path, n_bad)
    result = invoke("run", config, "-o", tmp_path / "out")
    assert result.exit_code == 2
    lines = result.output.splitlines()
    errors = "1 data error" if n_bad == 1 else f"{n_bad} data errors"
    assert lines[0] == f"The round has {errors}; nothing was matched:"
    rows = [line for line in lines if line.startswith("error ")]
    assert len(rows) == 1, "one kind of error in one column is one line"
    count, file, shown = rows[0].split()[1:4] if n_bad > 1 else ("", *rows[0].split()[1:3])
    assert count == ("" if n_bad == 1 else str(n_bad)) and file == "mentors.csv"
    assert shown == "2" if n_bad == 1 else shown == "2,"
    first_rows = ", ".join(map(str, range(2, 2 + min(n_bad, 8)))) + (" …" if n_bad > 8 else "")
    assert first_rows in rows[0] and synthetic.Q_CAPACITY[:20] in rows[0]
    assert not [line for line in lines if line.startswith("and ")]
    assert lines[-1].startswith("Error: the round has") and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_a_stopped_run_shows_the_first_kinds_of_error_and_counts_the_rest(capsys):
    from matcher.cli import _print_data_errors
    from matcher.run import DataErrors

    kinds = SHOWN_ERRORS + 3
    errors = pd.DataFrame({"severity": "error", "file": "mentors.csv", "row": range(2, 2 + 2 * kinds),
                           "column": [f"Question {i // 2}" for i in range(2 * kinds)], "value": "x",
                           "problem": "cannot be read as a whole number", "suggestion": "write one"})
    _print_data_errors(DataErrors(errors, None), "round.toml")
    lines = capsys.readouterr().err.splitlines()
    assert lines[0] == f"The round has {2 * kinds} data errors; nothing was matched:"
    assert len([line for line in lines if line.startswith("error ")]) == SHOWN_ERRORS
    assert lines[-1] == "and 3 more kinds of error: run matcher validate round.toml"


def test_run_ends_with_the_letters_and_the_next_step(tmp_path):
    config = synthetic.write_round(tmp_path, 6, 8, fmt="csv", messy=False)
    out = tmp_path / "out"
    result = invoke("run", config, "-o", out, "--draft-introductions")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    n = len(pd.read_csv(out / "introductions.csv"))
    assert n > 0 and lines[-2] == (f"{n} introduction letter{'' if n == 1 else 's'} in {out}/introductions (drafts "
                                   "for every proposed pair, not reviewed).")
    assert lines[-1] == (f"Next: review {out}/pairs.xlsx (keep / reject in the decision column), "
                         f"then: matcher run {config} -o {out} --decisions {out}/pairs.xlsx")


def test_templates_command_copies_the_builtin_templates_and_keeps_edited_ones(tmp_path):
    config = synthetic.write_round(tmp_path, 6, 8, fmt="csv", messy=False)
    folder = tmp_path / "introduction-templates"
    folder.mkdir()
    (folder / "to_mentee.fi.txt").write_text("Subject: oma\n\n{reasons}\n", encoding="utf-8")
    result = invoke("templates", config)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        f"to_{role}.{lang}.txt" for role in ("mentee", "mentor") for lang in ("fi", "sv", "en"))
    assert (folder / "to_mentee.fi.txt").read_text(encoding="utf-8") == "Subject: oma\n\n{reasons}\n"
    assert "kept " in result.output and result.output.count("wrote ") == 5
    templates = load_templates(load_config(config))  # the copies are valid templates
    assert templates["mentor", "sv"].source == str(folder / "to_mentor.sv.txt")


def pattern(key: str, language: str) -> re.Pattern:
    """A message of the catalogue as a regular expression, each field matching any text."""
    text = i18n.MESSAGES[key][i18n.LANGUAGES.index(language)]
    return re.compile("".join(re.escape(literal) + (".*?" if name is not None else "")
                              for literal, name, _, _ in string.Formatter().parse(text)))


@pytest.fixture(scope="module")
def rounds_by_language(tmp_path_factory):
    """One small, tight round (unmatched mentees) run in each output language."""
    folder = tmp_path_factory.mktemp("languages")
    config = load_config(synthetic.write_round(folder, 4, 12, fmt="csv", messy=False))
    return {lang: run_round(config.replace(language=lang), folder / lang) for lang in i18n.LANGUAGES}


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_outputs_follow_the_round_language(rounds_by_language, language):
    result = rounds_by_language[language]
    summary = result.tables["summary"]
    assert summary.loc["mentees", "item"] == i18n.t("summary.mentees", language)
    counts = issue_counts(result.round.issues)
    assert counts.errors == 0 and counts.cells == len(result.round.issues)
    assert summary.loc["data_issues", "value"] == counts.text(language)
    for explanation in result.tables["pairs"]["explanation"]:
        assert pattern("explain.languages", language).match(explanation), explanation
    reasons = result.tables["unmatched"]["reason"]
    assert len(reasons) > 0
    for reason in reasons:
        assert any(pattern(key, language).fullmatch(reason) for key in (
            "unmatched.none_compatible_all", "unmatched.none_compatible", "unmatched.all_full",
            "unmatched.objective")), reason
    # the CSVs keep their English column names for batch jobs
    assert list(pd.read_csv(result.outdir / "unmatched.csv").columns) == [
        "mentee_id", "mentee_name", "mentee_email", "reason"]


def test_the_same_pairs_whatever_the_language(rounds_by_language):
    pairs = [r.tables["pairs"][["mentee_id", "mentor_id", "score"]] for r in rounds_by_language.values()]
    assert all(p.equals(pairs[0]) for p in pairs[1:])
    texts = {r.tables["pairs"]["explanation"].iloc[0] for r in rounds_by_language.values()}
    assert len(texts) == 3


@pytest.mark.parametrize("language", ["en", "fi", "sv"])
def test_validate_shows_the_first_kinds_of_issue_and_counts_the_rest(capsys, language):
    """However many kinds of warning a big round has, validate's table stays one screen."""
    from matcher.cli import _print_first_kinds

    kinds = SHOWN_ERRORS + 7
    warnings = pd.DataFrame({"severity": "warning", "file": "mentees.csv", "row": range(2, 2 + kinds),
                             "column": [f"Question {i}" for i in range(kinds)], "value": "x",
                             "problem": "not an e-mail address", "suggestion": "fix it"})
    _print_first_kinds(warnings, "validate.more_issues", "round.toml", language)
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) <= SHOWN_ERRORS + 3
    assert lines[-1].endswith("matcher validate --format csv round.toml") and "7 " in lines[-1]
