"""The data page (/du-lieu) in headless Chromium against a running `streamlit run` server.

The root URL is the Tổng quan page; the import history (headline counts, dossiers per unit, import log) lives
on the data page, in its "Lịch sử nhập" tab.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import wait_until_idle
from fixture_data import FIXTURE_UNITS, write_import

pytestmark = pytest.mark.browser

RENDER_TIMEOUT_MS = 90_000
DATA_PATH = "/du-lieu"
HISTORY_TAB = "Lịch sử nhập"


def open_history(page, url: str, tab: str = HISTORY_TAB) -> None:
    page.goto(url + DATA_PATH)
    wait_for_history(page, tab)


def wait_for_history(page, tab: str = HISTORY_TAB) -> None:
    page.wait_for_selector('[data-testid="stApp"]', timeout=RENDER_TIMEOUT_MS)
    page.get_by_role("tab", name=tab).click(timeout=RENDER_TIMEOUT_MS)
    page.wait_for_selector('.st-key-metric-dossiers [data-testid="stMetricValue"]', timeout=RENDER_TIMEOUT_MS)


def metric_value(page, name: str) -> str:
    return page.locator(f'.st-key-metric-{name} [data-testid="stMetricValue"]').inner_text()


def per_unit_cells(page) -> list[str]:
    """The per-unit table's cells row by row, once every fixture unit is in it.

    The grid draws on a canvas; its hidden accessible copy in the DOM carries the raw cell values (1000, where
    the canvas shows 1.000).
    """
    table = page.locator('.st-key-per-unit [data-testid="stDataFrame"]')
    for unit in FIXTURE_UNITS:
        table.locator('[role="gridcell"]', has_text=unit).first.wait_for(
            state="attached", timeout=RENDER_TIMEOUT_MS
        )
    return table.locator('[role="gridcell"]').all_inner_texts()


def test_history_renders_counts_and_the_per_unit_table(page, streamlit_server, screenshots: Path) -> None:
    open_history(page, streamlit_server.url)

    assert page.locator("h1").first.inner_text() == "Dữ liệu"
    assert metric_value(page, "dossiers") == "1.416"
    assert metric_value(page, "units") == "3"
    assert per_unit_cells(page)[:2] == ["Phường Hà Cầu", "1000"]  # largest unit first
    assert page.locator(".st-key-import-log").get_by_text("Nhật ký nhập dữ liệu").is_visible()

    page.screenshot(path=str(screenshots / "data_history_1920x1080.png"))
    # Fonts, scripts and icons come from the Streamlit server itself: nothing is fetched from the internet.
    assert page.external_requests == []


def test_english_is_one_click_away_and_kept_in_the_url(page, streamlit_server) -> None:
    open_history(page, streamlit_server.url)
    page.locator(".st-key-lang").get_by_text("English").click()
    page.get_by_role("heading", name="Data", exact=True).wait_for(timeout=RENDER_TIMEOUT_MS)
    wait_until_idle(page, RENDER_TIMEOUT_MS)
    assert "lang=en" in page.url  # a code, not the displayed name (issue 11 §10)
    page.get_by_role("tab", name="Import history").click()
    page.wait_for_url(
        re.compile(r"[?&]the=lich-su(&|$)"), timeout=RENDER_TIMEOUT_MS
    )  # the tab's code, any language
    wait_until_idle(page, RENDER_TIMEOUT_MS)
    assert metric_value(page, "dossiers") == "1.416"


def test_an_import_shows_after_a_browser_refresh(page, private_streamlit_server, screenshots: Path) -> None:
    open_history(page, private_streamlit_server.url)
    assert metric_value(page, "dossiers") == "1.416"

    # A real write: a private copy of the file, swapped over the live one while the server keeps running.
    write_import(private_streamlit_server.db_path, "Phường Hà Cầu", 584, file_name="bo_sung.xlsx")
    page.reload()
    wait_for_history(page)

    assert metric_value(page, "dossiers") == "2.000"
    assert metric_value(page, "imports") == "4"
    assert per_unit_cells(page)[:2] == ["Phường Hà Cầu", "1584"]
    page.screenshot(path=str(screenshots / "data_after_import.png"))
