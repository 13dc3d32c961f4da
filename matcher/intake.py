"""Round intake: read both exports, normalise them into canonical tables and list every problem.

:func:`load_round` reads the files a round config names (:mod:`matcher.readers`), maps the form's
columns onto matcher's canonical fields, normalises every answer with the vocabularies of
:mod:`matcher.vocab`, drops duplicate sign-ups and resolves the coordinator's locked and forbidden
pairs. Columns of the canonical tables are documented in ``docs/architecture.md``.

Severity policy
---------------
Row-level problems never stop reading: each becomes a row of ``Round.issues``.

*error* — the round cannot be matched trustworthily until it is fixed:
    a row with neither e-mail nor id (dropped: nobody could be told of the pairing); capacity,
    max_mentors or priority that cannot be read as a number, or is below its minimum; two different
    people sharing one id; a locked or forbidden pair naming an unknown person.
*warning* — matcher goes on and says what it did:
    a duplicate sign-up dropped (same e-mail; the latest kept by default); a vocabulary answer
    auto-corrected by fuzzy match (score ≥ 90, e.g. 'Finish' read as Finnish) or dropped with a
    did-you-mean; a number read loosely ("10+" → 10, "about 6" → 6, "2 mentees" → 2, a range
    "1-2" → its lower end); an e-mail that does not look like one; an unreadable date or meeting
    mode; a participant with no usable language (they cannot be matched); missing optional answers
    (one line per column, defaults used); blank rows ignored (one line per file with the count).

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

import hashlib
import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Callable, Iterable

import numpy as np
import pandas as pd
from rapidfuzz import process

from matcher import vocab
from matcher.config import PairRef, RoundConfig, SourceConfig, load_config
from matcher.errors import InputError
from matcher.readers import read_table

log = logging.getLogger(__name__)

ISSUE_COLUMNS = ("severity", "file", "row", "column", "value", "problem", "suggestion")
PAIR_COLUMNS = ("mentee_id", "mentor_id", "source")
MENTOR_COLUMNS = ("row", "name", "email", "submitted_at", "organisation", "fields", "field_text",
                  "job_title", "years_experience", "years_in_finland", "languages", "topics",
                  "about", "capacity", "city", "meeting_mode", "gender")
MENTEE_COLUMNS = ("row", "name", "email", "submitted_at", "organisation", "fields", "field_text",
                  "goals", "goals_text", "languages", "max_mentors", "priority", "city",
                  "meeting_mode", "gender", "gender_preference")
#: free-text fields: their answers never appear in issues or logs
FREE_TEXT = ("about", "goals_text")
#: columns whose answers identify a person: issues point at the row instead of repeating them
PERSONAL = ("name", "email")
#: date formats tried (vectorised, in order) after ISO 8601: Finnish Excel, Google Forms' CSV
#: ("2026/01/10 9:15:02 AM", time zone removed), then Microsoft Forms' US style
DATE_FORMATS = ("%Y/%m/%d %I:%M:%S %p", "%Y/%m/%d %H:%M:%S", "%d.%m.%Y %H.%M.%S", "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H.%M", "%d.%m.%Y %H:%M",
                "%d.%m.%Y", "%m/%d/%Y %H:%M:%S", "%m/%d/%y %H:%M:%S", "%m/%d/%Y %H:%M",
                "%m/%d/%y %H:%M", "%m/%d/%Y")
_NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "ten": 10,
    "nolla": 0, "yksi": 1, "kaksi": 2, "kolme": 3, "nelja": 4, "viisi": 5, "kuusi": 6,
    "kymmenen": 10, "ett": 1, "en": 1, "tva": 2, "tre": 3, "fyra": 4, "fem": 5,
}
_GENDERS = {
    "woman": "woman", "female": "woman", "nainen": "woman", "kvinna": "woman", "f": "woman",
    "man": "man", "male": "man", "mies": "man", "m": "man",
    "other": "other", "muu": "other", "non binary": "other", "ei binaarinen": "other",
    "prefer not to say": "", "en halua sanoa": "", "vill inte saga": "",
}
_NO_PREFERENCE = {"no preference", "ei valia", "ei", "no", "doesn t matter", "any", "ingen"}
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


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

    @property
    def errors(self) -> pd.DataFrame:
        """The issues of severity "error" (the round should not be matched until fixed)."""
        return self.issues[self.issues["severity"] == "error"]

    @property
    def warnings(self) -> pd.DataFrame:
        """The issues of severity "warning" (matcher went on and says what it did)."""
        return self.issues[self.issues["severity"] == "warning"]

    @property
    def ok(self) -> bool:
        """True when there are no errors."""
        return self.errors.empty

    def summary(self) -> str:
        """One line for the terminal, e.g. "58 mentors, 90 mentees read; 0 errors, 7 warnings"."""
        errors, warnings = len(self.errors), len(self.warnings)
        return (f"{len(self.mentors)} mentors, {len(self.mentees)} mentees read; "
                f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}")

    def __repr__(self) -> str:
        return f"Round({self.config.name!r}, {self.summary().replace(' read;', ',')})"


def _is_missing(value: object) -> bool:
    """None, NaN of any float type (``astype(object)`` makes new NaN objects), NaT or pd.NA.

    >>> [_is_missing(v) for v in (None, float("nan"), np.float32("nan"), pd.NA, "", 0, ("a",))]
    [True, True, True, True, False, False, False]
    """
    return value is None or (pd.api.types.is_scalar(value) and bool(pd.isna(value)))


class _Issues:
    """Collects issues as rows; free-text values are blanked on the way in."""

    def __init__(self) -> None:
        self.rows: list[dict] = []

    def add(self, severity: str, file: str, row: int | None, column: str, value: object,
            problem: str, suggestion: str = "") -> None:
        self.rows.append({"severity": severity, "file": file, "row": row, "column": column,
                          "value": "" if _is_missing(value) else str(value),
                          "problem": problem, "suggestion": suggestion})

    def frame(self) -> pd.DataFrame:
        """Issues in file order (as first met), file-wide ones first, then by spreadsheet row."""
        frame = pd.DataFrame(self.rows, columns=list(ISSUE_COLUMNS))
        frame["row"] = frame["row"].astype("Int64")
        file_rank = frame["file"].map({f: i for i, f in enumerate(dict.fromkeys(frame["file"]))})
        order = np.lexsort((frame["row"].fillna(0).to_numpy(dtype=np.int64), file_rank.to_numpy()))
        return frame.iloc[order].reset_index(drop=True)


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
    issues = _Issues()
    extra: dict[str, list[str]] = {}
    tables = {}
    for role in ("mentors", "mentees"):
        table, extra[role] = _read_role(config, role, issues)
        tables[role] = table
    locked = _resolve_pairs(config, "locked", tables, issues)
    forbidden = _resolve_pairs(config, "forbidden", tables, issues)
    rnd = Round(config=config, mentors=tables["mentors"], mentees=tables["mentees"],
                issues=issues.frame(), locked=locked, forbidden=forbidden, extra_columns=extra)
    log.info("intake: %d mentors, %d mentees, %d errors, %d warnings", len(rnd.mentors),
             len(rnd.mentees), len(rnd.errors), len(rnd.warnings))
    return rnd


# --- one file ------------------------------------------------------------------------------

def _read_role(config: RoundConfig, role: str, issues: _Issues) -> tuple[pd.DataFrame, list[str]]:
    source: SourceConfig = getattr(config, role)
    if source.file is None:
        raise InputError(f"{_where(config)}: [{role}] has no 'file'; add file = \"{role}.xlsx\"")
    table = read_table(source.file, source.sheet)
    file = table.attrs["file"]
    columns = _check_columns(config, role, source, table, issues)
    if table.attrs["blank_rows"]:
        issues.add("warning", file, None, "", "", f"{table.attrs['blank_rows']} blank rows ignored")
    frame = _normalise(table, role, columns, config, file, issues)
    frame = _drop_duplicates(frame, config.read.duplicates, file, issues)
    frame = _assign_ids(frame, role, "id" in columns, file, issues)
    extra = [h for h in table.columns if h not in set(columns.values())]
    for header in extra:  # carried through untouched; a clash with a canonical name gets a suffix
        frame[header if header not in frame.columns else f"{header} (form)"] = \
            table.loc[frame["row"].to_numpy(), header].to_numpy()
    log.info("intake: %s: %d rows read, %d kept", role, len(table), len(frame))
    return frame, extra


def _check_columns(config: RoundConfig, role: str, source: SourceConfig, table: pd.DataFrame,
                   issues: _Issues) -> dict[str, str]:
    """The mapped columns present in the file; InputError for a required one that is not."""
    file = table.attrs["file"]
    headers = [str(h) for h in table.columns]
    found = ", ".join(repr(h) for h in headers)
    where = _where(config)
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
        best = process.extractOne(header, headers, score_cutoff=60)
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
               file: str, issues: _Issues) -> pd.DataFrame:
    rows = table.index.to_numpy()
    n = len(table)
    cell = lambda name: (table[columns[name]] if name in columns  # noqa: E731 - local shorthand
                         else pd.Series(np.nan, index=table.index, dtype=object))
    defaults = config.defaults
    separators = config.read.separators
    report = _Reporter(issues, file, columns)
    out: dict[str, object] = {"row": rows}
    out["name"] = _text(cell("name"))
    out["email"] = _emails(cell("email"), report)
    out["submitted_at"] = _dates(cell("submitted_at"), report)
    out["organisation"] = _text(cell("organisation"))
    vocabulary = lambda kind: vocab.vocabulary(kind, config.vocabulary)  # noqa: E731
    out["fields"] = _keys(cell("field"), vocabulary("fields"), separators, report, "field")
    out["field_text"] = _text(cell("field"))
    level = vocab.LEVELS[defaults.language_level]
    out["languages"] = _languages(cell("languages"), vocabulary("languages"), separators, level,
                                  report)
    out["city"] = _cities(cell("city"), vocabulary("cities"), report)
    out["meeting_mode"] = _meeting_modes(cell("meeting_mode"), separators, defaults.meeting_mode,
                                         report)
    out["gender"] = _genders(cell("gender"), set())
    if role == "mentors":
        out["job_title"] = _text(cell("job_title"))
        out["years_experience"] = _numbers(cell("years_experience"), report, "years_experience",
                                           minimum=0, integer=False, severity="warning")
        out["years_in_finland"] = _numbers(cell("years_in_finland"), report, "years_in_finland",
                                           minimum=0, integer=False, severity="warning")
        out["topics"] = _keys(cell("topics"), vocabulary("goals"), separators, report, "topics")
        out["about"] = _text(cell("about"))
        out["capacity"] = _numbers(cell("capacity"), report, "capacity", minimum=0,
                                   default=defaults.capacity)
        order: tuple[str, ...] = MENTOR_COLUMNS
    else:
        out["goals"] = _keys(cell("goals"), vocabulary("goals"), separators, report, "goals")
        out["goals_text"] = _text(cell("goals_text"))
        out["max_mentors"] = _numbers(cell("max_mentors"), report, "max_mentors", minimum=1,
                                      default=defaults.max_mentors)
        out["priority"] = _numbers(cell("priority"), report, "priority", minimum=0, default=0)
        out["gender_preference"] = _genders(cell("gender_preference"), _NO_PREFERENCE)
        order = MENTEE_COLUMNS
    report.missing(table, ("email", "languages"))
    frame = pd.DataFrame({name: _as_column(out[name], n) for name in order},
                         index=table.index.rename(None))
    if "id" in columns:
        frame["_id"] = _text(cell("id")).to_numpy()  # becomes the index in _assign_ids
    no_language = frame.index[frame["languages"].map(len) == 0]
    for row in no_language:
        report.add("warning", row, "languages", cell("languages").get(row, ""),
                   "no usable language: this participant cannot be matched",
                   "add the languages they can use in mentoring")
    return frame


def _as_column(values: object, n: int) -> object:
    if isinstance(values, pd.Series):
        return values.to_numpy()
    if isinstance(values, list):
        column = np.empty(n, dtype=object)
        column[:] = values
        return column
    return values


class _Reporter:
    """Issue helper that knows the file and turns canonical names into the form's headers."""

    def __init__(self, issues: _Issues, file: str, columns: dict[str, str]):
        self.issues, self.file, self.columns = issues, file, columns

    def add(self, severity: str, row, name: str, value: object, problem: str,
            suggestion: str = "") -> None:
        value = "" if name in FREE_TEXT or name in PERSONAL else value
        self.issues.add(severity, self.file, None if row is None else int(row),
                        self.columns.get(name, name), value, problem, suggestion)

    def missing(self, table: pd.DataFrame, per_row: tuple[str, ...]) -> None:
        """One warning per mapped optional column with blank answers (per_row ones are reported
        row by row elsewhere or are identity columns)."""
        for name, header in self.columns.items():
            if name in per_row or name in ("id", "submitted_at"):
                continue
            blank = table.index[table[header].isna()]
            if len(blank):
                shown = ", ".join(str(r) for r in blank[:8]) + (" …" if len(blank) > 8 else "")
                self.add("warning", None, name, "", f"no answer in {len(blank)} row{'s' * (len(blank) != 1)} ({shown})",
                         "defaults used; ask for the answers if they matter")


