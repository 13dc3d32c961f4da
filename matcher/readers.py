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

import bisect
import codecs
import csv
import importlib.util
import re
import struct
import zipfile
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from matcher import xls_extent
from matcher.errors import EmptyFileError, InputError
from matcher.i18n import t

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
TEXT_SUFFIXES = (".csv", ".tsv", ".txt")
SUPPORTED_SUFFIXES = WORKBOOK_SUFFIXES + TEXT_SUFFIXES
#: candidates in tie-break order: a rarer delimiter splitting every line alike was meant
DELIMITERS = ("\t", ";", ",", "|")
#: byte-order marks of the wide encodings (NUL bytes there are text, not binary data)
_UNICODE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
#: how much of a CSV file is looked at to choose the delimiter
_SNIFF_CHARS = 64 * 1024
#: a zipped workbook (.xlsx, .ods) expanding beyond this is refused unread; a 100,000-row export
#: with long free-text answers is about 300 MB of XML
MAX_UNCOMPRESSED_BYTES = 1 << 30
_ZIP_CHUNK = 1 << 20
#: a worksheet whose used range (rows x columns, from its first cell to its furthest one) spans
#: more cells than this is refused unread: the reader builds the whole range at about 32 bytes a
#: cell, and one stray entry at XFD100000 would ask for 51 GB and end the process (no error to
#: catch); reading it into a table costs about 2 µs and 90 bytes a cell more (an .xls sheet of
#: three answers and one cell at IV65536, 16.7 million cells: 36 s and 1.5 GB, measured). A
#: 100,000-row export of 60 questions is 6 million cells
MAX_SHEET_CELLS = 8_000_000
#: a row element with cells, and a cell with a value, of a worksheet's XML (self-closing ones
#: are formatting only). Columns of one letter are never far: only longer ones are looked at
_ROW_REF = re.compile(rb'<row r="(\d{1,7})"[^>]*(?<!/)>')
_WIDE_CELL_REF = re.compile(rb'<c r="([A-Z]{2,3})\d{1,7}"[^>]*(?<!/)>')
#: bytes carried from one inflated chunk to the next, so a reference cut in two is still seen
_REF_OVERLAP = 64
#: the elements of an OpenDocument sheet that place its cells (OdsExtent): name, then attributes
_ODS_TAG = re.compile(rb"<(/table:table-row|table:table-row|table:table-cell|table:covered-table-cell"
                      rb"|table:table)(?=[\s/>])([^>]*)>")
ZIP_SIGNATURE = b"PK\x03\x04"
OLE2_SIGNATURE = bytes.fromhex("d0cf11e0a1b11ae1")
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_OLE2_SCAN_BYTES = 1 << 20
#: first bytes of common binary files (images, PDF, executables, archives)
_BINARY_SIGNATURES = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"%PDF", b"\x7fELF", b"MZ",
                      b"\x1f\x8b", b"7z\xbc\xaf", b"Rar!")
#: the longest cell a CSV may hold (the csv module's default limit is 128 KB)
_MAX_CELL_CHARS = 16 * 2**20
#: a header row fills at least this share of the widest of the first rows
HEADER_FILL = 0.6
_HEADER_SEARCH_ROWS = 20
#: a row under the answers with at most this many cells filled may be a note
NOTE_CELLS = 2
#: something written like an e-mail address (checks where a row holds answers, not headers)
EMAIL_LIKE = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
#: a cell by the strict rule: quoted only when the closing quote ends the cell, else plain text
_STRICT_CELL = r'"((?:[^"]|"")*)"(?={d}|\r?\n|\Z)|([^\n]*?)(?={d}|\n|\Z)'
_LINE_END = re.compile(r"(?<=\n)")
_MIDNIGHT = re.compile(r"^(\d{4}-\d{2}-\d{2}) 00:00:00$")
_MIDNIGHT_END = " 00:00:00"


