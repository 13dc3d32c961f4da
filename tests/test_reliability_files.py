"""Reliability: broken, unusual and hostile input files (issue 13, "Files").

Each test breaks the mentee (or mentor) export of a small valid round in one way and runs
``matcher validate`` / ``matcher run``: the run either completes and says what it skipped or
assumed, or stops with exit code 2, a message naming the file (and row and column where they
apply) and what to do, no traceback and no output folder.
"""

from __future__ import annotations

import codecs
import contextlib
import datetime
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import matcher
from matcher import xls_extent

from tests.hostile import assert_clean, invoke, make_round, read_export, write_export
from tests.legacy_xls import write_xls


@pytest.fixture
def round_toml(tmp_path) -> Path:
    return make_round(tmp_path / "round")


@contextlib.contextmanager
def edited_sheet(path: Path):
    """The first sheet of the workbook at ``path``, saved back when the block ends."""
    book = openpyxl.load_workbook(path)
    yield book.active
    book.save(path)


def column_of(sheet, header: str) -> int:
    """The 1-based column number of ``header`` in the sheet's first row."""
    return [cell.value for cell in sheet[1]].index(header) + 1


def mentees_of(round_toml: Path) -> Path:
    return round_toml.parent / "mentees.csv"


def point_mentees_to(round_toml: Path, name: str) -> None:
    """Make the config read the mentees from ``name`` (in the round folder)."""
    text = round_toml.read_text(encoding="utf-8")
    round_toml.write_text(text.replace('file = "mentees.csv"', f'file = "{name}"'), encoding="utf-8")


def run_refused(round_toml: Path, *needles: str) -> None:
    """``run`` stops with exit code 2 and the message (a stopped run prints its data errors as
    ``validate`` does); nothing is written."""
    outdir = round_toml.parent / "out"
    assert_clean(invoke("run", round_toml, "-o", outdir), 2, *needles, outdir=outdir)
    assert not outdir.exists()


def run_completes(round_toml: Path, *needles: str, people: int | None = None,
                  full: bool = False) -> Path:
    """``validate`` passes (exit 0) and says every needle; ``people`` mentees are read. With
    ``full``, ``run`` also completes; returns the output folder."""
    outdir = round_toml.parent / "out"
    assert_clean(invoke("validate", round_toml), 0, *needles)
    if people is not None:
        assert len(matcher.load_round(round_toml).mentees) == people
    if full:
        assert_clean(invoke("run", round_toml, "-o", outdir, "--quiet"), 0, outdir=outdir)
    return outdir


# --- the file itself ---------------------------------------------------------------------------

def test_missing_file(round_toml):
    mentees_of(round_toml).unlink()
    run_refused(round_toml, r"mentees\.csv.*not found")


def test_empty_file(round_toml):
    mentees_of(round_toml).write_bytes(b"")
    run_refused(round_toml, r"mentees\.csv.*empty")


@pytest.mark.parametrize("suffix", [".xlsx", ".xls", ".ods"])
def test_empty_workbook_is_said_to_be_empty(round_toml, suffix):
    (round_toml.parent / f"mentees{suffix}").write_bytes(b"")
    point_mentees_to(round_toml, f"mentees{suffix}")
    run_refused(round_toml, rf"mentees\{suffix}: the file is empty \(0 bytes\)")


def test_header_only_file(round_toml):
    frame = read_export(mentees_of(round_toml))
    write_export(mentees_of(round_toml), frame.iloc[:0])
    run_refused(round_toml, r"mentees\.csv.*no sign-ups")


def test_header_only_xlsx(tmp_path):
    round_toml = make_round(tmp_path / "round", fmt="xlsx")
    path = round_toml.parent / "mentors.xlsx"
    write_export(path, read_export(path).iloc[:0])
    run_refused(round_toml, r"mentors\.xlsx.*no sign-ups")


def test_directory_as_file(round_toml):
    mentees_of(round_toml).unlink()
    mentees_of(round_toml).mkdir()
    run_refused(round_toml, r"mentees\.csv.*is a folder")


