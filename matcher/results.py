"""The organiser's tables: what was paired, who was not and why, and what else was possible.

:func:`build_tables` turns the three stage outputs (a :class:`~matcher.intake.Round`, its
:class:`~matcher.scoring.Scores` and a :class:`~matcher.solver.Matching`) into plain DataFrames with
stable column names. The report writers only format them; notebooks can use them directly.

Everything here works on whole arrays: reasons and alternatives for all mentees at once, never a
Python loop over mentor × mentee pairs (explanations are produced only for chosen pairs).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from matcher.eligibility import NOT_INCLUDED_COLUMNS
from matcher import vocab
from matcher.i18n import MESSAGES, header, label, number, percent, t
from matcher.issue_groups import issue_counts
from matcher.scoring.constraints import NO_SHARED_LANGUAGE
from matcher.scoring.explain import reason_label

if TYPE_CHECKING:
    from matcher.intake import Round
    from matcher.scoring import Scores
    from matcher.solver import Matching

#: How many alternative mentors the Alternatives sheet lists per mentee.
ALTERNATIVES = 3
_ROWS_PER_CHUNK = 2048


@dataclass(frozen=True)
class Contacts:
    """Display names and e-mails, or ids only when the output is pseudonymised."""

    mentee_name: pd.Series
    mentee_email: pd.Series
    mentor_name: pd.Series
    mentor_email: pd.Series
    pseudonymised: bool = False

    @classmethod
    def of(cls, round: Round, pseudonymise: bool) -> "Contacts":
        def display(table: pd.DataFrame):
            if pseudonymise:
                ids = table.index.to_series(index=table.index)
                return ids, pd.Series("", index=table.index)
            return table["name"].fillna(""), table["email"].fillna("")

        mentee_name, mentee_email = display(round.mentees)
        mentor_name, mentor_email = display(round.mentors)
        return cls(mentee_name, mentee_email, mentor_name, mentor_email, pseudonymise)


def build_tables(round: Round, scores: Scores, matching: Matching, *,
                 pseudonymise: bool = False) -> dict[str, pd.DataFrame]:
    """All result tables of a solved round, keyed by the names the report writers expect.

    Parameters
    ----------
    round : Round
        The intake tables (mentors, mentees, issues, locked, forbidden).
    scores : Scores
        Scores of the same round (rows in ``round.mentees`` order, columns in ``round.mentors``).
    matching : Matching
        The solver's result for those scores.
    pseudonymise : bool
        Write ids instead of names and e-mails everywhere.

    Returns
    -------
    dict of str to DataFrame
        ``pairs``, ``unmatched`` (mentees who were not included last, with why),
        ``not_included`` (mentors and mentees), ``mentors``, ``alternatives``, ``supply_demand``,
        ``goal_coverage``, ``issues`` (grouped by kind: :func:`matcher.issue_groups.group_issues`),
        ``issue_rows`` (the same, one row per problem) and ``summary``.
    """
    people = Contacts.of(round, pseudonymise)
    mentee_pos = pd.Index(scores.mentee_ids).get_indexer(matching.pairs["mentee_id"])
    mentor_pos = pd.Index(scores.mentor_ids).get_indexer(matching.pairs["mentor_id"])
    assigned = np.bincount(mentor_pos, minlength=len(scores.mentor_ids))
    capacity = round.mentors["capacity"].to_numpy(dtype=np.int64)
    pairs = _pairs(round, scores, matching, people, mentee_pos, mentor_pos)
    # the best mentors besides the chosen ones: for an unmatched mentee the best candidates
    # overall, and for every mentee the Alternatives sheet. A forbidden pair (rejected, ended, or
    # from an earlier round) is never proposed. Only the rows and columns that can show up are
    # searched (unmatched mentees; mentors with a free place), never a copy of the whole matrix.
    rows = pd.Index(scores.mentee_ids).get_indexer(round.forbidden["mentee_id"])
    cols = pd.Index(scores.mentor_ids).get_indexer(round.forbidden["mentor_id"])
    known = (rows >= 0) & (cols >= 0)
    excluded = (np.concatenate([mentee_pos, rows[known]]), np.concatenate([mentor_pos, cols[known]]))
    unmatched_rows = np.setdiff1d(np.arange(len(scores.mentee_ids)), mentee_pos)
    best = best_columns(scores.total, _allowed(scores.feasible, excluded, rows=unmatched_rows),
                        ALTERNATIVES, rows=unmatched_rows)
    top = np.full((len(scores.mentee_ids), best.shape[1]), -1, dtype=np.int64)
    top[unmatched_rows] = best
    # alternatives a coordinator can act on: compatible mentors who still have a free place
    free = np.flatnonzero(capacity > assigned)
    movable = best_columns(scores.total, _allowed(scores.feasible, excluded, columns=free),
                           ALTERNATIVES, columns=free)
    issues = round.issue_groups
    return {
        "pairs": pairs,
        "unmatched": pd.concat([_unmatched(round, scores, people, mentee_pos, assigned, capacity,
                                           top), _not_included_mentees(round, pseudonymise)],
                               ignore_index=True),
        "not_included": not_included(round, pseudonymise),
        "mentors": _mentors(round, people, assigned, capacity, matching.pairs),
        "alternatives": _alternatives(scores, people, movable, assigned, capacity, pairs,
                                      round.config.language),
        "supply_demand": supply_and_demand(round.mentees, round.mentors, round.config.language),
        "goal_coverage": goal_coverage(round.mentees, round.mentors, matching.pairs,
                                       round.config.language),
        "issues": issues,
        "issue_rows": round.issues.reset_index(drop=True),
        "summary": _summary(round, scores, matching, pairs, issues),
    }


def _pairs(round, scores, matching, people, mentee_pos, mentor_pos) -> pd.DataFrame:
    chosen = matching.pairs
    mentee_ids, mentor_ids = chosen["mentee_id"], chosen["mentor_id"]
    table = pd.DataFrame({
        "mentee_id": mentee_ids.to_numpy(),
        "mentee_name": people.mentee_name.loc[mentee_ids].to_numpy(),
        "mentee_email": people.mentee_email.loc[mentee_ids].to_numpy(),
        "mentor_id": mentor_ids.to_numpy(),
        "mentor_name": people.mentor_name.loc[mentor_ids].to_numpy(),
        "mentor_email": people.mentor_email.loc[mentor_ids].to_numpy(),
        "score": scores.total[mentee_pos, mentor_pos].astype(np.float64),
    })
    for name, matrix in scores.components.items():
        table[name] = matrix[mentee_pos, mentor_pos].astype(np.float64)
    table["explanation"] = scores.explain_many(mentee_ids, mentor_ids)
    table["locked"] = chosen["locked"].to_numpy(dtype=bool)
    table["decision"] = np.where(table["locked"], "keep", "")
    language = round.config.language
    table["locked_by"] = _lock_sources(round.locked, table, language)
    table["move_to"] = ""
    table["notes"] = ""
    mentee_answers = answers(round.mentees, "mentee", people.pseudonymised, language).loc[mentee_ids]
    mentor_answers = answers(round.mentors, "mentor", people.pseudonymised, language).loc[mentor_ids]
    for frame in (mentee_answers, mentor_answers):
        for name in frame.columns:
            table[name] = frame[name].to_numpy()
    return table


#: Lock sources with a catalogue text (``lock.<source>``); others (a file name) are shown as they are.
LOCK_SOURCES = ("decisions", "move", "config")
#: The answers shown beside each pair: (canonical column, vocabulary kind or None, shown as).
ANSWERS = {
    "mentee": (("fields", "fields", "field"), ("goals", "goals", "goals"),
               ("languages", "languages", "languages"), ("city", None, "city"),
               ("meeting_mode", None, "meeting_mode")),
    "mentor": (("fields", "fields", "field"), ("topics", "goals", "topics"),
               ("languages", "languages", "languages"), ("city", None, "city"),
               ("meeting_mode", None, "meeting_mode"), ("job_title", None, "job_title")),
}


def answers(people: pd.DataFrame, role: str, pseudonymise: bool = False,
            language: str = "en") -> pd.DataFrame:
    """Each person's key answers as display text, one column per answer, indexed by person id.

    Columns are ``<role>_field, <role>_goals`` (``mentor_topics``), ``_languages, _city,
    _meeting_mode`` and for mentors ``_job_title``. Canonical answers are shown by their
    labels in ``language``; a column the round does not have is empty. The job title is free
    text and is left out when the output is pseudonymised.

    Distinct answers are formatted once, so this costs one pass per column, not per pair.

    >>> people = pd.DataFrame({"fields": [("ict",)], "languages": [{"fi": 4, "en": 3}],
    ...                        "meeting_mode": ["either"]}, index=["e1"])
    >>> answers(people, "mentee").loc["e1"].tolist()
    ['ICT', '', 'Finnish (native), English (fluent)', '', 'either way']
    >>> answers(people, "mentee", language="fi").loc["e1", "mentee_languages"]
    'suomi (äidinkieli), englanti (sujuva)'

    """
    out = pd.DataFrame(index=people.index)
    for column, kind, shown in ANSWERS[role]:
        name = f"{role}_{shown}"
        if column not in people.columns or (pseudonymise and column == "job_title"):
            out[name] = ""
            continue
        values = people[column].tolist()
        formatted: dict = {}
        text = []
        for value in values:
            key = tuple(value.items()) if isinstance(value, dict) else value
            try:
                text.append(formatted[key])
            except KeyError:
                formatted[key] = _answer_text(value, kind, column, language)
                text.append(formatted[key])
            except TypeError:  # an unhashable answer: format it directly
                text.append(_answer_text(value, kind, column, language))
        out[name] = text
    return out


def _answer_text(value, kind: str | None, column: str, language: str) -> str:
    if isinstance(value, dict):  # languages: code -> level
        kind = kind or "languages"
        return ", ".join(f"{label(kind, k, language)} ({t(f'level.{level}', language)})"
                         if level in (1, 2, 3, 4) else label(kind, k, language)
                         for k, level in value.items())
    if isinstance(value, (tuple, list, set)):
        return ", ".join(label(kind, k, language) if kind else str(k) for k in value)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if column == "meeting_mode" and value in vocab.MEETING_MODES:
        return t(f"mode.{value}", language)
    return str(value)


def _lock_sources(locked: pd.DataFrame, pairs: pd.DataFrame, language: str) -> np.ndarray:
    """Why each locked pair is locked ("kept in review", "round config", a file name); "" if not."""
    sources = locked.drop_duplicates(["mentee_id", "mentor_id"]).set_index(["mentee_id", "mentor_id"])["source"]
    keys = pd.MultiIndex.from_arrays([pairs["mentee_id"], pairs["mentor_id"]])
    found = sources.reindex(keys).fillna("").astype(str).map(
        lambda s: t(f"lock.{s}", language) if s in LOCK_SOURCES else s)
    return np.where(pairs["locked"], found.to_numpy(dtype=object), "")


def _unmatched(round, scores, people, mentee_pos, assigned, capacity, top) -> pd.DataFrame:
    """Unmatched mentees with the reason, computed for all of them at once."""
    matched = np.zeros(len(scores.mentee_ids), dtype=bool)
    matched[mentee_pos] = True
    rows = np.flatnonzero(~matched)
    ids = pd.Index(scores.mentee_ids)[rows]
    reasons = unmatched_reasons(scores, rows, assigned, capacity, people.mentor_name,
                                round.config.language)
    best = _best_candidates(scores, rows, top[rows], assigned, capacity, people.mentor_name,
                            round.config.language)
    table = pd.DataFrame({
        "mentee_id": ids.to_numpy(),
        "mentee_name": people.mentee_name.loc[ids].to_numpy(),
        "mentee_email": people.mentee_email.loc[ids].to_numpy(),
        "reason": reasons,
        "best_candidates": best,
        "move_to": "",
        "notes": "",
    })
    mentee_answers = answers(round.mentees, "mentee", people.pseudonymised, round.config.language).loc[ids]
    for name in mentee_answers.columns:
        table[name] = mentee_answers[name].to_numpy()
    return table


def not_included(round, pseudonymise: bool = False) -> pd.DataFrame:
    """Everyone left out before matching (no consent, an eligibility rule failed), with why:
    ``role, id, name, email, row, reason``."""
    table = getattr(round, "not_included", None)
    if table is None:
        return pd.DataFrame(columns=list(NOT_INCLUDED_COLUMNS))
    table = table[list(NOT_INCLUDED_COLUMNS)].reset_index(drop=True)
    if pseudonymise:
        table = table.assign(name=table["id"], email="")
    return table


def _not_included_mentees(round, pseudonymise: bool) -> pd.DataFrame:
    """The Unmatched rows of mentees who were not included."""
    table = not_included(round, pseudonymise)
    mentees = table[table["role"] == "mentee"]
    return pd.DataFrame({"mentee_id": mentees["id"].to_numpy(),
                         "mentee_name": mentees["name"].to_numpy(),
                         "mentee_email": mentees["email"].to_numpy(),
                         "reason": [t("not_included.unmatched", round.config.language, reason=reason)
                                    for reason in mentees["reason"]],
                         "best_candidates": ""})


def unmatched_reasons(scores: Scores, rows: np.ndarray, assigned: np.ndarray, capacity: np.ndarray,
                      mentor_names: pd.Series, language: str = "en") -> list[str]:
    """Plain-language reason, in ``language``, why each mentee in ``rows`` has no mentor.

    Three cases, decided on whole matrix rows:

    * no compatible mentor at all: the hard constraints that ruled mentors out, most common first
      ("no shared language with any of the 58 mentors");
    * every compatible mentor is full: the best of them by score, and what one extra place would
      change (the mentee could then be paired with that mentor);
    * compatible mentors have room but pairing would lower the chosen objective (only possible for
      ``total`` with zero-score pairs or with side constraints).
    """
    if len(rows) == 0:
        return []
    if scores.feasible.shape[1] == 0:
        return [t("unmatched.no_mentors", language)] * len(rows)
    feasible = scores.feasible[rows]
    codes = scores.reason_codes[rows]
    full = assigned >= capacity
    n_mentors = feasible.shape[1]
    bits = sorted(scores.reason_labels)
    names = {bit: reason_label(bit, scores.reason_labels, language) for bit in bits}
    ruled_out = (np.stack([((codes & bit) != 0).sum(axis=1) for bit in bits], axis=1) if bits
                 else np.zeros((len(rows), 0), np.int64))
    # per row at once: how many compatible mentors, whether any has room, the best of them by
    # score (ties: the lower column, as best_columns breaks them); the loop only words the reason
    n_compatible = feasible.sum(axis=1)
    with_room = (feasible & ~full).any(axis=1)
    best_of = best_columns(scores.total, feasible, ALTERNATIVES, rows=rows)
    reasons = []
    for k in range(len(rows)):
        if n_compatible[k] == 0:
            counts = {b: int(c) for b, c in zip(bits, ruled_out[k]) if c}
            ordered = sorted(counts.items(), key=lambda item: (-item[1], names[item[0]]))
            if ordered and ordered[0][1] == n_mentors:
                reasons.append(t("unmatched.none_compatible_all", language, reason=names[ordered[0][0]],
                                 n=n_mentors, note=_languages_note(scores, rows[k], ordered[0][0],
                                                                   language)))
            else:
                parts = ", ".join(t("unmatched.part", language, reason=names[bit], count=count)
                                  for bit, count in ordered)
                reasons.append(t("unmatched.none_compatible", language, parts=parts, n=n_mentors))
        elif not with_room[k]:
            best = best_of[k][best_of[k] >= 0]
            named = ", ".join(f"{mentor_names.iloc[j]} ({number(scores.total[rows[k], j], language)})"
                              for j in best)
            reasons.append(t("unmatched.all_full", language, n=int(n_compatible[k]), named=named,
                             more=", ..." if n_compatible[k] > len(best) else "",
                             best=mentor_names.iloc[best[0]]))
        else:
            reasons.append(t("unmatched.objective", language))
    return reasons


def _languages_note(scores, row: int, bit: int, language: str) -> str:
    """' (mentee uses Arabic, Somali)' when no shared language is the reason, else ''."""
    context = getattr(scores, "context", None)
    if bit != NO_SHARED_LANGUAGE or context is None:
        return ""
    languages = context.mentee_rows[row].get("languages") or {}
    if not languages:
        return t("unmatched.mentee_no_language", language)
    return t("unmatched.mentee_uses", language,
             languages=", ".join(label("languages", key, language) for key in languages))


def _best_candidates(scores, rows, top, assigned, capacity, mentor_names, language: str) -> list[str]:
    """"Name (score, full)" or "Name (score, 2 free)" of each row's best candidates, in ``language``."""
    out = []
    for row, candidates in zip(rows, top):
        parts = []
        for j in candidates[candidates >= 0]:
            room = (t("candidates.full", language) if assigned[j] >= capacity[j]
                    else t("candidates.free", language, n=capacity[j] - assigned[j]))
            parts.append(f"{mentor_names.iloc[j]} ({number(scores.total[row, j], language)}, {room})")
        out.append("; ".join(parts))
    return out