def _text(series: pd.Series) -> pd.Series:
    return series.fillna("").astype(str)


def _emails(series: pd.Series, report: _Reporter) -> pd.Series:
    emails = series.fillna("").astype(str).str.strip().str.lower()
    emails = emails.mask(emails == "anonymous", "")  # Microsoft Forms' placeholder
    bad = (emails != "") & ~emails.str.fullmatch(_EMAIL.pattern)
    for row, value in emails[bad].items():
        report.add("warning", row, "email", value, "does not look like an e-mail address",
                   "correct it so the person can be reached")
    return emails


def _dates(series: pd.Series, report: _Reporter) -> pd.Series:
    """Submission times: ISO 8601 first, then each of :data:`DATE_FORMATS`, a column at a time."""
    text = series.dropna().astype(str)
    bare = text.str.replace(r"\s+(?!(?:AM|PM)$)(?:[A-Z]{2,5}|GMT[+-]\d+|UTC[+-]\d+)$", "", regex=True)
    parsed = pd.to_datetime(bare, format="ISO8601", errors="coerce")
    for fmt in DATE_FORMATS:
        todo = parsed.isna()
        if not todo.any():
            break
        parsed[todo] = pd.to_datetime(bare[todo], format=fmt, errors="coerce")
    for row, value in text[parsed.isna()].items():
        report.add("warning", row, "submitted_at", value, "not a date and time",
                   "duplicates of this person are ordered by row instead")
    return parsed.reindex(series.index).astype("datetime64[ns]")


