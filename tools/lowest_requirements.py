"""Print the lowest versions pyproject.toml allows for its direct dependencies, as requirements.

``make check-lowest`` installs these (wheels only) in a scratch virtualenv and runs the tests, so
every lower bound in pyproject.toml is one that was seen to work. A direct dependency without a
lower bound is an error: its lowest version would be whatever pip finds first.

>>> lowest(['numpy>=1.26', 'xlsxwriter>=3.2,<3.4  ', 'ipykernel >= 6.29', "lap>=1.3; sys_platform == 'linux'"])
['numpy==1.26', 'xlsxwriter==3.2', 'ipykernel==6.29', "lap==1.3; sys_platform == 'linux'"]
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

_REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*([^;]*)")
_LOWER = re.compile(r">=\s*([^,\s]+)")


def lowest(requirements: list[str]) -> list[str]:
    """``name==lower bound`` for each requirement; ValueError names one without a lower bound."""
    pinned = []
    for requirement in requirements:
        match = _REQUIREMENT.match(requirement)
        lower = _LOWER.search(match.group(3)) if match else None
        if match is None or lower is None:
            raise ValueError(f"{requirement!r} has no lower bound (>=): add the lowest version that passes")
        marker = requirement.partition(";")[2].strip()  # a platform-only dependency stays one
        pinned.append(f"{match.group(1)}=={lower.group(1)}" + (f"; {marker}" if marker else ""))
    return pinned


def main(pyproject: Path, extras: list[str]) -> None:
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    requirements = list(project["dependencies"])
    for extra in extras:
        requirements += project["optional-dependencies"][extra]
    print("\n".join(lowest(requirements)))


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2:])
