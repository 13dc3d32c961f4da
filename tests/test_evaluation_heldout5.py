"""The fifth held-out reading-evaluation split's (``heldout5``) four exports, each written as its
tool writes it with the truth in the split's wording (what every held-out split shares is
:mod:`tests.test_evaluation_heldout_splits`'s). No reading figure is asserted: the split is the lead's to run."""

from __future__ import annotations

import io
import json

import openpyxl
import pandas as pd
import pytest

from matcher import evaluation, evaluation_heldout5
from tests.test_evaluation_heldout import _plain, _sides

SPLIT = "heldout5"


def _table(path, form: str) -> pd.DataFrame:
    """An export read back as its tool wrote it, one column a question (Qualtrics: under its
    question-text row, its codes and import ids dropped)."""
    if path.suffix == ".xlsx":
        return pd.read_excel(path, engine="openpyxl", dtype=object)
    if form in evaluation_heldout5.THREE_HEADER_ROWS:
        raw = pd.read_csv(path, dtype=object, header=None, encoding="utf-8-sig", keep_default_na=False)
        return raw.iloc[3:].set_axis(list(raw.iloc[1]), axis=1).reset_index(drop=True)
    separator = evaluation._FILES.get(form, (None, {}))[1].get("sep", ",")
    return pd.read_csv(path, dtype=object, sep=separator, encoding="utf-8-sig", keep_default_na=False)


def _offered(kind: str, key: str, form: str, lang: str, side: int) -> str:
    texts = evaluation.phrases()[SPLIT][kind][key]
    second = evaluation_heldout5.BILINGUAL.get(form)
    return texts[lang][side] if second is None else f"{texts[lang][side]} / {texts[second][side]}"


@pytest.mark.parametrize("form", evaluation.HELDOUT5_FORMS)
def test_heldout5_exports_write_the_truth_in_the_split_wording(tmp_path, form):
    words = evaluation.phrases()[SPLIT]
    second = evaluation_heldout5.BILINGUAL.get(form)
    for side, path, lang, headers, people in _sides(tmp_path, SPLIT, form):
        table = _table(path, form)
        meant = people.loc[table[headers["email"]]]
        assert list(table[headers["field"]]) == [_offered("fields", next(iter(f)), form, lang, side)
                                                 for f in meant["fields"]]
        assert list(table[headers["meeting_mode"]]) == [_offered("modes", m, form, lang, side)
                                                        for m in meant["meeting_mode"]]
        # a bilingual form's people type their town in either of its languages
        towns = [{words["cities"][city][tongue][side] for tongue in {lang, second or lang}} for city in meant["city"]]
        assert all(cell in town for cell, town in zip(table[headers["city"]], towns))
        question = headers["topics" if side else "goals"]
        offered = {key: _offered("goals", key, form, lang, side) for key in sorted(words["goals"])}
        if form in evaluation._OPTION_COLUMNS:
            chosen = [{key for key, text in offered.items() if str(row[f"{question}/{text}"]) == "1"}
                      for _, row in table.iterrows()]
            assert set(table[[f"{question}/{text}" for text in offered.values()]].to_numpy().ravel()) == {"0", "1"}
        else:
            if form in evaluation_heldout5.THREE_HEADER_ROWS:
                question += " - Selected Choice"
            separator = evaluation._CHOICE_SEPARATORS.get(form, ";" if path.suffix == ".xlsx" else ", ")
            # an option holding the separator is whole in its cell when the parts are joined again
            cells = [_plain(", ".join(cell.rstrip(";").split(separator))) for cell in table[question]]
            chosen = [{key for key, text in offered.items() if _plain(", ".join(text.split(separator))) in cell}
                      for cell in cells]
        assert chosen == list(meant["goals"])
        written = words["formats"]["languages"][side]
        tongues = {lang, second or lang}
        for (_, row), speaks in zip(table.iterrows(), meant["languages"]):
            cell = _plain(" ".join(str(row[h]) for h in (headers.get("native"), headers["languages"]) if h))
            for code, level in speaks.items():
                if form in evaluation_heldout5.NATIVE_LANGUAGE and level == 4:
                    found = {_plain(words["languages"][code][t][side]) for t in tongues}
                else:
                    found = {_plain(written.format(language=words["languages"][code][t][side],
                                                   level=words["levels"][str(level)][t][side])) for t in tongues}
                assert any(text in cell for text in found), (code, level, cell)


