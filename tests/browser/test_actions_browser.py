"""The overdue / due-soon page in Chromium: the Excel download is built on click and matches the counts."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import download, wait_until_idle
from openpyxl import load_workbook

pytestmark = pytest.mark.browser

RENDER_TIMEOUT_MS = 90_000


def test_excel_download_matches_the_counts(page, streamlit_server, screenshots: Path) -> None:
    page.goto(streamlit_server.url + "/qua-han")
    page.wait_for_selector('.st-key-metric-overdue [data-testid="stMetricValue"]', timeout=RENDER_TIMEOUT_MS)
    overdue = int(
        page.locator('.st-key-metric-overdue [data-testid="stMetricValue"]').inner_text().replace(".", "")
    )
    due_soon = int(
        page.locator('.st-key-metric-due-soon [data-testid="stMetricValue"]').inner_text().replace(".", "")
    )
    page.screenshot(path=str(screenshots / "actions_1920x1080.png"))
    wait_until_idle(page, RENDER_TIMEOUT_MS)  # the button is disabled while the page still runs

    saved = download(page, page.get_by_role("button", name="Tải danh sách (Excel)"))
    assert saved.suggested_filename.endswith(".xlsx")
    with open(saved.path(), "rb") as file:
        book = load_workbook(file)
    assert book.sheetnames == ["Đang quá hạn", "Sắp đến hạn"]
    assert [sheet.max_row - 1 for sheet in book.worksheets] == [overdue, due_soon]
    assert not page.locator('[data-testid="stException"]').count()
