"""Rounds that follow rounds, end to end through the CLI: history, continuing pairs, late
sign-ups (``run --incremental``) and re-matching (``matcher rematch``)."""

from __future__ import annotations

import filecmp
import importlib.util
import json

import pandas as pd
import pytest

from matcher.report.tables import stable_frame
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

import matcher
from matcher.cli import main
from matcher.history import Identities
from tests.conftest import ROOT

SAMPLES = ROOT / "data" / "samples"
ROUND2 = SAMPLES / "round2"
KEY = ["mentee_id", "mentor_id"]


def invoke(*args, code=0):
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result


def pairs_of(folder) -> pd.DataFrame:
    return pd.read_csv(folder / "pairs.csv", dtype={"mentee_id": str, "mentor_id": str})


def keys(frame) -> set[tuple[str, str]]:
    return set(zip(frame["mentee_id"], frame["mentor_id"]))


def history_of(folder) -> dict:
    return json.loads((folder / "audit.json").read_text(encoding="utf-8"))["history"]


def summary_of(folder) -> dict:
    table = pd.read_excel(folder / "pairs.xlsx", sheet_name="Summary", dtype=str, engine="openpyxl").pipe(stable_frame)
    return dict(zip(table.iloc[:, 0], table.iloc[:, 1]))


def config(tmp_path, history: str = "", name: str = "round.toml", mentors=None, mentees=None):
    """The sample round's config in ``tmp_path``, reading the sample files, plus ``history``."""
    text = (SAMPLES / "round.toml").read_text(encoding="utf-8")
    text = text.replace('file = "mentors.xlsx"', f'file = "{mentors or SAMPLES / "mentors.xlsx"}"')
    text = text.replace('file = "mentees.xlsx"', f'file = "{mentees or SAMPLES / "mentees.xlsx"}"')
    path = tmp_path / name
    path.write_text(text + "\n" + history, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def spring(tmp_path_factory):
    """The sample round matched once: the earlier round of the tests below."""
    folder = tmp_path_factory.mktemp("spring")
    invoke("run", config(folder), "-o", folder / "out", "--quiet")
    return folder / "out"


@pytest.fixture(scope="module")
def repeats(spring, tmp_path_factory):
    """The same sign-ups again with the spring round as history, in each repeat_pairs mode."""
    folder = tmp_path_factory.mktemp("repeats")
    out = {}
    for mode, extra in (("forbid", ""), ("allow", ""), ("penalise", "repeat_penalty = 100"),
                        ("penalise-5", "repeat_penalty = 5")):
        path = config(folder, f'[history]\nrounds = ["{spring}"]\nrepeat_pairs = '
                              f'"{mode.split("-")[0]}"\n{extra}\n', name=f"{mode}.toml")
        invoke("run", path, "-o", folder / mode, "--quiet")
        out[mode] = folder / mode
    return out


def test_forbid_never_repeats_an_earlier_pair(spring, repeats):
    earlier, again = keys(pairs_of(spring)), pairs_of(repeats["forbid"])
    assert not keys(again) & earlier
    assert len(again) == len(earlier)  # the sample has places enough to pair everyone again
    record = history_of(repeats["forbid"])
    assert record["repeats_forbidden"] == record["earlier_pairs"] == len(earlier)
    assert record["repeats_chosen"] == 0
    assert summary_of(repeats["forbid"])["Repeat pairs"] == f"{len(earlier)} avoided (forbidden)"
    # a forbidden earlier pair is not proposed as an alternative either
    alternatives = pd.read_excel(repeats["forbid"] / "pairs.xlsx", sheet_name="Alternatives", dtype=str, engine="openpyxl").pipe(stable_frame)
    assert not keys(alternatives) & earlier


def test_allow_repeats_the_optimum_and_penalise_lies_between(spring, repeats):
    earlier = keys(pairs_of(spring))
    chosen = {mode: len(keys(pairs_of(folder)) & earlier) for mode, folder in repeats.items()}
    assert chosen["allow"] == len(earlier)  # same sign-ups, same optimum
    assert chosen["forbid"] == 0
    assert chosen["penalise"] < chosen["penalise-5"] < chosen["allow"]
    record = history_of(repeats["penalise"])
    assert (record["repeat_pairs"], record["repeat_penalty"]) == ("penalise", 100.0)
    assert record["repeats_chosen"] == chosen["penalise"]
    # the penalty steers the solver; the pairs show their real scores
    allowed = pairs_of(repeats["allow"]).set_index(KEY)["score"]
    penalised = pairs_of(repeats["penalise-5"]).set_index(KEY)["score"]
    both = allowed.index.intersection(penalised.index)
    assert (allowed[both] == penalised[both]).all()


@pytest.fixture(scope="module")
def tight(tmp_path_factory):
    """A round with 20 mentors for 90 mentees: many compatible mentees wait for a place."""
    folder = tmp_path_factory.mktemp("tight")
    mentors = pd.read_excel(SAMPLES / "mentors.xlsx", dtype=str, engine="openpyxl").iloc[:20]
    mentors.to_csv(folder / "mentors.csv", index=False)
    path = config(folder, mentors=folder / "mentors.csv")
    invoke("run", path, "-o", folder / "out", "--quiet")
    return folder, path


def test_mentees_unmatched_last_time_come_first(tight, tmp_path):
    folder, _ = tight
    unmatched = pd.read_csv(folder / "out" / "unmatched.csv")
    waiting = unmatched[unmatched["reason"].str.startswith("All ")].head(4)
    assert len(waiting) == 4
    # an earlier round, written by hand: nobody paired, these four left unmatched
    earlier = tmp_path / "autumn"
    earlier.mkdir()
    pd.DataFrame(columns=["mentee_email", "mentor_email"]).to_csv(earlier / "pairs.csv", index=False)
    waiting[["mentee_id", "mentee_email"]].to_csv(earlier / "unmatched.csv", index=False)
    for bonus in (1, 0):
        path = config(tmp_path, f'[history]\nrounds = ["autumn"]\nunmatched_priority = {bonus}\n',
                      name=f"p{bonus}.toml", mentors=folder / "mentors.csv")
        invoke("run", path, "-o", tmp_path / f"out{bonus}", "--quiet")
        matched = set(pairs_of(tmp_path / f"out{bonus}")["mentee_id"]) & set(waiting["mentee_id"])
        assert len(matched) == (4 if bonus else 0)
        assert history_of(tmp_path / f"out{bonus}")["prioritised"] == (4 if bonus else 0)
    assert summary_of(tmp_path / "out1")["Priority for unmatched last time"] == "4 mentees (+1)"


def test_continuing_pairs_are_locked_and_use_the_mentor_capacity(spring, tmp_path):
    mentors = pd.read_csv(spring / "mentors.csv")
    pairs = pairs_of(spring)
    single = mentors[mentors["capacity"] == 1]
    # a continuing pair whose mentee signed up again, with a mentor they were not paired with
    mentor = single.iloc[0]
    mentee = pairs[pairs["mentor_id"] != mentor["mentor_id"]].iloc[0]
    # and one whose mentee did not sign up again: it takes one of the mentor's places
    other = single.iloc[1]
    path = config(tmp_path, "[history]\ncontinuing = ["
                            f'{{mentee = "{mentee["mentee_email"]}", mentor = "{mentor["mentor_email"]}"}}, '
                            f'{{mentee = "gone@example.com", mentor = "{other["mentor_id"]}"}}]\n')
    invoke("run", path, "-o", tmp_path / "out", "--quiet", "--draft-introductions")
    table = pd.read_excel(tmp_path / "out" / "pairs.xlsx", sheet_name="Pairs", dtype=str, engine="openpyxl").pipe(stable_frame)
    kept = table[(table["mentee_id"] == mentee["mentee_id"]) & (table["mentor_id"] == mentor["mentor_id"])]
    assert kept["status"].tolist() == ["continuing"] and kept["locked_by"].tolist() == ["continuing pair"]
    assert (table["mentor_id"] == mentor["mentor_id"]).sum() == 1  # the place is theirs
    after = pd.read_csv(tmp_path / "out" / "mentors.csv").set_index("mentor_id")
    assert after.loc[other["mentor_id"], ["capacity", "assigned"]].tolist() == [0, 0]
    # a continuing pair was introduced before: letters (two per pair) for all the others
    introductions = pd.read_csv(tmp_path / "out" / "introductions.csv", dtype=str)
    assert keys(introductions) == keys(table) - {(mentee["mentee_id"], mentor["mentor_id"])}
    record = history_of(tmp_path / "out")
    assert (record["continuing_locked"], record["continuing_counted"]) == (1, 1)


def test_a_changed_email_is_tied_by_an_alias(spring, tmp_path):
    earlier = pairs_of(spring)
    moved = earlier.iloc[0]
    # the earlier round knew this mentee by another address (and so another id)
    old = earlier.copy()
    old.loc[0, "mentee_email"], old.loc[0, "mentee_id"] = "old.address@example.net", "mentee-old"
    old["explanation"] = "FREE-TEXT-FROM-SPRING"  # never read, never copied
    (tmp_path / "spring").mkdir()
    old.to_csv(tmp_path / "spring" / "pairs.csv", index=False)
    results = {}
    tie = f'aliases = [{{old = "Old.Address@example.net", new = "{moved["mentee_email"]}"}}]'
    for label, alias in (("plain", ""), ("alias", tie)):
        path = config(tmp_path, f'[history]\nrounds = ["spring"]\n{alias}\n', name=f"{label}.toml")
        invoke("run", path, "-o", tmp_path / label, "--quiet")
        results[label] = history_of(tmp_path / label)["earlier_pairs"]
    assert results == {"plain": len(earlier) - 1, "alias": len(earlier)}
    assert (moved["mentee_id"], moved["mentor_id"]) not in keys(pairs_of(tmp_path / "alias"))
    for path in (tmp_path / "alias").iterdir():
        sheets = (pd.read_excel(path, sheet_name=None, dtype=str, engine="openpyxl").values()
                  if path.suffix == ".xlsx" else [])
        text = "".join(sheet.to_csv() for sheet in sheets) or path.read_text(encoding="utf-8")
        assert "FREE-TEXT-FROM-SPRING" not in text, path.name


@pytest.fixture(scope="module")
def round2(tmp_path_factory):
    """The README's commands on data/samples/round2: the autumn round, then its late sign-ups."""
    folder = tmp_path_factory.mktemp("round2")
    invoke("run", ROUND2 / "round.toml", "-o", folder / "output", "--quiet")
    invoke("run", ROUND2 / "late.toml", "--incremental", folder / "output", "-o",
           folder / "output-late", "--quiet", "--draft-introductions")
    return folder


def test_round2_sample_uses_its_history(round2):
    out = round2 / "output"
    spring = pd.read_csv(ROUND2 / "spring" / "pairs.csv")
    record = history_of(out)
    # 15 spring mentees came back to a returning mentor (one of each under a new e-mail)
    assert record["earlier_pairs"] >= 15 and record["repeats_forbidden"] == record["earlier_pairs"]
    assert (record["prioritised"], record["continuing_counted"]) == (2, 1)
    pairs = pd.read_csv(out / "pairs.csv")
    repeated = pairs.merge(spring, on=["mentee_email", "mentor_email"])
    assert repeated.empty
    autumn = matcher.load_round(ROUND2 / "round.toml")
    aliases = autumn.config.history.aliases
    moved = {new: old for old, new in aliases.items()}
    renamed = pairs.assign(mentee_email=pairs["mentee_email"].replace(moved),
                           mentor_email=pairs["mentor_email"].replace(moved))
    assert renamed.merge(spring, on=["mentee_email", "mentor_email"]).empty
    # the continuing pair's mentor has one place fewer than they offered
    mentor = autumn.config.history.continuing[0].mentor
    row = autumn.mentors[autumn.mentors["email"] == aliases.get(mentor, mentor)].iloc[0]
    offered = pd.read_csv(out / "mentors.csv").set_index("mentor_id").loc[row.name, "capacity"]
    assert offered == row["capacity"] - 1


def test_incremental_keeps_every_published_pair_and_introduces_only_new_ones(round2):
    published, late = pairs_of(round2 / "output"), pairs_of(round2 / "output-late")
    merged = published.merge(late, on=KEY, suffixes=("", "_late"))
    assert len(merged) == len(published)  # no published pair moved
    # scores are recomputed on today's sign-ups (text similarity weighs words by everyone's
    # answers), so a kept pair's score may move by a fraction of a point
    assert (merged["score"] - merged["score_late"]).abs().max() < 1
    new = late[~late.set_index(KEY).index.isin(published.set_index(KEY).index)]
    assert len(new) > 0
    # the new pairs are late sign-ups (or mentees still waiting), never a published mentee
    assert not set(new["mentee_id"]) & set(published["mentee_id"])
    late_signups = set(pd.read_csv(ROUND2 / "mentees-late.csv")["Email"].str.lower()) - set(
        pd.read_csv(ROUND2 / "mentees.csv")["Email"].str.lower())
    assert set(new["mentee_email"]) <= late_signups | set(
        pd.read_csv(round2 / "output" / "unmatched.csv")["mentee_email"])
    # letters for every proposed pair (drafts), except the published ones: only the new pairs
    introductions = pd.read_csv(round2 / "output-late" / "introductions.csv", dtype=str)
    assert keys(introductions) == keys(new)
    workbook = pd.read_excel(round2 / "output-late" / "pairs.xlsx", sheet_name="Pairs", dtype=str, engine="openpyxl").pipe(stable_frame)
    assert workbook["status"].value_counts().to_dict() == {"published": len(published), "new": len(new)}
    audit = json.loads((round2 / "output-late" / "audit.json").read_text())
    assert audit["history"]["published"]["kept"] == len(published)
    assert audit["solver"]["certificate"]["gap"] == 0
    assert "New pairs" in (round2 / "output-late" / "report.html").read_text(encoding="utf-8")


def test_rematch_moves_nobody_else_and_never_proposes_the_old_pair(round2):
    before = pairs_of(round2 / "output-late")
    ended = before.iloc[3]
    result = invoke("rematch", ROUND2 / "late.toml", round2 / "output-late", "--release",
                    ended["mentee_email"], "-o", round2 / "rematch")
    assert f"Released {ended['mentee_id']} (ended pair with {ended['mentor_id']})" in result.output
    assert "alternatives:" in result.output
    after = pairs_of(round2 / "rematch")
    others = before[before["mentee_id"] != ended["mentee_id"]]
    assert keys(others) <= keys(after)  # nobody else moved
    assert set(after["mentee_id"]) == set(before["mentee_id"])  # and nobody else was added
    assert (ended["mentee_id"], ended["mentor_id"]) not in keys(after)
    alternatives = pd.read_excel(round2 / "rematch" / "pairs.xlsx", sheet_name="Alternatives", dtype=str, engine="openpyxl").pipe(stable_frame)
    assert (ended["mentee_id"], ended["mentor_id"]) not in keys(alternatives)
    assert history_of(round2 / "rematch")["released"] == [
        {"mentee_id": ended["mentee_id"], "mentor_id": ended["mentor_id"]}]
    decisions = pd.read_excel(round2 / "rematch" / "pairs.xlsx", sheet_name="Decisions", dtype=str, engine="openpyxl").pipe(stable_frame)
    assert (decisions.set_index(KEY).loc[(ended["mentee_id"], ended["mentor_id"]), "decision"] == "reject")
    # a later run on top of the re-match keeps the ended pair out, even when released again
    second = after[after["mentee_id"] != ended["mentee_id"]].iloc[0]
    invoke("rematch", ROUND2 / "late.toml", round2 / "rematch", "--release", second["mentee_id"],
           "-o", round2 / "rematch-2", "--quiet")
    final = pairs_of(round2 / "rematch-2")
    assert (ended["mentee_id"], ended["mentor_id"]) not in keys(final)
    assert (second["mentee_id"], second["mentor_id"]) not in keys(final)
    assert len(history_of(round2 / "rematch-2")["released"]) == 2
    # and a next round reading this output as history never pairs them again either
    assert {(ended["mentee_id"], ended["mentor_id"]), (second["mentee_id"], second["mentor_id"])} <= keys(
        matcher.read_earlier_round(round2 / "rematch-2").released)


def test_rematch_says_plainly_when_no_mentor_is_free(tight):
    folder, path = tight
    pairs = pairs_of(folder / "out")
    mentors = pd.read_csv(folder / "out" / "mentors.csv")
    assert (mentors["assigned"] == mentors["capacity"]).all()  # every place is taken
    ended = pairs.iloc[0]
    result = invoke("rematch", path, folder / "out", "--release", ended["mentee_id"],
                    "-o", folder / "rematch")
    assert "no new mentor. No mentor available: " in result.output
    assert "compatible mentors are full" in result.output or "ruled out" in result.output
    unmatched = pd.read_csv(folder / "rematch" / "unmatched.csv").set_index("mentee_id")
    assert unmatched.loc[ended["mentee_id"], "reason"].startswith("No mentor available")
    assert unmatched["reason"].str.startswith("Not released").sum() == len(unmatched) - 1
    assert keys(pairs_of(folder / "rematch")) == keys(pairs) - {(ended["mentee_id"], ended["mentor_id"])}


def test_history_mistakes_are_clear_errors(spring, tmp_path):
    bad = invoke("rematch", config(tmp_path), spring, "--release", "nobody@example.org",
                 "-o", tmp_path / "x", code=2)
    assert "--release nobody@example.org: this mentee is not in this round" in bad.output
    same = invoke("run", config(tmp_path), "--incremental", spring, "-o", spring, code=2)
    assert "is the published result itself" in same.output
    typo = invoke("run", config(tmp_path, '[history]\nrepeat_pairs = "forbidd"\n'), code=2)
    assert "history.repeat_pairs" in typo.output and "did you mean 'forbid'" in typo.output
    missing = invoke("run", config(tmp_path, '[history]\nrounds = ["no-such-folder"]\n'),
                     "-o", tmp_path / "y", code=2)
    assert "earlier round" in missing.output and "not found" in missing.output


def test_earlier_rounds_are_read_for_ids_and_emails_only(spring):
    earlier = matcher.read_earlier_round(spring)
    assert list(earlier.pairs.columns) == ["mentee_id", "mentee_email", "mentor_id", "mentor_email"]
    assert list(earlier.unmatched.columns) == ["mentee_id", "mentee_email"]
    assert len(earlier.pairs) == len(pairs_of(spring))
    # the workbook, the CSV twins and the folder name the same people
    for path in (spring / "pairs.xlsx", spring / "pairs.csv"):
        same = matcher.read_earlier_round(path)
        pd.testing.assert_frame_equal(same.pairs, earlier.pairs)
        pd.testing.assert_frame_equal(same.unmatched, earlier.unmatched)


def test_round2_generator_reproduces_the_committed_files(tmp_path):
    spec = importlib.util.spec_from_file_location("generate_round2", ROUND2 / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    written = module.generate(tmp_path)
    for path in written:
        committed = ROUND2 / path.relative_to(tmp_path)
        assert filecmp.cmp(path, committed, shallow=False), committed


@given(st.lists(st.from_regex(r"[a-z][a-z0-9.]{0,8}@[a-z]{1,6}\.(fi|com|org)", fullmatch=True),
                min_size=1, max_size=8, unique=True),
       st.data())
def test_a_person_is_found_however_the_email_was_written(emails, data):
    people = pd.DataFrame({"email": emails}, index=pd.Index([f"mentee-{k}" for k in range(len(emails))]))
    who = Identities(people, {})
    k = data.draw(st.integers(0, len(emails) - 1))
    spaces = data.draw(st.sampled_from(["", " ", "\t", "  "]))
    written = data.draw(st.sampled_from([str.upper, str.title, str.lower]))(emails[k])
    prefix = data.draw(st.sampled_from(["", "mailto:", "MAILTO:"]))
    found = who.resolve(pd.Series(["unknown-id"]), pd.Series([spaces + prefix + written + spaces]))
    assert found.tolist() == [f"mentee-{k}"]
    assert who.one(f"mentee-{k}".upper()) == f"mentee-{k}"  # ids are found too, in any case


def test_a_published_mentee_who_withdrew_frees_the_place(round2, tmp_path):
    published = pairs_of(round2 / "output")
    gone = published.iloc[0]
    mentees = pd.read_csv(ROUND2 / "mentees-late.csv", dtype=str)
    mentees[mentees["Email"].str.lower() != gone["mentee_email"]].to_csv(tmp_path / "mentees.csv", index=False)
    text = (ROUND2 / "late.toml").read_text(encoding="utf-8")
    text = text.replace('file = "mentors-late.csv"', f'file = "{ROUND2 / "mentors-late.csv"}"')
    text = text.replace('file = "mentees-late.csv"', f'file = "{tmp_path / "mentees.csv"}"')
    text = text.replace('rounds = ["spring"]', f'rounds = ["{ROUND2 / "spring"}"]')
    (tmp_path / "late.toml").write_text(text, encoding="utf-8")
    result = matcher.run_round(tmp_path / "late.toml", tmp_path / "out", incremental=round2 / "output")
    assert result.audit["history"]["published"] == {**result.audit["history"]["published"],
                                                    "kept": len(published) - 1, "gone": 1}
    issues = result.tables["issues"]
    assert issues["problem"].str.contains("no longer in the round").any()
    assert keys(published) - {(gone["mentee_id"], gone["mentor_id"])} <= keys(result.tables["pairs"])


def test_an_earlier_round_written_in_finnish_reads_the_same(spring, tmp_path):
    path = config(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace(
        'name = "Spring 2026 career mentoring"', 'name = "Kevät 2026"\nlanguage = "fi"'), encoding="utf-8")
    invoke("run", path, "-o", tmp_path / "fi", "--quiet")
    finnish, english = matcher.read_earlier_round(tmp_path / "fi"), matcher.read_earlier_round(spring)
    pd.testing.assert_frame_equal(finnish.pairs, english.pairs)
    pd.testing.assert_frame_equal(finnish.unmatched, english.unmatched)
    # a hand-made list with plain, capitalised columns names the same people
    pairs_of(spring)[["mentee_email", "mentor_id"]].set_axis(["Mentee", "Mentor"], axis=1).to_csv(
        tmp_path / "pairs.csv", sep=";", index=False)
    typed = matcher.read_earlier_round(tmp_path / "pairs.csv").pairs
    assert list(zip(typed["mentee_email"], typed["mentor_id"])) == list(
        zip(english.pairs["mentee_email"], english.pairs["mentor_id"]))
