"""How far the sheets of an old-format Excel workbook (.xls) reach, read without parsing them.

An .xls file is an OLE2 compound file (a small file system of 512- or 4096-byte sectors chained
by a table, [MS-CFB]) whose ``Workbook`` stream is a list of BIFF8 records ([MS-XLS]): each
sheet's records from its BOF to its EOF, one record per cell that holds a value, each naming its
row and column. :func:`far_sheet` walks those records (a few bytes each, no cell is decoded)
for each sheet's last row and furthest column, so that :mod:`matcher.readers` can refuse a sheet
with one stray cell at IV65536 before the workbook engine builds all 16.7 million cells of it
(36 s and 1.5 GB for a sheet of three answers, measured with calamine and pandas).

Example
-------
A worksheet's BOF, its DIMENSIONS (rows 0-65535, columns 0-255: a formatted far cell), a
NUMBER cell at row 4, column 2 (0-based), and its EOF:

>>> bof = struct.pack("<HHHH", 0x0809, 4, 0x0600, 0x0010)
>>> dimensions = struct.pack("<HHIIHHH", 0x0200, 14, 0, 65536, 0, 256, 0)
>>> number = struct.pack("<HHHH", 0x0203, 14, 4, 2) + bytes(10)
>>> sheet = bof + dimensions + number + struct.pack("<HH", 0x000A, 0)
>>> _sheet_extent(sheet, 0, lambda rows, columns: rows * columns > 1000)
(5, 3)
>>> _sheet_extent(sheet, 0, lambda rows, columns: rows * columns > 10**9)
(65536, 256)
"""

from __future__ import annotations

import struct
import sys
from array import array
from collections.abc import Callable, Iterator
from pathlib import Path

#: the end of a sector chain (and the markers of free or special sectors above it)
_CHAIN_END = 0xFFFFFFFA
_DIRECTORY_ENTRY = 128
#: the stream of the workbook's records: BIFF8 (Excel 97-2003), then BIFF5 (Excel 5/95)
_WORKBOOK_STREAMS = ("Workbook", "Book")
_BOF, _EOF, _BOUNDSHEET, _DIMENSIONS = 0x0809, 0x000A, 0x0085, 0x0200
#: the records of one cell that holds a value, each starting with its row and column (u16 each):
#: LABELSST, LABEL, NUMBER, RK, BOOLERR, FORMULA, RSTRING. BLANK and MULBLANK are formatting only
_VALUE_CELLS = frozenset({0x00FD, 0x0204, 0x0203, 0x027E, 0x0205, 0x0006, 0x00D6})
_MULRK = 0x00BD  # several RK cells of one row: row, first column, ..., last column


def far_sheet(path: Path, too_large: Callable[[int, int], bool]) -> tuple[int, int] | None:
    """The (rows, columns) of the first worksheet whose cells holding a value reach so far that
    ``too_large(rows, columns)``, or None: none does, or the file's structure cannot be followed
    (the workbook engine then says how it is damaged).

    A sheet's DIMENSIONS record bounds its used range (formatted blank cells included): only a
    sheet whose bound is too large has its cell records walked, so a real export costs a few
    records per sheet.
    """
    try:
        stream = _workbook_stream(path.read_bytes())
        if stream is None:
            return None
        for start in _sheet_starts(stream):
            extent = _sheet_extent(stream, start, too_large)
            if too_large(*extent):
                return extent
    except (struct.error, ValueError, IndexError):
        return None
    return None