def best_columns(total: np.ndarray, allowed: np.ndarray, k: int, *,
                 rows: np.ndarray | None = None, columns: np.ndarray | None = None) -> np.ndarray:
    """The columns of the ``k`` highest ``allowed`` scores of each row, best first, as a
    ``(rows, k)`` array padded with -1 where a row has fewer allowed columns.

    Ties are broken by the lower column index (the mentor's order in the intake file): each of
    the ``k`` rounds takes the row maximum with ``argmax``, which returns the first of equal
    values, then rules that column out. ``k`` passes over the matrix, in chunks of rows so the
    temporary copy stays small, and in the scores' own precision (float32). NaN scores are never
    chosen.

    ``rows`` and ``columns`` (increasing positions in ``total``) restrict the search to those
    rows and columns of ``total`` without copying it: ``allowed`` then has their shape, and the
    columns returned are still positions in ``total``.

    >>> best_columns(np.array([[1., 3., 3., 2.], [0., 1., 0., 0.]]),
    ...              np.array([[True, True, True, False], [False, True, False, False]]), 2)
    array([[ 1,  2],
           [ 1, -1]])
    >>> best_columns(np.array([[1., 3., 3., 2.], [0., 1., 0., 0.]]), np.array([[True, True]]), 2,
    ...              rows=np.array([0]), columns=np.array([0, 3]))
    array([[3, 0]])
    """
    rows = np.arange(total.shape[0]) if rows is None else np.asarray(rows)
    columns = np.arange(total.shape[1]) if columns is None else np.asarray(columns)
    all_rows, whole = len(rows) == total.shape[0], len(columns) == total.shape[1]
    n_rows, n_cols = allowed.shape
    k = min(k, n_cols)
    best = np.full((n_rows, k), -1, dtype=np.int64)
    for start in range(0, n_rows, _ROWS_PER_CHUNK):
        stop = min(start + _ROWS_PER_CHUNK, n_rows)
        chunk = total[start:stop] if all_rows else total[rows[start:stop]]
        block = np.where(allowed[start:stop], chunk if whole else chunk[:, columns], -np.inf)
        block[np.isnan(block)] = -np.inf
        at = np.arange(stop - start)
        for rank in range(k):
            cols = block.argmax(axis=1)
            found = block[at, cols] > -np.inf
            best[start:stop, rank] = np.where(found, columns[cols], -1)
            block[at, cols] = -np.inf
    return best


