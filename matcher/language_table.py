"""The table of languages: every language with an ISO 639-1 code, its ISO 639-2 codes and its
Unicode CLDR names in English, Finnish, Swedish and in itself (:file:`matcher/data/languages.csv`,
written by :file:`scripts/build_languages.py`).

One home for the table, read with the standard library only: the languages vocabulary
(:mod:`matcher.vocab.languages`) reads names from it and the message catalogue
(:mod:`matcher.i18n`, which stays free of the vocabulary's imports) its Finnish and Swedish labels.

>>> next(row for row in table() if row.code == "et")
Language(code='et', iso639_2='est', iso639_2b='', en='Estonian', fi='viro', sv='estniska', native='eesti')
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

#: the table of languages, codes and names (see :file:`scripts/build_languages.py`)
TABLE = Path(__file__).resolve().parent / "data" / "languages.csv"


@dataclass(frozen=True)
class Language:
    """One row of :data:`TABLE`."""

    code: str
    iso639_2: str
    iso639_2b: str
    en: str
    fi: str
    sv: str
    native: str


@functools.cache
def table() -> tuple[Language, ...]:
    """Every language of :data:`TABLE`, by ISO 639-1 code."""
    with TABLE.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        return tuple(Language(**row) for row in csv.DictReader(lines))
