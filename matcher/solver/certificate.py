"""The optimality certificate an engine hands back with its pairing."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from matcher.solver.cuts import Cut


@dataclass(frozen=True)
class Certificate:
    """Why the pairing is optimal, in exact integers.

    The pairing's *weight* is ``sum(tier_unit * rank of each filled slot) + sum(q)`` with ``q`` the
    quantised scores (``round(score * scale)``, free pairs only; locked pairs are constants).

    Attributes
    ----------
    method : str
        How the optimum was found and proved.
    primal : int
        Weight of the returned pairing.
    dual_bound : int
        An upper bound on the weight of *every* pairing (LP duality): ``gap = dual_bound - primal``
        is 0 for a proven optimum.
    tier_unit, scale : int, float
        ``B`` and ``K`` of the weights.
    pricing_rounds : int
        Column-generation rounds that added pairs to the candidate graph.
    arcs : int
        Pairs in the final candidate graph (of all feasible pairs).
    tier_cuts : tuple of Cut
        Per tier level, a min cut showing no pairing fills more slots of that level: with the dual
        bound, this proves the tiers come first whatever ``tier_unit`` was.
    threshold : float or None
        ``fair``: the highest minimum score of a solver-chosen pair that keeps the tiers.
    next_cut : Cut or None
        ``fair``: a cut proving that requiring one quantum (``1 / scale``) more loses a tier.
    mentee_dual, mentor_dual : np.ndarray or None
        LP duals ``u``, ``v`` in quantised units: ``q_ij <= u_i + v_j`` for every free pair not
        chosen and ``q_ij >= u_i + v_j`` for every chosen one; ``v >= 0``.
    """

    method: str
    primal: int
    dual_bound: int
    tier_unit: int
    scale: float
    pricing_rounds: int = 0
    arcs: int = 0
    tier_cuts: tuple[Cut, ...] = ()
    threshold: float | None = None
    next_cut: Cut | None = None
    mentee_dual: np.ndarray | None = field(default=None, repr=False)
    mentor_dual: np.ndarray | None = field(default=None, repr=False)
    #: ``dual_bound - primal``: 0 proves the pairing optimal
    gap: int = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "gap", self.dual_bound - self.primal)

    def __repr__(self) -> str:
        extra = f", threshold={self.threshold:g}" if self.threshold is not None else ""
        return (f"Certificate({self.method!r}, primal={self.primal}, dual_bound={self.dual_bound}, "
                f"gap={self.gap}, pricing_rounds={self.pricing_rounds}, arcs={self.arcs}, "
                f"tier_cuts={len(self.tier_cuts)}{extra})")