def _allowed(feasible: np.ndarray, excluded: tuple[np.ndarray, np.ndarray], *,
             rows: np.ndarray | None = None, columns: np.ndarray | None = None) -> np.ndarray:
    """``feasible`` on ``rows`` x ``columns`` (increasing positions; all when None), a copy with
    the ``excluded`` pairs (positions in ``feasible``) ruled out."""
    n, m = feasible.shape
    rows = np.arange(n) if rows is None else np.asarray(rows)
    columns = np.arange(m) if columns is None else np.asarray(columns)
    block = feasible[np.ix_(rows, columns)] if len(rows) < n or len(columns) < m else feasible.copy()
    at_row = np.full(n, -1)
    at_row[rows] = np.arange(len(rows))
    at_column = np.full(m, -1)
    at_column[columns] = np.arange(len(columns))
    i, j = at_row[excluded[0]], at_column[excluded[1]]
    inside = (i >= 0) & (j >= 0)
    block[i[inside], j[inside]] = False
    return block


def _mentors(round, people, assigned, capacity, chosen: pd.DataFrame) -> pd.DataFrame:
    """Each mentor's load and free places, with their mentees named (in the round's order)."""
    ids = round.mentors.index
    names = people.mentee_name.loc[chosen["mentee_id"]].astype(str).to_numpy()
    # grouped by sorting once (a groupby's Python aggregation costs a Series per mentor)
    codes, mentors = pd.factorize(chosen["mentor_id"].to_numpy())
    order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(len(mentors) + 1))
    mentees = pd.Series(["; ".join(names[order[a:b]]) for a, b in itertools.pairwise(bounds)],
                        index=mentors, dtype=object)
    mentor_answers = answers(round.mentors, "mentor", people.pseudonymised, round.config.language)
    return pd.DataFrame({
        "mentor_id": ids.to_numpy(),
        "mentor_name": people.mentor_name.loc[ids].to_numpy(),
        "mentor_email": people.mentor_email.loc[ids].to_numpy(),
        "capacity": capacity,
        "assigned": assigned,
        "remaining": capacity - assigned,
        "mentees": mentees.reindex(ids, fill_value="").to_numpy(),
        **{name: mentor_answers[name].to_numpy() for name in
           ("mentor_field", "mentor_topics", "mentor_languages", "mentor_city", "mentor_job_title")},
    })