def read_table(path: str | Path, sheet: str | None = None, language: str = "en") -> pd.DataFrame:
    """Read one export into a DataFrame of stripped strings indexed by spreadsheet row.

    Parameters
    ----------
    path
        An .xlsx/.xlsm/.xls/.ods workbook or a .csv/.tsv/.txt file.
    sheet
        Workbook sheet name; when None, the only sheet or the one :func:`sign_up_sheet` chooses
        (``attrs["sheet_chosen"]`` is then True). Ignored for CSV files.
    language
        The round's language (``[round] language``): a sheet named in the config but not in the
        workbook is said in it.

    Returns
    -------
    DataFrame with index ``row`` (spreadsheet row numbers) and ``attrs`` ``file``, ``sheet``,
    ``encoding``, ``delimiter``, ``blank_rows``, ``header_row`` (the spreadsheet row the
    headers were found on: 1 unless a title is above them), ``note_rows`` (rows under the answers
    that hold a note, not a sign-up, and were left out), ``duplicate_headers`` (header -> how many
    columns had it; the second is read as ``"header (2)"``) and ``stray_quotes`` (rows where a
    lone ``"`` was read as an ordinary character instead of joining the rows below).

    Raises
    ------
    InputError
        Missing file, a folder, unsupported extension, unknown sheet, a password-protected,
        damaged or oversized workbook, a binary file named .csv, or a file that cannot be parsed.

    Examples
    --------
    >>> read_table("signups.pdf")
    Traceback (most recent call last):
    ...
    matcher.errors.InputError: signups.pdf: unsupported file type '.pdf'; save the export as one of .xlsx, .xlsm, .xls, .ods, .csv, .tsv, .txt
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if path.is_dir():
        raise InputError(t("read.folder", language, path=path, types=", ".join(SUPPORTED_SUFFIXES)))
    if suffix not in SUPPORTED_SUFFIXES:
        raise InputError(t("read.unsupported", language, file=path.name, suffix=path.suffix,
                           types=", ".join(SUPPORTED_SUFFIXES)))
    if not path.is_file():
        raise InputError(t("read.not_found", language, path=path))
    if path.stat().st_size == 0:  # any type: an empty workbook is no damaged one
        raise EmptyFileError(t("read.empty", language, file=path.name))
    kind = container_kind(path)
    if suffix in WORKBOOK_SUFFIXES:
        _check_workbook(path, kind, language)
        grid, attrs = _read_workbook(path, sheet, language)
    else:
        if kind in ("zip", "ole2"):
            raise InputError(t("read.workbook_as_text", language, file=path.name, suffix=path.suffix))
        grid, attrs = _read_text(path)
    return _tidy(grid, path, attrs)


def container_kind(path: Path) -> str:
    """What the first bytes of a file say it is: ``"zip"`` (.xlsx, .ods), ``"ole2"`` (.xls or an
    encrypted workbook), ``"encrypted"`` (an OLE2 file holding an encrypted Office package) or
    ``"other"``.

    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "a.csv"
    >>> _ = p.write_bytes(b"Name;Languages\\n")
    >>> container_kind(p)
    'other'
    """
    with path.open("rb") as handle:
        head = handle.read(len(OLE2_SIGNATURE))
        if head.startswith(ZIP_SIGNATURE):
            return "zip"
        if head != OLE2_SIGNATURE:
            return "other"
        # Office writes a password-protected workbook as an OLE2 file whose directory names an
        # "EncryptedPackage" stream; the directory sits near the start in every file seen
        return "encrypted" if _ENCRYPTED_STREAM in handle.read(_OLE2_SCAN_BYTES) else "ole2"


def _check_workbook(path: Path, kind: str, language: str = "en") -> None:
    """Refuse, before any parser sees it, a workbook that is encrypted, damaged or a zip bomb
    (the first three in ``language``)."""
    suffix = path.suffix.lower()
    if kind == "encrypted":
        raise InputError(t("read.encrypted", language, file=path.name))
    if kind == "other":
        raise InputError(t("read.not_workbook", language, file=path.name))
    if kind == "ole2" and suffix != ".xls":
        raise InputError(t("read.xls_named", language, file=path.name, suffix=path.suffix))
    if kind == "zip":
        check_zip_size(path)
    if kind == "ole2":
        check_xls_extent(path)


def check_zip_size(path: Path, limit: int | None = None) -> None:
    """Refuse a zipped workbook that would expand beyond ``limit`` bytes (a "zip bomb"), or one
    with a worksheet whose used range spans more than :data:`MAX_SHEET_CELLS` cells.

    The sizes the zip's directory declares are checked first. Then each part's compressed bytes
    are inflated in bounded chunks and counted, without keeping them, until the compressed
    stream ends: a directory that under-declares the sizes (and a checksum made to fit) is caught
    too, since what counts is what the stream really holds. The chunks of a worksheet are
    searched for its last row and its furthest column (:class:`SheetExtent`); nothing is parsed.

    Raises
    ------
    InputError
        The file is not a valid zip (damaged or cut short), expands beyond ``limit``, or has a
        worksheet reaching a cell far beyond its answers.
    """
    limit = MAX_UNCOMPRESSED_BYTES if limit is None else limit
    damaged = (f"{path.name}: the workbook is damaged or incomplete (for example a download cut "
               "short) and cannot be read; download or export it again, or open it in Excel and "
               "save it again as .xlsx")
    try:
        with zipfile.ZipFile(path) as book, path.open("rb") as raw:
            members = book.infolist()
            total = sum(item.file_size for item in members)
            extents: dict[str, SheetExtent | OdsExtent] = {
                item.filename: SheetExtent() for item in members
                if item.filename.startswith("xl/worksheets/") and item.filename.endswith(".xml")}
            if path.suffix.lower() == ".ods":  # OpenDocument: every sheet is in content.xml
                extents["content.xml"] = OdsExtent()
            if total <= limit:
                total = sum(_inflated_size(raw, item, limit, extents.get(item.filename))
                            for item in members)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError, ValueError,
            struct.error):
        raise InputError(damaged) from None
    if total > limit:
        raise InputError(f"{path.name}: the workbook expands to more than {limit / 2**20:,.0f} MB "
                         "of uncompressed data, far more than any form export; it is refused "
                         "unread. Export the answers again, or as CSV")
    for extent in extents.values():
        if extent.cells > MAX_SHEET_CELLS:
            raise _far_cell(path, extent)


def check_xls_extent(path: Path) -> None:
    """Refuse an old-format workbook (.xls) with a worksheet whose cells holding a value span
    more than :data:`MAX_SHEET_CELLS` cells (:func:`matcher.xls_extent.far_sheet`)."""
    def too_large(rows: int, columns: int) -> bool:
        return _sheet_extent(rows, columns).cells > MAX_SHEET_CELLS

    far = xls_extent.far_sheet(path, too_large)
    if far is not None:
        raise _far_cell(path, _sheet_extent(*far))


def _sheet_extent(rows: int, columns: int) -> SheetExtent:
    """A sheet reaching row ``rows`` and column ``columns``, counted as :class:`SheetExtent`
    counts the cells a worksheet's XML places."""
    return SheetExtent(rows, max(columns, SheetExtent.columns))


def _far_cell(path: Path, extent: SheetExtent | OdsExtent) -> InputError:
    """The refusal of a workbook whose sheet reaches ``extent``, and its fix."""
    return InputError(
        f"{path.name}: a sheet reaches cell {extent.corner} ({extent.rows:,} rows x "
        f"{extent.columns:,} columns), far beyond any form's answers: something typed or "
        "pasted out there makes the sheet too large to read. In Excel press Ctrl+End to "
        "go to that cell, delete the rows and columns after the answers, save and run "
        "again (or export the answers again)")


