"""The :class:`Scores` object: every pair's total, components, feasibility and reasons.

Row ``i`` of every matrix is ``mentee_ids[i]`` (the order of the round's mentee table), column
``j`` is ``mentor_ids[j]``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from matcher.config import RoundConfig
from matcher.errors import InputError
from matcher.scoring.constraints import labels_of
from matcher.scoring.encode import People
from matcher.scoring.explain import Labels, explain_pair
from matcher.scoring.explanations import explain_pairs
from matcher.scoring.tabulate import Tabulated


@dataclass(frozen=True, repr=False)
class PairContext:
    """What explaining one pair needs: the tables, the config and the per-person encodings."""

    mentees: pd.DataFrame
    mentors: pd.DataFrame
    config: RoundConfig
    encoded_mentees: People
    encoded_mentors: People

    def __repr__(self) -> str:
        return f"PairContext({len(self.mentees)} mentees, {len(self.mentors)} mentors)"

    # Explaining thousands of chosen pairs must not pay for a DataFrame row lookup each time:
    # each person's answers are turned into a plain dict once, on first use.
    @cached_property
    def mentee_rows(self) -> list[dict]:
        return records(self.mentees)

    @cached_property
    def mentor_rows(self) -> list[dict]:
        return records(self.mentors)

    @cached_property
    def labels(self) -> Labels:
        return Labels(self.config.vocabulary, self.config.language)


def records(frame: pd.DataFrame) -> list[dict]:
    """``frame.to_dict("records")``, the same values (numpy scalars boxed as Python ones), built
    column by column: pandas boxes cell by cell, 6 times slower on a 10,000-row table.

    >>> frame = pd.DataFrame({"a": [1, 2], "b": [("ict",), ()], "c": ["x", "y"]})
    >>> records(frame)
    [{'a': 1, 'b': ('ict',), 'c': 'x'}, {'a': 2, 'b': (), 'c': 'y'}]
    >>> records(frame) == frame.to_dict("records"), type(records(frame)[0]["a"])
    (True, <class 'int'>)
    """
    names = list(frame.columns)
    columns = [frame.iloc[:, k].tolist() for k in range(len(names))]
    return [dict(zip(names, values)) for values in zip(*columns)] if names else [{} for _ in range(len(frame))]


@dataclass(repr=False)
class Scores:
    """Scores of every mentor × mentee pair (see docs/scoring.md for the mathematics).

    Attributes
    ----------
    mentee_ids, mentor_ids : Index
        Row and column labels of every matrix.
    total : ndarray
        float32 (n_mentees, n_mentors), 0-100: ``100 × Σ weight_c × component_c``, computed for
        every pair (infeasible ones too, so alternatives can show them). Not rounded.
    components : dict
        Component name -> float16 matrix in [0, 1] (only components with a weight above 0), as a
        :class:`~matcher.scoring.tabulate.Tabulated`: its distinct rows and each mentee's row
        (indexing, ``astype`` and ``np.asarray`` work as on the whole matrix).
    weights : dict
        Component name -> weight, normalised to sum to 1.
    feasible : ndarray
        bool: the pair may be matched.
    reason_codes : ndarray
        uint16 bit mask of the reasons a pair is infeasible (0 where feasible).
    reason_labels : dict
        Bit value -> plain-language reason.

    Examples
    --------
    >>> scores  # doctest: +SKIP
    Scores(90 mentees × 58 mentors, 4 components, 61% of pairs feasible)
    >>> scores.explain("E001", "M017")  # doctest: +SKIP
    'Both use Finnish and English. Same field: ICT. Offers 3 of the mentee's 4 goals: ...'
    """

    mentee_ids: pd.Index
    mentor_ids: pd.Index
    total: np.ndarray
    components: dict[str, Tabulated]
    weights: dict[str, float]
    feasible: np.ndarray
    reason_codes: np.ndarray
    reason_labels: dict[int, str]
    context: PairContext | None = None

    def __repr__(self) -> str:
        n, m = self.total.shape
        share = 100 * self.feasible.mean() if self.feasible.size else 0.0
        return (f"Scores({n} mentees × {m} mentors, {len(self.components)} components, "
                f"{share:.0f}% of pairs feasible)")

    def position(self, mentee_id, mentor_id) -> tuple[int, int]:
        """Row and column of a pair, with a clear error for an unknown id."""
        return self._row(mentee_id), _locate(self.mentor_ids, mentor_id, "mentor")

    def _row(self, mentee_id) -> int:
        return _locate(self.mentee_ids, mentee_id, "mentee")

    def reasons(self, mentee_id, mentor_id) -> list[str]:
        """Why a pair is infeasible, in bit order (empty for a feasible pair).

        >>> scores.reasons("E004", "M002")  # doctest: +SKIP
        ['no shared language', 'same organisation']
        """
        i, j = self.position(mentee_id, mentor_id)
        return labels_of(int(self.reason_codes[i, j]), self.reason_labels)

    def explain(self, mentee_id, mentor_id) -> str:
        """A short plain-language explanation of one pair (labels, languages, cities, counts;
        never free text). Computed from the two persons' rows only."""
        i, j = self.position(mentee_id, mentor_id)
        return explain_pair(self, i, j)

    def explain_many(self, mentee_ids, mentor_ids) -> list[str]:
        """:meth:`explain` for many pairs at once (ids looked up in one go), e.g. a matching.

        >>> scores.explain_many(["E001", "E002"], ["M017", "M003"])  # doctest: +SKIP
        """
        rows = _locate_all(self.mentee_ids, mentee_ids, "mentee")
        cols = _locate_all(self.mentor_ids, mentor_ids, "mentor")
        return explain_pairs(self, rows, cols)

    def to_frame(self, feasible_only: bool = False) -> pd.DataFrame:
        """One row per pair: ``mentee_id, mentor_id, score, feasible, <components>, reason``.

        Rows are ordered by mentee (the round's order), then by descending score, then by
        ``mentor_id`` (string order) — the tie rule. Components are rounded to 3 decimals (their
        float16 precision); ``score`` is the full float32 total. ``reason`` joins the labels of an infeasible
        pair with "; " and is empty for feasible pairs. At 10,000 × 6,000 this is 60 million
        rows: prefer ``feasible_only=True`` or :meth:`top` on large rounds.
        """
        rows, cols = self._ordered_pairs()
        if feasible_only:
            keep = self.feasible[rows, cols]
            rows, cols = rows[keep], cols[keep]
        return self._frame(rows, cols)

    def top(self, mentee_id, k: int = 3, feasible_only: bool = True) -> pd.DataFrame:
        """The ``k`` best mentors for one mentee, as rows of :meth:`to_frame` (same order rule).

        >>> scores.top("E001", k=2)  # doctest: +SKIP
        """
        i = self._row(mentee_id)
        cols = self._row_order(i)
        if feasible_only:
            cols = cols[self.feasible[i, cols]]
        cols = cols[:k]
        return self._frame(np.full(len(cols), i), cols)

    def _frame(self, rows: np.ndarray, cols: np.ndarray) -> pd.DataFrame:
        codes = self.reason_codes[rows, cols]
        frame = pd.DataFrame({
            "mentee_id": np.asarray(self.mentee_ids.astype(str))[rows],
            "mentor_id": np.asarray(self.mentor_ids.astype(str))[cols],
            "score": self.total[rows, cols],
            "feasible": self.feasible[rows, cols],
        })
        for name, matrix in self.components.items():
            # float16 holds about 3 significant digits: show no more than that
            frame[name] = np.round(matrix[rows, cols].astype(np.float32), 3)
        # one label string per distinct code, not per pair
        unique, inverse = np.unique(codes, return_inverse=True)
        text = np.array(["; ".join(labels_of(int(c), self.reason_labels)) for c in unique],
                        dtype=object)
        frame["reason"] = text[inverse.reshape(-1)] if len(unique) else np.array([], dtype=object)
        return frame

    def _mentor_order(self) -> np.ndarray:
        """Columns in mentor_id string order (the tie-break), stable."""
        return np.argsort(np.asarray(self.mentor_ids.astype(str)), kind="stable")

    def _row_order(self, i: int) -> np.ndarray:
        by_id = self._mentor_order()
        return by_id[np.argsort(-self.total[i, by_id], kind="stable")]

    def _ordered_pairs(self) -> tuple[np.ndarray, np.ndarray]:
        """Flat (row, column) positions in :meth:`to_frame` order, sorted per row on whole matrices."""
        n, m = self.total.shape
        by_id = self._mentor_order()
        cols = by_id[np.argsort(-self.total[:, by_id], axis=1, kind="stable")]
        return np.repeat(np.arange(n), m), cols.reshape(-1)


def _locate(index: pd.Index, value, side: str) -> int:
    return int(_locate_all(index, [value], side)[0])


def _locate_all(index: pd.Index, values, side: str) -> np.ndarray:
    positions = index.get_indexer(list(values))
    if (positions < 0).any():
        unknown = list(values)[int(np.argmax(positions < 0))]
        raise InputError(f"unknown {side} id {unknown!r}: use one of scores.{side}_ids")
    return positions
