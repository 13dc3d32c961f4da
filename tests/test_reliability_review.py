"""Reliability: the review loop and the output folder (issue 13 "Review loop", "Interruption and
concurrency"; issue 10 "Review work is never lost").

Decisions typed in every accepted language or as garbage, a workbook with rows deleted or its
sheet renamed, decisions saved as CSV; a re-run that would destroy decisions; files a coordinator
saved into the output folder; runs killed with SIGKILL or SIGTERM while writing; two runs at once.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from matcher.report.tables import stable_frame, stable_names

from matcher.safe_io import atomic_output_dir
from tests.hostile import assert_clean, invoke, make_round


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory):
    """A round and its first run's output folder (copied per test before it is changed)."""
    folder = tmp_path_factory.mktemp("review")
    round_toml = make_round(folder / "round", n_mentors=8, n_mentees=10)
    assert_clean(invoke("run", round_toml, "-o", folder / "first", "--quiet"), 0)
    return round_toml, folder / "first"


@pytest.fixture
def first(reviewed, tmp_path):
    """A private copy of the reviewed round: (round.toml, its output folder)."""
    round_toml, outdir = reviewed
    shutil.copytree(round_toml.parent, tmp_path / "round")
    shutil.copytree(outdir, tmp_path / "round" / "output")
    return tmp_path / "round" / "round.toml", tmp_path / "round" / "output"


def type_decisions(workbook: Path, decisions: dict[int, str], sheet: str = "Pairs") -> list[tuple]:
    """Type ``decisions`` {0-based pair row: word} into the workbook; returns (mentee, mentor, word)."""
    book = openpyxl.load_workbook(workbook)
    pairs = book[sheet]
    headers = stable_names([c.value for c in pairs[1]])
    column = {name: headers.index(name) + 1 for name in ("decision", "mentee_id", "mentor_id")}
    typed = []
    for row, word in decisions.items():
        pairs.cell(row + 2, column["decision"], word)
        typed.append((pairs.cell(row + 2, column["mentee_id"]).value,
                      pairs.cell(row + 2, column["mentor_id"]).value, word))
    book.save(workbook)
    return typed


def pairs_of(outdir: Path) -> set[tuple[str, str]]:
    frame = pd.read_csv(outdir / "pairs.csv", dtype=str)
    return set(zip(frame["mentee_id"], frame["mentor_id"]))


def rejected_of(outdir: Path) -> set[tuple[str, str]]:
    frame = pd.read_excel(outdir / "pairs.xlsx", sheet_name="Decisions", dtype=str, engine="openpyxl").pipe(stable_frame)
    frame = frame[frame["decision"] == "reject"]
    return set(zip(frame["mentee_id"], frame["mentor_id"]))


def rerun_with(round_toml: Path, decisions: Path, tmp_path: Path) -> Path:
    """``matcher run --decisions`` into a new folder; it must end cleanly. Returns the folder."""
    again = tmp_path / "again"
    assert_clean(invoke("run", round_toml, "-o", again, "--decisions", decisions, "--quiet"), 0, outdir=again)
    return again


# --- decisions typed in the workbook --------------------------------------------------------

def test_keep_in_three_languages_and_any_case(first, tmp_path):
    round_toml, outdir = first
    typed = type_decisions(outdir / "pairs.xlsx", {0: "Keep", 1: "pidä", 2: "BEHÅLL", 3: "Avvisa",
                                                   4: " hylkää "})
    again = rerun_with(round_toml, outdir / "pairs.xlsx", tmp_path)
    kept = {(a, b) for a, b, _ in typed[:3]}
    assert kept <= pairs_of(again)
    assert not {(a, b) for a, b, _ in typed[3:]} & pairs_of(again)
    assert {(a, b) for a, b, _ in typed[3:]} <= rejected_of(again)


def test_garbage_decisions_are_listed_with_rows(first, tmp_path):
    round_toml, outdir = first
    type_decisions(outdir / "pairs.xlsx", {0: "kep", 2: "maybe", 3: "✓"})
    again = tmp_path / "again"
    assert_clean(invoke("run", round_toml, "-o", again, "--decisions", outdir / "pairs.xlsx"), 2,
                 r"unknown decision 'kep' in row 2 \(did you mean 'keep'\?\) of pairs\.xlsx, "
                 r"sheet Pairs, column 'decision'; also 'maybe' in row 4, '✓' in row 5",
                 r"pidä / hylkää, behåll / avvisa", outdir=again)
    assert not again.exists()