def split_answers(value: object, separators: Iterable[str],
                  known: Callable[[str], object] | None = None) -> tuple[str, ...]:
    """Split a multi-select cell on the first separator it contains (outside parentheses).

    With ``known`` (a test for "this answer is recognised"), a whole cell that is known is not
    split at all ("Arts, culture and media"), and a part that is not known is split again on the
    remaining separators ("Arabic (native), Finnish;Swedish;" from a mixed-up export).

    Examples
    --------
    >>> split_answers("Finnish;English;", [";", ","])
    ('Finnish', 'English')
    >>> split_answers("Finnish (native, C2), English", [";", ","])
    ('Finnish (native, C2)', 'English')
    >>> split_answers("suomi, englanti;ruotsi", [";", ","], known={"suomi", "englanti", "ruotsi"}.__contains__)
    ('suomi', 'englanti', 'ruotsi')
    """
    if not isinstance(value, str) or not value.strip():
        return ()
    value = value.strip()
    if known is not None and known(value):
        return (value,)
    bare = re.sub(r"\([^)]*\)", lambda m: "_" * len(m.group()), value)  # hide parentheses
    separators = tuple(separators)
    for position, separator in enumerate(separators):
        if separator not in bare:
            continue
        cuts = [m.start() for m in re.finditer(re.escape(separator), bare)]
        starts = [0] + [c + len(separator) for c in cuts]
        parts = [value[a:b].strip() for a, b in zip(starts, cuts + [len(value)])]
        rest = separators[position + 1:]
        out: list[str] = []
        for part in filter(None, parts):
            if known is None or known(part) or not rest:
                out.append(part)
            else:
                out.extend(split_answers(part, rest, known))
        return tuple(out)
    return (value,)


