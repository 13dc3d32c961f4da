"""The round config: one TOML file that says where a round's data is and how to match it.

The file is parsed with the standard library (:mod:`tomllib`) into small frozen dataclasses and
validated up front, scikit-learn style: an unknown key, a wrong type or a value outside what is
allowed stops with a message naming the file, the key, what was wrong and what is allowed.
Relative paths resolve against the folder of the config file.

Example
-------
>>> cfg = parse_config('''
... [round]
... name = "Spring round"
... [mentors]
... file = "mentors.xlsx"
... [mentees]
... file = "mentees.csv"
... [scoring.weights]
... goals = 0.5
... ''', base_dir=Path("/data/round"))
>>> cfg.mentors.file
PosixPath('/data/round/mentors.xlsx')
>>> cfg.scoring.weights["goals"]
0.5
"""

from __future__ import annotations

import dataclasses
import math
import re
import tomllib
from collections.abc import Callable
from email.utils import parseaddr
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import process

from matcher.errors import ConfigError
from matcher.i18n import DEFAULT_LANGUAGE, Message, t
from matcher.vocab import LEVEL_NAMES, MEETING_MODES, vocabulary

#: Canonical fields a mentor spreadsheet can map. ``id`` and ``email`` identify a person.
MENTOR_FIELDS = (
    "id", "name", "email", "submitted_at", "organisation", "field", "job_title",
    "years_experience", "years_in_finland", "languages", "topics", "about", "capacity",
    "city", "meeting_mode", "gender", "consent",
)
#: Canonical fields a mentee spreadsheet can map.
MENTEE_FIELDS = (
    "id", "name", "email", "submitted_at", "organisation", "field", "goals", "goals_text",
    "languages", "city", "meeting_mode", "priority", "max_mentors", "gender",
    "gender_preference", "same_field_only", "mentoring_language", "consent",
)
OBJECTIVES = ("coverage", "total", "fair")
ENGINES = ("auto", "flow", "lp")
DUPLICATE_POLICIES = ("keep_latest", "keep_first")
LANGUAGE_LEVELS = tuple(LEVEL_NAMES.values())  # the vocabulary's level names, lowest first
RULE_OPERATORS = (">=", ">", "<=", "<", "==", "!=")
#: rule fields whose answer is a list (a rule on one tests whether the list holds a key)
LIST_FIELDS = ("field", "topics", "goals", "languages")
#: eligibility rules a round may have: each has a bit of the uint16 reason codes above the nine
#: fixed reasons (matcher.scoring.constraints)
MAX_RULES = 16 - 9
#: weights are relative; a bound keeps their sum and products far from overflow
MAX_WEIGHT = 1000.0
#: Languages of the coordinator's outputs ([round] language); see matcher.i18n.
OUTPUT_LANGUAGES = ("en", "fi", "sv")
REPEAT_PAIRS = ("forbid", "allow", "penalise")
DEFAULT_WEIGHTS = {"field": 0.30, "goals": 0.40, "language": 0.15, "location": 0.15,
                   "experience": 0.0, "gender": 0.0}


class SettingError(ConfigError):
    """One setting with a value it cannot have: ``key`` (``"solver.objective"``) and ``problem``.

    The config dataclasses raise it from ``__post_init__``, so a config built in code is checked
    exactly like one read from TOML; :func:`parse_config` puts the file's name in front.

    >>> SolverConfig(objective="best")
    Traceback (most recent call last):
    ...
    matcher.config.SettingError: round config, key 'solver.objective': 'best' is not allowed; choose one of: coverage, total, fair
    """

    def __init__(self, key: str, problem: str | Message, where: str = "round config",
                 language: str = DEFAULT_LANGUAGE):
        text = problem.text(language) if isinstance(problem, Message) else problem
        super().__init__(t("setting.error", language, where=where, key=key, problem=text))
        self.key, self.problem = key, problem


class _Validated:
    """Base of the config sections whose values have rules: checks them on construction."""

    def __post_init__(self) -> None:
        _CHECKS[type(self)](self)


@dataclass(frozen=True)
class SourceConfig:
    """One intake spreadsheet: its path, optional sheet, and form column → canonical field."""

    file: Path | None = None
    sheet: str | None = None
    #: canonical field name -> the header of the form column that holds it
    columns: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ReadConfig(_Validated):
    #: separators between the answers of a multi-select question, tried in this order
    separators: tuple[str, ...] = ("\n", ";", "|", ",")
    #: which sign-up to keep when the same e-mail signs up twice
    duplicates: str = "keep_latest"


