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


def test_capitalised_abbreviations_are_words_even_when_they_spell_a_function_word():
    assert meaning.words("IT consultant") == ("it", "consultant")
    assert meaning.words("IT-konsultti") == ("it", "konsultti")
    # in a text written all in capitals nothing is an abbreviation
    assert meaning.words("I WORK IN IT") == ("work",)
    # a hyphenated word a dictionary knows whole stays one word
    assert meaning.words("Make-up artist") == ("make-up", "artist")


def test_function_words_with_diacritics_are_compared_as_written():
    # "hår" (hair) is no "har" (has), though "ar" typed without "ä" is still "är"
    assert not meaning.is_function_word("hår")
    assert meaning.is_function_word("har") and meaning.is_function_word("ar")
    assert meaning.words("Hår och skönhet") == ("hår", "skönhet")


def test_compounds_split_where_the_dictionaries_know_both_parts():
    assert meaning.compound_parts("ohjelmistokehittäjä") == ("ohjelmisto", "kehittäjä")
    assert meaning.compound_parts("rakennusteollisuus") == ("rakennus", "teollisuus")
    # Swedish links: a linking "s", a dropped vowel put back
    assert meaning.compound_parts("förskollärare") == ("förskola", "lärare")
    assert meaning.compound_parts("lastbilsförare")[1] == "förare"
    # an English modifier inside a Swedish compound
    assert meaning.compound_parts("backendutvecklare") == ("backend", "utvecklare")
    # never: an English word, a word no split explains, parts of two languages
    for whole in ("support", "networking", "kosmetologi", "verkostoituminen", "verkosto"):
        assert meaning.compound_parts(whole) is None, whole
    # an inflected compound meets its dictionary form
    assert meaning.word_stems("terveyskeskuksessa") == meaning.word_stems("terveyskeskus") == (
        meaning.stem("terveys"), meaning.stem("keskus"))


#: modifiers and heads of compounds, per language: any modifier joins any head of its language
_FINNISH = (("ohjelmisto", "talous", "rakennus", "sairaala", "kiinteistö", "hotelli", "data"),
            ("kehittäjä", "asiantuntija", "työntekijä", "hoitaja", "teollisuus", "huolto"))
_SWEDISH = (("bygg", "hotell", "sjukhus", "data", "logistik", "lager"),
            ("utvecklare", "arbetare", "ledare", "konsult", "städare", "montör"))


@settings(max_examples=60, deadline=None)
@given(st.one_of(*(st.tuples(st.sampled_from(m), st.sampled_from(h)) for m, h in (_FINNISH, _SWEDISH))))
def test_a_compound_splits_into_an_ending_it_was_built_from(pair):
    word = "".join(pair)
    parts = meaning.compound_parts(word)
    assert parts is not None, word
    found_modifier, found_head = parts
    # the head is a known Finnish or Swedish ending of the word, the modifier the rest (give
    # or take a Swedish link), both long enough to be words
    assert word.endswith(found_head) and len(found_head) >= meaning.MIN_PART
    assert set(meaning.lemmas(found_head)) & {"fi", "sv"}
    rest = word[:len(word) - len(found_head)]
    assert len(found_modifier) >= meaning.MIN_MODIFIER and meaning.lemmas(found_modifier)
    assert found_modifier == rest or abs(len(found_modifier) - len(rest)) == 1
    # split again, the parts keep the order: the last is the end of the head
    assert found_head.endswith(meaning.word_parts(word)[-1])


def test_a_phrase_head_weighs_what_the_weighing_says():
    weighing = meaning.Weighing(head=0.5)
    assert meaning.stem_weights("IT consultant", weighing=weighing) == {"it": 1.0, "consul": 0.5}
    # one word is its own head; a function word or a comma ends a phrase
    assert set(meaning.stem_weights("Consultant", weighing=weighing).values()) == {1.0}
    assert meaning.stem_weights("Software, consultant", weighing=weighing)["consul"] == 1.0
    assert meaning.stem_weights("Finance and consulting", weighing=weighing)["consul"] == 1.0
    # a compound's parts count as words: its head is the phrase's head
    assert meaning.stem_weights("Rakennusteollisuus", weighing=weighing) == {
        meaning.stem("rakennus"): 1.0, meaning.stem("teollisuus"): 0.5}


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(WORDS + ("and", "och", "ja", ",")), min_size=1, max_size=6),
       st.floats(0.1, 1.0))
