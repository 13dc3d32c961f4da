"""report.html in a real browser: headless Chromium at a laptop's 1366×768 and a phone's 400 px.

Chromium runs the page with a measuring script added at its end (the page's own script has run by
then): it records anything wider than the viewport, scroll boxes around the pairs table, how many
pair rows a laptop screen shows, whether ids are hidden, and what the pairs count says after
typing into the filter. ``--dump-dom`` hands the numbers back. Nothing is fetched: the page is a
local file and Chromium starts with its network features off.

Chromium is not on a fresh machine: these tests skip, saying so, when /usr/bin/chromium is absent
(Debian: ``apt-get install chromium``; ``.ci/run`` tries that).
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from matcher.report.html import write_html
from matcher.run import run_round

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars")
#: A file name nobody would split: the Data issues table must still not widen the page.
LONG_TOKEN = "mentees_" + "x" * 140 + ".xlsx"

MEASURE = """
<script>
(function () {
  var W = window.innerWidth, H = window.innerHeight, out = {width: W, overflow: []};
  function check(el, what) {
    var r = el.getBoundingClientRect();
    if (r.width > 0 && (r.right > W + 1 || r.left < -1)) {
      out.overflow.push(what + " spans " + Math.round(r.left) + ".." + Math.round(r.right));
    }
  }
  out.scrollWidth = document.documentElement.scrollWidth;
  document.querySelectorAll("section, table, figure svg").forEach(function (el) {
    check(el, el.tagName.toLowerCase() + (el.id ? "#" + el.id : " " + (el.getAttribute("aria-label") || "")));
  });
  var table = document.getElementById("pairs-table"), rows = table.tBodies[0].rows;
  out.scrollBoxes = [];
  for (var a = table.parentElement; a && a !== document.documentElement; a = a.parentElement) {
    var style = getComputedStyle(a);
    if (/auto|scroll/.test(style.overflowX + style.overflowY)) { out.scrollBoxes.push(a.tagName + "." + a.className); }
  }
  out.idsShown = Array.prototype.some.call(rows[0].cells, function (cell) {
    return cell.textContent === ID && cell.getClientRects().length > 0;
  });
  window.scrollTo(0, table.getBoundingClientRect().top + window.scrollY - 60);
  out.rowsOnScreen = Array.prototype.filter.call(rows, function (row) {
    var r = row.getBoundingClientRect(); return r.top >= 0 && r.bottom <= H;
  }).length;
  out.explanationWidth = Math.round(rows[0].cells[3].getBoundingClientRect().width);
  var input = document.querySelector('input[data-filter="pairs-table"]');
  var count = document.querySelector('[data-count-for="pairs-table"]');
  out.counts = [];
  [WORD, "", "no such text anywhere"].forEach(function (word) {
    input.value = word;
    input.dispatchEvent(new Event("input"));
    var visible = Array.prototype.filter.call(rows, function (row) { return !row.hidden; }).length;
    out.counts.push([word, visible, count.textContent]);
  });
  out.printBlocks = [];
  Array.prototype.forEach.call(document.styleSheets, function (sheet) {
    Array.prototype.forEach.call(sheet.cssRules, function (rule) {
      if (rule.media && rule.media.mediaText.indexOf("print") >= 0) {
        Array.prototype.forEach.call(rule.cssRules, function (inner) {
          if (inner.selectorText === "table.cards tr") { out.printBlocks.push(inner.style.breakInside); }
        });
      }
    });
  });
  var pre = document.createElement("pre");
  pre.id = "metrics";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>
"""


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    from tests.conftest import ROOT

    return run_round(ROOT / "data/samples/round.toml", tmp_path_factory.mktemp("browser") / "output")


def _measure(sample, tmp_path, width: int, height: int, language: str) -> dict:
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is absent: cannot render report.html headless "
                    "(Debian: apt-get install chromium)")
    tables = dict(sample.tables)
    issues = tables["issues"]
    tables["issues"] = pd.concat([issues, pd.DataFrame([{
        "severity": "warning", "file": LONG_TOKEN, "row": 2, "column": LONG_TOKEN, "value": "",
        "problem": LONG_TOKEN, "suggestion": "rename the file"}])], ignore_index=True)
    pairs = tables["pairs"]
    page = write_html(tables, tmp_path / "report.html", "Spring round", language).read_text(encoding="utf-8")
    word = pairs["mentor_name"].iloc[0]
    script = MEASURE.replace("WORD", json.dumps(word)).replace("ID", json.dumps(pairs["mentee_id"].iloc[0]))
    probe = tmp_path / "probe.html"
    probe.write_text(page.replace("</body>", script + "</body>"), encoding="utf-8")
    dom = subprocess.run([str(CHROMIUM), *FLAGS, f"--user-data-dir={tmp_path / 'profile'}",
                          f"--window-size={width},{height}", "--dump-dom", probe.as_uri()],
                         capture_output=True, text=True, timeout=120, check=True).stdout
    found = re.search(r'<pre id="metrics">(.*?)</pre>', dom, re.S)
    assert found, "the measuring script did not run"
    metrics = json.loads(found.group(1).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">"))
    metrics["expected_at_least"] = int((pairs["mentor_name"] == word).sum())
    metrics["pairs"] = len(pairs)
    return metrics


def _assert_fits_and_filters(metrics: dict, count_text: str) -> None:
    assert metrics["width"] > 0
    assert not metrics["overflow"], f"wider than the {metrics['width']} px viewport: {metrics['overflow']}"
    assert metrics["scrollWidth"] <= metrics["width"], "the page scrolls sideways"
    assert metrics["scrollBoxes"] == [], "the pairs table sits in a nested scroll box"
    assert not metrics["idsShown"], "ids are hidden until asked for"
    (word, shown, text), (_, everyone, all_text), (_, none, none_text) = metrics["counts"]
    total = metrics["pairs"]
    assert metrics["expected_at_least"] <= shown < total, (word, shown)
    assert text == "(" + count_text.format(shown=shown, total=total) + ")", "the count follows the filter"
    assert everyone == total and all_text == f"({total})"
    assert none == 0 and none_text == "(" + count_text.format(shown=0, total=total) + ")"
    assert metrics["printBlocks"] == ["avoid"], "on paper each pair is one block, never cut"


def test_report_fits_a_laptop_screen(sample, tmp_path):
    metrics = _measure(sample, tmp_path, 1366, 768, "en")
    _assert_fits_and_filters(metrics, "{shown} of {total}")
    assert metrics["rowsOnScreen"] >= 6, "a laptop screen shows several pairs at once"
    assert metrics["explanationWidth"] >= 500, "the explanation gets most of the width"


@pytest.mark.parametrize("language, count_text", [("en", "{shown} of {total}"), ("fi", "{shown} / {total}")])
def test_report_is_usable_at_phone_width(sample, tmp_path, language, count_text):
    metrics = _measure(sample, tmp_path, 400, 800, language)
    _assert_fits_and_filters(metrics, count_text)
    assert metrics["rowsOnScreen"] >= 1