def test_heldout5_exports_keep_their_tools_quirks(tmp_path):
    for form in evaluation.HELDOUT5_FORMS:
        mentors, mentees, _ = evaluation.write_exports(tmp_path / form, SPLIT, form, n_mentees=12, n_mentors=8,
                                                       seed=1)
        if form == "qualtrics_en_fi":  # three header rows, the survey's columns, its language per side
            for path, language in ((mentees, "EN"), (mentors, "FI")):
                assert path.read_bytes().startswith(b"\xef\xbb\xbf")
                raw = pd.read_csv(path, dtype=object, header=None, encoding="utf-8-sig", keep_default_na=False)
                assert list(raw.iloc[0, :2]) == ["StartDate", "EndDate"] and raw.iloc[0, 17] == "Q1"
                assert all("ImportId" in json.loads(cell) for cell in raw.iloc[2])
                assert set(raw.iloc[3:, 16]) == {language} and raw.iloc[3:, 8].str.fullmatch("R_[0-9a-f]{15}").all()
                other = [i for i, text in enumerate(raw.iloc[1]) if text.endswith(" - Text")]
                assert len(other) == 1 and raw.iloc[1, other[0] - 1].endswith(" - Selected Choice")
                assert set(raw.iloc[3:, other[0]]) == {""}
        elif form == "kobo_fi":  # ";" and group paths, Kobo's own columns either side of the questions
            header = mentors.read_text(encoding="utf-8").splitlines()[0].split(";")
            assert header[:2] == ["start", "end"] and header[-1] == "_index" and "_uuid" in header
            assert sum(h.startswith("Mentorina/") for h in header) >= 6
        elif form == "msforms_fi_en":  # the account's Finnish columns, an anonymous form
            sheet = openpyxl.load_workbook(mentees).active
            first = [cell.value for cell in sheet[1]]
            assert first[:6] == ["Tunnus", "Aloitusaika", "Valmistumisaika", "Sähköposti", "Nimi", "Viimeksi muokattu"]
            assert {sheet.cell(row, 4).value for row in range(2, sheet.max_row + 1)} == {"anonymous"}
            assert all(" / " in header for header in first[6:])
        else:  # Excel's re-save: BOM, ";" and CRLF, the names asked apart, the mother tongue asked apart
            data = mentees.read_bytes()
            assert data.startswith(b"\xef\xbb\xbf") and data.count(b"\r\n") == 13 and b"\n" not in data.replace(b"\r\n", b"")
            table = pd.read_csv(io.BytesIO(data), sep=";", encoding="utf-8-sig", dtype=object)
            assert {"Förnamn", "Efternamn", "Modersmål"} <= set(table.columns)
            assert table["Tidstämpel"].str.fullmatch(r"\d{1,2}\.1\.2026 10:\d\d").all()


def test_sign_ups_no_person_made_are_measured_as_nobody():
    """Rows read as people that nobody signed up as (a tool's extra header rows) leave the
    comparison, and the pairs given to them leave the pairing: their places are worth nothing."""
    import dataclasses

    @dataclasses.dataclass
    class Read:
        mentors: pd.DataFrame
        mentees: pd.DataFrame

    truth = pd.DataFrame({"email": ["mentor0@example.org", "mentee0@example.org", "mentee1@example.org"]})
    read = Read(pd.DataFrame({"email": ["mentor0@example.org", "Sähköpostiosoitteesi"]}, index=["r1", "r2"]),
                pd.DataFrame({"email": ['{"ImportId":"QID1"}', "mentee0@example.org"]}, index=["e1", "e2"]))
    pairs = pd.DataFrame({"mentee_id": ["e1", "e2"], "mentor_id": ["r1", "r1"]})
    kept, kept_pairs = evaluation._people_only(read, pairs, truth)
    assert list(kept.mentors.index) == ["r1"] and list(kept.mentees.index) == ["e2"]
    assert kept_pairs.to_dict("records") == [{"mentee_id": "e2", "mentor_id": "r1"}]
    whole = Read(read.mentors.iloc[:1], read.mentees.iloc[1:])
    same, same_pairs = evaluation._people_only(whole, pairs, truth)
    assert same is whole and same_pairs is pairs
