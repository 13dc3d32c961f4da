"""The main job: read, validate, score, solve and write one round's output folder.

:func:`run_round` is what ``matcher run`` and ``make demo`` call. It is also the review loop: pass
the coordinator's edited workbook as ``decisions`` and kept pairs become locks, rejected pairs
become forbidden, and everyone else is matched again. Decisions are carried into the new workbook
(its *Decisions* sheet), so a re-run never loses them.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from rapidfuzz import process, utils

from matcher import __version__
from matcher.config import OBJECTIVES, RoundConfig, load_config
from matcher.errors import InputError
from matcher.history import Plan, prepare
from matcher.intake import Round, load_round
from matcher.issue_groups import issue_counts
from matcher.readers import excel_engine, read_table
from matcher.introductions import introduction_letters, load_templates
from matcher.report import write_outputs
from matcher.report.audit import file_sha256
from matcher.i18n import COUNTS, LANGUAGES, sheet_name, t
from matcher.report.tables import header, stable_names
from matcher.results import build_tables
from matcher.scoring import Scores, score_round
from matcher.solver import Certificate, Matching
from matcher.solver.pages import small_pages

#: Accepted spellings in the workbook's decision column (English, Finnish and Swedish),
#: lower-cased -> ``keep`` or ``reject``: the workbook's drop-down words in every output language
#: (their home is the message catalogue), and more.
DECISION_WORDS = {
    **{t("workbook.keep", language): "keep" for language in LANGUAGES},
    "k": "keep", "yes": "keep", "y": "keep", "ok": "keep", "accept": "keep",
    "kyllä": "keep", "pidetään": "keep", "hyväksy": "keep", "ja": "keep", "godkänn": "keep",
    **{t("workbook.reject", language): "reject" for language in LANGUAGES},
    "r": "reject", "no": "reject", "n": "reject", "x": "reject",
    "ei": "reject", "hylätään": "reject", "nej": "reject", "avböj": "reject", "avslå": "reject",
}
#: Columns of the decisions table read from a reviewed workbook and carried into the next one.
CARRIED_COLUMNS = ("mentee_id", "mentor_id", "decision", "notes", "moved_from")


#: the columns a decisions file must have
DECISION_COLUMNS = ("mentee_id", "mentor_id", "decision")


class DataErrors(InputError):
    """The round has data errors, so nothing was matched (exit code 2).

    ``issues`` holds the errors (the issues table's columns), for the CLI to print.
    """

    def __init__(self, issues: pd.DataFrame, config_path: Path | None, language: str = "en"):
        self.issues = issues.reset_index(drop=True)
        self.config_path = config_path
        self.language = language
        super().__init__(t("cli.round_refused", language, n=len(issues),
                           config=config_path or "ROUND"))


@dataclass(repr=False)
class RunResult:
    """Everything one run produced: the stage outputs, the tables and the files written."""

    round: Round
    scores: Scores
    matching: Matching
    tables: dict[str, pd.DataFrame]
    outdir: Path
    files: list[Path]
    audit: dict
    #: what came from history and a published result (``run_round(..., incremental=...)``, ``rematch``)
    history: Plan | None = None

    def __repr__(self) -> str:
        n_pairs = len(self.tables["pairs"])
        return (f"RunResult({self.round.config.name!r}, {n_pairs} pairs, "
                f"{len(self.tables['unmatched'])} unmatched, outdir={str(self.outdir)!r})")


def run_round(config: str | Path | RoundConfig, outdir: str | Path | None = None, *,
              objective: str | None = None, decisions: str | Path | None = None,
              pseudonymise: bool = False, draft_introductions: bool = False,
              discard_decisions: bool = False,
              on_step: Callable[[str], None] | None = None,
              incremental: str | Path | None = None, release: Sequence[str] = (),
              only_released: bool = False) -> RunResult:
    """Run a whole round and write its output folder.

    Parameters
    ----------
    config : path or RoundConfig
        The round config (``round.toml``).
    outdir : path, optional
        Output folder; default ``[round] output`` from the config, else ``output/`` beside it.
        It is replaced only once every file of the new run is complete.
    objective : {"coverage", "total", "fair"}, optional
        Overrides ``[solver] objective``.
    decisions : path, optional
        A previous run's ``pairs.xlsx`` (or a CSV with mentee_id, mentor_id, decision) whose
        ``keep`` / ``reject`` decisions become locked / forbidden pairs.
    pseudonymise : bool
        Write ids instead of names and e-mails in every output.
    draft_introductions : bool
        Write introduction letters for every proposed pair (status ``draft``), not only for the
        kept ones (:mod:`matcher.introductions`).
    discard_decisions : bool
        Replace an output folder whose ``pairs.xlsx`` holds keep / reject decisions that this
        run does not carry in (through ``decisions``). Without it such a run is refused, so
        review work is never lost by a re-run that forgot ``--decisions``.
    on_step : callable, optional
        Called with each step name (``"reading"``, ``"scoring"``, ``"solving"``, ``"writing"``)
        when it starts, for progress displays.
    incremental : path, optional
        A published output of this round (folder or its ``pairs.xlsx``): every published pair
        stays exactly as it is, and only new, released or still unmatched mentees are matched
        into the remaining places. The pairs get a ``status`` (``new``, ``published``...) and
        ``introductions.csv`` holds only the new pairs. ``[history]`` in the config applies too.
    release : sequence of str
        Mentees (id or e-mail) whose published pairs end now (needs ``incremental``): the old
        pairs are forbidden and recorded in ``audit.json``.
    only_released : bool
        Only the released mentees get a new mentor; everyone else stays as published
        (:func:`rematch`).

    Raises
    ------
    InputError
        Unreadable input, or a letter template that cannot be used (exit code 2).
    DataErrors
        Data errors found by validation; nothing was matched (exit code 2).
    InfeasibleLocksError
        Locked or kept pairs that cannot all hold (exit code 3).

    Examples
    --------
    >>> result = run_round("data/samples/round.toml", "/tmp/round-output")  # doctest: +SKIP
    >>> result.tables["pairs"].head()                                        # doctest: +SKIP
    """
    step = on_step or (lambda name: None)
    started = time.perf_counter()
    config = config if isinstance(config, RoundConfig) else load_config(config)
    if objective is not None:
        if objective not in OBJECTIVES:
            raise InputError(f"unknown objective {objective!r}; choose one of: {', '.join(OBJECTIVES)}")
        config = config.replace(solver=dataclasses.replace(config.solver, objective=objective))

    templates = load_templates(config)  # a broken template stops the run before any work
    step("reading")
    round = load_round(config)
    if not round.ok:
        raise DataErrors(round.issues[round.issues["severity"] == "error"], config.path,
                         config.language)
    carried = read_decisions(decisions, round) if decisions else _no_decisions()
    outdir = Path(outdir) if outdir else (config.output or config.base_dir / "output")
    if not discard_decisions:
        # a rematch carries no decisions in: its fix is another folder
        check_decisions_kept(outdir, carried, round, rematch=only_released)
    round = apply_decisions(round, carried)
    _check_not_published(outdir, incremental)
    round, plan = prepare(round, incremental=incremental, release=release,
                          only_released=only_released)

    step("scoring")
    # the score matrices are written once, block by block: on huge pages each first touch may wait
    # for the kernel to compact memory (measured at 10,000 x 6,000: 1.4-1.7x the CPU time)
    with small_pages():
        scores = score_round(round)

    step("solving")
    matching = plan.solve(round, scores)

    step("writing")
    tables = build_tables(round, scores, matching, pseudonymise=pseudonymise)
    tables["decisions"] = _carried_decisions(carried, tables["pairs"])
    _carry_notes(tables, carried)
    plan.annotate(round, scores, tables)
    # published and continuing pairs were introduced before: letters for the others only
    tables["introductions"] = introduction_letters(round, plan.to_introduce(tables["pairs"]),
                                                   drafts=draft_introductions, templates=templates)
    audit = build_audit(config, round, matching, tables, decisions, pseudonymise,
                        time.perf_counter() - started)
    if plan.note.active:
        audit["history"] = plan.note.audit()
    files = write_outputs(tables, outdir, audit=audit, title=config.name,
                          sender=config.introductions.sender, language=config.language)
    return RunResult(round, scores, matching, tables, outdir, files, audit, plan)


def rematch(config: str | Path | RoundConfig, published: str | Path, release: Sequence[str],
            outdir: str | Path | None = None, *, objective: str | None = None,
            pseudonymise: bool = False, draft_introductions: bool = False,
            on_step: Callable[[str], None] | None = None) -> RunResult:
    """End published pairs that did not work out and find each released mentee a new mentor.

    Every other published pair stays exactly as it is and nobody else is matched: each released
    mentee gets the best mentor with a free place (optimal over all released mentees, with the
    certificate), never the old one. The old pairs are forbidden, kept as ``reject`` decisions in
    the new workbook and listed in ``audit.json`` (``history.released``), so later runs and rounds
    that read this output never propose them again.

    Parameters
    ----------
    config : path or RoundConfig
        The round config.
    published : path
        The published output folder (or its ``pairs.xlsx``).
    release : sequence of str
        Mentees (id or e-mail) whose pairs end.
    outdir : path, optional
        The new output folder; default: ``<published folder>-rematch``. Never the published one.
    objective, pseudonymise, draft_introductions, on_step
        As for :func:`run_round`.

    Returns
    -------
    RunResult
        ``result.history.released`` holds the ended pairs; the Alternatives table the next best
        mentors of each released mentee; the Unmatched table says why one got nobody.

    Raises
    ------
    InputError
        A released mentee is not in the round or has no published pair.

    Examples
    --------
    >>> result = rematch("round.toml", "output", ["aino@example.fi"], "output-2")  # doctest: +SKIP
    >>> result.tables["pairs"].query("status == 'new'")                            # doctest: +SKIP
    """
    if not release:
        raise InputError("name at least one mentee to release: --release MENTEE (id or e-mail)")
    published = Path(published)
    folder = published if published.is_dir() else published.parent
    outdir = outdir or folder.with_name(folder.name + "-rematch")
    return run_round(config, outdir, objective=objective, pseudonymise=pseudonymise,
                     draft_introductions=draft_introductions, on_step=on_step,
                     incremental=published, release=release, only_released=True)


def _check_not_published(outdir: Path, published: str | Path | None) -> None:
    """A published result is what the coordinator sent out: never replace it."""
    if published is None:
        return
    published = Path(published)
    folder = published if published.is_dir() else published.parent
    if outdir.resolve() == folder.resolve():
        raise InputError(f"the output folder {outdir} is the published result itself; write the "
                         "new result elsewhere with -o DIR, so the published one is kept")


def read_decisions(path: str | Path, round: Round) -> pd.DataFrame:
    """The coordinator's decisions, moves and notes from a reviewed workbook or CSV, by id.

    Reads the *Pairs* sheet (its ``decision``, ``move to`` and ``notes`` columns), the
    *Unmatched* sheet (``move to`` and ``notes``) and, when present, the *Decisions* sheet a
    previous run carried forward; what the Pairs and Unmatched sheets say wins over an older
    decision for the same pair. Headers may be the workbook's human ones or the stable names.

    A move (the new mentor's e-mail, name or id typed in ``move to``) becomes ``keep`` for the
    mentee with the new mentor, with ``moved_from`` the old mentor; it replaces any keep of the
    old pair (typing ``reject`` as well also forbids the old pair), and the row's note goes with
    the mentee to the new pair.

    Returns
    -------
    DataFrame
        ``mentee_id, mentor_id, decision, notes, moved_from``; decision is ``keep``, ``reject``
        or ``""`` (a note only); ``mentor_id`` is ``""`` for a note on an unmatched mentee.

    Raises
    ------
    InputError
        Unreadable file, missing columns, an unknown decision word or a ``move to`` naming no
        mentor (with the closest names and e-mails as did-you-mean).
    """
    path = Path(path)
    if not path.exists():
        raise InputError(f"decisions file {path} not found: pass the pairs.xlsx you edited")
    frames: list[tuple[str, pd.DataFrame, str]] = []
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        # the sheets by table, whichever of the three languages the workbook was written in; or,
        # renamed, any sheet with the decision columns. Only those sheets are read, with the
        # fast engine: reading every sheet of a 10,000-mentee workbook (Alternatives, Data
        # issues...) with openpyxl took 11 s, twice per run with --decisions
        named = {sheet_name(key, language): key for key in ("decisions", "unmatched", "pairs")
                 for language in LANGUAGES}
        try:
            with pd.ExcelFile(path, engine=excel_engine(path)) as book:
                names = [str(name) for name in book.sheet_names]
                found = {named[name]: (name, pd.read_excel(book, sheet_name=name, dtype=str))
                         for name in names if name in named}
                if "pairs" not in found:
                    renamed = [name for name in names if set(DECISION_COLUMNS) <= set(
                        stable_names(pd.read_excel(book, sheet_name=name, nrows=0).columns))]
                    if renamed:
                        found["pairs"] = (renamed[0], pd.read_excel(book, sheet_name=renamed[0], dtype=str))
        except InputError:
            raise
        except Exception as exc:  # the engines raise many types for broken files
            raise InputError(f"cannot read decisions workbook {path}: {exc}") from None
        if "pairs" not in found:
            raise InputError(f"{path.name} has no '{sheet_name('pairs', round.config.language)}' "
                             f"sheet (sheets: {', '.join(names)}) and no sheet with the columns "
                             f"{', '.join(DECISION_COLUMNS)}; pass the pairs.xlsx written by 'matcher run'")
        frames = [(*found[key], key) for key in ("decisions", "unmatched", "pairs") if key in found]
    elif path.suffix.lower() in (".csv", ".txt", ".tsv"):
        # any delimiter and encoding a spreadsheet program saves CSV in, as for the exports
        frames.append((path.name, read_table(path), "pairs"))
    else:
        raise InputError(f"decisions file {path.name}: use the .xlsx written by 'matcher run' "
                         "or a .csv with columns mentee_id, mentor_id, decision")
    finder = MentorFinder(round.mentors)
    decisions = [_decision_rows(frame, f"{path.name}, sheet {name}" if name != path.name else path.name,
                                finder, unmatched=key == "unmatched")
                 for name, frame, key in frames]
    table = pd.concat(decisions, ignore_index=True)
    # a moved pair kept on a later sheet is still the move (its Pairs row shows a plain "keep")
    moved_from = (table[table["moved_from"] != ""].drop_duplicates(["mentee_id", "mentor_id"], keep="last")
                  .set_index(["mentee_id", "mentor_id"])["moved_from"])
    # later frames (the Pairs sheet) override earlier ones (carried decisions); a row left with
    # neither decision nor note only cleared an older decision (the pair was moved away)
    table = table.drop_duplicates(["mentee_id", "mentor_id"], keep="last")
    earlier = moved_from.reindex(pd.MultiIndex.from_frame(table[["mentee_id", "mentor_id"]])).fillna("")
    table["moved_from"] = table["moved_from"].where(
        (table["moved_from"] != "") | (table["decision"] != "keep"), earlier.to_numpy())
    table = table[(table["decision"] != "") | (table["notes"] != "")]
    return table.reset_index(drop=True)


def check_decisions_kept(outdir: Path, carried: pd.DataFrame, round: Round,
                         rematch: bool = False) -> None:
    """Refuse to replace ``outdir`` when its workbook holds decisions ``carried`` does not; the
    fix named is ``matcher run``'s options, or for a ``rematch`` another folder.

    Raises
    ------
    InputError
        ``outdir/pairs.xlsx`` holds keep / reject decisions (typed on its Pairs sheet or carried
        on its Decisions sheet) missing from ``carried``, or it cannot be read to find out.
    """
    workbook = outdir / "pairs.xlsx"
    if not workbook.is_file():
        return
    fix = (f"write the new result elsewhere with -o DIR, or move {outdir} away first" if rematch
           else f"run again with --decisions {workbook} to carry them into the new round, or "
           "with --discard-decisions to replace them")
    try:
        typed = read_decisions(workbook, round)
    except InputError as error:
        raise InputError(f"{workbook} could not be checked for review decisions ({error}), and "
                         f"this run would replace it: {fix}") from None
    key = ["mentee_id", "mentor_id", "decision"]
    lost = typed.merge(carried[key], on=key, how="left", indicator=True)["_merge"] == "left_only"
    if lost.any():
        held = COUNTS.format("{n:review decision or note|review decisions or notes}", n=int(lost.sum()))
        raise InputError(f"{workbook} holds {held} that this run does not carry in, and replacing "
                         f"the folder would lose them: {fix}")


class MentorFinder:
    """Finds the mentor a coordinator typed into ``move to``: by e-mail, id or name.

    Case and extra spaces do not matter; a name shared by two mentors must be typed as an
    e-mail. Anything else (a typo, "Ohman" for "Öhman") is an error naming the closest mentors'
    names and e-mails: did you mean ...?
    """

    def __init__(self, mentors: pd.DataFrame):
        ids = mentors.index.astype(str)
        self.keys: dict[str, list[str]] = {}
        for column in ("email", "name"):
            if column in mentors.columns:
                for key, mentor_id in zip(mentors[column].fillna("").astype(str), ids):
                    if key.strip():
                        self.keys.setdefault(_typed(key), []).append(mentor_id)
        for mentor_id in ids:
            self.keys.setdefault(_typed(mentor_id), [mentor_id])
        # what a did-you-mean names: each mentor once, as "e-mail (name)"
        emails = mentors["email"].fillna("").astype(str) if "email" in mentors.columns else ids.to_series()
        names = mentors["name"].fillna("").astype(str) if "name" in mentors.columns else ids.to_series()
        self.shown = {mentor_id: f"{email} ({name})" if email and name else email or name or mentor_id
                      for mentor_id, email, name in zip(ids, emails, names)}

    def find(self, typed: str, where: str) -> str:
        """The id of the mentor ``typed`` names; ``where`` says row and column for errors."""
        found = sorted(set(self.keys.get(_typed(typed), ())))
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise InputError(f"'{typed}' in {where} names {len(found)} mentors: type the mentor's "
                             "e-mail instead")
        guesses = process.extract(_typed(typed), list(self.keys), limit=9, score_cutoff=60)
        closest = list(dict.fromkeys(i for key, _, _ in guesses for i in self.keys[key]))[:3]
        hint = (" Did you mean " + " or ".join(f"'{self.shown[i]}'" for i in closest) + "?"
                if closest else "")
        raise InputError(f"no mentor '{typed}' in {where}.{hint} Type the new mentor's e-mail or "
                         "name as on the Mentors sheet, or leave the cell empty.")


def _renamed(column: str, headers: list[str]) -> str:
    """A column matcher needs, as its workbook header says it, with the closest header there.

    >>> _renamed("mentee_id", ["Notes 2", "Mentee ID number"])
    "'Mentee id' (did you mean 'Mentee ID number'?)"
    """
    best = process.extractOne(header(column), headers, processor=utils.default_process,
                              score_cutoff=70)
    return f"'{header(column)}'" + (f" (did you mean '{best[0]}'?)" if best else "")


def _typed(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def _decision_rows(frame: pd.DataFrame, where: str, finder: MentorFinder,
                   unmatched: bool = False) -> pd.DataFrame:
    headers = [str(h) for h in frame.columns]
    # stable column names, and the rows numbered as the spreadsheet shows them (header = row 1)
    frame = frame.set_axis(stable_names(frame.columns), axis=1).set_axis(pd.RangeIndex(2, 2 + len(frame)))
    if frame.columns.duplicated().any():
        # one column twice (a stable name typed beside the human header): the last filled cell wins
        filled = frame.astype(object).where(frame.fillna("").astype(str).apply(lambda c: c.str.strip()) != "")
        frame = filled.T.groupby(level=0, sort=False).last().T
    needed = ("mentee_id",) if unmatched else ("mentee_id", "mentor_id", "decision")
    missing = [c for c in needed if c not in frame.columns]
    if missing:
        # a renamed column's header is one matcher does not know: the likely candidates
        unknown = [h for h, name in zip(headers, frame.columns) if h == name]
        raise InputError(f"{where}: no column {' or '.join(_renamed(c, unknown) for c in missing)}"
                         f" (headers found: {', '.join(map(repr, headers))}); give the "
                         "column back the header matcher wrote, in any of its languages")

    def column(name: str) -> pd.Series:
        values = frame[name] if name in frame.columns else pd.Series("", index=frame.index)
        return values.fillna("").astype(str).str.strip()

    words = column("decision").str.lower()
    unknown = words[(words != "") & ~words.isin(DECISION_WORDS)]
    if len(unknown):
        shown = []
        for row, value in unknown.head(5).items():
            guess = process.extractOne(value, DECISION_WORDS, score_cutoff=50)
            shown.append(f"'{value}' in row {row}" + (f" (did you mean '{guess[0]}'?)" if guess else ""))
        also = f"; also {', '.join(shown[1:])}" if len(shown) > 1 else ""
        more = f" and {len(unknown) - 5} more" if len(unknown) > 5 else ""
        raise InputError(f"unknown decision {shown[0]} of {where}, column 'decision'{also}{more}. "
                         "Use keep or reject (pidä / hylkää, behåll / avvisa), or leave the cell "
                         "empty.")
    table = pd.DataFrame({
        "mentee_id": column("mentee_id"), "mentor_id": column("mentor_id"),
        "decision": words.map(DECISION_WORDS).fillna(""), "notes": column("notes"),
        "moved_from": column("moved_from"),
    })
    moves = column("move_to")
    moving = np.flatnonzero(moves != "")
    if moving.size:
        old = table.iloc[moving]
        targets = [finder.find(moves.iloc[k], f"row {k + 2} of {where}, column '{header('move_to')}'")
                   for k in moving]
        moved = pd.DataFrame({"mentee_id": old["mentee_id"].to_numpy(), "mentor_id": targets,
                              "decision": "keep", "notes": old["notes"].to_numpy(),
                              "moved_from": old["mentor_id"].to_numpy()})
        # the old pair keeps only a reject: a move never locks the pair it moves away from
        position = table.index[moving]
        table.loc[position, "decision"] = table.loc[position, "decision"].where(
            table.loc[position, "decision"] == "reject", "")
        table.loc[position, "notes"] = ""
        table = pd.concat([table, moved], ignore_index=True)
    keep = (table["decision"] != "") | (table["notes"] != "") | table.index.isin(moving)
    return table[keep].reset_index(drop=True)


def _no_decisions() -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series(dtype=str) for name in CARRIED_COLUMNS})


def apply_decisions(round: Round, decisions: pd.DataFrame) -> Round:
    """A copy of ``round`` where kept and moved-to pairs are locked and rejected pairs forbidden.

    Decisions about people no longer in the round (they withdrew) are reported as warnings and
    otherwise ignored. Notes change nothing here; :func:`run_round` carries them over.
    """
    decisions = decisions[decisions["decision"] != ""]
    if decisions.empty:
        return round
    known = decisions["mentee_id"].isin(round.mentees.index) & decisions["mentor_id"].isin(round.mentors.index)
    issues = round.issues
    if not known.all():
        gone = decisions[~known]
        issues = pd.concat([issues, pd.DataFrame({
            "severity": "warning", "file": "decisions", "row": pd.NA, "column": "decision",
            "value": gone["mentee_id"] + " / " + gone["mentor_id"],
            "problem": "decision about a participant no longer in the round; ignored",
            "suggestion": "nothing to do if they withdrew",
        })], ignore_index=True)
    decisions = decisions[known]

    def pairs(kind: str) -> pd.DataFrame:
        chosen = decisions[decisions["decision"] == kind]
        moved = chosen.get("moved_from", pd.Series("", index=chosen.index)).fillna("").to_numpy() != ""
        return pd.DataFrame({"mentee_id": chosen["mentee_id"].to_numpy(),
                             "mentor_id": chosen["mentor_id"].to_numpy(),
                             "source": np.where(moved, "move", "decisions")})

    locked = pd.concat([round.locked, pairs("keep")], ignore_index=True)
    locked = locked.drop_duplicates(["mentee_id", "mentor_id"], keep="first").reset_index(drop=True)
    forbidden = pd.concat([round.forbidden, pairs("reject")], ignore_index=True)
    forbidden = forbidden.drop_duplicates(["mentee_id", "mentor_id"], keep="first").reset_index(drop=True)
    return dataclasses.replace(round, locked=locked, forbidden=forbidden, issues=issues)


def _carried_decisions(carried: pd.DataFrame, pairs: pd.DataFrame) -> pd.DataFrame:
    """Every decision and note so far, written into the new workbook so the next run keeps them."""
    kept = pairs.loc[pairs["decision"] == "keep", ["mentee_id", "mentor_id", "decision"]]
    table = pd.concat([carried, kept], ignore_index=True).fillna("")
    table = table.drop_duplicates(["mentee_id", "mentor_id"], keep="first")
    return (table[list(CARRIED_COLUMNS)].sort_values(["mentee_id", "mentor_id"], kind="stable")
            .reset_index(drop=True))


def _carry_notes(tables: dict[str, pd.DataFrame], carried: pd.DataFrame) -> None:
    """Show each carried note beside its pair (or its unmatched mentee) in the new workbook."""
    notes = carried[carried["notes"] != ""].set_index(["mentee_id", "mentor_id"])["notes"]
    for key in ("pairs", "unmatched"):
        table = tables[key]
        mentors = table["mentor_id"] if "mentor_id" in table.columns else pd.Series("", index=table.index)
        found = notes.reindex(pd.MultiIndex.from_arrays([table["mentee_id"], mentors]))
        table["notes"] = found.fillna("").to_numpy(dtype=object)


def build_audit(config: RoundConfig, round: Round, matching: Matching, tables: dict,
                decisions: str | Path | None, pseudonymise: bool, seconds: float) -> dict:
    """What is needed to reproduce and defend the round later (written as ``audit.json``)."""
    inputs = {"config": config.path, "mentors": config.mentors.file, "mentees": config.mentees.file,
              "locked_file": config.constraints.locked_file,
              "forbidden_file": config.constraints.forbidden_file,
              "decisions": Path(decisions) if decisions else None}
    assignment = matching.assignment
    counts = issue_counts(tables["issues"])
    return {
        "matcher_version": __version__,
        "round": config.name,
        "config": config.to_dict(),
        "inputs": {name: {"path": str(path), "sha256": file_sha256(path)}
                   for name, path in inputs.items() if path is not None},
        "objective": matching.objective,
        "solver": {"status": assignment.status, "engine": assignment.engine,
                   "certificate": certificate_summary(assignment.certificate),
                   "solve_seconds": float(f"{assignment.solve_seconds:.2f}")},
        "counts": {
            "mentors": len(round.mentors), "mentees": len(round.mentees),
            "mentor_places": int(round.mentors["capacity"].sum()),
            # unmatched as in the Summary (the Unmatched sheet lists the mentees not included too)
            "pairs": len(tables["pairs"]),
            "unmatched": len(tables["unmatched"]) - int((tables["not_included"]["role"] == "mentee").sum()),
            "not_included": {role: int((tables["not_included"]["role"] == role[:-1]).sum())
                             for role in ("mentees", "mentors")},
            "locked": int(tables["pairs"]["locked"].sum()), "forbidden": len(round.forbidden),
            "introduction_letters": len(tables.get("introductions", ())),
            # matters (the grouped lines a coordinator reads) and the issue rows they stand for
            "errors": counts.errors, "warnings": counts.warnings, "issue_cells": counts.cells,
        },
        "pseudonymised": pseudonymise,
        "run_seconds": float(f"{seconds:.2f}"),
    }


def certificate_summary(certificate: Certificate) -> dict:
    """The certificate's numbers (bound, gap, threshold...) without its per-person arrays.

    Dual values and cut member lists grow with the round and are recomputed by re-running the
    same inputs; the audit keeps what defends the result: primal value, dual bound, gap, and how
    many tier cuts proved the counts.
    """
    summary: dict[str, object] = {}
    for item in dataclasses.fields(certificate):
        value = getattr(certificate, item.name)
        if isinstance(value, (tuple, list)):
            summary[item.name] = len(value)
        elif hasattr(value, "item") and getattr(value, "ndim", 1) == 0:
            summary[item.name] = value.item()
        elif value is None or isinstance(value, (bool, int, float, str)):
            summary[item.name] = value
    return summary
