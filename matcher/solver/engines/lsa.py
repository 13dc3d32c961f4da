"""Pure assignments (every free slot and place is one): compiled assignment solvers (lapjv's
Jonker-Volgenant, scipy's LSA and LAPJVsp), with duals checked against every pair.

When no mentee has two free slots and no mentor two free places, the problem is a rectangular
linear assignment problem. The tiers become part of each pair's weight with the *safe* unit
(``w_ij = B * rank_i + q_ij``, weights.safe_unit), so the weights alone put the tiers first and no
tier cut is needed; a pair of weight <= 0 never helps and is left out.

* Nearly square dense matrices with one place per mentor and one slot per mentee (up to
  ``Tuning.assignment_jv`` entries made square) go whole to ``lapjv``, a compiled Jonker-Volgenant
  solver that returns its duals (:func:`_jv`; checked in integers on every pair), where that
  package is installed (Linux and Windows on x86-64).
* Other small dense matrices (up to ``Tuning.assignment_dense`` entries) go whole to scipy's
  ``linear_sum_assignment``: on them it takes less time than choosing candidates would.
* Larger dense ones and sparse ones go to ``min_weight_full_bipartite_matching`` (LAPJVsp) on a
  candidate graph (each mentee's and mentor's best pairs; every stored pair of a sparse matrix),
  priced against every pair: pairs that would improve join and the graph is solved again.

The duals need no flow network. For a pairing ``sigma``, a mentee's dual follows from its mentor's,
``u_i = w_i,sigma(i) - v_sigma(i)``, so dual feasibility ``u_i + v_j >= w_ij`` is a system of
difference constraints on the mentors' duals alone, ``v_j >= v_sigma(i) + w_ij - w_i,sigma(i)``,
with ``v_j >= w_ij`` for a mentee left unpaired (its dual is 0) and ``v >= 0``. Its least solution
(shortest paths, in the longest-path form) is found by Bellman-Ford in whole-array sweeps that
relax only the mentees whose mentor's dual rose in the sweep before, until nothing changes. An
optimal pairing has no positive cycle, so this ends; the least solution also gives 0 to every
unpaired mentor and ``u >= 0`` (both are checked: a failure would mean the pairing is not optimal,
and raises). Then ``sum(u) + sum(v)``, an upper bound on every pairing by LP duality, equals the
pairing's weight: the certificate (``gap = 0``), with the duals in it.

Examples
--------
>>> from matcher.solver import solve_assignment
>>> a = solve_assignment(-np.array([[4, 1, 3], [2, 0, 5], [3, 2, 2]]))
>>> a.pairs.tolist(), a.certificate.gap, "on the whole matrix" in a.certificate.method  # lapjv or LSA
([[0, 1], [1, 0], [2, 2]], 0, True)
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from scipy import sparse

from matcher.solver.certificate import Certificate
from matcher.solver.flow import _ranges
from matcher.solver.locks import Residual
from matcher.solver.pairs import CHUNK_ENTRIES, DensePairs, PairSet, PairSource, SparsePairs
from matcher.solver.problem import Problem
from matcher.solver.tuning import Tuning
from matcher.solver.weights import EXACT_FLOAT, Tiers, safe_unit, span

DENSE_METHOD = "scipy linear_sum_assignment on the whole matrix, Bellman-Ford duals on every pair"
JV_METHOD = "lapjv (Jonker-Volgenant) on the whole matrix, its duals checked on every pair"
#: lapjv takes a rectangular matrix only up to this much padding to a square: zero rows or columns
#: slow it down (500 x 350, random scores: 1.9x the candidate graph's time, 1.3x with heavy ties)
JV_PADDING = 1.2
GRAPH_METHOD = "scipy min_weight_full_bipartite_matching (LAPJVsp) on a candidate graph, " \
               "Bellman-Ford duals pricing every pair"


def applies(problem: Problem, source: PairSource, tiers: Tiers, residual: Residual,
            tuning: Tuning) -> bool:
    """Whether this path solves the problem (``fair`` through engines/fair_lsa.py): the matrix
    with a column per mentor place within ``tuning.assignment_pairs`` entries (a sparse one within
    ``tuning.assignment_sparse_pairs`` stored pairs; with mentors of several places, within
    ``tuning.assignment_place_pairs``), one free slot at most per mentee or, on a dense matrix,
    a row per free slot within ``tuning.assignment_slot_pairs`` entries (:func:`_copies`; for
    ``total`` also within ``tuning.assignment_dense``); weights exact in float64."""
    places = _places(residual.capacity)
    slots = int(residual.slots.sum())
    several_slots = residual.slots.max(initial=0) > 1
    if several_slots:  # a row per slot: dense only; total's stand-in columns cost more (Tuning)
        size = slots * places.size
        limit = -1 if not isinstance(source, DensePairs) else tuning.assignment_slot_pairs \
            if problem.objective != "total" else min(tuning.assignment_slot_pairs, tuning.assignment_dense)
    elif isinstance(source, DensePairs):
        size, limit = problem.n * places.size, tuning.assignment_pairs
    elif isinstance(source, SparsePairs):
        size = len(source.pairs) if places.size == problem.m else \
            int(np.maximum(residual.capacity, 1)[source.pairs.cols].sum())
        limit = tuning.assignment_sparse_pairs
    else:
        return False
    if places.size > problem.m and not several_slots:
        limit = min(limit, tuning.assignment_place_pairs)
    if size > limit:
        return False
    unit = _unit(source, residual)
    top = int(tiers.first_rank.max(initial=0)) * unit + span((source.low, source.high))
    return top * (max(problem.n, slots) + places.size + 2) < EXACT_FLOAT


@dataclass(frozen=True)
class Duals:
    """A pairing's duals in weight units of each mentee's first slot (``w = bonus + q``):
    ``u_i + v_j >= w_ij`` on the pairs they were computed for, ``u, v >= 0``, equality on the
    pairing's pairs; ``held``: what the pairs :func:`_copies` holds to one slot add to the bound."""

    u: np.ndarray  # (n,) int64
    v: np.ndarray  # (m,) int64
    held: int = 0