def test_rows_deleted_from_the_workbook(first, tmp_path):
    round_toml, outdir = first
    typed = type_decisions(outdir / "pairs.xlsx", {1: "keep", 4: "keep"})
    book = openpyxl.load_workbook(outdir / "pairs.xlsx")
    book["Pairs"].delete_rows(2, 2)   # pairs 0 and 1 gone, with the keep typed on pair 1
    book["Pairs"].delete_rows(5, 20)  # and everything below the kept pair 4
    book.save(outdir / "pairs.xlsx")
    again = rerun_with(round_toml, outdir / "pairs.xlsx", tmp_path)
    assert (typed[1][0], typed[1][1]) in pairs_of(again)


def test_sheet_renamed(first, tmp_path):
    round_toml, outdir = first
    typed = type_decisions(outdir / "pairs.xlsx", {0: "keep"})
    book = openpyxl.load_workbook(outdir / "pairs.xlsx")
    book["Pairs"].title = "Parit tarkistettu"
    book.save(outdir / "pairs.xlsx")
    again = rerun_with(round_toml, outdir / "pairs.xlsx", tmp_path)
    assert (typed[0][0], typed[0][1]) in pairs_of(again)


def test_no_sheet_with_decisions(first, tmp_path):
    round_toml, _outdir = first
    book = openpyxl.Workbook()
    book.active["A1"] = "nothing here"
    book.save(tmp_path / "other.xlsx")
    assert_clean(invoke("run", round_toml, "-o", tmp_path / "x", "--decisions",
                        tmp_path / "other.xlsx"), 2,
                 r"other\.xlsx has no 'Pairs' sheet.*mentee_id, mentor_id, decision")


@pytest.mark.parametrize("sep, encoding", [(",", "utf-8"), (";", "utf-8-sig"), (";", "cp1252"),
                                           ("\t", "utf-16")])
def test_decisions_saved_as_csv(first, tmp_path, sep, encoding):
    """Excel's "Save as CSV" in Finland writes ';' and, in older versions, cp1252."""
    round_toml, outdir = first
    pairs = pd.read_excel(outdir / "pairs.xlsx", sheet_name="Pairs", dtype=str, engine="openpyxl").pipe(stable_frame)
    pairs["decision"] = ""
    pairs.loc[0, "decision"], pairs.loc[1, "decision"] = "pidä", "hylkää"
    path = tmp_path / "decisions.csv"
    pairs.to_csv(path, sep=sep, index=False, encoding=encoding, errors="replace")
    again = rerun_with(round_toml, path, tmp_path)
    assert (pairs.loc[0, "mentee_id"], pairs.loc[0, "mentor_id"]) in pairs_of(again)
    assert (pairs.loc[1, "mentee_id"], pairs.loc[1, "mentor_id"]) not in pairs_of(again)


def test_decisions_csv_without_the_columns(first, tmp_path):
    round_toml, _outdir = first
    path = tmp_path / "decisions.csv"
    path.write_text("mentee;mentor;what\na;b;keep\n", encoding="cp1252")
    assert_clean(invoke("run", round_toml, "-o", tmp_path / "x", "--decisions", path), 2,
                 r"decisions\.csv: no column .Mentee id. or .Mentor id. or .Decision. \(headers found: "
                 r".mentee., .mentor., .what.\); give the column back the header")


# --- review work is never lost --------------------------------------------------------------

def test_rerun_without_decisions_is_refused_and_loses_nothing(first):
    round_toml, outdir = first
    type_decisions(outdir / "pairs.xlsx", {0: "keep", 1: "reject"})
    before = {p.name: p.read_bytes() for p in outdir.iterdir()}
    assert_clean(invoke("run", round_toml, "-o", outdir), 2,
                 rf"{outdir / 'pairs.xlsx'} holds 2 review decisions or notes.*--decisions "
                 rf"{outdir / 'pairs.xlsx'}.*--discard-decisions", outdir=outdir)
    assert {p.name: p.read_bytes() for p in outdir.iterdir()} == before


def test_rerun_carrying_the_decisions_in_replaces_the_folder(first):
    round_toml, outdir = first
    typed = type_decisions(outdir / "pairs.xlsx", {0: "keep"})
    assert_clean(invoke("run", round_toml, "-o", outdir, "--decisions", outdir / "pairs.xlsx",
                        "--quiet"), 0, outdir=outdir)
    assert (typed[0][0], typed[0][1]) in pairs_of(outdir)
    # the decision lives on in the new workbook: a further run without --decisions is refused
    assert_clean(invoke("run", round_toml, "-o", outdir), 2, r"holds 1 review decision")


def test_discard_decisions_replaces_them(first):
    round_toml, outdir = first
    type_decisions(outdir / "pairs.xlsx", {0: "keep"})
    assert_clean(invoke("run", round_toml, "-o", outdir, "--discard-decisions", "--quiet"), 0,
                 outdir=outdir)
    assert_clean(invoke("run", round_toml, "-o", outdir, "--quiet"), 0, outdir=outdir)


