"""Issue 11 §4, as it was found: a 40-row export without a date line must not stamp every page with the
import day. The upload asks for "Số liệu đến ngày", and the stamp then tells the truth per unit."""

from __future__ import annotations

import csv
from pathlib import Path

import overview_units_fixture
import pytest
from conftest import streamlit_running, wait_until_idle

pytestmark = pytest.mark.browser

TIMEOUT_MS = 60_000


@pytest.fixture
def six_units_server(tmp_path):
    path = tmp_path / "cchc.duckdb"
    overview_units_fixture.build(path)  # six units, data to 14/11/2026
    with streamlit_running(path) as server:
        yield server


def forty_rows(path: Path) -> Path:
    """Two new units, 40 dossiers received from 20/11/2026, and no title line stating a data date."""
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(
            ["Mã hồ sơ", "Đơn vị tiếp nhận", "Lĩnh vực", "Tên thủ tục", "Ngày tiếp nhận", "Ngày hẹn trả"]
        )
        for i in range(40):
            unit = ("Phường Bảy", "Xã Tám")[i % 2]
            writer.writerow(
                [f"NEW-{i:03d}", unit, "Hộ tịch", "Đăng ký khai sinh", f"{20 + i % 10}/11/2026", "05/12/2026"]
            )
    return path


def test_the_upload_asks_the_data_date_and_the_stamp_tells_it_per_unit(
    page, six_units_server, tmp_path, screenshots
):
    page.goto(f"{six_units_server.url}/du-lieu")
    page.wait_for_selector(".st-key-data-import", timeout=TIMEOUT_MS)
    page.locator('.st-key-data-import input[type="file"]').set_input_files(
        str(forty_rows(tmp_path / "bo_sung.csv"))
    )
    preview = page.locator(".st-key-preview-0")
    date_box = preview.locator('[data-testid="stDateInput"]').filter(has_text="Số liệu đến ngày")
    date_box.wait_for(timeout=TIMEOUT_MS)
    wait_until_idle(page)
    # No title line: nothing is prefilled, and the import waits for the date.
    day = date_box.locator('[role="spinbutton"][data-type="day"]')
    assert day.get_attribute("aria-valuetext") == "Empty"
    assert preview.get_by_text("Tệp không ghi ngày số liệu").is_visible()
    button = page.get_by_role("button", name="Nhập vào cơ sở dữ liệu")
    assert button.is_disabled()
    page.screenshot(path=str(screenshots / "data_date_asked_1920x1080.png"))

    day.click()
    page.keyboard.type("03122026", delay=40)  # day, month, year: the field moves on by itself
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    preview.get_by_text("bo_sung.csv").first.click()  # leaving the field commits the date
    wait_until_idle(page)
    assert button.is_enabled()
    button.click()
    page.locator(".st-key-import-result").wait_for(timeout=TIMEOUT_MS)
    wait_until_idle(page)

    page.goto(six_units_server.url)
    stamp = page.locator(".st-key-stamp")
    stamp.wait_for(timeout=TIMEOUT_MS)
    wait_until_idle(page)
    assert "Số liệu đến ngày 14/11/2026; 2 đơn vị đến 03/12/2026" in stamp.inner_text()
    # The default period is the latest one every unit's data covers: kỳ tháng 11, not the unfinished 12.
    assert "Kỳ tháng 11/2026" in stamp.inner_text()
    page.screenshot(path=str(screenshots / "data_date_stamp_1920x1080.png"))
