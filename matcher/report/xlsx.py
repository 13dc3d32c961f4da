"""``pairs.xlsx``: the coordinator's workbook, formatted for people.

Sheets, in the order a coordinator works through them: **Pairs** (with the ``decision`` column to
fill with keep / reject), **Unmatched**, **Mentors**, **Alternatives**, **Supply and demand**,
**Data issues**, **Summary**, and **Decisions** when earlier decisions were carried forward.
Every sheet has a styled, frozen header row with filters, widths that fit the content (long text
capped and wrapped), number formats, colour scales on scores and a print setup (landscape, one
page wide, header row repeated).

Written with XlsxWriter, which is several times faster than openpyxl for 10,000-row sheets and
writes byte-identical files for identical input: its zip entries carry a fixed 1980 timestamp and
the document's created date is pinned here. Text is always written as text (never parsed as a
formula or number), after :func:`matcher.safe_io.neutralise`.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from matcher import __version__
from matcher.report.tables import LONG_TEXT, component_columns, rounded
from matcher.safe_io import neutralise, neutralise_series

#: (sheet name, table key) in workbook order. "decisions" is written only when present.
SHEETS = (
    ("Pairs", "pairs"),
    ("Unmatched", "unmatched"),
    ("Mentors", "mentors"),
    ("Alternatives", "alternatives"),
    ("Supply and demand", "supply_demand"),
    ("Data issues", "issues"),
    ("Summary", "summary"),
    ("Decisions", "decisions"),
)
DECISIONS = ("keep", "reject")
#: Pinned document date so two runs on the same input give the same bytes.
FIXED_DATE = dt.datetime(2000, 1, 1)
TEXT_WIDTH, LONG_WIDTH, MIN_WIDTH = 40, 60, 6
#: Points per line of wrapped text (Calibri 11), and the most lines a row is made tall for.
LINE_HEIGHT, MAX_LINES = 15, 12

HEADER = {"bold": True, "font_color": "#FFFFFF", "bg_color": "#1F4E79", "border": 1,
          "valign": "top", "text_wrap": True}
DECISION_HEADER = {**HEADER, "font_color": "#000000", "bg_color": "#FFC000"}
DECISION_CELL = {"bg_color": "#FFF2CC", "border": 1, "border_color": "#BF9000", "valign": "top"}
#: red-amber-green, on fixed scales so a colour means the same score in every round
SCORE_SCALE = {"type": "3_color_scale", "min_type": "num", "mid_type": "num", "max_type": "num",
               "min_color": "#F8696B", "mid_color": "#FFEB84", "max_color": "#63BE7B"}
LIGHT_RED = {"bg_color": "#FFC7CE", "font_color": "#9C0006"}
LIGHT_AMBER = {"bg_color": "#FFEB9C", "font_color": "#9C5700"}
LIGHT_GREEN = {"bg_color": "#C6EFCE", "font_color": "#006100"}


@dataclass(frozen=True)
class Column:
    """How one column is written: its cell format key and width."""

    name: str
    kind: str  # "score", "component", "ratio", "int", "bool", "text", "long"
    width: float


def write_workbook(tables: dict[str, pd.DataFrame], path: Path, title: str) -> Path:
    """Write the coordinator's workbook to ``path``.

    Parameters
    ----------
    tables
        The result tables (see :mod:`matcher.report.tables`); ``decisions`` is optional.
    path
        Where to write ``pairs.xlsx``.
    title
        The round's name: workbook title and the printed page header.

    Example
    -------
    >>> write_workbook(tables, Path("output/pairs.xlsx"), "Spring round")  # doctest: +SKIP
    PosixPath('output/pairs.xlsx')
    """
    components = component_columns(tables["pairs"])
    # text is only ever written as text: never turned into a formula, a number or a link
    workbook = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_numbers": False,
                                               "strings_to_urls": False})
    workbook.set_properties({"title": title, "subject": "Mentoring pairs for review",
                             "author": "matcher", "comments": f"Written by matcher {__version__}",
                             "created": FIXED_DATE})
    workbook.set_calc_mode("auto")
    styles = _Styles(workbook)
    for sheet_name, key in SHEETS:
        if key not in tables:
            continue
        frame = rounded(tables[key], components if key == "pairs" else [])
        if key == "pairs":
            # the coordinator's one job on this sheet comes first and stays in view when scrolling
            frame = frame[["decision", *(c for c in frame.columns if c != "decision")]]
        sheet = workbook.add_worksheet(sheet_name)
        columns = [_column(name, frame[name], components) for name in frame.columns]
        _write_table(sheet, frame, columns, styles)
        _decorate(sheet, key, frame, columns, styles)
        _print_setup(sheet, title)
    workbook.close()
    return path


class _Styles:
    """The workbook's cell formats, created once (XlsxWriter formats belong to one workbook)."""

    def __init__(self, workbook: xlsxwriter.Workbook):
        add = workbook.add_format
        self.header = add(HEADER)
        self.decision_header = add(DECISION_HEADER)
        self.decision = add(DECISION_CELL)
        self.cells = {
            "score": add({"num_format": "0.0", "valign": "top"}),
            "component": add({"num_format": "0.00", "valign": "top"}),
            "ratio": add({"num_format": "0.00", "valign": "top"}),
            "int": add({"num_format": "0", "valign": "top"}),
            "bool": add({"align": "center", "valign": "top"}),
            "text": add({"valign": "top"}),
            "long": add({"text_wrap": True, "valign": "top"}),
        }
        self.red, self.amber, self.green = add(LIGHT_RED), add(LIGHT_AMBER), add(LIGHT_GREEN)


