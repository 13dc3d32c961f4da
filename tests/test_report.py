"""The output folder writers: workbook, CSV twins, introductions, HTML report, audit.

The fixture is a realistic small round (30 pairs, a few unmatched mentees) with Finnish names,
a mentee whose name is a formula and one whose name is an HTML tag, as an attacker might type
them into a sign-up form.
"""

from __future__ import annotations

import csv
import email
import email.policy
import io
import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from matcher.issue_groups import group_issues
from matcher.errors import InputError
from matcher.introductions import COLUMNS as LETTER_COLUMNS
from matcher.report import write_outputs
from matcher.report.tables import check_tables, component_columns, stable_names
from matcher.report.tables import header as human
from matcher.report.xlsx import LAYOUTS, Layout, arranged
from tests.helpers import AUDIT, COMPONENTS, FORMULA_NAME, HTML_NAME, TITLE, make_tables


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return make_tables()


@pytest.fixture(scope="module")
def written(tables, tmp_path_factory) -> Path:
    outdir = tmp_path_factory.mktemp("round") / "output"
    write_outputs(tables, outdir, audit=AUDIT, title=TITLE)
    return outdir


FILES = ["pairs.xlsx", "pairs.csv", "unmatched.csv", "mentors.csv", "not_included.csv", "data_issues.csv", "data_issue_rows.csv",
         "introductions.csv", "report.html", "audit.json"]


def test_writes_every_file_and_returns_their_paths(tables, tmp_path):
    files = write_outputs(tables, tmp_path / "out", audit=AUDIT, title=TITLE)
    assert [f.name for f in files] == FILES
    assert all(f.parent == tmp_path / "out" and f.stat().st_size > 0 for f in files)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(FILES)
    assert [p.name for p in tmp_path.iterdir()] == ["out"], "no temporary folder is left behind"


def test_same_tables_give_byte_identical_files(tables, written, tmp_path):
    again = tmp_path / "again"
    write_outputs(make_tables(), again, audit=AUDIT, title=TITLE)
    for name in FILES:
        assert (again / name).read_bytes() == (written / name).read_bytes(), name


# --- workbook -------------------------------------------------------------------------------

def test_workbook_has_every_sheet_in_order(written):
    book = openpyxl.load_workbook(written / "pairs.xlsx")
    assert book.sheetnames == ["Pairs", "Unmatched", "Not included", "Mentors", "Alternatives", "Supply and demand",
                               "Data issues", "Summary"]
    assert book.properties.title == TITLE


#: Each sheet's frozen panes: the header row, and on the sheets people work in the name columns.
FROZEN = {"Pairs": "E2", "Unmatched": "C2", "Mentors": "B2", "Alternatives": "B2",
          "Supply and demand": "A2", "Data issues": "A2", "Summary": "A2"}


def _width(ws, column: int) -> float:
    """A column's width; openpyxl files equal neighbours under the first of them."""
    return next(d.width for d in ws.column_dimensions.values() if d.min <= column <= d.max)


def _shown(tables, key) -> list[str]:
    return arranged(tables[key], LAYOUTS.get(key, Layout())).columns.tolist()


