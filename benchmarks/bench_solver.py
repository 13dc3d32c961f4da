"""Solver time and peak memory: the default engine against plain PuLP/CBC models and scipy's LSA.

Rounds have realistic structure: scores 0-100 from a low-rank field/goal affinity plus noise (a few
mentors are everyone's favourites), 30% of pairs infeasible, mentor capacities drawn so the total is
about 2x the mentees (loose; capacities up to 5-6 where 1-3 cannot reach it) or about 1x (tight,
capacities 1-3: the hardest case for assignment solvers).

On the same rounds, in one run:

* ``lsa``: scipy's ``linear_sum_assignment`` on the capacity-expanded dense matrix (coverage
  weights, infeasible pairs at 0): the floor, an exact coverage solver without certificate;
* ``flow <objective>``: :func:`matcher.solver.solve_assignment` with the default engine;
* ``pulp``: the plain model an engineer would write for the coverage objective, independent of
  matcher: a binary ``x_ij`` per feasible pair, ``sum_j x_ij <= 1``, ``sum_i x_ij <= capacity_j``,
  maximise ``sum (M + score_ij) x_ij`` with ``M`` above any total score (a big-M count term),
  solved by CBC as a MIP (``PULP_CBC_CMD(msg=False)``); the issue's baseline;
* ``lp engine``: matcher's own PuLP model (``engine="lp"``: the LP relaxation with the solver's
  integer tier weights, integral by total unimodularity), a second, faster PuLP baseline.

Both PuLP baselines run only up to 1,000 x 700 (they are slow and need about 1 GB there).

Each measurement runs in a fresh subprocess so its peak RSS is its own; methods done in under a
second are timed five times there and report the median. The table also checks
that every method found the same number of matched mentees and the same total score.

Run::

    python -m benchmarks.bench_solver                          # 1000x700, 5000x3000, 10000x6000
    python -m benchmarks.bench_solver --sizes 1000x700 --no-lsa
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time

import numpy as np
from scipy.optimize import linear_sum_assignment

from matcher.solver import solve_assignment

SIZES = ("1000x700", "5000x3000", "10000x6000")
PULP_LIMIT = 1_000 * 700
METHODS = ("lsa", "coverage", "total", "fair", "pulp", "lp engine")
BASELINES = ("pulp", "lp engine")
#: a method done in under REPEAT_BELOW seconds is timed REPEATS times (median): one run of a few
#: milliseconds is at the mercy of the scheduler
REPEAT_BELOW, REPEATS = 1.0, 5
TARGETS = {"coverage": 10.0, "total": 10.0, "fair": 30.0}  # seconds at 10,000 x 6,000 on 2 cores


def make_round(n: int, m: int, load: float, seed: int = 0):
    """Scores (float32), feasibility and capacities of a structured round."""
    rng = np.random.default_rng(seed)
    rank = 8
    # field/goal affinity: people lean to a few of `rank` themes; popularity varies per mentor
    mentees = rng.dirichlet(np.full(rank, 0.3), n)
    mentors = rng.dirichlet(np.full(rank, 0.3), m) * rng.uniform(0.6, 1.0, (m, 1))
    affinity = mentees @ mentors.T
    affinity /= affinity.max()
    scores = (100 * (0.7 * affinity + 0.3 * rng.random((n, m)))).astype(np.float32)
    feasible = rng.random((n, m)) > 0.3
    # capacities 1 + binomial: 1-3 when that can reach load x mentees places, wider when not
    mean = load * n / m
    spread = max(2, int(np.ceil(2 * (mean - 1))))
    capacity = 1 + rng.binomial(spread, min(max(mean - 1, 0) / spread, 1.0), m)
    return scores, feasible, capacity.astype(np.int64)


def lsa_floor(scores, feasible, capacity):
    """Coverage by LSA on the capacity-expanded matrix: cardinality first via a large offset."""
    columns = np.repeat(np.arange(scores.shape[1]), capacity)
    offset = scores.shape[0] * 101.0
    weight = np.where(feasible, scores.astype(np.float64) + offset, 0.0)[:, columns]
    rows, cols = linear_sum_assignment(weight, maximize=True)
    keep = feasible[rows, columns[cols]]
    return rows[keep], columns[cols[keep]]


def plain_pulp(scores, feasible, capacity):
    """Coverage as the plain binary PuLP model (see the module docstring), solved by CBC."""
    import pulp

    n, m = scores.shape
    big = n * 101.0  # more than any total of 0-100 scores: the count comes first
    x = {(i, j): pulp.LpVariable(f"x_{i}_{j}", cat=pulp.LpBinary)
         for i, j in zip(*(idx.tolist() for idx in np.nonzero(feasible)))}
    model = pulp.LpProblem("coverage", pulp.LpMaximize)
    model += pulp.lpSum((big + float(scores[i, j])) * var for (i, j), var in x.items())
    by_mentee, by_mentor = [[] for _ in range(n)], [[] for _ in range(m)]
    for (i, j), var in x.items():
        by_mentee[i].append(var)
        by_mentor[j].append(var)
    for i in range(n):
        model += pulp.lpSum(by_mentee[i]) <= 1
    for j in range(m):
        model += pulp.lpSum(by_mentor[j]) <= int(capacity[j])
    model.solve(pulp.PULP_CBC_CMD(msg=False))
    if pulp.LpStatus[model.status] != "Optimal":
        raise RuntimeError(f"CBC returned {pulp.LpStatus[model.status]}")
    chosen = np.array([pair for pair, var in x.items() if var.varValue > 0.5]).reshape(-1, 2)
    return chosen[:, 0], chosen[:, 1]


def measure(size: str, tight: bool, method: str) -> dict:
    """Run one method on one round (called in a fresh subprocess); a method done in under
    ``REPEAT_BELOW`` seconds runs ``REPEATS`` times and reports the median."""
    n, m = (int(v) for v in size.split("x"))
    scores, feasible, capacity = make_round(n, m, 1.0 if tight else 2.0)
    times = []
    while len(times) < (REPEATS if times and max(times) < REPEAT_BELOW else 1):
        start = time.perf_counter()
        rows, cols, gap, rounds = solve(method, scores, feasible, capacity)
        times.append(time.perf_counter() - start)
    chosen = scores[rows, cols].astype(np.float64)
    return {"seconds": float(np.median(times)),
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "matched": int(np.unique(rows).size), "total": float(chosen.sum()),
            "min": float(chosen.min()) if chosen.size else float("nan"), "gap": gap,
            "rounds": rounds, "places": int(capacity.sum())}


def solve(method: str, scores, feasible, capacity):
    """Chosen rows and columns, certificate gap and pricing rounds (None for the baselines)."""
    if method in ("lsa", "pulp"):
        rows, cols = (lsa_floor if method == "lsa" else plain_pulp)(scores, feasible, capacity)
        return rows, cols, None, None
    lp = method == "lp engine"
    a = solve_assignment(scores, capacity, feasible=feasible,
                         objective="coverage" if lp else method, engine="lp" if lp else "flow")
    return a.pairs[:, 0], a.pairs[:, 1], a.certificate.gap, a.certificate.pricing_rounds


def run_one(size: str, tight: bool, method: str) -> dict:
    out = subprocess.run([sys.executable, "-m", "benchmarks.bench_solver", "--one", size,
                          "tight" if tight else "loose", method.replace(" ", "_")],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=list(SIZES), help="e.g. 1000x700 5000x3000")
    parser.add_argument("--no-lsa", action="store_true", help="skip the LSA floor (slow when tight)")
    parser.add_argument("--one", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        size, tightness, method = args.one
        print(json.dumps(measure(size, tightness == "tight", method.replace("_", " "))))
        return
    print("| round | places | method | seconds | peak MB | matched | total score | min score | "
          "gap | pricing rounds | / LSA | plain PuLP / this | LP engine / this |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for size in args.sizes:
        n, m = (int(v) for v in size.split("x"))
        for tight in (False, True):
            methods = [x for x in METHODS if (x != "lsa" or not args.no_lsa)
                       and (x not in BASELINES or n * m <= PULP_LIMIT)]
            results = {x: run_one(size, tight, x) for x in methods}
            floor = results.get("lsa", {}).get("seconds")
            for x, r in results.items():
                ratio = f"{r['seconds'] / floor:.2f}" if floor else ""
                versus = [f"{results[b]['seconds'] / r['seconds']:.0f}x" if b in results and x not in BASELINES
                          else "" for b in BASELINES]
                print(f"| {size} {'tight' if tight else 'loose'} | {r['places']} | {x} | "
                      f"{r['seconds']:.3f} | {r['peak_mb']:.0f} | {r['matched']} | {r['total']:.2f} | "
                      f"{r['min']:.2f} | {'' if r['gap'] is None else r['gap']} | "
                      f"{'' if r['rounds'] is None else r['rounds']} | {ratio} | {' | '.join(versus)} |",
                      flush=True)
            coverage_like = [r for x, r in results.items() if x in ("lsa", "coverage") + BASELINES]
            agree = all(r["matched"] == coverage_like[0]["matched"]
                        and abs(r["total"] - coverage_like[0]["total"]) <= 1e-3 * max(1, r["matched"])
                        for r in coverage_like)
            print(f"| {size} {'tight' if tight else 'loose'} | | lsa / coverage / PuLP models agree | "
                  f"{'yes' if agree else 'NO'} | | | | | | | | | |", flush=True)


if __name__ == "__main__":
    main()
