"""Checks across answers that ``matcher validate`` reports before any matching.

Each finding is a warning row of ``Round.issues`` (so it also shows in the workbook's Data issues
sheet), grouped so that one cause gives one line:

* a place that is not a Finnish municipality: once per distinct answer, with its rows (its pairs
  get the neutral location score);
* "remote" given as the place by someone who meets only in person (checked at intake, where the
  raw answer is known: :func:`remote_place_in_person`);
* a mentor with capacity 0 who offers topics (they will get no mentee);
* mentees who want a mentor in a field that no mentor works in, once per field.

Example
-------
>>> import pandas as pd
>>> remote_place_in_person(pd.Series(["Etänä / remote", "Espoo", "remote"]),
...                        pd.Series(["in_person", "in_person", "either"])).tolist()
[0]
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from matcher import vocab
from matcher.i18n import label, t
from matcher.issue_groups import SHOWN_ROWS, listed
from matcher.places import municipalities

if TYPE_CHECKING:  # intake imports this module
    from matcher.intake import Round


def remote_place_in_person(places: pd.Series, modes: pd.Series) -> pd.Index:
    """Index of the people who answered a "remote"-like place but meet only in person."""
    remote = places.map(lambda v: isinstance(v, str) and bool(v.strip()) and any(
        vocab.is_not_city(part) for part in (v, *v.split("/"))))
    return places.index[remote.astype(bool).to_numpy() & (modes == "in_person").to_numpy()]


def check_round(round: Round) -> Round:
    """The round with the cross-answer warnings of this module added to its issues."""
    found = [round.issues, *(_unknown_places(round, role) for role in ("mentors", "mentees")),
             _idle_mentors(round), _fields_nobody_mentors(round)]
    issues = pd.concat([round.issues, *(f for f in found[1:] if len(f))], ignore_index=True)
    issues["row"] = issues["row"].astype("Int64")
    return dataclasses.replace(round, issues=issues)


def _issues(rows: list[dict]) -> pd.DataFrame:
    from matcher.intake import ISSUE_COLUMNS  # intake runs these checks: import when called

    frame = pd.DataFrame(rows, columns=list(ISSUE_COLUMNS))
    # the row dtype of every issues table (a file-wide warning has none): pandas 2 warns when it
    # has to infer a dtype for a concatenation from an all-empty object column
    frame["row"] = frame["row"].astype("Int64")
    return frame


def _unknown_places(round, role: str) -> pd.DataFrame:
    table, source = getattr(round, role), getattr(round.config, role)
    if "city" not in table.columns or not len(table):
        return _issues([])
    places = table["city"].fillna("").astype(str)
    unknown = (places != "") & (municipalities().resolve_many(places) < 0)
    language = round.config.language
    rows = []
    for answer, group in table.loc[unknown.to_numpy(), "row"].groupby(places[unknown], sort=True):
        rows.append({"severity": "warning", "file": _file(source), "row": int(group.iloc[0]),
                     "column": source.columns.get("city", "city"), "value": answer,
                     "problem": t("issue.unknown_place", language, rows=_rows(group, language)),
                     "suggestion": t("issue.unknown_place_fix", language)})
    return _issues(rows)


def _idle_mentors(round) -> pd.DataFrame:
    mentors, source = round.mentors, round.config.mentors
    if "capacity" not in mentors.columns or "topics" not in mentors.columns:
        return _issues([])
    idle = (mentors["capacity"] == 0).to_numpy() & (mentors["topics"].map(len) > 0).to_numpy()
    language = round.config.language
    return _issues([{"severity": "warning", "file": _file(source), "row": int(row),
                     "column": source.columns.get("capacity", "capacity"), "value": "0",
                     "problem": t("issue.idle_mentor", language, n=len(topics)),
                     "suggestion": t("issue.idle_mentor_fix", language)}
                    for row, topics in zip(mentors.loc[idle, "row"], mentors.loc[idle, "topics"])])


def _fields_nobody_mentors(round) -> pd.DataFrame:
    mentees, source = round.mentees, round.config.mentees
    if "fields" not in mentees.columns or not len(mentees):
        return _issues([])
    offered = set().union(*round.mentors["fields"].map(set)) if len(round.mentors) else set()
    wanted = mentees[["fields", "row"]].explode("fields").dropna()
    lonely = wanted[~wanted["fields"].isin(offered)]
    language = round.config.language
    rows = []
    for key, group in lonely.groupby("fields", sort=True):
        same_only = ""
        if "same_field_only" in mentees.columns:
            strict = mentees.loc[group.index.unique(), "same_field_only"].astype(bool)
            if strict.any():
                same_only = t("issue.same_field_only", language, n=int(strict.sum()))
        field = label("fields", key, language)
        rows.append({"severity": "warning", "file": _file(source), "row": None,
                     "column": source.columns.get("field", "field"), "value": field,
                     "problem": t("issue.field_unmentored", language, n=group.index.nunique(),
                                  field=field, rows=_rows(group["row"], language),
                                  same_only=same_only),
                     "suggestion": t("issue.field_unmentored_fix", language)})
    return _issues(rows)


def _rows(rows: pd.Series, language: str) -> str:
    """ "rows 3, 5, 9" (the first :data:`~matcher.issue_groups.SHOWN_ROWS`) in ``language``."""
    numbers = sorted(int(r) for r in np.unique(rows.to_numpy()))
    return t("issue.row" if len(numbers) == 1 else "issue.rows", language,
             rows=listed(map(str, numbers), SHOWN_ROWS))


def _file(source) -> str:
    return source.file.name if source.file is not None else ""
