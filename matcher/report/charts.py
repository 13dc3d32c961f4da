"""The report's charts as inline SVG: small, deterministic, readable without a network.

Each chart function returns an ``<svg>`` element as a string, or ``""`` when there is nothing to
draw. The SVG is written directly from the numbers (bars are ``<rect>`` elements, labels
``<text>``: small files, selectable labels, no plotting library to import or lay out), so the same
tables always give the same bytes, and a bar's value can be read back from its size
(:data:`PLOT` pixels across the axis). Numbers and axis ticks are written in the reader's
decimals (0,2 ... 1,0 in Finnish and Swedish).
"""

from __future__ import annotations

import html
import math

import numpy as np
import pandas as pd

from matcher.i18n import number, percent, t

BLUE, ORANGE, GREY, RED = "#2F6F9F", "#E8A33D", "#C9D3DD", "#B0302B"
#: Bars shown in one supply/demand or goal chart besides the shortages, which are always all
#: shown; the rest are summed up in one "others" bar.
MAX_BARS = 15
#: Values besides the shortages shown apart however many shortages there are.
MIN_OTHERS = 3
#: the chart's width in pixels (the page scales the SVG to its column width) and the axis's length
WIDTH, PLOT = 720, 420
#: pixels per bar row, height of one bar, and the font size of labels
ROW, BAR, FONT = 24, 16, 12
#: longest bar label written whole; a longer one is cut with "…" (the whole text in its tooltip)
LABEL_CHARS = 40
_HEAD, _FOOT = 34, 44  # title above the plot; axis label (and legend) below it


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
    counts, _ = np.histogram(values, bins=np.arange(0, 105, 5))
    left, height = 60, 200
    top, scale = _ticks(int(counts.max()))
    svg = _Svg(t("chart.scores_title", language), _HEAD + height + _FOOT)
    svg.axis_y(left, _HEAD, height, scale, top, language)
    width = PLOT + 200
    for k, count in enumerate(counts):
        bar = height * count / top
        svg.rect(left + width * k / 20, _HEAD + height - bar, width / 20 - 1, bar, BLUE, f"{5 * k}-{5 * k + 5}: {count}")
    for tick in range(0, 101, 20):
        svg.text(left + width * tick / 100, _HEAD + height + 16, str(tick), anchor="middle")
    mean = float(values.mean())
    x = left + width * mean / 100
    svg.line(x, _HEAD, x, _HEAD + height, ORANGE, dashed=True)
    svg.text(x + 4, _HEAD + 12, t("chart.mean", language, value=number(mean, language)), fill="#7A4E00")
    svg.text(left + width / 2, _HEAD + height + 36, t("chart.scores_x", language), anchor="middle")
    svg.text(14, _HEAD + height / 2, t("chart.scores_y", language), anchor="middle", rotate=True)
    return svg.done()


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
    names = labels or [c.replace("_", " ") for c in components]
    chart = _Bars(t("chart.components_title", language), names, 1.0, [0.2 * k for k in range(6)], language)
    for k, value in enumerate(means):
        chart.bar(k, 0, BAR, value, BLUE)
        chart.note(k, value, number(value, language, 2))
    return chart.done(t("chart.components_x", language), [])


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
    top, scale = _ticks(int(table["mentees"].max()) * 1.12)
    chart = _Bars(t("chart.goals_title", language), table["goal"].astype(str).tolist(), top, scale, language)
    for k, (wanted, covered) in enumerate(zip(table["mentees"], table["covered"])):
        chart.bar(k, 0, BAR, wanted, GREY)
        chart.bar(k, 0, BAR, covered, BLUE)
        chart.note(k, wanted, percent(100 * covered / wanted if wanted else 0.0, language))
    return chart.done(t("chart.goals_x", language), [(GREY, t("chart.goals_wanted", language)),
                                                     (BLUE, t("chart.goals_covered", language))])


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
    top, scale = _ticks(int(max(table["mentees"].max(), table["capacity"].max())))
    chart = _Bars(t(f"chart.supply_title_{dimension}", language), table["value"].astype(str).tolist(), top,
                  scale, language, short=(table["capacity"] < table["mentees"]).tolist())
    for k, (wanted, offered) in enumerate(zip(table["mentees"], table["capacity"])):
        chart.bar(k, -BAR / 4, BAR / 2, wanted, BLUE)
        chart.bar(k, BAR / 4, BAR / 2, offered, ORANGE)
    return chart.done(t("chart.supply_x", language), [(BLUE, t("chart.supply_wanted", language)),
                                                      (ORANGE, t("chart.supply_offered", language))])


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


