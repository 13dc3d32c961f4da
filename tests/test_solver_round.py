"""Input validation, lock conflicts, minimum loads and the id-level ``match_round``."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from matcher.config import SolverConfig
from matcher.errors import EXIT_INFEASIBLE_LOCKS, InfeasibleLocksError, InputError
from matcher.solver import LockConflictError, SolverInputError, match_round, solve_assignment

SCORES = np.array([[80.0, 60.0, 10.0], [70.0, 65.0, 20.0], [30.0, 90.0, 40.0]])


@pytest.mark.parametrize("kwargs, fragment", [
    (dict(scores=np.ones(3)), "2-D"),
    (dict(scores=[[1.0, np.nan]]), "NaN"),
    (dict(scores=[["a", "b"]]), "real numbers"),
    (dict(scores=SCORES, capacity=[1, 2]), "capacity must be a single integer or one per mentor (3)"),
    (dict(scores=SCORES, capacity=[1, -1, 1]), "capacity must be 0 or more"),
    (dict(scores=SCORES, capacity=1.5), "whole numbers"),
    (dict(scores=SCORES, mentee_capacity=0), "mentee_capacity must be 1 or more"),
    (dict(scores=SCORES, feasible=np.ones((2, 3), bool)), "feasible has shape"),
    (dict(scores=SCORES, feasible=np.ones((3, 3))), "boolean mask"),
    (dict(scores=SCORES, objective="best"), "choose one of: coverage, total, fair"),
    (dict(scores=SCORES, engine="cplex"), "choose one of: auto, flow, lp"),
    (dict(scores=SCORES, locked=[[0, 5]]), "outside the 3 x 3"),
    (dict(scores=SCORES, forbidden=[0, 1]), "(k, 2) integer array"),
    (dict(scores=SCORES, min_load=2), "min_load is above capacity"),
    (dict(scores=SCORES, min_load=1, engine="flow"), "needs engine='lp'"),
])
def test_invalid_arguments_say_what_is_wrong(kwargs, fragment):
    with pytest.raises(SolverInputError, match=None) as info:
        solve_assignment(**kwargs)
    assert fragment in str(info.value)
    assert isinstance(info.value, ValueError) and isinstance(info.value, InputError)


@pytest.mark.parametrize("kwargs, reasons", [
    (dict(locked=[[0, 1], [0, 1]]), {"duplicate"}),
    (dict(locked=[[0, 2]], feasible=np.array([[1, 1, 0], [1, 1, 1], [1, 1, 1]], bool)), {"infeasible"}),
    (dict(locked=[[1, 0]], forbidden=[[1, 0]]), {"forbidden"}),
    (dict(locked=[[0, 0], [1, 0]], capacity=[1, 1, 1]), {"mentor_capacity"}),
    (dict(locked=[[0, 0], [0, 1]], mentee_capacity=1), {"mentee_capacity"}),
])
def test_infeasible_locks_name_every_offending_lock(kwargs, reasons):
    with pytest.raises(LockConflictError) as info:
        solve_assignment(SCORES, **{"capacity": 2, **kwargs})
    error = info.value
    assert {p.reason for p in error.problems} == reasons
    assert error.exit_code == EXIT_INFEASIBLE_LOCKS
    assert "locked pair" in str(error) and "Remove or change" in str(error)


def test_locks_on_a_sparse_matrix_must_be_stored_entries():
    from scipy import sparse
    matrix = sparse.csr_array(([5.0, 0.0], ([0, 1], [0, 1])), shape=(2, 2))
    assert solve_assignment(matrix, locked=[[1, 1]]).pairs.tolist() == [[0, 0], [1, 1]]
    with pytest.raises(LockConflictError, match="not a feasible pair"):
        solve_assignment(matrix, locked=[[0, 1]])


def test_min_load_gives_every_mentor_a_mentee():
    scores = np.array([[90.0, 10.0], [80.0, 5.0], [70.0, 1.0]])
    plain = solve_assignment(scores, 3, objective="total")
    assert set(plain.pairs[:, 1].tolist()) == {0}  # mentor 0 is everyone's best
    loaded = solve_assignment(scores, [3, 3], min_load=[0, 2], objective="total")
    assert np.bincount(loaded.pairs[:, 1], minlength=2)[1] >= 2 and loaded.engine == "lp"
    with pytest.raises(InputError, match="minimum loads cannot be met"):
        solve_assignment(scores, [3, 3], min_load=[2, 2], mentee_capacity=1)


class StandInScores:
    """The parts of matcher.scoring.Scores the solver uses."""

    def __init__(self, mentees, mentors, total, feasible):
        self.mentee_ids, self.mentor_ids = pd.Index(mentees), pd.Index(mentors)
        self.total, self.feasible = total.astype(np.float32), feasible

    def reasons(self, mentee_id, mentor_id):
        i, j = self.mentee_ids.get_loc(mentee_id), self.mentor_ids.get_loc(mentor_id)
        return [] if self.feasible[i, j] else ["no shared language"]


def stand_in_round(locked=(), forbidden=(), solver=SolverConfig()):
    mentees = pd.DataFrame({"priority": [0, 1, 0], "max_mentors": [1, 1, 2]},
                           index=pd.Index(["E1", "E2", "E3"], name="mentee_id"))
    mentors = pd.DataFrame({"capacity": [1, 1, 2]}, index=pd.Index(["M1", "M2", "M3"], name="mentor_id"))
    def pairs(rows):
        return pd.DataFrame(list(rows), columns=["mentee_id", "mentor_id", "source"])

    round = SimpleNamespace(mentees=mentees, mentors=mentors, locked=pairs(locked),
                            forbidden=pairs(forbidden), config=SimpleNamespace(solver=solver, where="round.toml"))
    feasible = np.array([[True, True, False], [True, True, True], [True, True, True]])
    return round, StandInScores(mentees.index, mentors.index, SCORES, feasible)


def test_match_round_answers_with_ids_in_round_order():
    round, scores = stand_in_round(locked=[("E3", "M3", "config")], forbidden=[("E2", "M1", "bans.csv")])
    matching = match_round(round, scores)
    assert list(matching.pairs.columns) == ["mentee_id", "mentor_id", "score", "locked"]
    pairs = matching.pairs
    assert ("E2", "M1") not in set(zip(pairs.mentee_id, pairs.mentor_id))
    assert pairs.loc[(pairs.mentee_id == "E3") & (pairs.mentor_id == "M3"), "locked"].item()
    assert pairs.mentee_id.tolist() == sorted(pairs.mentee_id.tolist())
    assert matching.assignment.matched == 3 and "Matching(objective='coverage'" in repr(matching)
    assert match_round(round, scores, objective="total").objective == "total"


def test_match_round_words_lock_conflicts_with_ids_sources_and_reasons():
    round, scores = stand_in_round(locked=[("E1", "M3", "config"), ("E2", "M1", "locks.csv"),
                                           ("E3", "M1", "decisions.csv")])
    with pytest.raises(InfeasibleLocksError) as info:
        match_round(round, scores)
    message = str(info.value)
    assert ("mentee E1 + mentor M3 (from round.toml, [constraints]): is not a feasible pair: no "
            "shared language") in message
    assert "mentor M1 has capacity 1 but 2 locked pairs" in message
    assert "locks.csv" in message and "decisions.csv" in message


def test_match_round_uses_the_minimum_load_setting():
    round, scores = stand_in_round(solver=SolverConfig(objective="total", min_mentees_per_mentor=1))
    matching = match_round(round, scores)
    assert matching.assignment.engine == "lp"
    assert set(matching.pairs.mentor_id) == {"M1", "M2", "M3"}


def test_match_round_rejects_scores_of_another_round():
    round, scores = stand_in_round()
    scores.mentor_ids = pd.Index(["M1", "M2", "X"])
    with pytest.raises(InputError, match="score the round again"):
        match_round(round, scores)
