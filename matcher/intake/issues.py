"""Data issues: collected as rows, free text and personal answers never repeated in them."""

from __future__ import annotations

import numpy as np
import pandas as pd

from matcher.i18n import t

ISSUE_COLUMNS = ("severity", "file", "row", "column", "value", "problem", "suggestion")

#: free-text fields: their answers never appear in issues or logs
FREE_TEXT = ("about", "goals_text")

#: columns whose answers identify a person: issues point at the row instead of repeating them
PERSONAL = ("name", "email")


class Issues:
    """Collects issues as rows; free-text values are blanked on the way in. ``language`` is the
    round's (``[round] language``): :meth:`t` gives a message of the catalogue in it."""

    def __init__(self, language: str = "en") -> None:
        self.rows: list[dict] = []
        self.language = language

    def t(self, key: str, **fields: object) -> str:
        """The catalogue's message ``key`` (:func:`matcher.i18n.t`) in the round's language."""
        return t(key, self.language, **fields)

    def add(self, severity: str, file: str, row: int | None, column: str, value: object,
            problem: str, suggestion: str = "") -> None:
        self.rows.append({"severity": severity, "file": file, "row": row, "column": column,
                          "value": "" if _missing(value) else str(value),
                          "problem": problem, "suggestion": suggestion})

    def frame(self) -> pd.DataFrame:
        """Issues in file order (as first met), file-wide ones first, then by spreadsheet row."""
        frame = pd.DataFrame(self.rows, columns=list(ISSUE_COLUMNS))
        frame["row"] = frame["row"].astype("Int64")
        file_rank = frame["file"].map({f: i for i, f in enumerate(dict.fromkeys(frame["file"]))})
        order = np.lexsort((frame["row"].fillna(0).to_numpy(dtype=np.int64), file_rank.to_numpy()))
        return frame.iloc[order].reset_index(drop=True)


class Reporter:
    """Issue helper that knows the file and turns canonical names into the form's headers."""

    def __init__(self, issues: Issues, file: str, columns: dict[str, str],
                 vocabulary: dict[str, dict[str, tuple[str, ...]]]):
        self.issues, self.file, self.columns = issues, file, columns
        self.vocabulary = vocabulary
        self.t = issues.t

    def add(self, severity: str, row, name: str, value: object, problem: str,
            suggestion: str = "") -> None:
        value = "" if name in FREE_TEXT or name in PERSONAL else value
        self.issues.add(severity, self.file, None if row is None else int(row),
                        self.columns.get(name, name), value, problem, suggestion)

    def missing(self, table: pd.DataFrame, per_row: tuple[str, ...]) -> None:
        """One warning per blank answer of each mapped optional column (``per_row`` ones are
        reported otherwise or are identity columns): grouped, a column's blanks are one line with
        their count and rows (:func:`matcher.issue_groups.group_issues`). A column of two or more
        rows with no answer at all is one file-wide warning instead: its cells would only list
        every row, and an empty column is most often a mapping to the wrong column."""
        problem, fix = self.t("issue.no_answer"), self.t("issue.no_answer_fix")
        for name, header in self.columns.items():
            if name in per_row or name in ("id", "submitted_at"):
                continue
            blank = table.index[table[header].isna()]
            if len(table) > 1 and len(blank) == len(table):
                self.add("warning", None, name, "", self.t("issue.empty_column", n=len(table)),
                         self.t("issue.empty_column_fix", name=name))
                continue
            for row in blank:
                self.add("warning", row, name, "", problem, fix)


def _missing(value: object) -> bool:
    """None or a NaN of any kind (``value is np.nan`` misses the NaN ``astype(object)`` makes).

    >>> _missing(None), _missing(float("nan")), _missing(pd.NA), _missing("nan")
    (True, True, True, False)
    """
    return value is None or (pd.api.types.is_scalar(value) and bool(pd.isna(value)))


def report_layout(table: pd.DataFrame, file: str, issues: Issues) -> None:
    """What the reader assumed about the sheet's layout, and a sheet with no sign-ups at all."""
    attrs = table.attrs
    # a survey tool's question-code row over the question texts is no title (matcher init says what it is)
    if attrs.get("header_row", 1) - (1 if attrs.get("code_row") else 0) > 1:
        issues.add("warning", file, None, "", "", issues.t("issue.header_row", row=attrs["header_row"]),
                   issues.t("issue.header_row_fix"))
    for header, count in attrs.get("duplicate_headers", {}).items():
        issues.add("warning", file, None, header, "", issues.t("issue.same_header", n=count, header=header),
                   issues.t("issue.same_header_fix"))
    notes = attrs.get("note_rows", [])
    if notes:
        issues.add("warning", file, None, "", "",
                   issues.t("issue.note_rows" if len(notes) > 1 else "issue.note_row",
                            rows=", ".join(map(str, notes))),
                   issues.t("issue.note_rows_fix"))
    stray = attrs.get("stray_quotes", [])
    if stray:
        issues.add("warning", file, None, "", "",
                   issues.t("issue.stray_quote", where=issues.t(
                       "issue.rows" if len(stray) > 1 else "issue.row", rows=", ".join(map(str, stray)))),
                   issues.t("issue.stray_quote_fix"))
    if table.empty:
        issues.add("error", file, None, "", "", issues.t("issue.no_signups"),
                   issues.t("issue.no_signups_fix"))
