"""Compatibility scoring: every mentor × mentee pair, vectorised, explained, configurable.

``score_round(round)`` scores a loaded round; ``score_pairs(mentors, mentees, config, forbidden)``
does the same on bare canonical tables. Both return a :class:`Scores`. The mathematics of every
component, the constraints and the tie rules are in docs/scoring.md.

Example
-------
>>> import pandas as pd
>>> mentees = pd.DataFrame({"fields": [("health",)], "languages": [{"fi": 3}]},
...                        index=pd.Index(["e1"], name="mentee_id"))
>>> mentors = pd.DataFrame({"fields": [("social_care",)], "languages": [{"fi": 4}]},
...                        index=pd.Index(["r1"], name="mentor_id"))
>>> score_pairs(mentors, mentees)
Scores(1 mentees × 1 mentors, 4 components, 100% of pairs feasible)
"""

from matcher.scoring.compute import normalised_weights, score_pairs, score_round
from matcher.scoring.scores import Scores

__all__ = ["Scores", "normalised_weights", "score_pairs", "score_round"]
