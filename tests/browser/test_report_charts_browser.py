"""The Word report's charts laid out in Chromium exactly as kaleido lays them out for the picture (issue 11 §12):
plotly.js from the plotly package, the figure at its print size. Every word inside the picture, no axis title
over its tick labels, no legend over the plot's labels, every unit named on a unit axis."""

from __future__ import annotations

import json
from datetime import datetime

import plotly
import pytest

from dashboard.exports.chart_images import LOCAL_PLOTLY_JS
from dashboard.exports.report_charts import report_figures
from dashboard.kpi.report import report_content

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def figures(tmp_path_factory):
    from kpi_fixtures import store
    from test_word_report import OCTOBER, _three_units

    db = store(tmp_path_factory.mktemp("charts") / "u.duckdb", _three_units())
    content = report_content(db, OCTOBER, scope="Phường Hải Châu", now=datetime(2026, 11, 16, 8, 0))
    return report_figures(content)


_MEASURE = """() => {
  const gd = document.getElementById('chart'), svg = gd.querySelector('.main-svg');
  const box = e => { const r = e.getBoundingClientRect();
    return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width}; };
  const texts = sel => [...gd.querySelectorAll(sel)].filter(t => t.textContent.trim() && t.getBoundingClientRect().width)
    .map(t => ({text: t.textContent, box: box(t)}));
  return {svg: box(svg), all: texts('text'), titles: texts('.g-xtitle text, .g-ytitle text, .g-y2title text'),
          ticks: texts('.xtick text, .ytick text, .y2tick text'), legend: texts('.legend text'),
          categories: gd._fullLayout.yaxis.type === 'category'
            ? gd._fullLayout.yaxis._categories.filter(c => String(c).trim()).length : null,
          labels: gd.querySelectorAll('.ytick text').length};
}"""


def _inside(inner, outer, slack=0.5):
    return (inner["top"] >= outer["top"] - slack and inner["bottom"] <= outer["bottom"] + slack
            and inner["left"] >= outer["left"] - slack and inner["right"] <= outer["right"] + slack)  # fmt: skip


def _overlap(a, b):
    return min(a["right"], b["right"]) - max(a["left"], b["left"]) > 0.5 and (
        min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > 0.5
    )


def test_every_word_of_every_report_chart_is_inside_its_picture(browser, figures, screenshots):
    page = browser.new_page()
    try:
        for number, printed in enumerate(figures, start=1):
            spec = json.loads(printed.figure.to_json())
            layout = {**spec["layout"], "width": printed.width, "height": printed.height}
            page.set_viewport_size({"width": printed.width + 40, "height": printed.height + 40})
            page.set_content(
                '<html><body style="margin:0"><div id="chart"></div>'
                f"<script>{LOCAL_PLOTLY_JS.read_text()}</script>"
                f"<script>Plotly.newPlot('chart', {json.dumps(spec['data'])}, {json.dumps(layout)},"
                " {staticPlot: true});</script></body></html>"
            )
            page.wait_for_selector("#chart .main-svg text")
            page.wait_for_timeout(300)
            page.screenshot(path=str(screenshots / f"word_chart_{number}.png"))
            seen = page.evaluate(_MEASURE)
            for text in seen[
                "all"
            ]:  # the picture's white frame (chart_geometry.framed) is outside the drawing
                assert _inside(text["box"], seen["svg"]), f"chart {number}: '{text['text']}' cut at the edge"
            for title in seen["titles"]:
                for tick in seen["ticks"]:
                    assert not _overlap(title["box"], tick["box"]), (number, title["text"], tick["text"])
            for entry in seen["legend"]:
                for tick in seen["ticks"]:
                    assert not _overlap(entry["box"], tick["box"]), (number, entry["text"], tick["text"])
            if seen["categories"] is not None:
                assert seen["labels"] == seen["categories"], f"chart {number}: a unit's name left out"
    finally:
        page.close()


def test_the_plotly_used_is_the_packages_own():
    assert LOCAL_PLOTLY_JS.exists() and plotly.__version__
