"""Issue 11 §7 in Chromium: a month without dossiers (official month 3/2026 of the overview database, months
before its first dossier) shows no grade, no change and no chart on Tổng quan, and the Báo cáo page offers the
Biểu 06 form only, saying why there is no Word report."""

from __future__ import annotations

import re

import pytest
from conftest import streamlit_running, wait_until_idle
from overview_units_fixture import build

pytestmark = pytest.mark.browser

RENDER_TIMEOUT_MS = 60_000
EMPTY = "so=3"  # the URL of official month 3/2026 (the year defaults to 2026, the month holding the data)
GRADE = re.compile(r"(?<!\w)(Đạt|Gần đạt|Chưa đạt)(?!\w)")


@pytest.fixture(scope="module")
def overview_server(tmp_path_factory):
    path = tmp_path_factory.mktemp("empty") / "cchc.duckdb"
    build(path)
    with streamlit_running(path) as server:
        yield server


def test_overview_of_a_month_without_dossiers(page, overview_server, screenshots) -> None:
    page.goto(f"{overview_server.url}/?{EMPTY}")
    page.get_by_text("Không có hồ sơ nào trong kỳ này").first.wait_for(timeout=RENDER_TIMEOUT_MS)
    wait_until_idle(page)
    page.screenshot(path=str(screenshots / "empty_selection_overview_1920x1080.png"))
    main = page.locator('[data-testid="stMain"]')
    text = main.inner_text()
    assert "Kỳ tháng 03/2026" in text
    assert text.count("Kỳ này không có dữ liệu") == 6  # each card
    assert not GRADE.search(text), GRADE.search(text)
    assert not main.locator('[data-testid="stMetricDelta"]').count()  # no change against nothing
    assert not main.locator(".js-plotly-plot").count()  # no zero bars on Plotly's default axes
    assert "Không có hồ sơ nào trong 12 tháng này" in text
    assert not page.locator('[data-testid="stException"]').count()


def test_report_page_of_a_month_without_dossiers(page, overview_server, screenshots) -> None:
    page.goto(f"{overview_server.url}/bao-cao?{EMPTY}")
    page.get_by_role("button", name="Biểu số 06 (.xlsx)").wait_for(timeout=RENDER_TIMEOUT_MS)
    wait_until_idle(page)
    page.screenshot(path=str(screenshots / "empty_selection_report_1920x1080.png"))
    text = page.locator('[data-testid="stMain"]').inner_text()
    assert "không có hồ sơ nào trong phạm vi đã chọn" in text
    assert not page.get_by_role("button", name="Báo cáo Word (.docx)").count()
    assert not page.get_by_role("button", name=re.compile("^Phụ lục")).count()
    assert not page.locator('[data-testid="stException"]').count()
