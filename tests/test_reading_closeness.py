"""The closeness of two forms' leftover options (:func:`matcher.vocab.reading._option_closeness`)
and the language guess it rests on (:func:`matcher.vocab.meaning.language`)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from matcher.vocab import meaning, reading
from matcher.vocab.reading import read_options

SWEDISH = ["Jag behöver hjälp att använda datorer och nättjänster",
           "Jag behöver hjälp att hålla humöret uppe", "Jag kan hjälpa till med digitala verktyg",
           "Jag kan hjälpa till med arbetslivets oskrivna regler"]
FINNISH = ["Voin auttaa digityökalujen kanssa", "Tarvitsen apua mielialan ylläpitämiseen"]
ENGLISH = ["I need help using computers", "I can help you with managing stress"]
NO_FILLER = {"mentees": frozenset(), "mentors": frozenset()}


def closeness(left: list[str], right: list[str], lean_left: np.ndarray, lean_right: np.ndarray
              ) -> np.ndarray:
    return reading._option_closeness({"mentees": left, "mentors": right}, "mentees", "mentors",
                                     NO_FILLER, {"mentees": lean_left, "mentors": lean_right}, ())


def test_language_is_told_by_function_words_and_dictionaries():
    assert [meaning.language(t) for t in (SWEDISH[0], FINNISH[0], ENGLISH[0])] == ["sv", "fi", "en"]
    assert meaning.language("Sjuksköterska") == "sv" and meaning.language("Sairaanhoitaja") == "fi"
    assert meaning.language("2026") == "" and meaning.language("") == ""


def test_one_language_options_are_alike_by_their_words_only():
    # the dev7 regression: two Swedish options leaning alike to the one free concept both share
    # a stray word with ("använda", "arbetsliv…" with language at work) were read as one topic
    lean = np.array([[0.28, 0.01, 0.01]])
    same = closeness([SWEDISH[0]], [SWEDISH[3]], lean, lean + 0.02)
    words = meaning.similarity([SWEDISH[0]], [SWEDISH[3]])
    assert np.allclose(same, words) and same[0, 0] < reading.LEFTOVER_SIMILARITY


def test_options_of_two_languages_are_alike_by_their_leans():
    lean = np.array([[0.30, 0.02, 0.01, 0.05]])
    across = closeness([ENGLISH[0]], [FINNISH[0]], lean, lean)
    assert across[0, 0] == reading.PROFILE_WEIGHT  # identical profiles, no shared word
    unlike = closeness([ENGLISH[0]], [FINNISH[0]], lean, lean[:, ::-1])
    assert unlike[0, 0] < across[0, 0]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(SWEDISH + FINNISH + ENGLISH), min_size=1, max_size=4, unique=True),
       st.lists(st.sampled_from(SWEDISH + FINNISH + ENGLISH), min_size=1, max_size=4, unique=True),
       st.integers(0, 5), st.randoms(use_true_random=False))
def test_closeness_is_words_within_a_language_and_at_most_one(left, right, free, rng):
    lean_left = np.array([[rng.random() for _ in range(free)] for _ in left]).reshape(len(left), free)
    lean_right = np.array([[rng.random() for _ in range(free)] for _ in right]).reshape(len(right), free)
    found = closeness(left, right, lean_left, lean_right)
    words = meaning.similarity(left, right)
    assert found.shape == (len(left), len(right))
    assert np.all(found >= words - 1e-12) and np.all(found <= 1.0)
    for i, a in enumerate(left):
        for j, b in enumerate(right):
            if meaning.language(a) == meaning.language(b) != "":
                assert found[i, j] == words[i, j]
            else:
                assert found[i, j] <= max(words[i, j], reading.PROFILE_WEIGHT)


def test_swedish_leftovers_are_not_paired_across_topics():
    found = read_options("goals", {
        "mentees": ["Jag behöver hjälp att träffa folk i branschen",
                    "Jag behöver hjälp att förstå seder på finländska arbetsplatser",
                    "Jag behöver hjälp med mitt CV",
                    "Jag behöver hjälp att använda datorer och nättjänster"],
        "mentors": ["Jag kan hjälpa till med att presentera dig för mina bekanta",
                    "Jag kan hjälpa till med arbetslivets oskrivna regler",
                    "Jag kan hjälpa till med ansökningar och intervjuträning",
                    "Jag kan hjälpa till med digitala verktyg"]})
    mentors = found["mentors"]
    assert mentors["Jag kan hjälpa till med arbetslivets oskrivna regler"].key == "working_life_culture"
    assert mentors["Jag kan hjälpa till med att presentera dig för mina bekanta"].key == "networking"
    assert (mentors["Jag kan hjälpa till med digitala verktyg"].key
            == found["mentees"]["Jag behöver hjälp att använda datorer och nättjänster"].key)
