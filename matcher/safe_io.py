"""Safe writing: formula-injection guards and all-or-nothing files and folders.

Two dangers when matcher writes what people typed into a form:

* **Formula injection.** A name such as ``=HYPERLINK("http://evil", "click")`` typed into a sign-up
  form becomes a live formula when a coordinator opens the CSV or workbook in a spreadsheet.
  :func:`neutralise` follows the OWASP CSV-injection guidance: a text cell that starts with ``=``,
  ``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'`` so it is shown as text.
  Numbers are never changed.
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
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from matcher.errors import InputError

#: First characters that make a spreadsheet treat a text cell as a formula (OWASP).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
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
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


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
        # the first character against a set: several times faster than a regex match per cell,
        # and most columns have nothing to change
        risky = series.str[:1].isin(FORMULA_TRIGGERS)
        if not risky.any():
            return series
        safe = series.copy()
        safe[risky] = "'" + series[risky]
        return safe
    # object columns may mix text with numbers: only text cells can carry a formula
    return series.map(neutralise)


def atomic_write_text(path: str | Path, text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` so readers see the old file or the new one, never a part.

    The text goes to a temporary file in the same folder, is flushed to disk and then renamed over
    ``path`` (a rename within one file system is atomic). Line endings are written as given.

    Example
    -------
    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "note.txt"
    >>> atomic_write_text(target, "hei\\n").read_text()
    'hei\\n'
    """
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return path


@contextlib.contextmanager
def atomic_output_dir(outdir: str | Path, marker: str | None = OUTPUT_MARKER) -> Iterator[Path]:
    """Build an output folder in a temporary sibling and move it into place when complete.

    Yields the temporary folder to write into. When the ``with`` block ends without an exception,
    an existing ``outdir`` is renamed to a backup, the new folder is renamed to ``outdir`` and the
    backup is deleted. On any exception the temporary folder is removed and ``outdir`` is left
    exactly as it was.

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
        tmp = Path(tempfile.mkdtemp(dir=outdir.parent, prefix=f".{outdir.name}.new-"))
    except OSError as exc:
        raise _write_error(outdir, exc) from None
    try:
        yield tmp
        # mkdtemp makes a private (0700) folder; the published folder gets the usual permissions
        umask = os.umask(0)
        os.umask(umask)
        tmp.chmod(0o777 & ~umask)
        _swap_in(tmp, outdir)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise _write_error(outdir, exc) from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _check_replaceable(outdir: Path, marker: str | None) -> None:
    if outdir.exists() and not outdir.is_dir():
        raise InputError(f"output folder {outdir} is a file, not a folder: choose a folder name "
                         "with -o (for example -o output/)")
    if marker is None or not outdir.is_dir() or (outdir / marker).exists():
        return
    foreign = sorted(p.name for p in outdir.iterdir())
    if foreign:
        shown = ", ".join(repr(name) for name in foreign[:3]) + (", ..." if len(foreign) > 3 else "")
        raise InputError(f"output folder {outdir} already holds files matcher did not write "
                         f"({shown}), and a run replaces the whole folder: choose a new folder "
                         "with -o, or empty this one")


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


def _write_error(outdir: Path, exc: OSError) -> InputError:
    reason = exc.strerror or str(exc)
    return InputError(f"could not write output folder {outdir}: {reason}. Check free disk space "
                      "and write permission, close any file of that folder open in Excel, or "
                      "choose another folder with -o")
