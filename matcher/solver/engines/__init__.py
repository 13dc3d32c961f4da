"""The solving engines, one module each, chosen by name from :data:`REGISTRY`.

Every engine has the signature of :class:`Engine`: it gets the validated problem, its free pairs,
the tier ranks and the capacities left after the locks, and returns the chosen free pairs with a
certificate of their optimality.

* ``flow`` (:mod:`.mincost`): min-cost flow with column generation and max-flow tier proofs, on
  classes of identical people when there are many (the default);
* ``lp`` (:mod:`.lp`): the LP relaxation in PuLP/CBC, integral by total unimodularity; the only
  engine for minimum loads, and the tests' independent cross-check.
"""

from __future__ import annotations

from typing import Protocol

from matcher.solver.certificate import Certificate
from matcher.solver.engines import lp, mincost
from matcher.solver.locks import Residual
from matcher.solver.pairs import PairSet, PairSource
from matcher.solver.problem import Problem
from matcher.solver.tuning import Tuning
from matcher.solver.weights import Tiers


class Engine(Protocol):
    def __call__(self, problem: Problem, source: PairSource, tiers: Tiers, residual: Residual,
                 tuning: Tuning) -> tuple[PairSet, Certificate]: ...


REGISTRY: dict[str, Engine] = {"flow": mincost.solve, "lp": lp.solve}
