"""Write a minimal old-format Excel workbook (.xls) for tests: one sheet of BIFF8 records in an
OLE2 compound file, as Excel 97-2003 saves it (a stream under 4096 bytes in the mini stream).

No writer of .xls is a dependency of matcher; calamine reads what this writes.
"""

from __future__ import annotations

import struct
from pathlib import Path

_FREE, _END, _FAT_SECTOR, _NONE = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
_SECTOR, _MINI, _CUTOFF = 512, 64, 4096


def write_xls(path: Path, cells: dict[tuple[int, int], str | float],
              blanks: tuple[tuple[int, int], ...] = (), sheet: str = "Form1") -> Path:
    """Save ``cells`` ({(0-based row, column): text or number}) and formatted empty ``blanks``
    as the only sheet of an .xls workbook at ``path``."""
    path.write_bytes(_compound(_biff(cells, blanks, sheet)))
    return path


def _record(kind: int, body: bytes = b"") -> bytes:
    return struct.pack("<HH", kind, len(body)) + body


def _bof(kind: int) -> bytes:
    return _record(0x0809, struct.pack("<HHHHII", 0x0600, kind, 0, 0, 0, 0))


def _biff(cells: dict[tuple[int, int], str | float], blanks: tuple[tuple[int, int], ...],
          name: str) -> bytes:
    places = [*cells, *blanks] or [(0, 0)]
    records = [_bof(0x0010), _record(0x0200, struct.pack(
        "<IIHHH", 0, max(r for r, _ in places) + 1, 0, max(c for _, c in places) + 1, 0))]
    for (row, column), value in sorted(cells.items()):
        if isinstance(value, str):  # LABEL: an uncompressed UTF-16 string
            records.append(_record(0x0204, struct.pack("<HHHHB", row, column, 15, len(value), 1)
                                   + value.encode("utf-16-le")))
        else:  # NUMBER
            records.append(_record(0x0203, struct.pack("<HHHd", row, column, 15, value)))
    records += [_record(0x0201, struct.pack("<HHH", r, c, 15)) for r, c in blanks]
    worksheet = b"".join(records) + _record(0x000A)

    def workbook_globals(sheet_at: int) -> bytes:
        title = name.encode("latin-1")
        return (_bof(0x0005) + _record(0x0042, struct.pack("<H", 1200))
                + _record(0x0085, struct.pack("<IBBBB", sheet_at, 0, 0, len(title), 0) + title)
                + _record(0x000A))

    return workbook_globals(len(workbook_globals(0))) + worksheet


def _padded(data: bytes, size: int) -> bytes:
    return data + bytes(-len(data) % size)


def _chain(first: int, count: int) -> list[int]:
    return [first + k + 1 for k in range(count - 1)] + [_END]


def _compound(stream: bytes) -> bytes:
    """An OLE2 compound file (version 3) holding ``stream`` as its "Workbook" stream: sector 0
    the FAT, 1 the directory, then the mini FAT and the mini stream, or the stream itself."""
    fat = [_FAT_SECTOR, _END]
    if len(stream) < _CUTOFF:
        count = -(-len(stream) // _MINI)
        fat.append(_END)  # sector 2: the mini FAT
        container = _padded(stream, _SECTOR)
        fat += _chain(len(fat), len(container) // _SECTOR)
        root, start, mini_fat = (3, count * _MINI), 0, 2
        body = _padded(struct.pack(f"<{count}I", *_chain(0, count)), _SECTOR) + container
    else:
        body = _padded(stream, _SECTOR)
        start, root, mini_fat = len(fat), (_END, 0), _END
        fat += _chain(start, len(body) // _SECTOR)
    if len(fat) > _SECTOR // 4:
        raise ValueError("a test workbook fits one FAT sector (about 60 KB)")
    fat += [_FREE] * (_SECTOR // 4 - len(fat))

    def entry(name: str, kind: int, child: int, first: int, size: int) -> bytes:
        raw = (name + "\0").encode("utf-16-le") if name else b""
        return (raw.ljust(64, b"\0") + struct.pack("<HBB3I", len(raw), kind, 1, _NONE, _NONE, child)
                + bytes(36) + struct.pack("<IQ", first, size))

    directory = (entry("Root Entry", 5, 1, *root) + entry("Workbook", 2, _NONE, start, len(stream))
                 + entry("", 0, _NONE, 0, 0) * 2)
    header = (bytes.fromhex("d0cf11e0a1b11ae1") + bytes(16)
              + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + bytes(6)
              + struct.pack("<9I", 0, 1, 1, 0, _CUTOFF, mini_fat, int(mini_fat != _END), _END, 0)
              + struct.pack("<109I", 0, *[_FREE] * 108))
    return header + struct.pack(f"<{len(fat)}I", *fat) + directory + body
