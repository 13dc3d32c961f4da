"""The ``flow`` engine: min-cost flow with column generation (engine.py), on classes of identical
people (classes.py) when merging them shrinks the problem enough."""

from __future__ import annotations

from matcher.solver.certificate import Certificate
from matcher.solver.classes import merge
from matcher.solver.engine import initial_graph, lexicographic
from matcher.solver.fair import fair
from matcher.solver.flow import Network
from matcher.solver.locks import Residual
from matcher.solver.pairs import PairSet, PairSource
from matcher.solver.problem import Problem
from matcher.solver.tuning import Tuning
from matcher.solver.weights import Tiers

METHOD = "min-cost flow, column generation, max-flow tier cuts"


def solve(problem: Problem, source: PairSource, tiers: Tiers, residual: Residual,
          tuning: Tuning) -> tuple[PairSet, Certificate]:
    """The optimal free pairs for ``problem.objective`` and the flow's certificate."""
    classes = merge(source, tiers, residual.slots, residual.capacity, tuning.merge_at_least)
    if classes is not None:
        source, tiers, base = classes.source, classes.tiers, classes.base
        method = f"{METHOD}, on {base.n} x {base.m} classes of identical people"
    else:
        base, method = Network.of_slots(residual.slots, residual.capacity), METHOD
    source = source.coarsened()
    if problem.objective == "fair":
        best, threshold, proof = fair(source, tiers, base, tuning)
        certificate = best.certificate(method + ", threshold search", source.scale,
                                       threshold=threshold / source.scale, next_cut=proof)
    else:
        graph, left_out = initial_graph(source, base, tuning)
        best = lexicographic(source, tiers, base, graph, source.low, tuning=tuning, left_out=left_out)
        certificate = best.certificate(method, source.scale)
    flow = best.flow
    if classes is None:
        return flow.pairs, certificate
    return classes.expand(flow.pairs, flow.amount[flow.chosen]), classes.certificate(certificate)