@pytest.mark.parametrize("sheet, key", [
    ("Pairs", "pairs"), ("Unmatched", "unmatched"), ("Mentors", "mentors"),
    ("Alternatives", "alternatives"), ("Supply and demand", "supply_demand"),
    ("Data issues", "issues"), ("Summary", "summary"),
])
def test_every_sheet_has_its_table_a_frozen_filtered_header_and_fitting_widths(written, tables, sheet, key):
    ws = openpyxl.load_workbook(written / "pairs.xlsx")[sheet]
    header = [c.value for c in ws[1]]
    assert header == [human(c) for c in _shown(tables, key)]
    assert stable_names(header) == _shown(tables, key), "headers read back as the stable names"
    assert ws.max_row == len(tables[key]) + 1
    assert ws.freeze_panes == FROZEN[sheet]
    assert ws.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(header))}{ws.max_row}"
    assert all(c.font.b for c in ws[1])
    for i, name in enumerate(header, start=1):
        width = _width(ws, i)
        assert len(name) < width <= 61, (name, width)
    assert ws.page_setup.orientation == "landscape"


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_sheets_and_headers_in_finnish_and_swedish_read_back_as_the_stable_names(tables, tmp_path, language):
    from matcher.i18n import sheet_name
    from matcher.report.xlsx import SHEETS, write_workbook

    path = write_workbook(tables, tmp_path / "pairs.xlsx", TITLE, language)
    book = openpyxl.load_workbook(path)
    keys = [key for key in SHEETS if key in tables]
    assert book.sheetnames == [sheet_name(key, language) for key in keys]
    for key in keys:
        header = [c.value for c in book[sheet_name(key, language)][1]]
        assert header == [human(c, language) for c in _shown(tables, key)]
        assert stable_names(header) == _shown(tables, key), (language, key)


def test_pairs_sheet_puts_decisions_and_names_first_then_both_sides_answers(written, tables):
    ws = openpyxl.load_workbook(written / "pairs.xlsx")["Pairs"]
    header = stable_names([c.value for c in ws[1]])
    assert header[:6] == ["decision", "move_to", "mentee_name", "mentor_name", "score", "explanation"]
    assert header[-4:] == ["mentee_email", "mentor_email", "mentee_id", "mentor_id"]
    for side, answers in (("mentee", ("field", "goals", "languages", "city", "meeting_mode")),
                          ("mentor", ("field", "topics", "languages", "city", "meeting_mode", "job_title"))):
        for answer in answers:
            assert f"{side}_{answer}" in header
    # the frozen part (decision, move to, both names) leaves most of a laptop screen to scroll
    frozen = sum(_width(ws, i) for i in range(1, 5))
    assert frozen <= 90
    row = {name: cell.value for name, cell in zip(header, ws[2])}
    assert row["locked_by"] == "kept in review" and row["mentor_job_title"] == "Senior software engineer"


def test_pairs_sheet_reads_back_like_the_table(written, tables):
    pairs = tables["pairs"]
    sheet = pd.read_excel(written / "pairs.xlsx", sheet_name="Pairs", engine="openpyxl")
    sheet.columns = stable_names(sheet.columns)
    assert sorted(sheet.columns) == sorted(c for c in pairs.columns if c != "locked")
    assert sheet["mentee_id"].tolist() == pairs["mentee_id"].tolist()
    assert sheet["mentee_name"].iloc[1] == "'" + FORMULA_NAME
    assert sheet["mentee_name"].iloc[0] == pairs["mentee_name"].iloc[0] == "Aino Äijälä"
    assert sheet["score"].tolist() == np.round(pairs["score"].astype(float), 1).tolist()
    for c in COMPONENTS:
        assert sheet[c].tolist() == np.round(pairs[c], 2).tolist()
    assert sheet["locked_by"].fillna("").tolist() == pairs["locked_by"].tolist()
    # how the run reads decisions back
    decisions = pd.read_excel(written / "pairs.xlsx", sheet_name="Pairs", dtype=str, engine="openpyxl")
    decisions.columns = stable_names(decisions.columns)
    assert decisions["decision"].fillna("").tolist() == pairs["decision"].tolist()


def test_no_cell_is_a_formula_and_triggers_are_neutralised(written):
    book = openpyxl.load_workbook(written / "pairs.xlsx")
    texts = [c.value for ws in book for row in ws.iter_rows() for c in row if c.data_type == "s"]
    assert not any(c.data_type == "f" for ws in book for row in ws.iter_rows() for c in row)
    assert "'" + FORMULA_NAME in texts and "'-1" in texts and "'+358 40 123 4567" in texts
    assert "'@mention: both speak Swedish" in texts
    assert not any(t.startswith(("=", "+", "-", "@")) for t in texts)


