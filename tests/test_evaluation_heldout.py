"""The held-out reading-evaluation splits (``heldout``, ``heldout2``, ``heldout3``, ``heldout4``):
complete, apart from every other wording and from the vocabulary, writable."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pandas as pd
import pytest

from matcher import evaluation, vocab

KINDS = ("fields", "goals")
#: the held-out splits, each written by someone who never tuned the reader
HELD_OUT = ("heldout", "heldout2", "heldout3", "heldout4")
#: every kind of wording a split may hold
WORDED = (*KINDS, "languages", "levels")
#: the wordings of where people live and how they meet (``heldout4``)
PLACES = ("cities", "modes")


def _phrases(split: str, kinds: tuple[str, ...] = KINDS) -> dict[str, tuple[str, str, str]]:
    """Every option wording of a split's ``kinds``, normalised: ``{phrase: (kind, key, language)}``."""
    return {vocab.normalise(phrase): (kind, key, lang)
            for kind in kinds for key, texts in evaluation.phrases()[split].get(kind, {}).items()
            for lang, pair in texts.items() for phrase in pair}


@pytest.mark.parametrize("split", HELD_OUT)
def test_held_out_words_every_concept_in_three_languages_differently_per_side(split):
    words = evaluation.phrases()[split]
    for kind in KINDS:
        built_in = set(vocab.keys(kind))
        assert built_in <= set(words[kind]), built_in - set(words[kind])
        assert set(words[kind]) - built_in, f"{kind}: no answer off the vocabulary"
    for kind in WORDED:
        for key, texts in words[kind].items():
            assert sorted(texts) == ["en", "fi", "sv"], (kind, key)
            for lang, (mentee, mentor) in texts.items():
                assert vocab.normalise(mentee) != vocab.normalise(mentor), (kind, key, lang)
    assert set(words["languages"]) >= set(evaluation._LANGUAGES)
    assert sorted(words["levels"]) == ["1", "2", "3", "4"]


def test_heldout2_holds_at_least_300_wordings():
    words = evaluation.phrases()["heldout2"]
    assert sum(len(pair) for kind in WORDED for texts in words[kind].values()
               for pair in texts.values()) >= 300


def test_heldout3_holds_at_least_100_wordings_per_language():
    words = evaluation.phrases()["heldout3"]
    for lang in ("en", "fi", "sv"):
        assert sum(len(texts[lang]) for kind in WORDED for texts in words[kind].values()) >= 100, lang


# heldout was checked against the splits that existed when it was written; the later ones against all
@pytest.mark.parametrize(("split", "others"), [
    ("heldout", ("dev", "test", "blind")),
    *((split, tuple(s for s in sorted(evaluation.phrases()) if s != split))
      for split in ("heldout2", "heldout3", "heldout4"))])
def test_held_out_shares_no_phrase_with_the_other_splits(split, others):
    held_out = _phrases(split, (*WORDED, *PLACES))
    for other in others:
        shared = held_out.keys() & _phrases(other, (*WORDED, *PLACES)).keys()
        assert not shared, (other, sorted(shared))


def _vocabulary_words() -> set[str]:
    """Every name and description of the vocabulary's fields, goals, languages, levels and cities,
    and its meeting-mode words."""
    names = {vocab.normalise(n) for kind in (*KINDS, "languages", "cities")
             for key in vocab.vocabulary(kind).keys for n in vocab.vocabulary(kind).names(key)}
    data = tomllib.loads((Path(vocab.__file__).parent / "concepts.toml").read_text(encoding="utf-8"))
    described = {vocab.normalise(t) for entries in data.values() for entry in entries.values()
                 for texts in entry.values() for t in texts}
    levels = {vocab.normalise(w) for table in (vocab._LEVEL_WORDS, vocab.LEVEL_DESCRIPTIONS)
              for words in table.values() for w in words}
    modes = {vocab.normalise(w) for words in vocab.meeting_words().values() for w in words}
    return names | described | levels | modes | {vocab.normalise(n) for n in vocab.LEVEL_NAMES.values()}


