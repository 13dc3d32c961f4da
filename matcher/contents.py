"""What a form column's answers say it is, whatever its header: the concept family its options read as.

``matcher init`` finds most columns by their headers (:mod:`matcher.detect`); a question worded in
a way the header words do not know ("What could your meetings with a newcomer be about?") is
found by its answers instead. :func:`read_contents` reads one column once, from its *distinct*
answers (never cell by cell, so a 20,000-row export costs what its few hundred distinct answers
cost):

- the cells are cut into options at the config's separators by the option set learned from the
  column (:class:`matcher.vocab.options.OptionSplitter`, as intake reads it), so an option with a
  comma inside ("Job-seeking skills (CV, applications), Networking") counts once; a multi-select
  shows itself by cells holding several options and options recurring;
- the most frequent options (:data:`OPTIONS`) are read as each concept family, and the family's
  *share* is the share of the column's chosen options (weighted by how many rows chose each) that
  read as one of its concepts:

  ``goals`` / ``fields``
      by meaning, with the vocabulary reader (:func:`matcher.vocab.reading.read_options`: names,
      typos, descriptions in English, Finnish and Swedish);
  ``meeting_modes``
      :func:`matcher.vocab.meeting_mode` (remote, in person, either in fi/sv/en);
  ``languages``
      a language name, its level removed (:func:`matcher.vocab.split_level`);
  ``cities``
      a Finnish municipality, inflected or in Swedish (:mod:`matcher.places`).

:attr:`ColumnContents.family` is the family the column reads as *with confidence*: its share is at
least :data:`MIN_SHARE` and leads the runner-up by :data:`MIN_LEAD` of the room above it (the
confidence rule of the vocabulary reader), so a goals column with one "Remote work" option is
still goals, and a meeting-mode column whose three options are one of each mode is meeting modes.

Example
-------
>>> import pandas as pd
>>> goals = pd.Series(["Building a network, Writing a CV", "Writing a CV",
...                    "Building a network, Job interviews", "Job interviews, Writing a CV"])
>>> found = read_contents(goals)
>>> found.family, found.multi > 0.5
('goals', True)
>>> read_contents(pd.Series(["Etänä", "Kasvokkain", "Ei väliä"] * 3)).family
'meeting_modes'
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

import pandas as pd

from matcher import vocab
from matcher.eligibility import yes_no
from matcher.config import ReadConfig
from matcher.vocab import meaning
from matcher.vocab.options import OptionSplitter, pieces
from matcher.vocab.reading import read_options

#: the concept families a column's options can read as
FAMILIES = ("goals", "fields", "meeting_modes", "languages", "cities")
#: the families read by meaning (slower: read after the others, on what they leave)
MEANT_FAMILIES = ("goals", "fields")
#: the families read by their names
NAMED = tuple(f for f in FAMILIES if f not in MEANT_FAMILIES)
#: most frequent options of a column that are read (the rest are rare, free-typed "other" answers)
OPTIONS = 40
#: most frequent distinct cells cut into options
CELLS = 2000
#: share of a column's chosen options a family must read before the column is taken as it
MIN_SHARE = 0.5
#: lead over the runner-up family, as a share of the room above it: (best - second) / (1 - second)
MIN_LEAD = 0.4
#: a column is a choice question when at least this share of its chosen options recur
REPEATED = 0.5


@dataclass(frozen=True)
class ColumnContents:
    """What one column's answers are (see the module docstring)."""

    #: answered cells
    cells: int
    #: distinct options found in them
    options: int
    #: share of answered cells holding two or more options
    multi: float
    #: share of chosen options that recur (1 - distinct / chosen)
    repeated: float
    #: family -> share (0-1) of the chosen options read as one of its concepts
    shares: dict[str, float] = field(default_factory=dict)
    #: the options read, most chosen first (at most :data:`OPTIONS`)
    chosen: tuple[str, ...] = ()

    @property
    def is_choice(self) -> bool:
        """True when the options recur: a choice or multi-select question, not free text."""
        return self.cells >= 3 and self.repeated >= REPEATED

    @property
    def family(self) -> str | None:
        """The family the options read as with confidence, or None."""
        if not self.shares:
            return None
        ranked = sorted(self.shares.items(), key=lambda kv: (-kv[1], FAMILIES.index(kv[0])))
        best, share = ranked[0]
        second = ranked[1][1] if len(ranked) > 1 else 0.0
        # two families reading every option alike lead neither (second == 1)
        if share < MIN_SHARE or second >= 1 or (share - second) / (1 - second) < MIN_LEAD:
            return None
        return best

    @property
    def confidence(self) -> float:
        """The share of the column's family (0 when it has none)."""
        return self.shares[self.family] if self.family else 0.0