def _alternatives(scores, people, top, assigned, capacity, pairs: pd.DataFrame,
                  language: str = "en") -> pd.DataFrame:
    """The best compatible mentors with a free place for each mentee, besides their own, and what
    moving there would cost: the alternative's score minus the mentee's current (lowest) pair
    score, or plus the whole score for an unmatched mentee, who gains a mentor."""
    rows, ranks = np.nonzero(top >= 0)  # by mentee, then rank
    cols = top[rows, ranks]
    mentee_ids = pd.Index(scores.mentee_ids)[rows]
    mentor_ids = pd.Index(scores.mentor_ids)[cols]
    free = capacity[cols] - assigned[cols]
    lowest = pairs.groupby("mentee_id", sort=False)["score"].min()
    mentor_of = pairs.sort_values("score", kind="stable").drop_duplicates("mentee_id").set_index(
        "mentee_id")["mentor_name"]
    current = lowest.reindex(mentee_ids).to_numpy(dtype=np.float64)
    score = scores.total[rows, cols].astype(np.float64)
    # the change the coordinator can check from the two scores shown (each to 1 decimal)
    change = np.round(np.round(score, 1) - np.round(np.nan_to_num(current, nan=0.0), 1), 1)
    matched = ~np.isnan(current)
    return pd.DataFrame({
        "mentee_id": mentee_ids.to_numpy(),
        "mentee_name": people.mentee_name.loc[mentee_ids].to_numpy(),
        "current_mentor": mentor_of.reindex(mentee_ids).fillna("").to_numpy(dtype=object),
        "current_score": current,
        "rank": ranks + 1,
        "mentor_id": mentor_ids.to_numpy(),
        "mentor_name": people.mentor_name.loc[mentor_ids].to_numpy(),
        "score": score,
        "score_change": change,
        "free_places": free,
        "feasible": True,
        "note": np.where(matched, np.where(change >= 0, t("alternatives.raises", language),
                                           t("alternatives.lowers", language)),
                         t("alternatives.unmatched", language)),
    })


