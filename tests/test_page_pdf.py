"""The PDF of a page (issue 11 §14), the parts without a browser: the app's own URL as the server reaches it,
the print scale of the deck, the file names."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.exports.page_pdf import DECK_WIDTH_PX, PAGE_WIDTH_PX, PrintJob, app_url
from dashboard.kpi import periods
from dashboard.views.pdf_button import file_stem


@pytest.mark.parametrize(
    ("address", "base", "path", "expected"),
    [
        ("", "", "", "http://127.0.0.1:8501/"),
        ("0.0.0.0", "", "don-vi", "http://127.0.0.1:8501/don-vi"),
        ("192.168.1.20", "", "/qua-han", "http://192.168.1.20:8501/qua-han"),  # listens on one address only
        ("", "/cchc/", "bao-cao", "http://127.0.0.1:8501/cchc/bao-cao"),  # behind a proxy's prefix
        ("::1", "", "", "http://[::1]:8501/"),
    ],
)
def test_the_app_is_reached_at_its_own_address(address, base, path, expected):
    assert app_url(8501, path, {}, address=address, base=base) == expected


def test_every_url_parameter_goes_along_repeated_keys_included():
    url = app_url(8501, "", {"ky": ["official_year"], "don_vi": ["Phường Hải Châu", "Xã Hòa Vang"]})
    assert url == (
        "http://127.0.0.1:8501/?ky=official_year&don_vi=Ph%C6%B0%E1%BB%9Dng+H%E1%BA%A3i+Ch%C3%A2u"
        "&don_vi=X%C3%A3+H%C3%B2a+Vang"
    )


def test_a_page_is_laid_out_for_the_sheet_and_the_deck_scaled_to_it():
    assert PrintJob("u", {}, PAGE_WIDTH_PX).scale == 1.0
    assert PrintJob("u", {}, DECK_WIDTH_PX).scale == pytest.approx(1047 / 1920)
    assert round((297 - 20) / 25.4 * 96) == PAGE_WIDTH_PX  # A4 landscape less 10 mm margins, at 96 px/inch


def test_pdf_file_names_carry_the_page_and_the_period():
    period = periods.custom(date(2026, 7, 15), date(2026, 10, 14))
    assert file_stem("nav.units", period) == "don-vi_20260715_20261014"
    assert file_stem("nav.overview", period) == "tong-quan_20260715_20261014"
