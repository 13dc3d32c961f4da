"""Choice answers: field, topics and goals, languages, city, meeting mode and gender, as keys.

Field, topics, goals and languages are read through the round's answer reading
(:mod:`matcher.intake.answers`); each distinct answer that is not a built-in name is reported
once, with the number of rows that gave it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import pandas as pd
from rapidfuzz import fuzz

from matcher import vocab
from matcher.i18n import LABELS, MESSAGES, label, number, t
from matcher.intake.answers import ColumnAnswers
from matcher.intake.issues import Reporter
from matcher.intake.values import map_unique
from matcher.places import PlaceReading, municipalities, read_place

_GENDERS = {
    "woman": "woman", "female": "woman", "nainen": "woman", "kvinna": "woman", "f": "woman",
    "man": "man", "male": "man", "mies": "man", "m": "man",
    "other": "other", "muu": "other", "non binary": "other", "ei binaarinen": "other",
    "prefer not to say": "", "en halua sanoa": "", "vill inte saga": "",
}

NO_PREFERENCE = {"no preference", "ei valia", "ei", "no", "doesn t matter", "any", "ingen"}


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


def _report_readings(column: ColumnAnswers, report: Reporter) -> None:
    """One warning per distinct option not read as an exact name, with how many rows chose it,
    in the round's language."""
    for answer, row in sorted(column.first_row.items(), key=lambda kv: kv[1]):
        reading = column.readings[answer]
        if reading.method == "exact":
            continue
        problem = reading_problem(column.kind, reading, report.vocabulary, report.issues.language)
        report.add("warning", row, column.name, answer, rows_counted(problem, column.counts[answer],
                                                                     report.issues.language),
                   report.t("reading.fix", kind=column.kind))


def reading_problem(kind: str, reading, vocabulary, language: str) -> str:
    """What a warning says about an answer read as ``reading`` (not an exact built-in name)."""
    key = reading.method
    if key == "elimination":
        key = "elimination_answer" if reading.runner_up else "elimination_concept"
    unknown_key = f"reading.unknown.{kind}"
    unknown = t(unknown_key, language) if unknown_key in MESSAGES else f"not a known {kind} name"
    return t(f"reading.{key}", language, unknown=unknown,
             label=shown_label(kind, reading.key, vocabulary, language),
             confidence=number(reading.confidence, language, 2), runner_up=reading.runner_up)


def shown_label(kind: str, key: str, vocabulary, language: str) -> str:
    """A vocabulary key's label in ``language`` (built-in concepts), else the round's own label."""
    if language != "en" and key in LABELS.get(kind, {}):
        return label(kind, key, language)
    return vocab.vocabulary(kind, vocabulary).label(key)


def rows_counted(problem: str, n: int, language: str) -> str:
    """``problem`` with the number of rows it stands for ("…; 3 rows")."""
    return t("reading.row" if n == 1 else "reading.rows", language, problem=problem, n=n)


def keys(series: pd.Series, column: ColumnAnswers | None, report: Reporter) -> pd.Series:
    """Multi-select answers → tuples of canonical keys (order of appearance, no repeats)."""
    if column is None:
        return pd.Series([()] * len(series), index=series.index, dtype=object)
    _report_readings(column, report)

    def keys(value: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(column.readings[o].key for o, _ in column.items(value)
                                   if o in column.readings))

    return map_unique(series, keys).reindex(series.index).map(
        lambda k: k if isinstance(k, tuple) else ())


def languages(series: pd.Series, column: ColumnAnswers | None, default_level: int,
               report: Reporter) -> list[dict[str, int]]:
    """Language answers → {ISO code: level}; a language given twice keeps its highest level."""
    if column is None:
        return [{} for _ in range(len(series))]
    _report_readings(column, report)

    def levels(value: str) -> dict[str, int]:
        found: dict[str, int] = {}
        for option, level in column.items(value):
            if option in column.readings:
                code = column.readings[option].key
                found[code] = max(found.get(code, 0), level or default_level)
        return found

    parsed = map_unique(series, levels).reindex(series.index)
    _report_unread_levels(series, column, default_level, report)
    return [dict(v) if isinstance(v, dict) else {} for v in parsed]


def _report_unread_levels(series: pd.Series, column: ColumnAnswers, default_level: int,
                          report: Reporter) -> None:
    """The fallback rule, said once per distinct answer: a language answer whose level reads as
    no level (:func:`matcher.vocab.read_level`) gets the config's default level."""
    unread: dict[str, tuple[int, int]] = {}  # answer -> (first row, rows)
    values = series.dropna()
    for value, rows in values.groupby(values, sort=False).groups.items():
        for answer in column.answers(value):
            if vocab.read_level(answer).method == "unread":
                first, n = unread.get(answer, (int(min(rows)), 0))
                unread[answer] = (min(first, int(min(rows))), n + len(rows))
    name = report.t(f"level.{default_level}")
    for answer, (row, n) in sorted(unread.items(), key=lambda kv: kv[1][0]):
        problem = report.t("reading.level", level=vocab.read_level(answer).unread, default=name)
        report.add("warning", row, "languages", answer, rows_counted(problem, n, report.issues.language),
                   report.t("reading.level_fix"))


def cities(series: pd.Series, vocabulary: vocab.Vocabulary, report: Reporter) -> pd.Series:
    """Each place answer as the Finnish name of the municipality it names: a name of the
    round's ``[vocabulary.cities]`` first, else the place :func:`matcher.places.read_place`
    reads (inflected, Swedish, a district, a region, a short form, a postal code; a typo is read
    and warned of). An answer that names no place ("etänä", "remote") or one abroad is ""; any
    other answer is kept as written, title-cased."""
    table = municipalities()

    def resolve(value: str) -> tuple[str, PlaceReading | None]:
        key = vocabulary.lookup(value)
        if key is not None:
            return key, None
        reading = read_place(value)
        if reading.index >= 0:
            return table.name(reading.index), reading if reading.method == "corrected" else None
        if reading.method == "abroad" or any(vocab.is_not_city(p) for p in (value, *value.split("/"))):
            return "", None
        return " ".join(w[:1].upper() + w[1:] for w in value.split()), None

    resolved = map_unique(series, resolve)
    for row, (city, reading) in resolved.items():
        if reading is not None:
            score = fuzz.ratio(reading.text, vocab.normalise(city))
            report.add("warning", row, "city", series[row],
                       report.t("reading.city", city=city,
                                score=number(round(score, 1), report.issues.language, None)),
                       report.t("reading.city_fix"))
    return resolved.map(lambda r: r[0]).reindex(series.index).fillna("")


def meeting_modes(series: pd.Series, separators, default: str, report: Reporter) -> pd.Series:
    modes = map_unique(series, lambda v: vocab.meeting_mode(split_answers(v, separators)))
    for row in modes.index[modes.isna()]:
        report.add("warning", row, "meeting_mode", series[row],
                   report.t("issue.meeting_mode", default=default), report.t("issue.meeting_mode_fix"))
    return modes.reindex(series.index).fillna(default)


def genders(series: pd.Series, empty: set[str]) -> pd.Series:
    def canonical(value: str) -> str:
        norm = vocab.normalise(value)
        return "" if norm in empty else _GENDERS.get(norm, norm)

    return map_unique(series, canonical).reindex(series.index).fillna("")
