"""Exact max-weight b-matching as min-cost flow on a sparse candidate graph, with column generation.

Network (node ids, see :class:`Network`): source 0, sink 1, mentee (class) ``i`` at ``2 + i``,
mentor (class) ``j`` at ``2 + n + j``.

* source -> mentee: a first-slot arc (capacity ``first_cap``, cost ``-first_bonus``) and a
  further-slots arc (capacity ``extra_cap``, cost ``-extra_bonus``); first slots pay more, so they
  fill first;
* mentee -> mentor: one arc per candidate pair, capacity ``mentee_size * mentor_size`` (1 for
  single people; a class of identical people holds several, see classes.py), cost ``-q``;
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

from matcher.solver.pairs import Counts, LeftOut, PairSet, PairSource, SparsePairs
from matcher.solver.tuning import DEFAULT, Tuning
from matcher.solver.weights import SCORE_UNITS

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Network:
    """Everything of a flow problem except the pair arcs, and the node layout of every solve.

    Node ids: :attr:`SOURCE`, :attr:`SINK`, then the ``n`` mentees (:meth:`mentee_nodes`), then the
    ``m`` mentors (:meth:`mentor_nodes`). A node may stand for a *class* of identical people
    (``mentee_size`` / ``mentor_size`` members); its capacities are then the members' sums.

    Examples
    --------
    >>> net = Network.of_slots(np.array([1, 2]), np.array([3]))
    >>> net.mentee_nodes().tolist(), net.mentor_nodes().tolist(), net.num_nodes
    ([2, 3], [4], 5)
    >>> net.first_cap.tolist(), net.extra_cap.tolist(), net.total_slots
    ([1, 1], [0, 1], 3)
    """

    first_cap: np.ndarray    # (n,) first slots: mentees whose first slot is free (a class: members)
    extra_cap: np.ndarray    # (n,) further free slots
    capacity: np.ndarray     # (m,) free mentor places
    first_bonus: np.ndarray  # (n,) weight of a first slot
    extra_bonus: np.ndarray  # (n,) weight of each further slot
    mentee_size: np.ndarray  # (n,) people a mentee node stands for
    mentor_size: np.ndarray  # (m,) people a mentor node stands for

    SOURCE = 0
    SINK = 1

    @classmethod
    def of_slots(cls, slots: np.ndarray, capacity: np.ndarray, first_bonus: np.ndarray | None = None,
                 extra_bonus: np.ndarray | None = None) -> "Network":
        """One node per person: ``slots`` free slots per mentee, ``capacity`` places per mentor."""
        slots = np.asarray(slots, np.int64)
        zeros = np.zeros(slots.size, np.int64)
        return cls(np.minimum(slots, 1), np.maximum(slots - 1, 0), np.asarray(capacity, np.int64),
                   zeros if first_bonus is None else first_bonus,
                   zeros if extra_bonus is None else extra_bonus,
                   np.ones(slots.size, np.int64), np.ones(np.size(capacity), np.int64))

    def with_bonuses(self, first_bonus: np.ndarray, extra_bonus: np.ndarray) -> "Network":
        return replace(self, first_bonus=first_bonus, extra_bonus=extra_bonus)

    @property
    def n(self) -> int:
        return self.first_cap.size

    @property
    def m(self) -> int:
        return self.capacity.size

    @property
    def num_nodes(self) -> int:
        return 2 + self.n + self.m

    @property
    def total_slots(self) -> int:
        return int(self.first_cap.sum() + self.extra_cap.sum())

    def mentee_nodes(self, index: np.ndarray | None = None) -> np.ndarray:
        """Node ids of mentees ``index`` (all when None)."""
        return 2 + (np.arange(self.n) if index is None else np.asarray(index, np.int64))

    def mentor_nodes(self, index: np.ndarray | None = None) -> np.ndarray:
        """Node ids of mentors ``index`` (all when None)."""
        return 2 + self.n + (np.arange(self.m) if index is None else np.asarray(index, np.int64))

    def mentee_part(self, per_node: np.ndarray) -> np.ndarray:
        """The mentees' entries of a per-node array (potentials, cut sides)."""
        return per_node[2:2 + self.n]

    def mentor_part(self, per_node: np.ndarray) -> np.ndarray:
        """The mentors' entries of a per-node array."""
        return per_node[2 + self.n:]

    def pair_capacity(self, pairs: PairSet) -> np.ndarray:
        """Capacity of each pair arc: one per (mentee, mentor) of people the two nodes stand for."""
        return self.mentee_size[pairs.rows] * self.mentor_size[pairs.cols]

    def __repr__(self) -> str:
        return (f"Network({self.n} mentees / {self.total_slots} slots, "
                f"{self.m} mentors / {int(self.capacity.sum())} places)")