def answer_counts(series: pd.Series, separators: Iterable[str],
                  vocabulary: vocab.Vocabulary | None = None) -> Counter:
    """How many rows give each distinct answer of a multi-select column.

    With a ``languages`` vocabulary the level is removed first ("suomi (hyvä)" counts as "suomi").

    >>> answer_counts(pd.Series(["a;b;", "b", None]), [";"])
    Counter({'b': 2, 'a': 1})
    """
    separators = tuple(separators)
    languages = vocabulary is not None and vocabulary.kind == "languages"
    known = None if vocabulary is None else _known(vocabulary)
    counts: Counter = Counter()
    for value, rows in series.dropna().value_counts(sort=False).items():
        for answer in dict.fromkeys(split_answers(value, separators, known)):
            counts[vocab.split_level(answer)[0] if languages else answer] += rows
    return counts


def _known(vocabulary: vocab.Vocabulary) -> Callable[[str], bool]:
    """Is one answer a known name (for languages: once its level is removed)?"""
    if vocabulary.kind == "languages":
        return lambda answer: vocabulary.lookup(vocab.split_level(answer)[0]) is not None
    return lambda answer: vocabulary.lookup(answer) is not None


def _map_unique(series: pd.Series, convert: Callable[[str], object]) -> pd.Series:
    """Apply ``convert`` once per distinct non-empty value, then map the column (vectorised)."""
    values = series.dropna()
    mapping = {value: convert(value) for value in values.unique()}
    return values.map(mapping).astype(object)  # object even when empty (no float NaN column)


