"""``fair`` on pure assignments: the threshold search of fair.py, then scipy's assignment solver
(engines/lsa.py) on the pairs scoring at least ``t*`` instead of the flow engine's weighted solve.

The search (coverage's tier counts by max-flow with cuts, ``t*`` and the cut ruling out
``t* + 1``) is the same max-flow work as on the flow engine. The weighted solve is the coverage
optimum over the pairs scoring ``>= t*``: engines/lsa.py puts the tiers into each pair's weight
with the safe unit, so its pairing fills the most slots of every level that pairs ``>= t*`` allow,
which are the targets (``t*`` keeps them; checked), and its least duals prove the weight: the same
certificate as the flow engine's fair optimum (``tier_cuts``, ``threshold``, ``next_cut``, duals
pricing every pair scoring ``>= t*``).

Examples
--------
>>> from matcher.solver import solve_assignment
>>> a = solve_assignment(np.array([[100.0, 45.0], [45.0, 0.0]]), objective="fair")
>>> a.pairs.tolist(), a.certificate.threshold, "on the whole matrix" in a.certificate.method
([[0, 1], [1, 0]], 45.0, True)
"""

from __future__ import annotations

import dataclasses

import numpy as np

from matcher.solver.certificate import Certificate
from matcher.solver.engines import lsa
from matcher.solver.fair import threshold
from matcher.solver.flow import Network
from matcher.solver.locks import Residual
from matcher.solver.pairs import DensePairs, PairSet, PairSource, SparsePairs
from matcher.solver.problem import Problem
from matcher.solver.tuning import Tuning
from matcher.solver.weights import Tiers


def solve(problem: Problem, source: PairSource, tiers: Tiers, residual: Residual,
          tuning: Tuning) -> tuple[PairSet, Certificate]:
    """The fair optimum of a pure assignment (``lsa.applies``) and its certificate."""
    base = Network.of_slots(residual.slots, residual.capacity)
    found = threshold(source, tiers, base, tuning)
    chosen, certificate = lsa.solve(problem, above(source, found.at), tiers, residual, tuning)
    taken = np.bincount(chosen.rows, minlength=problem.n)
    for level, target in found.targets.items():
        # a mentee's first chosen pair fills its first slot (rank first_rank), the others further
        # slots (rank extra_rank)
        filled = int(np.count_nonzero((taken > 0) & (tiers.first_rank >= level))
                     + taken[tiers.extra_rank >= level].sum() - np.count_nonzero((taken > 0) & (tiers.extra_rank >= level)))
        if filled != target:
            raise RuntimeError(f"the pairing above the fair threshold fills {filled} slots of level "
                               f"{level}, not the {target} proven reachable: it is not optimal")
    return chosen, dataclasses.replace(
        certificate, method=certificate.method + ", above a max-flow threshold search",
        tier_cuts=found.cuts, threshold=found.at / source.scale, next_cut=found.proof)


def above(source: PairSource, at: int) -> PairSource:
    """The pairs of ``source`` scoring at least ``at``, as a source of the same kind (the same
    score range, so the same weights).

    Examples
    --------
    >>> src = DensePairs(np.array([[3.0, 1.0], [2.0, 5.0]]), None, 1.0, (0.0, 5.0))
    >>> above(src, 2).all_pairs().cols.tolist()
    [0, 0, 1]
    """
    if isinstance(source, DensePairs):
        q = source.q
        kept = np.where(q >= at, q, np.array(source.missing, q.dtype))
        return DensePairs.of_quantised(kept, source.scale, source.low, source.high)
    pairs = source.all_pairs()
    thresholded = SparsePairs(pairs.where(pairs.q >= at), source.shape, source.scale)
    thresholded.low, thresholded.high = source.low, source.high
    return thresholded
