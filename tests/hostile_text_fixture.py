"""A database whose unit, field and procedure names try to be Markdown and HTML (issue 12 §3): bold, links,
an image that would be fetched from the browser (a tracking beacon), Streamlit's colour and emoji directives,
LaTeX, Plotly's <b> and <a href>. Built from overview_units_fixture's rows with those names put in."""

from __future__ import annotations

from pathlib import Path

import overview_units_fixture
from kpi_fixtures import store

from dashboard.store import Database

BEACON = "http://127.0.0.1:9/beacon.png"
LINK = "http://127.0.0.1:9/link"
UNIT = f"**Phường Độc** [trang]({LINK}) ![ảnh]({BEACON}) :red[đỏ] <b>đậm</b> $x^2$ https://127.0.0.1:9/auto"
FIELD = "Hộ tịch <a href='http://127.0.0.1:9/a'>liên kết</a> _nghiêng_"
PROCEDURE = "Thủ tục :smile: `mã` <i>nghiêng</i>"
# What must never appear in anything Streamlit renders as Markdown, nor as markup in a chart.
RAW_MARKERS = (
    "**Phường",
    "](http",
    ":red[đỏ]",
    "<b>đậm",
    "<a href",
    "$x^2$",
    ":smile:",
    "`mã`",
    "<i>nghiêng",
)

# "Phường Bốn" (24 resolved, 6 late) is the unit below the funnel's limits: it becomes the hostile one.
REPLACED = "Phường Bốn"


def build(path: Path) -> Database:
    rows = []
    for row in overview_units_fixture.rows():
        if row["unit"] == REPLACED:
            row = {**row, "unit": UNIT}
        rows.append({**row, "field_name": FIELD if row.get("field_name") == "Hộ tịch" else row.get("field_name"),
                     "procedure": PROCEDURE})  # fmt: skip
    return store(path, rows)
