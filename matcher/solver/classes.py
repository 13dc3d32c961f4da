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

from contextlib import nullcontext
from dataclasses import dataclass, replace

import numpy as np
from threadpoolctl import threadpool_limits

from matcher.solver.certificate import Certificate
from matcher.solver.cuts import Cut
from matcher.solver.flow import Network
from matcher.solver.pairs import CHUNK_ENTRIES, DensePairs, PairSet, PairSource
from matcher.solver.weights import EXACT_FLOAT, Tiers

#: fewer distinct hash weights than this would make chance collisions likely: do not merge
MIN_WEIGHT = 1 << 12


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
    (or the source is not a dense matrix, or its scores are too wide to hash exactly)."""
    if not isinstance(source, DensePairs) or 0 in source.shape:
        return None
    n, m = source.shape
    if _distinct_lines_at_least(source.q) > (1 - merge_at_least) * n * m:
        return None
    keys = _hashes(source)
    if keys is None:
        return None
    mentee_keys, mentor_keys = keys
    mentee_class = _classes(np.c_[mentee_keys, slots, tiers.first_rank, tiers.extra_rank])
    several_slots = bool((slots >= 2).any())
    mentor_class = _classes(np.c_[mentor_keys, capacity] if several_slots else mentor_keys)
    if several_slots and np.bincount(mentor_class).max(initial=0) > 1:
        # a class of several mentors next to a class of several multi-slot mentees could need one
        # pair of people twice: such mentees stay single (module doc)
        multi = (slots >= 2) & (np.bincount(mentee_class)[mentee_class] > 1)
        mentee_class = _classes(np.c_[mentee_class, np.where(multi, np.arange(n), -1)])
    mentee_class = _checked(source.q, mentee_class, axis=1)
    mentor_class = _checked(source.q, mentor_class, axis=0)
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
    q = source.q[np.ix_(first_member, first_mentor)]
    return Classes(mentee_class=mentee_class, mentor_class=mentor_class,
                   slots=np.asarray(slots, np.int64), capacity=np.asarray(capacity, np.int64),
                   source=DensePairs.of_quantised(q, source.scale, source.low, source.high),
                   base=base, tiers=Tiers(tiers.first_rank[first_member], tiers.extra_rank[first_member]))


def _distinct_lines_at_least(q: np.ndarray, probe: int = 128) -> int:
    """A lower bound on (distinct rows) x (distinct columns) of ``q``, from rows restricted to
    their first ``probe`` columns and columns restricted to their first ``probe`` rows: lines
    that differ there differ everywhere (and lines with different hashes of those entries
    differ there). Continuous scores show all lines distinct at once, so merging is ruled out
    for a hundredth of the cost of hashing the whole matrix. 128 lines, not 32: the scores
    ``matcher run`` gives a 10,000 x 6,000 round of form answers with a crowded field have
    9,671 distinct rows, but only 8,646 on their first 32 columns, which let the hashing pass
    (0.4 s) run for a merge that was then refused.

    Examples
    --------
    >>> _distinct_lines_at_least(np.array([[1, 1], [1, 1], [2, 3]]))
    4
    """
    weight = np.random.default_rng(20260102).random(probe)
    rows = np.unique(q[:, :probe].astype(np.float64) @ weight[:min(probe, q.shape[1])]).size
    cols = np.unique(weight[:min(probe, q.shape[0])] @ q[:probe].astype(np.float64)).size
    return rows * cols


def _hashes(source: DensePairs) -> tuple[np.ndarray, np.ndarray] | None:
    """Two exact integer hashes per row and per column of the quantised matrix (one pass over it),
    or None when they cannot be exact in float64.

    Entries are clipped at ``low - 1`` (missing pairs become that value, below every real score),
    so every product and sum is an integer below 2**53: float64 adds them exactly in any order,
    and equal lines get equal hashes for sure.
    """
    n, m = source.shape
    largest = max(abs(source.low - 1), abs(source.high), 1)
    weight = EXACT_FLOAT // (largest * max(n, m, 1))
    if weight < MIN_WEIGHT:
        return None
    rng = np.random.default_rng(20260101)     # fixed: hashes (and so classes) are deterministic
    by_col = rng.integers(1, weight, (m, 2)).astype(np.float64)
    by_row = rng.integers(1, weight, (n, 2)).astype(np.float64)
    rows, cols = np.zeros((n, 2)), np.zeros((m, 2))
    step = max(1, CHUNK_ENTRIES // max(m, 1))
    floor = np.array(source.low - 1, source.q.dtype)
    # one BLAS thread on large matrices: these products are memory-bound, and threads fighting
    # over two cores made them about 3x slower (small ones skip threadpoolctl's own ~5 ms)
    with threadpool_limits(limits=1, user_api="blas") if n * m > CHUNK_ENTRIES else nullcontext():
        for start in range(0, n, step):
            v = np.maximum(source.q[start:start + step], floor).astype(np.float64)
            rows[start:start + step] = v @ by_col
            cols += v.T @ by_row[start:start + step]
    return rows, cols


def _classes(keys: np.ndarray) -> np.ndarray:
    """Class of each line by equal keys, classes numbered in order of their first line."""
    _, first, inverse = np.unique(keys, axis=0, return_index=True, return_inverse=True)
    rank = np.empty(first.size, np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(first.size)
    return rank[inverse.reshape(-1)]


def _checked(q: np.ndarray, line_class: np.ndarray, axis: int) -> np.ndarray:
    """``line_class`` (of rows, ``axis=1``, or columns, ``axis=0``) with any line that differs from
    its class's first line split off alone (a hash collision: astronomically rare, but exactness
    must not depend on luck)."""
    rep = np.unique(line_class, return_index=True)[1][line_class]
    differs = np.zeros(line_class.size, bool)
    step = max(1, CHUNK_ENTRIES // max(q.shape[1], 1))
    for start in range(0, q.shape[0], step):
        block = q[start:start + step]
        if axis == 1:
            differs[start:start + step] = (block != q[rep[start:start + step]]).any(axis=1)
        else:
            differs |= (block != block[:, rep]).any(axis=0)
    if not differs.any():
        return line_class
    return _classes(np.c_[line_class, np.where(differs, np.arange(line_class.size), -1)])


def _hand_out(unit_class: np.ndarray, member_class: np.ndarray, places: np.ndarray) -> np.ndarray:
    """The member that takes each unit: units sorted by class, handed out over each class's places
    in place order (every member's first place in index order, then every second place, ...)."""
    member = np.repeat(np.arange(member_class.size), places)
    level = np.arange(member.size) - np.repeat(np.cumsum(places) - places, places)
    place_member = member[np.lexsort((member, level, member_class[member]))]
    start = np.searchsorted(member_class[place_member], unit_class)
    position = np.arange(unit_class.size) - np.searchsorted(unit_class, unit_class)
    return place_member[start + position]
