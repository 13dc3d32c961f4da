"""End-to-end benchmark of ``matcher run``: read .xlsx, score, solve, write every output.

Usage::

    python -m benchmarks.bench_run                        # 10,000 mentees x 6,000 mentors
    python -m benchmarks.bench_run --mentees 2000 --mentors 1200 --supply 0.8 1.6
    python -m benchmarks.bench_run --shapes form --supply 0.95

Rounds are the form exports :mod:`matcher.synthetic` writes (bilingual answers, realistic field,
goal, language, city and meeting-mode mixes), saved as ``.xlsx``, with mentor capacities of 1-3
redrawn so that the places are exactly ``--supply`` times the mentees (default 0.8, 0.95, 1.0,
1.2 and 1.6: below, at and above demand). Three score structures (``--shapes``), the issue's
random / form / clustered matrix on form exports:

``form``
    the choice questions only (the config maps no free-text column): a few hundred distinct
    answer combinations, so large blocks of equal scores (ties);
``text``
    the same exports with the free-text answers (goals in own words, about) scored by text
    similarity: thousands of distinct texts, so nearly every score differs (continuous, the
    issue's "random");
``clustered``
    as ``form``, but the most common field holds 60% of the mentees and 10% of the mentors
    (:data:`CLUSTER_MENTEES`, :data:`CLUSTER_MENTORS`), as in :mod:`benchmarks.shapes`: its
    mentors are scarce and most of its mentees must go elsewhere or stay unmatched.

Each round runs as the command itself, ``python -m matcher run ROUND -o OUT``, in a fresh process:
its peak memory is that process's own maximum resident set (``os.wait4``), and the seconds of
each stage are the ones the command prints (``✓ reading (4.1 s)``); ``startup`` is the rest
(interpreter, imports, the config). The baseline, timed in the same run just before each round,
is reading the same two ``.xlsx`` files with ``pandas.read_excel`` (calamine) and nothing else;
the table reports the run as a multiple of it, in wall seconds and in CPU seconds (user + system
of the whole process, every thread: less sensitive than wall time to other programs on the same
cores), and the load average when the round ran (the machine may be shared: compare ratios, not
seconds).

simplemma's dictionary index is kept between runs in the user's cache folder
(:mod:`matcher.vocab.dictionaries`), so only the first run on a machine builds it (about 2.7 s);
``--cold-cache`` gives every round an empty cache folder of its own, timing that first run.

Each stage's CPU seconds are taken too (the child process prints the process's CPU time as each
stage ends, :data:`_CHILD`). ``--against CHECKOUT`` runs every round also on another checkout's
code (``git worktree add /tmp/main main``, or ``git archive main | tar -x -C /tmp/main``), the two
in turns (which goes first alternates), and compares every output file byte for byte
(``audit.json`` without its timings, :func:`same_outputs`); a last table gives this code's
figures as multiples of the other's::

    python -m benchmarks.bench_run --shapes form text clustered --supply 0.8 1.0 1.6 --against /tmp/main

``--lsa`` adds the solve as a ratio (:func:`solve_against_lsa`): after each round, this process
reads and scores the same round again and times the solver (``coverage``, as the run solves)
and scipy's ``linear_sum_assignment`` on the same scores, capacity-expanded
(:func:`benchmarks.bench_shapes.lsa`), in turns; about a minute more per round at 10,000 x 6,000.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from benchmarks.shapes import SUPPLY_RATIOS, capacities
from matcher import synthetic, vocab

#: score structures: name -> config keys of free-text columns left unmapped
SHAPES = {"form": ("about", "goals_text"), "text": (), "clustered": ("about", "goals_text")}
#: share of the mentees and of the mentors in the one crowded field of ``clustered``
CLUSTER_MENTEES, CLUSTER_MENTORS = 0.6, 0.1
#: what ``matcher run`` prints when a stage ends
_STAGE_LINE = re.compile(r"✓ (\w+) \((\d+(?:\.\d+)?) s\)")
#: what :data:`_CHILD` prints when a stage ends
_CPU_LINE = re.compile(r"^cpu (\w+) (\d+(?:\.\d+)?)$", re.MULTILINE)
#: the child process of :func:`run_command`: ``matcher run`` (its CLI, arguments from the command
#: line) printing, as each stage ends, the CPU seconds of the whole process (every thread) it
#: took, ``cpu reading 3.10``; self-contained, so it runs on another checkout's code too
_CHILD = """
import sys, time
from matcher import cli, console
step, finish, started = console.StepProgress.step, console.StepProgress._finish_current, {}
def finish_timed(self):
    if self._current:
        print(f"cpu {self._current[0]} {time.process_time() - started['cpu']:.2f}", file=sys.stderr)
    finish(self)
