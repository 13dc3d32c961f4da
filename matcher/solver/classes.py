"""Identical people merged into classes: a transportation problem with multiplicities.

Mentees who answered a form the same way have identical score rows; so do mentors. Two mentees
are *interchangeable* when their quantised rows are equal (so feasibility, forbids and locked
pairs, which all show as missing entries, are equal too) and they have the same free slots and
the same tier ranks (priority, locked or not). Two mentors are interchangeable when their columns
are equal, and, if some mentee has two or more free slots, their free capacities too.

A class of ``s`` interchangeable mentees becomes one node with ``s`` first slots and ``s (k - 1)``
further slots; a class of ``r`` mentors one node with the sum of their places; the pair arc between
two classes has capacity ``s r`` (one per pair of people). Every pairing of people adds up to a
flow of the class network with the same weight, so the class optimum is at least the people's.
:func:`Classes.expand` turns a class flow into a pairing of people of the same weight, which
makes the two optima equal and the class certificate (dual bound, tier cuts, duals, all expanded to
people) a certificate for the people's problem.

**Expansion, and the tie rule it fixes.** Members of a class are taken in index order.

1. Mentor side: the flow units into mentor class ``J``, ordered by mentee class, go to the
   places of ``J`` in *place order*: every member's first place (in index order), then every
   member's second place, and so on. With equal capacities that is round-robin, so the units of
   one mentee (at most ``r``, the arc's per-mentee share) land on distinct mentors; with unequal
   capacities every mentee has one slot, so any order is valid.
2. Mentee side: the units of mentee class ``I``, now each with a concrete mentor and ordered by
   mentor, go to the slots of ``I`` in the same place order (every member's first slot, then every
   second slot...). Units with the same mentor number at most ``s`` (one per member) and are
   consecutive, so they land on distinct mentees; every member gets ``floor`` or ``ceil`` of the
   class's share, so as many first slots are filled as the flow filled (or more, never fewer).

When merging would leave both a mentor class of several people and a mentee class of several
people with two or more slots, those mentee classes are split into single people (a unit pair of
the two could not always be spread over distinct pairs of people), so the rule above always holds.

Examples
--------
>>> from matcher.solver.pairs import DensePairs
>>> from matcher.solver.weights import make_tiers
>>> q = np.array([[5.0, 5.0, 1.0], [5.0, 5.0, 1.0], [2.0, 2.0, 9.0]])
>>> src = DensePairs(q, None, 1.0, (0.0, 9.0))
>>> c = merge(src, make_tiers("coverage", np.zeros(3, int), np.zeros(3, bool)),
...           np.ones(3, np.int64), np.ones(3, np.int64), merge_at_least=0.1)
>>> c.mentee_class.tolist(), c.mentor_class.tolist(), c.base.capacity.tolist()
([0, 0, 1], [0, 0, 1], [2, 1])
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, replace
from functools import cache

import numpy as np
from threadpoolctl import ThreadpoolController

from matcher.solver.certificate import Certificate
from matcher.solver.cuts import Cut
from matcher.solver.flow import Network
from matcher.solver.pairs import CHUNK_ENTRIES, DensePairs, PairSet, PairSource, transposed
from matcher.solver.weights import EXACT_FLOAT, Tiers

#: fewer distinct hash weights than this would make chance collisions likely: do not merge
MIN_WEIGHT = 1 << 12
#: lines are first grouped by hashes of their first PROBE entries, quantised; 128, not 32: the
#: scores ``matcher run`` gives a 10,000 x 6,000 round of form answers with a crowded field have
#: 9,671 distinct rows, but only 8,646 on their first 32 columns, which let a merge run that was
#: then refused
PROBE = 128


@dataclass(frozen=True)
class Classes:
    """The class problem of a round and the way back to people."""

    mentee_class: np.ndarray  # (n,) class of each mentee, classes numbered by their first member
    mentor_class: np.ndarray  # (m,) class of each mentor
    slots: np.ndarray         # (n,) free slots of each mentee
    capacity: np.ndarray      # (m,) free places of each mentor
    source: DensePairs        # the class score matrix
    base: Network             # class capacities and sizes (no bonuses)
    tiers: Tiers              # class tier ranks

    def __repr__(self) -> str:
        return (f"Classes({self.mentee_class.size} mentees in {self.base.n} classes, "
                f"{self.mentor_class.size} mentors in {self.base.m})")

    def expand(self, pairs: PairSet, amount: np.ndarray) -> PairSet:
        """People's pairs from class pairs carrying ``amount`` units each (see module doc)."""
        rows, cols = np.repeat(pairs.rows, amount), np.repeat(pairs.cols, amount)
        by_mentor = np.lexsort((rows, cols))
        mentor = np.empty(rows.size, np.int64)
        mentor[by_mentor] = _hand_out(cols[by_mentor], self.mentor_class, self.capacity)
        by_mentee = np.lexsort((mentor, rows))
        mentee = np.empty(rows.size, np.int64)
        mentee[by_mentee] = _hand_out(rows[by_mentee], self.mentee_class, self.slots)
        m = self.capacity.size
        keys = mentee * m + mentor
        order = np.argsort(keys, kind="stable")
        if np.any(np.diff(keys[order]) == 0):
            raise RuntimeError("class expansion paired two people twice: the class merge is wrong")
        return PairSet(mentee[order], mentor[order], self.source.values(rows, cols)[order])

    def certificate(self, certificate: Certificate) -> Certificate:
        """The class certificate in people's indices: duals per person, cuts over members."""
        return replace(
            certificate,
            mentee_dual=None if certificate.mentee_dual is None else certificate.mentee_dual[self.mentee_class],
            mentor_dual=None if certificate.mentor_dual is None else certificate.mentor_dual[self.mentor_class],
            tier_cuts=tuple(self._cut(c) for c in certificate.tier_cuts),
            next_cut=None if certificate.next_cut is None else self._cut(certificate.next_cut))

    def _cut(self, cut: Cut) -> Cut:
        return replace(cut, mentees=np.flatnonzero(np.isin(self.mentee_class, cut.mentees)),
                       mentors=np.flatnonzero(np.isin(self.mentor_class, cut.mentors)))


