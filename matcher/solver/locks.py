"""Locked pairs: check that they can all hold, then take them out of the problem.

A locked pair is fixed before solving: it uses one place of its mentor and one slot of its mentee
(so the solver sees the remaining capacities), it cannot be chosen a second time, and it counts
toward the objective like any other pair. Substituting ``x_ij = 1`` in the model gives exactly this
smaller problem, so solving it and adding the locks back is optimal for "the best pairing that
contains the locks".
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from matcher.errors import InfeasibleLocksError
from matcher.solver.problem import Problem, is_feasible


@dataclass(frozen=True)
class LockProblem:
    """Why one locked pair cannot hold.

    ``reason`` is a code the high-level API words with ids: ``duplicate``, ``infeasible``,
    ``forbidden``, ``mentor_capacity`` or ``mentee_capacity``; ``count`` and ``limit`` give the
    number of locks and the capacity for the capacity reasons.
    """

    index: int
    mentee: int
    mentor: int
    reason: str
    count: int = 0
    limit: int = 0

    def describe(self) -> str:
        where = f"locked pair {self.index} (mentee {self.mentee}, mentor {self.mentor})"
        text = {
            "duplicate": "is locked more than once",
            "infeasible": "is not a feasible pair",
            "forbidden": "is also forbidden",
            "mentor_capacity": f"exceeds the mentor's capacity ({self.count} locked pairs, capacity {self.limit})",
            "mentee_capacity": f"exceeds the mentee's limit ({self.count} locked pairs, at most {self.limit} mentors)",
        }[self.reason]
        return f"{where} {text}"


class LockConflictError(InfeasibleLocksError):
    """Locked pairs that cannot all hold; ``problems`` lists each offending lock and why."""

    def __init__(self, problems: list[LockProblem], message: str | None = None):
        self.problems = problems
        super().__init__(message or "locked pairs cannot all hold: " + "; ".join(
            p.describe() for p in problems) + ". Remove or change these locks, or change the "
            "constraint that rules the pair out.")


@dataclass(frozen=True)
class Residual:
    """Capacities left once the locks are in place."""

    capacity: np.ndarray   # (m,) mentor places left
    slots: np.ndarray      # (n,) mentee slots left
    has_lock: np.ndarray   # (n,) mentee already has a (locked) mentor
    keys: np.ndarray       # sorted row * m + col of the locked pairs


def check_locks(problem: Problem) -> Residual:
    """Raise :class:`LockConflictError` naming every lock that cannot hold; else the residual.

    Examples
    --------
    >>> from matcher.solver.problem import build_problem
    >>> p = build_problem(np.ones((2, 2)), 1, feasible=None, mentee_capacity=1, priority=None,
    ...                   locked=[[0, 1]], forbidden=None, objective="coverage", min_load=None,
    ...                   engine="auto")
    >>> check_locks(p).capacity.tolist()
    [1, 0]
    """
    n, m = problem.n, problem.m
    locked = problem.locked
    if not locked.size:  # nothing to check (a few dozen numpy calls on empty arrays otherwise)
        return Residual(capacity=problem.capacity.copy(), slots=problem.mentee_capacity.copy(),
                        has_lock=np.zeros(n, bool), keys=np.empty(0, np.int64))
    rows, cols = locked[:, 0], locked[:, 1]
    keys = rows * m + cols
    problems: list[LockProblem] = []

    def flag(mask: np.ndarray, reason: str, counts=None, limits=None) -> None:
        for k in np.flatnonzero(mask).tolist():
            problems.append(LockProblem(k, int(rows[k]), int(cols[k]), reason,
                                        int(counts[k]) if counts is not None else 0,
                                        int(limits[k]) if limits is not None else 0))

    _, first = np.unique(keys, return_index=True)
    repeated = np.ones(keys.size, bool)
    repeated[first] = False
    flag(repeated, "duplicate")
    flag(~is_feasible(problem, rows, cols), "infeasible")
    flag(np.isin(keys, problem.forbidden_keys), "forbidden")
    # capacities count each distinct pair once: a repeated lock is reported as such, not twice
    per_mentor = np.bincount(cols[~repeated], minlength=m)
    flag(~repeated & (per_mentor[cols] > problem.capacity[cols]), "mentor_capacity",
         per_mentor[cols], problem.capacity[cols])
    per_mentee = np.bincount(rows[~repeated], minlength=n)
    flag(~repeated & (per_mentee[rows] > problem.mentee_capacity[rows]), "mentee_capacity",
         per_mentee[rows], problem.mentee_capacity[rows])
    if problems:
        raise LockConflictError(sorted(problems, key=lambda p: (p.index, p.reason)))
    return Residual(capacity=problem.capacity - per_mentor, slots=problem.mentee_capacity - per_mentee,
                    has_lock=per_mentee > 0, keys=np.unique(keys))
