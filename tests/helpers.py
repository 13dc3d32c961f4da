"""Helpers the tests and the benchmarks share (``from tests.helpers import ...``).

Plain functions that build inputs: spreadsheet-like CSV files, canonical person tables of any
size and the result tables the output writers take. pytest fixtures stay in conftest.py.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from matcher.issue_groups import group_issues


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


# --- result tables, as matcher.results.build_tables returns them (test_report, bench_report) ---

_FIRST_NAMES = ["Aino", "Väinö", "Sanna", "Jyrki", "Elina", "Pääkkö", "Mikko", "Hanna", "Örjan", "Leena",
                "Ahmed", "Olga", "Tiina", "Matti", "Ella", "Juha"]
_LAST_NAMES = ["Äijälä", "Mäkinen", "Virtanen", "Löfgren", "Hämäläinen", "Nieminen", "Kärkkäinen",
               "Öhman", "Laine", "Korhonen"]
#: the score components of the result tables below
COMPONENTS = ("field", "goals", "language", "location")
_GOAL_LABELS = ["job-seeking skills", "networking", "career change", "Finnish working life",
                "entrepreneurship", "CV and applications"]
#: a mentee name a formula, another an HTML tag, as an attacker might type them into a sign-up form
FORMULA_NAME = '=HYPERLINK("http://evil.example","click")'
HTML_NAME = "<script>alert('x')</script> Virtanen"
#: the round title and audit record :func:`make_tables` goes with
TITLE = "Uramentorointi & Career mentoring, spring"
AUDIT = {"matcher_version": "0.1.0", "round": TITLE, "config": {"solver": {"objective": "coverage"}},
         "inputs": {"mentors": {"path": "mentors.xlsx", "sha256": "ab" * 32}},
         "objective": "coverage", "solver": {"status": "optimal", "certificate": {"gap": np.float64(0.0)}},
         "counts": {"mentees": np.int64(34), "mentors": 20}, "run_seconds": 1.25}


def make_tables(n_pairs: int = 30, n_unmatched: int = 4, n_mentors: int = 20,
                seed: int = 7) -> dict[str, pd.DataFrame]:
    """Result tables as :func:`matcher.results.build_tables` returns them, for a synthetic round."""
    rng = np.random.default_rng(seed)
    n_mentees = n_pairs + n_unmatched

    def names(n: int, offset: int) -> list[str]:
        return [f"{_FIRST_NAMES[(i + offset) % len(_FIRST_NAMES)]} {_LAST_NAMES[(i * 3 + offset) % len(_LAST_NAMES)]}"
                for i in range(n)]

    mentee_names, mentor_names = names(n_mentees, 0), names(n_mentors, 5)
    mentee_names[1] = FORMULA_NAME
    mentee_names[2] = HTML_NAME
    mentee_ids = [f"E{i:05d}" for i in range(n_mentees)]
    mentor_ids = [f"M{i:05d}" for i in range(n_mentors)]
    mentee_emails = [f"mentee{i}@example.fi" for i in range(n_mentees)]
    mentor_emails = [f"mentor{i}@example.fi" for i in range(n_mentors)]
    capacity = rng.integers(1, 4, n_mentors)
    mentor_of = np.sort(rng.choice(np.repeat(np.arange(n_mentors), capacity + 3), n_pairs, replace=False))
    assigned = np.bincount(mentor_of, minlength=n_mentors)
    capacity = np.maximum(capacity, assigned)
    components = {c: np.round(rng.random(n_pairs), 3) for c in COMPONENTS}
    score = 100 * (0.3 * components["field"] + 0.4 * components["goals"]
                   + 0.15 * components["language"] + 0.15 * components["location"])
    locked = np.zeros(n_pairs, dtype=bool)
    locked[[0, 5]] = True
    pairs = pd.DataFrame({
        "mentee_id": mentee_ids[:n_pairs], "mentee_name": mentee_names[:n_pairs],
        "mentee_email": mentee_emails[:n_pairs], "mentor_id": [mentor_ids[j] for j in mentor_of],
        "mentor_name": [mentor_names[j] for j in mentor_of],
        "mentor_email": [mentor_emails[j] for j in mentor_of], "score": score.astype(np.float32),
        **components,
        "explanation": [f"both work in ICT; the mentor can help with {_GOAL_LABELS[i % 6]} and "
                        f"{_GOAL_LABELS[(i + 2) % 6]}; you share Finnish (fluent)" for i in range(n_pairs)],
        "locked": locked,
        "decision": np.where(locked, "keep", ""),
        "locked_by": np.where(locked, "kept in review", ""),
        "move_to": "", "notes": "",
        **_display_answers("mentee", n_pairs), **_display_answers("mentor", n_pairs),
    })
    pairs.loc[3, "decision"] = "reject"
    pairs.loc[4, "explanation"] = "@mention: both speak Swedish"
    unmatched = pd.DataFrame({
        "mentee_id": mentee_ids[n_pairs:], "mentee_name": mentee_names[n_pairs:],
        "mentee_email": mentee_emails[n_pairs:],
        "reason": ["No compatible mentor: no shared language with any of the 20 mentors."] * n_unmatched,
        "best_candidates": [f"{mentor_names[0]} (61.0, full)"] * n_unmatched,
        "move_to": "", "notes": "", **_display_answers("mentee", n_unmatched),
    })
    mentors = pd.DataFrame({"mentor_id": mentor_ids, "mentor_name": mentor_names,
                            "mentor_email": mentor_emails, "capacity": capacity,
                            "assigned": assigned, "remaining": capacity - assigned,
                            "mentees": pd.Series(mentee_names[:n_pairs]).groupby(mentor_of).agg("; ".join)
                            .reindex(range(n_mentors), fill_value="").to_numpy()})
    alternatives = pd.DataFrame({
        "mentee_id": np.repeat(mentee_ids, 3), "mentee_name": np.repeat(mentee_names, 3),
        "rank": np.tile([1, 2, 3], n_mentees),
        "mentor_id": [mentor_ids[(i * 7) % n_mentors] for i in range(3 * n_mentees)],
        "mentor_name": [mentor_names[(i * 7) % n_mentors] for i in range(3 * n_mentees)],
        "score": np.round(rng.random(3 * n_mentees) * 60 + 30, 4),
        "score_change": np.round(rng.random(3 * n_mentees) * 20 - 10, 1),
        "free_places": rng.integers(1, 3, 3 * n_mentees),
        "note": "moving lowers the pair's score",
    })
    supply = pd.DataFrame({
        "dimension": ["language"] * 3 + ["field"] * 3 + ["goal"] * 2,
        "value": ["Finnish", "English", "Arabic", "ICT", "Health care", "Education",
                  "networking", "career change"],
        "mentees": [30, 25, 4, 12, 8, 0, 20, 9], "mentors": [18, 15, 1, 7, 2, 3, 12, 4],
        "capacity": [40, 30, 2, 15, 4, 5, 25, 8],
    })
    supply["ratio"] = supply["capacity"] / supply["mentees"].where(supply["mentees"] > 0)
    coverage = pd.DataFrame({"goal": _GOAL_LABELS, "mentees": [14, 10, 8, 7, 3, 12],
                             "covered": [12, 10, 5, 7, 1, 9]})
    issues = pd.DataFrame({
        "severity": ["error", "warning", "warning"], "file": ["mentees.xlsx", "mentors.xlsx", "mentees.xlsx"],
        "row": [5, 12, 40], "column": ["Sähköposti", "Capacity", "Phone"],
        "value": ["aino(at)example.fi", "-1", "+358 40 123 4567"],
        "problem": ["not an e-mail address", "capacity below 0", "phone numbers are not used"],
        "suggestion": ["fix the address", "use 0 or more", "nothing to do"],
    })
    summary = pd.DataFrame({"item": ["Round", "Mentees", "Mentors", "Pairs", "Objective", "Mean score",
                                     "Weights"],
                            "value": [TITLE, str(n_mentees), str(n_mentors), str(n_pairs), "coverage",
                                      f"{score.mean():.1f}", "field 0.30, goals 0.40"]})
    not_included = pd.DataFrame({
        "role": ["mentor"], "id": ["M99999"], "name": ["Sanna Sukunimi"],
        "email": ["sanna@example.fi"], "row": [23],
        "reason": ["Did not consent to their answers being used for matching (answered no)"]})
    return {"pairs": pairs, "unmatched": unmatched, "not_included": not_included,
            "mentors": mentors, "alternatives": alternatives,
            "supply_demand": supply, "goal_coverage": coverage, "issues": group_issues(issues),
            "issue_rows": issues, "summary": summary}


def _display_answers(role: str, n: int) -> dict[str, list[str]]:
    """Display answers as :func:`matcher.results.answers` writes them."""
    fields = ["ICT", "Health care", "Education, Social work"]
    out = {f"{role}_field": [fields[i % 3] for i in range(n)],
           f"{role}_{'goals' if role == 'mentee' else 'topics'}": [
               f"{_GOAL_LABELS[i % 6]}, {_GOAL_LABELS[(i + 1) % 6]}" for i in range(n)],
           f"{role}_languages": ["Finnish (native), English (fluent)"] * n,
           f"{role}_city": [["Helsinki", "Tampere", "Oulu"][i % 3] for i in range(n)],
           f"{role}_meeting_mode": ["in person or remote"] * n}
    if role == "mentor":
        out["mentor_job_title"] = ["Senior software engineer"] * n
    return out


def expanded_lsa(scores: np.ndarray, feasible: np.ndarray, capacity: np.ndarray) -> tuple[int, float]:
    """Coverage by scipy's LSA on mentees x mentor places (one slot per mentee): the
    reference optimum of the solver tests, as (matched, total)."""
    from scipy.optimize import linear_sum_assignment

    n = scores.shape[0]
    cols = np.repeat(np.arange(scores.shape[1]), capacity)
    weight = np.where(feasible, scores + 1000.0 * n, 0.0)[:, cols]
    rows, places = linear_sum_assignment(weight, maximize=True)
    keep = feasible[rows, cols[places]]
    return int(keep.sum()), float(scores[rows[keep], cols[places[keep]]].sum())
