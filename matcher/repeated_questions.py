"""A question asked again in several sections of a form, folded back into one column.

Google Forms with sections routes each person to one section, and a section may repeat a
question of another ("Languages" for students and again for job-seekers): the export then holds
the header twice, which the reader names ``"Languages"`` and ``"Languages (2)"``
(:func:`matcher.readers._unique_headers`; pandas' own ``"Languages.1"`` is read the same). Read
column by column, each copy holds the answers of only some people, and the copy detection picks
leaves the others with no answer.

:func:`fold_repeated_questions` merges the copies of a header the reader saw repeated
(``attrs["duplicate_headers"]``) into the first one, each person's answer taken from whichever copy
they filled, when the copies were answered by different people: fewer than :data:`SHARED_SHARE`
of the people who answered any copy answered more than one. Copies most people filled alike
(Typeform's bare option columns of two checkbox questions, both named "Finnish") are two
questions, and are left apart. A person who filled two copies differently keeps the first copy's
answer; their rows are in ``attrs["repeated_conflicts"]`` (header -> spreadsheet rows), a data
issue for the coordinator, not a reason to stop.

Example
-------
>>> import pandas as pd
>>> table = pd.DataFrame({"Email": ["a@x.fi", "b@x.fi", "c@x.fi"],
...     "Languages": ["Finnish", None, None], "Languages (2)": [None, "English", None]})
>>> table.attrs["duplicate_headers"] = {"Languages": 2}
>>> folded = fold_repeated_questions(table)
>>> list(folded.columns), folded["Languages"].tolist()
(['Email', 'Languages'], ['Finnish', 'English', nan])
"""

from __future__ import annotations

import re

import pandas as pd

#: most of the people answering any copy who may answer two of them, for the copies to be one
#: question routed by sections (a few fill both when they go back and change their route)
SHARED_SHARE = 0.25

_COPY = re.compile(r"^(?P<header>.+?)(?: \((?P<n>\d+)\)|\.(?P<dot>\d+))$")


def copies_of(columns: list[str], header: str) -> list[str]:
    """The columns that are ``header`` or a numbered copy of it, in column order.

    >>> copies_of(["Name", "Languages", "Goals", "Languages (2)", "Languages.1", "Languages 2"], "Languages")
    ['Languages', 'Languages (2)', 'Languages.1']
    """
    out = []
    for column in columns:
        match = _COPY.match(column)
        if column == header or (match is not None and match["header"] == header):
            out.append(column)
    return out


def _answered(column: pd.Series) -> pd.Series:
    return column.notna() & column.astype(str).str.strip().ne("")


def fold_repeated_questions(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with the copies of each repeated question routed by sections folded into the
    first copy (see the module docstring); anything else unchanged."""
    repeated = table.attrs.get("duplicate_headers", {})
    out = table
    conflicts: dict[str, list[int]] = {}
    for header in repeated:
        copies = copies_of([str(c) for c in out.columns], header)
        if len(copies) < 2:
            continue
        answered = pd.concat([_answered(out[c]) for c in copies], axis=1, ignore_index=True)
        anyone = int(answered.any(axis=1).sum())
        several = answered.sum(axis=1) > 1
        if not anyone or several.sum() >= SHARED_SHARE * anyone:
            continue
        values = out[copies].where(answered.to_numpy())
        merged = values.bfill(axis=1).iloc[:, 0]
        first = merged.astype(str).str.strip()
        differs = pd.concat([answered[i] & values[c].astype(str).str.strip().ne(first)
                             for i, c in enumerate(copies)], axis=1).any(axis=1)
        clash = [int(row) for row in out.index[differs.to_numpy()]]
        if clash:
            conflicts[header] = clash
        out = out.drop(columns=copies[1:]).assign(**{copies[0]: merged})
    if out is table:
        return table
    out.attrs.update(table.attrs)
    out.attrs["repeated_conflicts"] = {**table.attrs.get("repeated_conflicts", {}), **conflicts}
    return out
