"""Scoring time and peak memory from 100 × 70 up to 20,000 mentees × 12,000 mentors.

Each size runs in a fresh subprocess so its peak RSS (``resource.getrusage``) is honest. The
subprocess generates canonical tables (every person with a unique Finnish/English/mixed free text,
the worst case for the text similarity), measures the baseline, a dense float32 product
``(n × 256) · (256 × m)`` of the same shape (best of 3), and then times :func:`matcher.scoring.score_pairs`.

Run::

    python -m benchmarks.bench_scoring                 # all sizes
    python -m benchmarks.bench_scoring --max-size 5000 # stop after 5,000 mentees

Prints a markdown table (times in seconds and as a ratio to the baseline of the same run).
"""

from __future__ import annotations

import argparse
import functools
import json
import resource
import subprocess
import sys
import time

import numpy as np
import pandas as pd

from benchmarks import best_of

SIZES = ((100, 70), (1_000, 700), (5_000, 3_000), (10_000, 6_000), (20_000, 12_000))
TARGET = (10_000, 6_000, 15.0, 4.0)  # mentees, mentors, seconds, GiB

FIELDS = ("ict", "engineering", "health", "social_care", "education", "business", "finance",
          "sales_marketing", "hr", "law", "hospitality", "construction", "logistics",
          "manufacturing", "science", "arts_media", "public_sector", "property_services",
          "agriculture")
GOALS = ("networking", "strengths", "job_search_skills", "working_life_culture",
         "field_requirements", "job_search_support", "entrepreneurship", "career_change",
         "language_at_work", "studies", "leadership")
CITIES = ("Helsinki", "Espoo", "Vantaa", "Tampere", "Turku", "Oulu", "Jyväskylä", "Kuopio",
          "Lahti", "Pori", "Joensuu", "Vaasa", "Seinäjoki", "Rovaniemi", "Kotka")
NATIVE = ("ar", "so", "ru", "fa", "en", "es", "zh", "uk", "et", "vi", "tr", "fr", "pt", "ku")
MODES = ("in_person", "remote", "either")
# words for free text, Finnish (inflected) and English, so n-grams behave like real answers
WORDS = (
    "haluan oppia työnhaku työnhaussa työnhakuun verkostoituminen verkostoja verkostoitua "
    "osaamiseni vahvuuksiani tunnistamaan suomalainen työelämä työelämän kulttuuri alan "
    "vaatimukset pätevyys laillistus sairaanhoitaja ohjelmistokehittäjä insinööri opettaja "
    "kokemus vuotta tukea apua mentorin kanssa uranvaihto yrittäjyys yritys perustaminen "
    "kieli suomen kielen opiskelu koulutus johtaminen esimies tiimi projekti asiakas "
    "I want to learn job search networking networks strengths skills Finnish working life "
    "culture field requirements licence nurse software developer engineer teacher experience "
    "years support help mentor career change entrepreneurship company starting language "
    "studies degree leadership manager team project customer interview CV LinkedIn "
    "application cover letter recruitment industry contacts confidence goals plan"
).split()
SUFFIXES = ("", "", "", "a", "n", "ssa", "lla", "sta", "ksi", "t", "s", "ing", "ed")


