"""Ranked-choice questions: a person's choices in their order, spread over columns, folded into one
multi-select answer.

Forms ask a ranked choice in two shapes, and read column by column neither is found as one
question (three unrelated goals columns, or a number field per option):

- **one column per place**, each holding one option: "Tavoite 1" / "Tavoite 2" / "Tavoite 3",
  "Goal – 1st choice" / "Goal – 2nd choice", "Mål (förstahandsval)" / "Mål (andrahandsval)",
  "Toive: 1. vaihtoehto". The headers share their question and differ in a place
  (:func:`place`: a number, "1st", "first", "ensimmäinen", "första", "förstahandsval"), which
  runs 1, 2, 3... in the form's order, and their cells are options the people share (at least
  :data:`SHARED_OPTIONS` of the filled cells are answered elsewhere in the run too);
- **one column per option holding its rank** (Google Forms' and SurveyMonkey's ranking
  questions, a ranking grid): "Rank the topics [Networking]" = "1", "Rangordna ämnena - CV" =
  "2". The headers share their question and differ in an option that names no language (a
  languages grid answered 1–5 rates, it does not rank); every filled cell is a whole number
  from 1, and each person's numbers are 1, 2, ... k without a gap or a repeat (at least
  :data:`RANKED_SHARE` of the people ranking two or more): a rating grid's people give one
  number to several rows.

:func:`fold_ranked` puts each into one column, the shared question with ``*`` for the place or
the option ("Tavoite *", "Rank the topics [*]"), its cells the options in the person's order,
each followed by ``";"`` as a Microsoft Forms multi-select writes them (so a Forms "Ranking"
question exported as one ";"-joined column reads alike); an option chosen at two places counts
once. The scoring treats the goals as a set (every chosen goal counts alike): the order is kept
in the answer. A Microsoft Forms "Ranking" question exported as one column is a multi-select
already and is left as it is. What was folded is in ``attrs["folded"]`` (``"how": "grid"``,
``"kind": "places"`` or ``"ranks"``), which ``matcher init`` prints.

Example
-------
>>> import pandas as pd
>>> table = pd.DataFrame({"Email": ["a@x.fi", "b@x.fi", "c@x.fi"],
...     "Tavoite 1": ["CV", "Verkostot", "CV"], "Tavoite 2": ["Verkostot", None, "Yrittäjyys"],
...     "Rank [CV]": ["2", "1", None], "Rank [Verkostot]": ["1", None, "1"], "Rank [Yrittäjyys]": [None, "2", "2"]})
>>> folded = fold_ranked(table)
>>> list(folded.columns)
['Email', 'Tavoite *', 'Rank [*]']
>>> folded["Tavoite *"].tolist(), folded["Rank [*]"].tolist()
(['CV;Verkostot;', 'Verkostot;', 'CV;Yrittäjyys;'], ['Verkostot;CV;', 'CV;Yrittäjyys;', 'Verkostot;Yrittäjyys;'])
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import pandas as pd

from matcher import vocab
from matcher.grids import MIN_ROWS, Folded, put_folded, row_labels

#: least share of a place run's filled cells answered in another cell of the run too: options
#: the people share, not each one's own text ("Address line 1 / 2")
SHARED_OPTIONS = 0.5
#: least share of the people ranking two or more options whose ranks run 1, 2, ... k
RANKED_SHARE = 0.9
#: ordinal words by place, folded (:func:`matcher.vocab.normalise`), in English, Finnish and
#: Swedish; a compound starting with one names the place too ("förstahandsval", "ensisijainen")
ORDINALS = {1: ("first", "ensimmainen", "ensisijainen", "forsta"),
            2: ("second", "toinen", "toissijainen", "andra"),
            3: ("third", "kolmas", "tredje"), 4: ("fourth", "neljas", "fjarde"),
            5: ("fifth", "viides", "femte")}
#: a place as a number: "1", "1.", "1st", "2nd", "3rd", "4th", Swedish "1:a", "3:e"
_NUMBERED = re.compile(r"^\s*(\d{1,2})\s*(?:\.|st|nd|rd|th|:a|:e)?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Ranked:
    """One ranked-choice question found in a table."""

    #: the folded column's header, the shared question with ``*`` for the place or option
    header: str
    #: its columns in the form's order, and each one's place (``places``) or option (``ranks``)
    columns: tuple[str, ...]
    labels: tuple[str, ...]
    #: ``places`` (a column per place, an option in each) or ``ranks`` (a column per option,
    #: its rank in each)
    kind: str


def place(label: str) -> int | None:
    """The place a header's part names ("1", "2nd", "first", "toinen", "förstahandsval"), else None.

    >>> [place(w) for w in ("1", "2nd", "3:e", "first", "Toinen", "förstahandsval", "Suomi", "10 CV")]
    [1, 2, 3, 1, 2, 1, None, None]
    """
    numbered = _NUMBERED.match(label)
    if numbered:
        return int(numbered[1])
    words = vocab.normalise(label).split()
    if len(words) != 1:
        return None
    return next((n for n, names in ORDINALS.items() if any(words[0].startswith(w) for w in names)), None)


def find_ranked(table: pd.DataFrame) -> list[Ranked]:
    """The ranked-choice questions of a table (see the module docstring), in column order.

    >>> find_ranked(pd.DataFrame({"Address line 1": ["Katu 1", "Tie 2"], "Address line 2": ["A 3", None]}))
    []
    """
    headers = [str(h) for h in table.columns]
    found: list[Ranked] = []
    start = 0
    while start < len(headers):
        best = None
        for stop in range(start + MIN_ROWS, len(headers) + 1):
            shared = row_labels(headers[start:stop])
            if shared is None:
                break
            question, labels, end = shared
            # the headers share a question: words, not a number or punctuation alone
            kind = _kind(table, headers[start:stop], labels) if re.search(r"[^\W\d]", question + end) else None
            if kind is None:
                break
            best = Ranked(f"{question}*{end}", tuple(headers[start:stop]), labels, kind)
        if best is not None and _chosen_alike(table, best):
            found.append(best)
            start += len(best.columns)
        else:
            start += 1
    return found


def _kind(table: pd.DataFrame, headers: list[str], labels: tuple[str, ...]) -> str | None:
    """``places`` when the labels are the places 1, 2, ... in order, ``ranks`` when every
    filled cell is a whole number (and the labels name no language), else None."""
    if [place(label) for label in labels] == list(range(1, len(labels) + 1)):
        return "places"
    cells = _filled(table[headers]).stack()
    languages = vocab.vocabulary("languages")
    if cells.empty or not cells.str.fullmatch(r"[1-9]\d?").all() or \
            sum(languages.lookup(label) is not None for label in labels) * 2 >= len(labels):
        return None
    return "ranks"


def _filled(cells: pd.DataFrame) -> pd.DataFrame:
    return cells.astype("string").apply(lambda c: c.str.strip()).replace("", pd.NA)


def _chosen_alike(table: pd.DataFrame, ranked: Ranked) -> bool:
    """Whether a run's cells answer a ranked choice: shared options in a place run, ranks 1..k
    in a rank run (see the module docstring)."""
    cells = _filled(table[list(ranked.columns)])
    if ranked.kind == "places":
        values = cells.stack()
        if values.empty or (cells.notna().sum() > 0).sum() < MIN_ROWS or \
                values.str.fullmatch(r"[\d.,\s]+").any():
            return False
        # an answer given in two cells of the run or more is an option the people share
        counts = Counter(values)
        return sum(counts[v] > 1 for v in values) >= SHARED_OPTIONS * len(values)
    ranks = [sorted(int(v) for v in line.dropna()) for _, line in cells.iterrows()]
    several = [r for r in ranks if len(r) >= 2]
    return bool(several) and sum(r == list(range(1, len(r) + 1)) for r in several) >= RANKED_SHARE * len(several)


def _fold(table: pd.DataFrame, ranked: Ranked) -> pd.Series:
    """Each person's options in their order, each followed by ";", an option at two places once."""
    cells = _filled(table[list(ranked.columns)])
    answers = []
    for _, line in cells.iterrows():
        if ranked.kind == "places":
            chosen = [str(v) for v in line if not pd.isna(v)]
        else:
            chosen = [label for _, label in sorted((int(v), label) for v, label in zip(line, ranked.labels)
                                                   if not pd.isna(v))]
        answers.append("".join(f"{option};" for option in dict.fromkeys(chosen)))
    return pd.Series(answers, index=table.index, dtype=object)


def fold_ranked(table: pd.DataFrame) -> pd.DataFrame:
    """The table with each ranked-choice question (see the module docstring) replaced by one
    multi-select column at its first column's place; the index, the other columns and ``attrs``
    are kept. A table without one is returned as it is."""
    found = find_ranked(table)
    if not found:
        return table
    return put_folded(table, [Folded(r.header, r.columns, _fold(table, r),
                                     {"header": r.header, "columns": list(r.columns),
                                      "options": list(r.labels), "how": "grid", "kind": r.kind})
                              for r in found], clash="ranked")
