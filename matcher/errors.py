"""Errors that reach the organiser, and the exit codes the CLI maps them to.

Every error raised on purpose inside matcher is a :class:`MatcherError`: the CLI prints its
message (never a traceback) and exits with its ``exit_code``. Messages name the file, row and
column where they can and say how to fix the problem.
"""

from __future__ import annotations

#: Exit codes, documented in the README for batch jobs.
EXIT_OK = 0
EXIT_INVALID_INPUT = 2
EXIT_INFEASIBLE_LOCKS = 3


class MatcherError(Exception):
    """A problem the organiser can fix; ``str(error)`` is the full, plain-language message."""

    exit_code = EXIT_INVALID_INPUT


class InputError(MatcherError):
    """An input file, config file or option is unusable (exit code 2)."""

    exit_code = EXIT_INVALID_INPUT


class EmptyFileError(InputError):
    """An input file holds no cells at all (exit code 2; a pairs file may be empty on purpose)."""


class OutputBusyError(InputError):
    """Another run is writing the same output folder right now (exit code 2)."""


class ConfigError(InputError):
    """The round config is invalid: names the file, the key, what was wrong and what is allowed."""


class InfeasibleLocksError(MatcherError):
    """Locked pairs cannot all hold (no shared language, capacity exceeded...) (exit code 3)."""

    exit_code = EXIT_INFEASIBLE_LOCKS
