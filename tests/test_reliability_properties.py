"""Reliability invariants, property-tested with hypothesis (issue 13, "Invariants").

Over generated rounds (any sizes, capacities, languages, locks and forbidden pairs, people signed
up on both sides) and over randomly corrupted export files:

* every valid participant appears exactly once: paired, unmatched (with a reason) or not included;
* no capacity and no hard constraint is ever broken;
* identical inputs give byte-identical outputs;
* a corrupted file ends in a complete result or in a clean refusal, never a traceback.
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import matcher
from matcher import synthetic
from matcher.errors import MatcherError
from matcher.intake.values import parse_times
from tests.hostile import OUTPUT_FILES, assert_clean, invoke, make_round, read_export, write_export

LANGUAGE_ANSWERS = ["suomi", "englanti", "ruotsi", "arabia", "Tigrinya", "", "suomi, englanti"]
PROPERTY_SETTINGS = settings(max_examples=10, deadline=None, derandomize=True,
                             suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                    HealthCheck.too_slow])


@st.composite
def rounds(draw):
    """A round's two exports with hostile but valid choices drawn over them."""
    n_mentors = draw(st.integers(1, 7))
    n_mentees = draw(st.integers(1, 10))
    seed = draw(st.integers(0, 10_000))
    mentors = synthetic.mentor_export(n_mentors, seed=seed, messy=False)
    mentees = synthetic.mentee_export(n_mentees, seed=seed + 1, messy=False)
    mentors[synthetic.Q_CAPACITY] = [str(draw(st.integers(0, 3))) for _ in range(n_mentors)]
    for frame, header in ((mentors, synthetic.Q_LANGUAGES_MENTOR),
                          (mentees, synthetic.Q_LANGUAGES_MENTEE)):
        changed = draw(st.lists(st.integers(0, len(frame) - 1), max_size=3))
        for row in changed:
            frame.loc[row, header] = draw(st.sampled_from(LANGUAGE_ANSWERS))
    if draw(st.booleans()):  # someone signs up on both sides
        mentees.loc[0, "Email"] = mentors.loc[0, "Email"]
    pairs = st.tuples(st.integers(0, n_mentees - 1), st.integers(0, n_mentors - 1))
    locked = draw(st.lists(pairs, max_size=2, unique_by=lambda p: p[0]))
    forbidden = draw(st.lists(pairs, max_size=3))
    return mentors, mentees, locked, forbidden


def write_round(folder: Path, mentors, mentees, locked, forbidden) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    mentors.to_csv(folder / "mentors.csv", sep=";", index=False, encoding="utf-8-sig")
    mentees.to_csv(folder / "mentees.csv", sep=";", index=False, encoding="utf-8-sig")
    from matcher.detect import write_config

    path = write_config(folder / "round.toml", name="Property round", mentors_file="mentors.csv",
                        mentees_file="mentees.csv", mentor_columns=synthetic.MENTOR_HEADERS,
                        mentee_columns=synthetic.MENTEE_HEADERS)

    def refs(pairs):
        return ", ".join(f'{{mentee = "{mentees.loc[e, "Email"]}", mentor = "{mentors.loc[r, "Email"]}"}}'
                         for e, r in pairs)

    text = path.read_text(encoding="utf-8")
    extra = f"locked = [{refs(locked)}]\nforbidden = [{refs(forbidden)}]\n"
    path.write_text(text.replace("[constraints]\n", "[constraints]\n" + extra, 1), encoding="utf-8")
    return path


def check_invariants(rnd, scores, matching, tables) -> None:
    """The promises every result keeps, whatever the input."""
    # a mentee left out before matching (no consent, a rule) is in Unmatched with why, and in the
    # Not included list beside the mentors left out
    left_out = tables["not_included"].query("role == 'mentee'")["id"].tolist()
    mentees = list(rnd.mentees.index) + left_out
    paired = tables["pairs"]["mentee_id"].tolist()
    unmatched = tables["unmatched"]["mentee_id"].tolist()
    counts = Counter(set(paired)) + Counter(unmatched)
    assert set(counts.values()) <= {1}, "someone appears twice"
    assert set(paired) | set(unmatched) == set(mentees), "someone is missing"
    assert not set(tables["not_included"].query("role == 'mentor'")["id"]) & set(rnd.mentors.index)
    assert all(len(str(reason)) > 20 for reason in tables["unmatched"]["reason"])
    load = tables["pairs"]["mentor_id"].value_counts()
    capacity = rnd.mentors["capacity"]
    assert (load <= capacity.reindex(load.index)).all(), "a mentor over capacity"
    rows = rnd.mentees.index.get_indexer(tables["pairs"]["mentee_id"])
    cols = rnd.mentors.index.get_indexer(tables["pairs"]["mentor_id"])
    assert scores.feasible[rows, cols].all(), "a pair breaks a hard constraint"
    emails = set(zip(tables["pairs"]["mentee_email"].fillna("").str.lower(),
                     tables["pairs"]["mentor_email"].fillna("").str.lower()))
    assert not any(a == b and a for a, b in emails), "a person paired with themselves"
    forbidden = set(zip(rnd.forbidden["mentee_id"], rnd.forbidden["mentor_id"]))
    assert not forbidden & set(zip(tables["pairs"]["mentee_id"], tables["pairs"]["mentor_id"]))
    del matching


