"""Where the NSO tables come from: a user's file (CSV, Excel, HTML, read by dashboard.ingest.readers) or the
project's own copy of the national tables, shipped as package data in dashboard/units/data/ (issue 15: the
dashboard never reads ../shared when it runs for a user).
"""

from __future__ import annotations

import csv
import gzip
import io
import os
from collections.abc import Iterator
from importlib import resources

from dashboard.ingest.readers import read_workbook

Cells = list[str | None]

CROSSWALK_2025 = "nso_crosswalk_2025-07-01.csv.gz"
COMMUNES_BEFORE_2025 = "nso_communes_before_2025-07-01.csv.gz"


def package_text(name: str) -> str:
    """The text of a table in dashboard/units/data/ (gzip-compressed UTF-8 CSV)."""
    raw = resources.files("dashboard.units").joinpath("data", name).read_bytes()
    return gzip.decompress(raw).decode("utf-8-sig")


def csv_rows(text: str) -> Iterator[tuple[int, Cells]]:
    """(line number where the record starts, cells) of CSV text; quoted cells may hold line breaks."""
    reader = csv.reader(io.StringIO(text, newline=""))
    start = 1
    for cells in reader:
        yield start, list(cells)
        start = reader.line_num + 1


def file_rows(path: str | os.PathLike[str]) -> list[tuple[int, Cells]]:
    """(row number, cells) of the first table of a user's file, any format dashboard.ingest reads.

    Raises dashboard.ingest.grid.UnreadableFile when the file cannot be read at all.
    """
    sheet = read_workbook(path).sheets[0]
    columns = [column.to_pylist() for column in sheet.table.columns]
    return [
        (int(number), list(cells))
        for number, cells in zip(sheet.row_numbers, zip(*columns, strict=True), strict=True)
    ]
