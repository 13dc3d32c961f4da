"""A mother-tongue question asked apart from the other languages, read into the languages answer.

Many forms ask "Äidinkieli" / "Mother tongue" / "Modersmål" in a column of its own, answered with
a language name alone ("arabia", "Somali"), and then "Muut kielet ja taso" / "Other languages"
beside it. A mother tongue is a language the person speaks, at native level: read as a column of
its own it would be lost, and a person who only filled it in would have no language at all.

:func:`fold_mother_tongue` finds such a column by what it is, not by a list of forms:

- its **header** reads as the native level (:func:`matcher.vocab.language_level` gives 4 for
  "Mikä on äidinkielesi?", "What is your first language?", "Vad är ditt modersmål?");
- its **cells** are language names without a level (:data:`LANGUAGE_SHARE` of the filled ones
  read as a language by :func:`matcher.vocab.vocabulary`).

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

import re

import pandas as pd

from matcher import vocab
from matcher.grids import join_answers, joiner_of

#: least share of a column's filled cells that must name a language (the mother-tongue column's
#: and the languages question's)
LANGUAGE_SHARE = 0.6
#: what separates two mother tongues in one cell ("suomi ja ruotsi", "Arabic / French")
_BETWEEN = re.compile(r"\s*[,;/&\n]\s*|\s+(?:ja|and|och|sekä|samt)\s+", re.IGNORECASE)
#: the level written after each mother tongue (read as native by every language's reader)
NATIVE = "native"


def fold_mother_tongue(table: pd.DataFrame) -> pd.DataFrame:
    """The table with a mother-tongue column read into its languages question (see the module
    docstring); the index, the other columns and ``attrs`` are kept. A table without one is
    returned as it is."""
    headers = [str(h) for h in table.columns]
    mother = next((h for h in headers if _mother_tongue(table[h], h)), None)
    if mother is None:
        return table
    shares = {h: _language_share(table[h]) for h in headers if h != mother}
    partner = max((h for h, share in shares.items() if share >= LANGUAGE_SHARE),
                  key=lambda h: (shares[h], -abs(headers.index(h) - headers.index(mother))), default=None)
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


def _mother_tongue(column: pd.Series, header: str) -> bool:
    """True when a column asks the mother tongue: its header reads as the native level and its
    filled cells are language names without a level."""
    if vocab.language_level(header) != 4:
        return False
    cells = [c for c in column.dropna().astype(str) if c.strip()]
    return bool(cells) and all(vocab.split_level(c)[1] is None for c in cells) \
        and _language_share(column) >= LANGUAGE_SHARE


def _language_share(column: pd.Series) -> float:
    """The share of a column's filled cells whose first part names a language ("suomi",
    "Finnish (native), English" both do; "ICT" does not)."""
    cells = [c for c in column.dropna().astype(str) if c.strip()]
    if not cells:
        return 0.0
    languages = vocab.vocabulary("languages")
    named = sum(languages.lookup(vocab.split_level(_BETWEEN.split(c.strip())[0])[0]) is not None
                for c in cells)
    return named / len(cells)


def _native(cell: object) -> tuple[str, ...]:
    """A mother-tongue cell as languages at native level: ``"suomi ja ruotsi"`` ->
    ``("suomi (native)", "ruotsi (native)")``; none for an empty cell.

    >>> _native("suomi ja ruotsi"), _native(None)
    (('suomi (native)', 'ruotsi (native)'), ())
    """
    if not isinstance(cell, str):
        return ()
    return tuple(f"{p} ({NATIVE})" for p in _BETWEEN.split(cell.strip()) if p and any(ch.isalnum() for ch in p))
