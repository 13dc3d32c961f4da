"""The ``matcher`` command line: a thin click layer over the Python API with the same verbs.

Every command turns a :class:`matcher.errors.MatcherError` into a plain message on stderr and its
exit code (0 done, 2 invalid input, 3 infeasible locks): an organiser never sees a traceback for a
problem they can fix.
"""

from __future__ import annotations

import functools
import sys

import click

from matcher import __version__
from matcher.errors import MatcherError


def handle_errors(command):
    """Report MatcherError as 'Error: ...' and exit with its code instead of a traceback."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except MatcherError as error:
            click.echo(f"Error: {error}", err=True)
            sys.exit(error.exit_code)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="matcher")
def main():
    """Pair mentors with mentees: read two intake spreadsheets, score every pair, solve the
    assignment optimally and write a report a coordinator can review.

    \b
    Typical round:
      matcher init mentors.xlsx mentees.xlsx -o round.toml
      matcher validate round.toml
      matcher run round.toml -o output/
    """


@main.command("run")
@click.argument("round_config", metavar="ROUND", type=click.Path(dir_okay=False))
@click.option("-o", "--output", "outdir", type=click.Path(file_okay=False),
              help="Output folder (default: [round] output in the config, else output/ beside it).")
@click.option("--objective", type=click.Choice(["coverage", "total", "fair"]),
              help="Override [solver] objective: coverage (most mentees matched, then best "
                   "total), total (best total score) or fair (most matched, then best worst pair).")
@click.option("--decisions", type=click.Path(dir_okay=False, exists=True),
              help="The pairs.xlsx you reviewed: 'keep' pairs are locked, 'reject' pairs "
                   "forbidden, everyone else is matched again.")
@click.option("--pseudonymise", is_flag=True, help="Write ids instead of names and e-mails.")
@click.option("-q", "--quiet", is_flag=True, help="No progress or summary; errors only.")
@handle_errors
def run_command(round_config, outdir, objective, decisions, pseudonymise, quiet):
    """Read, validate, score, solve and write the round's output folder.

    Writes pairs.xlsx (the workbook to review), pairs.csv, unmatched.csv, mentors.csv,
    introductions.csv, report.html and audit.json. Exit codes: 0 done, 2 invalid input,
    3 locked pairs that cannot all hold.
    """
    from matcher.console import StepProgress, print_run_summary
    from matcher.run import run_round

    with StepProgress(enabled=not quiet) as progress:
        result = run_round(round_config, outdir, objective=objective, decisions=decisions,
                           pseudonymise=pseudonymise, on_step=progress.step)
    if not quiet:
        print_run_summary(result)
