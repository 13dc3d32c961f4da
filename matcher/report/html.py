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
from matcher.i18n import DECIMAL_COMMA, number, t
from matcher.issue_groups import issue_counts
from matcher.report.tables import (LONG_TEXT, component_columns, decimals, header, rounded,
                                   shown_values)

#: Score bands for cell colours (CSS classes q0..q4), matching the workbook's red-to-green scale.
SCORE_BANDS = (40, 55, 70, 85)


def render_html(tables: dict[str, pd.DataFrame], title: str, language: str = "en") -> str:
    """The whole report as one HTML string, in ``language`` (``"en"``, ``"fi"`` or ``"sv"``).

    Example
    -------
    >>> page = render_html(tables, "Spring round", "fi")  # doctest: +SKIP
    >>> page.count("<svg")                                  # doctest: +SKIP
    5
    """
    pairs, unmatched, issues, mentors = (tables[k] for k in ("pairs", "unmatched", "issues", "mentors"))
    components = component_columns(pairs)
    template = string.Template(resources.files("matcher.report").joinpath("template.html")
                               .read_text(encoding="utf-8"))

    def text(key: str, **fields) -> str:
        return html.escape(t(key, language, **fields))

    free = mentors["remaining"] > 0
    return template.substitute(
        lang=language,
        title=html.escape(title),
        version=html.escape(__version__),
        subtitle=text("report.subtitle", n=len(pairs)),
        **{f"t_{key}": text(f"report.{key}")
           for key in ("summary", "charts", "settings", "pairs", "mentors", "unmatched", "issues")},
        filter_pairs=text("report.filter_pairs"),
        filter_mentors=text("report.filter_mentors"),
        show_details=text("report.show_details"),
        count_template=text("report.count", shown="{shown}", total="{total}"),
        footer=text("report.footer", version=__version__),
        pair_count=len(pairs),
        mentor_count=len(mentors),
        unmatched_count=len(unmatched),
        issue_summary=html.escape(_issue_summary(issues, language)),
        tiles=_tiles(tables, language),
        settings="".join(f"<dt>{html.escape(str(item))}</dt><dd>{html.escape(str(value))}</dd>"
                         for item, value in zip(tables["summary"]["item"], tables["summary"]["value"])),
        charts=_charts(tables, components, language),
        pairs_table=_pairs_table(pairs, components, language),
        mentors_intro=text("report.mentors_intro", free=int(free.sum()), n=len(mentors),
                           places=int(mentors["remaining"].clip(lower=0).sum())),
        # mentors with free places first, each group in the round's order
        mentors_table=html_table(mentors.iloc[np.argsort(~free.to_numpy(), kind="stable")],
                                 ["mentor_name", "capacity", "assigned", "remaining", "mentees",
                                  "mentor_id"], "mentors-table", t("report.no_mentors", language),
                                 language=language, details={"mentor_id"}),
        unmatched_table=html_table(unmatched, ["mentee_name", "reason", "best_candidates", "mentee_id"],
                                   "unmatched-table", t("report.everyone_matched", language),
                                   language=language, details={"mentee_id"}),
        # severity shown in the round's language, its class (the colour) the English word
        issues_table=html_table(shown_values("issues", issues, language).assign(
                                    severity_class=issues["severity"]),
                                ["severity", "count", "file", "row", "column", "problem", "suggestion"],
                                "issues-table", t("report.no_issues", language), row_class="severity",
                                language=language),
    )


def write_html(tables: dict[str, pd.DataFrame], path: Path, title: str, language: str = "en") -> Path:
    """Write :func:`render_html` to ``path`` (UTF-8)."""
    path.write_text(render_html(tables, title, language), encoding="utf-8", newline="\n")
    return path