def _column(name: str, series: pd.Series, components: list[str]) -> Column:
    header = len(name) + 3  # room for the filter arrow
    if name == "score":
        return Column(name, "score", max(header, 7))
    if name in components:
        return Column(name, "component", max(header, 7))
    if name == "ratio":
        return Column(name, "ratio", max(header, 7))
    if pd.api.types.is_bool_dtype(series):
        return Column(name, "bool", max(header, 7))
    if pd.api.types.is_integer_dtype(series):
        return Column(name, "int", max(header, 7))
    longest = int(series.astype(str).str.len().max()) if len(series) else 0
    if name in LONG_TEXT:
        return Column(name, "long", min(max(header, longest + 1), LONG_WIDTH))
    return Column(name, "text", max(MIN_WIDTH, min(max(header, longest + 1), TEXT_WIDTH)))


def _write_table(sheet: Worksheet, frame: pd.DataFrame, columns: list[Column], styles: _Styles) -> None:
    """Header row, then the data row by row, each cell with its column's writer and format."""
    formats, writers, values = [], [], []
    for c, column in enumerate(columns):
        is_decision = column.name == "decision"
        sheet.write_string(0, c, column.name, styles.decision_header if is_decision else styles.header)
        formats.append(styles.decision if is_decision else styles.cells[column.kind])
        sheet.set_column(c, c, column.width, formats[-1] if is_decision else None)
        write, cells = _column_writer(sheet, frame[column.name])
        writers.append(write)
        values.append(cells)
    for r, row in enumerate(zip(*values), start=1):
        for c, value in enumerate(row):
            writers[c](r, c, value, formats[c])
    lines = _wrapped_lines(frame, columns)
    for r in np.flatnonzero(lines > 1):
        sheet.set_row(int(r) + 1, LINE_HEIGHT * float(lines[r]))
    sheet.freeze_panes(1, 1 if columns and columns[0].name == "decision" else 0)
    if len(columns):
        sheet.autofilter(0, 0, max(len(frame), 1), len(columns) - 1)


def _wrapped_lines(frame: pd.DataFrame, columns: list[Column]) -> np.ndarray:
    """Lines each row needs for its wrapped text: set as row heights, because LibreOffice does not
    fit row heights to wrapped text when it opens a file (Excel keeps explicit heights too)."""
    lines = np.ones(len(frame), dtype=np.int64)
    for column in columns:
        if column.kind == "long":
            text = frame[column.name].fillna("").astype(str)
            # a column width is about that many average characters; word wrapping wastes a few
            needed = np.ceil(text.str.len().to_numpy() / max(column.width - 4, 1)).astype(np.int64)
            lines = np.maximum(lines, needed + text.str.count("\n").to_numpy())
    return np.minimum(lines, MAX_LINES)