def _ticks(maximum: float) -> tuple[float, list[float]]:
    """The axis's end and its ticks for values up to ``maximum``: steps of 1, 2 or 5 times a
    power of ten, about five of them, whole numbers (the axes count people and places).

    >>> _ticks(7), _ticks(230)
    ((8, [0, 2, 4, 6, 8]), (250, [0, 50, 100, 150, 200, 250]))
    """
    if maximum <= 0:
        return 1, [0, 1]
    raw = maximum / 5
    power = 10 ** math.floor(math.log10(raw))
    step = max(1, next(k * power for k in (1, 2, 5, 10) if k * power >= raw))
    top = int(math.ceil(maximum / step) * step)
    return top, list(range(0, top + 1, int(step)))


class _Svg:
    """One chart's SVG elements, written as text; :meth:`done` closes the element."""

    def __init__(self, title: str, height: float):
        self.title, self.height = title, height
        self.parts = [f'<text x="8" y="20" font-size="14" font-weight="bold">{html.escape(title)}</text>']

    def rect(self, x: float, y: float, width: float, height: float, fill: str, tip: str = "") -> None:
        tooltip = f"<title>{html.escape(tip)}</title>" if tip else ""
        self.parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(width, 0):.1f}" height="{max(height, 0):.1f}" '
                          f'fill="{fill}">{tooltip}</rect>')

    def line(self, x1: float, y1: float, x2: float, y2: float, stroke: str = "#888", dashed: bool = False) -> None:
        dash = ' stroke-dasharray="6 4" stroke-width="2"' if dashed else ""
        self.parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{stroke}"{dash}/>')

    def text(self, x: float, y: float, text: str, anchor: str = "start", fill: str = "",
             bold: bool = False, rotate: bool = False, tip: str = "") -> None:
        extra = (f' text-anchor="{anchor}"' if anchor != "start" else "") + (f' fill="{fill}"' if fill else "") \
            + (' font-weight="bold"' if bold else "") + (f' transform="rotate(-90 {x:.1f} {y:.1f})"' if rotate else "")
        tooltip = f"<title>{html.escape(tip)}</title>" if tip else ""
        self.parts.append(f'<text x="{x:.1f}" y="{y:.1f}"{extra}>{tooltip}{html.escape(text)}</text>')

    def axis_y(self, left: float, top: float, height: float, ticks: list[float], end: float, language: str) -> None:
        for tick in ticks:
            y = top + height - height * tick / end
            self.line(left, y, left + PLOT + 200, y, "#E4E8EC")
            self.text(left - 6, y + 4, number(tick, language, None), anchor="end")

    def done(self) -> str:
        return (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{html.escape(self.title)}" '
                f'width="{WIDTH}" height="{self.height:.0f}" viewBox="0 0 {WIDTH} {self.height:.0f}" '
                f'font-family="DejaVu Sans, Arial, Helvetica, sans-serif" font-size="{FONT}">\n'
                + "\n".join(self.parts) + "\n</svg>")


class _Bars:
    """A horizontal bar chart: one row per label, top to bottom; values on an axis from 0 to
    ``end`` with gridlines at ``ticks``; labels of the ``short`` rows in bold red."""

    def __init__(self, title: str, labels: list[str], end: float, ticks: list[float], language: str,
                 short: list[bool] | None = None):
        self.labels, self.end, self.ticks, self.language = labels, end, ticks, language
        widest = max(len(_cut(label)) for label in labels)
        self.left = min(12 + 7 * widest, WIDTH - PLOT - 60)
        self.svg = _Svg(title, _HEAD + ROW * len(labels) + _FOOT + 20)
        for tick in ticks:
            x = self.x(tick)
            self.svg.line(x, _HEAD, x, _HEAD + ROW * len(labels), "#E4E8EC")
            self.svg.text(x, _HEAD + ROW * len(labels) + 16, number(tick, language, None), anchor="middle")
        for k, (label, red) in enumerate(zip(labels, short or [False] * len(labels))):
            self.svg.text(self.left - 6, self.middle(k) + 4, _cut(label), anchor="end", fill=RED if red else "",
                          bold=red, tip=label if _cut(label) != label else "")

    def x(self, value: float) -> float:
        return self.left + PLOT * min(float(value), self.end) / self.end

    def middle(self, row: int) -> float:
        return _HEAD + ROW * row + ROW / 2

    def bar(self, row: int, offset: float, height: float, value: float, fill: str) -> None:
        self.svg.rect(self.left, self.middle(row) + offset - height / 2, self.x(value) - self.left, height, fill,
                      number(value, self.language, None))

    def note(self, row: int, value: float, text: str) -> None:
        self.svg.text(self.x(value) + 4, self.middle(row) + 4, text)

    def done(self, axis: str, legend: list[tuple[str, str]]) -> str:
        below = _HEAD + ROW * len(self.labels)
        self.svg.text(self.left + PLOT / 2, below + 34, axis, anchor="middle")
        x = self.left
        for colour, name in legend:
            self.svg.rect(x, below + 46, 12, 12, colour)
            self.svg.text(x + 16, below + 56, name)
            x += 40 + 7 * len(name)
        return self.svg.done()


def _cut(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[:LABEL_CHARS - 1] + "…"