def step_timed(self, name):
    step(self, name)
    started["cpu"] = time.process_time()
console.StepProgress._finish_current, console.StepProgress.step = finish_timed, step_timed
cli.main()
"""
ROOT = Path(__file__).resolve().parents[1]
STAGES = ("reading", "scoring", "solving", "writing")


def make_exports(folder: Path, n_mentors: int, n_mentees: int) -> Path:
    """A folder with the two exports (``mentees.xlsx``; mentors as ``mentors.csv``, capacities
    redrawn per supply by :func:`make_round`) and their ``round.toml``."""
    synthetic.write_round(folder, n_mentors, n_mentees, seed=7, fmt="csv", messy=False)
    mentees = pd.read_csv(folder / "mentees.csv", sep=";", encoding="utf-8-sig", dtype=str)
    mentees.to_excel(folder / "mentees.xlsx", index=False, sheet_name="Form1", engine="xlsxwriter")
    (folder / "mentees.csv").unlink()
    return folder


def make_round(exports: Path, folder: Path, shape: str, supply: float) -> Path:
    """A round of ``shape`` whose mentor capacities (1-3) add up to ``supply`` x the mentees."""
    folder.mkdir(parents=True)
    shutil.copy(exports / "mentees.xlsx", folder / "mentees.xlsx")
    mentors = pd.read_csv(exports / "mentors.csv", sep=";", encoding="utf-8-sig", dtype=str)
    n_mentees = len(pd.read_excel(folder / "mentees.xlsx", dtype=str, engine="calamine"))
    rng = np.random.default_rng(7)
    mentors[synthetic.Q_CAPACITY] = capacities(rng, len(mentors), round(supply * n_mentees)).astype(str)
    if shape == "clustered":
        mentees = pd.read_excel(folder / "mentees.xlsx", dtype=str, engine="calamine")
        crowd(mentees, mentors, rng)
        mentees.to_excel(folder / "mentees.xlsx", index=False, sheet_name="Form1", engine="xlsxwriter")
    mentors.to_excel(folder / "mentors.xlsx", index=False, sheet_name="Form1", engine="xlsxwriter")
    lines = (exports / "round.toml").read_text(encoding="utf-8").replace(".csv", ".xlsx").splitlines()
    unmapped = SHAPES[shape]
    kept = [line for line in lines if line.split("=")[0].strip() not in unmapped]
    config = folder / "round.toml"
    config.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return config


def crowd(mentees: pd.DataFrame, mentors: pd.DataFrame, rng: np.random.Generator) -> None:
    """Put exactly :data:`CLUSTER_MENTEES` of the mentees and :data:`CLUSTER_MENTORS` of the
    mentors into the mentees' most common field, the field's others into fields drawn from the
    other answers of their side (in place). A moved answer keeps its language."""
    mentee_field, mentor_field = synthetic.Q_FIELD_MENTEE, synthetic.Q_FIELD_MENTOR
    wordings = {key: (vocab.label("fields", key), synthetic._FIELD_FI[key]) for key in synthetic.FIELDS}
    key_of = {word: key for key, words in wordings.items() for word in words}
    crowded = mentees[mentee_field].map(key_of).value_counts().index[0]

    def move(frame: pd.DataFrame, column: str, rows: np.ndarray) -> None:
        finnish = frame.loc[rows, column].isin(set(synthetic._FIELD_FI.values()))
        frame.loc[rows, column] = np.where(finnish, wordings[crowded][1], wordings[crowded][0])

    for frame, column, share in ((mentees, mentee_field, CLUSTER_MENTEES),
                                 (mentors, mentor_field, CLUSTER_MENTORS)):
        keys = frame[column].map(key_of).to_numpy()
        others = frame[column].to_numpy()[keys != crowded]
        leaving = keys == crowded
        frame.loc[leaving, column] = rng.choice(others, int(leaving.sum()))
        inside = np.zeros(len(frame), dtype=bool)
        inside[rng.permutation(len(frame))[:round(share * len(frame))]] = True
        move(frame, column, inside)


def read_baseline(folder: Path) -> tuple[float, float]:
    """Seconds (wall, CPU) to read both spreadsheets with pandas and nothing else."""
    start, cpu = time.perf_counter(), time.process_time()
    for who in ("mentors", "mentees"):
        pd.read_excel(folder / f"{who}.xlsx", dtype=str, engine="calamine")
    return time.perf_counter() - start, time.process_time() - cpu


def run_command(config: Path, outdir: Path, cache: Path | None = None,
                code: Path | None = None) -> dict:
    """``matcher run`` in a fresh process: wall seconds, seconds and CPU seconds per stage, peak
    memory; with ``cache``, that folder as its cache folder (``MATCHER_CACHE_DIR``); with
    ``code``, the matcher of that checkout instead of this one (its folder first on the path)."""
    env = dict(os.environ)
    if cache:
        env["MATCHER_CACHE_DIR"] = str(cache)
    if code:
        env["PYTHONPATH"] = str(code)
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        # the command with each stage's CPU seconds (:data:`_CHILD`), run from the code's own
        # folder so that its matcher is the one imported
        child = subprocess.Popen([sys.executable, "-c", _CHILD, "run", str(config), "-o", str(outdir)],
                                 stdout=out, stderr=err, env=env, cwd=code or ROOT)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
        err.seek(0)
        printed = err.read().decode("utf-8", "replace")
    if child.returncode != 0:
        raise RuntimeError(f"matcher run {config} failed ({child.returncode}):\n{printed}")
    stages = {name: float(value) for name, value in _STAGE_LINE.findall(printed)}
    stage_cpu = {name: float(value) for name, value in _CPU_LINE.findall(printed)}
    return {"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime, "stages": stages,
            "stage_cpu": stage_cpu, "peak_gib": usage.ru_maxrss / 2**20}


def same_outputs(first: Path, second: Path) -> list[str]:
    """Output files whose bytes differ between two runs of the same round (``audit.json``
    without its timings and paths: :func:`tools.sample_fingerprints.fingerprints`)."""
    from tools.sample_fingerprints import fingerprints

    a, b = fingerprints(first), fingerprints(second)
    return sorted(name for name in set(a) | set(b) if a.get(name) != b.get(name))


def solve_against_lsa(config: Path) -> dict:
    """The round's own solve, timed against scipy's LSA on the same scores in this process:
    seconds of each (medians when repeated, the two taking turns) and their ratio."""
    from benchmarks.bench_shapes import lsa, timed_together
    from benchmarks.shapes import Shape
    from matcher.config import load_config
    from matcher.history import prepare
    from matcher.intake import load_round
    from matcher.scoring import score_round
    from matcher.solver import solve_assignment

    people, _plan = prepare(load_round(load_config(config)))
    scores = score_round(people)
    capacity = people.mentors["capacity"].to_numpy(np.int64)
    limit = people.mentees["max_mentors"].to_numpy(np.int64)
    priority = people.mentees["priority"].to_numpy(np.int64)
    shape = Shape(scores.total, scores.feasible, capacity, limit)
    timed = timed_together({
        "solve": lambda: solve_assignment(scores.total, capacity, feasible=scores.feasible,
                                          mentee_capacity=limit, priority=priority),
        "lsa": lambda: lsa(shape)})
    (solve, solve_cpu, assignment), (base, base_cpu, (matched, total)) = timed["solve"], timed["lsa"]
    if priority.any() or assignment.matched != matched or abs(assignment.total_score - total) > 0.01 * max(1, matched):
        raise RuntimeError(f"{config}: the solver and LSA disagree ({assignment.matched} pairs, "
                           f"{assignment.total_score:.2f} against {matched}, {total:.2f}), or the "
                           "round has priorities, which the LSA baseline does not model")
    return {"solve_s": round(solve, 2), "lsa_s": round(base, 2), "lsa / solve": round(base / solve, 1),
            "lsa / solve (CPU)": round(base_cpu / solve_cpu, 1)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mentees", type=int, default=10_000)
    parser.add_argument("--mentors", type=int, default=6_000)
    parser.add_argument("--supply", nargs="+", type=float, default=list(SUPPLY_RATIOS))
    parser.add_argument("--shapes", nargs="+", choices=list(SHAPES), default=list(SHAPES))
    parser.add_argument("--cold-cache", action="store_true",
                        help="an empty cache folder for every round (the first run on a machine)")
    parser.add_argument("--lsa", action="store_true",
                        help="also time the round's solve against scipy's LSA on its own scores")
    parser.add_argument("--against", type=Path, metavar="CHECKOUT",
                        help="another checkout's folder (git worktree add /tmp/main main): every "
                             "round also runs on its code, the two in turns, and the outputs are "
                             "compared byte for byte")
    args = parser.parse_args(argv)
    rows = []
    print(f"{args.mentees:,} mentees x {args.mentors:,} mentors, {os.cpu_count()} cores, "
          f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}", flush=True)
    codes = {"this": None, **({"against": args.against.resolve()} if args.against else {})}
    with tempfile.TemporaryDirectory() as tmp:
        exports = make_exports(Path(tmp) / "exports", args.mentors, args.mentees)
        for k, (shape, supply) in enumerate((shape, supply) for shape in args.shapes
                                            for supply in args.supply):
            folder = Path(tmp) / f"{shape}-{supply}"
            config = make_round(exports, folder, shape, supply)
            # in turns: which code runs first alternates from round to round
            for code in sorted(codes, reverse=k % 2 == 1):
                baseline, baseline_cpu = read_baseline(folder)
                load = os.getloadavg()[0]
                measured = run_command(config, folder / f"output-{code}",
                                       folder / "cache" if args.cold_cache else None, codes[code])
                stages, stage_cpu = measured["stages"], measured["stage_cpu"]
                startup = measured["seconds"] - sum(stages.values())
                rows.append({"shape": shape, "supply": supply, **({"code": code} if args.against else {}),
                             "cache": "cold" if args.cold_cache else "kept",
                             "run_s": round(measured["seconds"], 1),
                             "cpu_s": round(measured["cpu"], 1),
                             "startup_s": round(startup, 1),
                             **{f"{name}_s": stages.get(name, float("nan")) for name in STAGES},
                             **{f"{name}_cpu": stage_cpu.get(name, float("nan")) for name in STAGES},
                             "peak_GiB": round(measured["peak_gib"], 2),
                             "read_excel_s": round(baseline, 2),
                             "run / read_excel": round(measured["seconds"] / baseline, 1),
                             "cpu / read_excel cpu": round(measured["cpu"] / baseline_cpu, 1),
                             "load": round(load, 1)})
                print(pd.DataFrame(rows[-1:]).to_string(index=False, header=len(rows) == 1), flush=True)
            if args.against:
                differ = same_outputs(folder / "output-this", folder / "output-against")
                rows[-1]["outputs"] = rows[-2]["outputs"] = ", ".join(differ) or "identical"
                print(f"outputs against {args.against}: {rows[-1]['outputs']}", flush=True)
            if args.lsa:
                rows[-1].update(solve_against_lsa(config))
    table = pd.DataFrame(rows)
    print()
    print(_markdown(table))
    if args.against:
        print()
        print(_markdown(ratios(table)))


def ratios(table: pd.DataFrame) -> pd.DataFrame:
    """Per round, this code's figures as multiples of the other checkout's (below 1: this one
    is faster or smaller), and whether their outputs are byte-identical."""
    figures = ["run_s", "cpu_s", *(f"{name}_cpu" for name in STAGES), "peak_GiB"]
    keyed = table.set_index(["shape", "supply", "code"])[figures]
    this, other = keyed.xs("this", level="code"), keyed.xs("against", level="code")
    out = (this / other).round(2).add_suffix(" this/against")
    return out.join(table[table["code"] == "this"].set_index(["shape", "supply"])["outputs"]).reset_index()


def _markdown(table: pd.DataFrame) -> str:
    return table.to_markdown(index=False) if _has_tabulate() else table.to_string(index=False)


def _has_tabulate() -> bool:
    try:
        import tabulate  # noqa: F401
    except ImportError:
        return False
    return True


if __name__ == "__main__":
    main()
