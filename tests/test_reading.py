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


def _keys(kind: str, mentees: list[str], mentors: list[str]) -> dict[str, tuple[str, str]]:
    """{answer: (key, method)} over both forms."""
    found = read_options(kind, {"mentees": mentees, "mentors": mentors})
    return {o: (r.key, r.method) for side in found.values() for o, r in side.items()}


def test_compounds_are_read_by_their_known_parts():
    from matcher.vocab import meaning
    assert meaning.stem("teknik") in meaning.word_stems("maskinteknik")
    assert meaning.word_stems("verkostoituminen") == (meaning.stem("verkostoituminen"),)
    read = _keys("fields", ["Maskinteknik", "Sjukvård"], ["Elteknik och automation", "Vård"])
    assert read["Maskinteknik"][0] == read["Elteknik och automation"][0] == "engineering"
    # "työpaikka|kulttuuri"; "Suomessa" only says where
    read = _keys("goals", ["Työpaikkakulttuuri Suomessa", "Verkostoituminen"],
                 ["Kerron suomalaisesta työkulttuurista", "Verkostot"])
    assert read["Työpaikkakulttuuri Suomessa"][0] == "working_life_culture"
    assert read["Kerron suomalaisesta työkulttuurista"][0] == "working_life_culture"


def test_wellbeing_is_a_built_in_goal():
    assert "wellbeing" in vocab.GOAL_KEYS
    read = _keys("goals", ["Stress at work", "Työssä jaksaminen"], ["Välmående i arbetet"])
    assert {key for key, _ in read.values()} == {"wellbeing"}


def test_options_left_on_both_forms_are_one_category():
    # no word in common, nothing in the vocabulary: the one answer left on each form
    read = _keys("goals", ["Cooking classes", "Networking"], ["Recipes and kitchen tips", "Networking"])
    assert read["Cooking classes"] == read["Recipes and kitchen tips"] == ("cooking_classes",
                                                                           "elimination")
    # two left on one form, one on the other: nothing says which belongs with which
    read = _keys("goals", ["Cooking classes", "Astrology", "Networking"],
                 ["Recipes and kitchen tips", "Networking"])
    assert {read[o][1] for o in ("Cooking classes", "Astrology", "Recipes and kitchen tips")} == {"own"}


def test_weak_evidence_never_reads_a_second_option_as_a_concept_its_form_has():
    read = _keys("goals", ["Getting a job", "Finding a new profession", "Networking"],
                 ["Support in finding work", "Networking"])
    assert read["Getting a job"][0] == "job_search_support"
    assert read["Finding a new profession"][0] != "job_search_support"
    read = _keys("goals", ["Encouragement in the job hunt", "Finding a mentor for the job hunt"],
                 ["Encouragement in job hunting", "Mentor"])
    assert read["Mentor"] == ("mentor", "own")


def test_every_confidence_is_a_share():
    found = read_options("goals", {"mentees": ["Support while job hunting", "Finding a new profession"],
                                   "mentors": ["Support in finding work", "New profession"]})
    assert all(0 <= r.confidence <= 1 for side in found.values() for r in side.values())


def test_a_second_unclear_option_of_one_concept_is_left_to_alignment():
    # "Computer skills" shares only "skills" with strengths, which "Knowing my strengths" means
    # clearly: the form offers strengths once, so the weaker one is paired across the forms
    read = _keys("goals", ["Contacts in my field", "Computer skills", "Knowing my strengths"],
                 ["I share my contacts", "Using digital services", "I help you see your strengths"])
    assert read["Knowing my strengths"][0] == read["I help you see your strengths"][0] == "strengths"
    assert read["Computer skills"][0] == read["Using digital services"][0] != "strengths"


def test_a_text_of_function_words_only_keeps_its_words():
    from matcher.vocab import meaning
    assert meaning.words("Se vad jag kan") == ("se", "vad", "jag", "kan")
    assert meaning.words("What I can do with my CV") == ("cv",)


def test_two_options_of_one_concept_give_one_up_to_the_concept_the_form_lacks():
    # the mentor form reads wellbeing twice and job-search support never; the mentee form reads
    # job-search support: the option closer to it moves there, the other keeps wellbeing
    found = _keys("goals", ["Tarvitsen tukea työnhaun ajaksi", "Tarvitsen apua stressin kanssa",
                            "Tarvitsen apua yrityksen perustamiseen"],
                  ["Voin auttaa jaksamaan työnhaussa", "Voin auttaa stressin ja voimavarojen hallinnassa",
                   "Voin auttaa ryhtymään yrittäjäksi"])
    # read there directly (aligned) or moved there (elimination): either way job-search support
    assert found["Voin auttaa jaksamaan työnhaussa"][0] == "job_search_support"
    assert found["Voin auttaa stressin ja voimavarojen hallinnassa"][0] == "wellbeing"
    assert found["Tarvitsen tukea työnhaun ajaksi"][0] == "job_search_support"


def test_two_options_of_one_concept_stay_when_the_other_form_lacks_nothing():
    found = _keys("goals", ["Tarvitsen apua stressin kanssa", "Tarvitsen apua yrityksen perustamiseen"],
                  ["Voin auttaa jaksamaan työnhaussa", "Voin auttaa stressin ja voimavarojen hallinnassa",
                   "Voin auttaa ryhtymään yrittäjäksi"])
    # nothing is missing on the mentee form, so nothing is moved by elimination
    assert found["Voin auttaa jaksamaan työnhaussa"][1] != "elimination"
    assert found["Voin auttaa stressin ja voimavarojen hallinnassa"][0] == "wellbeing"


