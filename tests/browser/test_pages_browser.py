"""Every page in real Chromium at 1920×1080 on demo data; the filters travel in the URL (issue 4 §1, §12)."""

from __future__ import annotations

import re

import pytest
from conftest import YEAR_LABEL, choose_year

pytestmark = pytest.mark.browser

RENDER_TIMEOUT_MS = 60_000
PAGES = [
    ("", "Tổng quan"),  # the default page lives at the root
    ("don-vi", "So sánh đơn vị"),
    ("linh-vuc", "Lĩnh vực & thủ tục"),
    ("qua-han", "Hồ sơ quá hạn & sắp đến hạn"),
    ("hai-long", "Mức độ hài lòng"),
    ("chi-so-766", "Chỉ số 766"),
    ("bao-cao", "Báo cáo"),
    ("du-lieu", "Dữ liệu"),
]


def wait_for_page(page, title: str) -> None:
    page.wait_for_selector('[data-testid="stApp"]', timeout=RENDER_TIMEOUT_MS)
    page.get_by_role("heading", name=title, exact=True).first.wait_for(timeout=RENDER_TIMEOUT_MS)
    # Elements still being computed are drawn as skeletons; the page has settled when none is left.
    page.wait_for_function(
        "() => document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0",
        timeout=RENDER_TIMEOUT_MS,
    )
    page.wait_for_timeout(1500)  # Plotly draws its charts after the elements arrive


@pytest.mark.parametrize(("path", "title"), PAGES)
def test_every_page_renders_without_an_error(page, demo_server, screenshots, path, title):
    page.goto(f"{demo_server.url}/{path}")
    wait_for_page(page, title)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.get_by_text("Số liệu đến ngày").first.is_visible() or path == "du-lieu"
    page.screenshot(path=str(screenshots / f"page_{path or 'tong-quan'}_1920x1080.png"))
    assert page.external_requests == []


def test_a_filter_is_carried_by_the_url_and_a_fresh_open_shows_the_same_view(
    page, browser, demo_server, screenshots
):
    page.goto(f"{demo_server.url}/don-vi")
    wait_for_page(page, "So sánh đơn vị")
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.locator('[data-testid="stSelectbox"]').filter(has_text="Kỳ báo cáo").click()
    page.get_by_role("option", name="Kỳ quý (15 – 14)").click()
    page.wait_for_url(re.compile(r"[?&]ky="), timeout=RENDER_TIMEOUT_MS)
    label = sidebar.get_by_text(re.compile(r"^Kỳ quý ")).first
    label.wait_for(timeout=RENDER_TIMEOUT_MS)
    chosen = label.inner_text()
    shared = page.url
    assert "/don-vi" in shared

    fresh = browser.new_context(viewport={"width": 1920, "height": 1080}).new_page()
    try:
        fresh.goto(shared)
        wait_for_page(fresh, "So sánh đơn vị")
        fresh_sidebar = fresh.locator('[data-testid="stSidebar"]')
        fresh_sidebar.get_by_text(chosen, exact=True).first.wait_for(timeout=RENDER_TIMEOUT_MS)
        fresh.screenshot(path=str(screenshots / "page_don-vi_shared_link_1920x1080.png"))
    finally:
        fresh.context.close()


def test_the_selection_persists_when_moving_to_another_page(page, demo_server):
    page.goto(demo_server.url)
    wait_for_page(page, "Tổng quan")
    choose_year(page, RENDER_TIMEOUT_MS)
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text("So sánh đơn vị").click()
    wait_for_page(page, "So sánh đơn vị")
    assert "ky=" in page.url
    sidebar.get_by_text(YEAR_LABEL).first.wait_for(timeout=RENDER_TIMEOUT_MS)
