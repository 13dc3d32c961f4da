"""End to end: `matcher run` on real-looking rounds, the review loop, exit codes, privacy."""

from __future__ import annotations

import shutil

import numpy as np
import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from matcher import synthetic
from matcher.cli import main
from matcher.report.tables import stable_names
from matcher.results import best_columns
from matcher.run import run_round

PAIRS_COLUMNS = ["mentee_id", "mentee_name", "mentee_email", "mentor_id", "mentor_name",
                 "mentor_email", "score"]


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory):
    """One run of the bundled sample round, shared by the read-only checks below."""
    from tests.conftest import ROOT

    outdir = tmp_path_factory.mktemp("sample") / "output"
    return run_round(ROOT / "data/samples/round.toml", outdir)


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_every_mentee_is_paired_or_unmatched_with_a_reason(sample_run):
    pairs = pd.read_csv(sample_run.outdir / "pairs.csv", dtype=str)
    unmatched = pd.read_csv(sample_run.outdir / "unmatched.csv", dtype=str)
    mentees = sample_run.round.mentees.index
    assert set(pairs["mentee_id"]) | set(unmatched["mentee_id"]) == set(mentees)
    assert not set(pairs["mentee_id"]) & set(unmatched["mentee_id"])
    assert unmatched["reason"].str.len().gt(20).all()
    mentors = pd.read_csv(sample_run.outdir / "mentors.csv")
    assert set(mentors["mentor_id"]) == set(sample_run.round.mentors.index)
    assert (mentors["assigned"] <= mentors["capacity"]).all()
    assert mentors["assigned"].sum() == len(pairs)


def test_csv_twins_have_the_stable_columns(sample_run):
    components = list(sample_run.scores.components)
    pairs = pd.read_csv(sample_run.outdir / "pairs.csv")
    assert list(pairs.columns) == PAIRS_COLUMNS + components + ["explanation"]
    assert list(pd.read_csv(sample_run.outdir / "unmatched.csv").columns) == [
        "mentee_id", "mentee_name", "mentee_email", "reason"]
    assert list(pd.read_csv(sample_run.outdir / "mentors.csv").columns) == [
        "mentor_id", "mentor_name", "mentor_email", "capacity", "assigned"]
    # nobody has reviewed a pair yet: no letters, only the mail-merge header
    assert pd.read_csv(sample_run.outdir / "introductions.csv").empty


def test_pairs_respect_feasibility_and_the_explanations_match(sample_run):
    scores, pairs = sample_run.scores, sample_run.tables["pairs"]
    rows = pd.Index(scores.mentee_ids).get_indexer(pairs["mentee_id"])
    cols = pd.Index(scores.mentor_ids).get_indexer(pairs["mentor_id"])
    assert scores.feasible[rows, cols].all()
    np.testing.assert_allclose(pairs["score"], scores.total[rows, cols], rtol=1e-6)
    first = pairs.iloc[0]
    assert first["explanation"] == scores.explain(first["mentee_id"], first["mentor_id"])


def test_audit_records_inputs_and_certificate(sample_run):
    import json

    audit = json.loads((sample_run.outdir / "audit.json").read_text())
    assert audit["solver"]["status"] == "optimal"
    assert set(audit["inputs"]) >= {"config", "mentors", "mentees"}
    assert all(len(item["sha256"]) == 64 for item in audit["inputs"].values())
    assert audit["counts"]["pairs"] == len(sample_run.tables["pairs"])


def test_same_inputs_give_byte_identical_outputs(sample_run, tmp_path, sample_round_path):
    again = run_round(sample_round_path, tmp_path / "again")
    for name in ("pairs.csv", "unmatched.csv", "mentors.csv", "introductions.csv", "pairs.xlsx"):
        assert (again.outdir / name).read_bytes() == (sample_run.outdir / name).read_bytes(), name


