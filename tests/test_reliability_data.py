"""Reliability: unusual and hostile answers inside valid files (issue 13, "Data").

Every case either completes with a correct result that says what it skipped or assumed, or is
refused with the file, row and column of the problem (``validate``) and exit code 2 or 3.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

import matcher
from tests.hostile import assert_clean, invoke, make_round, read_export, write_export

Q_CAPACITY = "How many mentees can you take? / Montako aktoria voit ottaa?"
Q_MENTEE_LANGUAGES = ("Which languages can you use in mentoring, and how well? / Millä kielillä "
                      "voit osallistua mentorointiin ja millä tasolla?")
Q_MENTOR_LANGUAGES = ("Which languages can you use in mentoring, and how well? / Millä kielillä "
                      "voit mentoroida ja millä tasolla?")


@pytest.fixture
def round_toml(tmp_path) -> Path:
    return make_round(tmp_path / "round")


def change(round_toml: Path, who: str, column: str, values: dict[int, str]) -> pd.DataFrame:
    """Overwrite cells {0-based row: value} of one column of the mentors/mentees export."""
    path = round_toml.parent / f"{who}.csv"
    frame = read_export(path)
    for row, value in values.items():
        frame.loc[row, column] = value
    write_export(path, frame)
    return frame


def completed(round_toml: Path, *needles: str) -> Path:
    outdir = round_toml.parent / "out"
    assert_clean(invoke("run", round_toml, "-o", outdir, "--quiet"), 0, *needles, outdir=outdir)
    return outdir


def everyone(outdir: Path) -> list[str]:
    """Every mentee id in the outputs, once per appearance (paired or unmatched)."""
    pairs = pd.read_csv(outdir / "pairs.csv", dtype=str)
    unmatched = pd.read_csv(outdir / "unmatched.csv", dtype=str)
    return pairs["mentee_id"].tolist() + unmatched["mentee_id"].tolist()


def unmatched(outdir: Path) -> pd.DataFrame:
    return pd.read_csv(outdir / "unmatched.csv", dtype=str, keep_default_na=False)


# --- nobody fits ---------------------------------------------------------------------------

def test_a_language_nobody_else_has(round_toml):
    change(round_toml, "mentees", Q_MENTEE_LANGUAGES, {0: "Tigrinya (native)"})
    assert_clean(invoke("validate", round_toml), 0, r"1 mentee shares no language with any mentor")
    outdir = completed(round_toml)
    alone = unmatched(outdir)
    assert len(alone) >= 1 and alone["reason"].str.contains("language").any()
    assert len(everyone(outdir)) == 12


def test_every_mentee_infeasible(round_toml):
    change(round_toml, "mentees", Q_MENTEE_LANGUAGES, dict.fromkeys(range(12), "Tigrinya"))
    outdir = completed(round_toml)
    alone = unmatched(outdir)
    assert len(alone) == 12 and len(pd.read_csv(outdir / "pairs.csv")) == 0
    assert alone["reason"].str.len().gt(25).all()
    assert not alone["reason"].str.contains(r": \.$|:\s*$").any()


def test_no_language_read_on_either_side(round_toml):
    """No language column answered in either file: the language score has no language to
    compare (it once raised in ``_strongest``); the round runs, everyone unmatched with the
    reason, and validate warns on every row."""
    change(round_toml, "mentors", Q_MENTOR_LANGUAGES, dict.fromkeys(range(8), ""))
    change(round_toml, "mentees", Q_MENTEE_LANGUAGES, dict.fromkeys(range(12), ""))
    assert_clean(invoke("validate", round_toml), 0, "no usable language")
    outdir = completed(round_toml)
    alone = unmatched(outdir)
    assert len(alone) == 12 and alone["reason"].str.contains("gave no language").all()


def test_zero_total_capacity(round_toml):
    change(round_toml, "mentors", Q_CAPACITY, dict.fromkeys(range(8), "0"))
    outdir = completed(round_toml)
    alone = unmatched(outdir)
    assert len(alone) == 12
    # a mentee with compatible mentors is told they are full; one without, why none is compatible
    assert alone["reason"].str.contains(r"place|no compatible mentor", case=False).all(), \
        alone["reason"].tolist()
    assert alone["reason"].str.contains(r"place", case=False).any()


@pytest.mark.parametrize("value, needle", [
    ("lots", r"cannot be read as a whole number"),
    ("-2", r"must be 0 or more"),
    ("1000000000", r"more than .* not a plausible"),
    ("2026-03-04", r"looks like a date"),
    ("4.3.2026", r"looks like a date"),
])
def test_implausible_capacities_are_errors_with_row_and_column(round_toml, value, needle):
    change(round_toml, "mentors", Q_CAPACITY, {2: value})
    result = assert_clean(invoke("validate", round_toml), 2, needle)
    line = next(line for line in result.stdout.splitlines() if line.startswith("error"))
    assert "mentors.csv" in line and " 4 " in line and "How many mentees" in line
    outdir = round_toml.parent / "out"
    assert_clean(invoke("run", round_toml, "-o", outdir), 2, outdir=outdir)
    assert not outdir.exists()


def test_zero_mentors_in_code(round_toml):
    """No mentors left (everyone withdrew): no numpy warnings, and a reason that says so."""
    rnd = matcher.load_round(round_toml)
    rnd = type(rnd)(**{**rnd.__dict__, "mentors": rnd.mentors.iloc[:0]})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        scores = matcher.score_round(rnd)
        matching = matcher.match_round(rnd, scores)
        tables = matcher.build_tables(rnd, scores, matching)
    reasons = tables["unmatched"]["reason"]
    assert len(reasons) == 12
    assert reasons.str.contains("no mentors", case=False).all(), reasons.tolist()


def test_zero_mentors_in_the_file(round_toml):
    frame = read_export(round_toml.parent / "mentors.csv")
    write_export(round_toml.parent / "mentors.csv", frame.iloc[:0])
    assert_clean(invoke("validate", round_toml), 2, r"mentors\.csv.*no sign-ups below the header")
    assert_clean(invoke("score", round_toml, "-o", round_toml.parent / "s.csv"), 2,
                 r"data error")


def test_zero_mentees_score_and_run(round_toml):
    frame = read_export(round_toml.parent / "mentees.csv")
    write_export(round_toml.parent / "mentees.csv", frame.iloc[:0])
    assert_clean(invoke("score", round_toml, "-o", round_toml.parent / "s.csv"), 2,
                 r"data error")
    assert not (round_toml.parent / "s.csv").exists()


def test_one_mentor_and_ten_thousand_mentees(tmp_path):
    round_toml = make_round(tmp_path / "round", n_mentors=1, n_mentees=10_000, seed=5)
    outdir = completed(round_toml)
    assert len(everyone(outdir)) == len(set(everyone(outdir))) == 10_000
    mentors = pd.read_csv(outdir / "mentors.csv")
    assert (mentors["assigned"] <= mentors["capacity"]).all()


# --- locks and forbidden pairs -------------------------------------------------------------

def _two_people(round_toml: Path) -> tuple[str, str, str]:
    mentees = read_export(round_toml.parent / "mentees.csv")
    mentors = read_export(round_toml.parent / "mentors.csv")
    return mentees.loc[0, "Email"], mentors.loc[0, "Email"], mentors.loc[1, "Email"]


def add_constraints(round_toml: Path, text: str) -> None:
    config = round_toml.read_text(encoding="utf-8")
    round_toml.write_text(config.replace("[constraints]\n", "[constraints]\n" + text + "\n", 1),
                          encoding="utf-8")


def test_lock_naming_an_unknown_person(round_toml):
    mentee, mentor, _ = _two_people(round_toml)
    add_constraints(round_toml, f'locked = [{{mentee = "{mentee[:-1]}x", mentor = "{mentor}"}}]')
    assert_clean(invoke("validate", round_toml), 2, r"locked pair names an unknown mentee",
                 rf"did you mean '{mentee}'")
    assert_clean(invoke("run", round_toml, "-o", round_toml.parent / "out"), 2)


@pytest.mark.parametrize("kind", ["locked", "forbidden"])
def test_an_empty_pairs_file_means_no_pairs_yet(round_toml, kind):
    """A coordinator's empty locked.csv / forbidden.csv (created, nothing typed yet) is no
    pairs, not an "export the form again" error; one with a header row and no rows as well."""
    (round_toml.parent / "empty.csv").write_bytes(b"")
    (round_toml.parent / "header.csv").write_text("mentee,mentor\n", encoding="utf-8")
    for name in ("empty.csv", "header.csv"):
        text = round_toml.read_text(encoding="utf-8")
        round_toml.write_text(text.replace(f'{kind}_file = "empty.csv"\n', ""), encoding="utf-8")
        add_constraints(round_toml, f'{kind}_file = "{name}"')
        assert_clean(invoke("validate", round_toml), 0)
        assert getattr(matcher.load_round(round_toml), kind).empty


def test_same_pair_locked_and_forbidden(round_toml):
    mentee, mentor, _ = _two_people(round_toml)
    pair = f'{{mentee = "{mentee}", mentor = "{mentor}"}}'
    add_constraints(round_toml, f"locked = [{pair}]\nforbidden = [{pair}]")
    assert_clean(invoke("validate", round_toml), 2, r"both locked and forbidden")
    assert_clean(invoke("run", round_toml, "-o", round_toml.parent / "out"), 2)


@pytest.mark.parametrize("language, unknown, both", [
    ("fi", "lukitussa parissa on tuntematon mentoroitava", "sekä lukittu että kielletty"),
    ("sv", "ett låst par nämner en okänd adept", "både låst och förbjudet")])
def test_lock_and_forbid_messages_in_the_round_language(round_toml, language, unknown, both):
    mentee, mentor, _ = _two_people(round_toml)
    config = round_toml.read_text(encoding="utf-8")
    round_toml.write_text(config.replace("[round]\n", f'[round]\nlanguage = "{language}"\n', 1),
                          encoding="utf-8")
    pair = f'{{mentee = "{mentee}", mentor = "{mentor}"}}'
    add_constraints(round_toml, f'locked = [{pair}, {{mentee = "{mentee[:-1]}x", mentor = '
                                f'"{mentor}"}}]\nforbidden = [{pair}]')
    outcome = invoke("validate", round_toml, "--format", "csv")
    assert outcome.code == 2 and unknown in outcome.stdout and both in outcome.stdout
    assert "mentees.csv" in outcome.stdout and "unknown" not in outcome.stdout


def test_mentor_locked_beyond_capacity(round_toml):
    mentees = read_export(round_toml.parent / "mentees.csv")
    mentors = read_export(round_toml.parent / "mentors.csv")
    change(round_toml, "mentors", Q_CAPACITY, {0: "1"})
    change(round_toml, "mentors", Q_MENTOR_LANGUAGES, {0: "suomi, englanti, ruotsi"})
    change(round_toml, "mentees", Q_MENTEE_LANGUAGES, {0: "suomi", 1: "suomi"})
    pairs = ", ".join(f'{{mentee = "{mentees.loc[i, "Email"]}", mentor = "{mentors.loc[0, "Email"]}"}}'
                      for i in (0, 1))
    add_constraints(round_toml, f"locked = [{pairs}]")
    outdir = round_toml.parent / "out"
    assert_clean(invoke("run", round_toml, "-o", outdir), 3, r"capacity", outdir=outdir)
    assert not outdir.exists()


# --- ties and self-pairing -----------------------------------------------------------------

def test_all_scores_equal_is_deterministic(round_toml, tmp_path):
    # everyone answers like the first mentee (questions on both forms) or the first mentor, and no
    # mentee wishes for a gender: every pair is compatible and scores the same, whatever the seed
    frames = {who: read_export(round_toml.parent / f"{who}.csv") for who in ("mentees", "mentors")}
    first_mentee = frames["mentees"].iloc[0]
    for who, frame in frames.items():
        for column in frame.columns:
            if column not in ("Id", "Email", "Name"):
                frame[column] = first_mentee.get(column, frame.loc[0, column])
        frame[[c for c in frame.columns if "particular gender" in c]] = ""
        write_export(round_toml.parent / f"{who}.csv", frame)
    first, second = tmp_path / "a", tmp_path / "b"
    assert_clean(invoke("run", round_toml, "-o", first, "--quiet"), 0)
    assert_clean(invoke("run", round_toml, "-o", second, "--quiet"), 0)
    for name in ("pairs.csv", "unmatched.csv", "mentors.csv", "pairs.xlsx", "report.html"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    assert pd.read_csv(first / "pairs.csv")["score"].nunique() == 1


def test_same_person_as_mentor_and_mentee_is_never_self_paired(round_toml):
    mentors = read_export(round_toml.parent / "mentors.csv")
    mentees = read_export(round_toml.parent / "mentees.csv")
    # the mentee signs up as a mentor too, with everything a perfect match would need
    change(round_toml, "mentees", "Email", {0: mentors.loc[0, "Email"].upper()})
    change(round_toml, "mentees", Q_MENTEE_LANGUAGES, {0: mentors.loc[0, Q_MENTOR_LANGUAGES]})
    assert_clean(invoke("validate", round_toml), 0, r"mentees\.csv +2 .* also signed up as a mentor \(row 2 of mentors\.csv\); never paired with themselves")
    outdir = completed(round_toml)
    pairs = pd.read_csv(outdir / "pairs.csv", dtype=str)
    emails = set(zip(pairs["mentee_email"].str.lower(), pairs["mentor_email"].str.lower()))
    assert not any(a == b for a, b in emails)
    del mentees


# --- what people type ----------------------------------------------------------------------

NAMES = ["محمد الأحمد", "Олена Коваленко", "王小明", "Zoë 🌟 Ångström", "=HYPERLINK(\"http://x\")",
         "+358 40 123", "-Aino", "@Ahmed", "\tTab", "Nul\x00Esc\x1b[31mRed", "line\nbreak"]


def test_names_in_every_script_and_formula_triggers(round_toml):
    change(round_toml, "mentees", "Name", dict(enumerate(NAMES)))
    change(round_toml, "mentors", "Name", dict(enumerate(NAMES[4:])))
    outdir = completed(round_toml)
    for name in ("pairs.csv", "unmatched.csv", "mentors.csv", "introductions.csv"):
        data = (outdir / name).read_bytes()
        assert b"\x00" not in data and b"\x1b" not in data, name
        frame = pd.read_csv(outdir / name, dtype=str, keep_default_na=False)
        for column in frame.columns:
            assert not frame[column].str.startswith(("=", "+", "-", "@", "\t", "\r")).any(), (name, column)
    html = (outdir / "report.html").read_text(encoding="utf-8")
    assert "\x00" not in html and "\x1b" not in html
    assert "王小明" in (outdir / "pairs.csv").read_text(encoding="utf-8-sig") + \
        (outdir / "unmatched.csv").read_text(encoding="utf-8-sig")
    book = openpyxl.load_workbook(outdir / "pairs.xlsx")
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            for value in row:
                if isinstance(value, str):
                    assert not value.startswith(("=", "+", "-", "@")), (sheet.title, value)


def test_a_100_kb_cell(round_toml):
    text = ("Haluan oppia lisää alan työelämästä. " * 3000)[:100_000]
    change(round_toml, "mentees", "Describe your goals in your own words / Kuvaile "
           "tavoitteitasi omin sanoin", {0: text})
    change(round_toml, "mentors", "Tell briefly about yourself / Kerro lyhyesti itsestäsi", {0: text})
    outdir = completed(round_toml)
    assert len(everyone(outdir)) == 12
    assert text[:200] not in (outdir / "pairs.csv").read_text(encoding="utf-8-sig")


def test_a_pasted_page_in_choice_columns(round_toml):
    """A 20,000-letter "word" in a field answer and a pasted page of 3,000 words in a goals and a
    language answer: read (as answers of their own) in seconds; stemming and compound splitting
    once took minutes on the long word, and reading a language level on the page."""
    page = " ".join(f"sana{i}" for i in range(3000))
    change(round_toml, "mentees", "Which field are you in or aiming for? / Mikä on alasi tai "
           "tavoitealasi?", {0: "x" * 20_000})
    change(round_toml, "mentees", "What would you like help with? / Missä asioissa toivot tukea?",
           {1: page})
    change(round_toml, "mentees", Q_MENTEE_LANGUAGES, {2: "Finnish " + page})
    folder = round_toml.parent
    assert_clean(invoke("init", folder / "mentors.csv", folder / "mentees.csv", "-o",
                        folder / "again.toml"), 0)
    outdir = completed(round_toml)
    assert len(everyone(outdir)) == 12


def test_newlines_nul_and_escape_inside_cells(round_toml):
    change(round_toml, "mentees", "Describe your goals in your own words / Kuvaile tavoitteitasi "
           "omin sanoin", {0: "first\nsecond\r\nthird", 1: "nul\x00here", 2: "esc\x1b[2Jcleared"})
    change(round_toml, "mentees", "City / Paikkakunta", {3: "Helsinki\x00", 4: "Es\x1bpoo"})
    outdir = completed(round_toml)
    for path in outdir.iterdir():
        data = path.read_bytes()
        if path.suffix in (".csv", ".html", ".json"):
            assert b"\x00" not in data and b"\x1b" not in data, path.name
    assert len(everyone(outdir)) == 12


def test_personal_data_never_reaches_the_terminal(round_toml):
    change(round_toml, "mentees", "Name", {0: "Secret\x1b]0;pwned\x07Name"})
    change(round_toml, "mentors", Q_CAPACITY, {1: "\x1b[2Jlots"})
    result = invoke("validate", round_toml)
    assert "\x1b" not in result.text
    assert np.isfinite(result.code)


def test_iso_times_with_milliseconds_and_mixed_offsets(round_toml):
    # a KoboToolbox-style export: ISO 8601 with milliseconds and an offset, mixed with "Z" and
    # naive times in one column; the same e-mail twice, where only the offsets tell which is later
    frame = read_export(round_toml.parent / "mentees.csv")
    times = ["2026-01-05T10:15:03.512+02:00", "2026-01-05T09:00:00Z", "2026-01-05 10:15:03",
             "2026-01-05T12:00:00.250-0300", "2026-01-05T10:15+02"]
    for column in ("Start time", "Completion time"):
        frame[column] = [times[k % len(times)] for k in range(len(frame))]
    frame.loc[1, "Email"] = frame.loc[0, "Email"]  # 08:15:03.512 UTC, then 09:00 UTC
    write_export(round_toml.parent / "mentees.csv", frame)
    outcome = assert_clean(invoke("validate", round_toml), 0, r"mentees\.csv.*row 2\b.*duplicate"
                           r"|duplicate.*row 3\b")
    assert "not a date" not in outcome.text.lower()
    mentees = matcher.load_round(round_toml).mentees
    assert mentees["submitted_at"].notna().all()
    assert 2 not in set(mentees["row"]) and 3 in set(mentees["row"])  # the later one is kept
    assert mentees.set_index("row").loc[5, "submitted_at"] == pd.Timestamp("2026-01-05 15:00:00.250")
    assert_clean(invoke("run", round_toml, "-o", round_toml.parent / "out", "--quiet"), 0)
