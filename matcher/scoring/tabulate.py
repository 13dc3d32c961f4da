"""Compute a row of pair values once per distinct mentee answer, not once per mentee.

A component's row for a mentee depends on a few of the mentee's answers (the language levels for
``language``, city and meeting mode for ``location``…), and in a real round many mentees give the
same ones: a few hundred language profiles, a few dozen city × mode combinations among 10,000
mentees. :func:`by_answers` computes such a quantity on one representative mentee per distinct
combination and looks the rows up for everyone else, a row copy instead of the arithmetic. The
rows are the same numbers the direct computation gives, so the choice never changes a score.

Example
-------
>>> import numpy as np
>>> calls = []
>>> def double(rows):
...     calls.append(len(np.arange(4)[rows]))
...     return np.arange(4)[rows, None] % 2 * np.ones((1, 3))
>>> rows_of = by_answers(double, [np.array([1, 0, 1, 0])], n_mentees=4, n_mentors=3)
>>> rows_of.take(slice(0, 4)).tolist(), calls
([[0.0, 0.0, 0.0], [1.0, 1.0, 1.0], [0.0, 0.0, 0.0], [1.0, 1.0, 1.0]], [2])
"""

from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Callable

import numpy as np

from matcher.scoring.encode import People
from matcher.scoring.text import TextEmbeddings

#: look rows up only when there are at most this share of distinct combinations (below it the
#: saved arithmetic outweighs building the table)
MAX_DISTINCT_SHARE = 0.5
#: and, for a table used only while scoring (a pair reason, a wish), when it has at most this many
#: pairs (32 MiB of float32), so such tables add little to the stored result however varied the
#: answers are; a component's table is the stored result itself (:func:`by_answers` ``stored``)
MAX_TABLE_ELEMENTS = 1 << 23

Rows = slice | np.ndarray


def answer_keys(people: People, attributes: tuple[str, ...]) -> list[np.ndarray]:
    """Integer key columns of the given :class:`People` attributes, one row per person (text
    answers by their text id); equal rows mean equal answers."""
    columns = []
    for name in attributes:
        value = getattr(people, name)
        if isinstance(value, TextEmbeddings):
            value = value.ids
        value = np.asarray(value)
        # reshape(0, -1) is ambiguous: a round with nobody left (all excluded) has empty keys
        columns.append(value.reshape(len(people), int(np.prod(value.shape[1:], dtype=np.int64))))
    return columns


@dataclass(frozen=True, repr=False)
class Tabulated:
    """A pair matrix stored as its distinct rows: mentee ``i``'s row is ``table[key[i]]``.

    Rows of a pair matrix computed once per distinct combination of mentee answers, and the
    type of :attr:`Scores.components <matcher.scoring.Scores>`: a component that depends on a
    few mentee answers keeps a few hundred rows instead of one per mentee (at 20,000 x 12,000,
    460 MiB of float16 per component). A matrix with no repeated rows is held whole, with
    ``key = arange(n)`` (:meth:`whole`). It reads like the matrix it stands for: indexing
    (``m[i, j]``, ``m[rows, cols]`` pairwise, ``m[a:b, cols]``), ``shape``, ``dtype``,
    ``astype`` and ``np.asarray(m)`` give what they give on the whole matrix, and only
    ``astype`` and ``np.asarray`` build it.

    Examples
    --------
    >>> m = Tabulated(np.array([[0.0, 1.0], [0.5, 0.25]], dtype=np.float16), np.array([1, 0, 1]))
    >>> m.shape, m[0, 1], m[[1, 2], [0, 1]].tolist(), m[1:3, 0].tolist()
    ((3, 2), np.float16(0.25), [0.0, 0.25], [0.0, 0.5])
    >>> np.asarray(m).tolist() == m.astype(np.float64).tolist() == [[0.5, 0.25], [0, 1], [0.5, 0.25]]
    True
    """

    table: np.ndarray
    key: np.ndarray

    @classmethod
    def whole(cls, matrix: np.ndarray) -> "Tabulated":
        """A matrix held as it is (every row its own)."""
        return cls(matrix, np.arange(len(matrix)))

    def __repr__(self) -> str:
        return f"Tabulated({len(self.key)} mentees, {self.table.shape[0]} distinct rows)"

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.key), self.table.shape[1]

    @property
    def dtype(self) -> np.dtype:
        return self.table.dtype

    @property
    def ndim(self) -> int:
        return 2

    def __len__(self) -> int:
        return len(self.key)

    def __getitem__(self, index):
        """The elements numpy's indexing of the whole matrix gives (integers, slices and
        integer or boolean arrays; two arrays pair up, as in numpy)."""
        rows, cols = index if isinstance(index, tuple) else (index, slice(None))
        if isinstance(rows, slice):  # a block of rows with every selected column: outer
            return self.table[:, cols][self.key[rows]]
        rows = np.asarray(rows)
        if rows.dtype == bool:
            rows = np.flatnonzero(rows)
        return self.table[self.key[rows], cols]

    def astype(self, dtype) -> np.ndarray:
        """The whole matrix as ``dtype`` (the table converted once, then its rows copied)."""
        return self.table.astype(dtype)[self.key]

    def __array__(self, dtype=None, copy=None) -> np.ndarray:
        return self.astype(dtype or self.dtype)

    def take(self, rows: Rows, out: np.ndarray | None = None) -> np.ndarray:
        """The rows of mentees ``rows`` (written into ``out`` when given: no temporary)."""
        return np.take(self.table, self.key[rows], axis=0, out=out)

    def map(self, function: Callable[[np.ndarray], np.ndarray]) -> "Tabulated":
        """An elementwise ``function`` applied once to the table instead of to every block."""
        return Tabulated(function(self.table), self.key)


def by_answers(compute: Callable[[Rows], np.ndarray], keys: list[np.ndarray], n_mentees: int,
               n_mentors: int, stored: bool = False) -> Tabulated | None:
    """Tabulate ``compute`` (mentee rows -> their rows of a pair matrix) by mentee answers.

    Parameters
    ----------
    compute : callable
        Maps a slice or index array of mentees to their ``(len(rows), n_mentors)`` matrix; a
        row must depend only on the mentee's values in ``keys``.
    keys : list of ndarray
        Per-mentee key columns (1-D or 2-D integer arrays with one row per mentee); none when
        the rows do not depend on the mentee.
    n_mentees, n_mentors : int
        Shape of the whole pair matrix.
    stored : bool
        The table is kept as the result (a score component) instead of the whole matrix, so
        its size is bounded by :data:`MAX_DISTINCT_SHARE` only, not :data:`MAX_TABLE_ELEMENTS`.

    Returns
    -------
    Tabulated or None
        ``compute``'s rows, once per distinct combination of keys; None when the answers are too
        varied for a table to pay off (then call ``compute`` on each block).
    """
    n = n_mentees
    if n == 0:
        return None
    stacked = np.concatenate([np.zeros((n, 1), dtype=np.int64)]
                             + [k.reshape(n, -1).astype(np.int64) for k in keys], axis=1)
    # sorted unique rows: the table's layout does not depend on the mentees' order
    _, first, inverse = np.unique(stacked, axis=0, return_index=True, return_inverse=True)
    if len(first) > MAX_DISTINCT_SHARE * n or (not stored and len(first) * n_mentors > MAX_TABLE_ELEMENTS):
        return None
    return Tabulated(compute(first), inverse.reshape(-1))
