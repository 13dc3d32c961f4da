"""Every tuning constant of the default engine, in one place, with why it has its value.

None of these affects *what* the solver returns (the optimum and its certificate are exact for any
positive values); they only decide how fast it gets there. Tests that want to exercise a path
(tiny candidate graphs, every pricing round) pass a :class:`Tuning` of their own to
:func:`matcher.solver.engine.solve_flow_engine` instead of patching module globals.

Examples
--------
>>> DEFAULT.row_candidates, DEFAULT.replace(row_candidates=3).row_candidates
(24, 3)
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Tuning:
    """How the flow engine builds its candidate graph, prices and grows the tier unit."""

    #: Each mentee's best pairs in the first candidate graph. 24 covers the optimum of loose and
    #: tight 1,000 x 700 rounds in one solve once pairs are ranked by score minus an estimated
    #: price; 16 missed a few pairs, 32 only made the first solve slower.
    row_candidates: int = 24
    #: Each mentor's best mentees in the first graph: keeps rounds where a few mentors are
    #: everyone's favourites covered (their places would otherwise go to whoever ranked them top).
    column_candidates: int = 12
    #: A class of identical people (classes.py) gets this many more first candidates per member
    #: beyond the first: 24 pairs for a class of 200 mentees left most of them without a partner
    #: in the first solve (10,000 x 6,000 clustered answers, supply 0.8).
    per_member: int = 2
    #: Pairs per mentee the price estimate bids over, its bidding rounds and the cap on its bid
    #: step (each bidder steps by its own mean score gap, at most ``span / price_step_share``):
    #: 10 rounds are far from converged but already rank popular mentors dear (correlation about
    #: 0.98 with the optimum's duals at 1,000 x 700 tight), for about 2.5 ms there.
    price_candidates: int = 24
    price_rounds: int = 40
    price_step_share: int = 50
    #: Pairs a mentee may join per pricing round (the most negative reduced costs first): more
    #: makes each re-solve bigger, fewer makes more rounds.
    pricing_per_row: int = 8
    #: A class of identical mentees (classes.py) may join this many more pairs per round for
    #: each member beyond the first: its members need different partners, and 8 pairs a round for
    #: a class of hundreds took 8 rounds at 10,000 x 6,000 clustered answers, supply 0.95.
    pricing_per_member: int = 1
    #: Pairs per mentee a full scan keeps in the pool that later rounds price without a rescan.
    pool_per_row: int = 24
    #: Stale mentees are scanned again when the pool prices in at most ``n / rescan_share`` pairs:
    #: a solve that adds only a few pool pairs costs as much as a scan that finds many more.
    rescan_share: int = 20
    #: The pool keeps pairs within ``span / pool_share`` of improving; arcs farther than that leave
    #: the graph before a re-solve (they are still priced every round). A wide pool (a fifth of the
    #: span) cut the rounds on tight, tied 10,000 x 6,000 rounds from 49 to 12 (clustered answers,
    #: supply 1.0: 3.4x faster): the duals there move far, and a narrow pool went stale every round.
    pool_share: int = 5
    #: With a pool, pairs within ``margin / near_share`` of improving join too: they usually
    #: improve a round later, so bringing them now saves that round.
    near_share: int = 4
    #: The first tier unit covers exchanges along alternating paths of this many pairs; OR-Tools'
    #: cost scaling is several times faster with small costs, and the tiers are proven afterwards.
    small_path: int = 8
    #: Factor by which the tier unit grows when a tier level fell short (few escalations, each
    #: still far below the safe unit's size).
    unit_growth: int = 64
    #: Merge identical mentees / mentors into classes only when that removes at least this share
    #: of the pairs: below it, hashing and expanding cost more than the smaller solve saves.
    merge_at_least: float = 0.1

    #: Pure assignments (one free slot and place per person) up to this many dense entries, or
    #: stored sparse pairs, go to scipy's LAPJVsp on a candidate graph (engines/lsa.py), which
    #: spares the flow engine's tier proofs and price estimate (OR-Library's assign800, 640,000
    #: entries: 0.30 s -> 0.09-0.12 s, as fast as scipy's LSA). Larger ones were not measured and
    #: keep the flow engine. 0 turns the path off.
    assignment_pairs: int = 1_000_000
    assignment_sparse_pairs: int = 2_000_000
    #: Pure assignments up to this many dense entries go whole to scipy's linear_sum_assignment:
    #: below it, choosing candidates costs more than the solve they save (OR-Library's assign100,
    #: 10,000 entries: LSA 0.08 ms; candidates and LAPJVsp about 0.25 ms).
    assignment_dense: int = 20_000
    #: With one place per mentor and the ``lapjv`` package installed, up to this many entries of
    #: the (nearly square) matrix made square go whole to its Jonker-Volgenant solver, which
    #: returns the duals (engines/lsa.py). Against the candidate graph: 0.04x (500 x 500, one
    #: crowded field), 0.25x (1,000 x 1,000, six answer values a question); random scores 0.6x
    #: (200 x 140), 1.0x (500 x 500), 1.25x (700 x 700), 1.8x (1,000 x 1,000): so up to 500 x 500.
    assignment_jv: int = 250_000
    #: Rounds with one slot per mentee but mentors of several places are pure assignments too,
    #: with a column per place (engines/lsa.py), up to this many (pair, place) entries. Measured
    #: one slot per mentee, supply 1.0, against the flow engine: 50 x 35 4.4-4.7 -> 0.7-1.0 ms,
    #: 200 x 140 about 10 -> 3.4-6.4 ms, 500 x 350 16.6 -> 5.8 ms (random) and 27 -> 23 ms
    #: (form answers); 1,000 x 700 form answers took 98 ms against 51 (tied scores need several
    #: pricing rounds, where the flow engine merges identical people): so not beyond this.
    assignment_place_pairs: int = 250_000
    #: Dense rounds where some mentee has two or more free slots go whole to scipy's
    #: linear_sum_assignment with a row per slot and a column per place (engines/lsa.py), up to
    #: this many (slot, place) entries. Against the flow engine, bench_shapes' rounds (5% of
    #: mentees with two slots, capacities 1-3), coverage CPU ms, both in one run: 50 x 35
    #: 0.8-11 -> 0.7-2.4, 200 x 140 (up to 67,200 entries) 8.8-20.5 -> 4.3-12.2; 500 x 350 at
    #: supply 0.8 (210,000 entries) 23-32 -> 42-60, slower: so not that far. ``total`` (every
    #: slot may stay open: a stand-in column per slot) only up to ``assignment_dense``: 120 x 84
    #: 4.5-18 -> 2.6-9.5 ms, but 200 x 140 random scores at supply 0.8-1.0 9.4-11 -> 15-21 ms.
    assignment_slot_pairs: int = 100_000
    #: The candidate graph of a larger dense pure assignment: each mentee's and mentor's best
    #: pairs. LAPJVsp's time grows with the pairs; 8 a row missed OR-Library's assign800 optimum
    #: by one (pricing repairs that, at the cost of a second solve), 12 found all of them.
    assignment_row_candidates: int = 12
    assignment_column_candidates: int = 4
    #: Each mentee's best stored pairs in the first graph of a sparse pure assignment: 16 found
    #: every optimum of OR-Library's assignp800-5000 at once (12 missed two: a second, larger
    #: solve), in 0.2-0.8x the time of LAPJVsp on every stored pair.
    assignment_sparse_candidates: int = 16

    def replace(self, **changes: Any) -> "Tuning":
        """A copy with some values changed (tests use tiny candidate graphs this way)."""
        return dataclasses.replace(self, **changes)


DEFAULT = Tuning()
