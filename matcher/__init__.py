"""matcher: pair mentors with mentees optimally, and explain every pair.

The Python API has the same verbs as the command line (``matcher --help``), one per pipeline stage:

>>> import matcher
>>> rnd = matcher.load_round("data/samples/round.toml")          # doctest: +SKIP
>>> scores = matcher.score_round(rnd)                             # doctest: +SKIP
>>> matching = matcher.match_round(rnd, scores)                   # doctest: +SKIP
>>> tables = matcher.build_tables(rnd, scores, matching)          # doctest: +SKIP
>>> result = matcher.run_round("data/samples/round.toml", "out")  # doctest: +SKIP
"""

__version__ = "0.1.0"

# imported after __version__, which the CLI and the audit record read
from matcher.config import RoundConfig, load_config
from matcher.detect import init_round
from matcher.intake import Round, load_round
from matcher.results import build_tables
from matcher.run import RunResult, run_round
from matcher.scoring import Scores, score_pairs, score_round
from matcher.solver import Assignment, Matching, match_round, solve_assignment

__all__ = [
    "Assignment", "Matching", "Round", "RoundConfig", "RunResult", "Scores", "build_tables",
    "init_round", "load_config", "load_round", "match_round", "run_round", "score_pairs",
    "score_round", "solve_assignment",
]
