"""End-to-end benchmark of ``matcher run``: read .xlsx, score, solve, write every output.

Usage::

    python -m benchmarks.bench_run                       # 10,000 mentees x 6,000 mentors
    python -m benchmarks.bench_run --mentees 2000 --mentors 1200

Rounds of the same size are generated with :mod:`matcher.synthetic` (the form exports the intake
reads), with mentor capacities of 1-3 redrawn so that the places are exactly ``--supply`` times
the mentees (default 0.8, 0.95, 1.0, 1.2 and 1.6: places short of mentees is the usual case).
Each run happens in a fresh subprocess so its peak memory (max RSS) is honest, and reports the
seconds of each stage (reading, scoring, solving, writing). The baseline, measured in the same
run, is reading the two spreadsheets with pandas alone.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from benchmarks.shapes import SUPPLY_RATIOS, capacities
from matcher import synthetic

_CHILD = """
import json, resource, sys, time
start = time.perf_counter()
stages, last = {}, [None, start]
def step(name):
    now = time.perf_counter()
    if last[0]:
        stages[last[0]] = now - last[1]
    last[:] = [name, now]
from matcher.run import run_round
result = run_round(sys.argv[1], sys.argv[2], on_step=step)
step(None)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
a = result.matching.assignment
print(json.dumps({"seconds": seconds, "peak_mib": peak, "matched": int(a.matched), "stages": stages,
                  "pairs": len(result.tables["pairs"]), "status": a.status}))
"""


def make_round(folder: Path, n_mentors: int, n_mentees: int, supply: float) -> Path:
    """A synthetic round whose mentor capacities (1-3) add up to ``supply`` x the mentees."""
    config = synthetic.write_round(folder, n_mentors, n_mentees, seed=7, fmt="csv", messy=False)
    mentors = pd.read_csv(folder / "mentors.csv", sep=";", encoding="utf-8-sig", dtype=str)
    rng = np.random.default_rng(7)
    mentors[synthetic.Q_CAPACITY] = capacities(rng, len(mentors), round(supply * n_mentees)).astype(str)
    for who, frame in (("mentors", mentors),
                       ("mentees", pd.read_csv(folder / "mentees.csv", sep=";", encoding="utf-8-sig", dtype=str))):
        frame.to_excel(folder / f"{who}.xlsx", index=False, sheet_name="Form1")
        (folder / f"{who}.csv").unlink()
    text = config.read_text(encoding="utf-8").replace("mentors.csv", "mentors.xlsx").replace("mentees.csv", "mentees.xlsx")
    config.write_text(text, encoding="utf-8")
    return config


def read_baseline(folder: Path) -> float:
    """Seconds to read both spreadsheets with pandas and nothing else."""
    start = time.perf_counter()
    for who in ("mentors", "mentees"):
        pd.read_excel(folder / f"{who}.xlsx", dtype=str, engine="calamine")
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mentees", type=int, default=10_000)
    parser.add_argument("--mentors", type=int, default=6_000)
    parser.add_argument("--supply", nargs="+", type=float, default=list(SUPPLY_RATIOS))
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for supply in args.supply:
            kind = f"supply {supply}"
            folder = Path(tmp) / kind
            config = make_round(folder, args.mentors, args.mentees, supply)
            baseline = read_baseline(folder)
            out = subprocess.run([sys.executable, "-c", _CHILD, str(config), str(folder / "output")],
                                 capture_output=True, text=True, check=True)
            measured = json.loads(out.stdout.strip().splitlines()[-1])
            places = int(pd.read_excel(folder / "mentors.xlsx", dtype=str, engine="calamine")[synthetic.Q_CAPACITY].astype(int).sum())
            rows.append({"round": kind, "size": f"{args.mentees:,} x {args.mentors:,}",
                         "places": places, "matched": measured["matched"],
                         "run_s": round(measured["seconds"], 1),
                         "peak_MiB": round(measured["peak_mib"]),
                         "read_only_s": round(baseline, 2),
                         "run / read_only": round(measured["seconds"] / baseline, 1),
                         **{f"{k}_s": round(v, 1) for k, v in measured["stages"].items()},
                         "status": measured["status"]})
    print(pd.DataFrame(rows).to_markdown(index=False) if _has_tabulate() else pd.DataFrame(rows).to_string(index=False))


def _has_tabulate() -> bool:
    try:
        import tabulate  # noqa: F401
    except ImportError:
        return False
    return True


if __name__ == "__main__":
    main()