@pytest.mark.parametrize(("split", "kinds"), [("heldout", KINDS), ("heldout2", WORDED), ("heldout3", WORDED),
                                              ("heldout4", (*WORDED, *PLACES))])
def test_held_out_never_enters_the_vocabulary(split, kinds):
    known = _vocabulary_words()
    leaked = [phrase for phrase in _phrases(split, kinds) if phrase in known]
    assert not leaked, leaked


@pytest.mark.parametrize("form", evaluation.MORE_FORMS)
def test_heldout_exports_write_the_split_wording(tmp_path, form):
    mentors, mentees, truth = evaluation.write_exports(tmp_path, "heldout", form, n_mentees=12,
                                                       n_mentors=8, seed=1)
    words = evaluation.phrases()["heldout"]
    lang = evaluation._LANGUAGE_OF[form]
    headers = evaluation._HEADERS[form]
    for side, path in enumerate((mentees, mentors)):
        table = pd.read_excel(path, engine="openpyxl") if path.suffix == ".xlsx" else pd.read_csv(path)
        role = "mentors" if side else "mentees"
        meant = truth[truth["role"] == role].set_index("email").loc[table[headers["email"]]]
        assert list(table[headers["field"]]) == [
            words["fields"][next(iter(f))][lang][side] for f in meant["fields"]]
        first = meant["languages"].map(lambda speaks: next(iter(speaks.items())))
        assert [cell.startswith(words["languages"][code][lang][side]) and
                words["levels"][str(level)][lang][side] in cell
                for cell, (code, level) in zip(table[headers["languages"]], first)] == [True] * len(table)
        if mentees.suffix == ".xlsx":
            assert table[headers["languages"]].str.endswith(";").all()


def _read_export(path: Path, form: str) -> pd.DataFrame:
    """An export read back as the tool wrote it (Excel's ";" CSV in Windows-1252)."""
    if path.suffix == ".xlsx":
        return pd.read_excel(path, engine="openpyxl", dtype=object)
    if form == "excel_numbered":
        return pd.read_csv(path, sep=";", encoding="cp1252", dtype=object)
    return pd.read_csv(path, dtype=object)


def _sides(folder: Path, split: str, form: str):
    """Write ``form`` in ``split``'s wording (12 mentees, 8 mentors) and yield, per side (0 the
    mentees, 1 the mentors), its export, the language it is answered in, its questions and its
    people's truth by e-mail."""
    mentors, mentees, truth = evaluation.write_exports(folder, split, form, n_mentees=12, n_mentors=8,
                                                       seed=1)
    for side, path in enumerate((mentees, mentors)):
        role = "mentors" if side else "mentees"
        lang = evaluation._ROLE_LANGUAGE.get(form, {}).get(role, evaluation._LANGUAGE_OF[form])
        headers = evaluation._HEADERS[form] | (evaluation._ROLE_HEADERS[form] if side else {})
        yield side, path, lang, headers, truth[truth["role"] == role].set_index("email")


