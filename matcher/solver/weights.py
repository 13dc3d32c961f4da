"""Objective tiers as exact integer weights.

The solver works on integers only, so every comparison between two pairings is exact:

* scores are *quantised*: ``q = round(score * K)`` with ``K`` a power of ten chosen so that
  ``max|score| * K <= 1e6`` (0-100 scores get ``K = 1e4``, a resolution of 0.0001 points).
  Integer-valued scores (cost matrices from assignment benchmarks) keep ``K >= 1`` so they are never
  rounded;
* every matched *slot* of a mentee earns a tier bonus ``B * rank`` on top of the pair's ``q``.
  ``rank`` depends on the objective (see :func:`slot_ranks`). A unit ``B`` above any possible
  difference of total score (:func:`safe_unit`) makes tiers dominate scores for sure; the solver
  starts with a much smaller unit (:func:`small_unit`), which solves faster, proves the tiers it
  reached are the best possible with max-flow cuts, and escalates when they are not.

See docs/solver.md for why these weights give the lexicographic objectives exactly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from matcher.errors import InputError

#: quantised scores stay within +-SCORE_UNITS, so sums stay exact in int64 and float64
SCORE_UNITS = 1_000_000
#: integers below this are exact in float64, and so are sums of them that stay below it (line
#: hashes of classes.py, the assignment weights of engines/lsa.py)
EXACT_FLOAT = 2 ** 53
#: OR-Tools multiplies costs by (number of nodes + 1) internally and needs that to fit in int64
INT64_HEADROOM = 2 ** 62


@dataclass(frozen=True)
class Tiers:
    """Tier ranks of one solve and the weight ``unit`` of one rank step.

    Attributes
    ----------
    first_rank, extra_rank : np.ndarray
        (n_mentees,) int64 rank of a mentee's first free slot and of each further free slot.
    unit : int
        ``B``, the weight of one rank step.
    """

    first_rank: np.ndarray
    extra_rank: np.ndarray
    unit: int = 1

    @property
    def ranks(self) -> tuple[np.ndarray, np.ndarray]:
        return self.first_rank, self.extra_rank

    @property
    def first_bonus(self) -> np.ndarray:
        """(n_mentees,) int64 bonus for a mentee's first matched slot."""
        return self.first_rank * self.unit

    @property
    def extra_bonus(self) -> np.ndarray:
        """(n_mentees,) int64 bonus for each further matched slot."""
        return self.extra_rank * self.unit

    def with_unit(self, unit: int, num_nodes: int, score_range: tuple[int, int]) -> "Tiers":
        """The same ranks with another unit, checked against int64 head-room (see module doc)."""
        largest = int(max(self.first_rank.max(initial=0), self.extra_rank.max(initial=0))) * unit \
            + max(abs(score_range[0]), abs(score_range[1]))
        if largest * (num_nodes + 1) >= INT64_HEADROOM:
            raise InputError(
                f"the scores are too fine-grained for exact integer solving at this size (weights "
                f"up to {largest} with {num_nodes} nodes overflow 64-bit integers): round the scores "
                "to fewer digits, use fewer distinct priority levels, or split the round")
        return Tiers(self.first_rank, self.extra_rank, unit)

    def __repr__(self) -> str:
        levels = np.unique(np.r_[self.first_rank, self.extra_rank]).size
        return f"Tiers(unit={self.unit}, levels={levels})"


def score_scale(max_abs: float, integral: bool) -> float:
    """The power of ten ``K`` that quantises scores to at most ``SCORE_UNITS`` in magnitude.

    Examples
    --------
    >>> score_scale(100.0, integral=False)
    10000.0
    >>> score_scale(5e8, integral=True)   # integer costs are never rounded
    1.0
    """
    if max_abs <= 0:
        return 1.0
    scale = 10.0 ** math.floor(math.log10(SCORE_UNITS / max_abs))
    return max(scale, 1.0) if integral else scale


def quantise(scores: np.ndarray, scale: float) -> np.ndarray:
    """Scores as exact int64 units: ``round(scores * scale)``.

    Examples
    --------
    >>> quantise(np.array([12.34567, 100.0]), 1e4)
    array([ 123457, 1000000])
    """
    return np.rint(np.asarray(scores, dtype=np.float64) * scale).astype(np.int64)


def slot_ranks(objective: str, priority_level: np.ndarray, has_lock: np.ndarray
               ) -> tuple[np.ndarray, np.ndarray]:
    """Tier rank of each mentee's first slot and of its further slots.

    ``priority_level`` holds priorities compressed to 0..L. For ``coverage`` (and ``fair``, which
    keeps coverage's tiers) every first slot outranks every further slot, and a higher priority
    outranks a lower one inside each group: first slots get ``L + 2 + level``, further slots
    ``1 + level``. For ``total`` only priority counts: first slots get ``level``, further slots 0.
    A mentee with a locked pair already has their first mentor, so their free slots are all
    "further" slots.

    Examples
    --------
    >>> slot_ranks("coverage", np.array([0, 1]), np.array([False, False]))
    (array([3, 4]), array([1, 2]))
    >>> slot_ranks("total", np.array([0, 1]), np.array([False, True]))
    (array([0, 0]), array([0, 0]))
    """
    level = np.asarray(priority_level, dtype=np.int64)
    top = int(level.max(initial=0))
    if objective == "total":
        first, extra = level.copy(), np.zeros_like(level)
    else:
        first, extra = top + 2 + level, 1 + level
    return np.where(has_lock, extra, first), extra


def priority_levels(priority: np.ndarray) -> np.ndarray:
    """Priorities compressed to dense levels 0..L (0 = the lowest given priority).

    Examples
    --------
    >>> priority_levels(np.array([0, 5, 5, 2]))
    array([0, 2, 2, 1])
    """
    if not priority.size or priority.min() == priority.max():  # one level (no priorities): no sort
        return np.zeros(priority.size, np.int64)
    return np.unique(priority, return_inverse=True)[1].astype(np.int64).reshape(-1)


def safe_unit(score_range: tuple[int, int], max_pairs: int) -> int:
    """A unit that makes tiers dominate scores for sure: more than the difference of total
    quantised score between any two pairings of at most ``max_pairs`` pairs.

    Examples
    --------
    >>> safe_unit((0, 1_000_000), 3)
    3000001
    """
    return max(max_pairs, 1) * span(score_range) + 1


def small_unit(score_range: tuple[int, int], path: int) -> int:
    """The first unit tried: tiers dominate any exchange along an alternating path of up to
    ``path`` pairs (``Tuning.small_path``). The solver proves afterwards that the tiers are the best possible and
    escalates towards :func:`safe_unit` when they are not (smaller weights solve several times
    faster).

    Examples
    --------
    >>> small_unit((0, 1_000_000), 8)
    8000001
    """
    return path * span(score_range) + 1


def span(score_range: tuple[int, int]) -> int:
    """``max(q_max, 0) - min(q_min, 0)``: the most one pair can change a total score."""
    return max(score_range[1], 0) - min(score_range[0], 0)


def make_tiers(objective: str, priority: np.ndarray, has_lock: np.ndarray) -> Tiers:
    """Tier ranks (unit 1) of an objective, from priorities and which mentees have a lock.

    Examples
    --------
    >>> make_tiers("coverage", np.array([0, 3]), np.array([False, False])).first_rank.tolist()
    [3, 4]
    """
    first, extra = slot_ranks(objective, priority_levels(priority), has_lock)
    return Tiers(first, extra)
