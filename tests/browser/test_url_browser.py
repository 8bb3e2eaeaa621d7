"""Issue 11 §10 in Chromium on the demo: a link names the view with language-free codes, a copied link opens
the same view in the other language, and the open tab of a page is in the link."""

from __future__ import annotations

import re

import pytest
from conftest import choose_year, wait_until_idle

pytestmark = pytest.mark.browser

TIMEOUT_MS = 90_000


def _open(page, url: str, title: str) -> None:
    page.goto(url)
    page.get_by_role("heading", name=title, exact=True).first.wait_for(timeout=TIMEOUT_MS)
    wait_until_idle(page, TIMEOUT_MS)


def test_switching_to_english_keeps_the_codes_and_a_copied_link_opens_in_english(page, browser, demo_server):
    _open(page, demo_server.url, "Tổng quan")
    choose_year(page, TIMEOUT_MS)
    vietnamese_url = page.url
    assert re.search(r"[?&]ky=year(&|$)", vietnamese_url)
    page.locator(".st-key-lang").get_by_text("English").click()
    page.get_by_role("heading", name="Overview", exact=True).wait_for(timeout=TIMEOUT_MS)
    page.wait_for_url(re.compile(r"[?&]lang=en(&|$)"), timeout=TIMEOUT_MS)
    assert re.search(r"[?&]ky=year(&|$)", page.url)  # the same code in English
    other = browser.new_context(viewport={"width": 1366, "height": 768}).new_page()
    try:
        _open(other, page.url, "Overview")
        kind = other.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').filter(
            has_text="Reporting period"
        )
        assert (
            kind.locator("input").input_value() == "Calendar year"
        )  # a select box shows its value in its input
    finally:
        other.context.close()


def test_the_open_tab_is_in_the_link(page, demo_server):
    _open(page, f"{demo_server.url}/du-lieu?the=cai-dat", "Dữ liệu")
    assert page.get_by_role("tab", name="Cài đặt").get_attribute("aria-selected") == "true"
    page.get_by_role("tab", name="Lịch sử nhập").click()
    page.wait_for_url(re.compile(r"[?&]the=lich-su(&|$)"), timeout=TIMEOUT_MS)
    page.get_by_role("tab", name="Nhập dữ liệu").click()
    page.wait_for_function(
        "() => !location.search.includes('the=')", timeout=TIMEOUT_MS
    )  # the first tab: clean


def test_the_two_units_compared_are_in_the_link(page, demo_server):
    _open(page, f"{demo_server.url}/don-vi", "So sánh đơn vị")
    pair = page.locator(".st-key-pair")
    pair.scroll_into_view_if_needed()
    pair.locator('[data-testid="stSelectbox"]').first.click()
    option = page.get_by_role("option").nth(2)
    name = option.inner_text()
    option.click()
    page.wait_for_url(re.compile(r"[?&]dv_a="), timeout=TIMEOUT_MS)
    copied = page.url
    page.goto("about:blank")
    _open(page, copied, "So sánh đơn vị")
    page.locator(".st-key-pair").scroll_into_view_if_needed()
    assert page.locator(".st-key-pair [data-testid='stSelectbox'] input").first.input_value() == name


def test_after_switching_language_the_view_stays_the_same_and_keeps_working(page, demo_server):
    """Streamlit's browser side sends back the label it showed before the switch ("Năm"): the app reads it as
    its code, keeps the period and the open tab, and the next click works (it once raised an exception)."""
    _open(page, f"{demo_server.url}/du-lieu?ky=year&nam=2025&the=lich-su", "Dữ liệu")
    page.locator(".st-key-lang").get_by_text("English").click()
    page.get_by_role("heading", name="Data", exact=True).wait_for(timeout=TIMEOUT_MS)
    wait_until_idle(page, TIMEOUT_MS)
    assert page.get_by_role("tab", name="Import history").get_attribute("aria-selected") == "true"
    page.get_by_role("tab", name="Settings").click()
    page.wait_for_url(re.compile(r"[?&]the=cai-dat(&|$)"), timeout=TIMEOUT_MS)
    wait_until_idle(page, TIMEOUT_MS)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert re.search(r"[?&]ky=year&nam=2025(&|$)", page.url)  # the period did not move


def test_choosing_the_quarter_kind_opens_the_latest_complete_quarter(page, demo_server):
    """Issue 11 §13: "Kỳ quý" opens the latest quarter the data covers to its end, not quý I."""
    from dashboard.kpi import coverage
    from dashboard.store import Database

    latest = coverage.latest_complete(
        "official_quarter", coverage.unit_data_dates(Database(demo_server.db_path))
    )
    _open(page, demo_server.url, "Tổng quan")
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.locator('[data-testid="stSelectbox"]').filter(has_text="Kỳ báo cáo").click()
    page.get_by_role("option", name="Kỳ quý (15 – 14)", exact=True).click()
    sidebar.get_by_text(latest.label, exact=True).first.wait_for(timeout=TIMEOUT_MS)
    assert re.search(r"[?&]ky=official_quarter&nam=\d{4}&so=\d(&|$)", page.url)
    assert "chưa trọn kỳ" not in page.locator(".st-key-stamp").inner_text()


def test_the_targets_table_shows_names_signs_and_per_cent(page, demo_server):
    """Issue 11 §6, on the rendered settings tab: the KPI's name, "≥", 98 and "%"; not on_time_rate, ge, 0.98."""
    _open(page, f"{demo_server.url}/du-lieu?the=cai-dat", "Dữ liệu")
    grid = page.locator(".st-key-settings-targets [data-testid='stDataFrame']").first
    grid.scroll_into_view_if_needed()
    # The grid fills its accessible table after it draws: wait for a row.
    grid.locator("td", has_text="Tỷ lệ hài lòng").first.wait_for(state="attached", timeout=TIMEOUT_MS)
    cells = grid.text_content() or ""
    assert "Tỷ lệ hài lòng" in cells and "≥" in cells and "%" in cells and "98" in cells
    assert not any(code in cells for code in ("on_time_rate", "overdue_count", "0.98", "ge", "None"))