@dataclass(frozen=True)
class Flow:
    """An optimal flow on a candidate graph and its node potentials."""

    graph: PairSet           # the candidate pairs, sorted
    amount: np.ndarray       # (len(graph),) int64 flow on each pair arc
    first: np.ndarray        # (n,) flow on first-slot arcs
    extra: np.ndarray        # (n,) flow on further-slot arcs
    load: np.ndarray         # (m,) flow into the sink per mentor
    bypass: int              # unmatched slots
    weight: int              # total weight = -cost
    potential: np.ndarray    # (2 + n + m,) int64 node potentials (source, sink, mentees, mentors)

    @property
    def chosen(self) -> np.ndarray:
        """(len(graph),) bool: the pair arc carries flow."""
        return self.amount > 0

    @property
    def pairs(self) -> PairSet:
        return self.graph.where(self.chosen)

    def __repr__(self) -> str:
        return f"Flow({int(self.amount.sum())} pairs on {len(self.graph)} arcs, weight={self.weight})"


@dataclass(frozen=True)
class Convergence:
    """Outcome of :func:`column_generation`: the flow optimal for *all* pairs and how it got there."""

    flow: Flow
    rounds: int   # pricing rounds that added pairs
    scans: int    # scans of the pair source


def solve_flow(net: Network, graph: PairSet, start: np.ndarray | None = None) -> Flow:
    """Optimal flow on the candidate graph, with residual potentials (see
    :func:`residual_potentials`; ``start`` warm-starts them).

    Examples
    --------
    >>> net = Network.of_slots(np.array([1, 1]), np.array([1, 1]), np.array([10, 10]), np.array([0, 0]))
    >>> g = PairSet(np.array([0, 0, 1]), np.array([0, 1, 0]), np.array([5, 1, 4]))
    >>> f = solve_flow(net, g)
    >>> f.pairs.rows.tolist(), f.pairs.cols.tolist(), f.weight
    ([0, 1], [1, 0], 25)
    """
    n, m = net.n, net.m
    total = net.total_slots
    mentees, mentors = net.mentee_nodes(), net.mentor_nodes()
    source = np.full(2 * n, net.SOURCE, np.int64)
    tails = np.r_[net.SOURCE, source, mentees[graph.rows], mentors]
    heads = np.r_[net.SINK, mentees, mentees, mentors[graph.cols], np.full(m, net.SINK, np.int64)]
    caps = np.r_[total, net.first_cap, net.extra_cap, net.pair_capacity(graph), net.capacity]
    costs = np.r_[0, -net.first_bonus, -net.extra_bonus, -graph.q, np.zeros(m, np.int64)]
    mcf = min_cost_flow.SimpleMinCostFlow()
    arcs = mcf.add_arcs_with_capacity_and_unit_cost(
        tails.astype(np.int32), heads.astype(np.int32), caps.astype(np.int64), costs.astype(np.int64))
    supplies = np.zeros(net.num_nodes, np.int64)
    supplies[net.SOURCE], supplies[net.SINK] = total, -total
    mcf.set_nodes_supplies(np.arange(net.num_nodes, dtype=np.int32), supplies)
    status = mcf.solve()
    if status != mcf.OPTIMAL:
        raise RuntimeError(f"min-cost flow returned status {status} on {mcf.num_arcs()} arcs")
    flows = np.asarray(mcf.flows(arcs), np.int64)
    k = len(graph)
    flow = Flow(graph=graph, amount=flows[1 + 2 * n:1 + 2 * n + k], first=flows[1:1 + n],
                extra=flows[1 + n:1 + 2 * n], load=flows[1 + 2 * n + k:], bypass=int(flows[0]),
                weight=-int(mcf.optimal_cost()), potential=np.empty(0, np.int64))
    return replace(flow, potential=residual_potentials(net, flow, start=start))


