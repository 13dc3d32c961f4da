"""The report's charts as inline SVG: small, deterministic, readable without a network.

Each chart function returns an ``<svg>`` element as a string, or ``""`` when there is nothing to
draw. Charts are drawn with matplotlib's object API (no pyplot state, so safe to call from
notebooks and threads) and saved as SVG with text kept as text (``svg.fonttype = "none"``: small
files, selectable labels) and a fixed ``svg.hashsalt`` and no date, so the same tables always give
the same bytes. Element ids are prefixed per chart so several charts can share one HTML page.
"""

from __future__ import annotations

import html
import io
import re
from typing import Any

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from matcher.i18n import number, percent, t

#: Matplotlib settings that make the SVG deterministic, small and match the page's look.
RC: dict[Any, Any] = {
    "svg.hashsalt": "matcher",
    "svg.fonttype": "none",
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Arial", "Helvetica"],
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
}
BLUE, ORANGE, GREY, RED = "#2F6F9F", "#E8A33D", "#C9D3DD", "#B0302B"
#: Bars shown in one supply/demand or goal chart besides the shortages, which are always all
#: shown; the rest are summed up in one "others" bar.
MAX_BARS = 15
#: Values besides the shortages shown apart however many shortages there are.
MIN_OTHERS = 3
WIDTH = 7.2  # inches; the page scales the SVG to its column width


