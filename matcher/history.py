"""Rounds that follow rounds: earlier pairs, continuing pairs, late sign-ups and re-matching.

Everything here is expressed through what the solver already knows, so every result stays exact
and comes with its certificate:

==========================================  =================================================
what the organiser wants                    how the solve sees it
==========================================  =================================================
the same two people are not paired again    ``forbidden`` pairs (or a score penalty)
unmatched last time comes first             mentee ``priority``
a pair continues                            a ``locked`` pair, using one of the mentor's places
a published pair stays (``--incremental``)  a ``locked`` pair; its mentee takes nobody new
a pair ends (``rematch --release``)         the old pair ``forbidden``; only released mentees
                                            may get a new mentor
==========================================  =================================================

An earlier round is read from its output folder, ``pairs.csv`` or ``pairs.xlsx`` for **ids and
e-mails only** (:func:`read_earlier_round`); nothing else of it (names, explanations, free text)
is read or copied into a new output. A person is the same across rounds by id, else by
normalised e-mail, else through ``[history] aliases`` (an e-mail that changed).

Example
-------
>>> normalise_email("  Mailto:Aino.Virtanen@Example.FI ")
'aino.virtanen@example.fi'
"""

from __future__ import annotations

import dataclasses
import io
import json
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from rapidfuzz import process

from matcher.errors import InputError
from matcher.i18n import LANGUAGES, header, number, sheet_name, t
from matcher.readers import decode, excel_engine, sniff_delimiter
from matcher.solver import Matching, match_round

if TYPE_CHECKING:
    from matcher.intake import Round
    from matcher.scoring import Scores

#: Status of a pair in the pairs table of a run that used history or a published result.
NEW, REPEAT, PUBLISHED, CONTINUING = "new", "repeat", "published", "continuing"
#: Pairs whose people were introduced before: left out of ``introductions.csv``.
ALREADY_INTRODUCED = (PUBLISHED, CONTINUING)
#: The only columns read from an earlier round's pairs and unmatched tables.
IDENTITY_COLUMNS = ("mentee_id", "mentee_email", "mentor_id", "mentor_email", "decision")
#: A hand-made CSV may name people in plain ``mentee`` / ``mentor`` columns (ids or e-mails).
PLAIN_COLUMNS = ("mentee", "mentor")
#: Header (casefolded, any output language) -> identity column: matcher writes workbooks with the
#: round language's headers and sheet names, so an earlier round reads whatever its language was.
_HEADERS = {**{name: name for name in IDENTITY_COLUMNS},
            **{header(name, language).casefold(): name for name in IDENTITY_COLUMNS
               for language in LANGUAGES}}
_EMPTY_PAIRS = ("mentee_id", "mentee_email", "mentor_id", "mentor_email")


def normalise_email(text: object) -> str:
    """An e-mail as matcher compares it: Unicode NFKC, no ``mailto:``, stripped, lower-case.

    >>> normalise_email("Ａino@example.fi")
    'aino@example.fi'
    """
    if not isinstance(text, str):
        return ""
    text = unicodedata.normalize("NFKC", text).strip().lower()
    return text.removeprefix("mailto:").strip()


@dataclass(frozen=True, repr=False)
class EarlierRound:
    """The identities in one earlier output: who was paired with whom and who was not.

    Attributes
    ----------
    source : Path
        The folder or file given.
    files : tuple of Path
        The files actually read (for the audit's SHA-256).
    pairs : DataFrame
        ``mentee_id, mentee_email, mentor_id, mentor_email`` of every pair (pairs a coordinator
        marked ``reject`` are left out: they were never published).
    unmatched : DataFrame
        ``mentee_id, mentee_email`` of every mentee left without a mentor.
    released : DataFrame
        ``mentee_id, mentor_id`` of pairs ended by ``matcher rematch`` (from ``audit.json``).
    """

    source: Path
    files: tuple[Path, ...]
    pairs: pd.DataFrame
    unmatched: pd.DataFrame
    released: pd.DataFrame

    def __repr__(self) -> str:
        return (f"EarlierRound({self.source.name!r}, {len(self.pairs)} pairs, "
                f"{len(self.unmatched)} unmatched, {len(self.released)} released)")


