"""Scoring on small hand-made canonical tables: each component, each hard constraint, weights,
explanations, the frame layout and determinism."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matcher.config import ConstraintConfig, RoundConfig, Rule, ScoringConfig, parse_config
from matcher.errors import ConfigError, InputError
from matcher.scoring import Scores, score_pairs
from matcher.scoring.components import NEUTRAL

MENTEE_DEFAULTS = {"fields": (), "field_text": "", "goals": (), "goals_text": "",
                   "languages": {"fi": 4}, "city": "", "meeting_mode": "either",
                   "organisation": "", "gender": "", "gender_preference": ""}
MENTOR_DEFAULTS = {"fields": (), "field_text": "", "job_title": "", "topics": (), "about": "",
                   "languages": {"fi": 4}, "city": "", "meeting_mode": "either",
                   "organisation": "", "gender": "", "years_experience": np.nan,
                   "years_in_finland": np.nan}


def table(kind: str, *rows: dict) -> pd.DataFrame:
    """A canonical table: one dict per person, unspecified columns at their 'missing' value."""
    defaults = MENTEE_DEFAULTS if kind == "mentee" else MENTOR_DEFAULTS
    prefix = "E" if kind == "mentee" else "M"
    frame = pd.DataFrame([{**defaults, **row} for row in rows],
                         index=pd.Index([f"{prefix}{i + 1}" for i in range(len(rows))],
                                        name=f"{kind}_id"))
    return frame


def config(**changes) -> RoundConfig:
    scoring = {k: v for k, v in changes.items() if k in ScoringConfig.__dataclass_fields__}
    constraints = {k: v for k, v in changes.items() if k in ConstraintConfig.__dataclass_fields__}
    return RoundConfig(scoring=dataclasses.replace(ScoringConfig(), **scoring),
                       constraints=dataclasses.replace(ConstraintConfig(), **constraints))


def component(name, mentees, mentors, **changes) -> np.ndarray:
    scores = score_pairs(mentors, mentees, config(**changes))
    return scores.components[name].astype(np.float32)


# --- field -----------------------------------------------------------------------------------

def test_field_same_related_and_unrelated():
    mentees = table("mentee", {"fields": ("health",)})
    mentors = table("mentor", {"fields": ("health",)}, {"fields": ("social_care",)},
                    {"fields": ("law",)}, {"fields": ("law", "health")})
    assert component("field", mentees, mentors).tolist() == [[1.0, 0.5, 0.0, 1.0]]


def test_field_related_groups_and_score_come_from_config():
    mentees = table("mentee", {"fields": ("law",)})
    mentors = table("mentor", {"fields": ("finance",)}, {"fields": ("health",)})
    got = component("field", mentees, mentors, related_fields=(("law", "finance"),),
                    related_field_score=0.25)
    assert got.tolist() == [[0.25, 0.0]]


def test_field_text_rescues_answers_outside_the_vocabulary_finnish():
    # "pelisuunnittelu" is in no field list; the mentor's job title shares its stem
    mentees = table("mentee", {"field_text": "Pelisuunnittelu"})
    mentors = table("mentor", {"fields": ("arts_media",), "job_title": "Pelisuunnittelija"},
                    {"fields": ("health",), "job_title": "Sairaanhoitaja"})
    got = component("field", mentees, mentors)[0]
    assert got[0] > 0.3 > got[1]
    assert got[0] <= ScoringConfig.field_text_weight  # text alone never equals a same-field match


def test_field_unknown_on_either_side_is_neutral():
    mentees = table("mentee", {}, {"fields": ("ict",)})
    mentors = table("mentor", {"fields": ("ict",)}, {})
    assert component("field", mentees, mentors).tolist() == [[NEUTRAL, NEUTRAL], [1.0, NEUTRAL]]


# --- goals -----------------------------------------------------------------------------------

def test_goals_share_is_led_by_the_mentee():
    mentees = table("mentee", {"goals": ("networking", "strengths", "job_search_skills",
                                         "working_life_culture")})
    mentors = table("mentor", {"topics": ("networking", "job_search_skills",
                                          "working_life_culture", "leadership")},
                    {"topics": ("networking",)})
    assert component("goals", mentees, mentors).tolist() == [[0.75, 0.25]]
    # asymmetric: a mentor offering more than asked loses nothing, a mentee asking more does
    flipped = table("mentee", {"goals": ("networking",)})
    assert component("goals", flipped, mentors).tolist() == [[1.0, 1.0]]


def test_goals_blend_text_similarity_finnish_inflections():
    mentees = table("mentee", {"goals": ("job_search_skills",),
                               "goals_text": "Haluan apua työnhakuun ja verkostoitumiseen"})
    mentors = table("mentor", {"topics": ("job_search_skills",),
                               "about": "Autan työnhaussa ja verkostoitumisessa"},
                    {"topics": ("job_search_skills",),
                     "about": "Olen kirjanpitäjä, harrastan purjehdusta"})
    got = component("goals", mentees, mentors)[0]
    share = 1 - ScoringConfig.goals_text_share  # offered 1 of 1, weighted
    assert got[0] > got[1] >= share - 1e-3
    assert got[0] > share + 0.05


def test_goals_text_works_for_mixed_language_answers():
    mentees = table("mentee", {"goals_text": "I want networking and apua työnhakuun in Finland"})
    mentors = table("mentor", {"about": "Networking and työnhaku, happy to help"},
                    {"about": "Rakennustekniikka ja betonirakenteet"})
    got = component("goals", mentees, mentors)[0]
    assert got[0] > 2 * got[1]


def test_goals_without_any_answer_are_neutral_and_text_only_when_no_topics():
    mentees = table("mentee", {}, {"goals_text": "verkostoituminen"})
    mentors = table("mentor", {"topics": ("networking",)}, {"about": "verkostoituminen"})
    got = component("goals", mentees, mentors)
    assert got[0].tolist() == [NEUTRAL, NEUTRAL]
    assert got[1, 0] == NEUTRAL and got[1, 1] == pytest.approx(1.0, abs=1e-3)


# --- language --------------------------------------------------------------------------------

def test_language_levels_and_strongest_language():
    mentees = table("mentee", {"languages": {"ar": 4, "fi": 2}})
    mentors = table("mentor",
                    {"languages": {"ar": 4, "fi": 4}},   # strongest shared at native: 1
                    {"languages": {"fi": 4}},            # good Finnish only: (2/3 + 0) / 2
                    {"languages": {"ar": 2}},            # strongest, at good level: (2/3 + 1) / 2
                    {"languages": {"sv": 4}})            # nothing shared: 0
    got = component("language", mentees, mentors)[0]
    np.testing.assert_allclose(got, [1.0, 1 / 3, 5 / 6, 0.0], atol=1e-3)


def test_language_basic_level_only_scores_low_but_is_feasible():
    mentees = table("mentee", {"languages": {"fi": 1, "so": 4}})
    mentors = table("mentor", {"languages": {"fi": 4}})
    scores = score_pairs(mentors, mentees)
    assert scores.feasible[0, 0]
    assert float(scores.components["language"][0, 0]) == pytest.approx(1 / 6, abs=1e-3)


# --- location --------------------------------------------------------------------------------

def test_location_same_city_remote_and_impossible():
    mentees = table("mentee", {"city": "Tampere", "meeting_mode": "either"},
                    {"city": "Oulu", "meeting_mode": "in_person"},
                    {"city": "Oulu", "meeting_mode": "remote"})
    mentors = table("mentor", {"city": "Tampere", "meeting_mode": "either"},
                    {"city": "Helsinki", "meeting_mode": "either"},
                    {"city": "Oulu", "meeting_mode": "remote"})
    got = component("location", mentees, mentors, remote_score=0.6)
    np.testing.assert_allclose(got, [[1.0, 0.6, 0.6],
                                     [0.0, 0.0, 0.0],
                                     [1.0, 1.0, 1.0]], atol=1e-3)


# --- optional components ---------------------------------------------------------------------

def test_experience_and_gender_are_off_by_default_and_on_with_a_weight():
    mentees = table("mentee", {"gender_preference": "woman"})
    mentors = table("mentor", {"years_experience": 5.0, "gender": "Woman"},
                    {"years_experience": 30.0, "gender": "man"}, {})
    assert set(score_pairs(mentors, mentees).components) == {"field", "goals", "language",
                                                              "location"}
    weights = {**ScoringConfig().weights, "experience": 0.1, "gender": 0.1}
    scores = score_pairs(mentors, mentees, config(weights=weights))
    np.testing.assert_allclose(scores.components["experience"].astype(float), [[0.5, 1.0, 0.5]])
    np.testing.assert_allclose(scores.components["gender"].astype(float), [[1.0, 0.0, 0.5]])


# --- weights and total -----------------------------------------------------------------------

def test_total_is_100_times_the_normalised_weighted_sum():
    mentees = table("mentee", {"fields": ("ict",), "goals": ("networking", "strengths")})
    mentors = table("mentor", {"fields": ("ict",), "topics": ("networking",)},
                    {"fields": ("law",), "topics": ("strengths",)})
    weights = {"field": 2.0, "goals": 2.0, "language": 0.0, "location": 0.0,
               "experience": 0.0, "gender": 0.0}
    scores = score_pairs(mentors, mentees, config(weights=weights))
    assert scores.weights == {"field": 0.5, "goals": 0.5}
    assert scores.total.dtype == np.float32
    np.testing.assert_allclose(scores.total, [[75.0, 25.0]], atol=1e-3)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.floats(0, 5), min_size=4, max_size=4).filter(lambda w: sum(w) > 0.01))
def test_total_stays_within_0_100_for_any_weights(weights):
    mentees = table("mentee", {"fields": ("ict",), "goals": ("networking",), "city": "Oulu"},
                    {"languages": {"ar": 4}, "meeting_mode": "in_person"})
    mentors = table("mentor", {"fields": ("ict",), "topics": ("networking",), "city": "Oulu"},
                    {"fields": ("law",), "meeting_mode": "remote"})
    named = dict(zip(("field", "goals", "language", "location"), weights))
    scores = score_pairs(mentors, mentees, config(weights={**named, "experience": 0.0,
                                                           "gender": 0.0}))
    assert np.all((scores.total >= 0) & (scores.total <= 100 + 1e-3))
    assert sum(scores.weights.values()) == pytest.approx(1.0)
    assert scores.total[0, 0] == pytest.approx(100.0, abs=1e-3)


# --- hard constraints ------------------------------------------------------------------------

def test_no_shared_language_is_infeasible_with_reason_and_explanation():
    mentees = table("mentee", {"languages": {"ar": 4, "so": 3}})
    mentors = table("mentor", {"languages": {"fi": 4, "sv": 3}})
    scores = score_pairs(mentors, mentees)
    assert not scores.feasible[0, 0]
    assert scores.reasons("E1", "M1") == ["no shared language"]
    assert scores.explain("E1", "M1").startswith(
        "No shared language: mentee uses Arabic, Somali; mentor uses Finnish, Swedish.")


def test_same_organisation_on_by_default_and_can_be_turned_off():
    mentees = table("mentee", {"organisation": "Nokia"}, {"organisation": "-"})
    mentors = table("mentor", {"organisation": " nokia oyj"}, {"organisation": "-"})
    scores = score_pairs(mentors, mentees)
    assert scores.feasible.tolist() == [[False, True], [True, True]]  # "-" names no employer
    assert scores.reasons("E1", "M1") == ["same organisation"]
    off = score_pairs(mentors, mentees, config(same_organisation=False))
    assert off.feasible.all()


def test_forbidden_pairs_and_unknown_ids():
    mentees, mentors = table("mentee", {}, {}), table("mentor", {}, {})
    forbidden = pd.DataFrame({"mentee_id": ["E2"], "mentor_id": ["M1"], "source": ["config"]})
    scores = score_pairs(mentors, mentees, forbidden=forbidden)
    assert scores.feasible.tolist() == [[True, True], [False, True]]
    assert scores.reasons("E2", "M1") == ["forbidden by the coordinator"]
    bad = pd.DataFrame({"mentee_id": ["E9"], "mentor_id": ["M1"], "source": ["forbidden.csv"]})
    with pytest.raises(InputError, match=r"forbidden.csv.*'E9'.*fix the id"):
        score_pairs(mentors, mentees, forbidden=bad)


def test_meeting_mode_in_person_only_vs_remote_only():
    mentees = table("mentee", {"meeting_mode": "in_person"}, {"meeting_mode": "remote"})
    mentors = table("mentor", {"meeting_mode": "remote"}, {"meeting_mode": "either"})
    scores = score_pairs(mentors, mentees)
    assert scores.feasible.tolist() == [[False, True], [True, True]]
    assert "Meeting modes do not fit: mentee meets only in person, mentor only remotely." \
        in scores.explain("E1", "M1")
    assert score_pairs(mentors, mentees, config(meeting_mode=False)).feasible.all()


def test_eligibility_rules_one_bit_each_and_missing_values_fail():
    rules = (Rule("mentor", "years_in_finland", ">=", 3.0), Rule("mentor", "field", "==", "ict"),
             Rule("mentee", "city", "!=", "Oulu"))
    mentees = table("mentee", {"city": "Tampere"}, {"city": "Oulu"}, {})
    mentors = table("mentor", {"years_in_finland": 5.0, "fields": ("ict",)},
                    {"years_in_finland": 1.0, "fields": ("ict",)},
                    {"fields": ("law",)})
    scores = score_pairs(mentors, mentees, config(rules=rules))
    assert scores.feasible.tolist() == [[True, False, False], [False] * 3, [False] * 3]
    assert scores.reasons("E1", "M2") == ["mentor years_in_finland >= 3 not met"]
    assert scores.reasons("E1", "M3") == ["mentor years_in_finland >= 3 not met",
                                          "mentor field == 'ict' not met"]
    assert scores.reasons("E3", "M1") == ["mentee city != 'Oulu' not met"]  # missing fails
    assert "Eligibility rule mentor years_in_finland >= 3 is not met." in scores.explain("E1", "M2")


def test_rule_on_a_column_that_was_not_read_is_a_config_error():
    rules = (Rule("mentor", "capacity", ">=", 2.0),)
    with pytest.raises(ConfigError, match=r"constraints.rules\[0\].*capacity"):
        score_pairs(table("mentor", {}), table("mentee", {}), config(rules=rules))


def test_gender_preference_as_hard_constraint():
    mentees = table("mentee", {"gender_preference": "woman"}, {})
    mentors = table("mentor", {"gender": "woman"}, {"gender": "man"}, {})
    assert score_pairs(mentors, mentees).feasible.all()  # soft (weight 0) by default
    scores = score_pairs(mentors, mentees, config(gender_preference=True))
    assert scores.feasible.tolist() == [[True, False, False], [True, True, True]]
    assert scores.reasons("E1", "M2") == ["gender preference not met"]


def test_below_minimum_score():
    mentees = table("mentee", {"fields": ("ict",)})
    mentors = table("mentor", {"fields": ("ict",)}, {"fields": ("law",)})
    scores = score_pairs(mentors, mentees, config(min_score=50.0))
    assert scores.feasible.tolist() == [[True, False]]
    assert scores.reasons("E1", "M2") == ["below the minimum score"]
    assert f"Score {scores.total[0, 1]:.1f} is below the minimum 50." in scores.explain("E1", "M2")


# --- Scores object ---------------------------------------------------------------------------

def two_by_three() -> Scores:
    mentees = table("mentee", {"fields": ("ict",), "languages": {"fi": 4, "en": 3},
                               "goals": ("networking", "strengths", "job_search_skills",
                                         "working_life_culture"), "city": "Tampere"},
                    {"languages": {"ar": 4}})
    mentors = table("mentor", {"fields": ("ict",), "languages": {"fi": 4, "en": 4},
                               "topics": ("networking", "job_search_skills",
                                          "working_life_culture"), "city": "Tampere"},
                    {"fields": ("law",), "languages": {"fi": 4}},
                    {"fields": ("law",), "languages": {"fi": 4}})
    return score_pairs(mentors, mentees)


def test_explanation_text_for_a_good_pair():
    assert two_by_three().explain("E1", "M1") == (
        "Both use Finnish and English. Same field: ICT. Offers 3 of the mentee's 4 goals: "
        "networking, job-seeking skills, Finnish working-life culture. Both in Tampere.")


def test_explanations_never_quote_free_text():
    secret = "Olen Matti ja asun osoitteessa Kotikatu 5"
    mentees = table("mentee", {"goals_text": secret, "field_text": secret})
    mentors = table("mentor", {"about": secret, "job_title": secret})
    text = score_pairs(mentors, mentees).explain("E1", "M1")
    assert "Matti" not in text and "Kotikatu" not in text


def test_to_frame_columns_order_and_reasons():
    scores = two_by_three()
    frame = scores.to_frame()
    assert list(frame.columns) == ["mentee_id", "mentor_id", "score", "feasible", "field",
                                   "goals", "language", "location", "reason"]
    assert frame["mentee_id"].tolist() == ["E1"] * 3 + ["E2"] * 3
    # ties (M2 and M3 score the same) broken by mentor_id
    assert frame["mentor_id"].tolist()[:3] == ["M1", "M2", "M3"]
    assert (frame.loc[frame.feasible, "reason"] == "").all()
    assert set(frame.loc[~frame.feasible, "reason"]) == {"no shared language"}
    assert len(scores.to_frame(feasible_only=True)) == 3
    assert scores.top("E1", k=1)["mentor_id"].tolist() == ["M1"]
    assert repr(scores) == "Scores(2 mentees × 3 mentors, 4 components, 50% of pairs feasible)"


def test_unknown_id_is_a_clear_error():
    with pytest.raises(InputError, match="unknown mentee id 'nobody'"):
        two_by_three().explain("nobody", "M1")


def test_deterministic_and_row_order_independent():
    a, b = two_by_three(), two_by_three()
    assert a.total.tobytes() == b.total.tobytes()
    assert a.to_frame().equals(b.to_frame())


def test_config_settings_are_validated():
    assert parse_config("[scoring]\ngoals_text_share = 0.5").scoring.goals_text_share == 0.5
    with pytest.raises(ConfigError, match=r"scoring.remote_score.*between 0 and 1"):
        parse_config("[scoring]\nremote_score = 2")
    with pytest.raises(ConfigError, match=r"constraints.rules"):
        score_pairs(table("mentor", {}), table("mentee", {}),
                    config(rules=tuple(Rule("mentor", "years_in_finland", ">=", float(i))
                                       for i in range(11))))