@matplotlib.rc_context(RC)
def score_histogram(scores: pd.Series, language: str = "en") -> str:
    """Histogram of pair scores (0-100, bins of 5) with the mean marked.

    Example
    -------
    >>> score_histogram(pd.Series([55.0, 72.5, 80.0])).startswith("<svg")
    True
    """
    values = scores.dropna().to_numpy(dtype=np.float64)
    if values.size == 0:
        return ""
    fig = _figure(2.8)
    ax = fig.add_subplot()
    ax.hist(values, bins=list(range(0, 105, 5)), color=BLUE, edgecolor="white")
    mean = float(values.mean())
    ax.axvline(mean, color=ORANGE, linewidth=2, linestyle="--")
    ax.annotate(t("chart.mean", language, value=number(mean, language)), (mean, 1), xycoords=("data", "axes fraction"),
                xytext=(4, -12), textcoords="offset points", color="#7A4E00",
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
    ax.set(xlim=(0, 100), xlabel=t("chart.scores_x", language), ylabel=t("chart.scores_y", language),
           title=t("chart.scores_title", language))
    ax.yaxis.get_major_locator().set_params(integer=True)  # type: ignore[call-arg]  # a MaxNLocator
    return _svg(fig, "scores")


@matplotlib.rc_context(RC)
def component_means(pairs: pd.DataFrame, components: list[str], labels: list[str] | None = None,
                    language: str = "en") -> str:
    """Mean of each score component (0-1) over the pairs: what the pairs have in common.

    ``labels`` name the components on the axis (default: the names with spaces).

    Example
    -------
    >>> component_means(pd.DataFrame({"field": [1.0, 0.5]}), ["field"]).startswith("<svg")
    True
    """
    if not components or pairs.empty:
        return ""
    means = pairs[components].mean().to_numpy(dtype=np.float64)
    fig = _figure(0.9 + 0.38 * len(components))
    ax = fig.add_subplot()
    positions = np.arange(len(components))
    ax.barh(positions, means, color=BLUE, height=0.6)
    for y, value in zip(positions, means):
        ax.text(min(value, 0.92) + 0.01, float(y), number(value, language, 2), va="center")
    # the axis in the reader's decimals too (0,2 ... 1,0 in Finnish and Swedish)
    ax.xaxis.set_major_formatter(lambda value, _: number(value, language))
    ax.set_yticks(positions, labels or [c.replace("_", " ") for c in components])
    ax.invert_yaxis()
    ax.set(xlim=(0, 1), xlabel=t("chart.components_x", language),
           title=t("chart.components_title", language))
    return _svg(fig, "components")


@matplotlib.rc_context(RC)
def goal_coverage_chart(coverage: pd.DataFrame, language: str = "en") -> str:
    """For each goal, matched mentees with it and how many got a mentor offering it.

    The :data:`MAX_BARS` goals most asked for are shown, the rest summed up as "others".

    Example
    -------
    >>> table = pd.DataFrame({"goal": ["networking"], "mentees": [4], "covered": [3]})
    >>> goal_coverage_chart(table).startswith("<svg")
    True
    """
    if coverage.empty:
        return ""
    table = coverage.sort_values(["mentees", "goal"], ascending=[False, True], kind="stable")
    shown = np.arange(len(table)) < MAX_BARS
    table = with_others(table, shown, "goal", ["mentees", "covered"], language)
    fig = _figure(0.9 + 0.34 * len(table))
    ax = fig.add_subplot()
    positions = np.arange(len(table))
    ax.barh(positions, table["mentees"], color=GREY, height=0.7, label=t("chart.goals_wanted", language))
    ax.barh(positions, table["covered"], color=BLUE, height=0.7, label=t("chart.goals_covered", language))
    for y, (wanted, covered) in enumerate(zip(table["mentees"], table["covered"])):
        share = covered / wanted if wanted else 0.0
        ax.text(wanted, y, " " + percent(100 * share, language), va="center")
    ax.set_yticks(positions, table["goal"].astype(str))
    ax.invert_yaxis()
    ax.set_xmargin(0.12)
    ax.xaxis.get_major_locator().set_params(integer=True)  # type: ignore[call-arg]  # mentees
    ax.set(xlabel=t("chart.goals_x", language))
    _title(fig, t("chart.goals_title", language))
    fig.legend(loc="outside lower center", ncols=2, frameon=False)
    return _svg(fig, "goals")


@matplotlib.rc_context(RC)
def supply_demand_chart(supply_demand: pd.DataFrame, dimension: str, language: str = "en") -> str:
    """Mentees wanting each language (or field) against mentor places offering it.

    Labels in red mark a shortage: fewer places than mentees wanting it. Every shortage is
    shown, however many; besides them the values most asked for, up to :data:`MAX_BARS` bars,
    and the rest summed up in one "others" bar (never a shortage: each of its values has
    enough places).

    Example
    -------
    >>> table = pd.DataFrame({"dimension": ["language"], "value": ["Finnish"], "mentees": [5],
    ...                       "mentors": [2], "capacity": [4], "ratio": [0.8]})
    >>> supply_demand_chart(table, "language").startswith("<svg")
    True
    """
    table = supply_demand[supply_demand["dimension"] == dimension]
    if table.empty:
        return ""
    table = table.sort_values(["mentees", "capacity", "value"], ascending=[False, False, True],
                              kind="stable")
    short = (table["capacity"] < table["mentees"]).to_numpy()
    room = max(MAX_BARS - int(short.sum()), MIN_OTHERS)  # the largest values stay apart
    shown = short | (np.cumsum(~short) <= room) & ~short
    table = with_others(table, shown, "value", ["mentees", "capacity"], language)
    fig = _figure(1.0 + 0.42 * len(table))
    ax = fig.add_subplot()
    positions = np.arange(len(table))
    ax.barh(positions - 0.2, table["mentees"], height=0.4, color=BLUE,
            label=t("chart.supply_wanted", language))
    ax.barh(positions + 0.2, table["capacity"], height=0.4, color=ORANGE,
            label=t("chart.supply_offered", language))
    ax.set_yticks(positions, table["value"].astype(str))
    for label, short in zip(ax.get_yticklabels(), table["capacity"] < table["mentees"]):
        if short:
            label.set_color(RED)
            label.set_fontweight("bold")
    ax.invert_yaxis()
    ax.xaxis.get_major_locator().set_params(integer=True)  # type: ignore[call-arg]  # people, places
    ax.set(xlabel=t("chart.supply_x", language))
    _title(fig, t(f"chart.supply_title_{dimension}", language))
    fig.legend(loc="outside lower center", ncols=2, frameon=False)
    return _svg(fig, f"supply-{dimension}")


def with_others(table: pd.DataFrame, shown: np.ndarray, name: str, counts: list[str],
                language: str = "en") -> pd.DataFrame:
    """The ``shown`` rows of ``table``, then one row "others (n)" summing ``counts`` over the
    n rows not shown (none when every row is shown).

    Example
    -------
    >>> table = pd.DataFrame({"value": ["a", "b", "c"], "mentees": [5, 2, 1]})
    >>> with_others(table, np.array([True, False, False]), "value", ["mentees"]).to_dict("list")
    {'value': ['a', 'others (2)'], 'mentees': [5, 3]}
    """
    rest = table[~shown]
    if rest.empty:
        return table
    others = {name: t("chart.others", language, n=len(rest)), **{c: rest[c].sum() for c in counts}}
    return pd.concat([table[shown][[name, *counts]], pd.DataFrame([others])], ignore_index=True)


def _title(fig: Figure, text: str) -> None:
    # over the whole figure, not the axes: long bar labels push the axes right, and a title
    # starting there would be cut at the figure's edge
    fig.suptitle(text, x=0.01, ha="left", fontsize=RC["axes.titlesize"], fontweight="bold")


def _figure(height: float) -> Figure:
    # a bare Figure, not pyplot: no global figure registry to leak or to share between threads
    return Figure(figsize=(WIDTH, height), layout="constrained")


_ID = re.compile(r'(id="|url\(#|href="#)')
_PREAMBLE = re.compile(r"^.*?(?=<svg)|<metadata>.*?</metadata>\s*", re.S)


def _svg(fig: Figure, chart_id: str) -> str:
    """The figure as an inline ``<svg>`` element with ids unique to this chart."""
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    svg = _PREAMBLE.sub("", buffer.getvalue())
    svg = _ID.sub(lambda m: m.group(1) + chart_id + "-", svg)
    title = fig.axes[0].get_title(loc="left") or fig.get_suptitle()
    return svg.replace("<svg ", f'<svg role="img" aria-label="{html.escape(title)}" ', 1).strip()
