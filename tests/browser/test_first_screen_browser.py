"""The leader's first screen and honest charts in real Chromium (issue 11 §8, §11), on demo data.

§8: at 1366×768 and 390×844, without scrolling, Tổng quan shows the cards against their targets, the trend, the
three weakest units and the overdue count with its link, measured as element boxes against the viewport; nothing
spills out of a card; on a phone no bar label is cut and Plotly's toolbar is never over a legend.
§11: the rendered axes (the trend's rate axis from 80%, best and worst bars on one 0–100% scale), the heatmap's
lowest cell in a strong colour (read from the screen's pixels), table headers not cut (read from the pixels of the
grid's header row).
"""

from __future__ import annotations

import colorsys
import io

import pytest
from conftest import box_inside, boxes_overlap, wait_until_idle
from PIL import Image

pytestmark = pytest.mark.browser

TIMEOUT_MS = 60_000
SIZES = [(1366, 768), (390, 844)]


def _open(browser, url: str, width: int, height: int, selector: str):
    context = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN")
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector(selector, timeout=TIMEOUT_MS)
    wait_until_idle(page)
    page.wait_for_function(
        "() => document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0", timeout=TIMEOUT_MS
    )
    page.wait_for_timeout(1500)  # Plotly draws after the element arrives
    return page


_FIRST_SCREEN = """() => {
  const box = e => { const r = e.getBoundingClientRect();
    return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height}; };
  const one = s => { const e = document.querySelector(s); return e ? box(e) : null; };
  const cards = [...document.querySelectorAll('.st-key-ov-cards [class*="st-key-card-"]')].map(card => {
    const inner = [...card.querySelectorAll('p, span, [data-testid="stMetricValue"], [data-testid="stMetricDelta"]')]
      .filter(e => e.textContent.trim() && e.getClientRects().length).map(box);
    const cut = [...card.querySelectorAll('[data-testid="stMetricLabel"] *, [data-testid="stMetricDelta"] *')]
      .filter(e => e.children.length === 0 && e.scrollWidth > e.clientWidth + 1).map(e => e.textContent);
    return {key: card.className.match(/st-key-card-(\\w+)/)[1], box: box(card), inner, cut,
            text: card.innerText};
  });
  const link = document.querySelector('.st-key-ov-overdue [data-testid="stPageLink"] a');
  return {
    cards,
    chart: one('.st-key-ov-rate-chart .main-svg'),
    chartTitle: one('.st-key-ov-rate-trend h3'),
    weakest: one('[data-testid="ov-weakest"]'),
    weakestRows: [...document.querySelectorAll('[data-testid="ov-weakest"] tr')].map(r => r.innerText),
    link: link ? {box: box(link), href: link.getAttribute('href'), text: link.innerText} : null,
    title: one('h1'),
    scrollTop: document.querySelector('[data-testid="stMain"]').scrollTop,
  };
}"""


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_leaders_first_screen_fits_without_scrolling(browser, demo_server, screenshots, width, height):
    page = _open(browser, demo_server.url, width, height, ".st-key-ov-rate-chart .main-svg")
    try:
        page.screenshot(path=str(screenshots / f"first_screen_{width}x{height}.png"))
        seen = page.evaluate(_FIRST_SCREEN)
        viewport = {"top": 0, "left": 0, "bottom": height, "right": width}
        assert seen["scrollTop"] == 0
        assert [card["key"] for card in seen["cards"]] == [
            "received", "resolved", "on_time", "overdue", "online", "satisfaction",
        ]  # fmt: skip
        pieces = {"title": seen["title"], "chart": seen["chart"], "chartTitle": seen["chartTitle"]}
        pieces |= {"weakest": seen["weakest"], "link": seen["link"]["box"]}
        pieces |= {f"card-{card['key']}": card["box"] for card in seen["cards"]}
        for name, box in pieces.items():
            assert box is not None and box["height"] > 0, name
            assert box_inside(box, viewport), f"{name} is not on the first screen at {width}×{height}: {box}"
        names = list(pieces)
        for i, first in enumerate(names):
            for second in names[i + 1 :]:
                assert not boxes_overlap(pieces[first], pieces[second]), f"{first} overlaps {second}"
        for card in seen["cards"]:
            spilled = [box for box in card["inner"] if not box_inside(box, card["box"])]
            assert not spilled, f"card {card['key']}: text outside its border: {spilled}"
            assert not card["cut"], f"card {card['key']}: text cut: {card['cut']}"
        # The state against the targets: every KPI with a target says its grade and the target.
        for card in seen["cards"]:
            if card["key"] in ("on_time", "overdue", "online", "satisfaction"):
                assert "mục tiêu" in card["text"] and any(
                    word in card["text"] for word in ("Đạt", "Gần đạt", "Chưa đạt")
                ), card["text"]
        assert len(seen["weakestRows"]) == 3 and all("%" in row for row in seen["weakestRows"])
        assert "qua-han" in seen["link"]["href"] and "hồ sơ đang quá hạn" in seen["link"]["text"]
        shown = int("".join(ch for ch in seen["link"]["text"].split("hồ sơ")[0] if ch.isdigit()))
        # The link leads to the list of exactly those dossiers.
        page.locator('.st-key-ov-overdue [data-testid="stPageLink"] a').click()
        page.get_by_role("heading", name="Hồ sơ quá hạn & sắp đến hạn", exact=True).wait_for(
            timeout=TIMEOUT_MS
        )
        wait_until_idle(page)
        listed = page.locator('.st-key-metric-overdue [data-testid="stMetricValue"]').inner_text()
        assert int(listed.replace(".", "")) == shown
    finally:
        page.context.close()