def test_pairs_sheet_guides_the_coordinator(written):
    ws = openpyxl.load_workbook(written / "pairs.xlsx")["Pairs"]
    assert ws["A1"].value == "Decision" and ws["B1"].value == "Move to" and ws.freeze_panes == "E2"
    assert ws["A1"].fill.fgColor.rgb != ws["C1"].fill.fgColor.rgb, "decision header stands out"
    notes = openpyxl.utils.get_column_letter(stable_names([c.value for c in ws[1]]).index("notes") + 1)
    for cell in ("A2", "B2", f"{notes}2"):
        assert ws[cell].fill.fgColor.rgb.endswith("FFF2CC"), f"cells to fill are highlighted: {cell}"
    decision, move = ws.data_validations.dataValidation[:2]
    assert decision.type == "list" and decision.formula1 == '"keep,reject"'
    assert str(decision.sqref) == f"A2:A{ws.max_row}"
    assert move.type == "list" and move.formula1 == "'Mentors'!$A$2:$A$21" and move.errorStyle == "information"
    assert str(move.sqref) == f"B2:B{ws.max_row}"
    ranges = {str(r.sqref): [rule.type for rule in r.rules] for r in ws.conditional_formatting}
    score_col = openpyxl.utils.get_column_letter([c.value for c in ws[1]].index("Score") + 1)
    assert ranges[f"{score_col}2:{score_col}{ws.max_row}"] == ["colorScale"]
    assert ws[f"{score_col}2"].number_format == "0.0"


def test_other_sheets_are_highlighted_where_it_matters(written):
    book = openpyxl.load_workbook(written / "pairs.xlsx")
    for sheet, needed in (("Data issues", "cellIs"), ("Supply and demand", "cellIs"),
                          ("Mentors", "cellIs"), ("Alternatives", "colorScale")):
        rules = [rule.type for r in book[sheet].conditional_formatting for rule in r.rules]
        assert needed in rules, sheet
    assert book["Supply and demand"]["F7"].value is None, "NaN ratio is an empty cell"


def test_carried_decisions_get_their_own_sheet(tables, tmp_path):
    carried = pd.DataFrame({"mentee_id": ["E00001"], "mentor_id": ["M00002"], "decision": ["reject"]})
    write_outputs({**tables, "decisions": carried}, tmp_path / "out", audit=AUDIT, title=TITLE)
    book = openpyxl.load_workbook(tmp_path / "out" / "pairs.xlsx")
    assert book.sheetnames[-1] == "Decisions"
    assert [c.value for c in book["Decisions"][2]] == ["E00001", "M00002", "reject"]


