"""Stated wishes (gender, same field only, language of mentoring) as hard, soft or off, and goals
whose value depends on the field."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from matcher.config import RoundConfig, ScoringConfig, WishConfig, parse_config
from matcher.errors import ConfigError
from matcher.results import unmatched_reasons
from matcher.scoring import score_pairs

from test_scoring import table


def scored(mentees, mentors, **wishes):
    return score_pairs(mentors, mentees, RoundConfig(wishes=WishConfig(**wishes)))


def gender_round():
    mentees = table("mentee", {"gender_preference": "woman"}, {})
    mentors = table("mentor", {"gender": "woman"}, {"gender": "man"})
    return mentees, mentors


def test_gender_wish_hard_by_default_with_the_reason():
    mentees, mentors = gender_round()
    scores = score_pairs(mentors, mentees)
    assert RoundConfig().wishes.gender == "hard"
    assert scores.feasible.tolist() == [[True, False], [True, True]]
    assert scores.explain("E1", "M2").startswith(
        "The mentee wished for a mentor who is a woman; this mentor's gender: man (a hard wish).")


def test_gender_wish_no_mentor_can_meet_is_the_unmatched_reason():
    mentees = table("mentee", {"gender_preference": "woman"})
    mentors = table("mentor", {"gender": "man"}, {"gender": "man"})
    scores = score_pairs(mentors, mentees)
    reason = unmatched_reasons(scores, np.array([0]), np.zeros(2, dtype=np.int64),
                               np.ones(2, dtype=np.int64), mentors["gender"])
    assert reason == ["No compatible mentor: mentor's gender is not the one the mentee wished for "
                      "with any of the 2 mentors."]


def test_gender_wish_soft_costs_the_penalty_and_says_so():
    mentees, mentors = gender_round()
    off, soft = scored(mentees, mentors, gender="off"), scored(mentees, mentors, gender="soft")
    assert soft.feasible.all() and off.feasible.all()
    np.testing.assert_allclose(off.total[0] - soft.total[0], [0, 20], atol=1e-4)
    np.testing.assert_allclose(off.total[1], soft.total[1])  # no wish, no penalty
    assert "(a soft wish: 20 points off)" in soft.explain("E1", "M2")
    assert "wished" not in off.explain("E1", "M2") and "wished" not in soft.explain("E1", "M1")
    harsher = score_pairs(mentors, mentees, RoundConfig(wishes=WishConfig(gender="soft", penalty=50)))
    assert float(off.total[0, 1] - harsher.total[0, 1]) == pytest.approx(min(50, off.total[0, 1]))


def test_same_field_wish():
    mentees = table("mentee", {"fields": ("ict",), "same_field_only": True},
                    {"fields": ("ict",), "same_field_only": False})
    mentors = table("mentor", {"fields": ("ict",)}, {"fields": ("engineering",)})
    hard = score_pairs(mentors, mentees)
    assert hard.feasible.tolist() == [[True, False], [True, True]]
    assert hard.reasons("E1", "M2") == ["mentee wished for a mentor from the same field only"]
    assert "wished for a mentor from the same field only (ICT) (a hard wish)" in hard.explain("E1", "M2")
    assert scored(mentees, mentors, same_field="off").feasible.all()
    soft = scored(mentees, mentors, same_field="soft")
    assert soft.feasible.all() and "points off" in soft.explain("E1", "M2")


def test_language_of_mentoring_wish():
    mentees = table("mentee", {"languages": {"fi": 2, "en": 4}, "mentoring_languages": ("fi",)})
    mentors = table("mentor", {"languages": {"fi": 4, "en": 3}}, {"languages": {"en": 4}})
    hard = score_pairs(mentors, mentees)
    assert hard.feasible.tolist() == [[True, False]]
    assert "wished to be mentored in Finnish, which this mentor does not speak" in \
        hard.explain("E1", "M2")
    assert scored(mentees, mentors, language="off").feasible.all()


def test_wish_modes_in_the_config():
    config = parse_config('[wishes]\ngender = "soft"\nsame_field = "off"\npenalty = 10')
    assert (config.wishes.gender, config.wishes.same_field, config.wishes.language,
            config.wishes.penalty) == ("soft", "off", "hard", 10.0)
    with pytest.raises(ConfigError, match=r"wishes\.gender"):
        parse_config('[wishes]\ngender = "sometimes"')
    with pytest.raises(ConfigError, match=r"moved to \[wishes\]"):
        parse_config("[constraints]\ngender_preference = true")


def test_field_dependent_goal_counts_only_within_the_same_or_a_related_field():
    mentees = table("mentee", {"fields": ("ict",), "goals": ("field_requirements", "networking")})
    mentors = table("mentor", {"fields": ("ict",), "topics": ("field_requirements", "networking")},
                    {"fields": ("engineering",), "topics": ("field_requirements", "networking")},
                    {"fields": ("hospitality",), "topics": ("field_requirements", "networking")})
    scores = score_pairs(mentors, mentees)
    assert scores.components["goals"].astype(np.float32).tolist() == [[1.0, 1.0, 0.5]]
    assert "Offers all 2 of the mentee's goals" in scores.explain("E1", "M2")  # related fields
    assert ("Offers 1 of the mentee's 2 goals: networking. Field requirements and qualifications "
            "not counted: it depends on the field, and the fields differ.") in scores.explain("E1", "M3")
    everywhere = score_pairs(mentors, mentees, RoundConfig(
        scoring=dataclasses.replace(ScoringConfig(), field_dependent_goals=())))
    assert everywhere.components["goals"].astype(np.float32).tolist() == [[1.0, 1.0, 1.0]]
