"""Benchmarks: plain scripts, run as ``python -m benchmarks.<name>`` from the repository root.

Each prints a table of seconds and of ratios to a baseline measured in the same run, so numbers
from different machines compare.
"""

from __future__ import annotations

import time
from collections.abc import Callable


def best_of(func: Callable[[], object], repeats: int = 3,
            clock: Callable[[], float] = time.perf_counter) -> float:
    """Fastest of ``repeats`` runs of ``func``, in seconds (the least disturbed by other processes):
    wall seconds, or CPU seconds of this process with ``clock=time.process_time``.

    >>> best_of(lambda: sum(range(10)), repeats=2) >= 0
    True
    """
    times = []
    for _ in range(repeats):
        start = clock()
        func()
        times.append(clock() - start)
    return min(times)
