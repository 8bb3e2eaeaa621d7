"""Meeting mode and printing in real Chromium at 1920×1080 on demo data (issue 5 §6, §8): readable sizes from
computed styles, no Streamlit chrome, no scrolling, the keys of a keyboard or clicker, auto-advance, A4 PDF."""

from __future__ import annotations

import re

import pytest
from conftest import choose_year, wait_for_slide

pytestmark = pytest.mark.browser

TIMEOUT_MS = 60_000
SLIDES = 5


def title(page) -> str:
    return page.locator('[data-testid="pr-title"]').inner_text()


def period_url(page, server) -> str:
    """The overview with the year chosen in the sidebar: the URL then carries the period (ky, nam)."""
    page.goto(server.url)
    page.get_by_role("heading", name="Tổng quan", exact=True).wait_for(timeout=TIMEOUT_MS)
    choose_year(page, TIMEOUT_MS)
    return page.url


_MEASURE = """() => {
  const deck = document.querySelector('.st-key-pr-deck');
  const body = [];
  const walker = document.createTreeWalker(deck, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, element = node.parentElement;
    if (!node.textContent.trim() || element.closest('svg')) continue;
    body.push([parseFloat(getComputedStyle(element).fontSize), node.textContent.trim().slice(0, 40)]);
  }
  const svg = [...deck.querySelectorAll('.main-svg text')].filter(e => e.textContent.trim())
    .map(e => [parseFloat(getComputedStyle(e).fontSize), e.textContent.trim().slice(0, 40)]);
  const figures = [...deck.querySelectorAll('.pr-figure')].map(e => parseFloat(getComputedStyle(e).fontSize));
  const bottoms = [...document.querySelectorAll('.st-key-pr-deck, .st-key-pr-controls')]
    .map(e => e.getBoundingClientRect().bottom);
  const main = document.querySelector('[data-testid="stMainBlockContainer"]');
  const titleElement = deck.querySelector('[data-testid="pr-title"]');
  return {body, svg, figures, bottoms, scroll: document.scrollingElement.scrollHeight,
          content: main.scrollHeight, colour: getComputedStyle(titleElement).color,
          background: getComputedStyle(document.querySelector('[data-testid="stMain"]')).backgroundColor};
}"""


def test_meeting_mode_is_readable_from_the_back_and_follows_the_keys(page, demo_server, screenshots):
    shared = period_url(page, demo_server)
    page.goto(shared + "&present=1")
    wait_for_slide(page, 1)
    assert "Năm 20" in page.locator('[data-testid="pr-stamp"]').inner_text()  # the filters came along
    assert "Số liệu đến ngày" in page.locator('[data-testid="pr-stamp"]').inner_text()
    for testid in ("stSidebar", "stHeader", "stToolbar", "stDecoration"):
        assert not page.locator(f'[data-testid="{testid}"]').first.is_visible(), testid
    titles = []
    for number in range(1, SLIDES + 1):
        if number > 1:
            page.keyboard.press("ArrowRight")
            page.wait_for_url(re.compile(rf"[?&]trang={number}\b"), timeout=TIMEOUT_MS)
            wait_for_slide(page, number)
        page.screenshot(path=str(screenshots / f"present_slide{number}_1920x1080.png"))
        measured = page.evaluate(_MEASURE)
        small = [item for item in measured["body"] if item[0] < 24]
        assert not small, f"slide {number}: text under 24 px: {small}"
        assert measured["figures"] == [] or min(measured["figures"]) >= 64
        assert number != 1 or len(measured["figures"]) == 4  # received, resolved, on-time rate, overdue
        small_svg = [item for item in measured["svg"] if item[0] < 20]
        assert measured["svg"] and not small_svg, f"slide {number}: chart text under 20 px: {small_svg}"
        assert measured["scroll"] <= 1080 + 4 and measured["content"] <= 1080 + 4, measured
        assert max(measured["bottoms"]) <= 1080, (
            f"slide {number} runs below the screen: {measured['bottoms']}"
        )
        assert measured["colour"] == "rgb(17, 17, 17)" and measured["background"] == "rgb(255, 255, 255)"
        titles.append(title(page))
    assert len(set(titles)) == SLIDES  # one message per slide
    # Back with a clicker's PageUp, to the end and the start with End / Home.
    page.keyboard.press("PageUp")
    wait_for_slide(page, SLIDES - 1)
    page.keyboard.press("Home")
    wait_for_slide(page, 1)
    page.keyboard.press("End")
    wait_for_slide(page, SLIDES)
    page.reload()  # the slide lives in the URL
    wait_for_slide(page, SLIDES)
    assert page.external_requests == []
    page.keyboard.press("Escape")
    page.get_by_role("heading", name="Tổng quan", exact=True).wait_for(timeout=TIMEOUT_MS)
    assert "present=" not in page.url and "ky=" in page.url
    page.locator('[data-testid="stSidebar"]').wait_for(state="visible", timeout=TIMEOUT_MS)