@dataclass(frozen=True)
class Defaults(_Validated):
    capacity: int = 1
    max_mentors: int = 1
    language_level: str = "good"
    meeting_mode: str = "either"


@dataclass(frozen=True)
class ScoringConfig(_Validated):
    weights: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    #: pairs scoring below this total (0-100) are infeasible
    min_score: float = 0.0
    #: groups of canonical field keys that count as related, e.g. [["health", "social_care"]]
    related_fields: tuple[tuple[str, ...], ...] = (
        ("health", "social_care"),
        ("ict", "engineering"),
        ("business", "sales_marketing", "hr"),
    )
    #: field component score for related (not identical) fields
    related_field_score: float = 0.5
    #: text similarity of field answers counts up to this share of a same-field match
    field_text_weight: float = 0.8
    #: share of free-text similarity inside the goals component (the rest: goal topics offered)
    goals_text_share: float = 0.3
    #: location score of a pair that can only meet remotely (same city in person scores 1)
    remote_score: float = 0.6
    #: mentor years of experience that give the full experience score
    experience_years: float = 10.0
    #: km at which the in-person part of the location score has halved (it decays with distance)
    distance_half_km: float = 40.0
    #: goal topics whose value depends on the field: a mentor offers them only to a mentee of
    #: the same or a related field
    field_dependent_goals: tuple[str, ...] = ("field_requirements",)


@dataclass(frozen=True)
class Rule(_Validated):
    """An eligibility rule such as ``mentor years_in_finland >= 3``."""

    who: str
    field: str
    op: str
    value: float | str

    def __str__(self) -> str:
        return f"{self.who} {self.field} {self.op} {self.value}"


@dataclass(frozen=True)
class PairRef:
    """A coordinator's pair, by id or e-mail, as written in the config or a CSV."""

    mentee: str
    mentor: str
    source: str = "config"


@dataclass(frozen=True)
class ConstraintConfig(_Validated):
    #: a mentor and mentee from the same organisation cannot be paired (conflict of interest)
    same_organisation: bool = True
    #: an in-person-only participant cannot be paired with a remote-only one
    meeting_mode: bool = True
    #: an in-person-only participant is paired only with people at most this far away (km,
    #: between municipal centres) or in the same commuting area; 0 turns the limit off
    max_distance_km: float = 60.0
    rules: tuple[Rule, ...] = ()
    forbidden: tuple[PairRef, ...] = ()
    forbidden_file: Path | None = None
    locked: tuple[PairRef, ...] = ()
    locked_file: Path | None = None


WISH_MODES = ("hard", "soft", "off")
#: the stated wishes a mentee form may ask about (docs/scoring.md, "Stated wishes")
WISHES = ("gender", "same_field", "language")


@dataclass(frozen=True)
class WishConfig(_Validated):
    """How each stated wish of a mentee is treated: ``hard`` (never paired against it), ``soft``
    (allowed, but the pair loses ``penalty`` points) or ``off`` (ignored)."""

    gender: str = "hard"
    same_field: str = "hard"
    language: str = "hard"
    #: points (of 100) a pair loses per soft wish it does not meet
    penalty: float = 20.0

    def mode(self, wish: str) -> str:
        return getattr(self, wish)


@dataclass(frozen=True)
class SolverConfig(_Validated):
    objective: str = "coverage"
    engine: str = "auto"
    #: every mentor gets at least this many mentees (needs the LP engine); 0 = no minimum
    min_mentees_per_mentor: int = 0


@dataclass(frozen=True)
class IntroductionsConfig:
    """The introduction letters: where a programme's own templates are, and the sender."""

    #: folder of the programme's own letter templates (missing ones fall back to the built-in)
    templates: Path | None = None
    #: the From address of the .eml letters, e.g. "Mentoring team <mentoring@example.org>"
    sender: str = ""


