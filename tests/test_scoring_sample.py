"""Scoring the bundled sample round: plausible top matches, and the ``matcher score`` command."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import matcher
from matcher.cli import main

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "samples" / "round.toml"


@pytest.fixture(scope="module")
def sample():
    round = matcher.load_round(SAMPLE)
    return round, matcher.score_round(round)


def test_most_top_mentors_share_the_field(sample):
    round, scores = sample
    same = []
    for mentee_id in scores.mentee_ids:
        top = scores.top(mentee_id, k=1)
        if len(top):
            mentor = round.mentors.loc[top["mentor_id"].iloc[0]]
            same.append(bool(set(round.mentees.loc[mentee_id, "fields"]) & set(mentor["fields"])))
    # in-person-only mentees can only have mentors near them, so not all top mentors share the
    # field (65 of 88 on the sample; 75 without the distance limit)
    assert sum(same) >= 0.7 * len(same)


def test_sample_scores_shape_and_repr(sample):
    round, scores = sample
    assert scores.total.shape == (len(round.mentees), len(round.mentors))
    assert repr(scores).startswith(f"Scores({len(round.mentees)} mentees × {len(round.mentors)} "
                                   "mentors, 4 components, ")


def test_score_command_writes_one_row_per_pair(tmp_path, sample):
    _, scores = sample
    out = tmp_path / "scores.csv"
    result = CliRunner().invoke(main, ["score", str(SAMPLE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(out, keep_default_na=False)
    assert list(frame.columns) == ["mentee_id", "mentor_id", "score", "feasible", "field",
                                   "goals", "language", "location", "reason"]
    assert len(frame) == scores.total.size
    assert (frame.loc[frame["feasible"], "reason"] == "").all()
    assert (frame.loc[~frame["feasible"], "reason"] != "").all()
    again = tmp_path / "again.csv"
    CliRunner().invoke(main, ["score", str(SAMPLE), "-o", str(again), "--feasible-only"])
    assert len(pd.read_csv(again)) == int(scores.feasible.sum())


def test_score_command_missing_config_exits_2(tmp_path):
    result = CliRunner().invoke(main, ["score", str(tmp_path / "none.toml"), "-o",
                                       str(tmp_path / "x.csv")])
    assert result.exit_code == 2
    assert "not found" in result.output
