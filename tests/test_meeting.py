"""Meeting modes read from what people wrote, in English, Finnish and Swedish: phrases, word
stems, negations, both modes named."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matcher.vocab.meeting import NEGATIONS, PHRASES, STEMS, meeting_mode, read_mode


@pytest.mark.parametrize(("answer", "mode"), [
    ("Kasvokkain", "in_person"), ("Lähitapaamiset", "in_person"), ("Tavataan mieluiten kasvotusten", "in_person"),
    ("fysiskt", "in_person"), ("Helst fysiska träffar", "in_person"), ("Personliga möten", "in_person"),
    ("Haluan tavata livenä", "in_person"), ("Real-life meetings", "in_person"),
    ("etänä", "remote"), ("Teams/Zoom", "remote"), ("Teamsin kautta", "remote"), ("på distans", "remote"),
    ("Videomöten", "remote"), ("Etäyhteydellä", "remote"), ("Virtually", "remote"), ("Google Meet", "remote"),
    ("hybrid", "either"), ("Both are fine", "either"), ("käy molemmat", "either"),
    ("spelar ingen roll", "either"), ("Ei väliä", "either"), ("No strong preference", "either"),
    ("In person or online", "either"), ("Sekä kasvokkain että etänä", "either"),
    ("Både fysiskt och på distans", "either"), ("Mieluiten kasvokkain, mutta etänäkin käy", "either"),
    ("En pysty tapaamaan kasvokkain", "remote"), ("I can't meet in person", "remote"),
    ("Kan inte träffas fysiskt", "remote"), ("Ei lähitapaamisia", "remote"), ("Not in person", "remote"),
    ("Kasvokkain ei onnistu", "remote"), ("Face to face, not online", "in_person"),
    ("Remote only, I cannot travel", "remote"), ("?", None), ("", None),
])
def test_meeting_modes_as_people_write_them(answer, mode):
    assert read_mode(answer) == mode


def test_a_multi_select_naming_both_modes_is_either():
    assert meeting_mode(["Kasvokkain", "Etänä"]) == "either"
    assert meeting_mode(["Etänä", "?"]) == "remote" and meeting_mode([]) is None


_NAMED = [(p, m) for m, ps in PHRASES.items() for p in ps] + [(s + "x", m) for m, ss in STEMS.items() for s in ss]
_FLIP = {"in_person": "remote", "remote": "in_person"}


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(_NAMED), st.sampled_from(["", "I prefer", "mieluiten", "helst", "please:"]))
def test_every_phrase_and_stem_reads_as_its_mode(named, lead):
    phrase, mode = named
    assert read_mode(f"{lead} {phrase}") == mode


@settings(max_examples=100, deadline=None)
@given(st.sampled_from([n for n in _NAMED if n[1] != "either"]), st.sampled_from(sorted(NEGATIONS - {"t"})),
       st.sampled_from(["", "pysty", "can"]))
def test_a_negated_mode_is_the_other_one(named, negation, between):
    phrase, mode = named
    assert read_mode(" ".join(w for w in (negation, between, phrase) if w)) == _FLIP[mode]
