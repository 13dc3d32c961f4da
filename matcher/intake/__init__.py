"""Round intake: read both exports, normalise them into canonical tables and list every problem.

:func:`load_round` reads the files a round config names (:mod:`matcher.readers`), maps the form's
columns onto matcher's canonical fields, normalises every answer with the vocabularies of
:mod:`matcher.vocab`, drops duplicate sign-ups and resolves the coordinator's locked and forbidden
pairs. Columns of the canonical tables are documented in ``docs/architecture.md``.

The package, one module per concept:

- :mod:`~matcher.intake.answers`: the round's choice answers learned and read, both forms
  together (``Round.answers``);
- :mod:`~matcher.intake.choices`: choice cells to keys (field, topics, goals, languages, city,
  meeting mode, gender);
- :mod:`~matcher.intake.values`: text, e-mails, dates and loosely written numbers;
- :mod:`~matcher.intake.people`: duplicates, ids, locked and forbidden pairs;
- :mod:`~matcher.intake.issues`: the issues table.

Severity policy
---------------
Row-level problems never stop reading: each becomes a row of ``Round.issues``.

*error* — the round cannot be matched trustworthily until it is fixed:
    a row with neither e-mail nor id (dropped: nobody could be told of the pairing); capacity,
    max_mentors or priority that cannot be read as a number, or is below its minimum; two different
    people sharing one id; a locked or forbidden pair naming an unknown person.
*warning* — matcher goes on and says what it did:
    a duplicate sign-up dropped (same e-mail; the latest kept by default); a choice answer that
    is not a built-in name, read as a typo ('Finish' as Finnish), by meaning, with the other
    form's answer, or as a category of its own (once per distinct answer, with its row count); a number read loosely ("10+" → 10, "about 6" → 6, "2 mentees" → 2, a range
    "1-2" → its lower end); an e-mail that does not look like one; an unreadable date or meeting
    mode; a participant with no usable language (they cannot be matched); missing optional answers
    (one per blank cell, grouped into one line per column with the count and rows; defaults
    used); blank rows ignored (one line per file with the count).

Only what makes reading impossible raises :class:`~matcher.errors.InputError`: a file missing or
unreadable, or a required column (languages; e-mail or id) not mapped or not in the file.

Participant ids are the mapped ``id`` column, else ``mentor-``/``mentee-`` plus 12 hex digits of a
BLAKE2 hash of the normalised e-mail: stable across re-exports, and no personal data in logs.

Example
-------
>>> from matcher import synthetic
>>> import tempfile
>>> rnd = load_round(synthetic.write_round(tempfile.mkdtemp(), 6, 9, messy=False))
>>> rnd.ok, len(rnd.mentors), len(rnd.mentees)
(True, 6, 9)
>>> bool(rnd.mentees["languages"].map(len).min() > 0)
True
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from rapidfuzz import process

from matcher import checks, eligibility, vocab
from matcher.config import RoundConfig, SourceConfig, load_config
from matcher.errors import InputError
from matcher.option_columns import fold_questions
from matcher.i18n import t
from matcher.intake.answers import ANSWER_COLUMNS, AnswerReading, read_answers
from matcher.intake.choices import (NO_PREFERENCE, cities, genders, keys, languages,
                                    meeting_modes, split_answers)
from matcher.issue_groups import group_issues, issue_counts
from matcher.intake.issues import ISSUE_COLUMNS, Issues, Reporter, report_layout
from matcher.intake.people import (assign_ids, check_lock_conflicts, drop_duplicates,
                                   forbid_self_pairs, resolve_pairs)
from matcher.intake.values import MAX_CAPACITY, MAX_PRIORITY, MAX_YEARS, dates, emails, numbers, parse_number, text
from matcher.readers import EMAIL_LIKE, read_table

log = logging.getLogger(__name__)

MENTOR_COLUMNS = ("row", "name", "email", "submitted_at", "organisation", "fields", "field_text",
                  "job_title", "years_experience", "years_in_finland", "languages", "topics",
                  "about", "capacity", "city", "meeting_mode", "gender", "consent")
MENTEE_COLUMNS = ("row", "name", "email", "submitted_at", "organisation", "fields", "field_text",
                  "goals", "goals_text", "languages", "max_mentors", "priority", "city",
                  "meeting_mode", "gender", "gender_preference", "same_field_only",
                  "mentoring_languages", "consent")


@dataclass(repr=False)
class Round:
    """One round's sign-ups, normalised, with every problem found. See ``docs/architecture.md``."""

    config: RoundConfig
    mentors: pd.DataFrame
    mentees: pd.DataFrame
    issues: pd.DataFrame
    locked: pd.DataFrame
    forbidden: pd.DataFrame
    extra_columns: dict[str, list[str]] = field(default_factory=dict)
    #: how every distinct answer of the choice questions was read: one row per answer and
    #: column (:data:`matcher.intake.answers.ANSWER_COLUMNS`), low confidence first
    answers: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(ANSWER_COLUMNS)))
    #: people left out (no consent, an eligibility rule failed): role, id, row, reason
    not_included: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=list(eligibility.NOT_INCLUDED_COLUMNS)))

    @property
    def errors(self) -> pd.DataFrame:
        """The issues of severity "error" (the round should not be matched until fixed)."""
        return self.issues[self.issues["severity"] == "error"]

    @property
    def warnings(self) -> pd.DataFrame:
        """The issues of severity "warning" (matcher went on and says what it did)."""
        return self.issues[self.issues["severity"] == "warning"]

    @property
    def issue_groups(self) -> pd.DataFrame:
        """The issues as a coordinator reads them: one line per matter (file, column, kind of
        problem and, for an answer read by the vocabulary, the answer), with its count and first
        rows (:func:`matcher.issue_groups.group_issues`); ``issues`` has them cell by cell."""
        return group_issues(self.issues)

    @property
    def ok(self) -> bool:
        """True when there are no errors."""
        return self.errors.empty

    def summary(self, language: str = "en") -> str:
        """One line for the terminal in ``language``, e.g. "58 mentors, 90 mentees read; 0 errors,
        7 warnings (31 cells)" ("..., 90 mentees read and included, 3 not included; ..." when some
        are not): the warnings are matters (:attr:`issue_groups`), the cells the issue rows."""
        counts = {"mentors": len(self.mentors), "mentees": len(self.mentees),
                  "issues": issue_counts(self.issues).text(language)}
        if len(self.not_included):
            return t("validate.summary_left_out", language, left_out=len(self.not_included), **counts)
        return t("validate.summary", language, **counts)

    def __repr__(self) -> str:
        return f"Round({self.config.name!r}, {self.summary().replace(' read;', ',')})"