def test_weights_are_one_or_the_head_weight_over_the_same_stems(chosen, head):
    text = " ".join(chosen)
    plain = meaning.stem_weights(text)
    weighed = meaning.stem_weights(text, weighing=meaning.Weighing(head=head))
    assert set(plain.values()) <= {1.0} and list(plain) == list(weighed)
    assert set(weighed.values()) <= {1.0, head}
    assert tuple(plain) == meaning.stems(text)


def test_stems_two_fields_use_for_different_words_carry_their_words():
    apart = meaning.ambiguous_stems("fields")
    assert meaning.stem("hospital") in apart and meaning.stem("consultant") not in apart
    weighing = meaning.Weighing(apart=apart)
    hospital = meaning.stems("Hospital work", weighing=weighing)
    hospitality = meaning.stems("Hospitality", weighing=weighing)
    assert meaning.stem("hospital") in set(hospital) & set(hospitality)
    assert set(hospital) - set(hospitality) == {meaning.WHOLE + "hospital", meaning.stem("work")}


def test_a_compound_ending_in_a_head_that_only_names_the_question_keeps_its_modifier_whole():
    heads = meaning.question_heads("fields")
    # without the question's heads the longest known ending wins: "työ|maatyö" (farm work)
    assert meaning.word_parts("työmaatyö") == ("työ", "maatyö")
    assert meaning.word_parts("työmaatyö", heads) == ("työmaa", "työ")
    assert meaning.word_parts("kampaamotyö", heads) == ("kampaamo", "työ")
    # a word the dictionary knows whole is never cut at such a head, nor an English word
    assert meaning.word_parts("sairaala", heads) == ("sairaala",)
    assert meaning.word_parts("network", heads) == ("network",)


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(WORDS), st.sampled_from(sorted(meaning.question_heads("fields"))))
def test_a_generic_head_split_keeps_every_letter_in_order(word, head):
    parts = meaning.generic_head(word + head, meaning.question_heads("fields"))
    if parts is not None:
        modifier, found = parts
        assert (word + head).endswith(found) and len(modifier) >= meaning.MIN_MODIFIER


def test_a_word_cut_short_before_a_dot_is_read_as_the_words_it_begins():
    assert meaning.truncations("Ravintola- ja mat.ala") == {"mat"}
    # a sentence's last word, an abbreviation in capitals, a function word are not cut short
    assert meaning.truncations("I can help with networking. And CVs.") == frozenset()
    assert meaning.truncations("esim. kahvilat") == frozenset()
    # "mat." begins the stems of tourism and cooking, which only hospitality's texts have
    read = read_options("fields", {"mentees": ["Ravintola- ja mat.ala"], "mentors": []})
    assert read["mentees"]["Ravintola- ja mat.ala"].key == "hospitality"
    covered = meaning.coverage(["mat.ala"], [["matkailu ja ravintolat"], ["rakentaminen"]],
                               meaning.question_filler("fields"))
    assert covered[0, 0] > 0.9 and covered[0, 1] == 0


def test_a_reading_is_never_surer_than_the_share_of_the_answer_its_concept_covers():
    from matcher.vocab.reading import _decide

    # one concept far ahead of the other, but covering a quarter of the answer
    lead = np.array([[0.6, 0.0]])
    alone = _decide(["an answer"], lead, ("a", "b"), "meaning")["an answer"]
    capped = _decide(["an answer"], lead, ("a", "b"), "meaning",
                     understood=np.array([[0.25, 0.0]]))["an answer"]
    assert (alone.key, alone.confidence) == ("a", 0.6)
    assert (capped.key, capped.confidence) == ("a", 0.25)
    # one word of several understood: still read, but listed among the unsure ones
    option = "Networking with Klingon zorbfleet quazzletrade"
    reading = read_options("goals", {"mentees": [option], "mentors": []})["mentees"][option]
    assert reading.key == "networking" and reading.confidence < 0.5
