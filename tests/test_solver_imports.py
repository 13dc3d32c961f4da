"""The solver loads scipy's assignment solvers only when a pure assignment needs them."""

import subprocess
import sys

import numpy as np

from matcher.solver import solve_assignment


def test_importing_the_solver_leaves_scipy_optimize_and_csgraph_unloaded():
    # scipy.optimize is a large import (all of linprog, HiGHS, ...): a command that solves nothing,
    # or a round the flow engine takes, must not pay for it (engines/lsa.py imports it on use)
    code = ("import sys, matcher.run, matcher.solver; "
            "print(sorted(m for m in ('scipy.optimize', 'scipy.sparse.csgraph') if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "[]"


def test_pure_assignments_still_reach_scipys_solvers():
    # a mentor of two places: LSA on the whole matrix; a rectangular 200 x 500 one, too long to
    # be made square for lapjv: LAPJVsp on a candidate graph
    a = solve_assignment(-np.array([[4, 1, 3], [2, 0, 5], [3, 2, 2]]), [2, 1, 1])
    b = solve_assignment(-np.arange(100_000).reshape(200, 500) % 97)
    assert "linear_sum_assignment" in a.certificate.method and "LAPJVsp" in b.certificate.method
    assert a.certificate.gap == 0 and b.certificate.gap == 0
