"""``pairs.xlsx``: the coordinator's workbook, formatted for people.

Sheets, in the order a coordinator works through them: **Pairs** (with the ``decision`` column to
fill with keep / reject), **Unmatched**, **Mentors**, **Alternatives**, **Supply and demand**,
**Data issues**, **Summary**, and **Decisions** when earlier decisions were carried forward.
Every sheet has a styled, frozen header row with filters, widths that fit the content (long text
capped and wrapped), number formats, colour scales on scores and a print setup (landscape, one
page wide, header row repeated).

Written with XlsxWriter, which writes byte-identical files for identical input: its zip entries
carry a fixed 1980 timestamp and the document's created date is pinned here. The cells themselves
are built a column at a time by :class:`_TableSheet` (XlsxWriter's cell-by-cell path takes ~4 s
for the 400,000 cells of a 10,000-pair round; this takes ~0.5 s). Text is always written as
inline text, XML-escaped (never parsed as a formula, a number or markup), after
:func:`matcher.safe_io.neutralise`.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import numpy as np
import pandas as pd
import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

from matcher import __version__
from matcher.i18n import sheet_name, t
from matcher.report.tables import (INPUT_COLUMNS, LONG_TEXT, component_columns, header, rounded,
                                   shown_values)
from matcher.safe_io import neutralise, neutralise_series

log = logging.getLogger(__name__)

#: Table keys in workbook order ("decisions" is written only when present); each sheet is named
#: in the round's language (:func:`matcher.i18n.sheet_name`).
SHEETS = ("pairs", "unmatched", "not_included", "mentors", "alternatives", "supply_demand", "issues", "summary",
          "decisions")


@dataclass(frozen=True)
class Layout:
    """Where a sheet's columns go: ``front`` first in this order, ``back`` last (ids and e-mails,
    needed by batch jobs and re-runs but not for reading), the rest in between; ``frozen`` of
    the front columns stay in view when scrolling right; ``dropped`` are not shown."""

    front: tuple[str, ...] = ()
    back: tuple[str, ...] = ()
    frozen: int = 0
    dropped: tuple[str, ...] = ()


#: The sheets a coordinator works in: what to decide and whom it is about come first and stay in
#: view; the answers behind the score follow, so checking a pair needs no source file.
LAYOUTS = {
    "pairs": Layout(("decision", "move_to", "mentee_name", "mentor_name", "score", "explanation",
                     "notes", "locked_by"),
                    ("mentee_email", "mentor_email", "mentee_id", "mentor_id"), 4, ("locked",)),
    "unmatched": Layout(("move_to", "mentee_name", "reason", "best_candidates", "notes"),
                        ("mentee_email", "mentee_id"), 2),
    "mentors": Layout(("mentor_name", "capacity", "assigned", "remaining", "mentees"),
                      ("mentor_email", "mentor_id"), 1),
    "alternatives": Layout(("mentee_name", "current_mentor", "current_score", "rank", "mentor_name",
                            "score", "score_change", "free_places", "note"),
                           ("mentee_id", "mentor_id"), 1, ("feasible",)),  # always true there
}
#: Widest a frozen name column is made, so the frozen part leaves room on a laptop screen.
FROZEN_WIDTH = 26
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


def write_workbook(tables: dict[str, pd.DataFrame], path: Path, title: str,
                   language: str = "en") -> Path:
    """Write the coordinator's workbook to ``path``.

    Parameters
    ----------
    tables
        The result tables (see :mod:`matcher.report.tables`); ``decisions`` is optional.
    path
        Where to write ``pairs.xlsx``.
    title
        The round's name: workbook title and the printed page header.
    language
        ``"en"``, ``"fi"`` or ``"sv"``: sheet names, headers and prompts. The cells read back
        by ``run --decisions`` are found by header in any of the three languages.

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
    sheet_class = table_sheet_class()
    for key in SHEETS:
        if key not in tables:
            continue
        layout = LAYOUTS.get(key, Layout())
        frame = arranged(rounded(shown_values(key, tables[key], language),
                                 components if key == "pairs" else []), layout)
        sheet = workbook.add_worksheet(sheet_name(key, language), worksheet_class=sheet_class)
        headers = [header(name, language) for name in frame.columns]
        columns = [_column(name, text, frame[name], components, c < layout.frozen)
                   for c, (name, text) in enumerate(zip(frame.columns, headers))]
        _write_table(sheet, frame, columns, headers, styles, layout.frozen)
        _decorate(sheet, key, frame, columns, styles, len(tables["mentors"]), language)
        _print_setup(sheet, title)
    workbook.close()
    return path