def read_earlier_round(path: str | Path) -> EarlierRound:
    """Read an earlier output folder, its ``pairs.csv`` or its ``pairs.xlsx`` for ids and e-mails.

    A folder is read from its workbook when it has one (the coordinator's reviewed copy, whose
    ``reject`` decisions are left out), else from ``pairs.csv`` and ``unmatched.csv``. Beside a
    ``pairs.csv``, ``unmatched.csv`` is read when present; ``audit.json`` beside either gives the
    pairs ended by ``matcher rematch``. A hand-made CSV may name people in ``mentee`` and
    ``mentor`` columns (ids or e-mails) instead.

    Parameters
    ----------
    path : path
        Folder, ``.csv`` or ``.xlsx``.

    Returns
    -------
    EarlierRound

    Raises
    ------
    InputError
        The path does not exist, is of another kind, or has no mentee / mentor columns.

    Examples
    --------
    >>> earlier = read_earlier_round("data/samples/round2/spring")  # doctest: +SKIP
    >>> earlier                                                     # doctest: +SKIP
    EarlierRound('spring', 88 pairs, 2 unmatched, 0 released)
    """
    given = path = Path(path)
    if not path.exists():
        raise InputError(f"earlier round {path} not found: give an output folder of 'matcher run', "
                         "its pairs.xlsx or its pairs.csv")
    folder = path if path.is_dir() else path.parent
    if path.is_dir():
        found = [path / name for name in ("pairs.xlsx", "pairs.csv") if (path / name).exists()]
        if not found:
            raise InputError(f"{path} has no pairs.xlsx or pairs.csv: give the output folder "
                             "that 'matcher run' wrote, or one of those files")
        path = found[0]
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        sheets = _workbook_sheets(path)
        pairs_frame, unmatched_frame, files = sheets["pairs"], sheets.get("unmatched"), [path]
    elif suffix in (".csv", ".txt", ".tsv"):
        pairs_frame, files = _csv(path), [path]
        unmatched_frame = None
        if (folder / "unmatched.csv").exists() and path.name == "pairs.csv":
            unmatched_frame = _csv(folder / "unmatched.csv")
            files.append(folder / "unmatched.csv")
    else:
        raise InputError(f"earlier round {path.name}: give an output folder, its pairs.xlsx or "
                         "its pairs.csv")
    released = _released(folder / "audit.json")
    if (folder / "audit.json").exists():
        files.append(folder / "audit.json")
    return EarlierRound(source=given, files=tuple(files),
                        pairs=_identities(pairs_frame, path.name, ("mentee", "mentor")),
                        unmatched=_identities(unmatched_frame, path.name, ("mentee",)),
                        released=released)


def _workbook_sheets(path: Path) -> dict[str, pd.DataFrame]:
    """The identity columns of the Pairs and Unmatched sheets, named in any output language."""
    tables = {sheet_name(table, language): table for table in ("pairs", "unmatched")
              for language in LANGUAGES}
    try:
        book = pd.ExcelFile(path, engine=excel_engine(path))  # calamine: 10x faster here
        found = {tables[str(name)]: name for name in book.sheet_names if str(name) in tables}
        if "pairs" not in found:
            raise InputError(f"{path.name} has no '{sheet_name('pairs')}' sheet (sheets: "
                             f"{', '.join(map(str, book.sheet_names))}); give the pairs.xlsx 'matcher run' wrote")
        return {table: _headed(_stable(pd.read_excel(book, sheet_name=name, dtype=str,
                                                     usecols=lambda c: _column(c) in IDENTITY_COLUMNS)),
                               pd.read_excel(book, sheet_name=name, nrows=0).columns)
                for table, name in found.items()}
    except InputError:
        raise
    except Exception as exc:  # openpyxl raises many types for broken files
        raise InputError(f"cannot read workbook {path}: {exc}") from None


def _csv(path: Path) -> pd.DataFrame:
    text, _ = decode(path.read_bytes(), path.name)
    def named(c: object) -> str:  # a hand-made "Mentee" column is the plain mentee column
        return _column(c).casefold() if _column(c).casefold() in PLAIN_COLUMNS else _column(c)

    sep = sniff_delimiter(text[:65536])
    frame = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False,
                        usecols=lambda c: named(c) in (*IDENTITY_COLUMNS, *PLAIN_COLUMNS))
    return _headed(frame.set_axis([named(c) for c in frame.columns], axis=1),
                   pd.read_csv(io.StringIO(text), sep=sep, nrows=0).columns)


