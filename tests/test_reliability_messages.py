"""Reliability: what the coordinator reads when a setting or an answer is wrong.

Each message names the file (round.toml, the export), the key or the row and column, and the fix;
the grouped Data issues line counts the rows it stands for.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from matcher import load_round
from matcher.issue_groups import group_issues
from tests.hostile import assert_clean, edit, invoke, make_round, read_export, write_export

_read_bytes = Path.read_bytes


@pytest.fixture
def round_toml(tmp_path) -> Path:
    return make_round(tmp_path / "round")


def test_blank_answers_are_one_counted_line_per_column(round_toml):
    mentors = round_toml.parent / "mentors.csv"
    table = read_export(mentors)
    table.loc[[1, 4, 6], "City / Paikkakunta"] = ""
    write_export(mentors, table)
    grouped = group_issues(load_round(round_toml).issues)
    line = grouped[(grouped["problem"] == "no answer") & (grouped["column"] == "City / Paikkakunta")]
    assert len(line) == 1
    assert int(line["count"].iloc[0]) == 3 and line["row"].iloc[0] == "3, 6, 8"
    shown = invoke("validate", round_toml)
    assert_clean(shown, 0, r"warning\s+3\s+mentors\.csv\s+3, 6, 8\s+City\s+no answer")


@pytest.mark.parametrize("language, needle", [
    ("en", r"warning\s+mentors\.csv\s+City\s+no answer in any of the 8 rows.*maps 'city'"),
    ("fi", r"varoitus\s+mentors\.csv\s+City\s+ei vastausta yhdelläkään 8 rivistä")])
def test_a_totally_empty_column_is_one_line_naming_the_mapping(round_toml, language, needle):
    mentors = round_toml.parent / "mentors.csv"
    write_export(mentors, read_export(mentors).assign(**{"City / Paikkakunta": ""}))
    text = round_toml.read_text(encoding="utf-8")
    round_toml.write_text(text.replace("[round]\n", f'[round]\nlanguage = "{language}"\n'), encoding="utf-8")
    issues = load_round(round_toml).issues
    city = issues[issues["column"] == "City / Paikkakunta"]
    assert len(city) == 1 and city["row"].isna().all()
    assert_clean(invoke("validate", round_toml), 0, needle)


@pytest.mark.parametrize("rule, needle", [
    ('{who = "mentor", field = "topics", op = ">=", value = 3}',
     r"round\.toml, key 'constraints\.rules\[0\]\.op': 'topics' is a list of answers.*op = \"==\""),
    ('{who = "mentee", field = "city", op = "<", value = "Oulu"}',
     r"round\.toml, key 'constraints\.rules\[0\]\.op': a text value compares only with == or !=.*"
     r"no quotes"),
], ids=["list-with-order", "text-with-order"])
def test_a_rule_that_cannot_hold_names_round_toml_and_the_key(round_toml, rule, needle):
    edit(round_toml, "[constraints]", f"[constraints]\nrules = [{rule}]")
    assert_clean(invoke("validate", round_toml), 2, needle)


def test_a_rule_on_an_answer_not_read_names_round_toml_and_the_fix(round_toml):
    text = round_toml.read_text(encoding="utf-8")  # the mentors' years in Finland not mapped
    round_toml.write_text("\n".join(line for line in text.splitlines()
                                    if not line.startswith("years_in_finland = ")) + "\n",
                          encoding="utf-8")
    edit(round_toml, "[constraints]", '[constraints]\nrules = [{who = "mentor", '
                                      'field = "years_in_finland", op = ">=", value = 3}]')
    outdir = round_toml.parent / "out"
    assert_clean(invoke("run", round_toml, "-o", outdir), 2,
                 r"round\.toml, key 'constraints\.rules\[0\]'.*years_in_finland.*"
                 r"\[mentors\.columns\] \(years_in_finland = \"<the form's header>\"\)", outdir=outdir)
    assert not outdir.exists()


def test_too_many_rules_is_refused_when_the_config_is_read(round_toml):
    rules = ", ".join(f'{{who = "mentor", field = "capacity", op = ">=", value = {i}}}'
                      for i in range(8))
    edit(round_toml, "[constraints]", f"[constraints]\nrules = [{rules}]")
    assert_clean(invoke("validate", round_toml), 2,
                 r"round\.toml, key 'constraints\.rules': at most 7 eligibility rules")


@pytest.mark.parametrize("old, new, needle", [
    ('["health", "social_care"]', '["health", "socal_care"]',
     r"round\.toml, key 'scoring\.related_fields\[0\]': 'socal_care' is not a key of the fields "
     r"vocabulary \(did you mean 'social_care'\?\); the keys are: ict, engineering, .*"
     r"\[vocabulary\.fields\]"),
    ('field_dependent_goals = ["field_requirements"]', 'field_dependent_goals = ["requirements"]',
     r"key 'scoring\.field_dependent_goals': 'requirements' is not a key of the goals vocabulary"
     r" \(did you mean 'field_requirements'\?\)"),
], ids=["related-fields", "field-dependent-goals"])
def test_unknown_vocabulary_keys_in_scoring_are_named(round_toml, old, new, needle):
    edit(round_toml, old, new)
    assert_clean(invoke("validate", round_toml), 2, needle)


def test_a_related_field_the_round_adds_is_known(round_toml):
    edit(round_toml, '["health", "social_care"]', '["health", "wellness"]')
    round_toml.write_text(round_toml.read_text(encoding="utf-8")
                          + '\n[vocabulary.fields]\nwellness = ["Wellness", "Hyvinvointi"]\n',
                          encoding="utf-8")
    assert_clean(invoke("validate", round_toml), 0)
    assert ("health", "wellness") in load_round(round_toml).config.scoring.related_fields


def test_validate_reads_the_history_section(round_toml, tmp_path):
    earlier = tmp_path / "spring"
    assert_clean(invoke("run", round_toml, "-o", earlier, "--quiet"), 0, outdir=earlier)
    round_toml.write_text(round_toml.read_text(encoding="utf-8")
                          + f'\n[history]\nrounds = ["{tmp_path / "sprng"}"]\n', encoding="utf-8")
    assert_clean(invoke("validate", round_toml), 2,
                 r"round\.toml, key 'history\.rounds\[0\]': earlier round .*sprng not found")
    edit(round_toml, "sprng", "spring/pairs.csv")
    assert_clean(invoke("validate", round_toml), 0)
    pairs = earlier / "pairs.csv"
    pairs.write_text(pairs.read_text(encoding="utf-8").replace("mentee_id", "mentee_nr", 1)
                     .replace("mentee_email", "mentee_mail", 1), encoding="utf-8")
    assert_clean(invoke("validate", round_toml), 2,
                 r"key 'history\.rounds\[0\]': pairs\.csv: no mentee_id, mentee_email or mentee "
                 r"column \(found: .*mentee_nr.*mentee_mail.*\); name the column")


def test_a_pairs_file_is_read_once(round_toml, monkeypatch):
    """The locked-pairs file is read by the reader alone (an empty one is "none yet")."""
    locked = round_toml.parent / "locked.csv"
    edit(round_toml, "[constraints]", '[constraints]\nlocked_file = "locked.csv"')
    reads: list[Path] = []
    monkeypatch.setattr(Path, "read_bytes", lambda self: (reads.append(self), _read_bytes(self))[1])
    for text in ("", "mentee;mentor\n"):
        locked.write_text(text, encoding="utf-8")
        reads.clear()
        assert load_round(round_toml).locked.empty
        assert reads.count(locked) == (1 if text else 0)  # a 0-byte file is never opened


@pytest.mark.parametrize("language, needle", [
    ("en", r"mentees\.xlsx: no sheet named 'Vastaukset'; the sheets are 'Form1'\. Fix 'sheet'"),
    ("fi", r"mentees\.xlsx: välilehteä 'Vastaukset' ei ole; välilehdet ovat 'Form1'\. Korjaa"),
    ("sv", r"mentees\.xlsx: inget blad heter 'Vastaukset'; bladen är 'Form1'\. Rätta 'sheet'"),
])
def test_a_sheet_that_is_not_there_is_said_in_the_rounds_language(tmp_path, language, needle):
    round_toml = make_round(tmp_path / "round", fmt="xlsx")
    edit(round_toml, 'file = "mentees.xlsx"', 'file = "mentees.xlsx"\nsheet = "Vastaukset"')
    edit(round_toml, "[round]", f'[round]\nlanguage = "{language}"')
    assert_clean(invoke("validate", round_toml), 2, needle)


def test_init_with_a_missing_export_says_so_without_a_config(tmp_path):
    round_toml = make_round(tmp_path / "round")
    assert_clean(invoke("init", round_toml.parent / "mentors.csv", tmp_path / "mentes.csv",
                        "-o", tmp_path / "new.toml"), 2, r"mentes\.csv: file not found; check the path")
    assert not (tmp_path / "new.toml").exists()


@pytest.fixture
def reviewed(round_toml):
    """The round run once, and its workbook with the first pair kept (the coordinator's review)."""
    import openpyxl

    outdir = round_toml.parent / "output"
    assert_clean(invoke("run", round_toml, "-o", outdir, "--quiet"), 0, outdir=outdir)
    book = openpyxl.load_workbook(outdir / "pairs.xlsx")
    book["Pairs"]["A2"] = "keep"
    book.save(round_toml.parent / "reviewed.xlsx")
    return round_toml, round_toml.parent / "reviewed.xlsx"


def test_a_renamed_review_column_is_named_as_the_workbook_shows_it(reviewed):
    import openpyxl

    round_toml, path = reviewed
    book = openpyxl.load_workbook(path)
    headers = [cell.value for cell in book["Pairs"][1]]
    book["Pairs"].cell(1, headers.index("Mentee id") + 1).value = "Mentee ID number"
    book.save(path)
    outdir = round_toml.parent / "again"
    assert_clean(invoke("run", round_toml, "-o", outdir, "--decisions", path), 2,
                 r"reviewed\.xlsx, sheet Pairs: no column 'Mentee id' \(did you mean 'Mentee ID "
                 r"number'\?\) \(headers found: 'Decision', .*\); give the column back the header "
                 "matcher wrote", outdir=outdir)


def test_a_kept_pair_forbidden_since_is_one_line_naming_both_places(reviewed):
    import openpyxl

    round_toml, path = reviewed
    row = next(openpyxl.load_workbook(path)["Pairs"].iter_rows(min_row=2, values_only=True))
    headers = [cell.value for cell in openpyxl.load_workbook(path)["Pairs"][1]]
    mentee, mentor = row[headers.index("Mentee id")], row[headers.index("Mentor id")]
    edit(round_toml, "[constraints]",
         f'[constraints]\nforbidden = [{{mentee = "{mentee}", mentor = "{mentor}"}}]')
    outcome = assert_clean(invoke("run", round_toml, "-o", round_toml.parent / "again",
                                  "--decisions", path), 3,
                           rf"locked pair mentee {mentee} \+ mentor {mentor} \(from the decisions "
                           r"workbook: 'keep' in its Decision column\): is also forbidden \(in "
                           r"round\.toml, \[constraints\]\)")
    assert outcome.text.count(f"mentee {mentee} + mentor {mentor}") == 1


@pytest.mark.parametrize("header, needle", [
    ("mentee;mentr", r"found: 'mentee', 'mentr': rename 'mentr' to 'mentor'"),
    ("who;whom", r"found: 'who', 'whom': head the mentees' column 'mentee'; head the mentors'"),
])
def test_a_pairs_file_with_a_renamed_column_says_which_to_rename(round_toml, header, needle):
    (round_toml.parent / "locks.csv").write_text(f"{header}\na@example.org;b@example.org\n",
                                                 encoding="utf-8")
    edit(round_toml, "[constraints]", '[constraints]\nlocked_file = "locks.csv"')
    assert_clean(invoke("validate", round_toml), 2,
                 r"locks\.csv \(the locked_file of .*round\.toml\): a locked pairs file needs the "
                 r"columns 'mentee' and 'mentor'.*" + needle)


def test_the_mentor_file_given_as_the_mentees_too_names_the_key(round_toml):
    edit(round_toml, 'file = "mentees.csv"', 'file = "mentors.csv"')
    assert_clean(invoke("validate", round_toml), 2, r"round\.toml, key 'mentees\.file': "
                 r"'mentors\.csv' is the mentors' file too", r"mentee form's export")


def test_one_workbook_with_a_sheet_per_role(tmp_path):
    """Both forms' answers in one workbook, a sheet each: init and run read it; the same
    sheet for both is refused."""
    round_toml = make_round(tmp_path / "round", fmt="xlsx")
    folder = round_toml.parent
    both = folder / "both.xlsx"
    with pd.ExcelWriter(both) as writer:
        for role in ("mentors", "mentees"):
            read_export(folder / f"{role}.xlsx").to_excel(writer, sheet_name=role.title(), index=False)
    assert_clean(invoke("init", both, both, "-o", folder / "same.toml"), 2,
                 r"given as both the mentor and the mentee export", r"--mentees-sheet")
    assert_clean(invoke("init", both, both, "--mentors-sheet", "Mentors", "--mentees-sheet",
                        "Mentees", "-o", folder / "both.toml"), 0)
    assert_clean(invoke("validate", folder / "both.toml"), 0)
    edit(folder / "both.toml", 'sheet = "Mentees"', 'sheet = "Mentors"')
    assert_clean(invoke("validate", folder / "both.toml"), 2, r"'both\.xlsx' is the mentors' file too")


def test_a_second_rematch_into_the_same_folder_names_a_fix_rematch_has(round_toml):
    folder = round_toml.parent
    assert_clean(invoke("run", round_toml, "-o", folder / "output", "--quiet"), 0)
    mentee = pd.read_csv(folder / "output" / "pairs.csv", dtype=str)["mentee_email"].iloc[0]
    assert_clean(invoke("rematch", round_toml, folder / "output", "--release", mentee, "-q"), 0)
    outcome = assert_clean(invoke("rematch", round_toml, folder / "output", "--release", mentee,
                                  "-q"), 2, r"output-rematch.pairs\.xlsx holds",
                           r"elsewhere with -o DIR, or move .*output-rematch away first")
    assert "--decisions" not in outcome.text