def test_directory_without_suffix(round_toml):
    (round_toml.parent / "exports").mkdir()
    point_mentees_to(round_toml, "exports")
    run_refused(round_toml, r"exports.*is a folder")


def test_corrupt_xlsx(round_toml):
    (round_toml.parent / "mentees.xlsx").write_bytes(b"PK\x03\x04 this is not really a zip" * 10)
    point_mentees_to(round_toml, "mentees.xlsx")
    run_refused(round_toml, r"mentees\.xlsx.*(damaged|cannot be read).*save it again")


def test_truncated_xlsx(tmp_path):
    round_toml = make_round(tmp_path / "round", fmt="xlsx")
    path = round_toml.parent / "mentees.xlsx"
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    run_refused(round_toml, r"mentees\.xlsx.*(damaged|incomplete|cannot be read)")


def test_password_protected_xlsx(round_toml):
    # Excel saves an encrypted workbook as an OLE2 compound file holding "EncryptedPackage"
    ole = codecs.decode("d0cf11e0a1b11ae1", "hex") + b"\x00" * 504
    ole += "EncryptedPackage".encode("utf-16-le") + b"\x00" * 1024
    (round_toml.parent / "mentees.xlsx").write_bytes(ole)
    point_mentees_to(round_toml, "mentees.xlsx")
    run_refused(round_toml, r"mentees\.xlsx.*password", r"remove the password")


def test_legacy_xls_is_read_or_refused_clearly(round_toml):
    # a real .xls is an OLE2 file too; this one is garbage with the right signature
    ole = codecs.decode("d0cf11e0a1b11ae1", "hex") + b"\x00" * 2048
    (round_toml.parent / "mentees.xls").write_bytes(ole)
    point_mentees_to(round_toml, "mentees.xls")
    run_refused(round_toml, r"mentees\.xls\b.*(save it again as \.xlsx|cannot be read)")


def test_xlsx_that_is_really_a_csv(round_toml):
    source = mentees_of(round_toml)
    (round_toml.parent / "mentees.xlsx").write_bytes(source.read_bytes())
    point_mentees_to(round_toml, "mentees.xlsx")
    run_refused(round_toml, r"mentees\.xlsx.*not an Excel workbook.*\.csv")


def _write_ods(path: Path, frame: pd.DataFrame, after: str = "") -> Path:
    """A minimal OpenDocument spreadsheet (LibreOffice's .ods), written with the standard library;
    ``after`` is more rows' XML, under the answers."""
    from xml.sax.saxutils import escape

    def row(cells) -> str:
        return "<table:table-row>" + "".join(
            f'<table:table-cell office:value-type="string"><text:p>{escape(str(c))}</text:p>'
            "</table:table-cell>" for c in cells) + "</table:table-row>"

    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} '
               'office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Form1">'
               + row(frame.columns) + "".join(row(r) for r in frame.to_numpy().tolist()) + after
               + "</table:table></office:spreadsheet></office:body></office:document-content>")
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
                '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type='
                '"application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
                'manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>')
    with zipfile.ZipFile(path, "w") as book:
        book.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet",
                      compress_type=zipfile.ZIP_STORED)
        book.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
        book.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return path


def test_ods_is_read(round_toml):
    frame = read_export(mentees_of(round_toml))
    _write_ods(round_toml.parent / "mentees.ods", frame)
    point_mentees_to(round_toml, "mentees.ods")
    run_completes(round_toml, people=len(frame))


def test_ods_reaching_a_far_cell_is_refused_unread(round_toml):
    """A value typed far out (here 20,000 rows below and 2,000 columns right of the answers, as
    runs of empty rows and cells, the way LibreOffice writes them) would make the reader fill
    40 million cells (3.5 GB, minutes); LibreOffice's trailing runs of empty rows and cells
    after the last value are not a far cell."""
    frame = read_export(mentees_of(round_toml))
    empty = ('<table:table-row table:number-rows-repeated="{rows}"><table:table-cell '
             'table:number-columns-repeated="1024"/></table:table-row>')
    far = ('<table:table-row><table:table-cell table:number-columns-repeated="2000"/>'
           '<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>'
           '</table:table-row>')
    _write_ods(round_toml.parent / "mentees.ods", frame, empty.format(rows=20000) + far
               + empty.format(rows=1048000))
    point_mentees_to(round_toml, "mentees.ods")
    run_refused(round_toml, r"mentees\.ods: a sheet reaches cell BXY20014 \(20,014 rows x 2,001 "
                            r"columns\).*Ctrl\+End")
    _write_ods(round_toml.parent / "mentees.ods", frame, empty.format(rows=1048000))
    run_completes(round_toml, people=len(frame))


