"""Helpers the tests and the benchmarks share (``from tests.helpers import ...``).

Plain functions that build inputs: spreadsheet-like CSV files and canonical person tables of any
size. pytest fixtures stay in conftest.py.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd


def write_csv(path: Path, frame: pd.DataFrame, sep: str = ",", encoding: str = "utf-8",
              blank_rows: int = 0) -> Path:
    """Write ``frame`` the way a spreadsheet program saves CSV (optionally with blank rows)."""
    text = frame.to_csv(index=False, sep=sep, lineterminator="\r\n")
    text += (sep * (len(frame.columns) - 1) + "\r\n") * blank_rows
    path.write_bytes(text.encode(encoding))
    return path


FIELDS = ("ict", "engineering", "health", "social_care", "education", "business", "finance",
          "sales_marketing", "hr", "law", "hospitality", "construction", "logistics",
          "manufacturing", "science", "arts_media", "public_sector", "property_services",
          "agriculture")
GOALS = ("networking", "strengths", "job_search_skills", "working_life_culture",
         "field_requirements", "job_search_support", "entrepreneurship", "career_change",
         "language_at_work", "studies", "leadership", "wellbeing")
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