def load_round(source: str | Path | RoundConfig) -> Round:
    """Read, normalise and check a round's two exports.

    Parameters
    ----------
    source
        Path of a round config (TOML) or a parsed :class:`~matcher.config.RoundConfig`.

    Returns
    -------
    Round
        ``mentors`` / ``mentees`` (canonical columns, then unmapped columns untouched), ``issues``,
        ``locked`` / ``forbidden`` pairs by id.

    Raises
    ------
    InputError
        Only when reading is impossible (see the module docstring); row problems go to ``issues``.

    Examples
    --------
    >>> load_round("no/such/round.toml")
    Traceback (most recent call last):
    ...
    matcher.errors.ConfigError: round config no/such/round.toml not found: check the path, or create one with 'matcher init MENTORS MENTEES -o round.toml'
    """
    config = source if isinstance(source, RoundConfig) else load_config(source)
    issues = Issues(config.language)
    extra: dict[str, list[str]] = {}
    tables, read, columns = {}, {}, {}
    for role in ("mentors", "mentees"):
        read[role], columns[role] = _read_file(config, role, issues)
    reading = read_answers(read, columns, config.vocabulary, config.read.separators)
    for role in ("mentors", "mentees"):
        tables[role], extra[role] = _read_role(config, role, read[role], columns[role], reading,
                                               issues)
    locked = resolve_pairs(config, "locked", tables, issues)
    forbidden = resolve_pairs(config, "forbidden", tables, issues)
    forbidden = forbid_self_pairs(tables, forbidden, issues,
                                  {role: read[role].attrs["file"] for role in read},
                                  config.mentees.columns.get("email", "email"))
    check_lock_conflicts(locked, forbidden, issues, config.where)
    rnd = checks.check_round(eligibility.screen(Round(
        config=config, mentors=tables["mentors"], mentees=tables["mentees"],
        issues=issues.frame(), locked=locked, forbidden=forbidden, extra_columns=extra,
        answers=reading.answers())))
    log.info("intake: %d mentors, %d mentees, %d errors, %d warnings", len(rnd.mentors),
             len(rnd.mentees), len(rnd.errors), len(rnd.warnings))
    return rnd


# --- one file ------------------------------------------------------------------------------

