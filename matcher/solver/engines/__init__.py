"""The solving engines, one module each, chosen by name from :data:`REGISTRY`.

Every engine has the signature of :class:`Engine`: it gets the validated problem, its free pairs,
the tier ranks and the capacities left after the locks, and returns the chosen free pairs with a
certificate of their optimality.

* ``flow`` (:mod:`.mincost`): min-cost flow with column generation and max-flow tier proofs, on
  classes of identical people when there are many (the default);
* pure assignments (:mod:`.lsa`): one free slot and place per person; ``flow`` hands them to
  scipy's compiled assignment solvers when they are small enough (:func:`choose`), ``fair`` after
  its threshold search (:mod:`.fair_lsa`);
* ``lp`` (:mod:`.lp`): the LP relaxation in PuLP/CBC, integral by total unimodularity; the only
  engine for minimum loads, and the tests' independent cross-check.
"""

from __future__ import annotations

from typing import Protocol

from matcher.solver.certificate import Certificate
from matcher.solver.engines import fair_lsa, lp, lsa, mincost
from matcher.solver.locks import Residual
from matcher.solver.pairs import PairSet, PairSource
from matcher.solver.problem import Problem
from matcher.solver.tuning import Tuning
from matcher.solver.weights import Tiers


class Engine(Protocol):
    def __call__(self, problem: Problem, source: PairSource, tiers: Tiers, residual: Residual,
                 tuning: Tuning) -> tuple[PairSet, Certificate]: ...


REGISTRY: dict[str, Engine] = {"flow": mincost.solve, "lp": lp.solve}


def choose(problem: Problem, source: PairSource, tiers: Tiers, residual: Residual,
           tuning: Tuning) -> Engine:
    """The engine of ``problem.engine``; for ``flow``, the pure-assignment path when it applies."""
    if problem.engine == "flow" and lsa.applies(problem, source, tiers, residual, tuning):
        return fair_lsa.solve if problem.objective == "fair" else lsa.solve
    return REGISTRY[problem.engine]
