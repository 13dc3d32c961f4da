"""The ``matcher`` command line: a thin click layer over the Python API with the same verbs.

Every command turns a :class:`matcher.errors.MatcherError` into a plain message on stderr and its
exit code (0 done, 2 invalid input, 3 infeasible locks): an organiser never sees a traceback for a
problem they can fix.
"""

from __future__ import annotations

import functools
import logging
import os
import sys
from pathlib import Path

import click

from matcher import __version__
from matcher.errors import InputError, MatcherError


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


def refuse_overwriting(output: str | Path, inputs) -> None:
    """Refuse an output path that is one of the input files (``score -o mentors.csv``): writing
    it would destroy the sign-ups it was read from."""
    target = Path(output).resolve()
    for source in inputs:
        if source is not None and Path(source).resolve() == target:
            raise InputError(f"{output}: is one of this round's input files, and writing there "
                             "would replace it; choose another file name with -o")


def program() -> None:
    """The ``matcher`` program (``python -m matcher``, the installed script): :func:`main`, then
    the process ends at once with its exit code.

    After a big round the interpreter's own teardown (freeing every table and matrix object by
    object) took 1-2.5 s of a run's wall time, more than some stages; the operating system frees
    all of it anyway. Output streams are flushed and logging shut down first, so nothing printed
    is lost; files are complete (written atomically) before this point. An unexpected exception
    still ends the normal way, with its traceback.
    """
    try:
        main()
        code: object = 0
    except SystemExit as done:
        code = done.code
    if isinstance(code, str):  # sys.exit("message"): Python prints it and exits with 1
        print(code, file=sys.stderr)
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (| head) or stream: nothing more to show
            pass
    os._exit(code if isinstance(code, int) else 0 if code is None else 1)


class ConfigChoice(click.ParamType):
    """A :class:`click.Choice` of the values :mod:`matcher.config` allows for a setting, named by
    its constant there (``"OBJECTIVES"``): the list keeps one home, read only when a value is
    checked or the help shown, so ``matcher --help`` still loads no fuzzy matcher.

    >>> ConfigChoice("OBJECTIVES").convert("fair", None, None)
    'fair'
    """

    name = "choice"

    def __init__(self, constant: str):
        self.constant = constant

    def choice(self) -> click.Choice:
        from matcher import config

        return click.Choice(getattr(config, self.constant))

    def get_metavar(self, param, ctx):
        return self.choice().get_metavar(param, ctx)

    def convert(self, value, param, ctx):
        return self.choice().convert(value, param, ctx)

    def shell_complete(self, ctx, param, incomplete):
        return self.choice().shell_complete(ctx, param, incomplete)


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


@main.command("init")
@click.argument("mentors", type=click.Path(dir_okay=False))
@click.argument("mentees", type=click.Path(dir_okay=False))
@click.option("-o", "--output", default="round.toml", show_default=True,
              type=click.Path(dir_okay=False), help="Round config to write.")
@click.option("--name", help="Round name (default: the config folder's name).")
@click.option("--mentors-sheet", help="Sheet of the mentor workbook (default: chosen by content).")
@click.option("--mentees-sheet", help="Sheet of the mentee workbook (default: chosen by content).")
@click.option("--force", is_flag=True, help="Replace an existing config.")
@click.option("--language", type=click.Choice(["en", "fi", "sv"]), default="en", show_default=True,
              help="The round's language: of these lines, and written as [round] language.")
