"""The choice questions of both forms, read as their people meant them.

For every vocabulary column (field, topics / goals, languages) of both files, :func:`read_answers`
learns the column's options from all its cells (:class:`matcher.vocab.options.OptionSplitter`),
reads each distinct option of the two forms together (:func:`matcher.vocab.reading.read_options`:
exact name, typo, meaning, alignment with the other form, or a category of its own) and keeps the
result as an :class:`AnswerReading`. Intake turns cells into keys with it, ``matcher init`` prints
it and writes it into round.toml, and ``Round.answers`` shows it as a table
(:data:`ANSWER_COLUMNS`).

Example
-------
>>> import pandas as pd
>>> tables = {"mentors": pd.DataFrame({"T": ["I can help with networking;Housing;"]}),
...           "mentees": pd.DataFrame({"G": ["Building my network, Housing", "Housing"]})}
>>> reading = read_answers(tables, {"mentors": {"topics": "T"}, "mentees": {"goals": "G"}})
>>> print(reading.answers()[["role", "answer", "key", "rows", "method"]].to_string(index=False))
   role                     answer        key  rows  method
mentors                    Housing    housing     1 aligned
mentors I can help with networking networking     1 meaning
mentees        Building my network networking     1 meaning
mentees                    Housing    housing     2 aligned
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from collections.abc import Mapping, Sequence

import pandas as pd

from matcher import vocab
from matcher.config import ReadConfig
from matcher.contents import column_separators
from matcher.vocab.languages import split_languages, written_language
from matcher.vocab.options import OptionSplitter
from matcher.vocab.reading import Reading, read_options

#: canonical field -> vocabulary kind its options are read as
VOCAB_COLUMNS = {"field": "fields", "topics": "goals", "goals": "goals", "languages": "languages",
                 "mentoring_language": "languages"}
#: columns of :meth:`AnswerReading.answers` (and so of ``Round.answers``); ``levels`` is, for a
#: language answer, each level it was named with and its rows (``((4, 20), (None, 3))``: native
#: in 20 rows, no level in 3), empty for the other kinds
ANSWER_COLUMNS = ("role", "column", "header", "kind", "answer", "key", "label", "rows",
                  "confidence", "method", "runner_up", "levels")


@dataclass
class ColumnAnswers:
    """One vocabulary column of one file: how its cells split and what each option means."""

    role: str
    name: str
    header: str
    kind: str
    splitter: OptionSplitter
    #: option (for languages: without its level) -> how many rows chose it
    counts: Counter
    #: option -> first spreadsheet row (the table index) that chose it
    first_row: dict[str, int]
    readings: dict[str, Reading] = field(default_factory=dict)
    #: for languages, option -> level read beside it (None: no level given) -> how many rows
    levels: dict[str, Counter] = field(default_factory=dict)

    def answers(self, cell: object) -> tuple[str, ...]:
        """The answers chosen in one cell as written: its options, and for languages each
        language of an option naming several ("Finnish and English", "Fin/Swe")."""
        options = self.splitter.split(cell)
        if self.kind != "languages":
            return options
        names = vocab.vocabulary("languages")
        return tuple(part for option in options
                     for part in split_languages(option, names.lookup))

    def items(self, cell: object) -> list[tuple[str, int | None]]:
        """``(option, language level or None)`` for each option chosen in one cell."""
        return [written_language(answer) if self.kind == "languages" else (answer, None)
                for answer in self.answers(cell)]


@dataclass
class AnswerReading:
    """Every vocabulary column of a round, read together."""

    columns: list[ColumnAnswers]
    vocabulary: Mapping[str, Mapping[str, tuple[str, ...]]] = field(default_factory=dict)

    def column(self, role: str, name: str) -> ColumnAnswers | None:
        return next((c for c in self.columns if c.role == role and c.name == name), None)

    def answers(self) -> pd.DataFrame:
        """One row per distinct option of each column (:data:`ANSWER_COLUMNS`), in file order,
        low-confidence readings of a column first."""
        rows = []
        for column in self.columns:
            vocabulary = vocab.vocabulary(column.kind, self.vocabulary)
            for answer, reading in sorted(column.readings.items(),
                                          key=lambda kv: (kv[1].confidence, -column.counts[kv[0]],
                                                          kv[0])):
                rows.append({"role": column.role, "column": column.name, "header": column.header,
                             "kind": column.kind, "answer": answer, "key": reading.key,
                             "label": vocabulary.label(reading.key) if reading.key in vocabulary
                             else answer,
                             "rows": column.counts[answer], "confidence": reading.confidence,
                             "method": reading.method, "runner_up": reading.runner_up,
                             "levels": _levels(column.levels.get(answer, Counter()))})
        return pd.DataFrame(rows, columns=list(ANSWER_COLUMNS))


def _levels(counts: Counter) -> tuple[tuple[int | None, int], ...]:
    """``(level, rows)`` of one language answer, highest level first, no level (None) last.

    >>> _levels(Counter({1: 3, None: 2, 4: 20}))
    ((4, 20), (1, 3), (None, 2))
    """
    return tuple(sorted(counts.items(), key=lambda kv: -(kv[0] or 0)))


def read_answers(tables: Mapping[str, pd.DataFrame], columns: Mapping[str, Mapping[str, str]],
                 vocabulary: Mapping[str, Mapping[str, tuple[str, ...]]] | None = None,
                 separators: Sequence[str] = ReadConfig.separators) -> AnswerReading:
    """Learn and read the options of every vocabulary column of both files.

    Parameters
    ----------
    tables
        ``{"mentors": table, "mentees": table}`` as read (headers as in the file).
    columns
        ``{role: {canonical field: header}}`` (the config's column maps).
    vocabulary
        The config's ``[vocabulary]`` table (extra names; they read as exact).
    separators
        The config's ``[read] separators``.
    """
    vocabulary = vocabulary or {}
    found: list[ColumnAnswers] = []
    for role in ("mentors", "mentees"):
        for name, kind in VOCAB_COLUMNS.items():
            header = columns.get(role, {}).get(name)
            if header is None or header not in tables[role].columns:
                continue
            found.append(_learn(role, name, header, kind, tables[role][header], vocabulary,
                                separators))
    for kind in dict.fromkeys(VOCAB_COLUMNS.values()):
        of_kind = [c for c in found if c.kind == kind]
        sides = {role: [o for c in of_kind if c.role == role for o, _ in c.counts.most_common()]
                 for role in ("mentees", "mentors")}
        readings = read_options(kind, sides, vocabulary)
        for column in of_kind:
            column.readings = {o: readings[column.role][o] for o in column.counts}
    return AnswerReading(found, vocabulary)


def _learn(role: str, name: str, header: str, kind: str, cells: pd.Series,
           vocabulary: Mapping[str, Mapping[str, tuple[str, ...]]],
           separators: Sequence[str]) -> ColumnAnswers:
    words = vocab.vocabulary(kind, vocabulary)
    seen: dict[str, bool] = {}  # a column repeats the same few options thousands of times

    def known(text: str) -> bool:
        if text not in seen:
            bare = vocab.split_level(text)[0] if kind == "languages" else text
            seen[text] = words.lookup(bare) is not None
        return seen[text]
    text = cells.dropna().astype(str)
    text = text[text.str.strip() != ""]
    # a column written one option a line is cut at line breaks alone (commas inside a line
    # are the option's own): matcher.contents.column_separators
    column = ColumnAnswers(role, name, header, kind,
                           OptionSplitter(text, column_separators(text, separators), known),
                           Counter(), {})
    for value, rows in text.groupby(text, sort=False).groups.items():
        chosen: dict[str, int | None] = {}
        for option, level in column.items(value):
            chosen.setdefault(option, level)  # a language named twice keeps its first level
        for option, level in chosen.items():
            if not vocab.normalise(option):
                continue  # "-" or "?" names nothing
            column.counts[option] += len(rows)
            if kind == "languages":
                column.levels.setdefault(option, Counter())[level] += len(rows)
            row = int(min(rows))
            column.first_row[option] = min(column.first_row.get(option, row), row)
    return column
