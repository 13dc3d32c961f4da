"""The default engine: min-cost flow with column generation, tier proofs and the fair search.

1. Candidate graph: every mentee's ``ROW_CANDIDATES`` best pairs and every mentor's
   ``COLUMN_CANDIDATES`` best mentees (a dense matrix), or every stored pair (a sparse one).
2. :func:`lexicographic`: column generation (flow.py) with a small tier unit, then per tier level a
   max-flow with a min-cut proof (cuts.py) that no pairing fills more slots; if the flow fell short
   the unit grows and the solve repeats. Tiers proven best + dual bound = weight proves the
   lexicographic optimum.
3. ``fair`` (fair.py): the highest score threshold that keeps coverage's tiers, then step 2 on the
   pairs above it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np

from matcher.solver.certificate import Certificate
from matcher.solver.cuts import Cut, level_count, levels, max_slots, level_slots
from matcher.solver.flow import Flow, Network, column_generation, dual_bound, mentee_mentor_duals
from matcher.solver.pairs import DensePairs, PairSet
from matcher.solver.weights import Tiers, safe_unit, small_unit, span

log = logging.getLogger(__name__)

#: each mentee's best pairs in the first candidate graph (dense input)
ROW_CANDIDATES = 24
#: each mentor's best pairs in the first candidate graph: keeps popular-mentor rounds covered
COLUMN_CANDIDATES = 12
#: dense rounds up to this many pairs start from every feasible pair (no pricing needed)
SMALL_ROUND = 250_000
#: factor by which the tier unit grows when the tiers fell short
UNIT_GROWTH = 64
#: the pricing pool keeps pairs whose reduced cost is within span / POOL_SHARE of improving
POOL_SHARE = 20


@dataclass(frozen=True)
class Lexicographic:
    """Outcome of :func:`lexicographic`: the flow, its tier proofs and counts per level."""

    flow: Flow
    net: Network
    unit: int
    cuts: tuple[Cut, ...]
    counts: dict[int, int]
    rounds: int

    def certificate(self, method: str, scale: float, **fair) -> Certificate:
        u, v = mentee_mentor_duals(self.net, self.flow)
        return Certificate(method=method, primal=self.flow.weight,
                           dual_bound=dual_bound(self.net, self.flow),
                           tier_unit=self.unit,
                           scale=scale, pricing_rounds=self.rounds, arcs=len(self.flow.graph),
                           tier_cuts=self.cuts, mentee_dual=u, mentor_dual=v, **fair)


def initial_graph(source) -> PairSet:
    """Every mentee's and mentor's best pairs (dense), or all stored pairs (sparse)."""
    n, m = source.shape
    if not isinstance(source, DensePairs):
        return source.pairs
    if n * m <= SMALL_ROUND:
        return source.best_lines(m, 0, source.low)
    return source.best_lines(ROW_CANDIDATES, COLUMN_CANDIDATES, source.low)


def lexicographic(source, tiers: Tiers, slots: np.ndarray, capacity: np.ndarray, graph: PairSet,
                  threshold: int, targets: dict[int, int] | None = None) -> Lexicographic:
    """The best pairing of the free pairs scoring >= ``threshold``: tiers first, then score.

    With ``targets`` (tier counts already proven reachable, as in the fair search) the counts are
    compared with them; otherwise each level's best count is proven with a min cut.
    """
    score_range = (source.low, source.high)
    safe = safe_unit(score_range, int(min(slots.sum(), capacity.sum())))
    unit = min(small_unit(score_range), safe)
    graph = graph.where(graph.q >= threshold)
    while True:
        weighted = tiers.with_unit(unit, 2 + slots.size + capacity.size, score_range)
        net = Network(slots, capacity, weighted.first_bonus, weighted.extra_bonus)
        flow, rounds = column_generation(net, source, graph, threshold, span(score_range) // POOL_SHARE)
        graph = flow.graph
        counts, cuts, short = {}, [], False
        for level in levels(tiers.ranks, slots):
            counts[level] = level_count(tiers.ranks, flow, level)
            if targets is not None:
                short = counts[level] < targets[level]
            else:
                best, cut, graph = max_slots(net, source, graph, level_slots(tiers.ranks, slots, level),
                                             threshold, level, stop_above=counts[level])
                short = best > counts[level]
                cuts.append(cut)
            if short:
                break
        if not short:
            return Lexicographic(flow, net, unit, tuple(cuts), counts, rounds)
        if unit >= safe:
            raise RuntimeError("tiers fell short with the safe unit: the flow is not optimal")
        log.debug("tier unit %d fell short at level %d; growing", unit, level)
        unit = min(unit * UNIT_GROWTH, safe)
