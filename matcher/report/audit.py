"""``audit.json``: what is needed to reproduce and defend a round later.

The run builds the audit record (matcher version, config, SHA-256 of every input, solver status
and certificate, counts, run time); this module writes it deterministically (pretty-printed,
keys sorted, no timestamps of its own) and adds the SHA-256 of every other file in the output
folder, so anyone can later check that a published ``pairs.csv`` is the one this run wrote.
"""

from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path
from collections.abc import Sequence
from typing import Any


def write_audit(audit: dict, path: Path, outputs: Sequence[Path] = ()) -> Path:
    """Write ``audit`` (plus ``output_sha256`` of ``outputs``) as ``audit.json``.

    Example
    -------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "pairs.csv").write_text("mentee_id\\n")
    >>> path = write_audit({"objective": "coverage"}, folder / "audit.json", [folder / "pairs.csv"])
    >>> sorted(json.loads(path.read_text()))
    ['objective', 'output_sha256']
    """
    record = dict(audit)
    if outputs:
        # by path inside the output folder: introductions/0001-to-mentee.eml
        record["output_sha256"] = {p.relative_to(path.parent).as_posix(): file_sha256(p)
                                   for p in outputs}
    text = json.dumps(jsonable(record), indent=2, sort_keys=True, ensure_ascii=False, allow_nan=False)
    path.write_text(text + "\n", encoding="utf-8", newline="\n")
    return path


def file_sha256(path: Path) -> str:
    """SHA-256 of a file's bytes, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def jsonable(value: Any) -> Any:
    """``value`` with numpy scalars/arrays, paths, sets and NaN made into plain JSON values.

    NaN and infinities become ``null`` (JSON has no NaN); anything else unknown becomes its text.

    Example
    -------
    >>> import numpy as np
    >>> jsonable({"gap": np.float64("nan"), "n": np.int64(3), "file": Path("a.xlsx")})
    {'gap': None, 'n': 3, 'file': 'a.xlsx'}
    """
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((jsonable(v) for v in value), key=str)
    if hasattr(value, "tolist"):  # numpy scalars and arrays
        return jsonable(value.tolist())
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if value is None or isinstance(value, (str, int, bool)):
        return value
    return str(value)
