"""Header detection, the config `matcher init` writes, and the init/validate commands."""

from __future__ import annotations

import io
import re
from datetime import datetime

import pandas as pd
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from matcher import synthetic
from matcher.cli import main
from matcher.config import load_config
from matcher.detect import column_times, detect_columns, init_round
from matcher.errors import InputError
from matcher.intake import load_round
from matcher.intake.values import parse_times

from tests.helpers import write_csv


def test_synthetic_forms_headers_are_all_recognised():
    mentors = detect_columns(synthetic.mentor_export(30, messy=False), "mentors")
    assert mentors.columns == synthetic.MENTOR_HEADERS | {}
    assert mentors.missing == []
    assert set(mentors.unmapped) == {"Id", "Start time", "Last modified time"}  # consent is read
    mentees = detect_columns(synthetic.mentee_export(30, messy=False), "mentees")
    assert mentees.columns == synthetic.MENTEE_HEADERS


@pytest.mark.parametrize("header, field", [
    ("Sähköpostiosoite", "email"), ("Koko nimi", "name"), ("Millä alalla työskentelet?", "field"),
    ("Ammattinimike", "job_title"), ("Työkokemus (vuotta)", "years_experience"),
    ("Kuinka kauan olet asunut Suomessa?", "years_in_finland"),
    ("Millä kielillä voit mentoroida?", "languages"), ("Missä asioissa voit auttaa?", "topics"),
    ("Kerro itsestäsi", "about"), ("Montako aktoria voit ottaa?", "capacity"),
    ("Paikkakunta", "city"), ("Miten haluaisit tavata?", "meeting_mode"),
    ("Which langauges do you speak?", "languages"), ("Your employer", "organisation"),
])
def test_single_headers(header, field):
    table = pd.DataFrame(columns=[header])
    # a job title with no field question stands for the field too
    also = {"field": header} if field == "job_title" else {}
    assert detect_columns(table, "mentors").columns == {field: header} | also


def test_each_header_used_once_and_specific_keywords_win():
    table = pd.DataFrame(columns=["What are your goals?", "Describe your goals in your own words",
                                  "Gender", "Do you wish for a mentor of a particular gender?"])
    assert detect_columns(table, "mentees").columns == {
        "goals": "What are your goals?", "goals_text": "Describe your goals in your own words",
        "gender": "Gender", "gender_preference": "Do you wish for a mentor of a particular gender?"}


def test_email_detected_from_the_answers():
    table = pd.DataFrame({"Email": ["anonymous", "anonymous"], "Yhteystieto": ["a@example.org", "b@example.org"],
                          "Kielet": ["suomi", "englanti"]})
    assert detect_columns(table, "mentees").columns == {"email": "Yhteystieto", "languages": "Kielet"}


def test_init_writes_todo_and_warns_when_required_missing(tmp_path):
    write_csv(tmp_path / "m.csv", pd.DataFrame({"Email": ["a@example.org"], "City": ["Espoo"]}))
    write_csv(tmp_path / "e.csv", pd.DataFrame({"Email": ["b@example.org"], "Kielet": ["suomi"]}))
    result = init_round(tmp_path / "m.csv", tmp_path / "e.csv", tmp_path / "round.toml")
    assert len(result.warnings) == 1 and "'languages'" in result.warnings[0]
    text = result.path.read_text()
    assert "# TODO: languages" in text
    load_config(result.path)  # still valid TOML and config
    with pytest.raises(InputError, match="does not map 'languages'"):
        load_round(result.path)
    with pytest.raises(InputError, match="already exists"):
        init_round(tmp_path / "m.csv", tmp_path / "e.csv", tmp_path / "round.toml")


