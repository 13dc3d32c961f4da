"""Formula-injection guard and all-or-nothing writes."""

from __future__ import annotations

import os
import stat

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from matcher.errors import InputError, OutputBusyError
from matcher.safe_io import (FORMULA_TRIGGERS, atomic_output_dir, atomic_write_text, neutralise,
                             neutralise_frame, neutralise_series, strip_controls)

texts = st.text(alphabet=st.characters(codec="utf-8"), max_size=12) | st.sampled_from(
    ["=1+1", "+358 40", "-1", "@SUM(A1)", "\tx", "\rx", "'=already", "Äijälä", ""])


@given(texts)
def test_neutralise_prefixes_exactly_the_formula_triggers(value):
    safe = neutralise(value)
    value = strip_controls(value)  # NUL, ESC... are dropped first
    if value.startswith(FORMULA_TRIGGERS):
        assert safe == "'" + value
    else:
        assert safe == value
    assert not safe.startswith(FORMULA_TRIGGERS)
    assert not any(ord(c) < 32 and c not in "\t\n\r" for c in safe)


@pytest.mark.parametrize("value", [3, -2.5, float("nan"), None, True, pd.NA])
def test_neutralise_leaves_non_text_alone(value):
    assert neutralise(value) is value


@given(st.lists(texts | st.none(), max_size=8))
def test_series_matches_cell_by_cell_for_text_and_object_columns(values):
    expected = [neutralise(v) for v in values]
    for dtype in ("str", object):
        result = neutralise_series(pd.Series(values, dtype=dtype)).tolist()
        assert [None if pd.isna(v) else v for v in result] == expected


def test_frame_keeps_numbers_and_dtypes():
    frame = pd.DataFrame({"name": ["=cmd", "Öhman"], "score": [-1.5, 2.0], "n": [-1, 2],
                          "mixed": pd.Series(["-x", 4], dtype=object), "ok": [True, False]})
    safe = neutralise_frame(frame)
    assert safe["name"].tolist() == ["'=cmd", "Öhman"]
    assert safe["mixed"].tolist() == ["'-x", 4]
    assert safe[["score", "n", "ok"]].equals(frame[["score", "n", "ok"]])
    assert frame["name"].iloc[0] == "=cmd", "the input is not modified"


