"""``fair``: coverage's tiers, then the highest possible minimum pair score, then the highest total.

Coverage's tiers need no weighted solve: the most slots of each tier level any pairing fills is a
max-flow, proven by a min cut against all pairs (cuts.py), and the coverage optimum fills exactly
these counts at every level at once (docs/solver.md section 2). Whether a threshold ``t`` keeps
the tiers is monotone in ``t`` (fewer pairs remain as it rises), so a binary search over the
distinct scores of the candidate graph, with max-flows only, finds the largest feasible one,
``t*``. The answer is then the single weighted solve of the search: the coverage-style optimum
over the pairs scoring ``>= t*``, whose certificate also carries ``t*`` and the cut that rules out
``t* + 1``. :func:`threshold` is the search alone: on pure assignments engines/fair_lsa.py runs the
weighted solve on scipy's assignment solver instead of the flow engine (:func:`fair`).

Locked pairs are the coordinator's decision and are exempt from the threshold.
"""

from __future__ import annotations

import dataclasses
import logging

import numpy as np
from ortools.graph.python import max_flow

from matcher.solver.cuts import Cut, level_slots, levels, max_slots
from matcher.solver.engine import Lexicographic, candidate_counts, candidate_prices, lexicographic
from matcher.solver.flow import Network
from matcher.solver.pairs import PairSet, PairSource
from matcher.solver.tuning import DEFAULT, Tuning
from matcher.solver.weights import Tiers

log = logging.getLogger(__name__)


def fair(source: PairSource, tiers: Tiers, base: Network,
         tuning: Tuning = DEFAULT) -> tuple[Lexicographic, int, Cut | None]:
    """The fair optimum; returns it, ``t*`` and the proof that ``t* + 1`` loses a tier.

    With nothing to pair there is no minimum to raise: ``t*`` is the lowest score and there is no
    cut.
    """
    found = threshold(source, tiers, base, tuning)
    graph = _with_priced(source, base, found.graph, found.at, tuning) if any(found.targets.values()) \
        else found.graph
    best = lexicographic(source, tiers, base, graph, found.at, found.targets, tuning)
    return dataclasses.replace(best, cuts=found.cuts), found.at, found.proof


@dataclasses.dataclass(frozen=True)
class Threshold:
    """Outcome of :func:`threshold`: ``t*`` (``at``), coverage's proven count per tier level
    (``targets``) with their cuts, the cut proving ``t* + 1`` loses a tier (None when there is
    nothing to pair) and the candidate graph the search ended with."""

    at: int
    targets: dict[int, int]
    cuts: tuple[Cut, ...]
    proof: Cut | None
    graph: PairSet


def threshold(source: PairSource, tiers: Tiers, base: Network, tuning: Tuning = DEFAULT) -> Threshold:
    """Steps 1-3 of the module doc: coverage's tier counts by max-flow, then ``t*``, both proven
    against all pairs; no weighted solve."""
    # the search trusts its graph (see _search), so it starts from each mentee's and mentor's best
    # pairs by raw score: a graph picked by estimated prices (engine.initial_graph) lacks some of
    # the highest pairs, and the search would stop low and re-run after every proof that adds them
    n, m = source.shape
    # when the best pairs would be half the matrix or more, taking every pair costs less than
    # picking them, and the cuts need no check against the matrix (half the search at 50 x 35)
    complete = n * m <= 2 * (n * tuning.row_candidates + m * tuning.column_candidates)
    if complete:
        graph = source.all_pairs()
    else:
        graph = source.candidates(tuning.row_candidates, tuning.column_candidates, source.low)
    targets: dict[int, int] = {}
    cuts: list[Cut] = []
    for level in levels(tiers.ranks, base):
        targets[level], cut, graph = max_slots(base, source, graph, level_slots(tiers.ranks, base, level),
                                               source.low, level, tuning=tuning, complete=complete)
        assert cut is not None  # a proven count always comes with its cut
        cuts.append(cut)
    if not any(targets.values()):
        return Threshold(source.low, targets, tuple(cuts), None, graph)
    lo = source.low
    while True:
        lo = _search(tiers, base, graph, targets, lo, source.high + 1)
        reached, proof, graph = _reaches(source, tiers, base, graph, lo + 1, targets, tuning, complete)
        if not reached:
            break
        lo += 1  # the pairs the proof attempt added reach it after all: search above
    return Threshold(lo, targets, tuple(cuts), proof, graph)


def _with_priced(source: PairSource, base: Network, graph: PairSet, threshold: int,
                 tuning: Tuning) -> PairSet:
    """``graph`` plus each mentee's best pairs by score minus an estimated mentor price
    (engine.candidate_prices: bids once per free slot; a class of identical mentees gets more
    pairs per member, engine.candidate_counts), both scoring >= ``threshold``: the weighted
    solve's first graph. Where mentors compete, the optimum reaches deep into the mentees' lists,
    and without these pairs the solve needed more rounds of column generation (1,000 x 700 form,
    supply 0.8; clustered rounds of classes needed two more than coverage while the prices and
    counts ignored the class sizes).

    A mentee with fewer than ``row_candidates`` pairs above the threshold in ``graph`` already has
    all of them there (the graph holds its best pairs by raw score); when every mentee does, as on
    continuous scores with a high ``t*``, the pass over the matrix would add nothing.
    """
    above = graph.where(graph.q >= threshold)
    complete = np.bincount(above.rows, minlength=source.shape[0]) < tuning.row_candidates
    price = None if complete.all() else candidate_prices(source, base, tuning)
    if price is None:
        return above
    per_row, _ = candidate_counts(base, tuning)
    return above.union(source.candidates(per_row, 0, threshold, price), source.shape[1])


