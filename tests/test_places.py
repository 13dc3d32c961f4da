"""The place model: real municipalities (Finnish and Swedish names, inflected forms), distances,
the commuting-area rule, the location score and the in-person distance limit."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matcher.config import ConstraintConfig, RoundConfig, ScoringConfig
from matcher import vocab
from matcher.places import (CASE_ENDINGS, HELSINKI_REGION, PlaceReading, about_km, haversine_km,
                            municipalities, read_place, stems)
from matcher.scoring import score_pairs
from matcher.scoring.components import NEUTRAL
from matcher.scoring.constraints import TOO_FAR

from test_scoring import table

PLACES = municipalities()


def km(a: str, b: str) -> float:
    i, j = PLACES.resolve(a), PLACES.resolve(b)
    assert i >= 0 and j >= 0, (a, b)
    return float(PLACES.distances()[i, j])


def test_every_municipality_with_region_and_coordinates():
    assert len(PLACES) == 309
    assert len(set(PLACES.region)) == 19  # 18 regions of mainland Finland and Åland
    assert len(set(PLACES.names)) == len(PLACES)
    assert PLACES.latitude.min() > 59.5 and PLACES.latitude.max() < 70.1
    assert PLACES.longitude.min() > 19.0 and PLACES.longitude.max() < 31.6
    assert PLACES.region[PLACES.resolve("Jyväskylä")] == "Keski-Suomi"
    assert PLACES.region[PLACES.resolve("Vaala")] == "Pohjois-Pohjanmaa"


@pytest.mark.parametrize(("answer", "municipality"), [
    ("Helsingfors", "Helsinki"), ("Esbo", "Espoo"), ("Vanda", "Vantaa"), ("Grankulla", "Kauniainen"),
    ("Åbo", "Turku"), ("Uleåborg", "Oulu"), ("Tammerfors", "Tampere"), ("Borgå", "Porvoo"),
    ("Vasa", "Vaasa"), ("Mariehamn", "Maarianhamina"), ("JYVASKYLA", "Jyväskylä"),
    ("Helsingissä", "Helsinki"), ("Espoossa", "Espoo"), ("Turussa", "Turku"),
    ("Tampereella", "Tampere"), ("Lahdessa", "Lahti"), ("Vantaalla", "Vantaa"),
    ("Seinäjoella", "Seinäjoki"), ("Lappeenrannassa", "Lappeenranta"), ("Kauniaisissa", "Kauniainen"),
    ("Rovaniemellä", "Rovaniemi"), ("Turkuun", "Turku"), ("Helsingistä", "Helsinki"),
    ("Espoo, Finland", "Espoo"), ("asun Espoossa", "Espoo"), ("Pääkaupunkiseutu", "Helsinki"),
    ("Koski Tl", "Koski Tl"), ("Mänttä-Vilppulassa", "Mänttä-Vilppula"),
])
def test_names_swedish_names_and_inflected_forms_resolve(answer, municipality):
    assert PLACES.name(PLACES.resolve(answer)) == municipality


@pytest.mark.parametrize("answer", ["Etänä / remote", "remote", "", "Stockholm", "kotona", "Mars",
                                    "currently in Ukraine", "Kemian"])
def test_answers_naming_no_municipality_are_unknown(answer):
    assert PLACES.resolve(answer) == -1


def test_distances_between_real_municipalities():
    assert km("Helsingfors", "Esbo") == pytest.approx(16.2, abs=1)
    assert km("Helsinki", "Vanda") == pytest.approx(15, abs=1.5)
    assert km("Helsinki", "Jyväskylä") == pytest.approx(234, abs=5)
    assert km("Tampere", "Åbo") == pytest.approx(142, abs=5)
    assert km("Oulu", "Tampere") == pytest.approx(400, abs=8)
    assert km("Espoo", "Espoo") == 0
    d = PLACES.distances()
    np.testing.assert_allclose(d, d.T, atol=1e-3)


def test_haversine_one_degree_of_latitude():
    assert float(haversine_km(np.array([60.0]), np.array([24.0]), np.array([61.0]),
                              np.array([24.0]))[0, 0]) == pytest.approx(111.19, abs=0.01)


def test_capital_region_and_commuter_belt_are_one_area():
    area = PLACES.same_area()
    rows = [PLACES.resolve(n) for n in HELSINKI_REGION]
    assert area[np.ix_(rows, rows)].all()
    assert area[PLACES.resolve("Espoo"), PLACES.resolve("Kerava")]
    assert not area[PLACES.resolve("Helsinki"), PLACES.resolve("Porvoo")]
    assert not area[PLACES.resolve("Tampere"), PLACES.resolve("Nokia")]
    assert area[PLACES.resolve("Tampere"), PLACES.resolve("Tampere")]


def test_about_km():
    assert [about_km(k) for k in (0.4, 7.6, 16.2, 234.2)] == [
        "under 1 km", "about 8 km", "about 15 km", "about 235 km"]


def in_person_pairs(mentee_city, mentor_cities, modes=("in_person", "either"), **limits):
    mentees = table("mentee", {"city": mentee_city, "meeting_mode": modes[0]})
    mentors = table("mentor", *({"city": c, "meeting_mode": modes[1]} for c in mentor_cities))
    config = RoundConfig(constraints=dataclasses.replace(ConstraintConfig(), **limits))
    return score_pairs(mentors, mentees, config)


def test_in_person_only_is_feasible_only_within_the_limit_or_one_area():
    scores = in_person_pairs("Helsingfors", ["Esbo", "Vanda", "Kerava", "Mäntsälä", "Porvoo",
                                             "Lahti", "Jyväskylä"])
    # Mäntsälä is 50 km but in the Helsinki region; Porvoo 47 km; Lahti 99 km, Jyväskylä 234 km
    assert scores.feasible.tolist() == [[True, True, True, True, True, False, False]]
    assert scores.reasons("E1", "M7") == ["too far apart to meet in person (in person only)"]
    assert "Too far apart to meet in person: about 235 km apart (Helsinki–Jyväskylä); the limit " \
           "is 60 km" in scores.explain("E1", "M7")
    looser = in_person_pairs("Helsingfors", ["Lahti", "Jyväskylä"], max_distance_km=120.0)
    assert looser.feasible.tolist() == [[True, False]]
    assert in_person_pairs("Helsingfors", ["Jyväskylä"], max_distance_km=0.0).feasible.all()


def test_mäntsälä_and_kirkkonummi_are_far_but_one_commuting_area():
    assert km("Mäntsälä", "Kirkkonummi") > 60
    assert in_person_pairs("Mäntsälä", ["Kirkkonummi"]).feasible.all()


def test_open_to_remote_meetings_far_apart_is_feasible_and_scores_remote():
    scores = in_person_pairs("Oulu", ["Tampere"], modes=("either", "either"))
    assert scores.feasible.all()
    assert float(scores.components["location"][0, 0]) == pytest.approx(0.6, abs=1e-3)
    assert scores.explain("E1", "M1").endswith(
        "About 400 km apart (Oulu–Tampere); can meet remotely.")


def test_location_score_decays_with_distance_and_same_municipality_is_full():
    scores = in_person_pairs("Helsinki", ["Helsinki", "Espoo", "Kerava", "Porvoo"])
    location = scores.components["location"].astype(np.float32)[0]
    half = ScoringConfig().distance_half_km
    expected = [0.5 ** (km("Helsinki", c) / half) for c in ("Helsinki", "Espoo", "Kerava", "Porvoo")]
    np.testing.assert_allclose(location, expected, atol=2e-3)
    assert location[0] == 1 and np.all(np.diff(location) < 0)
    explained = scores.explain("E1", "M2")
    assert explained.endswith("About 15 km apart (Helsinki–Espoo, one commuting area).")
    assert "cannot" not in explained.casefold()
    assert scores.explain("E1", "M1").endswith("Both in Helsinki.")


def test_unknown_place_is_neutral_and_never_too_far():
    scores = in_person_pairs("Mars", ["Espoo", ""])
    assert scores.feasible.all()
    assert scores.components["location"].astype(np.float32).tolist() == [[NEUTRAL, NEUTRAL]]
    assert scores.explain("E1", "M1").endswith(
        "Distance unknown (mentee in Mars, mentor in Espoo).")


def test_remote_wish_is_met_wherever_the_mentor_lives():
    scores = in_person_pairs("Utsjoki", ["Hanko"], modes=("remote", "either"))
    assert scores.feasible.all() and float(scores.components["location"][0, 0]) == 1


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(list(PLACES.names) + ["", "Etänä", "Leppävaara"]), min_size=1,
                max_size=6),
       st.lists(st.sampled_from(list(PLACES.names) + ["", "Tukholma"]), min_size=1, max_size=6),
       st.sampled_from(["in_person", "either", "remote"]))
def test_too_far_exactly_when_in_person_only_known_far_and_not_one_area(mentee_cities,
                                                                        mentor_cities, mode):
    mentees = table("mentee", *({"city": c, "meeting_mode": mode} for c in mentee_cities))
    mentors = table("mentor", *({"city": c, "meeting_mode": "either"} for c in mentor_cities))
    scores = score_pairs(mentors, mentees)
    pe, pr = PLACES.resolve_many(mentee_cities), PLACES.resolve_many(mentor_cities)
    for i, a in enumerate(pe):
        for j, b in enumerate(pr):
            far = (mode == "in_person" and a >= 0 and b >= 0 and PLACES.distances()[a, b] > 60
                   and not PLACES.same_area()[a, b])
            assert bool(scores.reason_codes[i, j] & TOO_FAR) == far


def test_sample_round_pairs_can_meet_and_wishes_are_met(sample_round_path):
    import matcher

    rnd = matcher.load_round(sample_round_path)
    scores = matcher.score_round(rnd)
    pairs = matcher.match_round(rnd, scores).pairs
    mentees, mentors = rnd.mentees.loc[pairs["mentee_id"]], rnd.mentors.loc[pairs["mentor_id"]]
    pe, pr = PLACES.resolve_many(mentees["city"]), PLACES.resolve_many(mentors["city"])
    known = (pe >= 0) & (pr >= 0)
    apart = PLACES.distances()[np.maximum(pe, 0), np.maximum(pr, 0)]
    in_person_only = ((mentees["meeting_mode"].to_numpy() == "in_person")
                      | (mentors["meeting_mode"].to_numpy() == "in_person"))
    area = PLACES.same_area()[np.maximum(pe, 0), np.maximum(pr, 0)]
    assert in_person_only.sum() > 20
    assert not (in_person_only & known & (apart > 60) & ~area).any()
    capital = np.isin(pe, [PLACES.resolve(n) for n in ("Helsinki", "Espoo", "Vantaa", "Kauniainen")])
    capital &= np.isin(pr, [PLACES.resolve(n) for n in ("Helsinki", "Espoo", "Vantaa", "Kauniainen")])
    explained = scores.explain_many(pairs["mentee_id"], pairs["mentor_id"])
    assert capital.sum() > 10
    assert not [e for e, c in zip(explained, capital) if c and "cannot" in e.casefold()]
    wished = mentees["gender_preference"].to_numpy() != ""
    assert wished.sum() == 14
    assert (mentees["gender_preference"].to_numpy()[wished] == mentors["gender"].to_numpy()[wished]).all()


@pytest.mark.parametrize(("answer", "municipality", "method"), [
    ("Asun Tampereella", "Tampere", "name"), ("Jag bor i Vasa", "Vaasa", "name"),
    ("near Turku", "Turku", "name"), ("Espoo / Helsinki", "Espoo", "name"),
    ("Helsinki area", "Helsinki", "name"), ("i Esbo", "Espoo", "name"), ("Åbossa", "Turku", "name"),
    ("Kirkkonummella", "Kirkkonummi", "name"), ("Kallio", "Helsinki", "district"),
    ("Hervannassa", "Tampere", "district"), ("Leppävaara, Espoo", "Espoo", "name"),
    ("Otaniemi", "Espoo", "district"), ("Dickursby", "Vantaa", "district"),
    ("Hki", "Helsinki", "short form"), ("HKI", "Helsinki", "short form"),
    ("Tre", "Tampere", "short form"), ("Jkl", "Jyväskylä", "short form"),
    ("asun Hesassa", "Helsinki", "short form"), ("pk-seutu", "Helsinki", "region"),
    ("Pk-seutu", "Helsinki", "region"), ("Uusimaa", "Helsinki", "region"),
    ("Nyland", "Helsinki", "region"), ("Uudellamaalla", "Helsinki", "region"),
    ("Pirkanmaalla", "Tampere", "region"), ("Varsinais-Suomessa", "Turku", "region"),
    ("Birkaland", "Tampere", "region"), ("Central Finland", "Jyväskylä", "region"),
    ("00100 Helsinki", "Helsinki", "name"), ("02150", "Espoo", "postal code"),
    ("02700", "Kauniainen", "postal code"), ("33720", "Tampere", "postal code"),
    ("Helsinky", "Helsinki", "corrected"), ("Jyvaskula", "Jyväskylä", "corrected"),
])
def test_place_answers_as_people_write_them(answer, municipality, method):
    reading = read_place(answer)
    assert (PLACES.name(reading.index), reading.method) == (municipality, method)


@pytest.mark.parametrize("answer", ["Tukholma", "currently in Ukraine", "ulkomailla", "Tukholmassa",
                                    "asun tällä hetkellä Virossa", "Living abroad (Berlin)", "utomlands"])
def test_places_abroad_are_no_municipality(answer):
    assert read_place(answer) == PlaceReading(-1, "abroad", read_place(answer).text)


def test_a_typo_near_two_places_is_not_guessed():
    # "Kemia" (chemistry) is one edit from no five-letter name; "Raahe" and "Raate"-like typos
    # near two names are left unread
    assert read_place("Kemia").method == "none"
    near_two = [n for n in ("Hamina", "Hanko", "Vaasa", "Salla", "Salo")
                if read_place(n[:-1] + "x" + n[-1:]).method == "none"]
    assert all(read_place(n).index >= 0 for n in near_two)


def test_district_and_region_tables_name_real_municipalities_and_no_frame_word_is_a_place():
    from matcher.vocab import places as words

    names = set(PLACES.names)
    assert set(words.DISTRICTS.values()) | set(words.REGION_CENTRES.values()) <= names
    assert set(words.REGION_CENTRES) == set(PLACES.region)
    assert set(words.SHORT_FORMS.values()) | set(words.POSTAL_AREAS.values()) <= names
    # a district never shadows a municipality of the same name
    assert not {vocab.normalise(d) for d in words.DISTRICTS} & {vocab.normalise(n) for n in names}
    assert [w for w in words.PLACE_FRAME_WORDS if read_place(w).index >= 0] == []


def _case_forms(name: str) -> list[tuple[str, str]]:
    norm = vocab.normalise(name)
    return [(form + ending, form) for form in sorted(stems(norm)) for ending in CASE_ENDINGS
            if " " not in norm]


def test_every_case_form_of_every_municipality_reads_back():
    """Each stem grammar gives each municipality's Finnish and Swedish name, with each case
    ending, reads as it, unless the form is also another place's (then it reads as neither, or
    as the place whose exact name it is)."""
    owners: dict[str, set[int]] = {}
    for i, names in enumerate(zip(PLACES.names, PLACES.swedish)):
        for stem in {s for n in names for s in stems(vocab.normalise(n))}:
            owners.setdefault(stem, set()).add(i)
    wrong = []
    for i, names in enumerate(zip(PLACES.names, PLACES.swedish)):
        for word, stem in (form for name in set(names) for form in _case_forms(name)):
            if PLACES.resolve(word) != i and len(owners[stem]) == 1 and word not in PLACES._names["name"]:
                wrong.append(word)
    assert wrong == []


_FRAMES = ("asun", "i", "near", "living in", "bor i", "area", "region", "currently", "Finland",
           "lähellä", "jag bor i", "nyt")


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(PLACES.names), st.lists(st.sampled_from(_FRAMES), max_size=2),
       st.lists(st.sampled_from(_FRAMES), max_size=2), st.sampled_from(["", ",", " /", " (home)"]))
def test_an_answer_with_a_place_never_reads_as_another_place(name, before, after, mark):
    answer = " ".join([*before, name + mark, *after])
    assert PLACES.resolve(answer) == PLACES.names.index(name), answer