def solve(problem: Problem, source: PairSource, tiers: Tiers, residual: Residual,
          tuning: Tuning) -> tuple[PairSet, Certificate]:
    """The optimal free pairs of a pure assignment and their certificate (see module doc)."""
    unit = _unit(source, residual)
    bonus, extra = tiers.first_rank * unit, tiers.extra_rank * unit
    slots = residual.slots
    rows_on = slots > 0
    several_slots = bool(slots.max(initial=0) > 1)
    full_first = problem.objective != "total"  # fair: coverage above its threshold
    places = _places(residual.capacity).size
    # lapjv only when everyone has one free slot or place (none is out): its square has no room
    # for people without one
    jv = _jv_fits(problem.n, places, problem.m, tuning) and bool((slots == 1).all()) \
        and bool((residual.capacity == 1).all())
    if isinstance(source, DensePairs) and (jv or several_slots or problem.n * places <= tuning.assignment_dense):
        chosen, duals, method = _dense(source, tiers, unit, residual, full_first, jv)
        rounds, arcs = 0, problem.n * problem.m
    else:
        if isinstance(source, DensePairs):
            graph = _dense_candidates(source, tuning.assignment_row_candidates,
                                      tuning.assignment_column_candidates)
        else:
            graph = _sparse_candidates(source.all_pairs(), problem.n, tuning.assignment_sparse_candidates)
        rounds = 0
        while True:
            chosen, duals = _on_graph(graph, bonus, rows_on, residual.capacity, full_first)
            gain = _gain(duals.u - bonus, duals.v)
            if not _improves(source, gain):
                break
            added = source.best(tuning.pricing_per_row, gain, source.low, exclude=graph)
            graph = graph.union(added, problem.m)
            rounds += 1
        method, arcs = GRAPH_METHOD, len(graph)
    taken = np.bincount(chosen.rows, minlength=problem.n)
    primal = int(chosen.q.sum() + bonus[taken > 0].sum() + (extra * np.maximum(taken - 1, 0)).sum())
    # the LP bound: a first slot's dual is max(0, bonus + p) = u, a further slot's max(0, extra + p)
    mentee_dual = duals.u - bonus
    further = (np.maximum(slots - 1, 0) * np.maximum(extra + mentee_dual, 0)).sum()
    dual = int(duals.u[rows_on].sum() + further + (residual.capacity * duals.v).sum()) + duals.held
    return chosen, Certificate(method=method, primal=primal, dual_bound=dual, tier_unit=unit,
                               scale=source.scale, pricing_rounds=rounds, arcs=arcs,
                               mentee_dual=mentee_dual, mentor_dual=duals.v)


def _jv_fits(n: int, places: int, m: int, tuning: Tuning) -> bool:
    """Whether :func:`_jv` may take the whole matrix: one place per mentor, ``lapjv`` installed,
    the matrix made square within ``tuning.assignment_jv`` entries and ``JV_PADDING`` times its
    own size, and more than one entry (lapjv's duals of a 1 x 1 matrix are infinite)."""
    return places == m and 1 < max(n, m) ** 2 <= min(tuning.assignment_jv, JV_PADDING * n * m) \
        and _jv_solver() is not None