def _search(tiers: Tiers, base: Network, graph: PairSet, targets: dict[int, int], lo: int,
            hi: int) -> int:
    """The largest distinct score ``t`` of ``graph`` in ``[lo, hi)`` at which the pairs of
    ``graph`` scoring ``>= t`` still fill every level's target (``lo`` if none above it does).

    The search trusts the candidate graph: a threshold it reaches is reachable for sure, one it
    misses may not be, so it can only stop too low; the caller proves ``t* + 1`` against all
    pairs. Only the graph's own distinct scores change its answer, so the search runs over those.
    The pair arcs are sorted by score once, so the arcs of a threshold are a prefix.
    """
    order = np.argsort(-graph.q, kind="stable")
    descending = -graph.q[order]
    pair_caps = base.pair_capacity(graph)[order].astype(np.int64)
    pair_tails = base.mentee_nodes(graph.rows[order]).astype(np.int32)
    pair_heads = base.mentor_nodes(graph.cols[order]).astype(np.int32)
    n, m = base.n, base.m
    # the people's arcs, then the pair arcs best first: the arcs of a threshold are a prefix
    tails = np.r_[np.full(n, base.SOURCE, np.int32), base.mentor_nodes().astype(np.int32), pair_tails]
    heads = np.r_[base.mentee_nodes().astype(np.int32), np.full(m, base.SINK, np.int32), pair_heads]
    slots = {level: level_slots(tiers.ranks, base, level) for level in targets}
    caps = {level: np.r_[slots[level], base.capacity, pair_caps] for level in targets}

    def reaches(threshold: int) -> bool:
        k = n + m + int(np.searchsorted(descending, -threshold, side="right"))
        for level, target in targets.items():
            mf = max_flow.SimpleMaxFlow()
            mf.add_arcs_with_capacity(tails[:k], heads[:k], caps[level][:k])
            if mf.solve(base.SOURCE, base.SINK) != mf.OPTIMAL:
                raise RuntimeError("max-flow failed in the fair search")
            if mf.optimal_flow() < target:
                return False
        return True

    bound = min(_most_units(-descending, owner[order], pair_caps, room, targets)
                for owner, room in ((graph.rows, slots), (graph.cols, dict.fromkeys(targets, base.capacity))))
    values = np.unique(graph.q[(graph.q > lo) & (graph.q < min(hi, bound + 1))])
    # values[:low + 1] are reached, values[high:] are not. The bound is often t* itself (every
    # mentee matched: the mentee with the poorest best pair decides), so the search gallops down
    # from it before it bisects
    low, high, step = -1, values.size, 1
    while high - low > 1:
        mid = max(high - step, low + 1) if step else (low + high) // 2
        reached = reaches(int(values[mid]))
        low, high = (mid, high) if reached else (low, mid)
        step = 0 if reached or not step else 2 * step
        log.debug("fair search: threshold %d %s", values[mid],
                  "keeps the tiers" if reached else "seems to lose a tier")
    return int(values[low]) if low >= 0 else lo


def _most_units(q: np.ndarray, owner: np.ndarray, units: np.ndarray, room: dict[int, np.ndarray],
                targets: dict[int, int]) -> int:
    """A threshold above which arcs (scores ``q`` in descending order, each of an ``owner`` and
    with ``units`` capacity) cannot fill some level's target, by counting alone.

    At threshold ``t`` at most ``sum_o min(room_o, units of o's arcs scoring >= t)`` units pass
    through the owners (mentees with their level's slots, or mentors with their places). Each
    owner's arcs, best first, add what room they still find at their own score, so the largest
    ``t`` at which the running sum reaches the target bounds ``t*`` from above.

    Examples
    --------
    >>> q, owner = np.array([9, 7, 5]), np.array([0, 1, 0])   # mentee 1's best pair scores 7
    >>> _most_units(q, owner, np.ones(3, np.int64), {1: np.array([1, 1])}, {1: 2})
    7
    """
    # grouped by owner, best first inside a group (a stable sort of small integers is a radix sort)
    narrow = owner.astype(np.uint16) if owner.size and owner.max() < 2 ** 16 else owner
    grouped = np.argsort(narrow, kind="stable")
    who, have = owner[grouped], units[grouped]
    before = np.cumsum(have) - have
    before -= before[np.searchsorted(who, who)]  # units of the owner's better arcs
    bound = np.iinfo(np.int64).max
    for level, target in targets.items():
        adds = np.empty_like(have)
        adds[grouped] = np.clip(room[level][who] - before, 0, have)
        reached = int(np.searchsorted(np.cumsum(adds), target))
        bound = min(bound, int(q[reached]) if reached < q.size else np.iinfo(np.int64).min)
    return int(bound)


def _reaches(source: PairSource, tiers: Tiers, base: Network, graph: PairSet, threshold: int,
             targets: dict[int, int], tuning: Tuning, complete: bool = False
             ) -> tuple[bool, Cut | None, PairSet]:
    """Whether pairs scoring >= ``threshold`` reach every level's target; a shortfall is checked
    against all pairs and comes with its cut."""
    for level, target in targets.items():
        best, cut, graph = max_slots(base, source, graph, level_slots(tiers.ranks, base, level),
                                     threshold, level, stop_above=target - 1, tuning=tuning,
                                     complete=complete)
        if best < target:
            return False, cut, graph
    return True, None, graph
