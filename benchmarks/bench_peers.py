"""Peers on the same rounds and the same scores: mentor-match (PyPI) and a plain PuLP/CBC model.

* ``mentor-match`` 7.0.1 (``pip install -e '.[bench]'``): pure-Python Munkres as a real
  government mentoring scheme runs it, one Munkres round per place (``max capacity`` rounds, each
  mentor and mentee matched at most once per round), scores given by a rule that reads our score
  matrix (integers: the scores times 100), infeasible pairs and full mentors disqualified. Timed
  with its total score at every size it finishes within ``--limit`` seconds (5 minutes);
* the plain binary PuLP/CBC coverage model of :mod:`benchmarks.bench_solver` at 1,000 x 700.

Shapes: :func:`benchmarks.shapes.make_shape` with realistic form answers at supply 1.0 and, for
comparison with a round where places are short, 0.95. Every peer runs in its own process.

Run::

    python -m benchmarks.bench_peers
    python -m benchmarks.bench_peers --sizes 50x35 200x140 --limit 60
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time

import numpy as np

from benchmarks.shapes import make_shape

SIZES = ("50x35", "200x140", "500x350", "1000x700")
PULP_SIZE = "1000x700"
SUPPLIES = (0.95, 1.0)


def mentor_match(scores: np.ndarray, feasible: np.ndarray, capacity: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """mentor-match's own process on our scores: one Munkres round per place."""
    from matching.mentee import Mentee
    from matching.mentor import Mentor
    from matching.process import process_data
    from matching.rules import rule as rl

    n, m = scores.shape
    mentees = [Mentee(grade=0, email=f"e{i}") for i in range(n)]
    mentors = [Mentor(grade=0, email=f"m{j}") for j in range(m)]
    index = {id(p): k for k, p in enumerate(mentees)} | {id(p): k for k, p in enumerate(mentors)}
    points = np.rint(scores * 100).astype(int)
    limit = dict(zip(map(id, mentors), capacity.tolist(), strict=True))

    class Score:
        def apply(self, match) -> int:
            return int(points[index[id(match.mentee)], index[id(match.mentor)]])

        def evaluate(self, match) -> bool:
            return True

    rules = [rl.Disqualify(lambda match: not feasible[index[id(match.mentee)], index[id(match.mentor)]]),
             rl.Disqualify(lambda match: len(match.mentee.mentors) >= 1),
             rl.Disqualify(lambda match: len(match.mentor.mentees) >= limit[id(match.mentor)]),
             Score()]
    process_data(mentors, mentees, [rules for _ in range(int(capacity.max(initial=0)))])
    pairs = [(index[id(e)], index[id(r)]) for e in mentees for r in e.mentors]
    rows, cols = (np.array(v, int) for v in zip(*pairs, strict=True)) if pairs else (np.empty(0, int),) * 2
    return rows, cols


def measure(size: str, supply: float, peer: str) -> dict:
    from benchmarks.bench_solver import plain_pulp
    from matcher.solver import solve_assignment

    n, m = (int(v) for v in size.split("x"))
    shape = make_shape(n, m, supply, "form")
    ones = np.ones(n, np.int64)  # both peers give each mentee one mentor
    start = time.perf_counter()
    if peer == "matcher":
        a = solve_assignment(shape.scores, shape.capacity, feasible=shape.feasible, mentee_capacity=ones)
        rows, cols = a.pairs[:, 0], a.pairs[:, 1]
    elif peer == "mentor-match":
        rows, cols = mentor_match(shape.scores, shape.feasible, shape.capacity)
    else:
        rows, cols = plain_pulp(shape.scores, shape.feasible, shape.capacity)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "matched": int(np.unique(rows).size),
            "total": float(shape.scores[rows, cols].astype(np.float64).sum())}


def run(size: str, supply: float, peer: str, limit: float) -> dict | None:
    try:
        out = subprocess.run([sys.executable, "-m", "benchmarks.bench_peers", "--one", size, str(supply), peer],
                             capture_output=True, text=True, timeout=limit, check=True)
    except subprocess.TimeoutExpired:
        return None
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=list(SIZES))
    parser.add_argument("--limit", type=float, default=300.0, help="seconds a peer may take")
    parser.add_argument("--one", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        size, supply, peer = args.one
        print(json.dumps(measure(size, float(supply), peer)))
        return
    print("| round (form answers) | supply | peer | seconds | peer / matcher | matched (matcher) | "
          "total (matcher) | total: matcher / peer |")
    print("|---|---|---|---|---|---|---|---|")
    for size in args.sizes:
        for supply in SUPPLIES:
            mine = run(size, supply, "matcher", args.limit)
            peers = ["mentor-match"] + (["pulp"] if size == PULP_SIZE else [])
            for peer in peers:
                theirs = run(size, supply, peer, args.limit)
                if mine is None:
                    continue
                if theirs is None:
                    print(f"| {size} | {supply} | {peer} | > {args.limit:.0f} (stopped) | | {mine['matched']} | "
                          f"{mine['total']:.1f} | |", flush=True)
                    continue
                print(f"| {size} | {supply} | {peer} | {theirs['seconds']:.2f} | "
                      f"{theirs['seconds'] / mine['seconds']:.0f}x | {theirs['matched']} ({mine['matched']}) | "
                      f"{theirs['total']:.1f} ({mine['total']:.1f}) | {mine['total'] / max(theirs['total'], 1e-9):.3f} |",
                      flush=True)


if __name__ == "__main__":
    main()