def _mentees_as_xls(round_toml: Path, far: tuple[int, int] | None = None,
                    formatted: tuple[int, int] | None = None) -> None:
    """Save the round's mentees as mentees.xls (Excel 97-2003), with a value at ``far`` and a
    formatted empty cell at ``formatted`` (0-based row, column), and point the config at it."""
    frame = read_export(mentees_of(round_toml))
    cells: dict[tuple[int, int], str | float] = {(0, j): h for j, h in enumerate(frame.columns)}
    cells.update({(i + 1, j): value for i, row in enumerate(frame.itertuples(index=False))
                  for j, value in enumerate(row) if value != ""})
    if far is not None:
        cells[far] = "x"
    write_xls(round_toml.parent / "mentees.xls", cells, blanks=(formatted,) if formatted else ())
    point_mentees_to(round_toml, "mentees.xls")


def test_xls_is_read(round_toml):
    _mentees_as_xls(round_toml, formatted=(65535, 255))  # formatting only: no reason to refuse
    run_completes(round_toml, people=len(read_export(mentees_of(round_toml))), full=True)


def test_xls_reaching_a_far_cell_is_refused_unread(round_toml):
    """One value at IV65536, the last cell an .xls sheet has, made calamine and pandas fill 16.7
    million cells (36 s and 1.5 GB for a dozen sign-ups)."""
    _mentees_as_xls(round_toml, far=(65535, 255))
    run_refused(round_toml, r"mentees\.xls: a sheet reaches cell IV65536 \(65,536 rows x 256 "
                            r"columns\).*Ctrl\+End")


@pytest.mark.parametrize("padding", [0, 5000])  # a stream in the mini stream, and a full one
def test_xls_extent_of_small_and_large_streams(tmp_path, padding):
    cells: dict[tuple[int, int], str | float] = {(0, 0): "Email", (1, 0): "a@x.fi",
                                                 (1, 1): "x" * padding, (2, 30): 1.5}
    path = write_xls(tmp_path / "a.xls", cells, blanks=((65535, 255),))
    assert xls_extent.far_sheet(path, lambda rows, columns: rows * columns > 10) == (3, 31)
    assert xls_extent.far_sheet(path, lambda rows, columns: rows * columns > 100) is None
    path.write_bytes(path.read_bytes()[:1000])  # cut short: the engine says it is damaged
    assert xls_extent.far_sheet(path, lambda rows, columns: True) is None


def test_binary_file_saved_as_csv(round_toml):
    mentees_of(round_toml).write_bytes(bytes(range(256)) * 40)
    run_refused(round_toml, r"mentees\.csv.*(binary|not a text)")


def test_image_saved_as_csv(round_toml):
    mentees_of(round_toml).write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00\x10IHDR" * 50)
    run_refused(round_toml, r"mentees\.csv.*(binary|not a text)")


def test_xlsx_saved_as_csv(tmp_path):
    round_toml = make_round(tmp_path / "round", fmt="xlsx")
    (round_toml.parent / "mentees.csv").write_bytes((round_toml.parent / "mentees.xlsx").read_bytes())
    point_mentees_to(round_toml.with_name("round.toml"), "mentees.csv")
    text = round_toml.read_text(encoding="utf-8").replace('file = "mentees.xlsx"', 'file = "mentees.csv"')
    round_toml.write_text(text, encoding="utf-8")
    run_refused(round_toml, r"mentees\.csv.*(Excel workbook|\.xlsx)")


