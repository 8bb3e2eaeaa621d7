"""The Báo cáo page in Chromium: each file is built when its button is clicked, and the downloaded Biểu 06
carries the KPI engine's numbers for the period on screen (AppTest cannot read a download; a browser can)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from conftest import download
from docx import Document
from openpyxl import load_workbook

from dashboard.exports.form06_xlsx import FIRST_DATA_ROW
from dashboard.kpi.coverage import latest_complete, unit_data_dates
from dashboard.kpi.summary import kpi_table
from dashboard.store import Database

pytestmark = pytest.mark.browser

RENDER_TIMEOUT_MS = 60_000
COUNTS = ["c3", "c4", "c5", "c6", "c7", "c8", "c9", "c10", "c11", "c12", "c13"]


def test_downloads_are_the_engines_numbers(page, streamlit_server, screenshots: Path) -> None:
    db = Database(streamlit_server.db_path)
    # The page's default period: the latest official month the data covers to its end (issue 11 §2).
    period = latest_complete("official_month", unit_data_dates(db))
    page.goto(streamlit_server.url + "/bao-cao")
    button = page.get_by_role("button", name="Biểu số 06 (.xlsx)")
    button.wait_for(timeout=RENDER_TIMEOUT_MS)
    page.screenshot(path=str(screenshots / "report_1920x1080.png"))

    saved = download(page, button)
    assert saved.suggested_filename == (
        f"bieu06_VPCP_KSTT_tat_ca_don_vi_{period.start:%Y%m%d}_{period.end:%Y%m%d}.xlsx"  # issue 11 §12
    )
    with open(saved.path(), "rb") as file:  # the saved download has no .xlsx suffix
        sheet = load_workbook(file).worksheets[0]
    units = kpi_table(db, period, "unit")
    total = kpi_table(db, period).iloc[0]
    total_row = [sheet.cell(FIRST_DATA_ROW + len(units), column).value for column in range(3, 14)]
    assert total_row == [int(total[c]) for c in COUNTS]

    saved = download(page, page.get_by_role("button", name="Báo cáo Word (.docx)"), timeout_ms=60_000)
    with open(saved.path(), "rb") as file:
        text = "\n".join(p.text for p in Document(file).paragraphs)
    assert "BÁO CÁO" in text and period.start.strftime("%d/%m/%Y") in text
    assert not page.locator('[data-testid="stException"]').count()


def test_the_zip_holds_the_three_files(page, streamlit_server) -> None:
    # Issue 11 §13: one download for the quarterly report; inside, the three files under their own names.
    period = latest_complete("official_month", unit_data_dates(Database(streamlit_server.db_path)))
    dates = f"tat_ca_don_vi_{period.start:%Y%m%d}_{period.end:%Y%m%d}"
    page.goto(streamlit_server.url + "/bao-cao")
    button = page.get_by_role("button", name="Tải cả ba tệp (.zip)")
    button.wait_for(timeout=RENDER_TIMEOUT_MS)
    saved = download(page, button, timeout_ms=90_000)
    assert saved.suggested_filename == f"bao_cao_CCHC_ba_tep_{dates}.zip"
    with zipfile.ZipFile(saved.path()) as archive:
        assert archive.namelist() == [
            f"bieu06_VPCP_KSTT_{dates}.xlsx", f"bao_cao_CCHC_{dates}.docx", f"phu_luc_ho_so_qua_han_{dates}.xlsx"
        ]  # fmt: skip
        sheet = load_workbook(io.BytesIO(archive.read(f"bieu06_VPCP_KSTT_{dates}.xlsx"))).worksheets[0]
        text = "\n".join(
            p.text for p in Document(io.BytesIO(archive.read(f"bao_cao_CCHC_{dates}.docx"))).paragraphs
        )
    assert sheet.cell(FIRST_DATA_ROW, 2).value  # the first unit's row
    assert "BÁO CÁO" in text and period.start.strftime("%d/%m/%Y") in text
    assert not page.locator('[data-testid="stAlertContentError"]').count()
