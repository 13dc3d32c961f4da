"""Terminal output for the CLI: step progress on stderr and the end-of-run summary table.

Only counts, scores and paths are shown: never names, e-mails or free-text answers.
"""

from __future__ import annotations

import shlex
import time
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table

from matcher.i18n import number, t
from matcher.introductions import EML_FOLDER

if TYPE_CHECKING:
    from rich.status import Status

_err = Console(stderr=True)
#: Summary rows of matcher.history, shown when present.
HISTORY_ROWS = ("earlier_pairs", "repeat_pairs", "unmatched_priority", "continuing_pairs",
                "published_pairs_kept", "new_pairs", "released_pairs")


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


#: the Summary rows shown at the end of a run (keys of the summary table's index)
SUMMARY_ROWS = ("mentees", "mentors", "mentor_places", "matched_mentees", "unmatched_mentees",
                "not_included", "locked_pairs", "objective", "solver_status", "optimality_gap", "mean_score",
                "minimum_score", "data_issues")


def print_run_summary(result) -> None:
    """The short table printed at the end of ``matcher run``, in the round's language."""
    summary = result.tables["summary"]
    table = Table(title=f"{summary.loc['round', 'value']}", show_header=False, title_justify="left")
    table.add_column(style="bold")
    table.add_column()
    for key in SUMMARY_ROWS:
        table.add_row(summary.loc[key, "item"], summary.loc[key, "value"])
    for key in HISTORY_ROWS:  # only in runs that used history or a published result
        if key in summary.index:
            table.add_row(summary.loc[key, "item"], summary.loc[key, "value"])
    table.add_row(t("summary.output", result.round.config.language), str(shown_path(result.outdir)))
    Console(width=100).print(table)


def shown_path(path: Path) -> Path:
    """``path`` relative to the working folder when it is inside it (shorter to read and type)."""
    try:
        return Path(path).resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return Path(path)


def print_next_steps(result, round_config) -> None:
    """What the letters are, and the next step of the review loop, as the last lines."""
    language = result.round.config.language
    letters = result.tables["introductions"]
    if len(letters):
        status = "draft" if (letters["status"] == "draft").any() else "kept"
        print(t("cli.introductions", language, n=len(letters), folder=shown_path(result.outdir) / EML_FOLDER,
                status=t(f"status.{status}", language)))
    else:
        print(t("cli.no_introductions", language))
    outdir = shown_path(result.outdir)
    workbook = outdir / "pairs.xlsx"
    published = result.history.note.published if result.history else None
    again = ("--incremental", published["path"]) if published else ()  # keep the published pairs
    command = " ".join(shlex.quote(str(part)) for part in (
        "matcher", "run", round_config, *again, "-o", outdir, "--decisions", workbook))
    print(t("cli.next_step", language, workbook=workbook, command=command))


def print_released(result) -> None:
    """After ``matcher rematch``: each released mentee's new mentor, or why there is none, and
    the best alternatives (ids and scores only), in the round's language."""
    tables, plan, language = result.tables, result.history, result.round.config.language
    pairs, unmatched, alternatives = tables["pairs"], tables["unmatched"], tables["alternatives"]
    console = Console(highlight=False, soft_wrap=True)

    def say(key: str, **fields) -> None:
        console.print(t(key, language, **fields), markup=False)

    for mentee, ended in plan.released.groupby("mentee_id", sort=True)["mentor_id"]:
        say("cli.released", mentee=mentee, mentors=", ".join(ended))
        new = pairs[(pairs["mentee_id"] == mentee) & (pairs["status"] != "published")]
        for mentor, score in zip(new["mentor_id"], new["score"]):
            say("cli.new_mentor", mentor=mentor, score=number(score, language))
        if new.empty:
            reason = unmatched.loc[unmatched["mentee_id"] == mentee, "reason"]
            say("cli.no_new_mentor", reason=reason.iloc[0] if len(reason) else "")
        others = alternatives[alternatives["mentee_id"] == mentee]
        if len(others):
            say("cli.alternatives", listed="; ".join(
                f"{m} ({number(s, language)}, {n})" for m, s, n in zip(others["mentor_id"], others["score"], others["note"])))
        else:
            say("cli.no_alternatives")