def supply_and_demand(mentees: pd.DataFrame, mentors: pd.DataFrame, language: str = "en") -> pd.DataFrame:
    """Mentees wanting each language, field and goal against the mentors offering it.

    ``ratio`` is the offering mentors' total capacity per wanting mentee: below 1 means that not
    everyone who needs it can get it, whatever the solver does.
    """
    dimensions = [
        ("language", "languages", "languages", "languages"),
        ("field", "fields", "fields", "fields"),
        ("goal", "goals", "goals", "topics"),
    ]
    frames = []
    for dimension, kind, mentee_column, mentor_column in dimensions:
        wanted = _explode(mentees[mentee_column]).value_counts()
        offered = _explode(mentors[mentor_column])
        offering = offered.value_counts()
        capacity = mentors["capacity"].loc[offered.index].groupby(offered.to_numpy()).sum()
        keys = sorted(set(wanted.index) | set(offering.index))
        frame = pd.DataFrame({
            "dimension": dimension,
            "value": [label(kind, key, language) for key in keys],
            "mentees": wanted.reindex(keys, fill_value=0).to_numpy(dtype=np.int64),
            "mentors": offering.reindex(keys, fill_value=0).to_numpy(dtype=np.int64),
            "capacity": capacity.reindex(keys, fill_value=0).to_numpy(dtype=np.int64),
        })
        frame["ratio"] = frame["capacity"] / frame["mentees"].where(frame["mentees"] > 0)
        frames.append(frame.sort_values(["mentees", "value"], ascending=[False, True], kind="stable"))
    return pd.concat(frames, ignore_index=True)


