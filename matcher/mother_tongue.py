"""A mother-tongue question asked apart from the other languages, read into the languages answer.

Many forms ask "Äidinkieli" / "Mother tongue" / "Modersmål" in a column of its own, answered with
a language name alone ("arabia", "Somali"), and then "Muut kielet ja taso" / "Other languages"
beside it. A mother tongue is a language the person speaks, at native level: read as a column of
its own it would be lost, and a person who only filled it in would have no language at all.

:func:`fold_mother_tongue` finds such a column by what it is, not by a list of forms or
tools, in two ways:

- by its **header and cells**: the header reads as the native level (:func:`matcher.vocab.language_level`
  gives 4 for "Mikä on äidinkielesi?", "What is your first language?", "Vad är ditt modersmål?",
  "Modersmål " re-saved with a trailing space or wrapped over two lines) and its cells name
  languages (:data:`LANGUAGE_SHARE` of the filled ones), each without a level below native;
- by its **cells alone**, under a header that names no level ("Language you grew up with"): one
  language per cell without a level (:data:`SINGLE_SHARE` of the filled cells), beside a
  languages question whose cells carry levels (:data:`LEVELLED_SHARE`), and whose languages
  that question does not repeat (at most :data:`REPEATED_SHARE` of the people answering both
  name their language there again): it asks the one language the "other languages" leave out.
  A mentoring language ("In which language would you like to meet?") or a nationality is a
  language the person also lists with its level, and is left alone.

A cell's languages are read as intake reads them (:func:`matcher.vocab.languages.written_language`:
abbreviations such as "Fi.", "Ry.: A1" or "arabiskt spr." included), its spaces trimmed.

Each of its languages becomes ``"<language> (native)"`` and goes first into the person's answer
to the table's languages question: the column with the most cells naming a language (at least
:data:`LANGUAGE_SHARE` of its filled cells), joined as that column joins its languages. With
no such column the mother-tongue column itself, written so, is the languages answer. What was
folded is in ``attrs["folded"]`` (``"how": "mother_tongue"``), which ``matcher init`` prints.

Example
-------
>>> import pandas as pd
>>> table = pd.DataFrame({"Email": ["a@x.fi", "b@x.fi", "c@x.fi"],
...                       "Äidinkieli": ["arabia", "somali", "suomi"],
...                       "Muut kielet ja taso": ["suomi (hyvä), englanti (sujuva)", None, "englanti (hyvä)"]})
>>> folded = fold_mother_tongue(table)
>>> list(folded.columns)
['Email', 'Muut kielet ja taso']
>>> folded["Muut kielet ja taso"].tolist()
['arabia (native), suomi (hyvä), englanti (sujuva)', 'somali (native)', 'suomi (native), englanti (hyvä)']
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from matcher import vocab
from matcher.grids import join_answers, joiner_of
from matcher.vocab.languages import LanguageVocabulary, written_language

#: least share of a column's filled cells that must name a language (the mother-tongue column's
#: and the languages question's)
LANGUAGE_SHARE = 0.6
#: least share of the filled cells of a mother-tongue column without a native-level header that
#: name one language and no level
SINGLE_SHARE = 0.9
#: least share of the languages question's filled cells that carry a level, for a mother-tongue
#: column recognised by its cells alone
LEVELLED_SHARE = 0.5
#: most share of the people answering both whose mother tongue the languages question repeats,
#: for a mother-tongue column recognised by its cells alone
REPEATED_SHARE = 0.1
#: what separates two mother tongues in one cell ("suomi ja ruotsi", "Arabic / French")
_BETWEEN = re.compile(r"\s*[,;/&\n]\s*|\s+(?:ja|and|och|sekä|samt)\s+", re.IGNORECASE)
#: the level written after each mother tongue (read as native by every language's reader)
NATIVE = "native"


@dataclass(frozen=True)
class _Cells:
    """What one column's filled cells say of languages: per cell (in row order, None for an
    empty one) the languages named and their levels, each distinct cell read once and only when
    asked (:meth:`names_languages` first, which most columns of an export fail cheaply)."""

    column: pd.Series
    #: whether an answer with no letter can name a language (:func:`_spelled_without_letters`)
    letterless_names: bool

    @functools.cached_property
    def _distinct(self) -> tuple[np.ndarray, pd.Index]:
        # a column of no text (numbers, dates) names no language
        if pd.api.types.is_numeric_dtype(self.column) or pd.api.types.is_datetime64_any_dtype(self.column):
            return np.full(len(self.column), -1), pd.Index([], dtype=object)
        codes, uniques = pd.factorize(self.column, use_na_sentinel=True)
        return codes, pd.Index(uniques, dtype=object)

    @functools.cached_property
    def cells(self) -> tuple[tuple[tuple[str | None, int | None], ...] | None, ...]:
        codes, uniques = self._distinct
        read = [*(_answers(value) for value in uniques), None]  # code -1 (empty) is the last
        return tuple(read[code] for code in codes)

    @functools.cached_property
    def _firsts(self) -> list[tuple[str, int]]:
        """Each distinct filled cell's first answer and its number of cells, most cells first."""
        codes, uniques = self._distinct
        counts = np.bincount(codes[codes >= 0], minlength=len(uniques))
        firsts = [(parts[0], int(n)) for parts, n in zip(map(_parts, uniques), counts) if parts]
        return sorted(firsts, key=lambda first: -first[1])

    def names_languages(self, share: float) -> bool:
        """Whether the first answer names a language in ``share`` of the filled cells
        (:attr:`named` at least ``share``), each distinct first answer read until too few cells
        are left to reach it: a column of e-mails or sentences is told after a few of them."""
        total = sum(n for _, n in self._firsts)
        missed = 0
        for first, n in self._firsts:
            if not total or (total - missed) / total < share:
                return False
            if _first_language(first, self.letterless_names) is None:
                missed += n
        return bool(total) and (total - missed) / total >= share

    @functools.cached_property
    def filled(self) -> list[tuple[tuple[str | None, int | None], ...]]:
        return [c for c in self.cells if c]

    def share(self, test: Callable[[tuple[tuple[str | None, int | None], ...]], bool]) -> float:
        return sum(map(test, self.filled)) / len(self.filled) if self.filled else 0.0

    @functools.cached_property
    def named(self) -> float:
        """The share of filled cells whose first answer names a language."""
        return self.share(lambda cell: cell[0][0] is not None)

    @functools.cached_property
    def single(self) -> float:
        """The share of filled cells naming one language and no level."""
        return self.share(lambda cell: len(cell) == 1 and cell[0][0] is not None and cell[0][1] is None)

    @functools.cached_property
    def levelled(self) -> float:
        """The share of filled cells with a level beside a language."""
        return self.share(lambda cell: any(level is not None for _, level in cell))