def html_table(frame: pd.DataFrame, columns: list[str], table_id: str, empty: str, *,
               row_class: str | None = None, places: dict[str, int] | None = None,
               language: str = "en", details: set[str] | frozenset[str] = frozenset()) -> str:
    """A sortable ``<table>`` of ``columns``, every cell escaped; ``empty`` when no rows.

    Headers are the human ones in ``language``. Numbers are right-aligned and sort as numbers;
    ``places`` gives the decimals of rounded columns, and a ``score`` column gets colour band
    classes. Sentences (``LONG_TEXT``) get room to wrap. ``row_class`` names a column whose
    value becomes the class of its cells (e.g. ``severity`` → ``class="error"``), or the value of
    the column ``<row_class>_class`` when the frame has one (the word shown translated). ``details``
    columns (ids, score parts) are hidden until the reader asks for them. On a narrow screen and
    on paper each row becomes a block of labelled lines (the ``cards`` class).

    Example
    -------
    >>> html_table(pd.DataFrame({"mentee_name": ["<Äijälä>"]}), ["mentee_name"], "t", "none")[:75]
    '<table id="t" class="sortable cards"><thead><tr><th scope="col">Mentee</th>'
    """
    if frame.empty:
        return f'<p class="empty">{html.escape(empty)}</p>'
    places = places or {}
    head, cells = [], []
    for name in columns:
        series = frame[name]
        label = html.escape(header(name, language))
        extra = " detail" if name in details else ""
        if pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
            head.append(f'<th scope="col" class="num{extra}">{label}</th>')
            cells.append(_number_cells(series, places.get(name), banded=name == "score", extra=extra,
                                       language=language))
        else:
            head.append(f'<th scope="col" class="detail">{label}</th>' if extra
                        else f'<th scope="col">{label}</th>')
            kind = ("long" if name in LONG_TEXT else "short") + extra
            cells.append(_text_cells(series, classes=None if name == row_class else kind,
                                     names=frame.get(f"{name}_class")))
    body = "\n".join("<tr>" + "".join(row) + "</tr>" for row in zip(*cells))
    return (f'<table id="{table_id}" class="sortable cards"><thead><tr>{"".join(head)}</tr></thead>\n'
            f"<tbody>\n{body}\n</tbody></table>")


def _number_cells(series: pd.Series, places: int | None, banded: bool, extra: str = "",
                  language: str = "en") -> list[str]:
    """The ``<td>`` elements of a numeric column, a column at a time, with the decimal separator
    of ``language`` (the page's sorting reads both)."""
    values = series.to_numpy("float64", na_value=np.nan)
    if places is None:  # counts and row numbers: as people write them, never 1e+06
        text = [np.format_float_positional(v, trim="-") for v in values]
        if language in DECIMAL_COMMA:
            text = [v.replace(".", ",") for v in text]
    else:
        text = [number(v, language, places) for v in values]
    text = pd.Series(text, index=series.index).where(~np.isnan(values), "")
    classes = "num" + extra
    if banded:
        classes = classes + " q" + pd.Series(np.digitize(values, SCORE_BANDS), index=series.index).astype(str)
    return ('<td class="' + classes + '">' + text + "</td>").tolist()


def escaped_texts(values: list) -> list[str]:
    """Each value as HTML text without control characters (``""`` when missing): the texts are
    escaped as one string joined by newlines (kept by both steps) when no text holds one, a few
    passes in C instead of several per cell.

    >>> escaped_texts(["a<b", None, float("nan"), 3, "x\\x00y"]), escaped_texts(["two\\nlines", "&"])
    (['a&lt;b', '', '', '3', 'xy'], ['two\\nlines', '&amp;'])
    """
    texts = ["" if v is None or v is pd.NA or v != v else str(v) for v in values]
    joined = "\n".join(texts)
    if joined.count("\n") != max(len(texts) - 1, 0):  # a text of several lines: one at a time
        return [html.escape(strip_controls(text)) for text in texts]
    return html.escape(strip_controls(joined)).split("\n") if texts else []