# --- encodings -----------------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["cp1252", "utf-8-sig", "utf-8"])
def test_encodings_read_the_same(round_toml, encoding):
    frame = read_export(mentees_of(round_toml))
    frame.to_csv(mentees_of(round_toml), sep=";", index=False, encoding=encoding, errors="replace")
    run_completes(round_toml)
    assert sorted(matcher.load_round(round_toml).mentees["name"]) == sorted(frame["Name"])


def test_utf16_unicode_text(round_toml):
    """Excel's "Unicode text": UTF-16 with a byte-order mark, tab-separated, saved as .txt."""
    frame = read_export(mentees_of(round_toml))
    path = round_toml.parent / "mentees.txt"
    path.write_bytes(frame.to_csv(sep="\t", index=False, lineterminator="\r\n").encode("utf-16"))
    point_mentees_to(round_toml, "mentees.txt")
    run_completes(round_toml, people=len(frame), full=True)


def test_utf16_without_bom(round_toml):
    frame = read_export(mentees_of(round_toml))
    path = round_toml.parent / "mentees.txt"
    path.write_bytes(frame.to_csv(sep="\t", index=False).encode("utf-16-le"))
    point_mentees_to(round_toml, "mentees.txt")
    run_completes(round_toml)


def test_utf32_with_bom(round_toml):
    frame = read_export(mentees_of(round_toml))
    mentees_of(round_toml).write_bytes(frame.to_csv(sep=";", index=False).encode("utf-32"))
    run_completes(round_toml, people=len(frame))


@pytest.mark.parametrize("sep", ["|", "\t", ","])
def test_other_separators(round_toml, sep):
    frame = read_export(mentees_of(round_toml))
    frame.to_csv(mentees_of(round_toml), sep=sep, index=False, encoding="utf-8")
    run_completes(round_toml, people=len(frame))
    assert sorted(matcher.load_round(round_toml).mentees["name"]) == sorted(frame["Name"])


# --- the layout of the sheet ---------------------------------------------------------------

def test_missing_header_row_never_echoes_a_sign_up(round_toml):
    """An export without its header row: the first sign-up is taken for the headers, and the
    message says the header row is missing without printing that person's answers."""
    frame = read_export(mentees_of(round_toml))
    first = frame.iloc[0]
    mentees_of(round_toml).write_text(frame.to_csv(sep=";", index=False, header=False),
                                      encoding="utf-8")
    outcome = invoke("run", round_toml, "-o", round_toml.parent / "out")
    assert_clean(outcome, 2, r"mentees\.csv", "no header row")
    for answer in (first[c] for c in frame.columns if "mail" in c.lower() or "name" in c.lower()):
        assert answer and answer not in outcome.text


@pytest.mark.parametrize("language, needle", [("en", "no header row"), ("fi", "puuttuu otsikkorivi"),
                                              ("sv", "saknar rubrikrad")])
def test_init_on_an_export_without_header_row_never_echoes_a_sign_up(round_toml, language, needle):
    """``init`` refuses an export whose first row is a sign-up (a config cannot name its
    columns) and says why, in the round's language, without echoing any of that person's
    answers."""
    frame = read_export(mentees_of(round_toml))
    mentees_of(round_toml).write_text(frame.to_csv(sep=";", index=False, header=False),
                                      encoding="utf-8")
    out = round_toml.parent / "new.toml"
    outcome = invoke("init", round_toml.parent / "mentors.csv", mentees_of(round_toml), "-o", out,
                     "--language", language)
    assert_clean(outcome, 2, needle)
    assert not out.exists()
    assert not any(len(answer) > 3 and answer in outcome.text for answer in frame.iloc[0].astype(str))


def test_a_header_naming_an_example_address_is_a_header(round_toml):
    """"Email (firstname.lastname@example.fi)" is a question, not a sign-up's answer."""
    frame = read_export(mentees_of(round_toml))
    frame = frame.rename(columns={"Email": "Email (firstname.lastname@example.fi)"})
    write_export(mentees_of(round_toml), frame)
    out = round_toml.parent / "new.toml"
    assert_clean(invoke("init", round_toml.parent / "mentors.csv", mentees_of(round_toml), "-o", out), 0)