def fold_mother_tongue(table: pd.DataFrame) -> pd.DataFrame:
    """The table with a mother-tongue column read into its languages question (see the module
    docstring); the index, the other columns and ``attrs`` are kept. A table without one is
    returned as it is."""
    headers = [str(h) for h in table.columns]
    read = {h: read_languages(table[h]) for h in headers}
    found = next((f for f in (_mother_tongue(h, read, headers) for h in headers) if f), None)
    if found is None:
        return table
    mother, partner = found
    native = [_native(cell) for cell in table[mother]]
    if partner is None:
        out = table.copy()
        out[mother] = [", ".join(own) or None for own in native]
        record = {"header": mother, "columns": [mother], "options": [], "how": "mother_tongue"}
    else:
        joiner = joiner_of(table[partner])
        out = table.drop(columns=[mother])
        out[partner] = [join_answers((*own, cell.strip() if isinstance(cell, str) else ""), joiner) or None
                        for own, cell in zip(native, table[partner])]
        record = {"header": partner, "columns": [mother, partner], "options": [], "how": "mother_tongue"}
    out.attrs.update(table.attrs)
    out.attrs["folded"] = [*table.attrs.get("folded", []), record]
    return out


def _mother_tongue(header: str, read: dict[str, _Cells], headers: list[str]
                   ) -> tuple[str, str | None] | None:
    """For a mother-tongue column, ``(header, the languages question to read it into)`` (None
    for that question when there is none); None for any other column."""
    cells, level = read[header], vocab.language_level(header)
    # a header naming another level is no mother tongue's, and one naming none needs
    # SINGLE_SHARE of single languages, so as many cells naming a language at least
    if level not in (None, 4) or not cells.names_languages(LANGUAGE_SHARE if level == 4 else SINGLE_SHARE):
        return None
    if level == 4:
        below_native = cells.share(lambda cell: any(lv not in (None, 4) for _, lv in cell))
        return (header, _partner(header, read, headers)) if below_native <= 1 - SINGLE_SHARE else None
    if cells.single < SINGLE_SHARE:
        return None
    partner = _partner(header, read, headers)
    if partner is None or read[partner].levelled < LEVELLED_SHARE:
        return None
    both = [(own, other) for own, other in zip(cells.cells, read[partner].cells) if own and other]
    repeated = sum(bool({k for k, _ in own} & {k for k, _ in other}) for own, other in both)
    return (header, partner) if both and repeated / len(both) <= REPEATED_SHARE else None


