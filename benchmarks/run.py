"""Run every benchmark in turn (``make bench``), each in its own process; each prints its table.

Run one alone with ``python -m benchmarks.<name> --help`` to choose sizes.
"""

from __future__ import annotations

import subprocess
import sys

BENCHMARKS = ("bench_intake", "bench_scoring", "bench_solver", "bench_report", "bench_run",
              "bench_cli")


def main(argv: list[str] | None = None) -> None:
    names = (argv if argv is not None else sys.argv[1:]) or BENCHMARKS
    for name in names:
        print(f"\n## {name}\n", flush=True)
        subprocess.run([sys.executable, "-m", f"benchmarks.{name}"], check=True)


if __name__ == "__main__":
    main()
