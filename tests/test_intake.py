"""load_round: canonical tables, every check of the severity policy, locks, and the sample round."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from matcher import init_round, load_round, synthetic
from matcher.config import PairRef, load_config
from matcher.errors import InputError
from matcher.intake import (ISSUE_COLUMNS, MENTEE_COLUMNS, MENTOR_COLUMNS, parse_number,
                            split_answers)

from tests.helpers import write_csv

LANG = "Languages"


def _round(tmp_path, mentors: pd.DataFrame, mentees: pd.DataFrame, extra: str = "",
           mentor_columns: dict | None = None):
    write_csv(tmp_path / "mentors.csv", mentors)
    write_csv(tmp_path / "mentees.csv", mentees)
    mcols = mentor_columns or {c: c for c in ("email", "languages", "capacity", "field", "topics",
                                              "city", "submitted_at", "about", "id") if _h(c) in mentors}
    ecols = {c: c for c in ("email", "languages", "goals", "priority", "max_mentors")
             if _h(c) in mentees}
    toml = "\n".join([
        '[round]\nname = "Test"',
        '[mentors]\nfile = "mentors.csv"', "[mentors.columns]",
        *[f'{k} = "{_h(v)}"' for k, v in mcols.items()],
        '[mentees]\nfile = "mentees.csv"', "[mentees.columns]",
        *[f'{k} = "{_h(v)}"' for k, v in ecols.items()], extra])
    (tmp_path / "round.toml").write_text(toml, encoding="utf-8")
    return tmp_path / "round.toml"


def _h(name):  # the test files' header for a canonical field
    return {"languages": LANG}.get(name, name)


def _people(n, prefix, **columns):
    frame = pd.DataFrame({"email": [f"{prefix}{i}@example.org" for i in range(n)],
                          LANG: ["Finnish"] * n})
    for name, values in columns.items():
        frame[name] = values
    return frame


def _issues(rnd, problem):
    return rnd.issues[rnd.issues["problem"].str.contains(problem, regex=False)]


def test_sample_round_validates_with_the_expected_warnings(sample_round_path):
    rnd = load_round(sample_round_path)
    assert rnd.ok and len(rnd.errors) == 0  # duplicates and blank rows: tests/test_sample_data.py
    assert repr(rnd) == (f"Round('Spring 2026 career mentoring', {len(rnd.mentors)} mentors, "
                         f"{len(rnd.mentees)} mentees, 0 errors, {len(rnd.issue_groups)} warnings "
                         f"({len(rnd.warnings)} cells))")
    finish = _issues(rnd, "read as 'Finnish'")
    assert len(finish) >= 3 and set(finish["value"].str.strip().str.split().str[0].str.lower()) <= {"finish", "finnsh"}
    ten_plus = rnd.issues[rnd.issues["value"] == "10+"]
    assert ten_plus["problem"].tolist() == ["read loosely as 10"]
    assert rnd.mentors.loc[rnd.mentors["row"] == 2, "years_experience"].item() == 10.0
    assert list(rnd.issues.columns) == list(ISSUE_COLUMNS)


def test_canonical_columns_and_types(sample_round_path):
    rnd = load_round(sample_round_path)
    assert rnd.mentors.index.name == "mentor_id" and rnd.mentees.index.name == "mentee_id"
    assert list(rnd.mentors.columns[:len(MENTOR_COLUMNS)]) == list(MENTOR_COLUMNS)
    assert list(rnd.mentees.columns[:len(MENTEE_COLUMNS)]) == list(MENTEE_COLUMNS)
    assert rnd.extra_columns["mentors"][:2] == ["Id", "Start time"]
    m, e = rnd.mentors, rnd.mentees
    assert m.index.is_unique and e.index.is_unique
    assert m["capacity"].dtype.kind == "i" and m["capacity"].between(1, 3).all()
    assert e["max_mentors"].eq(1).all() and e["priority"].eq(0).all()
    assert str(m["submitted_at"].dtype).startswith("datetime64")
    assert m["fields"].map(lambda t: isinstance(t, tuple) and len(t) == 1).all()
    assert e["goals"].map(len).ge(1).all() and m["topics"].map(len).ge(2).all()
    assert m["languages"].map(lambda d: all(1 <= v <= 4 for v in d.values()) and len(d) > 0).all()
    assert set(m["meeting_mode"]) <= {"in_person", "remote", "either"}
    assert (m["email"] == m["email"].str.lower()).all()
    assert m["city"].isin(["", "Helsinki", "Espoo", "Vantaa", "Tampere", "Turku", "Oulu", "Jyväskylä",
                           "Lahti", "Kuopio", "Kerava", "Porvoo", "Vaasa"]).all()
    assert rnd.locked.columns.tolist() == ["mentee_id", "mentor_id", "source"] and rnd.locked.empty


def test_deterministic_and_ids_stable(sample_round_path):
    a, b = load_round(sample_round_path), load_round(sample_round_path)
    pd.testing.assert_frame_equal(a.mentors, b.mentors)
    pd.testing.assert_frame_equal(a.issues, b.issues)
    assert a.mentors.index[0].startswith("mentor-") and len(a.mentors.index[0]) == len("mentor-") + 12


def test_google_forms_csv_init_then_validate(google_forms_round):
    result = init_round(google_forms_round / "mentors.csv", google_forms_round / "mentees.csv",
                        google_forms_round / "round.toml")
    assert result.warnings == []
    rnd = load_round(result.path)
    assert rnd.ok
    assert rnd.mentors["languages"].tolist() == [{"fi": 2, "en": 2}, {"ar": 2, "fi": 2, "en": 2}]
    assert rnd.mentors["topics"].tolist() == [("networking", "job_search_skills"), ("field_requirements",)]
    assert rnd.mentors["capacity"].tolist() == [2, 1]
    assert rnd.mentees["submitted_at"].notna().all()
    # the later sign-up (row 4, upper-case e-mail) is kept
    assert rnd.mentees.loc[rnd.mentees["email"] == "olena@example.com", "row"].item() == 4
    assert len(_issues(rnd, "duplicate sign-up")) == 1
    assert len(_issues(rnd, "2 blank rows ignored")) == 1


def test_finnish_semicolon_csv_init_then_validate(finnish_round):
    result = init_round(finnish_round / "mentorit.csv", finnish_round / "aktorit.csv",
                        finnish_round / "kierros.toml")
    rnd = load_round(result.path)
    m = rnd.mentors.set_index("email")
    assert m.loc["pekka@example.org", "languages"] == {"fi": 4, "en": 3}
    assert m.loc["pekka@example.org", "capacity"] == 2   # "kaksi", read loosely
    assert m.loc["liisa@example.org", "city"] == "Turku"  # Åbo
    assert m.loc["pekka@example.org", "meeting_mode"] == "remote"
    e = rnd.mentees.set_index("email")
    assert e.loc["mari@example.com", "languages"] == {"fi": 2, "en": 4}
    assert e.loc["jussi@example.com", "languages"] == {"fi": 2}   # 'Finish', corrected
    assert e.loc["mari@example.com", "city"] == "Tampere"
    errors = rnd.errors
    # row 4: no e-mail (dropped) and capacity -1
    assert set(errors["row"]) == {4}
    assert "no e-mail and no id" in " ".join(errors["problem"])
    assert "must be 0 or more" in " ".join(errors["problem"])


def test_numbers_errors_and_loose_reads(tmp_path):
    mentors = _people(5, "m", capacity=["2", "many", "-1", "2 mentees", ""])
    mentees = _people(3, "e", priority=["1", "high", ""], max_mentors=["0", "2", "1-2"])
    rnd = load_round(_round(tmp_path, mentors, mentees))
    assert rnd.mentors["capacity"].tolist() == [2, 1, 1, 2, 1]   # errors and blanks: default 1
    bad = rnd.errors.set_index(["file", "row"])["problem"]
    assert bad[("mentors.csv", 3)] == "cannot be read as a whole number"
    assert bad[("mentors.csv", 4)] == "must be 0 or more"
    assert ("mentees.csv", 2) in bad.index            # max_mentors 0
    assert bad[("mentees.csv", 3)] == "cannot be read as a whole number"   # priority "high"
    assert rnd.mentees["max_mentors"].tolist() == [1, 2, 1]
    assert _issues(rnd, "read loosely as 1")["value"].tolist() == ["1-2"]
    assert not rnd.ok


def test_parse_number_forms():
    assert parse_number("about 6") == (6.0, "loose")
    assert parse_number("yli 20") == (20.0, "loose")
    assert parse_number("noin kolme") == (3.0, "loose")
    assert parse_number("") == (None, "bad")


def test_vocabulary_answers_are_read_never_ignored_and_reported_once(tmp_path):
    mentors = _people(2, "m", field=["Tietotekniika", "Astrophysics stuff"],
                      topics=["Networking;CV;", "Astrologia;"])
    rnd = load_round(_round(tmp_path, mentors, _people(1, "e")))
    assert rnd.ok
    assert rnd.mentors["fields"].tolist() == [("ict",), ("astrophysics_stuff",)]
    assert rnd.mentors["topics"].tolist() == [("networking", "job_search_skills"), ("astrologia",)]
    corrected = _issues(rnd, "read as 'ICT'")
    assert corrected["value"].tolist() == ["Tietotekniika"]
    own = _issues(rnd, "category of its own")
    assert sorted(own["value"]) == ["Astrologia", "Astrophysics stuff"]
    assert "[vocabulary.goals]" in own[own["value"] == "Astrologia"]["suggestion"].item()


def test_config_vocabulary_extends_matching(tmp_path):
    mentors = _people(1, "m", topics=["Asuminen;"])
    extra = '[vocabulary.goals]\nhousing = ["Asuminen", "housing"]'
    rnd = load_round(_round(tmp_path, mentors, _people(1, "e"), extra=extra))
    assert rnd.mentors["topics"].tolist() == [("housing",)]
    assert rnd.issues.empty


def test_no_usable_language_is_a_warning(tmp_path):
    mentees = _people(2, "e")
    mentees[LANG] = ["", None]
    rnd = load_round(_round(tmp_path, _people(1, "m"), mentees))
    assert rnd.ok
    assert len(_issues(rnd, "cannot be matched")) == 2


def test_duplicates_keep_first_policy(tmp_path):
    mentors = _people(3, "m", submitted_at=["2026-01-02 10:00", "2026-01-01 10:00", "2026-01-03 10:00"])
    mentors["email"] = ["same@example.org", "SAME@example.org ", "other@example.org"]
    path = _round(tmp_path, mentors, _people(1, "e"), extra='[read]\nduplicates = "keep_first"')
    rnd = load_round(path)
    assert rnd.mentors.loc[rnd.mentors["email"] == "same@example.org", "row"].item() == 3  # earliest
    latest = load_round(dataclasses.replace(load_config(path), read=dataclasses.replace(
        load_config(path).read, duplicates="keep_latest")))
    assert latest.mentors.loc[latest.mentors["email"] == "same@example.org", "row"].item() == 2


def test_id_column_used_and_clashes_reported(tmp_path):
    mentors = _people(3, "m", id=["M1", "M1", ""])
    rnd = load_round(_round(tmp_path, mentors, _people(1, "e")))
    assert rnd.mentors.index[0] == "M1" and rnd.mentors.index[1] == "M1#3"
    assert rnd.mentors.index[2].startswith("mentor-")   # blank id: derived from the e-mail
    assert _issues(rnd, "id already used")["row"].tolist() == [3]


def test_free_text_never_appears_in_issues(tmp_path):
    mentors = _people(1, "m", about=["secret story"], capacity=["lots"])
    rnd = load_round(_round(tmp_path, mentors, _people(1, "e")))
    assert "secret story" not in rnd.issues.to_string()


def test_missing_required_column_lists_headers(tmp_path):
    path = _round(tmp_path, _people(1, "m"), _people(1, "e"))
    text = path.read_text().replace('languages = "Languages"', 'languages = "Langauges"', 1)
    path.write_text(text)
    with pytest.raises(InputError, match=r"no column 'Langauges'.*did you mean 'Languages'\?.*'email'"):
        load_round(path)
    path.write_text(text.replace('languages = "Langauges"\n', "", 1))
    with pytest.raises(InputError, match=r"does not map 'languages'"):
        load_round(path)


def test_locked_and_forbidden_pairs(tmp_path):
    (tmp_path / "locked.csv").write_text("Mentee;Mentor\ne1@example.org;m0@example.org\nnobody@example.org;m1@example.org\n",
                                         encoding="utf-8")
    extra = ('[constraints]\nlocked_file = "locked.csv"\n'
             'forbidden = [{mentee = "E0@example.org", mentor = "m1@example.org"},'
             ' {mentee = "e0@example.org", mentor = "m9@example.org"}]')
    rnd = load_round(_round(tmp_path, _people(2, "m"), _people(2, "e"), extra=extra))
    ids = {e: i for i, e in zip(rnd.mentees.index, rnd.mentees["email"])}
    mids = {e: i for i, e in zip(rnd.mentors.index, rnd.mentors["email"])}
    assert rnd.locked.values.tolist() == [[ids["e1@example.org"], mids["m0@example.org"], "locked.csv"]]
    assert rnd.forbidden.values.tolist() == [[ids["e0@example.org"], mids["m1@example.org"], "config"]]
    errors = rnd.errors
    assert len(errors) == 2
    csv_error = errors[errors["file"] == "locked.csv"].iloc[0]
    assert csv_error["row"] == 3 and csv_error["value"] == "nobody@example.org"
    config_error = errors[errors["file"] == "round.toml"].iloc[0]
    assert config_error["column"] == "forbidden[1]" and config_error["value"] == "m9@example.org"
    assert config_error["suggestion"].startswith("did you mean 'm")


def test_locked_by_id_through_config_object(sample_round_path):
    config = load_config(sample_round_path)
    first = load_round(config)
    mentee, mentor = first.mentees.index[0], first.mentors.index[0]
    constraints = dataclasses.replace(config.constraints, locked=(PairRef(mentee, mentor),))
    rnd = load_round(config.replace(constraints=constraints))
    assert rnd.locked[["mentee_id", "mentor_id"]].values.tolist() == [[mentee, mentor]]


def test_split_answers_mixed_separators():
    assert split_answers("Finnish;English;", [";", ","]) == ("Finnish", "English")
    assert split_answers("  ", [";"]) == ()
    assert split_answers("a\nb", [";", ",", "\n"]) == ("a", "b")


def test_clean_synthetic_round_has_no_row_problems(tmp_path):
    rnd = load_round(synthetic.write_round(tmp_path, 40, 60, seed=5, messy=False))
    # only blank optional answers (e.g. the organisation of some mentees)
    assert rnd.ok and set(rnd.issues.loc[rnd.issues["row"].notna(), "problem"]) <= {"no answer"}
