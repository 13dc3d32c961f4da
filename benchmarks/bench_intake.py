"""How long reading and normalising 20,000 sign-ups takes (12,000 mentors + 8,000 mentees).

Run from the repository root: ``python -m benchmarks.bench_intake``. For the same synthetic round
written as .xlsx and as Finnish-Excel CSV (``;``, UTF-8 with BOM) it times

* the baseline: a bare ``pd.read_excel`` (calamine) / ``pd.read_csv`` of both files,
* :func:`matcher.readers.read_table` of both files (strings, stripped, rows numbered),
* :func:`matcher.init_round`: detect the columns and read every choice answer of both files,
  writing round.toml (what ``matcher init`` does), once on a fresh process (the first call
  loads the lemma dictionaries and fills every cache, as ``matcher init`` does) and best of 3,
* :func:`matcher.load_round`: read + normalise + duplicates + issues, the whole intake,

and prints seconds and the ratio to the baseline measured in the same run (best of 3).
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
            rows = [("bare pandas read (baseline)", base),
                    ("read_table", best_of(lambda: [read_table(f) for f in files], clock=clock)),
                    ("init_round, first call (dictionaries loaded, nothing cached)", cold),
                    ("init_round (matcher init)",
                     best_of(lambda: init_round(*files, out, overwrite=True), clock=clock)),
                    ("load_round (whole intake)", best_of(lambda: load_round(config), clock=clock))]
            for step, seconds in rows:
                print(f"| {fmt} | {step} | {seconds:.2f} | {seconds / base:.1f} |")
        print(f"\n{load_round(config)!r}")


if __name__ == "__main__":
    main()
