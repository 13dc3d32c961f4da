"""Readers: every file variant a Forms export arrives in, and the errors for unusable files."""

from __future__ import annotations

import codecs

import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings, strategies as st

from matcher.errors import InputError
from matcher.readers import decode, read_table, sniff_delimiter

from tests.helpers import write_csv

FRAME = pd.DataFrame({
    " Name ": [" Aino Virtanen ", "Ahmed Hassan", None],
    "Which languages can you use in mentoring, and how well?": ["suomi, englanti", "Arabic;Finnish;", "x"],
    "Määrä": ["2", " 10+ ", ""],
})


def _expected_cells(table):
    assert list(table.columns) == ["Name", "Which languages can you use in mentoring, and how well?", "Määrä"]
    assert table.index.name == "row"
    assert table.loc[2, "Name"] == "Aino Virtanen"
    assert table.loc[3, "Määrä"] == "10+"
    assert pd.isna(table.loc[4, "Name"]) and pd.isna(table.loc[4, "Määrä"])
    assert table.loc[2, "Which languages can you use in mentoring, and how well?"] == "suomi, englanti"


@pytest.mark.parametrize("sep, encoding, expected_encoding", [
    (",", "utf-8", "utf-8"),              # Google Forms
    (";", "utf-8-sig", "utf-8-sig"),      # Finnish Excel, "CSV UTF-8"
    (";", "cp1252", "cp1252"),            # older Finnish Excel
    ("\t", "utf-16", "utf-16"),           # Excel "Unicode text"
    ("\t", "utf-8", "utf-8"),
])
def test_csv_variants(tmp_path, sep, encoding, expected_encoding):
    path = write_csv(tmp_path / "export.csv", FRAME, sep=sep, encoding=encoding, blank_rows=3)
    table = read_table(path)
    _expected_cells(table)
    assert table.attrs["delimiter"] == sep
    assert table.attrs["encoding"] == expected_encoding
    assert table.attrs["blank_rows"] == 3
    assert list(table.index) == [2, 3, 4]


def test_xlsx_first_and_named_sheet(tmp_path):
    path = tmp_path / "export.xlsx"
    with pd.ExcelWriter(path) as writer:
        FRAME.to_excel(writer, sheet_name="Form1", index=False)
        pd.DataFrame({"Other": ["x"]}).to_excel(writer, sheet_name="Notes", index=False)
    _expected_cells(read_table(path))
    assert read_table(path).attrs["sheet"] == "Form1"
    assert list(read_table(path, sheet="Notes").columns) == ["Other"]
    with pytest.raises(InputError, match=r"no sheet named 'Answers'.*'Form1', 'Notes'"):
        read_table(path, sheet="Answers")


def test_xlsx_numbers_and_dates_come_back_as_text(tmp_path):
    path = tmp_path / "export.xlsx"
    pd.DataFrame({"Id": [1, 2], "Completion time": pd.to_datetime(["2026-01-15 09:10:59", None]),
                  "Cap": [2, 2.5]}).to_excel(path, index=False)
    table = read_table(path)
    assert table.loc[2].tolist() == ["1", "2026-01-15 09:10:59", "2"]
    assert table.loc[3, "Cap"] == "2.5"


def test_blank_rows_anywhere_are_dropped_and_rows_keep_spreadsheet_numbers(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text('Name,Goals\nA,"line one\nline two"\n,\nB,x\n , \n', encoding="utf-8")
    table = read_table(path)
    # the multi-line cell is one spreadsheet row; the blank row 3 is gone but not renumbered
    assert list(table.index) == [2, 4]
    assert table.loc[2, "Goals"] == "line one\nline two"
    assert table.attrs["blank_rows"] == 2


def test_unsupported_missing_empty_and_broken_files(tmp_path):
    with pytest.raises(InputError, match=r"unsupported file type '\.pdf'.*\.xlsx.*\.csv"):
        read_table(tmp_path / "answers.pdf")
    with pytest.raises(InputError, match="file not found"):
        read_table(tmp_path / "missing.xlsx")
    (tmp_path / "empty.csv").write_text("", encoding="utf-8")
    with pytest.raises(InputError, match="empty"):
        read_table(tmp_path / "empty.csv")
    (tmp_path / "broken.xlsx").write_bytes(b"this is not a workbook")
    with pytest.raises(InputError, match="cannot be read as a workbook"):
        read_table(tmp_path / "broken.xlsx")


def test_decode_and_sniff():
    assert decode("ä;ö".encode()) == ("ä;ö", "utf-8")
    assert decode(codecs.BOM_UTF8 + b"a") == ("a", "utf-8-sig")
    assert decode("Ääkköset".encode("cp1252"))[1] == "cp1252"
    # commas in the questions of a ';' file do not fool the sniffer
    sample = "Name;Which languages, and how well?;City\nAino;suomi, englanti, ruotsi;Espoo\nB;x;y\n"
    assert sniff_delimiter(sample) == ";"
    assert sniff_delimiter("a\tb\n1\t2\n") == "\t"
    assert sniff_delimiter("just one column\nvalue\n") == ","


cells = st.text(alphabet=st.characters(codec="cp1252", exclude_characters="\r\x00"),
                max_size=12)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.lists(st.tuples(cells, cells, cells), min_size=1, max_size=6),
       sep=st.sampled_from([",", ";", "\t"]), encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
def test_any_csv_round_trips_to_stripped_cells(tmp_path, data, sep, encoding):
    frame = pd.DataFrame(data, columns=["Nimi", "Kielet", "Kaupunki"])
    path = write_csv(tmp_path / "t.csv", frame, sep=sep, encoding=encoding)
    if encoding == "cp1252":  # a cp1252 line that is also valid UTF-8 ("Ã¤") is read as UTF-8
        for line in path.read_bytes().splitlines():  # (readers.decode reads line by line)
            try:
                assume(line.decode("utf-8").isascii())
            except UnicodeDecodeError:
                pass
    table = read_table(path)
    expected = frame.apply(lambda c: c.str.strip()).replace("", None)
    kept = expected.notna().any(axis=1).to_numpy()
    expected = expected[kept]
    assert list(table.index) == [i + 2 for i in range(len(frame)) if kept[i]]
    assert table.fillna("").to_numpy().tolist() == expected.fillna("").to_numpy().tolist()


def test_a_nul_pasted_into_a_cell_is_dropped_so_equal_answers_stay_equal(tmp_path):
    """pandas before 3.1 compares strings only up to a NUL: "Helsinki\\x00" would swallow "Helsinki"."""
    frame = pd.DataFrame({"City": ["Helsinki\x00", "Helsinki", "Es\x00poo", "Tampere"]})
    table = read_table(write_csv(tmp_path / "t.csv", frame))
    assert table["City"].tolist() == ["Helsinki", "Helsinki", "Espoo", "Tampere"]
    assert table["City"].unique().tolist() == ["Helsinki", "Espoo", "Tampere"]