def test_init_writes_the_reading_of_unknown_answers_as_active_vocabulary(tmp_path):
    write_csv(tmp_path / "m.csv", pd.DataFrame({"Email": ["a@example.org", "b@example.org"],
                                                "Languages": ["Finish;English;", "Klingon;"],
                                                "Field": ["Tietotekniika", "ICT"]}))
    write_csv(tmp_path / "e.csv", pd.DataFrame({"Email": ["c@example.org"], "Languages": ["suomi"]}))
    result = init_round(tmp_path / "m.csv", tmp_path / "e.csv", tmp_path / "round.toml")
    text = result.path.read_text()
    assert "[vocabulary.languages]" in text and 'fi = ["Finish"]' in text
    assert '"Klingon": mentors languages, 1 row, a category of its own, confidence 0.00' in text
    assert 'ict = ["Tietotekniika"]' in text
    config = load_config(result.path)  # the reading shown is the config that runs
    assert config.mentors.columns["field"] == "Field"
    assert config.vocabulary == {"languages": {"fi": ("Finish",), "klingon": ("Klingon",)},
                                 "fields": {"ict": ("Tietotekniika",)}}
    rnd = load_round(result.path)
    assert rnd.mentors["languages"].tolist() == [{"fi": 2, "en": 2}, {"klingon": 2}]
    assert set(rnd.answers["method"]) == {"exact"}


def test_new_exports_init_then_validate_without_editing(tmp_path):
    config = synthetic.write_round(tmp_path / "src", 25, 40, seed=11, fmt="csv")
    result = init_round(config.parent / "mentors.csv", config.parent / "mentees.csv", tmp_path / "r.toml")
    assert result.warnings == []
    rnd = load_round(result.path)
    reference = load_round(config)
    assert rnd.ok and len(rnd.mentors) == len(reference.mentors) == 25
    pd.testing.assert_frame_equal(rnd.mentees, reference.mentees)


def test_cli_init_and_validate(tmp_path):
    synthetic.write_round(tmp_path, 8, 12, seed=2)
    runner = CliRunner()
    out = runner.invoke(main, ["init", str(tmp_path / "mentors.xlsx"), str(tmp_path / "mentees.xlsx"),
                               "-o", str(tmp_path / "new.toml")])
    assert out.exit_code == 0, out.output
    assert "Wrote" in out.output and "mentors: 16 columns recognised" in out.output
    again = runner.invoke(main, ["init", str(tmp_path / "mentors.xlsx"), str(tmp_path / "mentees.xlsx"),
                                 "-o", str(tmp_path / "new.toml")])
    assert again.exit_code == 2 and "already exists" in again.output and "Traceback" not in again.output
    checked = runner.invoke(main, ["validate", str(tmp_path / "new.toml")])
    assert checked.exit_code == 0, checked.output
    assert "8 mentors, 12 mentees read; 0 errors" in checked.output
    as_csv = runner.invoke(main, ["validate", str(tmp_path / "new.toml"), "--format", "csv"])
    assert as_csv.output.startswith("severity,file,row,column,value,problem,suggestion")


def test_cli_validate_exit_2_on_errors(finnish_round):
    init_round(finnish_round / "mentorit.csv", finnish_round / "aktorit.csv", finnish_round / "round.toml")
    result = CliRunner().invoke(main, ["validate", str(finnish_round / "round.toml")])
    assert result.exit_code == 2 and "2 errors" in result.output
    as_csv = CliRunner().invoke(main, ["validate", str(finnish_round / "round.toml"), "--format", "csv"])
    assert as_csv.exit_code == 2 and "no e-mail and no id" in as_csv.output


#: environment of a pipe or CI log: nothing forces rich to treat stdout as a terminal
PIPED = {"FORCE_COLOR": None, "TTY_COMPATIBLE": None}


def test_cli_validate_piped_prints_one_line_per_kind_of_issue(sample_round_path):
    result = CliRunner().invoke(main, ["validate", str(sample_round_path)], env=PIPED)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["severity", "count", "file", "row", "column", "value", "problem",
                                "suggestion"]
    # count, file, rows, column (the English half of the bilingual header), answers and problem
    # on one line: the four loosely written numbers of one column are one kind
    assert re.search(r"^warning +4 +mentors\.xlsx +2, 3, 40, 50 +Years of work experience +10\+, "
                     r"30\+ vuotta, yli 11 … +read loosely as 10 / 30 / 11 … +write a number to silence this$",
                     result.output, re.MULTILINE)
    assert "Työkokemus" not in result.output  # the header's Finnish half is left out ...
    assert "Which languages can you use in mentoring, and… " in result.output  # ... and long ones cut
    assert not [line for line in lines if line != line.rstrip()]
    shown = [line.split()[1] for line in lines if line.startswith(("warning ", "error "))]
    total = sum(int(count) if count.isdigit() else 1 for count in shown)
    assert lines[-1] == f"60 mentors, 90 mentees read; 0 errors, {len(shown)} warnings ({total} cells)"