def _explain(match: vocab.Match, kind: str) -> tuple[str, str, str]:
    """(severity, problem, suggestion) for a non-exact vocabulary match."""
    read_as = vocab.label(kind, match.key) if match.key else ""
    if match.status == "contained":
        return ("warning", f"not a known {kind} name; read as '{read_as}' "
                f"(it mentions '{match.matched}')", f"add it to [vocabulary.{kind}] to silence this")
    if match.status == "corrected":
        return ("warning", f"not a known {kind} name; read as '{read_as}' "
                f"(fuzzy score {match.score:g})", f"add it to [vocabulary.{kind}] to silence this")
    hint = (f"did you mean '{read_as}'? " if match.key else "")
    return ("warning", f"unknown {kind} answer, ignored",
            f"{hint}add it to [vocabulary.{kind}] with its key")


def _resolve_cells(series: pd.Series, split: Callable[[str], tuple[str, ...]],
                   resolve: Callable[[str], tuple[vocab.Match, object]], report: _Reporter,
                   name: str, kind: str) -> pd.Series:
    """Per distinct cell: split into answers, resolve each distinct answer once, report every
    non-exact answer on its row. Returns, per row, the list of accepted payloads."""
    cache: dict[str, tuple[vocab.Match, object]] = {}

    def parse(value: str) -> tuple[list, list]:
        accepted, problems = [], []
        for item in split(value):
            if item not in cache:
                cache[item] = resolve(item)
            match, payload = cache[item]
            if match.status != "exact":
                problems.append((item, match))
            if match.accepted is not None:
                accepted.append(payload)
        return accepted, problems

    parsed = _map_unique(series, parse)
    for row, (_, problems) in parsed[parsed.map(lambda p: bool(p[1]))].items():
        for item, match in problems:
            severity, problem, suggestion = _explain(match, kind)
            report.add(severity, row, name, item, problem, suggestion)
    return parsed.map(lambda p: p[0]).reindex(series.index)