def test_cli_run_prints_summary_and_exits_0(sample_round_path, tmp_path):
    result = invoke("run", sample_round_path, "-o", tmp_path / "out", "--objective", "fair")
    assert result.exit_code == 0, result.output
    assert "Matched mentees" in result.output and "optimal" in result.output
    assert (tmp_path / "out" / "report.html").exists()
    quiet = invoke("run", sample_round_path, "-o", tmp_path / "out", "--quiet")
    assert quiet.exit_code == 0 and quiet.output == ""


def _edit(workbook_path, edits: dict[int, dict[str, str]], sheet_name="Pairs") -> list[tuple]:
    """Type into a sheet like a coordinator would ({row: {stable column: text}}), found by the
    workbook's human headers; return the (mentee_id, mentor_id) of each row touched."""
    book = openpyxl.load_workbook(workbook_path)
    sheet = book[sheet_name]
    col = {name: c + 1 for c, name in enumerate(stable_names([cell.value for cell in sheet[1]]))}
    touched = []
    for row, values in edits.items():
        for name, text in values.items():
            sheet.cell(row=row, column=col[name], value=text)
        touched.append((sheet.cell(row=row, column=col["mentee_id"]).value,
                        sheet.cell(row=row, column=col["mentor_id"]).value if "mentor_id" in col else ""))
    book.save(workbook_path)
    return touched


def _set_decisions(workbook_path, decisions: dict[int, str]) -> list[tuple[str, str]]:
    """Type decisions into the Pairs sheet; return the pairs touched."""
    return _edit(workbook_path, {row: {"decision": word} for row, word in decisions.items()})


def test_review_loop_keeps_and_rejects_survive_reruns(sample_round_path, tmp_path):
    first = run_round(sample_round_path, tmp_path / "first")
    reviewed = tmp_path / "reviewed.xlsx"
    shutil.copy(first.outdir / "pairs.xlsx", reviewed)
    kept, rejected = _set_decisions(reviewed, {2: "keep", 3: "Reject"})

    second = run_round(sample_round_path, tmp_path / "second", decisions=reviewed)
    pairs = second.tables["pairs"]
    chosen = set(zip(pairs["mentee_id"], pairs["mentor_id"]))
    assert kept in chosen and rejected not in chosen
    assert pairs.set_index(["mentee_id", "mentor_id"]).loc[kept, "locked"]

    # the next review starts from the second workbook, where the rejected pair is not shown:
    # its decision must come along in the Decisions sheet
    third = run_round(sample_round_path, tmp_path / "third", decisions=second.outdir / "pairs.xlsx")
    chosen = set(zip(third.tables["pairs"]["mentee_id"], third.tables["pairs"]["mentor_id"]))
    assert kept in chosen and rejected not in chosen
    carried = pd.read_excel(third.outdir / "pairs.xlsx", sheet_name="Decisions", dtype=str, engine="openpyxl")
    carried.columns = stable_names(carried.columns)
    assert set(zip(carried["mentee_id"], carried["mentor_id"], carried["decision"])) >= {
        (*kept, "keep"), (*rejected, "reject")}


def test_unknown_decision_word_is_a_clear_error(sample_round_path, tmp_path):
    first = run_round(sample_round_path, tmp_path / "first")
    _set_decisions(first.outdir / "pairs.xlsx", {4: "maybe"})
    result = invoke("run", sample_round_path, "-o", tmp_path / "again", "--decisions",
                    first.outdir / "pairs.xlsx")
    assert result.exit_code == 2
    assert "unknown decision 'maybe' in row 4" in result.output and "column 'decision'" in result.output


def test_locking_an_impossible_pair_exits_3(sample_run, sample_round_path, tmp_path):
    scores = sample_run.scores
    i, j = np.argwhere(~scores.feasible)[0]
    decisions = tmp_path / "decisions.csv"
    pd.DataFrame({"mentee_id": [scores.mentee_ids[i]], "mentor_id": [scores.mentor_ids[j]],
                  "decision": ["keep"]}).to_csv(decisions, index=False)
    result = invoke("run", sample_round_path, "-o", tmp_path / "out", "--decisions", decisions)
    assert result.exit_code == 3
    assert scores.mentee_ids[i] in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()  # nothing half-written


