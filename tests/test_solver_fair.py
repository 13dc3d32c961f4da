"""``fair`` against independent methods, and its certificate checked on the whole matrix.

The fair engine (fair.py) never solves coverage itself: it proves coverage's tier counts with
max-flow cuts, finds the threshold with max-flows on a candidate graph it trusts, and runs one
weighted solve above it. Here the result is compared with brute force (tiny rounds) and with the
PuLP model (rounds of a few hundred pairs), on candidate graphs far too small for the answer (so
the cut checks must bring the missing pairs in), with ties, locks, forbids, capacities, two-slot
mentees and priorities; every cut of the certificate is recomputed from the matrix.
"""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ortools.graph.python import max_flow
from scipy import sparse
from test_solver import brute_force_fair, check_valid, rounds, solver_key

from matcher.solver import solve_assignment
from matcher.solver.fair import _most_units
from matcher.solver.tuning import DEFAULT
from matcher.solver.weights import make_tiers

#: a candidate graph of each mentee's single best pair: the search must repair it through proofs
TINY = DEFAULT.replace(row_candidates=1, column_candidates=0, pricing_per_row=1)


def cut_capacity(r: dict, certificate, cut) -> int:
    """A cut's capacity recomputed from the round: free slots of level >= ``cut.level`` of the
    sink-side mentees + free places of the source-side mentors + free pairs scoring at least the
    cut's threshold from source-side mentees to sink-side mentors."""
    scores = r["scores"]
    n, m = scores.shape
    locked = r["locked"]
    has_lock = np.bincount(locked[:, 0], minlength=n) > 0
    tiers = make_tiers("coverage", r["priority"], has_lock)
    slots = r["mentee_capacity"] - np.bincount(locked[:, 0], minlength=n)
    first = np.minimum(slots, 1) * ~has_lock
    level_slots = first * (tiers.first_rank >= cut.level) + (slots - first) * (tiers.extra_rank >= cut.level)
    places = r["capacity"] - np.bincount(locked[:, 1], minlength=m)
    free = r["feasible"].copy()
    free[r["forbidden"][:, 0], r["forbidden"][:, 1]] = False
    free[locked[:, 0], locked[:, 1]] = False
    above = free & (np.rint(scores * certificate.scale) >= cut.threshold)
    mentee_side = np.isin(np.arange(n), cut.mentees)
    mentor_side = np.isin(np.arange(m), cut.mentors)
    return int(level_slots[~mentee_side].sum() + places[mentor_side].sum()
               + above[np.ix_(mentee_side, ~mentor_side)].sum())


def check_certificate(r: dict, a) -> None:
    """Gap 0, every tier cut tight on the whole matrix, the next cut below its level's count, and
    the threshold the lowest free pair chosen."""
    c = a.certificate
    assert c.gap == 0
    for cut in c.tier_cuts:
        assert cut_capacity(r, c, cut) == cut.capacity
    locked = {tuple(p) for p in r["locked"].tolist()}
    free = [r["scores"][i, j] for i, j in a.pairs.tolist() if (i, j) not in locked]
    if c.next_cut is None:
        assert not free
        return
    count = {cut.level: cut.capacity for cut in c.tier_cuts}[c.next_cut.level]
    assert cut_capacity(r, c, c.next_cut) == c.next_cut.capacity < count
    assert c.next_cut.threshold == round(c.threshold * c.scale) + 1
    assert round(min(free) * c.scale) == round(c.threshold * c.scale)  # t* is reached, not only kept


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rounds())
def test_fair_on_a_graph_far_too_small_matches_brute_force(r):
    a = solve_assignment(**r, objective="fair", tuning=TINY)
    check_valid(r, a.pairs)
    assert solver_key(r, a, "fair") == brute_force_fair(r)
    check_certificate(r, a)