def goal_coverage(mentees: pd.DataFrame, mentors: pd.DataFrame, pairs: pd.DataFrame,
                  language: str = "en") -> pd.DataFrame:
    """For each goal: matched mentees who have it, and how many of them got a mentor offering it."""
    goals = mentees["goals"].loc[pairs["mentee_id"]].to_numpy()
    topics = mentors["topics"].loc[pairs["mentor_id"]].to_numpy()
    wanted = pd.DataFrame({"mentee_id": pairs["mentee_id"].to_numpy(), "goals": goals,
                           "topics": topics}).explode("goals").dropna(subset=["goals"])
    wanted["covered"] = [goal in offered for goal, offered in zip(wanted["goals"], wanted["topics"])]
    # a mentee with two mentors counts once per goal: covered if any of their mentors offers it
    per_mentee = wanted.groupby(["goals", "mentee_id"], sort=True)["covered"].any().reset_index()
    table = per_mentee.groupby("goals", sort=True)["covered"].agg(["size", "sum"]).reset_index()
    return pd.DataFrame({
        "goal": [label("goals", key, language) for key in table["goals"]],
        "mentees": table["size"].to_numpy(dtype=np.int64),
        "covered": table["sum"].to_numpy(dtype=np.int64),
    })


def _summary(round, scores, matching, pairs, issues: pd.DataFrame) -> pd.DataFrame:
    """The Summary sheet: ``item`` (in the round's language) and ``value``, indexed by a stable
    English key (``mentees``, ``mean_score`` ...) that the command line's summary reads."""
    language = round.config.language
    assignment = matching.assignment
    certificate = assignment.certificate
    gap = getattr(certificate, "gap", None) if not isinstance(certificate, dict) else certificate.get("gap")
    n_matched = pairs["mentee_id"].nunique()
    weights = "; ".join(f"{header(name, language)} {number(weight, language, 2)}"
                        for name, weight in scores.weights.items())
    missing = t("value.not_available", language)
    rows = [
        ("round", round.config.name),
        ("mentees", len(round.mentees)),
        ("mentors", len(round.mentors)),
        ("mentor_places", int(round.mentors["capacity"].sum())),
        ("pairs", len(pairs)),
        ("matched_mentees", n_matched),
        ("unmatched_mentees", len(round.mentees) - n_matched),
        ("not_included", _not_included_count(not_included(round), language)),
        ("locked_pairs", int(pairs["locked"].sum())),
        ("forbidden_pairs", len(round.forbidden)),
        ("objective", t(f"objective.{matching.objective}", language)),
        ("solver_status", t(f"solver_status.{assignment.status}", language)
         if f"solver_status.{assignment.status}" in MESSAGES else assignment.status),
        ("solver_engine", assignment.engine),
        ("optimality_gap", missing if gap is None else number(gap, language, None)),
        ("mean_score", number(pairs["score"].mean(), language) if len(pairs) else missing),
        ("minimum_score", number(pairs["score"].min(), language) if len(pairs) else missing),
        ("feasible_pairs", percent(100 * scores.feasible.mean(), language) if scores.feasible.size
         else missing),
        ("weights", weights),
        ("min_score_setting", number(round.config.scoring.min_score, language, None)),
        ("same_organisation_allowed",
         t("value.no" if round.config.constraints.same_organisation else "value.yes", language)),
        ("data_issues", issue_counts(issues).text(language)),
    ]
    keys = [key for key, _ in rows]
    return pd.DataFrame({"item": [t(f"summary.{key}", language) for key in keys],
                         "value": [str(value) for _, value in rows]},
                        index=pd.Index(keys, name="key"))


def _not_included_count(left_out: pd.DataFrame, language: str) -> str:
    """The Summary's Not included value: "0", or how many mentees and mentors."""
    if left_out.empty:
        return "0"
    return t("summary.not_included_value", language, mentees=int((left_out["role"] == "mentee").sum()),
             mentors=int((left_out["role"] == "mentor").sum()))


def _explode(column: pd.Series) -> pd.Series:
    """One row per (person, value) of a list- or dict-valued column, indexed by person id."""
    values = [v if isinstance(v, (dict, tuple, list, set)) else () for v in column.tolist()]
    lengths = np.fromiter(map(len, values), dtype=np.int64, count=len(values))
    flat = pd.Series(list(itertools.chain.from_iterable(values)), dtype=object,
                     index=column.index.repeat(lengths))
    return flat.dropna()
