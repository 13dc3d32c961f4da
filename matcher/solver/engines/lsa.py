"""Pure assignments (every free slot and place is one): scipy's compiled solvers, then duals.

When no mentee has two free slots and no mentor two free places, the problem is a rectangular
linear assignment problem, and scipy solves those in C: ``linear_sum_assignment`` on a dense
matrix, ``min_weight_full_bipartite_matching`` (LAPJVsp) on a sparse one. The tiers become part of
each pair's weight with the *safe* unit (``B * rank_i + q_ij``, weights.safe_unit), so the
weights alone put the tiers first and no tier cut is needed. A pair of weight <= 0 never helps
and is left out (LSA must pair ``min(rows, cols)`` lines, so such pairs and infeasible ones get
weight 0 there and are dropped afterwards; LAPJVsp gets one zero-weight stand-in column per row).

The certificate comes from node potentials of the residual graph of that pairing (the layout of
flow.Network: source, sink, mentees, mentors), found by Bellman-Ford sweeps in which the pair arcs
(all of them, dense or sparse) are relaxed at once; an optimal pairing has no negative cycle, so
the sweeps end. Those potentials price every pair, so :func:`matcher.solver.flow.dual_bound` of
them bounds every pairing, and equals the pairing's weight.

Examples
--------
>>> from matcher.solver import solve_assignment
>>> a = solve_assignment(-np.array([[4, 1, 3], [2, 0, 5], [3, 2, 2]]))
>>> a.pairs.tolist(), a.certificate.gap, a.certificate.method.split(",")[0]
([[0, 1], [1, 0], [2, 2]], 0, 'scipy linear_sum_assignment')
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from scipy import sparse
from scipy.optimize import linear_sum_assignment
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

from matcher.solver.certificate import Certificate
from matcher.solver.flow import Flow, Network, dual_bound, mentee_mentor_duals
from matcher.solver.locks import Residual
from matcher.solver.pairs import DensePairs, PairSet, PairSource, SparsePairs
from matcher.solver.problem import Problem
from matcher.solver.tuning import Tuning
from matcher.solver.weights import Tiers, safe_unit, span

#: weights stay below this, so LSA's float64 sums of them are exact integers
EXACT_FLOAT = 2 ** 52
#: "no arc": far above every potential, and far below int64 overflow when added to one
FAR = np.iinfo(np.int64).max // 4


def applies(problem: Problem, source: PairSource, tiers: Tiers, residual: Residual,
            tuning: Tuning) -> bool:
    """Whether this path solves the problem: ``coverage`` or ``total``, one free slot and place
    at most per person, the dense matrix within ``tuning.assignment_pairs`` entries (a sparse
    one within ``tuning.assignment_sparse_pairs`` stored pairs), weights exact in float64."""
    if problem.objective == "fair" or residual.slots.max(initial=0) > 1 or residual.capacity.max(initial=0) > 1:
        return False
    if isinstance(source, DensePairs):
        if problem.n * problem.m > tuning.assignment_pairs:
            return False
    elif not isinstance(source, SparsePairs) or len(source.pairs) > tuning.assignment_sparse_pairs:
        return False
    unit = _unit(source, residual)
    top = int(tiers.first_rank.max(initial=0)) * unit + span((source.low, source.high))
    return top * (problem.n + problem.m + 2) < EXACT_FLOAT


def solve(problem: Problem, source: PairSource, tiers: Tiers, residual: Residual,
          tuning: Tuning) -> tuple[PairSet, Certificate]:
    """The optimal free pairs of a pure assignment and their certificate (see module doc)."""
    unit = _unit(source, residual)
    net = Network.of_slots(residual.slots, residual.capacity, tiers.first_rank * unit,
                           tiers.extra_rank * unit)
    bonus = net.first_bonus
    if isinstance(source, DensePairs):
        rows = np.flatnonzero(residual.slots > 0)   # mentees with their slot free
        cols = np.flatnonzero(residual.capacity > 0)
        q = source.q[np.ix_(rows, cols)].astype(np.int64)
        usable = q != source.missing
        weight = np.where(usable, q + bonus[rows][:, None], 0)
        r, c = linear_sum_assignment(np.maximum(weight, 0).astype(np.float64), maximize=True)
        keep = weight[r, c] > 0
        chosen = _pairs(rows[r[keep]], cols[c[keep]], q[r[keep], c[keep]], problem.m)
        # per mentor, the least d_i - q_ij over all its pairs (every pair arc relaxed at once)
        cost = np.where(source.q != source.missing, -source.q.astype(np.int64), FAR)

        def pair_min(d_mentee: np.ndarray) -> np.ndarray:
            return (d_mentee[:, None] + cost).min(axis=0, initial=FAR)
        method = "scipy linear_sum_assignment"
    else:
        assert isinstance(source, SparsePairs)
        every = source.pairs
        usable = (residual.slots[every.rows] > 0) & (residual.capacity[every.cols] > 0)
        chosen = _lapjvsp(every.where(usable & (every.q + bonus[every.rows] > 0)), bonus, problem.n, problem.m,
                          full_first=problem.objective == "coverage")

        def pair_min(d_mentee: np.ndarray) -> np.ndarray:
            low = np.full(problem.m, FAR)
            np.minimum.at(low, every.cols, d_mentee[every.rows] - every.q)
            return low
        method = "scipy min_weight_full_bipartite_matching (LAPJVsp)"
    flow = _flow(net, chosen)
    flow = Flow(graph=flow.graph, amount=flow.amount, first=flow.first, extra=flow.extra,
                load=flow.load, bypass=flow.bypass, weight=flow.weight,
                potential=_potentials(net, flow, pair_min))
    u, v = mentee_mentor_duals(net, flow)
    return chosen, Certificate(method=f"{method}, residual Bellman-Ford duals", primal=flow.weight,
                               dual_bound=dual_bound(net, flow), tier_unit=unit, scale=source.scale,
                               arcs=len(chosen), mentee_dual=u, mentor_dual=v)


def _unit(source: PairSource, residual: Residual) -> int:
    return safe_unit((source.low, source.high),
                     int(min((residual.slots > 0).sum(), (residual.capacity > 0).sum())))


def _pairs(rows: np.ndarray, cols: np.ndarray, q: np.ndarray, m: int) -> PairSet:
    order = np.argsort(rows * m + cols)
    return PairSet(rows[order].astype(np.int64), cols[order].astype(np.int64), q[order].astype(np.int64))


def _lapjvsp(p: PairSet, bonus: np.ndarray, n: int, m: int, full_first: bool) -> PairSet:
    """The best pairing of the sparse pairs ``p`` (weight ``bonus_i + q_ij > 0`` each).

    With ``full_first`` (coverage: the safe unit makes the best pairing one of the most pairs)
    a pairing of every row is tried on the pairs alone. Otherwise, or when none exists, each row
    is free to stay unpaired: row ``i`` also gets stand-in column ``m + i``. Every full matching
    then has one entry per row, so adding 1 to every weight (LAPJVsp needs non-zero ones) shifts
    all of them alike.
    """
    rows = np.unique(p.rows)
    if full_first and rows.size <= m:
        try:
            r, c = min_weight_full_bipartite_matching(
                sparse.csr_array(((p.q + bonus[p.rows]).astype(np.float64), (p.rows, p.cols)),
                                 shape=(n, m))[rows], maximize=True)
            return _pairs(rows[r], c.astype(np.int64), _scores(p, rows[r], c, m), m)
        except ValueError:  # no pairing covers every row: some stay unpaired
            pass
    weight = np.r_[p.q + bonus[p.rows], np.zeros(n, np.int64)] + 1
    graph = sparse.csr_array((weight.astype(np.float64), (np.r_[p.rows, np.arange(n)],
                                                          np.r_[p.cols, m + np.arange(n)])),
                             shape=(n, m + n))
    r, c = min_weight_full_bipartite_matching(graph, maximize=True)
    real = c < m
    r, c = r[real].astype(np.int64), c[real].astype(np.int64)
    return _pairs(r, c, _scores(p, r, c, m), m)


def _scores(p: PairSet, rows: np.ndarray, cols: np.ndarray, m: int) -> np.ndarray:
    return p.q[np.searchsorted(p.keys(m), rows.astype(np.int64) * m + cols)]


def _flow(net: Network, chosen: PairSet) -> Flow:
    """The flow of a pairing on the graph of its own pairs (potentials still empty)."""
    first = np.bincount(chosen.rows, minlength=net.n).astype(np.int64)
    load = np.bincount(chosen.cols, minlength=net.m).astype(np.int64)
    weight = int(chosen.q.sum() + net.first_bonus[chosen.rows].sum())
    return Flow(graph=chosen, amount=np.ones(len(chosen), np.int64), first=first,
                extra=np.zeros(net.n, np.int64), load=load, bypass=net.total_slots - len(chosen),
                weight=weight, potential=np.empty(0, np.int64))


def _potentials(net: Network, flow: Flow, pair_min: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
    """Feasible potentials of the residual graph of ``flow`` over *all* pairs (``pair_min(d_i)``
    gives per mentor the least ``d_i - q_ij`` over its pairs), Bellman-Ford in sweeps from 0.

    Chosen pairs are relaxed forward too: their reverse arc makes the two bounds an equality,
    which every optimal dual meets (complementary slackness), so no negative cycle arises.
    """
    n, m = net.n, net.m
    g = flow.graph
    matched_row, matched_col = flow.first > 0, flow.load > 0
    open_row, open_col = (net.first_cap > 0) & ~matched_row, (net.capacity > 0) & ~matched_col
    bypass_used, bypass_open = flow.bypass > 0, flow.bypass < net.total_slots
    d_s = d_t = 0
    d_i, d_j = np.zeros(n, np.int64), np.zeros(m, np.int64)
    # the tier bonus sits on the source arcs, as in flow.Network
    bonus = net.first_bonus
    for _sweep in range(net.num_nodes + 1):
        before = (d_s, d_t, d_i.copy(), d_j.copy())
        d_j = np.minimum(d_j, pair_min(d_i))
        d_t = min(d_t, int(d_j[open_col].min(initial=d_t)), d_s if bypass_open else d_t)
        d_j[matched_col] = np.minimum(d_j[matched_col], d_t)
        d_s = min(d_s, d_t if bypass_used else d_s, int((d_i + bonus)[matched_row].min(initial=d_s)))
        d_i[open_row] = np.minimum(d_i[open_row], d_s - bonus[open_row])
        d_i[g.rows] = np.minimum(d_i[g.rows], d_j[g.cols] + g.q)
        if (d_s, d_t) == before[:2] and np.array_equal(d_i, before[2]) and np.array_equal(d_j, before[3]):
            return np.r_[d_s, d_t, d_i, d_j].astype(np.int64)
    raise RuntimeError("residual graph has a negative cycle: the assignment is not optimal")
