"""The LP engine: the same objective as a PuLP model solved by CBC, plus minimum loads.

Model (free pairs only; locks are already taken out, see locks.py)::

    max  sum_i B (first_rank_i y1_i + extra_rank_i y2_i) + sum_ij q_ij x_ij
    s.t. sum_j x_ij = y1_i + y2_i           every mentee i
         0 <= y1_i <= min(slots_i, 1),  0 <= y2_i <= max(slots_i - 1, 0)
         min_load_j <= sum_i x_ij <= capacity_j   every mentor j
         0 <= x_ij <= 1

The constraint matrix is that of a network flow (totally unimodular), so the LP relaxation has an
integral optimal vertex: the simplex solution *is* the pairing, and its LP value is the dual bound
of the certificate. ``B`` is the safe unit (weights.safe_unit): no tier proof is needed. ``fair``
searches the distinct scores for the highest threshold whose LP still reaches coverage's tier value.

This engine is the independent cross-check of the flow engine in the tests, and the engine for
``min_load``. It builds one PuLP variable per feasible pair, so it suits rounds of up to a few
hundred people a side; the flow engine is orders of magnitude faster.
"""

from __future__ import annotations

import shutil

import numpy as np
import pulp

from matcher.errors import InputError
from matcher.solver.certificate import Certificate
from matcher.solver.locks import Residual
from matcher.solver.pairs import PairSet, PairSource
from matcher.solver.problem import Problem
from matcher.solver.tuning import Tuning
from matcher.solver.weights import Tiers, safe_unit

#: variable values this close to 0 or 1 count as integral
INTEGRALITY = 1e-6


def solve(problem: Problem, source: PairSource, tiers: Tiers, residual: Residual,
          tuning: Tuning) -> tuple[PairSet, Certificate]:
    """The optimal free pairs for ``problem.objective`` and an LP-bound certificate (``tuning``
    does not apply: the LP has every pair at once)."""
    pairs = source.all_pairs()
    score_range = (source.low, source.high)
    unit = safe_unit(score_range, int(min(residual.slots.sum(), residual.capacity.sum())))
    weighted = tiers.with_unit(unit, 2 + problem.n + problem.m, score_range)
    min_load = None if problem.min_load is None else np.maximum(
        problem.min_load - (problem.capacity - residual.capacity), 0)
    model = _Model(pairs, residual, weighted, min_load)
    x, value = model.solve(np.ones(len(pairs), bool), with_scores=True)
    if x is None:
        raise InputError("the minimum loads cannot be met: there are not enough feasible mentees "
                         "for every mentor to get their minimum; lower min_mentees_per_mentor")
    threshold = None
    if problem.objective == "fair" and x.any():
        tier_value = model.tier_value(x)
        values = np.unique(pairs.q[pairs.q >= pairs.q[x].min()])
        lo, hi = 0, values.size  # values[lo] keeps the tiers; values[hi] (if any) does not
        while hi - lo > 1:
            mid = (lo + hi) // 2
            reached = model.solve(pairs.q >= values[mid], with_scores=False)[1]
            lo, hi = (mid, hi) if reached is not None and reached >= tier_value - 0.5 else (lo, mid)
        threshold = int(values[lo])
        x, value = model.solve(pairs.q >= threshold, with_scores=True)
    assert x is not None and value is not None  # a threshold keeps the pairs of a feasible optimum
    primal = model.weight(x)
    certificate = Certificate(
        method="LP relaxation (CBC), integral by total unimodularity" +
               (", threshold search over distinct scores" if threshold is not None else ""),
        # integer data on a totally unimodular matrix: the LP optimum is an integer; round the noise
        primal=primal, dual_bound=round(value),
        tier_unit=unit, scale=source.scale,
        threshold=None if threshold is None else threshold / source.scale)
    return pairs.where(x), certificate


