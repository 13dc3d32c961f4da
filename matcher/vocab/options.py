"""Split multi-select answers into the options people chose, learning the options from the column.

Forms join the chosen options of one answer into one cell: Google Forms with ", ", Microsoft Forms
with ";" after each. Options themselves may contain commas ("Arts, culture and media"). A cell
is first cut into *pieces* at every separator outside parentheses (the first separator of the
config's list that the cell contains); then adjacent pieces are joined back into one option when
the column shows they belong together (:class:`OptionSplitter`):

- the joined text is a known name (the vocabulary's ``known`` test), or
- the later piece starts with a small letter in a column whose cells start with capitals
  (Google Forms options are capitalised; "…, applications, interviews" continues one), or
- the two pieces are inseparable: in at least :data:`TOGETHER` of the cells holding either one,
  they stand side by side in this order (and that in :data:`MIN_SEEN` cells or more).

Each cell is then segmented by dynamic programming over its separator positions into the fewest
options, so the longest known or learned option wins; pieces nothing joins stay options of their
own (the plain split).

Example
-------
>>> cells = ["Networking, Arts, culture and media", "Arts, culture and media", "Networking",
...          "CV, Arts, culture and media", "CV"]
>>> splitter = OptionSplitter(cells, [";", ","])
>>> splitter.split("Networking, Arts, culture and media")
('Networking', 'Arts, culture and media')
>>> OptionSplitter(["Finnish;English;", "English;"], [";", ","]).split("Finnish;English;")
('Finnish', 'English')
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence

#: share of the cells holding either of two adjacent pieces in which they stand together, from
#: which they are read as one option
TOGETHER = 0.95
#: cells in which two pieces must be seen together before that counts
MIN_SEEN = 3
#: share of cells starting with a capital from which a small letter means "continues an option"
CAPITALISED = 0.8

#: separators that also occur inside options (Google Forms' ", "); ";" and line breaks never do,
#: so pieces they cut are joined again only into known names
INSIDE_OPTIONS = (",",)

_PARENTHESES = re.compile(r"\([^)]*\)|\[[^\]]*\]")


def pieces(value: str, separators: Sequence[str]) -> tuple[tuple[str, int, int], ...]:
    """The pieces of one cell as ``(text, start, end)``: cut at the first of ``separators`` the cell
    contains outside parentheses, stripped, empty ones dropped.

    >>> [p[0] for p in pieces("Finnish (native, C2), English", [";", ","])]
    ['Finnish (native, C2)', 'English']
    """
    bare = _PARENTHESES.sub(lambda m: "_" * len(m.group()), value)
    for separator in separators:
        if separator not in bare:
            continue
        found, start = [], 0
        for cut in [m.start() for m in re.finditer(re.escape(separator), bare)] + [len(value)]:
            text = value[start:cut]
            stripped = text.strip()
            if stripped:
                offset = start + (len(text) - len(text.lstrip()))
                found.append((stripped, offset, offset + len(stripped)))
            start = cut + len(separator)
        return tuple(found)
    stripped = value.strip()
    return ((stripped, value.find(stripped), value.find(stripped) + len(stripped)),) if stripped else ()


class OptionSplitter:
    """The options of one multi-select column, learned from all its cells.

    Parameters
    ----------
    cells
        Every answer of the column (repeats count: pass the column, not its distinct values).
    separators
        Separators in the order tried (the config's ``[read] separators``).
    known
        Optional test "is this text a known option name" (a vocabulary lookup).
    """

    def __init__(self, cells: Iterable[object], separators: Sequence[str],
                 known: Callable[[str], bool] | None = None):
        self.separators = tuple(separators)
        self.known = known or (lambda text: False)
        counts = Counter(c.strip() for c in cells if isinstance(c, str) and c.strip())
        seen: Counter = Counter()      # piece -> cells holding it
        together: Counter = Counter()  # (piece, next piece) -> cells holding them side by side
        capital = small = 0
        for cell, n in counts.items():
            found = [p[0] for p in pieces(cell, self.separators)]
            for text in set(found):
                seen[text] += n
            for a, b in itertools.pairwise(found):
                together[a, b] += n
            # the first piece of a cell always starts an option: how the form writes options
            first = next((ch for ch in found[0] if ch.isalpha()), "") if found else ""
            capital += n * first.isupper()
            small += n * first.islower()
        self._capitalised = capital >= CAPITALISED * max(capital + small, 1) and capital > 0
        self._split: dict[str, tuple[str, ...]] = {}
        self._joined = {pair for pair, n in together.items()
                        if n >= MIN_SEEN and n >= TOGETHER * max(seen[pair[0]], seen[pair[1]])
                        and not (self.known(pair[0]) and self.known(pair[1]))}

    def _continues(self, previous: str, text: str) -> bool:
        if (previous, text) in self._joined:
            return True
        first = next((ch for ch in text if ch.isalpha()), "")
        return self._capitalised and first.islower() and not self.known(text)

    def split(self, value: object) -> tuple[str, ...]:
        """The options chosen in one cell, in the order written.

        >>> OptionSplitter([], [";", ","]).split("Networking, Job-seeking skills (CV, interviews)")
        ('Networking', 'Job-seeking skills (CV, interviews)')
        >>> cells = ["Networking, Job-seeking skills, applications", "Studies", "Networking"]
        >>> OptionSplitter(cells, [";", ","]).split(cells[0])
        ('Networking', 'Job-seeking skills, applications')
        """
        if not isinstance(value, str) or not value.strip():
            return ()
        if value not in self._split:
            self._split[value] = self._segment(value.strip())
        return self._split[value]

    def _segment(self, value: str) -> tuple[str, ...]:
        if self.known(value):
            return (value,)
        found = pieces(value, self.separators)
        n = len(found)
        bare = _PARENTHESES.sub("", value)
        used = next((sep for sep in self.separators if sep in bare), "")
        learned = used in INSIDE_OPTIONS
        # best[i]: fewest options covering found[:i]; a segment found[j:i] is one option when it
        # is a known name or each piece in it continues the one before
        best = [0] + [n + 1] * n
        cut = [0] * (n + 1)
        for i in range(1, n + 1):
            for j in range(i - 1, -1, -1):
                if j < i - 1:
                    inner = learned and all(self._continues(found[k - 1][0], found[k][0])
                                            for k in range(j + 1, i))
                    if not inner and not self.known(value[found[j][1]:found[i - 1][2]]):
                        continue
                if best[j] + 1 < best[i]:
                    best[i], cut[i] = best[j] + 1, j
        options, i = [], n
        while i > 0:
            j = cut[i]
            options.append(value[found[j][1]:found[i - 1][2]])
            i = j
        return self._split_mixed(tuple(reversed(options)))

    def _split_mixed(self, options: tuple[str, ...]) -> tuple[str, ...]:
        """An option that is no known name but holds known names joined by a later separator is
        those names ("suomi, englanti" inside a ';' export)."""
        out: list[str] = []
        for option in options:
            if not self.known(option):
                for position in range(len(self.separators)):
                    parts = [p[0] for p in pieces(option, self.separators[position:])]
                    if len(parts) > 1 and all(self.known(p) for p in parts):
                        out.extend(parts)
                        break
                else:
                    out.append(option)
            else:
                out.append(option)
        return tuple(out)