@dataclass
class _Extent:
    """The last row and the furthest column holding a value in a sheet, and what they span."""

    rows: int = 0
    columns: int = 26

    @property
    def cells(self) -> int:
        return self.rows * self.columns

    @property
    def corner(self) -> str:
        """The furthest cell as Excel names it ("XFD100000")."""
        letters, number = "", self.columns
        while number:
            number, digit = divmod(number - 1, 26)
            letters = chr(ord("A") + digit) + letters
        return f"{letters}{self.rows}"


@dataclass
class SheetExtent(_Extent):
    """The last row and the furthest column holding a cell in a worksheet's XML, read from its
    inflated chunks in order (:meth:`feed`).

    >>> extent = SheetExtent()
    >>> extent.feed(b'<row r="1" spans="1:2"><c r="A1" t="s"><v>0</v></c><c r="AB1"><v>1</v></c>')
    >>> extent.feed(b'</row><row r="2"/><row r="9" spans="5:5"><c r="E9" s="1"/></row>')
    >>> extent.corner, extent.cells
    ('AB9', 252)
    """

    _tail: bytes = b""

    def feed(self, chunk: bytes) -> None:
        data = self._tail + chunk
        self._tail = data[-_REF_OVERLAP:]
        rows = _ROW_REF.findall(data)
        if rows:
            self.rows = max(self.rows, int(rows[-1]))
        wide = set(_WIDE_CELL_REF.findall(data))
        if wide:
            self.columns = max(self.columns, max(map(_column_number, wide)))


@dataclass
class OdsExtent(_Extent):
    """:class:`SheetExtent` of an OpenDocument spreadsheet's ``content.xml``: the last row and the
    furthest column holding a value in any of its sheets. Runs of empty rows and cells are one
    element with a repeat count there (``table:number-rows-repeated="1048000"``): they count
    only when a value follows them, as LibreOffice writes such runs after the last value too.

    >>> extent = OdsExtent()
    >>> extent.feed(b'<table:table table:name="A"><table:table-row><table:table-cell office:value-'
    ...             b'type="string"><text:p>x</text:p></table:table-cell></table:table-row><table:table-')
    >>> extent.feed(b'row table:number-rows-repeated="99"><table:table-cell/></table:table-row><table:'
    ...             b'table-row><table:table-cell table:number-columns-repeated="26"/><table:table-cell '
    ...             b'office:value-type="float"/><table:table-cell table:number-columns-repeated="999"/>')
    >>> extent.feed(b'</table:table-row></table:table>')
    >>> extent.corner, extent.cells
    ('AA101', 2727)
    """

    _tail: bytes = b""
    _row: int = 0  # rows of the current sheet before the current row
    _repeat: int = 1  # how many times the current row repeats
    _column: int = 0  # cells of the current row before the current cell
    _last: int = 0  # the current row's furthest cell holding a value

    def feed(self, chunk: bytes) -> None:
        data = self._tail + chunk
        end = data.rfind(b">") + 1
        self._tail = data[end:]
        for tag in _ODS_TAG.finditer(data, 0, end):
            name, attributes = tag.group(1), tag.group(2)
            if name == b"/table:table-row":
                if self._last:
                    self.rows = max(self.rows, self._row + self._repeat)
                    self.columns = max(self.columns, self._last)
                self._row += self._repeat
            elif name == b"table:table-row":
                self._repeat, self._column, self._last = _ods_repeat(attributes, b"rows"), 0, 0
                if attributes.endswith(b"/"):  # an empty row written as one element
                    self._row += self._repeat
            elif name == b"table:table":
                self._row = 0
            else:  # a cell, or one covered by a merged cell
                self._column += _ods_repeat(attributes, b"columns")
                if b"office:value-type" in attributes or not attributes.endswith(b"/"):
                    self._last = self._column


def _ods_repeat(attributes: bytes, what: bytes) -> int:
    """A row's or cell's ``table:number-<what>-repeated`` count (1 when not given)."""
    found = re.search(rb'table:number-' + what + rb'-repeated="(\d{1,9})"', attributes)
    return int(found.group(1)) if found else 1


def _column_number(letters: bytes) -> int:
    """``b"AB"`` -> 28: Excel's column letters as a 1-based number."""
    number = 0
    for letter in letters:
        number = number * 26 + letter - ord("A") + 1
    return number


def _inflated_size(raw, item: zipfile.ZipInfo, limit: int,
                   extent: SheetExtent | OdsExtent | None = None) -> int:
    """The bytes one zip member really inflates to, counted up to just past ``limit``; each
    chunk goes to ``extent`` when given (a worksheet)."""
    raw.seek(item.header_offset)
    header = raw.read(30)
    if header[:4] != ZIP_SIGNATURE:
        raise zipfile.BadZipFile("bad local header")
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    raw.seek(item.header_offset + 30 + name_length + extra_length)
    if item.compress_type == zipfile.ZIP_STORED:
        if extent is not None:
            for start in range(0, min(item.compress_size, limit + 1), _ZIP_CHUNK):
                extent.feed(raw.read(min(_ZIP_CHUNK, item.compress_size - start)))
        return item.compress_size
    if item.compress_type != zipfile.ZIP_DEFLATED:
        raise zipfile.BadZipFile("unexpected compression method")
    inflate = zlib.decompressobj(-15)
    left, size = item.compress_size, 0
    while left > 0 and not inflate.eof and size <= limit:
        data = raw.read(min(_ZIP_CHUNK, left))
        if not data:
            raise EOFError("zip member cut short")
        left -= len(data)
        while data and size <= limit:
            inflated = inflate.decompress(data, _ZIP_CHUNK)
            size += len(inflated)
            if extent is not None:
                extent.feed(inflated)
            data = inflate.unconsumed_tail
    return size


