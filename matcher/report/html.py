"""``report.html``: one self-contained page an organiser reads instead of the spreadsheet.

Summary tiles and settings, charts (inline SVG from :mod:`matcher.report.charts`), the pairs table
(sortable, filterable), the unmatched mentees and the data issues. Everything is inline: no
scripts, styles, fonts or images are fetched, so the file opens offline and can be archived.

Every value from the tables is HTML-escaped. E-mail addresses and the raw values behind data
issues are left out: this is the file people forward, and the workbook has them.
"""

from __future__ import annotations

import html
import string
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from matcher import __version__
from matcher.safe_io import strip_controls
from matcher.report import charts
from matcher.report.tables import LONG_TEXT, component_columns, decimals, rounded

#: Score bands for cell colours (CSS classes q0..q4), matching the workbook's red-to-green scale.
SCORE_BANDS = (40, 55, 70, 85)


def render_html(tables: dict[str, pd.DataFrame], title: str) -> str:
    """The whole report as one HTML string.

    Example
    -------
    >>> page = render_html(tables, "Spring round")  # doctest: +SKIP
    >>> page.count("<svg")                            # doctest: +SKIP
    5
    """
    pairs, unmatched, issues = tables["pairs"], tables["unmatched"], tables["issues"]
    components = component_columns(pairs)
    template = string.Template(resources.files("matcher.report").joinpath("template.html")
                               .read_text(encoding="utf-8"))
    return template.substitute(
        title=html.escape(title),
        version=html.escape(__version__),
        pair_count=len(pairs),
        unmatched_count=len(unmatched),
        issue_summary=html.escape(_issue_summary(issues)),
        tiles=_tiles(tables),
        settings="".join(f"<dt>{html.escape(str(item))}</dt><dd>{html.escape(str(value))}</dd>"
                         for item, value in zip(tables["summary"]["item"], tables["summary"]["value"])),
        charts=_charts(tables, components),
        pairs_table=_pairs_table(pairs, components),
        unmatched_table=html_table(unmatched, ["mentee_id", "mentee_name", "reason", "best_candidates"],
                                   "unmatched-table", "Everyone who applied has a mentor."),
        issues_table=html_table(issues, ["severity", "file", "row", "column", "problem", "suggestion"],
                                "issues-table", "No data issues were found.", row_class="severity"),
    )


def write_html(tables: dict[str, pd.DataFrame], path: Path, title: str) -> Path:
    """Write :func:`render_html` to ``path`` (UTF-8)."""
    path.write_text(render_html(tables, title), encoding="utf-8", newline="\n")
    return path


def html_table(frame: pd.DataFrame, columns: list[str], table_id: str, empty: str, *,
               row_class: str | None = None, places: dict[str, int] | None = None) -> str:
    """A sortable ``<table>`` of ``columns``, every cell escaped; ``empty`` when no rows.

    Numbers are right-aligned and sort as numbers; ``places`` gives the decimals of rounded
    columns, and a ``score`` column gets colour band classes. Sentences (``LONG_TEXT``) get room
    to wrap. ``row_class`` names a column whose value becomes the class of its cells
    (e.g. ``severity`` → ``class="error"``).

    Example
    -------
    >>> html_table(pd.DataFrame({"name": ["<Äijälä>"]}), ["name"], "t", "none")[:62]
    '<table id="t" class="sortable"><thead><tr><th scope="col">name'
    """
    if frame.empty:
        return f'<p class="empty">{html.escape(empty)}</p>'
    places = places or {}
    head, cells = [], []
    for name in columns:
        series = frame[name]
        label = html.escape(name.replace("_", " "))
        if pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
            head.append(f'<th scope="col" class="num">{label}</th>')
            cells.append(_number_cells(series, places.get(name), banded=name == "score"))
        else:
            head.append(f'<th scope="col">{label}</th>')
            kind = "long" if name in LONG_TEXT else "short"
            cells.append(_text_cells(series, classes=None if name == row_class else kind))
    body = "\n".join("<tr>" + "".join(row) + "</tr>" for row in zip(*cells))
    return (f'<table id="{table_id}" class="sortable"><thead><tr>{"".join(head)}</tr></thead>\n'
            f"<tbody>\n{body}\n</tbody></table>")