def read_contents(values: pd.Series, separators: Sequence[str] = ReadConfig.separators,
                  other: Mapping[str, Sequence[str]] | None = None) -> ColumnContents:
    """Read one column's answers as a choice question (see the module docstring).

    The families are read only for a choice column (options recur); free text and unique
    answers get no shares. ``other`` gives, per family, the options of the other form's column
    of that family (:attr:`ColumnContents.chosen`): both forms ask the same question in their
    own words ("I can help with …" / "I need help with …"), so the options are read together
    with them, aligned and by elimination (:func:`matcher.vocab.reading.read_options`).

    >>> read_contents(pd.Series(["suomi (äidinkieli), englanti", "englanti", "suomi"] * 2)).family
    'languages'
    >>> read_contents(pd.Series(["Helsingissä", "Espoo", "Tampere", "Espoo"] * 2)).family
    'cities'
    >>> read_contents(pd.Series(["I have worked in Oulu for years", "Ten years in sales"])).shares
    {}
    """
    found, chosen = _shape(values, separators)
    if not found.is_choice:
        return _typed_places(found, chosen)
    top = chosen.most_common(OPTIONS)
    weight = sum(n for _, n in top)
    options = [o for o, _ in top]
    reads = {family: _READERS[family](options, ()) for family in NAMED}
    # the meaning families read only the options no family names exactly (those could not
    # count for them) and no number ("3" of a how-many question): often none, which is fast
    left = [o for i, o in enumerate(options) if not _NUMBER.fullmatch(o)
            and not any(reads[f][i] == EXACT for f in NAMED)]
    for family in MEANT_FAMILIES:
        meant = dict(zip(left, _READERS[family](left, (other or {}).get(family, ())))) if left else {}
        reads[family] = [meant.get(o, NOT) for o in options]
    shares = {}
    for family in FAMILIES:
        # an option another family names exactly ("Personligen" is a meeting mode) is not this
        # family's by a looser reading of its words
        kept = [n for i, (_, n) in enumerate(top) if reads[family][i] == EXACT or (
            reads[family][i] == MEANT
            and not any(reads[f][i] == EXACT for f in FAMILIES if f != family))]
        shares[family] = round(sum(kept) / weight, 3)
    return ColumnContents(found.cells, found.options, found.multi, found.repeated, shares,
                          tuple(options))


def _typed_places(found: ColumnContents, chosen: Counter) -> ColumnContents:
    """A column of answers that do not recur, read as the place question when most of them are
    place answers (:func:`matcher.places.is_place_answer`): a place is typed, not chosen from a
    list ("Asun Tampereella", "Kallio", "i Esbo"), so its answers need not recur.

    >>> _typed_places(*_shape(pd.Series(["Asun Tampereella", "Kallio", "i Esbo", "Hki"]), (","))).shares
    {'cities': 1.0}
    """
    from matcher.places import is_place_answer

    total = sum(chosen.values())
    share = round(sum(n for o, n in chosen.items() if is_place_answer(o)) / total, 3) if total else 0.0
    if found.cells < 3 or share < MIN_SHARE:
        return found
    return replace(found, shares={"cities": share}, chosen=tuple(o for o, _ in chosen.most_common(OPTIONS)))