def canonical_tables(n_mentees: int, n_mentors: int, seed: int = 0
                     ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Canonical mentee and mentor tables (docs/architecture.md) with realistic spreads."""
    rng = np.random.default_rng(seed)
    mentees = _people(rng, n_mentees, "E", mentor=False)
    mentors = _people(rng, n_mentors, "M", mentor=True)
    return mentees, mentors


def _people(rng, n: int, prefix: str, mentor: bool) -> pd.DataFrame:
    field = rng.integers(0, len(FIELDS), n)
    second = np.where(rng.random(n) < 0.1, rng.integers(0, len(FIELDS), n), -1)
    n_goals = rng.integers(2, 7, n) if mentor else rng.integers(0, 5, n)
    goal_sets = [tuple(GOALS[g] for g in sorted(rng.choice(len(GOALS), k, replace=False)))
                 for k in n_goals]
    table = pd.DataFrame({
        "fields": [(FIELDS[a],) if b < 0 or b == a else (FIELDS[a], FIELDS[b])
                   for a, b in zip(field, second)],
        "field_text": [FIELDS[a].replace("_", " ") for a in field],
        "languages": _languages(rng, n, mentor),
        "city": np.array(CITIES)[rng.zipf(1.6, n).clip(1, len(CITIES)) - 1],
        "meeting_mode": np.array(MODES)[rng.choice(3, n, p=(0.2, 0.3, 0.5))],
        "organisation": [f"Company {k}" if k < 400 else "" for k in rng.integers(0, 800 if mentor
                                                                                 else 4000, n)],
        "gender": np.array(("female", "male", ""))[rng.choice(3, n, p=(0.5, 0.45, 0.05))],
        ("topics" if mentor else "goals"): goal_sets,
        ("about" if mentor else "goals_text"): [_text(rng) for _ in range(n)],
    }, index=pd.Index([f"{prefix}{i:05d}" for i in range(n)],
                      name="mentor_id" if mentor else "mentee_id"))
    if mentor:
        table["job_title"] = [f"{FIELDS[a].replace('_', ' ')} specialist" for a in field]
        table["years_experience"] = rng.integers(1, 35, n).astype(float)
        table["years_in_finland"] = rng.integers(0, 40, n).astype(float)
    else:
        table["gender_preference"] = np.where(rng.random(n) < 0.1, "female", "")
    return table


def _languages(rng, n: int, mentor: bool) -> list[dict[str, int]]:
    finnish = rng.integers(3, 5, n) if mentor else rng.integers(0, 5, n)
    english = rng.integers(0, 5, n)
    native = np.array(NATIVE)[rng.integers(0, len(NATIVE), n)]
    has_native = rng.random(n) < (0.15 if mentor else 0.8)
    out = []
    for fi, en, nat, extra in zip(finnish, english, native, has_native):
        langs = {code: int(level) for code, level in (("fi", fi), ("en", en)) if level}
        if extra:
            langs[str(nat)] = 4
        out.append(langs)
    return out


def _text(rng) -> str:
    words = rng.choice(len(WORDS), rng.integers(12, 40))
    suffixes = rng.choice(len(SUFFIXES), len(words))
    return " ".join(WORDS[w] + SUFFIXES[s] for w, s in zip(words, suffixes))


def measure(n_mentees: int, n_mentors: int) -> dict:
    """Time and peak memory of scoring one size (run this in a fresh process)."""
    from matcher.scoring import score_pairs

    mentees, mentors = canonical_tables(n_mentees, n_mentors)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    rng = np.random.default_rng(1)
    a = rng.random((n_mentees, 256), dtype=np.float32)
    b = rng.random((256, n_mentors), dtype=np.float32)
    baseline = best_of(functools.partial(np.matmul, a, b))
    del a, b
    start = time.perf_counter()
    scores = score_pairs(mentors, mentees)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return {"mentees": n_mentees, "mentors": n_mentors, "seconds": seconds, "baseline": baseline,
            "peak_gib": peak / 2**20, "tables_gib": rss_before / 2**20,
            "feasible": float(scores.feasible.mean())}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-size", type=int, default=SIZES[-1][0],
                        help="largest number of mentees to run (default: all sizes)")
    parser.add_argument("--worker", nargs=2, type=int, metavar=("MENTEES", "MENTORS"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(measure(*args.worker)))
        return
    print("| mentees × mentors | pairs | scoring (s) | baseline dot (s) | ratio | peak RSS (GiB) "
          "| tables RSS (GiB) | feasible |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for n, m in SIZES:
        if n > args.max_size:
            break
        done = subprocess.run([sys.executable, "-m", "benchmarks.bench_scoring", "--worker",
                               str(n), str(m)], capture_output=True, text=True, check=True)
        r = json.loads(done.stdout.strip().splitlines()[-1])
        print(f"| {n:,} × {m:,} | {n * m:,} | {r['seconds']:.2f} | {r['baseline']:.3f} | "
              f"{r['seconds'] / r['baseline']:.0f}× | {r['peak_gib']:.2f} | {r['tables_gib']:.2f} "
              f"| {100 * r['feasible']:.0f}% |", flush=True)
        if (n, m) == TARGET[:2]:
            ok = r["seconds"] < TARGET[2] and r["peak_gib"] < TARGET[3]
            print(f"<!-- target {n:,} × {m:,}: < {TARGET[2]:g} s and < {TARGET[3]:g} GiB: "
                  f"{'met' if ok else 'NOT met'} -->", flush=True)


if __name__ == "__main__":
    main()
