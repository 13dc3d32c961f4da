"""Small memory pages for the solver's large temporaries.

numpy asks Linux for transparent huge pages on every large array (``madvise(MADV_HUGEPAGE)``).
Where the kernel defragments for such requests on the spot (``defrag = madvise``, Ubuntu's
default) and memory is fragmented, each first touch of a fresh huge page waits for compaction:
on the project's 2-core machine, touching a fresh 10,000 x 6,000 int32 matrix took 2.0-2.4 s with
huge pages and 0.36-0.39 s without, and a whole 10,000 x 6,000 solve 1.25x longer. The solver
allocates and touches each large array once, so huge pages buy it nothing: it runs with numpy's
hint off and restores the previous setting afterwards.

numpy keeps the hint in a process-wide switch (a private but long-standing function), so two
threads solving at once share it; both settings give the same results, only speed differs.
Without the switch (another numpy build) this does nothing.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager

def _hint_switch() -> Callable[[bool], bool] | None:
    """numpy's switch of the huge-page hint: numpy 2 names it in ``numpy._core``, 1.26 in
    ``numpy.core``."""
    for module in ("numpy._core.multiarray", "numpy.core.multiarray"):
        try:
            return importlib.import_module(module)._set_madvise_hugepage
        except (ImportError, AttributeError):
            continue
    return None  # pragma: no cover - another numpy build


_SWITCH = _hint_switch()


@contextmanager
def small_pages() -> Iterator[None]:
    """Run the block with numpy's huge-page hint off (see module doc).

    Examples
    --------
    >>> import numpy as np
    >>> with small_pages():
    ...     int(np.ones((1000, 1000)).sum())
    1000000
    """
    if _SWITCH is None:  # pragma: no cover - another numpy build
        yield
        return
    previous = _SWITCH(False)
    try:
        yield
    finally:
        _SWITCH(previous)
