"""``fair``: coverage's tiers, then the highest possible minimum pair score, then the highest total.

Whether a threshold ``t`` keeps the tiers is monotone in ``t`` (fewer pairs remain as it rises), so
a binary search over integer thresholds finds the largest feasible one, ``t*``. The search starts
from ``[lo, hi)`` with ``lo`` the lowest score coverage itself chose (feasible) and ``hi`` one above
the best free pair (infeasible once any slot must be filled). ``t`` is feasible when, for every tier
level, a max-flow over pairs scoring ``>= t`` fills as many slots as coverage did; a shortfall is
proven by a min cut checked against all pairs (cuts.py). The answer is then the coverage-style
optimum over the pairs scoring ``>= t*``, whose certificate also carries ``t*`` and the cut that
rules out ``t* + 1``. The search runs over the distinct scores of the candidate graph (only they
change its answer), and when ``t*`` is coverage's own lowest chosen score, coverage's pairing is
that optimum already (optimal over a superset of pairs, and within the subset).

Locked pairs are the coordinator's decision and are exempt from the threshold.
"""

from __future__ import annotations

import dataclasses
import logging

import numpy as np

from matcher.solver.cuts import Cut, level_slots, levels, max_slots
from matcher.solver.engine import Lexicographic, lexicographic
from matcher.solver.flow import Network
from matcher.solver.pairs import PairSet, PairSource
from matcher.solver.tuning import DEFAULT, Tuning
from matcher.solver.weights import Tiers

log = logging.getLogger(__name__)


def fair(source: PairSource, tiers: Tiers, base: Network, coverage: Lexicographic, priced: bool,
         tuning: Tuning = DEFAULT) -> tuple[Lexicographic, int, Cut | None]:
    """The fair optimum given coverage's optimum; returns it, ``t*`` and the proof for ``t* + 1``.

    ``priced`` says whether coverage's first graph was chosen by estimated prices. With no free
    pair chosen by coverage there is no minimum to raise: coverage is returned with ``t*`` = the
    lowest score and no cut.
    """
    chosen = coverage.flow.pairs
    if not len(chosen):
        return coverage, source.low, None
    targets = coverage.counts
    # coverage's graph may hold each mentee's best pairs by score minus a price: the search needs
    # the best by score too, or it stops low and re-runs after every proof that adds them
    graph = coverage.flow.graph
    if priced:
        raw = source.candidates(tuning.row_candidates, tuning.column_candidates, source.low)
        graph = graph.union(raw, source.shape[1])
    lo, top = int(chosen.q.min()), source.high + 1
    hi = top
    while True:
        # the search trusts the candidate graph: a threshold it reaches is reachable for sure, one
        # it misses may not be; only the final "t* + 1 is out of reach" is checked against all
        # pairs. On the graph only its own distinct scores change the answer, so the search runs
        # over those (12 steps instead of 20 on continuous scores)
        values = np.unique(graph.q[(graph.q > lo) & (graph.q < hi)])
        low, high = -1, values.size  # values[:low + 1] are reached, values[high:] are not
        while high - low > 1:
            mid = (low + high) // 2
            reached, _, graph = _reaches(source, tiers, base, graph, int(values[mid]), targets, False,
                                         tuning)
            low, high = (mid, high) if reached else (low, mid)
            log.debug("fair search: threshold %d %s", values[mid],
                      "keeps the tiers" if reached else "seems to lose a tier")
        lo = int(values[low]) if low >= 0 else lo
        reached, proof, graph = _reaches(source, tiers, base, graph, lo + 1, targets, True, tuning)
        if not reached:
            break
        lo, hi = lo + 1, top  # the pairs the proof attempt added reach it after all: search above
    if lo <= int(chosen.q.min()):
        # coverage's own pairing already keeps the threshold: it is the best above it as well
        return coverage, lo, proof
    best = lexicographic(source, tiers, base, graph, lo, targets, tuning)
    return dataclasses.replace(best, cuts=coverage.cuts), lo, proof


def _reaches(source: PairSource, tiers: Tiers, base: Network, graph: PairSet, threshold: int,
             targets: dict[int, int], prove: bool, tuning: Tuning) -> tuple[bool, Cut | None, PairSet]:
    """Whether pairs scoring >= ``threshold`` reach every level's target on the candidate graph;
    with ``prove``, a shortfall is checked against all pairs and comes with its cut."""
    for level in levels(tiers.ranks, base):
        best, cut, graph = max_slots(base, source, graph, level_slots(tiers.ranks, base, level),
                                     threshold, level, stop_above=targets[level] - 1, prove=prove,
                                     tuning=tuning)
        if best < targets[level]:
            return False, cut, graph
    return True, None, graph