def test_atomic_write_text_replaces_whole_file(tmp_path):
    target = tmp_path / "notes.txt"
    atomic_write_text(target, "vanha\n")
    atomic_write_text(target, "uusi\r\n")
    assert target.read_bytes() == b"uusi\r\n"
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_atomic_write_text_failure_keeps_old_file(tmp_path, monkeypatch):
    target = tmp_path / "notes.txt"
    target.write_text("old")

    def fail(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    # the CLI prints an InputError as a message (exit code 2), never a traceback
    with pytest.raises(InputError, match=r"cannot write .*notes\.txt: No space left on device"):
        atomic_write_text(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_output_dir_appears_only_when_complete(tmp_path):
    outdir = tmp_path / "round" / "output"
    with atomic_output_dir(outdir) as folder:
        assert folder.parent == outdir.parent and not outdir.exists()
        (folder / "audit.json").write_text("{}")
    assert sorted(p.name for p in outdir.iterdir()) == ["audit.json"]
    assert [p.name for p in outdir.parent.iterdir()] == ["output"]
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(outdir.stat().st_mode) == 0o777 & ~umask, "not left private like a temp dir"


def test_previous_output_is_replaced_whole_and_foreign_files_are_kept(tmp_path):
    outdir = tmp_path / "output"
    outdir.mkdir()
    (outdir / "audit.json").write_text('{"output_sha256": {"stale.csv": "0", "pairs.csv": "0"}}')
    (outdir / "stale.csv").write_text("old")
    (outdir / "pairs.csv").write_text("old")
    (outdir / "my notes.txt").write_text("mine")
    (outdir / "saved").mkdir()
    (outdir / "saved" / "pairs-reviewed.xlsx").write_text("mine too")
    with atomic_output_dir(outdir) as folder:
        (folder / "audit.json").write_text("new")
        (folder / "pairs.csv").write_text("new")
        (folder / "my notes.txt").write_text("new")
    assert {p.name: p.read_text() for p in outdir.iterdir() if p.is_file()} == {
        "audit.json": "new", "pairs.csv": "new", "my notes.txt": "new",
        "my notes (kept).txt": "mine"}
    assert (outdir / "saved" / "pairs-reviewed.xlsx").read_text() == "mine too"
    assert [p.name for p in tmp_path.iterdir()] == ["output"]


def test_without_a_readable_audit_every_file_not_rewritten_is_kept(tmp_path):
    outdir = tmp_path / "output"
    outdir.mkdir()
    (outdir / "audit.json").write_text("not json")
    (outdir / "extra.csv").write_text("old")
    with atomic_output_dir(outdir) as folder:
        (folder / "audit.json").write_text("new")
    assert {p.name: p.read_text() for p in outdir.iterdir()} == {"audit.json": "new",
                                                                 "extra.csv": "old"}


def test_a_second_writer_fails_at_once_and_the_first_wins_whole(tmp_path):
    outdir = tmp_path / "output"
    with atomic_output_dir(outdir) as first:
        (first / "audit.json").write_text("first")
        with pytest.raises(OutputBusyError, match=r"another matcher run is writing output folder"):
            with atomic_output_dir(outdir) as second:
                (second / "audit.json").write_text("second")
    assert (outdir / "audit.json").read_text() == "first"
    assert [p.name for p in tmp_path.iterdir()] == ["output"]  # no lock file left either


def test_leftovers_of_dead_runs_are_removed_and_a_lost_backup_restored(tmp_path):
    outdir = tmp_path / "output"
    (tmp_path / ".output.new-dead1").mkdir()
    (tmp_path / ".output.new-dead1" / "pairs.csv").write_text("names and e-mails")
    (tmp_path / ".output.old-dead2").mkdir()
    (tmp_path / ".output.old-dead2" / "audit.json").write_text("{}")
    (tmp_path / ".output.old-dead2" / "pairs.xlsx").write_text("reviewed")
    # the previous run died between its two renames: output/ is missing, its backup holds it
    with atomic_output_dir(outdir) as folder:
        (folder / "audit.json").write_text("new")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]
    assert (outdir / "pairs.xlsx").read_text() == "reviewed"


def test_sigterm_while_writing_cleans_up(tmp_path):
    import signal

    outdir = tmp_path / "output"
    outdir.mkdir()
    (outdir / "audit.json").write_text("old")
    with pytest.raises(SystemExit) as stopped:
        with atomic_output_dir(outdir) as folder:
            (folder / "audit.json").write_text("half")
            os.kill(os.getpid(), signal.SIGTERM)
    assert stopped.value.code == 128 + signal.SIGTERM
    assert (outdir / "audit.json").read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["output"]
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL


def test_failure_inside_leaves_previous_output_untouched(tmp_path):
    outdir = tmp_path / "output"
    outdir.mkdir()
    (outdir / "audit.json").write_text("old")
    with pytest.raises(KeyboardInterrupt):
        with atomic_output_dir(outdir) as folder:
            (folder / "audit.json").write_text("half")
            raise KeyboardInterrupt
    assert (outdir / "audit.json").read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["output"]


def test_os_errors_become_a_plain_message(tmp_path):
    with pytest.raises(InputError, match=r"could not write output folder .*No space left.*-o"):
        with atomic_output_dir(tmp_path / "output"):
            raise OSError(28, "No space left on device")
    assert list(tmp_path.iterdir()) == []


def test_an_empty_folder_may_be_used(tmp_path):
    with atomic_output_dir(tmp_path) as folder:
        (folder / "audit.json").write_text("{}")
    assert [p.name for p in tmp_path.iterdir()] == ["audit.json"]


def test_refuses_a_file_and_a_foreign_folder(tmp_path):
    (tmp_path / "report.pdf").write_text("x")
    with pytest.raises(InputError, match="is a file, not a folder"):
        with atomic_output_dir(tmp_path / "report.pdf"):
            pass
    with pytest.raises(InputError, match=r"'report.pdf'.*choose a new folder with -o"):
        with atomic_output_dir(tmp_path):
            pass
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]


def test_marker_none_replaces_any_folder(tmp_path):
    outdir = tmp_path / "site"
    outdir.mkdir()
    (outdir / "index.html").write_text("old")
    with atomic_output_dir(outdir, marker=None) as folder:
        (folder / "index.html").write_text("new")
    assert (outdir / "index.html").read_text() == "new"