def _read_workbook(path: Path, sheet: str | None, language: str = "en") -> tuple[list[list[str]], dict]:
    engine = excel_engine(path)
    try:
        book = pd.ExcelFile(path, engine=engine)
    except BaseException as exc:  # calamine, openpyxl and zipfile each raise their own types
        _reraise_unless_engine_failure(exc)
        raise InputError(f"{path.name}: cannot be read as a workbook ({_short(exc)}); open it in "
                         "Excel and save it again as .xlsx, or export it as CSV") from None
    with book:
        names = [str(n) for n in book.sheet_names]
        chosen = False
        if sheet is None:
            if not names:
                raise InputError(f"{path.name}: the workbook has no sheets")
            if len(names) == 1:
                sheet = names[0]
                raw = _read_sheet(book, path, sheet)
            else:
                # the choice reads the first rows of each sheet, and then the chosen one whole
                sheet = sign_up_sheet(_readable_sheets(book, path, names, rows=CHOICE_ROWS))
                raw, chosen = _read_sheet(book, path, sheet), True
        elif sheet not in names:
            raise InputError(t("read.no_sheet", language, file=path.name, sheet=sheet,
                               sheets=", ".join(repr(n) for n in names)))
        else:
            raw = _read_sheet(book, path, sheet)
    grid = raw.astype(object).where(raw.notna(), "").to_numpy().tolist()
    # a date typed into a text cell comes back as "2026-03-04 00:00:00": show it as typed. The
    # regular expression runs only on cells ending so (a frame-wide regex replace took a second
    # per 10,000 sign-ups)
    for record in grid:
        for k, cell in enumerate(record):
            if isinstance(cell, str) and cell.endswith(_MIDNIGHT_END):
                record[k] = _MIDNIGHT.sub(r"\1", cell)
    return grid, {"sheet": sheet, "sheets": names, "sheet_chosen": chosen, "encoding": "",
                  "delimiter": "", "stray_quotes": []}


def _readable_sheets(book: pd.ExcelFile, path: Path, names: list[str],
                     rows: int | None = None) -> dict[str, pd.DataFrame]:
    """Every sheet that can be read (its first ``rows`` rows, all when None), in workbook
    order; a damaged sheet beside the sign-ups (a chart, a broken pivot) is passed over, and
    only when none can be read is the first one's error raised."""
    frames, first_error = {}, None
    for name in names:
        try:
            frames[name] = _read_sheet(book, path, name, rows)
        except InputError as exc:
            first_error = first_error or exc
    if not frames and first_error is not None:
        raise first_error
    return frames


def _read_sheet(book: pd.ExcelFile, path: Path, sheet: str, rows: int | None = None) -> pd.DataFrame:
    try:
        return pd.read_excel(book, sheet_name=sheet, dtype=str, header=None, nrows=rows)
    except BaseException as exc:  # engines raise many types for broken sheets; report them all
        _reraise_unless_engine_failure(exc)
        raise InputError(f"{path.name}, sheet '{sheet}': cannot be read: the sheet is damaged "
                         f"or incomplete ({_short(exc)}); open it in Excel and save it again "
                         "as .xlsx, or export the answers again") from None


#: rows of each sheet :func:`sign_up_sheet` chooses by (title rows, the header and enough
#: answers to tell the sign-ups from instructions or a summary; a big round is read once)
CHOICE_ROWS = 200
#: A header row names at least this many distinct questions (an e-mail and one answer at least,
#: plus a time stamp or name in every Forms export); an instructions sheet is one column of prose.
MIN_HEADERS = 3


def sign_up_sheet(frames: dict[str, pd.DataFrame]) -> str:
    """The sheet of a workbook that holds the sign-ups, chosen by its content.

    A sheet's header row is its first row with a non-empty cell. A sheet qualifies when that row
    holds at least :data:`MIN_HEADERS` distinct non-empty cells; of the qualifying sheets the one
    with the most rows under its header that have two or more non-empty cells wins (an
    instructions sheet is mostly one column of prose, a summary or pivot sheet has few rows).
    Ties go to the earlier sheet; with no qualifying sheet the first sheet is read. The reader
    passes the first :data:`CHOICE_ROWS` rows of each sheet, so two sheets of that many sign-ups
    or more tie.

    Examples
    --------
    >>> ohjeet = pd.DataFrame([["Täytä lomake"], ["Kiitos"]])
    >>> answers = pd.DataFrame([["Email", "Kielet", "Ala"], ["a@x.fi", "suomi", "IT"]])
    >>> sign_up_sheet({"Ohjeet": ohjeet, "Vastaukset": answers})
    'Vastaukset'
    """
    best, best_rows = next(iter(frames)), -1
    for name, raw in frames.items():
        # an empty cell comes back as NaN; only the header row's cells are stripped (stripping
        # every cell would cost as much as reading the sheet)
        counts = raw.notna().to_numpy().sum(axis=1)
        starts = np.flatnonzero(counts)
        if not len(starts):
            continue
        top = starts[0]
        headers = {str(cell).strip() for cell in raw.iloc[top] if pd.notna(cell)} - {""}
        if len(headers) < MIN_HEADERS:
            continue
        rows = int((counts[top + 1:] >= 2).sum())
        if rows > best_rows:
            best, best_rows = name, rows
    return best


