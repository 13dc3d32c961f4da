"""Safe writing: formula-injection guards and all-or-nothing files and folders.

Two dangers when matcher writes what people typed into a form:

* **Formula injection.** A name such as ``=HYPERLINK("http://evil", "click")`` typed into a sign-up
  form becomes a live formula when a coordinator opens the CSV or workbook in a spreadsheet.
  :func:`neutralise` follows the OWASP CSV-injection guidance: a text cell that starts with ``=``,
  ``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'`` so it is shown as text.
  Control characters (NUL, ESC...) are removed. Numbers are never changed.
* **Half-written output.** A crash, a full disk or Ctrl-C halfway through must not leave a
  coordinator with a folder that mixes this run's pairs with last run's report.
  :func:`atomic_output_dir` builds the whole folder next to its destination and swaps it in with
  renames only when it is complete; :func:`atomic_write_text` does the same for one file.

Example
-------
>>> neutralise("=1+1"), neutralise("Aino"), neutralise(-3)
("'=1+1", 'Aino', -3)
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from matcher.errors import InputError, OutputBusyError

try:
    import fcntl
except ImportError:  # Windows: no flock
    fcntl = None  # type: ignore[assignment]

#: First characters that make a spreadsheet treat a text cell as a formula (OWASP).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
#: Control characters removed from every written cell: NUL breaks CSV readers, ESC drives
#: terminals, and none of them can be typed into a form on purpose (tab, newline and CR stay).
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: The file that marks a folder as a matcher output folder, which a new run may replace.
OUTPUT_MARKER = "audit.json"


def neutralise(value: Any) -> Any:
    """Make one cell value safe to open in a spreadsheet.

    Parameters
    ----------
    value
        Any cell value. Only ``str`` values are changed.

    Returns
    -------
    The value, with a leading ``'`` added when it is text starting with a formula trigger.

    Example
    -------
    >>> neutralise("@SUM(A1)"), neutralise("Öhman"), neutralise(2.5)
    ("'@SUM(A1)", 'Öhman', 2.5)
    """
    if not isinstance(value, str):
        return value
    value = strip_controls(value)
    return "'" + value if value.startswith(FORMULA_TRIGGERS) else value


def strip_controls(text: str) -> str:
    """``text`` without control characters (NUL, ESC, ...); tab, newline and CR are kept.

    >>> strip_controls("Nul\\x00Esc\\x1b[31m")
    'NulEsc[31m'
    """
    return _CONTROLS.sub("", text)


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every text cell passed through :func:`neutralise`.

    Numeric and boolean columns are returned as they are, and missing values stay missing.

    Example
    -------
    >>> neutralise_frame(pd.DataFrame({"name": ["=cmd", "Äijälä"], "n": [1, 2]}))["name"].tolist()
    ["'=cmd", 'Äijälä']
    """
    return frame.apply(neutralise_series)


def neutralise_series(series: pd.Series) -> pd.Series:
    """:func:`neutralise` for a whole column: vectorised for text columns, untouched for numbers.

    Example
    -------
    >>> safe = neutralise_series(pd.Series(["+358 40 1234", "Öhman", None]))
    >>> safe.tolist()[:2], bool(safe.isna().iloc[2])
    (["'+358 40 1234", 'Öhman'], True)
    """
    if pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series):
        return series
    if isinstance(series.dtype, pd.StringDtype):
        if series.str.contains(_CONTROLS).any():
            series = series.str.replace(_CONTROLS, "", regex=True)
        # the first character against a set: several times faster than a regex match per cell,
        # and most columns have nothing to change
        risky = series.str[:1].isin(FORMULA_TRIGGERS)
        if not risky.any():
            return series
        safe = series.copy()
        safe[risky] = "'" + series[risky]
        return safe
    if pd.api.types.infer_dtype(series, skipna=True) == "string":  # text and missing cells only
        return _neutralise_texts(series)
    # object columns may mix text with numbers: only text cells can carry a formula
    return series.map(neutralise)


