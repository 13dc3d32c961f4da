"""The solver on every shape of round, against scipy's LSA and OR-Tools timed in the same run.

Shapes come from :mod:`benchmarks.shapes` (not the project's form generator): supply ratios
0.8 / 0.95 / 1.0 / 1.2 / 1.6 places per mentee, score structures ``random`` (continuous),
``form`` (realistic answers, heavy ties) and ``clustered`` (one field holds most mentees and few
mentors), sizes 50 x 35 ... 20,000 x 12,000; ``--structures crowded`` adds continuous scores with
one crowded field (what ``matcher run``'s own scores look like). Per cell, in one fresh process:

* ``coverage`` / ``total`` / ``fair``: :func:`matcher.solver.solve_assignment`;
* ``lsa``: scipy's ``linear_sum_assignment`` on the capacity-expanded matrix (mentee slots x mentor
  places, infeasible pairs at 0, a count term above any total): the floor;
* ``mcf``: OR-Tools' ``SimpleMinCostFlow`` on *every* feasible pair (capacities on the nodes, the
  coverage tiers as source-arc costs): the same exact model without candidate graphs. Its matched
  count and total must equal ``coverage``'s (checked: the ``agree`` column).

The methods of a cell take turns (round-robin), each repeated while it is fast (3-15 runs up to
about 0.3 s in all, medians; a run over 1 s runs once), so load changes hit them alike.

The largest sizes do not fit every baseline in the 15-minute budget of ``make bench``: at
10,000 x 6,000 every shape runs the three objectives and LSA, and ``mcf`` not at all (48 million
arcs); 20,000 x 12,000 runs ``coverage`` on every shape (the issue's 90 s limit). ``--full`` runs every baseline on every cell (hours).

Writes ``benchmarks/results.md`` (tables), ``benchmarks/results.json`` and
``benchmarks/results.png`` (solve time against size, and the ratio to LSA). Run::

    python -m benchmarks.bench_shapes                 # the matrix (make bench)
    python -m benchmarks.bench_shapes --sizes 1000x700 --structures form
    python -m benchmarks.bench_shapes --render        # results.md and .png again from results.json
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from benchmarks.shapes import ALL_STRUCTURES, SIZES, STRUCTURES, SUPPLY_RATIOS, Shape, make_shape

HERE = Path(__file__).resolve().parent
OBJECTIVES = ("coverage", "total", "fair")
#: a method done in under REPEAT_BELOW seconds is timed again, up to about REPEAT_BUDGET seconds
#: in all (MIN_REPEATS to MAX_REPEATS runs, median); see timed_together
REPEAT_BELOW, REPEAT_BUDGET, MIN_REPEATS, MAX_REPEATS = 1.0, 0.3, 3, 15
#: baselines on every cell up to this many pairs; above, only on the cells of BIG_CELLS
BASELINE_PAIRS = 1_000 * 700
TIMEOUT = 600


def lsa(shape: Shape) -> tuple[int, float]:
    """Coverage by LSA on the capacity-expanded matrix; (matched mentees, total score)."""
    from scipy.optimize import linear_sum_assignment

    n = shape.shape[0]
    cols = np.repeat(np.arange(shape.shape[1]), shape.capacity)
    rows = np.repeat(np.arange(n), shape.mentee_capacity)
    first = np.r_[True, rows[1:] != rows[:-1]]  # each mentee's first slot
    offset = 101.0 * n  # a matched mentee is worth more than any total score
    weight = np.where(shape.feasible, shape.scores.astype(np.float64) + offset, 0.0)[rows][:, cols]
    weight += (offset * n * first)[:, None] * (weight > 0)
    r, c = linear_sum_assignment(weight, maximize=True)
    keep = shape.feasible[rows[r], cols[c]]
    return int(np.unique(rows[r][keep]).size), float(shape.scores[rows[r][keep], cols[c][keep]].sum())


def mcf(shape: Shape) -> tuple[int, float]:
    """Coverage by OR-Tools' min-cost flow on every feasible pair; (matched, total score)."""
    from ortools.graph.python import min_cost_flow

    n, m = shape.shape
    i, j = np.nonzero(shape.feasible)
    q = np.rint(shape.scores[i, j].astype(np.float64) * 100).astype(np.int64)
    extra_bonus = int(q.max(initial=0)) * int(shape.capacity.sum()) + 1
    first_bonus = extra_bonus * (int(shape.mentee_capacity.sum()) + 1)
    k = shape.mentee_capacity.astype(np.int64)
    tails = np.r_[np.zeros(2 * n, np.int64), 2 + i, 2 + n + np.arange(m), 0]
    heads = np.r_[2 + np.arange(n), 2 + np.arange(n), 2 + n + j, np.ones(m, np.int64), 1]
    caps = np.r_[np.ones(n, np.int64), k - 1, np.ones(i.size, np.int64), shape.capacity, k.sum()]
    costs = np.r_[np.full(n, -first_bonus), np.full(n, -extra_bonus), -q, np.zeros(m + 1, np.int64)]
    flow = min_cost_flow.SimpleMinCostFlow()
    arcs = flow.add_arcs_with_capacity_and_unit_cost(tails.astype(np.int32), heads.astype(np.int32),
                                                     caps, costs)
    supply = np.zeros(2 + n + m, np.int64)
    supply[0], supply[1] = k.sum(), -k.sum()
    flow.set_nodes_supplies(np.arange(2 + n + m, dtype=np.int32), supply)
    if flow.solve() != flow.OPTIMAL:
        raise RuntimeError("min-cost flow failed")
    used = flow.flows(arcs)[2 * n:2 * n + i.size] > 0
    return int(np.unique(i[used]).size), float(shape.scores[i[used], j[used]].sum())