@pytest.mark.parametrize("form", evaluation.HELDOUT2_FORMS)
def test_heldout2_exports_write_the_truth_in_the_split_wording(tmp_path, form):
    words = evaluation.phrases()["heldout2"]
    assert evaluation.forms("heldout2") == evaluation.HELDOUT2_FORMS
    for side, path, lang, headers, people in _sides(tmp_path, "heldout2", form):
        table = _read_export(path, form)
        meant = people.loc[table[headers["email"]]]
        assert list(table[headers["field"]]) == [
            words["fields"][next(iter(f))][lang][side] for f in meant["fields"]]
        question = headers["topics" if side else "goals"]
        wording = {key: texts[lang][side] for key, texts in words["goals"].items()}
        if form in evaluation._OPTION_COLUMNS:
            chosen = [{key for key, text in wording.items()
                       if pd.notna(row[f"{question} - {text}"])} for _, row in table.iterrows()]
        else:
            cells = table[question].str.rstrip(";").str.split(";" if path.suffix == ".xlsx" else ", ")
            by_text = {text: key for key, text in wording.items()}
            # an option holding ", " is whole in the column's cells when they are joined again
            chosen = [{key for text, key in by_text.items() if text in ", ".join(parts)}
                      for parts in cells]
        assert chosen == list(meant["goals"])
        name = {code: texts[lang][side] for code, texts in words["languages"].items()}
        level = {int(n): texts[lang][side] for n, texts in words["levels"].items()}
        if form in evaluation._LANGUAGE_GRIDS:
            for (_, row), speaks in zip(table.iterrows(), meant["languages"]):
                cells = {code: row[f"{headers['languages']} [{name[code]}]"] for code in name}
                assert {code: None if pd.isna(cell) else cell for code, cell in cells.items()} == {
                    code: level[speaks[code]] if code in speaks else None for code in name}
        else:
            for cell, speaks in zip(table[headers["languages"]], meant["languages"]):
                assert all(f"{name[code]}" in cell and level[n] in cell for code, n in speaks.items())
        if form == "excel_numbered":
            with pytest.raises(UnicodeDecodeError):
                path.read_text(encoding="utf-8")
    if form == "excel_numbered":
        assert evaluation._ROLE_LANGUAGE[form]["mentees"] != evaluation._LANGUAGE_OF[form]


def _plain(text: str) -> str:
    """``text`` without the case and spacing a person typed it in."""
    return " ".join(text.split()).casefold()


def _heldout3_table(path: Path, form: str) -> tuple[pd.DataFrame, dict[str, list[str]]]:
    """A heldout3 export read back as its tool wrote it, and for SurveyMonkey's option columns
    ``{question: [option, ...]}`` from its second header row."""
    if form in evaluation._TITLES:
        return pd.read_excel(path, engine="openpyxl", dtype=object, header=2), {}
    if form not in evaluation._TWO_HEADER_ROWS:
        return pd.read_csv(path, dtype=object), {}
    raw = pd.read_csv(path, dtype=object, header=None)
    questions = raw.iloc[0].ffill()
    options: dict[str, list[str]] = {}
    columns = []
    for question, under in zip(questions, raw.iloc[1]):
        if pd.isna(under) or under in evaluation._TWO_HEADER_ROWS[form][:2]:
            columns.append(question)
        else:
            options.setdefault(question, []).append(under)
            columns.append(f"{question} / {under}")
    return raw.iloc[2:].set_axis(columns, axis=1).reset_index(drop=True), options


@pytest.mark.parametrize("form", evaluation.HELDOUT3_FORMS)
def test_heldout3_exports_write_the_truth_in_the_split_wording(tmp_path, form):
    words = evaluation.phrases()["heldout3"]
    assert evaluation.forms("heldout3") == evaluation.HELDOUT3_FORMS
    for side, path, lang, headers, people in _sides(tmp_path, "heldout3", form):
        table, options = _heldout3_table(path, form)
        meant = people.loc[table[headers["email"]]]
        assert [_plain(cell) for cell in table[headers["field"]]] == [
            _plain(words["fields"][next(iter(f))][lang][side]) for f in meant["fields"]]
        question = headers["topics" if side else "goals"]
        by_text = {_plain(texts[lang][side]): key for key, texts in words["goals"].items()}
        if form in evaluation._TWO_HEADER_ROWS:
            assert options[question][:-1] == [words["goals"][key][lang][side] for key in sorted(words["goals"])]
            chosen = [{by_text[_plain(row[f"{question} / {o}"])] for o in options[question]
                       if pd.notna(row[f"{question} / {o}"])} for _, row in table.iterrows()]
        else:
            separator = evaluation._SEPARATORS.get(form, ";" if path.suffix == ".xlsx" else ", ")
            # an option holding ", " is whole in its cell when the parts are joined again
            cells = [_plain(", ".join(cell.rstrip(";").split(separator))) for cell in table[question]]
            chosen = [{key for text, key in by_text.items() if text in cell} for cell in cells]
        assert chosen == list(meant["goals"])
        name = {code: _plain(texts[lang][side]) for code, texts in words["languages"].items()}
        level = {int(n): _plain(texts[lang][side]) for n, texts in words["levels"].items()}
        written = evaluation._LANGUAGE_FORMATS.get(form, words["formats"]["languages"])[side]
        for cell, speaks in zip(table[headers["languages"]], meant["languages"]):
            assert all(_plain(written.format(language=name[code], level=level[n])) in _plain(cell)
                       for code, n in speaks.items())
        if form in evaluation._TITLES:
            title = evaluation._TITLES[form]["mentors" if side else "mentees"]
            assert pd.read_excel(path, engine="openpyxl", header=None).iloc[0, 0] == title