def test_duplicate_headers_are_told_apart(round_toml):
    """Two columns with one header: pandas renames the second 'X.1'; the mapping stays on the first."""
    frame = read_export(mentees_of(round_toml))
    languages = next(c for c in frame.columns if c.startswith("Which languages"))
    text = frame.to_csv(sep=";", index=False)
    header, rest = text.split("\n", 1)
    header += ";" + languages
    rest = "\n".join(line + ";Klingon" if line else line for line in rest.split("\n"))
    mentees_of(round_toml).write_text(header + "\n" + rest, encoding="utf-8-sig")
    run_completes(round_toml, r"the same header is used by 2 columns")


def test_init_never_maps_a_duplicated_header_to_id(round_toml, tmp_path):
    frame = read_export(mentees_of(round_toml))
    frame.insert(3, "Languages", "suomi")
    frame.insert(4, "Languages ", "englanti")
    path = tmp_path / "dup.csv"
    frame.to_csv(path, sep=";", index=False, encoding="utf-8-sig")
    out = tmp_path / "init.toml"
    assert_clean(invoke("init", round_toml.parent / "mentors.csv", path, "-o", out), 0)
    mentees = out.read_text(encoding="utf-8").split("[mentees.columns]")[1].split("\n[")[0]
    assert "id = " not in mentees
    assert_clean(invoke("validate", out), 0)


def test_merged_header_cells(tmp_path):
    """A merged header cell leaves the cells it covers empty: those columns must still be read."""
    round_toml = make_round(tmp_path / "round", fmt="xlsx")
    path = round_toml.parent / "mentees.xlsx"
    with edited_sheet(path) as sheet:
        sheet.insert_rows(1)
        sheet["A1"] = "Microsoft Forms"
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=6)
        sheet["G1"] = "Questions"
        sheet.merge_cells(start_row=1, start_column=7, end_row=1, end_column=sheet.max_column)
    run_completes(round_toml, r"mentees\.xlsx.*headers were found on row 2")


def test_title_row_above_the_header(round_toml):
    frame = read_export(mentees_of(round_toml))
    text = "Mentee sign-ups, spring 2026" + ";" * (len(frame.columns) - 1) + "\n"
    text += frame.to_csv(sep=";", index=False)
    mentees_of(round_toml).write_text(text, encoding="utf-8-sig")
    run_completes(round_toml, r"mentees\.csv.*headers were found on row 2.*title", people=len(frame))


def test_title_row_in_a_workbook(tmp_path):
    round_toml = make_round(tmp_path / "round", fmt="xlsx")
    path = round_toml.parent / "mentors.xlsx"
    with edited_sheet(path) as sheet:
        sheet.insert_rows(1)
        sheet["A1"] = "Mentor sign-ups"
    run_completes(round_toml, r"mentors\.xlsx.*headers were found on row 2")


def test_note_rows_below_the_answers(round_toml):
    frame = read_export(mentees_of(round_toml))
    text = frame.to_csv(sep=";", index=False)
    text += ";" * (len(frame.columns) - 1) + "\n"
    text += "Exported by Kati 12.1., ask before sharing" + ";" * (len(frame.columns) - 1) + "\n"
    text += "Total: 12" + ";" * (len(frame.columns) - 1) + "\n"
    mentees_of(round_toml).write_text(text, encoding="utf-8-sig")
    run_completes(round_toml, r"rows 15, 16 under the answers look like a note", people=len(frame))


def test_stray_quote_in_semicolon_csv_never_swallows_rows(round_toml):
    """A hand-edited export: cells quoted where they hold ';', but two answers typed with a lone
    '"' at the start, unescaped. Read strictly, the rows between the two quotes become one cell."""
    frame = read_export(mentees_of(round_toml))
    goals = next(c for c in frame.columns if c.startswith("Describe"))
    frame.loc[2, goals], frame.loc[9, goals] = "STRAY1", "STRAY2"
    text = frame.to_csv(sep=";", index=False)  # quotes the cells holding ';' as Excel does
    text = text.replace("STRAY1", '"real job, any job').replace("STRAY2", 'my "dream" job')
    mentees_of(round_toml).write_text(text, encoding="utf-8-sig")
    run_completes(round_toml, r"lone double quote.*row 4", people=len(frame), full=True)