_CHARTS = """() => [...document.querySelectorAll('.js-plotly-plot')].map(gd => {
  const r = gd.getBoundingClientRect();
  const box = e => { const b = e.getBoundingClientRect();
    return {top: b.top, bottom: b.bottom, left: b.left, right: b.right, width: b.width, height: b.height}; };
  const texts = [...gd.querySelectorAll('text.bartext, .ytick text, .xtick text')]
    .filter(e => e.textContent.trim() && e.getBoundingClientRect().width > 0)  // hidden (too narrow): not drawn
    .map(e => ({text: e.textContent, box: box(e),
      size: parseFloat(getComputedStyle(e).fontSize)}));
  const legend = gd.querySelector('.legend');
  const modebar = gd.querySelector('.modebar-container');
  const shown = modebar && getComputedStyle(modebar).display !== 'none' && modebar.getClientRects().length;
  return {key: gd.closest('[class*="st-key-"]')?.className.match(/st-key-([\\w-]+)/)?.[1], box: box(gd), texts,
          legend: legend ? box(legend) : null, modebar: shown ? box(modebar.querySelector('.modebar') || modebar) : null};
})"""


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_no_bar_label_is_cut_and_no_toolbar_covers_a_legend(browser, demo_server, screenshots, width, height):
    page = _open(browser, demo_server.url, width, height, ".st-key-ov-rate-chart .main-svg")
    try:
        main = page.locator('[data-testid="stMain"]')
        total = main.evaluate("e => e.scrollHeight")
        step, seen = height - 120, {}
        for top in range(0, total, step):  # Streamlit draws a chart when it is scrolled into view
            main.evaluate(f"e => e.scrollTo(0, {top})")
            page.wait_for_timeout(900)
            for chart in page.evaluate(_CHARTS):
                if chart["texts"]:
                    seen[chart["key"]] = chart
            for plot in page.locator(".js-plotly-plot").all():
                if plot.is_visible() and plot.bounding_box() and 0 < plot.bounding_box()["y"] < height - 80:
                    plot.hover(position={"x": 40, "y": 30})  # Plotly shows its toolbar on hover
                    page.wait_for_timeout(200)
                    for chart in page.evaluate(_CHARTS):
                        if chart["modebar"] and chart["legend"]:
                            assert not boxes_overlap(chart["modebar"], chart["legend"]), (
                                f"{chart['key']}: the toolbar covers the legend at {width}×{height}"
                            )
        page.screenshot(path=str(screenshots / f"overview_bottom_{width}x{height}.png"))
        assert {"rate-trend-chart", "trend-chart", "split-chart", "best-chart", "worst-chart"} <= set(seen), (
            seen.keys()
        )
        for key, chart in seen.items():
            for text in chart["texts"]:
                assert box_inside(text["box"], chart["box"], slack=2), (
                    f"{key}: '{text['text']}' cut at {width}"
                )
                assert text["size"] >= 10, f"{key}: '{text['text']}' shrunk to {text['size']} px"
            for i, first in enumerate(chart["texts"]):  # tick labels side by side, never on top of each other
                for second in chart["texts"][i + 1 :]:
                    if first["box"]["top"] == second["box"]["top"]:
                        assert not boxes_overlap(first["box"], second["box"]), (
                            key,
                            first["text"],
                            second["text"],
                        )
    finally:
        page.context.close()


_AXES = """() => Object.fromEntries([...document.querySelectorAll('.js-plotly-plot')].map(gd => [
  gd.closest('[class*="st-key-"]')?.className.match(/st-key-([\\w-]+)/)?.[1],
  {x: gd._fullLayout.xaxis?.range, y: gd._fullLayout.yaxis?.range, y2: gd._fullLayout.yaxis2?.range,
   y2title: gd._fullLayout.yaxis2?.title?.text}]))"""


