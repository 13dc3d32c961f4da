"""Consent and eligibility: who is not included and why (nobody lost), and validate's
contradiction warnings."""

from __future__ import annotations

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from matcher import load_round, run_round
from matcher.cli import main
from matcher.eligibility import yes_no

from conftest import write_csv

CONSENT = "I agree that my answers are used for matching / Hyväksyn, että vastauksiani käytetään"


def write_round(tmp_path, mentors: dict, mentees: dict, extra: str = "") -> str:
    """A round of two CSV exports whose headers are the canonical names (consent: CONSENT)."""
    frames = {}
    for role, columns in (("mentors", mentors), ("mentees", mentees)):
        n = len(next(iter(columns.values())))
        prefix = "m" if role == "mentors" else "e"
        frame = pd.DataFrame({"email": [f"{prefix}{i}@example.org" for i in range(n)],
                              "languages": ["Finnish"] * n, **columns})
        frames[role] = frame.rename(columns={"consent": CONSENT})
        write_csv(tmp_path / f"{role}.csv", frames[role])
    lines = ['[round]\nname = "Test"']
    for role, frame in frames.items():
        lines += [f'[{role}]\nfile = "{role}.csv"', f"[{role}.columns]"]
        lines += [f'{"consent" if h == CONSENT else h} = "{h}"' for h in frame.columns]
    (tmp_path / "round.toml").write_text("\n".join([*lines, extra]), encoding="utf-8")
    return str(tmp_path / "round.toml")


@pytest.mark.parametrize(("answer", "expected"), [
    ("Yes", True), ("Kyllä", True), ("Ja", True), ("Hyväksyn", True), ("I agree", True),
    ("No", False), ("Ei", False), ("Nej", False), ("En hyväksy", False),
    ("I do not agree", False), ("", None), (None, None), ("Maybe later", None),
])
def test_yes_no_in_three_languages(answer, expected):
    assert yes_no(answer) == expected


def test_no_or_blank_consent_excludes_with_the_reason(tmp_path):
    path = write_round(tmp_path, {"consent": ["Yes", "Nej", "Kyllä"]},
                       {"consent": ["Kyllä", "No", "Ei", None, "Ja"]})
    rnd = load_round(path)
    assert (len(rnd.mentors), len(rnd.mentees)) == (2, 2)
    left = rnd.not_included.set_index("email")
    assert left["role"].to_dict() == {"m1@example.org": "mentor", "e1@example.org": "mentee",
                                      "e2@example.org": "mentee", "e3@example.org": "mentee"}
    assert left.loc["e1@example.org", "reason"].endswith("(answered no)")
    assert left.loc["e3@example.org", "reason"].startswith("Did not answer the consent question")
    assert left.loc["e2@example.org", "row"] == 4  # the spreadsheet's row


def test_not_included_people_are_in_every_output_and_get_no_introduction(tmp_path):
    path = write_round(tmp_path, {"consent": ["Yes", "Nej"]}, {"consent": ["Kyllä", "Ei"]})
    result = run_round(path, tmp_path / "out")
    unmatched = pd.read_csv(tmp_path / "out" / "unmatched.csv")
    assert unmatched["mentee_email"].tolist() == ["e1@example.org"]
    assert unmatched["reason"].iloc[0].startswith("Not included: Did not consent")
    listed = pd.read_csv(tmp_path / "out" / "not_included.csv")
    assert sorted(listed["email"]) == ["e1@example.org", "m1@example.org"]
    intro = pd.read_csv(tmp_path / "out" / "introductions.csv")
    assert not {"e1@example.org", "m1@example.org"} & (set(intro["mentee_email"])
                                                        | set(intro["mentor_email"]))
    book = openpyxl.load_workbook(tmp_path / "out" / "pairs.xlsx")
    assert book["Not included"].max_row == 3
    assert len(result.tables["pairs"]) == 1


