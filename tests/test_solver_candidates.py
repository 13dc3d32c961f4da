"""The first candidate graph: per-line counts, the column selection by sampled bounds, and the
class-sized counts and price estimate of classes of identical people.

Exactness never depends on the candidate graph (pricing repairs it); these tests pin down that the
selections are the documented ones, so the graph is as good as intended and deterministic.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from matcher.solver import solve_assignment
from matcher.solver.engine import estimate_prices, initial_graph
from matcher.solver.flow import Network
from matcher.solver.pairs import COLUMN_SAMPLE, DensePairs, _largest_of_columns, _largest_of_each
from matcher.solver.tuning import DEFAULT
from tests.helpers import expanded_lsa


def reference_columns(values: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Each column's ``counts`` largest entries, ties to the lowest rows: a plain sort per column."""
    n, m = values.shape
    keep = np.zeros(values.shape, bool)
    for j in range(m):
        order = np.lexsort((np.arange(n), -values[:, j].astype(np.int64)))
        keep[order[:min(counts[j], n)], j] = True
    return keep


def mask(shape: tuple[int, int], rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    out = np.zeros(shape, bool)
    out[rows, cols] = True
    assert out.sum() == rows.size, "a pair was selected twice"
    return out


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_column_selection_is_each_columns_best_with_ties_to_the_lowest_rows(data):
    n, m = data.draw(st.integers(0, 40)), data.draw(st.integers(0, 12))
    distinct = data.draw(st.integers(1, 1000))
    values = data.draw(arrays(np.int32, (n, m), elements=st.integers(-distinct, distinct)))
    counts = np.array(data.draw(st.lists(st.integers(0, n + 2), min_size=m, max_size=m)), np.int64)
    rows, cols = _largest_of_columns(values, counts)
    assert (mask((n, m), rows, cols) == reference_columns(values, counts)).all()


@pytest.mark.parametrize("distinct", [5, 40, 10**6])
def test_column_selection_from_a_sample_of_rows_is_exact(distinct):
    # more rows than the sample: the bounds come from a subset, ties from few distinct scores
    rng = np.random.default_rng(distinct)
    n, m = 3 * COLUMN_SAMPLE, 30
    values = rng.integers(0, distinct, (n, m)).astype(np.int32)
    values[np.argsort(values[:, 0])] = values.copy()  # sorted rows must not fool the sample
    counts = rng.integers(0, 40, m)
    rows, cols = _largest_of_columns(values, counts)
    assert (mask((n, m), rows, cols) == reference_columns(values, counts)).all()


def test_rows_keep_their_own_count_with_ties_to_the_lowest_columns():
    rng = np.random.default_rng(3)
    values = rng.integers(0, 50, (40, 60))
    counts = rng.integers(0, 70, 40)
    keep = _largest_of_each(values, counts)[0]
    assert (keep == reference_columns(values.T, counts).T).all()


def test_a_class_of_many_mentees_gets_candidates_for_each_member():
    # 200 identical mentees who all prefer the same few mentors, 160 one-place mentors
    rng = np.random.default_rng(0)
    liked = np.sort(rng.random(160))[::-1] * 100
    scores = np.vstack([np.tile(liked, (200, 1)), rng.random((40, 160)) * 100])
    source = DensePairs(scores, None, 1e4, (0.0, 100.0))
    base = Network.of_slots(np.ones(240, np.int64), np.ones(160, np.int64))
    big = Network(**{**base.__dict__, "mentee_size": np.r_[200, np.ones(239, np.int64)]})
    graph, _ = initial_graph(source, big, DEFAULT)
    assert np.count_nonzero(graph.rows == 0) == 160  # 24 + 2 * 199 > 160: every mentor
    assert np.count_nonzero(graph.rows == 239) < 160  # a single mentee: its 24, and as a mentor's best

    # and the solve on classes is the solve on people
    # (the flow engine's classes, not engines/lsa.py, which takes mentors of several places too)
    flow = DEFAULT.replace(assignment_place_pairs=0, assignment_slot_pairs=0)
    a = solve_assignment(scores, 2, tuning=flow)
    b = solve_assignment(scores, 2, tuning=flow.replace(merge_at_least=2.0))
    assert "classes" in a.certificate.method and a.certificate.gap == 0
    assert (a.matched, round(a.total_score, 3)) == (b.matched, round(b.total_score, 3))


def test_a_class_bids_once_per_slot_in_the_price_estimate():
    # a class of 3 mentees and a single mentee, all wanting mentor 0 (2 places) first
    source = DensePairs(np.array([[9.0, 5.0, 1.0], [9.0, 5.0, 1.0]]), None, 1.0, (0.0, 9.0))
    capacity = np.array([2, 2, 2])
    as_people = estimate_prices(source, capacity)
    as_class = estimate_prices(source, capacity, slots=np.array([3, 1]))
    # people: both fit at mentor 0; the class's four bidders overflow to mentor 1 and price it
    assert as_people[1] == 0 and as_class[1] > 0


def crowded_round(rng: np.random.Generator, n: int, m: int, supply: float):
    """Continuous scores with one crowded field (60% of the mentees, 10% of the mentors): its
    mentees score 40 points more with its mentors, so most must be priced out to other fields,
    as in the scores ``matcher run`` gives such a round (every row distinct: no classes)."""
    mentee_field = rng.random(n) < 0.6
    mentor_field = np.zeros(m, bool)
    mentor_field[:max(1, m // 10)] = True
    scores = 50 * rng.random((n, m)) + 40.0 * (mentee_field[:, None] == mentor_field[None, :])
    feasible = rng.random((n, m)) > 0.2
    places = max(m, round(supply * n))
    capacity = np.ones(m, np.int64) + np.bincount(rng.integers(0, m, places - m), minlength=m)
    return scores, feasible, capacity


def test_the_price_estimate_makes_lists_again_when_they_run_dry():
    # five mentees all love mentor 0 (one place), then mentors 1, 2, 3 in turn, with lists of 2:
    # only a list made again at the new prices lets the losers bid for mentors 2 and 3
    scores = np.array([[90.0, 60.0, 50.0, 40.0]] * 4 + [[90.0, 61.0, 50.0, 40.0]])
    source = DensePairs(scores, None, 1.0, (0.0, 90.0))
    price = estimate_prices(source, np.array([1, 1, 1, 1]), DEFAULT.replace(price_candidates=2))
    assert (price[:3] > 0).all() and price[0] > price[1] > price[2]


def test_the_bid_step_is_each_bidders_own_score_gap():
    # two mentees rank three mentors 0.01 points apart on a 0-100 scale: a fixed step of a
    # fiftieth of the span (2 points) made the two mentors they bid for dearer than the whole
    # gap to their third choice, so the price order said nothing about their real trade-offs
    scores = np.array([[50.00, 49.99, 49.98]] * 2)
    source = DensePairs(scores, None, 100.0, (0.0, 100.0))
    price = estimate_prices(source, np.array([1, 1, 1]), DEFAULT.replace(price_candidates=2))
    assert price.tolist() == [2, 2, 0]  # hundredths of a point: margin 1 plus a step of 1


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from([0.7, 0.95, 1.0, 1.3, 1.8]),
       st.sampled_from([0.0, 0.01, 1.0]), st.sampled_from([2, 24]))
def test_near_tied_rounds_with_classes_equal_linear_sum_assignment(seed, supply, noise, width):
    """Few answer types (classes with multiplicities) with no, tiny or some noise on top (heavy
    ties, near ties), fewer or more places than mentees, short or long bid lists: LSA's
    optimum on the capacity-expanded matrix, gap 0."""
    rng = np.random.default_rng(seed)
    n, m = int(rng.integers(20, 60)), int(rng.integers(26, 40))
    table = rng.integers(0, 8, (4, 3)) * 10.0
    scores = table[np.ix_(rng.integers(0, 4, n), rng.integers(0, 3, m))]
    scores = scores + np.round(noise * rng.random((n, m)), 2)
    feasible = rng.random((n, m)) > 0.15
    places = max(m, round(supply * n))
    capacity = np.ones(m, np.int64) + np.bincount(rng.integers(0, m, places - m), minlength=m)
    tuning = DEFAULT.replace(price_candidates=width, assignment_place_pairs=0, assignment_pairs=0)
    a = solve_assignment(scores, capacity, feasible=feasible, tuning=tuning)
    matched, total = expanded_lsa(scores, feasible, capacity)
    assert a.certificate.gap == 0
    assert (a.matched, a.total_score) == (matched, pytest.approx(total, abs=1e-6 * n))


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from([0.8, 1.0, 1.3]),
       st.sampled_from([2, 3, 24]), st.sampled_from([1, 40]))
def test_crowded_continuous_rounds_equal_linear_sum_assignment(seed, supply, width, rounds):
    """The shape the run's crowded-field rounds have, solved with short bid lists (refreshed
    often) and with the auction off: always LSA's optimum on the capacity-expanded matrix, gap 0."""
    rng = np.random.default_rng(seed)
    n, m = int(rng.integers(8, 40)), int(rng.integers(4, 25))
    scores, feasible, capacity = crowded_round(rng, n, m, supply)
    tuning = DEFAULT.replace(price_candidates=width, price_rounds=rounds, row_candidates=2,
                             column_candidates=1, assignment_place_pairs=0, assignment_pairs=0,
                             assignment_slot_pairs=0)
    a = solve_assignment(scores, capacity, feasible=feasible, tuning=tuning)
    matched, total = expanded_lsa(scores, feasible, capacity)
    assert a.certificate.gap == 0
    assert a.matched == matched
    assert a.total_score == pytest.approx(total, abs=1e-3 * n)
