"""Round shapes for the solver benchmarks, independent of :mod:`matcher.synthetic`.

A *shape* is a size (mentees x mentors), a supply ratio (mentor places / mentees) and a score
structure:

* ``random``: continuous scores, uniform in 0-100, 20% of pairs infeasible (no ties: the textbook
  assignment benchmark);
* ``form``: scores from realistic form answers. Every person answers a field (12, skewed: the
  three biggest hold about half), one or two goals of 6 (mentors: topics they offer), languages
  (fi / sv / en mixes, weighted as in a bilingual country) and a meeting mode. A pair without a
  common language is infeasible; the score is a fixed sum of matches (field 40, goals up to 30,
  mode 20, a shared first language 10), so only a few dozen distinct scores exist and thousands
  of mentees share one answer combination: large blocks of identical rows and columns;
* ``clustered``: like ``form``, but one field holds 60% of the mentees and 10% of the mentors, so
  the popular field's mentors are scarce and most of its mentees must go elsewhere or stay
  unmatched;
* ``crowded`` (not in ``make bench``'s matrix: ``--structures crowded``): ``clustered`` plus the
  continuous terms ``matcher run``'s own scores have, years of experience (up to 10 points for
  equal years, falling with the difference) and location (up to 10 points, falling with the
  distance in a unit square), so nearly every row and column is distinct: no classes of
  identical people, and one field still crowded.

Mentor capacities are 1-3 as in real sign-ups, drawn so that the places add up to the supply ratio
times the mentees exactly; 5% of mentees ask for two mentors.

Examples
--------
>>> r = make_shape(50, 35, 0.8, "form", seed=1)
>>> r.scores.shape, int(r.capacity.sum()), int(r.capacity.min()) >= 1, int(r.capacity.max()) <= 3
((50, 35), 40, True, True)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

STRUCTURES = ("random", "form", "clustered")
#: every structure make_shape knows; make bench runs STRUCTURES (its 15-minute budget)
ALL_STRUCTURES = (*STRUCTURES, "crowded")
SUPPLY_RATIOS = (0.8, 0.95, 1.0, 1.2, 1.6)
SIZES = ("50x35", "200x140", "500x350", "1000x700", "10000x6000", "20000x12000")

FIELDS = 12
GOALS = 6
#: language sets a person may have: (first language, languages spoken) and their weights
LANGUAGES = (("fi", ("fi",)), ("fi", ("fi", "en")), ("sv", ("sv", "fi")), ("sv", ("sv",)),
             ("en", ("en",)), ("fi", ("fi", "sv", "en")))
LANGUAGE_WEIGHTS = (0.45, 0.3, 0.08, 0.05, 0.07, 0.05)
MODES = 3  # online, in person, either (either is compatible with both)


@dataclass(frozen=True)
class Shape:
    """One generated round: scores (float32), feasibility, mentor capacities, mentee limits."""

    scores: np.ndarray
    feasible: np.ndarray
    capacity: np.ndarray
    mentee_capacity: np.ndarray

    @property
    def shape(self) -> tuple[int, int]:
        return self.scores.shape


def make_shape(n: int, m: int, supply: float, structure: str, seed: int = 0) -> Shape:
    """A round of ``n`` mentees and ``m`` mentors with ``round(supply * n)`` places (1-3 each)."""
    if structure not in ALL_STRUCTURES:
        raise ValueError(f"structure {structure!r}: choose one of {', '.join(ALL_STRUCTURES)}")
    rng = np.random.default_rng([seed, n, m, int(supply * 100), ALL_STRUCTURES.index(structure)])
    capacity = capacities(rng, m, round(supply * n))
    mentee_capacity = np.where(rng.random(n) < 0.05, 2, 1).astype(np.int64)
    if structure == "random":
        # drawn in float32 at once: half the memory traffic of float64 draws cast down
        scores = 100 * rng.random((n, m), dtype=np.float32)
        feasible = rng.random((n, m), dtype=np.float32) > 0.2
        return Shape(scores, feasible, capacity, mentee_capacity)
    field_weights = 1.0 / np.arange(1, FIELDS + 1) ** 0.9
    mentee_fields = field_weights / field_weights.sum()
    mentor_fields = mentee_fields
    if structure in ("clustered", "crowded"):
        mentee_fields = np.r_[0.6, 0.4 * mentee_fields[1:] / mentee_fields[1:].sum()]
        mentor_fields = np.r_[0.1, 0.9 * mentor_fields[1:] / mentor_fields[1:].sum()]
    mentees = _people(rng, n, mentee_fields)
    mentors = _people(rng, m, mentor_fields)
    # every term is a product of small 0/1 answer matrices: no (n, m, k) temporaries
    f32 = np.float32
    common = (mentees["speaks"].astype(f32) @ mentors["speaks"].T.astype(f32)) > 0
    scores = 40.0 * (_one_hot(mentees["field"], FIELDS) @ _one_hot(mentors["field"], FIELDS).T)
    goals = mentees["goals"].astype(f32) / mentees["goals"].sum(axis=1, keepdims=True)
    scores += np.round(30.0 * goals, 2) @ mentors["goals"].T.astype(f32)
    mode_ok = np.array([[1, 0, 1], [0, 1, 1], [1, 1, 1]], f32)  # online, in person, either
    scores += 20.0 * (mode_ok[mentees["mode"]] @ _one_hot(mentors["mode"], MODES).T)
    scores += 10.0 * (_one_hot(mentees["first"], 3) @ _one_hot(mentors["first"], 3).T)
    if structure == "crowded":
        _add_continuous(rng, scores)
    return Shape(scores, common, capacity, mentee_capacity)


def _add_continuous(rng: np.random.Generator, scores: np.ndarray, rows: int = 1024) -> None:
    """Experience and location terms, added in place in blocks of ``rows`` (temporaries of a
    block, not of the whole matrix: the 20,000 x 12,000 round's peak memory is the solver's)."""
    n, m = scores.shape
    years = [rng.uniform(0, 30, size).astype(np.float32) for size in (n, m)]
    place = [rng.random((size, 2), dtype=np.float32) for size in (n, m)]
    for start in range(0, n, rows):
        block = scores[start:start + rows]
        gap = np.abs(np.subtract.outer(years[0][start:start + rows], years[1]))
        block += 10.0 * np.exp(-gap / 10.0)
        dx = np.subtract.outer(place[0][start:start + rows, 0], place[1][:, 0])
        dy = np.subtract.outer(place[0][start:start + rows, 1], place[1][:, 1])
        block += 10.0 * (1.0 - np.sqrt(dx * dx + dy * dy) / np.float32(np.sqrt(2.0)))


def capacities(rng: np.random.Generator, m: int, places: int) -> np.ndarray:
    """``m`` capacities of 1-3 adding up to ``places`` (clipped to the reachable ``m..3m``)."""
    places = min(max(places, m), 3 * m)
    capacity = np.ones(m, np.int64)
    extra = places - m
    # each mentor offers up to two extra places; pick the extra places among the 2m possible ones
    slots = rng.choice(2 * m, size=extra, replace=False)
    np.add.at(capacity, slots % m, 1)
    return capacity


def _one_hot(values: np.ndarray, size: int) -> np.ndarray:
    return np.eye(size, dtype=np.float32)[values]


def _people(rng: np.random.Generator, count: int, field_share: np.ndarray) -> dict[str, np.ndarray]:
    field = rng.choice(FIELDS, size=count, p=field_share)
    goals = np.zeros((count, GOALS), bool)
    goals[np.arange(count), rng.choice(GOALS, size=count, p=[0.3, 0.25, 0.15, 0.12, 0.1, 0.08])] = True
    second = rng.random(count) < 0.4
    goals[np.flatnonzero(second), rng.integers(0, GOALS, int(second.sum()))] = True
    language = rng.choice(len(LANGUAGES), size=count, p=LANGUAGE_WEIGHTS)
    names = ("fi", "sv", "en")
    speaks = np.array([[name in LANGUAGES[k][1] for name in names] for k in range(len(LANGUAGES))])[language]
    first = np.array([names.index(LANGUAGES[k][0]) for k in range(len(LANGUAGES))])[language]
    mode = rng.choice(MODES, size=count, p=[0.35, 0.25, 0.4])
    return {"field": field, "goals": goals, "speaks": speaks, "first": first, "mode": mode}