@handle_errors
def init_command(mentors, mentees, output, name, mentors_sheet, mentees_sheet, force, language):
    """Write a commented round config for two form exports (MENTORS, MENTEES).

    Recognises which column is which from the headers and the answers, reads every distinct
    answer of the choice questions (English, Finnish or Swedish, by meaning), prints that reading
    and writes it into the config as editable [vocabulary.*] entries.
    """
    from matcher.detect import format_answers, init_round
    from matcher.i18n import header, t

    if Path(mentors).resolve() == Path(mentees).resolve() and mentors_sheet == mentees_sheet:
        raise InputError(f"{mentors}: given as both the mentor and the mentee export; give the "
                         "two forms' exports, mentors first (or, for one workbook holding both, "
                         "each one's sheet with --mentors-sheet and --mentees-sheet)")
    refuse_overwriting(output, (mentors, mentees))
    result = init_round(mentors, mentees, output, name=name, overwrite=force,
                        mentors_sheet=mentors_sheet, mentees_sheet=mentees_sheet, language=language)
    for detection in (result.mentors, result.mentees):
        role = detection.role if language == "en" else header(detection.role, language)
        click.echo(t("init.columns", language, role=role, n=len(detection.columns),
                     names=", ".join(detection.columns), carried=len(detection.unmapped)))
    if len(result.answers):
        click.echo("\n" + t("init.answers", language, n=len(result.unsure), path=result.path))
        click.echo(format_answers(result.answers, language) + "\n")
    for warning in result.warnings:
        click.echo(t("init.warning", language, warning=warning), err=True)
    click.echo(t("init.wrote", language, path=result.path))


@main.command("validate")
@click.argument("round_config", metavar="ROUND", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["table", "csv"]), default="table",
              show_default=True, help="csv writes the issues table to stdout, for batch jobs.")
@handle_errors
def validate_command(round_config, fmt):
    """Read and check a round's two exports; print every problem found.

    Exit code 0 when there are only warnings, 2 when there are errors to fix first.
    """
    from matcher.history import prepare
    from matcher.intake import load_round

    # [history] is read as run reads it: earlier rounds' files, continuing pairs, aliases
    rnd, _ = prepare(load_round(round_config))
    if fmt == "csv":
        click.echo(rnd.issues.to_csv(index=False), nl=False)
    else:
        _print_first_kinds(rnd.issues, "validate.more_issues", round_config, rnd.config.language)
        _print_not_included(rnd)
        _print_shortages(rnd)
        click.echo(rnd.summary(rnd.config.language))  # last, so a batch job can read it with tail -1
    sys.exit(0 if rnd.ok else 2)


def _print_not_included(rnd) -> None:
    """Who will not be matched whatever the scores (no consent, an eligibility rule), and why."""
    from matcher.i18n import header, t
    from matcher.issue_groups import SHOWN_ROWS, listed

    left_out, language = rnd.not_included, rnd.config.language
    if len(left_out):
        click.echo("\n" + (t("validate.not_included_one", language) if len(left_out) == 1
                           else t("validate.not_included", language, n=len(left_out))))
    mentors_first = left_out.sort_values("role", ascending=False, kind="stable")
    for (role, reason), group in mentors_first.groupby(["role", "reason"], sort=False):
        file = (rnd.config.mentors if role == "mentor" else rnd.config.mentees).file
        rows = t("issue.row" if len(group) == 1 else "issue.rows", language,
                 rows=listed(map(str, sorted(group["row"].astype(int))), SHOWN_ROWS))
        click.echo(t("validate.group", language, role=header(f"{role}s", language), n=len(group),
                     rows=rows, file=file.name if file else "?", reason=reason))


def _print_shortages(rnd) -> None:
    """Before any matching: mentees no mentor shares a language with, and fields and goals with
    fewer mentor places than mentees wanting them, so an organiser can recruit in time."""
    from matcher.i18n import number, t
    from matcher.issue_groups import SHOWN_ROWS, listed
    from matcher.report.tables import header, shown_values
    from matcher.results import supply_and_demand

    language = rnd.config.language
    offered = set().union(*rnd.mentors["languages"].map(set)) if len(rnd.mentors) else set()
    alone = rnd.mentees[[not (set(langs) & offered) for langs in rnd.mentees["languages"]]]
    if len(alone):
        rows = t("issue.row" if len(alone) == 1 else "issue.rows", language,
                 rows=listed(map(str, alone["row"]), SHOWN_ROWS))
        click.echo("\n" + t("validate.no_shared_language", language, n=len(alone), rows=rows,
                            file=rnd.config.mentees.file.name))
    table = supply_and_demand(rnd.mentees, rnd.mentors, language)
    short = table[(table["dimension"] != "language") & (table["ratio"] < 1)]
    if short.empty:
        return
    click.echo("\n" + t("validate.shortages", language))
    columns = ["dimension", "value", "mentees", "mentors", "capacity", "ratio"]
    shown = shown_values("supply_demand", short.sort_values(["dimension", "ratio", "value"], kind="stable")
                         .assign(ratio=short["ratio"].map(lambda v: number(v, language, 2)))[columns],
                         language)
    click.echo(shown.set_axis([header(c, language) for c in columns], axis=1).to_string(index=False))
    click.echo("")