def _reraise_unless_engine_failure(error: BaseException) -> None:
    """Raise ``error`` again unless a workbook engine raised it because it cannot read the file:
    any Exception, or a panic of calamine's Rust code (pyo3's ``PanicException``, a
    BaseException, seen on a workbook without its shared strings). Ctrl-C and exits go on."""
    if not isinstance(error, Exception) and type(error).__name__ != "PanicException":
        raise error


def _short(error: BaseException) -> str:
    """An engine's error as one short line (some put a whole traceback into the message); a
    bare one ("'Form1'", a missing part's name) with its type."""
    text = " ".join(str(error).split()) or type(error).__name__
    if len(text) < 24 and not text.startswith(type(error).__name__):
        text = f"{type(error).__name__}: {text}"
    return text if len(text) <= 160 else text[:159] + "…"


def excel_engine(path: Path) -> str:
    """The pandas engine that reads the workbook at ``path``: ``"calamine"`` (fast, every workbook
    type), else ``"openpyxl"`` for .xlsx/.xlsm; InputError for other types without calamine.

    >>> excel_engine(Path("pairs.xlsx")) in ("calamine", "openpyxl")
    True
    """
    if importlib.util.find_spec("python_calamine") is not None:
        return "calamine"
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise InputError(f"{path.name}: reading {path.suffix} files needs the python-calamine "
                         "package (pip install python-calamine), or save the file as .xlsx")
    return "openpyxl"


def _read_text(path: Path) -> tuple[list[list[str]], dict]:
    data = path.read_bytes()
    _check_text(data, path.name)
    text, encoding = decode(data, path.name)
    text = _line_feeds(text)
    if not text.strip():
        raise EmptyFileError(f"{path.name}: the file is empty; export the form answers again")
    delimiter = sniff_delimiter(text[:_SNIFF_CHARS])
    grid, stray = split_records(text, delimiter, path.name)
    return grid, {"sheet": "", "encoding": encoding, "delimiter": delimiter, "stray_quotes": stray}


def _line_feeds(text: str) -> str:
    """``text`` with its lines ended by ``"\\n"``: a file whose lines end in a bare carriage return
    (Excel for Mac's "CSV (Macintosh)", old Mac programs) gets line feeds instead; in any other
    file a lone ``"\\r"`` is text inside a cell and stays.

    >>> _line_feeds("a;b\\r1;2\\r"), _line_feeds("a;b\\r\\n1;2\\r\\n")
    ('a;b\\n1;2\\n', 'a;b\\r\\n1;2\\r\\n')
    """
    lone = text.count("\r") - text.count("\r\n")
    return text.replace("\r\n", "\n").replace("\r", "\n") if lone > text.count("\n") else text


def _check_text(data: bytes, name: str) -> None:
    """Refuse binary data saved under a text name (an image, a PDF, a program...)."""
    if data.startswith(_UNICODE_BOMS) or _utf16_order(data):
        return
    sample = data[:_SNIFF_CHARS]
    # a NUL or two may have been pasted into a cell; binary files are full of them
    if sample.startswith(_BINARY_SIGNATURES) or sample.count(0) > max(8, len(sample) // 1000):
        raise InputError(f"{name}: is not a text file (it holds binary data, such as an image, a "
                         "PDF or a program); export the form answers again as CSV or .xlsx")


def _utf16_order(data: bytes) -> str | None:
    """``"utf-16-le"``/``"utf-16-be"`` for UTF-16 text without a byte-order mark, else None.

    Latin text in UTF-16 has a NUL in every other byte; binary data does not show that pattern.
    """
    sample = data[:4096]
    if len(sample) < 8:
        return None
    odd, even = sample[1::2], sample[0::2]
    if odd.count(0) > 0.7 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.7 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def split_records(text: str, delimiter: str,
                  name: str = "file") -> tuple[list[list[str]], list[int]]:
    """CSV text as a list of records, and the records where a stray quote was read as text.

    The fast :mod:`csv` reader reads every record. One that comes out with a different number of
    cells than the header, or that runs over lines which each look like a whole record, is read
    again by a strict rule: a ``"`` opens a quoted cell only when a closing ``"`` follows it
    directly before a delimiter or the end of a line. A lone quote typed into an answer is then an
    ordinary character instead of swallowing the sign-ups below it. Returned record numbers are
    0-based (the header is record 0).

    >>> split_records('a;b;c\\n"x;1;2\\ny;"2;";3\\n', ";")
    ([['a', 'b', 'c'], ['"x', '1', '2'], ['y', '2;', '3']], [1])
    >>> split_records('a;b;c\\n"two\\nlines";1;2\\n', ";")
    ([['a', 'b', 'c'], ['two\\nlines', '1', '2']], [])
    """
    # only "\\n" ends a line: str.splitlines would also cut at form feeds and other separators
    lines = [line for line in _LINE_END.split(text) if line]
    offsets = np.cumsum([0] + [len(line) for line in lines]).tolist()
    cell = re.compile(_STRICT_CELL.format(d=re.escape(delimiter)), re.DOTALL)
    records: list[list[str]] = []
    stray: list[int] = []
    position = 0
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, _MAX_CELL_CHARS))  # a 100 KB free-text answer is allowed
    try:
        while position < len(lines):
            reader = csv.reader(_Lines(lines, position), delimiter=delimiter, quotechar='"',
                                strict=False)
            start = 0
            for record in reader:
                used = reader.line_num - start
                if records and (len(record) != len(records[0]) or (used > 1 and _swallowed(
                        lines[position + 1:position + used], delimiter, len(records[0])))):
                    strict, end = _strict_record(text, offsets[position], cell, delimiter)
                    if strict != record:
                        records.append(strict)
                        stray.append(len(records) - 1)
                        position = bisect.bisect_right(offsets, end - 1)
                        break  # go on with the fast reader after this record
                records.append(record)
                position += used
                start = reader.line_num
            else:
                break
    except csv.Error as exc:
        raise InputError(f"{name}: cannot be read as CSV near line {position + 1} ({exc}); open it "
                         "in a spreadsheet program and save it again as CSV") from None
    finally:
        csv.field_size_limit(limit)
    return records, stray