def merge(source: PairSource, tiers: Tiers, slots: np.ndarray, capacity: np.ndarray,
          merge_at_least: float) -> Classes | None:
    """The class problem, or None when merging removes less than ``merge_at_least`` of the pairs
    (or the source is not a dense matrix, or its scores are too wide to hash exactly).

    Mentee classes come from the whole matrix, mentor classes from the rows of one member per
    mentee class: rows of a class are equal, so two columns are equal on those rows exactly when
    they are equal on every row (about 3x less to read on form answers). See :func:`_equal_lines`.
    """
    if not isinstance(source, DensePairs) or 0 in source.shape:
        return None
    n, m = source.shape
    weight = _hash_weight(source)
    if weight is None:
        return None
    # one BLAS thread for the hashes of large matrices: these products are memory-bound, and
    # threads fighting over two cores made them about 3x slower
    with _blas().limit(limits=1, user_api="blas") if n * m > CHUNK_ENTRIES else nullcontext():
        return _merged(source, tiers, slots, capacity, merge_at_least, weight)


def _merged(source: DensePairs, tiers: Tiers, slots: np.ndarray, capacity: np.ndarray,
            merge_at_least: float, weight: int) -> Classes | None:
    """:func:`merge` once the source is known to hash exactly with weights below ``weight``."""
    n, m = source.shape
    floor = source.low - 1
    scores, allowed = source.raw if source.raw is not None else (source.q, None)
    prefix = np.arange(min(PROBE, m))
    row_keys = _hashes(source.quantised(cols=prefix), floor, weight)
    col_keys = _hashes(source.quantised(rows=np.arange(min(PROBE, n))).T, floor, weight)
    if _distinct(row_keys) * _distinct(col_keys) > (1 - merge_at_least) * n * m:
        return None
    rows = _Lines(scores, allowed, lambda at: source.quantised(rows=at))
    mentee_class = _equal_lines(rows, floor, weight, row_keys,
                                np.c_[slots, tiers.first_rank, tiers.extra_rank])
    first_member = np.unique(mentee_class, return_index=True)[1]
    if first_member.size * _distinct(col_keys) > (1 - merge_at_least) * n * m:
        return None
    several_slots = bool((slots >= 2).any())
    columns = _Lines(transposed(scores[first_member]),
                     None if allowed is None else transposed(allowed[first_member]),
                     lambda at: source.quantised(rows=first_member, cols=at).T)
    mentor_keys = _hashes(source.quantised(rows=first_member[:PROBE]).T, floor, weight)
    mentor_class = _equal_lines(columns, floor, weight, mentor_keys,
                                capacity[:, None] if several_slots else np.empty((m, 0), np.int64))
    if several_slots and np.bincount(mentor_class).max(initial=0) > 1:
        # a class of several mentors next to a class of several multi-slot mentees could need one
        # pair of people twice: such mentees stay single (module doc)
        multi = (slots >= 2) & (np.bincount(mentee_class)[mentee_class] > 1)
        mentee_class = _classes(np.c_[mentee_class, np.where(multi, np.arange(n), -1)])
    n_classes, m_classes = int(mentee_class.max()) + 1, int(mentor_class.max()) + 1
    if n_classes * m_classes > (1 - merge_at_least) * n * m:
        return None
    first_member = np.unique(mentee_class, return_index=True)[1]
    first_mentor = np.unique(mentor_class, return_index=True)[1]
    size = np.bincount(mentee_class).astype(np.int64)
    class_slots = slots[first_member].astype(np.int64)
    base = Network(first_cap=size * np.minimum(class_slots, 1),
                   extra_cap=size * np.maximum(class_slots - 1, 0),
                   capacity=np.bincount(mentor_class, weights=capacity, minlength=m_classes).astype(np.int64),
                   first_bonus=np.zeros(n_classes, np.int64), extra_bonus=np.zeros(n_classes, np.int64),
                   mentee_size=size, mentor_size=np.bincount(mentor_class).astype(np.int64))
    q = source.quantised(first_member, first_mentor)
    return Classes(mentee_class=mentee_class, mentor_class=mentor_class,
                   slots=np.asarray(slots, np.int64), capacity=np.asarray(capacity, np.int64),
                   source=DensePairs.of_quantised(q, source.scale, source.low, source.high),
                   base=base, tiers=Tiers(tiers.first_rank[first_member], tiers.extra_rank[first_member]))


