"""Contracts that keep the code base coherent: one home per fact, distinct names, checked bounds,
configs validated the same way however they are built, and byte-identical outputs."""

from __future__ import annotations

import ast
import json
import tomllib
from collections import defaultdict
from pathlib import Path

import pytest

from matcher.config import (DEFAULT_WEIGHTS, Defaults, ReadConfig, RoundConfig, Rule, ScoringConfig,
                            SettingError, SolverConfig, parse_config)
from matcher.errors import ConfigError
from matcher.i18n import LANGUAGES, t
from matcher.run import DECISION_WORDS
from tools import sample_fingerprints
from tools.lowest_requirements import lowest

ROOT = Path(__file__).resolve().parents[1]

# (TOML text, the same setting built in code): each must fail with the same message
SAME_SETTING = [
    ('[solver]\nobjective = "best"', lambda: RoundConfig(solver=SolverConfig(objective="best"))),
    ('[solver]\nengine = "simplex"', lambda: SolverConfig(engine="simplex")),
    ("[solver]\nmin_mentees_per_mentor = -1", lambda: SolverConfig(min_mentees_per_mentor=-1)),
    ("[defaults]\ncapacity = -2", lambda: Defaults(capacity=-2)),
    ("[defaults]\nmax_mentors = 0", lambda: Defaults(max_mentors=0)),
    ('[defaults]\nmeeting_mode = "online"', lambda: Defaults(meeting_mode="online")),
    ('[defaults]\nlanguage_level = "expert"', lambda: Defaults(language_level="expert")),
    ('[read]\nduplicates = "keep_all"', lambda: ReadConfig(duplicates="keep_all")),
    ("[read]\nseparators = []", lambda: ReadConfig(separators=())),
    ("[scoring]\nmin_score = 120", lambda: ScoringConfig(min_score=120)),
    ("[scoring]\nremote_score = 2", lambda: ScoringConfig(remote_score=2)),
    ("[scoring]\nexperience_years = 0", lambda: ScoringConfig(experience_years=0)),
    ("[scoring.weights]\ngoals = -1", lambda: ScoringConfig(weights={**DEFAULT_WEIGHTS, "goals": -1.0})),
    ("[scoring.weights]\nfield = 0\ngoals = 0\nlanguage = 0\nlocation = 0",
     lambda: ScoringConfig(weights=dict.fromkeys(DEFAULT_WEIGHTS, 0.0))),
]


@pytest.mark.parametrize("text, built", SAME_SETTING)
def test_a_config_built_in_code_fails_like_the_same_toml(text, built):
    with pytest.raises(SettingError) as from_toml:
        parse_config(text)
    with pytest.raises(SettingError) as from_code:
        built()
    assert str(from_code.value) == str(from_toml.value)
    assert str(from_toml.value).startswith(f"round config, key '{from_toml.value.key}': ")
    assert isinstance(from_code.value, ConfigError)  # the CLI's exit code 2, never a traceback


def test_toml_errors_name_the_file_and_the_rule_by_its_place(tmp_path):
    path = tmp_path / "round.toml"
    path.write_text('[solver]\nobjective = "fiar"', encoding="utf-8")
    with pytest.raises(SettingError, match=r"round.toml, key 'solver.objective': 'fiar' is not allowed "
                                           r"\(did you mean 'fair'\?\); choose one of: coverage, total, fair"):
        parse_config(path.read_text(), path=path)
    text = ('[[constraints.rules]]\nwho = "mentor"\nfield = "years_in_finland"\nop = ">="\nvalue = 3\n'
            '[[constraints.rules]]\nwho = "mentor"\nfield = "shoe_size"\nop = ">="\nvalue = 3\n')
    with pytest.raises(SettingError, match=r"key 'constraints.rules\[1\].field': 'shoe_size' is not allowed"):
        parse_config(text)
    with pytest.raises(SettingError, match=r"key 'constraints.rules.op': '=>' is not allowed"):
        Rule("mentor", "capacity", "=>", 2.0)


def test_the_defaults_are_valid_and_round_trip():
    assert RoundConfig().solver == parse_config("").solver == SolverConfig()
    assert parse_config("").scoring == ScoringConfig() and parse_config("").defaults == Defaults()


def test_every_drop_down_word_of_the_workbook_is_read_back():
    assert set(DECISION_WORDS.values()) == {"keep", "reject"}
    for language in LANGUAGES:
        for decision in ("keep", "reject"):
            assert DECISION_WORDS[t(f"workbook.{decision}", language)] == decision
    assert all(word == word.lower().strip() for word in DECISION_WORDS)


def test_no_two_public_classes_or_constants_share_a_name():
    defined = defaultdict(list)
    for path in sorted((ROOT / "matcher").rglob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ClassDef):
                names = [node.name]
            elif isinstance(node, ast.Assign):
                names = [t.id for t in node.targets if isinstance(t, ast.Name) and t.id.isupper()]
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                names = [node.target.id] if node.target.id.isupper() else []
            else:
                continue
            for name in names:
                if not name.startswith("_"):
                    defined[name].append(str(path.relative_to(ROOT)))
    assert {name: where for name, where in defined.items() if len(where) > 1} == {}


def test_every_direct_dependency_has_a_lower_bound():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = project["dependencies"] + [r for extra in project["optional-dependencies"].values()
                                              for r in extra]
    pinned = lowest(requirements)
    assert len(pinned) == len(requirements) and all("==" in p for p in pinned)
    with pytest.raises(ValueError, match="'somepackage' has no lower bound"):
        lowest(["somepackage"])


@pytest.mark.slow
def test_the_sample_round_gives_byte_identical_outputs(tmp_path):
    """Every output file, twice, and as recorded in tests/sample_outputs.json: a refactoring that
    changes any byte of any output fails here (audit.json may differ only in its timings)."""
    first = sample_fingerprints.sample_run(tmp_path / "first")
    assert {"pairs.xlsx", "pairs.csv", "report.html", "audit.json"} <= set(first)
    assert sample_fingerprints.sample_run(tmp_path / "second") == first, "same inputs, other bytes"
    record = json.loads(sample_fingerprints.RECORD.read_text(encoding="utf-8"))
    differ = sample_fingerprints.changed(record, first, sample_fingerprints.versions())
    assert differ == [], (f"the sample round's {', '.join(differ)} changed: if the change is meant, "
                          "record it with `python -m tools.sample_fingerprints --write` and say why in the commit")