@st.composite
def mid_rounds(draw):
    """Rounds of up to 24 x 14 with coarse integer scores (many ties), locks and forbids."""
    n, m = draw(st.integers(2, 24)), draw(st.integers(2, 14))
    rng = np.random.default_rng(draw(st.integers(0, 2 ** 32 - 1)))
    scores = rng.integers(-2, draw(st.sampled_from([3, 8, 40, 1000])), (n, m)).astype(float)
    feasible = rng.random((n, m)) > draw(st.sampled_from([0.0, 0.3, 0.7]))
    capacity = rng.integers(0, 4, m)
    mentee_capacity = np.where(rng.random(n) < 0.2, 2, 1)
    priority = rng.integers(0, 3, n) if draw(st.booleans()) else np.zeros(n, int)
    pairs = np.argwhere(feasible)
    picked = pairs[rng.random(len(pairs)) < 0.1]
    locked = picked[rng.random(len(picked)) < 0.5]
    # at most one lock per mentee, and within every mentor's capacity
    locked = locked[np.unique(locked[:, 0], return_index=True)[1]] if len(locked) else locked
    keep = np.zeros(len(locked), bool)
    used = np.zeros(m, int)
    for index, (_, j) in enumerate(locked.tolist()):
        if used[j] < capacity[j]:
            keep[index], used[j] = True, used[j] + 1
    locked = locked[keep].reshape(-1, 2)
    lock_set = {tuple(p) for p in locked.tolist()}
    forbidden = np.array([p for p in picked.tolist() if tuple(p) not in lock_set], int).reshape(-1, 2)
    return dict(scores=scores, capacity=capacity, feasible=feasible, mentee_capacity=mentee_capacity,
                priority=priority, locked=locked, forbidden=forbidden)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mid_rounds())
def test_fair_matches_the_pulp_model_with_ties_locks_and_forbids(r):
    lp = solve_assignment(**r, objective="fair", engine="lp")
    for tuning in (DEFAULT, TINY):
        a = solve_assignment(**r, objective="fair", tuning=tuning)
        check_valid(r, a.pairs)
        assert solver_key(r, a, "fair") == solver_key(r, lp, "fair")
        if lp.certificate.threshold is not None:  # None: the LP had no free pair to pair
            assert a.certificate.threshold == lp.certificate.threshold
        check_certificate(r, a)


def test_fair_searches_again_above_a_threshold_its_graph_missed():
    """With one candidate pair per mentee the search stops low; the proof of ``t* + 1`` brings in
    the pairs that reach it after all, and the search must resume above (22 x 14, seed 4)."""
    rng = np.random.default_rng(4)
    n, m = rng.integers(3, 30), rng.integers(2, 15)
    scores = rng.integers(0, rng.choice([5, 50, 1000]), (n, m)).astype(float)
    r = dict(scores=scores, capacity=rng.integers(1, 3, m), feasible=rng.random((n, m)) > 0.3,
             mentee_capacity=np.ones(n, int), priority=np.zeros(n, int),
             locked=np.empty((0, 2), int), forbidden=np.empty((0, 2), int))
    a = solve_assignment(**r, objective="fair", tuning=TINY)
    lp = solve_assignment(**r, objective="fair", engine="lp")
    assert solver_key(r, a, "fair") == solver_key(r, lp, "fair")
    check_certificate(r, a)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rounds(), st.sampled_from(["dense", "graph", "sparse"]))
