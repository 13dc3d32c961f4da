"""Data issues: collected as rows, free text and personal answers never repeated in them."""

from __future__ import annotations

import numpy as np
import pandas as pd

from matcher.i18n import t
from matcher.issue_groups import SHOWN_ROWS, listed

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
        """One warning per mapped optional column with blank answers (per_row ones are reported
        row by row elsewhere or are identity columns)."""
        for name, header in self.columns.items():
            if name in per_row or name in ("id", "submitted_at"):
                continue
            blank = table.index[table[header].isna()]
            if len(blank):
                shown = listed(map(str, blank), SHOWN_ROWS)
                self.add("warning", None, name, "", self.t("issue.no_answer_one" if len(blank) == 1
                                                           else "issue.no_answer",
                                                           n=len(blank), rows=shown),
                         self.t("issue.no_answer_fix"))


def _missing(value: object) -> bool:
    """None or a NaN of any kind (``value is np.nan`` misses the NaN ``astype(object)`` makes).

    >>> _missing(None), _missing(float("nan")), _missing(pd.NA), _missing("nan")
    (True, True, True, False)
    """
    return value is None or (pd.api.types.is_scalar(value) and bool(pd.isna(value)))


def report_layout(table: pd.DataFrame, file: str, issues: Issues) -> None:
    """What the reader assumed about the sheet's layout, and a sheet with no sign-ups at all."""
    attrs = table.attrs
    if attrs.get("header_row", 1) > 1:
        issues.add("warning", file, None, "", "", f"the headers were found on row "
                   f"{attrs['header_row']}; the title row(s) above them are ignored",
                   "nothing to do if that is the header row")
    for header, count in attrs.get("duplicate_headers", {}).items():
        issues.add("warning", file, None, header, "", f"the same header is used by {count} "
                   f"columns; the first is '{header}', the next '{header} (2)'",
                   "rename one of them in the file, or map the one you mean in the round config")
    notes = attrs.get("note_rows", [])
    if notes:
        issues.add("warning", file, None, "", "", f"row{'s' * (len(notes) > 1)} "
                   f"{', '.join(map(str, notes))} under the answers "
                   f"{'look' if len(notes) > 1 else 'looks'} like a note, not a sign-up (one or "
                   "two cells filled); ignored",
                   "delete the note from the file if it is not one")
    stray = attrs.get("stray_quotes", [])
    if stray:
        issues.add("warning", file, None, "", "", f"a lone double quote (\") in row"
                   f"{'s' * (len(stray) > 1)} {', '.join(map(str, stray))} would have joined the "
                   "rows below it into one cell; it was read as an ordinary character",
                   "check those rows' answers")
    if table.empty:
        issues.add("error", file, None, "", "", "no sign-ups below the header row (the file "
                   "holds only the questions)", "export the form answers again, with the answers")
