"""Issue 12 §4 in Chromium: a report file that cannot be built says why on the page (it used to download
nothing, silently). The Word builder is made to fail as it did on a stored NUL, through a sitecustomize
module of the server's own interpreter. The zip of the three files (issue 11 §13) fails with it, saying
which file."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import wait_until_idle
from fixture_data import ROOT, build_fixture_database
from live_server import live_server
from test_data_browser import RENDER_TIMEOUT_MS

pytestmark = pytest.mark.browser

FAILING_BUILDER = """
import dashboard.exports.report_files as report_files

_real = report_files.report_bytes


def report_bytes(content, kind):
    if kind == "word":
        raise ValueError("All strings must be XML compatible: Unicode or ASCII, no NULL bytes or control characters")
    return _real(content, kind)


report_files.report_bytes = report_bytes
"""


def test_failed_word_build_says_why(browser, tmp_path: Path, screenshots: Path) -> None:
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(FAILING_BUILDER, encoding="utf-8")
    db = build_fixture_database(tmp_path / "cchc.duckdb")
    with live_server(db, env={"PYTHONPATH": f"{hooks}:{ROOT}"}) as (port, _, _):
        context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="vi-VN")
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{port}/bao-cao")
        page.wait_for_selector(".st-key-report-files", timeout=RENDER_TIMEOUT_MS)
        page.get_by_role("button", name="Báo cáo Word (.docx)").click()
        error = page.locator('.st-key-report-files [data-testid="stAlertContentError"]')
        error.wait_for(timeout=RENDER_TIMEOUT_MS)
        text = error.inner_text()
        assert "Không tạo được Báo cáo Word (.docx)" in text
        assert "All strings must be XML compatible" in text
        note = page.locator('[data-testid="stDownloadButton"]').get_by_text("Không tạo được tệp")
        note.wait_for(timeout=RENDER_TIMEOUT_MS)  # Streamlit's own note under the button, in Vietnamese
        page.screenshot(path=str(screenshots / "report_build_failed.png"))
        # Issue 11 §13: the zip of the three files fails with its Word report, naming it, not two files short.
        wait_until_idle(page)
        page.get_by_role("button", name="Tải cả ba tệp (.zip)").click()
        error = page.locator('.st-key-report-files [data-testid="stAlertContentError"]').filter(
            has_text="tệp nén"
        )
        error.wait_for(timeout=RENDER_TIMEOUT_MS)
        assert "Không tạo được tệp nén ba tệp (.zip): Báo cáo Word (.docx): ValueError: All strings" in (
            error.inner_text()
        )
        context.close()