def arranged(frame: pd.DataFrame, layout: Layout) -> pd.DataFrame:
    """``frame``'s columns in the order of ``layout`` (columns it does not have are skipped).

    Example
    -------
    >>> arranged(pd.DataFrame(columns=["id", "b", "name", "x"]), Layout(("name",), ("id",), 1, ("x",))).columns.tolist()
    ['name', 'b', 'id']
    """
    front = [c for c in layout.front if c in frame.columns]
    back = [c for c in layout.back if c in frame.columns]
    middle = [c for c in frame.columns if c not in {*front, *back, *layout.dropped}]
    return frame[[*front, *middle, *back]]


class _Styles:
    """The workbook's cell formats, created once (XlsxWriter formats belong to one workbook)."""

    def __init__(self, workbook: xlsxwriter.Workbook):
        add = workbook.add_format
        self.header = add(HEADER)
        self.decision_header = add(DECISION_HEADER)
        self.decision = add(DECISION_CELL)
        self.cells = {
            "score": add({"num_format": "0.0", "valign": "top"}),
            "change": add({"num_format": "+0.0;-0.0;0.0", "valign": "top"}),
            "component": add({"num_format": "0.00", "valign": "top"}),
            "ratio": add({"num_format": "0.00", "valign": "top"}),
            "int": add({"num_format": "0", "valign": "top"}),
            "bool": add({"align": "center", "valign": "top"}),
            "text": add({"valign": "top"}),
            "long": add({"text_wrap": True, "valign": "top"}),
        }
        self.red, self.amber, self.green = add(LIGHT_RED), add(LIGHT_AMBER), add(LIGHT_GREEN)


def _column(name: str, title: str, series: pd.Series, components: list[str],
            frozen: bool = False) -> Column:
    room = len(title) + 3  # room for the filter arrow
    if name in ("score", "current_score"):
        return Column(name, "score", max(room, 7))
    if name == "score_change":
        return Column(name, "change", max(room, 7))
    if name in components:
        return Column(name, "component", max(room, 7))
    if name == "ratio":
        return Column(name, "ratio", max(room, 7))
    if pd.api.types.is_bool_dtype(series):
        return Column(name, "bool", max(room, 7))
    if pd.api.types.is_integer_dtype(series):
        return Column(name, "int", max(room, 7))
    longest = int(series.fillna("").astype(str).str.len().max()) if len(series) else 0
    if name in INPUT_COLUMNS:  # room to type, whatever was prefilled
        long = name in LONG_TEXT
        return Column(name, "long" if long else "text",
                      max(room, min(longest + 1, LONG_WIDTH if long else TEXT_WIDTH), 30 if long else 12))
    if name in LONG_TEXT:
        return Column(name, "long", min(max(room, longest + 1), LONG_WIDTH))
    widest = FROZEN_WIDTH if frozen else TEXT_WIDTH
    return Column(name, "text", max(MIN_WIDTH, min(max(room, longest + 1), widest)))


def _write_table(sheet: "_TableSheet", frame: pd.DataFrame, columns: list[Column],
                 headers: list[str], styles: _Styles, frozen: int = 0) -> None:
    """Widths and formats per column, then the header and every data row, with the header row
    and the first ``frozen`` columns frozen, and filters."""
    formats = []
    for c, column in enumerate(columns):
        is_input = column.name in INPUT_COLUMNS
        formats.append(styles.decision if is_input else styles.cells[column.kind])
        sheet.set_column(c, c, column.width, formats[-1] if is_input else None)
    header_formats = [styles.decision_header if c.name in INPUT_COLUMNS else styles.header
                      for c in columns]
    sheet.write_table(frame, headers, header_formats, formats,
                      LINE_HEIGHT * _wrapped_lines(frame, columns))
    sheet.freeze_panes(1, min(frozen, len(columns)))
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