# --- cell contents -------------------------------------------------------------------------

def test_formulas_in_cells_are_read_as_values(tmp_path):
    round_toml = make_round(tmp_path / "round", fmt="xlsx")
    path = round_toml.parent / "mentors.xlsx"
    # openpyxl keeps no cached value: the formula text is what a reader sees
    with edited_sheet(path) as sheet:
        sheet.cell(2, column_of(sheet, "How many mentees can you take? / Montako aktoria voit ottaa?"),
                   "=1+1")
        sheet.cell(3, column_of(sheet, "Name"), '=HYPERLINK("http://evil.example","click")')
    outdir = tmp_path / "out"
    assert_clean(invoke("run", round_toml, "-o", outdir, "--quiet"), 0, outdir=outdir)
    mentors = pd.read_csv(outdir / "mentors.csv", dtype=str, keep_default_na=False)
    assert not mentors["mentor_name"].str.startswith(("=", "+", "-", "@")).any()


def test_dates_where_text_was_expected(tmp_path):
    round_toml = make_round(tmp_path / "round", fmt="xlsx")
    path = round_toml.parent / "mentees.xlsx"
    with edited_sheet(path) as sheet:
        sheet.cell(2, column_of(sheet, "Name"), datetime.datetime(2026, 3, 4))
        sheet.cell(3, column_of(sheet, "City / Paikkakunta"), datetime.date(2026, 5, 1))
    outdir = tmp_path / "out"
    assert_clean(invoke("run", round_toml, "-o", outdir, "--quiet"), 0, outdir=outdir)
    text = (outdir / "pairs.csv").read_text() + (outdir / "unmatched.csv").read_text()
    assert "00:00:00" not in text
    assert "2026-03-04" in text


# --- size --------------------------------------------------------------------------------

def _zip_bomb(path: Path, gigabytes: float, declared: int | None = None) -> None:
    """A small .xlsx whose sheet XML expands to ``gigabytes`` of repeated rows.

    One deflate block of rows, fully flushed, is repeated: the result is a valid deflate stream
    of any length, made in a fraction of a second. ``declared`` writes a false (smaller)
    uncompressed size into the zip's headers, as a hostile file would.
    """
    import struct
    import zlib

    chunk = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>' * 20_000
    repeats = int(gigabytes * 2**30 / len(chunk))
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    tail = packer.flush(zlib.Z_FINISH)
    size = len(chunk) * repeats
    # the checksum of what the headers declare: a reader trusting them finds nothing wrong
    # (the true checksum of 3 GB is not needed: nothing here reads that far)
    crc = zlib.crc32(chunk[:declared]) if declared else 0
    data_size = len(block) * repeats + len(tail)
    name = b"xl/worksheets/sheet1.xml"
    shown = size if declared is None else declared
    local = struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, data_size, shown,
                        len(name), 0) + name
    central = struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, 0, 8, 0, 0, crc,
                          data_size, shown, len(name), 0, 0, 0, 0, 0, 0) + name
    with path.open("wb") as out:
        out.write(local)
        for _ in range(repeats):
            out.write(block)
        out.write(tail)
        directory = out.tell()
        out.write(central)
        out.write(struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, 1, 1, len(central), directory, 0))


