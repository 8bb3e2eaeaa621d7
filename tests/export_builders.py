"""Write grids of cells as the kinds of files one-stop systems export (EXPORT_FORMATS.md "File kinds").

A grid is a list of rows; a row is a list of cells (str, number, datetime or None). Merges are given as
Excel ranges ("C5:E5") and become merged cells in xlsx and colspan/rowspan in HTML.
"""

from __future__ import annotations

import csv
import html
import io
import re
from datetime import date, datetime
from pathlib import Path

import openpyxl

from dashboard.text import encode_cp1258

Grid = list[list[object]]


def write_xlsx(path: Path, grid: Grid, merges: tuple[str, ...] = (), sheet: str = "Danh sách") -> Path:
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = sheet
    for row in grid:
        ws.append(list(row))
    for cell_range in merges:
        ws.merge_cells(cell_range)
    workbook.save(path)
    return path


def _span(merges: tuple[str, ...]) -> dict[tuple[int, int], tuple[int, int]]:
    """(row, col) of each merge's top-left cell (0-based) → (rowspan, colspan)."""
    spans = {}
    for cell_range in merges:
        first, last = cell_range.split(":")
        (c1, r1), (c2, r2) = (re.match(r"([A-Z]+)(\d+)", ref).groups() for ref in (first, last))
        col = openpyxl.utils.column_index_from_string
        spans[(int(r1) - 1, col(c1) - 1)] = (int(r2) - int(r1) + 1, col(c2) - col(c1) + 1)
    return spans


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M:%S")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def write_html_xls(path: Path, grid: Grid, merges: tuple[str, ...] = ()) -> Path:
    """An Excel-flavoured HTML page named .xls, as the Thanh Hóa system writes it."""
    spans = _span(merges)
    covered = set()
    for (r, c), (rs, cs) in spans.items():
        covered |= {(r + i, c + j) for i in range(rs) for j in range(cs)} - {(r, c)}
    lines = [
        '<html xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:x="urn:schemas-microsoft-com:office:excel">',
        '<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body><table border="1">',
    ]
    for r, row in enumerate(grid):
        cells = []
        for c, value in enumerate(row):
            if (r, c) in covered:
                continue
            rs, cs = spans.get((r, c), (1, 1))
            attrs = (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
            cells.append(f"<td{attrs}>{html.escape(_text(value))}</td>")
        lines.append("<tr>" + "".join(cells) + "</tr>")
    lines.append("</table></body></html>")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def write_csv(path: Path, grid: Grid, encoding: str = "utf-8", delimiter: str = ",") -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    for row in grid:
        writer.writerow([_text(v) for v in row])
    text = buffer.getvalue()
    path.write_bytes(encode_cp1258(text) if encoding == "cp1258" else text.encode(encoding))
    return path
