"""The seventh held-out reading-evaluation split's (``heldout7``) four exports, each written as its
tool writes it with the truth in the split's wording (what every held-out split shares is
:mod:`tests.test_evaluation_heldout_splits`'s). No reading figure is asserted: the split is the lead's to run."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
import pandas as pd
import pytest

from matcher import evaluation, evaluation_heldout7, vocab
from tests.test_evaluation_heldout import _plain, _sides

SPLIT = "heldout7"
_ODS = {"table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
        "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
        "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0"}


def _ods_table(path: Path) -> pd.DataFrame:
    """An .ods sheet read back from its content.xml, a repeated cell as many cells, the first row
    the header."""
    with zipfile.ZipFile(path) as archive:
        root = ElementTree.fromstring(archive.read("content.xml"))
    rows = []
    for row in root.iter(f"{{{_ODS['table']}}}table-row"):
        cells: list[str | None] = []
        for cell in row.findall("table:table-cell", _ODS):
            text = "\n".join("".join(p.itertext()) for p in cell.findall("text:p", _ODS)) or None
            cells += [text] * int(cell.get(f"{{{_ODS['table']}}}number-columns-repeated", "1"))
        rows.append(cells)
    width = len(rows[0])
    return pd.DataFrame([r + [None] * (width - len(r)) for r in rows[1:]], columns=rows[0])


def _table(path: Path) -> pd.DataFrame:
    """An export read back as its tool wrote it, one column a question."""
    if path.suffix == ".ods":
        return _ods_table(path)
    if path.suffix == ".xlsx":
        return pd.read_excel(path, engine="openpyxl", dtype=object)
    return pd.read_csv(path, dtype=object, keep_default_na=False)


def _same(cell: object, text: str) -> bool:
    """Whether ``cell`` is ``text`` but for the case and spacing it was typed in."""
    return _plain(str(cell)) == _plain(text)


@pytest.mark.parametrize("form", evaluation.HELDOUT7_FORMS)
def test_heldout7_exports_write_the_truth_in_the_split_wording(tmp_path, form):
    words = evaluation.phrases()[SPLIT]
    for side, path, lang, headers, people in _sides(tmp_path, SPLIT, form):
        table = _table(path)
        meant = people.loc[table[headers["email"]]]
        for column, kind, truth in (("field", "fields", [next(iter(f)) for f in meant["fields"]]),
                                    ("city", "cities", meant["city"]), ("meeting_mode", "modes", meant["meeting_mode"])):
            assert all(_same(cell, words[kind][key][lang][side])
                       for cell, key in zip(table[headers[column]], truth)), column
        question = headers["topics" if side else "goals"]
        offered = {key: _plain(texts[lang][side]) for key, texts in words["goals"].items()}
        if form == "tally_en":
            chosen = [{key for key, texts in words["goals"].items() if row[f"{question} ({texts[lang][side]})"] == "true"}
                      for _, row in table.iterrows()]
            assert set(table[[c for c in table.columns if c.startswith(f"{question} (")]].to_numpy().ravel()) == {
                "true", "false"}
            assert all(all(offered[key] in _plain(cell) for key in keys) for cell, keys in zip(table[question], chosen))
        else:
            if form == "google_sections_sv_fi":
                more = headers["topics_more" if side else "goals_more"]
                cells = [f"{a}, {b}" for a, b in zip(table[question], table[more])]
            else:
                cells = list(table[question])
            separator = ";" if path.suffix == ".xlsx" else ", "
            # an option holding ", " is whole in its cell when the parts are joined again
            joined = [_plain(", ".join(str(cell).rstrip(";").split(separator))) for cell in cells]
            chosen = [{key for key, text in offered.items() if _plain(", ".join(text.split(separator))) in cell}
                      for cell in joined]
        assert chosen == list(meant["goals"])
        written = evaluation._LANGUAGE_FORMATS.get(form, words["formats"]["languages"])[side]
        for (_, row), speaks in zip(table.iterrows(), meant["languages"]):
            cell = _plain(" ".join(str(row[h]) for h in (headers.get("native"), headers["languages"]) if h))
            for code, level in speaks.items():
                name = words["languages"][code][lang][side]
                text = name if form in evaluation._NATIVE_LANGUAGE and level == 4 else written.format(
                    language=name, level=words["levels"][str(level)][lang][side])
                assert _plain(text) in cell, (code, level, cell)


def test_heldout7_exports_keep_their_tools_quirks(tmp_path):
    for form in evaluation.HELDOUT7_FORMS:
        mentors, mentees, _ = evaluation.write_exports(tmp_path / form, SPLIT, form, n_mentees=12, n_mentors=8,
                                                       seed=1)
        if form == "ods_municipal_fi":  # OpenDocument: mimetype first and stored, date and number cells
            with zipfile.ZipFile(mentees) as archive:
                first = archive.infolist()[0]
                assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
                content = archive.read("content.xml").decode("utf-8")
            assert f'table:name="{evaluation_heldout7.ODS_SHEET}"' in content
            assert content.count('office:value-type="date"') == 12 and 'office:value-type="float"' in content
            # empty cells are written as Calc writes them, bare, a run of them once with its count
            assert "<text:p></text:p>" not in content and '<table:table-cell table:number-columns-repeated="' in content
            assert mentees.read_bytes() == evaluation.write_exports(
                tmp_path / "again", SPLIT, form, n_mentees=12, n_mentors=8, seed=1)[1].read_bytes()
            header = list(_ods_table(mentors).columns)
            assert {"Oma äidinkieli", "Käsittelijä", "Tila"} <= set(header)
        elif form == "tally_en":  # Tally's tokens first, the checkboxes joined and one column per option
            table = pd.read_csv(mentees, dtype=object, keep_default_na=False)
            assert list(table.columns[:3]) == ["Submission ID", "Respondent ID", "Submitted at"]
            assert table["Submission ID"].str.fullmatch("[0-9A-Za-z]{6}").all()
            question = evaluation._HEADERS[form]["goals"]
            assert sum(c.startswith(f"{question} (") for c in table.columns) == len(evaluation.phrases()[SPLIT]["goals"])
        elif form == "google_sections_sv_fi":  # a Swedish mentee form, a Finnish mentor form, two sections
            e = pd.read_csv(mentees, dtype=object, keep_default_na=False)
            m = pd.read_csv(mentors, dtype=object, keep_default_na=False)
            assert e.columns[0] == "Tidstämpel" and m.columns[0] == "Aikaleima"
            first, more = (evaluation._HEADERS[form][k] for k in ("goals", "goals_more"))
            assert (e[first] != "").any() and (e[more] != "").any() and ((e[first] != "") | (e[more] != "")).all()
        else:  # the organiser's workbook: renamed headings, coloured rows, notes, frozen under a filter
            sheet = openpyxl.load_workbook(mentees).active
            header = [cell.value for cell in sheet[1]]
            assert header[:3] == ["ID", "Start time", "Completion time"] and header[-2:] == ["Notes", "Matched?"]
            assert "Contact e-mail" in header and sheet.freeze_panes == "A2" and sheet.auto_filter.ref
            fills = {sheet.cell(row, 1).fill.start_color.rgb for row in range(2, sheet.max_row + 1)}
            assert {"00C6EFCE", "00FFEB9C"} <= fills
            languages = pd.read_excel(io.BytesIO(mentors.read_bytes()), engine="openpyxl", dtype=object)[
                evaluation._ROLE_HEADERS[form]["languages"]]
            assert languages.str.endswith(";").all() and not languages.str.contains(":").any()


def test_heldout7_msforms_other_answers_are_typed_by_hand(tmp_path):
    """Answers no option offered were typed into "Other": some differ from the option in case or
    spacing; the offered ones never do."""
    form = "msforms_organiser_en"
    words = evaluation.phrases()[SPLIT]
    typed = offered = 0
    for side, path, lang, headers, people in _sides(tmp_path, SPLIT, form):
        table = _table(path)
        for cell, key in zip(table[headers["field"]], (next(iter(f)) for f in people.loc[table[headers["email"]], "fields"])):
            text = words["fields"][key][lang][side]
            if key in vocab.keys("fields"):
                offered += cell == text
                assert cell == text
            else:
                typed += cell != text
    assert typed and offered
