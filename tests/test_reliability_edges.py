"""Reliability: cases a fuzzing pass over the command line found after the first suites.

Each one once ended in a traceback, killed the process, or read something wrongly without a word:
a workbook with one entry far outside its answers (the reader asked for 51 GB and the process
aborted), a workbook without its shared strings (a Rust panic, not an Exception), absurd numbers
(a priority of 10^400 crashed the run, years of 10^400 read as infinity), a file written where a
folder should be (``score -o notes.txt/s.csv``, ``init -o notes.txt/round.toml``), a CSV mixing
UTF-8 and Windows-1252 lines, and one with old Mac line endings.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import matcher
from matcher import readers, safe_io
from matcher.errors import InputError

from tests.hostile import assert_clean, invoke, make_round, read_export, write_export


@pytest.fixture
def round_toml(tmp_path) -> Path:
    return make_round(tmp_path / "round")


@pytest.fixture
def xlsx_round(tmp_path) -> Path:
    return make_round(tmp_path / "round", fmt="xlsx")


def refused(round_toml: Path, *needles: str) -> None:
    """validate, run and init all stop with exit code 2 and the message; nothing is written."""
    folder = round_toml.parent
    outdir = folder / "out"
    assert_clean(invoke("validate", round_toml), 2, *needles)
    assert_clean(invoke("run", round_toml, "-o", outdir), 2, *needles, outdir=outdir)
    assert not outdir.exists()
    mentors, mentees = (next(folder.glob(f"{role}.*")) for role in ("mentors", "mentees"))
    assert_clean(invoke("init", mentors, mentees, "-o", folder / "new.toml"), 2, *needles)
    assert not (folder / "new.toml").exists()


# --- workbooks ---------------------------------------------------------------------------------

def drop_parts(path: Path, dropped) -> None:
    """Rewrite the workbook at ``path`` without the zip members whose name ``dropped`` accepts."""
    with zipfile.ZipFile(path) as book:
        parts = {name: book.read(name) for name in book.namelist()}
    with zipfile.ZipFile(path, "w") as book:
        for name, data in parts.items():
            if not dropped(name):
                book.writestr(name, data)


def test_an_entry_far_outside_the_answers_is_refused_not_a_crash(xlsx_round):
    """One cell at WQJ100000: calamine would build the 1.6-billion-cell range and abort."""
    path = xlsx_round.parent / "mentees.xlsx"
    book = openpyxl.load_workbook(path)
    book.active.cell(100_000, 16_000).value = "x"
    book.save(path)
    refused(xlsx_round, r"mentees\.xlsx: a sheet reaches cell WQJ100000", r"100,000 rows",
            r"Ctrl\+End", r"delete the rows and columns after the answers")


def test_a_wide_or_long_sheet_of_answers_is_still_read(xlsx_round):
    """Far columns alone (AZ) or a formatted far cell without a value are no reason to refuse."""
    path = xlsx_round.parent / "mentees.xlsx"
    book = openpyxl.load_workbook(path)
    book.active.cell(2, 52).value = "a note in column AZ"
    book.active.cell(60_000, 2_000).style = "Good"  # formatting only: no value
    book.save(path)
    assert_clean(invoke("validate", xlsx_round), 0)


def test_sheet_extent_is_found_across_chunks():
    """A cell reference cut between two inflated chunks still counts."""
    extent = readers.SheetExtent()
    xml = (b'<row r="7" spans="1:3"><c r="A7" t="s"><v>1</v></c></row>'
           b'<row r="1048576"><c r="XFD1048576" t="s"><v>2</v></c></row>')
    for start in range(0, len(xml), 5):
        extent.feed(xml[start:start + 5])
    assert (extent.corner, extent.rows, extent.columns) == ("XFD1048576", 1_048_576, 16_384)
    assert extent.cells > readers.MAX_SHEET_CELLS


def test_workbook_without_its_shared_strings_is_refused(xlsx_round):
    """calamine panics (pyo3's PanicException, a BaseException) on a missing part."""
    drop_parts(xlsx_round.parent / "mentees.xlsx", lambda name: "sharedStrings" in name)
    refused(xlsx_round, r"mentees\.xlsx, sheet 'Form1': cannot be read: the sheet is damaged",
            r"save it again as \.xlsx")


def test_workbook_without_its_sheet_says_what_is_missing(xlsx_round):
    drop_parts(xlsx_round.parent / "mentees.xlsx", lambda name: name.startswith("xl/worksheets/"))
    # once "cannot be read (Form1)": the engine's bare KeyError text
    refused(xlsx_round, r"damaged or incomplete \(\w+: Form1\)")


def test_ctrl_c_inside_the_workbook_engine_is_not_swallowed():
    with pytest.raises(KeyboardInterrupt):
        readers._reraise_unless_engine_failure(KeyboardInterrupt())
    readers._reraise_unless_engine_failure(ValueError("bad sheet"))  # reported, not raised


# --- numbers -----------------------------------------------------------------------------------

def _set_answers(round_toml: Path, role: str, header_part: str, values: list[str]) -> str:
    path = round_toml.parent / f"{role}.csv"
    frame = read_export(path)
    header = next(c for c in frame.columns if header_part in c)
    frame[header] = [values[i % len(values)] for i in range(len(frame))]
    write_export(path, frame)
    return header


def test_a_priority_of_ten_to_the_400_is_an_error_not_a_crash(round_toml):
    path = round_toml.parent / "mentees.csv"
    frame = read_export(path)
    frame["Priority"] = ["1" + "0" * 400, "99999999999999999999", "2"] * (len(frame) // 3) + \
        ["0"] * (len(frame) % 3)
    write_export(path, frame)
    text = round_toml.read_text(encoding="utf-8")
    round_toml.write_text(text.replace("[mentees.columns]\n", '[mentees.columns]\npriority = "Priority"\n'),
                          encoding="utf-8")
    outcome = assert_clean(invoke("validate", round_toml), 2, r"Priority.*more than 1000: not a plausible answer")
    assert "-9223372036854775808" not in outcome.text
    outdir = round_toml.parent / "out"
    assert_clean(invoke("run", round_toml, "-o", outdir), 2, r"more than 1000", outdir=outdir)


def test_absurd_years_are_left_empty_with_a_warning(round_toml):
    header = _set_answers(round_toml, "mentors", "Years of work experience",
                          ["1" + "0" * 400, "999", "12"])
    outcome = assert_clean(invoke("validate", round_toml), 0)
    assert re.search(r"more than 80: not a plausible answer\s+correct the answer \(until then it "
                     r"is left empty\)", outcome.text), outcome.text
    years = matcher.load_round(round_toml).mentors["years_experience"]
    assert years.isna().any() and years.max() == 12  # never infinity, never 999
    assert header.split(" / ")[0] in outcome.text


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet="0123456789+-.,e ", min_size=1, max_size=500))
def test_any_number_answer_reads_to_a_finite_value_or_an_issue(round_toml, answer):
    """Whatever digits someone types as a capacity or years, the round reads without a crash:
    a finite value, or an issue naming the row."""
    _set_answers(round_toml, "mentors", "How many mentees", [answer, "1"])
    _set_answers(round_toml, "mentors", "Years of work experience", [answer, "3"])
    rnd = matcher.load_round(round_toml)
    mentors = rnd.mentors
    assert mentors["capacity"].between(0, 100).all()
    years = mentors["years_experience"].dropna()
    assert years.between(0, 80).all()