def _unit(source: PairSource, residual: Residual) -> int:
    return safe_unit((source.low, source.high), int(min(residual.slots.sum(), residual.capacity.sum())))


def _places(capacity: np.ndarray) -> np.ndarray:
    """The mentor of each place: a mentor with ``c`` free places stands for ``c`` identical
    columns (one for a mentor without a free place, which takes none but still needs a dual).

    Identical columns get identical duals: a mentee paired with one place of a mentor has the
    same pair with each other place, so each place's least dual is at least every other's (and
    0 for all when one is free). So a mentor's dual is its places' (their maximum: safe even if
    they differed) and the bound counts it ``c`` times.

    Examples
    --------
    >>> _places(np.array([2, 0, 1])).tolist()
    [0, 0, 1, 2]
    """
    return np.repeat(np.arange(capacity.size), np.maximum(capacity, 1))


def _per_mentor(v_places: np.ndarray, places: np.ndarray) -> np.ndarray:
    """Each mentor's dual from its places' (see :func:`_places`)."""
    return np.maximum.reduceat(v_places, np.searchsorted(places, np.arange(places[-1] + 1))) \
        if places.size else v_places


def _dense_candidates(source: DensePairs, per_row: int, per_col: int) -> PairSet:
    """Each row's ``per_row`` and each column's ``per_col`` best free pairs, ties at the last
    place included: thresholds by value partition (several times faster than picking exactly
    ``k`` with a tie rule, DensePairs.candidates). When ties would keep more than twice as many
    pairs (few distinct scores), DensePairs.candidates picks exactly ``k`` instead."""
    q = source.q
    n, m = source.shape
    if per_row >= m or per_col >= n:
        return source.all_pairs()
    take = q >= np.partition(q, m - per_row, axis=1)[:, m - per_row, None]
    if per_col > 0:
        take |= q >= np.partition(q, n - per_col, axis=0)[n - per_col]
    take &= q > source.missing
    rows, cols = np.divmod(np.flatnonzero(take), m)
    if rows.size > 2 * (per_row * n + per_col * m):
        return source.candidates(per_row, per_col, source.low)
    return PairSet(rows, cols, q[rows, cols].astype(np.int64))


def _sparse_candidates(pairs: PairSet, n: int, per_row: int) -> PairSet:
    """Each row's ``per_row`` best stored pairs, ties at the last place included (a threshold
    per row, by value partition of the rows padded to one length); every pair of shorter rows."""
    start = np.searchsorted(pairs.rows, np.arange(n + 1))
    length = int(np.diff(start).max(initial=0))
    if length <= per_row:
        return pairs
    padded = np.full((n, length), np.iinfo(np.int64).min)
    padded.reshape(-1)[_flat_slots(pairs.rows, start, length)] = pairs.q
    kth = np.partition(padded, length - per_row, axis=1)[:, length - per_row]
    return pairs.where(pairs.q >= kth[pairs.rows])


def _flat_slots(rows: np.ndarray, start: np.ndarray, width: int) -> np.ndarray:
    """Where each of the pairs (sorted by row, rows starting at ``start``) goes in a row-major
    ``(n, width)`` array, a row per mentee: one flat index (a 1-D store is about twice as fast as
    a 2-D fancy one)."""
    at = np.arange(rows.size, dtype=np.int64)
    at += rows * width
    at -= start[rows]
    return at


def _gain(mentee_dual: np.ndarray, mentor_dual: np.ndarray):
    """Pricing gain ``q_ij - u_i - v_j`` (in score units): positive where a pair would improve."""
    def gain(rows: np.ndarray, cols: np.ndarray, q: np.ndarray) -> np.ndarray:
        g: np.ndarray = q.astype(np.int64)
        g -= mentee_dual[rows]
        g -= mentor_dual[cols]
        return g
    return gain