def _strict_record(text: str, start: int, cell: re.Pattern, delimiter: str) -> tuple[list[str], int]:
    """One record from ``text[start:]`` by the strict quoting rule; returns it and where it ends."""
    record = []
    position = start
    while True:
        match = cell.match(text, position)
        assert match is not None  # the plain alternative matches anywhere, even empty
        quoted, plain = match.group(1), match.group(2)
        record.append(quoted.replace('""', '"') if quoted is not None else plain.rstrip("\r"))
        position = match.end()
        if text.startswith(delimiter, position):
            position += len(delimiter)
            continue
        if text.startswith("\n", position):
            position += 1
        return record, position


class _Lines:
    """An iterator over ``lines[start:]`` without copying them (csv.reader reads it lazily)."""

    def __init__(self, lines: list[str], start: int):
        self.lines, self.index = lines, start

    def __iter__(self) -> "_Lines":
        return self

    def __next__(self) -> str:
        if self.index >= len(self.lines):
            raise StopIteration
        self.index += 1
        return self.lines[self.index - 1]


def _swallowed(inner: list[str], delimiter: str, width: int) -> bool:
    """Do the continuation lines of one quoted cell include a whole record of ``width`` cells?"""
    return width > 2 and any(line.count(delimiter) >= width - 1 for line in inner)


def decode(data: bytes, name: str = "file") -> tuple[str, str]:
    """Decode CSV bytes: UTF-8 (BOM or not), UTF-16 (BOM or not), UTF-32 with BOM, else cp1252.
    Returns (text, encoding).

    >>> decode("Määrä".encode("cp1252"))
    ('Määrä', 'cp1252')
    >>> decode(codecs.BOM_UTF8 + "Määrä".encode())
    ('Määrä', 'utf-8-sig')
    """
    if data.startswith(codecs.BOM_UTF8):
        candidates: tuple[str, ...] = ("utf-8-sig",)
    elif data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):  # before UTF-16: FF FE 00 00
        candidates = ("utf-32",)
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ("utf-16",)
    elif order := _utf16_order(data):
        candidates = (order,)
    else:
        # not UTF-8 as a whole: line by line, cp1252 the last resort (it decodes almost any
        # byte string), _decode_lines
        candidates = ("utf-8",)
    for encoding in candidates:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            if encoding == "utf-8":
                return _decode_lines(data, name)
    raise _not_text(name)


def _not_text(name: str) -> InputError:
    return InputError(f"{name}: is not a text file in UTF-8, UTF-16 or Windows-1252 (it may hold "
                      "binary data); save the export again as 'CSV UTF-8' or .xlsx")


def _decode_lines(data: bytes, name: str) -> tuple[str, str]:
    """Bytes that are not UTF-8 as a whole, decoded line by line: UTF-8 where a line is, else
    Windows-1252. A file all in Windows-1252 reads as before (its lines with ä or ö are never
    valid UTF-8); one whose sign-ups were appended by another program (some lines UTF-8, some
    cp1252) reads right in every line, instead of turning each UTF-8 "ä" into "Ã¤".

    >>> _decode_lines("Määrä\\n".encode() + "Määrä\\n".encode("cp1252"), "f")
    ('Määrä\\nMäärä\\n', 'utf-8 and cp1252')
    >>> _decode_lines("Määrä\\n".encode("cp1252"), "f")
    ('Määrä\\n', 'cp1252')
    """
    lines, found = [], set()
    for line in data.splitlines(keepends=True):
        for encoding in ("utf-8", "cp1252"):
            try:
                lines.append(line.decode(encoding))
            except UnicodeDecodeError:
                continue
            found.add(encoding if not line.isascii() else "ascii")
            break
        else:
            raise _not_text(name)
    encoding = "utf-8 and cp1252" if {"utf-8", "cp1252"} <= found else "cp1252"
    return "".join(lines), encoding


