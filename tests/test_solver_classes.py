"""Heavy ties and scarce places: classes of identical people against independent methods.

Rounds here are built from a few *types* of mentee and mentor (as realistic form answers are), so
large blocks of rows and columns are identical and the flow engine solves them as a transportation
problem on classes (classes.py). Every result is checked against methods that know nothing of
classes: brute force on tiny rounds, scipy's ``linear_sum_assignment`` on the capacity-expanded
matrix, the PuLP LP engine, and the same engine with merging switched off.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linear_sum_assignment
from test_solver import OBJECTIVES, brute_force, brute_force_fair, check_valid, solver_key
from test_solver_scale import cut_capacity

from matcher.solver import solve_assignment
from matcher.solver.tuning import DEFAULT

#: the flow engine even where engines/lsa.py would take the round (one slot per mentee)
FLOW = DEFAULT.replace(assignment_pairs=0, assignment_sparse_pairs=0, assignment_slot_pairs=0)
#: merging off: the same engine on people (merge only when it saves more than everything)
UNMERGED = FLOW.replace(merge_at_least=2.0)
#: tiny candidate graphs, so pricing and the cut proofs run on classes too
TINY = FLOW.replace(row_candidates=2, column_candidates=0, pricing_per_row=1)


@st.composite
def tied_rounds(draw, max_mentees=6, max_mentors=4, max_types=3, locks=True):
    """A round of a few mentee and mentor types: rows and columns repeat, scores tie."""
    n = draw(st.integers(1, max_mentees))
    m = draw(st.integers(1, max_mentors))

    def ints(lo, hi, size):
        return np.array(draw(st.lists(st.integers(lo, hi), min_size=size, max_size=size)))

    kinds_e, kinds_r = draw(st.integers(1, max_types)), draw(st.integers(1, max_types))
    mentee_type, mentor_type = ints(0, kinds_e - 1, n), ints(0, kinds_r - 1, m)
    table = ints(-2, 6, kinds_e * kinds_r).reshape(kinds_e, kinds_r).astype(float) * 5
    allowed = ints(0, 4, kinds_e * kinds_r).reshape(kinds_e, kinds_r) > 0
    scores, feasible = table[np.ix_(mentee_type, mentor_type)], allowed[np.ix_(mentee_type, mentor_type)]
    capacity = ints(0, 3, m)
    # places are often scarcer than mentees: the usual case in real programmes
    capacity = np.minimum(capacity, 1) if draw(st.booleans()) else capacity
    k = np.where(ints(0, 3, n) == 0, 2, 1)
    priority = ints(0, 1, n) if draw(st.booleans()) else np.zeros(n, int)
    locked, forbidden = np.empty((0, 2), int), np.empty((0, 2), int)
    if locks and draw(st.booleans()):
        pairs = np.argwhere(feasible)
        if len(pairs):
            i, j = pairs[draw(st.integers(0, len(pairs) - 1))]
            if capacity[j] > 0:
                locked = np.array([[i, j]])
        free = [tuple(p) for p in np.argwhere(feasible).tolist() if tuple(p) not in {tuple(x) for x in locked.tolist()}]
        if free:
            forbidden = np.array([free[draw(st.integers(0, len(free) - 1))]])
    return dict(scores=scores, capacity=capacity, feasible=feasible, mentee_capacity=k,
                priority=priority, locked=locked.reshape(-1, 2), forbidden=forbidden.reshape(-1, 2))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tied_rounds())
def test_classes_match_brute_force_on_every_objective(r):
    for objective in OBJECTIVES:
        for tuning in (DEFAULT, FLOW, TINY):
            a = solve_assignment(**r, objective=objective, tuning=tuning)
            check_valid(r, a.pairs)
            expected = brute_force_fair(r) if objective == "fair" else brute_force(r, objective)[0]
            assert solver_key(r, a, objective) == expected, (objective, a.certificate.method)
            assert a.certificate.gap == 0


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tied_rounds(max_mentees=30, max_mentors=20, max_types=4, locks=False))
def test_classes_equal_linear_sum_assignment_on_expanded_places(r):
    """One mentor per mentee: LSA on (mentees x mentor places) is exact for coverage."""
    r = {**r, "mentee_capacity": np.ones(len(r["scores"]), int), "priority": np.zeros(len(r["scores"]), int)}
    a = solve_assignment(**r, tuning=TINY)
    cols = np.repeat(np.arange(r["scores"].shape[1]), r["capacity"])
    n = len(r["scores"])
    weight = np.where(r["feasible"], r["scores"] + 1000.0 * n, 0.0)[:, cols]
    rows, places = linear_sum_assignment(weight, maximize=True)
    keep = r["feasible"][rows, cols[places]]
    assert a.matched == int(keep.sum())
    assert a.total_score == pytest.approx(r["scores"][rows[keep], cols[places[keep]]].sum())
    assert a.certificate.gap == 0


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tied_rounds(max_mentees=12, max_mentors=8))
def test_classes_agree_with_the_lp_engine_and_with_merging_off(r):
    for objective in OBJECTIVES:
        merged = solve_assignment(**r, objective=objective)
        people = solve_assignment(**r, objective=objective, tuning=UNMERGED)
        lp = solve_assignment(**r, objective=objective, engine="lp")
        assert solver_key(r, merged, objective) == solver_key(r, lp, objective) == solver_key(r, people, objective)
        assert "classes" not in people.certificate.method


def form_like(n: int, m: int, places: int, seed: int):
    """A few dozen answer combinations: blocks of identical rows and columns, many equal scores."""
    rng = np.random.default_rng(seed)
    mentee_type, mentor_type = rng.integers(0, 12, n), rng.integers(0, 10, m)
    table = rng.integers(0, 8, (12, 10)) * 10.0
    allowed = rng.random((12, 10)) > 0.2
    capacity = np.ones(m, np.int64)
    np.add.at(capacity, rng.choice(2 * m, places - m, replace=False) % m, 1)
    return table[np.ix_(mentee_type, mentor_type)], allowed[np.ix_(mentee_type, mentor_type)], capacity


@pytest.mark.parametrize("places", [96, 120, 190])  # supply 0.8, 1.0, 1.6
def test_classes_certify_over_the_whole_matrix(places):
    scores, feasible, capacity = form_like(120, 80, places, seed=places)
    for objective in OBJECTIVES:
        a = solve_assignment(scores, capacity, feasible=feasible, objective=objective, tuning=TINY)
        assert "classes" in a.certificate.method and a.certificate.gap == 0
        people = solve_assignment(scores, capacity, feasible=feasible, objective=objective, tuning=UNMERGED)
        assert (a.matched, a.total_score, a.min_score) == (people.matched, people.total_score, people.min_score)
    c = solve_assignment(scores, capacity, feasible=feasible, tuning=TINY).certificate
    q = np.rint(scores * c.scale).astype(np.int64)
    slack = q - c.mentee_dual[:, None] - c.mentor_dual[None, :]
    chosen = np.zeros_like(feasible)
    a = solve_assignment(scores, capacity, feasible=feasible, tuning=TINY)
    chosen[a.pairs[:, 0], a.pairs[:, 1]] = True
    assert (slack[feasible & ~chosen] <= 0).all() and (slack[chosen] >= 0).all()


def test_fair_cut_on_classes_is_a_cut_of_people():
    scores, feasible, capacity = form_like(120, 80, 110, seed=3)
    a = solve_assignment(scores, capacity, feasible=feasible, objective="fair")
    proof = a.certificate.next_cut
    assert proof is not None
    assert cut_capacity(scores, feasible, capacity, a.certificate) == proof.capacity < a.matched


def test_identical_people_are_paired_by_the_documented_tie_rule():
    # three identical mentees, two identical mentors with one place each: the first two mentees
    # (index order) take the mentors in index order; the third stays unmatched
    scores = np.full((3, 2), 50.0)
    a = solve_assignment(scores, 1, tuning=FLOW)  # not engines/lsa.py
    assert "classes" in a.certificate.method
    assert a.pairs.tolist() == [[0, 0], [1, 1]]
    # a mentee with two slots next to identical mentors gets two distinct mentors
    b = solve_assignment(np.full((2, 3), 50.0), 1, mentee_capacity=[2, 1])
    assert len({tuple(p) for p in b.pairs.tolist()}) == len(b.pairs) == 3
    assert (np.bincount(b.pairs[:, 0], minlength=2) <= [2, 1]).all()


def test_merged_results_are_deterministic():
    scores, feasible, capacity = form_like(150, 90, 120, seed=9)
    runs = [solve_assignment(scores, capacity, feasible=feasible, objective=o, tuning=TINY).pairs
            for o in ("coverage", "coverage", "fair", "fair")]
    assert np.array_equal(runs[0], runs[1]) and np.array_equal(runs[2], runs[3])


def _true_classes(lines: np.ndarray) -> np.ndarray:
    """Class of each row by equal rows, numbered by first row: the definition, by np.unique."""
    _, first, inverse = np.unique(lines, axis=0, return_index=True, return_inverse=True)
    rank = np.argsort(np.argsort(first))
    return rank[inverse.reshape(-1)]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(1, 200), st.integers(1, 200), st.integers(1, 5), st.integers(1, 5),
       st.integers(0, 2 ** 32 - 1), st.booleans())
def test_merge_finds_exactly_the_identical_lines(n, m, kinds_e, kinds_r, seed, hidden):
    """Classes are the groups of equal rows (and columns), also when lines agree on the first
    entries the grouping starts from (classes.PROBE) and differ only after them."""
    from matcher.solver.classes import PROBE, merge
    from matcher.solver.pairs import DensePairs
    from matcher.solver.weights import make_tiers

    rng = np.random.default_rng(seed)
    table = rng.integers(0, 4, (kinds_e, kinds_r)) * 10.0
    scores = table[np.ix_(rng.integers(0, kinds_e, n), rng.integers(0, kinds_r, m))]
    if hidden:  # every row equal on the first PROBE columns and every column on the first PROBE rows
        scores[:, :PROBE] = 5.0
        scores[:PROBE] = 5.0
    src = DensePairs(scores, None, 1.0, (0.0, 30.0))
    tiers = make_tiers("coverage", np.zeros(n, int), np.zeros(n, bool))
    classes = merge(src, tiers, np.ones(n, np.int64), np.ones(m, np.int64), merge_at_least=-1.0)
    assert classes is not None
    assert classes.mentee_class.tolist() == _true_classes(src.q).tolist()
    assert classes.mentor_class.tolist() == _true_classes(src.q.T).tolist()
    expected = src.q[np.ix_(np.unique(classes.mentee_class, return_index=True)[1],
                            np.unique(classes.mentor_class, return_index=True)[1])]
    assert np.array_equal(classes.source.q, expected)