def test_zip_bombs_are_refused_within_a_memory_limit(tmp_path):
    """3 GB of XML in a 10 MB file, with honest and with lying sizes in the zip's headers:
    both refused unread by ``matcher run`` in one process whose memory is capped at 2 GiB."""
    import subprocess
    import sys

    configs = []
    for declared in (None, 1024):
        round_toml = make_round(tmp_path / f"round-{declared}")
        _zip_bomb(round_toml.parent / "mentees.xlsx", 3.0, declared)
        assert (round_toml.parent / "mentees.xlsx").stat().st_size < 16 * 2**20
        point_mentees_to(round_toml, "mentees.xlsx")
        configs.append(round_toml)
    memory = 2 * 2**30
    code = (
        "import resource, sys\n"
        f"resource.setrlimit(resource.RLIMIT_AS, ({memory}, {memory}))\n"
        "from matcher.cli import main\n"
        "for config in sys.argv[1:]:\n"
        "    try:\n"
        "        main(['run', config, '-o', config + '.out'])\n"
        "    except SystemExit as done:\n"
        "        print('exit', done.code, file=sys.stderr)\n")
    result = subprocess.run([sys.executable, "-c", code, *map(str, configs)], capture_output=True,
                            text=True, timeout=180)
    assert "Traceback" not in result.stderr and result.returncode == 0, result.stderr
    assert result.stderr.count("mentees.xlsx: the workbook expands to more than") == 2, result.stderr
    assert result.stderr.count("exit 2") == 2
    assert not any(Path(f"{config}.out").exists() for config in configs)


def test_a_hundred_thousand_rows(round_toml):
    """100,000 sign-ups (a national programme, or a sheet with a runaway formula) are all read."""
    frame = read_export(mentees_of(round_toml))
    big = frame.iloc[[0]].loc[[0] * 100_000].reset_index(drop=True)
    big["Email"] = [f"person{i}@example.org" for i in range(len(big))]
    big.to_csv(mentees_of(round_toml), sep=";", index=False, encoding="utf-8-sig")
    rnd = matcher.load_round(round_toml)
    assert len(rnd.mentees) == 100_000 and rnd.ok
    assert rnd.mentees["row"].iloc[-1] == 100_001


def test_a_50_mb_file(round_toml):
    """Long free-text answers make a 50 MB export: read whole, nothing cut or refused."""
    frame = read_export(mentees_of(round_toml))
    goals = next(c for c in frame.columns if c.startswith("Describe"))
    frame[goals] = [("Haluan oppia alan työelämästä. " * 140_000)[:4_300_000 + i] for i in range(len(frame))]
    frame.to_csv(mentees_of(round_toml), sep=";", index=False, encoding="utf-8-sig")
    assert mentees_of(round_toml).stat().st_size > 50 * 10**6
    rnd = matcher.load_round(round_toml)
    assert len(rnd.mentees) == len(frame) and rnd.ok
    assert rnd.mentees["goals_text"].str.len().min() >= 4_300_000


def _in_language(round_toml: Path, language: str) -> None:
    text = round_toml.read_text(encoding="utf-8")
    round_toml.write_text(text.replace("[round]\n", f'[round]\nlanguage = "{language}"\n'),
                          encoding="utf-8")


@pytest.mark.parametrize("language, needle", [
    ("en", r"mentees\.xlsx: cannot be read as a workbook.*web page.*rename it to \.csv"),
    ("fi", r"mentees\.xlsx: ei ole luettavissa työkirjana.*verkkosivu.*nimeä se \.csv"),
    ("sv", r"mentees\.xlsx: kan inte läsas som arbetsbok.*webbsida.*byt namn till \.csv")])
def test_a_web_page_saved_as_xlsx_is_refused_in_the_rounds_language(round_toml, language, needle):
    # some survey tools' "Excel" download is an HTML table with an .xlsx name
    (round_toml.parent / "mentees.xlsx").write_text(
        "<html><body><table><tr><td>Email</td></tr></table></body></html>", encoding="utf-8")
    point_mentees_to(round_toml, "mentees.xlsx")
    _in_language(round_toml, language)
    run_refused(round_toml, needle)


@pytest.mark.parametrize("language, needle", [
    ("fi", r"mentees\.csv: tiedosto on tyhjä \(0 tavua\); vie lomakkeen vastaukset uudelleen"),
    ("sv", r"mentees\.csv: filen är tom \(0 byte\); exportera formulärets svar igen")])
def test_an_empty_file_is_said_in_the_rounds_language(round_toml, language, needle):
    mentees_of(round_toml).write_bytes(b"")
    _in_language(round_toml, language)
    run_refused(round_toml, needle)