def _column_writer(sheet: Worksheet, series: pd.Series):
    """The cell writer for one column and its values as a list.

    Columns of one type without gaps (the usual case) get XlsxWriter's typed writer directly, with
    no per-cell type tests: this is what keeps a 10,000-row workbook fast.
    """
    missing = bool(series.isna().any())
    if pd.api.types.is_bool_dtype(series) and not missing:
        return sheet.write_boolean, series.tolist()
    if pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
        values = series.to_numpy("float64", na_value=math.nan).tolist()
        return (_number_writer(sheet) if missing else sheet.write_number), values
    if isinstance(series.dtype, pd.StringDtype) and not missing:
        return sheet.write_string, neutralise_series(series).tolist()
    return _mixed_writer(sheet), series.tolist()


def _number_writer(sheet: Worksheet):
    """A writer for numeric columns: NaN (no value) becomes an empty cell keeping the format."""
    number, blank = sheet.write_number, sheet.write_blank

    def write(r: int, c: int, value: float, cell) -> None:
        if value != value:
            blank(r, c, None, cell)
        else:
            number(r, c, value, cell)

    return write


def _mixed_writer(sheet: Worksheet):
    """A writer for text and object columns: text as text (neutralised), numbers as numbers."""

    def write(r: int, c: int, value, cell) -> None:
        if isinstance(value, str):
            sheet.write_string(r, c, neutralise(value), cell)
        elif isinstance(value, bool):
            sheet.write_boolean(r, c, value, cell)
        elif isinstance(value, (int, float)) and math.isfinite(value):
            sheet.write_number(r, c, value, cell)
        elif value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
            sheet.write_blank(r, c, None, cell)
        else:  # lists, timestamps, numpy scalars...: shown as their text
            sheet.write_string(r, c, neutralise(str(value)), cell)

    return write


def _decorate(sheet: Worksheet, key: str, frame: pd.DataFrame, columns: list[Column],
              styles: _Styles) -> None:
    """Colour scales, highlights and the decision drop-down, per sheet."""
    last = len(frame)
    if last == 0:
        return
    for c, column in enumerate(columns):
        if column.kind == "score":
            sheet.conditional_format(1, c, last, c, {**SCORE_SCALE, "min_value": 0,
                                                     "mid_value": 50, "max_value": 100})
        elif column.kind == "component":
            sheet.conditional_format(1, c, last, c, {**SCORE_SCALE, "min_value": 0,
                                                     "mid_value": 0.5, "max_value": 1})
        elif key == "pairs" and column.name == "decision":
            sheet.data_validation(1, c, last, c, {
                "validate": "list", "source": list(DECISIONS), "ignore_blank": True,
                # a warning, not a stop: matcher also reads Finnish answers such as "pidä"
                "error_type": "warning", "error_title": "keep or reject?",
                "error_message": "Type keep or reject, or leave the cell empty to decide later.",
                "input_title": "Your decision",
                "input_message": "keep: fix this pair in the next run. reject: never pair them. "
                                 "Empty: let matcher decide.",
            })
            sheet.conditional_format(1, c, last, c, {"type": "cell", "criteria": "==",
                                                     "value": '"reject"', "format": styles.red})
            sheet.conditional_format(1, c, last, c, {"type": "cell", "criteria": "==",
                                                     "value": '"keep"', "format": styles.green})
        elif key == "issues" and column.name == "severity":
            for word, style in (("error", styles.red), ("warning", styles.amber)):
                sheet.conditional_format(1, c, last, c, {"type": "cell", "criteria": "==",
                                                         "value": f'"{word}"', "format": style})
        elif key == "supply_demand" and column.name == "ratio":
            # fewer mentor places than mentees wanting it: a shortage no solver can fix
            sheet.conditional_format(1, c, last, c, {"type": "cell", "criteria": "<",
                                                     "value": 1, "format": styles.red})
        elif key == "mentors" and column.name == "remaining":
            sheet.conditional_format(1, c, last, c, {"type": "cell", "criteria": ">",
                                                     "value": 0, "format": styles.green})


def _print_setup(sheet: Worksheet, title: str) -> None:
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0)
    # "&" starts a header code in Excel: a literal ampersand is written "&&"
    sheet.set_header(f"&L{title[:200].replace('&', '&&')}&R&A")  # Excel allows 255 characters
    sheet.set_footer("&CPage &P of &N")
