"""Validate the inputs of :func:`matcher.solver.solve_assignment` and normalise them.

Everything is checked up front, scikit-learn style, so a wrong shape or value fails with a message
saying what was wrong and what is allowed before any solving starts.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse

from matcher.config import ENGINES, OBJECTIVES
from matcher.errors import InputError
from matcher.solver.pairs import CHUNK_ENTRIES, DensePairs, PairSet, SparsePairs, sparse_entries
from matcher.solver.weights import SCORE_UNITS, quantise, score_scale


class SolverInputError(InputError, ValueError):
    """An argument of :func:`solve_assignment` is unusable (a ValueError for notebook users, an
    InputError with exit code 2 for the command line)."""


@dataclass(frozen=True)
class Problem:
    """Validated, normalised arguments of one solve (before locks are taken out)."""

    n: int
    m: int
    scores: np.ndarray | sparse.csr_array  # as given (dense real array) or canonical CSR
    bounds: tuple[float, float]            # lowest and highest stored score, 0 included
    allowed: np.ndarray | None             # dense: feasible and not forbidden (None = all)
    forbidden_keys: np.ndarray             # sorted row * m + col of forbidden pairs
    capacity: np.ndarray
    mentee_capacity: np.ndarray
    priority: np.ndarray
    locked: np.ndarray                     # (k, 2) int64, in the order given
    objective: str
    engine: str
    min_load: np.ndarray | None

    @property
    def dense(self) -> bool:
        return not sparse.issparse(self.scores)

    def __repr__(self) -> str:
        kind = "dense" if self.dense else "sparse"
        return (f"Problem({self.n} mentees x {self.m} mentors, {kind}, objective={self.objective!r}, "
                f"{len(self.locked)} locked)")


def build_problem(scores, capacity, *, feasible, mentee_capacity, priority, locked, forbidden,
                  objective, min_load, engine) -> Problem:
    """Check every argument; see :func:`matcher.solver.solve_assignment` for their meaning."""
    if objective not in OBJECTIVES:
        raise SolverInputError(f"objective {objective!r} is not known; choose one of: {', '.join(OBJECTIVES)}")
    if engine not in ENGINES:
        raise SolverInputError(f"engine {engine!r} is not known; choose one of: {', '.join(ENGINES)}")
    scores, bounds = _scores(scores)
    n, m = scores.shape
    capacity = _counts(capacity, m, "capacity", "mentor", minimum=0)
    mentee_capacity = _counts(mentee_capacity, n, "mentee_capacity", "mentee", minimum=1)
    priority = np.zeros(n, np.int64) if priority is None else _counts(priority, n, "priority", "mentee", minimum=0)
    if min_load is not None:
        min_load = _counts(min_load, m, "min_load", "mentor", minimum=0)
        over = np.flatnonzero(min_load > capacity)
        if over.size:
            raise SolverInputError(f"min_load is above capacity for mentors {_few(over)}: a mentor "
                                   "cannot be required to take more mentees than their capacity")
        if engine == "flow":
            raise SolverInputError("min_load needs engine='lp' (or 'auto'): a flow cannot express "
                                   "minimum loads")
    locked = _pairs(locked, n, m, "locked")
    forbidden = _pairs(forbidden, n, m, "forbidden")
    allowed = _feasible(feasible, scores)
    return Problem(n=n, m=m, scores=scores, bounds=bounds, allowed=allowed,
                   forbidden_keys=np.unique(forbidden[:, 0] * m + forbidden[:, 1]) if forbidden.size
                   else np.empty(0, np.int64),
                   capacity=capacity, mentee_capacity=mentee_capacity, priority=priority,
                   locked=locked, objective=objective,
                   engine=engine if engine != "auto" else ("lp" if min_load is not None else "flow"),
                   min_load=min_load)


def pair_source(problem: Problem, blocked: np.ndarray) -> DensePairs | SparsePairs:
    """The free pairs: feasible, not forbidden, not in ``blocked`` (sorted keys of locked pairs)."""
    n, m = problem.n, problem.m
    keys = np.union1d(problem.forbidden_keys, blocked) if blocked.size else problem.forbidden_keys
    if problem.dense:
        allowed = problem.allowed
        if keys.size:
            allowed = np.ones((n, m), bool) if allowed is None else allowed.copy()
            allowed.reshape(-1)[keys] = False
        # without a mask the range is the matrix's own, found by the validation
        score_range = problem.bounds if allowed is None else _score_range(problem.scores, allowed)
        scale = _scale(problem.scores, max(-score_range[0], score_range[1]))
        return DensePairs(problem.scores, allowed, scale, score_range)
    rows, cols, values = sparse_entries(problem.scores)
    # np.isin hashes both arrays even when one is empty (tens of ms on 100,000 pairs)
    usable = ~np.isin(rows * m + cols, keys) if keys.size else np.ones(rows.size, bool)
    if problem.allowed is not None:
        usable &= problem.allowed[rows, cols]
    if usable.all():  # no pair taken out: no copies, and the range is the matrix's own
        low, high = problem.bounds
    else:
        at = np.flatnonzero(usable)  # indices, not three boolean selections (PairSet.where)
        rows, cols, values = rows[at], cols[at], values[at]
        low, high = _score_range(values, None)
    scale = _scale(values, max(-low, high))
    pairs = PairSet(rows, cols, quantise(values, scale))
    return SparsePairs(pairs, (n, m), scale)


def is_feasible(problem: Problem, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Whether each (row, col) is a feasible pair (ignoring forbids)."""
    if problem.dense:
        return np.ones(rows.size, bool) if problem.allowed is None else problem.allowed[rows, cols]
    if not rows.size:
        return np.ones(0, bool)
    stored_rows, stored_cols, _ = sparse_entries(problem.scores)
    present = np.isin(rows * problem.m + cols, stored_rows * problem.m + stored_cols)
    if problem.allowed is not None:
        present &= problem.allowed[rows, cols]
    return present


