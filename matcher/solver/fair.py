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

On small dense rounds (:func:`is_small`) counting alone usually settles steps 1-3 (:func:`counted`:
each side's room is a cut), confirmed by one max-flow per level.

Locked pairs are the coordinator's decision and are exempt from the threshold.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
from collections.abc import Callable

import numpy as np

from matcher.solver.cuts import Cut, level_slots, levels, max_slots, solved_max_flow
from matcher.solver.engine import Lexicographic, candidate_counts, candidate_prices, lexicographic
from matcher.solver.flow import Network
from matcher.solver.pairs import DensePairs, PairSet, PairSource
from matcher.solver.tuning import DEFAULT, Tuning
from matcher.solver.weights import Tiers

log = logging.getLogger(__name__)


def fair(source: PairSource, tiers: Tiers, base: Network,
         tuning: Tuning = DEFAULT) -> tuple[Lexicographic, int, Cut | None]:
    """The fair optimum; returns it, ``t*`` and the proof that ``t* + 1`` loses a tier.

    With nothing to pair there is no minimum to raise: ``t*`` is the lowest score and there is no
    cut.
    """
    prices = _prices(source, base, tuning)
    found = threshold(source, tiers, base, tuning, prices)
    graph = _with_priced(source, base, found.graph, found.at, tuning, prices) \
        if any(found.targets.values()) else found.graph
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


Prices = Callable[[], "np.ndarray | None"]


def _prices(source: PairSource, base: Network, tuning: Tuning) -> Prices:
    """The price estimate of engine.candidate_prices, made on first use and then kept: the
    counts' graph (:func:`threshold`) and the weighted solve's (:func:`_with_priced`) share it."""
    return functools.cache(lambda: candidate_prices(source, base, tuning))


def threshold(source: PairSource, tiers: Tiers, base: Network, tuning: Tuning = DEFAULT,
              prices: Prices | None = None) -> Threshold:
    """Steps 1-3 of the module doc: coverage's tier counts by max-flow, then ``t*``, both proven
    against all pairs; no weighted solve.

    When a count falls short of every slot and every place on the graph of raw best pairs, the
    graph gains each mentee's best pairs by score minus ``prices`` (default: made here) before
    any check against the matrix: where mentors compete, the pairs that fill the count lie deep
    in the mentees' lists, and the cut checks found them a few rows of the matrix at a time
    (1,000 x 700 clustered answers: three rounds of two scans for the counts).
    """
    prices = _prices(source, base, tuning) if prices is None else prices
    # the search trusts its graph (see _search), so it starts from each mentee's and mentor's best
    # pairs by raw score: a graph picked by estimated prices (engine.initial_graph) lacks some of
    # the highest pairs, and the search would stop low and re-run after every proof that adds them
    complete = is_small(source, tuning)
    claim = None
    if complete:
        graph = source.all_pairs()
        claim = counted(source, tiers, base, graph)
        if claim is not None and isinstance(source, DensePairs) and len(claim.targets) == 1:
            # one level: the claim's max-flow, and widest augmenting paths below it when it misses
            widest = _widest(source, tiers, base, claim)
            if widest is not None:
                return widest
            claim = None  # the counting bound is more than any pairing passes: the search decides
        if claim is not None and all(
                max_slots(base, source, graph, level_slots(tiers.ranks, base, level), claim.at, level,
                          prove=False)[0] >= target for level, target in claim.targets.items()):
            return claim
    else:
        graph = source.candidates(tuning.row_candidates, tuning.column_candidates, source.low)
    targets: dict[int, int] = {}
    cuts: list[Cut] = []
    unwidened = [not complete]

    def widen(at: int) -> PairSet:
        unwidened[0] = False
        return _priced_pairs(source, base, at, tuning, prices())

    for level in levels(tiers.ranks, base):
        targets[level], cut, graph = max_slots(base, source, graph, level_slots(tiers.ranks, base, level),
                                               source.low, level, tuning=tuning, complete=complete,
                                               widen=widen if unwidened[0] else None)
        assert cut is not None  # a proven count always comes with its cut
        cuts.append(cut)
    if not any(targets.values()):
        return Threshold(source.low, targets, tuple(cuts), None, graph)
    lo, hi, bound = source.low, source.high + 1, None
    if claim is not None and claim.targets == targets:
        # the claim's counts hold, so its threshold bounds t* and was just missed
        hi = bound = claim.at
    while True:
        lo = _search(tiers, base, graph, targets, lo, hi, bound)
        hi, bound = source.high + 1, None
        reached, proof, graph = _reaches(source, tiers, base, graph, lo + 1, targets, tuning, complete)
        if not reached:
            break
        lo += 1  # the pairs the proof attempt added reach it after all: search above
    return Threshold(lo, targets, tuple(cuts), proof, graph)


def is_small(source: PairSource, tuning: Tuning = DEFAULT) -> bool:
    """Whether every mentee's and mentor's best pairs would be half the matrix or more: then taking
    every pair costs less than picking them, the cuts need no check against the matrix (half the
    search at 50 x 35), and :func:`counted` may settle the search by counting."""
    n, m = source.shape
    return n * m <= 2 * (n * tuning.row_candidates + m * tuning.column_candidates)


def counted(source: PairSource, tiers: Tiers, base: Network, graph: PairSet) -> Threshold | None:
    """The search settled by counting alone, if a pairing confirms it (None when the source is
    not a dense matrix or there is nothing to pair).

    At a threshold ``t``, a level fills at most the room its mentees' pairs scoring ``>= t`` find
    (``sum_i min(slots_i, pairs of i)``), and at most the room its mentors' pairs find
    (:class:`_Tally`); both are cuts (:func:`_counting_cut`). So their smaller value over all pairs
    bounds each level's count, and the largest ``t`` at which it still holds for every level
    bounds ``t*``. When a pairing over the pairs scoring ``>= t`` fills every level's bound, the
    bounds are the tier counts, ``t`` is ``t*``, and the counting cuts are the proofs: no search
    at all. The returned targets and ``at`` are therefore a claim the caller must confirm (a
    max-flow in :func:`threshold`, the weighted solve itself in engines/fair_lsa.py), else run the
    search. On small rounds the bound usually is the answer: every place or every mentee taken,
    and ``t*`` set by the mentee or mentor whose best pairs are poorest.
    """
    if not isinstance(source, DensePairs):
        return None
    q = source.q.astype(np.int64)
    free = q != source.missing
    places = base.capacity
    units = None if (base.mentee_size == 1).all() and (base.mentor_size == 1).all() \
        else np.outer(base.mentee_size, base.mentor_size)
    targets: dict[int, int] = {}
    cuts: list[Cut] = []
    tallies = {}
    for level in levels(tiers.ranks, base):
        room = level_slots(tiers.ranks, base, level)
        valid = free & (room > 0)[:, None] & (places > 0)[None, :]
        sides = (_Tally.of(q, valid, room, units, source.low),
                 _Tally.of(q.T, valid.T, places, None if units is None else units.T, source.low))
        targets[level] = min(side.total for side in sides)
        tallies[level] = room, valid, sides
        cuts.append(_counting_cut(q, valid, room, places, units, source.low, level, sides))
    if not any(targets.values()):
        return None
    at = min(side.highest(targets[level]) for level, (_, _, sides) in tallies.items() if targets[level]
             for side in sides)
    level = next(level for level, (_, _, sides) in tallies.items()
                 if any(side.count(at + 1) < targets[level] for side in sides))
    room, valid, sides = tallies[level]
    proof = _counting_cut(q, valid, room, places, units, at + 1, level, sides)
    return Threshold(at, targets, tuple(cuts), proof, graph)


@dataclasses.dataclass(frozen=True)
class _Tally:
    """One side of a level's counting bound on a dense matrix: the scores at which the owners'
    pairs (rows of the matrix) still fill room, best first, and the running count they fill.

    Each owner's pairs, best first, fill what room the owner still has: at threshold ``t`` the
    side fills ``sum_o min(room_o, units of o's pairs scoring >= t)``.

    Examples
    --------
    >>> q = np.array([[9, 7, 5], [8, 1, 1]])
    >>> side = _Tally.of(q, q > 0, np.array([2, 1]), None, 0)
    >>> side.values.tolist(), side.filled.tolist(), side.count(8), side.highest(3)
    ([9, 8, 7], [1, 2, 3], 2, 7)
    """

    values: np.ndarray  # descending
    filled: np.ndarray  # running count, one per value

    @classmethod
    def of(cls, q: np.ndarray, valid: np.ndarray, room: np.ndarray, units: np.ndarray | None,
           low: int) -> "_Tally":
        key = np.where(valid, q, low - 1)
        if units is None:  # one unit a pair: each owner's ``room`` best pairs fill one each
            if room.max(initial=0) <= 1:
                values = key.max(axis=1, initial=low - 1)[room > 0]
            else:
                best = -np.sort(-key, axis=1)
                values = best[np.arange(key.shape[1]) < room[:, None]]
            values = -np.sort(-values[values >= low])
            return cls(values, np.arange(1, values.size + 1))
        order = np.argsort(-key, axis=1, kind="stable")
        best, have = np.take_along_axis(key, order, 1), np.take_along_axis(units, order, 1)
        adds = np.clip(room[:, None] - (np.cumsum(have, axis=1) - have), 0, have)
        adds[best < low] = 0
        at = np.flatnonzero(adds)
        values = best.reshape(-1)[at]
        order = np.argsort(-values, kind="stable")
        return cls(values[order], np.cumsum(adds.reshape(-1)[at][order]))

    @property
    def total(self) -> int:
        return int(self.filled[-1]) if self.filled.size else 0

    def count(self, threshold: int) -> int:
        """Room filled by the pairs scoring at least ``threshold``."""
        k = int(np.searchsorted(-self.values, -threshold, side="right"))
        return int(self.filled[k - 1]) if k else 0

    def highest(self, target: int) -> int:
        """The highest threshold at which the pairs fill ``target`` (> 0, at most ``total``)."""
        return int(self.values[int(np.searchsorted(self.filled, target))])


def _counting_cut(q: np.ndarray, valid: np.ndarray, room: np.ndarray, places: np.ndarray,
                  units: np.ndarray | None, threshold: int, level: int,
                  sides: tuple[_Tally, _Tally]) -> Cut:
    """The smaller of the two counting cuts at ``threshold`` (see :func:`counted`).

    Mentee side: a mentee whose pairs scoring ``>= threshold`` have fewer units than its room is
    on the source side (its pairs cross the cut, all mentors with places being on the sink side),
    the others on the sink side (their room crosses). Mentor side: every mentee with room on the
    source side, a mentor with at most as many places as units of such pairs on the source side
    (its places cross), the others on the sink side (their pairs cross). Mentors without places
    sit on the source side and mentees without room on the sink side: they cost nothing.
    """
    above = valid & (q >= threshold)
    weight = above if units is None else above * units
    mentee_side = sides[0].count(threshold) <= sides[1].count(threshold)
    if mentee_side:
        reach = weight.sum(axis=1)
        return Cut(level=level, threshold=threshold, capacity=int(np.minimum(room, reach).sum()),
                   mentees=np.flatnonzero((room > 0) & (reach < room)),
                   mentors=np.flatnonzero(places <= 0))
    reach = weight.sum(axis=0)
    return Cut(level=level, threshold=threshold, capacity=int(np.minimum(places, reach).sum()),
               mentees=np.flatnonzero(room > 0), mentors=np.flatnonzero(places <= reach))


def _with_priced(source: PairSource, base: Network, graph: PairSet, threshold: int,
                 tuning: Tuning, prices: Prices) -> PairSet:
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
    price = None if complete.all() else prices()
    if price is None:
        return above
    return above.union(_priced_pairs(source, base, threshold, tuning, price), source.shape[1])


def _priced_pairs(source: PairSource, base: Network, threshold: int, tuning: Tuning,
                  price: np.ndarray | None) -> PairSet:
    """Each mentee's best pairs scoring >= ``threshold`` by score minus ``price`` (by score when
    None), as many as engine.candidate_counts gives its class."""
    per_row, _ = candidate_counts(base, tuning)
    return source.candidates(per_row, 0, threshold, price)


def _search(tiers: Tiers, base: Network, graph: PairSet, targets: dict[int, int], lo: int,
            hi: int, bound: int | None = None) -> int:
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
    checked = _unimplied(targets)

    def reaches(threshold: int) -> bool:
        k = n + m + int(np.searchsorted(descending, -threshold, side="right"))
        for level, target in checked.items():
            if solved_max_flow(base, tails[:k], heads[:k], caps[level][:k]).optimal_flow() < target:
                return False
        return True

    if bound is None:  # ``bound``: already known (counted)
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


def _unimplied(targets: dict[int, int]) -> dict[int, int]:
    """The levels whose target a threshold must be checked against: a level's slots hold every
    higher level's, so its flow is at least a higher level's, and a target no larger than a
    higher level's holds whenever that one does (all places filled at the top level: one
    max-flow a step instead of one per level).

    Examples
    --------
    >>> _unimplied({3: 160, 2: 160, 1: 170})
    {3: 160, 1: 170}
    """
    kept: dict[int, int] = {}
    for level in sorted(targets, reverse=True):
        if not kept or targets[level] > max(kept.values()):
            kept[level] = targets[level]
    return kept


def _widest(source: DensePairs, tiers: Tiers, base: Network, claim: Threshold) -> Threshold | None:
    """The claim of :func:`counted` on a round of one tier level, confirmed by its max-flow, or
    else ``t*`` below it by widest augmenting paths; None when no pairing reaches the claim's
    target at any threshold (the counting bound is not a pairing's count: three mentees and three
    mentors each with a pair, but two of the mentees only with the same mentor).

    The max-flow ``F`` at a threshold ``t`` is a flow over the pairs scoring ``>= t'`` for every
    ``t' <= t`` too, so the largest ``t'`` at which more than ``F`` can pass is the largest at
    which ``F``'s residual network has an augmenting path using only pairs ``>= t'`` (Berge): the
    width of the widest path, a pair's width its score, the pairs ``F`` uses (backward, all
    ``>= t``) and the people's arcs unbounded. Whole-array max-min sweeps over the matrix find it
    (Bellman-Ford, a sweep per path edge). The max-flow at that width ``w`` either reaches the
    target, and then ``w`` is ``t*`` (no larger threshold passes more than ``F``), or is the next
    ``F``; each round passes at least one unit more, so at most ``target - F`` rounds, usually
    one. The proof at ``t* + 1`` needs no max-flow: ``F`` is maximal there, and the people its
    residual reaches through pairs ``>= t* + 1`` (width ``> t*``) are a minimum cut of ``|F|``.
    The target is the claim's, so reaching it proves it (the claim's counting cut).

    Examples
    --------
    >>> from matcher.solver.pairs import DensePairs
    >>> from matcher.solver.weights import make_tiers
    >>> src = DensePairs(np.array([[9.0, 5.0], [8.0, 1.0]]), None, 1.0, (0.0, 9.0))
    >>> tiers = make_tiers("coverage", np.zeros(2), np.zeros(2, bool))
    >>> base = Network.of_slots(np.ones(2), np.ones(2))
    >>> found = _widest(src, tiers, base, counted(src, tiers, base, PairSet.empty()))
    >>> found.at, found.proof.capacity            # 9 + 1 or 5 + 8: nobody below 5
    (5, 1)
    """
    level, target = next(iter(claim.targets.items()))
    q = source.q
    n, m = source.shape
    room, places = level_slots(tiers.ranks, base, level), base.capacity
    rows, cols = np.nonzero((q != source.missing) & (room > 0)[:, None] & (places > 0)[None, :])
    score = q[rows, cols].astype(np.int64)
    units = base.pair_capacity(PairSet(rows, cols, score))
    # the people's arcs, then the pair arcs (their flows are read back by arc number)
    people_tails = np.concatenate([np.full(n, base.SOURCE), base.mentor_nodes()])
    people_heads = np.concatenate([base.mentee_nodes(), np.full(m, base.SINK)])
    people_caps = np.concatenate([room, places])
    at, proof = claim.at, claim.proof
    while True:
        on = np.flatnonzero(score >= at)
        mf = solved_max_flow(base, np.r_[people_tails, base.mentee_nodes(rows[on])],
                             np.r_[people_heads, base.mentor_nodes(cols[on])],
                             np.r_[people_caps, units[on]])
        arcs = np.arange(n + m, n + m + on.size)
        if mf.optimal_flow() >= target:
            return dataclasses.replace(claim, at=at, proof=proof)
        passed = int(mf.optimal_flow())
        used = np.zeros((n, m), np.int64)
        used[rows[on], cols[on]] = mf.flows(arcs)
        width = np.full((n, m), -np.inf)
        forward = used[rows, cols] < units
        width[rows[forward], cols[forward]] = score[forward]
        back = used > 0
        mentee = np.where(room > used.sum(axis=1), np.inf, -np.inf)
        mentor = np.full(m, -np.inf)
        for _sweep in range(n + m + 1):
            reached = np.minimum(mentee[:, None], width).max(axis=0)
            onward = np.maximum(mentee, np.where(back, reached[None, :], -np.inf).max(axis=1))
            if (reached == mentor).all() and (onward == mentee).all():
                break
            mentor, mentee = reached, onward
        widest = mentor[places > used.sum(axis=0)].max(initial=-np.inf)
        if widest == -np.inf:
            return None  # no augmenting path at any width: the flow is a maximum of all pairs
        if widest >= at:
            raise RuntimeError("no narrower augmenting path in the fair search: the max-flow is wrong")
        at = int(widest)
        # mentors without places take no pair: on the source side they cost nothing
        proof = Cut(level=level, threshold=at + 1, capacity=passed, mentees=np.flatnonzero(mentee > at),
                    mentors=np.flatnonzero((mentor > at) | (places <= 0)))


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
