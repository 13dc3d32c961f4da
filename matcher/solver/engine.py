"""The default engine: min-cost flow with column generation, tier proofs and the fair search.

1. Candidate graph: every mentee's ``row_candidates`` best pairs (by score minus an estimated
   mentor price, zero where no mentor is over-demanded) and every mentor's ``column_candidates``
   best mentees (a dense matrix), or every stored pair (a sparse one). See tuning.py.
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
from matcher.solver.cuts import Cut, level_count, level_slots, levels, max_slots
from matcher.solver.flow import Flow, Network, column_generation, dual_bound, mentee_mentor_duals
from matcher.solver.pairs import Counts, LeftOut, PairSet, PairSource
from matcher.solver.tuning import DEFAULT, Tuning
from matcher.solver.weights import Tiers, safe_unit, small_unit, span

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Lexicographic:
    """Outcome of :func:`lexicographic`: the flow, its tier proofs and counts per level."""

    flow: Flow
    net: Network
    unit: int
    cuts: tuple[Cut, ...]
    counts: dict[int, int]
    rounds: int

    def certificate(self, method: str, scale: float, threshold: float | None = None,
                    next_cut: Cut | None = None) -> Certificate:
        """The certificate in the network's own indices (classes.py expands it to people)."""
        u, v = mentee_mentor_duals(self.net, self.flow)
        return Certificate(method=method, primal=self.flow.weight,
                           dual_bound=dual_bound(self.net, self.flow),
                           tier_unit=self.unit,
                           scale=scale, pricing_rounds=self.rounds, arcs=len(self.flow.graph),
                           tier_cuts=self.cuts, threshold=threshold, next_cut=next_cut,
                           mentee_dual=u, mentor_dual=v)


def initial_graph(source: PairSource, base: Network | None = None,
                  tuning: Tuning = DEFAULT) -> tuple[PairSet, LeftOut]:
    """Every mentee's and mentor's best pairs (dense), or all stored pairs (sparse), and what
    they prove about the pairs left out (column generation's first pricing round needs no scan of
    a mentee whose left-out pairs cannot improve: :class:`~matcher.solver.pairs.LeftOut`).

    With ``base`` (the capacities and class sizes), mentees pick their best pairs by score minus an
    estimated mentor price (:func:`estimate_prices`), so the deep pairs a tight optimum needs are in
    the first graph. The estimate decides for itself whether it matters: where no mentor is wanted
    by more bidders than it has places, every price stays 0 and the graph is the raw one. A class
    of identical people (classes.py) gets ``tuning.per_member`` more pairs per member beyond the
    first: its members need as many different partners as there are of them.
    """
    if base is None:
        return source.bounded_candidates(tuning.row_candidates, tuning.column_candidates,
                                         source.low, None)
    per_row, per_col = candidate_counts(base, tuning)
    return source.bounded_candidates(per_row, per_col, source.low,
                                     candidate_prices(source, base, tuning))


def candidate_counts(base: Network, tuning: Tuning = DEFAULT) -> tuple[Counts, Counts]:
    """How many best pairs each mentee and each mentor class picks first: ``tuning``'s counts,
    plus ``tuning.per_member`` for every member of a class of identical people beyond the first
    (its members need as many different partners as there are of them)."""
    return (tuning.row_candidates + tuning.per_member * (base.mentee_size - 1),
            tuning.column_candidates + tuning.per_member * (base.mentor_size - 1))


def candidate_prices(source: PairSource, base: Network, tuning: Tuning = DEFAULT) -> np.ndarray | None:
    """The mentor prices mentees pick their first pairs by (:func:`initial_graph`; fair.py's
    solve above its threshold): bids once per free slot of a class's members, None where no
    mentor is over-demanded or the source picks no priced candidates."""
    if not source.priced_candidates or source.shape[1] <= tuning.row_candidates:
        return None
    price = estimate_prices(source, base.capacity, tuning, slots=base.first_cap + base.extra_cap)
    return price if price.any() else None