ISSUE_HEADINGS = ("severity", "count", "file", "row", "column", "value", "problem", "suggestion")
#: longest form header / answer shown in the validate table (the CSV keeps them whole)
SHORT_TEXT = 48


def _print_issues(issues, err: bool = False, limit: int | None = None, language: str = "en") -> None:
    """The issues grouped by kind (:func:`matcher.issue_groups.group_issues`: one line per kind
    and column, with its count and first rows) as a table: rich (errors in red) on a terminal,
    plain aligned text otherwise; on stderr when ``err``; the first ``limit`` lines when given;
    headings and severities in ``language``.

    Rich fits a table to 80 columns when stdout is a pipe or a CI log, which wraps every cell over
    many lines; there each issue gets one line instead, so it can be grepped.
    """
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text  # plain Text: "[read]" in a suggestion is not rich markup

    from matcher.i18n import header
    from matcher.issue_groups import group_issues
    from matcher.report.tables import shown_values

    if issues.empty:
        return
    grouped = group_issues(issues).head(limit)
    cells = _issue_cells(shown_values("issues", grouped, language))
    headings = tuple(header(name, language) if language != "en" else name for name in ISSUE_HEADINGS)
    console = Console(soft_wrap=False, stderr=err)
    if not console.is_terminal:
        click.echo(_plain_table(headings, cells), err=err)
        return
    table = Table(show_lines=False, header_style="bold")
    for name in headings:
        table.add_column(name, overflow="fold")
    for row, severity in zip(cells, grouped["severity"]):
        table.add_row(*map(Text, row), style="red" if severity == "error" else None)
    console.print(table)


def _issue_cells(issues) -> list[tuple[str, ...]]:
    """Display text per issue: no row number for file-wide issues, long headers and answers
    shortened (a bilingual "English / suomi" header shows its first language)."""
    shown = issues.assign(
        count=issues["count"].astype("string").fillna(""),
        row=issues["row"].fillna(""),
        column=issues["column"].map(lambda header: _shorten(str(header).split(" / ")[0])),
        value=issues["value"].map(lambda value: _shorten(str(value))))
    return list(shown[list(ISSUE_HEADINGS)].astype(str).itertuples(index=False, name=None))


