"""Language level columns: one column per language, its level in the cell, folded into one
languages answer per person.

Some forms ask a level per language in a column of its own: "Finnish level: 1-5" = "4",
"English skills" = "Fluent", "Ruotsin kielen taso (1-5)" = "3", "Svenska (CEFR)" = "B2". A
column is such a **level column** when its header, its scale ("1-5", "(0–5)") and the words
that frame a language or a level aside ("level", "taso", "kielen", "skills":
:data:`matcher.vocab.languages.FRAME_WORDS`), names one language
(:class:`matcher.vocab.languages.LanguageVocabulary`: names, codes, inflections, abbreviations)
and at least :data:`matcher.grids.SHARED` of its answered cells are levels (:func:`matcher.vocab.language_level`,
or a number: on the header's scale, else on 0 to :data:`matcher.vocab.DEFAULT_SCALE`).

:func:`fold_level_columns` puts a table's level columns into one column, :data:`FOLDED_HEADER`, whose
cells read like any languages answer: ``"Finnish (4/5);English (Fluent);"``, a number written
on its scale so :func:`matcher.vocab.read_level` reads it there. An empty cell, one that
declines the language ("Ei", "None") or the bottom of a scale starting at 0 means the person
does not use the language.

Example
-------
>>> import pandas as pd
>>> table = pd.DataFrame({"Email": ["a@x.fi", "b@x.fi"],
...     "Finnish level: 1-5": ["5", "2"], "Englannin kielen taso": ["Sujuva", ""],
...     "Years in Finland": ["3", "10"]})
>>> folded = fold_level_columns(table)
>>> list(folded.columns)
['Email', 'Language levels [*]', 'Years in Finland']
>>> folded["Language levels [*]"].tolist()
['Finnish (5/5);Englannin (Sujuva);', 'Finnish (2/5);']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from matcher import vocab
from matcher.grids import DECLINING, SHARED, Folded, join_answers, joiner_of, put_folded, row_labels

#: the folded column's header
FOLDED_HEADER = "Language levels [*]"
#: a scale in a header: "1-5", "(0–5)", "1..5", "1 to 5", "asteikolla 1–5"
_SCALE = re.compile(r"[(\[]?\s*\b(\d{1,2})\s*(?:-|–|—|\.\.|to)\s*(\d{1,2})\b\s*[)\]]?", re.IGNORECASE)


@dataclass(frozen=True)
class LevelColumn:
    """One level column: its header, the language part of it as written, and its scale."""

    header: str
    language: str
    #: (lowest, highest) of the header's scale, or None
    scale: tuple[int, int] | None


def level_column(header: str, cells: pd.Series, label: str | None = None) -> LevelColumn | None:
    """``header``'s column as a level column (see the module docstring), or None; ``label``, the
    part of the header naming its row where neighbouring columns share the rest (:func:`level_runs`),
    is read for the language instead of the whole header.

    >>> level_column("Ruotsin kielen taso (1-5)", pd.Series(["3", "5", None]))
    LevelColumn(header='Ruotsin kielen taso (1-5)', language='Ruotsin', scale=(1, 5))
    >>> level_column("Capacity", pd.Series(["1", "2"])), level_column("English", pd.Series(["Yes"]))
    (None, None)
    """
    scale_found = _SCALE.search(header)
    scale = (int(scale_found[1]), int(scale_found[2])) if scale_found else None
    if scale is not None and scale[1] <= scale[0]:
        return None
    rest = header[:scale_found.start()] + " " + header[scale_found.end():] if scale_found else header
    language = _language_named(rest if label is None else label)
    if language is None:
        return None
    answered = cells.dropna().astype(str).str.strip()  # read exports are text; a test's may not be
    answered = answered[answered != ""]
    if answered.empty:
        return None
    top = scale[1] if scale else vocab.DEFAULT_SCALE
    levels = answered.map(lambda v: _number_on(v, top) is not None or vocab.language_level(v) is not None
                          or bool(set(vocab.normalise(v).split()) & DECLINING))
    return LevelColumn(header, language, scale) if levels.mean() >= SHARED else None


def _language_named(text: str) -> str | None:
    """The words of ``text`` naming one language, once the words framing a language or a level
    and a question's code or number ("Q7_3", "4.") are set aside; None when they name none.

    >>> _language_named("Q7_3 Ruotsi (taso)"), _language_named("4. Languages / swedish")
    ('Ruotsi', 'swedish')
    >>> _language_named("How well do you speak Finnish?")
    """
    from matcher.vocab.languages import FRAME_WORDS

    words = [w for w in re.findall(r"[\w.]+", text) if vocab.normalise(w)
             and vocab.normalise(w) not in FRAME_WORDS and not any(c.isdigit() for c in w)]
    if not words or len(words) > 2:
        return None
    language = " ".join(words)
    return language if vocab.vocabulary("languages").lookup(language) is not None else None


def level_runs(table: pd.DataFrame) -> list[LevelColumn]:
    """The level columns of a table: runs of neighbouring columns of levels whose headers share
    a question and differ in a language ("Language proficiency: Finnish", "How well do you speak
    Finnish? (1-5)", "Q7_1 Suomi", "7. Kielet / svenska": :func:`matcher.grids.row_labels`),
    then any other column whose header alone names one language (:func:`level_column`).

    >>> table = pd.DataFrame({"How well do you speak Finnish?": ["5", "3"],
    ...                       "How well do you speak Somali?": ["", "5"], "Capacity": ["1", "2"]})
    >>> [(c.header, c.language) for c in level_runs(table)]
    [('How well do you speak Finnish?', 'Finnish'), ('How well do you speak Somali?', 'Somali')]
    """
    headers = [str(h) for h in table.columns]
    found: list[LevelColumn] = []
    start = 0
    while start < len(headers):
        run: list[LevelColumn] = []
        for stop in range(start + 2, len(headers) + 1):
            shared = row_labels(headers[start:stop])
            columns = [level_column(h, table[h], label) for h, label in zip(headers[start:stop], shared[1])] \
                if shared else []
            if not columns or None in columns:
                break
            run = [c for c in columns if c is not None]
        if run:
            found += run
            start += len(run)
            continue
        single = level_column(headers[start], table[headers[start]])
        found += [single] if single else []
        start += 1
    return found


def fold_other_languages(table: pd.DataFrame) -> pd.DataFrame:
    """The table with a languages question asked beside a folded languages grid or level
    columns (``attrs["folded"]`` of kind ``languages`` or ``levels``) read into the folded
    column: a column most of whose cells name languages (:data:`matcher.mother_tongue.LANGUAGE_SHARE`)
    with a level (:data:`matcher.mother_tongue.LEVELLED_SHARE`), "Other languages" beside
    "Finnish level", so a person's languages are one answer. Each of its answers goes after the
    folded ones, ";" after each; recorded in ``attrs["folded"]`` (``"how": "languages"``). A
    language question without levels (the language to meet in, a nationality) is left alone.

    >>> table = pd.DataFrame({"Language levels [*]": ["Finnish (4/5);", "", "Finnish (2/5);"],
    ...                       "Other languages": ["English (C1), Somali (native)", "Arabic (B2)", None]})
    >>> table.attrs["folded"] = [{"header": "Language levels [*]", "how": "grid", "kind": "levels"}]
    >>> fold_other_languages(table)["Language levels [*]"].tolist()
    ['Finnish (4/5);English (C1);Somali (native);', 'Arabic (B2);', 'Finnish (2/5);']
    """
    from matcher.mother_tongue import LANGUAGE_SHARE, LEVELLED_SHARE, read_languages

    folded = [f["header"] for f in table.attrs.get("folded", []) if f.get("kind") in ("languages", "levels")
              and f["header"] in table.columns]
    if len(folded) != 1:
        return table
    into = folded[0]
    others = [h for h in table.columns if h != into and not any(h in f.get("columns", ()) for f in
                                                                table.attrs.get("folded", []))]
    partners = [h for h in others if (read := read_languages(table[h])).names_languages(LANGUAGE_SHARE)
                and read.levelled >= LEVELLED_SHARE]
    if not partners:
        return table
    out = table.drop(columns=partners)
    parts = [table[into].fillna("").astype(str)]
    for partner in partners:
        joiner = joiner_of(table[partner]) or ";"
        parts.append(table[partner].map(lambda v, j=joiner: "".join(
            f"{p.strip()};" for p in v.split(j) if p.strip()) if isinstance(v, str) else ""))
    out[into] = [join_answers(cells, "") for cells in zip(*parts)]
    out.attrs.update(table.attrs)
    out.attrs["folded"] = [*table.attrs.get("folded", []),
                           *({"header": into, "columns": [partner, into], "options": [], "how": "languages"}
                             for partner in partners)]
    return out


def _number_on(value: str, top: int) -> float | None:
    """``value`` as a number from 0 to ``top``, else None."""
    try:
        number = float(value.replace(",", "."))
    except ValueError:
        return None
    return number if 0 <= number <= top else None


def _cell(column: LevelColumn, value: object) -> str:
    """One person's answer of one level column as a languages option ("Finnish (4/5)"), or ""
    when the person does not use the language."""
    text = "" if pd.isna(value) else str(value).strip()
    if not text:
        return ""
    top = column.scale[1] if column.scale else vocab.DEFAULT_SCALE
    number = _number_on(text, top)
    if number is not None:
        # the bottom of a scale from 0 is no skill; a scale from 1 starts at basic
        return "" if number <= 0 else f"{column.language} ({text}/{top})"
    if vocab.language_level(text) is None and set(vocab.normalise(text).split()) & DECLINING:
        return ""
    return f"{column.language} ({text})"


def fold_level_columns(table: pd.DataFrame) -> pd.DataFrame:
    """The table with its level columns (see the module docstring) replaced by one column,
    :data:`FOLDED_HEADER`, at the first one's place; recorded in ``attrs["folded"]`` as a grid of kind
    ``levels``. A table without level columns is returned as it is."""
    found = level_runs(table)
    if not found:
        return table
    cells = pd.Series(["".join(f"{option};" for option in options if option)
                       for options in zip(*(table[c.header].map(lambda v, c=c: _cell(c, v))
                                            for c in found))],
                      index=table.index, dtype=object)
    return put_folded(table, [Folded(FOLDED_HEADER, tuple(c.header for c in found), cells,
                                     {"header": FOLDED_HEADER, "columns": [c.header for c in found],
                                      "options": [c.language for c in found], "how": "grid",
                                      "kind": "levels"})], clash="levels")
