"""Long lists written fast: the data rows of a sheet as SpreadsheetML, added after openpyxl saved the rest.

openpyxl spends tens of µs per cell even in write-only mode: 50.000 dossiers × 7 plain values took about 9 s
on the 2-core test machine (bench/RESULTS_LISTS_EXPORT.md), beyond issue 5 §3's 5 s. The long lists therefore go in two steps: openpyxl
writes the workbook — styles, title block, header row, merged ranges, page setup, print titles — and the data
rows are then appended to each sheet's <sheetData> as plain XML, one string per row, styled by the cell-format
ids openpyxl gave the workbook's NamedStyles (style_id). Values go through cells.plain like every other cell:
a text is an inline string (t="inlineStr"), which a spreadsheet never evaluates, so "=HYPERLINK(…)" stays
text (issue 5 §1); a date is its Excel serial day; None is an empty, still-styled cell.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date
from xml.sax.saxutils import escape

from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter

from dashboard.exports.cells import plain

EXCEL_EPOCH = date(1899, 12, 30).toordinal()  # serial day 1 = 01/01/1900, Excel's 1900 leap-year bug included
_DIMENSION = re.compile(rb'<dimension ref="[^"]*"\s*/>')
_END = b"</sheetData>"

Row = tuple[Sequence[object], Sequence[int | None]]  # values, and a cell-format id per value


def style_id(sheet, named_style: str) -> int:
    """The cell-format (xf) id of a NamedStyle already added to the sheet's workbook; registers it for saving."""
    cell = WriteOnlyCell(sheet)
    cell.style = named_style
    return cell.style_id


def cell_xml(reference: str, value: object, style: int | None) -> str:
    """One <c> element; a text is always an inline string, never a formula."""
    value = plain(value)
    styled = f' s="{style}"' if style else ""
    if value is None:
        return f'<c r="{reference}"{styled}/>'
    if isinstance(value, str):
        space = ' xml:space="preserve"' if value != value.strip() or "\n" in value else ""
        return f'<c r="{reference}"{styled} t="inlineStr"><is><t{space}>{escape(value)}</t></is></c>'
    if isinstance(value, bool):
        return f'<c r="{reference}"{styled} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, date):
        return f'<c r="{reference}"{styled}><v>{value.toordinal() - EXCEL_EPOCH}</v></c>'
    if isinstance(value, float) and value in (float("inf"), float("-inf")):
        return f'<c r="{reference}"{styled}/>'
    return f'<c r="{reference}"{styled}><v>{value!r}</v></c>'


def rows_xml(first_row: int, rows: Iterable[Row]) -> tuple[str, int]:
    """The <row> elements of `rows` from row number first_row on; and the number of the last row written."""
    letters: list[str] = []
    parts = []
    number = first_row - 1
    for number, (values, styles) in enumerate(rows, start=first_row):
        while len(letters) < len(values):
            letters.append(get_column_letter(len(letters) + 1))
        cells = "".join(
            cell_xml(f"{letter}{number}", value, style)
            for letter, value, style in zip(letters, values, styles, strict=False)
        )
        parts.append(f'<row r="{number}">{cells}</row>')
    return "".join(parts), number


def append_rows(workbook: bytes, sheets: dict[int, tuple[str, str]]) -> bytes:
    """Add rows to saved sheets: sheet number (1-based, openpyxl's order) → (rows XML, dimension "A1:G99")."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(workbook)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target,
    ):
        for item in source.infolist():
            data = source.read(item.filename)
            number = _sheet_number(item.filename)
            if number in sheets:
                rows, dimension = sheets[number]
                assert data.count(_END) == 1, f"{item.filename}: no <sheetData> to append to"
                data = data.replace(_END, rows.encode() + _END)
                data = _DIMENSION.sub(f'<dimension ref="{dimension}"/>'.encode(), data, count=1)
            target.writestr(item.filename, data)
    return out.getvalue()


def _sheet_number(name: str) -> int | None:
    match = re.fullmatch(r"xl/worksheets/sheet(\d+)\.xml", name)
    return int(match.group(1)) if match else None