@dataclass(frozen=True)
class HistoryConfig:
    """``[history]``: earlier rounds, and what they change in this one (see matcher.history)."""

    #: earlier rounds' output folders, pairs.csv files or pairs.xlsx workbooks, oldest first
    rounds: tuple[Path, ...] = ()
    #: what to do with a pair that was matched in an earlier round
    repeat_pairs: str = "forbid"
    #: score points (0-100) taken off an earlier pair when repeat_pairs = "penalise"
    repeat_penalty: float = 20.0
    #: priority added to mentees left unmatched the last time they took part (0 = none)
    unmatched_priority: int = 1
    #: pairs that carry on: locked, and counted against the mentor's capacity
    continuing: tuple[PairRef, ...] = ()
    #: an earlier e-mail (or id) -> the one used in this round
    aliases: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class RoundConfig:
    name: str = "Mentoring round"
    #: language of the report, workbook, explanations and summary: "en", "fi" or "sv"
    language: str = "en"
    #: the config file this came from (None when built in code)
    path: Path | None = None
    base_dir: Path = field(default_factory=Path.cwd)
    output: Path | None = None
    mentors: SourceConfig = field(default_factory=SourceConfig)
    mentees: SourceConfig = field(default_factory=SourceConfig)
    read: ReadConfig = field(default_factory=ReadConfig)
    defaults: Defaults = field(default_factory=Defaults)
    #: extra synonyms per vocabulary kind: {"languages": {"fi": ["suomeksi"]}, "fields": {...}}
    vocabulary: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    scoring: ScoringConfig = field(default_factory=ScoringConfig)
    constraints: ConstraintConfig = field(default_factory=ConstraintConfig)
    wishes: WishConfig = field(default_factory=WishConfig)
    solver: SolverConfig = field(default_factory=SolverConfig)
    introductions: IntroductionsConfig = field(default_factory=IntroductionsConfig)
    history: HistoryConfig = field(default_factory=HistoryConfig)

    @property
    def where(self) -> str:
        """How messages name this config: its file, or "round config" when built in code.

        >>> RoundConfig().where, RoundConfig(path=Path("round.toml")).where
        ('round config', 'round.toml')
        """
        return _where(self.path)

    def replace(self, **changes: Any) -> "RoundConfig":
        """A copy with some top-level sections replaced (configs are immutable)."""
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-friendly dict of every setting (paths as strings), for ``audit.json``."""
        return _jsonable(dataclasses.asdict(self))

    def __repr__(self) -> str:
        return (f"RoundConfig(name={self.name!r}, mentors={_name(self.mentors.file)}, "
                f"mentees={_name(self.mentees.file)}, objective={self.solver.objective!r})")


VOCABULARY_KINDS = ("languages", "fields", "goals", "cities")


def unread_rule(rule: Rule) -> str:
    """The problem and fix of an eligibility rule on an answer no column is read as.

    >>> print(unread_rule(Rule("mentor", "years_in_finland", ">=", 3.0)).split("; ")[1])
    name its header under [mentors.columns] (years_in_finland = "<the form's header>") or remove the rule
    """
    return (f"the rule needs the {rule.who}s' '{rule.field}' answers, but no column of the "
            f"{rule.who}s' file is read as '{rule.field}'; name its header under "
            f"[{rule.who}s.columns] ({rule.field} = \"<the form's header>\") or remove the rule")


def _where(path: Path | None) -> str:
    return str(path) if path else "round config"


# What each section's values must be: the only home of these rules (TOML and code alike).

def _choose(key: str, value: Any, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise SettingError(key, Message("setting.not_allowed", {
            "value": repr(value), "hint": _did_you_mean(value, allowed), "allowed": ", ".join(allowed)}))


def _number(key: str, value: Any, low: float, high: float = float("inf"), above: bool = False) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise SettingError(key, Message("setting.expected_number", {"value": repr(value)}))
    bounds = {"low": f"{low:g}", "high": f"{high:g}", "value": f"{value:g}"}
    if above and value <= low:
        raise SettingError(key, Message("setting.above", bounds))
    if high == float("inf") and value < low:
        raise SettingError(key, Message("setting.at_least", bounds))
    if not low <= value <= high:
        raise SettingError(key, Message("setting.between", bounds))


def _check_read(read: ReadConfig) -> None:
    if not read.separators or not all(isinstance(s, str) and s for s in read.separators):
        raise SettingError("read.separators", "expected a list of non-empty strings, e.g. [\";\", \",\"]")
    _choose("read.duplicates", read.duplicates, DUPLICATE_POLICIES)


def _check_defaults(defaults: Defaults) -> None:
    _number("defaults.capacity", defaults.capacity, 0)
    _number("defaults.max_mentors", defaults.max_mentors, 1)
    _choose("defaults.language_level", defaults.language_level, LANGUAGE_LEVELS)
    _choose("defaults.meeting_mode", defaults.meeting_mode, MEETING_MODES)


def _check_scoring(scoring: ScoringConfig) -> None:
    for name, weight in scoring.weights.items():
        _choose("scoring.weights", name, tuple(DEFAULT_WEIGHTS))
        _number(f"scoring.weights.{name}", weight, 0)
        if weight > MAX_WEIGHT:
            raise SettingError(f"scoring.weights.{name}", f"must be 0 or more and at most {MAX_WEIGHT:g}, "
                               f"got {weight:g} (weights are relative: 0.3 and 300 mean the same)")
    if sum(scoring.weights.values()) <= 0:
        raise SettingError("scoring.weights", "at least one weight must be above 0")
    _number("scoring.min_score", scoring.min_score, 0, 100)
    if not all(isinstance(g, tuple) and all(isinstance(k, str) for k in g) for g in scoring.related_fields):
        raise SettingError("scoring.related_fields",
                           "expected a list of groups, e.g. [[\"health\", \"social_care\"]]")
    for name in ("related_field_score", "field_text_weight", "goals_text_share", "remote_score"):
        _number(f"scoring.{name}", getattr(scoring, name), 0, 1)
    _number("scoring.experience_years", scoring.experience_years, 0, above=True)
    _number("scoring.distance_half_km", scoring.distance_half_km, 0, above=True)
    if not all(isinstance(g, str) for g in scoring.field_dependent_goals):
        raise SettingError("scoring.field_dependent_goals",
                           "expected a list of goal keys, e.g. [\"field_requirements\"]")


def _check_rule(rule: Rule) -> None:
    _choose("constraints.rules.who", rule.who, ("mentor", "mentee"))
    _choose("constraints.rules.field", rule.field, MENTOR_FIELDS if rule.who == "mentor" else MENTEE_FIELDS)
    _choose("constraints.rules.op", rule.op, RULE_OPERATORS)
    equality = rule.op in ("==", "!=")
    if rule.field in LIST_FIELDS and (not equality or not isinstance(rule.value, str)):
        raise SettingError("constraints.rules.op",
                           f"'{rule.field}' is a list of answers, so a rule on it tests one key "
                           f"with == or != (got {rule.op} {rule.value!r}); write e.g. "
                           f"op = \"==\", value = \"ict\"")
    if isinstance(rule.value, str) and not equality:
        raise SettingError("constraints.rules.op",
                           f"a text value compares only with == or != (got {rule.op} "
                           f"{rule.value!r}); write the value as a number (value = 3, no quotes) "
                           f"to compare with {rule.op}")


def _check_constraints(constraints: ConstraintConfig) -> None:
    _number("constraints.max_distance_km", constraints.max_distance_km, 0)
    if len(constraints.rules) > MAX_RULES:
        raise SettingError("constraints.rules", f"at most {MAX_RULES} eligibility rules are "
                                                f"supported, got {len(constraints.rules)}; "
                                                "combine or drop some")


def _check_wishes(wishes: WishConfig) -> None:
    for wish in WISHES:
        _choose(f"wishes.{wish}", getattr(wishes, wish), WISH_MODES)
    _number("wishes.penalty", wishes.penalty, 0, 100)


def _check_solver(solver: SolverConfig) -> None:
    _choose("solver.objective", solver.objective, OBJECTIVES)
    _choose("solver.engine", solver.engine, ENGINES)
    _number("solver.min_mentees_per_mentor", solver.min_mentees_per_mentor, 0)


_CHECKS: dict[type, Callable[[Any], None]] = {
    ReadConfig: _check_read, Defaults: _check_defaults, ScoringConfig: _check_scoring, Rule: _check_rule,
    SolverConfig: _check_solver, ConstraintConfig: _check_constraints, WishConfig: _check_wishes}


def load_config(path: str | Path) -> RoundConfig:
    """Read and validate a round config file (TOML)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError(t("config.not_found", DEFAULT_LANGUAGE, path=path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read round config {path}: {exc}") from None
    return parse_config(text, base_dir=path.resolve().parent, path=path)


def parse_config(text: str, base_dir: Path | None = None, path: Path | None = None) -> RoundConfig:
    """Parse TOML text into a validated :class:`RoundConfig`."""
    where = _where(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:  # its text names the line and column
        raise ConfigError(t("config.not_toml", typed_language(text), where=where, detail=exc)) from None
    language = typed_language(data)
    try:
        return _Parser(where, base_dir or Path.cwd(), language).round(data, path)
    except SettingError as exc:  # raised by a section's own checks: name the file too
        raise SettingError(exc.key, exc.problem, where, language) from None


def typed_language(data: dict[str, Any] | str) -> str:
    """The language a round config's errors are written in: its ``[round] language`` when that
    is one of :data:`OUTPUT_LANGUAGES` (the language of every other message of the round), else
    English. ``data`` is the parsed TOML, or the text of a file TOML cannot parse, whose
    ``language = "..."`` line is then looked for.

    >>> typed_language({"round": {"language": "fi"}}), typed_language({"round": {"language": 3}})
    ('fi', 'en')
    >>> typed_language('[round]\\nlanguage = "sv"\\nname = "unclosed')
    'sv'
    """
    if isinstance(data, str):
        typed = re.search(r'^\s*language\s*=\s*"(\w+)"', data, re.MULTILINE)
        language: Any = typed.group(1) if typed else None
    else:
        section = data.get("round")
        language = section.get("language") if isinstance(section, dict) else None
    return language if language in OUTPUT_LANGUAGES else DEFAULT_LANGUAGE


class _Parser:
    """Turns the TOML dict into dataclasses, naming the key of every problem."""

    def __init__(self, where: str, base_dir: Path, language: str = DEFAULT_LANGUAGE):
        self.where = where
        self.base_dir = base_dir
        self.language = language

    def fail(self, key: str, problem: str | Message) -> ConfigError:
        return SettingError(key, problem, self.where, self.language)

    def table(self, data: Any, key: str, allowed: tuple[str, ...]) -> dict[str, Any]:
        if data is None:
            return {}
        if not isinstance(data, dict):
            raise self.fail(key, Message("setting.expected_table", {"key": key, "kind": type(data).__name__}))
        for name in data:
            if name not in allowed:
                raise self.fail(f"{key}.{name}" if key else name, Message("setting.unknown", {
                    "hint": _did_you_mean(name, allowed), "allowed": ", ".join(allowed)}))
        return data

    def value(self, data: dict, key: str, name: str, kind: type | tuple, default: Any) -> Any:
        if name not in data:
            return default
        value = data[name]
        kinds = kind if isinstance(kind, tuple) else (kind,)
        if isinstance(value, bool) and bool not in kinds:
            value = None  # TOML true/false is not a number here
        if float in kinds and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, kinds):
            names = " or ".join(k.__name__ for k in kinds)
            raise self.fail(f"{key}.{name}", Message("setting.expected", {"kinds": names, "value": repr(data[name])}))
        if isinstance(value, float) and not math.isfinite(value):
            raise self.fail(f"{key}.{name}", Message("setting.not_finite", {"value": repr(value)}))
        return value

    def choice(self, data: dict, key: str, name: str, allowed: tuple[str, ...], default: str) -> str:
        value = self.value(data, key, name, str, default)
        _choose(f"{key}.{name}", value, allowed)
        return value

    def path(self, data: dict, key: str, name: str) -> Path | None:
        value = self.value(data, key, name, str, "")
        return (self.base_dir / value).resolve() if value else None

    def round(self, data: dict, path: Path | None) -> RoundConfig:
        top = self.table(data, "", ("round", "mentors", "mentees", "read", "defaults",
                                    "vocabulary", "scoring", "constraints", "wishes", "solver",
                                    "introductions", "history"))
        rnd = self.table(top.get("round"), "round", ("name", "output", "language"))
        config = RoundConfig(
            name=self.value(rnd, "round", "name", str, RoundConfig.name),
            language=self.choice(rnd, "round", "language", OUTPUT_LANGUAGES, RoundConfig.language),
            path=path,
            base_dir=self.base_dir,
            output=self.path(rnd, "round", "output"),
            mentors=self.source(top.get("mentors"), "mentors", MENTOR_FIELDS),
            mentees=self.source(top.get("mentees"), "mentees", MENTEE_FIELDS),
            read=self.read(top.get("read")),
            defaults=self.defaults(top.get("defaults")),
            vocabulary=(vocab := self.vocabulary(top.get("vocabulary"))),
            scoring=self.scoring(top.get("scoring"), vocab),
            constraints=self.constraints(top.get("constraints")),
            wishes=self.wishes(top.get("wishes")),
            solver=self.solver(top.get("solver")),
            introductions=self.introductions(top.get("introductions")),
            history=self.history(top.get("history")),
        )
        self.rules_read(config)
        self.two_exports(config)
        return config

    def two_exports(self, config: RoundConfig) -> None:
        """The two roles read two exports (or two sheets of one workbook): the same sheet read
        as both would make everyone a mentor of themselves."""
        mentors, mentees = config.mentors, config.mentees
        if mentors.file is not None and mentors.file == mentees.file and mentors.sheet == mentees.sheet:
            raise self.fail("mentees.file", f"'{mentees.file.name}' is the mentors' file too "
                            "([mentors] file): set it to the mentee form's export (or, for one "
                            "workbook holding both, give each its `sheet`)")

    def rules_read(self, config: RoundConfig) -> None:
        """Every eligibility rule tests an answer a mapped column gives: a rule on an answer
        never read would fail for everyone, excluding the whole side from the round."""
        for i, rule in enumerate(config.constraints.rules):
            columns = (config.mentors if rule.who == "mentor" else config.mentees).columns
            if columns and rule.field != "id" and rule.field not in columns:
                raise self.fail(f"constraints.rules[{i}]", unread_rule(rule))

    def source(self, data: Any, key: str, fields: tuple[str, ...]) -> SourceConfig:
        data = self.table(data, key, ("file", "sheet", "columns"))
        columns = self.table(data.get("columns"), f"{key}.columns", fields)
        for name, header in columns.items():
            if not isinstance(header, str):
                raise self.fail(f"{key}.columns.{name}", f"expected the column header as text, got {header!r}")
        sheet = self.value(data, key, "sheet", str, "") or None
        return SourceConfig(file=self.path(data, key, "file"), sheet=sheet, columns=dict(columns))

    def read(self, data: Any) -> ReadConfig:
        data = self.table(data, "read", _settings(ReadConfig))
        separators = self.value(data, "read", "separators", list, list(ReadConfig.separators))
        return ReadConfig(separators=tuple(separators),
                          duplicates=self.value(data, "read", "duplicates", str, ReadConfig.duplicates))

    def defaults(self, data: Any) -> Defaults:
        data = self.table(data, "defaults", _settings(Defaults))
        return Defaults(
            capacity=self.value(data, "defaults", "capacity", int, Defaults.capacity),
            max_mentors=self.value(data, "defaults", "max_mentors", int, Defaults.max_mentors),
            language_level=self.value(data, "defaults", "language_level", str, Defaults.language_level),
            meeting_mode=self.value(data, "defaults", "meeting_mode", str, Defaults.meeting_mode),
        )

    def vocabulary(self, data: Any) -> dict[str, dict[str, tuple[str, ...]]]:
        data = self.table(data, "vocabulary", VOCABULARY_KINDS)
        vocab: dict[str, dict[str, tuple[str, ...]]] = {}
        for kind, entries in data.items():
            entries = self.table(entries, f"vocabulary.{kind}", tuple(entries or ()))
            for canonical, synonyms in entries.items():
                if isinstance(synonyms, str):
                    synonyms = [synonyms]
                if not isinstance(synonyms, list) or not all(isinstance(s, str) for s in synonyms):
                    raise self.fail(f"vocabulary.{kind}.{canonical}",
                                    "expected a list of synonyms, e.g. [\"suomi\", \"finska\"]")
                vocab.setdefault(kind, {})[canonical] = tuple(synonyms)
        return vocab

    def scoring(self, data: Any, vocab: dict[str, dict[str, tuple[str, ...]]]) -> ScoringConfig:
        data = self.table(data, "scoring", _settings(ScoringConfig))
        given = self.table(data.get("weights"), "scoring.weights", tuple(DEFAULT_WEIGHTS))
        weights = dict(DEFAULT_WEIGHTS)
        for name in given:
            weights[name] = self.value(given, "scoring.weights", name, float, 0.0)
        min_score = self.value(data, "scoring", "min_score", float, ScoringConfig.min_score)
        related = self.value(data, "scoring", "related_fields", list, None)
        if related is not None and not all(isinstance(g, list) for g in related):
            raise self.fail("scoring.related_fields",
                            "expected a list of groups, e.g. [[\"health\", \"social_care\"]]")
        shares = {name: self.value(data, "scoring", name, float, getattr(ScoringConfig, name))
                  for name in ("related_field_score", "field_text_weight", "goals_text_share",
                               "remote_score")}
        experience_years = self.value(data, "scoring", "experience_years", float,
                                      ScoringConfig.experience_years)
        half_km = self.value(data, "scoring", "distance_half_km", float,
                             ScoringConfig.distance_half_km)
        dependent = self.value(data, "scoring", "field_dependent_goals", list,
                               list(ScoringConfig.field_dependent_goals))
        scoring = ScoringConfig(
            weights=weights, min_score=min_score, field_dependent_goals=tuple(dependent),
            related_fields=(tuple(tuple(g) for g in related) if related is not None
                            else ScoringConfig.related_fields),
            experience_years=experience_years, distance_half_km=half_km, **shares,
        )
        for i, group in enumerate(scoring.related_fields):
            self.known_keys(f"scoring.related_fields[{i}]", group, "fields", vocab)
        self.known_keys("scoring.field_dependent_goals", scoring.field_dependent_goals, "goals", vocab)
        return scoring

    def known_keys(self, key: str, given: tuple[str, ...], kind: str,
                   vocab: dict[str, dict[str, tuple[str, ...]]]) -> None:
        """Every key in ``given`` is one of the round's ``kind`` (built in or under
        ``[vocabulary.<kind>]``): a typo would otherwise silently match nothing."""
        known = vocabulary(kind, vocab).keys
        for name in given:
            if name not in known:
                raise self.fail(key, Message("setting.not_a_key", {
                    "name": name, "kind": kind, "hint": _did_you_mean(name, known),
                    "keys": ", ".join(known)}))

    def constraints(self, data: Any) -> ConstraintConfig:
        key = "constraints"
        if isinstance(data, dict) and "gender_preference" in data:
            raise self.fail(f"{key}.gender_preference", "the gender wish moved to [wishes]: write "
                                                        "gender = \"hard\", \"soft\" or \"off\" there")
        data = self.table(data, key, _settings(ConstraintConfig))
        max_km = self.value(data, key, "max_distance_km", float, ConstraintConfig.max_distance_km)
        return ConstraintConfig(
            same_organisation=self.value(data, key, "same_organisation", bool, True),
            meeting_mode=self.value(data, key, "meeting_mode", bool, True),
            max_distance_km=max_km,
            rules=tuple(self.rule(r, f"{key}.rules[{i}]")
                        for i, r in enumerate(self.value(data, key, "rules", list, []))),
            forbidden=self.pairs(data, "forbidden"),
            forbidden_file=self.path(data, key, "forbidden_file"),
            locked=self.pairs(data, "locked"),
            locked_file=self.path(data, key, "locked_file"),
        )

    def rule(self, data: Any, key: str) -> Rule:
        data = self.table(data, key, ("who", "field", "op", "value"))
        for name in ("who", "field", "op", "value"):
            if name not in data:
                raise self.fail(key, f"a rule needs who, field, op and value; '{name}' is missing "
                                     "(e.g. {who = \"mentor\", field = \"years_in_finland\", op = \">=\", value = 3})")
        try:
            return Rule(who=self.value(data, key, "who", str, "mentor"),
                        field=self.value(data, key, "field", str, ""),
                        op=self.value(data, key, "op", str, ">="),
                        value=self.value(data, key, "value", (float, str), 0.0))
        except SettingError as exc:  # name the rule by its place in the list
            raise SettingError(exc.key.replace("constraints.rules", key, 1), exc.problem) from None

    def pairs(self, data: dict, name: str, section: str = "constraints") -> tuple[PairRef, ...]:
        refs = []
        for i, item in enumerate(self.value(data, section, name, list, [])):
            key = f"{section}.{name}[{i}]"
            if isinstance(item, dict):
                item = self.table(item, key, ("mentee", "mentor"))
                item = [item.get("mentee"), item.get("mentor")]
            if not (isinstance(item, list) and len(item) == 2 and all(isinstance(x, str) and x for x in item)):
                raise self.fail(key, "expected a pair as {mentee = \"id or e-mail\", mentor = \"id or e-mail\"}")
            refs.append(PairRef(mentee=item[0].strip(), mentor=item[1].strip(), source="config"))
        return tuple(refs)

    def wishes(self, data: Any) -> WishConfig:
        data = self.table(data, "wishes", _settings(WishConfig))
        return WishConfig(penalty=self.value(data, "wishes", "penalty", float, WishConfig.penalty),
                          **{wish: self.value(data, "wishes", wish, str, getattr(WishConfig, wish))
                             for wish in WISHES})

    def introductions(self, data: Any) -> IntroductionsConfig:
        data = self.table(data, "introductions", ("templates", "sender"))
        sender = self.value(data, "introductions", "sender", str, "").strip()
        if sender and (any(c in sender for c in "\r\n") or "@" not in parseaddr(sender)[1]):
            raise self.fail("introductions.sender", f"{sender!r} is not an e-mail address; write "
                                                    "e.g. \"Mentoring team <mentoring@example.org>\"")
        return IntroductionsConfig(templates=self.path(data, "introductions", "templates"),
                                   sender=sender)

    def solver(self, data: Any) -> SolverConfig:
        data = self.table(data, "solver", _settings(SolverConfig))
        return SolverConfig(
            objective=self.value(data, "solver", "objective", str, SolverConfig.objective),
            engine=self.value(data, "solver", "engine", str, SolverConfig.engine),
            min_mentees_per_mentor=self.value(data, "solver", "min_mentees_per_mentor", int,
                                              SolverConfig.min_mentees_per_mentor),
        )


    def history(self, data: Any) -> HistoryConfig:
        key = "history"
        data = self.table(data, key, ("rounds", "repeat_pairs", "repeat_penalty",
                                      "unmatched_priority", "continuing", "aliases"))
        rounds = self.value(data, key, "rounds", (list, str), [])
        rounds = [rounds] if isinstance(rounds, str) else rounds
        if not all(isinstance(r, str) and r for r in rounds):
            raise self.fail(f"{key}.rounds", "expected a list of paths, e.g. "
                                             "[\"../spring-2026/output\", \"autumn-2025/pairs.xlsx\"]")
        penalty = self.value(data, key, "repeat_penalty", float, HistoryConfig.repeat_penalty)
        if not 0 <= penalty <= 100:
            raise self.fail(f"{key}.repeat_penalty", f"must be between 0 and 100 score points, got {penalty}")
        priority = self.value(data, key, "unmatched_priority", int, HistoryConfig.unmatched_priority)
        if priority < 0:
            raise self.fail(f"{key}.unmatched_priority", f"must be 0 (off) or more, got {priority}")
        aliases = {}
        for i, item in enumerate(self.value(data, key, "aliases", list, [])):
            item = self.table(item, f"{key}.aliases[{i}]", ("old", "new"))
            old, new = item.get("old"), item.get("new")
            if not (isinstance(old, str) and old.strip() and isinstance(new, str) and new.strip()):
                raise self.fail(f"{key}.aliases[{i}]", "expected {old = \"earlier e-mail or id\", "
                                                       "new = \"e-mail or id in this round\"}")
            aliases[old.strip().lower()] = new.strip().lower()
        return HistoryConfig(
            rounds=tuple((self.base_dir / r).resolve() for r in rounds),
            repeat_pairs=self.choice(data, key, "repeat_pairs", REPEAT_PAIRS, HistoryConfig.repeat_pairs),
            repeat_penalty=penalty, unmatched_priority=priority,
            continuing=self.pairs(data, "continuing", key), aliases=aliases)


def _settings(section: type) -> tuple[str, ...]:
    """The keys a TOML section may have: its dataclass's fields (one home for names and defaults)."""
    return tuple(f.name for f in dataclasses.fields(section))


def _did_you_mean(value: str, allowed: tuple[str, ...]) -> Message | str:
    best = process.extractOne(str(value), allowed, score_cutoff=70)
    return Message("setting.did_you_mean", {"name": best[0]}) if best else ""


def _name(path: Path | None) -> str:
    return repr(path.name) if path else "None"


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, Path):
        return str(value)
    return value
