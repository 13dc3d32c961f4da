"""matcher: pair mentors with mentees optimally, and explain every pair.

The Python API has the same verbs as the command line (``matcher --help``), one per pipeline stage:

>>> import matcher
>>> rnd = matcher.load_round("data/samples/round.toml")          # doctest: +SKIP
>>> scores = matcher.score_round(rnd)                             # doctest: +SKIP
>>> matching = matcher.match_round(rnd, scores)                   # doctest: +SKIP
>>> tables = matcher.build_tables(rnd, scores, matching)          # doctest: +SKIP
>>> result = matcher.run_round("data/samples/round.toml", "out")  # doctest: +SKIP

The names below are imported on first use (module ``__getattr__``, PEP 562), so ``import
matcher`` and ``matcher --help`` do not load pandas, scikit-learn, OR-Tools, PuLP or XlsxWriter; ``from matcher import load_round`` and ``matcher.load_round`` work as usual.

>>> {'load_round', 'run_round', 'solve_assignment'} <= set(__all__)
True
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

#: public name -> the module that defines it
_EXPORTS = {
    "Assignment": "matcher.solver", "EarlierRound": "matcher.history", "Matching": "matcher.solver",
    "Round": "matcher.intake",
    "RoundConfig": "matcher.config", "RunResult": "matcher.run", "Scores": "matcher.scoring",
    "build_tables": "matcher.results", "init_round": "matcher.detect",
    "introduction_letters": "matcher.introductions", "load_config": "matcher.config",
    "load_round": "matcher.intake", "match_round": "matcher.solver",
    "read_earlier_round": "matcher.history", "rematch": "matcher.run", "run_round": "matcher.run",
    "score_pairs": "matcher.scoring", "score_round": "matcher.scoring",
    "solve_assignment": "matcher.solver",
}
__all__ = sorted(_EXPORTS)

if TYPE_CHECKING:  # type checkers and IDEs see the same names, imported eagerly (re-exports, hence noqa)
    from matcher.config import RoundConfig, load_config  # noqa: F401
    from matcher.detect import init_round  # noqa: F401
    from matcher.history import EarlierRound, read_earlier_round  # noqa: F401
    from matcher.intake import Round, load_round  # noqa: F401
    from matcher.introductions import introduction_letters  # noqa: F401
    from matcher.results import build_tables  # noqa: F401
    from matcher.run import RunResult, rematch, run_round  # noqa: F401
    from matcher.scoring import Scores, score_pairs, score_round  # noqa: F401
    from matcher.solver import Assignment, Matching, match_round, solve_assignment  # noqa: F401


def __getattr__(name: str) -> Any:
    """Import a public name's module on first access, then keep the name in this module."""
    if name not in _EXPORTS:
        raise AttributeError(f"module 'matcher' has no attribute {name!r}")
    value = getattr(importlib.import_module(_EXPORTS[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