@PROPERTY_SETTINGS
@given(drawn=rounds())
def test_generated_rounds_keep_every_promise(tmp_path, drawn):
    folder = tmp_path / "round"
    shutil.rmtree(folder, ignore_errors=True)
    config = write_round(folder, *drawn)
    rnd = matcher.load_round(config)
    if not rnd.ok:  # a lock on a self-pair, a lock and a forbid on one pair: said, not matched
        assert (rnd.issues["severity"] == "error").any()
        assert_clean(invoke("run", config, "-o", folder / "out"), 2, outdir=folder / "out")
        return
    scores = matcher.score_round(rnd)
    try:
        matching = matcher.match_round(rnd, scores)
    except MatcherError as error:  # locks that cannot all hold: exit code 3, named
        assert error.exit_code == 3 and str(error)
        return
    check_invariants(rnd, scores, matching, matcher.build_tables(rnd, scores, matching))


@settings(max_examples=2, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(drawn=rounds())
def test_identical_inputs_give_byte_identical_outputs(tmp_path, drawn):
    folder = tmp_path / "round"
    shutil.rmtree(folder, ignore_errors=True)
    config = write_round(folder, *drawn)
    outcomes = [invoke("run", config, "-o", folder / name, "--quiet") for name in ("a", "b")]
    assert outcomes[0].code == outcomes[1].code
    if outcomes[0].code:
        return
    for name in sorted(OUTPUT_FILES - {"audit.json"}):  # the audit holds the run's own timings
        assert (folder / "a" / name).read_bytes() == (folder / "b" / name).read_bytes(), name


# --- randomly corrupted files --------------------------------------------------------------

@st.composite
def corruptions(draw, size: int):
    """A list of edits to a file's bytes: flips, cuts, inserted quotes, delimiters, NULs, lines."""
    edit = st.one_of(
        st.tuples(st.just("flip"), st.integers(0, size - 1), st.integers(0, 255)),
        st.tuples(st.just("cut"), st.integers(0, size - 1), st.just(0)),
        st.tuples(st.just("insert"), st.integers(0, size - 1),
                  st.sampled_from([b'"', b";", b"\n", b"\x00", b"\r\n", b'""', b"\xff\xfe", b"="])),
        st.tuples(st.just("repeat-line"), st.integers(0, size - 1), st.just(0)),
    )
    return draw(st.lists(edit, min_size=1, max_size=4))


def corrupt(data: bytes, edits) -> bytes:
    for kind, position, extra in edits:
        position = min(position, max(len(data) - 1, 0))
        if kind == "flip" and data:
            data = data[:position] + bytes([extra]) + data[position + 1:]
        elif kind == "cut":
            data = data[:position]
        elif kind == "insert":
            data = data[:position] + extra + data[position:]
        elif kind == "repeat-line":
            start = data.rfind(b"\n", 0, position) + 1
            end = data.find(b"\n", position)
            line = data[start:end + 1 if end >= 0 else len(data)]
            data = data[:start] + line + data[start:]
    return data


@given(data=st.data())
@settings(max_examples=10, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_corrupted_csv_exports_end_cleanly(corrupt_round, data):
    """``validate`` ends cleanly; when it passes, the round is matched and keeps every promise."""
    config = corrupted(corrupt_round, "csv", data)
    outcome = invoke("validate", config)
    assert_clean(outcome, outcome.code)
    if outcome.code == 0:
        rnd = matcher.load_round(config)
        scores = matcher.score_round(rnd)
        matching = matcher.match_round(rnd, scores)
        check_invariants(rnd, scores, matching, matcher.build_tables(rnd, scores, matching))


@given(data=st.data())
@settings(max_examples=6, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_corrupted_xlsx_exports_end_cleanly(corrupt_round, data):
    assert_clean_or_refused(corrupted(corrupt_round, "xlsx", data))


def corrupted(corrupt_round, fmt: str, data) -> Path:
    """The round of ``fmt`` with its mentee export damaged by a drawn list of corruptions."""
    config, pristine = corrupt_round[fmt]
    (config.parent / f"mentees.{fmt}").write_bytes(corrupt(pristine, data.draw(corruptions(len(pristine)))))
    return config


def assert_clean_or_refused(config: Path):
    outdir = config.parent / "out"
    shutil.rmtree(outdir, ignore_errors=True)
    outcome = invoke("run", config, "-o", outdir, "--quiet")
    assert outcome.code in (0, 2, 3), outcome.text
    return assert_clean(outcome, outcome.code, outdir=outdir)


import pytest  # noqa: E402  (fixtures below the helpers they use)


@pytest.fixture(scope="module")
def corrupt_round(tmp_path_factory):
    """One small round per format, and the pristine bytes of its mentee export."""
    made = {}
    for fmt in ("csv", "xlsx"):
        config = make_round(tmp_path_factory.mktemp(fmt) / "round", n_mentors=5, n_mentees=8,
                            fmt=fmt)
        path = config.parent / f"mentees.{fmt}"
        write_export(path, read_export(path))
        made[fmt] = (config, path.read_bytes())
    return made


#: pieces of date-times as survey tools write them, to be combined in any order
_TIME_PARTS = st.sampled_from(["2026-01-05", "T", " ", "10:15", ":03", ".512", ".123456789",
                               "+02:00", "+0200", "+02", "-03:30", "Z", " GMT+2", " AM", " PM",
                               "5.1.2026", "10.15", "1/5/2026", "3026-01-05", "0001-01-01",
                               "99999-01-01", "x", ""])


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.lists(st.lists(_TIME_PARTS, max_size=5).map("".join), max_size=8))
def test_times_in_any_mix_read_or_are_nat(answers):
    written = pd.Series(answers, dtype=object, index=range(10, 10 + len(answers)))
    parsed = parse_times(written)
    assert str(parsed.dtype) == "datetime64[ns]"
    assert parsed.index.equals(written.index)
    years = parsed.dropna().dt.year
    assert years.between(1900, 2200).all()