def residual_potentials(net: Network, flow: Flow, start: np.ndarray | None = None) -> np.ndarray:
    """Feasible node potentials of the residual graph of ``flow`` (its ``potential`` is ignored):
    ``pi[head] <= pi[tail] + cost`` on every residual arc.

    Bellman-Ford in sweeps that follow the network's layers (mentees -> mentors -> sink -> source ->
    mentees), each sweep relaxing all arcs of a layer at once with numpy, stopping as soon as a
    sweep changes nothing. The pair arcs (nearly all arcs) are relaxed only out of the mentees whose
    potential fell in the previous sweep: relaxing an arc whose tail has not changed since is a
    no-op, so each sweep gives the same values as a full one at a fraction of the cost. It starts
    from ``start`` (the previous round's potentials) or from 0 everywhere (shortest distances from a
    virtual root). An optimal flow has no negative cycle, so this ends within ``num_nodes`` sweeps;
    more would mean a bug, and raises. Then mentors move down and mentees up as far as their arcs
    allow (better pricing, same certificate). Bellman-Ford only lowers values and the mentors' move
    too, so with ``start`` no mentor potential ever rises: column_generation relies on that.
    """
    n, m = net.n, net.m
    graph = flow.graph
    # residual arcs: pairs with room mentee -> mentor (cost -q), pairs with flow mentor -> mentee (+q)
    free = graph.where(flow.amount < net.pair_capacity(graph))  # mentee i's: free[out[i]:out[i + 1]]
    out = np.searchsorted(free.rows, np.arange(n + 1))
    used = graph.where(flow.chosen)
    first_open, first_used = flow.first < net.first_cap, flow.first > 0
    extra_open, extra_used = flow.extra < net.extra_cap, flow.extra > 0
    mentor_open, mentor_used = flow.load < net.capacity, flow.load > 0
    to_sink, from_sink = flow.bypass < net.total_slots, flow.bypass > 0
    start = np.zeros(net.num_nodes, np.int64) if start is None else start
    d_s, d_t = int(start[net.SOURCE]), int(start[net.SINK])
    d_i, d_j = net.mentee_part(start).copy(), net.mentor_part(start).copy()
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
    amount = np.zeros(len(graph), np.int64)
    amount[np.searchsorted(graph.keys(m), flow.graph.keys(m))] = flow.amount
    return replace(flow, graph=graph, amount=amount)


def dual_bound(net: Network, flow: Flow) -> int:
    """Upper bound on the weight of *any* feasible flow, from the flow's node potentials.

    For potentials pi and reduced costs ``rc = cost + pi[tail] - pi[head]`` of the network's arcs,
    every feasible flow has weight at most ``S (pi_s - pi_t) - sum_a cap_a min(0, rc_a)`` (S = total
    supply). Pairs outside the candidate graph add nothing once pricing found none with rc < 0, so
    the bound holds for the full problem; it equals the flow's weight when the flow is optimal.
    """
    g = flow.graph
    supply = net.total_slots
    pair_cap = net.pair_capacity(g)
    # int64 when no term or sum can overflow it, else Python ints: either way the bound is exact
    largest = (2 * int(np.abs(flow.potential).max(initial=0)) + int(np.abs(g.q).max(initial=0))
               + int(max(net.first_bonus.max(initial=0), net.extra_bonus.max(initial=0))))
    units = 2 * supply + int(pair_cap.sum()) + int(net.capacity.sum()) + 1
    exact = np.int64 if largest * units < np.iinfo(np.int64).max else object
    pi = flow.potential.astype(exact)
    p_s, p_t, p_i, p_j = pi[net.SOURCE], pi[net.SINK], net.mentee_part(pi), net.mentor_part(pi)
    rc_first = -net.first_bonus.astype(exact) + p_s - p_i
    rc_extra = -net.extra_bonus.astype(exact) + p_s - p_i
    rc_pair = -g.q.astype(exact) + p_i[g.rows] - p_j[g.cols]
    rc_mentor = p_j - p_t
    negative = ((net.first_cap.astype(exact) * np.minimum(rc_first, 0)).sum()
                + (net.extra_cap.astype(exact) * np.minimum(rc_extra, 0)).sum()
                + (pair_cap.astype(exact) * np.minimum(rc_pair, 0)).sum()
                + (net.capacity.astype(exact) * np.minimum(rc_mentor, 0)).sum()
                + supply * min(0, int(p_s - p_t)))
    return supply * int(p_s - p_t) - int(negative)