def test_workbook_opens_in_libreoffice(written, tmp_path):
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        pytest.skip("LibreOffice (soffice) not installed: cannot check the workbook opens in it")
    subprocess.run([office, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--convert-to", "csv", "--outdir", str(tmp_path), str(written / "pairs.xlsx")],
                   check=True, capture_output=True, timeout=120)
    rows = list(csv.reader(io.StringIO((tmp_path / "pairs.csv").read_text(encoding="utf-8", errors="replace"))))
    assert rows[0][0] == "decision" and len(rows) == 31
    assert rows[2][2] == "'" + FORMULA_NAME, "shown as text, not evaluated"


# --- CSV twins and introductions ----------------------------------------------------------

def test_csv_twins_have_the_stable_columns(written, tables):
    pairs = pd.read_csv(written / "pairs.csv", dtype={"mentee_id": str})
    assert list(pairs.columns) == ["mentee_id", "mentee_name", "mentee_email", "mentor_id",
                                   "mentor_name", "mentor_email", "score", *COMPONENTS, "explanation"]
    assert pairs["score"].tolist() == np.round(tables["pairs"]["score"].astype(float), 1).tolist()
    assert list(pd.read_csv(written / "unmatched.csv").columns) == [
        "mentee_id", "mentee_name", "mentee_email", "reason"]
    mentors = pd.read_csv(written / "mentors.csv")
    assert list(mentors.columns) == ["mentor_id", "mentor_name", "mentor_email", "capacity", "assigned"]
    assert mentors["assigned"].sum() == len(tables["pairs"])


def test_csvs_are_plain_utf8_and_formula_safe(written):
    raw = (written / "pairs.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r\n" not in raw
    text = raw.decode("utf-8")
    assert "Äijälä" in text and "'=HYPERLINK" in text
    for name in ("pairs.csv", "unmatched.csv", "mentors.csv", "introductions.csv"):
        for row in csv.reader(io.StringIO((written / name).read_text(encoding="utf-8"))):
            assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row), name


def test_without_letters_introductions_csv_has_its_header_only(written):
    intro = pd.read_csv(written / "introductions.csv", keep_default_na=False)
    assert list(intro.columns) == list(LETTER_COLUMNS) and intro.empty
    assert not (written / "introductions").exists()


def test_letters_are_written_as_a_formula_safe_csv_and_one_eml_each(tables, tmp_path):
    letters = pd.DataFrame([{
        **{c: "" for c in LETTER_COLUMNS}, "mentee_name": FORMULA_NAME, "to_name": FORMULA_NAME,
        "to_email": "mentee1@example.fi", "subject": "Uramentorointi: meet your mentor",
        "introduction": "Hello,\n- You both speak Finnish.", "recipient": "mentee",
        "status": "kept", "eml_file": f"introductions/{n:04d}-to-mentee.eml"} for n in (1, 2)])
    outdir = tmp_path / "output"
    files = write_outputs({**tables, "introductions": letters}, outdir, audit=AUDIT, title=TITLE,
                          sender="Mentoring team <team@example.fi>")
    assert outdir / "introductions/0002-to-mentee.eml" in files
    intro = pd.read_csv(outdir / "introductions.csv", keep_default_na=False)
    assert intro["mentee_name"].tolist() == ["'" + FORMULA_NAME] * 2
    raw = (outdir / "introductions/0001-to-mentee.eml").read_bytes()
    assert b"From: Mentoring team <team@example.fi>\r\n" in raw and b"X-Unsent: 1" in raw
    # an e-mail is not a spreadsheet: the name is as typed, quoted as a display name
    to = email.message_from_bytes(raw, policy=email.policy.default)["To"].addresses[0]
    assert (to.display_name, to.addr_spec) == (FORMULA_NAME, "mentee1@example.fi")
    audit = json.loads((outdir / "audit.json").read_text())
    assert "introductions/0001-to-mentee.eml" in audit["output_sha256"]


# --- HTML report --------------------------------------------------------------------------

class _Page(HTMLParser):
    """Collects what the tests look for in report.html."""

    def __init__(self):
        super().__init__()
        self.tags, self.tables, self.svgs, self.text, self.urls = [], {}, 0, [], []
        self._table = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        self.svgs += tag == "svg"
        if tag == "table":
            self._table = attrs.get("id")
            self.tables[self._table] = 0
        if tag == "tr" and self._table:
            self.tables[self._table] += 1
        self.urls += [v for k, v in attrs.items() if k in ("src", "href") and v and not v.startswith("#")]

    def handle_endtag(self, tag):
        if tag == "table":
            self._table = None

    def handle_data(self, data):
        self.text.append(data)


@pytest.fixture(scope="module")
def page(written) -> _Page:
    parser = _Page()
    parser.feed((written / "report.html").read_text(encoding="utf-8"))
    return parser


def test_report_has_charts_and_tables(page, tables):
    assert page.svgs == 5
    assert page.tables["pairs-table"] == len(tables["pairs"]) + 1
    assert page.tables["unmatched-table"] == len(tables["unmatched"]) + 1
    assert page.tables["issues-table"] == len(tables["issues"]) + 1
    text = "".join(page.text)
    assert TITLE in text and "Aino Äijälä" in text and "Score distribution" in text
    assert "mentee0@example.fi" not in text, "e-mail addresses stay in the workbook"


def test_report_is_self_contained_and_escaped(page, written):
    html = (written / "report.html").read_text(encoding="utf-8")
    assert page.urls == [] and "link" not in page.tags and "img" not in page.tags
    assert "url(http" not in html and "@import" not in html
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html
    assert html.count("<script>") == 1, "only the report's own sorting script"
    assert HTML_NAME in "".join(page.text), "the name is shown as text"


def test_report_without_pairs_says_so(tables, tmp_path):
    empty = {**tables, "pairs": tables["pairs"].iloc[0:0], "goal_coverage": tables["goal_coverage"].iloc[0:0],
             "issues": tables["issues"].iloc[0:0], "issue_rows": tables["issue_rows"].iloc[0:0]}
    write_outputs(empty, tmp_path / "out", audit=AUDIT, title=TITLE)
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "No pairs were made." in html and "No data issues were found." in html
    assert html.count("<svg") == 2, "only the supply and demand charts"
    assert openpyxl.load_workbook(tmp_path / "out" / "pairs.xlsx")["Pairs"].max_row == 1


def test_report_has_a_mentor_section_with_load_free_places_and_mentees(page, tables):
    mentors = tables["mentors"]
    assert page.tables["mentors-table"] == len(mentors) + 1
    free = mentors[mentors["remaining"] > 0]
    text = "".join(page.text)
    places = int(free["remaining"].sum())
    assert f"{len(free)} of {len(mentors)} mentors have free places ({places} places in all)" in text
    first_with_mentees = mentors[mentors["assigned"] > 0].iloc[0]
    assert first_with_mentees["mentees"] in text


def test_every_shortage_is_charted_and_the_rest_grouped_as_others():
    from matcher.report import charts

    values = [f"language {i:02d}" for i in range(40)]
    mentees = list(range(100, 60, -1))
    capacity = [m + 5 if i % 2 else m - 1 for i, m in enumerate(mentees)]  # every other one short
    table = pd.DataFrame({"dimension": "language", "value": values, "mentees": mentees,
                          "mentors": 1, "capacity": capacity})
    svg = charts.supply_demand_chart(table, "language")
    shown = [v for v in values if f">{v}<" in svg]
    short = [v for v, m, c in zip(values, mentees, capacity) if c < m]
    assert set(short) <= set(shown), "a shortage vanished from the chart"
    assert len(shown) == len(short) + charts.MIN_OTHERS
    assert f">others ({len(values) - len(shown)})<" in svg
    finnish = charts.supply_demand_chart(table, "language", "fi")
    assert "Tarjonta ja kysyntä kielittäin" in finnish and ">muut (" in finnish


def test_report_in_finnish(tables, tmp_path):
    from matcher.report.html import write_html

    text = write_html(tables, tmp_path / "report.html", TITLE, "fi").read_text(encoding="utf-8")
    assert '<html lang="fi">' in text
    for words in ("Yhteenveto", "Kaaviot", "Suodata pareja", "Miksi tämä pari", "Mentoroitavat ilman paria",
                  "Pisteiden jakauma", "Tarjonta ja kysyntä aloittain"):
        assert words in text, words
    assert "Filter pairs" not in text and "Summary</h2>" not in text
    # a severity is shown in Finnish and keeps its colour (the class is the English word)
    assert '<td class="error">virhe</td>' in text and '<td class="warning">varoitus</td>' in text


def test_workbook_shows_severities_and_kinds_in_the_rounds_language(tables, tmp_path):
    from matcher.report.xlsx import write_workbook

    book = openpyxl.load_workbook(write_workbook(tables, tmp_path / "pairs.xlsx", TITLE, "sv"))
    issues = book["Dataproblem"]
    assert [issues.cell(r, 1).value for r in range(2, issues.max_row + 1)] == ["fel", "varning", "varning"]
    rules = [rule.formula for ranges in issues.conditional_formatting for rule in ranges.rules]
    assert ['"fel"'] in rules and ['"varning"'] in rules
    kinds = {book["Utbud och efterfrågan"].cell(r, 1).value for r in range(2, 10)}
    assert kinds <= {"språk", "bransch", "mål"} and "bransch" in kinds


# --- audit --------------------------------------------------------------------------------

def test_audit_is_sorted_pretty_json_with_output_hashes(written):
    text = (written / "audit.json").read_text(encoding="utf-8")
    audit = json.loads(text)
    assert text == json.dumps(audit, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert audit["counts"]["mentees"] == 34 and audit["solver"]["certificate"]["gap"] == 0.0
    assert audit["round"] == TITLE
    from matcher.report.audit import file_sha256
    assert audit["output_sha256"] == {name: file_sha256(written / name) for name in FILES[:-1]}


# --- contract -----------------------------------------------------------------------------

def test_components_are_the_numeric_columns_between_score_and_explanation(tables):
    assert component_columns(tables["pairs"]) == list(COMPONENTS)
    extra = tables["pairs"].assign(note="x", experience=0.5)
    assert component_columns(extra) == list(COMPONENTS), "columns after explanation are extras"


def test_extra_columns_are_written_to_the_workbook(tables, tmp_path):
    extra = {**tables, "pairs": tables["pairs"].assign(cohort="Helsinki")}
    write_outputs(extra, tmp_path / "out", audit=AUDIT, title=TITLE)
    sheet = pd.read_excel(tmp_path / "out" / "pairs.xlsx", sheet_name="Pairs", engine="openpyxl")
    assert sheet.columns[-5] == "Cohort" and (sheet["Cohort"] == "Helsinki").all(), "before the ids"
    assert "cohort" not in pd.read_csv(tmp_path / "out" / "pairs.csv").columns


def test_a_missing_table_or_column_is_named(tables):
    with pytest.raises(ValueError, match="'alternatives'"):
        check_tables({k: v for k, v in tables.items() if k != "alternatives"})
    with pytest.raises(ValueError, match=r"'mentors' lacks column.*remaining"):
        check_tables({**tables, "mentors": tables["mentors"].drop(columns="remaining")})


def test_failed_write_leaves_the_previous_folder_untouched(tables, written, tmp_path, monkeypatch):
    outdir = tmp_path / "output"
    shutil.copytree(written, outdir)
    before = {p.name: p.read_bytes() for p in outdir.iterdir()}

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("matcher.report.write_html", broken)
    with pytest.raises(RuntimeError, match="disk on fire"):
        write_outputs(tables, outdir, audit=AUDIT, title=TITLE)
    assert {p.name: p.read_bytes() for p in outdir.iterdir()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["output"]


def test_refuses_to_replace_a_folder_it_did_not_write(tables, tmp_path):
    home = tmp_path / "Documents"
    home.mkdir()
    (home / "thesis.docx").write_text("precious")
    with pytest.raises(InputError, match=r"thesis.docx.*choose a new folder"):
        write_outputs(tables, home, audit=AUDIT, title=TITLE)
    assert (home / "thesis.docx").read_text() == "precious"


@pytest.mark.parametrize("rows", [pd.array([5, pd.NA, 40], dtype="Int64"),
                                  pd.Series([5, pd.NA, None], dtype=object)])
def test_missing_row_numbers_become_empty_cells(tables, tmp_path, rows):
    issues = tables["issue_rows"].assign(row=rows)
    write_outputs({**tables, "issues": group_issues(issues), "issue_rows": issues}, tmp_path / "out",
                  audit=AUDIT, title=TITLE)
    ws = openpyxl.load_workbook(tmp_path / "out" / "pairs.xlsx")["Data issues"]
    assert [ws.cell(r, 4).value for r in (2, 3)] == ["5", None]
    per_row = pd.read_csv(tmp_path / "out" / "data_issue_rows.csv")
    assert per_row["row"].iloc[0] == 5 and pd.isna(per_row["row"].iloc[1])


# --- the fast workbook path against XlsxWriter's public API ----------------------------------

def _tricky(tables):
    """The fixture plus what the fast path escapes itself: control characters, markup, padded
    and over-long text, missing numbers and mixed columns. (Text that looks like one of Excel's
    own ``_x0041_`` escapes is left out: the fast path keeps it literal, as Excel needs, which
    XlsxWriter's public API does not.)"""
    pairs = tables["pairs"].copy()
    pairs.loc[6, "explanation"] = "tab\there, bell\x07, \"quotes\" & <tags>"
    pairs.loc[7, "explanation"] = "  padded  "
    pairs.loc[8, "explanation"] = "long " * 7_000
    pairs.loc[9, "field"] = np.nan
    pairs["mixed"] = [True, 3, 2.5, None, "text", pd.Timestamp("2026-03-01"), np.int64(7), float("nan"),
                      "=1+1", False] * (len(pairs) // 10)
    return {**tables, "pairs": pairs, "decisions": pd.DataFrame({
        "mentee_id": ["E00001"], "mentor_id": ["M00002"], "decision": ["reject"], "notes": ["-x"]})}


def _sheet_facts(ws):
    cells = {}
    for row in ws.iter_rows():
        for c in row:
            cells[c.coordinate] = (c.value, c.data_type, c.number_format, c.font.b, c.font.color and c.font.color.rgb,
                                   c.fill.fgColor.rgb, c.alignment.wrap_text, c.alignment.vertical,
                                   c.border.left.style)
    return {
        "cells": cells,
        "heights": {r: d.height for r, d in ws.row_dimensions.items() if d.height},
        "widths": {(d.min, d.max): d.width for d in ws.column_dimensions.values()},
        "freeze": ws.freeze_panes, "filter": ws.auto_filter.ref,
        "validation": [(str(v.sqref), v.formula1, v.type) for v in ws.data_validations.dataValidation],
        "conditional": sorted((str(r.sqref), tuple(rule.type for rule in r.rules)) for r in ws.conditional_formatting),
        "print": (ws.page_setup.orientation, ws.page_setup.fitToWidth, ws.print_title_rows,
                  ws.oddHeader.left.text, ws.oddFooter.center.text),
    }


def test_fast_workbook_cells_match_xlsxwriters_public_api(tmp_path, monkeypatch):
    import xlsxwriter

    from matcher.report import xlsx

    tricky = _tricky(make_tables(300, 12, 100))  # big enough for repeated values to be shared
    fast = xlsx.write_workbook(tricky, tmp_path / "fast.xlsx", TITLE)
    monkeypatch.setattr(xlsx, "table_sheet_class", lambda: xlsx._PublicSheet)
    public = xlsx.write_workbook(tricky, tmp_path / "public.xlsx", TITLE)
    fast_book, public_book = openpyxl.load_workbook(fast), openpyxl.load_workbook(public)
    assert fast_book.sheetnames == public_book.sheetnames
    for name in fast_book.sheetnames:
        ours, theirs = _sheet_facts(fast_book[name]), _sheet_facts(public_book[name])
        for fact in ours:
            if ours[fact] == theirs[fact]:
                continue
            if fact == "cells":
                where = next(k for k in sorted({*ours["cells"], *theirs["cells"]})
                             if ours["cells"].get(k) != theirs["cells"].get(k))
                detail = f"cell {where}: {ours['cells'].get(where)} != {theirs['cells'].get(where)}"
            else:
                detail = f"{ours[fact]} != {theirs[fact]}"
            pytest.fail(f"XlsxWriter {xlsxwriter.__version__}: the fast table writer "
                        f"(matcher.report.xlsx._TableSheet, which uses XlsxWriter's private parts "
                        f"{[f'{o.__name__}.{a}' for o, a in xlsx.XLSXWRITER_PRIVATE]}) no longer writes "
                        f"what XlsxWriter's public API writes: sheet {name!r}, {fact}, {detail}. "
                        "Fix _TableSheet for this XlsxWriter release, or pin the last one that matches.")


def test_the_fast_sheet_refuses_row_and_comment_calls_instead_of_dropping_them(tables, tmp_path):
    import xlsxwriter

    from matcher.report.xlsx import _TableSheet

    for call in (lambda ws: ws.set_row(3, 40), lambda ws: ws.write_comment("B2", "a note"),
                 lambda ws: ws.write_string(5, 0, "stray")):
        book = xlsxwriter.Workbook(str(tmp_path / "x.xlsx"))
        sheet = book.add_worksheet("Pairs", worksheet_class=_TableSheet)
        frame = pd.DataFrame({"a": ["x", "y"]})
        style = book.add_format()
        sheet.write_table(frame, ["A"], [style], [style], np.array([15, 15]))
        call(sheet)
        with pytest.raises(NotImplementedError, match="would be lost"):
            book.close()


def test_charts_keep_their_numbers():
    # each bar's length on the axis is its value, and its tooltip says it
    from matcher.report import charts

    table = pd.DataFrame({"dimension": "field", "value": ["ICT", "health", "law"], "mentees": [30, 12, 3],
                          "mentors": 1, "capacity": [20, 15, 0]})
    svg = charts.supply_demand_chart(table, "field")
    bars = [(float(w), int(v)) for w, v in re.findall(r'<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)" '
                                                       r'height="8.0" fill="#[0-9A-F]+"><title>(\d+)</title>', svg)]
    end, _ = charts._ticks(30)
    assert [v for _, v in bars] == [30, 20, 12, 15, 3, 0], "wanted, then offered, in the table's order"
    assert all(abs(w - charts.PLOT * v / end) < 0.06 for w, v in bars)
    assert re.findall(r'font-weight="bold">(\w+)<', svg) == ["ICT", "law"], "the shortages in bold"
    scores = pd.Series([3.0, 52.0, 54.0, 99.0, 100.0])
    counted = re.findall(r"<title>(\d+)-(\d+): (\d+)</title>", charts.score_histogram(scores))
    assert {(int(a), int(n)) for a, _, n in counted if n != "0"} == {(0, 1), (50, 2), (95, 2)}
    assert ">mean 61.6<" in charts.score_histogram(scores)


def test_the_report_is_written_without_a_plotting_library():
    code = ("import sys\nfrom matcher.report import charts, html, write_outputs\nfrom matcher import run\n"
            "import pandas as pd\ncharts.score_histogram(pd.Series([50.0]))\n"
            "assert 'matplotlib' not in sys.modules, 'matplotlib imported'")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parents[1])


def test_data_issues_csv_is_the_grouped_sheet_and_the_rows_csv_every_cell(tables, tmp_path):
    issues = pd.DataFrame({"severity": "warning", "file": "mentees.csv", "row": range(2, 40),
                           "column": "Organisation", "value": "", "problem": "no answer",
                           "suggestion": "defaults used"}).astype({"row": "Int64"})
    write_outputs({**tables, "issues": group_issues(issues), "issue_rows": issues}, tmp_path / "out",
                  audit=AUDIT, title=TITLE)
    grouped = pd.read_csv(tmp_path / "out" / "data_issues.csv")
    assert list(grouped.columns) == ["severity", "count", "file", "row", "column", "value",
                                     "problem", "suggestion"]
    assert grouped[["count", "row"]].values.tolist() == [[38, "2, 3, 4, 5, 6, 7, 8, 9 …"]]
    assert pd.read_csv(tmp_path / "out" / "data_issue_rows.csv")["row"].tolist() == list(range(2, 40))


@given(st.lists(st.text(alphabet=st.characters(codec="utf-8"), max_size=8) | st.none()
                | st.floats(allow_nan=True) | st.integers(), max_size=8))
def test_page_texts_escaped_at_once_read_as_cell_by_cell(values):
    import html

    from matcher.report.html import escaped_texts
    from matcher.safe_io import strip_controls

    assert escaped_texts(values) == ["" if v is None or v != v else html.escape(strip_controls(str(v)))
                                     for v in values]
