"""``solve_assignment``: the optimal pairing of a score matrix, on plain arrays.

Usable straight from a notebook (numpy / scipy.sparse in, an :class:`Assignment` out); the
high-level :func:`matcher.solver.match_round` wraps it with ids.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

import numpy as np

from matcher.solver.certificate import Certificate
from matcher.solver.engines import choose
from matcher.solver.locks import check_locks
from matcher.solver.pages import small_pages
from matcher.solver.problem import Problem, build_problem, pair_source, score_values
from matcher.solver.tuning import DEFAULT, Tuning
from matcher.solver.weights import make_tiers

log = logging.getLogger(__name__)


@dataclass(frozen=True, repr=False)
class Assignment:
    """An optimal pairing and the proof that it is optimal.

    Attributes
    ----------
    pairs : np.ndarray
        (k, 2) int64 (mentee index, mentor index), sorted by mentee then mentor; locks included.
    scores : np.ndarray
        (k,) float64 score of each pair.
    locked : np.ndarray
        (k,) bool: the pair was locked by the caller.
    objective, status, engine : str
        The objective solved, ``"optimal"``, and the method that ran (``"flow"`` or ``"lp"``).
    matched : int
        Mentees with at least one mentor.
    total_score, min_score : float
        Sum and minimum of ``scores`` (``min_score`` is NaN when nothing is paired).
    certificate : Certificate
        Primal weight, dual bound, gap, tier cuts, fair threshold (see :class:`Certificate`).
    solve_seconds : float
        Wall time of the call.
    """

    pairs: np.ndarray
    scores: np.ndarray
    locked: np.ndarray
    objective: str
    status: str
    engine: str
    matched: int
    total_score: float
    min_score: float
    certificate: Certificate
    solve_seconds: float

    def __repr__(self) -> str:
        return (f"Assignment(objective={self.objective!r}, status={self.status!r}, "
                f"engine={self.engine!r}, pairs={len(self.pairs)}, matched={self.matched}, "
                f"total_score={self.total_score:.4f}, min_score={self.min_score:.4f}, "
                f"gap={self.certificate.gap}, solve_seconds={self.solve_seconds:.3f})")


def solve_assignment(scores, capacity=1, *, feasible=None, mentee_capacity=1, priority=None,
                     locked=None, forbidden=None, objective="coverage", min_load=None,
                     engine="auto", tuning: Tuning = DEFAULT) -> Assignment:
    """Pair mentees (rows) with mentors (columns) optimally.

    Parameters
    ----------
    scores : array-like or scipy.sparse matrix, shape (n_mentees, n_mentors)
        Higher is better. Dense: every pair is feasible unless ``feasible`` says otherwise. Sparse:
        only *stored* entries are feasible pairs; an explicitly stored 0 is a feasible pair with
        score 0, an absent entry is infeasible. Scores are compared at a resolution of
        ``1 / scale`` with ``scale`` the power of ten that maps the largest |score| to at most 1e6
        (0.0001 for 0-100 scores; integer scores are never rounded).
    capacity : int or (n_mentors,) ints >= 0
        Most mentees per mentor.
    feasible : (n_mentees, n_mentors) bool, optional
        Pairs that may be matched at all.
    mentee_capacity : int or (n_mentees,) ints >= 1
        Most mentors per mentee (at most one slot per pair).
    priority : (n_mentees,) ints >= 0, optional
        Higher is matched first when not everyone can be (e.g. unmatched last round).
    locked, forbidden : (k, 2) ints of (mentee index, mentor index), optional
        Pairs that must / must not be in the result. Locked pairs count toward the objective.
    objective : {"coverage", "total", "fair"}
        ``coverage``: most mentees matched (priority first), then highest total score.
        ``total``: highest total score (priority first). ``fair``: coverage's matches, then the
        highest possible minimum score of a chosen pair, then the highest total.
    min_load : int or (n_mentors,) ints, optional
        Fewest mentees per mentor (needs the LP engine).
    engine : {"auto", "flow", "lp"}
        ``flow``: min-cost flow with column generation (fast, default); ``lp``: a PuLP/CBC model
        (needed for ``min_load``); ``auto`` picks.
    tuning : Tuning, optional
        The flow engine's speed knobs (matcher.solver.tuning); the result does not depend on them.

    Returns
    -------
    Assignment

    Raises
    ------
    SolverInputError (a ValueError)
        An argument has the wrong shape or value.
    LockConflictError (an InfeasibleLocksError)
        Locked pairs cannot all hold; ``error.problems`` names each lock and why.

    Ties: among equally good pairings (equal tiers and equal total at the score resolution) the
    result is the one the deterministic algorithm reaches on arcs in (mentee, mentor) order: the same
    input always gives the same pairs. See docs/solver.md.

    Examples
    --------
    >>> cost = np.array([[4, 1, 3], [2, 0, 5], [3, 2, 2]])
    >>> a = solve_assignment(-cost)           # classic assignment: minimise cost
    >>> a.pairs.tolist(), -a.total_score
    ([[0, 1], [1, 0], [2, 2]], 5.0)
    >>> scores = np.array([[100.0, 45.0], [45.0, 0.0]])
    >>> solve_assignment(scores).pairs.tolist()      # total 100, but one pair scores 0
    [[0, 0], [1, 1]]
    >>> solve_assignment(scores, objective="fair").pairs.tolist()   # total 90, nobody below 45
    [[0, 1], [1, 0]]
    """
    started = time.perf_counter()
    with small_pages():
        return _solve(scores, capacity, feasible=feasible, mentee_capacity=mentee_capacity,
                      priority=priority, locked=locked, forbidden=forbidden, objective=objective,
                      min_load=min_load, engine=engine, tuning=tuning, started=started)


def _solve(scores, capacity, *, feasible, mentee_capacity, priority, locked, forbidden, objective,
           min_load, engine, tuning: Tuning, started: float) -> Assignment:
    problem = build_problem(scores, capacity, feasible=feasible, mentee_capacity=mentee_capacity,
                            priority=priority, locked=locked, forbidden=forbidden,
                            objective=objective, min_load=min_load, engine=engine)
    residual = check_locks(problem)
    source = pair_source(problem, residual.keys)
    tiers = make_tiers("total" if objective == "total" else "coverage", problem.priority,
                       residual.has_lock)
    solve = choose(problem, source, tiers, residual, tuning)
    chosen, certificate = solve(problem, source, tiers, residual, tuning)
    return _assignment(problem, chosen.rows, chosen.cols, certificate, started)


def _assignment(problem: Problem, rows: np.ndarray, cols: np.ndarray, certificate: Certificate,
                started: float) -> Assignment:
    m = problem.m
    keys = rows * m + cols
    locked = np.zeros(keys.size, bool)
    if problem.locked.size:  # without locks: no concatenation, no search (sub-millisecond solves)
        locked_keys = problem.locked[:, 0] * m + problem.locked[:, 1]
        keys = np.concatenate((keys, locked_keys))
    keys = np.sort(keys)
    if problem.locked.size:
        locked = np.isin(keys, locked_keys)
    pairs = np.empty((keys.size, 2), np.int64)
    np.divmod(keys, m, out=(pairs[:, 0], pairs[:, 1]))
    scores = score_values(problem, pairs[:, 0], pairs[:, 1])
    seconds = time.perf_counter() - started
    log.info("solved %d x %d (%s, %s): %d pairs, gap %d, %.2fs", problem.n, m, problem.objective,
             problem.engine, len(pairs), certificate.gap, seconds)
    # pairs are sorted by mentee: each mentee's first pair starts where the mentee changes
    matched = int(np.count_nonzero(pairs[1:, 0] != pairs[:-1, 0])) + 1 if keys.size else 0
    return Assignment(pairs=pairs, scores=scores, locked=locked,
                      objective=problem.objective, status="optimal", engine=problem.engine,
                      matched=matched, total_score=float(scores.sum()),
                      min_score=float(scores.min()) if scores.size else float("nan"),
                      certificate=certificate, solve_seconds=seconds)