def sniff_delimiter(sample: str) -> str:
    """The delimiter among ``,`` ``;`` tab ``|`` that splits ``sample`` most consistently.

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
        # quotes as Excel writes them, and as ordinary characters: a stray quote typed into an
        # answer must not make the right delimiter look inconsistent
        for quoting in (csv.QUOTE_MINIMAL, csv.QUOTE_NONE):
            rows = [r for r in csv.reader(lines[:200], delimiter=delimiter, quoting=quoting)
                    if any(c.strip() for c in r)]
            if not rows or len(rows[0]) < 2:
                continue
            width = len(rows[0])
            consistent = sum(len(r) == width for r in rows) / len(rows)
            rank = (consistent, width)
            if rank > best_rank:
                best, best_rank = delimiter, rank
    return best


def _tidy(grid: list[list[str]], path: Path, attrs: dict) -> pd.DataFrame:
    """Find the header row, strip headers and cells, blank → NaN, drop blank and note rows,
    index by spreadsheet row."""
    width = max((len(record) for record in grid), default=0)
    # every cell stripped, an empty one NaN: one pass over the Python strings (pandas' string
    # methods cost several passes and two copies of the grid)
    cells = np.full((len(grid), width), np.nan, dtype=object)
    for number, record in enumerate(grid):
        cells[number, :len(record)] = [_stripped(cell) for cell in record]
    text = pd.DataFrame(cells, dtype=object)
    counts = text.notna().sum(axis=1).to_numpy()
    if not counts.any():
        raise EmptyFileError(f"{path.name}: the file is empty; export the form answers again")
    header = _header_row(counts)
    rows = 1
    codes = None
    if header + 1 < len(text) and question_text_row(text.iloc[header].tolist(),
                                                    text.iloc[header + 1].tolist()):
        codes, header = header + 1, header + 1  # Qualtrics: the codes' row, then the texts' row
    if header > 0 and codes is None and second_header_row(text.iloc[header - 1].tolist(),
                                                          text.iloc[header].tolist()):
        header -= 1  # the question row fills less than the option row under it
    if header + 1 < len(text) and second_header_row(text.iloc[header].tolist(),
                                                    text.iloc[header + 1].tolist()):
        rows = 2
        raw = joined_headers(text.iloc[header].tolist(), text.iloc[header + 1].tolist())
    else:
        raw = text.iloc[header].tolist()
    # the tool's own rows under the header (Qualtrics' {"ImportId": ...}) are no sign-ups
    skipped = 0
    while header + rows + skipped < len(text) and import_id_row(text.iloc[header + rows + skipped].tolist()):
        skipped += 1
    imports = list(range(header + rows + 1, header + rows + skipped + 1))
    rows += skipped
    headers = _unique_headers(raw)
    table = text.iloc[header + rows:].set_axis(headers, axis=1)
    table = table.where(table.notna(), np.nan)
    # a header-less column that holds nothing either is a leftover of the spreadsheet program
    table = table.loc[:, [not (h.startswith("Unnamed: ") and table[h].isna().all()) for h in headers]]
    table.index = pd.RangeIndex(header + rows + 1, header + rows + 1 + len(table), name="row")
    answers = counts[header + rows:]
    notes = _note_rows(table, answers)
    blank = answers == 0
    stray = [n + 1 for n in attrs.pop("stray_quotes", []) if n > header + rows - 1]
    table = table.loc[~blank & ~table.index.isin(notes)]
    duplicates = {h: n for h, n in Counter(str(c).strip() for c in raw if isinstance(c, str)).items()
                  if n > 1}
    table.attrs = {"file": path.name, "path": str(path), **attrs, "blank_rows": int(blank.sum()),
                   "header_row": header + 1, "header_rows": rows - skipped, "note_rows": notes,
                   "code_row": codes, "import_rows": imports,
                   "duplicate_headers": duplicates, "stray_quotes": stray}
    return table


def _stripped(cell: object) -> object:
    """A cell as text without surrounding white space or NUL, NaN when nothing is left (or missing)."""
    if not isinstance(cell, str):
        if cell is None or cell is pd.NA or cell != cell:
            return np.nan
        cell = str(cell)
    # A NUL is never typed into a form (it comes from copy-paste or a broken export), and pandas
    # before 3.1 compares strings only up to their first NUL: "Helsinki\x00" and "Helsinki"
    # would be one answer to unique(), groupby() and duplicated(). Every other character is kept.
    cell = cell.replace("\x00", "").strip()
    return cell if cell else np.nan


def _header_row(counts: np.ndarray) -> int:
    """The 0-based record holding the headers: the first of the top rows filled at least
    :data:`HEADER_FILL` as wide as the widest of them. A title above the headers (one cell, or a
    few merged cells over the questions) fills far fewer."""
    top = counts[:_HEADER_SEARCH_ROWS]
    return int(np.flatnonzero(top >= max(1, HEADER_FILL * top.max()))[0])


#: most words in a cell of a second header row (an option, "Response", "Open-Ended Response")
SUBHEADER_WORDS = 20


def second_header_row(upper: list, lower: list) -> bool:
    """True when ``lower`` is a second header row under the questions of ``upper`` (SurveyMonkey
    and similar exports: the question over the first of its columns, each column's option or
    "Response" on the row below, the person's own columns, id and e-mail, blank there).

    It is when the question row leaves two cells or more blank beside a question that the row
    below fills (a question spanning several columns), the row below leaves blank a column the question row
    names, or labels one cell of each of two questions alike ("Response"), and it holds no
    e-mail address and no long text, as answers would.

    >>> second_header_row(["Respondent ID", "Email", "Languages?", None, "Goals?", None],
    ...                   [None, None, "Finnish", "English", "Networking", "CV"])
    True
    >>> second_header_row(["Email", "Languages?", "Goals?"], ["a@x.fi", "Finnish", "CV"])
    False
    >>> second_header_row(["Mentor sign-ups 2026", None, None], ["Email", "Languages", "Goals"])
    False
    """
    filled = [isinstance(c, str) for c in upper]
    below = [isinstance(c, str) for c in lower] + [False] * max(0, len(upper) - len(lower))
    if sum(filled) < 2 or not any(below):
        return False
    if any(EMAIL_LIKE.search(c) or len(c.split()) > SUBHEADER_WORDS for c in lower if isinstance(c, str)):
        return False
    first = filled.index(True)
    spanned = sum(1 for k in range(first + 1, len(filled)) if not filled[k] and below[k])
    unnamed = any(f and not b for f, b in zip(filled, below))
    spans = _spans(upper)
    labels = Counter(lower[k] for k in range(len(filled)) if below[k] and spans[k] is not None)
    repeated = any(n >= 2 and len({spans[k] for k in range(len(filled)) if below[k] and lower[k] == label}) >= 2
                   for label, n in labels.items())
    # two columns headed by nothing but the row below are a question's options, not a stray
    # unnamed column one answer fills
    return spanned >= 2 and (unnamed or repeated)


#: a survey tool's import id under its headers, one JSON object a cell (Qualtrics'
#: ``{"ImportId":"QID1"}``, ``{"ImportId":"startDate","timeZone":"Europe/Helsinki"}``)
_IMPORT_ID = re.compile(r'^\{\s*"[A-Za-z_]+"\s*:.*\}$', re.S)
#: a short question code heading a column: letters, a number, maybe parts after "_", "." or
#: "#" ("Q1", "Q2_1", "QID3", "Q4_4_TEXT", "G01Q02")
_QUESTION_CODE = re.compile(r"^[A-Za-z]+\d+(?:[_.#][A-Za-z0-9]+)*$")
#: least question codes a code row has
MIN_CODES = 2


def import_id_row(cells: list) -> bool:
    """True when a row under the header is a survey tool's import ids, not a sign-up: most of its
    filled cells (:data:`HEADER_FILL`) are JSON objects.

    >>> import_id_row(['{"ImportId":"startDate","timeZone":"Europe/Helsinki"}', '{"ImportId":"QID1"}'])
    True
    >>> import_id_row(["2026-01-12", "aino@example.org"])
    False
    """
    filled = [c for c in cells if isinstance(c, str)]
    return bool(filled) and sum(bool(_IMPORT_ID.match(c)) for c in filled) >= HEADER_FILL * len(filled)


def question_text_row(upper: list, lower: list) -> bool:
    """True when ``lower`` holds the question texts of the codes heading ``upper`` (Qualtrics:
    "Q1", "Q2_1" over "What is your email?", "Which languages do you speak? - Finnish"), so the
    texts name the columns.

    It is when most headers of ``upper`` (:data:`HEADER_FILL`) are one word, :data:`MIN_CODES`
    of them or more question codes (:data:`_QUESTION_CODE`), and ``lower`` names each of those
    columns, each differently, with words, not numbers, no e-mail address among them, half of
    them two words or more, as a sign-up's answers would not.

    >>> question_text_row(["StartDate", "Q1", "Q2_1", "Q3"],
    ...                   ["Start Date", "What is your email?", "Languages - Finnish", "About you"])
    True
    >>> question_text_row(["StartDate", "Q1", "Q2"], ["2026-01-12 10:00", "aino@example.org", "Finnish"])
    False
    >>> question_text_row(["Email", "Name", "City"], ["Email address", "Your name", "Home town"])
    False
    """
    pairs = [(u, lower[k] if k < len(lower) else None) for k, u in enumerate(upper) if isinstance(u, str)]
    texts = [t for _, t in pairs if isinstance(t, str)]
    if sum(bool(_QUESTION_CODE.match(u)) for u, _ in pairs) < MIN_CODES or len(texts) < len(pairs):
        return False
    if sum(len(u.split()) == 1 for u, _ in pairs) < HEADER_FILL * len(pairs) or len(set(texts)) < len(texts):
        return False
    if any(EMAIL_LIKE.search(t) or _number_like(t) for t in texts):
        return False
    return 2 * sum(len(t.split()) >= 2 for t in texts) >= len(texts)


def _number_like(cell: str) -> bool:
    try:
        float(cell.replace(",", "."))
    except ValueError:
        return False
    return True


def _spans(upper: list) -> list[int | None]:
    """Each column's question: the position of the last filled cell of ``upper`` at or left of it."""
    out: list[int | None] = []
    for k, cell in enumerate(upper):
        out.append(k if isinstance(cell, str) else (out[-1] if out else None))
    return out


def joined_headers(upper: list, lower: list) -> list[object]:
    """One header per column from a question row and the option row under it: the question for
    a question of one column ("Response" names nothing) or a column the option row leaves
    blank, ``"Question - Option"`` for each column of a question spanning several (read as one
    multi-select by :mod:`matcher.option_columns`), the option alone left of every question.

    >>> joined_headers(["Email", "Languages?", None, "About you"], [None, "Finnish", "English", "Response"])
    ['Email', 'Languages? - Finnish', 'Languages? - English', 'About you']
    """
    spans = _spans(upper)
    width = Counter(s for s in spans if s is not None)
    out: list[object] = []
    for k in range(len(upper)):
        sub = lower[k] if k < len(lower) and isinstance(lower[k], str) else None
        span = spans[k]
        question = upper[span] if span is not None else None
        if span is None or sub is None or width[span] == 1:
            out.append(question if question is not None else sub)
        else:
            out.append(f"{question} - {sub}")
    return out


def _unique_headers(raw: list) -> list[str]:
    """Stripped headers, an empty one as ``"Unnamed: <position>"``, a repeated one as
    ``"<header> (2)"``, ``"<header> (3)"``... so no two columns share a name.

    >>> _unique_headers(["Name", " Languages", None, "Languages"])
    ['Name', 'Languages', 'Unnamed: 2', 'Languages (2)']
    """
    seen: Counter = Counter()
    headers = []
    for position, value in enumerate(raw):
        name = str(value).strip() if isinstance(value, str) and value.strip() else f"Unnamed: {position}"
        seen[name] += 1
        headers.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return headers


def _note_rows(table: pd.DataFrame, counts: np.ndarray) -> list[int]:
    """Spreadsheet rows under the last answer that hold a note rather than a sign-up.

    People add "Exported 12.1. by Kati" or "Total: 80" under the answers. A row there counts as a
    note when it fills at most :data:`NOTE_CELLS` cells, none of them an e-mail address, while
    the sign-ups above fill at least twice as many.
    """
    signups = counts[counts > NOTE_CELLS]
    if not len(signups) or np.median(signups) < 2 * NOTE_CELLS:
        return []
    notes = []
    for position in range(len(counts) - 1, -1, -1):
        if counts[position] > NOTE_CELLS:
            break
        row = table.iloc[position]
        if counts[position] and not row.dropna().astype(str).str.contains(EMAIL_LIKE).any():
            notes.append(int(table.index[position]))
        elif counts[position]:
            break
    return sorted(notes)