def test_an_unreadable_workbook_is_not_replaced_blindly(first):
    round_toml, outdir = first
    (outdir / "pairs.xlsx").write_bytes(b"Excel was writing this when the laptop died")
    assert_clean(invoke("run", round_toml, "-o", outdir), 2,
                 r"pairs\.xlsx could not be checked for review decisions.*--discard-decisions")


@pytest.mark.parametrize("lock", ["~$pairs.xlsx", ".~lock.pairs.xlsx#"])
@pytest.mark.parametrize("option", ["--discard-decisions", "--decisions"])
def test_a_workbook_open_in_excel_or_libreoffice_is_never_replaced(first, lock, option):
    round_toml, outdir = first
    (outdir / lock).write_bytes(b"Kati")  # the owner file the program keeps while it is open
    saved = (outdir / "pairs.xlsx").read_bytes()
    extra = [str(outdir / "pairs.xlsx")] if option == "--decisions" else []
    assert_clean(invoke("run", round_toml, "-o", outdir, option, *extra), 2,
                 rf"open in a spreadsheet program.*{lock.replace('$', '[$]')}.*close the workbook")
    assert (outdir / "pairs.xlsx").read_bytes() == saved


def test_files_the_coordinator_saved_are_kept(first):
    round_toml, outdir = first
    (outdir / "pairs-reviewed-by-Kati.xlsx").write_bytes((outdir / "pairs.xlsx").read_bytes())
    (outdir / "notes.txt").write_text("call Aino on Monday", encoding="utf-8")
    (outdir / "letters").mkdir()
    (outdir / "letters" / "draft.docx").write_bytes(b"draft")
    assert_clean(invoke("run", round_toml, "-o", outdir, "--quiet"), 0, outdir=outdir)
    assert (outdir / "notes.txt").read_text(encoding="utf-8") == "call Aino on Monday"
    assert (outdir / "letters" / "draft.docx").read_bytes() == b"draft"
    assert (outdir / "pairs-reviewed-by-Kati.xlsx").exists()


def test_a_folder_matcher_did_not_write_is_refused(first, tmp_path):
    round_toml, _ = first
    documents = tmp_path / "Documents"
    documents.mkdir()
    (documents / "thesis.docx").write_bytes(b"years of work")
    assert_clean(invoke("run", round_toml, "-o", documents), 2,
                 r"already holds files matcher did not write \('thesis\.docx'\)")
    assert [p.name for p in documents.iterdir()] == ["thesis.docx"]


# --- interruption and concurrency ----------------------------------------------------------

def test_two_runs_at_once_one_wins_whole(first):
    """While one run holds the folder's write lock, a second fails at once and clearly."""
    round_toml, outdir = first
    with atomic_output_dir(outdir) as writing:
        (writing / "audit.json").write_text('{"output_sha256": {}}')
        assert_clean(invoke("run", round_toml, "-o", outdir), 2,
                     rf"another matcher run is writing output folder {outdir} right now")
    assert [p.name for p in outdir.iterdir()] == ["audit.json"]  # the first run's folder, whole
    assert_clean(invoke("run", round_toml, "-o", outdir, "--quiet"), 0, outdir=outdir)


#: run matcher with the workbook writer slowed down, so a signal lands while the folder is written
SLOW_RUN = """
import sys, time
import matcher.report as report
real = report.write_workbook
def slow(*args, **kwargs):
    path = real(*args, **kwargs)
    print("WRITING", flush=True)
    time.sleep(60)
    return path
report.write_workbook = slow
from matcher.cli import main
main(sys.argv[1:])
"""


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_run_killed_while_writing_leaves_the_old_folder_intact(first, sig):
    round_toml, outdir = first
    before = {p.name: p.read_bytes() for p in outdir.iterdir()}
    child = subprocess.Popen([sys.executable, "-c", SLOW_RUN, "run", str(round_toml), "-o",
                              str(outdir), "--quiet"], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "WRITING", child.stderr.read()
        half = list(outdir.parent.glob(".output.new-*"))
        assert half and (half[0] / "pairs.xlsx").exists()  # killed with personal data half-written
        child.send_signal(sig)
        child.wait(timeout=30)
    finally:
        child.kill()
    assert "Traceback" not in child.stderr.read()
    assert {p.name: p.read_bytes() for p in outdir.iterdir()} == before
    left = sorted(p.name for p in outdir.parent.glob(".output*"))
    if sig == signal.SIGTERM:
        assert child.returncode == 128 + signal.SIGTERM and not left
    else:
        assert left  # nothing runs after SIGKILL: the next run must clean up
        assert_clean(invoke("validate", round_toml), 0)
        assert_clean(invoke("run", round_toml, "-o", outdir, "--quiet"), 0, outdir=outdir)
        assert not list(outdir.parent.glob(".output*"))
