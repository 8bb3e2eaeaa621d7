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