def mentee_mentor_duals(net: Network, flow: Flow) -> tuple[np.ndarray, np.ndarray]:
    """LP duals in score units: ``q_ij <= u_i + v_j`` for every pair not chosen, ``v >= 0``."""
    p_t = flow.potential[net.SINK]
    return net.mentee_part(flow.potential) - p_t, np.maximum(0, p_t - net.mentor_part(flow.potential))


def pricing_gain(net: Network, potential: np.ndarray, margin: int = 0, largest_q: int = SCORE_UNITS):
    """Gain function for pair sources: minus the reduced cost ``-q + pi_i - pi_j`` of a pair arc.

    Potentials are taken relative to the sink's; when every gain (plus ``margin``) fits in int32
    the scan runs in int32, half the memory traffic of int64 over the whole dense matrix.
    """
    u = net.mentee_part(potential) - potential[net.SINK]
    v = net.mentor_part(potential) - potential[net.SINK]
    bound = largest_q + int(np.abs(u).max(initial=0)) + int(np.abs(v).max(initial=0)) + abs(margin)
    dtype = np.int32 if bound < np.iinfo(np.int32).max else np.int64
    u, v = u.astype(dtype), v.astype(dtype)

    def gain(rows: np.ndarray, cols: np.ndarray, q: np.ndarray) -> np.ndarray:
        g: np.ndarray = q.astype(dtype)  # in place from here: this runs over the whole dense matrix
        g -= u[rows]
        g += v[cols]
        return g

    return gain


