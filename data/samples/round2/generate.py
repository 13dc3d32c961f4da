"""Write the second sample round (autumn) from the bundled spring round, deterministically.

    python data/samples/round2/generate.py [FOLDER]     # default: this script's folder

The spring round (``data/samples/round.toml``) is matched; its result becomes the history of
the autumn round, kept as ``spring/pairs.csv`` and ``spring/unmatched.csv`` with ids and e-mails
only (what ``[history]`` reads). The autumn sign-ups are made of

* 45 of the 60 spring mentors signing up again, one of them with a new e-mail address
  (tied to the old one by ``[history] aliases``), and 12 new mentors;
* the 2 mentees left unmatched in spring (they get priority), 15 spring mentees whose spring
  mentor is back (their old pairs must not be proposed again), one of them with a new e-mail,
  and 55 new mentees;
* one spring pair that continues (the mentee does not sign up again; the mentor's place is
  taken by them), listed in ``[history] continuing``.

``round.toml`` reads ``mentors.csv`` / ``mentees.csv``. The late sign-ups, 8 mentees and 2
mentors who arrived after the autumn pairs were published, are in ``mentors-late.csv`` /
``mentees-late.csv`` (everyone in the first files plus them), read by ``late.toml``, which is
meant for ``matcher run late.toml --incremental output``. Same script, same files: every file is
CSV so that a re-run can be compared byte for byte.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

from matcher import run_round, synthetic

SPRING = Path(__file__).resolve().parents[1] / "round.toml"
RETURNING_MENTORS, NEW_MENTORS, LATE_MENTORS = 45, 12, 2
RETURNING_MENTEES, NEW_MENTEES, LATE_MENTEES = 15, 55, 8
SEED = 2026


def generate(folder: str | Path) -> list[Path]:
    """Write the autumn round into ``folder``; return the files written."""
    folder = Path(folder)
    rng = np.random.default_rng(SEED)
    with tempfile.TemporaryDirectory() as tmp:
        spring = run_round(SPRING, Path(tmp) / "spring")
    pairs = spring.tables["pairs"][["mentee_id", "mentee_email", "mentor_id", "mentor_email"]]
    unmatched = spring.tables["unmatched"][["mentee_id", "mentee_email"]]
    email = "Email"
    mentors_in, mentees_in = (_answered(pd.read_excel(path, dtype=str, engine="openpyxl"), email)
                              for path in (spring.round.config.mentors.file,
                                           spring.round.config.mentees.file))

    # who comes back: a continuing pair's mentor always does, its mentee does not
    continuing = pairs.iloc[int(rng.integers(len(pairs)))]
    mentor_emails = mentors_in[email].str.strip().str.lower()
    back = rng.choice(np.flatnonzero(mentor_emails != continuing["mentor_email"]),
                      RETURNING_MENTORS - 1, replace=False)
    back = np.sort(np.r_[back, np.flatnonzero(mentor_emails == continuing["mentor_email"])[:1]])
    mentors = mentors_in.iloc[back]
    returned = set(mentors[email].str.strip().str.lower())
    eligible = pairs[pairs["mentor_email"].isin(returned)
                     & (pairs["mentee_email"] != continuing["mentee_email"])]
    again = eligible.iloc[np.sort(rng.choice(len(eligible), RETURNING_MENTEES, replace=False))]
    mentee_emails = mentees_in[email].str.strip().str.lower()
    mentees = mentees_in[mentee_emails.isin(set(again["mentee_email"]) | set(unmatched["mentee_email"]))]
    mentees = mentees.drop_duplicates(email, keep="last")

    # one person of each kind changed their e-mail address since spring
    mentor_old, mentor_new = _new_address(mentors, email, rng)
    mentee_old, mentee_new = _new_address(mentees, email, rng)
    mentors = mentors.replace({email: {mentors[email][mentors[email].str.lower() == mentor_old].iloc[0]: mentor_new}})
    mentees = mentees.replace({email: {mentees[email][mentees[email].str.lower() == mentee_old].iloc[0]: mentee_new}})

    mentors = _add(mentors, synthetic.mentor_export(NEW_MENTORS + LATE_MENTORS + 20, seed=SEED, messy=False),
                   NEW_MENTORS + LATE_MENTORS, email)
    mentees = _add(mentees, synthetic.mentee_export(NEW_MENTEES + LATE_MENTEES + 20, seed=SEED, messy=False),
                   NEW_MENTEES + LATE_MENTEES, email)
    (folder / "spring").mkdir(parents=True, exist_ok=True)
    written = [
        _csv(pairs, folder / "spring" / "pairs.csv"),
        _csv(unmatched, folder / "spring" / "unmatched.csv"),
        _csv(mentors.iloc[:-LATE_MENTORS], folder / "mentors.csv"),
        _csv(mentees.iloc[:-LATE_MENTEES], folder / "mentees.csv"),
        _csv(mentors, folder / "mentors-late.csv"),
        _csv(mentees, folder / "mentees-late.csv"),
    ]
    history = HISTORY.format(mentee=continuing["mentee_email"], mentor=continuing["mentor_email"],
                             mentor_old=mentor_old, mentor_new=mentor_new,
                             mentee_old=mentee_old, mentee_new=mentee_new)
    spring_config = SPRING.read_text(encoding="utf-8")
    for name, late in (("round.toml", ""), ("late.toml", "-late")):
        text = (spring_config.replace('name = "Spring 2026 career mentoring"',
                                      'name = "Autumn 2026 career mentoring"')
                .replace('output = "output"', f'output = "output{late}"')
                .replace('file = "mentors.xlsx"', f'file = "mentors{late}.csv"')
                .replace('file = "mentees.xlsx"', f'file = "mentees{late}.csv"'))
        (folder / name).write_text(HEADER.format(late=LATE_NOTE if late else "") + text + history,
                                   encoding="utf-8", newline="\n")
        written.append(folder / name)
    return written


HEADER = """\
# Written by data/samples/round2/generate.py from the spring sample round: do not edit by hand.
{late}"""
LATE_NOTE = """\
# The autumn round with the late sign-ups: run it against the published autumn result,
#   matcher run data/samples/round2/late.toml --incremental data/samples/round2/output
"""
HISTORY = """
[history]
# Earlier rounds, oldest first: their pairs are not repeated, their unmatched come first.
rounds = ["spring"]
repeat_pairs = "forbid"
unmatched_priority = 1
# A spring pair that carries on: it takes one of the mentor's places.
continuing = [{{mentee = "{mentee}", mentor = "{mentor}"}}]
# People whose e-mail address changed since spring.
aliases = [{{old = "{mentor_old}", new = "{mentor_new}"}}, {{old = "{mentee_old}", new = "{mentee_new}"}}]
"""


def _answered(export: pd.DataFrame, email: str) -> pd.DataFrame:
    """The rows of an export with an e-mail (its blank rows left out)."""
    return export[export[email].fillna("").str.strip() != ""]


def _new_address(people: pd.DataFrame, email: str, rng: np.random.Generator) -> tuple[str, str]:
    old = str(people[email].iloc[int(rng.integers(len(people)))]).strip().lower()
    user, domain = old.split("@")
    return old, f"{user}.autumn@{domain.replace('example', 'mail.example')}"


def _add(people: pd.DataFrame, extra: pd.DataFrame, n: int, email: str) -> pd.DataFrame:
    """``people`` plus the first ``n`` of ``extra`` whose e-mail is not taken, renumbered."""
    taken = set(people[email].str.strip().str.lower())
    fresh = extra[~extra[email].str.lower().isin(taken)].drop_duplicates(email).head(n)
    # text as the export shows it, a blank left blank: pandas 2 would write a missing time as "NaT"
    table = pd.concat([people, fresh.astype(str).where(fresh.notna(), "")], ignore_index=True)
    table["Id"] = np.arange(1, len(table) + 1).astype(str)
    return table


def _csv(frame: pd.DataFrame, path: Path) -> Path:
    frame.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
    return path


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    for path in generate(target):
        print(path)