class _TableSheet(Worksheet):
    """A worksheet whose table is written as ready-made ``<row>`` elements.

    XlsxWriter keeps every written cell as a Python object and turns it into XML one by one when
    the workbook closes, about 10 µs a cell: 4 s for the 400,000 cells of a 10,000-pair round.
    This sheet builds the cells a whole column at a time instead (:func:`_cell_tails`) and hands
    XlsxWriter the finished rows at that point; formats, widths, filters, conditional formats,
    validation, print setup and the package itself are still written by XlsxWriter.

    It relies on three private parts of XlsxWriter (:data:`XLSXWRITER_PRIVATE`): that
    ``_write_rows`` writes the rows inside ``<sheetData>``, ``_check_dimensions`` records the
    used range, and ``Format._get_xf_index`` gives a format's style index. When a release lacks
    one, :func:`write_workbook` uses :class:`_PublicSheet` instead (same cells, slower), and
    ``tests/test_report.py`` compares the two writers' cells on every run, so a change in what
    those parts do fails the tests with a message saying so. Rows are this class's own: any
    ``set_row``, ``write`` or ``write_comment`` on it would be lost, so it refuses them loudly.
    """

    def __init__(self):
        super().__init__()
        self._rows_xml = ""

    def write_table(self, frame: pd.DataFrame, headers: list[str], header_formats: list,
                    formats: list, heights: np.ndarray) -> None:
        """Set the header row (``headers`` in ``header_formats``) and the data rows in
        ``formats`` (``heights`` in points; 15 is the default)."""
        n_cols = frame.shape[1]
        if n_cols == 0:
            return
        letters = [xl_col_to_name(c) for c in range(n_cols)]
        spans = f' spans="1:{n_cols}"'
        head = "".join(f'<c r="{letter}1" s="{style._get_xf_index()}"{tail}' for letter, style, tail
                       in zip(letters, header_formats, _string_tails(list(map(neutralise, headers)))))
        cells = "".join(f'<c r="{letter}{{0}}" s="{style._get_xf_index()}"{{{c + 2}}}'
                        for c, (letter, style) in enumerate(zip(letters, formats)))
        rows = np.arange(2, len(frame) + 2).astype(str)
        height = np.where(heights > LINE_HEIGHT,
                          ' ht="' + heights.astype(str).astype(object) + '" customHeight="1"', "")
        tails = [_cell_tails(frame.iloc[:, c]) for c in range(n_cols)]
        body = "".join(map(f"<row r=\"{{0}}\"{spans}{{1}}>{cells}</row>".format, rows, height, *tails))
        self._rows_xml = f'<row r="1"{spans}>{head}</row>{body}'
        self._check_dimensions(0, 0)
        self._check_dimensions(len(frame), n_cols - 1)

    def _write_rows(self) -> None:
        # XlsxWriter calls this between <sheetData> and </sheetData> when the sheet has cells
        if self.row_info or self.comments or any(self.table.values()):
            raise NotImplementedError(
                "set_row, write or write_comment was called on a matcher table sheet, whose rows "
                "matcher writes itself: it would be lost. Pass row heights to write_table, or "
                "write that sheet with _PublicSheet.")
        self.fh.write(self._rows_xml)


class _PublicSheet(Worksheet):
    """The same table as :class:`_TableSheet`, written cell by cell with XlsxWriter's public API.

    The reference :class:`_TableSheet` is tested against, and what :func:`write_workbook` uses
    when XlsxWriter lacks a private part that sheet needs. About 6× slower on a big round.
    """

    def write_table(self, frame: pd.DataFrame, headers: list[str], header_formats: list,
                    formats: list, heights: np.ndarray) -> None:
        """As :meth:`_TableSheet.write_table`."""
        for c, (text, style) in enumerate(zip(headers, header_formats)):
            self.write_string(0, c, neutralise(text), style)
        for c, style in enumerate(formats):
            series = frame.iloc[:, c]
            for r, value in enumerate(series.tolist(), start=1):
                if isinstance(value, (bool, np.bool_)):
                    self.write_boolean(r, c, bool(value), style)
                elif isinstance(value, (int, float, np.integer, np.floating)):
                    if math.isfinite(value):
                        self.write_number(r, c, float(value), style)
                    else:
                        self.write_blank(r, c, None, style)
                elif value is None or value is pd.NA:
                    self.write_blank(r, c, None, style)
                else:
                    self.write_string(r, c, neutralise(value if isinstance(value, str) else str(value)), style)
        for r, points in enumerate(heights.tolist(), start=1):
            if points > LINE_HEIGHT:
                self.set_row(r, points)