def test_pseudonymised_outputs_contain_no_names_or_emails(sample_run, tmp_path, sample_round_path):
    result = run_round(sample_round_path, tmp_path / "pseudo", pseudonymise=True,
                       draft_introductions=True)
    assert any(path.suffix == ".eml" for path in result.files)  # the letters are checked too
    people = pd.concat([sample_run.round.mentees[["name", "email"]], sample_run.round.mentors[["name", "email"]]])
    secrets = {v for v in people.to_numpy().ravel() if isinstance(v, str) and len(v) > 3}
    for path in result.files:
        if path.suffix == ".xlsx":
            book = openpyxl.load_workbook(path, read_only=True)
            text = " ".join(str(c) for ws in book for row in ws.iter_rows(values_only=True) for c in row)
        else:
            text = path.read_text(encoding="utf-8")
        leaked = [s for s in secrets if s in text]
        assert not leaked, (path.name, leaked[:3])


def test_data_errors_stop_the_run_with_exit_2(tmp_path):
    config = synthetic.write_round(tmp_path, 6, 8, fmt="csv", messy=False)
    mentors = pd.read_csv(tmp_path / "mentors.csv", sep=";", encoding="utf-8-sig", dtype=str)
    mentors.loc[0, synthetic.Q_CAPACITY] = "-2"
    mentors.to_csv(tmp_path / "mentors.csv", sep=";", encoding="utf-8-sig", index=False)
    result = invoke("run", config, "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert "matcher validate" in result.output
    assert not (tmp_path / "out").exists()


def test_formula_like_names_are_neutralised_in_every_output(tmp_path):
    config = synthetic.write_round(tmp_path, 6, 8, fmt="csv", messy=False)
    mentees = pd.read_csv(tmp_path / "mentees.csv", sep=";", encoding="utf-8-sig", dtype=str)
    mentees.loc[:, "Name"] = '=HYPERLINK("http://evil.example","click")'
    mentees.to_csv(tmp_path / "mentees.csv", sep=";", encoding="utf-8-sig", index=False)
    result = run_round(config, tmp_path / "out", draft_introductions=True)
    assert len(result.tables["introductions"]) == 2 * len(result.tables["pairs"]) > 0
    for name in ("pairs.csv", "unmatched.csv", "introductions.csv"):
        frame = pd.read_csv(tmp_path / "out" / name, dtype=str, keep_default_na=False)
        for column in frame.columns:
            assert not frame[column].str.startswith(("=", "+", "-", "@")).any(), (name, column)
    book = openpyxl.load_workbook(tmp_path / "out" / "pairs.xlsx")
    cells = [c for ws in book for row in ws.iter_rows() for c in row]
    assert not any(c.data_type == "f" for c in cells)
    assert len(result.tables["pairs"]) + len(result.tables["unmatched"]) == 8


def test_best_columns_breaks_ties_by_mentor_order():
    total = np.array([[5.0, 7.0, 7.0, 1.0], [2.0, 2.0, 2.0, 2.0]])
    allowed = np.array([[True, True, True, True], [False, True, True, True]])
    top = best_columns(total, allowed, 2)
    assert top.tolist() == [[1, 2], [1, 2]]
    none_allowed = best_columns(total, np.zeros_like(allowed), 3)
    assert (none_allowed == -1).all()  # padded: no allowed column in either row


def test_unmatched_reasons_name_full_mentors_and_missing_languages():
    from matcher.results import unmatched_reasons
    from matcher.scoring import score_pairs

    mentees = pd.DataFrame({"name": ["A", "B", "C"], "fields": [("ict",)] * 3,
                            "languages": [{"fi": 4}, {"fi": 3}, {"ar": 4}]}, index=["e1", "e2", "e3"])
    mentors = pd.DataFrame({"name": ["Mentor One"], "fields": [("ict",)], "languages": [{"fi": 4}],
                            "capacity": [1]}, index=["r1"])
    scores = score_pairs(mentors, mentees)
    names = mentors["name"]
    reasons = unmatched_reasons(scores, np.array([1, 2]), assigned=np.array([1]),
                                capacity=np.array([1]), mentor_names=names)
    assert reasons[0].startswith("All 1 compatible mentors are full: Mentor One (")
    assert reasons[0].endswith("One more place for Mentor One would let them be paired.")
    assert reasons[1] == ("No compatible mentor: no shared language with any of the 1 mentors "
                          "(mentee uses Arabic).")


def test_unmatched_reasons_name_the_best_full_mentors_ties_by_mentor_order():
    """The best compatible mentors by score, ties by the mentors' order, at most ALTERNATIVES
    of them and "..." for the rest; a mentor with room makes the reason the objective's."""
    from types import SimpleNamespace

    from matcher import i18n
    from matcher.results import unmatched_reasons

    total = np.array([[5.0, 7.0, 9.0, 7.0, 7.0], [1.0, 2.0, 3.0, 4.0, 5.0]], dtype=np.float32)
    feasible = np.array([[True, True, True, True, False], [True, True, True, True, True]])
    scores = SimpleNamespace(total=total, feasible=feasible, reason_labels={},
                             reason_codes=np.where(feasible, 0, 1).astype(np.uint16))
    names = pd.Series(["M0", "M1", "M2", "M3", "M4"])
    full = unmatched_reasons(scores, np.array([0]), assigned=np.ones(5, dtype=np.int64),
                             capacity=np.ones(5, dtype=np.int64), mentor_names=names)
    assert full[0].startswith("All 4 compatible mentors are full: M2 (9.0), M1 (7.0), M3 (7.0), ....")
    room = unmatched_reasons(scores, np.array([0, 1]), assigned=np.array([1, 1, 1, 0, 1]),
                             capacity=np.ones(5, dtype=np.int64), mentor_names=names)
    assert room[0] == room[1] == i18n.t("unmatched.objective", "en")


def test_validate_reports_shortages_before_matching(sample_round_path):
    result = invoke("validate", sample_round_path)
    assert result.exit_code == 0
    assert "1 mentee shares no language with any mentor" in result.output
    shortages = result.output.split("Fields and goals with fewer mentor places")[1]
    assert "Health care" in shortages and "ICT" not in shortages


# --- moves and notes (the review loop, continued) -------------------------------------------

def _move_target(run, row: int):
    """A compatible mentor with a free place for the mentee on Pairs row ``row``: (id, e-mail, name)."""
    mentee = run.tables["pairs"]["mentee_id"].iloc[row - 2]
    options = run.tables["alternatives"]
    option = options[options["mentee_id"] == mentee].iloc[0]
    mentor = run.round.mentors.loc[option["mentor_id"]]
    return option["mentor_id"], mentor["email"], mentor["name"]


def test_a_move_by_email_locks_the_new_pair_not_the_old_and_notes_carry_over(sample_round_path, tmp_path):
    first = run_round(sample_round_path, tmp_path / "first")
    reviewed = tmp_path / "reviewed.xlsx"
    shutil.copy(first.outdir / "pairs.xlsx", reviewed)
    new_id, email, _ = _move_target(first, 2)
    # a prefilled or typed keep on the row does not survive the move
    (mentee, old_id), noted = _edit(reviewed, {
        2: {"decision": "keep", "move_to": f"  {email.upper()} ", "notes": "asked for a mentor in Oulu"},
        5: {"notes": "check in after a month"}})

    second = run_round(sample_round_path, tmp_path / "second", decisions=reviewed)
    pairs = second.tables["pairs"].set_index(["mentee_id", "mentor_id"])
    assert pairs.loc[(mentee, new_id), "locked"]
    assert pairs.loc[(mentee, new_id), "locked_by"] == "moved in review"
    assert pairs.loc[(mentee, new_id), "notes"] == "asked for a mentor in Oulu"
    assert (mentee, old_id) not in pairs.index or not pairs.loc[(mentee, old_id), "locked"]
    assert pairs.loc[noted, "notes"] == "check in after a month"
    assert second.round.locked["source"].tolist() == ["move"]

    # the next review starts from the new workbook: the move and both notes are still there
    third = run_round(sample_round_path, tmp_path / "third", decisions=second.outdir / "pairs.xlsx")
    pairs = third.tables["pairs"].set_index(["mentee_id", "mentor_id"])
    assert pairs.loc[(mentee, new_id), "locked_by"] == "moved in review"
    assert pairs.loc[(mentee, new_id), "notes"] == "asked for a mentor in Oulu"
    assert pairs.loc[noted, "notes"] == "check in after a month"
    book = openpyxl.load_workbook(third.outdir / "pairs.xlsx")
    header = stable_names([c.value for c in book["Pairs"][1]])
    row = next(r for r in book["Pairs"].iter_rows(min_row=2, values_only=True)
               if r[header.index("mentee_id")] == mentee)
    assert row[header.index("notes")] == "asked for a mentor in Oulu"
    assert row[header.index("locked_by")] == "moved in review"


def test_a_move_by_name_works_and_a_typo_gets_did_you_mean(sample_round_path, tmp_path):
    first = run_round(sample_round_path, tmp_path / "first")
    new_id, email, name = _move_target(first, 3)
    by_name = tmp_path / "by-name.xlsx"
    shutil.copy(first.outdir / "pairs.xlsx", by_name)
    ((mentee, _),) = _edit(by_name, {3: {"move_to": name.lower()}})
    moved = run_round(sample_round_path, tmp_path / "moved", decisions=by_name)
    assert (mentee, new_id) in set(zip(moved.tables["pairs"]["mentee_id"], moved.tables["pairs"]["mentor_id"]))

    typo = tmp_path / "typo.xlsx"
    shutil.copy(first.outdir / "pairs.xlsx", typo)
    misspelt = email[:2] + email[3:]  # one letter dropped
    _edit(typo, {3: {"move_to": misspelt}})
    result = invoke("run", sample_round_path, "-o", tmp_path / "out", "--decisions", typo)
    assert result.exit_code == 2, result.output
    assert f"no mentor '{misspelt}' in row 3 of typo.xlsx, sheet Pairs, column 'Move to'" in result.output
    assert f"Did you mean '{email} ({name})'" in result.output
    assert not (tmp_path / "out").exists()


def test_a_move_breaking_a_hard_rule_stops_the_run_before_solving(sample_run, sample_round_path, tmp_path):
    scores, pairs = sample_run.scores, sample_run.tables["pairs"]
    row = pd.Index(scores.mentee_ids).get_loc(pairs["mentee_id"].iloc[0])
    j = int(np.flatnonzero(~scores.feasible[row])[0])
    email = sample_run.round.mentors["email"].iloc[j]
    reviewed = tmp_path / "reviewed.xlsx"
    shutil.copy(sample_run.outdir / "pairs.xlsx", reviewed)
    _edit(reviewed, {2: {"move_to": email}})
    result = invoke("run", sample_round_path, "-o", tmp_path / "out", "--decisions", reviewed)
    assert result.exit_code == 3, result.output
    assert scores.mentor_ids[j] in result.output and "(from the decisions workbook: its Move to column)" in result.output


def test_notes_on_unmatched_mentees_carry_over(sample_run, sample_round_path, tmp_path):
    reviewed = tmp_path / "reviewed.xlsx"
    shutil.copy(sample_run.outdir / "pairs.xlsx", reviewed)
    ((mentee, _),) = _edit(reviewed, {2: {"notes": "asked to wait for the autumn round"}}, "Unmatched")
    again = run_round(sample_round_path, tmp_path / "again", decisions=reviewed)
    unmatched = again.tables["unmatched"].set_index("mentee_id")
    assert unmatched.loc[mentee, "notes"] == "asked to wait for the autumn round"
    carried = again.tables["decisions"]
    assert carried[carried["mentee_id"] == mentee]["notes"].tolist() == ["asked to wait for the autumn round"]


def test_alternatives_offer_only_mentors_with_free_places_and_the_cost_of_moving(sample_run):
    tables = sample_run.tables
    alternatives, pairs, mentors = tables["alternatives"], tables["pairs"], tables["mentors"]
    free = mentors.set_index("mentor_id")["remaining"]
    assert len(alternatives) and (alternatives["free_places"] > 0).all()
    assert (free.loc[alternatives["mentor_id"]].to_numpy() == alternatives["free_places"].to_numpy()).all()
    current = pairs.groupby("mentee_id")["score"].min()
    matched = alternatives["mentee_id"].isin(current.index)
    expected = (np.round(alternatives["score"], 1)
                - np.round(current.reindex(alternatives["mentee_id"]).fillna(0).to_numpy(), 1))
    np.testing.assert_allclose(alternatives["score_change"], expected, atol=1e-9)
    assert (alternatives.loc[matched, "current_mentor"] != "").all()
    chosen = set(zip(pairs["mentee_id"], pairs["mentor_id"]))
    assert not chosen & set(zip(alternatives["mentee_id"], alternatives["mentor_id"]))


def test_mentors_sheet_names_each_mentors_mentees_and_pairs_show_both_sides_answers(sample_run):
    tables, mentees = sample_run.tables, sample_run.round.mentees
    pairs, mentors = tables["pairs"], tables["mentors"].set_index("mentor_id")
    for mentor_id, group in pairs.groupby("mentor_id"):
        assert mentors.loc[mentor_id, "mentees"].split("; ") == group["mentee_name"].tolist()
    assert (mentors.loc[mentors["assigned"] == 0, "mentees"] == "").all()
    first = pairs.iloc[0]
    person = mentees.loc[first["mentee_id"]]
    assert first["mentee_city"] == person["city"]
    assert first["mentee_languages"].count("(") == len(person["languages"]) > 0
    for column in ("mentee_field", "mentee_goals", "mentor_field", "mentor_topics", "mentor_job_title"):
        assert pairs[column].str.len().gt(0).mean() > 0.5, column


def test_a_finnish_workbook_has_finnish_sheets_and_headers_and_reads_back(sample_round_path, tmp_path):
    from matcher.config import load_config

    config = load_config(sample_round_path).replace(language="fi")
    first = run_round(config, tmp_path / "first")
    book = openpyxl.load_workbook(first.outdir / "pairs.xlsx")
    assert book.sheetnames[:4] == ["Parit", "Ilman paria", "Ei mukana", "Mentorit"]
    assert [c.value for c in book["Parit"][1]][:4] == ["Päätös", "Siirrä mentorille", "Mentoroitava", "Mentori"]
    assert book["Parit"].data_validations.dataValidation[0].formula1 == '"pidä,hylkää"'
    new_id, email, _ = _move_target(first, 3)
    (kept, _), ((moved, _)) = _edit(first.outdir / "pairs.xlsx", {2: {"decision": "pidä"}, 3: {"move_to": email}},
                                    "Parit")
    second = run_round(config, tmp_path / "second", decisions=first.outdir / "pairs.xlsx")
    locked = second.tables["pairs"].set_index("mentee_id")["locked_by"]
    assert locked[kept] == "pidetty tarkistuksessa" and locked[moved] == "siirretty tarkistuksessa"
    assert second.tables["pairs"].set_index("mentee_id").loc[moved, "mentor_id"] == new_id
