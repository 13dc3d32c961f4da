"""Pure assignments (every free slot and place is one): scipy's compiled LAPJVsp on a candidate
graph, priced against every pair.

When no mentee has two free slots and no mentor two free places, the problem is a rectangular
linear assignment problem, and scipy's ``min_weight_full_bipartite_matching`` (LAPJVsp, in C)
solves it on a sparse graph. The tiers become part of each pair's weight with the *safe* unit
(``B * rank_i + q_ij``, weights.safe_unit), so the weights alone put the tiers first and no tier
cut is needed; a pair of weight <= 0 never helps and is left out.

As in the flow engine, the graph starts with each mentee's and mentor's best pairs. After each
solve, node potentials of the residual graph come from the flow engine's Bellman-Ford
(flow.residual_potentials: an optimal pairing has no negative cycle). They price every pair of the round (flow.pricing_gain); pairs
that would improve join and the graph is solved again. When none would, the potentials are dual
feasible for all pairs, so :func:`matcher.solver.flow.dual_bound` of them bounds every pairing,
and it equals the pairing's weight: the certificate.

Examples
--------
>>> from matcher.solver import solve_assignment
>>> a = solve_assignment(-np.array([[4, 1, 3], [2, 0, 5], [3, 2, 2]]))
>>> a.pairs.tolist(), a.certificate.gap, a.certificate.method.split(",")[0]
([[0, 1], [1, 0], [2, 2]], 0, 'scipy min_weight_full_bipartite_matching (LAPJVsp) on a candidate graph')
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from scipy import sparse

from matcher.solver.certificate import Certificate
from matcher.solver.flow import (Flow, Network, dual_bound, mentee_mentor_duals, pricing_gain,
                                 residual_potentials)
from matcher.solver.locks import Residual
from matcher.solver.pairs import DensePairs, PairSet, PairSource, SparsePairs
from matcher.solver.problem import Problem
from matcher.solver.tuning import Tuning
from matcher.solver.weights import EXACT_FLOAT, Tiers, safe_unit, span

ASSIGNMENT_METHOD = "scipy min_weight_full_bipartite_matching (LAPJVsp) on a candidate graph, residual " \
         "Bellman-Ford duals pricing every pair"


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
    m = problem.m
    if isinstance(source, DensePairs):
        graph = source.candidates(tuning.row_candidates, tuning.column_candidates, source.low)
    else:  # every stored pair: one solve, and its potentials already price them all
        graph = source.all_pairs()
    rounds = 0
    while True:
        usable = ((residual.slots[graph.rows] > 0) & (residual.capacity[graph.cols] > 0)
                  & (graph.q + net.first_bonus[graph.rows] > 0))
        chosen = _lapjvsp(graph.where(usable), net.first_bonus, problem.n, m,
                          full_first=problem.objective == "coverage")
        flow = _flow(net, chosen, graph)
        gain = pricing_gain(net, flow.potential, 0, max(-source.low, source.high))
        added = source.best(tuning.pricing_per_row, gain, source.low, exclude=graph)
        if not len(added):
            break
        graph = graph.union(added, m)
        rounds += 1
    u, v = mentee_mentor_duals(net, flow)
    return chosen, Certificate(method=ASSIGNMENT_METHOD, primal=flow.weight, dual_bound=dual_bound(net, flow),
                               tier_unit=unit, scale=source.scale, pricing_rounds=rounds,
                               arcs=len(graph), mentee_dual=u, mentor_dual=v)


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
    # imported on first use: scipy.sparse.csgraph pulls in scipy.linalg, a few tenths of a
    # second at the start of every run, though most rounds are no pure assignment
    from scipy.sparse.csgraph import min_weight_full_bipartite_matching

    rows = np.unique(p.rows)
    if full_first and rows.size <= m:
        try:
            r, c = min_weight_full_bipartite_matching(
                sparse.csr_array(((p.q + bonus[p.rows]).astype(np.float64), (p.rows, p.cols)),
                                 shape=(n, m))[rows], maximize=True)
            return _pairs(rows[r], c.astype(np.int64), p.lookup(rows[r], c, m), m)
        except ValueError:  # no pairing covers every row: some stay unpaired
            pass
    weight = np.r_[p.q + bonus[p.rows], np.zeros(n, np.int64)] + 1
    graph = sparse.csr_array((weight.astype(np.float64), (np.r_[p.rows, np.arange(n)],
                                                          np.r_[p.cols, m + np.arange(n)])),
                             shape=(n, m + n))
    r, c = min_weight_full_bipartite_matching(graph, maximize=True)
    real = c < m
    r, c = r[real].astype(np.int64), c[real].astype(np.int64)
    return _pairs(r, c, p.lookup(r, c, m), m)


def _flow(net: Network, chosen: PairSet, graph: PairSet) -> Flow:
    """The flow of a pairing on ``graph`` (which holds its pairs), with potentials feasible for
    every arc of the graph (flow.residual_potentials)."""
    m = net.m
    amount = np.zeros(len(graph), np.int64)
    amount[np.searchsorted(graph.keys(m), chosen.keys(m))] = 1
    first = np.bincount(chosen.rows, minlength=net.n).astype(np.int64)
    flow = Flow(graph=graph, amount=amount, first=first, extra=np.zeros(net.n, np.int64),
                load=np.bincount(chosen.cols, minlength=m).astype(np.int64),
                bypass=net.total_slots - len(chosen),
                weight=int(chosen.q.sum() + net.first_bonus[chosen.rows].sum()),
                potential=np.empty(0, np.int64))
    return replace(flow, potential=residual_potentials(net, flow))
