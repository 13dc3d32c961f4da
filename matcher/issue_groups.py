"""Data issues grouped by kind: one line per kind of problem and column, with its rows counted.

``Round.issues`` has one row per problem found, cell by cell: a 16,000-person round can have
thousands ("does not look like an e-mail address" in 60 rows, "read loosely as 2" in 300).
:func:`group_issues` turns them into what a coordinator reads (``matcher validate``, the
workbook's Data issues sheet, report.html, ``data_issues.csv``, ``Round.issue_groups``): one line per severity, file, column and kind of
problem, with ``count`` (how many issue rows it stands for, when more than one) and the first
:data:`SHOWN_ROWS` spreadsheet rows. The per-row list stays whole in ``data_issue_rows.csv`` of the
output folder and in ``matcher validate --format csv``. :func:`issue_counts` is the count every
output shows: matters (grouped lines) per severity and the cells they stand for.

Two issues are of one kind when their problem and suggestion read the same once every number is
set aside ("same e-mail as row 12" and "same e-mail as row 40"); where the numbers differ the
grouped text shows the first of them ("same e-mail as row 12 / 40"), then "…". Vocabulary matters (a suggestion naming a ``[vocabulary.*]`` section)
are already one line per distinct answer, with its row count: they stay one line per answer.

Example
-------
>>> import pandas as pd
>>> issues = pd.DataFrame({"severity": "warning", "file": "mentors.csv", "row": [4, 9, 12],
...     "column": "Years", "value": ["10+", "about 6", "10+"],
...     "problem": ["read loosely as 10", "read loosely as 6", "read loosely as 10"],
...     "suggestion": "write a number to silence this"})
>>> line = group_issues(issues).iloc[0]
>>> int(line["count"]), line["row"], line["value"], line["problem"]
(3, '4, 9, 12', '10+, about 6', 'read loosely as 10 / 6')
>>> issue_counts(issues)
IssueCounts(errors=0, warnings=1, cells=3)
>>> issue_counts(issues).text("fi")
'0 virhettä, 1 varoitus (3 solua)'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from matcher.i18n import t

#: the columns of a grouped issues table: the issue columns, with ``count`` after the severity
#: and ``row`` the first rows as text ("4, 9, 12 …")
GROUPED_COLUMNS = ("severity", "count", "file", "row", "column", "value", "problem", "suggestion")
#: spreadsheet rows listed in one grouped line before "…"
SHOWN_ROWS = 8
#: distinct answers listed in one grouped line before "…"
SHOWN_VALUES = 3
#: what varies between issues of one kind: row numbers, counts and the numbers read
_NUMBER = re.compile(r"\d+(?:[.,:]\d+)*")
_KEYS = ("severity", "file", "column", "_problem", "_suggestion", "_answer")


def group_issues(issues: pd.DataFrame) -> pd.DataFrame:
    """One line per kind of issue (:data:`GROUPED_COLUMNS`), in the order each kind is first met.

    Parameters
    ----------
    issues
        An issues table (``severity, file, row, column, value, problem, suggestion``), one row
        per problem, e.g. ``Round.issues``.

    Returns
    -------
    DataFrame
        ``count`` is the number of issue rows a line stands for, empty for a line of one issue
        (with that one, the counts add up to ``len(issues)``); ``row`` lists the first :data:`SHOWN_ROWS` distinct spreadsheet rows,
        then "…"; ``value`` the first :data:`SHOWN_VALUES` distinct answers, then "…".
    """
    if issues.empty:
        return pd.DataFrame(columns=list(GROUPED_COLUMNS)).astype({"count": "Int64"})
    text = issues.assign(**{name: issues[name].fillna("").astype(str)
                            for name in ("file", "column", "value", "problem", "suggestion")})
    vocabulary = text["suggestion"].str.contains("[vocabulary.", regex=False)
    keyed = text.assign(_problem=text["problem"].str.replace(_NUMBER, "#", regex=True),
                        _suggestion=text["suggestion"].str.replace(_NUMBER, "#", regex=True),
                        _answer=text["value"].where(vocabulary, ""))
    lines = []
    for key, group in keyed.groupby(list(_KEYS), sort=False, dropna=False):
        severity, file, column = key[:3]
        rows = sorted({int(r) for r in group["row"].dropna()})
        lines.append({"severity": severity, "count": len(group) if len(group) > 1 else pd.NA,
                      "file": file,
                      "row": listed(map(str, rows), SHOWN_ROWS) if rows else None, "column": column,
                      "value": listed(dict.fromkeys(v for v in group["value"] if v), SHOWN_VALUES),
                      "problem": merged(group["problem"]), "suggestion": merged(group["suggestion"])})
    return pd.DataFrame(lines, columns=list(GROUPED_COLUMNS)).astype({"count": "Int64"})


@dataclass(frozen=True)
class IssueCounts:
    """How many matters (grouped lines) of each severity an issues table holds, and how many
    issue rows (cells, mostly) they stand for: the one count every output shows."""

    errors: int
    warnings: int
    cells: int

    def text(self, language: str = "en") -> str:
        """ "0 errors, 20 warnings (138 cells)" in ``language`` (the Summary's Data issues)."""
        counted = {name: t(f"count.{name}", language, n=n)
                   for name, n in (("errors", self.errors), ("warnings", self.warnings),
                                   ("cells", self.cells))}
        return t("summary.data_issues_value", language, **counted)


def issue_counts(issues: pd.DataFrame) -> IssueCounts:
    """The :class:`IssueCounts` of an issues table, one row per problem (``Round.issues``) or
    already grouped (:func:`group_issues`, told by its ``count`` column).

    >>> issue_counts(pd.DataFrame(columns=["severity", "problem"]))
    IssueCounts(errors=0, warnings=0, cells=0)
    """
    grouped = issues if "count" in issues.columns else group_issues(issues)
    lines = grouped["severity"].value_counts()
    return IssueCounts(errors=int(lines.get("error", 0)), warnings=int(lines.get("warning", 0)),
                       cells=int(grouped["count"].fillna(1).sum()))


def merged(texts: pd.Series) -> str:
    """The texts of one kind as one: the numbers all of them share, and where they differ the
    first :data:`SHOWN_VALUES` of them (in the order met, " / " between them: a Finnish decimal
    has a comma), then "…" when there are more.

    >>> merged(pd.Series(["same e-mail as row 12 (latest)", "same e-mail as row 40 (latest)"]))
    'same e-mail as row 12 / 40 (latest)'
    >>> merged(pd.Series([f"luettu väljästi: {n},5" for n in range(1, 6)]))
    'luettu väljästi: 1,5 / 2,5 / 3,5 …'
    """
    distinct = list(dict.fromkeys(texts))
    if len(distinct) == 1:
        return distinct[0]
    split = [_NUMBER.split(text) for text in distinct]
    numbers = [_NUMBER.findall(text) for text in distinct]
    out = [split[0][0]]
    for i, literal in enumerate(split[0][1:]):
        values = list(dict.fromkeys(found[i] for found in numbers))
        out += [" / ".join(values[:SHOWN_VALUES]) + (" …" if len(values) > SHOWN_VALUES else ""),
                literal]
    return "".join(out)


def listed(items, limit: int) -> str:
    """The first ``limit`` items, comma-separated, then "…" when there are more.

    >>> listed(["4", "9", "12"], 2)
    '4, 9 …'
    """
    items = list(items)
    return ", ".join(items[:limit]) + (" …" if len(items) > limit else "")