def _headed(frame: pd.DataFrame, headers: pd.Index) -> pd.DataFrame:
    """``frame`` (its identity columns) knowing all the file's headers, for a message naming them."""
    frame.attrs["headers"] = [str(h) for h in headers]
    return frame


def _column(name: object) -> str:
    """The identity column a header names (``"Mentee e-mail"``, ``"Mentoroitavan tunnus"``,
    ``"mentee_id"``), else the header itself, stripped.

    >>> _column(" Mentoroitavan  sähköposti "), _column("Mentee"), _column("mentor")
    ('mentee_email', 'Mentee', 'mentor')
    """
    text = " ".join(str(name).split())
    return _HEADERS.get(text.casefold(), text)


def _stable(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.set_axis([_column(c) for c in frame.columns], axis=1)


def _identities(frame: pd.DataFrame | None, where: str, roles: Sequence[str]) -> pd.DataFrame:
    """``<role>_id`` and ``<role>_email`` for each role, from whichever columns the file has."""
    columns = [f"{role}_{kind}" for role in roles for kind in ("id", "email")]
    if frame is None:
        return pd.DataFrame({c: pd.Series(dtype=str) for c in columns})
    headers = frame.attrs.get("headers", list(map(str, frame.columns)))
    frame = frame.rename(columns=lambda c: str(c).strip()).fillna("").astype(str)
    if "decision" in frame.columns:  # a rejected pair was never published
        from matcher.run import DECISION_WORDS  # matcher.run imports this module

        words = frame["decision"].str.strip().str.lower().map(DECISION_WORDS)
        frame = frame[words != "reject"]
    out = {}
    for role in roles:
        given = [c for c in (f"{role}_id", f"{role}_email", role) if c in frame.columns]
        if not given:
            raise InputError(f"{where}: no {role}_id, {role}_email or {role} column (found: "
                             f"{', '.join(headers) or 'none'}); name the column of the {role}s' "
                             f"ids {role}_id (or their e-mails {role}_email) as 'matcher run' "
                             "wrote it, or give that file")
        # a plain "mentee" column may hold an id or an e-mail: it is tried as both
        blank = pd.Series("", index=frame.index)
        plain = frame[role] if role in frame.columns else blank
        out[f"{role}_id"] = frame.get(f"{role}_id", plain).str.strip()
        out[f"{role}_email"] = frame.get(f"{role}_email", plain).map(normalise_email)
    table = pd.DataFrame(out, columns=columns).reset_index(drop=True)
    return table[(table != "").any(axis=1)].reset_index(drop=True)


def _released(audit: Path) -> pd.DataFrame:
    empty = pd.DataFrame({"mentee_id": pd.Series(dtype=str), "mentor_id": pd.Series(dtype=str)})
    if not audit.exists():
        return empty
    try:
        record = json.loads(audit.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read {audit}: {exc}; restore the audit.json matcher wrote") from None
    pairs = (record.get("history") or {}).get("released") or []
    if not pairs:
        return empty
    return pd.DataFrame(pairs, columns=["mentee_id", "mentor_id"]).astype(str)


class Identities:
    """This round's id of a person from an earlier round: by id, else by e-mail, else by alias.

    Parameters
    ----------
    people : DataFrame
        This round's mentors or mentees (index: id; column ``email``).
    aliases : dict
        An earlier e-mail or id (lower-case) -> the e-mail or id used in this round.

    Examples
    --------
    >>> people = pd.DataFrame({"email": ["new@example.fi"]}, index=pd.Index(["mentee-1"]))
    >>> who = Identities(people, {"old@example.fi": "new@example.fi"})
    >>> who.resolve(pd.Series(["mentee-9", ""]), pd.Series(["old@example.fi", "x@example.fi"])).tolist()
    ['mentee-1', '']
    """

    def __init__(self, people: pd.DataFrame, aliases: dict[str, str]):
        self.by_id = {str(i).strip().lower(): str(i) for i in people.index}
        self.by_email = {normalise_email(e): str(i) for i, e in zip(people.index, people["email"])
                         if normalise_email(e)}
        self.aliases = aliases

    def one(self, key: str) -> str:
        """The id for one id or e-mail (``""`` when nobody in this round has it)."""
        key = normalise_email(key)
        for candidate in (key, self.aliases.get(key, "")):
            found = self.by_id.get(candidate) or self.by_email.get(candidate)
            if found:
                return found
        return ""

    def resolve(self, ids: pd.Series, emails: pd.Series) -> pd.Series:
        """This round's ids for pairs of (earlier id, earlier e-mail); ``""`` where not here."""
        by_id = ids.fillna("").astype(str).map(self.one)
        by_email = emails.fillna("").astype(str).map(self.one)
        return by_id.where(by_id != "", by_email).reset_index(drop=True)


@dataclass
class HistoryNote:
    """What came from history and from a published result in one run: the Summary rows and
    ``audit.json``'s ``history`` record. Counts and ids only, never names or e-mails."""

    rounds: list[dict] = field(default_factory=list)
    repeat_pairs: str = "forbid"
    repeat_penalty: float = 0.0
    earlier_pairs: int = 0
    repeats_forbidden: int = 0
    repeats_penalised: int = 0
    repeats_chosen: int = 0
    priority_bonus: int = 0
    prioritised: int = 0
    continuing_locked: int = 0
    continuing_counted: int = 0
    published: dict | None = None
    released: list[dict] = field(default_factory=list)
    new_pairs: int = 0

    @property
    def active(self) -> bool:
        return bool(self.rounds or self.published or self.continuing_locked or self.continuing_counted)

    def summary(self, language: str = "en") -> pd.DataFrame:
        """Rows for the Summary sheet and the report: ``item`` (in ``language``) and ``value``,
        indexed by a stable key (``repeat_pairs``, ``new_pairs`` ...) as the other Summary rows."""
        rows: list[tuple[str, object]] = []
        if self.rounds:
            # the folder and its parent ("spring-2026/output"): enough to tell rounds apart
            shown = ("/".join(Path(r["path"]).parts[-2:]) for r in self.rounds)
            rows.append(("earlier_rounds", "; ".join(shown)))
            rows.append(("earlier_pairs", self.earlier_pairs))
            rows.append(("repeat_pairs", t(f"summary.repeat_pairs_{self.repeat_pairs}", language,
                                           n=self.repeats_forbidden or self.repeats_penalised,
                                           points=number(self.repeat_penalty, language, None), chosen=self.repeats_chosen)))
            rows.append(("unmatched_priority",
                         t("summary.unmatched_priority_value", language, n=self.prioritised,
                           bonus=self.priority_bonus) if self.priority_bonus else t("value.off", language)))
        if self.continuing_locked or self.continuing_counted:
            rows.append(("continuing_pairs", t("summary.continuing_pairs_value", language,
                                               n=self.continuing_locked + self.continuing_counted,
                                               locked=self.continuing_locked,
                                               counted=self.continuing_counted)))
        if self.published:
            rows.append(("published_pairs_kept", self.published["kept"]))
            rows.append(("new_pairs", self.new_pairs))
        if self.released:
            rows.append(("released_pairs", len(self.released)))
        keys = [key for key, _ in rows]
        return pd.DataFrame({"item": [t(f"summary.{key}", language) for key in keys],
                             "value": [str(value) for _, value in rows]},
                            index=pd.Index(keys, name="key"))

    def audit(self) -> dict:
        """The ``history`` record of ``audit.json``."""
        return dataclasses.asdict(self)


@dataclass(repr=False)
class Plan:
    """How history and a published result enter one solve, besides the locks, forbids,
    priorities and capacities already written into the prepared round.

    Attributes
    ----------
    penalty : DataFrame
        ``mentee_id, mentor_id`` pairs whose score the solver sees lowered by ``note.repeat_penalty``.
    earlier : DataFrame
        ``mentee_id, mentor_id`` of earlier rounds' pairs with both people in this round.
    kept : DataFrame
        ``mentee_id, mentor_id`` of published pairs that stay (locked, always feasible).
    continuing : DataFrame
        ``mentee_id, mentor_id`` of continuing pairs locked here.
    released : DataFrame
        ``mentee_id, mentor_id`` of pairs ended now (forbidden).
    only : Index or None
        When given, only these mentees may get a new mentor (``rematch``).
    note : HistoryNote
    """

    penalty: pd.DataFrame
    earlier: pd.DataFrame
    kept: pd.DataFrame
    continuing: pd.DataFrame
    released: pd.DataFrame
    only: pd.Index | None
    note: HistoryNote

    def __repr__(self) -> str:
        return (f"Plan({len(self.earlier)} earlier pairs, {len(self.kept)} published kept, "
                f"{len(self.continuing)} continuing, {len(self.released)} released)")

    def solve(self, round: Round, scores: Scores, objective: str | None = None) -> Matching:
        """:func:`matcher.match_round` on the scores the solver should see; the pairs carry the
        real scores (a penalty steers the choice, it is not shown as the pair's score)."""
        total, feasible = scores.total, scores.feasible
        if len(self.penalty):
            rows, cols = _positions(self.penalty, scores)
            total = total.copy()
            total[rows, cols] = np.maximum(total[rows, cols] - self.note.repeat_penalty, 0)
        held = pd.concat([self.kept, self.continuing], ignore_index=True)
        if len(held) or self.only is not None:
            feasible = feasible.copy()
            if self.only is not None:
                feasible[~pd.Index(scores.mentee_ids).isin(self.only)] = False
            rows, cols = _positions(held, scores)
            # a published or continuing pair carries on, whatever changed in the answers since
            feasible[rows, cols] = True
        solving = dataclasses.replace(scores, total=total, feasible=feasible)
        matching = match_round(round, solving, objective)
        if total is not scores.total:
            rows, cols = _positions(matching.pairs, scores)
            pairs = matching.pairs.assign(score=scores.total[rows, cols].astype(np.float64))
            matching = dataclasses.replace(matching, pairs=pairs)
        return matching

    def to_introduce(self, pairs: pd.DataFrame) -> pd.DataFrame:
        """The pairs to write introductions for: all but published and continuing ones, whose
        people were introduced before."""
        if "status" not in pairs:
            return pairs
        return pairs[~pairs["status"].isin(ALREADY_INTRODUCED)]

    def annotate(self, round: Round, scores: Scores, tables: dict[str, pd.DataFrame]) -> None:
        """Mark each pair's status, add the Summary rows, word the unmatched reasons of released
        and not-released mentees, and carry ended pairs as ``reject`` decisions."""
        note = self.note
        if not note.active:
            return
        pairs = tables["pairs"]
        key = _keys(pairs)
        status = np.where(key.isin(_keys(self.earlier)), REPEAT, NEW).astype(object)
        status[key.isin(_keys(self.continuing))] = CONTINUING
        status[key.isin(_keys(self.kept))] = PUBLISHED
        pairs["status"] = status
        note.repeats_chosen = int((status == REPEAT).sum())
        note.new_pairs = int(np.isin(status, (NEW, REPEAT)).sum())
        released = set(self.released["mentee_id"])
        if self.only is not None or released:
            unmatched = tables["unmatched"]
            waiting = ~unmatched["mentee_id"].isin(released)
            if self.only is not None:
                unmatched.loc[waiting, "reason"] = t("reason.not_released", round.config.language)
            ended = unmatched["mentee_id"].isin(released)
            unmatched.loc[ended, "reason"] = released_reasons(
                round, scores, tables, unmatched.loc[ended, "mentee_id"])
            tables["decisions"] = pd.concat([tables["decisions"], self.released.assign(
                decision="reject")[["mentee_id", "mentor_id", "decision"]]], ignore_index=True
            ).drop_duplicates(["mentee_id", "mentor_id"], keep="last").sort_values(
                ["mentee_id", "mentor_id"], kind="stable").reset_index(drop=True)
        tables["summary"] = pd.concat([tables["summary"], note.summary(round.config.language)])


def prepare(round: Round, *, incremental: str | Path | None = None, release: Iterable[str] = (),
            only_released: bool = False) -> tuple[Round, Plan]:
    """The round with history and a published result written into its locks, forbids,
    priorities and capacities, and the :class:`Plan` for the solve.

    Parameters
    ----------
    round : Round
        The round as read (decisions already applied); ``round.config.history`` is used.
    incremental : path, optional
        A published output of this round (folder or workbook): its pairs stay as they are.
    release : iterable of str
        Mentees (id or e-mail) whose published pairs end now; needs ``incremental``.
    only_released : bool
        Only the released mentees may get a new mentor (what ``matcher rematch`` does).

    Returns
    -------
    (Round, Plan)

    Raises
    ------
    InputError
        An unreadable history file, or a released mentee without a published pair.
    """
    settings = round.config.history
    note = HistoryNote(repeat_pairs=settings.repeat_pairs, repeat_penalty=settings.repeat_penalty,
                       priority_bonus=settings.unmatched_priority)
    plan = Plan(penalty=_EMPTY, earlier=_EMPTY, kept=_EMPTY, continuing=_EMPTY, released=_EMPTY,
                only=None, note=note)
    if release and incremental is None:
        raise InputError("--release needs the published result whose pairs end: "
                         "matcher rematch ROUND PUBLISHED --release MENTEE")
    if incremental is None and not (settings.rounds or settings.continuing):
        return round, plan
    draft = _Draft(round)
    if incremental is not None:  # first: continuing pairs and repeats defer to published ones
        _published(draft, plan, incremental, release, only_released)
    if settings.continuing:
        _continuing(draft, plan)
    if settings.rounds:
        _earlier(draft, plan)
    return draft.round(), plan


@dataclass(repr=False)
class _Draft:
    """The round being prepared: copies of its people and what each step adds."""

    original: Round
    mentees: pd.DataFrame = field(init=False)
    mentors: pd.DataFrame = field(init=False)
    who: dict[str, Identities] = field(init=False)
    locked: list[pd.DataFrame] = field(init=False)
    forbidden: list[pd.DataFrame] = field(init=False)
    issues: list[dict] = field(default_factory=list)

    def __post_init__(self) -> None:
        aliases = self.original.config.history.aliases
        self.mentees, self.mentors = self.original.mentees.copy(), self.original.mentors.copy()
        self.who = {"mentee": Identities(self.mentees, aliases),
                    "mentor": Identities(self.mentors, aliases)}
        self.locked, self.forbidden = [self.original.locked], [self.original.forbidden]

    def issue(self, file: str, column: str, key: str, n: int) -> dict:
        """A warning row of the issues table: message ``key`` and its ``key_fix`` about ``n``
        pairs or mentors, in the round's language."""
        language = self.original.config.language
        return {"severity": "warning", "file": file, "row": pd.NA, "column": column, "value": "",
                "problem": t(key, language, n=n), "suggestion": t(f"{key}_fix", language)}

    def resolve(self, pairs: pd.DataFrame) -> pd.DataFrame:
        """Pairs of an earlier output (ids and e-mails) in this round's ids; ``""`` if not here."""
        # an ended pair in audit.json has ids only: the id is tried as the e-mail too
        return _pair_frame(*(self.who[role].resolve(pairs[f"{role}_id"],
                                                    pairs.get(f"{role}_email", pairs[f"{role}_id"]))
                             for role in ("mentee", "mentor")))

    def round(self) -> Round:
        def table(frames: list[pd.DataFrame]) -> pd.DataFrame:
            return pd.concat(frames, ignore_index=True).drop_duplicates(
                ["mentee_id", "mentor_id"], keep="first").reset_index(drop=True)

        issues = self.original.issues
        if self.issues:
            issues = pd.concat([issues, pd.DataFrame(self.issues, columns=list(issues.columns))],
                               ignore_index=True)
        return dataclasses.replace(self.original, mentees=self.mentees, mentors=self.mentors,
                                   locked=table(self.locked), forbidden=table(self.forbidden),
                                   issues=issues)


def _published(draft: _Draft, plan: Plan, path: str | Path, release: Iterable[str],
               only_released: bool) -> None:
    """A published result of this round: its pairs stay (locked; their mentees take nobody new;
    their mentors keep them even with fewer places now), ended ones are forbidden."""
    published = read_earlier_round(path)
    where = published.source.name
    pairs = draft.resolve(published.pairs)
    gone = (pairs["mentee_id"] == "") | (pairs["mentor_id"] == "")
    if gone.any():
        draft.issues.append(draft.issue(where, "published pair", "history.published_gone",
                                        int(gone.sum())))
    pairs = pairs[~gone]
    ended = draft.resolve(published.released)
    released = pd.concat([ended[(ended != "").all(axis=1)],
                          _release(pairs, release, draft.who["mentee"], where)],
                         ignore_index=True).drop_duplicates()
    kept = pairs[~_keys(pairs).isin(_keys(released))].reset_index(drop=True)
    draft.locked.append(kept.assign(source=f"published {where}"))
    draft.forbidden.append(released.assign(source="released pair"))
    counts = kept["mentee_id"].value_counts()
    draft.mentees.loc[counts.index, "max_mentors"] = counts.to_numpy()
    load = kept["mentor_id"].value_counts()
    short = load[load > draft.mentors.loc[load.index, "capacity"]]
    if len(short):
        draft.issues.append(draft.issue(where, "capacity", "history.capacity_short", len(short)))
        draft.mentors.loc[short.index, "capacity"] = short.to_numpy()
    plan.kept, plan.released = kept, released
    if only_released:
        plan.only = pd.Index(released["mentee_id"].unique())
    plan.note.published = {"path": str(published.source), "kept": len(kept),
                           "gone": int(gone.sum()), "files": _hashed(published.files)}
    plan.note.released = released.sort_values(["mentee_id", "mentor_id"]).to_dict("records")


def _continuing(draft: _Draft, plan: Plan) -> None:
    """Continuing pairs: locked when both signed up, else one of the mentor's places."""
    refs = draft.original.config.history.continuing
    found = _pair_frame([draft.who["mentee"].one(r.mentee) for r in refs],
                        [draft.who["mentor"].one(r.mentor) for r in refs])
    both = (found != "").all(axis=1)
    # a continuing pair already kept as published is not locked twice; an ended one ends
    settled = _keys(pd.concat([plan.kept, plan.released], ignore_index=True))
    plan.continuing = found[both & ~_keys(found).isin(settled)].reset_index(drop=True)
    draft.locked.append(plan.continuing.assign(source="continuing pair"))
    counted = found.loc[(found["mentee_id"] == "") & (found["mentor_id"] != ""), "mentor_id"]
    places = counted.value_counts()
    draft.mentors.loc[places.index, "capacity"] = np.maximum(
        draft.mentors.loc[places.index, "capacity"].to_numpy() - places.to_numpy(), 0)
    lost = found["mentor_id"] == ""
    if lost.any():
        draft.issues.append(draft.issue(Path(draft.original.config.where).name, "history.continuing",
                                        "history.continuing_lost", int(lost.sum())))
    plan.note.continuing_locked, plan.note.continuing_counted = len(plan.continuing), len(counted)


def _earlier(draft: _Draft, plan: Plan) -> None:
    """Earlier rounds: their pairs (and ended pairs) are forbidden, penalised or allowed; their
    unmatched mentees get priority. A locked pair (continuing, published, kept) stays locked."""
    config, note = draft.original.config, plan.note
    settings = config.history
    rounds = [_earlier_round(path, f"{config.where}, key 'history.rounds[{i}]'")
              for i, path in enumerate(settings.rounds)]
    note.rounds = [{"path": str(r.source), "files": _hashed(r.files)} for r in rounds]
    earlier = pd.concat([draft.resolve(frame) for r in rounds for frame in (r.pairs, r.released)],
                        ignore_index=True)
    plan.earlier = earlier[(earlier != "").all(axis=1)].drop_duplicates().reset_index(drop=True)
    note.earlier_pairs = len(plan.earlier)
    avoid = plan.earlier[~_keys(plan.earlier).isin(_keys(pd.concat(draft.locked, ignore_index=True)))]
    if settings.repeat_pairs == "forbid":
        draft.forbidden.append(avoid.assign(source="earlier round"))
        note.repeats_forbidden = len(avoid)
    elif settings.repeat_pairs == "penalise":
        plan.penalty, note.repeats_penalised = avoid, len(avoid)
    if settings.unmatched_priority:
        waiting = last_unmatched(rounds, draft.who["mentee"])
        waiting = waiting[waiting.isin(draft.mentees.index)]
        draft.mentees.loc[waiting, "priority"] = (draft.mentees.loc[waiting, "priority"]
                                                  + settings.unmatched_priority)
        note.prioritised = len(waiting)


def _earlier_round(path: Path, key: str) -> EarlierRound:
    """:func:`read_earlier_round`, its error naming the config key that gives the path."""
    try:
        return read_earlier_round(path)
    except InputError as exc:
        raise InputError(f"{key}: {exc}") from None


def last_unmatched(rounds: Sequence[EarlierRound], mentees: Identities) -> pd.Index:
    """This round's ids of mentees left unmatched the last time they took part (rounds oldest
    first; a mentee who was unmatched and then paired in a later round is not waiting)."""
    last: dict[str, bool] = {}
    for earlier in rounds:
        for frame, waiting in ((earlier.pairs, False), (earlier.unmatched, True)):
            ids = mentees.resolve(frame["mentee_id"], frame["mentee_email"])
            last.update(dict.fromkeys(ids[ids != ""], waiting))
    return pd.Index(sorted(k for k, waiting in last.items() if waiting), dtype=object)


def released_reasons(round: Round, scores: Scores, tables: dict[str, pd.DataFrame],
                     mentee_ids: pd.Series) -> list[str]:
    """Why each released mentee got no new mentor: nobody compatible besides ruled-out pairs,
    or every compatible mentor full (naming the best ones), in the round's language."""
    language = round.config.language
    mentors = tables["mentors"].set_index("mentor_id")
    free = (mentors["capacity"] - mentors["assigned"]).reindex(scores.mentor_ids).to_numpy()
    forbidden = round.forbidden
    names = pd.Index(scores.mentor_ids)
    reasons = []
    for mentee in mentee_ids:  # released mentees only: a handful
        i = int(pd.Index(scores.mentee_ids).get_loc(mentee))
        allowed = scores.feasible[i].copy()
        barred = names.get_indexer(forbidden.loc[forbidden["mentee_id"] == mentee, "mentor_id"])
        allowed[barred[barred >= 0]] = False
        cols = np.flatnonzero(allowed)
        if len(cols) == 0:
            reasons.append(t("reason.released_ruled_out", language, n=len(names),
                             ruled=int((~scores.feasible[i]).sum()), barred=int((barred >= 0).sum())))
            continue
        cols = cols[np.lexsort((cols, -scores.total[i, cols]))]
        if (free[cols] <= 0).all():
            best = ", ".join(f"{names[j]} ({number(scores.total[i, j], language)})" for j in cols[:3])
            reasons.append(t("reason.released_full", language, n=len(cols),
                             best=best + (", ..." if len(cols) > 3 else ""), first=names[cols[0]]))
        else:
            reasons.append(t("reason.released_taken", language))
    return reasons


def _release(pairs: pd.DataFrame, mentees: Iterable[str], who: Identities, where: str) -> pd.DataFrame:
    """The published pairs of each mentee named in ``--release`` (id or e-mail)."""
    chosen = []
    for name in mentees:
        mentee = who.one(name)
        rows = pairs[pairs["mentee_id"] == mentee]
        if not mentee or rows.empty:
            best = process.extractOne(normalise_email(name), list(who.by_email) + list(who.by_id),
                                      score_cutoff=70)
            hint = f" Did you mean '{best[0]}'?" if best else ""
            problem = "is not in this round" if not mentee else f"has no published pair in {where}"
            raise InputError(f"--release {name}: this mentee {problem}.{hint} Give the id or "
                             "e-mail of a mentee paired in the published result.")
        chosen.append(rows[["mentee_id", "mentor_id"]])
    return pd.concat(chosen, ignore_index=True) if chosen else _pair_frame([], [])


def _pair_frame(mentees, mentors) -> pd.DataFrame:
    return pd.DataFrame({"mentee_id": pd.Series(np.asarray(mentees, dtype=object), dtype=object),
                         "mentor_id": pd.Series(np.asarray(mentors, dtype=object), dtype=object)})


_EMPTY = _pair_frame([], [])


def _keys(pairs: pd.DataFrame) -> pd.Index:
    return pd.MultiIndex.from_arrays([pairs["mentee_id"].astype(str).to_numpy(),
                                      pairs["mentor_id"].astype(str).to_numpy()])


def _positions(pairs: pd.DataFrame, scores) -> tuple[np.ndarray, np.ndarray]:
    rows = pd.Index(scores.mentee_ids).get_indexer(pairs["mentee_id"])
    cols = pd.Index(scores.mentor_ids).get_indexer(pairs["mentor_id"])
    here = (rows >= 0) & (cols >= 0)
    return rows[here], cols[here]


def _hashed(files: Iterable[Path]) -> dict[str, str]:
    # matcher.report reads this module's statuses
    from matcher.report.audit import file_sha256

    return {str(path): file_sha256(path) for path in files}



