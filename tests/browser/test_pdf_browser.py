"""Any page and the meeting deck as a PDF, made on the server (issue 11 §14), in real Chromium on demo data: the
button in the sidebar of a page and in the deck's control bar downloads an A4-landscape PDF whose text holds the
view's title, its period (the filters went along) and the numbers on screen; the deck's has one sheet a slide."""

from __future__ import annotations

import re
import subprocess

import pytest
from conftest import choose_year, download, wait_until_idle

pytestmark = pytest.mark.browser

TIMEOUT_MS = 90_000
SLIDES = 5
A4_LANDSCAPE_PTS = (841.9, 595.3)


def _pdf_facts(path) -> tuple[int, list[tuple[float, float]], str]:
    info = subprocess.run(
        ["pdfinfo", "-l", "100", str(path)], capture_output=True, text=True, check=True
    ).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    sizes = [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)]
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True).stdout
    return pages, sizes, text


def _a4_landscape(sizes) -> bool:
    return bool(sizes) and all(
        abs(w - A4_LANDSCAPE_PTS[0]) < 2 and abs(h - A4_LANDSCAPE_PTS[1]) < 2 for w, h in sizes
    )


def test_a_page_downloads_as_an_a4_landscape_pdf_of_the_same_view(page, demo_server, tmp_path, screenshots):
    page.goto(demo_server.url)
    page.get_by_role("heading", name="Tổng quan", exact=True).wait_for(timeout=TIMEOUT_MS)
    year = choose_year(page, TIMEOUT_MS)
    wait_until_idle(page)
    page.wait_for_selector(".st-key-card-received [data-testid='stMetricValue']", timeout=TIMEOUT_MS)
    received = page.locator(".st-key-card-received [data-testid='stMetricValue']").inner_text()
    weakest = page.locator("[data-testid='ov-weakest'] tr").first.inner_text().split("\t")[0].strip()
    button = page.locator('[data-testid="stSidebar"] .st-key-page-pdf').get_by_role(
        "button", name="Tải PDF trang này"
    )
    button.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / "pdf_button_sidebar_1920x1080.png"))
    saved = tmp_path / "tong-quan.pdf"
    got = download(page, button, timeout_ms=TIMEOUT_MS)
    assert got.suggested_filename.startswith("tong-quan_") and got.suggested_filename.endswith(".pdf")
    got.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")
    pages, sizes, text = _pdf_facts(saved)
    assert pages >= 2 and _a4_landscape(sizes), (pages, sizes)
    overdue = page.locator(".st-key-ov-overdue strong").inner_text()
    for expected in (
        "Tổng quan",
        year,
        received,
        weakest,
        f"{overdue} hồ sơ đang quá hạn",
        "Xu hướng theo tháng",
    ):
        assert expected in text, expected
    assert "Tải PDF" not in text and "Bộ lọc" not in text  # the sidebar and buttons are not printed
    subprocess.run(["pdftoppm", "-r", "50", "-png", "-l", "2", str(saved), str(screenshots / "pdf_tong_quan")],
                   check=True)  # fmt: skip


def test_the_deck_downloads_as_one_sheet_a_slide(page, demo_server, tmp_path, screenshots):
    page.goto(f"{demo_server.url}/?present=1&trang=2")
    page.wait_for_function(
        f"() => document.querySelector('[data-testid=\"pr-number\"]')?.innerText === '2/{SLIDES}'",
        timeout=TIMEOUT_MS,
    )
    title = page.locator('[data-testid="pr-title"]').inner_text()
    button = page.locator(".st-key-pr-controls .st-key-pr-pdf").get_by_role("button", name="PDF")
    saved = tmp_path / "deck.pdf"
    got = download(page, button, timeout_ms=TIMEOUT_MS)
    assert got.suggested_filename.startswith("trinh_chieu_")
    got.save_as(saved)
    pages, sizes, text = _pdf_facts(saved)
    assert pages == SLIDES and _a4_landscape(sizes), (pages, sizes)
    words = " ".join(text.split())
    message, figure = title.rsplit(":", 1)  # a two-line title: the stamp sits between its lines in the text
    assert " ".join(message.split()) in words and figure.strip() in words
    for number in range(1, SLIDES + 1):
        assert f"{number}/{SLIDES}" in text
    assert "Thoát" not in text and "Tự chuyển" not in text  # no control bar on paper
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(saved), str(screenshots / "pdf_deck")], check=True)