def test_fair_on_pure_assignments_takes_scipys_solver_and_matches_brute_force(r, path):
    # one free slot per mentee (a lock uses a two-slot mentee's other one), any places per mentor:
    # the threshold search, then engines/lsa.py above t* (the whole matrix, a candidate graph of
    # one pair a row that pricing must repair, or a sparse matrix); the search's own graph is
    # tiny too, so its cut checks must bring pairs in
    r = {**r, "mentee_capacity": np.minimum(r["mentee_capacity"], 1 + (np.bincount(
        r["locked"][:, 0], minlength=r["scores"].shape[0]) > 0))}
    r["locked"] = r["locked"][np.unique(r["locked"][:, 0], return_index=True)[1]]
    tuning = TINY.replace(assignment_dense=0, assignment_row_candidates=1,
                          assignment_column_candidates=0) if path == "graph" else TINY
    given_scores, feasible = r["scores"], r["feasible"]
    if path == "sparse":
        i, j = np.nonzero(feasible)
        given_scores, feasible = sparse.csr_array((r["scores"][i, j], (i, j)), shape=feasible.shape), None
    a = solve_assignment(given_scores, r["capacity"], feasible=feasible, mentee_capacity=r["mentee_capacity"],
                         priority=r["priority"], locked=r["locked"], forbidden=r["forbidden"],
                         objective="fair", tuning=tuning)
    check_valid(r, a.pairs)
    assert solver_key(r, a, "fair") == brute_force_fair(r)
    assert "scipy" in a.certificate.method
    check_certificate(r, a)
    # the duals price every free pair scoring at least the threshold
    c = a.certificate
    free = r["feasible"].copy()
    free[r["forbidden"][:, 0], r["forbidden"][:, 1]] = False
    free[r["locked"][:, 0], r["locked"][:, 1]] = False
    q = np.rint(r["scores"] * c.scale)
    free &= q >= round(c.threshold * c.scale) if c.threshold is not None else free
    chosen = np.zeros_like(free)
    chosen[a.pairs[:, 0], a.pairs[:, 1]] = True
    slack = q - c.mentee_dual[:, None] - c.mentor_dual[None, :]
    assert (slack[free & ~chosen] <= 0).all() and (slack[free & chosen] >= 0).all()


def graph_max_flow(rows, cols, q, slots, capacity, threshold) -> int:
    mf = max_flow.SimpleMaxFlow()
    n, keep = slots.size, q >= threshold
    tails = np.r_[np.zeros(n, int), rows[keep] + 2, np.arange(capacity.size) + 2 + n]
    heads = np.r_[np.arange(n) + 2, cols[keep] + 2 + n, np.ones(capacity.size, int)]
    mf.add_arcs_with_capacity(tails.astype(np.int32), heads.astype(np.int32),
                              np.r_[slots, np.ones(keep.sum(), int), capacity].astype(np.int64))
    mf.solve(0, 1)
    return int(mf.optimal_flow())


