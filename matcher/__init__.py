"""matcher: pair mentors with mentees optimally, and explain every pair.

The Python API has the same verbs as the command line (``matcher --help``).
"""

__version__ = "0.1.0"

from matcher.detect import init_round  # noqa: E402 - after __version__, which cli imports
from matcher.intake import Round, load_round  # noqa: E402
from matcher.scoring import Scores, score_pairs, score_round  # noqa: E402
from matcher.solver import Assignment, Matching, match_round, solve_assignment  # noqa: E402
