"""Multi-selects exported as one column per option ("Question - Option" = 1) are read as one
multi-select question (matcher.option_columns), whatever the tool's separator and marks."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from matcher import evaluation, init_round, load_round
from matcher.detect import reading_notes
from matcher import vocab
from matcher.detect import detect_columns
from matcher.option_columns import (declines, find_option_columns, fold_option_columns, fold_questions,
                                    strip_codes, strip_groups)

QUESTION = "4. Millaisiin asioihin toivot tukea? (voit valita useamman)"
OPTIONS = ["Työnhaku", "Verkostot, kontaktit", "Suomalainen työelämä"]
CHOSEN = [[True, False, True], [False, True, False], [False, False, False], [True, True, True]]


def _table(header, yes, no, own_text=False):
    return pd.DataFrame({"Email": [f"p{i}@x.fi" for i in range(len(CHOSEN))],
                         **{header(o): [(o if own_text else yes) if row[k] else no for row in CHOSEN]
                            for k, o in enumerate(OPTIONS)}})


STYLES = {
    "webropol": lambda o: f"{QUESTION} - {o}",
    "colon": lambda o: f"{QUESTION}: {o}",
    "parenthesis": lambda o: f"Goals ({o})",
    "underscore": lambda o: f"Q4_{o}",
    "en dash": lambda o: f"{QUESTION} – {o}",
    "kobo path": lambda o: f"Toiveet/{QUESTION}/{o}",
    "slash": lambda o: f"tuki/{o}",
    "dot": lambda o: f"tuki.{o}",
}


@pytest.mark.parametrize("style", sorted(STYLES))
@pytest.mark.parametrize("yes, no", [("1", None), ("1", "0"), ("True", "False"), ("x", None), ("Yes", "No"),
                                     ("Kyllä", "Ei"), ("Ja", "Nej"), ("Valittu", "Ei valittu")])
def test_option_columns_fold_into_one_multi_select(style, yes, no):
    table = _table(STYLES[style], yes, no)
    (group,) = find_option_columns(table)
    assert group.options == tuple(OPTIONS)
    folded = fold_option_columns(table)
    assert list(folded.columns) == ["Email", group.header]
    assert "*" in group.header
    assert folded[group.header].tolist() == [
        "Työnhaku;Suomalainen työelämä;", "Verkostot, kontaktit;", "",
        "Työnhaku;Verkostot, kontaktit;Suomalainen työelämä;"]


def test_cells_holding_the_options_own_text_mark_them():
    folded = fold_option_columns(_table(STYLES["webropol"], None, None, own_text=True))
    assert folded[f"{QUESTION} - *"].tolist()[0] == "Työnhaku;Suomalainen työelämä;"


def test_columns_that_are_not_option_marks_stay_as_they_are():
    names = pd.DataFrame({"Name (first)": ["Aino", "Eero"], "Name (last)": ["Virta", "Oja"]})
    assert fold_option_columns(names) is names
    # a 1/2 code says nothing of which answer chooses
    coded = pd.DataFrame({"Q_A": ["1", "2", "1"], "Q_B": ["2", "2", "1"]})
    assert find_option_columns(coded) == []
    # numbered questions share no question but their number
    numbered = pd.DataFrame({"1. Email": ["a@x.fi"], "2. Name": ["Aino"]})
    assert find_option_columns(numbered) == []
    # nothing chosen anywhere: nothing to fold
    empty = pd.DataFrame({"Q - A": ["0", "0"], "Q - B": ["0", "0"]})
    assert find_option_columns(empty) == []


def test_other_text_column_of_the_run_folds_in_as_the_persons_own_options():
    table = _table(STYLES["webropol"], "1", None)
    table[f"{QUESTION} - Muu, mikä?"] = ["Sauna", None, None, "Kalastus; luonto"]
    folded = fold_option_columns(table)
    assert list(folded.columns) == ["Email", f"{QUESTION} - *"]
    assert folded[f"{QUESTION} - *"].tolist() == [
        "Työnhaku;Suomalainen työelämä;Sauna;", "Verkostot, kontaktit;", "",
        "Työnhaku;Verkostot, kontaktit;Suomalainen työelämä;Kalastus, luonto;"]
    assert folded.attrs["folded"][0]["typed"] == [f"{QUESTION} - Muu, mikä?"]
    lone = _table(STYLES["webropol"], "1", None)
    lone[f"{QUESTION} - Muu, mikä?"] = ["Sauna", None, None, None]
    assert fold_option_columns(lone)[f"{QUESTION} - *"].tolist()[0] == "Työnhaku;Suomalainen työelämä;Sauna;"


@settings(max_examples=40, deadline=None)
@given(st.lists(st.one_of(st.none(), st.text(alphabet="abcdé ;,-", min_size=1, max_size=12)),
                min_size=len(CHOSEN), max_size=len(CHOSEN)))
def test_no_typed_other_answer_is_dropped(typed):
    """Whatever people type into the "Other" column of a one-column-per-option question, each
    text is in their folded answer (";" read as ","), and nothing else is added."""
    table = _table(STYLES["webropol"], "1", None)
    table[f"{QUESTION} - Muu, mikä?"] = typed
    folded = fold_questions(table)
    assert list(folded.columns) == ["Email", f"{QUESTION} - *"]
    for k, (cell, text) in enumerate(zip(folded[f"{QUESTION} - *"], typed)):
        offered = "".join(f"{o};" for o, take in zip(OPTIONS, CHOSEN[k]) if take)
        own = text.strip().replace(";", ",") if text and any(c.isalnum() for c in text) else ""
        assert cell == offered + (f"{own};" if own else "")


def test_typeform_other_column_after_the_option_columns_folds_in():
    n = 6
    table = pd.DataFrame({
        "#": list("abcdef"), "And your email address?": [f"p{i}@x.fi" for i in range(n)],
        "Networking": ["Networking", None, "Networking", None, "Networking", None],
        "CV and applications": [None, "CV and applications", "CV and applications", None, None, None],
        "Other": [None, None, None, "Starting a business", None, None],
        "Languages": ["Finnish, English"] * n})
    folded = fold_questions(table)
    assert list(folded.columns) == ["#", "And your email address?", "Options 3 *", "Languages"]
    assert folded["Options 3 *"].tolist()[:4] == [
        "Networking;", "CV and applications;", "Networking;CV and applications;", "Starting a business;"]


def test_numbered_question_is_no_microsoft_grid_row():
    """'4. Question - Option' once read as rows ' Question - Option' of a grid named '4'."""
    folded = fold_questions(_table(STYLES["webropol"], "1", None))
    assert list(folded.columns) == ["Email", f"{QUESTION} - *"]
    assert reading_notes(folded) == [
        f"3 columns read as one question '{QUESTION} - *' (a multi-select, one column per option, "
        "chosen where the cell is '1'): 'Työnhaku', 'Verkostot, kontaktit', 'Suomalainen työelämä'"]


def test_declining_answers():
    assert all(map(declines, ["0", "0,0", "No", "ei", "Nej", "FALSE", "Not selected", "-", "Inte vald"]))
    assert not any(map(declines, ["1", "x", "X", "Yes", "Kyllä", "Ja", "✓ Valittu", "2"]))


option_text = st.text(st.sampled_from("abcdefgh äöÅ"), min_size=1, max_size=12).map(str.strip) \
    .filter(lambda t: any(c.isalnum() for c in t))


def vocab_key(text: str) -> str:
    return vocab.normalise(text)


@settings(max_examples=60, deadline=None)
@given(options=st.lists(option_text, min_size=2, max_size=6, unique_by=str.casefold),
       chosen=st.lists(st.lists(st.booleans(), min_size=6, max_size=6), min_size=1, max_size=8),
       style=st.sampled_from(sorted(STYLES)), marks=st.sampled_from([("1", None), ("X", ""),
                                                                     ("Yes", "No"), ("1", "0")]))
def test_folding_reads_back_exactly_the_options_chosen(options, chosen, style, marks):
    yes, no = marks
    chosen = [row[:len(options)] for row in chosen]
    if not any(map(any, chosen)):
        chosen[0][0] = True
    table = pd.DataFrame({STYLES[style](o): [yes if row[k] else no for row in chosen]
                          for k, o in enumerate(options)})
    folded = fold_option_columns(table)
    assert folded.shape[1] == 1
    cells = folded.iloc[:, 0].tolist()
    assert cells == ["".join(f"{o};" for o, take in zip(options, row) if take) for row in chosen]


def test_webropol_export_reads_its_option_columns_through_init_and_intake(tmp_path):
    mentors, mentees, truth = evaluation.write_exports(tmp_path / "x", "dev", "webropol_fi", 12, 8)
    result = init_round(mentors, mentees, tmp_path / "round.toml")
    assert result.mentors.columns["topics"].endswith(" - *")
    assert result.mentees.columns["goals"].endswith(" - *")
    assert sum("read as one question" in w for w in result.warnings) == 2
    rnd = load_round(result.path)
    meant = truth[truth["role"] == "mentees"].set_index("email")["goals"]
    read = rnd.mentees.set_index("email")["goals"]
    assert all(len(read[e]) == len(meant[e]) for e in meant.index)


@pytest.mark.parametrize("language, words", [("fi", ("otsikot ovat kahdella rivillä (1 ja 2)", "kieliruudukko",
                                                     " ja 2 muuta")),
                                             ("sv", ("rubrikerna står på två rader (1 och 2)", "språkrutnät",
                                                     " och 2 till"))])
def test_reading_notes_in_the_round_language(language, words):
    """init's notes on two header rows and folded grids are shown in the round's language."""
    table = pd.DataFrame({"Kielet [suomi]": ["C1"]})
    table.attrs.update(header_rows=2, header_row=1, folded=[
        {"header": "Kielet", "columns": ["a", "b"], "options": list("abcdef"), "how": "grid",
         "kind": "languages"}])
    notes = reading_notes(table, language)
    assert words[0] in notes[0] and words[1] in notes[1] and notes[1].endswith(words[2])
    assert not any("column" in note for note in notes)


@settings(max_examples=60, deadline=None)
@given(options=st.lists(option_text, min_size=2, max_size=6, unique_by=vocab_key),
       chosen=st.lists(st.lists(st.booleans(), min_size=6, max_size=6), min_size=1, max_size=8),
       other=st.booleans())
def test_typeform_columns_headed_by_their_option_alone_fold_by_content(options, chosen, other):
    """Typeform: each option its own column, headed and (when chosen) filled by its text, an
    "Other" column after them, folded in (its text the person's own option); the question shows
    itself by its cells alone."""
    chosen = [row[:len(options)] for row in chosen]
    for k in range(len(options)):  # every option chosen by somebody, so none is a column apart
        chosen[k % len(chosen)][k] = True
    table = pd.DataFrame({"#": [f"t{i}" for i in range(len(chosen))],
                          "Your name?": [f"P {i}" for i in range(len(chosen))],
                          **{o: [o if row[k] else None for row in chosen] for k, o in enumerate(options)},
                          "Other": ["Sauna" if other and i == 0 else None for i in range(len(chosen))]})
    folded = fold_option_columns(table)
    assert list(folded.columns) == ["#", "Your name?", "Options 3 *"]
    assert folded["Options 3 *"].tolist() == [
        "".join(f"{o};" for o, take in zip(options, row) if take) + ("Sauna;" if other and i == 0 else "")
        for i, row in enumerate(chosen)]
    assert folded.attrs["folded"][0]["options"] == options


def test_bare_option_runs_need_two_chosen_options_and_leave_other_columns():
    table = pd.DataFrame({"Name": ["Aino", "Eero"], "Networking": ["Networking", None],
                          "Unchosen": [None, None], "CV help": [None, "cv HELP "],
                          "City": ["Oulu", "Turku"], "Tags": [None, None],
                          "I agree": ["I agree", "I agree"]})
    [group] = find_option_columns(table)
    assert group.columns == ("Networking", "Unchosen", "CV help")
    single = pd.DataFrame({"Consent": ["Consent", None], "City": ["Oulu", "Turku"]})
    assert find_option_columns(single) == []


@pytest.mark.parametrize("header, stripped", [
    ("G02Q06[SQ001]. Millä aloilla voit auttaa? [Tietotekniikka]", "Millä aloilla voit auttaa? [Tietotekniikka]"),
    ("Q3[SQ001]. question [option]", "question [option]"), ("G01Q02. Nimi", "Nimi"),
    ("G02Q06[other]. Millä aloilla? [Muu]", "Millä aloilla? [Muu]"),
    ("3. Nimi", "3. Nimi"), ("Response ID", "Response ID"), ("Dr. Who", "Dr. Who")])
def test_limesurvey_question_codes_are_stripped(header, stripped):
    assert list(strip_codes(pd.DataFrame(columns=[header])).columns) == [stripped]


def test_limesurvey_codes_kept_where_stripping_would_repeat_a_header():
    table = pd.DataFrame(columns=["G01Q01. Nimi", "G02Q01. Nimi", "Email"])
    assert list(strip_codes(table).columns) == ["G01Q01. Nimi", "G02Q01. Nimi", "Email"]


@settings(max_examples=40, deadline=None)
@given(options=st.lists(option_text, min_size=2, max_size=6, unique_by=vocab_key),
       chosen=st.lists(st.lists(st.booleans(), min_size=6, max_size=6), min_size=3, max_size=8),
       yes=st.sampled_from(["Kyllä", "Yes", "Ja"]), no=st.sampled_from([None, "", "Ei", "No"]))
def test_limesurvey_option_columns_read_back_exactly_the_options_chosen(options, chosen, yes, no):
    chosen = [row[:len(options)] for row in chosen]
    for k in range(len(options)):  # every option chosen by somebody: a grid is read by its answers
        chosen[k % len(chosen)][k] = True
    question = "Millä aloilla voit auttaa?"
    table = pd.DataFrame({"Response ID": [str(i) for i in range(len(chosen))],
                          **{f"G02Q06[SQ{k + 1:03d}]. {question} [{o}]": [yes if row[k] else no for row in chosen]
                             for k, o in enumerate(options)}})
    folded = fold_questions(table)
    assert list(folded.columns) == ["Response ID", f"{question} [*]"]
    read = [set(filter(None, cell.split(";"))) for cell in folded[f"{question} [*]"]]
    assert read == [{o for o, take in zip(options, row) if take} for row in chosen]


@pytest.mark.parametrize("form", ("typeform_en", "limesurvey_fi"))
def test_column_per_option_exports_through_the_cli_init_and_run(tmp_path, form):
    from click.testing import CliRunner

    from matcher.cli import main

    mentors, mentees, truth = evaluation.write_exports(tmp_path / "x", "dev4", form, 30, 20)
    config = tmp_path / "round.toml"
    runner = CliRunner()
    init = runner.invoke(main, ["init", str(mentors), str(mentees), "-o", str(config)], catch_exceptions=False)
    assert init.exit_code == 0, init.output
    result = runner.invoke(main, ["run", str(config), "-o", str(tmp_path / "out")], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    rnd = load_round(config)
    for role, column in (("mentees", "goals"), ("mentors", "topics")):
        meant = truth[truth["role"] == role].set_index("email")["goals"]
        read = (rnd.mentees if role == "mentees" else rnd.mentors).set_index("email")[column]
        assert all(len(read[e]) == len(meant[e]) for e in meant.index)


def test_limesurvey_other_column_with_typed_text_folds_into_the_question():
    question = "Millä aloilla voit auttaa?"
    table = pd.DataFrame({"Response ID": ["1", "2", "3"],
                          f"G02Q06[SQ001]. {question} [Tietotekniikka]": ["Kyllä", "", "Kyllä"],
                          f"G02Q06[SQ002]. {question} [Rakennus]": ["", "Kyllä", "Kyllä"],
                          f"G02Q06[other]. {question} [Muu]": ["Saunat", "", "Metsä ja puu"]})
    folded = fold_questions(table)
    assert list(folded.columns) == ["Response ID", f"{question} [*]"]
    assert folded[f"{question} [*]"].tolist() == ["Tietotekniikka;Saunat;", "Rakennus;",
                                                  "Tietotekniikka;Rakennus;Metsä ja puu;"]
    # one person's typed answer is theirs too, never an option "Muu" ticked
    one = table.assign(**{f"G02Q06[other]. {question} [Muu]": ["", "", "Yrittäjyys"]})
    assert fold_questions(one)[f"{question} [*]"].tolist()[2] == "Tietotekniikka;Rakennus;Yrittäjyys;"


@pytest.mark.parametrize("cells, expected", [
    (["CV,Networking", "CV", None], ["CV,Networking,Sauna", "CV", "Fishing"]),
    (["CV;Networking;", "CV;", None], ["CV;Networking;Sauna;", "CV;", "Fishing;"]),
    (["CV, Networking", "CV", None], ["CV, Networking, Sauna", "CV", "Fishing"]),
])
def test_an_other_text_column_beside_its_choice_column_is_read_into_it(cells, expected):
    table = pd.DataFrame({"Email": ["a@x.fi", "b@x.fi", "c@x.fi"],
                          "Goals? - Selected Choice": cells, "Goals? - Other - Text": ["Sauna", "", "Fishing"],
                          "City": ["Oulu", "Turku", "Espoo"]})
    folded = fold_questions(table)
    assert list(folded.columns) == ["Email", "Goals? - Selected Choice", "City"]
    assert folded["Goals? - Selected Choice"].tolist() == expected
    assert reading_notes(folded) == ["column 'Goals? - Other - Text' (answers of a person's own, 'Other') "
                                     "read into 'Goals? - Selected Choice' as options of their own"]
    # a column of its own question is left alone
    assert list(fold_questions(table.rename(columns={"Goals? - Other - Text": "Other plans?"})).columns) == [
        "Email", "Goals? - Selected Choice", "Other plans?", "City"]


def _kobo(chosen: list[list[bool]], codes: bool = True, yes: str = "1", no: str = "0") -> pd.DataFrame:
    """A KoboToolbox export: group paths, the select_multiple's column of space-separated codes
    before one 1/0 column per option, the tool's own columns."""
    table = {"start": ["2026-01-01T10:00:03.512+02:00"] * len(chosen),
             "end": ["2026-01-01T10:09:41.102+02:00"] * len(chosen),
             "Perustiedot/Sähköpostiosoite": [f"p{i}@x.fi" for i in range(len(chosen))],
             "Perustiedot/Kotikunta": ["Espoo", "Oulu", "Vaasa", "Turku"][:1] * len(chosen)}
    if codes:
        table["Toiveet/Missä toivot tukea?"] = [" ".join(f"o{k + 1}" for k, take in enumerate(row) if take) or None
                                                for row in chosen]
    table |= {f"Toiveet/Missä toivot tukea?/{o}": [yes if row[k] else no for row in chosen]
              for k, o in enumerate(OPTIONS)}
    table |= {"Toiveet/Miten haluaisit tavata?": ["Verkossa"] * len(chosen),
              "_id": [str(48211 + i) for i in range(len(chosen))],
              "_submission_time": ["2026-01-01T10:09:43"] * len(chosen),
              "_status": ["submitted_via_web"] * len(chosen), "_submitted_by": [None] * len(chosen),
              "__version__": ["vQm3kYtR8hFzWcN2aP5sLd"] * len(chosen)}
    return pd.DataFrame(table)


def test_group_paths_come_off_and_a_path_of_one_heading_stays():
    table = _kobo(CHOSEN).assign(**{"Kotikunta/kaupunki": "Espoo"})
    assert list(strip_groups(table).columns)[:5] == ["start", "end", "Sähköpostiosoite", "Kotikunta",
                                                     "Missä toivot tukea?"]
    assert "Missä toivot tukea?/Työnhaku" in strip_groups(table).columns
    assert "Kotikunta/kaupunki" in strip_groups(table).columns


@pytest.mark.parametrize("codes", [True, False])
@pytest.mark.parametrize("yes, no", [("1", "0"), ("True", "False")])
def test_kobo_option_columns_and_their_code_column_are_one_answer(codes, yes, no):
    folded = fold_questions(_kobo(CHOSEN, codes, yes, no))
    (question,) = [h for h in folded.columns if "Missä toivot tukea?" in h]
    assert folded[question].tolist() == ["Työnhaku;Suomalainen työelämä;", "Verkostot, kontaktit;", "",
                                         "Työnhaku;Verkostot, kontaktit;Suomalainen työelämä;"]
    record = folded.attrs["folded"][-1]
    assert record.get("codes", []) == (["Missä toivot tukea?"] if codes else [])


def test_kobo_system_columns_are_never_questions():
    detection = detect_columns(fold_questions(_kobo(CHOSEN * 5)), "mentees")
    assert detection.columns["submitted_at"] == "_submission_time"
    assert detection.columns["email"] == "Sähköpostiosoite"
    assert not {"_status", "_submitted_by", "__version__", "start", "end"} & set(detection.columns.values())


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.booleans(), min_size=3, max_size=3), min_size=2, max_size=10))
def test_a_code_column_never_counts_an_answer_twice(chosen):
    """With the codes column and the option columns both in the export, each person's answer
    holds each option they marked once, and nothing else."""
    assume(any(map(any, chosen)))  # options nobody marked are no multi-select to be seen
    folded = fold_questions(_kobo(chosen))
    (question,) = [h for h in folded.columns if "Missä toivot tukea?" in h]
    assert folded[question].tolist() == ["".join(f"{o};" for o, take in zip(OPTIONS, row) if take)
                                         for row in chosen]
