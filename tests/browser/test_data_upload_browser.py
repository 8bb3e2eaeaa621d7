"""Uploading an export on the data page in Chromium: preview, import button, new totals."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_data_browser import RENDER_TIMEOUT_MS, metric_value, wait_for_history

pytestmark = pytest.mark.browser

SAMPLE = "mau_html.xls"  # 300 dossiers, an HTML table saved as .xls (fixture sample_exports)


def test_upload_preview_and_import(page, private_streamlit_server, screenshots: Path, sample_exports) -> None:
    server = private_streamlit_server
    page.goto(server.url + "/du-lieu")
    page.wait_for_selector(".st-key-data-import", timeout=RENDER_TIMEOUT_MS)

    page.locator('.st-key-data-import input[type="file"]').set_input_files(str(sample_exports[SAMPLE]))
    preview = page.locator(".st-key-preview-0")
    preview.locator('[data-testid="stMetricValue"]').first.wait_for(timeout=RENDER_TIMEOUT_MS)
    # Nothing stored yet: the preview reads the file only.
    assert preview.locator('[data-testid="stMetricValue"]').all_inner_texts() == ["300", "300", "0", "0"]
    assert preview.get_by_text("mau_html.xls").first.is_visible()
    # Issue 11 §6: the column mapping names the fields in Vietnamese, not by their codes (the grid's cells are
    # readable through its accessible table).
    mapping = preview.locator('[data-testid="stDataFrame"]').first
    mapping.wait_for(timeout=RENDER_TIMEOUT_MS)
    # The grid fills its accessible table after it draws: wait for the first source column's row.
    mapping.locator("td", has_text="STT").first.wait_for(state="attached", timeout=RENDER_TIMEOUT_MS)
    cells = mapping.text_content() or ""
    assert "Ngày tiếp nhận" in cells and "Mã hồ sơ" in cells
    assert "received_at" not in cells and "dossier_code" not in cells
    page.screenshot(path=str(screenshots / "data_upload_preview.png"))

    page.get_by_role("button", name="Nhập vào cơ sở dữ liệu").click()
    result = page.locator(".st-key-import-result")
    result.wait_for(timeout=RENDER_TIMEOUT_MS)
    assert page.locator(".st-key-preview-0").get_by_text("Đã nhập tệp này").is_visible()
    page.screenshot(path=str(screenshots / "data_upload_result.png"))

    wait_for_history(page)
    assert metric_value(page, "dossiers") == "1.716"
    assert metric_value(page, "imports") == "4"
    assert not page.locator('[data-testid="stException"]').count()
