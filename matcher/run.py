"""The main job: read, validate, score, solve and write one round's output folder.

:func:`run_round` is what ``matcher run`` and ``make demo`` call. It is also the review loop: pass
the coordinator's edited workbook as ``decisions`` and kept pairs become locks, rejected pairs
become forbidden, and everyone else is matched again. Decisions are carried into the new workbook
(its *Decisions* sheet), so a re-run never loses them.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from rapidfuzz import process

from matcher import __version__
from matcher.config import OBJECTIVES, RoundConfig, load_config
from matcher.errors import InputError
from matcher.intake import Round, load_round
from matcher.report import write_outputs
from matcher.report.audit import file_sha256
from matcher.report.xlsx import DECISIONS
from matcher.results import build_tables
from matcher.scoring import Scores, score_round
from matcher.solver import Certificate, Matching, match_round

#: Accepted spellings in the workbook's decision column (English, Finnish and Swedish),
#: lower-cased -> one of the workbook's drop-down words, :data:`matcher.report.xlsx.DECISIONS`.
DECISION_WORDS = {
    "keep": "keep", "k": "keep", "yes": "keep", "y": "keep", "ok": "keep", "accept": "keep",
    "kyllä": "keep", "pidä": "keep", "pidetään": "keep", "hyväksy": "keep",
    "ja": "keep", "behåll": "keep", "godkänn": "keep",
    "reject": "reject", "r": "reject", "no": "reject", "n": "reject", "x": "reject",
    "ei": "reject", "hylkää": "reject", "hylätään": "reject",
    "nej": "reject", "avvisa": "reject", "avböj": "reject",
}


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

    def __repr__(self) -> str:
        n_pairs = len(self.tables["pairs"])
        return (f"RunResult({self.round.config.name!r}, {n_pairs} pairs, "
                f"{len(self.tables['unmatched'])} unmatched, outdir={str(self.outdir)!r})")


def run_round(config: str | Path | RoundConfig, outdir: str | Path | None = None, *,
              objective: str | None = None, decisions: str | Path | None = None,
              pseudonymise: bool = False,
              on_step: Callable[[str], None] | None = None) -> RunResult:
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
    on_step : callable, optional
        Called with each step name (``"reading"``, ``"scoring"``, ``"solving"``, ``"writing"``)
        when it starts, for progress displays.

    Raises
    ------
    InputError
        Unreadable input, or data errors found by validation (exit code 2).
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

    step("reading")
    round = load_round(config)
    if not round.ok:
        n_errors = int((round.issues["severity"] == "error").sum())
        raise InputError(f"the round has {n_errors} data error(s); nothing was matched. "
                         f"Run 'matcher validate {config.path or 'ROUND'}' to see them and fix the "
                         "spreadsheets or the config.")
    carried = read_decisions(decisions, round) if decisions else _no_decisions()
    round = apply_decisions(round, carried)

    step("scoring")
    scores = score_round(round)

    step("solving")
    matching = match_round(round, scores)

    step("writing")
    tables = build_tables(round, scores, matching, pseudonymise=pseudonymise)
    tables["decisions"] = _carried_decisions(carried, tables["pairs"])
    outdir = Path(outdir) if outdir else (config.output or config.base_dir / "output")
    audit = build_audit(config, round, matching, tables, decisions, pseudonymise,
                        time.perf_counter() - started)
    files = write_outputs(tables, outdir, audit=audit, title=config.name)
    return RunResult(round, scores, matching, tables, outdir, files, audit)


def read_decisions(path: str | Path, round: Round) -> pd.DataFrame:
    """The coordinator's keep / reject decisions from a workbook or CSV, by id.

    Reads the *Pairs* sheet (its ``decision`` column) and, when present, the *Decisions* sheet a
    previous run carried forward; a decision on the Pairs sheet wins over an older one for the
    same pair. Returns columns ``mentee_id, mentor_id, decision`` with decision ``keep``/``reject``.
    """
    path = Path(path)
    if not path.exists():
        raise InputError(f"decisions file {path} not found: pass the pairs.xlsx you edited")
    frames = []
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        try:
            sheets = pd.read_excel(path, sheet_name=None, dtype=str, engine="openpyxl")
        except Exception as exc:  # openpyxl raises many types for broken files
            raise InputError(f"cannot read decisions workbook {path}: {exc}") from None
        for name in ("Decisions", "Pairs"):
            if name in sheets:
                frames.append((name, sheets[name]))
        if not any(name == "Pairs" for name, _ in frames):
            raise InputError(f"{path.name} has no 'Pairs' sheet (sheets: {', '.join(sheets)}); "
                             "pass the pairs.xlsx written by 'matcher run'")
    elif path.suffix.lower() in (".csv", ".txt"):
        try:
            frames.append((path.name, pd.read_csv(path, dtype=str, encoding="utf-8-sig")))
        except Exception as exc:
            raise InputError(f"cannot read decisions file {path}: {exc}") from None
    else:
        raise InputError(f"decisions file {path.name}: use the .xlsx written by 'matcher run' "
                         "or a .csv with columns mentee_id, mentor_id, decision")
    decisions = [_decision_rows(frame, f"{path.name}, sheet {name}" if name != path.name else path.name)
                 for name, frame in frames]
    table = pd.concat(decisions, ignore_index=True)
    # later frames (the Pairs sheet) override earlier ones (carried decisions)
    return table.drop_duplicates(["mentee_id", "mentor_id"], keep="last").reset_index(drop=True)


def _decision_rows(frame: pd.DataFrame, where: str) -> pd.DataFrame:
    frame = frame.rename(columns=lambda c: str(c).strip())
    missing = [c for c in ("mentee_id", "mentor_id", "decision") if c not in frame.columns]
    if missing:
        raise InputError(f"{where}: column(s) {', '.join(missing)} not found (found: "
                         f"{', '.join(map(str, frame.columns))}); keep the headers matcher wrote")
    words = frame["decision"].fillna("").astype(str).str.strip().str.lower()
    unknown = words[(words != "") & ~words.isin(DECISION_WORDS)]
    if len(unknown):
        row = int(unknown.index[0]) + 2  # header is spreadsheet row 1
        value = unknown.iloc[0]
        guess = process.extractOne(value, DECISIONS, score_cutoff=50)
        hint = f" — did you mean '{guess[0]}'?" if guess else ""
        raise InputError(f"unknown decision '{value}' in row {row} of {where}, column 'decision'"
                         f"{hint} Use {', '.join(DECISIONS)} or leave it empty.")
    chosen = frame[words != ""]
    return pd.DataFrame({
        "mentee_id": chosen["mentee_id"].astype(str).str.strip().to_numpy(),
        "mentor_id": chosen["mentor_id"].astype(str).str.strip().to_numpy(),
        "decision": words[words != ""].map(DECISION_WORDS).to_numpy(),
    })


def _no_decisions() -> pd.DataFrame:
    return pd.DataFrame({"mentee_id": pd.Series(dtype=str), "mentor_id": pd.Series(dtype=str),
                         "decision": pd.Series(dtype=str)})


def apply_decisions(round: Round, decisions: pd.DataFrame) -> Round:
    """A copy of ``round`` where kept pairs are locked and rejected pairs forbidden.

    Decisions about people no longer in the round (they withdrew) are reported as warnings and
    otherwise ignored.
    """
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
        return pd.DataFrame({"mentee_id": chosen["mentee_id"].to_numpy(),
                             "mentor_id": chosen["mentor_id"].to_numpy(), "source": "decisions"})

    locked = pd.concat([round.locked, pairs("keep")], ignore_index=True)
    locked = locked.drop_duplicates(["mentee_id", "mentor_id"], keep="first").reset_index(drop=True)
    forbidden = pd.concat([round.forbidden, pairs("reject")], ignore_index=True)
    forbidden = forbidden.drop_duplicates(["mentee_id", "mentor_id"], keep="first").reset_index(drop=True)
    return dataclasses.replace(round, locked=locked, forbidden=forbidden, issues=issues)


def _carried_decisions(carried: pd.DataFrame, pairs: pd.DataFrame) -> pd.DataFrame:
    """Every decision so far, to be written into the new workbook so the next run keeps them."""
    kept = pairs.loc[pairs["decision"] == "keep", ["mentee_id", "mentor_id", "decision"]]
    table = pd.concat([carried, kept], ignore_index=True)
    table = table.drop_duplicates(["mentee_id", "mentor_id"], keep="first")
    return table.sort_values(["mentee_id", "mentor_id"], kind="stable").reset_index(drop=True)


def build_audit(config: RoundConfig, round: Round, matching: Matching, tables: dict,
                decisions: str | Path | None, pseudonymise: bool, seconds: float) -> dict:
    """What is needed to reproduce and defend the round later (written as ``audit.json``)."""
    inputs = {"config": config.path, "mentors": config.mentors.file, "mentees": config.mentees.file,
              "locked_file": config.constraints.locked_file,
              "forbidden_file": config.constraints.forbidden_file,
              "decisions": Path(decisions) if decisions else None}
    assignment = matching.assignment
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
            "pairs": len(tables["pairs"]), "unmatched": len(tables["unmatched"]),
            "locked": int(tables["pairs"]["locked"].sum()), "forbidden": len(round.forbidden),
            "errors": int((round.issues["severity"] == "error").sum()),
            "warnings": int((round.issues["severity"] == "warning").sum()),
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
