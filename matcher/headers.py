"""Read a form's question header by the lemmas of its words, against a short description of each column.

A keyword list (:data:`matcher.detect.KEYWORDS`) knows the short headers forms use ("Email",
"Paikkakunta", "Languages"); a long sentence question ("Millä alalla toimit tällä hetkellä tai
haluaisit työskennellä?", "Vilka av följande saker skulle du vilja få hjälp med under
mentorskapet?", "In which of these areas do you feel you could support a mentee?") words its
question its own way, inflected, among words that say nothing of which column it is. Here every
column has a few plain words of English, Finnish and Swedish saying what it asks
(:file:`data/columns.toml`), and a header is read by the lemmas it shares with them:

- each word of the header and of the descriptions becomes its lemma's stem
  (:func:`matcher.vocab.meaning.full_stem`: simplemma's dictionary form, then Snowball), so
  "alalla" is "ala", "kielellä" "kieli", "mentorskapet" "mentorskap";
- a header word matches a description word with the same stem, or one of five letters or more
  its stem begins or ends with: the parts of a compound ("arbetslivserfarenhet" ends with
  "erfarenhet", "asuinpaikkakunta" with "paikkakunta");
- a header word matching the descriptions of ``k`` columns tells ``1/k`` as much as a word
  only one column has, split among the ``k`` (each gets ``1/k²``: a word every column shares says
  nothing), and a column's *confidence* is its share of all the header's matched evidence. Words no description has (numbering "Q3.", "*", "choose all that
  apply", "tällä hetkellä") count for no column and against none.

:func:`header_scores` gives the confidence of every (header, column) pair; :mod:`matcher.detect`
scores a header by it below a keyword hit, and the answers (:mod:`matcher.contents`) decide
between the columns a header's words leave close.

Example
-------
>>> read_header("Millä alalla toimit tällä hetkellä tai haluaisit työskennellä?",
...             ("field", "languages", "goals")).column
'field'
>>> read_header("Q3. Vilka språk behärskar du? *", ("field", "languages")).confidence
1.0
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from matcher.vocab import meaning

_DESCRIPTIONS = Path(__file__).parent / "data" / "columns.toml"
#: a description word or header word at least this long also matches as a compound part
PART = 5
#: least evidence a column needs from a header (a word only it has gives 1, one two share 1/4 each)
MIN_EVIDENCE = 0.25
#: least share of a header's matched words a column needs to be read from the header's words
MIN_HEADER_SHARE = 0.4
#: words of the descriptions that say nothing of a column: articles, conjunctions, prepositions
#: and pronouns of the three languages
FUNCTION_WORDS = frozenset({
    "a", "an", "and", "or", "of", "the", "to", "in", "on", "for", "from", "with", "by", "can",
    "your", "you", "how", "was", "ja", "tai", "jota", "joissa", "voi", "vain",
    "och", "eller", "av", "på", "till", "med", "från", "du", "dig", "kan", "då", "om", "att",
})
_WORD = re.compile(r"[^\W\d_]+")
#: stems of the words naming the programme's people and the mentoring itself ("mentor",
#: "mentee", "mentoring", "mentoroitava", "mentorskap", "adept", "aktori"): every question of a
#: mentoring form may hold one, so they tell no column from another
_DOMAIN = re.compile(r"ment|adept|aktor")


@dataclass(frozen=True)
class HeaderReading:
    """Which column a header's words name, and how surely.

    ``column`` is None when no column has :data:`MIN_HEADER_SHARE` of the header's matched words
    (or none matched); ``confidence`` is its share (0-1) and ``runner_up`` the next column with
    at least that share (a header that could be two columns), else None.
    """

    column: str | None
    confidence: float
    runner_up: str | None = None


def read_header(header: str, columns: Sequence[str]) -> HeaderReading:
    """The column of ``columns`` a header's words name (:func:`header_scores`).

    >>> read_header("How many mentees could you take on?", ("capacity", "max_mentors", "topics"))
    HeaderReading(column='capacity', confidence=1.0, runner_up=None)
    """
    row = header_scores([header], tuple(columns))[0]
    order = np.argsort(-row, kind="stable")
    if not len(row) or row[order[0]] == 0.0:
        return HeaderReading(None, 0.0)
    second = columns[order[1]] if len(row) > 1 and row[order[1]] > 0.0 else None
    return HeaderReading(columns[order[0]], round(float(row[order[0]]), 3), second)


def header_scores(headers: Sequence[str], columns: tuple[str, ...]) -> np.ndarray:
    """``(len(headers), len(columns))`` confidences (0-1): each column's share of a header's
    words matching the columns' descriptions, 0 where below :data:`MIN_HEADER_SHARE` or
    :data:`MIN_EVIDENCE`.

    >>> header_scores(["Inom vilken bransch skulle du vilja jobba?", "Tell us more"],
    ...               ("field", "goals")).tolist()
    [[1.0, 0.0], [0.0, 0.0]]
    """
    out = np.zeros((len(headers), len(columns)))
    cues = [_cues(c) for c in columns]
    for i, header in enumerate(headers):
        evidence = np.zeros(len(columns))
        for word in header_words(header):
            hit = np.array([any(_matches(word, cue) for cue in found) for found in cues], dtype=bool)
            if hit.any():
                # a word k columns share tells 1/k as much, and that is split k ways
                evidence[hit] += 1.0 / hit.sum() ** 2
        total = evidence.sum()
        if total == 0.0:
            continue
        share = evidence / total
        out[i] = np.where((share >= MIN_HEADER_SHARE) & (evidence >= MIN_EVIDENCE), share, 0.0)
    return out


@functools.lru_cache(maxsize=4096)
def header_words(header: str) -> tuple[str, ...]:
    """The stems of a header's words (:func:`matcher.vocab.meaning.full_stem`), each once, in
    order; numbers, one-letter words and the mentoring's own words dropped ("Q3." is no word,
    nor "3)", nor "mentoroida").

    >>> header_words("Q3. Millä kielillä haluat mentoroida? *")
    ('mika', 'kieli', 'halu')
    """
    found = (meaning.full_stem(w) for w in _WORD.findall(str(header).casefold()) if len(w) > 1)
    return tuple(dict.fromkeys(s for s in found if not _DOMAIN.match(s)))


def _matches(word: str, cue: str) -> bool:
    """True when a header word's stem is a description word's, or one is a compound part of the
    other: it begins or ends with the other, of :data:`PART` letters or more."""
    if word == cue:
        return True
    short, long = sorted((word, cue), key=len)
    return len(short) >= PART and (long.startswith(short) or long.endswith(short))


@functools.cache
def _cues(column: str) -> frozenset[str]:
    """The stems of the words describing ``column`` (all three languages), function words out."""
    texts = descriptions().get(column, {})
    return frozenset(s for phrases in texts.values() for phrase in phrases
                     for w in _WORD.findall(phrase.casefold()) if len(w) > 1 and w not in FUNCTION_WORDS
                     for s in [meaning.full_stem(w)] if not _DOMAIN.match(s))


@functools.cache
def descriptions() -> dict[str, dict[str, list[str]]]:
    """``{column: {language: [description, ...]}}`` from :file:`data/columns.toml`."""
    return tomllib.loads(_DESCRIPTIONS.read_text(encoding="utf-8"))