def timed_together(runs: dict[str, object]) -> dict[str, tuple[float, float, object]]:
    """Median wall seconds, median CPU seconds of this process and last result of each run, the
    runs taking turns (round-robin), so a change of machine load hits every method of a cell
    alike. A method that finished in under REPEAT_BELOW seconds runs again until it had about
    REPEAT_BUDGET seconds in all (3 to MAX_REPEATS times); slower ones run once. Every method is
    single-threaded, so on a loaded machine the CPU seconds are the steadier comparison (wall
    seconds include the time the process waited for a core)."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    cpu: dict[str, list[float]] = {name: [] for name in runs}
    results: dict[str, object] = {}
    for turn in range(MAX_REPEATS):
        for name, run in runs.items():
            done = times[name]
            if done and (max(done) >= REPEAT_BELOW
                         or turn >= max(MIN_REPEATS, min(MAX_REPEATS, int(REPEAT_BUDGET / max(max(done), 1e-6))))):
                continue
            start, start_cpu = time.perf_counter(), time.process_time()
            results[name] = run()  # type: ignore[operator]
            done.append(time.perf_counter() - start)
            cpu[name].append(time.process_time() - start_cpu)
    return {name: (float(np.median(times[name])), float(np.median(cpu[name])), results[name])
            for name in runs}


def measure(size: str, supply: float, structure: str, methods: list[str]) -> dict:
    """One cell, in this process: seconds (and matched, total) per method."""
    # the compiled solvers' modules load before any timing: a first call that imports
    # scipy.optimize took 0.3-1 s, and a run over 1 s is never repeated (timed_together)
    import ortools.graph.python.min_cost_flow  # noqa: F401
    import scipy.optimize  # noqa: F401

    from matcher.solver import solve_assignment

    n, m = (int(v) for v in size.split("x"))
    shape = make_shape(n, m, supply, structure)
    out: dict = {"size": size, "supply": supply, "structure": structure,
                 "places": int(shape.capacity.sum()), "mentees": n}

    def solver(objective: str):
        return lambda: solve_assignment(shape.scores, shape.capacity, feasible=shape.feasible,
                                        mentee_capacity=shape.mentee_capacity, objective=objective)

    def baseline(method: str):
        return lambda: (lsa if method == "lsa" else mcf)(shape)

    timed = timed_together({method: solver(method) if method in OBJECTIVES else baseline(method)
                            for method in methods})
    for method, (seconds, cpu_seconds, result) in timed.items():
        if method in OBJECTIVES:
            a = result
            out[method] = {"seconds": seconds, "cpu": cpu_seconds, "matched": a.matched, "total": a.total_score,
                           "gap": a.certificate.gap, "rounds": a.certificate.pricing_rounds,
                           "min": a.min_score, "method": a.certificate.method}
        else:
            matched, total = result
            out[method] = {"seconds": seconds, "cpu": cpu_seconds, "matched": matched, "total": total}
    out["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def cell_methods(size: str, supply: float, full: bool) -> list[str]:
    n, m = (int(v) for v in size.split("x"))
    if full or n * m <= BASELINE_PAIRS:
        return [*OBJECTIVES, "lsa", "mcf"]
    if n * m <= 10_000 * 6_000:
        return [*OBJECTIVES, "lsa"]
    return ["coverage"]


def run_cell(size: str, supply: float, structure: str, methods: list[str]) -> dict:
    args = [sys.executable, "-m", "benchmarks.bench_shapes", "--one", size, str(supply), structure,
            ",".join(methods)]
    try:
        out = subprocess.run(args, capture_output=True, text=True, timeout=TIMEOUT, check=True)
    except subprocess.TimeoutExpired:
        return {"size": size, "supply": supply, "structure": structure, "timeout": TIMEOUT}
    return json.loads(out.stdout.strip().splitlines()[-1])


def agree(cell: dict) -> str:
    """Whether coverage matched as many and scored as much as the exact all-arcs baseline."""
    reference = cell.get("mcf")
    if reference is None or "coverage" not in cell:
        return ""
    c = cell["coverage"]
    same = c["matched"] == reference["matched"] and abs(c["total"] - reference["total"]) <= 0.01 * max(1, c["matched"])
    return "yes" if same else "NO"


def table(cells: list[dict]) -> list[str]:
    lines = ["| size | structure | supply | places | coverage s | total s | fair s | LSA s | LSA / coverage "
             "| LSA / coverage (CPU s) | OR-Tools all arcs s | all arcs / coverage | max(total, fair) / coverage "
             "| gap | agree | peak MiB |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for c in cells:
        if "timeout" in c:
            lines.append(f"| {c['size']} | {c['structure']} | {c['supply']} | | timed out after {c['timeout']} s |"
                         + " |" * 11)
            continue
        sec = {k: c[k]["seconds"] for k in (*OBJECTIVES, "lsa", "mcf") if k in c}
        cov = sec.get("coverage")
        ratio = lambda k: f"{sec[k] / cov:.1f}x" if k in sec and cov else ""  # noqa: E731
        # runs of older results files have no CPU seconds
        cpu = {k: c[k]["cpu"] for k in ("coverage", "lsa") if "cpu" in c.get(k, {})}
        cpu_ratio = f"{cpu['lsa'] / cpu['coverage']:.1f}x" if len(cpu) == 2 and cpu["coverage"] else ""
        slower = max((sec[k] for k in ("total", "fair") if k in sec), default=None)
        lines.append(
            f"| {c['size']} | {c['structure']} | {c['supply']} | {c['places']} | "
            + " | ".join(f"{sec[k]:.3f}" if k in sec else "" for k in OBJECTIVES) + " | "
            + (f"{sec['lsa']:.3f}" if "lsa" in sec else "") + f" | {ratio('lsa')} | {cpu_ratio} | "
            + (f"{sec['mcf']:.3f}" if "mcf" in sec else "") + f" | {ratio('mcf')} | "
            + (f"{slower / cov:.2f}" if slower and cov else "") + " | "
            + ",".join(str(c[k]["gap"]) for k in OBJECTIVES if k in c) + f" | {agree(c)} | {c['peak_mib']:.0f} |")
    return lines


def summary(cells: list[dict]) -> list[str]:
    """Per size and structure, ranges over the supply ratios (the README's table)."""
    lines = ["| size | structure | coverage s (fastest–slowest supply) | slowest at supply | LSA / coverage "
             "| OR-Tools all arcs / coverage | max(total, fair) / coverage |", "|---|---|---|---|---|---|---|"]
    groups: dict[tuple[str, str], list[dict]] = {}
    for c in cells:
        if "coverage" in c:
            groups.setdefault((c["size"], c["structure"]), []).append(c)

    def span(values: list[float], unit: str, digits: int) -> str:
        return f"{min(values):.{digits}f}–{max(values):.{digits}f}{unit}" if values else "–"

    for (size, structure), group in groups.items():
        cov = [c["coverage"]["seconds"] for c in group]
        slowest = max(group, key=lambda c: c["coverage"]["seconds"])
        ratio = {k: [c[k]["seconds"] / c["coverage"]["seconds"] for c in group if k in c] for k in ("lsa", "mcf")}
        others = [max(c[k]["seconds"] for k in ("total", "fair") if k in c) / c["coverage"]["seconds"]
                  for c in group if "total" in c or "fair" in c]
        lines.append(f"| {size} | {structure} | {span(cov, '', 3)} | {slowest['supply']} | "
                     f"{span(ratio['lsa'], 'x', 1)} | {span(ratio['mcf'], 'x', 1)} | {span(others, '', 2)} |")
    return lines


def worst(cells: list[dict]) -> list[str]:
    """The shapes where coverage is slowest relative to LSA, and the slowest per size."""
    rated = [c for c in cells if "lsa" in c and "coverage" in c]
    rated.sort(key=lambda c: c["lsa"]["seconds"] / c["coverage"]["seconds"])
    lines = ["Worst shapes by LSA / coverage (lowest speed-up first):", ""]
    for c in rated[:5]:
        lines.append(f"- {c['size']} {c['structure']} supply {c['supply']}: coverage "
                     f"{c['coverage']['seconds']:.3f} s, LSA {c['lsa']['seconds']:.3f} s "
                     f"({c['lsa']['seconds'] / c['coverage']['seconds']:.1f}x)")
    slow = {}
    for c in cells:
        if "coverage" in c and c["coverage"]["seconds"] > slow.get(c["size"], {}).get("coverage", {}).get("seconds", -1):
            slow[c["size"]] = c
    lines += ["", "Slowest coverage shape per size:", ""]
    lines += [f"- {s}: {c['structure']} supply {c['supply']}, {c['coverage']['seconds']:.3f} s"
              for s, c in slow.items()]
    return lines


def plot(cells: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2))
    for structure, colour in zip(ALL_STRUCTURES, ("tab:blue", "tab:orange", "tab:green", "tab:red")):
        mine = [c for c in cells if c["structure"] == structure and "coverage" in c]
        pairs = [int(c["size"].split("x")[0]) * int(c["size"].split("x")[1]) for c in mine]
        left.scatter(pairs, [c["coverage"]["seconds"] for c in mine], s=14, color=colour, label=f"{structure}: coverage")
        base = [(p, c["lsa"]["seconds"]) for p, c in zip(pairs, mine) if "lsa" in c]
        left.scatter(*zip(*base), s=14, marker="x", color=colour, label=f"{structure}: LSA") if base else None
        ratio = [(p, c["lsa"]["seconds"] / c["coverage"]["seconds"]) for p, c in zip(pairs, mine) if "lsa" in c]
        right.scatter(*zip(*ratio), s=14, color=colour, label=structure) if ratio else None
    for axis in (left, right):
        axis.set_xscale("log")
        axis.set_yscale("log")
        axis.set_xlabel("mentee x mentor pairs")
    left.set_ylabel("seconds")
    left.set_title("solve time (every supply ratio)")
    right.axhline(1, color="grey", lw=0.8)
    right.set_ylabel("LSA seconds / coverage seconds")
    right.set_title("speed-up over LSA, same run")
    left.legend(fontsize=7)
    right.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def machine() -> str:
    load = os.getloadavg()
    return (f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python "
            f"{platform.python_version()}, load average {load[0]:.1f} at the end; "
            f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=list(SIZES))
    parser.add_argument("--structures", nargs="+", default=list(STRUCTURES), choices=ALL_STRUCTURES,
                        help="default: %(default)s (crowded: continuous scores, one crowded field)")
    parser.add_argument("--supplies", nargs="+", type=float, default=list(SUPPLY_RATIOS))
    parser.add_argument("--full", action="store_true", help="every baseline on every cell (hours)")
    parser.add_argument("--out", type=Path, default=HERE / "results")
    parser.add_argument("--one", nargs=4, help=argparse.SUPPRESS)
    parser.add_argument("--render", action="store_true", help="redo the .md and .png from the .json")
    args = parser.parse_args(argv)
    if args.render:
        write(json.loads(args.out.with_suffix(".json").read_text(encoding="utf-8")), args.out)
        return
    if args.one:
        size, supply, structure, methods = args.one
        print(json.dumps(measure(size, float(supply), structure, methods.split(","))))
        return
    started = time.perf_counter()
    cells = []
    for size in args.sizes:
        for structure in args.structures:
            for supply in args.supplies:
                methods = cell_methods(size, supply, args.full)
                if methods:
                    cells.append(run_cell(size, supply, structure, methods))
                    print("\n".join(table(cells[-1:])[2:]), flush=True)
    run = {"machine": machine(), "minutes": (time.perf_counter() - started) / 60, "cells": cells}
    args.out.with_suffix(".json").write_text(json.dumps(run, indent=1), encoding="utf-8")
    write(run, args.out)


def write(run: dict, out: Path) -> None:
    """``out``.md (tables) and ``out``.png (plot) from a run (``--render`` redoes them from the
    .json without measuring again)."""
    cells = run["cells"]
    lines = ["# Solver benchmark: every shape", "",
             f"Machine: {run['machine']}. The matrix took {run['minutes']:.1f} minutes. Generator: "
             "benchmarks/shapes.py (not matcher.synthetic). Methods of a cell take turns; runs under 1 s are "
             "repeated (3-15 times, medians); ratios compare methods timed in the same process.", "",
             *table(cells), "", "Ranges over the supply ratios:", "", *summary(cells), "",
             *worst(cells), ""]
    out.with_suffix(".md").write_text("\n".join(lines), encoding="utf-8")
    plot(cells, out.with_suffix(".png"))
    print(f"wrote {out.with_suffix('.md')} ({run['minutes']:.1f} min)")


if __name__ == "__main__":
    main()
