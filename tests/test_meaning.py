"""The word level of reading answers (matcher.vocab.meaning): lemmas, stems, compounds, filler."""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from matcher.vocab import meaning
from matcher.vocab.reading import read_options

#: real words of the three languages, inflected, for the property tests
WORDS = ("verkostoituminen", "verkostojen", "työelämään", "tavoista", "kieltä", "hakemuksissa",
         "arbetsplatser", "ansökningar", "intervjuer", "networking", "interviews", "stress",
         "jaksaminen", "yrittäjyys", "företag", "sairaanhoitaja", "developer", "ekonomi")


def test_finnish_inflection_meets_the_dictionary_form():
    # consonant gradation and case endings, which Snowball alone leaves apart
    for inflected, base in (("tavoista", "tapa"), ("kieltä", "kieli"), ("kielessä", "kieli"),
                            ("työelämään", "työelämä"), ("hakemuksissa", "hakemus"),
                            ("käytännöistä", "käytäntö"), ("työpaikoilla", "työpaikka")):
        assert meaning.finnish_lemma(inflected) == base, inflected
        assert meaning.stem(inflected) == meaning.stem(base), inflected


def test_swedish_and_english_inflection_meets_by_stem():
    for inflected, base in (("arbetsplatser", "arbetsplats"), ("ansökningar", "ansökning"),
                            ("intervjuer", "intervju"), ("networking", "network")):
        assert meaning.stem(inflected) == meaning.stem(base), inflected


def test_a_word_other_languages_know_is_not_read_as_finnish():
    # "revision" is also the genitive of Finnish "revisio": read as the Swedish/English word
    assert meaning.finnish_lemma("revision") == "revision"
    assert meaning.lemmas("revision")["fi"] == "revisio"


def test_unknown_finnish_compounds_are_read_by_their_last_part():
    assert meaning.finnish_lemma("työelämäkontaktien") == "työelämäkontakti"
    assert meaning.finnish_lemma("verkostoitumisessa") == "verkostoituminen"
    # Swedish letters: the Finnish rules' guess is not taken
    assert meaning.finnish_lemma("jobbsökningen") == "jobbsökningen"
    assert meaning.stems("Verkostoitumisessa") == (meaning.stem("verkostoituminen"),)


def test_english_words_are_never_split_as_compounds():
    assert meaning.word_stems("avoiding") == (meaning.stem("avoid"),)
    assert meaning.word_stems("tukeminen") == (meaning.stem("tukeminen"),)  # no "tu|keminen"


def test_finnish_function_words_are_dropped_in_any_form():
    # "autamme" (we help) and "meitä" (us) are forms of listed words ("auttaa", "me")
    assert meaning.words("Autamme meitä verkostoitumisessa") == ("verkostoitumisessa",)


def test_occupations_read_as_their_field():
    read = read_options("fields", {"mentees": ["Terveydenhoitaja", "Truck driver",
                                               "Redovisningsekonom", "Undersköterska"],
                                   "mentors": []})["mentees"]
    assert {o: r.key for o, r in read.items()} == {
        "Terveydenhoitaja": "health", "Truck driver": "logistics",
        "Redovisningsekonom": "finance", "Undersköterska": "health"}
    assert all(r.method == "meaning" and 0.2 <= r.confidence <= 1 for r in read.values())


def test_inflected_mentor_and_mentee_wordings_meet():
    read = read_options("goals", {"mentees": ["Suomalaisten työpaikkojen tavat", "Verkostoituminen"],
                                  "mentors": ["Kerron työpaikan tavoista", "Verkostot"]})
    assert read["mentees"]["Suomalaisten työpaikkojen tavat"].key == "working_life_culture"
    assert read["mentors"]["Kerron työpaikan tavoista"].key == "working_life_culture"


def test_dictionaries_load_only_when_a_word_is_read():
    code = ("import matcher, matcher.intake, matcher.detect; from matcher.vocab import meaning; "
            "assert meaning._factory.cache_info().currsize == 0; meaning.stem('tavoista'); "
            "assert meaning._factory.cache_info().currsize == 1")
    subprocess.run([sys.executable, "-c", code], check=True)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=4),
       st.lists(st.sampled_from(WORDS), min_size=1, max_size=4))
def test_similarity_is_symmetric_bounded_and_highest_for_the_same_text(left, right):
    a, b = " ".join(left), " ".join(right)
    forward, swapped = meaning.similarity([a, b], [a, b]), meaning.similarity([b, a], [b, a])
    assert np.allclose(forward, forward.T) and np.allclose(forward, swapped[::-1, ::-1])
    assert ((forward >= 0) & (forward <= 1 + 1e-9)).all()
    assert forward[0, 0] >= forward[0, 1] - 1e-9 and forward[1, 1] >= forward[1, 0] - 1e-9


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=5))
def test_stems_do_not_depend_on_case_or_word_order(chosen):
    text = " ".join(chosen)
    assert meaning.stems(text.upper()) == meaning.stems(text)
    assert sorted(meaning.stems(" ".join(reversed(chosen)))) == sorted(meaning.stems(text))


def test_reading_is_deterministic_across_processes():
    code = ("from matcher.vocab.reading import read_options; "
            "r = read_options('goals', {'mentees': ['Tavoista työelämässä', 'Hakemuksissa apua'], "
            "'mentors': ['Työpaikan tavat', 'CV ja hakemukset']}); "
            "print(sorted((s, o, x.key, x.confidence, x.method) for s in r for o, x in r[s].items()))")
    fresh = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                           text=True).stdout
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(code, {})  # the same reading in this process, whose caches are warm
    assert fresh == out.getvalue()