def _improves(source: PairSource, gain) -> bool:
    """Whether any free pair has a positive gain (the graph's own pairs have none): one pass
    of the gain alone, in row blocks of a dense matrix (missing pairs hold a score far below any
    gain), before the costlier selection of :meth:`PairSource.best`."""
    if not isinstance(source, DensePairs):
        p = source.all_pairs()
        return bool(gain(p.rows, p.cols, p.q).max(initial=0) > 0)
    q = source.q
    n, m = source.shape
    step = max(1, CHUNK_ENTRIES // max(m, 1))
    cols = np.arange(m)[None, :]
    return any(gain(np.arange(start, min(n, start + step))[:, None], cols, q[start:start + step]).max() > 0
               for start in range(0, n, step))


def _dense(source: DensePairs, tiers: Tiers, unit: int, residual: Residual, full_first: bool,
           jv: bool) -> tuple[PairSet, Duals, str]:
    """The whole dense matrix, a column per mentor place and a row per mentee slot, through
    :func:`_jv` (with ``jv``: everyone has one free slot or place) or ``linear_sum_assignment``
    (:func:`_copies`), and duals checked on every pair; the method used.

    Weights are exact integers in float64 (``applies`` checked the head-room); ``-inf`` marks
    pairs that are not free or weigh <= 0.
    """
    q = source.q
    bonus = tiers.first_rank * unit
    if jv:
        solved = _jv(source, bonus)
        if solved is not None:
            sigma, u, v = solved
            r = np.flatnonzero(sigma >= 0)
            c = sigma[r]
            return PairSet(r, c, q[r, c].astype(np.int64)), Duals(u, v), JV_METHOD
    w = q.astype(np.float64)
    w += bonus[:, None]
    if source.missing + int(bonus.max(initial=0)) > 0:  # missing pairs could look positive
        w[q == source.missing] = -np.inf
    w[w <= 0] = -np.inf
    slots, capacity = residual.slots, residual.capacity
    rows, cols = np.flatnonzero(slots > 0), np.flatnonzero(capacity > 0)
    everyone = rows.size == slots.size and cols.size == capacity.size
    slot_row = np.repeat(np.arange(rows.size), slots[rows])  # a row per slot, the first slot first
    place_col = _places(capacity[cols])
    several_slots = slot_row.size > rows.size
    if everyone and not several_slots and place_col.size == cols.size:
        sub = w
    else:
        sub = w[np.ix_(rows[slot_row], cols[place_col])]
    # a further slot weighs its bonus less than the first: (first_rank - extra_rank) * unit
    below = np.zeros(slot_row.size, np.int64)
    if several_slots:
        later = np.flatnonzero(np.diff(slot_row, prepend=-1) == 0)
        below[later] = (tiers.first_rank - tiers.extra_rank)[rows[slot_row[later]]] * unit
        sub[later] -= below[later, None]
        sub[sub <= 0] = -np.inf
    partner, u_slot, v_place, held, gadgets = _copies(sub, slot_row, place_col, full_first)
    # each mentee's dual from its slots': the least u + below keeps every slot's pairs covered
    u = u_slot + below
    if several_slots:
        u = np.minimum.reduceat(u, np.searchsorted(slot_row, np.arange(rows.size)))
    v = _per_mentor(v_place, place_col)
    duals = Duals(u, v, held) if everyone else replace(_rest(w, rows, cols, u, v), held=held)
    matched = np.flatnonzero(partner >= 0)
    r, c = rows[slot_row[matched]], cols[partner[matched]]
    method = f"{DENSE_METHOD}, {gadgets} pairs held to one slot" if gadgets else DENSE_METHOD
    return PairSet(r, c, q[r, c].astype(np.int64)), duals, method


def _copies(w: np.ndarray, slot_row: np.ndarray, place_col: np.ndarray, full_first: bool
            ) -> tuple[np.ndarray, np.ndarray, np.ndarray, int, int]:
    """The best pairing of ``w`` (a row per mentee slot, ``slot_row`` its mentee; a column per
    mentor place, ``place_col`` its mentor) that pairs no mentee twice with one mentor, and its
    least duals: each slot's mentor or -1, the slots' and places' duals, what the held pairs add
    to the bound and how many there are.

    A mentee of two slots may take two places of one mentor in the capacity-expanded matrix,
    which the model does not allow (a pair is one slot). Such pairs are then held to one slot and
    the matrix solved again: the pair's weight moves from the mentor's places to a column of its
    own, and a row of its own takes either that column (the pair unused) or one of the mentor's
    places (used: it fills one place), both at weight 0, so the mentee reaches the mentor once at
    most and at the cost of one place. Every pairing of the model is still a pairing of this
    matrix, so the first solve without a pair taken twice is the model's optimum. Its least duals
    ``z`` (the held pair's row) and ``y`` (its column) give the pair's capacity dual ``z + y >= 0``
    in the model's LP, with ``y <= z + y + v_j``: the mentee's pair with the mentor stays covered.

    Examples
    --------
    >>> w = np.array([[9.0, 9.0, 1.0], [5.0, 5.0, 1.0]])  # one mentee, two slots; mentor 0 twice
    >>> partner, u, v, held, count = _copies(w, np.array([0, 0]), np.array([0, 0, 1]), True)
    >>> partner.tolist(), held, count   # mentor 0 once, mentor 1 for the other slot
    ([0, 1], 4, 1)
    """
    slots, places = w.shape
    width = int(place_col.max(initial=0)) + 1  # pair keys: mentee * width + mentor
    held_row, held_col = np.empty(0, np.int64), np.empty(0, np.int64)
    while True:
        matrix = _holding(w, slot_row, place_col, held_row, held_col)
        sigma = _lsa(matrix, full_first, optional=slots)
        u, v = _least_duals(matrix, sigma, matrix.shape[1], optional=slots)
        taken = np.flatnonzero(sigma[:slots] >= 0)
        partner = np.full(slots, -1, np.int64)
        partner[taken] = np.r_[place_col, held_col][sigma[taken]]
        key = slot_row[taken] * width + partner[taken]
        ordered = np.sort(key)
        twice = np.unique(ordered[1:][ordered[1:] == ordered[:-1]])
        if not twice.size:
            return partner, u[:slots], v[:places], int(u[slots:].sum() + v[places:].sum()), held_row.size
        held_row, held_col = np.r_[held_row, twice // width], np.r_[held_col, twice % width]
        order = np.lexsort((held_col, held_row))
        held_row, held_col = held_row[order], held_col[order]


def _holding(w: np.ndarray, slot_row: np.ndarray, place_col: np.ndarray, held_row: np.ndarray,
             held_col: np.ndarray) -> np.ndarray:
    """``w`` with each (mentee, mentor) pair of ``held_row``, ``held_col`` usable by one slot
    only (see :func:`_copies`): a column and a row more per held pair."""
    held = held_row.size
    if not held:
        return w
    slots, places = w.shape
    out = np.full((slots + held, places + held), -np.inf)
    out[:slots, :places] = w
    pair = np.arange(held)
    first_slot, end_slot = np.searchsorted(slot_row, held_row), np.searchsorted(slot_row, held_row, "right")
    first_place, end_place = np.searchsorted(place_col, held_col), np.searchsorted(place_col, held_col, "right")
    slot = _ranges(first_slot, end_slot)
    of = np.repeat(pair, end_slot - first_slot)
    out[slot, places + of] = w[slot, first_place[of]]  # the pair's own column
    out[np.repeat(slot, (end_place - first_place)[of]), _ranges(first_place[of], end_place[of])] = -np.inf
    out[slots + pair, places + pair] = 0.0  # the pair's row: its column (unused) ...
    out[slots + np.repeat(pair, end_place - first_place), _ranges(first_place, end_place)] = 0.0  # or a place
    return out


def _jv_solver():
    """``lapjv.lapjv`` (the compiled Jonker-Volgenant solver of the ``lapjv`` package, which
    returns its duals), or None where the package is not installed (it is the optional extra
    ``fast``, for x86-64 only: elsewhere scipy's solvers do the work)."""
    try:
        from lapjv import lapjv
    except ImportError:
        return None
    return lapjv


def _jv(source: DensePairs, bonus: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """The best pairing of the whole matrix (one free slot and place per person) and its duals
    from ``lapjv``, on the square matrix of costs ``C = -max(w, 0)`` (``w = bonus_i + q_ij``; 0 for
    a missing pair and for the zeros that pad the matrix square); None without ``lapjv`` or when
    its duals do not prove its pairing (scipy's path runs then).

    A pairing of ``w`` is a perfect one of the square matrix: a row or column left unpaired, or
    paired through an entry of cost 0, is unpaired. JV's duals ``a_i + b_j <= C_ij`` (equality
    on its pairing) become ``u = -a - max(b)``, ``v = max(b) - b``: ``u_i + v_j = -(a_i + b_j) >=
    max(w_ij, 0)``, ``v >= 0``, and ``u >= 0`` since every entry is <= 0, so ``a_i + max(b) <= 0``.
    On an entry of cost 0, ``u_i + v_j = 0``: both are 0 for everyone unpaired, so the bound
    equals the pairing's weight. :func:`_proves` checks all of it, on every pair.

    Examples
    --------
    >>> src = DensePairs(np.array([[4.0, 1.0, 3.0], [2.0, -1.0, 5.0]]), None, 1.0, (-1.0, 5.0))
    >>> found = _jv(src, np.zeros(2, np.int64))  # None where lapjv is not installed
    >>> found is None or [a.tolist() for a in found] == [[0, 2], [1, 3], [3, 0, 2]]
    True
    """
    solver = _jv_solver()
    q = source.q
    n, m = source.shape
    if solver is None or not n or not m:
        return None
    size = max(n, m)
    cost = np.zeros((size, size))
    fix_missing = source.missing + int(bonus.max(initial=0)) > 0  # they could look like pairs
    step = max(1, CHUNK_ENTRIES // size)
    for first in range(0, n, step):  # in row blocks that stay in the cache for all three passes
        band = slice(first, min(n, first + step))
        block = cost[band, :m]
        # -bonus - q in one pass, in float (-(int32 min) overflows)
        np.subtract(-bonus[band, None], q[band], out=block, dtype=np.float64)
        if fix_missing:
            block[q[band] == source.missing] = 0.0
        np.minimum(block, 0.0, out=block)
    cols, _, (_, a, b) = solver(cost, force_doubles=True)
    top = b.max()
    u, v = np.rint(-a[:n] - top).astype(np.int64), np.rint(top - b[:m]).astype(np.int64)
    sigma = cols[:n].astype(np.int64)
    sigma[sigma >= m] = -1
    rows = np.flatnonzero(sigma >= 0)
    taken = cost[rows, sigma[rows]]
    sigma[rows[taken == 0.0]] = -1  # paired through a cost-0 entry: unpaired
    if not _proves(cost[:n, :m], u, v, -int(taken.sum())):
        return None
    return sigma, u, v


def _proves(cost: np.ndarray, u: np.ndarray, v: np.ndarray, weight: int) -> bool:
    """Whether the duals ``u, v`` prove a pairing of this ``weight`` optimal on the costs
    ``C = -max(w, 0)``: ``u, v >= 0``, ``C_ij + u_i + v_j >= 0`` on every pair (so ``u_i + v_j >=
    w_ij``), and ``sum(u) + sum(v)``, an upper bound on every pairing, equal to the weight."""
    if u.min(initial=0) < 0 or v.min(initial=0) < 0 or int(u.sum()) + int(v.sum()) != weight:
        return False
    n, m = cost.shape
    step = max(1, CHUNK_ENTRIES // m)
    return all(((cost[first:first + step] + v).min(axis=1) + u[first:first + step] >= 0).all()
               for first in range(0, n, step))


def _lsa(w: np.ndarray, full_first: bool, optional: int | None = None) -> np.ndarray:
    """Each row's column in the best pairing of ``w`` (``-inf``: not a pair), -1 when unpaired.

    With ``full_first`` (coverage: the safe unit makes the best pairing one of the most pairs) a
    pairing of every row is tried first. Otherwise, or when none exists, row ``i`` also gets a
    stand-in column of weight 0 so that it may stay unpaired; with ``optional``, only the first
    ``optional`` rows do (the others are always paired).
    """
    from scipy.optimize import linear_sum_assignment  # see _lapjvsp: imported only when used

    n, m = w.shape
    sigma = np.full(n, -1, np.int64)
    if not n or not m:
        return sigma
    if full_first and n <= m:
        try:
            return linear_sum_assignment(w, maximize=True)[1].astype(np.int64)
        except ValueError:  # no pairing covers every row
            pass
    alone = n if optional is None else optional
    extended = np.full((n, m + alone), -np.inf)
    extended[:, :m] = w
    extended[np.arange(alone), m + np.arange(alone)] = 0.0
    cols = linear_sum_assignment(extended, maximize=True)[1]
    return np.where(cols < m, cols, -1).astype(np.int64)


def _least_duals(w: np.ndarray, sigma: np.ndarray, m: int, cols: np.ndarray | None = None,
                 optional: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The least duals of the pairing ``sigma`` (module doc), as int64: ``w`` holds each row's
    weights, ``-inf`` for no pair, a row per mentee, one column per mentor (dense), or with the
    mentors in ``cols`` (a candidate graph, rows padded to one length). With ``optional``, only
    the first ``optional`` rows may stay unpaired: the duals of the others (always paired) may be
    negative.

    A sweep relaxes the rows of the mentees whose mentor's dual rose in the sweep before (all
    paired mentees at first); when a sweep raises nothing, every constraint of every pair holds.
    """
    n = w.shape[0]
    matched = np.flatnonzero(sigma >= 0)
    unpaired = np.flatnonzero(sigma < 0)
    v = np.zeros(m)
    if unpaired.size:  # an unpaired mentee's dual is 0: v_j >= w_ij
        if cols is None:
            np.maximum(v, w[unpaired].max(axis=0), out=v)
        else:
            np.maximum.at(v, cols[unpaired].ravel(), w[unpaired].ravel())
    weight = np.zeros(n)
    if cols is None:
        weight[matched] = w[matched, sigma[matched]]
    else:
        own = w[matched]
        weight[matched] = own[(cols[matched] == sigma[matched, None]) & (own > -np.inf)]
    mentee_of = np.full(m, -1, np.int64)
    mentee_of[sigma[matched]] = matched
    reduced = w - weight[:, None]  # once: each sweep then adds its mentees' mentor duals
    front = matched
    for _sweep in range(m + 2):
        if not front.size:
            break
        relaxed = reduced[front]
        relaxed += v[sigma[front]][:, None]
        if cols is None:
            best = relaxed.max(axis=0)
        else:
            best = v.copy()
            np.maximum.at(best, cols[front].ravel(), relaxed.ravel())
        rose = (best > v).nonzero()[0]
        if not rose.size:
            break
        v[rose] = best[rose]
        front = mentee_of[rose]
        front = front[front >= 0]
    else:
        raise RuntimeError("the pairing's duals do not converge: it is not optimal")
    u = np.zeros(n)
    u[matched] = weight[matched] - v[sigma[matched]]
    _check(u[:optional], v, sigma, m)
    return u.astype(np.int64), v.astype(np.int64)


def _padded(rows: np.ndarray, cols: np.ndarray, weight: np.ndarray, n: int
            ) -> tuple[np.ndarray, np.ndarray]:
    """Pairs sorted by row as (n, L) arrays of weights (``-inf`` past a row's end) and mentors."""
    start = np.searchsorted(rows, np.arange(n + 1))
    width = max(1, int(np.diff(start).max(initial=0)))
    at = _flat_slots(rows, start, width)
    w = np.full((n, width), -np.inf)
    w.reshape(-1)[at] = weight
    c = np.zeros((n, width), np.int64)
    c.reshape(-1)[at] = cols
    return w, c


def _check(u: np.ndarray, v: np.ndarray, sigma: np.ndarray, m: int) -> None:
    """The least duals certify the pairing only with ``u >= 0`` and 0 on every unpaired mentor."""
    unpaired = np.ones(m, bool)
    unpaired[sigma[sigma >= 0]] = False
    if u.min(initial=0) < 0 or v[unpaired].max(initial=0) > 0:
        raise RuntimeError("the pairing's duals do not certify it: it is not optimal")


def _rest(w: np.ndarray, rows: np.ndarray, cols: np.ndarray, u: np.ndarray, v: np.ndarray) -> Duals:
    """Duals of every person from those of the people with a free slot or place (``rows`` x
    ``cols`` of the dense weights ``w``): the others take none, so any duals covering their pairs
    keep the bound; the least such ones."""
    n, m = w.shape
    u_all, v_all = np.zeros(n), np.zeros(m)
    u_all[rows], v_all[cols] = u, v
    off_rows = np.setdiff1d(np.arange(n), rows)
    if off_rows.size and cols.size:
        u_all[off_rows] = np.maximum(0, (w[np.ix_(off_rows, cols)] - v).max(axis=1))
    off_cols = np.setdiff1d(np.arange(m), cols)
    if off_cols.size:
        v_all[off_cols] = np.maximum(0, (w[:, off_cols] - u_all[:, None]).max(axis=0))
    return Duals(u_all.astype(np.int64), v_all.astype(np.int64))


def _on_graph(graph: PairSet, bonus: np.ndarray, rows_on: np.ndarray, capacity: np.ndarray,
              full_first: bool) -> tuple[PairSet, Duals]:
    """The best pairing of the candidate ``graph`` (each pair once per place of its mentor) by
    LAPJVsp and its least duals on the graph."""
    n, m = rows_on.size, capacity.size
    cols_on = capacity > 0
    w = graph.q + bonus[graph.rows]
    usable = (w > 0) & rows_on[graph.rows] & cols_on[graph.cols]
    rows, cols, weight = graph.rows, graph.cols, w
    if not usable.all():  # indices, not three boolean selections (see PairSet.where)
        at = np.flatnonzero(usable)
        rows, cols, weight = rows[at], cols[at], weight[at]
    places = _places(capacity)
    wide = places.size > m
    if wide:  # the pairs of every place, in (row, place) order
        first = np.searchsorted(places, np.arange(m))
        copies = capacity[cols]
        place = np.repeat(first[cols] - (np.cumsum(copies) - copies), copies) + np.arange(int(copies.sum()))
        rows, cols, weight = np.repeat(rows, copies), place, np.repeat(weight, copies)
    sigma = _lapjvsp(rows, cols, weight, n, places.size, full_first)
    if n * int(np.bincount(rows, minlength=1).max()) <= 4 * rows.size + n:
        padded_weight, padded_cols = _padded(rows, cols, weight, n)
        u, v = _least_duals(padded_weight, sigma, places.size, padded_cols)
    else:  # rows of very unequal length: padding them would multiply the work
        u, v = _graph_duals(rows, cols, weight, sigma, n, places.size)
        _check(u, v, sigma, places.size)
    if wide:
        sigma, v = np.where(sigma >= 0, places[np.maximum(sigma, 0)], -1), _per_mentor(v, places)
    if not (rows_on.all() and cols_on.all()):
        # people without a free slot or place: the least duals that cover their graph pairs
        off = ~usable & (w > 0)
        off_rows = off & ~rows_on[graph.rows]
        np.maximum.at(u, graph.rows[off_rows], w[off_rows] - v[graph.cols[off_rows]])
        off_cols = off & ~cols_on[graph.cols]
        np.maximum.at(v, graph.cols[off_cols], w[off_cols] - u[graph.rows[off_cols]])
    matched = np.flatnonzero(sigma >= 0)
    return PairSet(matched, sigma[matched], graph.lookup(matched, sigma[matched], m)), Duals(u, v)


def _lapjvsp(rows: np.ndarray, cols: np.ndarray, weight: np.ndarray, n: int, m: int,
             full_first: bool) -> np.ndarray:
    """Each row's column in the best pairing of the sparse pairs (sorted by row, weight > 0
    each), -1 when unpaired (see :func:`_lsa`; a row is unpaired by a stand-in column ``m + i``).

    LAPJVsp minimises ``-weight`` (no entry is 0, which it would drop); with stand-ins every full
    matching has one entry per row, so the stand-ins' ``-1`` and ``-1`` more on every weight
    shift all of them alike.
    """
    # scipy.optimize and csgraph are imported here, not with the module: a round that the flow
    # engine solves (and every command that solves nothing) never loads them
    from scipy.sparse.csgraph import min_weight_full_bipartite_matching

    sigma = np.full(n, -1, np.int64)
    start = np.searchsorted(rows, np.arange(n + 1))
    present = np.flatnonzero(np.diff(start))
    if not present.size:
        return sigma
    if full_first and present.size <= m:
        try:
            # rows without pairs cannot be paired: the matrix has only the others
            graph = sparse.csr_array((-weight.astype(np.float64), cols, np.r_[0, start[present + 1]]),
                                     shape=(present.size, m))
            r, c = min_weight_full_bipartite_matching(graph)
            sigma[present[r]] = c
            return sigma
        except ValueError:  # no pairing covers every row: some stay unpaired
            pass
    # row i's pairs, then its stand-in m + i: indices stay sorted within each row
    at = start[:-1] + np.arange(n)
    indices = np.empty(rows.size + n, np.int64)
    data = np.empty(rows.size + n)
    keep = np.ones(rows.size + n, bool)
    keep[at + np.diff(start)] = False
    indices[keep], data[keep] = cols, -1.0 - weight
    indices[~keep], data[~keep] = m + np.arange(n), -1.0
    graph = sparse.csr_array((data, indices, start + np.arange(n + 1)), shape=(n, m + n))
    r, c = min_weight_full_bipartite_matching(graph)
    real = c < m
    sigma[r[real]] = c[real]
    return sigma


def _graph_duals(rows: np.ndarray, cols: np.ndarray, weight: np.ndarray, sigma: np.ndarray,
                 n: int, m: int) -> tuple[np.ndarray, np.ndarray]:
    """The least duals of the pairing ``sigma`` on the sparse pairs (sorted by row), as
    :func:`_dense_duals` computes them on a dense matrix."""
    matched = sigma >= 0
    v = np.zeros(m, np.int64)
    alone = ~matched[rows]
    np.maximum.at(v, cols[alone], weight[alone])
    paired = np.zeros(n, np.int64)
    at_pair = matched[rows] & (cols == sigma[rows])
    paired[rows[at_pair]] = weight[at_pair]
    mentee_of = np.full(m, -1, np.int64)
    mentee_of[sigma[matched]] = np.flatnonzero(matched)
    start = np.searchsorted(rows, np.arange(n + 1))
    edges = np.flatnonzero(~alone)  # the first sweep relaxes every paired mentee's pairs
    for _sweep in range(m + 2):
        u = paired - np.where(matched, v[np.maximum(sigma, 0)], 0)
        best = v.copy()
        np.maximum.at(best, cols[edges], weight[edges] - u[rows[edges]])
        rose = np.flatnonzero(best > v)
        if not rose.size:
            break
        v = best
        front = mentee_of[rose]
        front = front[front >= 0]
        lengths = start[front + 1] - start[front]
        edges = np.arange(int(lengths.sum())) + np.repeat(start[front] - (np.cumsum(lengths) - lengths), lengths)
    else:
        raise RuntimeError("the pairing's duals do not converge: it is not optimal")
    u = np.where(matched, paired - v[np.maximum(sigma, 0)], 0)
    return u, v