#: The private XlsxWriter parts :class:`_TableSheet` needs: (owner, attribute).
XLSXWRITER_PRIVATE = ((Worksheet, "_write_rows"), (Worksheet, "_check_dimensions"),
                      (Worksheet, "_write_sheet_data"), (Format, "_get_xf_index"))


def table_sheet_class() -> type[Worksheet]:
    """:class:`_TableSheet` when this XlsxWriter has the private parts it needs, else the
    slower :class:`_PublicSheet` (with a warning in the log)."""
    missing = [f"{owner.__name__}.{name}" for owner, name in XLSXWRITER_PRIVATE if not hasattr(owner, name)]
    if not missing:
        return _TableSheet
    log.warning("XlsxWriter %s lacks %s: writing the workbook cell by cell (slower)",
                xlsxwriter.__version__, ", ".join(missing))
    return _PublicSheet


_BOOLEANS = (' t="b"><v>0</v></c>', ' t="b"><v>1</v></c>')
_BLANK = "/>"
_TEXT, _SPACED_TEXT, _END_TEXT = (' t="inlineStr"><is><t>', ' t="inlineStr"><is><t xml:space="preserve">',
                                  "</t></is></c>")
#: Excel's limit of UTF-16 units in one cell; a text of half as many characters always fits.
_MAX_TEXT = 32_767
#: Characters XML cannot hold (NUL is counted apart: it separates texts in _string_tails).
_CONTROL = tuple(map(chr, (*range(1, 9), *range(11, 32))))
#: Text Excel would read as one of its own escapes for such characters.
_EXCEL_ESCAPE = re.compile(r"_x[0-9A-Fa-f]{4}_")


def _cell_tails(series: pd.Series) -> list[str]:
    """The end of each cell's ``<c>`` element (type, value, closing tag), for one whole column.

    Booleans, numbers (missing ones become empty cells keeping the column's format) and text
    (neutralised, then XML-escaped) are converted a column at a time; object columns mixing types
    are sorted out value by value: text as text, numbers as numbers, anything else as its text.
    A column of repeated values (answers, rounded scores) converts each distinct value once.
    """
    numbers = pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)
    # only numbers and pure text: factorize would merge True, 1 and 1.0 in a mixed column
    if len(series) > 64 and (numbers or pd.api.types.infer_dtype(series, skipna=True) == "string"):
        codes, uniques = pd.factorize(series, use_na_sentinel=False)
        if 2 * len(uniques) <= len(series):
            distinct = np.array(_distinct_tails(pd.Series(uniques, dtype=series.dtype)), dtype=object)
            return distinct[codes].tolist()
    return _distinct_tails(series)


def _distinct_tails(series: pd.Series) -> list[str]:
    missing = bool(series.isna().any())
    if pd.api.types.is_bool_dtype(series) and not missing:
        return [_BOOLEANS[v] for v in series.tolist()]
    if pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
        return _number_tails(series.to_numpy("float64", na_value=math.nan))
    if isinstance(series.dtype, pd.StringDtype) and not missing:
        return _string_tails(neutralise_series(series).tolist())
    tails: list[str | None] = []
    texts: dict[int, str] = {}
    for i, value in enumerate(series.tolist()):
        if isinstance(value, (bool, np.bool_)):
            tails.append(_BOOLEANS[bool(value)])
        elif isinstance(value, (int, float, np.integer, np.floating)) and math.isfinite(value):
            tails.append(f"><v>{_number_text(float(value))}</v></c>")
        elif value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
            tails.append(_BLANK)
        else:  # text; lists, timestamps...: shown as their text
            texts[i] = neutralise(value if isinstance(value, str) else str(value))
            tails.append(None)
    for i, tail in zip(texts, _string_tails(list(texts.values()))):
        tails[i] = tail
    return cast("list[str]", tails)  # every None was a text's, filled in just above


def _number_tails(values: np.ndarray) -> list[str]:
    """Numbers as their shortest exact text (``87.3``, ``3``); NaN as an empty cell."""
    text = np.array([_number_text(v) for v in values.tolist()], dtype=object)
    return np.where(np.isfinite(values), "><v>" + text + "</v></c>", _BLANK).tolist()