def _keys(series: pd.Series, vocabulary: vocab.Vocabulary, separators, report: _Reporter,
          name: str) -> pd.Series:
    """Multi-select answers → tuples of canonical keys (order of appearance, no repeats)."""
    known = _known(vocabulary)

    def resolve(answer: str) -> tuple[vocab.Match, object]:
        match = vocabulary.resolve(answer)
        return match, match.accepted

    found = _resolve_cells(series, lambda v: split_answers(v, separators, known), resolve, report,
                           name, vocabulary.kind)
    return found.map(lambda keys: tuple(dict.fromkeys(keys)) if isinstance(keys, list) else ())


def _languages(series: pd.Series, vocabulary: vocab.Vocabulary, separators, default_level: int,
               report: _Reporter) -> list[dict[str, int]]:
    """Language answers → {ISO code: level}; a language given twice keeps its highest level."""
    known = _known(vocabulary)

    def resolve(item: str) -> tuple[vocab.Match, object]:
        text, level = vocab.split_level(item)
        match = vocabulary.resolve(text)
        return match, (match.accepted, level or default_level)

    found = _resolve_cells(series, lambda v: split_answers(v, separators, known), resolve, report,
                           "languages", "languages")
    spoken = []
    for pairs in found:
        levels: dict[str, int] = {}
        for code, level in (pairs if isinstance(pairs, list) else ()):
            levels[code] = max(levels.get(code, 0), level)
        spoken.append(levels)
    return spoken


def _cities(series: pd.Series, vocabulary: vocab.Vocabulary, report: _Reporter) -> pd.Series:
    """Canonical city name; "remote"-like answers → ""; unknown cities kept, title-cased."""

    def resolve(value: str) -> tuple[str, vocab.Match | None]:
        parts = [value, *value.split("/")]
        if any(vocab.is_not_city(p) for p in parts) and not any(vocabulary.lookup(p) for p in parts):
            return "", None
        match = vocabulary.resolve(value)
        if match.key is not None and match.status == "exact":
            return match.key, None
        if match.key is not None and match.status == "corrected":
            return match.key, match
        return " ".join(w[:1].upper() + w[1:] for w in value.split()), None

    resolved = _map_unique(series, resolve)
    for row, (city, match) in resolved.items():
        if match is not None:
            report.add("warning", row, "city", series[row],
                       f"not a known city name; read as '{city}' (fuzzy score {match.score:g})",
                       "add it to [vocabulary.cities] to silence this")
    return resolved.map(lambda r: r[0]).reindex(series.index).fillna("")


def _meeting_modes(series: pd.Series, separators, default: str, report: _Reporter) -> pd.Series:
    modes = _map_unique(series, lambda v: vocab.meeting_mode(split_answers(v, separators)))
    for row in modes.index[modes.isna()]:
        report.add("warning", row, "meeting_mode", series[row], "meeting mode not recognised; "
                   f"'{default}' used", "answer in person, remote or either (or Finnish: "
                   "kasvokkain, etänä, molemmat)")
    return modes.reindex(series.index).fillna(default)


def _genders(series: pd.Series, empty: set[str]) -> pd.Series:
    def canonical(value: str) -> str:
        norm = vocab.normalise(value)
        return "" if norm in empty else _GENDERS.get(norm, norm)

    return _map_unique(series, canonical).reindex(series.index).fillna("")