# --- where outputs go --------------------------------------------------------------------------

def test_score_into_a_path_through_a_file(round_toml):
    blocker = round_toml.parent / "notes.txt"
    blocker.write_text("mine", encoding="utf-8")
    assert_clean(invoke("score", round_toml, "-o", blocker / "scores.csv"), 2,
                 r"cannot write .*notes\.txt/scores\.csv: .*notes\.txt is a file, not a folder")
    assert blocker.read_text(encoding="utf-8") == "mine"


def test_score_into_a_missing_folder(round_toml):
    assert_clean(invoke("score", round_toml, "-o", round_toml.parent / "nowhere" / "s.csv"), 2,
                 r"cannot write .*nowhere/s\.csv: No such file or directory",
                 r"folder exists and can be written")


def test_score_writes_atomically(round_toml, monkeypatch):
    """A failing write (a full disk, a read-only folder) leaves the old file and no temporary."""
    target = round_toml.parent / "scores.csv"
    target.write_text("old scores\n", encoding="utf-8")

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("pandas.DataFrame.to_csv", full_disk)
    assert_clean(invoke("score", round_toml, "-o", target), 2,
                 r"cannot write .*scores\.csv: No space left on device")
    assert target.read_text(encoding="utf-8") == "old scores\n"
    assert [p.name for p in target.parent.glob(".scores.csv.*")] == []


