"""Grid (matrix) questions: one column per row of the grid, folded back into one answer per person.

Forms export a grid question as one column per row: Google Forms as ``"Question [Row]"``
("Language skills [Finnish]" = "Native"; "How important is this to you? [Networking]" = "Very
important"), Microsoft Forms as ``"Question.Row"``. Read column by column, a languages grid is
a set of columns of level words that name no language, and an importance grid a set of
columns of "Very important" that name no goal. :func:`fold_grids` finds them and puts each grid
back into one column, ``"Question [*]"`` (``"Question.*"``), whose cells read like a
multi-select answer, so column detection, the answer reading and intake treat it as they treat
any other choice question:

- a **languages grid** (most of its rows name a language) becomes ``"Finnish (Native);English
  (Good);"``: each row answered with a level, and the level as written (read later by
  :func:`matcher.vocab.read_level`, so "Äidinkieli", "C1" and "4/5" all read);
- any other grid whose columns share one short answer scale (importance, agreement, yes/no, a
  number scale) becomes the rows the person chose, **most important first**: a row whose
  answer declines it ("Not important", "Ei lainkaan tärkeä", "Inte viktigt", "No", the bottom
  of a number scale) or is empty is not chosen. Rows rated alike keep the form's order.

A group of ``"Section [item]"`` columns that are different questions ("Profile [Line of work]",
"Profile [Story]") shares no answer scale and is left as it is.

Example
-------
>>> import pandas as pd
>>> table = pd.DataFrame({"Email": ["a@x.fi", "b@x.fi"],
...     "Language skills [Finnish]": ["Native", ""], "Language skills [English]": ["Good", "Basic"],
...     "How important? [Networking]": ["Important", "Not important"],
...     "How important? [CV]": ["Very important", "Important"]})
>>> folded = fold_grids(table)
>>> list(folded.columns)
['Email', 'Language skills [*]', 'How important? [*]']
>>> folded["Language skills [*]"].tolist(), folded["How important? [*]"].tolist()
(['Finnish (Native);English (Good);', 'English (Basic);'], ['CV;Networking;', 'CV;'])
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from matcher import vocab

#: the two ways Forms name a grid's row columns: Google "Question [Row]", Microsoft "Question.Row"
_GOOGLE = re.compile(r"^(?P<stem>.*\S)\s*\[(?P<row>[^\[\]]*\S[^\[\]]*)\]\s*$")
_MICROSOFT = re.compile(r"^(?P<stem>[^.]*[^.\s])\.(?P<row>\s*\S.*)$")
#: a grid has at least this many row columns
MIN_ROWS = 2
#: most distinct answers a grid's scale has (over all its columns)
MAX_SCALE = 12
#: most words in one answer of a scale ("Somewhat important", "Ei lainkaan tärkeä")
SCALE_WORDS = 5
#: share of a grid's answered cells that must be on the shared scale (an answer given in at
#: least half of its columns)
SHARED = 0.8
#: share of a languages grid's rows that must name a language
LANGUAGE_ROWS = 0.5
#: words that decline a row ("Not important", "Ei tärkeä", "Inte viktigt", "No", "Never")
DECLINING = frozenset({"not", "no", "none", "never", "nothing", "unimportant", "irrelevant",
                       "ei", "en", "eivat", "lainkaan", "tarpeeton", "epaoleellinen",
                       "inte", "nej", "ingen", "aldrig", "oviktig", "ovasentlig"})
#: words that raise a rating ("Very important", "Erittäin tärkeä", "Mycket viktigt")
RAISING = frozenset({"very", "really", "extremely", "most", "essential", "crucial", "erittain",
                     "todella", "tosi", "hyvin", "tarkein", "mycket", "valdigt", "jatte",
                     "viktigast"})
#: words that lower one ("Somewhat important", "Jonkin verran tärkeä", "Ganska viktigt")
LOWERING = frozenset({"somewhat", "slightly", "little", "fairly", "partly", "bit", "maybe",
                      "melko", "jonkin", "verran", "hieman", "vahan", "ehka", "osittain",
                      "ganska", "nagot", "lite", "kanske", "delvis"})
_RATING_WORDS = DECLINING | RAISING | LOWERING


@dataclass(frozen=True)
class Grid:
    """One grid question found in a table."""

    #: the folded column's header, ``"Question [*]"`` or ``"Question.*"``
    header: str
    #: the row columns' headers, in the form's order, and each one's row label
    columns: tuple[str, ...]
    rows: tuple[str, ...]
    #: ``languages`` (rows name languages, cells are levels) or ``choice``
    kind: str
    #: the columns of a choice grid whose cells are a person's own text, no answer of the scale
    #: (LimeSurvey's "[other]", "Other, what?"): the text is the person's row, as typed
    typed: tuple[str, ...] = ()


def find_grids(table: pd.DataFrame) -> list[Grid]:
    """The grid questions of a table (see the module docstring), in column order.

    >>> table = pd.DataFrame({"Profile [Line of work]": ["ICT", "Health", "Law"],
    ...                       "Profile [Story]": ["I code.", "I nurse people.", "I argue."]})
    >>> find_grids(table)
    []
    """
    groups: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for header in map(str, table.columns):
        for style, pattern in (("google", _GOOGLE), ("microsoft", _MICROSOFT)):
            found = pattern.match(header)
            # "Name.1" is how a reader renames a repeated header, not a grid row, and "4. Which
            # goals?" a numbered question, not row " Which goals?" of a grid "4"
            if found and not (style == "microsoft" and (found["row"].strip().isdigit()
                                                        or found["stem"].strip().isdigit())):
                groups.setdefault((style, found["stem"].strip()), []).append(
                    (header, found["row"].strip()))
                break
    grids = []
    for (style, stem), members in groups.items():
        if len(members) < MIN_ROWS:
            continue
        headers = tuple(h for h, _ in members)
        kind = _grid_kind(table[list(headers)], tuple(r for _, r in members))
        typed: tuple[str, ...] = ()
        rated = members
        if kind != "languages":
            # a choice grid's "other" column, the person's own text, is no row of the scale
            own = _typed_columns(table[list(headers)])
            rest = [(h, r) for h, r in members if h not in own]
            if own and len(rest) >= MIN_ROWS and _grid_kind(
                    table[[h for h, _ in rest]], tuple(r for _, r in rest)) == "choice":
                kind, typed, rated = "choice", own, rest
        if kind is not None:
            folded = f"{stem} [*]" if style == "google" else f"{stem}.*"
            grids.append(Grid(folded, tuple(h for h, _ in rated), tuple(r for _, r in rated), kind,
                              typed))
    return grids


def _typed_columns(cells: pd.DataFrame) -> tuple[str, ...]:
    """The columns of a would-be grid holding only a person's own text: each of their answers
    is given in no other column, rates nothing ("Very important"), is no number and shares no
    word with an answer given in several columns (the scale: "Important" beside "Very
    important"), and there are other columns whose answers are shared.

    >>> cells = pd.DataFrame({"Q [A]": ["Yes", "", "Yes"], "Q [B]": ["", "Yes", "Yes"],
    ...                       "Q [Other]": ["Sauna", "", "Fishing and forests"]})
    >>> _typed_columns(cells)
    ('Q [Other]',)
    >>> _typed_columns(cells.assign(**{"Q [Other]": ["Yes, surely", "", ""]}))
    ()
    """
    answered = _answered(cells)
    given_in: dict[str, set[str]] = {}
    for header in cells.columns:
        for value in answered[header].dropna().unique():
            given_in.setdefault(value, set()).add(header)
    scale = {w for value, where in given_in.items() if len(where) > 1 for w in vocab.normalise(value).split()}

    def own(value: str) -> bool:
        words = set(vocab.normalise(value).split())
        return len(given_in[value]) == 1 and _number(value) is None and not words & (_RATING_WORDS | scale)
    typed = tuple(h for h in cells.columns
                  if answered[h].notna().any() and all(own(v) for v in answered[h].dropna().unique()))
    return typed if len(typed) < len(cells.columns) else ()


def _answered(cells: pd.DataFrame) -> pd.DataFrame:
    return cells.astype("string").apply(lambda c: c.str.strip()).replace("", pd.NA)


def _grid_kind(cells: pd.DataFrame, rows: tuple[str, ...]) -> str | None:
    """``languages``, ``choice`` or None (no grid: the columns share no short answer scale)."""
    answered = _answered(cells)
    values = answered.stack().dropna()
    if values.empty:
        return None
    if values.nunique() > MAX_SCALE or values.map(lambda v: len(str(v).split())).max() > SCALE_WORDS:
        return None
    languages = vocab.vocabulary("languages")
    if sum(languages.lookup(r) is not None for r in rows) >= LANGUAGE_ROWS * len(rows):
        # a languages grid: its cells are levels (or decline the language)
        levels = values.map(lambda v: vocab.language_level(v) is not None
                            or bool(set(vocab.normalise(v).split()) & DECLINING))
        return "languages" if levels.mean() >= SHARED else None
    # an answer of the scale is one given in two columns or more, and in half of them
    columns_with = pd.Series({v: int((answered == v).any().sum()) for v in values.unique()})
    shared = set(columns_with.index[(columns_with >= 2) & (columns_with * 2 >= len(rows))])
    # or one that rates by its words ("Very important" given in one column only), or a number
    # of a grid answered in numbers alone
    numbers = values.map(lambda v: _number(v) is not None)
    rated = values.map(lambda v: bool(set(vocab.normalise(v).split()) & _RATING_WORDS)) \
        | numbers.all()
    return "choice" if (values.isin(shared) | rated).mean() >= SHARED else None


def rating(value: object, scale: tuple[float, float] | None = None) -> int:
    """How strongly one cell of a choice grid chooses its row: 0 not at all (empty, or an answer
    that declines it), else 1 (somewhat) to 3 (very); numbers by their place on ``scale``
    (lowest, highest seen), the bottom of the scale declining.

    >>> [rating(v) for v in ("Very important", "Important", "Somewhat important", "Not important",
    ...                      "Erittäin tärkeä", "Ei lainkaan tärkeä", "Ganska viktigt", "Yes", "")]
    [3, 2, 1, 0, 3, 0, 1, 2, 0]
    >>> [rating(v, (1, 5)) for v in ("1", "2", "3", "5")]
    [0, 1, 2, 3]
    """
    if not isinstance(value, str) or not value.strip():
        return 0
    number = _number(value)
    if number is not None and scale is not None:
        low, high = scale
        if high <= low:
            return 2
        share = (number - low) / (high - low)
        return 0 if share <= 0 else 1 + min(2, int(share * 3))
    words = set(vocab.normalise(value).split())
    if words & DECLINING:
        return 0
    return 3 if words & RAISING else 1 if words & LOWERING else 2


def _number(value: str) -> float | None:
    try:
        return float(value.strip().replace(",", "."))
    except ValueError:
        return None


def fold_grids(table: pd.DataFrame) -> pd.DataFrame:
    """The table with each grid question's row columns replaced by one folded column (see the
    module docstring); the index, the other columns and ``attrs`` are kept, and each grid is
    recorded in ``attrs["folded"]`` (``{"header", "columns", "options", "how": "grid", "kind"}``). A table without grids
    is returned as it is."""
    grids = find_grids(table)
    if not grids:
        return table
    return put_folded(table, [Folded(g.header, g.columns + g.typed, _fold(table, g),
                                     {"header": g.header, "columns": list(g.columns + g.typed),
                                      "options": list(g.rows), "how": "grid", "kind": g.kind}
                                     | ({"typed": list(g.typed)} if g.typed else {}))
                              for g in grids], clash="grid")


@dataclass(frozen=True)
class Folded:
    """One question spread over several columns (``columns``), folded into one answer per
    person (``cells``) under ``header``; ``record`` is what ``attrs["folded"]`` keeps of it."""

    header: str
    columns: tuple[str, ...]
    cells: pd.Series
    record: dict


def put_folded(table: pd.DataFrame, folds: list[Folded], clash: str) -> pd.DataFrame:
    """``table`` with each fold's columns replaced by its cells at its first column's place,
    under its header (``"header (clash)"`` where the table already has that header); the index,
    the other columns and ``attrs`` are kept, and each fold's record is appended to
    ``attrs["folded"]``."""
    first = {fold.columns[0]: fold for fold in folds}
    dropped = {h for fold in folds for h in fold.columns}
    out = {}
    for header in table.columns:
        if header in first:
            fold = first[header]
            out[fold.header if fold.header not in table.columns else f"{fold.header} ({clash})"] = fold.cells
        elif header not in dropped:
            out[header] = table[header]
    result = pd.DataFrame(out, index=table.index)
    result.attrs.update(table.attrs)
    result.attrs["folded"] = [*table.attrs.get("folded", []), *(fold.record for fold in folds)]
    return result


def _fold(table: pd.DataFrame, grid: Grid) -> pd.Series:
    """One grid's cells folded into one multi-select answer per person (";" after each)."""
    answered = _answered(table[list(grid.columns)])
    text = answered.fillna("").astype(str).to_numpy()
    if grid.kind == "languages":
        chosen = np.vectorize(_speaks, otypes=[bool])(text)
        cells = [";".join(f"{row} ({value})" for row, value, keep in zip(grid.rows, line, take)
                          if keep) for line, take in zip(text, chosen)]
    else:
        numbers = [n for n in map(_number, np.unique(text[text != ""])) if n is not None]
        scale = (min(numbers), max(numbers)) if numbers else None
        ranks = np.vectorize(lambda v: rating(v, scale), otypes=[int])(text)
        cells = []
        for line in ranks:
            # most important first; rows rated alike in the form's order (a stable sort)
            order = np.argsort(-line, kind="stable")
            cells.append(";".join(grid.rows[k] for k in order if line[k] > 0))
        cells = [";".join(filter(None, (cell, *own))) for cell, own in zip(cells, typed_texts(table, grid.typed))]
    return pd.Series([c + ";" if c else "" for c in cells], index=table.index, dtype=object)


