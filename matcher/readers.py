"""Read a form export (.xlsx/.xls/.ods or .csv/.tsv/.txt) into a table of stripped strings.

Every cell comes back as ``str`` with surrounding whitespace removed, or NaN when empty; headers are
stripped too. The index is the row number **as the spreadsheet shows it** (header row 1, first
answer row 2), so every later message can point at the right row. Rows with no answer at all are
dropped; how many is in ``table.attrs["blank_rows"]``.

CSV files are decoded as UTF-8 (with or without a byte-order mark), UTF-16 (Excel's "Unicode text")
or, failing those, cp1252 (older Finnish Excel), and the delimiter is whichever of ``,`` ``;`` and
tab splits the first lines into the most consistent number of columns (Finnish Excel writes ``;``,
Google Forms ``,``). Workbooks are read with the fast Rust ``calamine`` engine, falling back to
openpyxl for .xlsx when calamine is not installed.

Example
-------
>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "mentors.csv"
>>> _ = path.write_text("Name;Languages\\n Aino ;suomi\\n;\\n", encoding="utf-8-sig")
>>> table = read_table(path)
>>> table.to_dict("index"), table.attrs["blank_rows"], table.attrs["delimiter"]
({2: {'Name': 'Aino', 'Languages': 'suomi'}}, 1, ';')
"""

from __future__ import annotations

import codecs
import csv
import importlib.util
import io
from pathlib import Path

import numpy as np
import pandas as pd

from matcher.errors import InputError

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
TEXT_SUFFIXES = (".csv", ".tsv", ".txt")
SUPPORTED_SUFFIXES = WORKBOOK_SUFFIXES + TEXT_SUFFIXES
#: candidates in tie-break order: a rarer delimiter splitting every line alike was meant
DELIMITERS = ("\t", ";", ",")
#: how much of a CSV file is looked at to choose the delimiter
_SNIFF_CHARS = 64 * 1024


