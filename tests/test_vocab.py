"""Vocabularies: synonyms in English/Finnish/Swedish, fuzzy did-you-mean, levels, meeting modes."""

from collections import Counter

import pytest
from hypothesis import given, strategies as st

from matcher import vocab
from matcher.vocab import AUTO_CORRECT, Match, label, keys, vocabulary


def test_labels_of_documented_keys():
    assert label("fields", "ict") == "ICT"
    assert label("languages", "fi") == "Finnish"
    assert label("goals", "job_search_skills") == "job-seeking skills"
    assert label("cities", "Turku") == "Turku"
    assert label("fields", "not_builtin") == "not builtin"


def test_field_and_goal_keys_are_exactly_the_contract():
    assert keys("fields") == vocab.FIELD_KEYS
    assert keys("goals") == vocab.GOAL_KEYS
    assert {"fi", "sv", "en", "ru", "et", "ar", "so", "fa", "uk", "zh", "ku"} <= set(keys("languages"))


@pytest.mark.parametrize("kind", vocab.KINDS)
def test_no_name_means_two_keys(kind):
    table = vocab._entries(kind)
    owners = Counter()
    for key, names in table.items():
        for name in {vocab.normalise(n) for n in (key, *names)}:
            owners[name] += 1
    assert [name for name, count in owners.items() if count > 1] == []


@pytest.mark.parametrize("kind, raw, key", [
    ("languages", "suomi", "fi"), ("languages", " ENGLANTI ", "en"), ("languages", "svenska", "sv"),
    ("languages", "farsi", "fa"), ("languages", "Dari", "fa"), ("languages", "venäjä", "ru"),
    ("languages", "venaja", "ru"), ("languages", "viro", "et"),
    ("fields", "Tietotekniikka", "ict"), ("fields", "IT", "ict"), ("fields", "hoitoala", "health"),
    ("fields", "Tietotekniikka (IT)", "ict"), ("fields", "myynti / markkinointi", "sales_marketing"),
    ("fields", "kiinteistöpalvelut", "property_services"), ("fields", "HR", "hr"),
    ("goals", "osaamisen tunnistaminen", "strengths"), ("goals", "CV ja hakemukset", "job_search_skills"),
    ("goals", "Työelämäkulttuuri", "working_life_culture"), ("goals", "yrittäjyys", "entrepreneurship"),
    ("cities", "Helsingfors", "Helsinki"), ("cities", "åbo", "Turku"), ("cities", "JYVASKYLA", "Jyväskylä"),
    ("cities", "Espoossa", "Espoo"),
])
def test_exact_synonyms(kind, raw, key):
    assert vocabulary(kind).resolve(raw) == Match(key, 100.0, "exact")


def test_typo_is_corrected_and_far_answer_only_suggested():
    languages = vocabulary("languages")
    finish = languages.resolve("Finish")
    assert finish.status == "corrected" and finish.key == "fi" and finish.score >= AUTO_CORRECT
    assert finish.accepted == "fi"
    vague = vocabulary("fields").resolve("enginering stuff")
    assert vague.status == "suggested" and vague.key == "engineering" and vague.accepted is None
    assert languages.resolve("qwxzv").status == "unknown"
    assert languages.resolve("").status == "unknown"


def test_config_extends_existing_and_new_keys():
    extra = {"fields": {"ict": ("koodaus",), "aviation": ("Aviation", "ilmailu")}}
    fields = vocabulary("fields", extra)
    assert fields.lookup("koodaus") == "ict"
    assert fields.lookup("Ilmailu") == "aviation"
    assert fields.label("aviation") == "Aviation"
    assert "aviation" in fields and "aviation" not in vocabulary("fields")
    # a config synonym that collides with a built-in name does not steal it
    assert vocabulary("fields", {"fields": {"aviation": ("IT",)}}).lookup("IT") == "ict"


@pytest.mark.parametrize("raw, expected", [
    ("Finnish (native)", ("finnish", 4)), ("suomi - äidinkieli", ("suomi", 4)),
    ("englanti B2", ("englanti", 2)), ("English: fluent", ("english", 3)),
    ("ruotsi (alkeet)", ("ruotsi", 1)), ("Arabic", ("arabic", None)), ("Somali C2", ("somali", 3)),
])
def test_split_level(raw, expected):
    assert vocab.split_level(raw) == expected


@pytest.mark.parametrize("answers, mode", [
    (["kasvokkain"], "in_person"), (["Face to face"], "in_person"), (["etänä"], "remote"),
    (["Teams"], "remote"), (["molemmat"], "either"), (["No preference"], "either"),
    (["in person", "online"], "either"), (["I prefer online meetings"], "remote"), (["??"], None), ([], None),
])
def test_meeting_mode(answers, mode):
    assert vocab.meeting_mode(answers) == mode


def test_not_cities():
    assert vocab.is_not_city("Etänä") and vocab.is_not_city(" ") and vocab.is_not_city("remote")
    assert not vocab.is_not_city("Helsinki")


@given(st.sampled_from(vocab.KINDS), st.data())
def test_resolution_ignores_case_spacing_and_diacritics(kind, data):
    v = vocabulary(kind)
    key = data.draw(st.sampled_from(v.keys))
    name = v.label(key)
    mangled = data.draw(st.sampled_from([name.upper(), f"  {name}  ", name.lower(),
                                         name.replace("ä", "a").replace("ö", "o")]))
    assert v.lookup(mangled) == key


def test_repr():
    assert repr(vocabulary("fields")).startswith("Vocabulary('fields', 19 keys")


@pytest.mark.parametrize("answer, kind, key", [
    ("Senior software developer", "fields", "ict"),
    ("Registered nurse at a hospital", "fields", "health"),
    ("Licensing in Finland", "goals", "field_requirements"),
    ("Starting my own business here", "goals", "entrepreneurship"),
])
def test_an_answer_mentioning_a_known_name_is_read_as_it(answer, kind, key):
    match = vocabulary(kind).resolve(answer)
    assert (match.status, match.accepted) == ("contained", key)
    assert match.matched in vocab.normalise(answer)


def test_longest_known_name_wins_and_short_words_do_not_count():
    fields = vocabulary("fields")
    assert fields.contained("software engineer")[0] == "ict"  # not engineering
    assert fields.contained("I am") is None
