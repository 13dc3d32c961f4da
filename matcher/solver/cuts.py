"""How many slots of a tier level can be matched at all: max-flow with a min-cut proof.

"Level r" counts the free mentee slots whose tier rank is at least r. The most slots of level r
that any pairing can fill is a max-flow (source -> mentee slots of level >= r -> mentors -> sink)
over the pairs scoring at least a threshold. The flow is computed on the sparse candidate graph with
OR-Tools; its minimum cut is then checked against *all* pairs: a pair from a source-side mentee to a
sink-side mentor that the graph lacks would cross the cut, so it joins the graph and the flow is
solved again. When no such pair exists, the cut's capacity in the full problem equals the flow:
a proof that no pairing fills more slots of that level.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from ortools.graph.python import max_flow

from matcher.solver.flow import Flow, Network
from matcher.solver.pairs import PairSet, PairSource
from matcher.solver.tuning import DEFAULT, Tuning


@dataclass(frozen=True)
class Cut:
    """A source-side minimum cut proving that at most ``capacity`` slots of ``level`` can be filled
    with pairs scoring at least ``threshold`` (quantised).

    The cut's capacity in the full problem is: free slots of level >= ``level`` of mentees *not* in
    ``mentees`` + free capacity of the mentors in ``mentors`` + the number of pairs scoring at least
    ``threshold`` from ``mentees`` to mentors not in ``mentors``. Indices are people's (a cut found
    on classes is expanded to their members, see classes.py).
    """

    level: int
    threshold: int
    capacity: int
    mentees: np.ndarray  # source-side mentee indices
    mentors: np.ndarray  # source-side mentor indices

    def __repr__(self) -> str:
        return (f"Cut(level={self.level}, threshold={self.threshold}, capacity={self.capacity}, "
                f"{self.mentees.size} mentees / {self.mentors.size} mentors on the source side)")


def levels(ranks: tuple[np.ndarray, np.ndarray], net: Network) -> list[int]:
    """Distinct positive tier ranks of the free slots, highest first."""
    first, extra = ranks
    present = np.r_[first[net.first_cap >= 1], extra[net.extra_cap >= 1]]
    return sorted({int(r) for r in np.unique(present) if r > 0}, reverse=True)


def level_slots(ranks: tuple[np.ndarray, np.ndarray], net: Network, level: int) -> np.ndarray:
    """(n,) free slots of each mentee (class) whose rank is at least ``level``."""
    first, extra = ranks
    return (net.first_cap * (first >= level) + net.extra_cap * (extra >= level)).astype(np.int64)


def level_count(ranks: tuple[np.ndarray, np.ndarray], flow: Flow, level: int) -> int:
    """Slots of rank >= ``level`` that ``flow`` fills."""
    first, extra = ranks
    return int((flow.first * (first >= level)).sum() + (flow.extra * (extra >= level)).sum())


def solved_max_flow(net: Network, tails: np.ndarray, heads: np.ndarray,
                    caps: np.ndarray) -> max_flow.SimpleMaxFlow:
    """OR-Tools' max-flow from ``net.SOURCE`` to ``net.SINK`` over the arcs given (arc ``k`` is
    ``tails[k] -> heads[k]``, capacity ``caps[k]``), solved; RuntimeError when it fails."""
    mf = max_flow.SimpleMaxFlow()
    mf.add_arcs_with_capacity(np.asarray(tails, np.int32), np.asarray(heads, np.int32),
                              np.asarray(caps, np.int64))
    status = mf.solve(net.SOURCE, net.SINK)
    if status != mf.OPTIMAL:
        raise RuntimeError(f"max-flow returned status {status}")
    return mf


def max_slots(net: Network, source: PairSource, graph: PairSet, level_cap: np.ndarray,
              threshold: int, level: int, stop_above: int | None = None, prove: bool = True,
              tuning: Tuning = DEFAULT, complete: bool = False,
              widen: Callable[[int], PairSet] | None = None) -> tuple[int, Cut | None, PairSet]:
    """Most slots that can be filled from ``level_cap`` (per-mentee slot counts, see
    :func:`level_slots`) with pairs scoring at least ``threshold``.

    Returns the value, the cut proving it and the candidate graph with any pairs the cut check
    added. The cut is None when the flow exceeded ``stop_above`` (no proof needed), and when
    ``prove`` is False: then the value is only that of the candidate graph, a lower bound. With
    ``complete`` (``graph`` holds every free pair) a minimum cut of the graph needs no check.
    ``stop_above`` at every slot of the level or every place is proven by the trivial cut at
    once: pass there only a count some pairing is known to reach (the min-cost flow's own).
    ``widen``, called at most once with ``threshold``, gives pairs to add once a check against
    the matrix has added pairs and the flow still falls short of the trivial cut: then the graph
    lacks pairs deep in the rows, which a graph picked another way (fair.py: by score minus
    estimated prices) has at less cost than further rounds of checks that find them a few rows
    at a time.
    """
    n, m = net.n, net.m
    if prove and stop_above is not None and stop_above == min(level_cap.sum(), net.capacity.sum()):
        # a flow already fills every slot or every place: no max-flow can do better
        return stop_above, _trivial_cut(net, level_cap, threshold, level, stop_above), graph
    checked = False  # whether a check against the matrix added pairs
    while True:
        usable = graph.where(graph.q >= threshold)
        tails = np.r_[np.full(n, net.SOURCE, np.int64), net.mentee_nodes(usable.rows), net.mentor_nodes()]
        heads = np.r_[net.mentee_nodes(), net.mentor_nodes(usable.cols), np.full(m, net.SINK, np.int64)]
        mf = solved_max_flow(net, tails, heads, np.r_[level_cap, net.pair_capacity(usable), net.capacity])
        value = int(mf.optimal_flow())
        if (stop_above is not None and value > stop_above) or not prove:
            return value, None, graph
        # every slot filled, or every place taken: the trivial cut at the source or at the sink
        # proves the value without looking at any pair
        if value == level_cap.sum() or value == net.capacity.sum():
            return value, _trivial_cut(net, level_cap, threshold, level, value), graph
        if widen is not None and checked:
            wider, widen = graph.union(widen(threshold), m), None
            if len(wider) > len(graph):
                graph = wider
                continue
        # both extreme minimum cuts: the smallest source side (reachable from the source) and the
        # largest (cannot reach the sink); the first whose crossing pairs are all in the graph
        # proves the value, which in tight rounds is usually the largest at once
        reach_sink = np.zeros(net.num_nodes, bool)
        reach_sink[np.asarray(mf.get_sink_side_min_cut(), dtype=np.int64)] = True
        reach_source = np.zeros(net.num_nodes, bool)
        reach_source[np.asarray(mf.get_source_side_min_cut(), dtype=np.int64)] = True
        if complete:
            return value, Cut(level=level, threshold=threshold, capacity=value,
                              mentees=np.flatnonzero(net.mentee_part(reach_source)),
                              mentors=np.flatnonzero(net.mentor_part(reach_source))), graph
        missing = []
        for side in (~reach_sink, reach_source):
            mentee_side, mentor_side = net.mentee_part(side), net.mentor_part(side)
            crossing = source.best(tuning.pricing_per_row, _crossing_gain(mentor_side, threshold), threshold,
                                   exclude=graph, rows=np.flatnonzero(mentee_side))
            if not len(crossing):
                cut = Cut(level=level, threshold=threshold, capacity=value,
                          mentees=np.flatnonzero(mentee_side), mentors=np.flatnonzero(mentor_side))
                return value, cut, graph
            missing.append(crossing)
        graph, checked = graph.union(missing[0].union(missing[1], m), m), True


def _trivial_cut(net: Network, level_cap: np.ndarray, threshold: int, level: int, value: int) -> Cut:
    """The cut at the source (``value`` fills every slot of the level) or, when it takes every
    place instead, at the sink: it proves ``value`` without looking at any pair."""
    everyone = value == net.capacity.sum() and value != level_cap.sum()
    side = np.arange(net.n) if everyone else np.empty(0, np.int64)
    return Cut(level=level, threshold=threshold, capacity=value, mentees=side,
               mentors=np.arange(net.m) if everyone else np.empty(0, np.int64))


def _crossing_gain(mentor_side: np.ndarray, threshold: int):
    """Pairs to sink-side mentors, best scores first."""
    def gain(rows: np.ndarray, cols: np.ndarray, q: np.ndarray) -> np.ndarray:
        return np.where(mentor_side[cols], 0, q.astype(np.int64) - (threshold - 1))
    return gain