def estimate_prices(source: PairSource, capacity: np.ndarray, tuning: Tuning = DEFAULT,
                    slots: np.ndarray | None = None) -> np.ndarray:
    """Mentor prices from a few rounds of an auction over the whole matrix.

    Each unplaced mentee slot bids for its best pair by score minus price, raising that mentor's
    price by its margin over its second best plus a step; a mentor keeps its ``capacity`` highest
    bidders and is priced at the lowest of them once full. A mentee bids from a list of its
    ``tuning.price_candidates`` best pairs by score minus price, and every pair outside the list
    was at most its ``rest`` when the list was made (prices only rise since): when nothing in the
    list is worth ``rest`` any more, the list is made again from the mentee's whole row at today's
    prices. So the bids are those of an auction on every pair, not only on each mentee's first
    favourites: where one field has most mentees and few mentors, its mentees learn that the
    other fields' mentors are their real options, and those mentors get priced too (with lists
    that never refresh, the 10,000 x 6,000 clustered round's estimate kept the optimum's pairs
    at a median rank 5 and a 90th percentile of 93; now 1 and 10). ``tuning.price_rounds``
    rounds are far from converged, but they rank popular mentors dear, which is all the
    candidate graph needs (exactness never depends on it). The auction stops early once no
    more slots are open than places are missing (and a hundredth of them). A mentor that never fills keeps price 0.
    ``slots`` (one per mentee, default 1) makes a class of identical mentees bid once per free
    slot of its members, as the people would.

    Examples
    --------
    >>> from matcher.solver.pairs import DensePairs
    >>> src = DensePairs(np.array([[9.0, 1.0], [8.0, 2.0], [7.0, 3.0]]), None, 1.0, (0.0, 9.0))
    >>> estimate_prices(src, np.array([1, 2])).tolist()   # all want mentor 0: it is dear
    [9, 4]
    >>> estimate_prices(src, np.array([4, 4])).tolist()   # nobody full: no price
    [0, 0]
    >>> estimate_prices(src, np.array([2, 2]), slots=np.array([2, 1, 1])).tolist()  # 4 bidders
    [9, 4]
    """
    m = source.shape[1]
    width = min(tuning.price_candidates, m)
    span = source.high - source.low
    unwanted = source.low - 2 * span  # missing pairs and mentors without free places

    def lists(rows: np.ndarray | None, price: np.ndarray | None):
        cols, value, rest = source.row_best(width, rows, price)
        value[(value < source.low) | (capacity[cols] <= 0)] = unwanted
        return cols, value, rest

    cols, value, rest = lists(None, None)
    n = cols.shape[0]
    bidder_row = np.arange(n) if slots is None else np.repeat(np.arange(n), slots)
    # slots that must stay open (more slots than places), and a hundredth more: the last few
    # open slots hardly move the prices, and each round costs a pass over the open lists
    excess = max(0, bidder_row.size - int(np.maximum(capacity, 0).sum())) + bidder_row.size // 100
    # each bidder's step is its own mean gap between consecutive scores of its first list (at
    # most span / price_step_share): a fixed step of a fiftieth of the span was wider than a
    # continuous row's whole list, so two bids made a mentor dearer than every alternative and
    # its best pairs fell out of the graph (docs/solver.md, the bid step)
    gap = (value.max(axis=1) - np.maximum(rest, value.min(axis=1))) // width
    step = np.clip(gap, 1, max(1, span // tuning.price_step_share))
    step = step if slots is None else np.repeat(step, slots)
    price = np.zeros(m, np.int64)
    holder = np.full(bidder_row.size, -1)  # the mentor holding each slot's bid; -2: no pair at all
    bid = np.zeros(bidder_row.size, np.int64)
    for _round in range(tuning.price_rounds if width > 1 else 0):
        open_ = np.flatnonzero(holder == -1)
        if open_.size <= excess:
            break
        row = bidder_row[open_]
        net = value[row] - price[cols[row]]
        dry = np.unique(row[net.max(axis=1) < rest[row]])
        if dry.size:
            cols[dry], value[dry], rest[dry] = lists(dry, price)
            net = value[row] - price[cols[row]]
        hopeless = (value[row] == unwanted).all(axis=1)  # a fresh list without a real pair
        if hopeless.any():
            holder[open_[hopeless]] = -2
            open_, row, net = open_[~hopeless], row[~hopeless], net[~hopeless]
        best = np.argmax(net, axis=1)
        top = net[np.arange(open_.size), best]
        second = np.maximum(np.partition(net, width - 2, axis=1)[:, width - 2], rest[row])
        holder[open_] = target = cols[row, best]
        bid[open_] = price[target] + np.minimum(top - second, span) + step[open_]
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
        price = np.where((count >= capacity) & (count > 0), lowest, price)
    # a price above the span ranks a mentor last for everyone already: larger adds nothing
    return np.minimum(price, span)


def lexicographic(source: PairSource, tiers: Tiers, base: Network, graph: PairSet,
                  threshold: int, targets: dict[int, int] | None = None,
                  tuning: Tuning = DEFAULT, left_out: LeftOut | None = None) -> Lexicographic:
    """The best pairing of the free pairs scoring >= ``threshold``: tiers first, then score.

    ``base`` gives the capacities (its bonuses are ignored: they come from ``tiers``). With
    ``targets`` (tier counts already proven reachable, as in the fair search) the counts are
    compared with them; otherwise each level's best count is proven with a min cut. ``left_out``
    (from :func:`initial_graph`, whose pairs ``graph`` holds) spares the first full scan where it
    proves enough (see :func:`~matcher.solver.flow.column_generation`).
    """
    score_range = (source.low, source.high)
    safe = safe_unit(score_range, int(min(base.total_slots, base.capacity.sum())))
    unit = min(small_unit(score_range, tuning.small_path), safe)
    graph = graph.where(graph.q >= threshold)
    while True:
        weighted = tiers.with_unit(unit, base.num_nodes, score_range)
        net = base.with_bonuses(weighted.first_bonus, weighted.extra_bonus)
        done = column_generation(net, source, graph, threshold, span(score_range) // tuning.pool_share,
                                 tuning, left_out)
        flow, graph = done.flow, done.flow.graph
        counts, cuts, short = {}, [], False
        for level in levels(tiers.ranks, net):
            counts[level] = level_count(tiers.ranks, flow, level)
            if targets is not None:
                short = counts[level] < targets[level]
            else:
                best, cut, graph = max_slots(net, source, graph, level_slots(tiers.ranks, net, level),
                                             threshold, level, stop_above=counts[level], tuning=tuning)
                short = best > counts[level]
                if cut is not None:  # None only when short: this pass is dropped
                    cuts.append(cut)
            if short:
                break
        if not short:
            return Lexicographic(flow, net, unit, tuple(cuts), counts, done.rounds)
        if unit >= safe:
            raise RuntimeError("tiers fell short with the safe unit: the flow is not optimal")
        log.debug("tier unit %d fell short at level %d; growing", unit, level)
        unit = min(unit * tuning.unit_growth, safe)
