"""Solver on larger rounds: scipy's LSA as the reference, column generation repairing pruning,
the dual certificate checked against the whole matrix, sparse input and determinism."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import sparse
from scipy.optimize import linear_sum_assignment

from matcher.solver import engine, solve_assignment
from matcher.solver.flow import Network, solve_flow
from matcher.solver.problem import build_problem, pair_source
from matcher.solver.tuning import DEFAULT
from matcher.solver.weights import make_tiers, safe_unit

#: candidate graphs far too small for the optimum: column generation must repair them (the flow
#: engine, even where engines/lsa.py would take the round)
TINY = DEFAULT.replace(row_candidates=3, column_candidates=0, assignment_pairs=0, assignment_sparse_pairs=0,
                       assignment_slot_pairs=0)


def structured_round(n: int, m: int, load: float, seed: int):
    """Low-rank affinity + noise (0-100), 30% infeasible, capacities 1-3 scaled to load x mentees."""
    rng = np.random.default_rng(seed)
    scores = rng.random((n, 4)) @ rng.random((4, m)) / 4 * 70 + rng.random((n, m)) * 30
    feasible = rng.random((n, m)) > 0.3
    capacity = rng.integers(1, 4, m)
    capacity = np.maximum(1, np.round(capacity * load * n / capacity.sum())).astype(int)
    return scores, feasible, capacity


def lsa_coverage(scores, feasible, capacity):
    """Most mentees matched, then highest total, by LSA on the capacity-expanded matrix."""
    columns = np.repeat(np.arange(scores.shape[1]), capacity)
    offset = scores.shape[0] * (np.abs(scores).max() + 1) + 1  # cardinality dominates
    weight = np.where(feasible, scores + offset, 0.0)[:, columns]
    rows, cols = linear_sum_assignment(weight, maximize=True)
    keep = feasible[rows, columns[cols]]
    return int(keep.sum()), float(scores[rows[keep], columns[cols[keep]]].sum())


@settings(max_examples=25, deadline=None)
@given(st.integers(1, 12), st.integers(0, 10_000), st.booleans())
def test_square_cost_matrices_equal_linear_sum_assignment(size, seed, integral):
    rng = np.random.default_rng(seed)
    cost = rng.integers(0, 1000, (size, size)) if integral else rng.random((size, size)) * 50
    rows, cols = linear_sum_assignment(cost)
    a = solve_assignment(-cost)
    assert a.matched == size
    assert np.isclose(-a.total_score, cost[rows, cols].sum(), rtol=0, atol=1e-3 * size)
    if integral:  # integer costs are never rounded: the optimum is exact
        assert -a.total_score == cost[rows, cols].sum()


def test_large_integer_costs_are_not_rounded():
    rng = np.random.default_rng(3)
    cost = rng.integers(0, 10**12, (40, 40))  # beyond int32: the int64 path
    rows, cols = linear_sum_assignment(cost)
    assert -solve_assignment(-cost).total_score == cost[rows, cols].sum()


@pytest.mark.parametrize("load", [1.0, 2.0])
def test_column_generation_repairs_pruning_on_a_medium_round(load):
    scores, feasible, capacity = structured_round(300, 200, load, seed=7)
    a = solve_assignment(scores, capacity, feasible=feasible, tuning=TINY)
    matched, total = lsa_coverage(scores, feasible, capacity)
    assert a.matched == matched
    assert a.total_score == pytest.approx(total, abs=1e-3 * matched)
    assert a.certificate.gap == 0 and a.certificate.pricing_rounds > 0

    # the pruned graph alone is not enough: its best pairing leaves mentees unmatched
    problem = build_problem(scores, capacity, feasible=feasible, mentee_capacity=1, priority=None,
                            locked=None, forbidden=None, objective="coverage", min_load=None,
                            engine="flow")
    source = pair_source(problem, np.empty(0, np.int64))
    tiers = make_tiers("coverage", problem.priority, np.zeros(300, bool))
    tiers = tiers.with_unit(safe_unit((source.low, source.high), 300), 502, (source.low, source.high))
    pruned = solve_flow(Network.of_slots(np.ones(300, np.int64), capacity, tiers.first_bonus,
                                         tiers.extra_bonus),
                        engine.initial_graph(source, tuning=TINY)[0])
    assert pruned.chosen.sum() < a.matched


def test_duals_certify_optimality_over_the_whole_matrix():
    scores, feasible, capacity = structured_round(200, 120, 1.0, seed=11)
    a = solve_assignment(scores, capacity, feasible=feasible, priority=np.arange(200) % 3, tuning=TINY)
    c = a.certificate
    q = np.rint(scores * c.scale).astype(np.int64)
    slack = q - c.mentee_dual[:, None] - c.mentor_dual[None, :]
    chosen = np.zeros_like(feasible)
    chosen[a.pairs[:, 0], a.pairs[:, 1]] = True
    assert (slack[feasible & ~chosen] <= 0).all()
    assert (slack[chosen] >= 0).all()
    assert (c.mentor_dual >= 0).all()
    assert c.gap == 0 and len(c.tier_cuts) == 3


def test_fair_raises_the_minimum_and_keeps_coverage():
    scores, feasible, capacity = structured_round(60, 40, 1.0, seed=5)
    cover = solve_assignment(scores, capacity, feasible=feasible)
    fair = solve_assignment(scores, capacity, feasible=feasible, objective="fair")
    lp = solve_assignment(scores, capacity, feasible=feasible, objective="fair", engine="lp")
    assert fair.matched == cover.matched == lp.matched
    assert fair.min_score >= cover.min_score
    assert fair.min_score == pytest.approx(lp.min_score)
    assert fair.total_score == pytest.approx(lp.total_score, abs=1e-3)
    assert fair.certificate.threshold == pytest.approx(fair.min_score, abs=1e-4)
    proof = fair.certificate.next_cut
    assert proof is not None and proof.capacity < fair.matched
    assert cut_capacity(scores, feasible, capacity, fair.certificate) == proof.capacity


def cut_capacity(scores, feasible, capacity, certificate) -> int:
    """The fair proof's cut capacity recomputed on the whole matrix at the next threshold
    (one slot per mentee): slots of sink-side mentees + places of source-side mentors + pairs
    from source-side mentees to sink-side mentors scoring at least the threshold."""
    proof = certificate.next_cut
    q = np.rint(scores * certificate.scale)
    above = feasible & (q >= proof.threshold)
    mentee_side = np.isin(np.arange(scores.shape[0]), proof.mentees)
    mentor_side = np.isin(np.arange(scores.shape[1]), proof.mentors)
    return int((~mentee_side).sum() + capacity[mentor_side].sum()
               + above[np.ix_(mentee_side, ~mentor_side)].sum())


def test_sparse_input_equals_dense_with_mask_and_stored_zeros_are_feasible():
    scores, feasible, capacity = structured_round(80, 50, 1.0, seed=2)
    scores[0, :] = 0.0  # mentee 0 scores 0 everywhere: stored zeros must still be pairable
    matrix = sparse.csr_array(np.where(feasible, scores, 0.0))
    rows, cols = np.nonzero(feasible)
    stored = sparse.csr_array((scores[rows, cols], (rows, cols)), shape=scores.shape)
    dense = solve_assignment(scores, capacity, feasible=feasible)
    sparse_result = solve_assignment(stored, capacity)
    assert sparse_result.matched == dense.matched
    assert sparse_result.total_score == pytest.approx(dense.total_score)
    assert 0 in sparse_result.pairs[:, 0]
    assert matrix.nnz < stored.nnz  # building from a dense array would have dropped the zeros


def test_same_input_gives_identical_pairs():
    scores, feasible, capacity = structured_round(150, 90, 1.0, seed=9)
    scores = np.round(scores / 5) * 5  # many ties
    runs = [solve_assignment(scores, capacity, feasible=feasible, objective=o, tuning=TINY)
            for o in ("coverage", "coverage", "fair", "fair")]
    assert np.array_equal(runs[0].pairs, runs[1].pairs)
    assert np.array_equal(runs[2].pairs, runs[3].pairs)


def test_locked_pairs_count_and_other_pairs_fill_the_rest():
    scores, feasible, capacity = structured_round(50, 30, 1.0, seed=4)
    i, j = np.argwhere(feasible)[[0, 40]].T
    locked = np.stack([i, j], axis=1)
    a = solve_assignment(scores, capacity, feasible=feasible, locked=locked)
    assert {tuple(p) for p in locked.tolist()} <= {tuple(p) for p in a.pairs.tolist()}
    assert a.locked.sum() == 2
    assert (np.bincount(a.pairs[:, 1], minlength=30) <= capacity).all()


def test_empty_and_degenerate_rounds():
    assert len(solve_assignment(np.zeros((0, 3))).pairs) == 0
    assert len(solve_assignment(np.zeros((3, 0))).pairs) == 0
    none = solve_assignment(np.ones((3, 2)), feasible=np.zeros((3, 2), bool), objective="fair")
    assert none.matched == 0 and np.isnan(none.min_score)
    assert solve_assignment(np.ones((3, 2)), 0).matched == 0


@pytest.mark.parametrize("name", ["assign100", "assign300", "assignp800"])
def test_or_library_shaped_instances_reach_scipys_optimum(name):
    # bench_orlib's in-repo variant of OR-Library's instances (dense n x n costs; sparse with
    # unlisted pairs forbidden), solved as bench_orlib does: the optimum of scipy's solver
    # (LSA dense, min_weight_full_bipartite_matching sparse) with a zero gap, every row paired
    from benchmarks.bench_orlib import generate, negated, scipy_optimum

    cost = generate(name)
    a = solve_assignment(negated(cost))
    assert a.matched == cost.shape[0] and a.certificate.gap == 0
    assert -a.total_score == scipy_optimum(cost)


def test_or_library_files_are_read_as_beasley_wrote_them(tmp_path):
    # dense: n, then n * n costs row by row over any line breaks; sparse: n, then "i j c" lines,
    # 1-based, an unlisted pair infeasible and a listed cost of 0 a feasible pair
    from benchmarks.bench_orlib import read_instance, scipy_optimum

    (tmp_path / "assign3.txt").write_text(" 3\n 4 1 3\n 2 0\n 5 3 2 2\n")
    dense = read_instance(tmp_path / "assign3.txt")
    assert dense.tolist() == [[4, 1, 3], [2, 0, 5], [3, 2, 2]] and scipy_optimum(dense) == 5
    (tmp_path / "assignp3.txt").write_text("3\n1 1 4\n1 2 0\n2 1 2\n2 3 5\n3 2 7\n3 3 1\n")
    sparse_cost = read_instance(tmp_path / "assignp3.txt")
    assert sparse_cost.nnz == 6 and sparse_cost[0, 1] == 0 and sparse_cost[0, 2] == 0
    a = solve_assignment(-read_instance(tmp_path / "assign3.txt"))
    assert a.pairs.tolist() == [[0, 1], [1, 0], [2, 2]]
