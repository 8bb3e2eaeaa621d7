"""The "Tải CSV" button under a table, in Chromium (issue 5 §4): the file is built on click, opens as UTF-8
with a BOM, carries the table's on-screen headers and raw values (rates as fractions, full precision)."""

from __future__ import annotations

import csv
import io

import pytest
from conftest import download

from dashboard.views import units_page  # noqa: F401  (registers the page's column labels)
from dashboard.views.i18n import STRINGS

pytestmark = pytest.mark.browser

RENDER_TIMEOUT_MS = 30_000


def test_league_table_csv_download(page, streamlit_server) -> None:
    page.goto(streamlit_server.url + "/don-vi")
    button = page.locator(".st-key-league-table-csv").get_by_role("button", name="Tải CSV")
    button.wait_for(timeout=RENDER_TIMEOUT_MS)
    assert button.inner_text().strip().endswith("Tải CSV")
    saved = download(page, button)
    assert saved.suggested_filename == "league-table.csv"
    with open(saved.path(), "rb") as file:
        data = file.read()
    assert data.startswith(b"\xef\xbb\xbf")
    header, *rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    vi = STRINGS["vi"]
    assert header[0] == vi["un.col.unit"] and vi["un.col.on_time_rate"] in header
    assert rows, "the league table has units"
    rate = header.index(vi["un.col.on_time_rate"])
    assert all(row[rate] == "" or 0.0 <= float(row[rate]) <= 1.0 for row in rows)  # raw fractions, no "%"
    assert not page.locator('[data-testid="stException"]').count()
