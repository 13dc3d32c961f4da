"""Pricing without full selections: the top-k selection's tie test, per-row counts, the proof pass
(each mentee's largest left-out gain) and the first candidate graph's bound on what it left out.

Each is checked against a plain reference by hypothesis, and the solves that use them against
scipy's ``linear_sum_assignment`` on the capacity-expanded matrix, with the tunings that make
every path run (classes with class-sized pricing, proof passes that prove everyone or only some).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from matcher.solver import solve_assignment
from matcher.solver.pairs import DensePairs, PairSet, SparsePairs, _top_per_row
from matcher.solver.tuning import DEFAULT
from tests.helpers import expanded_lsa


def reference_top(g: np.ndarray, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each row's ``counts`` largest positive entries, ties to the lowest columns, and the
    largest positive entry left out (0 if none): a plain sort per row."""
    keep = np.zeros(g.shape, bool)
    rest = np.zeros(g.shape[0], np.int64)
    for i, row in enumerate(g):
        order = [j for j in np.lexsort((np.arange(row.size), -row.astype(np.int64))) if row[j] > 0]
        keep[i, order[:counts[i]]] = True
        rest[i] = row[order[counts[i]]] if len(order) > counts[i] else 0
    return keep, rest


@settings(max_examples=80, deadline=None)
@given(st.data())
def test_top_per_row_is_each_rows_best_with_ties_to_the_lowest_columns(data):
    n, m = data.draw(st.integers(1, 12)), data.draw(st.integers(1, 30))
    distinct = data.draw(st.sampled_from([2, 5, 1000]))
    g = data.draw(arrays(np.int64, (n, m), elements=st.integers(-distinct, distinct)))
    one = data.draw(st.booleans())
    counts = (np.full(n, data.draw(st.integers(1, m + 1))) if one
              else np.array(data.draw(st.lists(st.integers(0, m + 1), min_size=n, max_size=n))))
    rows, cols, rest = _top_per_row(g, int(counts[0]) if one else counts)
    keep, expected_rest = reference_top(g, counts)
    chosen = np.zeros(g.shape, bool)
    chosen[rows, cols] = True
    assert (chosen == keep).all() and rows.size == keep.sum()
    assert (rest == expected_rest).all()


def sources(q: np.ndarray, allowed: np.ndarray):
    """The same pairs as a dense and as a sparse source."""
    dense = DensePairs(np.where(allowed, q, 0).astype(float), allowed, 1.0, (0.0, float(q.max(initial=0))))
    rows, cols = np.nonzero(allowed)
    sparse = SparsePairs(PairSet(rows.astype(np.int64), cols.astype(np.int64), q[rows, cols].astype(np.int64)),
                         q.shape, 1.0)
    return dense, sparse


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_largest_gain_is_the_best_left_out_pair_or_minus_the_margin(data):
    n, m = data.draw(st.integers(1, 10)), data.draw(st.integers(1, 10))
    q = data.draw(arrays(np.int64, (n, m), elements=st.integers(0, 20)))
    allowed = data.draw(arrays(np.bool_, (n, m)))
    u = np.array(data.draw(st.lists(st.integers(0, 25), min_size=n, max_size=n)))
    v = np.array(data.draw(st.lists(st.integers(-5, 0), min_size=m, max_size=m)))
    threshold, margin = data.draw(st.integers(0, 10)), data.draw(st.integers(0, 6))
    graph_mask = data.draw(arrays(np.bool_, (n, m))) & allowed
    r, c = np.nonzero(graph_mask)
    graph = PairSet(r.astype(np.int64), c.astype(np.int64), q[r, c].astype(np.int64))

    def gain(rows, cols, qq):
        return qq.astype(np.int64) - u[rows] + v[cols]

    full = q - u[:, None] + v[None, :]
    eligible = allowed & ~graph_mask & (q >= threshold)
    expected = np.maximum(np.where(eligible, full, -margin).max(axis=1), -margin)
    rows = np.flatnonzero(data.draw(arrays(np.bool_, n)))
    for source in sources(q, allowed):
        assert (source.largest_gain(gain, threshold, graph, margin=margin) == expected).all()
        if rows.size:
            assert (source.largest_gain(gain, threshold, graph, rows=rows, margin=margin) == expected[rows]).all()


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_the_first_graph_bounds_every_pair_it_left_out(data):
    n, m = data.draw(st.integers(1, 12)), data.draw(st.integers(1, 30))
    q = data.draw(arrays(np.int64, (n, m), elements=st.integers(0, data.draw(st.sampled_from([3, 100])))))
    allowed = data.draw(arrays(np.bool_, (n, m)))
    price = np.array(data.draw(st.lists(st.integers(0, 50), min_size=m, max_size=m)))
    per_row = data.draw(st.integers(0, m + 1))
    dense, sparse = sources(q, allowed)
    for source, with_price in ((dense, price), (dense, None), (sparse, None)):
        graph, left = source.bounded_candidates(per_row, data.draw(st.integers(0, 3)), 0, with_price)
        out = allowed.copy()
        out[graph.rows, graph.cols] = False
        i, j = np.nonzero(out)
        assert (q[i, j] + left.shift[j] <= left.rest[i]).all()
        # and so the gain bound holds for any potentials
        pi_i, pi_j = np.arange(n) * 3 - 7, np.arange(m) % 5
        bound = left.gain_bound(pi_i, pi_j)
        assert (q[i, j] - pi_i[i] + pi_j[j] <= bound[i]).all()


FLOW = DEFAULT.replace(assignment_pairs=0, assignment_sparse_pairs=0, assignment_place_pairs=0,
                       assignment_slot_pairs=0)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 2**32 - 1), st.sampled_from([0.6, 0.9, 1.0, 1.4]), st.booleans())
@pytest.mark.parametrize("tuning", [
    FLOW,                                                     # classes, default pricing
    FLOW.replace(row_candidates=2, column_candidates=0, pricing_per_row=1, pricing_per_member=0),
    FLOW.replace(row_candidates=2, column_candidates=0, pricing_per_row=1, pricing_per_member=3,
                 rescan_share=1),                             # every proof pass proves everyone
    FLOW.replace(row_candidates=3, column_candidates=1, rescan_share=10**6, merge_at_least=2.0),
])
def test_solves_with_every_pricing_path_equal_linear_sum_assignment(tuning, seed, supply, tied):
    rng = np.random.default_rng(seed)
    n, m = 60, 40
    if tied:  # a few answer types: classes of identical people
        table = rng.integers(0, 6, (5, 4)) * 10.0
        scores = table[np.ix_(rng.integers(0, 5, n), rng.integers(0, 4, m))]
    else:
        scores = np.round(rng.random((n, m)) * 100, 2)
    feasible = rng.random((n, m)) > 0.2
    capacity = np.ones(m, np.int64)
    np.add.at(capacity, rng.integers(0, m, max(0, int(supply * n) - m)), 1)
    a = solve_assignment(scores, capacity, feasible=feasible, tuning=tuning)
    matched, total = expanded_lsa(scores, feasible, capacity)
    assert a.certificate.gap == 0
    assert a.matched == matched
    assert a.total_score == pytest.approx(total)
