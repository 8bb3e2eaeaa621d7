"""Issue 12 §2 on a live server: an upload's copy in the temporary folder is gone after its import, after its
tab is closed (the session ends), and folders a crashed server left are removed when the next one starts."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from fixture_data import build_fixture_database
from live_server import live_server
from test_data_browser import RENDER_TIMEOUT_MS

pytestmark = pytest.mark.browser

SAMPLE = "mau_html.xls"  # 300 dossiers, an HTML table saved as .xls (fixture sample_exports)


def _copies(temp: Path) -> list[Path]:
    return sorted(temp.glob("cchc_upload_*/*"))


def _wait_for(condition, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.25)
    return condition()


def _upload(page, port: int, sample: Path) -> None:
    page.goto(f"http://127.0.0.1:{port}/du-lieu")
    page.wait_for_selector(".st-key-data-import", timeout=RENDER_TIMEOUT_MS)
    page.locator('.st-key-data-import input[type="file"]').set_input_files(str(sample))
    page.locator('.st-key-preview-0 [data-testid="stMetricValue"]').first.wait_for(timeout=RENDER_TIMEOUT_MS)


def test_upload_copies_do_not_outlive_import_session_or_crash(browser, tmp_path, sample_exports) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    crashed = temp / "cchc_upload_4206547_leftover"  # a pid above Linux's pid_max: that server is gone
    crashed.mkdir()
    (crashed / "xuat_thang_10.xlsx").write_bytes(b"citizens' names and phone numbers")
    env = {"TMPDIR": str(temp), "CCHC_UPLOAD_SWEEP_SECONDS": "1"}
    options = ("--server.disconnectedSessionTTL", "2")
    with live_server(build_fixture_database(tmp_path / "cchc.duckdb"), env=env, options=options) as (
        port,
        _,
        _,
    ):
        context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="vi-VN")
        page = context.new_page()
        _upload(page, port, sample_exports[SAMPLE])
        assert not crashed.exists()  # removed when the server started serving
        assert [path.name for path in _copies(temp)] == [SAMPLE]  # previewed: the copy is there

        page.get_by_role("button", name="Nhập vào cơ sở dữ liệu").click()
        page.locator(".st-key-import-result").wait_for(timeout=RENDER_TIMEOUT_MS)
        assert _copies(temp) == []  # imported: gone

        _upload(page, port, sample_exports[SAMPLE])
        assert len(_copies(temp)) == 1
        context.close()  # the tab is closed without removing the file
        assert _wait_for(lambda: not list(temp.glob("cchc_upload_*")), seconds=30), _copies(temp)