@cache
def _blas() -> ThreadpoolController:
    """threadpoolctl's view of the process's BLAS, made once. ``threadpool_limits`` reads
    ``/proc/self/maps`` and every loaded library again on each call: 13-17 ms in a process
    that has loaded matcher, about half of a 500 x 350 solve; a limit through this controller
    costs about 15 microseconds. numpy's BLAS, the one the hashes use, is loaded with numpy,
    so a controller made at the first merge knows it."""
    return ThreadpoolController()


def _hash_weight(source: DensePairs) -> int | None:
    """The bound on the integer hash weights that keeps every hash of a line of the quantised
    matrix an exact float64 integer (entries clipped at ``low - 1``, the value missing pairs
    take, so every product and sum stays below 2**53 and float64 adds them exactly in any
    order: equal lines get equal hashes for sure), or None when too few weights would be left."""
    largest = max(abs(source.low - 1), abs(source.high), 1)
    weight = EXACT_FLOAT // (largest * max(*source.shape, 1))
    return weight if weight >= MIN_WEIGHT else None


def _hashes(lines: np.ndarray, floor: int, weight: int) -> np.ndarray:
    """Two exact integer hashes of each row of ``lines`` (see :func:`_hash_weight`), in chunks
    of rows. Weights are drawn from a fixed seed, one pair per column position, so a row's
    hashes depend only on its entries and classes are deterministic.

    Examples
    --------
    >>> h = _hashes(np.array([[3, 1], [3, 1], [1, 3]]), -1, 1 << 20)
    >>> bool((h[0] == h[1]).all()), bool((h[0] == h[2]).all())
    (True, False)
    """
    rows, width = lines.shape
    by_col = np.random.default_rng(20260101).integers(1, weight, (width, 2)).astype(np.float64)
    keys = np.empty((rows, 2))
    step = max(1, CHUNK_ENTRIES // max(width, 1))
    clip = np.array(floor, lines.dtype)
    for start in range(0, rows, step):
        keys[start:start + step] = np.maximum(lines[start:start + step], clip).astype(np.float64) @ by_col
    return keys


def _distinct(keys: np.ndarray) -> int:
    """A lower bound on the distinct lines behind ``keys`` (equal lines have equal keys)."""
    return int(np.unique(keys[:, 0]).size)


@dataclass(frozen=True)
class _Lines:
    """Lines to group into classes: their raw scores and allowed mask (rows of each; equal raw
    lines quantise to equal lines), and how to quantise some of them (for whole-line hashes).
    Reading the raw scores spares quantising the whole matrix when it merges (pairs.DensePairs)."""

    scores: np.ndarray
    allowed: np.ndarray | None
    quantised: Callable[[np.ndarray], np.ndarray]

    @classmethod
    def of(cls, q: np.ndarray) -> "_Lines":
        """Lines already quantised."""
        return cls(q, None, lambda at: q[at])


def _equal_lines(lines: _Lines, floor: int, weight: int, keys: np.ndarray,
                 extra: np.ndarray) -> np.ndarray:
    """Classes of the lines that are equal entry by entry (equal scores where allowed, equal
    allowed entries) and have equal ``extra`` keys, numbered in order of their first line. Exact
    whatever the keys are, as long as equal lines have equal keys.

    Lines are grouped by ``keys`` (exact hashes of a quantised prefix) and then every line is
    compared with its group's first line, one pass over the raw scores. The lines that differ
    (prefix equal, rest not) are quantised, grouped again by hashes of their whole lines and
    compared with their new groups' first lines; any that still differs (a hash collision:
    astronomically rare, but exactness must not depend on luck) becomes a class of its own. One
    pass instead of the two a whole-matrix hash and its check take. Raw scores that differ but
    round to the same quantised score make two classes, not one: finer classes are still classes
    of identical people.

    Examples
    --------
    >>> q = np.array([[1, 2, 5], [1, 2, 6], [1, 2, 5], [1, 2, 6], [0, 0, 0]])
    >>> prefix = _hashes(q[:, :2], -1, 1 << 20)           # the first two entries hide the third
    >>> _equal_lines(_Lines.of(q), -1, 1 << 20, prefix, np.empty((5, 0), int)).tolist()
    [0, 1, 0, 1, 2]
    """
    line_class = _classes(np.c_[keys, extra])
    differs = _differs(lines, line_class)
    if not differs.any():
        return line_class
    again = np.flatnonzero(differs)
    regroup = _classes(np.c_[line_class[again], _hashes(lines.quantised(again), floor, weight)])
    line_class[again] = line_class.max() + 1 + regroup
    line_class = _classes(line_class[:, None])
    differs[:] = False
    differs[again] = _differs(lines, line_class, again)
    if not differs.any():
        return line_class
    return _classes(np.c_[line_class, np.where(differs, np.arange(line_class.size), -1)])


def _differs(lines: _Lines, line_class: np.ndarray, rows: np.ndarray | None = None) -> np.ndarray:
    """Per line of ``rows`` (default all), whether it differs from its class's first line: in an
    allowed entry's score or in which entries are allowed."""
    rows = np.arange(line_class.size) if rows is None else rows
    rep = np.unique(line_class, return_index=True)[1][line_class[rows]]
    differs = np.zeros(rows.size, bool)
    step = max(1, CHUNK_ENTRIES // max(lines.scores.shape[1], 1))
    for start in range(0, rows.size, step):
        at, first = rows[start:start + step], rep[start:start + step]
        unequal = lines.scores[at] != lines.scores[first]
        if lines.allowed is not None:
            allowed = lines.allowed[at]
            unequal &= allowed
            unequal |= allowed != lines.allowed[first]
        differs[start:start + step] = unequal.any(axis=1)
    return differs


def _classes(keys: np.ndarray) -> np.ndarray:
    """Class of each line (row of ``keys``) by equal keys, classes numbered in order of their
    first line. One ``lexsort`` of the key columns (``np.unique(axis=0)`` sorts a structured
    copy, several times slower on these few columns).

    Examples
    --------
    >>> _classes(np.array([[5, 1], [2, 0], [5, 1], [2, 1]])).tolist()
    [0, 1, 0, 2]
    """
    order = np.lexsort(keys.T[::-1])
    ordered = keys[order]
    starts = np.r_[True, (ordered[1:] != ordered[:-1]).any(axis=1)]
    group = np.cumsum(starts) - 1
    first = np.minimum.reduceat(order, np.flatnonzero(starts))
    rank = np.empty(first.size, np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(first.size)
    line_class = np.empty(order.size, np.int64)
    line_class[order] = rank[group]
    return line_class


def _hand_out(unit_class: np.ndarray, member_class: np.ndarray, places: np.ndarray) -> np.ndarray:
    """The member that takes each unit: units sorted by class, handed out over each class's places
    in place order (every member's first place in index order, then every second place, ...)."""
    member = np.repeat(np.arange(member_class.size), places)
    level = np.arange(member.size) - np.repeat(np.cumsum(places) - places, places)
    place_member = member[np.lexsort((member, level, member_class[member]))]
    start = np.searchsorted(member_class[place_member], unit_class)
    position = np.arange(unit_class.size) - np.searchsorted(unit_class, unit_class)
    return place_member[start + position]
