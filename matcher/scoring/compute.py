"""Score every mentor × mentee pair: components, weighted total and feasibility, in mentee blocks.

Matrices are filled block by block of mentees (every mentor at once, :data:`WORKERS` blocks at a
time), so the temporaries of a block stay around :data:`BLOCK_ELEMENTS` elements and the peak
memory is the stored result: the float32 total, the uint16 reason codes, the bool mask and the
components. A component (or constraint) whose rows depend on only a few mentee answers is
computed once per distinct answer (:mod:`matcher.scoring.tabulate`): the component is kept as
those distinct float16 rows and the total adds their rows; the others (text similarity of unique
answers) are computed per block and kept as whole float16 matrices.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits

from matcher.config import RoundConfig
from matcher.scoring.components import COMPONENTS, MENTEE_INPUTS
from matcher.scoring.constraints import (BELOW_MIN_SCORE, FORBIDDEN, forbidden_positions,
                                         pair_reasons, reason_labels, rule_bits, rule_codes,
                                         soft_wishes)
from matcher.scoring.encode import People, encode_pair
from matcher.scoring.scores import PairContext, Scores
from matcher.scoring.tabulate import Tabulated, answer_keys, by_answers
from matcher.scoring.text import TextEmbeddings

if TYPE_CHECKING:
    from matcher.intake import Round

log = logging.getLogger(__name__)

#: pairs per block of mentees: about 4 MB per float32 temporary, so a block's few temporaries
#: stay in the cache between passes, yet enough rows for an efficient text product (measured:
#: 2^18 to 2^21 are within noise of each other, 2^16 and 2^23 are slower)
BLOCK_ELEMENTS = 1 << 20
#: blocks scored at the same time
WORKERS = min(4, os.cpu_count() or 1)
#: components whose score uses the free-text answers
TEXT_COMPONENTS = ("field", "goals")


def score_round(round: Round) -> Scores:
    """Score a loaded round (:func:`matcher.load_round`): its tables, config and forbidden pairs.

    Examples
    --------
    >>> import matcher
    >>> scores = matcher.score_round(matcher.load_round("data/samples/round.toml"))  # doctest: +SKIP
    >>> scores.top(scores.mentee_ids[0], k=3)  # doctest: +SKIP
    """
    return score_pairs(round.mentors, round.mentees, round.config, round.forbidden)


def score_pairs(mentors: pd.DataFrame, mentees: pd.DataFrame, config: RoundConfig | None = None,
                forbidden: pd.DataFrame | None = None) -> Scores:
    """Score every pair of two canonical tables (docs/architecture.md).

    Parameters
    ----------
    mentors, mentees : DataFrame
        Canonical tables, indexed by ``mentor_id`` / ``mentee_id``.
    config : RoundConfig, optional
        Weights and settings (``config.scoring``) and hard constraints (``config.constraints``);
        defaults when omitted.
    forbidden : DataFrame, optional
        The coordinator's forbidden pairs (``mentee_id, mentor_id, source``).

    Returns
    -------
    Scores

    Examples
    --------
    >>> import pandas as pd
    >>> mentees = pd.DataFrame({"fields": [("ict",)], "languages": [{"fi": 4}],
    ...                         "goals": [("networking",)]}, index=pd.Index(["e1"], name="mentee_id"))
    >>> mentors = pd.DataFrame({"fields": [("ict",), ("health",)], "languages": [{"fi": 4}, {"sv": 4}],
    ...                         "topics": [("networking",), ()]}, index=pd.Index(["r1", "r2"], name="mentor_id"))
    >>> scores = score_pairs(mentors, mentees)
    >>> scores.feasible.tolist(), scores.reasons("e1", "r2")
    ([[True, False]], ['no shared language'])
    """
    config = config or RoundConfig()
    weights = normalised_weights(config.scoring.weights)
    labels = reason_labels(config.constraints)
    mentee_rules, mentor_rules = rule_bits(config.constraints, mentees, mentors, config.where)
    # one BLAS thread each: the mentee blocks are the parallelism, and BLAS threads competing for
    # the same cores make LAPACK (the text reduction's QR and SVD) up to 10 times slower
    with threadpool_limits(limits=1, user_api="blas"):
        e, r = encode_pair(mentees, mentors,
                           with_text=any(c in weights for c in TEXT_COMPONENTS))
        total, components, codes = _score_blocks(e, r, config, weights, mentee_rules,
                                                 mentor_rules)
    forbidden_rows, forbidden_cols = forbidden_positions(forbidden, e.ids, r.ids)
    codes[forbidden_rows, forbidden_cols] |= np.uint16(FORBIDDEN)
    if config.scoring.min_score > 0:
        codes[total < np.float32(config.scoring.min_score)] |= np.uint16(BELOW_MIN_SCORE)
    feasible = codes == 0
    log.info("scored %d mentees x %d mentors: %d components, %d feasible pairs",
             len(e), len(r), len(weights), int(feasible.sum()))
    return Scores(mentee_ids=pd.Index(e.ids), mentor_ids=pd.Index(r.ids), total=total,
                  components=components, weights=weights, feasible=feasible,
                  reason_codes=codes, reason_labels=labels,
                  context=PairContext(mentees, mentors, config, e, r))


def _score_blocks(e: People, r: People, config: RoundConfig, weights: dict[str, float],
                  mentee_rules: np.ndarray, mentor_rules: np.ndarray
                  ) -> tuple[np.ndarray, dict[str, Tabulated], np.ndarray]:
    """Total (float32), components (float16) and pair reason codes, block by block of mentees."""
    n, m = len(e), len(r)
    # np.empty, not np.zeros: numpy backs large empty arrays with huge pages, and touching 1 GiB
    # of zeroed 4 KiB pages the first time costs more CPU than all the scoring arithmetic; every
    # element is written by a block (the first component sets the total, the others add to it)
    total = np.empty((n, m), dtype=np.float32) if weights else np.zeros((n, m), dtype=np.float32)
    codes = np.empty((n, m), dtype=np.uint16)
    components, writers = {}, []
    for k, (name, weight) in enumerate(weights.items()):
        components[name], write = _component_writer(e, r, config, name, weight, total,
                                                    accumulate=k > 0)
        writers.append(write)
    soft = soft_wishes(config.wishes)
    if soft and config.wishes.penalty > 0:
        writers.append(_penalty_writer(e, r, soft, np.float32(config.wishes.penalty), total))
    writers.append(_codes_writer(e, r, config, mentee_rules, mentor_rules, codes))

    def score_block(rows: slice) -> None:
        for write in writers:  # components in weight order: the total adds them up in that order
            write(rows)

    block = max(1, BLOCK_ELEMENTS // max(m, 1))
    blocks = [slice(start, min(start + block, n)) for start in range(0, n, block)]
    # blocks write disjoint rows and numpy releases the GIL, so threads use every core; a block's
    # arithmetic is the same whichever thread runs it, so results stay deterministic
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        list(pool.map(score_block, blocks))
    return total, components, codes


def _component_writer(e: People, r: People, config: RoundConfig, name: str, weight: float,
                      total: np.ndarray, accumulate: bool
                      ) -> tuple[Tabulated, Callable[[slice], None]]:
    """One component (float16) and the writer of a block of its rows: it adds the component,
    weighted, to the total (or sets the total, for the first component: ``accumulate=False``)
    and, for a component computed per block, fills that block of the whole matrix."""
    n, m = total.shape
    factor = np.float32(100 * weight)
    compute = COMPONENTS[name]
    inputs = MENTEE_INPUTS[name]
    tabulated = by_answers(lambda rows: compute(e.take(rows), r, config.scoring),
                           answer_keys(e, inputs), n, m, stored=_same_in_any_block(e, r, inputs))
    if tabulated is not None:
        # converting to float16 is slow (no vector instruction for it in numpy's baseline), so
        # it, and the weighting, happen once per distinct row
        weighted = tabulated.map(lambda t: factor * t)

        def write(rows: slice) -> None:
            if accumulate:
                total[rows] += weighted.take(rows)
            else:
                weighted.take(rows, out=total[rows])
        return tabulated.map(_half), write
    whole = np.empty((n, m), dtype=np.float16)

    def write_block(rows: slice) -> None:
        value = compute(e.take(rows), r, config.scoring)
        whole[rows] = _half(value)
        if accumulate:
            total[rows] += factor * value
        else:
            np.multiply(factor, value, out=total[rows])
    return Tabulated.whole(whole), write_block


def _same_in_any_block(e: People, r: People, inputs: tuple[str, ...]) -> bool:
    """Whether a component's rows are the same numbers whichever mentees are computed together,
    so that a table of any size gives the scores the blocks give: true unless it multiplies two
    sides' text vectors (a matrix product's last bits depend on the kernel that the number of
    rows selects, so those components keep the tables' usual bound and give, to the bit, the
    scores they always gave)."""
    return not any(isinstance(text := getattr(e, name), TextEmbeddings) and text.present.any()
                   and getattr(r, name).present.any() for name in inputs)


def _codes_writer(e: People, r: People, config: RoundConfig, mentee_rules: np.ndarray,
                  mentor_rules: np.ndarray, out: np.ndarray) -> Callable[[slice], None]:
    """Writes a block of rows of the reason codes: the rule bits, or-ed with each pair reason
    (each tabulated on its own few mentee answers when that pays off)."""
    n, m = out.shape
    parts = [_rows_of(reason.codes, reason.inputs, e, r, n, m)
             for reason in pair_reasons(config.constraints, config.wishes)]

    def write(rows: slice) -> None:
        block = out[rows]
        block[...] = rule_codes(mentee_rules[rows], mentor_rules)
        for part in parts:
            block |= part(rows)
    return write


def _penalty_writer(e: People, r: People, wishes: list, penalty: np.float32, total: np.ndarray
                    ) -> Callable[[slice], None]:
    """Subtracts ``penalty`` points from the total of a block's pairs per soft wish they do not
    meet (never below 0)."""
    n, m = total.shape
    def as_points(fails: Callable[[People, People], np.ndarray]
                  ) -> Callable[[People, People], np.ndarray]:
        return lambda a, b: fails(a, b).astype(np.float32)

    parts = [_rows_of(as_points(wish.fails), wish.inputs, e, r, n, m) for wish in wishes]

    def write(rows: slice) -> None:
        block = total[rows]
        for part in parts:
            block -= penalty * part(rows)
        np.maximum(block, 0, out=block)
    return write


def _rows_of(compute: Callable[[People, People], np.ndarray], inputs: tuple[str, ...],
             e: People, r: People, n: int, m: int) -> Callable[[slice], np.ndarray]:
    """Rows -> that block of a pair matrix, tabulated on the mentee answers it depends on when
    that pays off (:func:`~matcher.scoring.tabulate.by_answers`)."""
    tabulated = by_answers(lambda rows: compute(e.take(rows), r), answer_keys(e, inputs), n, m)
    return tabulated.take if tabulated is not None else lambda rows: compute(e.take(rows), r)


def _half(value: np.ndarray) -> np.ndarray:
    # astype then copy is about twice as fast as assigning float32 into a float16 array
    return value.astype(np.float16)


def normalised_weights(weights: dict[str, float]) -> dict[str, float]:
    """Enabled components (weight > 0) with weights scaled to sum to 1, in report order.

    >>> normalised_weights({"field": 3, "goals": 1, "experience": 0})
    {'field': 0.75, 'goals': 0.25}
    """
    enabled = {name: float(weights.get(name, 0.0)) for name in COMPONENTS
               if weights.get(name, 0.0) > 0}
    norm = sum(enabled.values())
    return {name: w / norm for name, w in enabled.items()}
