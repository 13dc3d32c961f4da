"""How fast the command line starts: ``matcher --help`` and ``matcher init --help``.

Run from the repository root: ``python -m benchmarks.bench_cli [--repeats N]``. Each command runs
in a fresh process (imports included, as an organiser types it), ``N`` times; the table shows the
fastest run and its ratio to a baseline timed in the same run: ``python -c pass``, the start of a
bare interpreter. ``import pandas`` is timed too, for scale: the package root used to import it
(and scikit-learn, OR-Tools, PuLP, XlsxWriter, matplotlib) before any command ran.
The budget is 0.5 s for both help commands.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

from benchmarks import best_of

BUDGET = 0.5


def commands() -> dict[str, list[str]]:
    """The timed command lines; ``matcher`` is the installed script beside this interpreter."""
    script = shutil.which("matcher", path=str(Path(sys.executable).parent)) or "matcher"
    return {
        "baseline: python -c pass": [sys.executable, "-c", "pass"],
        "matcher --help": [script, "--help"],
        "matcher init --help": [script, "init", "--help"],
        "python -m matcher --help": [sys.executable, "-m", "matcher", "--help"],
        "for scale: import pandas": [sys.executable, "-c", "import pandas"],
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=10, help="runs per command (fastest kept)")
    args = parser.parse_args(argv)
    print(f"{'command':<28} {'seconds':>8} {'x baseline':>11}  budget")
    baseline = None
    for name, command in commands().items():
        seconds = best_of(lambda: subprocess.run(command, check=True, stdout=subprocess.DEVNULL),
                          repeats=args.repeats)
        baseline = baseline or seconds
        verdict = ("ok" if seconds < BUDGET else "OVER") if name.startswith("matcher") else ""
        print(f"{name:<28} {seconds:>8.3f} {seconds / baseline:>11.1f}  {verdict}")


if __name__ == "__main__":
    main()