@settings(max_examples=80, deadline=None)
@given(st.integers(1, 8), st.integers(1, 6), st.integers(0, 2 ** 32 - 1))
def test_counting_bound_never_cuts_off_a_reachable_threshold(n, m, seed):
    """_most_units bounds the search from above: no threshold above it fills the target."""
    rng = np.random.default_rng(seed)
    keep = rng.random((n, m)) < 0.6
    rows, cols = np.nonzero(keep)
    q = rng.integers(0, 6, rows.size)
    slots, capacity = rng.integers(0, 3, n), rng.integers(0, 3, m)
    target = graph_max_flow(rows, cols, q, slots, capacity, q.min(initial=0))
    if not target:
        return
    order = np.argsort(-q, kind="stable")
    bound = min(_most_units(q[order], owner[order], np.ones(q.size, np.int64), {1: room}, {1: target})
                for owner, room in ((rows, slots), (cols, capacity)))
    reachable = [t for t in np.unique(q) if graph_max_flow(rows, cols, q, slots, capacity, t) >= target]
    assert max(reachable) <= bound


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mid_rounds())
def test_counting_claim_bounds_the_tiers_and_the_threshold(r):
    """fair.counted (small dense rounds): each level's claimed count is at least the max-flow over
    all free pairs, its cuts have the claimed capacities on the whole matrix, and when the counts
    hold no threshold above the claimed one keeps them; fair itself matches the PuLP model."""
    from matcher.solver.fair import counted
    from matcher.solver.flow import Network
    from matcher.solver.locks import check_locks
    from matcher.solver.pairs import PairSet
    from matcher.solver.problem import build_problem, pair_source

    problem = build_problem(r["scores"], r["capacity"], feasible=r["feasible"],
                            mentee_capacity=r["mentee_capacity"], priority=r["priority"],
                            locked=r["locked"], forbidden=r["forbidden"], objective="fair",
                            min_load=None, engine="flow")
    residual = check_locks(problem)
    source = pair_source(problem, residual.keys)
    tiers = make_tiers("coverage", problem.priority, residual.has_lock)
    claim = counted(source, tiers, Network.of_slots(residual.slots, residual.capacity), PairSet.empty())
    lp = solve_assignment(**r, objective="fair", engine="lp")
    a = solve_assignment(**r, objective="fair")
    assert solver_key(r, a, "fair") == solver_key(r, lp, "fair")
    check_certificate(r, a)
    if claim is None:
        return
    for cut in (*claim.cuts, claim.proof):  # in the source's own scale (fair's engine may coarsen it)
        assert cut_capacity(r, source, cut) == cut.capacity
    proven = {cut.level: cut.capacity for cut in a.certificate.tier_cuts}
    assert all(claim.targets[level] >= count for level, count in proven.items())
    if claim.targets == proven:
        assert round(a.certificate.threshold * source.scale) <= claim.at


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 12), st.integers(3, 9), st.integers(0, 2 ** 32 - 1))
def test_max_slots_with_a_widened_graph_keeps_the_value_and_a_tight_cut(n, m, seed):
    """cuts.max_slots with ``widen`` (fair's priced pairs): the count is the max-flow over every
    pair, its cut is tight on the whole matrix, and ``widen`` runs at most once, only after a
    check against the matrix added pairs."""
    from matcher.solver.cuts import max_slots
    from matcher.solver.flow import Network
    from matcher.solver.pairs import DensePairs, PairSet

    rng = np.random.default_rng(seed)
    scores = rng.integers(0, 5, (n, m)).astype(float)
    allowed = rng.random((n, m)) < 0.7
    source = DensePairs(scores, allowed, 1.0, (0.0, 4.0))
    slots, capacity = rng.integers(0, 3, n), rng.integers(0, 3, m)
    net = Network.of_slots(slots, capacity)
    rows, cols = np.nonzero(allowed)
    q = scores[rows, cols].astype(np.int64)
    threshold = int(rng.integers(0, 3))
    # the graph starts with each mentee's single best pair; widen offers a random half of the rest
    first = PairSet(*(a[np.unique(rows, return_index=True)[1]] for a in (rows, cols, q)))
    half = rng.random(rows.size) < 0.5
    calls = []

    def widen(at: int) -> PairSet:
        calls.append(at)
        return PairSet(rows[half], cols[half], q[half])

    value, cut, _ = max_slots(net, source, first, slots, threshold, 1, tuning=TINY, widen=widen)
    expected = graph_max_flow(rows, cols, q, slots, capacity, threshold)
    assert value == expected and len(calls) <= 1 and set(calls) <= {threshold}
    above = allowed & (scores >= threshold)
    mentee_side, mentor_side = np.isin(np.arange(n), cut.mentees), np.isin(np.arange(m), cut.mentors)
    assert cut.capacity == value == int(slots[~mentee_side].sum() + capacity[mentor_side].sum()
                                        + above[np.ix_(mentee_side, ~mentor_side)].sum())


def test_a_counting_bound_no_pairing_reaches_goes_to_the_search():
    # three mentees and three mentors each have a pair, but mentees 0 and 5 only mentor 1: the
    # counting bound (3) is more than any pairing passes (2), at every threshold (all scores equal)
    scores = np.zeros((6, 4))
    feasible = np.zeros((6, 4), bool)
    feasible[[0, 3, 3, 5], [1, 0, 3, 1]] = True
    capacity = np.array([1, 1, 0, 1])
    for engine in ("auto", "flow"):
        found = solve_assignment(scores, capacity, feasible=feasible, objective="fair", engine=engine)
        pairs = np.asarray(found.pairs)
        assert sorted(map(tuple, pairs.tolist())) in ([(0, 1), (3, 0)], [(0, 1), (3, 3)],
                                                       [(3, 0), (5, 1)], [(3, 3), (5, 1)])