#: a column is written with one of :data:`COLUMN_SEPARATORS` between its options when at least
#: this share of its answered cells holds it (the others hold one option)
LINE_CELLS = 0.1
#: separators a form tool writes between the options of a cell and people do not type inside
#: one: a line break (Jotform, a pasted list), a bar (Forms.app, Zoho: "CV | Networking")
COLUMN_SEPARATORS = ("\n", "|")


def column_separators(cells: pd.Series, separators: Sequence[str] = ReadConfig.separators
                      ) -> tuple[str, ...]:
    r"""The separators one column's cells are cut at: a column written with a line break or a bar
    between options (:data:`COLUMN_SEPARATORS`, the first of them listed in ``separators`` that
    :data:`LINE_CELLS` of its cells hold) is cut at that one alone, so the commas and semicolons
    inside an option are its own ("I can help with applications, CVs and interviews" chosen alone
    stays whole); any other column at ``separators`` (the config's ``[read] separators``), in
    their order.

    >>> column_separators(pd.Series(["Networking\nCVs, letters", "CVs, letters"]))
    ('\n',)
    >>> column_separators(pd.Series(["CV | Arts, culture and media", "Arts, culture and media"]))
    ('|',)
    >>> column_separators(pd.Series(["Finnish;English;", "Finnish;"]))
    ('\n', ';', '|', ',')
    """
    text = cells.dropna().astype(str).str.strip()
    text = text[text != ""].iloc[:CELLS]
    for separator in (s for s in separators if s in COLUMN_SEPARATORS):
        if len(text) and text.str.contains(separator, regex=False).mean() >= LINE_CELLS:
            return (separator,)
    return tuple(separators)


#: most distinct answers a yes/no question has ("Kyllä", "Ei", "Kyllä, hyväksyn", "Yes", "No")
YES_NO_ANSWERS = 6
_DIGITS = re.compile(r"\d+")


def is_yes_no(values: pd.Series) -> bool:
    """True when a column is a yes/no question: every distinct answer reads as yes or no
    (English, Finnish, Swedish: :func:`matcher.eligibility.yes_no`), a word among them (a column
    of "1" and "0", or of "x" marks, is a number or a ticked option), and at most :data:`YES_NO_ANSWERS` of them.
    Such a column (a consent, "may we contact you later?") is never a field, goals, languages
    or free-text question, whatever words its header holds ("I agree that my data about my field
    and languages is used for matching").

    >>> is_yes_no(pd.Series(["Kyllä", "Ei", "Kyllä", None])), is_yes_no(pd.Series(["Yes", "Finnish"]))
    (True, False)
    >>> is_yes_no(pd.Series(["1", "0", "x"])), is_yes_no(pd.Series(["Ja, jag godkänner", "Nej"]))
    (False, True)
    """
    text = values.dropna().astype(str).str.strip()
    distinct = text[text != ""].unique()
    if not 0 < len(distinct) <= YES_NO_ANSWERS:
        return False
    return (all(yes_no(answer) is not None for answer in distinct)
            and any(len(answer) > 1 and not _DIGITS.fullmatch(answer) for answer in distinct))


def read_shape(values: pd.Series, separators: Sequence[str] = ReadConfig.separators) -> ColumnContents:
    """A column's shape alone (cells, options, multi-select, recurring), its families unread:
    what tells a choice question from the rest at the cost of cutting its distinct cells.

    >>> read_shape(pd.Series(["Nokia", "City of Oulu", "Nokia"])).multi
    0.0
    """
    return _shape(values, separators)[0]


def _shape(values: pd.Series, separators: Sequence[str]) -> tuple[ColumnContents, Counter]:
    separators = column_separators(values, separators)
    text = values.dropna().astype(str).str.strip()
    counts = text[text != ""].value_counts(sort=True)
    top = counts.iloc[:CELLS]
    found = _count(top, int(counts.sum()), lambda cell: [p[0] for p in pieces(cell, separators)])
    if found[0].multi == 0 or not found[0].is_choice:
        return found  # one option per cell, or free text: nothing to join (and fast)
    # a multi-select: its options learned from the column's cells (repeats count), as intake
    # splits them, so an option with a comma inside counts once
    splitter = OptionSplitter(itertools.chain.from_iterable(
        itertools.repeat(str(cell), int(n)) for cell, n in top.items()), separators, _known)
    return _count(top, int(counts.sum()), splitter.split)