def test_init_into_a_path_through_a_file(round_toml):
    blocker = round_toml.parent / "notes.txt"
    blocker.write_text("mine", encoding="utf-8")
    folder = round_toml.parent
    assert_clean(invoke("init", folder / "mentors.csv", folder / "mentees.csv", "-o",
                        blocker / "round.toml"), 2, r"notes\.txt is a file, not a folder")


def test_run_into_a_folder_below_a_file(round_toml):
    blocker = round_toml.parent / "notes.txt"
    blocker.write_text("mine", encoding="utf-8")
    # once "could not write output folder ...: File exists"
    assert_clean(invoke("run", round_toml, "-o", blocker / "out"), 2,
                 r"could not write output folder .*notes\.txt is a file, not a folder")


def test_atomic_file_refuses_a_folder(tmp_path):
    with pytest.raises(InputError, match="is a folder; give the name of the file"):
        with safe_io.atomic_file(tmp_path):
            pass


def test_read_only_folder(round_toml, monkeypatch):
    """Permission denied (a read-only share) is a message, not a traceback (tests run as root,
    where chmod does not stop a write, so the operating system's answer is stood in for)."""
    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("tempfile.mkstemp", denied)
    monkeypatch.setattr("tempfile.mkdtemp", denied)
    assert_clean(invoke("score", round_toml, "-o", round_toml.parent / "s.csv"), 2,
                 r"cannot write .*s\.csv: Permission denied")
    assert_clean(invoke("run", round_toml, "-o", round_toml.parent / "out"), 2,
                 r"could not write output folder .*out: Permission denied")


# --- text files --------------------------------------------------------------------------------

def test_a_csv_mixing_utf8_and_windows_1252_lines(round_toml):
    """Sign-ups appended by another program: every line reads right, the headers too."""
    path = round_toml.parent / "mentees.csv"
    lines = path.read_bytes().decode("utf-8-sig").splitlines(keepends=True)
    path.write_bytes(b"".join(line.encode("cp1252" if k % 2 else "utf-8", "replace")
                              for k, line in enumerate(lines)))
    outcome = assert_clean(invoke("validate", round_toml), 0)
    assert "Ã" not in outcome.text
    rnd = matcher.load_round(round_toml)
    assert len(rnd.mentees) + len(rnd.not_included.query("role == 'mentee'")) > 0
    assert not rnd.mentees["name"].str.contains("Ã").any()


def test_old_mac_line_endings(round_toml):
    """Lines ended by a bare carriage return ("CSV (Macintosh)") read like any other CSV."""
    path = round_toml.parent / "mentees.csv"
    before = len(matcher.load_round(round_toml).mentees)
    path.write_bytes(path.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r"))
    assert_clean(invoke("validate", round_toml), 0)
    assert len(matcher.load_round(round_toml).mentees) == before


# --- outputs never replace inputs --------------------------------------------------------------

def test_score_never_writes_over_an_export_or_the_config(round_toml):
    """``score -o mentors.csv`` once replaced the mentor sign-ups with the scores."""
    for target in (round_toml.parent / "mentors.csv", round_toml):
        before = target.read_bytes()
        assert_clean(invoke("score", round_toml, "-o", target), 2,
                     r"is one of this round's input files, and writing there would replace it")
        assert target.read_bytes() == before


def test_init_never_writes_over_an_export(round_toml):
    folder = round_toml.parent
    before = (folder / "mentees.csv").read_bytes()
    assert_clean(invoke("init", folder / "mentors.csv", folder / "mentees.csv", "-o",
                        folder / "mentees.csv", "--force"), 2, r"input files")
    assert (folder / "mentees.csv").read_bytes() == before


def test_init_with_one_file_for_both_forms(round_toml):
    folder = round_toml.parent
    assert_clean(invoke("init", folder / "mentors.csv", folder / "mentors.csv", "-o",
                        folder / "new.toml"), 2, r"given as both the mentor and the mentee export")
    assert not (folder / "new.toml").exists()