def parse_number(text: object) -> tuple[float | None, str]:
    """Read a number written loosely; returns (value, status) with status "ok", "loose" or "bad".

    A range ("1-2") reads as its lower end, so a mentor is never given more than they offered.

    Examples
    --------
    >>> parse_number("3"), parse_number("10+"), parse_number("about 6"), parse_number("2 mentees")
    ((3.0, 'ok'), (10.0, 'loose'), (6.0, 'loose'), (2.0, 'loose'))
    >>> parse_number("1-2"), parse_number("kaksi"), parse_number("2,5"), parse_number("many")
    ((1.0, 'loose'), (2.0, 'loose'), (2.5, 'ok'), (None, 'bad'))
    """
    value = str(text).strip()
    if re.fullmatch(r"[+-]?\d+(?:[.,]\d+)?", value):
        return float(value.replace(",", ".")), "ok"
    found = re.search(r"\d+(?:[.,]\d+)?", value)
    if found:
        return float(found.group().replace(",", ".")), "loose"
    words = [_NUMBER_WORDS[w] for w in vocab.normalise(value).split() if w in _NUMBER_WORDS]
    if words:
        return float(words[0]), "loose"
    return None, "bad"


def _numbers(series: pd.Series, report: _Reporter, name: str, minimum: float, default=None,
             integer: bool = True, severity: str = "error") -> pd.Series:
    """Numbers per column: strict, loose (warning) or unreadable/below minimum (``severity``).

    Integer fields fall back to ``default`` when missing or unusable; float fields to NaN.
    """
    parsed = _map_unique(series, parse_number)
    value = parsed.map(lambda p: p[0]).astype(float)
    status = parsed.map(lambda p: p[1])
    if integer:  # "2.5 mentees" is read as 2, and said so
        status = status.mask((status == "ok") & (value % 1 != 0), "loose")
        value = np.floor(value)
    fallback = np.nan if default is None else default
    what = "a whole number" if integer else "a number"
    bad, low = status == "bad", (status != "bad") & (value < minimum)
    for row in bad.index[bad]:
        report.add(severity, row, name, series[row], f"cannot be read as {what}",
                   f"write {what}, e.g. 2 (until then {fallback:g} is used)")
    for row in low.index[low]:
        report.add(severity, row, name, series[row], f"must be {minimum:g} or more",
                   f"correct the answer (until then {fallback:g} is used)")
    loose = (status == "loose") & ~low
    for row in loose.index[loose]:
        report.add("warning", row, name, series[row], f"read loosely as {value[row]:g}",
                   f"write {what} to silence this")
    values = value.where(~bad & ~low).reindex(series.index).fillna(fallback)
    return values.astype(int) if integer else values


# --- whole-table steps ------------------------------------------------------------------------

def _drop_duplicates(frame: pd.DataFrame, policy: str, file: str, issues: _Issues) -> pd.DataFrame:
    """Keep one sign-up per e-mail: the latest submission (or first, per ``policy``)."""
    has_email = frame["email"] != ""
    if not has_email.any():
        return frame
    # order by submission time, then row; NaT sorts by row alone (stable mergesort)
    order = frame.assign(_t=frame["submitted_at"].fillna(pd.Timestamp.min)).sort_values(
        ["_t", "row"], kind="mergesort").index
    ordered = frame.loc[order]
    keep = "last" if policy == "keep_latest" else "first"
    dropped = ordered["email"].duplicated(keep=keep) & (ordered["email"] != "")
    kept_row = ordered.loc[~dropped & (ordered["email"] != "")].set_index("email")["row"]
    which = "latest" if policy == "keep_latest" else "first"
    for _, item in ordered.loc[dropped].iterrows():
        issues.add("warning", file, int(item["row"]), "email", "",
                   f"duplicate sign-up: same e-mail as row {kept_row[item['email']]}, which is kept "
                   f"({which} submission)", "delete the extra row or set [read] duplicates")
    return frame.loc[frame.index.difference(ordered.index[dropped], sort=False)]