def test_comma_inside_an_option_counts_once_in_column_detection():
    from matcher.contents import read_shape

    cells = (["Networking, Job-seeking skills (CV, applications, interviews)"] * 3
             + ["Job-seeking skills, applications and interviews, Networking"] * 3
             + ["Job-seeking skills, applications and interviews"] * 3 + ["Networking"] * 3)
    found = read_shape(pd.Series(cells))
    assert found.options == 3 and found.multi == 0.5


def test_finnish_mentor_options_pair_with_english_mentee_options():
    # a Finnish mentor form and an English mentee form share no word: the built-in topics are
    # read by meaning on each side, and the one topic no concept has is the last one left on
    # both forms, so the two wordings are one category
    found = read_options("goals", {
        "mentees": ["I need help with my CV", "Learning to use a smartphone",
                    "Handling stress at work", "Leading a team"],
        "mentors": ["Autan CV:n kanssa", "Opetan älypuhelimen käyttöä", "Työstressin hallinta",
                    "Esihenkilötyö"]})
    pairs = [("I need help with my CV", "Autan CV:n kanssa"),
             ("Learning to use a smartphone", "Opetan älypuhelimen käyttöä"),
             ("Handling stress at work", "Työstressin hallinta"), ("Leading a team", "Esihenkilötyö")]
    for mentee, mentor in pairs:
        assert found["mentees"][mentee].key == found["mentors"][mentor].key
    phone = found["mentors"]["Opetan älypuhelimen käyttöä"]
    assert phone.method == "elimination" and phone.runner_up == "Learning to use a smartphone"


def test_a_concept_only_the_other_form_reads_goes_to_the_option_leaning_to_it():
    # "keeping my spirits up" shares no word with any wellbeing text, but leans to wellbeing
    # more than to anything else; the other leftover pair is the concept-less one
    found = read_options("goals", {
        "mentees": ["I need help keeping my spirits up", "I need help with gardening",
                    "I need help starting a business"],
        "mentors": ["Voin auttaa stressin ja voimavarojen hallinnassa", "Voin auttaa puutarhanhoidossa",
                    "Voin auttaa yrityksen perustamisessa"]})
    assert found["mentees"]["I need help keeping my spirits up"].key == "wellbeing"
    assert (found["mentees"]["I need help with gardening"].key
            == found["mentors"]["Voin auttaa puutarhanhoidossa"].key)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(["Zorblat", "Quenthis", "Mirvalo", "Tesk", "Plonar", "Vexhaut"]),
                min_size=1, max_size=5, unique=True),
       st.lists(st.sampled_from(["Hurmelo", "Kastrivi", "Jolpak", "Ustrena", "Brivo", "Ofanti"]),
                min_size=1, max_size=5, unique=True))
def test_leftover_options_pair_one_to_one(mentees, mentors):
    # whatever is left on the two forms: every option is read, an option of one form pairs with
    # at most one of the other, and with equally many left every one is paired
    found = read_options("goals", {"mentees": mentees, "mentors": mentors})
    assert set(found["mentees"]) == set(mentees) and set(found["mentors"]) == set(mentors)
    shared = {r.key for r in found["mentees"].values()} & {r.key for r in found["mentors"].values()}
    for side in found:
        keys = [r.key for r in found[side].values()]
        assert len(keys) == len(set(keys))
    if len(mentees) == len(mentors):
        assert len(shared) == len(mentees)
    for side, other in (("mentees", "mentors"), ("mentors", "mentees")):
        for reading in found[side].values():
            if reading.key in shared:
                assert found[other][reading.runner_up].key == reading.key


def test_a_profession_question_stands_for_the_field_when_there_is_none():
    table = pd.DataFrame({"Email": ["a@example.org", "b@example.org"],
                          "Job title": ["Sairaanhoitaja", "Ohjelmistokehittäjä"],
                          "Languages": ["suomi", "englanti"]})
    found = detect_columns(table, "mentors")
    assert found.columns["field"] == found.columns["job_title"] == "Job title"
    assert any("job title" in note for note in found.notes)
    with_field = table.assign(Field=["Health care", "ICT"])
    assert detect_columns(with_field, "mentors").columns["field"] == "Field"


def test_an_occupation_reads_as_the_field_its_modifier_names():
    # a head many fields' occupations share ("consultant", "asiantuntija", "-kehittäjä") says
    # little; the modifier says which field. None of these answers is a name or a description.
    answers = {"Software consultant": "ict", "Tax consultant": "finance",
               "Pankkiasiantuntija": "finance", "Verkkokehittäjä": "ict",
               "Restaurant worker": "hospitality", "Kuljetusalan työntekijä": "logistics",
               "Hospital work": "health"}
    read = read_options("fields", {"mentees": list(answers), "mentors": []})["mentees"]
    assert {o: r.key for o, r in read.items()} == answers
    assert all(r.method == "meaning" for r in read.values())
    # a modifier no field knows leaves the answer a category of its own: its head alone
    # ("artist") is no reading
    tattoo = read_options("fields", {"mentees": ["Tattoo artist"], "mentors": []})["mentees"]
    assert tattoo["Tattoo artist"].method == "own"


def test_the_head_weight_is_for_fields_only():
    from matcher.vocab import reading

    assert reading._builtin_concepts("fields").weighing.head < 1.0
    goals = reading._builtin_concepts("goals").weighing
    assert goals.head == 1.0 and not goals.apart


def test_an_office_of_a_field_reads_as_the_field_not_as_office_work():
    # "-toimisto" / "-byrå" / "firm" is the kind of workplace; the modifier names the field
    answers = {"Asianajotoimisto": "law", "Lakitoimisto": "law", "Advokatbyrå": "law",
               "Law firm": "law", "Tilitoimisto": "finance"}
    read = read_options("fields", {"mentees": list(answers), "mentors": []})["mentees"]
    assert {o: r.key for o, r in read.items()} == answers
