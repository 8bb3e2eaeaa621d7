"""Meeting mode on projectors and laptops (issue 11 §9): every slide at 1920×1080, 1536×864, 1366×768, 1280×720
and 1024×768 in real Chromium, on demo data. A screenshot of each, then the rendered boxes are inspected: nothing
outside the screen, nothing overflowing its box (scrollWidth > clientWidth), no two blocks on top of each other,
the control bar over nothing, no chart text cut at its chart's edge, and the type still large for the screen."""

from __future__ import annotations

import pytest
from conftest import box_inside, boxes_overlap, wait_for_slide

pytestmark = pytest.mark.browser

TIMEOUT_MS = 60_000
SLIDES = 5
SIZES = [(1920, 1080), (1536, 864), (1366, 768), (1280, 720), (1024, 768)]
# Type as a share of the screen's height: at 1080 pixels, body 26 px (2.4%), key figures 84 px, charts 22 px.
BODY_SHARE, FIGURE_SHARE, CHART_SHARE = 0.021, 0.055, 0.0175


_INSPECT = """() => {
  const box = e => { const r = e.getBoundingClientRect();
    return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height}; };
  const visible = e => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden'
    && getComputedStyle(e).display !== 'none';
  const name = e => (e.className && e.className.baseVal === undefined ? String(e.className) : e.tagName)
    .split(' ').filter(c => c.startsWith('pr-') || c.startsWith('st-key') || c === 'main-svg')[0] || e.tagName;
  const deck = document.querySelector('.st-key-pr-deck');
  const controls = document.querySelector('.st-key-pr-controls');
  const zoom = deck.getBoundingClientRect().width / deck.offsetWidth;
  const html = [...deck.querySelectorAll('*')].filter(e => !(e instanceof SVGElement) && visible(e));
  const overflowing = html.filter(e => e.closest('.js-plotly-plot') === null
      && (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)
      && e.clientWidth > 0 && getComputedStyle(e).overflow !== 'visible' || (e.matches('.pr-card, .pr-figure, .pr-head, .pr-title, .pr-meta, .pr-table, .pr-caption, .pr-message')
      && (e.scrollWidth > e.clientWidth + 1)))
    .map(e => [name(e), e.scrollWidth, e.clientWidth, e.scrollHeight, e.clientHeight, e.innerText.slice(0, 40)]);
  const texts = [];
  const walker = document.createTreeWalker(deck, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, element = node.parentElement;
    if (!node.textContent.trim() || element.closest('svg') || !visible(element)) continue;
    const range = document.createRange(); range.selectNodeContents(node);
    const r = range.getBoundingClientRect();
    texts.push({text: node.textContent.trim().slice(0, 40), size: parseFloat(getComputedStyle(element).fontSize) * zoom,
                box: {top: r.top, bottom: r.bottom, left: r.left, right: r.right}, figure: element.classList.contains('pr-figure')});
  }
  const charts = [...deck.querySelectorAll('.js-plotly-plot')].filter(visible).map(gd => ({
    box: box(gd.querySelector('.main-svg')),
    // Text drawn with the data (inside or beside bars) is clipped at the plot area: it must lie within it.
    plot: box(gd.querySelector('.draglayer .nsewdrag') || gd.querySelector('.main-svg')),
    data: [...gd.querySelectorAll('.barlayer text, .scatterlayer text')]
      .filter(t => t.textContent.trim() && t.getBoundingClientRect().width).map(t => ({text: t.textContent, box: box(t)})),
    // A category axis whose labels do not fit loses some of them (Plotly skips them): every unit must be named.
    categories: gd._fullLayout.yaxis.type === 'category' ? gd._fullLayout.yaxis._categories.length : null,
    labels: gd.querySelectorAll('.ytick text').length,
    texts: [...gd.querySelectorAll('.main-svg text')].filter(t => t.textContent.trim() && t.getBoundingClientRect().width)
      .map(t => ({text: t.textContent.slice(0, 40), box: box(t),
                  size: parseFloat(getComputedStyle(t).fontSize) * gd.getBoundingClientRect().width
                        / gd.querySelector('.main-svg').getAttribute('width')}))}));
  const blocks = [...deck.querySelectorAll('.pr-head, .pr-card, .pr-caption, .pr-message, .pr-badge, .pr-table, .js-plotly-plot')]
    .filter(visible).map(e => ({name: name(e), box: box(e)}));
  const buttons = [...controls.querySelectorAll('button, input, .pr-caption')].filter(visible).map(e => ({name: e.innerText || e.tagName, box: box(e)}));
  const scroller = document.scrollingElement;
  return {zoom, overflowing, texts, charts, blocks, buttons, deck: box(deck), controls: box(controls),
          scroll: [scroller.scrollWidth, scroller.scrollHeight],
          main: [document.querySelector('[data-testid="stMain"]').scrollWidth,
                 document.querySelector('[data-testid="stMain"]').scrollHeight]};
}"""


