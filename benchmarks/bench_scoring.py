"""Scoring time and peak memory from 100 × 70 up to 20,000 mentees × 12,000 mentors.

Each size runs in a fresh subprocess so its peak RSS (``resource.getrusage``) is honest. The
subprocess generates canonical tables (every person with a unique Finnish/English/mixed free text,
the worst case for the text similarity), measures the baseline, a dense float32 product
``(n × 256) · (256 × m)`` of the same shape (best of 3), and then times :func:`matcher.scoring.score_pairs`.

Run::

    python -m benchmarks.bench_scoring                 # all sizes
    python -m benchmarks.bench_scoring --max-size 5000 # stop after 5,000 mentees

Prints a markdown table (times in seconds and as a ratio to the baseline of the same run).
"""

from __future__ import annotations

import argparse
import functools
import json
import resource
import subprocess
import sys
import time

import numpy as np

from benchmarks import best_of
from tests.helpers import canonical_tables

SIZES = ((100, 70), (1_000, 700), (5_000, 3_000), (10_000, 6_000), (20_000, 12_000))
TARGET = (10_000, 6_000, 15.0, 4.0)  # mentees, mentors, seconds, GiB

def measure(n_mentees: int, n_mentors: int) -> dict:
    """Time and peak memory of scoring one size (run this in a fresh process)."""
    from matcher.scoring import score_pairs

    mentees, mentors = canonical_tables(n_mentees, n_mentors)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    rng = np.random.default_rng(1)
    a = rng.random((n_mentees, 256), dtype=np.float32)
    b = rng.random((256, n_mentors), dtype=np.float32)
    baseline = best_of(functools.partial(np.matmul, a, b))
    del a, b
    start = time.perf_counter()
    scores = score_pairs(mentors, mentees)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return {"mentees": n_mentees, "mentors": n_mentors, "seconds": seconds, "baseline": baseline,
            "peak_gib": peak / 2**20, "tables_gib": rss_before / 2**20,
            "feasible": float(scores.feasible.mean())}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-size", type=int, default=SIZES[-1][0],
                        help="largest number of mentees to run (default: all sizes)")
    parser.add_argument("--worker", nargs=2, type=int, metavar=("MENTEES", "MENTORS"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(measure(*args.worker)))
        return
    print("| mentees × mentors | pairs | scoring (s) | baseline dot (s) | ratio | peak RSS (GiB) "
          "| tables RSS (GiB) | feasible |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for n, m in SIZES:
        if n > args.max_size:
            break
        done = subprocess.run([sys.executable, "-m", "benchmarks.bench_scoring", "--worker",
                               str(n), str(m)], capture_output=True, text=True, check=True)
        r = json.loads(done.stdout.strip().splitlines()[-1])
        print(f"| {n:,} × {m:,} | {n * m:,} | {r['seconds']:.2f} | {r['baseline']:.3f} | "
              f"{r['seconds'] / r['baseline']:.0f}× | {r['peak_gib']:.2f} | {r['tables_gib']:.2f} "
              f"| {100 * r['feasible']:.0f}% |", flush=True)
        if (n, m) == TARGET[:2]:
            ok = r["seconds"] < TARGET[2] and r["peak_gib"] < TARGET[3]
            print(f"<!-- target {n:,} × {m:,}: < {TARGET[2]:g} s and < {TARGET[3]:g} GiB: "
                  f"{'met' if ok else 'NOT met'} -->", flush=True)


if __name__ == "__main__":
    main()