def _number_text(value: float) -> str:
    """The shortest text that reads back as exactly ``value``, without a trailing ``.0``."""
    text = repr(value)
    return text[:-2] if text.endswith(".0") else text


def _string_tails(texts: list[str]) -> list[str]:
    """Inline text cells, escaped for XML; leading and trailing spaces are kept.

    The texts are escaped as one joined string, which is a few passes in C instead of several
    per cell: NUL separates them, as no text holds one once :func:`_excel_escape` has run.
    """
    if not texts:
        return []
    joined = "\0".join(texts)
    if (joined.count("\0") != len(texts) - 1 or any(c in joined for c in _CONTROL)
            or ("_x" in joined and _EXCEL_ESCAPE.search(joined))
            or max(map(len, texts)) > _MAX_TEXT // 2):
        joined = "\0".join(map(_excel_escape, texts))
    joined = joined.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return [(_TEXT if t == t.strip() else _SPACED_TEXT) + t + _END_TEXT for t in joined.split("\0")]


def _excel_escape(text: str) -> str:
    """Control characters as Excel's ``_xHHHH_`` escapes, literal ``_xHHHH_`` kept literal, and
    text cut at Excel's limit of 32,767 characters (UTF-16 units) per cell."""
    if len(text) > _MAX_TEXT // 2:
        text = text.encode("utf-16-le")[:2 * _MAX_TEXT].decode("utf-16-le", errors="ignore")
    text = _EXCEL_ESCAPE.sub(lambda m: "_x005F" + m.group(), text)
    return re.sub(r"[\x00-\x08\x0B-\x1F]", lambda m: f"_x{ord(m.group()):04X}_", text)


def _decorate(sheet: Worksheet, key: str, frame: pd.DataFrame, columns: list[Column],
              styles: _Styles, n_mentors: int, language: str) -> None:
    """Colour scales, highlights and the decision and move-to drop-downs, per sheet."""
    last = len(frame)
    if last == 0:
        return
    keep, reject = t("workbook.keep", language), t("workbook.reject", language)
    for c, column in enumerate(columns):
        if column.kind == "score":
            sheet.conditional_format(1, c, last, c, {**SCORE_SCALE, "min_value": 0,
                                                     "mid_value": 50, "max_value": 100})
        elif column.kind == "component":
            sheet.conditional_format(1, c, last, c, {**SCORE_SCALE, "min_value": 0,
                                                     "mid_value": 0.5, "max_value": 1})
        elif key == "pairs" and column.name == "decision":
            sheet.data_validation(1, c, last, c, {
                "validate": "list", "source": [keep, reject], "ignore_blank": True,
                # a warning, not a stop: matcher reads keep / reject in all three languages
                "error_type": "warning", "error_title": t("workbook.decision_error_title", language),
                "error_message": t("workbook.decision_error", language),
                "input_title": t("workbook.decision_title", language),
                "input_message": t("workbook.decision_prompt", language),
            })
            sheet.conditional_format(1, c, last, c, {"type": "cell", "criteria": "==",
                                                     "value": f'"{reject}"', "format": styles.red})
            sheet.conditional_format(1, c, last, c, {"type": "cell", "criteria": "==",
                                                     "value": f'"{keep}"', "format": styles.green})
        elif column.name == "move_to" and n_mentors:
            # a drop-down of the Mentors sheet's names; an e-mail may be typed instead
            sheet.data_validation(1, c, last, c, {
                "validate": "list", "source": f"='{sheet_name('mentors', language)}'!$A$2:$A${n_mentors + 1}",
                "ignore_blank": True, "error_type": "information",
                "error_title": t("workbook.move_title", language),
                "error_message": t("workbook.move_error", language),
                "input_title": t("workbook.move_title", language),
                "input_message": t("workbook.move_prompt", language),
            })
        elif key == "issues" and column.name == "severity":
            for word, style in (("error", styles.red), ("warning", styles.amber)):
                shown = t(f"severity.{word}", language)
                sheet.conditional_format(1, c, last, c, {"type": "cell", "criteria": "==",
                                                         "value": f'"{shown}"', "format": style})
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