def _partner(mother: str, read: dict[str, _Cells], headers: list[str]) -> str | None:
    """The languages question beside ``mother``: the other column naming languages in most of
    its cells (the nearest of equals), None when no column names them in :data:`LANGUAGE_SHARE`."""
    place = headers.index(mother)
    return max((h for h in headers if h != mother and read[h].names_languages(LANGUAGE_SHARE)),
               key=lambda h: (read[h].named, -abs(headers.index(h) - place)), default=None)


def read_languages(column: pd.Series) -> _Cells:
    """A column's cells as languages and levels, each distinct cell read once and only when asked
    (:class:`_Cells`)."""
    return _Cells(column, _spelled_without_letters())


def _parts(cell: str) -> list[str]:
    """The answers of one cell: its parts between separators with a letter or digit in them."""
    return [part for part in _BETWEEN.split(cell.strip()) if any(ch.isalnum() for ch in part)]


def _language_of(part: str) -> tuple[str | None, int | None]:
    text, level = written_language(part)
    found = vocab.vocabulary("languages").named(text)
    return (found[0] if found else None, level)


@functools.lru_cache(maxsize=1 << 12)
def _answers_of(cell: str) -> tuple[tuple[str | None, int | None], ...]:
    return tuple(_language_of(part) for part in _parts(cell))


@functools.lru_cache(maxsize=1 << 12)
def _first_language(answer: str, letterless_names: bool = True) -> str | None:
    """The language one answer names (as :func:`_answers_of` reads it, without its level), None
    for none. An answer with no letter (a date, a number, an id) names none, unless
    ``letterless_names`` (a name or code of the vocabulary written without a letter) says it might.

    >>> _first_language("Arabic"), _first_language("2026-01-12 08:04:38", False)
    ('ar', None)
    """
    if not letterless_names and not any(ch.isalpha() for ch in vocab.normalise(answer)):
        return None
    return _language_of(answer)[0]


def _spelled_without_letters() -> bool:
    """Whether a name or code of the languages vocabulary has no letter in it (none built in).

    >>> _spelled_without_letters()
    False
    """
    names = vocab.vocabulary("languages")
    assert isinstance(names, LanguageVocabulary)
    written = [*names.keys, *names.codes, *(n for key in names.keys for n in names.names(key))]
    return not all(any(ch.isalpha() for ch in vocab.normalise(word)) for word in written)


def _answers(cell: object) -> tuple[tuple[str | None, int | None], ...] | None:
    return _answers_of(cell) or None if isinstance(cell, str) and cell.strip() else None


def _native(cell: object) -> tuple[str, ...]:
    """A mother-tongue cell as languages at native level: ``"suomi ja ruotsi"`` ->
    ``("suomi (native)", "ruotsi (native)")``; none for an empty cell.

    >>> _native("suomi ja ruotsi"), _native(None)
    (('suomi (native)', 'ruotsi (native)'), ())
    """
    if not isinstance(cell, str):
        return ()
    return tuple(f"{p} ({NATIVE})" for p in _BETWEEN.split(cell.strip()) if p and any(ch.isalnum() for ch in p))
