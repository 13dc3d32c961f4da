"""Rows looked up by distinct mentee answers equal the rows computed for every mentee."""

from __future__ import annotations

import numpy as np
import pytest

from tests.helpers import canonical_tables
from matcher.config import ConstraintConfig, RoundConfig, Rule, ScoringConfig
from matcher.scoring import compute, score_pairs, tabulate


def scored(monkeypatch, tabulated: bool, block_elements: int, mentees, mentors, config):
    """Scores, and how many of the components and pair reasons were looked up in tables."""
    monkeypatch.setattr(tabulate, "MAX_DISTINCT_SHARE", 0.5 if tabulated else 0.0)
    monkeypatch.setattr(compute, "BLOCK_ELEMENTS", block_elements)
    tables = []

    def counting(*args):
        table = tabulate.by_answers(*args)
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
        # text products of a different number of rows may round differently in the last bit
        np.testing.assert_allclose(looked_up.components[name].astype(np.float32),
                                   matrix.astype(np.float32), atol=1e-3, err_msg=name)
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
