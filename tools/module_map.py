"""Count matcher's modules and lines per package, at a git revision or in the working tree.

    python tools/module_map.py            # the working tree
    python tools/module_map.py 8ae131c    # a commit (the module map when issue 12 was filed)

docs/architecture.md quotes its output ("Module map, before and after"). A module is one ``.py``
file under ``matcher/``; lines are physical lines, docstrings and comments included, as ``wc -l``
counts them.

>>> counts = count({"matcher/a.py": "x = 1\\n", "matcher/s/b.py": "y\\nz\\n", "matcher/s/c.py": ""})
>>> counts
{'matcher': (1, 1), 'matcher/s': (2, 2)}
>>> print(table(counts))
package    modules  lines
matcher          1      1
matcher/s        2      2
total            3      3
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def sources(revision: str | None = None) -> dict[str, str]:
    """Path -> text of every ``matcher/**/*.py``, from ``revision`` or the working tree."""
    if revision is None:
        return {str(p.relative_to(ROOT)): p.read_text(encoding="utf-8") for p in sorted(ROOT.glob("matcher/**/*.py"))}
    names = subprocess.run(["git", "-C", str(ROOT), "ls-tree", "-r", "--name-only", revision, "matcher"],
                           capture_output=True, text=True, check=True).stdout.split()
    return {name: subprocess.run(["git", "-C", str(ROOT), "show", f"{revision}:{name}"], capture_output=True,
                                 text=True, check=True).stdout for name in names if name.endswith(".py")}


def count(files: dict[str, str]) -> dict[str, tuple[int, int]]:
    """Package folder -> (modules, lines), folders sorted."""
    packages: dict[str, tuple[int, int]] = {}
    for path, text in files.items():
        folder = str(Path(path).parent)
        modules, lines = packages.get(folder, (0, 0))
        packages[folder] = (modules + 1, lines + text.count("\n"))
    return dict(sorted(packages.items()))


def table(counts: dict[str, tuple[int, int]]) -> str:
    """The counts as aligned text, with a total row."""
    rows = [*counts.items(), ("total", (sum(m for m, _ in counts.values()), sum(n for _, n in counts.values())))]
    width = max(len("package"), *(len(name) for name, _ in rows))
    lines = [f"{'package':<{width}}  modules  lines"]
    lines += [f"{name:<{width}}  {modules:>7}  {n:>5}" for name, (modules, n) in rows]
    return "\n".join(lines)


if __name__ == "__main__":
    print(table(count(sources(sys.argv[1] if len(sys.argv) > 1 else None))))
