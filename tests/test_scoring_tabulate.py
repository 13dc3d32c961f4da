"""Rows looked up by distinct mentee answers equal the rows computed for every mentee."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers import canonical_tables
from matcher.config import ConstraintConfig, RoundConfig, Rule, ScoringConfig
from matcher.scoring import compute, score_pairs, tabulate


def scored(monkeypatch, tabulated: bool, block_elements: int, mentees, mentors, config):
    """Scores, and how many of the components and pair reasons were looked up in tables."""
    monkeypatch.setattr(tabulate, "MAX_DISTINCT_SHARE", 0.5 if tabulated else 0.0)
    monkeypatch.setattr(compute, "BLOCK_ELEMENTS", block_elements)
    tables = []

    def counting(*args, **kwargs):
        table = tabulate.by_answers(*args, **kwargs)
        tables.append(table is not None)
        return table

    monkeypatch.setattr(compute, "by_answers", counting)
    return score_pairs(mentors, mentees, config), sum(tables)


@pytest.mark.parametrize("block_elements", [1 << 20, 7 * 40])  # one block; ragged blocks of 7
def test_tabulated_rows_equal_direct_rows(monkeypatch, block_elements):
    mentees, mentors = canonical_tables(1000, 40, seed=3)
    # every component and every constraint on, so each goes through both paths
    config = RoundConfig(
        scoring=ScoringConfig(weights={"field": 1.0, "goals": 1.0, "language": 1.0,
                                       "location": 1.0, "experience": 0.5, "gender": 0.5}),
        constraints=ConstraintConfig(
                                     rules=(Rule("mentor", "years_in_finland", ">=", 3.0),)))
    direct, none = scored(monkeypatch, False, block_elements, mentees, mentors, config)
    looked_up, tabulated = scored(monkeypatch, True, block_elements, mentees, mentors, config)
    # all but goals (unique texts) are looked up: 5 components, 7 pair reasons (language,
    # organisation, meeting mode, distance and the three stated wishes)
    assert (none, tabulated) == (0, 12)
    np.testing.assert_array_equal(looked_up.reason_codes, direct.reason_codes)
    assert set(looked_up.components) == set(direct.components) == set(config.scoring.weights)
    for name, matrix in direct.components.items():
        if name in ("field", "goals"):  # text products of another number of rows: last bits
            np.testing.assert_allclose(looked_up.components[name].astype(np.float32),
                                       matrix.astype(np.float32), atol=1e-3, err_msg=name)
        else:  # elementwise and 0/1 products: the same numbers on both paths
            np.testing.assert_array_equal(np.asarray(looked_up.components[name]), matrix, err_msg=name)
    np.testing.assert_allclose(looked_up.total, direct.total, atol=1e-4)
    assert looked_up.reason_codes.any() and looked_up.feasible.any()


def test_by_answers_declines_varied_answers_and_keeps_row_order():
    calls = []

    def rows_times_ten(rows):
        calls.append(rows)
        return np.arange(6)[rows, None] * np.ones((1, 2)) * 10

    assert tabulate.by_answers(rows_times_ten, [np.arange(6)], 6, 2) is None  # all distinct
    table = tabulate.by_answers(rows_times_ten, [np.array([5, 5, 1, 1, 5, 1])], 6, 2)
    assert calls[-1].tolist() == [2, 0]  # first mentee of each distinct answer, in key order
    assert table.take(slice(1, 4)).tolist() == [[0, 0], [20, 20], [20, 20]]


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_tabulated_reads_like_the_whole_matrix(data):
    """Every way a consumer reads Scores.components gives what the whole matrix gives."""
    n, m, distinct = (data.draw(st.integers(1, 9)) for _ in range(3))
    rng = np.random.default_rng(data.draw(st.integers(0, 2**16)))
    table = rng.random((distinct, m)).astype(np.float16)
    key = rng.integers(0, distinct, n)
    matrix, tabulated = table[key], tabulate.Tabulated(table, key)
    rows = data.draw(st.lists(st.integers(0, n - 1), min_size=1, max_size=6))
    cols = data.draw(st.lists(st.integers(0, m - 1), min_size=len(rows), max_size=len(rows)))
    start, stop = sorted(data.draw(st.lists(st.integers(0, n), min_size=2, max_size=2)))
    mask = rng.random(n) < 0.5
    for index in [(rows[0], cols[0]), (np.array(rows), np.array(cols)), (slice(start, stop), np.array(cols)),
                  (slice(start, stop), cols[0]), (np.array(rows), slice(None)), rows[0],
                  slice(start, stop), (mask, slice(1, None)), (slice(None), slice(None))]:
        np.testing.assert_array_equal(tabulated[index], matrix[index], err_msg=repr(index))
        assert np.asarray(tabulated[index]).dtype == np.float16
    assert tabulated.shape == matrix.shape and tabulated.dtype == matrix.dtype
    np.testing.assert_array_equal(np.asarray(tabulated), matrix)
    np.testing.assert_array_equal(tabulated.astype(np.float32), matrix.astype(np.float32))
    whole = tabulate.Tabulated.whole(matrix)
    np.testing.assert_array_equal(whole[np.array(rows), np.array(cols)], matrix[rows, cols])


def test_components_keep_distinct_rows_only():
    """A round whose mentees share a few answers keeps each looked-up component as its distinct
    rows, not one row per mentee (the memory of a large round)."""
    mentees, mentors = canonical_tables(1000, 40, seed=3)
    scores = score_pairs(mentors, mentees, RoundConfig())
    location = scores.components["location"]
    assert location.shape == (1000, 40) and location.table.shape[0] < 1000 // 2
    assert scores.components["goals"].table.shape == (1000, 40)  # unique texts: held whole


@pytest.mark.parametrize("with_text", [True, False])
def test_stored_tables_give_the_scores_of_bounded_tables(monkeypatch, with_text):
    """Keeping a component as its distinct rows however many there are (``stored``) changes no
    score to the bit: the total, every component and the codes equal those of the tables'
    usual bound, which declines every table here (the path the scores always took)."""
    mentees, mentors = canonical_tables(600, 30, seed=5)
    if not with_text:
        mentees["field_text"] = mentors["field_text"] = ""
        mentees["goals_text"] = mentors["about"] = ""
    config = RoundConfig(scoring=ScoringConfig(weights={
        "field": 1.0, "goals": 1.0, "language": 1.0, "location": 1.0, "experience": 0.5,
        "gender": 0.5}))
    monkeypatch.setattr(tabulate, "MAX_TABLE_ELEMENTS", 30)  # one row: no table passes
    monkeypatch.setattr(compute, "BLOCK_ELEMENTS", 13 * 30)  # ragged blocks
    stored = score_pairs(mentors, mentees, config)
    bounded = tabulate.by_answers

    def unstored(*args, **kwargs):
        return bounded(*args, **{**kwargs, "stored": False})

    monkeypatch.setattr(compute, "by_answers", unstored)
    usual = score_pairs(mentors, mentees, config)
    np.testing.assert_array_equal(stored.total, usual.total)
    np.testing.assert_array_equal(stored.reason_codes, usual.reason_codes)
    for name, matrix in usual.components.items():
        np.testing.assert_array_equal(np.asarray(stored.components[name]), np.asarray(matrix),
                                      err_msg=name)
    kept_whole = {name for name, c in stored.components.items() if c.table.shape[0] == len(mentees)}
    # text components are computed per block as before; the others are stored as their tables
    # unless their answers are too varied (goals here: topics x fields)
    assert kept_whole == ({"field", "goals"} if with_text else {"goals"})
