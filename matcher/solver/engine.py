"""The default engine: min-cost flow with column generation, tier proofs and the fair search.

1. Candidate graph: every mentee's ``ROW_CANDIDATES`` best pairs (by score minus an estimated
   mentor price when places are scarce) and every mentor's ``COLUMN_CANDIDATES`` best mentees (a
   dense matrix), or every stored pair (a sparse one).
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
#: the mentor price estimate: pairs per mentee it bids over, bidding rounds, bid step (span / share)
PRICE_CANDIDATES, PRICE_ROUNDS, PRICE_STEP_SHARE = 24, 10, 50
#: prices are estimated only when free places are fewer than this many per mentee
PRICED_BELOW = 1.3
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


def initial_graph(source, capacity: np.ndarray | None = None) -> PairSet:
    """Every mentee's and mentor's best pairs (dense), or all stored pairs (sparse).

    With ``capacity`` (free places per mentor) fewer than ``PRICED_BELOW`` per mentee, mentees
    pick their best pairs by score minus an estimated mentor price (:func:`estimate_prices`), so deep pairs a tight optimum needs are
    in the first graph.
    """
    n, m = source.shape
    if not isinstance(source, DensePairs):
        return source.pairs
    if n * m <= SMALL_ROUND:
        return source.best_lines(m, 0, source.low)
    price = estimate_prices(source, capacity) if capacity is not None and priced(source, capacity) else None
    return source.best_lines(ROW_CANDIDATES, COLUMN_CANDIDATES, source.low, price)


def priced(source, capacity: np.ndarray | None) -> bool:
    """Whether :func:`initial_graph` picks mentees' pairs by estimated price: a large dense round
    with fewer than ``PRICED_BELOW`` free places per mentee. With places to spare, unpopular
    mentors have room, the optimum stays near mentees' favourites and the estimate would cost more
    than it saves (see docs/solver.md, section 3)."""
    n, m = source.shape
    return (isinstance(source, DensePairs) and n * m > SMALL_ROUND and capacity is not None
            and capacity.sum() < PRICED_BELOW * n)


def estimate_prices(source: DensePairs, capacity: np.ndarray) -> np.ndarray:
    """Mentor prices from a few rounds of an auction over each mentee's best pairs.

    Each unplaced mentee bids for its best pair by score minus price, raising that mentor's price
    by its margin over its second best plus a step; a mentor keeps its ``capacity`` highest
    bidders and is priced at the lowest of them once full. ``PRICE_ROUNDS`` rounds over
    ``PRICE_CANDIDATES`` pairs per mentee are far from converged, but they already rank
    popular mentors dear, which is all the candidate graph needs (exactness never depends on it).

    Examples
    --------
    >>> src = DensePairs(np.array([[9.0, 1.0], [8.0, 2.0], [7.0, 3.0]]), None, 1.0, (0.0, 9.0))
    >>> estimate_prices(src, np.array([1, 2])).tolist()   # all want mentor 0: it is dear
    [9, 4]
    """
    n, m = source.shape
    cols, value = source.row_best(PRICE_CANDIDATES)
    width = cols.shape[1]
    span = source.high - source.low
    # never a mentee's best: missing pairs and mentors without free places
    value[(value == source.missing) | (capacity[cols] <= 0)] = source.low - 2 * span
    step = max(1, span // PRICE_STEP_SHARE)
    price = np.zeros(m, np.int64)
    holder = np.full(n, -1)  # the mentor currently holding each mentee's bid
    bid = np.zeros(n, np.int64)
    for _round in range(PRICE_ROUNDS if width > 1 else 0):
        open_ = np.flatnonzero(holder < 0)
        if not open_.size:
            break
        net = value[open_] - price[cols[open_]]
        second = np.partition(net, width - 2, axis=1)[:, width - 2]
        best = np.argmax(net, axis=1)
        holder[open_] = target = cols[open_, best]
        bid[open_] = price[target] + np.minimum(net[np.arange(open_.size), best] - second, span) + step
        # each mentor keeps its highest bids (ties: lower mentee index), the others reopen
        held = np.flatnonzero(holder >= 0)
        order = held[np.lexsort((-bid[held], holder[held]))]
        mentor = holder[order]
        rank = np.arange(order.size) - np.searchsorted(mentor, mentor)
        kept = rank < capacity[mentor]
        holder[order[~kept]] = -1
        lowest = np.full(m, np.iinfo(np.int64).max)
        np.minimum.at(lowest, mentor[kept], bid[order[kept]])
        count = np.bincount(mentor[kept], minlength=m)
        price = np.where((count >= capacity) & (count > 0), lowest, 0)
    # a price above the span ranks a mentor last for everyone already: larger adds nothing
    return np.minimum(price, span)


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
                if cut is not None:  # None only when short: this pass is dropped
                    cuts.append(cut)
            if short:
                break
        if not short:
            return Lexicographic(flow, net, unit, tuple(cuts), counts, rounds)
        if unit >= safe:
            raise RuntimeError("tiers fell short with the safe unit: the flow is not optimal")
        log.debug("tier unit %d fell short at level %d; growing", unit, level)
        unit = min(unit * UNIT_GROWTH, safe)