def test_no_consent_question_includes_everyone(tmp_path):
    rnd = load_round(write_round(tmp_path, {"city": ["Espoo"]}, {"city": ["Espoo"]}))
    assert rnd.not_included.empty and len(rnd.mentees) == 1


def test_eligibility_rule_reports_like_consent_and_drops_their_locks(tmp_path):
    extra = ('[constraints]\nrules = [{who = "mentor", field = "years_in_finland", op = ">=", '
             'value = 3}]\nlocked = [{mentee = "e0@example.org", mentor = "m1@example.org"}]')
    path = write_round(tmp_path, {"years_in_finland": [5, 1, None]}, {"city": ["Espoo"]}, extra)
    rnd = load_round(path)
    assert rnd.mentors["email"].tolist() == ["m0@example.org"]
    assert rnd.not_included["reason"].tolist() == [
        "Does not meet the eligibility rule mentor years_in_finland >= 3"] * 2
    assert rnd.locked.empty
    assert rnd.issues["problem"].str.contains("locked pair .* dropped", regex=True).sum() == 1


def test_validate_lists_who_is_not_included(tmp_path):
    path = write_round(tmp_path, {"consent": ["Yes", "Nej"]}, {"consent": ["Kyllä"]})
    out = CliRunner().invoke(main, ["validate", path], env={"COLUMNS": "200", "TERM": "dumb"})
    assert "1 person is not included" in out.output
    assert "  Mentors: 1 (row 3 of mentors.csv): Did not consent" in out.output


def test_contradictions_are_flagged(tmp_path):
    path = write_round(
        tmp_path,
        {"city": ["Espoo", "Etänä / remote"], "meeting_mode": ["either", "In person"],
         "capacity": ["0", "2"], "topics": ["Networking", "Networking"], "field": ["ICT", "ICT"]},
        {"city": ["Remote", "Kotikylä", "Kotikylä"], "meeting_mode": ["Kasvokkain", "either",
                                                                         "either"],
         "field": ["Logistics", "ICT", "Logistiikka"]})
    issues = load_round(path).issues
    remote = issues[issues["problem"].str.startswith("a remote answer as the place")]
    assert sorted(zip(remote["file"], remote["row"])) == [("mentees.csv", 2), ("mentors.csv", 3)]
    idle = issues[issues["problem"].str.startswith("capacity 0, but offers 1 topic")]
    assert idle["row"].tolist() == [2]
    lonely = issues[issues["problem"].str.contains("no mentor works in it")]
    assert lonely["problem"].tolist() == [
        "2 mentees want a mentor in Logistics, but no mentor works in it (rows 2, 4)"]
    unknown = issues[issues["problem"].str.startswith("not a Finnish municipality")]
    assert unknown[["value", "row"]].values.tolist() == [["Kotikylä", 3]]  # once per answer
    assert "rows 3, 4" in unknown["problem"].iloc[0]


@pytest.mark.parametrize("language", ["en", "fi", "sv"])
def test_not_included_reasons_are_in_the_rounds_language(tmp_path, language):
    from matcher import i18n

    extra = ('[constraints]\nrules = [{who = "mentor", field = "years_in_finland", op = ">=", '
             'value = 3}]')
    path = write_round(tmp_path, {"consent": ["Yes", "Nej", "Ei"], "years_in_finland": [5, 5, 1]},
                       {"consent": ["Kyllä", None]}, extra)
    text = (tmp_path / "round.toml").read_text(encoding="utf-8")
    (tmp_path / "round.toml").write_text(text.replace('[round]\n', f'[round]\nlanguage = "{language}"\n'),
                                         encoding="utf-8")
    left = load_round(path).not_included.set_index("email")["reason"]
    no, blank = (i18n.t(f"not_included.{key}", language) for key in ("no_consent", "consent_blank"))
    rule = i18n.t("not_included.rule", language, rule="mentor years_in_finland >= 3")
    assert left.to_dict() == {"m1@example.org": no, "m2@example.org": f"{no}; {rule[0].lower()}{rule[1:]}",
                              "e1@example.org": blank}
    result = run_round(path, tmp_path / "out")
    unmatched = result.tables["unmatched"].set_index("mentee_email")["reason"]
    assert unmatched["e1@example.org"] == i18n.t("not_included.unmatched", language, reason=blank)
    summary = result.tables["summary"].loc["not_included", "value"]
    assert summary == i18n.t("summary.not_included_value", language, mentees=1, mentors=2)
    if language != "en":  # nothing English in a Finnish or Swedish round's reasons
        assert not {"consent", "Did", "Does", "answered"} & set(" ".join(left).replace(";", " ").split())