class _Model:
    """Builds and solves the LP over a subset of the free pairs."""

    def __init__(self, pairs: PairSet, residual: Residual, tiers: Tiers, min_load: np.ndarray | None):
        self.pairs = pairs
        self.residual = residual
        self.tiers = tiers
        self.min_load = min_load

    def weight(self, x: np.ndarray) -> int:
        """Exact weight of an integral solution (Python ints)."""
        rows = self.pairs.rows[x]
        per_mentee = np.bincount(rows, minlength=self.residual.slots.size)
        first = np.minimum(per_mentee, 1)
        bonus = self.tiers.first_bonus.astype(object) * first \
            + self.tiers.extra_bonus.astype(object) * (per_mentee - first)
        return int(sum(bonus)) + int(self.pairs.q[x].astype(object).sum())

    def tier_value(self, x: np.ndarray) -> int:
        per_mentee = np.bincount(self.pairs.rows[x], minlength=self.residual.slots.size)
        first = np.minimum(per_mentee, 1)
        return int((self.tiers.first_rank * first + self.tiers.extra_rank * (per_mentee - first)).sum())

    def solve(self, usable: np.ndarray, with_scores: bool) -> tuple[np.ndarray | None, float | None]:
        """LP over the usable pairs: tier weights (+ scores); (x as bool, LP value) or (None, None)
        when the minimum loads cannot be met."""
        slots, capacity = self.residual.slots, self.residual.capacity
        n, m = slots.size, capacity.size
        index = np.flatnonzero(usable)
        rows, cols, q = self.pairs.rows[index], self.pairs.cols[index], self.pairs.q[index]
        unit = self.tiers.unit if with_scores else 1
        prob = pulp.LpProblem("pairing", pulp.LpMaximize)
        x = [prob.add_variable(f"x{k}", 0, 1) for k in range(index.size)]
        y1 = [prob.add_variable(f"f{i}", 0, int(min(s, 1))) for i, s in enumerate(slots.tolist())]
        y2 = [prob.add_variable(f"e{i}", 0, int(max(s - 1, 0))) for i, s in enumerate(slots.tolist())]
        objective = [(y1[i], int(unit * r)) for i, r in enumerate(self.tiers.first_rank.tolist()) if r]
        objective += [(y2[i], int(unit * r)) for i, r in enumerate(self.tiers.extra_rank.tolist()) if r]
        if with_scores:
            objective += [(v, int(c)) for v, c in zip(x, q.tolist()) if c]
        prob += pulp.LpAffineExpression(objective)
        starts = np.searchsorted(rows, np.arange(n + 1))
        for i in range(n):
            terms = [(x[k], 1) for k in range(starts[i], starts[i + 1])] + [(y1[i], -1), (y2[i], -1)]
            prob += pulp.LpAffineExpression(terms) == 0, f"mentee{i}"
        order = np.argsort(cols, kind="stable")
        bounds = np.searchsorted(cols[order], np.arange(m + 1))
        for j in range(m):
            load = pulp.LpAffineExpression([(x[k], 1) for k in order[bounds[j]:bounds[j + 1]].tolist()])
            prob += load <= int(capacity[j]), f"mentor{j}"
            if self.min_load is not None and self.min_load[j] > 0:
                prob += load >= int(self.min_load[j]), f"minimum{j}"
        status = prob.solve(_solver())
        if pulp.LpStatus[status] == "Infeasible":
            return None, None
        if pulp.LpStatus[status] != "Optimal":
            raise RuntimeError(f"CBC returned status {pulp.LpStatus[status]}")
        values = np.array([v.varValue or 0.0 for v in x])
        integral = np.abs(values - np.round(values)) <= INTEGRALITY
        if not integral.all():
            raise RuntimeError("the LP solution is not integral: the model is not a network flow")
        chosen = np.zeros(len(self.pairs), bool)
        chosen[index[values > 0.5]] = True
        # the LP value from the terms themselves: an empty objective gets a dummy term in PuLP
        return chosen, float(sum(c * (v.varValue or 0.0) for v, c in objective))


def _solver() -> pulp.LpSolver:
    """CBC, quiet, single-threaded and without randomness (deterministic)."""
    return pulp.COIN_CMD(path=cbc_binary(), msg=False, mip=False, threads=1)


def cbc_binary() -> str | None:
    """The CBC executable: one on PATH (PuLP 4 installs it with ``pulp[cbc]``), else the binary
    bundled with PuLP 3 (the module constant; the ``PULP_CBC_CMD`` class attribute is deprecated).
    """
    return shutil.which("cbc") or getattr(pulp.apis.coin_api, "pulp_cbc_path", None)
