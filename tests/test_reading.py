"""Reading unseen forms: learned multi-select options, meaning, alignment, aggregation, content."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from matcher import evaluation, load_round, vocab
from matcher.detect import detect_columns
from matcher.vocab.options import OptionSplitter
from matcher.vocab.reading import read_options

from conftest import write_csv

VOCAB = Path(vocab.__file__).parent


def test_google_forms_comma_inside_an_option_is_one_option():
    cells = (["Networking, Job-seeking skills, applications and interviews, Studies"] * 3
             + ["Arts, Culture and Media, Networking"] * 4 + ["Networking", "Studies"] * 5)
    splitter = OptionSplitter(cells, [";", ","])
    assert splitter.split(cells[0]) == ("Networking", "Job-seeking skills, applications and interviews",
                                        "Studies")
    assert splitter.split("Arts, Culture and Media, Networking") == ("Arts, Culture and Media",
                                                                     "Networking")


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Alpha", "Beta", "Gamma", "Delta", "Omega"]),
                          st.sampled_from(["", ", with extras", ", planning and doing"])),
                min_size=2, max_size=5, unique_by=lambda t: t[0]),
       st.lists(st.lists(st.integers(0, 4), min_size=1, max_size=4, unique=True), min_size=5,
                max_size=30), st.sampled_from(["google", "microsoft"]))
def test_splitter_recovers_the_chosen_options(options, choices, form):
    names = [head + tail for head, tail in options]
    chosen = [[names[i] for i in sorted(set(c)) if i < len(names)] or [names[0]] for c in choices]
    join = (lambda o: "".join(f"{x};" for x in o)) if form == "microsoft" else ", ".join
    chosen += [[name] for name in names]  # each option is chosen alone by someone
    cells = [join(c) for c in chosen]
    splitter = OptionSplitter(cells, [";", ","])
    assert [list(splitter.split(cell)) for cell in cells] == chosen


def test_mentor_and_mentee_wordings_are_aligned_and_never_ignored():
    found = read_options("goals", {
        "mentees": ["Coping with stress at work", "Building my network", "Astrology"],
        "mentors": ["I can help you cope with stress at work", "I can help with networking"]})
    mentee, mentor = found["mentees"], found["mentors"]
    assert mentee["Building my network"].key == mentor["I can help with networking"].key == "networking"
    assert mentee["Coping with stress at work"].key == mentor["I can help you cope with stress at work"].key
    assert mentee["Astrology"].method == "own" and mentee["Astrology"].key == "astrology"


def test_experience_sentences_are_about_not_years(tmp_path):
    table = pd.DataFrame({"Email": [f"p{i}@example.org" for i in range(6)],
                          "Languages": ["Finnish"] * 6,
                          "Tell us about your work experience": [
                              f"I have worked as a nurse for {i + 3} years in two hospitals" for i in range(6)]})
    detection = detect_columns(table, "mentors")
    assert detection.columns.get("about") == "Tell us about your work experience"
    assert "years_experience" not in detection.columns
    assert detection.notes and "sentences" in detection.notes[0]


def test_vocabulary_notes_once_per_distinct_answer(tmp_path):
    n = 200
    people = pd.DataFrame({"Email": [f"p{i}@example.org" for i in range(n)], "Languages": ["Finnish"] * n,
                           "Goals": ["Astrology;Networking;"] * n})
    write_csv(tmp_path / "m.csv", people.rename(columns={"Goals": "Topics"}))
    write_csv(tmp_path / "e.csv", people)
    from matcher.detect import write_config
    write_config(tmp_path / "r.toml", "T", "m.csv", "e.csv",
                 {"email": "Email", "languages": "Languages", "topics": "Topics"},
                 {"email": "Email", "languages": "Languages", "goals": "Goals"})
    rnd = load_round(tmp_path / "r.toml")
    notes = rnd.issues[rnd.issues["value"] == "Astrology"]
    assert len(notes) == 2 and notes["problem"].str.contains(f"{n} rows").all()
    assert rnd.mentees["goals"].iloc[0] == ("astrology", "networking")
    assert set(rnd.answers["answer"]) == {"Astrology", "Networking", "Finnish"}


def test_held_out_splits_never_enter_the_vocabulary():
    names = set()
    for kind in ("fields", "goals"):
        words = vocab.vocabulary(kind)
        names |= {vocab.normalise(n) for key in words.keys for n in words.names(key)}
    data = tomllib.loads((VOCAB / "concepts.toml").read_text(encoding="utf-8"))
    described = " | ".join(vocab.normalise(t) for entries in data.values() for entry in entries.values()
                           for texts in entry.values() for t in texts)
    held_out = evaluation.phrases()
    for concepts in (c for split in ("test", "blind") for c in held_out[split].values()):
        for texts in concepts.values():
            for phrase in (p for pair in texts.values() for p in pair):
                norm = vocab.normalise(phrase)
                assert norm not in names and norm not in described, phrase


def test_reading_evaluation_fast(tmp_path):
    figures = evaluation.evaluate(tmp_path, "test", "microsoft", n_mentees=40, n_mentors=30, seed=3)
    assert figures["language"] == 1.0
    assert figures["field"] >= 0.9 and figures["goals"] >= 0.7 and figures["worth"] >= 0.8