def test_rendered_axes_do_not_exaggerate(browser, demo_server):
    page = _open(browser, demo_server.url, 1920, 1080, ".st-key-ov-rate-chart .main-svg")
    try:
        main = page.locator('[data-testid="stMain"]')
        for top in (0, 900, 1800, 2700):
            main.evaluate(f"e => e.scrollTo(0, {top})")
            page.wait_for_timeout(900)
        axes = page.evaluate(_AXES)
        assert axes["rate-trend-chart"]["y"] == pytest.approx([0.8, 1.0])  # not the data's 96,8–98,1%
        trend = axes["trend-chart"]
        assert trend["y2"] == pytest.approx([0.8, 1.0]) and "từ 80%" in trend["y2title"]
        assert (
            axes["best-chart"]["x"] == axes["worst-chart"]["x"] == pytest.approx([0.0, 1.0], abs=1e-3)
        )  # one scale
    finally:
        page.context.close()


_LOWEST_CELL = """() => {
  const gd = document.querySelector('.st-key-heatmap .js-plotly-plot');
  const trace = gd._fullData[0], xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
  let low = null;
  trace.z.forEach((row, i) => row.forEach((value, j) => {
    if (value !== null && !Number.isNaN(value) && (low === null || value < low.value)) low = {value, i, j};
  }));
  const r = gd.querySelector('.main-svg').getBoundingClientRect();
  const x = r.left + xa._offset + xa.c2p(low.j), y = r.top + ya._offset + ya.c2p(low.i);
  const cell = Math.abs(xa.c2p(1) - xa.c2p(0));
  return {value: low.value, x, y, cell};
}"""


def test_the_heatmaps_lowest_cell_is_a_strong_colour(browser, demo_server, screenshots):
    page = _open(browser, f"{demo_server.url}/don-vi", 1920, 1080, "h1")
    try:
        page.locator(".st-key-heatmap").scroll_into_view_if_needed()
        page.wait_for_selector(".st-key-heatmap .main-svg", timeout=TIMEOUT_MS)
        page.wait_for_timeout(1500)
        page.locator(".st-key-heatmap").screenshot(path=str(screenshots / "heatmap_1920x1080.png"))
        cell = page.evaluate(_LOWEST_CELL)
        assert cell["value"] < 0.95
        # A point of the cell away from its centre, where the percentage is written.
        x, y = cell["x"] - cell["cell"] * 0.35, cell["y"]
        shot = page.screenshot(clip={"x": x - 1, "y": y - 1, "width": 3, "height": 3})
        red, green, blue = Image.open(io.BytesIO(shot)).convert("RGB").getpixel((1, 1))
        _, lightness, saturation = colorsys.rgb_to_hls(red / 255, green / 255, blue / 255)
        assert saturation >= 0.6 and lightness <= 0.65, (cell, (red, green, blue))
        assert red > green > blue  # warm: below the target
    finally:
        page.context.close()


def test_table_headers_are_not_cut(browser, demo_server, screenshots):
    """The grid is a canvas: read its header row's pixels. A cut header has its letters running into the
    column's right border; a whole one keeps the cell's padding (8 px) clear before it."""
    page = _open(browser, f"{demo_server.url}/don-vi", 1366, 768, '[data-testid="stDataFrame"] canvas')
    try:
        grid = page.locator('[data-testid="stDataFrame"]').first
        grid.scroll_into_view_if_needed()
        page.wait_for_timeout(800)
        box = grid.bounding_box()
        top = Image.open(io.BytesIO(page.screenshot(clip={**box, "height": 80}))).convert("L")
        # The header row: the band of the grid's header background (not white) at the top of the grid.
        band = [y for y in range(top.height) if top.getpixel((int(box["width"]) // 2, y)) < 252]
        header_image = top.crop((0, band[0] + 2, top.width, band[0] + 30))
        header_image.save(screenshots / "units_table_header_1366.png")
        width, height = header_image.size
        pixels = header_image.load()
        # Column borders: a light grey line the whole height of the row.
        borders = [x for x in range(width) if all(200 <= pixels[x, y] <= 240 for y in range(2, height - 2))]
        borders = [x for i, x in enumerate(borders) if i == 0 or x - borders[i - 1] > 3]
        assert len(borders) >= 6, borders
        for left, right in zip(borders, borders[1:], strict=False):
            if right >= width - 4:
                break  # the last visible column may be cut by the grid's own edge (it scrolls)
            ink = [x for x in range(left + 2, right) for y in range(height) if pixels[x, y] < 140]
            assert ink, f"no header text between x={left} and x={right}"
            assert right - max(ink) >= 5, f"header cut at its right border (x={right})"
    finally:
        page.context.close()
