"""docs/architecture.md stays true to the code: every module and public name it lists exists."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

DOC = (Path(__file__).resolve().parents[1] / "docs" / "architecture.md").read_text(encoding="utf-8")
#: the module map: | `matcher.module` | `Name`, `name`, ... |
MAP = [(row[0], re.findall(r"`(\w+)`", row[1]))
       for row in re.findall(r"^\| `(matcher[\w.]*)` \| (.+) \|$", DOC, flags=re.MULTILINE)]
#: every dotted name written in backticks anywhere in the doc, e.g. `matcher.results.build_tables`
DOTTED = sorted(set(re.findall(r"`(matcher(?:\.\w+)+)", DOC)))


def _resolve(dotted: str) -> object:
    """The module, or the attribute of the longest importable module prefix."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            value = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for attribute in parts[cut:]:
            value = getattr(value, attribute)
        return value
    raise ModuleNotFoundError(dotted)


def test_the_map_lists_modules_with_their_names():
    assert len(MAP) >= 20 and all(names for _, names in MAP)


@pytest.mark.parametrize("module, names", MAP, ids=[m for m, _ in MAP])
def test_every_listed_name_is_importable(module, names):
    imported = importlib.import_module(module)
    assert [n for n in names if not hasattr(imported, n)] == []


@pytest.mark.parametrize("dotted", DOTTED)
def test_every_dotted_name_in_the_text_exists(dotted):
    _resolve(dotted)
