"""Issue 11 §5 in Chromium: a missing, an unreadable and an empty database each say which file was looked for,
what state it is in and what to do, instead of one "chưa có dữ liệu" for all three."""

from __future__ import annotations

import pytest
from conftest import streamlit_running, wait_until_idle

from dashboard.store import Database

pytestmark = pytest.mark.browser

STATES = {
    "missing": ("Chưa có cơ sở dữ liệu", "chưa tồn tại"),
    "unreadable": ("Không đọc được cơ sở dữ liệu", "không đọc được"),
    "empty": ("Cơ sở dữ liệu chưa có dữ liệu", "chưa có hồ sơ nào"),
}


def _make(state: str, folder):
    path = folder / f"{state}.duckdb"
    if state == "unreadable":
        path.write_bytes(b"not a database")
    elif state == "empty":
        Database(path).create_if_missing()
    return path


@pytest.mark.parametrize("state", sorted(STATES))
def test_the_page_names_the_file_and_its_state(browser, tmp_path, screenshots, state):
    path = _make(state, tmp_path)
    title, words = STATES[state]
    with streamlit_running(path) as server:
        for width, height in ((1920, 1080), (390, 844)):
            page = browser.new_page(viewport={"width": width, "height": height}, locale="vi-VN")
            try:
                page.goto(server.url)
                panel = page.locator(".st-key-empty-state")
                panel.wait_for(timeout=60_000)
                wait_until_idle(page)
                text = panel.inner_text()
                assert title in text and words in text and str(path) in text
                assert "python -m" not in text
                assert panel.is_visible()
                page.screenshot(path=str(screenshots / f"database_{state}_{width}x{height}.png"))
            finally:
                page.close()
    if state == "missing":
        assert not path.exists()