def _text_cells(series: pd.Series, classes: str | None, names: pd.Series | None = None) -> list[str]:
    """The ``<td>`` elements of a text column; ``classes=None`` uses each value (or the same row
    of ``names``) as its class."""
    text = pd.Series(escaped_texts(series.tolist()), index=series.index, dtype=object)
    if classes is None and names is not None:
        classes_of = names.map(lambda v: html.escape(str(v)))
        return ('<td class="' + classes_of + '">' + text + "</td>").tolist()
    return ('<td class="' + (text if classes is None else classes) + '">' + text + "</td>").tolist()


def _pairs_table(pairs: pd.DataFrame, components: list[str], language: str) -> str:
    """Names, score, the explanation and why a pair is locked; ids and score parts on request."""
    locked = ["locked_by"] if pairs["locked"].any() else []  # a column of blanks says nothing
    status = ["status"] if "status" in pairs else []  # new / published / continuing (history)
    columns = ["mentee_name", "mentor_name", "score", "explanation", *locked, *status, *components,
               "mentee_id", "mentor_id"]
    table = rounded(pairs, components)
    return html_table(table, columns, "pairs-table", t("report.no_pairs", language),
                      places=decimals(table, components), language=language,
                      details={*components, "mentee_id", "mentor_id"})


def _tiles(tables: dict[str, pd.DataFrame], language: str) -> str:
    pairs, unmatched, mentors, issues = (tables[k] for k in ("pairs", "unmatched", "mentors", "issues"))
    matched = pairs["mentee_id"].nunique()
    mean = number(pairs["score"].mean(), language) if len(pairs) else "–"
    lowest = number(pairs["score"].min(), language) if len(pairs) else "–"
    counts = issue_counts(issues)
    # the Unmatched table lists the mentees not included too; the tiles count them apart, as the
    # Summary does, so that matched + unmatched + not included is everyone
    left_out = tables["not_included"]
    n_unmatched = len(unmatched) - int((left_out["role"] == "mentee").sum())
    tiles = [
        (len(pairs), "report.tile_pairs", False, "pairs"),
        (matched, "report.tile_matched", False, "pairs"),
        (n_unmatched, "report.tile_unmatched", n_unmatched > 0, "unmatched"),
        *([(len(left_out), "report.tile_not_included", True, "unmatched")] if len(left_out) else []),
        (mean, "report.tile_mean", False, "charts"),
        (lowest, "report.tile_lowest", False, "charts"),
        (int((mentors["remaining"] > 0).sum()), "report.tile_free", False, "mentors"),
        (counts.errors + counts.warnings, "report.tile_issues", counts.errors > 0, "issues"),
    ]
    return "".join(f'<a class="tile{" warn" if warn else ""}" href="#{target}">'
                   f"<b>{html.escape(str(value))}</b>"
                   f"<span>{html.escape(t(key, language, errors=counts.errors) if key == 'report.tile_issues' else t(key, language))}</span></a>"
                   for value, key, warn, target in tiles)


def _charts(tables: dict[str, pd.DataFrame], components: list[str], language: str) -> str:
    pairs = tables["pairs"]
    figures = [
        (charts.score_histogram(pairs["score"], language), "chart.scores_caption"),
        (charts.component_means(pairs, components, [header(c, language) for c in components],
                                language), "chart.components_caption"),
        (charts.goal_coverage_chart(tables["goal_coverage"], language), "chart.goals_caption"),
        (charts.supply_demand_chart(tables["supply_demand"], "language", language),
         "chart.supply_caption_language"),
        (charts.supply_demand_chart(tables["supply_demand"], "field", language),
         "chart.supply_caption_field"),
    ]
    shown = [f"<figure>{svg}<figcaption>{html.escape(t(caption, language))}</figcaption></figure>"
             for svg, caption in figures if svg]
    return "\n".join(shown) or f'<p class="empty">{html.escape(t("report.nothing_to_chart", language))}</p>'


def _issue_summary(issues: pd.DataFrame, language: str) -> str:
    return issue_counts(issues).text(language)