def score_values(problem: Problem, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Original (float) scores of pairs."""
    if not rows.size:
        return np.empty(0)
    return np.asarray(problem.scores[rows, cols], dtype=np.float64).reshape(-1)


def _scores(scores) -> tuple[np.ndarray | sparse.csr_array, tuple[float, float]]:
    """The scores as given (a dense real array) or as canonical CSR, and their lowest and highest
    stored value with 0 included (both reductions are needed for the finiteness check anyway)."""
    if sparse.issparse(scores):
        csr = sparse.csr_array(scores)
        if csr.ndim != 2:
            raise SolverInputError(f"scores must be 2-D (mentees x mentors), got shape {csr.shape}")
        # a canonical CSR input (sorted, no repeats: scipy checks that in C) needs no search for
        # repeats; any other format is searched before conversion, which would sum them
        if not (scores.format == "csr" and csr.has_canonical_format):
            coo = sparse.coo_array(scores)
            keys = coo.coords[0].astype(np.int64) * csr.shape[1] + coo.coords[1]
            keys.sort()  # a sort finds repeats several times faster than np.unique's hashing
            if np.any(keys[1:] == keys[:-1]):
                raise SolverInputError("the sparse scores hold the same pair twice: sum or drop "
                                       "duplicates first (e.g. matrix.sum_duplicates())")
        return csr, _finite_bounds(csr.data)
    arr = np.asarray(scores)
    if arr.ndim != 2:
        raise SolverInputError(f"scores must be a 2-D array (mentees x mentors), got shape {arr.shape}")
    if not (np.issubdtype(arr.dtype, np.number) and not np.issubdtype(arr.dtype, np.complexfloating)):
        raise SolverInputError(f"scores must be real numbers, got dtype {arr.dtype}")
    # integers stay as they are: every use reads them into float64 chunk by chunk (a whole float
    # copy cost as much as the rest of the validation)
    return arr, _finite_bounds(arr)


def _finite_bounds(values: np.ndarray) -> tuple[float, float]:
    """``(min(0, lowest), max(0, highest))`` of finite values, else a SolverInputError."""
    if not values.size:
        return 0.0, 0.0
    # min and max propagate NaN and keep infinities: two reductions, no full-size mask
    low, high = float(values.min()), float(values.max())
    if not (np.isfinite(low) and np.isfinite(high)):
        raise SolverInputError("scores contain NaN or infinite values: give every pair a finite "
                               "score and mark pairs that cannot be matched with feasible=False "
                               "(or leave them out of a sparse matrix)")
    return min(0.0, low), max(0.0, high)


def _feasible(feasible, scores) -> np.ndarray | None:
    if feasible is None:
        return None
    mask = feasible.toarray() if sparse.issparse(feasible) else np.asarray(feasible)
    if mask.shape != scores.shape:
        raise SolverInputError(f"feasible has shape {mask.shape} but scores have shape {scores.shape}")
    if mask.dtype != bool:
        raise SolverInputError(f"feasible must be a boolean mask, got dtype {mask.dtype}")
    return mask


def _counts(values, size: int, name: str, who: str, minimum: int) -> np.ndarray:
    if isinstance(values, (int, np.integer)) and not isinstance(values, bool) and values >= minimum:
        return np.full(size, values, np.int64)  # one whole number for everyone: nothing to check
    arr = np.asarray(values)
    if arr.ndim == 0:
        arr = np.full(size, arr)
    if arr.shape != (size,):
        raise SolverInputError(f"{name} must be a single integer or one per {who} ({size}), "
                               f"got shape {arr.shape}")
    if arr.dtype == bool or not (np.issubdtype(arr.dtype, np.integer)
                                 or (arr.dtype.kind == "f" and np.all(arr == np.round(arr)))):
        raise SolverInputError(f"{name} must hold whole numbers, got {arr.dtype} values")
    arr = arr.astype(np.int64)
    low = np.flatnonzero(arr < minimum)
    if low.size:
        raise SolverInputError(f"{name} must be {minimum} or more; {who}s {_few(low)} have "
                               f"{_few(arr[low])}")
    return arr


def _pairs(values, n: int, m: int, name: str) -> np.ndarray:
    if values is None:
        return np.empty((0, 2), np.int64)
    arr = np.asarray(values)
    if arr.size == 0:
        return np.empty((0, 2), np.int64)
    if arr.ndim != 2 or arr.shape[1] != 2 or not np.issubdtype(arr.dtype, np.integer):
        raise SolverInputError(f"{name} must be a (k, 2) integer array of (mentee index, mentor "
                               f"index) rows, got shape {arr.shape} and dtype {arr.dtype}")
    arr = arr.astype(np.int64)
    bad = np.flatnonzero((arr[:, 0] < 0) | (arr[:, 0] >= n) | (arr[:, 1] < 0) | (arr[:, 1] >= m))
    if bad.size:
        raise SolverInputError(f"{name} rows {_few(bad)} point outside the {n} x {m} score matrix")
    return arr


def _score_range(values: np.ndarray, allowed: np.ndarray | None) -> tuple[float, float]:
    """Lowest and highest score of usable pairs, 0 included (chunked: masked reductions are slow
    in numpy and a full-size temporary is large)."""
    if allowed is None:
        return min(0.0, float(values.min(initial=0.0))), max(0.0, float(values.max(initial=0.0)))
    low, high = 0.0, 0.0
    step = max(1, CHUNK_ENTRIES // max(values.shape[1], 1))
    for start in range(0, values.shape[0], step):
        # a product with the mask (scores are finite): several times faster than np.where
        usable = np.multiply(values[start:start + step], allowed[start:start + step])
        low, high = min(low, float(usable.min(initial=0.0))), max(high, float(usable.max(initial=0.0)))
    return low, high


def _scale(values: np.ndarray, largest: float) -> float:
    """Quantisation scale (see weights.score_scale); float scores are checked for whole numbers
    only when large, integer ones never need it."""
    integral = largest > SCORE_UNITS and (values.dtype.kind in "iu" or bool(np.all(values == np.round(values))))
    return score_scale(largest, integral)


def _few(values: np.ndarray, limit: int = 5) -> str:
    shown = ", ".join(str(v) for v in values[:limit].tolist())
    return shown + (f" and {values.size - limit} more" if values.size > limit else "")
