"""Beasley's OR-Library assignment instances through ``solve_assignment``, against scipy.

The instances are not shipped (their licence is unclear): pass the folder that holds them, e.g.
the ``instances/`` folder of the public repository AL333Z/MetaheuristicAlgorithms at commit
3af7c8f (a clone's later commits deleted it: ``git -C MetaheuristicAlgorithms archive 3af7c8f
instances | tar -x`` gets it back). ``assign100.txt`` ... ``assign800.txt`` are dense (``n`` then ``n * n`` costs, row by
row); ``assignp800.txt`` ... ``assignp5000.txt`` are sparse (``n`` then lines ``i j c``, 1-based,
unlisted pairs forbidden). Every instance is a minimum-cost perfect assignment, solved as
``solve_assignment(-cost)``; the optimum is checked against scipy (``linear_sum_assignment``
dense, ``min_weight_full_bipartite_matching`` sparse) and the published optimum. The two are
timed in turns, at least ``REPEATS`` runs each and on until each side has used ``MIN_CPU``
seconds (assign100 takes a fraction of a millisecond: eleven runs of it are noise), and report
medians of the CPU time of this process (both are single-threaded; on a shared machine wall time
also counts everyone else's jobs), with the load average at the start.

Without ``--folder`` it runs an in-repo variant of the same sizes and densities: dense costs
uniform integers 1-100, sparse rows with uniformly drawn columns at the density of the published
files (plus one permutation so a perfect assignment exists). It is *not* Beasley's generator: we
could not find his exact recipe (uniform 1-100 gives optima of about two thirds of the published
ones, e.g. 206 against 305 at n = 100), so the variant's optima are checked against scipy only.

Run::

    python -m benchmarks.bench_orlib --folder /path/to/instances
    python -m benchmarks.bench_orlib                     # the generated variant
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

import numpy as np
from scipy import sparse
from scipy.optimize import linear_sum_assignment
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

from matcher.solver import solve_assignment

PUBLISHED = {"assign100": 305, "assign200": 475, "assign300": 626, "assign400": 804,
             "assign500": 991, "assign600": 1176, "assign700": 1362, "assign800": 1552,
             "assignp800": 2239, "assignp1500": 5839, "assignp3000": 18696, "assignp5000": 48533}
#: stored pairs per row of the published sparse files (measured on them), for the generated variant
SPARSE_PER_ROW = {800: 130, 1500: 60, 3000: 30, 5000: 18}
REPEATS = 11
#: CPU seconds each side runs at least (and at most ``MAX_REPEATS`` runs)
MIN_CPU = 0.1
MAX_REPEATS = 401


def read_instance(path: Path) -> np.ndarray | sparse.csr_array:
    """A dense cost matrix, or a sparse one with only the listed pairs stored."""
    numbers = np.array(path.read_text().split(), dtype=np.int64)
    n = int(numbers[0])
    if path.stem.startswith("assignp"):
        i, j, c = numbers[1:].reshape(-1, 3).T
        return sparse.csr_array((c.astype(np.float64), (i - 1, j - 1)), shape=(n, n))
    return numbers[1:1 + n * n].reshape(n, n)


def generate(name: str, seed: int = 0) -> np.ndarray | sparse.csr_array:
    """The in-repo variant of an instance (see the module docstring)."""
    rng = np.random.default_rng([seed, len(name)])
    n = int(name.removeprefix("assignp").removeprefix("assign"))
    if not name.startswith("assignp"):
        return rng.integers(1, 101, (n, n))
    per_row = SPARSE_PER_ROW[n]
    cols = np.argsort(rng.random((n, n)), axis=1)[:, :per_row]
    cols[:, 0] = rng.permutation(n)  # a perfect assignment always exists
    rows = np.repeat(np.arange(n), per_row)
    matrix = sparse.csr_array((rng.integers(1, 101, rows.size).astype(np.float64), (rows, cols.ravel())),
                              shape=(n, n))
    matrix.sum_duplicates()
    return matrix


def median_times(first, second) -> tuple[tuple[float, object], tuple[float, object]]:
    """Median CPU seconds and last result of two runs timed in turns (see the module doc), so a
    change of machine load hits both alike."""
    times: tuple[list[float], list[float]] = ([], [])
    results: list[object] = [None, None]
    while len(times[0]) < MAX_REPEATS and (len(times[0]) < REPEATS or min(map(sum, times)) < MIN_CPU):
        for k, run in enumerate((first, second)):
            start = time.process_time()
            results[k] = run()
            times[k].append(time.process_time() - start)
    return ((float(np.median(times[0])), results[0]), (float(np.median(times[1])), results[1]))


def negated(cost: np.ndarray | sparse.csr_array) -> np.ndarray | sparse.csr_array:
    """Scores to maximise for costs to minimise; a sparse matrix keeps its explicit zeros, which
    are feasible pairs (``-cost`` of a sparse matrix could drop them)."""
    if sparse.issparse(cost):
        return sparse.csr_array((-cost.data, cost.indices, cost.indptr), shape=cost.shape)
    return -cost


def scipy_optimum(cost) -> float:
    if sparse.issparse(cost):
        rows, cols = min_weight_full_bipartite_matching(cost)
        return float(cost[rows, cols].sum())
    rows, cols = linear_sum_assignment(cost)
    return float(cost[rows, cols].sum())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, help="folder with assign*.txt / assignp*.txt")
    args = parser.parse_args(argv)
    print(f"instances: {args.folder or 'generated in-repo variant'}; load average "
          f"{os.getloadavg()[0]:.1f}; CPU milliseconds, medians of {REPEATS}+ runs in turns")
    print("| instance | n | stored pairs | matcher ms | scipy ms | matcher / scipy | matcher optimum "
          "| scipy optimum | published | gap |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name in PUBLISHED:
        if args.folder:
            path = args.folder / f"{name}.txt"
            if not path.exists():
                continue
            cost = read_instance(path)
        else:
            cost = generate(name)
        scores = negated(cost)
        (mine, a), (theirs, optimum) = median_times(lambda: solve_assignment(scores),
                                                    lambda: scipy_optimum(cost))
        stored = cost.nnz if sparse.issparse(cost) else cost.size
        published = PUBLISHED[name] if args.folder else ""
        print(f"| {name} | {cost.shape[0]} | {stored} | {mine * 1e3:.3f} | {theirs * 1e3:.3f} | {mine / theirs:.2f} | "
              f"{-a.total_score:.0f} | {optimum:.0f} | {published} | {a.certificate.gap} |", flush=True)


if __name__ == "__main__":
    main()