def _shorten(text: str, limit: int = SHORT_TEXT) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with "…" when cut.

    >>> _shorten("Which languages can you use in mentoring, and how well?", 42)
    'Which languages can you use in mentoring…'
    """
    if len(text) <= limit:
        return text
    head = text[:limit - 1]
    if text[limit - 1] != " " and " " in head:  # do not cut a word in two
        head = head.rsplit(" ", 1)[0]
    return head.rstrip(" ,;:/-") + "…"


def _plain_table(headings: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    """Left-aligned columns separated by two spaces, no trailing spaces."""
    widths = [max(len(cell) for cell in column) for column in zip(headings, *rows)]
    return "\n".join("  ".join(cell.ljust(width) for cell, width in zip(line, widths)).rstrip()
                     for line in (headings, *rows))


@main.command("run")
@click.argument("round_config", metavar="ROUND", type=click.Path(dir_okay=False))
@click.option("-o", "--output", "outdir", type=click.Path(file_okay=False),
              help="Output folder (default: [round] output in the config, else output/ beside it).")
@click.option("--objective", type=ConfigChoice("OBJECTIVES"),
              help="Override [solver] objective: coverage (most mentees matched, then best "
                   "total), total (best total score) or fair (most matched, then best worst pair).")
@click.option("--decisions", type=click.Path(dir_okay=False, exists=True),
              help="The pairs.xlsx you reviewed: 'keep' pairs are locked, 'reject' pairs "
                   "forbidden, everyone else is matched again.")
@click.option("--draft-introductions", is_flag=True,
              help="Write introduction letters for every proposed pair, marked as drafts "
                   "(default: only for kept pairs).")
@click.option("--incremental", "published", type=click.Path(exists=True),
              help="A published output folder (or its pairs.xlsx): its pairs stay exactly as they "
                   "are; only new or released mentees are matched into the places left.")
@click.option("--pseudonymise", is_flag=True, help="Write ids instead of names and e-mails.")
@click.option("--discard-decisions", is_flag=True,
              help="Replace an output folder whose pairs.xlsx holds decisions this run does "
                   "not carry in with --decisions (they are lost).")
@click.option("-q", "--quiet", is_flag=True, help="No progress or summary; errors only.")
@handle_errors
def run_command(round_config, outdir, objective, decisions, draft_introductions, published,
                pseudonymise, discard_decisions, quiet):
    """Read, validate, score, solve and write the round's output folder.

    Writes pairs.xlsx (the workbook to review), pairs.csv, unmatched.csv, mentors.csv,
    not_included.csv, data_issues.csv, data_issue_rows.csv, introductions.csv with one .eml per letter in introductions/, report.html
    and audit.json. Exit codes: 0 done, 2 invalid input, 3 locked pairs that cannot all hold.
    """
    from matcher.console import StepProgress, print_next_steps, print_run_summary
    from matcher.run import DataErrors, run_round

    try:
        with StepProgress(enabled=not quiet) as progress:
            result = run_round(round_config, outdir, objective=objective, decisions=decisions,
                               pseudonymise=pseudonymise, draft_introductions=draft_introductions,
                               discard_decisions=discard_decisions, on_step=progress.step,
                               incremental=published)
    except DataErrors as error:
        _print_data_errors(error, round_config)
        raise
    if not quiet:
        print_run_summary(result)
        print_next_steps(result, round_config)


#: lines of issues (grouped by kind) a stopped run and validate print, so the output fits a
#: screen whatever the round's size; the rest are one line that says how many and where
SHOWN_ERRORS = 20


def _print_first_kinds(issues, more: str, round_config: str, language: str, err: bool = False) -> None:
    """The first :data:`SHOWN_ERRORS` kinds of ``issues`` (grouped, most serious first) in the
    table ``validate`` prints, then the message ``more`` saying how many kinds are left."""
    from matcher.i18n import t
    from matcher.issue_groups import group_issues

    _print_issues(issues, err=err, limit=SHOWN_ERRORS, language=language)
    kinds = len(group_issues(issues)) if not issues.empty else 0
    if kinds > SHOWN_ERRORS:
        click.echo(t(more, language, n=kinds - SHOWN_ERRORS, config=round_config), err=err)


def _print_data_errors(error, round_config: str) -> None:
    """The first :data:`SHOWN_ERRORS` data errors of a stopped run, on stderr, in the table
    ``validate`` prints, then how many more there are."""
    from matcher.i18n import t

    click.echo(t("cli.data_errors", error.language, n=len(error.issues)), err=True)
    _print_first_kinds(error.issues, "cli.more_errors", round_config, error.language, err=True)


@main.command("templates")
@click.argument("round_config", metavar="ROUND", type=click.Path(dir_okay=False, exists=True))
@click.option("-o", "--output", type=click.Path(file_okay=False),
              help="Folder to write into (default: [introductions] templates in the config, "
                   "else introduction-templates/ beside it).")
@handle_errors
def templates_command(round_config, output):
    """Copy the built-in introduction letter templates into the round's template folder to edit.

    Six files, to_mentee.<fi|sv|en>.txt and to_mentor.<fi|sv|en>.txt; a file that is already
    there is kept as it is. Placeholders such as {other_first_name} and {reasons} are listed in
    the README.
    """

    from matcher.config import load_config
    from matcher.errors import InputError
    from matcher.introductions import (LETTER_LANGUAGES, ROLES, builtin_template_text,
                                       template_folder, template_name)

    folder = Path(output) if output else template_folder(load_config(round_config))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for role in ROLES:
            for language in LETTER_LANGUAGES:
                path = folder / template_name(role, language)
                if path.exists():
                    click.echo(f"kept {path} (already there)")
                    continue
                path.write_text(builtin_template_text(role, language), encoding="utf-8")
                click.echo(f"wrote {path}")
    except OSError as exc:
        raise InputError(f"cannot write templates into {folder}: {exc.strerror or exc}") from None
    click.echo(f"Edit them, then: matcher run {round_config}")


@main.command("rematch")
@click.argument("round_config", metavar="ROUND", type=click.Path(dir_okay=False))
@click.argument("published", metavar="PUBLISHED", type=click.Path(exists=True))
@click.argument("more", metavar="[MENTEE]...", nargs=-1)
@click.option("--release", multiple=True, metavar="MENTEE",
              help="Mentee (id or e-mail) whose pair ends; give several after one --release.")
@click.option("-o", "--output", "outdir", type=click.Path(file_okay=False),
              help="Output folder (default: PUBLISHED-rematch beside the published one).")
@click.option("--objective", type=ConfigChoice("OBJECTIVES"),
              help="Override [solver] objective.")
@click.option("--draft-introductions", is_flag=True,
              help="Write introduction letters for the new pairs now, marked as drafts "
                   "(default: once they are kept).")
@click.option("--pseudonymise", is_flag=True, help="Write ids instead of names and e-mails.")
@click.option("-q", "--quiet", is_flag=True, help="No progress or summary; errors only.")
@handle_errors
def rematch_command(round_config, published, more, release, outdir, objective, draft_introductions,
                    pseudonymise, quiet):
    """End published pairs that did not work out and find each released mentee a new mentor.

    Nobody else moves: every other published pair stays and nobody else is matched. The old
    pairs are forbidden from now on (recorded in the new audit.json and workbook). Prints each
    released mentee's new mentor, or plainly why there is none, and the top alternatives.
    """
    from matcher.console import StepProgress, print_released, print_run_summary
    from matcher.errors import InputError
    from matcher.run import rematch

    if more and not release:
        raise InputError(f"unexpected argument(s) {' '.join(more)}: name mentees after --release")
    with StepProgress(enabled=not quiet) as progress:
        result = rematch(round_config, published, [*release, *more], outdir, objective=objective,
                         pseudonymise=pseudonymise, draft_introductions=draft_introductions,
                         on_step=progress.step)
    if not quiet:
        print_run_summary(result)
        print_released(result)


@main.command("score")
@click.argument("round_config", metavar="ROUND", type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), required=True,
              help="CSV file to write: one row per mentor-mentee pair.")
@click.option("--feasible-only", is_flag=True, help="Only the pairs that may be matched.")
@handle_errors
def score_command(round_config, output, feasible_only):
    """Score every mentor-mentee pair of a round and write them to a CSV file.

    Columns: mentee_id, mentor_id, score (0-100), feasible, one column per score component
    (0-1) and reason (why an infeasible pair cannot be matched). Rows are ordered by mentee,
    then by descending score, then by mentor_id.
    """
    from matcher import load_round, score_round
    from matcher.i18n import t
    from matcher.safe_io import atomic_file, neutralise_frame

    rnd = load_round(round_config)
    config = rnd.config
    refuse_overwriting(output, (config.path, config.mentors.file, config.mentees.file,
                                config.constraints.locked_file, config.constraints.forbidden_file))
    if not rnd.ok:  # as run: scores of a round with data errors would mislead
        raise InputError("the round has " + t("count.data_errors", "en", n=len(rnd.errors)) + "; nothing was scored. Run "
                         f"'matcher validate {round_config}' to see them and fix the spreadsheets "
                         "or the config.")
    scores = score_round(rnd)
    frame = neutralise_frame(scores.to_frame(feasible_only=feasible_only))
    with atomic_file(output) as tmp:  # a failed or stopped write leaves no half-written file
        frame.to_csv(tmp, index=False, float_format="%.4f", encoding="utf-8")
    click.echo(f"{scores!r}: wrote {len(frame):,} pairs to {output}", err=True)
