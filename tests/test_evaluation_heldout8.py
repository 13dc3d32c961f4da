"""The eighth held-out reading-evaluation split's (``heldout8``) four exports, each written as its
tool writes it with the truth in the split's wording (what every held-out split shares is
:mod:`tests.test_evaluation_heldout_splits`'s). No reading figure is asserted: the split is the lead's to run."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from matcher import evaluation, evaluation_heldout8
from tests.test_evaluation_heldout import _plain, _sides

SPLIT = "heldout8"


def _table(path: Path, form: str) -> pd.DataFrame:
    """An export read back as its tool wrote it, one column a question; under two header rows an
    option column is headed ``"question\\toption"``."""
    if path.suffix == ".xlsx":
        return pd.read_excel(path, engine="openpyxl", dtype=object)
    raw = pd.read_csv(path, dtype=object, header=None, encoding="utf-8-sig", keep_default_na=False)
    if form != "lomake_rows_sv":
        return raw.iloc[1:].set_axis(list(raw.iloc[0]), axis=1).reset_index(drop=True)
    questions = raw.iloc[0].replace("", None).ffill()
    headings = [f"{q}\t{o}" if o else q for q, o in zip(questions, raw.iloc[1])]
    return raw.iloc[2:].set_axis(headings, axis=1).reset_index(drop=True)


@pytest.mark.parametrize("form", evaluation.HELDOUT8_FORMS)
def test_heldout8_exports_write_the_truth_in_the_split_wording(tmp_path, form):
    words = evaluation.phrases()[SPLIT]
    for side, path, lang, headers, people in _sides(tmp_path, SPLIT, form):
        table = _table(path, form)
        meant = people.loc[table[headers["email"]]]
        for column, kind, truth in (("field", "fields", [next(iter(f)) for f in meant["fields"]]),
                                    ("city", "cities", meant["city"]), ("meeting_mode", "modes", meant["meeting_mode"])):
            assert list(table[headers[column]]) == [words[kind][key][lang][side] for key in truth], column
        question = headers["topics" if side else "goals"]
        offered = {key: texts[lang][side] for key, texts in words["goals"].items()}
        if form == "lomake_rows_sv":
            chosen = [{key for key, text in offered.items() if row[f"{question}\t{text}"] == "1"}
                      for _, row in table.iterrows()]
        else:
            separator = evaluation._SEPARATORS.get(form, evaluation_heldout8.HR_LIST if side and form == "hr_system_fi"
                                                   else ", ")
            chosen = [set(key for key, text in offered.items() if text in str(cell).split(separator))
                      for cell in table[question]]
        assert chosen == list(meant["goals"])
        written = evaluation._LANGUAGE_FORMATS.get(form, words["formats"]["languages"])[side]
        for cell, speaks in zip(table[headers["languages"]], meant["languages"]):
            for code, level in speaks.items():
                text = written.format(language=words["languages"][code][lang][side],
                                      level=words["levels"][str(level)][lang][side])
                assert _plain(text) in _plain(str(cell)), (code, level, cell)


def test_heldout8_exports_keep_their_tools_quirks(tmp_path):
    import openpyxl

    for form in evaluation.HELDOUT8_FORMS:
        mentors, mentees, _ = evaluation.write_exports(tmp_path / form, SPLIT, form, n_mentees=12, n_mentors=8,
                                                       seed=1)
        if form == "zoho_jobtitle_en":  # BOM and CRLF, Zoho's own columns
            data = mentees.read_bytes()
            assert data.startswith(b"\xef\xbb\xbf") and data.count(b"\r\n") == 13
            assert {"Added Time", "Referrer Name", "Task Owner", "IP Address"} <= set(_table(mentees, form).columns)
        elif form == "lomake_rows_sv":  # the question over its options, 1 and 0 under them
            raw = pd.read_csv(mentees, dtype=object, header=None, keep_default_na=False)
            question = evaluation._HEADERS[form]["goals"]
            at = list(raw.iloc[0]).index(question)
            assert list(raw.iloc[0, at + 1:at + len(evaluation.phrases()[SPLIT]["goals"])]) == [""] * 27
            assert set(raw.iloc[2:, at].to_numpy()) <= {"0", "1"} and raw.iloc[1, 0] == ""
        elif form == "hr_system_fi":  # the HR report's sheet and columns; the mentees a CSV
            sheet = openpyxl.load_workbook(mentors)["Raportti"]
            assert [c.value for c in sheet[1]][:2] == ["Henkilönumero", "Yksikkö"] and mentees.suffix == ".csv"
        else:  # Forms.app: a response id first, " | " between choices, two languages of form
            e, m = _table(mentees, form), _table(mentors, form)
            assert e.columns[0] == m.columns[0] == "Response ID" and e["Response ID"].str.fullmatch("[0-9a-f]{24}").all()
            assert e[evaluation._HEADERS[form]["goals"]].str.contains(" | ", regex=False).any()
            assert "Lähetetty" in m.columns and "Submission Date" in e.columns