def _number_cells(series: pd.Series, places: int | None, banded: bool) -> list[str]:
    """The ``<td>`` elements of a numeric column, a column at a time."""
    values = series.to_numpy("float64", na_value=np.nan)
    if places is None:  # counts and row numbers: as people write them, never 1e+06
        text = [np.format_float_positional(v, trim="-") for v in values]
    else:
        text = [f"{v:.{places}f}" for v in values]
    text = pd.Series(text, index=series.index).where(~np.isnan(values), "")
    classes = "num"
    if banded:
        classes = "num q" + pd.Series(np.digitize(values, SCORE_BANDS), index=series.index).astype(str)
    return ('<td class="' + classes + '">' + text + "</td>").tolist()


def _text_cells(series: pd.Series, classes: str | None) -> list[str]:
    """The ``<td>`` elements of a text column; ``classes=None`` uses each value as its class."""
    text = series.map(lambda v: "" if v is None or v is pd.NA or v != v
                      else html.escape(strip_controls(str(v))))
    return ('<td class="' + (text if classes is None else classes) + '">' + text + "</td>").tolist()


def _pairs_table(pairs: pd.DataFrame, components: list[str]) -> str:
    columns = ["mentee_id", "mentee_name", "mentor_id", "mentor_name", "score", *components,
               "explanation"]
    table = rounded(pairs, components)
    table["locked"] = np.where(pairs["locked"].astype(bool), "locked", "")
    status = ["status"] if "status" in pairs else []  # new / published / continuing (history)
    return html_table(table, [*columns, "locked", *status], "pairs-table", "No pairs were made.",
                      places=decimals(table, components))


def _tiles(tables: dict[str, pd.DataFrame]) -> str:
    pairs, unmatched, mentors, issues = (tables[k] for k in ("pairs", "unmatched", "mentors", "issues"))
    matched = pairs["mentee_id"].nunique()
    mean = f"{pairs['score'].mean():.1f}" if len(pairs) else "–"
    lowest = f"{pairs['score'].min():.1f}" if len(pairs) else "–"
    errors = int((issues["severity"] == "error").sum())
    tiles = [
        (len(pairs), "pairs", False),
        (matched, "mentees matched", False),
        (len(unmatched), "mentees unmatched", len(unmatched) > 0),
        (mean, "mean score", False),
        (lowest, "lowest score", False),
        (int((mentors["remaining"] > 0).sum()), "mentors with free places", False),
        (len(issues), f"data issues ({errors} errors)", errors > 0),
    ]
    return "".join(f'<div class="tile{" warn" if warn else ""}"><b>{html.escape(str(value))}</b>'
                   f"<span>{html.escape(label)}</span></div>" for value, label, warn in tiles)


def _charts(tables: dict[str, pd.DataFrame], components: list[str]) -> str:
    pairs = tables["pairs"]
    figures = [
        (charts.score_histogram(pairs["score"]),
         "Most pairs should sit to the right; a long left tail means weak pairs worth a look."),
        (charts.component_means(pairs, components),
         "1.0 would mean every pair matches perfectly on that part of the score."),
        (charts.goal_coverage_chart(tables["goal_coverage"]),
         "Share of matched mentees whose mentor can help with each goal."),
        (charts.supply_demand_chart(tables["supply_demand"], "language"),
         "Red labels: fewer mentor places than mentees who want that language."),
        (charts.supply_demand_chart(tables["supply_demand"], "field"),
         "Red labels: fewer mentor places than mentees in that field; recruit mentors there."),
    ]
    shown = [f"<figure>{svg}<figcaption>{html.escape(caption)}</figcaption></figure>"
             for svg, caption in figures if svg]
    return "\n".join(shown) or '<p class="empty">Nothing to chart yet: no pairs were made.</p>'


def _issue_summary(issues: pd.DataFrame) -> str:
    counts = issues["severity"].value_counts()
    return f"{counts.get('error', 0)} errors, {counts.get('warning', 0)} warnings"