def column_generation(net: Network, source: PairSource, graph: PairSet, threshold: int, margin: int,
                      tuning: Tuning = DEFAULT, left_out: LeftOut | None = None) -> Convergence:
    """Solve on ``graph``, add every mentee's most violating left-out pairs, repeat until none.

    A full scan of the pair source is the costly step, so a scan also keeps a *pool*: every
    mentee's ``tuning.pool_per_row`` best pairs with gain (minus the reduced cost) above
    ``-margin``, and per mentee a bound on the gain of every pair it left out. Later rounds price
    the pool (also bringing in pool pairs within ``margin / tuning.near_share`` of improving, which
    saves rounds). The potentials are warm-started, so no mentor's ever rises (see
    :func:`residual_potentials`); a pair's gain ``q - pi_i + pi_j`` therefore grows by at most the
    fall of ``pi_i`` since its mentee was scanned. Only mentees whose bound plus that fall is
    positive are scanned again, whenever the pool prices in few pairs (``tuning.rescan_share``);
    when the pool adds nothing and no mentee needs a scan, no left-out pair has a positive gain and
    the flow is optimal for all pairs.

    Before each re-solve, arcs neither chosen nor within ``margin`` of improving move from the
    graph to the pool (a smaller solve; they are still priced every round). The returned flow has
    them back as unused arcs: its graph is never poorer than the one given.

    ``left_out`` (what the first candidate graph, which ``graph`` holds, proves about the pairs it
    left out) stands in for the first scan: after the first solve it bounds every mentee's
    left-out gains, and only mentees whose bound is positive are scanned (in a round that ends
    at once, often none: the proof of optimality then reads no pair outside the graph).

    Returns the optimal flow for all pairs of ``source`` scoring at least ``threshold``, with the
    number of pricing rounds that added pairs and of scans.
    """
    n, m = net.n, net.m
    # a class of identical mentees needs a partner per member: more pairs per round for it
    per_row: Counts = tuning.pricing_per_row
    if (net.mentee_size > 1).any():
        per_row = tuning.pricing_per_row + tuning.pricing_per_member * (net.mentee_size - 1)
    rounds, scans, scanned = 0, 0, 0
    pool = SparsePairs(PairSet.empty(), source.shape, source.scale)
    bound = np.zeros(n, np.int64)   # per mentee: gain bound of the left-out pairs at its last scan
    scanned_at = None               # per mentee: its potential at its last scan
    potential = None
    dropped = PairSet.empty()       # arcs moved from the graph to the pool before a re-solve
    best_weight = None              # weight before the last round that dropped arcs
    while True:
        started = time.perf_counter()
        flow = solve_flow(net, graph, start=potential)
        potential = flow.potential
        gain = pricing_gain(net, potential, margin, max(-source.low, source.high))
        added = pool.best(per_row, gain, threshold, exclude=graph)
        if scanned_at is None and left_out is not None:
            scanned_at = net.mentee_part(potential).copy()
            bound = left_out.gain_bound(scanned_at, net.mentor_part(potential))
        if len(added) * tuning.rescan_share <= n:
            mentee_potential = net.mentee_part(potential)
            stale = (np.arange(n) if scanned_at is None
                     else np.flatnonzero(bound + scanned_at - mentee_potential > 0))
            if stale.size:
                scanned_at = mentee_potential.copy() if scanned_at is None else scanned_at
                # first the proof pass (no selection): when few mentees have an improving pair,
                # the others are proven as they are and only the few are scanned for the pool
                largest = source.largest_gain(gain, threshold, exclude=graph,
                                              rows=stale if stale.size < n else None, margin=margin)
                scanned += stale.size
                if np.count_nonzero(largest > 0) * tuning.rescan_share <= n:
                    bound[stale], scanned_at[stale] = largest, mentee_potential[stale]
                    stale = stale[largest > 0]
                if stale.size:
                    found, bound[stale] = source.scan(tuning.pool_per_row, gain, threshold,
                                                      exclude=graph, margin=margin,
                                                      rows=stale if stale.size < n else None)
                    scanned_at[stale] = mentee_potential[stale]
                    pool = SparsePairs(pool.pairs.where(~np.isin(pool.pairs.rows, stale)).union(found, m),
                                       source.shape, source.scale)
                    added = pool.best(per_row, gain, threshold, exclude=graph)
                    scans += 1
        if len(added):
            # pairs close to improving tend to improve a round later: bring them in now
            added = added.union(pool.best(per_row, gain, threshold, exclude=graph,
                                          margin=margin // tuning.near_share), m)
        log.debug("flow round %d (%d scans, %d mentees checked): %d arcs, %d pairs, %d priced in "
                  "(%.2fs)", rounds, scans, scanned, len(graph), int(flow.amount.sum()), len(added), time.perf_counter() - started)
        if not len(added):
            return Convergence(_with_arcs(flow, dropped, m), rounds, scans)
        # arcs far from improving rarely matter again: they leave the graph for the pool, which is
        # priced every round (so nothing is lost), and the next solve runs on far fewer arcs. Only
        # after a round that raised the weight: with tied scores the duals are degenerate, a priced
        # pair may change only the potentials, and dropping then could cycle; between two raises
        # the graph only grows, and the weight (an integer, bounded) rises finitely often
        near = flow.chosen | (gain(graph.rows, graph.cols, graph.q) > -margin)
        if best_weight is not None and flow.weight <= best_weight:
            near[:] = True
        best_weight = flow.weight if best_weight is None else max(best_weight, flow.weight)
        dropped = dropped.union(graph.where(~near), m)
        pool = SparsePairs(pool.pairs.union(graph.where(~near), m), source.shape, source.scale)
        graph = graph.where(near).union(added, m)
        rounds += 1
