"""The feasible free pairs of a round, dense or sparse, read in quantised integer scores.

The solver never materialises all mentor x mentee pairs as a graph: it asks a pair source for
"each mentee's best few pairs by some gain" (the first candidate graph, the pricing step of column
generation, the cut check of the fair search). A dense source answers by scanning the score matrix
in row chunks with whole-matrix numpy operations; a sparse source already is a graph and answers
from its stored entries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Protocol

import numpy as np
from scipy import sparse

from matcher.solver.weights import quantise

#: entries per row chunk of a dense pass: about 1 MB of float64 temporaries, which stay in the
#: cache between the several numpy operations of one chunk (quantising a 10,000 x 6,000 matrix
#: took 2.6x less time than in chunks of 2,000,000 entries; whole solves there 1.2-1.4x less)
CHUNK_ENTRIES = 131_072
#: rows sampled for the column selection's lower bounds (see _largest_of_columns): each column
#: then collects about ``k * n / COLUMN_SAMPLE`` entries for its ``k`` best
COLUMN_SAMPLE = 1024
#: side of the square tiles a transpose copies (see transposed): a tile's rows span few pages
TRANSPOSE_TILE = 512

#: gain(rows, cols, q) -> a new integer array of gains; pairs with gain <= 0 are never selected.
#: ``rows`` is the chunk's row indices as a column (or the entries' rows), ``cols`` the column
#: indices, ``q`` the quantised scores of the chunk or entries.
Gain = Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]

#: how many pairs to select per line: one count for every line, or one per line (a class of many
#: identical people needs more partners than one person)
Counts = int | np.ndarray


@dataclass(frozen=True)
class PairSet:
    """Pairs as sorted, unique (mentee, mentor) index arrays with their quantised scores."""

    rows: np.ndarray
    cols: np.ndarray
    q: np.ndarray

    @classmethod
    def empty(cls) -> "PairSet":
        return cls(np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0, np.int64))

    def __len__(self) -> int:
        return self.rows.size

    def keys(self, n_cols: int) -> np.ndarray:
        return self.rows * n_cols + self.cols

    def lookup(self, rows: np.ndarray, cols: np.ndarray, n_cols: int) -> np.ndarray:
        """The quantised scores of the pairs ``(rows, cols)``, each of which is in this set."""
        return self.q[np.searchsorted(self.keys(n_cols), rows.astype(np.int64) * n_cols + cols)]

    def union(self, other: "PairSet", n_cols: int) -> "PairSet":
        """Both sets together, sorted by mentee then mentor (the graph's fixed arc order)."""
        keys, first = np.unique(np.r_[self.keys(n_cols), other.keys(n_cols)], return_index=True)
        q = np.r_[self.q, other.q][first]
        return PairSet(keys // n_cols, keys % n_cols, q)

    def where(self, keep: np.ndarray) -> "PairSet":
        # indices first: three boolean selections cost about ten times as much (numpy 2.4, a
        # random mask over 100,000 pairs: 2.4 ms against 0.24 ms)
        at = np.flatnonzero(keep) if keep.dtype == bool else keep
        return PairSet(self.rows[at], self.cols[at], self.q[at])

    def __repr__(self) -> str:
        return f"PairSet({len(self)} pairs)"


@dataclass(frozen=True)
class LeftOut:
    """What a first candidate graph proves about the pairs it left out: every pair ``(i, j)``
    outside it has ``q_ij + shift_j <= rest_i`` (``rest_i`` the largest value of the row's
    selection key it did not take; ``shift`` the key's per-column offset, ``max - price``).

    So for node potentials ``pi`` such a pair gains ``q_ij - pi_i + pi_j <= rest_i - pi_i +
    max_j (pi_j - shift_j)``: a mentee whose bound is not positive needs no scan to prove that
    none of its left-out pairs improves the flow (column generation's first pricing round).

    Examples
    --------
    >>> left = LeftOut(rest=np.array([5, 9]), shift=np.array([0, 2]))
    >>> left.gain_bound(np.array([6, 6]), np.array([1, 0])).tolist()   # 5 - 6 + 1, 9 - 6 + 1
    [0, 4]
    """

    rest: np.ndarray   # (n,) int64
    shift: np.ndarray  # (m,) int64

    @classmethod
    def nothing(cls, n: int, m: int) -> "LeftOut":
        """No pair was left out (a sparse source's first graph is every stored pair)."""
        return cls(np.full(n, np.iinfo(np.int64).min // 4, np.int64), np.zeros(m, np.int64))

    def gain_bound(self, mentee_potential: np.ndarray, mentor_potential: np.ndarray) -> np.ndarray:
        """(n,) an upper bound on the gain of each mentee's left-out pairs under these potentials."""
        if not self.shift.size:
            return np.full(self.rest.size, np.iinfo(np.int64).min // 4, np.int64)
        return self.rest - mentee_potential + int((mentor_potential - self.shift).max())


class PairSource(Protocol):
    """What the engine asks of the free pairs, dense or sparse: :class:`DensePairs` and
    :class:`SparsePairs` implement it.

    ``low`` / ``high`` are the lowest and highest quantised score of a free pair (0 included) and
    ``scale`` the quantisation scale ``K``; ``values`` reads the quantised scores of given pairs;
    ``best`` / ``scan`` answer "each row's best few pairs by some gain" (see
    :meth:`DensePairs.scan`).
    """

    shape: tuple[int, int]
    scale: float
    low: int
    high: int

    def values(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray: ...

    def best(self, per_row: Counts, gain: Gain, threshold: int, exclude: PairSet | None = None,
             rows: np.ndarray | None = None, margin: int = 0) -> PairSet: ...

    def scan(self, per_row: Counts, gain: Gain, threshold: int, exclude: PairSet | None = None,
             rows: np.ndarray | None = None, margin: int = 0) -> tuple[PairSet, np.ndarray]: ...

    def largest_gain(self, gain: Gain, threshold: int, exclude: PairSet | None = None,
                     rows: np.ndarray | None = None, margin: int = 0) -> np.ndarray: ...

    def all_pairs(self) -> PairSet: ...

    #: whether :meth:`candidates` uses ``price`` (a sparse source's first graph is every pair)
    priced_candidates: bool

    def candidates(self, per_row: Counts, per_col: Counts, threshold: int,
                   price: np.ndarray | None = None) -> PairSet: ...

    def bounded_candidates(self, per_row: Counts, per_col: Counts, threshold: int,
                           price: np.ndarray | None = None) -> tuple[PairSet, LeftOut]: ...

    def row_best(self, per_row: int, rows: np.ndarray | None = None,
                 price: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]: ...

    def coarsened(self) -> "PairSource": ...


class DensePairs:
    """Free pairs of a dense score matrix, quantised once into an integer matrix (int32, or int64
    for integer scores too large for it). Implements :class:`PairSource`.

    Pairs that are not allowed (infeasible, forbidden, locked) hold ``self.missing``, below any
    real quantised score, so a single comparison with the threshold masks them out.
    """

    def __init__(self, scores: np.ndarray, allowed: np.ndarray | None, scale: float,
                 score_range: tuple[float, float]):
        self.shape = scores.shape
        self.scale = scale
        # lowest and highest quantised score of an allowed pair (0 included)
        self.low, self.high = (int(v) for v in quantise(np.array(score_range), scale))
        dtype = np.int32 if max(-self.low, self.high) < 2 ** 30 else np.int64
        self.dtype: np.dtype = np.dtype(dtype)
        self.missing = int(np.iinfo(dtype).min)
        self.raw: tuple[np.ndarray, np.ndarray | None] | None = (scores, allowed)

    @cached_property
    def q(self) -> np.ndarray:
        """The quantised matrix, made on first use: merging identical people (classes.py) reads
        the raw scores and quantises only a prefix and the class matrix, so a round that merges
        never quantises the whole matrix."""
        return self.quantised()

    def quantised(self, rows: np.ndarray | None = None, cols: np.ndarray | None = None) -> np.ndarray:
        """The quantised scores of ``rows`` x ``cols`` (indices; all when None), ``missing`` where
        a pair is not allowed, in row chunks.

        Examples
        --------
        >>> src = DensePairs(np.array([[1.26, 2.0], [3.0, 4.0]]), np.array([[True, False], [True, True]]),
        ...                  10.0, (0.0, 4.0))
        >>> src.quantised(cols=np.array([0])).tolist(), src.quantised(np.array([1])).tolist()
        ([[13], [30]], [[30, 40]])
        """
        if self.raw is None:
            q = self.q if rows is None else self.q[rows]
            return q if cols is None else q[:, cols]
        scores, allowed = self.raw
        n = self.shape[0] if rows is None else rows.size
        m = self.shape[1] if cols is None else cols.size
        out = np.empty((n, m), self.dtype)
        # integers (scaled by a power of ten >= 1, weights.score_scale) need no rounding: one
        # integer product instead of a float one, its rounding and a cast
        exact = scores.dtype.kind in "iu" and self.scale >= 1
        scaled = None  # one float64 buffer for every chunk

        def part(lines: np.ndarray, start: int, stop: int) -> np.ndarray:
            block = lines[start:stop] if rows is None else lines[rows[start:stop]]
            return block if cols is None else block[:, cols]

        for start, stop in _chunks(n, m):
            block = out[start:stop]
            if exact:  # in q's own dtype: int8 * 10,000 would not fit an int8, int16 would wrap
                np.multiply(part(scores, start, stop), int(self.scale), out=block, dtype=self.dtype,
                            casting="unsafe")
            else:
                if scaled is None or scaled.shape != block.shape:
                    scaled = np.empty(block.shape)
                # rint in float64, as weights.quantise does; in place and cast by copyto (about
                # twice as fast as assigning the rounded temporary)
                np.multiply(part(scores, start, stop), self.scale, dtype=np.float64, out=scaled)
                np.copyto(block, np.rint(scaled, out=scaled), casting="unsafe")
            if allowed is not None:
                # a masked store of the constant: with numpy 2 it takes 0.7x the time of the
                # product and the or it replaced (0.10 against 0.14 s at 10,000 x 6,000)
                np.copyto(block, self.missing, where=~part(allowed, start, stop))
        return out

    @classmethod
    def of_quantised(cls, q: np.ndarray, scale: float, low: int, high: int) -> "DensePairs":
        """A source over an already quantised matrix (``q``'s own dtype minimum marks missing
        pairs), e.g. the class matrix of classes.py."""
        self = cls.__new__(cls)
        self.shape, self.scale, self.low, self.high, self.q = q.shape, scale, low, high, q
        self.dtype, self.missing, self.raw = q.dtype, int(np.iinfo(q.dtype).min), None
        return self

    def __repr__(self) -> str:
        return f"DensePairs({self.shape[0]} x {self.shape[1]}, scale={self.scale:g})"

    def all_pairs(self) -> PairSet:
        """Every free pair, in (row, col) order."""
        rows, cols = _nonzero(self.q != self.missing)
        return PairSet(rows, cols, self.q[rows, cols].astype(np.int64))

    def coarsened(self) -> "DensePairs":
        """The same pairs with every quantised score divided by their greatest common divisor
        ``g`` and the scale by ``g``: an exact change of unit (``q / g = round(score * scale / g)``).

        Scores from form answers move in steps of whole points (``g >= 10**4`` at scale ``10**4``),
        and OR-Tools' cost scaling needs about ``log2(g)`` fewer phases on the smaller costs. The
        scan stops at the first chunk where the divisor reaches 1 (continuous scores).

        Examples
        --------
        >>> src = DensePairs(np.array([[40.0, 70.0], [10.0, 0.0]]), None, 1e4, (0.0, 70.0))
        >>> coarse = src.coarsened()
        >>> coarse.q.tolist(), coarse.scale, coarse.high
        ([[4, 7], [1, 0]], 0.1, 7)
        """
        g = 0
        for start, stop in _chunks(*self.shape):
            block = self.q[start:stop]
            g = int(np.gcd.reduce(np.where(block == self.missing, 0, block), axis=None, initial=g))
            if g == 1:
                return self
        if g <= 1:
            return self
        q = self.q // g  # floor division keeps ``missing`` below every real pair
        q[self.q == self.missing] = self.missing
        return DensePairs.of_quantised(q, self.scale / g, self.low // g, self.high // g)

    def values(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        return self.q[rows, cols].astype(np.int64)

    def best(self, per_row: Counts, gain: Gain, threshold: int, exclude: PairSet | None = None,
             rows: np.ndarray | None = None, margin: int = 0) -> PairSet:
        """Each row's ``per_row`` pairs scoring >= ``threshold`` with the highest gain above
        ``-margin``, leaving out pairs in ``exclude``; only ``rows`` (sorted indices) are scanned
        when given."""
        return self.scan(per_row, gain, threshold, exclude, rows, margin)[0]

    def scan(self, per_row: Counts, gain: Gain, threshold: int, exclude: PairSet | None = None,
             rows: np.ndarray | None = None, margin: int = 0) -> tuple[PairSet, np.ndarray]:
        """:meth:`best`, and per scanned row a bound on the gain of every pair it left out.

        The bound (int64, one per row of ``rows``, or per row) is at least the gain of each pair
        of the row that scores >= ``threshold``, is not in ``exclude`` and was not returned; it
        is ``-margin`` when every such pair gains ``-margin`` or less.
        """
        n, m = self.shape
        counts = np.broadcast_to(np.minimum(per_row, m), (n,))
        rows = np.arange(n) if rows is None else rows
        found, bound = [PairSet.empty()], np.full(rows.size, -margin, np.int64)
        if counts.max(initial=0) > 0:
            for start, at, g in self._gains(gain, threshold, exclude, rows, margin):
                r, c, rest = _top_per_row(g, counts[at])
                bound[start:start + at.size] += rest
                found.append(PairSet(at[r], c, self.q[at[r], c].astype(np.int64)))
        return _sorted(found, m), bound

    def largest_gain(self, gain: Gain, threshold: int, exclude: PairSet | None = None,
                     rows: np.ndarray | None = None, margin: int = 0) -> np.ndarray:
        """Per row of ``rows`` (default all) the largest gain of a pair scoring >= ``threshold``
        and not in ``exclude``, or ``-margin`` when none gains more: the bound of :meth:`scan`
        without selecting anything (one pass, no partition).

        Examples
        --------
        >>> src = DensePairs(np.array([[9.0, 1.0], [2.0, 8.0]]), None, 1.0, (0.0, 9.0))
        >>> src.largest_gain(lambda r, c, q: q.astype(np.int64) - 5, 0, margin=10).tolist()
        [4, 3]
        """
        rows = np.arange(self.shape[0]) if rows is None else rows
        bound = np.full(rows.size, -margin, np.int64)
        for start, at, g in self._gains(gain, threshold, exclude, rows, margin):
            bound[start:start + at.size] += np.maximum(g.max(axis=1), 0)
        return bound

    def _gains(self, gain: Gain, threshold: int, exclude: PairSet | None, rows: np.ndarray,
               margin: int):
        """Chunks of ``rows``: (offset, row indices, gain + margin), 0 where a pair scores below
        ``threshold`` or is in ``exclude`` (never selected)."""
        m = self.shape[1]
        excluded = exclude if exclude is not None else PairSet.empty()
        for start, stop in _chunks(rows.size, m):
            at = rows[start:stop]
            contiguous = at[-1] - at[0] + 1 == at.size
            q = self.q[at[0]:at[-1] + 1] if contiguous else self.q[at]
            g = gain(at[:, None], np.arange(m)[None, :], q)
            g += margin
            g *= q >= threshold  # a product, not a masked store: several times faster
            lo, hi = np.searchsorted(excluded.rows, [at[0], at[-1] + 1])
            r_ex, c_ex = excluded.rows[lo:hi], excluded.cols[lo:hi]
            keep_ex = np.isin(r_ex, at)
            g[np.searchsorted(at, r_ex[keep_ex]), c_ex[keep_ex]] = 0
            yield start, at, g

    def row_best(self, per_row: int, rows: np.ndarray | None = None,
                 price: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Each row's ``per_row`` best columns by score minus ``price`` (by score when None), as
        (len(rows), per_row) arrays of columns and of their scores (int64), and per row the
        largest score minus price it left out (a quarter of the lowest int64, below every
        real pair, when it left out none). A row
        with fewer allowed pairs fills up with ``self.missing`` scores. Only ``rows`` (default
        all) are read: the price estimate refreshes single rows whose list ran dry.

        Examples
        --------
        >>> src = DensePairs(np.array([[9.0, 5.0, 1.0], [2.0, 8.0, 3.0]]), None, 1.0, (0.0, 9.0))
        >>> cols, value, rest = src.row_best(1)
        >>> cols.tolist(), value.tolist(), rest.tolist()
        ([[0], [1]], [[9], [8]], [5, 3])
        >>> src.row_best(1, rows=np.array([0]), price=np.array([6, 0, 0]))[0].tolist()
        [[1]]
        """
        n, m = self.shape
        rows = np.arange(n) if rows is None else rows
        per_row = min(per_row, m)
        cols = np.empty((rows.size, per_row), np.int64)
        rest = np.full(rows.size, np.iinfo(np.int64).min // 4, np.int64)
        for start, stop in _chunks(rows.size, m):
            at = rows[start:stop]
            contiguous = at.size == 0 or at[-1] - at[0] + 1 == at.size
            block = self.q[at[0]:at[-1] + 1] if contiguous and at.size else self.q[at]
            if per_row < m:
                # minus the price in int64: the missing entries stay below every real pair
                key = block if price is None else block.astype(np.int64) - price
                keep, rest[start:stop] = _largest(key, per_row)
            else:
                keep = np.ones((stop - start, m), bool)
            cols[start:stop] = _nonzero(keep)[1].reshape(-1, per_row)
        return cols, self.q[rows[:, None], cols].astype(np.int64), rest

    priced_candidates = True

    def candidates(self, per_row: Counts, per_col: Counts, threshold: int,
                   price: np.ndarray | None = None) -> PairSet:
        """Each row's ``per_row`` and each column's ``per_col`` highest-scoring pairs (one count,
        or one per row / column), scoring >= ``threshold``, in (row, col) order.

        With ``price`` (int, one per column), rows pick by score minus price instead: a mentee's
        best pairs *after* the competition for popular mentors, not just its favourites.
        """
        return self.bounded_candidates(per_row, per_col, threshold, price)[0]

    def bounded_candidates(self, per_row: Counts, per_col: Counts, threshold: int,
                           price: np.ndarray | None = None) -> tuple[PairSet, LeftOut]:
        """:meth:`candidates`, and what they prove about the pairs left out (:class:`LeftOut`).

        Examples
        --------
        >>> src = DensePairs(np.array([[9.0, 1.0, 5.0], [2.0, 8.0, 3.0]]), None, 1.0, (0.0, 9.0))
        >>> graph, left = src.bounded_candidates(2, 0, 0)
        >>> graph.cols.tolist(), left.rest.tolist(), left.shift.tolist()
        ([0, 2, 1, 2], [1, 2], [0, 0, 0])
        """
        n, m = self.shape
        row_counts = np.broadcast_to(np.asarray(per_row, np.int64), (n,))
        col_counts = np.broadcast_to(np.asarray(per_col, np.int64), (m,))
        found = []  # flat (row-major) indices of the selected pairs
        rest = np.empty(n, np.int64)
        shift = np.zeros(m, np.int64) if price is None else price.max(initial=0) - price
        for start, stop in _chunks(n, m):
            block = self.q[start:stop]
            if price is not None:
                # adding ``max - price`` ranks like subtracting the price, and cannot wrap the
                # ``missing`` entries around: they stay below every real pair
                wide = self.high + int(shift.max(initial=0)) >= np.iinfo(block.dtype).max
                block = block.astype(np.int64) + shift if wide else block + shift.astype(block.dtype)
            keep, rest[start:stop] = _largest_of_each(block, row_counts[start:stop])
            found.append(np.flatnonzero(keep) + start * m)
        rows, cols = _largest_of_columns(self.q, col_counts)
        found.append(rows * m + cols)
        # the union in (row, col) order: a sort of the few selected, not a mask of every pair
        # (np.sort and a neighbour test: numpy 2's hashing np.unique took 1.2 s on 300,000 keys)
        keys = np.sort(np.concatenate(found))
        rows, cols = np.divmod(keys[np.diff(keys, prepend=-1) != 0], m)
        q = self.q[rows, cols].astype(np.int64)
        # the threshold on the selected pairs only (missing pairs are below it too): not a pass
        # over the whole matrix
        keep = q >= threshold
        return PairSet(rows[keep], cols[keep], q[keep]), LeftOut(rest, shift)


class SparsePairs:
    """Free pairs stored as a sparse matrix: every stored entry (explicit zeros too) is a pair.
    Implements :class:`PairSource`; it already is a graph, so its first candidates are every pair.
    """

    priced_candidates = False

    def __init__(self, pairs: PairSet, shape: tuple[int, int], scale: float):
        self.pairs = pairs
        self.shape = shape
        self.scale = scale
        self.low, self.high = int(pairs.q.min(initial=0)), int(pairs.q.max(initial=0))

    def __repr__(self) -> str:
        return f"SparsePairs({self.shape[0]} x {self.shape[1]}, {len(self.pairs)} pairs)"

    def all_pairs(self) -> PairSet:
        """Every stored pair, in (row, col) order."""
        return self.pairs

    def coarsened(self) -> "SparsePairs":
        """The pairs in units of their scores' greatest common divisor (see
        :meth:`DensePairs.coarsened`)."""
        g = int(np.gcd.reduce(self.pairs.q, initial=0))
        if g <= 1:
            return self
        return SparsePairs(PairSet(self.pairs.rows, self.pairs.cols, self.pairs.q // g), self.shape,
                           self.scale / g)

    def candidates(self, per_row: Counts, per_col: Counts, threshold: int,
                   price: np.ndarray | None = None) -> PairSet:
        """Every stored pair scoring >= ``threshold`` (the sizes and prices do not apply)."""
        return self.pairs.where(self.pairs.q >= threshold)

    def bounded_candidates(self, per_row: Counts, per_col: Counts, threshold: int,
                           price: np.ndarray | None = None) -> tuple[PairSet, LeftOut]:
        """:meth:`candidates`; no stored pair is left out but those below ``threshold``."""
        return self.candidates(per_row, per_col, threshold), LeftOut.nothing(*self.shape)

    def row_best(self, per_row: int, rows: np.ndarray | None = None,
                 price: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Each row's ``per_row`` best stored pairs by score minus ``price`` (see
        :meth:`DensePairs.row_best`); short rows fill up with column 0 at the lowest int64 (never
        a best pair)."""
        n = self.shape[0]
        rows = np.arange(n) if rows is None else rows
        p = self.pairs.where(np.isin(self.pairs.rows, rows)) if rows.size < n else self.pairs
        key = p.q if price is None else p.q - price[p.cols]
        order = np.lexsort((-key, p.rows))
        rank = np.arange(order.size) - np.searchsorted(p.rows[order], p.rows[order])
        keep, left = order[rank < per_row], order[rank == per_row]
        line = np.searchsorted(rows, p.rows)
        cols = np.zeros((rows.size, per_row), np.int64)
        value = np.full((rows.size, per_row), np.iinfo(np.int64).min // 4, np.int64)
        rest = np.full(rows.size, np.iinfo(np.int64).min // 4, np.int64)
        cols[line[keep], rank[rank < per_row]] = p.cols[keep]
        value[line[keep], rank[rank < per_row]] = p.q[keep]
        rest[line[left]] = key[left]
        return cols, value, rest

    def values(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        return self.pairs.lookup(rows, cols, self.shape[1])

    def best(self, per_row: Counts, gain: Gain, threshold: int, exclude: PairSet | None = None,
             rows: np.ndarray | None = None, margin: int = 0) -> PairSet:
        """Each row's ``per_row`` stored pairs scoring >= ``threshold`` with the highest gain above
        ``-margin``, leaving out pairs in ``exclude``; only ``rows`` (sorted indices) when given."""
        return self.scan(per_row, gain, threshold, exclude, rows, margin)[0]

    def largest_gain(self, gain: Gain, threshold: int, exclude: PairSet | None = None,
                     rows: np.ndarray | None = None, margin: int = 0) -> np.ndarray:
        """Per row the largest gain of a pair it would scan, at least ``-margin`` (see
        :meth:`DensePairs.largest_gain`)."""
        return self.scan(0, gain, threshold, exclude, rows, margin)[1]

    def scan(self, per_row: Counts, gain: Gain, threshold: int, exclude: PairSet | None = None,
             rows: np.ndarray | None = None, margin: int = 0) -> tuple[PairSet, np.ndarray]:
        """:meth:`best`, and per scanned row a bound on the gain of every pair it left out (see
        :meth:`DensePairs.scan`)."""
        p, m = self.pairs, self.shape[1]
        scanned = np.arange(self.shape[0]) if rows is None else rows
        g = gain(p.rows, p.cols, p.q) + margin
        keep = (g > 0) & (p.q >= threshold)
        if rows is not None:
            keep &= np.isin(p.rows, rows)
        if exclude is not None and len(exclude):
            keep &= ~np.isin(p.keys(m), exclude.keys(m), assume_unique=True)
        rows, g = p.rows[keep], g[keep]
        order = np.lexsort((-g, rows))
        rank = np.arange(rows.size) - np.searchsorted(rows[order], rows[order])
        limit = np.broadcast_to(per_row, (self.shape[0],))[rows[order]]
        chosen = np.flatnonzero(keep)[order[rank < limit]]
        bound = np.zeros(scanned.size, np.int64)
        left = order[rank >= limit]
        np.maximum.at(bound, np.searchsorted(scanned, rows[left]), g[left].astype(np.int64))
        return _sorted([p.where(np.sort(chosen))], m), bound - margin


def sparse_entries(matrix: sparse.sparray | sparse.spmatrix) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rows, columns and values of the stored entries, sorted by row then column (a canonical CSR
    matrix already is: no sort then)."""
    # the matrix itself when it is a CSR array already: its sortedness, once checked, is kept
    # on it (a new wrapper would check all of its entries again)
    csr = matrix if isinstance(matrix, sparse.csr_array) else sparse.csr_array(matrix)
    if not csr.has_sorted_indices:
        csr = csr.sorted_indices()
    rows = np.repeat(np.arange(csr.shape[0], dtype=np.int64), np.diff(csr.indptr))
    return rows, csr.indices.astype(np.int64), np.asarray(csr.data, dtype=np.float64)


def _top_per_row(g: np.ndarray, per_row: Counts) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(row, col) of each row's ``per_row`` (one count, or one per row) largest positive entries
    of ``g``, and per row the largest entry left out (0 when no positive entry is left out).

    Examples
    --------
    >>> rows, cols, rest = _top_per_row(np.array([[3, 0, 5, 4], [0, -1, 2, 0]]), 2)
    >>> rows.tolist(), cols.tolist(), rest.tolist()
    ([0, 0, 1], [2, 3, 2], [3, 0])
    >>> _top_per_row(np.array([[3, 0, 5, 4], [1, 3, 2, 0]]), np.array([1, 3]))[1].tolist()
    [2, 0, 1, 2]
    """
    counts = np.broadcast_to(np.asarray(per_row, np.int64), (g.shape[0],))
    width = g.shape[1]
    keep = np.empty(g.shape, bool)
    rest = np.zeros(g.shape[0], np.int64)
    for k in np.unique(counts):
        at = np.flatnonzero(counts == k)
        lines = slice(None) if at.size == counts.size else at  # one count: no copy
        if k >= width:
            keep[lines] = g[lines] > 0
        elif k > 0:
            keep[lines], left = _largest(g[lines], int(k), floor=1)
            rest[lines] = np.maximum(left, 0)
        else:
            keep[lines] = False
            rest[lines] = np.maximum(g[lines].max(axis=1, initial=0), 0)
    rows, cols = _nonzero(keep)
    return rows, cols, rest


def _largest(values: np.ndarray, k: int, floor: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Mask of each row's ``k`` largest entries (``0 < k <`` row length), only those at least
    ``floor`` when given, and each row's largest entry left out (below ``floor``: not selected).

    One value partition per row finds the k-th largest (several times faster than an index
    partition) and, at the position before it, the (k+1)-th: a row is tied at its k-th value
    exactly when the two are equal. Tied entries are then kept in column order, the lowest columns
    first (a running count: no second partition, and a documented tie rule). Every other step is
    one comparison: a pass over the row counting its selection cost as much as the partition.

    Examples
    --------
    >>> keep, rest = _largest(np.array([[5, 7, 5, 5, 1]]), 2)
    >>> keep.astype(int).tolist(), rest.tolist()
    ([[1, 1, 0, 0, 0]], [5])
    >>> keep, rest = _largest(np.array([[5, 7, 5, 5, 1]]), 2, floor=6)
    >>> keep.astype(int).tolist(), rest.tolist()
    ([[0, 1, 0, 0, 0]], [5])
    """
    size = values.shape[1]
    # one kth only (two make numpy's partition several times slower): the k entries after it are
    # the k largest, and it is the largest left out
    part = np.partition(values, size - k - 1, axis=1)
    kth = part[:, size - k:].min(axis=1)
    nxt = part[:, size - k - 1]
    tied = nxt == kth
    if floor is not None:
        tied &= kth >= floor
        kth = np.maximum(kth, floor)
    keep = values >= kth[:, None]
    tied = np.flatnonzero(tied)
    if tied.size:
        # tied rows keep what is above the k-th value, then its first equal entries up to k
        block, at = values[tied], kth[tied][:, None]
        keep[tied] = above = block > at
        room = k - np.count_nonzero(above, axis=1)
        equal = np.flatnonzero(block == at)
        line = equal // size
        first = equal[np.arange(equal.size) - np.searchsorted(line, line) < room[line]]
        keep[tied[first // size], first % size] = True
    return keep, nxt.astype(np.int64)


def _largest_of_each(values: np.ndarray, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Mask of each row's ``counts[row]`` largest entries (ties as in :func:`_largest`) and each
    row's largest entry left out (the lowest int64 when none is): one vectorised
    :func:`_largest` per distinct count (one in a round of single people, a few per chunk of class
    rows).

    Examples
    --------
    >>> keep, rest = _largest_of_each(np.array([[5, 7, 5, 1], [1, 2, 3, 4]]), np.array([1, 2]))
    >>> keep.astype(int).tolist(), rest.tolist()
    ([[0, 1, 0, 0], [0, 0, 1, 1]], [5, 2])
    """
    size = values.shape[1]
    keep = np.zeros(values.shape, bool)
    rest = np.full(values.shape[0], np.iinfo(np.int64).min // 4, np.int64)
    for k in np.unique(counts):
        at = np.flatnonzero(counts == k)
        rows = slice(None) if at.size == counts.size else at  # one count: no copy
        if k >= size:
            keep[rows] = True
        elif k > 0:
            keep[rows], rest[rows] = _largest(values[rows], int(k))
        elif size:
            rest[rows] = values[rows].max(axis=1)
    return keep, rest


def _largest_of_columns(values: np.ndarray, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(row, col) of each column's ``counts[col]`` largest entries, ties kept in row order (the
    lowest rows first), without reading the matrix along its columns.

    Transposing the row-major matrix to partition its columns cost several row passes (strided
    reads). Instead ``COLUMN_SAMPLE`` evenly spaced rows give each column a lower bound on its
    ``k``-th largest entry (the sample's ``k``-th largest: a subset's order statistic is never
    above the whole column's), one pass over the rows collects every entry at or above it (about
    ``k n / COLUMN_SAMPLE`` per column), and one sort of those picks the ``k`` largest. Columns
    whose bound the sample already shows tied far more than ``k`` times (few distinct scores) would
    collect too much and are transposed as before.

    Examples
    --------
    >>> r, c = _largest_of_columns(np.array([[1, 5], [3, 5], [2, 0]]), np.array([2, 1]))
    >>> r.tolist(), c.tolist()
    ([1, 2, 0], [0, 0, 1])
    """
    n, m = values.shape
    if n == 0:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    counts = np.minimum(counts, n)
    whole = np.flatnonzero(counts >= n)
    found = [(np.tile(np.arange(n), whole.size), whole.repeat(n))]
    sample = values[np.linspace(0, n - 1, min(n, max(COLUMN_SAMPLE, 4 * int(counts.max(initial=0)))),
                           dtype=np.int64)]
    size = sample.shape[0]
    bound = np.full(m, np.iinfo(values.dtype).max, values.dtype)  # above every score: selects none
    for k in np.unique(counts[(counts > 0) & (counts < n)]):
        at = np.flatnonzero(counts == k)  # 0 < k < n, and k <= size / 4 unless size = n
        bound[at] = np.partition(sample[:, at], size - k, axis=0)[size - k]
    tied = np.flatnonzero((counts < n) & (np.count_nonzero(sample >= bound, axis=0) > 4 * counts))
    bound[tied] = np.iinfo(values.dtype).max
    parts = [_nonzero(values[start:stop] >= bound) + np.array([[start], [0]]) for start, stop in _chunks(n, m)]
    rows, cols = np.concatenate(parts, axis=1) if parts else np.empty((2, 0), np.int64)
    # by column, then score (highest first), then row: one sort of a packed key when it fits
    score = values[rows, cols].astype(np.int64)
    low, width = int(score.min(initial=0)), int(score.max(initial=0) - score.min(initial=0)) + 1
    if m * width * n < 2 ** 62:
        key = np.sort((cols * width + (width - 1 - (score - low))) * n + rows)
        rows, cols = key % n, key // (n * width)
    else:
        order = np.lexsort((rows, -score, cols))
        rows, cols = rows[order], cols[order]
    rank = np.arange(cols.size) - np.searchsorted(cols, cols)
    keep = rank < counts[cols]
    found.append((rows[keep], cols[keep]))
    # the tied columns as rows, TRANSPOSE_TILE at a time: one row-wise gather and a tiled
    # transpose per block, then selections in row chunks
    step = max(1, CHUNK_ENTRIES // n)
    for block in range(0, tied.size, TRANSPOSE_TILE):
        lines = transposed(values[:, tied[block:block + TRANSPOSE_TILE]])
        for start in range(0, lines.shape[0], step):
            at = tied[block + start:block + start + step]
            r, c = _nonzero(_largest_of_each(lines[start:start + step], counts[at])[0].T)
            found.append((r, at[c]))
    return _joined(found)


def transposed(values: np.ndarray) -> np.ndarray:
    """A C-contiguous copy of ``values.T``, copied in square tiles of :data:`TRANSPOSE_TILE`.

    ``np.ascontiguousarray(values.T)`` walks the output in order and reads the input a column at
    a time, one page per entry once a row is longer than a page: at 2,878 x 6,000 int32 (the
    class rows of 10,000 x 6,000 form answers) it took 0.13 s, the tiles 0.03 s. A tile of
    512 x 512 reads 512 rows and writes 512, so the pages it touches stay in the TLB.

    Examples
    --------
    >>> a = np.arange(6).reshape(2, 3)
    >>> transposed(a).tolist(), transposed(a).flags["C_CONTIGUOUS"]
    ([[0, 3], [1, 4], [2, 5]], True)
    """
    n, m = values.shape
    out = np.empty((m, n), values.dtype)
    tile = TRANSPOSE_TILE
    for row in range(0, n, tile):
        for col in range(0, m, tile):
            out[col:col + tile, row:row + tile] = values[row:row + tile, col:col + tile].T
    return out


def _joined(parts: list[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])


def _nonzero(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """int64 (row, col) of the True entries of a 2-D mask, in row-major order (np.nonzero is
    several times slower on 2-D arrays than a flat search)."""
    rows, cols = np.divmod(np.flatnonzero(mask), mask.shape[1])
    return rows.astype(np.int64), cols.astype(np.int64)


def _chunks(n: int, m: int):
    step = max(1, CHUNK_ENTRIES // max(m, 1))
    return ((start, min(n, start + step)) for start in range(0, n, step))


def _sorted(parts: list[PairSet], n_cols: int) -> PairSet:
    joined = PairSet(*(np.concatenate([getattr(p, f) for p in parts] or [np.empty(0, np.int64)])
                       for f in ("rows", "cols", "q")))
    return PairSet.empty().union(joined, n_cols)