def read_table(path: str | Path, sheet: str | None = None) -> pd.DataFrame:
    """Read one export into a DataFrame of stripped strings indexed by spreadsheet row.

    Parameters
    ----------
    path
        An .xlsx/.xlsm/.xls/.ods workbook or a .csv/.tsv/.txt file.
    sheet
        Workbook sheet name; the first sheet when None. Ignored for CSV files.

    Returns
    -------
    DataFrame with index ``row`` (spreadsheet row numbers) and ``attrs`` ``file``, ``sheet``,
    ``encoding``, ``delimiter`` and ``blank_rows``.

    Raises
    ------
    InputError
        Missing file, unsupported extension, unknown sheet, or a file that cannot be parsed.

    Examples
    --------
    >>> read_table("signups.pdf")
    Traceback (most recent call last):
    ...
    matcher.errors.InputError: signups.pdf: unsupported file type '.pdf'; save the export as one of .xlsx, .xlsm, .xls, .ods, .csv, .tsv, .txt
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise InputError(f"{path.name}: unsupported file type '{path.suffix}'; save the export as "
                         f"one of {', '.join(SUPPORTED_SUFFIXES)}")
    if not path.is_file():
        raise InputError(f"{path}: file not found; check the path in the round config "
                         "(relative paths are relative to the config file's folder)")
    if suffix in WORKBOOK_SUFFIXES:
        raw, attrs = _read_workbook(path, sheet)
    else:
        raw, attrs = _read_text(path)
    return _tidy(raw, path, attrs)


def _read_workbook(path: Path, sheet: str | None) -> tuple[pd.DataFrame, dict]:
    engine = _excel_engine(path)
    try:
        book = pd.ExcelFile(path, engine=engine)
    except Exception as exc:  # calamine, openpyxl and zipfile each raise their own types
        raise InputError(f"{path.name}: cannot be read as a workbook ({exc}); open it in Excel and "
                         "save it again as .xlsx, or export it as CSV") from None
    with book:
        names = [str(n) for n in book.sheet_names]
        if sheet is None:
            if not names:
                raise InputError(f"{path.name}: the workbook has no sheets")
            sheet = names[0]
        elif sheet not in names:
            raise InputError(f"{path.name}: no sheet named '{sheet}'; the sheets are "
                             f"{', '.join(repr(n) for n in names)}. Fix 'sheet' in the round config "
                             "or leave it out to read the first sheet")
        try:
            raw = pd.read_excel(book, sheet_name=sheet, dtype=str, header=0)
        except Exception as exc:  # engines raise many types for broken sheets; report them all
            raise InputError(f"{path.name}, sheet '{sheet}': cannot be read ({exc})") from None
    return raw, {"sheet": sheet, "encoding": "", "delimiter": ""}


def _excel_engine(path: Path) -> str:
    if importlib.util.find_spec("python_calamine") is not None:
        return "calamine"
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise InputError(f"{path.name}: reading {path.suffix} files needs the python-calamine "
                         "package (pip install python-calamine), or save the file as .xlsx")
    return "openpyxl"


def _read_text(path: Path) -> tuple[pd.DataFrame, dict]:
    text, encoding = decode(path.read_bytes(), path.name)
    if not text.strip():
        raise InputError(f"{path.name}: the file is empty; export the form answers again")
    delimiter = sniff_delimiter(text[:_SNIFF_CHARS])
    try:
        raw = pd.read_csv(io.StringIO(text), sep=delimiter, dtype=str, keep_default_na=False,
                          skip_blank_lines=False, quotechar='"', engine="c")
    except (pd.errors.ParserError, ValueError) as exc:
        raise InputError(f"{path.name}: cannot be read as CSV with delimiter {delimiter!r} ({exc}); "
                         "open it in a spreadsheet program and save it again as CSV") from None
    return raw, {"sheet": "", "encoding": encoding, "delimiter": delimiter}


def decode(data: bytes, name: str = "file") -> tuple[str, str]:
    """Decode CSV bytes: UTF-8 (BOM or not), UTF-16 with BOM, else cp1252. Returns (text, encoding).

    >>> decode("Määrä".encode("cp1252"))
    ('Määrä', 'cp1252')
    >>> decode(codecs.BOM_UTF8 + "Määrä".encode())
    ('Määrä', 'utf-8-sig')
    """
    if data.startswith(codecs.BOM_UTF8):
        candidates: tuple[str, ...] = ("utf-8-sig",)
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ("utf-16",)
    else:
        # cp1252 decodes almost any byte string, so it is the last resort
        candidates = ("utf-8", "cp1252")
    for encoding in candidates:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise InputError(f"{name}: the text encoding is not UTF-8, UTF-16 or Windows-1252; "
                     "save the file again as 'CSV UTF-8'")


def sniff_delimiter(sample: str) -> str:
    """The delimiter among ``,`` ``;`` tab that splits ``sample`` most consistently.

    Each candidate parses the sample's first lines; the winner has the most lines with the
    header's column count, then the most columns, then comes first in :data:`DELIMITERS`. Commas
    inside the question texts and answers of a ``;`` file therefore do not fool it.

    >>> sniff_delimiter("Name;Which languages, and how well?\\nAino;suomi, englanti\\n")
    ';'
    """
    lines = sample.splitlines()
    if len(lines) > 1 and len(sample) >= _SNIFF_CHARS:
        lines = lines[:-1]  # the last line of a cut sample may be incomplete
    best, best_rank = ",", (-1.0, 0)  # nothing splits: a one-column file
    for delimiter in DELIMITERS:
        rows = [r for r in csv.reader(lines[:200], delimiter=delimiter) if any(c.strip() for c in r)]
        if not rows or len(rows[0]) < 2:
            continue
        width = len(rows[0])
        consistent = sum(len(r) == width for r in rows) / len(rows)
        rank = (consistent, width)
        if rank > best_rank:
            best, best_rank = delimiter, rank
    return best


def _tidy(raw: pd.DataFrame, path: Path, attrs: dict) -> pd.DataFrame:
    """Strip headers and cells, blank → NaN, drop blank rows, index by spreadsheet row."""
    headers = [str(h).strip() for h in raw.columns]
    # pandas names a header-less column "Unnamed: 3"; drop those when they hold nothing either
    raw.columns = headers
    stripped = {}
    for position in range(len(headers)):
        column = raw.iloc[:, position]
        if column.dtype != object and not pd.api.types.is_string_dtype(column):
            column = column.astype(object).where(column.notna(), None)
        column = column.astype("string").str.strip()
        column = column.mask(column == "").astype(object)
        stripped[position] = column.where(column.notna(), np.nan)
    table = pd.DataFrame(stripped)
    table.columns = headers
    unnamed = [h.startswith("Unnamed: ") and table[h].isna().all() for h in headers]
    table = table.loc[:, [not u for u in unnamed]]
    table.index = pd.RangeIndex(2, 2 + len(table), name="row")
    blank = table.isna().all(axis=1)
    table = table.loc[~blank]
    table.attrs = {"file": path.name, "path": str(path), **attrs, "blank_rows": int(blank.sum())}
    if not len(table.columns):
        raise InputError(f"{path.name}: no header row found; the first row must hold the "
                         "form's questions")
    return table
