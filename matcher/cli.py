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