def test_arrow_right_changes_the_title_and_auto_advance_moves_on(page, demo_server):
    page.goto(f"{demo_server.url}/?present=1&trang=1")
    wait_for_slide(page, 1)
    first = title(page)
    page.keyboard.press("ArrowRight")
    page.wait_for_url(re.compile(r"[?&]trang=2\b"), timeout=TIMEOUT_MS)
    wait_for_slide(page, 2)
    assert title(page) != first
    page.goto(f"{demo_server.url}/?present=1&trang=2&tu_dong=3")
    wait_for_slide(page, 2)
    page.wait_for_url(re.compile(r"[?&]trang=3\b"), timeout=TIMEOUT_MS)
    wait_for_slide(page, 3)


def test_printing_hides_the_chrome_and_makes_an_a4_pdf(page, demo_server, screenshots):
    page.goto(demo_server.url)
    page.get_by_role("heading", name="Tổng quan", exact=True).wait_for(timeout=TIMEOUT_MS)
    page.wait_for_function(
        "() => [...document.querySelectorAll('style')].some(s => s.textContent.includes('A4 landscape'))",
        timeout=TIMEOUT_MS,
    )
    page.wait_for_selector(".main-svg text", timeout=TIMEOUT_MS)
    page.wait_for_timeout(1500)
    page.emulate_media(media="print")
    display = page.evaluate(
        "() => getComputedStyle(document.querySelector('[data-testid=\"stSidebar\"]')).display"
    )
    assert display == "none"
    overflow = page.evaluate(
        "() => getComputedStyle(document.querySelector('[data-testid=\"stMain\"]')).overflow"
    )
    assert overflow == "visible"  # the content flows over sheets instead of being cut at the first
    pdf = page.pdf(format="A4", landscape=True, prefer_css_page_size=True)
    assert pdf.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page\b", pdf)) >= 2
    (screenshots / "print_overview_a4.pdf").write_bytes(pdf)

    page.emulate_media(media="screen")
    page.goto(f"{demo_server.url}/?present=1&in=1")
    for number in range(1, SLIDES + 1):
        page.locator(f".st-key-pr-slide-{number} [data-testid='pr-title']").wait_for(timeout=TIMEOUT_MS)
    page.wait_for_function(
        f"() => document.querySelectorAll('.st-key-pr-deck-all .js-plotly-plot .main-svg').length >= {SLIDES}",
        timeout=TIMEOUT_MS,
    )
    page.wait_for_timeout(1500)
    page.emulate_media(media="print")
    assert page.evaluate("() => getComputedStyle(document.querySelector('.pr-noprint')).display") == "none"
    assert not page.get_by_role("button", name="Quay lại trình chiếu").is_visible()
    pdf = page.pdf(format="A4", landscape=True, prefer_css_page_size=True)
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == SLIDES  # one slide per sheet
    (screenshots / "print_present_a4.pdf").write_bytes(pdf)