def test_cli_validate_csv_keeps_whole_headers(sample_round_path):
    result = CliRunner().invoke(main, ["validate", str(sample_round_path), "--format", "csv"], env=PIPED)
    issues = pd.read_csv(io.StringIO(result.output), dtype=str)
    assert "Years of work experience / Työkokemus vuosina" in set(issues["column"])
    assert len(issues) == len(load_round(sample_round_path).issues)


def test_cli_validate_terminal_gets_a_rich_table(sample_round_path):
    result = CliRunner().invoke(main, ["validate", str(sample_round_path)],
                                env={"FORCE_COLOR": "1", "COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert result.output.startswith("┏━") and "10+" in result.output


def test_cli_validate_missing_config():
    result = CliRunner().invoke(main, ["validate", "nowhere/round.toml"])
    assert result.exit_code == 2 and result.output.startswith("Error: round config")


def test_short_meaningless_headers_are_not_fuzzy_matched():
    from matcher.detect import detect_columns

    detection = detect_columns(pd.DataFrame(columns=["a", "b", "x1"]), "mentors")
    assert detection.columns == {}
    assert "email" in detection.missing


def test_anonymous_forms_name_column_gives_way_to_the_name_question():
    from matcher.detect import detect_columns

    table = pd.DataFrame({"Name": [None, None], "Your full name": ["Olena K", "Li Wei"],
                          "Etu- ja sukunimi": ["x", "y"]})
    assert detect_columns(table[["Name", "Your full name"]], "mentees").columns["name"] == "Your full name"
    assert detect_columns(table[["Etu- ja sukunimi"]], "mentors").columns["name"] == "Etu- ja sukunimi"


def test_mentoring_language_and_mentors_wanted_found_by_their_answers():
    n = 12
    table = pd.DataFrame({
        "Email": [f"p{i}@example.org" for i in range(n)],
        "Languages you speak": ["Finnish (native), English (good)", "Arabic (native), English (basic)",
                                "Somali (native), Finnish (basic), English (good)"] * (n // 3),
        "Which one should your meetings be in?": ["Finnish", "English", "English", "Finnish"] * (n // 4),
        "Up to how many?": ["1", "2", "1", "3"] * (n // 4)})
    found = detect_columns(table, "mentees")
    assert found.columns["languages"] == "Languages you speak"
    assert found.columns["mentoring_language"] == "Which one should your meetings be in?"
    assert found.columns["max_mentors"] == "Up to how many?"


def test_a_single_language_column_stays_the_languages_question():
    table = pd.DataFrame({"Email": [f"p{i}@example.org" for i in range(8)],
                          "Kieli": ["suomi", "englanti", "arabia", "suomi"] * 2})
    assert detect_columns(table, "mentees").columns["languages"] == "Kieli"


# --- time columns, found by their answers -----------------------------------------------------

TIME_FORMATS = ("%d.%m.%Y %H:%M", "%d.%m.%Y %H.%M", "%Y/%m/%d %I:%M:%S %p GMT+2", "%Y-%m-%d %H:%M:%S",
                "%Y-%m-%dT%H:%M:%S", "%m/%d/%Y %H:%M:%S")


@settings(max_examples=40, deadline=None)
@given(moments=st.lists(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31)),
                        min_size=1, max_size=20),
       fmt=st.sampled_from(TIME_FORMATS))
def test_column_times_reads_every_form_time_format_back(moments, fmt):
    written = pd.Series([m.strftime(fmt) for m in moments])
    read = column_times(written)
    assert read is not None and read.notna().all()
    assert [t.strftime("%Y-%m-%d %H:%M") for t in read] == [m.strftime("%Y-%m-%d %H:%M") for m in moments]


def _people(n=6):
    return {"Email": [f"p{i}@x.fi" for i in range(n)], "Kielet": ["suomi, englanti"] * n}


def test_a_column_of_date_times_is_the_submission_time_whatever_its_header():
    table = pd.DataFrame({"Vastausaika": [f"{d}.1.2026 10.0{d}" for d in range(1, 7)], **_people()})
    found = detect_columns(table, "mentees")
    assert found.columns["submitted_at"] == "Vastausaika"
    assert "date-times" in found.by_content["submitted_at"]
    assert any("Vastausaika" in note and "date-times" in note for note in found.notes)
    shown = [note.shown(language) for language in ("fi", "sv") for note in found.notes
             if "Vastausaika" in note]
    assert "ajankohtia" in shown[0] and "tidpunkter" in shown[1]


def test_the_latest_filled_time_column_is_the_submission_time():
    started = [f"2026/01/0{d} 10:00:00 AM GMT+2" for d in range(1, 7)]
    done = [f"2026/01/0{d} 10:20:00 AM GMT+2" for d in range(1, 7)]
    table = pd.DataFrame({"Tid för slutförande": done, "Starttid": started,
                          "Senaste ändringstid": [None, None, done[2], None, None, None], **_people()})
    assert detect_columns(table, "mentors").columns["submitted_at"] == "Tid för slutförande"


def test_date_times_are_never_free_text_or_another_field():
    table = pd.DataFrame({"Tell us about yourself": [f"2026-01-0{d} 10:0{d}:00" for d in range(1, 7)],
                          **_people()})
    found = detect_columns(table, "mentors")
    assert found.columns.get("about") != "Tell us about yourself"
    assert found.columns.get("submitted_at") == "Tell us about yourself"


def test_iso_times_with_and_without_offsets_read_without_error():
    read = parse_times(pd.Series(["2026-01-02T10:05:00+02:00", "2026-01-02 10:05:00", "2026-01-02T08:05:00Z"]))
    assert read.dt.strftime("%H:%M").tolist() == ["08:05", "10:05", "08:05"]


def test_a_job_title_chosen_from_a_list_of_fields_is_the_field_question():
    fields = ["ICT", "Healthcare", "Teaching", "ICT", "Healthcare", "Teaching", "ICT", "Law"]
    table = pd.DataFrame({"Email": [f"p{i}@x.fi" for i in range(8)], "Kielet": ["suomi"] * 8,
                          "Current occupation": fields})
    found = detect_columns(table, "mentors")
    assert found.columns["field"] == "Current occupation" and "job_title" not in found.columns
    assert any("job_title by its header" in note for note in found.notes)
    # typed job titles (no option recurs) stay the job title; a field question keeps the field
    typed = table.assign(**{"Current occupation": [f"Engineer {i}" for i in range(8)],
                            "Your field": fields})
    found = detect_columns(typed, "mentors")
    assert found.columns["job_title"] == "Current occupation"
    assert found.columns["field"] == "Your field"


def test_the_yes_no_hints_count_each_columns_answers_once(monkeypatch) -> None:
    """The answers are counted once per column (``answer_counts``); neither yes/no hint recounts."""
    from matcher import detect

    counted: list[str] = []
    real = pd.Series.value_counts

    def counting(self, *args, **kwargs):
        counted.append(str(self.name))
        return real(self, *args, **kwargs)

    def inside(hint):
        def wrapped(*args):
            before = len(counted)
            found = hint(*args)
            in_hints.append(len(counted) - before)
            return found
        return wrapped

    in_hints: list[int] = []
    for name in ("_apply_yes_no_hints", "_apply_not_yes_no_hints"):
        monkeypatch.setattr(detect, name, inside(getattr(detect, name)))
    monkeypatch.setattr(pd.Series, "value_counts", counting)
    table = pd.DataFrame({"Käsittelijä": ["AK", "MV", "AK"], "Suostumus": ["Kyllä", "Ei", "Kyllä"],
                          "Sähköposti": ["a@x.fi", "b@x.fi", "c@x.fi"]})
    detect.detect_columns(table, "mentees")
    assert in_hints == [0, 0]