def _assign_ids(frame: pd.DataFrame, role: str, has_id_column: bool, file: str,
                issues: _Issues) -> pd.DataFrame:
    prefix = role[:-1]  # "mentor" / "mentee"
    ids = frame.pop("_id") if has_id_column else pd.Series("", index=frame.index, dtype=object)
    derived = frame["email"].map(lambda e: f"{prefix}-{hashlib.blake2b(e.encode(), digest_size=6).hexdigest()}"
                                 if e else "")
    ids = ids.where(ids != "", derived)
    nobody = ids == ""
    for row in frame.loc[nobody, "row"]:
        issues.add("error", file, int(row), "email", "", "no e-mail and no id: this sign-up is "
                   "left out", "add the person's e-mail address")
    frame, ids = frame.loc[~nobody], ids[~nobody]
    clash = ids.duplicated(keep="first")
    for row, value in zip(frame.loc[clash, "row"], ids[clash]):
        issues.add("error", file, int(row), "id", value, "id already used by another person",
                   "give each person their own id")
    # keep both people, told apart, so the error can be fixed without losing anyone
    ids = ids.where(~clash, ids + "#" + frame["row"].astype(str))
    frame = frame.set_axis(pd.Index(ids.to_numpy(), name=f"{prefix}_id"), axis=0)
    return frame


def _resolve_pairs(config: RoundConfig, kind: str, tables: dict[str, pd.DataFrame],
                   issues: _Issues) -> pd.DataFrame:
    """Locked / forbidden pairs (config entries and CSV rows) as ids; unknown people are errors."""
    refs: list[tuple[PairRef, str, int | None]] = []  # (pair, file shown, row shown)
    where = config.path.name if config.path else "round config"
    refs += [(ref, where, None) for ref in getattr(config.constraints, kind)]
    path = getattr(config.constraints, f"{kind}_file")
    if path is not None:
        table = read_table(path)
        lower = {str(c).strip().lower(): c for c in table.columns}
        if not {"mentee", "mentor"} <= set(lower):
            raise InputError(f"{path.name}: a {kind} pairs file needs the columns 'mentee' and "
                             f"'mentor' (ids or e-mails); found: {', '.join(map(repr, table.columns))}")
        for row, item in table.iterrows():
            refs.append((PairRef(mentee=str(item[lower["mentee"]]).strip(),
                                 mentor=str(item[lower["mentor"]]).strip(), source=path.name),
                         path.name, int(row)))
    lookups = {role: _person_lookup(tables[role]) for role in ("mentors", "mentees")}
    pairs = []
    for index, (ref, file, row) in enumerate(refs):
        found = {}
        for role, value in (("mentees", ref.mentee), ("mentors", ref.mentor)):
            person = lookups[role].get(value.strip().lower())
            if person is None:
                best = process.extractOne(value.strip().lower(), list(lookups[role]), score_cutoff=70)
                entry = f"{kind}[{index}]" if row is None else role[:-1]
                issues.add("error", file, row, entry, value, f"{kind} pair names an unknown "
                           f"{role[:-1]}", (f"did you mean '{best[0]}'? " if best else "")
                           + f"use an id or e-mail from the {role} file")
            found[role] = person
        if found["mentees"] and found["mentors"]:
            pairs.append((found["mentees"], found["mentors"], ref.source))
    return pd.DataFrame(pairs, columns=list(PAIR_COLUMNS)).drop_duplicates(
        ["mentee_id", "mentor_id"]).reset_index(drop=True)


def _person_lookup(frame: pd.DataFrame) -> dict[str, str]:
    """Lower-cased id or e-mail → id."""
    lookup = {str(i).lower(): str(i) for i in frame.index}
    lookup.update({e: str(i) for i, e in zip(frame.index, frame["email"]) if e})
    return lookup


def _where(config: RoundConfig) -> str:
    return str(config.path) if config.path else "round config"


__all__ = ["Round", "load_round", "split_answers", "answer_counts", "parse_number",
           "ISSUE_COLUMNS"]