def _read_file(config: RoundConfig, role: str, issues: Issues
               ) -> tuple[pd.DataFrame, dict[str, str]]:
    """One export as read, and its mapped columns that are in the file."""
    source: SourceConfig = getattr(config, role)
    if source.file is None:
        raise InputError(f"{config.where}: [{role}] has no 'file'; add file = \"{role}.xlsx\"")
    # a grid question's row columns, or a multi-select's option columns, are read as one
    # answer (matcher.option_columns), as init saw them
    table = fold_questions(read_table(source.file, source.sheet, config.language))
    columns = _check_columns(config, role, source, table, issues)
    if table.attrs["blank_rows"]:
        issues.add("warning", table.attrs["file"], None, "", "",
                   issues.t("issue.blank_rows", n=table.attrs["blank_rows"]))
    report_layout(table, table.attrs["file"], issues)
    return table, columns


def _read_role(config: RoundConfig, role: str, table: pd.DataFrame, columns: dict[str, str],
               reading: AnswerReading, issues: Issues) -> tuple[pd.DataFrame, list[str]]:
    file = table.attrs["file"]
    frame = _normalise(table, role, columns, config, reading, file, issues)
    frame = drop_duplicates(frame, config.read.duplicates, file, issues,
                            columns.get("email", "email"))
    frame = assign_ids(frame, role, "id" in columns, file, issues)
    extra = [h for h in table.columns if h not in set(columns.values())]
    for header in extra:  # carried through untouched; a clash with a canonical name gets a suffix
        frame[header if header not in frame.columns else f"{header} (form)"] = \
            table.loc[frame["row"].to_numpy(), header].to_numpy()
    log.info("intake: %s: %d rows read, %d kept", role, len(table), len(frame))
    return frame, extra


def _other_sheets(table: pd.DataFrame, role: str, where: str) -> str:
    """For a workbook: the sheet read and, when it has others, the fix of naming one in ``[role]``.

    Examples
    --------
    >>> t = pd.DataFrame(); t.attrs.update(sheet="Ohjeet", sheets=["Ohjeet", "Vastaukset"])
    >>> print(_other_sheets(t, "mentors", "round.toml"))
     (sheet 'Ohjeet'; the other sheets are 'Vastaukset': if the sign-ups are there, set `sheet = "Vastaukset"` under [mentors] in round.toml)
    """
    sheet, sheets = table.attrs.get("sheet"), table.attrs.get("sheets", [])
    if not sheet:
        return ""
    others = [name for name in sheets if name != sheet]
    if not others:
        return f" (sheet '{sheet}', the only one)"
    return (f" (sheet '{sheet}'; the other sheets are {', '.join(repr(n) for n in others)}: if the "
            f"sign-ups are there, set `sheet = \"{others[0]}\"` under [{role}] in {where})")


def _check_columns(config: RoundConfig, role: str, source: SourceConfig, table: pd.DataFrame,
                   issues: Issues) -> dict[str, str]:
    """The mapped columns present in the file; InputError for a required one that is not."""
    file = table.attrs["file"]
    headers = [str(h) for h in table.columns]
    # a header that is an e-mail address means the header row is missing and the first sign-up
    # was taken for it: never echo it (nor suggest it) in a message
    answers_as_headers = any(EMAIL_LIKE.fullmatch(h.strip()) for h in headers)
    found = ("none listed: they hold a sign-up's answers, so the file has no header row; export "
             "the form again with its questions as the first row" if answers_as_headers
             else ", ".join(repr(h) for h in headers))
    where = config.where
    found += _other_sheets(table, role, where)
    if "languages" not in source.columns:
        raise InputError(f"{where}: [{role}.columns] does not map 'languages'; add languages = "
                         f"\"<header>\" naming one of the headers of {file}: {found}")
    if "email" not in source.columns and "id" not in source.columns:
        raise InputError(f"{where}: [{role}.columns] maps neither 'email' nor 'id', so nobody can "
                         f"be identified; add email = \"<header>\" naming one of the headers of "
                         f"{file}: {found}")
    columns = {}
    present = {name for name, header in source.columns.items() if header in table.columns}
    for name, header in source.columns.items():
        if header in table.columns:
            columns[name] = header
            continue
        best = None if answers_as_headers else process.extractOne(header, headers, score_cutoff=60)
        hint = f"did you mean '{best[0]}'? " if best else ""
        # languages must be read; of e-mail and id, one is enough
        identity_lost = name in ("email", "id") and not present & {"email", "id"}
        if name == "languages" or identity_lost:
            raise InputError(f"{file}: no column '{header}' (mapped to {name} in {where}); "
                             f"{hint}the headers are: {found}")
        issues.add("warning", file, None, header, "", f"column mapped to '{name}' is not in the file; "
                   "its answers are left empty", f"{hint}fix [{role}.columns] {name}")
    return columns