@pytest.mark.parametrize("form", evaluation.HELDOUT3_FORMS)
def test_heldout3_exports_are_read_with_every_sign_up(tmp_path, form):
    """The project's own reader opens each export and finds every person's e-mail in it (which
    column holds it is the reading's business, not asserted here)."""
    from matcher import readers

    mentors, mentees, truth = evaluation.write_exports(tmp_path, "heldout3", form, n_mentees=12,
                                                       n_mentors=8, seed=1)
    for role, path in (("mentors", mentors), ("mentees", mentees)):
        cells = set(readers.read_table(path).to_numpy().ravel())
        assert set(truth.loc[truth["role"] == role, "email"]) <= cells


def test_a_round_run_refuses_is_measured_as_read_and_worth_nothing(tmp_path, monkeypatch):
    import matcher
    from matcher.run import DataErrors

    def refuse(config, outdir):
        raise DataErrors(pd.DataFrame(), Path(config), "en")

    monkeypatch.setattr(matcher, "run_round", refuse)
    figures = evaluation.evaluate(tmp_path, "dev", "google", n_mentees=12, n_mentors=8)
    assert figures["worth"] == 0.0
    assert 0.0 < figures["field"] <= 1.0 and 0.0 < figures["language"] <= 1.0


def test_heldout4_words_cities_and_meeting_modes_and_holds_100_wordings_per_language():
    words = evaluation.phrases()["heldout4"]
    assert set(words["cities"]) <= set(vocab.vocabulary("cities").keys)
    assert sorted(words["modes"]) == sorted(vocab.MEETING_MODES)
    for kind in PLACES:
        for key, texts in words[kind].items():
            assert sorted(texts) == ["en", "fi", "sv"], (kind, key)
            assert all(vocab.normalise(mentee) != vocab.normalise(mentor)
                       for mentee, mentor in texts.values()), (kind, key)
    for lang in ("en", "fi", "sv"):
        assert sum(len(texts[lang]) for kind in (*WORDED, *PLACES)
                   for texts in words[kind].values()) >= 100, lang


def _heldout4_table(path: Path, form: str, role: str) -> pd.DataFrame:
    """A heldout4 export read back as its tool wrote it: the data sheet of a workbook, under its
    title rows, without a coordinator's blank and totals rows under the data."""
    if form in evaluation._MERGED_TITLES:
        return pd.read_excel(path, engine="openpyxl", dtype=object, sheet_name="Formulärsvar 1",
                             header=len(evaluation._MERGED_TITLES[form][role]))
    if form in evaluation._COORDINATOR_BOOKS:
        sheet = evaluation._COORDINATOR_BOOKS[form]["sheets"][role]
        return pd.read_excel(path, engine="openpyxl", dtype=object, sheet_name=sheet).iloc[:-2]
    return pd.read_csv(path, dtype=object)


