"""Terminal output for the CLI: step progress on stderr and the end-of-run summary table.

Only counts, scores and paths are shown: never names, e-mails or free-text answers.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:
    from rich.status import Status

_err = Console(stderr=True)


class StepProgress:
    """A spinner on stderr naming the current step, with the time each finished step took."""

    def __init__(self, enabled: bool = True):
        self.enabled = enabled and _err.is_terminal
        self.verbose = enabled
        self._status: Status | None = None
        self._current: tuple[str, float] | None = None

    def __enter__(self) -> "StepProgress":
        if self.enabled:
            self._status = _err.status("starting...")
            self._status.__enter__()
        return self

    def step(self, name: str) -> None:
        self._finish_current()
        self._current = (name, time.perf_counter())
        if self._status is not None:
            self._status.update(f"{name}...")

    def _finish_current(self) -> None:
        if self._current and self.verbose:
            name, started = self._current
            _err.print(f"[green]✓[/green] {name} ({time.perf_counter() - started:.1f} s)",
                       highlight=False)
        self._current = None

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self._finish_current()
        if self._status is not None:
            self._status.__exit__(exc_type, exc, tb)


def print_run_summary(result) -> None:
    """The short table printed at the end of ``matcher run``."""
    summary = dict(zip(result.tables["summary"]["item"], result.tables["summary"]["value"]))
    table = Table(title=f"{summary['Round']}", show_header=False, title_justify="left")
    table.add_column(style="bold")
    table.add_column()
    for item in ("Mentees", "Mentors", "Mentor places", "Matched mentees", "Unmatched mentees",
                 "Locked pairs", "Objective", "Solver status", "Optimality gap", "Mean score",
                 "Minimum score", "Data issues"):
        table.add_row(item, summary[item])
    table.add_row("Output", str(result.outdir))
    Console(width=100).print(table)