def _count(top: pd.Series, cells: int, split: Callable[[str], Sequence[str]]
           ) -> tuple[ColumnContents, Counter]:
    chosen: Counter = Counter()
    multi = 0
    for cell, n in top.items():
        options = list(split(str(cell)))
        multi += n * (len(options) > 1)
        for option in dict.fromkeys(options):
            chosen[option] += n
    total = sum(chosen.values())
    return ColumnContents(cells=cells, options=len(chosen), multi=multi / max(cells, 1),
                          repeated=1 - len(chosen) / total if total else 0.0), chosen


@functools.lru_cache(maxsize=1 << 14)
def _known(text: str) -> bool:
    """True when ``text`` is a built-in name of any vocabulary, its language level aside (so two
    names always chosen together, "Finnish, English", stay two options; the column's kind is not
    known yet).

    The splitter asks this of every run of pieces of every distinct cell, most of them no name
    at all: the level is read (by stems, the costly part) only of a text holding a word of a
    language name, the only texts whose bare language could be one.

    >>> _known("Finnish (native)"), _known("Networking"), _known("Networking, Finnish")
    (True, True, False)
    """
    if any(vocab.vocabulary(kind).lookup(text) is not None for kind in vocab.KINDS):
        return True
    if not _language_words() & set(vocab.normalise(text).split()):
        return False
    return vocab.vocabulary("languages").lookup(vocab.split_level(text)[0]) is not None


@functools.cache
def _language_words() -> frozenset[str]:
    """Every word of a built-in language name."""
    names = vocab.vocabulary("languages")
    return frozenset(word for key in names.keys for name in (key, *names.names(key))
                     for word in vocab.normalise(name).split())


_NUMBER = re.compile(r"\W*\d+(?:[.,]\d+)?\W*")
#: how an option reads as a family: not at all, by a looser reading of its words, by name
NOT, MEANT, EXACT = 0, 1, 2
#: share of an option's words a meeting mode's words must cover before it reads as that mode
MEETING_COVERAGE = 0.6


def _by_meaning(kind: str, options: list[str], other: Sequence[str] = ()) -> list[int]:
    sides = {"mentors": options, "mentees": list(other)} if other else {"mentors": options}
    readings = read_options(kind, sides)["mentors"]
    concepts = set(vocab.keys(kind))
    # an option aligned with, or left by elimination for, a concept the other form reads is
    # read as that concept as well: only a category of its own is no concept
    return [NOT if o not in readings or readings[o].key not in concepts or readings[o].method == "own"
            else EXACT if readings[o].method == "exact" else MEANT for o in options]


def _meeting_modes(options: list[str], other: Sequence[str] = ()) -> list[int]:
    groups = list(vocab.meeting_words().values())
    covered = meaning.coverage(options, groups).max(axis=1) if options else []
    return [EXACT if vocab.meeting_mode([o]) is not None else
            MEANT if share >= MEETING_COVERAGE else NOT for o, share in zip(options, covered)]


def _languages(options: list[str], other: Sequence[str] = ()) -> list[int]:
    names = vocab.vocabulary("languages")
    out = []
    for option in options:
        bare = vocab.split_level(option)[0]
        out.append(EXACT if names.lookup(bare) is not None
                   else MEANT if names.contained(bare) is not None else NOT)
    return out


def _cities(options: list[str], other: Sequence[str] = ()) -> list[int]:
    from matcher.places import municipalities  # the table is read once, when first needed

    places = municipalities()
    return [EXACT if places.resolve(o) >= 0 else NOT for o in options]


#: family -> reader of a column's options (and the other form's options of the family)
_READERS: dict[str, Callable[[list[str], Sequence[str]], list[int]]] = {
    "goals": functools.partial(_by_meaning, "goals"),
    "fields": functools.partial(_by_meaning, "fields"),
    "meeting_modes": _meeting_modes, "languages": _languages, "cities": _cities}
