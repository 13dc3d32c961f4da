"""The solver stage: optimal pairing under capacities, locks and forbids, with a certificate.

``solve_assignment`` works on plain arrays (a notebook can call it on any score matrix);
``match_round`` takes a Round and its Scores and answers with ids. docs/solver.md has the maths.
"""

from matcher.solver.assignment import Assignment, solve_assignment
from matcher.solver.certificate import Certificate
from matcher.solver.locks import LockConflictError, LockProblem
from matcher.solver.matching import Matching, match_round
from matcher.solver.problem import SolverInputError

__all__ = ["Assignment", "Certificate", "LockConflictError", "LockProblem", "Matching",
           "SolverInputError", "match_round", "solve_assignment"]