def test_run_summary_adds_up_to_everyone_read(tmp_path):
    """Everyone read in is matched, unmatched or not included: the CLI's summary says all three."""
    path = write_round(tmp_path, {"consent": ["Yes", "Nej"]},
                       {"consent": ["Kyllä", "Kyllä", "No"], "languages": ["Finnish", "Somali", "Finnish"]})
    out = CliRunner().invoke(main, ["run", path, "-o", str(tmp_path / "out")],
                             env={"COLUMNS": "200", "TERM": "dumb"})
    assert out.exit_code == 0, out.output
    rows = {cells[0]: cells[1] for line in out.output.splitlines()
            if len(cells := [c.strip() for c in line.strip("│┃| ").split("│")]) == 2}
    assert (rows["Mentees"], rows["Matched mentees"], rows["Unmatched mentees"]) == ("2", "1", "1")
    assert rows["Not included"] == "mentees 1, mentors 1"


def test_validate_speaks_the_rounds_language(tmp_path):
    path = write_round(tmp_path, {"consent": ["Yes", "Nej"], "email": ["m0@example.org", "not-an-address"]},
                       {"consent": ["Kyllä"]})
    text = (tmp_path / "round.toml").read_text(encoding="utf-8")
    (tmp_path / "round.toml").write_text(text.replace("[round]\n", '[round]\nlanguage = "fi"\n'),
                                         encoding="utf-8")
    out = CliRunner().invoke(main, ["validate", path], env={"COLUMNS": "200", "TERM": "dumb"})
    lines = out.output.splitlines()
    assert lines[0].split()[:3] == ["Vakavuus", "Lukumäärä", "Tiedosto"]
    assert lines[1].startswith("varoitus ") and "ei ole sähköpostiosoite" in lines[1]
    assert "1 henkilö ei ole mukana" in out.output
    assert "  Mentorit: 1 (rivi 3, mentors.csv): Ei antanut suostumusta" in out.output
    assert lines[-1] == "1 mentori, 1 mentoroitava luettu ja mukana, 1 ei mukana; 0 virhettä, 1 varoitus (1 solu)"


def test_every_output_counts_matched_unmatched_and_not_included_alike(tmp_path):
    """The Summary sheet, the report's tiles and audit.json agree with the command line."""
    import json
    import re

    path = write_round(tmp_path, {"consent": ["Yes", "Nej"]},
                       {"consent": ["Kyllä", "Kyllä", "No"], "languages": ["Finnish", "Somali", "Finnish"]})
    result = run_round(path, tmp_path / "out")
    summary = result.tables["summary"]["value"]
    assert (summary["matched_mentees"], summary["unmatched_mentees"]) == ("1", "1")
    counts = json.loads((tmp_path / "out" / "audit.json").read_text(encoding="utf-8"))["counts"]
    assert counts["unmatched"] == 1 and counts["not_included"] == {"mentees": 1, "mentors": 1}
    page = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    tiles = dict((label.strip(), int(value)) for value, label in
                 re.findall(r'<a class="tile[^"]*" href="#\w+"><b>(\d+)</b><span>([^<(]+)', page))
    assert tiles["mentees matched"] == 1 and tiles["mentees unmatched"] == 1
    assert tiles["people not included"] == 2