def _neutralise_texts(series: pd.Series) -> pd.Series:
    """:func:`neutralise` for an object column of text and missing cells, on the whole column:
    one search for control characters over the joined texts (a newline, which is kept, joins
    them), then the first characters against the triggers; only the risky cells are rewritten.

    >>> _neutralise_texts(pd.Series(["=1+1", "ok", None], dtype=object)).tolist()
    ["'=1+1", 'ok', nan]
    """
    values = series.to_numpy(dtype=object)
    present = series.notna().to_numpy()
    texts = values[present]
    if _CONTROLS.search("\n".join(texts.tolist())):  # rare: a broken export
        return series.map(neutralise)
    risky = pd.Series(texts, dtype=object).str[:1].isin(FORMULA_TRIGGERS).to_numpy()
    out = values.copy()
    positions = np.flatnonzero(present)[risky]
    out[positions] = ["'" + text for text in out[positions].tolist()]
    # the dtype pandas infers, as ``series.map(neutralise)`` has it
    return pd.Series(out, index=series.index, name=series.name)


def atomic_write_text(path: str | Path, text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` so readers see the old file or the new one, never a part.

    The text goes to a temporary file in the same folder (:func:`atomic_file`), is flushed to
    disk and then renamed over ``path``. Line endings are written as given.

    Example
    -------
    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "note.txt"
    >>> atomic_write_text(target, "hei\\n").read_text()
    'hei\\n'
    """
    with atomic_file(path) as tmp, tmp.open("w", encoding=encoding, newline="") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    return Path(path)


@contextlib.contextmanager
def atomic_file(path: str | Path) -> Iterator[Path]:
    """A temporary file beside ``path`` to write, renamed over ``path`` when the block ends
    without an exception (a rename within one file system is atomic) and removed otherwise.

    Raises
    ------
    InputError
        ``path`` is a folder, or cannot be written (a missing folder, a file where a folder
        should be, no permission, a full disk): the message names it and what to do.

    Example
    -------
    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "scores.csv"
    >>> with atomic_file(target) as tmp:
    ...     _ = tmp.write_text("a,b\\n")
    >>> target.read_text()
    'a,b\\n'
    """
    path = Path(path)
    if path.is_dir():
        raise InputError(f"{path}: is a folder; give the name of the file to write")
    try:
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        os.close(fd)
    except OSError as exc:
        raise _file_error(path, exc) from None
    tmp = Path(name)
    try:
        yield tmp
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        if isinstance(exc, OSError):
            raise _file_error(path, exc) from None
        raise


@contextlib.contextmanager
def atomic_output_dir(outdir: str | Path, marker: str | None = OUTPUT_MARKER) -> Iterator[Path]:
    """Build an output folder in a temporary sibling and move it into place when complete.

    Yields the temporary folder to write into. When the ``with`` block ends without an exception,
    the files of an existing ``outdir`` that matcher did not write (a coordinator's notes, a
    saved copy of the workbook) are linked into the new folder, the old folder is renamed to a
    backup, the new one is renamed to ``outdir`` and the backup is deleted. On any exception, and
    on SIGTERM or SIGHUP (which become ``SystemExit``), the temporary folder is removed and
    ``outdir`` is left exactly as it was.

    Only one run at a time may write ``outdir``: an exclusive lock (``flock``) on a hidden
    ``.<name>.lock`` file beside it is held throughout, and a second run fails at once with
    :class:`OutputBusyError`. Holding the lock, the run first cleans up after runs that died
    (killed with SIGKILL, power loss): their hidden ``.<name>.new-*`` folders hold names and
    e-mails and are deleted, and a backup left between the two renames is put back.

    Parameters
    ----------
    outdir
        The folder to create or replace. Its parent is created if needed.
    marker
        An existing non-empty ``outdir`` is replaced only if it holds this file (by default
        ``audit.json``, which every matcher output folder has), so a mistyped ``-o ~/Documents``
        can never delete someone's files. ``None`` replaces any folder.

    Raises
    ------
    InputError
        ``outdir`` is a file, is a folder matcher did not write, or cannot be written.
    OutputBusyError
        Another run is writing ``outdir`` right now.

    Example
    -------
    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "output"
    >>> with atomic_output_dir(target) as tmp:
    ...     _ = (tmp / "audit.json").write_text("{}")
    >>> sorted(p.name for p in target.iterdir())
    ['audit.json']
    """
    outdir = Path(outdir)
    _check_replaceable(outdir, marker)
    try:
        outdir.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _write_error(outdir, exc) from None
    with output_lock(outdir), _termination_as_exit():
        recover_output_dir(outdir)
        _check_replaceable(outdir, marker)
        try:
            tmp = Path(tempfile.mkdtemp(dir=outdir.parent, prefix=f".{outdir.name}.new-"))
        except OSError as exc:
            raise _write_error(outdir, exc) from None
        try:
            yield tmp
            # mkdtemp makes a private (0700) folder; the published folder gets the usual permissions
            umask = os.umask(0)
            os.umask(umask)
            tmp.chmod(0o777 & ~umask)
            if outdir.is_dir():
                _carry_foreign_files(outdir, tmp, marker)
            _swap_in(tmp, outdir)
        except OSError as exc:
            shutil.rmtree(tmp, ignore_errors=True)
            raise _write_error(outdir, exc) from None
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise


@contextlib.contextmanager
def output_lock(outdir: Path) -> Iterator[None]:
    """Hold the exclusive write lock of ``outdir`` (see :func:`atomic_output_dir`).

    The lock file is deleted while still locked; a run that opened it just before checks, once it
    holds its lock, that the path still names the file it locked, and tries again if not. The
    operating system releases a lock when its process dies, so a killed run never leaves one.
    Where ``fcntl`` does not exist (Windows) runs are not locked against each other.
    """
    if fcntl is None:
        yield
        return
    path = outdir.parent / f".{outdir.name}.lock"
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise _write_error(outdir, exc) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise OutputBusyError(f"another matcher run is writing output folder {outdir} right "
                                  "now; wait for it to finish and run again, or choose another "
                                  "folder with -o") from None
        try:
            if os.fstat(fd).st_ino == os.stat(path).st_ino:
                break
        except FileNotFoundError:
            pass
        os.close(fd)  # the file was deleted by the run that held it: lock the new one
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)
        os.close(fd)


def recover_output_dir(outdir: Path) -> list[Path]:
    """Clean up after runs into ``outdir`` that died; call only while holding its lock.

    A backup folder (``.<name>.old-*``) is renamed back when ``outdir`` itself is missing (the
    run died between its two renames); every other hidden ``.<name>.new-*`` or ``.<name>.old-*``
    folder is deleted, since it holds personal data nobody will look at. Returns what was deleted.
    """
    leftovers = sorted(outdir.parent.glob(f".{outdir.name}.new-*")) + \
        sorted(outdir.parent.glob(f".{outdir.name}.old-*"))
    backups = [p for p in leftovers if p.name.startswith(f".{outdir.name}.old-")]
    if not outdir.exists() and backups:
        backups[-1].rename(outdir)
        leftovers.remove(backups[-1])
    for leftover in leftovers:
        shutil.rmtree(leftover, ignore_errors=True)
    return leftovers


@contextlib.contextmanager
def _termination_as_exit() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into ``SystemExit`` (so clean-up runs) while writing; main thread
    only, and only where nobody installed a handler of their own."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise SystemExit(128 + signum)

    previous = {}
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None and signal.getsignal(number) is signal.SIG_DFL:
            previous[number] = signal.signal(number, stop)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _carry_foreign_files(old: Path, new: Path, marker: str | None) -> None:
    """Hard-link (or copy) into ``new`` every entry of ``old`` matcher did not write there.

    What matcher wrote is what the old folder's ``audit.json`` lists; without a readable one,
    every entry the new run does not write again is kept. A kept name the new run writes as
    well (a coordinator's own ``notes.txt``, say) keeps the coordinator's file as
    ``notes (kept).txt``. The old folder is not changed, so a failure here loses nothing.
    """
    written = _matcher_files(old, marker)
    for entry in sorted(old.iterdir()):
        if entry.name in (written if written is not None else {p.name for p in new.iterdir()}):
            continue
        target = new / entry.name
        if target.exists():
            target = new / f"{entry.stem} (kept){entry.suffix}"
        if entry.is_dir() and not entry.is_symlink():
            shutil.copytree(entry, target, symlinks=True, copy_function=_link_or_copy)
        else:
            _link_or_copy(entry, target)


def _matcher_files(folder: Path, marker: str | None) -> set[str] | None:
    """Names of the files a matcher run wrote into ``folder`` (by its audit), or None if unknown."""
    if marker is None:
        return None
    try:
        audit = json.loads((folder / marker).read_text(encoding="utf-8"))
        return {marker, *audit["output_sha256"]}
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _link_or_copy(source: str | Path, target: str | Path) -> None:
    try:
        os.link(source, target, follow_symlinks=False)
    except OSError:
        shutil.copy2(source, target, follow_symlinks=False)


def _check_replaceable(outdir: Path, marker: str | None) -> None:
    if outdir.exists() and not outdir.is_dir():
        raise InputError(f"output folder {outdir} is a file, not a folder: choose a folder name "
                         "with -o (for example -o output/)")
    if outdir.is_dir():
        _check_not_open(outdir)
    if marker is None or not outdir.is_dir() or (outdir / marker).exists():
        return
    foreign = sorted(p.name for p in outdir.iterdir())
    if foreign:
        shown = ", ".join(repr(name) for name in foreign[:3]) + (", ..." if len(foreign) > 3 else "")
        raise InputError(f"output folder {outdir} already holds files matcher did not write "
                         f"({shown}): choose a new folder with -o, or empty this one")


def open_workbook_locks(folder: Path) -> list[str]:
    """The lock files a spreadsheet program keeps beside a workbook it has open: Excel's
    ``~$pairs.xlsx`` and LibreOffice's ``.~lock.pairs.xlsx#``.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "~$pairs.xlsx").write_bytes(b"")
    >>> open_workbook_locks(folder)
    ['~$pairs.xlsx']
    """
    return sorted(entry.name for entry in folder.iterdir()
                  if entry.name.startswith("~$")
                  or (entry.name.startswith(".~lock.") and entry.name.endswith("#")))


def _check_not_open(outdir: Path) -> None:
    """Refuse to replace a folder whose workbook is open: its unsaved review decisions would be
    lost (and Windows would refuse the rename half-way)."""
    locks = open_workbook_locks(outdir)
    if locks:
        raise InputError(f"a workbook in {outdir} is open in a spreadsheet program (its lock file "
                         f"{locks[0]} is there): save your review decisions, close the workbook "
                         f"and run again; if nobody has it open, delete {outdir / locks[0]}")


def _swap_in(new: Path, outdir: Path) -> None:
    """Replace ``outdir`` by ``new`` with renames only, restoring the old folder on failure."""
    if not outdir.exists():
        new.rename(outdir)
        return
    backup = Path(tempfile.mkdtemp(dir=outdir.parent, prefix=f".{outdir.name}.old-"))
    backup.rmdir()  # only the unique name is wanted: rename needs the target to be absent
    outdir.rename(backup)
    try:
        new.rename(outdir)
    except BaseException:
        backup.rename(outdir)
        raise
    shutil.rmtree(backup, ignore_errors=True)


def _file_error(path: Path, exc: OSError) -> InputError:
    """Why ``path`` (one file) cannot be written, and what to do."""
    blocked = _file_in_the_way(path)
    if blocked is not None:
        return InputError(f"cannot write {path}: {blocked} is a file, not a folder; choose "
                          "another place for it")
    return InputError(f"cannot write {path}: {exc.strerror or exc}. Check that its folder exists "
                      "and can be written, and free disk space, or choose another place for it")


def _file_in_the_way(path: Path) -> Path | None:
    """The file among ``path``'s parent folders, if one of them is a file (``-o notes.txt/out``)."""
    return next((parent for parent in Path(path).parents if parent.is_file()), None)


def _write_error(outdir: Path, exc: OSError) -> InputError:
    blocked = _file_in_the_way(outdir)
    if blocked is not None:
        return InputError(f"could not write output folder {outdir}: {blocked} is a file, not a "
                          "folder; choose another folder with -o")
    reason = exc.strerror or str(exc)
    return InputError(f"could not write output folder {outdir}: {reason}. Check free disk space "
                      "and write permission, close any file of that folder open in Excel, or "
                      "choose another folder with -o")