def _contains(a: dict, b: dict) -> bool:
    return box_inside(a, b, slack=0.5) or box_inside(b, a, slack=0.5)


def _check(seen: dict, width: int, height: int, number: int) -> None:
    where = f"slide {number} at {width}×{height}"
    screen = {"top": 0, "left": 0, "bottom": height, "right": width}
    assert seen["scroll"][0] <= width and seen["scroll"][1] <= height, (
        f"{where}: the page scrolls {seen['scroll']}"
    )
    assert not seen["overflowing"], f"{where}: overflowing {seen['overflowing']}"
    assert box_inside(seen["deck"], screen, slack=1.5) and box_inside(seen["controls"], screen, slack=1.5), (
        where
    )
    for text in seen["texts"]:
        assert box_inside(text["box"], seen["deck"], slack=1.5), (
            f"{where}: '{text['text']}' outside the slide"
        )
        floor = (FIGURE_SHARE if text["figure"] else BODY_SHARE) * height
        assert text["size"] >= floor - 0.01, f"{where}: '{text['text']}' {text['size']:.1f} px < {floor:.1f}"
    for chart in seen["charts"]:
        assert box_inside(chart["box"], seen["deck"], slack=1.5), f"{where}: a chart runs outside the slide"
        for text in chart["data"]:
            assert box_inside(text["box"], chart["plot"], slack=1.5), (
                f"{where}: '{text['text']}' cut at the edge of the plot"
            )
        if chart["categories"] is not None:
            assert chart["labels"] == chart["categories"], f"{where}: unit names left out of a chart"
        for text in chart["texts"]:
            assert box_inside(text["box"], chart["box"], slack=1.5), (
                f"{where}: chart text '{text['text']}' cut"
            )
            assert text["size"] >= CHART_SHARE * height - 0.01, f"{where}: chart text '{text['text']}' small"
    blocks = seen["blocks"]
    for i, first in enumerate(blocks):
        for second in blocks[i + 1 :]:
            if not _contains(first["box"], second["box"]):
                assert not boxes_overlap(first["box"], second["box"]), (
                    f"{where}: {first['name']} over {second['name']}"
                )
    for button in seen["buttons"]:
        assert box_inside(button["box"], screen, slack=1.5), (
            f"{where}: control '{button['name']}' off the screen"
        )
        for block in blocks:
            assert not boxes_overlap(button["box"], block["box"]), (
                f"{where}: '{button['name']}' covers {block['name']}"
            )


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_every_slide_fits_the_screen(browser, demo_server, screenshots, width, height):
    context = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN")
    page = context.new_page()
    try:
        for number in range(1, SLIDES + 1):
            page.goto(f"{demo_server.url}/?present=1&trang={number}")
            wait_for_slide(page, number)
            page.screenshot(path=str(screenshots / f"present_{width}x{height}_slide{number}.png"))
            seen = page.evaluate(_INSPECT)
            expected_zoom = min(width / max(1440, min(1920, 1080 * width / height)), height / 1080)
            assert seen["zoom"] == pytest.approx(expected_zoom, abs=0.01)
            _check(seen, width, height, number)
    finally:
        context.close()
