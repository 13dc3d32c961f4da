"""How long reading and normalising 20,000 sign-ups takes (12,000 mentors + 8,000 mentees).

Run from the repository root: ``python -m benchmarks.bench_intake``. For the same synthetic round
written as .xlsx and as Finnish-Excel CSV (``;``, UTF-8 with BOM) it times

* the baseline: a bare ``pd.read_excel`` (calamine) / ``pd.read_csv`` of both files,
* :func:`matcher.readers.read_table` of both files (strings, stripped, rows numbered),
* :func:`matcher.init_round`: detect the columns and read every choice answer of both files,
  writing round.toml (what ``matcher init`` does), once on a fresh process (the first call
  loads the lemma dictionaries and fills every cache, as ``matcher init`` does), then warm,
* :func:`matcher.load_round`: read + normalise + duplicates + issues, the whole intake,

and prints seconds and the ratio to the baseline measured in the same run. The cheap baseline
is best of 3; each heavy step runs ``--repeats`` times (default 1: at 20,000 sign-ups on a shared
machine three runs of every step of both formats, plus one more ``load_round`` for the closing
line, took longer than a session had), and the closing line reuses the last ``load_round``.
``--cpu`` times CPU seconds of the process instead of wall seconds (steadier on a machine other
programs share); ``--formats xlsx`` times one format only.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

import pandas as pd

from benchmarks import best_of
from matcher import init_round, load_round, synthetic
from matcher.readers import read_table

def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mentors", type=int, default=12_000)
    parser.add_argument("--mentees", type=int, default=8_000)
    parser.add_argument("--formats", nargs="+", choices=("xlsx", "csv"), default=["xlsx", "csv"])
    parser.add_argument("--cpu", action="store_true", help="CPU seconds, not wall seconds")
    parser.add_argument("--repeats", type=int, default=1, help="runs of each heavy step (best of)")
    args = parser.parse_args(argv)
    clock = time.process_time if args.cpu else time.perf_counter
    print(f"intake of {args.mentors:,} mentors + {args.mentees:,} mentees (messy exports), "
          f"{'CPU' if args.cpu else 'wall'} seconds, load average {os.getloadavg()[0]:.1f}\n")
    print("| format | step | seconds | × baseline |")
    print("|---|---|---:|---:|")
    with tempfile.TemporaryDirectory() as folder:
        for fmt in args.formats:
            config = synthetic.write_round(Path(folder) / fmt, args.mentors, args.mentees, fmt=fmt)
            files = [config.parent / f"mentors.{fmt}", config.parent / f"mentees.{fmt}"]
            if fmt == "xlsx":
                bare = lambda: [pd.read_excel(f, engine="calamine") for f in files]  # noqa: E731
            else:
                bare = lambda: [pd.read_csv(f, sep=";", encoding="utf-8-sig") for f in files]  # noqa: E731
            base = best_of(bare, clock=clock)
            out = Path(folder) / fmt / "init.toml"
            start = clock()
            init_round(*files, out, overwrite=True)  # what `matcher init` costs: nothing cached
            cold = clock() - start
            loaded: list[object] = []
            rows = [("bare pandas read (baseline)", base),
                    ("read_table", best_of(lambda: [read_table(f) for f in files], args.repeats, clock)),
                    ("init_round, first call (dictionaries loaded, nothing cached)", cold),
                    ("init_round (matcher init)",
                     best_of(lambda: init_round(*files, out, overwrite=True), args.repeats, clock)),
                    ("load_round (whole intake)",
                     best_of(lambda: loaded.append(load_round(config)), args.repeats, clock))]
            for step, seconds in rows:
                print(f"| {fmt} | {step} | {seconds:.2f} | {seconds / base:.1f} |", flush=True)
        print(f"\n{loaded[-1]!r}")


if __name__ == "__main__":
    main()
