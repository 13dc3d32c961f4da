"""Exact max-weight b-matching as min-cost flow on a sparse candidate graph, with column generation.

Network (node ids): source 0, sink 1, mentee i at ``2 + i``, mentor j at ``2 + n + j``.

* source -> mentee: a first-slot arc (capacity 1, cost ``-first_bonus``) and a further-slots arc
  (capacity ``slots - 1``, cost ``-extra_bonus``); first slots pay more, so they fill first;
* mentee -> mentor: one arc per candidate pair, capacity 1, cost ``-q`` (quantised score);
* mentor -> sink: capacity = the mentor's free capacity, cost 0;
* source -> sink: a bypass arc (cost 0) so that leaving slots unmatched is always possible.

The graph starts with each mentee's best ``k`` pairs. After each solve, feasible node potentials of
the residual graph price the pairs left out; a pair with negative reduced cost joins the graph and
the flow is solved again. When no pair prices out, the potentials are dual feasible
for the *full* problem and their dual bound equals the flow's weight: the certificate.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, replace

import numpy as np
from ortools.graph.python import min_cost_flow

from matcher.solver.pairs import PairSet, SparsePairs
from matcher.solver.weights import SCORE_UNITS

log = logging.getLogger(__name__)

#: pairs a mentee may join per pricing round (the most negative reduced costs first)
PRICING_PER_ROW = 8
#: pairs per mentee kept from a full scan for the next rounds' pricing (see column_generation)
POOL_PER_ROW = 24
#: with a pool, also bring in pairs within margin / NEAR_SHARE of improving (they often do next round)
NEAR_SHARE = 4


@dataclass(frozen=True)
class Network:
    """Everything of a flow problem except the pair arcs: free slots, capacities and tier bonuses."""

    slots: np.ndarray        # (n,) free mentee slots (mentee capacity minus locks)
    capacity: np.ndarray     # (m,) free mentor capacity (capacity minus locks)
    first_bonus: np.ndarray  # (n,) weight of a mentee's first slot
    extra_bonus: np.ndarray  # (n,) weight of each further slot

    @property
    def n(self) -> int:
        return self.slots.size

    @property
    def m(self) -> int:
        return self.capacity.size

    @property
    def num_nodes(self) -> int:
        return 2 + self.n + self.m

    def __repr__(self) -> str:
        return (f"Network({self.n} mentees / {int(self.slots.sum())} slots, "
                f"{self.m} mentors / {int(self.capacity.sum())} places)")


@dataclass(frozen=True)
class Flow:
    """An optimal flow on a candidate graph and its node potentials."""

    graph: PairSet           # the candidate pairs, sorted
    chosen: np.ndarray       # (len(graph),) bool: pair carries flow
    first: np.ndarray        # (n,) flow on first-slot arcs (0/1)
    extra: np.ndarray        # (n,) flow on further-slot arcs
    load: np.ndarray         # (m,) flow into the sink per mentor
    bypass: int              # unmatched slots
    weight: int              # total weight = -cost
    potential: np.ndarray    # (2 + n + m,) int64 node potentials (source, sink, mentees, mentors)

    @property
    def pairs(self) -> PairSet:
        return self.graph.where(self.chosen)

    def __repr__(self) -> str:
        return f"Flow({int(self.chosen.sum())} pairs on {len(self.graph)} arcs, weight={self.weight})"


def solve_flow(net: Network, graph: PairSet, start: np.ndarray | None = None) -> Flow:
    """Optimal flow on the candidate graph, with residual potentials (see
    :func:`residual_potentials`; ``start`` warm-starts them).

    Examples
    --------
    >>> net = Network(np.array([1, 1]), np.array([1, 1]), np.array([10, 10]), np.array([0, 0]))
    >>> g = PairSet(np.array([0, 0, 1]), np.array([0, 1, 0]), np.array([5, 1, 4]))
    >>> f = solve_flow(net, g)
    >>> f.pairs.rows.tolist(), f.pairs.cols.tolist(), f.weight
    ([0, 1], [1, 0], 25)
    """
    n, m = net.n, net.m
    slots = net.slots.astype(np.int64)
    total = int(slots.sum())
    mentees = 2 + np.arange(n)
    mentors = 2 + n + np.arange(m)
    tails = np.r_[0, np.zeros(2 * n, np.int64), mentees[graph.rows], mentors]
    heads = np.r_[1, mentees, mentees, mentors[graph.cols], np.ones(m, np.int64)]
    caps = np.r_[total, np.minimum(slots, 1), np.maximum(slots - 1, 0),
                 np.ones(len(graph), np.int64), net.capacity]
    costs = np.r_[0, -net.first_bonus, -net.extra_bonus, -graph.q, np.zeros(m, np.int64)]
    mcf = min_cost_flow.SimpleMinCostFlow()
    arcs = mcf.add_arcs_with_capacity_and_unit_cost(
        tails.astype(np.int32), heads.astype(np.int32), caps.astype(np.int64), costs.astype(np.int64))
    supplies = np.zeros(net.num_nodes, np.int64)
    supplies[0], supplies[1] = total, -total
    mcf.set_nodes_supplies(np.arange(net.num_nodes, dtype=np.int32), supplies)
    status = mcf.solve()
    if status != mcf.OPTIMAL:
        raise RuntimeError(f"min-cost flow returned status {status} on {mcf.num_arcs()} arcs")
    flows = mcf.flows(arcs)
    k = len(graph)
    first, extra = flows[1:1 + n], flows[1 + n:1 + 2 * n]
    chosen = flows[1 + 2 * n:1 + 2 * n + k] > 0
    load = flows[1 + 2 * n + k:]
    flow = dict(graph=graph, chosen=chosen, first=first, extra=extra, load=load,
                bypass=int(flows[0]), weight=-int(mcf.optimal_cost()))
    return Flow(**flow, potential=residual_potentials(net, **flow, start=start))


def residual_potentials(net: Network, graph: PairSet, chosen: np.ndarray, first: np.ndarray,
                        extra: np.ndarray, load: np.ndarray, bypass: int, weight: int = 0,
                        start: np.ndarray | None = None) -> np.ndarray:
    """Feasible node potentials of the residual graph: ``pi[head] <= pi[tail] + cost`` on every
    residual arc.

    Bellman-Ford in sweeps that follow the network's layers (mentees -> mentors -> sink -> source ->
    mentees), each sweep relaxing all arcs of a layer at once with numpy, stopping as soon as a
    sweep changes nothing. The pair arcs (nearly all arcs) are relaxed only out of the mentees whose
    potential fell in the previous sweep: relaxing an arc whose tail has not changed since is a
    no-op, so each sweep gives the same values as a full one at a fraction of the cost. It starts from ``start`` (the previous round's potentials) or from 0
    everywhere (shortest distances from a virtual root). An optimal flow has no negative cycle, so
    this ends within ``num_nodes`` sweeps; more would mean a bug, and raises. Then mentors move down
    and mentees up as far as their arcs allow (better pricing, same certificate). Bellman-Ford only
    lowers values and the mentors' move too, so with ``start`` no mentor potential ever rises:
    column_generation relies on that.
    """
    n, m = net.n, net.m
    slots = net.slots.astype(np.int64)
    # residual arcs: unchosen pairs mentee -> mentor (cost -q), chosen pairs mentor -> mentee (+q)
    free = graph.where(~chosen)  # sorted by mentee: mentee i's arcs are free[out[i]:out[i + 1]]
    out = np.searchsorted(free.rows, np.arange(n + 1))
    used = graph.where(chosen)
    first_open, first_used = first < np.minimum(slots, 1), first > 0
    extra_open, extra_used = extra < np.maximum(slots - 1, 0), extra > 0
    mentor_open, mentor_used = load < net.capacity, load > 0
    to_sink, from_sink = bypass < slots.sum(), bypass > 0
    start = np.zeros(net.num_nodes, np.int64) if start is None else start
    d_s, d_t = int(start[0]), int(start[1])
    d_i, d_j = start[2:2 + n].copy(), start[2 + n:].copy()
    moved = np.arange(n)  # mentees whose arcs are not relaxed since their potential last fell
    for _sweep in range(net.num_nodes + 1):
        before = (d_s, d_t, d_i.copy(), d_j.copy())
        arcs = _ranges(out[moved], out[moved + 1])
        np.minimum.at(d_j, free.cols[arcs], d_i[free.rows[arcs]] - free.q[arcs])
        d_j[mentor_used] = np.minimum(d_j[mentor_used], d_t)
        d_t = min(d_t, int(d_j[mentor_open].min(initial=d_t)), d_s if to_sink else d_t)
        d_s = min(d_s, d_t if from_sink else d_s,
                  int((d_i + net.first_bonus)[first_used].min(initial=d_s)),
                  int((d_i + net.extra_bonus)[extra_used].min(initial=d_s)))
        d_i[first_open] = np.minimum(d_i[first_open], d_s - net.first_bonus[first_open])
        d_i[extra_open] = np.minimum(d_i[extra_open], d_s - net.extra_bonus[extra_open])
        np.minimum.at(d_i, used.rows, d_j[used.cols] + used.q)
        moved = np.flatnonzero(d_i < before[2])
        if (d_s, d_t) == before[:2] and not moved.size and np.array_equal(d_j, before[3]):
            break
    else:
        raise RuntimeError("residual graph has a negative cycle: the flow is not optimal")
    # Any feasible potentials certify the flow; among them, pricing wants pair gains
    # q - pi_i + pi_j small: mentors as low and then mentees as high as their residual arcs allow
    # (each bound comes from arcs the other way, so both moves keep every arc feasible)
    lowest = np.full(m, np.iinfo(np.int64).min)
    lowest[mentor_open] = d_t
    np.maximum.at(lowest, used.cols, d_i[used.rows] - used.q)
    d_j = np.where(lowest > np.iinfo(np.int64).min, lowest, d_j)
    highest = np.full(n, np.iinfo(np.int64).max)
    highest[first_open] = d_s - net.first_bonus[first_open]
    highest[extra_open] = np.minimum(highest[extra_open], d_s - net.extra_bonus[extra_open])
    np.minimum.at(highest, used.rows, d_j[used.cols] + used.q)
    d_i = np.where(highest < np.iinfo(np.int64).max, highest, d_i)
    return np.r_[d_s, d_t, d_i, d_j].astype(np.int64)


def _ranges(starts: np.ndarray, stops: np.ndarray) -> np.ndarray:
    """The indices ``starts[0]:stops[0]``, then ``starts[1]:stops[1]``, ... as one array."""
    lengths = stops - starts
    offsets = np.repeat(starts - (np.cumsum(lengths) - lengths), lengths)
    return np.arange(int(lengths.sum())) + offsets


def _with_arcs(flow: Flow, arcs: PairSet, m: int) -> Flow:
    """``flow`` on its graph plus ``arcs`` (unused). Once pricing finds no improving pair, arcs
    outside the graph have non-negative reduced cost, so the potentials stay feasible and the dual
    bound is unchanged; max-flow proofs and the fair search then start from the richer graph."""
    if not len(arcs):
        return flow
    graph = flow.graph.union(arcs, m)
    chosen = np.isin(graph.keys(m), flow.pairs.keys(m), assume_unique=True)
    return replace(flow, graph=graph, chosen=chosen)


def dual_bound(net: Network, flow: Flow) -> int:
    """Upper bound on the weight of *any* feasible flow, from the flow's node potentials.

    For potentials pi and reduced costs ``rc = cost + pi[tail] - pi[head]`` of the network's arcs,
    every feasible flow has weight at most ``S (pi_s - pi_t) - sum_a cap_a min(0, rc_a)`` (S = total
    supply). Pairs outside the candidate graph add nothing once pricing found none with rc < 0, so
    the bound holds for the full problem; it equals the flow's weight when the flow is optimal.
    """
    n, g = net.n, flow.graph
    supply = int(net.slots.sum())
    # int64 when no term or sum can overflow it, else Python ints: either way the bound is exact
    largest = (2 * int(np.abs(flow.potential).max(initial=0)) + int(np.abs(g.q).max(initial=0))
               + int(max(net.first_bonus.max(initial=0), net.extra_bonus.max(initial=0))))
    units = 2 * supply + len(g) + int(net.capacity.sum()) + 1
    exact = np.int64 if largest * units < np.iinfo(np.int64).max else object
    pi = flow.potential.astype(exact)
    p_s, p_t, p_i, p_j = pi[0], pi[1], pi[2:2 + n], pi[2 + n:]
    slots = net.slots.astype(exact)
    first_cap, extra_cap = np.minimum(slots, 1), np.maximum(slots - 1, 0)
    rc_first = -net.first_bonus.astype(exact) + p_s - p_i
    rc_extra = -net.extra_bonus.astype(exact) + p_s - p_i
    rc_pair = -g.q.astype(exact) + p_i[g.rows] - p_j[g.cols]
    rc_mentor = p_j - p_t
    negative = ((first_cap * np.minimum(rc_first, 0)).sum() + (extra_cap * np.minimum(rc_extra, 0)).sum()
                + np.minimum(rc_pair, 0).sum() + (net.capacity.astype(exact) * np.minimum(rc_mentor, 0)).sum()
                + supply * min(0, int(p_s - p_t)))
    return supply * int(p_s - p_t) - int(negative)


def mentee_mentor_duals(net: Network, flow: Flow) -> tuple[np.ndarray, np.ndarray]:
    """LP duals in score units: ``q_ij <= u_i + v_j`` for every pair not chosen, ``v >= 0``."""
    pi = flow.potential
    p_t, p_i, p_j = pi[1], pi[2:2 + net.n], pi[2 + net.n:]
    return p_i - p_t, np.maximum(0, p_t - p_j)


def pricing_gain(net: Network, potential: np.ndarray, margin: int = 0, largest_q: int = SCORE_UNITS):
    """Gain function for pair sources: minus the reduced cost ``-q + pi_i - pi_j`` of a pair arc.

    Potentials are taken relative to the sink's; when every gain (plus ``margin``) fits in int32
    the scan runs in int32, half the memory traffic of int64 over the whole dense matrix.
    """
    u = potential[2:2 + net.n] - potential[1]
    v = potential[2 + net.n:] - potential[1]
    bound = largest_q + int(np.abs(u).max(initial=0)) + int(np.abs(v).max(initial=0)) + abs(margin)
    dtype = np.int32 if bound < np.iinfo(np.int32).max else np.int64
    u, v = u.astype(dtype), v.astype(dtype)

    def gain(rows: np.ndarray, cols: np.ndarray, q: np.ndarray) -> np.ndarray:
        g: np.ndarray = q.astype(dtype)  # in place from here: this runs over the whole dense matrix
        g -= u[rows]
        g += v[cols]
        return g

    return gain


def column_generation(net: Network, source, graph: PairSet, threshold: int, margin: int
                      ) -> tuple[Flow, int]:
    """Solve on ``graph``, add every mentee's most violating left-out pairs, repeat until none.

    A full scan of the pair source is the costly step, so a scan also keeps a *pool*: every
    mentee's ``POOL_PER_ROW`` best pairs with gain (minus the reduced cost) above ``-margin``, and
    per mentee a bound on the gain of every pair it left out. Later rounds price the pool (also
    bringing in pool pairs within ``margin / NEAR_SHARE`` of improving, which saves rounds). The
    potentials are warm-started, so no mentor's ever rises (see :func:`residual_potentials`); a
    pair's gain ``q - pi_i + pi_j`` therefore grows by at most the fall of ``pi_i`` since its
    mentee was scanned. Only mentees whose bound
    plus that fall is positive are scanned again; when the pool adds nothing and no mentee needs
    a scan, no left-out pair has a positive gain and the flow is optimal for all pairs.

    Before each re-solve, arcs neither chosen nor within ``margin`` of improving move from the
    graph to the pool (a smaller solve; they are still priced every round). The returned flow has
    them back as unused arcs: its graph is never poorer than the one given.

    Returns the optimal flow for all pairs of ``source`` scoring at least ``threshold``, and the
    number of pricing rounds that added pairs.
    """
    n, m = net.n, net.m
    rounds, scans = 0, 0
    pool = SparsePairs(PairSet.empty(), source.shape, source.scale)
    bound = np.zeros(n, np.int64)   # per mentee: gain bound of the left-out pairs at its last scan
    scanned_at = None               # per mentee: its potential at its last scan
    potential = None
    dropped = PairSet.empty()       # arcs moved from the graph to the pool before a re-solve
    while True:
        started = time.perf_counter()
        flow = solve_flow(net, graph, start=potential)
        potential = flow.potential
        gain = pricing_gain(net, potential, margin, max(-source.low, source.high))
        added = pool.best(PRICING_PER_ROW, gain, threshold, exclude=graph)
        if not len(added):
            mentee_potential = potential[2:2 + n]
            stale = (np.arange(n) if scanned_at is None
                     else np.flatnonzero(bound + scanned_at - mentee_potential > 0))
            if stale.size:
                found, bound[stale] = source.scan(POOL_PER_ROW, gain, threshold, exclude=graph,
                                                  rows=stale if stale.size < n else None,
                                                  margin=margin)
                scanned_at = mentee_potential.copy() if scanned_at is None else scanned_at
                scanned_at[stale] = mentee_potential[stale]
                pool = SparsePairs(pool.pairs.where(~np.isin(pool.pairs.rows, stale)).union(found, m),
                                   source.shape, source.scale)
                added = pool.best(PRICING_PER_ROW, gain, threshold, exclude=graph)
                scans += 1
        if len(added):
            # pairs close to improving tend to improve a round later: bring them in now
            added = added.union(pool.best(PRICING_PER_ROW, gain, threshold, exclude=graph,
                                          margin=margin // NEAR_SHARE), m)
        log.debug("flow round %d (%d scans): %d arcs, %d pairs, %d priced in (%.2fs)", rounds,
                  scans, len(graph), int(flow.chosen.sum()), len(added), time.perf_counter() - started)
        if not len(added):
            return _with_arcs(flow, dropped, m), rounds
        # arcs far from improving rarely matter again: they leave the graph for the pool, which is
        # priced every round (so nothing is lost), and the next solve runs on far fewer arcs
        near = flow.chosen | (gain(graph.rows, graph.cols, graph.q) > -margin)
        dropped = dropped.union(graph.where(~near), m)
        pool = SparsePairs(pool.pairs.union(graph.where(~near), m), source.shape, source.scale)
        graph = graph.where(near).union(added, m)
        rounds += 1
