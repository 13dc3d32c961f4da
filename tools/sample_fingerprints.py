"""Fingerprints of the sample round's outputs: proof that a change left every output byte-identical.

    python -m tools.sample_fingerprints           # this tree's outputs against the recorded ones
    python -m tools.sample_fingerprints --write   # record them, after a change meant to alter outputs

Run it as a module from the checkout: as a script it imports ``matcher`` from wherever the
virtualenv's editable install points, which in a worktree sharing a virtualenv is another tree.

The record (``tests/sample_outputs.json``) holds the SHA-256 of every file ``matcher run`` writes
for ``data/samples/round.toml`` (``audit.json`` without its ``*_seconds`` timings, the checkout's
folder written ``<checkout>``) and the versions of the libraries that shape their bytes.
``tests/test_contracts.py`` compares a fresh run with it,
so a refactoring that changes any output fails the tests; a change that is meant to change
outputs records them again and says so in its commit.

Across library versions only the rounded tables are stable: numpy's float32 sums can differ in
the last bit (the Alternatives sheet keeps unrounded scores, the solver's integer objective in
``audit.json`` moves by one). So with other versions
than the recorded ones (``make check-lowest``) only the CSV files are compared.

>>> recorded = {"files": {"pairs.csv": "a1", "pairs.xlsx": "b2"}, "versions": {"numpy": "2.0"}}
>>> changed(recorded, {"pairs.csv": "a1", "pairs.xlsx": "b3"}, {"numpy": "2.0"})
['pairs.xlsx']
>>> changed(recorded, {"pairs.csv": "a1", "pairs.xlsx": "b3"}, {"numpy": "1.26"})
[]
>>> changed(recorded, {"pairs.csv": "a1", "extra.csv": "c3"}, {"numpy": "2.0"})
['extra.csv', 'pairs.xlsx']
"""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "samples" / "round.toml"
RECORD = ROOT / "tests" / "sample_outputs.json"
#: the libraries whose versions shape the bytes of the workbook, the report and the audit record
LIBRARIES = ("numpy", "pandas", "scipy", "xlsxwriter")
#: outputs that are the same under any allowed library version (rounded tables)
STABLE_SUFFIXES = (".csv",)


def fingerprints(outdir: Path) -> dict[str, str]:
    """Relative path -> SHA-256 of every file in an output folder (audit.json without timings)."""
    found = {}
    for path in sorted(p for p in outdir.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if path.name == "audit.json":  # the same record in any checkout, however long it ran
            text = json.dumps(_without_timings(json.loads(data)), sort_keys=True, ensure_ascii=False)
            data = text.replace(str(ROOT), "<checkout>").encode()
        found[path.relative_to(outdir).as_posix()] = hashlib.sha256(data).hexdigest()
    return found


def versions() -> dict[str, str]:
    """The installed versions of :data:`LIBRARIES`."""
    return {name: version(name) for name in LIBRARIES}


def changed(recorded: dict, fresh: dict[str, str], installed: dict[str, str]) -> list[str]:
    """Outputs added, missing or with other bytes than ``recorded``; only the stable ones when the
    installed library versions are not the recorded ones."""
    before = recorded["files"]
    names = sorted(set(before) | set(fresh))
    if installed != recorded["versions"]:
        names = [name for name in names if name.endswith(STABLE_SUFFIXES)]
    return [name for name in names if before.get(name) != fresh.get(name)]


def sample_run(outdir: Path) -> dict[str, str]:
    """Fingerprints of a fresh ``matcher run`` of the sample round into ``outdir``."""
    from matcher import run_round

    return fingerprints(run_round(SAMPLE, outdir).outdir)


def _without_timings(value):
    if isinstance(value, dict):
        return {k: _without_timings(v) for k, v in value.items() if not k.endswith("_seconds")}
    if isinstance(value, list):
        return [_without_timings(v) for v in value]
    return value


def main(write: bool) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        fresh = sample_run(Path(tmp) / "output")
    if write:
        RECORD.write_text(json.dumps({"files": fresh, "versions": versions()}, indent=2) + "\n", encoding="utf-8")
        print(f"recorded {len(fresh)} outputs in {RECORD.relative_to(ROOT)}")
        return 0
    differ = changed(json.loads(RECORD.read_text(encoding="utf-8")), fresh, versions())
    print("every output byte-identical to the record" if not differ else f"changed: {', '.join(differ)}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main("--write" in sys.argv[1:]))