def _workbook_stream(data: bytes) -> bytes | None:
    """The bytes of the compound file's workbook stream, or None when it has none."""
    shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
    if shift not in (9, 12) or mini_shift != 6:
        raise ValueError("not a compound file's sector sizes")
    size = 1 << shift
    (fat_count, directory_start, _, cutoff, mini_fat_start, _, difat_start,
     difat_count) = struct.unpack_from("<8I", data, 0x2C)
    difat = list(struct.unpack_from("<109I", data, 0x4C))
    per_sector = size // 4
    sector = difat_start  # more of the table of FAT sectors, in a chain of its own
    for _ in range(min(difat_count, 1 << 16)):
        if sector >= _CHAIN_END:
            break
        links = struct.unpack_from(f"<{per_sector}I", data, (sector + 1) * size)
        difat.extend(links[:-1])
        sector = links[-1]

    def sector_bytes(sector: int) -> bytes:
        return data[(sector + 1) * size:(sector + 2) * size]

    fat = _u32s(b"".join(sector_bytes(s) for s in difat[:fat_count]))
    directory = _chain_bytes(fat, directory_start, sector_bytes)
    entries = [directory[k:k + _DIRECTORY_ENTRY]
               for k in range(0, len(directory) - _DIRECTORY_ENTRY + 1, _DIRECTORY_ENTRY)]
    if not entries:
        return None
    named = {}
    for entry in entries:
        length = min(struct.unpack_from("<H", entry, 64)[0], 64)
        if entry[66] == 2 and length >= 2:  # a stream
            name = entry[:length - 2].decode("utf-16-le", "replace")
            named[name] = struct.unpack_from("<II", entry, 116)
    found = next((named[name] for name in _WORKBOOK_STREAMS if name in named), None)
    if found is None:
        return None
    start, length = found
    if length >= cutoff:
        return _chain_bytes(fat, start, sector_bytes)[:length]
    # a small stream sits in 64-byte sectors of the mini stream (the root entry's stream)
    mini_stream = _chain_bytes(fat, struct.unpack_from("<I", entries[0], 116)[0], sector_bytes)
    mini_fat = _u32s(_chain_bytes(fat, mini_fat_start, sector_bytes))
    return _chain_bytes(mini_fat, start, lambda s: mini_stream[s * 64:(s + 1) * 64])[:length]


def _u32s(data: bytes) -> array:
    """``data`` as little-endian 32-bit numbers (a table of sector links)."""
    numbers = array("I", data[:len(data) - len(data) % 4])
    if numbers.itemsize != 4:
        raise ValueError("no 32-bit array type")
    if sys.byteorder == "big":
        numbers.byteswap()
    return numbers


def _chain_bytes(table: array, start: int, read: Callable[[int], bytes]) -> bytes:
    """The sectors of a chain that starts at ``start``, joined; a chain longer than its table
    (a loop in a damaged file) ends there."""
    parts = []
    for _ in range(len(table) + 1):
        if start >= _CHAIN_END or start >= len(table):
            break
        parts.append(read(start))
        start = table[start]
    return b"".join(parts)


def _records(stream: bytes, position: int) -> Iterator[tuple[int, int, int]]:
    """(type, offset of its body, length) of each BIFF record from ``position`` on."""
    end = len(stream) - 4
    while position <= end:
        kind, length = struct.unpack_from("<HH", stream, position)
        yield kind, position + 4, length
        position += 4 + length


def _sheet_starts(stream: bytes) -> Iterator[int]:
    """Where each worksheet's records start: its BOUNDSHEET record in the workbook's globals
    (the records before the first EOF) says so."""
    for kind, body, length in _records(stream, 0):
        if kind == _EOF:
            return
        if kind == _BOUNDSHEET and length >= 6 and stream[body + 5] == 0:  # 0: a worksheet
            yield struct.unpack_from("<I", stream, body)[0]


def _sheet_extent(stream: bytes, start: int, too_large: Callable[[int, int], bool]
                  ) -> tuple[int, int]:
    """The worksheet at ``start``: its DIMENSIONS bound when that is not too large, else 1 + the
    largest row and column of its cells holding a value (a chart's records inside it, between
    a BOF and its EOF, are not cells)."""
    rows = columns = depth = 0
    for kind, body, length in _records(stream, start):
        if kind == _BOF:
            depth += 1
        elif kind == _EOF:
            depth -= 1
            if depth <= 0:
                break
        elif depth != 1:
            continue
        elif kind == _DIMENSIONS and length >= 10:
            bound = (struct.unpack_from("<IIHH", stream, body)[1::2] if length >= 14  # BIFF8
                     else struct.unpack_from("<HHHH", stream, body)[1::2])
            if not too_large(*bound):
                return bound
        elif kind in _VALUE_CELLS and length >= 4:
            row, column = struct.unpack_from("<HH", stream, body)
            rows, columns = max(rows, row + 1), max(columns, column + 1)
        elif kind == _MULRK and length >= 6:
            row = struct.unpack_from("<H", stream, body)[0]
            last = struct.unpack_from("<H", stream, body + length - 2)[0]
            rows, columns = max(rows, row + 1), max(columns, last + 1)
    return rows, columns