def _normalise(table: pd.DataFrame, role: str, columns: dict[str, str], config: RoundConfig,
               reading: AnswerReading, file: str, issues: Issues) -> pd.DataFrame:
    rows = table.index.to_numpy()
    n = len(table)
    cell = lambda name: (table[columns[name]] if name in columns  # noqa: E731 - local shorthand
                         else pd.Series(np.nan, index=table.index, dtype=object))
    defaults = config.defaults
    separators = config.read.separators
    report = Reporter(issues, file, columns, config.vocabulary)
    out: dict[str, object] = {"row": rows}
    out["name"] = text(cell("name"))
    out["email"] = emails(cell("email"), report)
    out["submitted_at"] = dates(cell("submitted_at"), report)
    out["organisation"] = text(cell("organisation"))
    vocabulary = lambda kind: vocab.vocabulary(kind, config.vocabulary)  # noqa: E731
    answers = lambda name: reading.column(role, name)  # noqa: E731
    out["fields"] = keys(cell("field"), answers("field"), report)
    out["field_text"] = text(cell("field"))
    level = vocab.LEVELS[defaults.language_level]
    out["languages"] = languages(cell("languages"), answers("languages"), level, report)
    out["city"] = cities(cell("city"), vocabulary("cities"), report)
    out["meeting_mode"] = meeting_modes(cell("meeting_mode"), separators, defaults.meeting_mode,
                                         report)
    for row in checks.remote_place_in_person(cell("city"), out["meeting_mode"]):
        report.add("warning", row, "city", cell("city")[row], report.t("issue.remote_place"),
                   report.t("issue.remote_place_fix"))
    out["gender"] = genders(cell("gender"), set())
    out["consent"] = (_yes_no(cell("consent")).astype(object).where(lambda c: c.notna(), None)
                      if "consent" in columns else pd.Series(True, index=table.index, dtype=object))
    if role == "mentors":
        out["job_title"] = text(cell("job_title"))
        out["years_experience"] = numbers(cell("years_experience"), report, "years_experience",
                                           minimum=0, maximum=MAX_YEARS, integer=False,
                                           severity="warning")
        out["years_in_finland"] = numbers(cell("years_in_finland"), report, "years_in_finland",
                                           minimum=0, maximum=MAX_YEARS, integer=False,
                                           severity="warning")
        out["topics"] = keys(cell("topics"), answers("topics"), report)
        out["about"] = text(cell("about"))
        out["capacity"] = numbers(cell("capacity"), report, "capacity", minimum=0,
                                  default=defaults.capacity, maximum=MAX_CAPACITY)
        order: tuple[str, ...] = MENTOR_COLUMNS
    else:
        out["goals"] = keys(cell("goals"), answers("goals"), report)
        out["goals_text"] = text(cell("goals_text"))
        out["max_mentors"] = numbers(cell("max_mentors"), report, "max_mentors", minimum=1,
                                     default=defaults.max_mentors, maximum=MAX_CAPACITY)
        out["priority"] = numbers(cell("priority"), report, "priority", minimum=0,
                                  maximum=MAX_PRIORITY, default=0)
        out["gender_preference"] = genders(cell("gender_preference"), NO_PREFERENCE)
        out["same_field_only"] = _yes_no(cell("same_field_only")).eq(True)
        wished = cell("mentoring_language")
        no_wish = wished.map(lambda v: isinstance(v, str) and vocab.normalise(v) in NO_PREFERENCE)
        out["mentoring_languages"] = keys(wished.mask(no_wish.astype(bool)),
                                          answers("mentoring_language"), report)
        order = MENTEE_COLUMNS
    report.missing(table, ("email", "languages"))
    frame = pd.DataFrame({name: _as_column(out[name], n) for name in order},
                         index=table.index.rename(None))
    if "id" in columns:
        frame["_id"] = text(cell("id")).to_numpy()  # becomes the index in assign_ids
    no_language = frame.index[frame["languages"].map(len) == 0]
    for row in no_language:
        report.add("warning", row, "languages", cell("languages").get(row, ""),
                   report.t("issue.no_language"), report.t("issue.no_language_fix"))
    return frame


def _yes_no(series: pd.Series) -> pd.Series:
    """Each answer read as yes (True), no (False) or neither (NaN), once per distinct answer."""
    read = {value: eligibility.yes_no(value) for value in series.dropna().unique()}
    return series.map(read)


def _as_column(values: object, n: int) -> object:
    if isinstance(values, pd.Series):
        return values.to_numpy()
    if isinstance(values, list):
        column = np.empty(n, dtype=object)
        column[:] = values
        return column
    return values


# --- whole-table steps ------------------------------------------------------------------------


__all__ = ["Round", "load_round", "read_answers", "split_answers", "parse_number",
           "ISSUE_COLUMNS"]