def typed_texts(table: pd.DataFrame, columns: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Each person's own texts in ``columns`` (an "Other, what?" column of a grid or of a
    multi-select written one column per option), a ";" in them a ",", as the options they add;
    a cell of punctuation alone adds none.

    >>> typed_texts(pd.DataFrame({"Other": ["Sauna; fishing", None]}), ("Other",))
    [('Sauna, fishing',), ()]
    """
    if not columns:
        return [()] * len(table)
    answered = _answered(table[list(columns)]).fillna("").astype(str).to_numpy()
    # punctuation alone ("-", ";") says nothing
    return [tuple(v.replace(";", ",") for v in line if any(c.isalnum() for c in v)) for line in answered]


def _speaks(value: str) -> bool:
    """True when a languages grid's cell gives a level (anything but empty or "None", "Ei")."""
    if not value:
        return False
    return vocab.language_level(value) is not None or not (set(vocab.normalise(value).split())
                                                           & DECLINING)


def row_labels(headers: Sequence[str]) -> tuple[str, tuple[str, ...], str] | None:
    """What neighbouring headers of one question share and what each adds: the longest start
    and end they have in common, each cut at a word's edge, and each header's part between
    them (its row: a language, a place "1st", an option); None when a header adds nothing or
    two add the same.

    >>> row_labels(["Q7_1 Suomi (taso)", "Q7_2 Ruotsi (taso)"])
    ('Q7_', ('1 Suomi', '2 Ruotsi'), ' (taso)')
    >>> row_labels(["Mål (förstahandsval)", "Mål (andrahandsval)"])
    ('Mål (', ('förstahandsval', 'andrahandsval'), ')')
    >>> row_labels(["Tavoite 1", "Tavoite 10"]), row_labels(["Email", "Email"])
    (('Tavoite ', ('1', '10'), ''), None)
    """
    start = vocab.common_start(list(headers))
    while start and start[-1].isalnum():
        start = start[:-1]
    rests = [h[len(start):] for h in headers]
    end = vocab.common_start([r[::-1] for r in rests])[::-1]
    while end and end[0].isalnum():
        end = end[1:]
    labels = tuple(r[:len(r) - len(end)].strip() for r in rests)
    return (start, labels, end) if all(labels) and len(set(labels)) == len(labels) else None


def joiner_of(cells: pd.Series) -> str:
    """What a multi-select column puts between its options: Microsoft Forms' ";" after each
    (``""``: each option ends with its own ";"), else the first of a line break, "; ", ";", ", ",
    "," any cell holds, ", " when none does.

    >>> joiner_of(pd.Series(["CV;Networking;", "CV;"])), joiner_of(pd.Series(["CV,Networking"]))
    ('', ',')
    """
    text = cells.dropna().astype(str)
    if len(text) and text.str.endswith(";").mean() > 0.5:
        return ""
    return next((j for j in ("\n", "; ", ";", ", ", ",") if text.str.contains(j, regex=False).any()), ", ")


def join_answers(parts: tuple[str, ...] | list[str], joiner: str) -> str:
    """Answers (options, or a cell of them already joined) as one cell joined by ``joiner``
    (:func:`joiner_of`); empty parts left out.

    >>> join_answers(("CV;Networking;", "Sauna"), ""), join_answers(("", "CV", "Sauna"), ", ")
    ('CV;Networking;Sauna;', 'CV, Sauna')
    """
    kept = [p for p in parts if p]
    if not joiner:
        return "".join(p if p.endswith(";") else f"{p};" for p in kept)
    return joiner.join(kept)
