"""Counting by unit across 1/7/2025 in real Chromium on the demo (issue 15 §4): the switch "Đơn vị hiện nay /
Đơn vị khi tiếp nhận" goes into the URL and a copied link opens the same view; the overview trend of 2025 draws
the reorganisation's line; at a phone's width the Dữ liệu page's unit choices fit."""

from __future__ import annotations

from urllib.parse import unquote_plus

import pytest
from conftest import wait_until_idle

pytestmark = pytest.mark.browser

RENDER_TIMEOUT_MS = 90_000
YEAR_2025 = "ky=year&nam=2025"  # the URL carries codes (issue 11 §10)


def _open(page, url: str, title: str) -> None:
    page.goto(url)
    page.get_by_role("heading", name=title, exact=True).first.wait_for(timeout=RENDER_TIMEOUT_MS)
    wait_until_idle(page, RENDER_TIMEOUT_MS)


def _grid_text(page) -> str:
    return page.locator('[data-testid="stDataFrame"]').first.text_content() or ""


def _counting_text(page) -> str:
    """The stamp names how units are counted; the restated-figures note sits under it when the period needs one."""
    return page.locator(".st-key-stamp").inner_text()


def test_the_switch_goes_into_the_url_and_a_copied_link_counts_the_same_way(page, demo_server, screenshots):
    _open(page, f"{demo_server.url}/don-vi?{YEAR_2025}", "So sánh đơn vị")
    assert "Đếm theo đơn vị hiện nay" in _counting_text(page)
    page.get_by_text("Đơn vị khi tiếp nhận", exact=True).click()
    wait_until_idle(page, RENDER_TIMEOUT_MS)
    assert "dem_theo=recorded" in unquote_plus(page.url)
    assert "Đếm theo đơn vị khi tiếp nhận" in _counting_text(page)
    page.screenshot(path=screenshots / "units_recorded_2025.png")
    copied = page.url
    page.goto("about:blank")
    _open(page, copied, "So sánh đơn vị")
    assert page.get_by_role("radio", name="Đơn vị khi tiếp nhận").is_checked()
    assert "Đếm theo đơn vị khi tiếp nhận" in _counting_text(page)


def test_the_trend_of_2025_marks_the_reorganisation(page, demo_server, screenshots):
    _open(page, f"{demo_server.url}/?{YEAR_2025}", "Tổng quan")
    trend = page.locator(".st-key-trend")
    trend.scroll_into_view_if_needed()
    trend.get_by_text("Sắp xếp ĐVHC 01/07/2025").wait_for(timeout=RENDER_TIMEOUT_MS)
    assert trend.locator("path[style*='dash']").count() + trend.locator(".shapelayer path").count() >= 1
    assert "chuỗi số liệu liền mạch" in trend.inner_text()
    trend.screenshot(path=screenshots / "trend_2025_reorganisation.png")


@pytest.mark.parametrize("width", [390, 1366])
def test_the_data_pages_unit_choices_fit(browser, demo_server, screenshots, width):
    context = browser.new_context(viewport={"width": width, "height": 844}, locale="vi-VN")
    page = context.new_page()
    try:
        _open(page, f"{demo_server.url}/du-lieu", "Dữ liệu")
        page.get_by_role("tab", name="Đơn vị").click()
        wait_until_idle(page, RENDER_TIMEOUT_MS)
        splits = page.locator(".st-key-units-splits")
        splits.scroll_into_view_if_needed()
        splits.get_by_text("Hồ sơ của Xã Hòa Liên (20296) tính vào").wait_for(timeout=RENDER_TIMEOUT_MS)
        box = splits.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width + 1  # nothing cut off
        splits.screenshot(path=screenshots / f"data_units_splits_{width}.png")
    finally:
        context.close()