@pytest.mark.parametrize("form", evaluation.HELDOUT4_FORMS)
def test_heldout4_exports_write_the_truth_in_the_split_wording(tmp_path, form):
    words = evaluation.phrases()["heldout4"]
    assert evaluation.forms("heldout4") == evaluation.HELDOUT4_FORMS
    for side, path, lang, headers, people in _sides(tmp_path, "heldout4", form):
        role = "mentors" if side else "mentees"
        table = _heldout4_table(path, form, role)
        meant = people.loc[table[headers["email"]]]
        assert [_plain(cell) for cell in table[headers["field"]]] == [
            _plain(words["fields"][next(iter(f))][lang][side]) for f in meant["fields"]]
        assert [_plain(cell) for cell in table[headers["city"]]] == [
            _plain(words["cities"][city][lang][side]) for city in meant["city"]]
        assert list(table[headers["meeting_mode"]]) == [words["modes"][m][lang][side] for m in meant["meeting_mode"]]
        question = headers["topics" if side else "goals"]
        by_text = {_plain(texts[lang][side]): key for key, texts in words["goals"].items()}
        if form in evaluation._OPTION_COLUMNS:
            heading, mark, other = evaluation._OPTION_COLUMNS[form]
            code, _, text = question.partition(". ")
            columns = {key: heading.format(question=question, code=code, text=text, number=number,
                                           option=words["goals"][key][lang][side])
                       for number, key in enumerate(sorted(words["goals"]), start=1)}
            marks = {key: mark.format(option=words["goals"][key][lang][side]) if isinstance(mark, str) else mark
                     for key in columns}
            chosen = [{key for key, column in columns.items() if row[column] == marks[key]}
                      for _, row in table.iterrows()]
            assert table[other.format(question=question, code=code, text=text)].isna().all()
        else:
            separator = evaluation._SEPARATORS.get(form, ", ")
            # an option holding the separator is whole in its cell when the parts are joined again
            cells = [_plain(", ".join(cell.split(separator))) for cell in table[question]]
            chosen = [{key for text, key in by_text.items() if _plain(", ".join(text.split(separator))) in cell}
                      for cell in cells]
        assert chosen == list(meant["goals"])
        name = {code: _plain(texts[lang][side]) for code, texts in words["languages"].items()}
        level = {int(n): _plain(texts[lang][side]) for n, texts in words["levels"].items()}
        written = words["formats"]["languages"][side]
        for cell, speaks in zip(table[headers["languages"]], meant["languages"]):
            assert all(_plain(written.format(language=name[code], level=level[n])) in _plain(cell)
                       for code, n in speaks.items())


def test_heldout4_exports_keep_their_tools_quirks(tmp_path):
    import openpyxl

    for form in evaluation.HELDOUT4_FORMS:
        mentors, mentees, _ = evaluation.write_exports(tmp_path / form, "heldout4", form, n_mentees=12,
                                                       n_mentors=8, seed=1)
        if form == "limesurvey_fi":  # every cell quoted, the tool's own columns first
            text = mentees.read_text(encoding="utf-8")
            assert text.startswith('"id. Vastauksen ID","submitdate. ')
            assert "[SQ001]. " in text.splitlines()[0] and '"Kyllä"' in text
        elif form == "typeform_en":  # a token first, the dates after the questions
            table = pd.read_csv(mentors, dtype=object)
            assert table.columns[0] == "#" and table["#"].str.fullmatch("[0-9a-f]{32}").all()
            assert list(table.columns[-4:]) == ["Start Date (UTC)", "Submit Date (UTC)", "Network ID", "Tags"]
        elif form == "sheets_sv_en":  # merged titles above the header, date cells
            sheet = openpyxl.load_workbook(mentees)["Formulärsvar 1"]
            assert {str(r) for r in sheet.merged_cells.ranges} == {
                f"A{n}:{sheet.cell(3, sheet.max_column).column_letter}{n}" for n in (1, 2)}
            assert sheet.cell(3, 1).value == "Tidstämpel" and sheet.cell(3, 3).value == "Your full name"
            assert hasattr(sheet.cell(4, 1).value, "year")
        else:  # instructions first, the data on the next sheet over a blank and a totals row
            book = openpyxl.load_workbook(mentors)
            assert book.sheetnames == ["Ohjeet", "Mentorit"]
            rows = list(book["Mentorit"].iter_rows(values_only=True))
            assert len(rows) == 1 + 8 + 2 and not any(rows[-2]) and "Yhteensä" in rows[-1]
            capacity = rows[0].index("Max mentoroitavia")
            assert rows[-1][capacity] == sum(int(row[capacity]) for row in rows[1:-2])
            assert None in rows[0] and "Huom." in rows[0]
