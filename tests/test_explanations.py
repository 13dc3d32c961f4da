"""Explanations of many pairs at once (:mod:`matcher.scoring.explanations`) are the pair-by-pair
explanations, word for word, whatever the answers, weights and wishes."""

from __future__ import annotations

import dataclasses

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from matcher.config import RoundConfig, ScoringConfig, WishConfig
from matcher.scoring import score_pairs
from matcher.scoring.explain import explain_pair
from matcher.scoring.explanations import explain_pairs

from test_scoring import table

FIELDS = st.lists(st.sampled_from(["ict", "health", "law", "engineering", "finance"]), max_size=2).map(tuple)
GOALS = st.lists(st.sampled_from(["networking", "strengths", "field_requirements", "job_search_support"]),
                 max_size=3, unique=True).map(tuple)
LANGUAGES = st.dictionaries(st.sampled_from(["fi", "sv", "en"]), st.integers(1, 4), max_size=3)
COMMON = {"fields": FIELDS, "languages": LANGUAGES,
          "city": st.sampled_from(["", "Helsinki", "Espoo", "Tampere", "Oulu", "Atlantis"]),
          "meeting_mode": st.sampled_from(["either", "in_person", "remote"]),
          "field_text": st.sampled_from(["", "software testing", "nursing care"]),
          "organisation": st.sampled_from(["", "Acme"])}
MENTEE = st.fixed_dictionaries({**COMMON, "goals": GOALS,
                                "gender_preference": st.sampled_from(["", "woman"])})
MENTOR = st.fixed_dictionaries({**COMMON, "topics": GOALS, "gender": st.sampled_from(["", "woman", "man"]),
                                "years_experience": st.sampled_from([np.nan, 3.0, 12.0])})
WISHES = st.builds(WishConfig, gender=st.sampled_from(["hard", "soft", "off"]),
                   same_field=st.sampled_from(["hard", "soft", "off"]))


@settings(max_examples=40, deadline=None)
@given(st.lists(MENTEE, min_size=1, max_size=6), st.lists(MENTOR, min_size=1, max_size=5), WISHES,
       st.booleans(), st.sampled_from(["en", "fi", "sv"]))
def test_many_pairs_at_once_read_as_each_pair_alone(mentees, mentors, wishes, optional, language):
    weights = {**ScoringConfig().weights, **({"experience": 0.1, "gender": 0.1} if optional else {})}
    config = RoundConfig(wishes=wishes, scoring=dataclasses.replace(ScoringConfig(), weights=weights),
                         language=language)
    scores = score_pairs(table("mentor", *mentors), table("mentee", *mentees), config)
    rows, cols = np.divmod(np.arange(scores.total.size), scores.total.shape[1])
    assert explain_pairs(scores, rows, cols) == [explain_pair(scores, i, j) for i, j in zip(rows, cols)]


def test_a_sentence_is_written_once_per_distinct_answer(monkeypatch):
    mentees = table("mentee", *[{"fields": ("ict",), "goals": ("networking",), "city": "Espoo"}] * 50)
    mentors = table("mentor", {"fields": ("ict",), "topics": ("networking",), "city": "Espoo"})
    scores = score_pairs(mentors, mentees)
    calls = []
    from matcher.scoring import explanations

    real = explanations._goals
    monkeypatch.setattr(explanations, "_goals", lambda *args: calls.append(1) or real(*args))
    texts = explain_pairs(scores, np.arange(50), np.zeros(50, dtype=int))
    assert len(set(texts)) == 1 and texts[0] == explain_pair(scores, 0, 0) and len(calls) == 1
