"""``match_round``: solve a round (ids in, ids out) on top of :func:`solve_assignment`."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from matcher.errors import InputError
from matcher.solver.assignment import Assignment, solve_assignment
from matcher.solver.locks import LockConflictError, LockProblem

if TYPE_CHECKING:
    from matcher.intake import Round
    from matcher.scoring import Scores

log = logging.getLogger(__name__)

MATCHING_COLUMNS = ("mentee_id", "mentor_id", "score", "locked")


@dataclass(frozen=True, repr=False)
class Matching:
    """The round's optimal pairs by id.

    Attributes
    ----------
    pairs : pd.DataFrame
        ``mentee_id, mentor_id, score, locked``, ordered as the mentees in the round, then as the
        mentors in the round.
    assignment : Assignment
        The low-level result (indices, certificate, timings).
    objective : str
    """

    pairs: pd.DataFrame
    assignment: Assignment
    objective: str

    def __repr__(self) -> str:
        a = self.assignment
        return (f"Matching(objective={self.objective!r}, {len(self.pairs)} pairs, {a.matched} "
                f"mentees matched, total score {a.total_score:.1f}, status={a.status!r}, "
                f"gap={a.certificate.gap})")


def match_round(round: Round, scores: Scores, objective: str | None = None) -> Matching:
    """The optimal pairing of a round under its config (objective, engine, minimum loads).

    Parameters
    ----------
    round : Round
        ``mentors`` (with ``capacity``), ``mentees`` (with ``priority``, ``max_mentors``),
        ``locked`` and ``forbidden`` pairs by id, and ``config.solver``.
    scores : Scores
        ``total`` and ``feasible`` matrices, rows in ``round.mentees`` order and columns in
        ``round.mentors`` order; ``reasons(mentee_id, mentor_id)`` words infeasible locks.
    objective : str, optional
        Overrides ``config.solver.objective``.

    Raises
    ------
    InfeasibleLocksError
        A locked pair cannot hold: one line per lock with the ids, where it was locked and why.

    Examples
    --------
    >>> matching = match_round(round, scores)  # doctest: +SKIP
    >>> matching.pairs.head(2)  # doctest: +SKIP
      mentee_id mentor_id  score  locked
    0      E001      M017   81.2   False
    """
    settings = round.config.solver
    objective = objective or settings.objective
    mentees, mentors = round.mentees, round.mentors
    _check_alignment(mentees.index, mentors.index, scores)
    capacity = mentors["capacity"].to_numpy(np.int64)
    minimum = settings.min_mentees_per_mentor
    locked = _positions(round.locked, mentees.index, mentors.index, "locked")
    forbidden = _positions(round.forbidden, mentees.index, mentors.index, "forbidden")
    log.info("matching %d mentees with %d mentors (%s, %d locked, %d forbidden)", len(mentees),
             len(mentors), objective, len(locked), len(forbidden))
    try:
        assignment = solve_assignment(
            scores.total, capacity, feasible=scores.feasible,
            mentee_capacity=mentees["max_mentors"].to_numpy(np.int64),
            priority=mentees["priority"].to_numpy(np.int64), locked=locked, forbidden=forbidden,
            objective=objective, engine=settings.engine,
            # a mentor taking nobody this round (capacity 0) is not forced to take anyone
            min_load=np.minimum(minimum, capacity) if minimum > 0 else None)
    except LockConflictError as error:
        raise LockConflictError(error.problems, _lock_message(error.problems, round, scores)) from None
    rows, cols = assignment.pairs[:, 0], assignment.pairs[:, 1]
    pairs = pd.DataFrame({"mentee_id": mentees.index.to_numpy()[rows],
                          "mentor_id": mentors.index.to_numpy()[cols],
                          "score": assignment.scores, "locked": assignment.locked},
                         columns=list(MATCHING_COLUMNS))
    return Matching(pairs=pairs, assignment=assignment, objective=objective)


def _check_alignment(mentee_ids: pd.Index, mentor_ids: pd.Index, scores) -> None:
    if not (pd.Index(scores.mentee_ids).equals(mentee_ids) and pd.Index(scores.mentor_ids).equals(mentor_ids)):
        raise InputError("the scores were computed for other mentees or mentors than this round's: "
                         "score the round again (matcher score / score_round) before matching")


def _positions(frame: pd.DataFrame, mentee_ids: pd.Index, mentor_ids: pd.Index, kind: str) -> np.ndarray:
    rows = mentee_ids.get_indexer(frame["mentee_id"])
    cols = mentor_ids.get_indexer(frame["mentor_id"])
    unknown = np.flatnonzero((rows < 0) | (cols < 0))
    if unknown.size:
        k = int(unknown[0])
        raise InputError(f"{kind} pair (mentee {frame['mentee_id'].iloc[k]}, mentor "
                         f"{frame['mentor_id'].iloc[k]}) from {frame['source'].iloc[k]} names someone "
                         f"who is not in this round: fix the id, or remove the pair")
    return np.stack([rows, cols], axis=1).astype(np.int64)


def _source(source: str, config) -> str:
    """Where a locked or forbidden pair was made, as the coordinator would look for it.

    >>> from matcher.config import RoundConfig
    >>> from pathlib import Path
    >>> _source("config", RoundConfig(path=Path("round.toml"))), _source("decisions", RoundConfig())
    ('round.toml, [constraints]', "the decisions workbook: 'keep' in its Decision column")
    """
    return {"config": f"{Path(config.where).name}, [constraints]",
            "decisions": "the decisions workbook: 'keep' in its Decision column",
            "move": "the decisions workbook: its Move to column"}.get(source, source)


def _lock_message(problems: list[LockProblem], round, scores) -> str:
    mentee_ids, mentor_ids = round.mentees.index, round.mentors.index
    forbidden = round.forbidden.set_index(["mentee_id", "mentor_id"])["source"]
    from matcher.scoring.constraints import FORBIDDEN  # the scores' own bit, read only here

    also_forbidden = {(p.mentee, p.mentor) for p in problems if p.reason == "forbidden"}
    lines = []
    for p in problems:
        mentee, mentor = mentee_ids[p.mentee], mentor_ids[p.mentor]
        source = _source(round.locked["source"].iloc[p.index], round.config)
        reasons = scores.reasons(mentee, mentor)
        if (p.mentee, p.mentor) in also_forbidden:  # said once, with where it was forbidden
            reasons = [r for r in reasons if r != scores.reason_labels.get(FORBIDDEN)]
            if p.reason == "infeasible" and not reasons:
                continue
        why = {
            "duplicate": "is locked more than once",
            "infeasible": "is not a feasible pair: " + ("; ".join(reasons)
                                                         or "ruled out by the scoring constraints"),
            "forbidden": "is also forbidden (in "
                         f"{_source(forbidden.get((mentee, mentor), 'the forbidden pairs'), round.config)})",
            "mentor_capacity": f"mentor {mentor} has capacity {p.limit} but {p.count} locked pairs",
            "mentee_capacity": f"mentee {mentee} may have at most {p.limit} mentor(s) but has "
                               f"{p.count} locked pairs",
        }[p.reason]
        lines.append(f"  - locked pair mentee {mentee} + mentor {mentor} (from {source}): {why}")
    return ("locked pairs cannot all hold:\n" + "\n".join(lines) + "\nFix: remove or change these "
            "locks where they were made, raise the mentor's capacity or the mentee's max_mentors, "
            "or relax the constraint that rules the pair out.")
