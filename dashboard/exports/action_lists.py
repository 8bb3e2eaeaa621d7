"""The action lists (overdue / due soon, dashboard.kpi.actions) as an Excel workbook, one sheet per list.

Pure: frames in, .xlsx bytes out. Dates are real Excel dates shown dd/mm/yyyy, day counts are numbers, and a
text cell is always text: a procedure named "=HYPERLINK(…)" is written as a string cell, never as a formula
(dashboard.exports.cells.put forces the string type; the data rows are inline strings: issue 5 §1).
Long lists stay fast: the data rows go in as XML through sheet_rows (bench/RESULTS_LISTS_EXPORT.md).
No personal data: the lists hold codes, units, fields, procedures and dates only.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from datetime import date

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, NamedStyle
from openpyxl.utils import get_column_letter

from dashboard.exports.cells import DATE_FORMAT, plain, put
from dashboard.exports.sheet_rows import append_rows, rows_xml, style_id

__all__ = ["DATE_FORMAT", "DAYS_HEADER", "HEADERS", "SHEET_TITLES", "rows", "workbook_bytes"]
SHEET_TITLES = {"overdue": "Đang quá hạn", "due_soon": "Sắp đến hạn"}
DAYS_COLUMN = {"overdue": "working_days_overdue", "due_soon": "working_days_left"}
DAYS_HEADER = {"overdue": "Số ngày làm việc quá hạn", "due_soon": "Số ngày làm việc còn lại"}
HEADERS = ("STT", "Mã hồ sơ", "Đơn vị", "Lĩnh vực", "Thủ tục", "Ngày tiếp nhận", "Ngày hẹn trả")
WIDTHS = (6, 28, 28, 22, 60, 15, 15, 14)


def workbook_bytes(lists: Mapping[str, pd.DataFrame]) -> bytes:
    """lists: kind ("overdue" | "due_soon") → the frame of dashboard.kpi.actions.action_list for that kind."""
    book = Workbook(write_only=True)
    header, date_style = _styles(book)
    bodies = {}
    for number, (kind, frame) in enumerate(lists.items(), start=1):
        bodies[number] = _write_sheet(book.create_sheet(SHEET_TITLES[kind]), kind, frame, header, date_style)
    if not lists:
        book.create_sheet(SHEET_TITLES["overdue"])
    buffer = io.BytesIO()
    book.save(buffer)
    return append_rows(buffer.getvalue(), bodies)


def rows(kind: str, frame: pd.DataFrame) -> list[list[object]]:
    """The sheet's data rows, in the list's order: STT, code, unit, field, procedure, received, due, days."""

    def column(name: str) -> list[object]:
        return frame[name].tolist() if name in frame else [None] * len(frame)

    values = zip(
        column("dossier_code"),
        column("unit"),
        column("field_name"),
        column("procedure"),
        column("received_at"),
        column("due_day"),
        column(DAYS_COLUMN[kind]),
        strict=True,
    )
    return [
        [number, _text(code), _text(unit), _text(field), _text(procedure), _day(got), _day(due), _int(days)]
        for number, (code, unit, field, procedure, got, due, days) in enumerate(values, start=1)
    ]


def _styles(book: Workbook) -> tuple[str, str]:
    header = NamedStyle(
        "al_header", font=Font(bold=True), alignment=Alignment(wrap_text=True, vertical="top")
    )
    day = NamedStyle("al_date", number_format=DATE_FORMAT)
    for style in (header, day):
        book.add_named_style(style)
    return header.name, day.name


def _write_sheet(sheet, kind: str, frame: pd.DataFrame, header: str, date_style: str) -> tuple[str, str]:
    """The header through openpyxl; returns the data rows' XML (sheet_rows) and the sheet's dimension."""
    for column, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A2"
    titles = []
    for text in (*HEADERS, DAYS_HEADER[kind]):
        cell = WriteOnlyCell(sheet)
        cell.style = header
        titles.append(put(cell, text))
    sheet.append(titles)
    day = style_id(sheet, date_style)
    styles = (None, None, None, None, None, day, day, None)
    body, last = rows_xml(2, ((values, styles) for values in rows(kind, frame)))
    return body, f"A1:{get_column_letter(len(styles))}{last}"


def _text(value: object) -> str | None:
    value = plain(value)
    return None if value is None else str(value)


def _day(value: object) -> date | None:
    value = plain(value)
    return pd.Timestamp(value).date() if isinstance(value, str) else value


def _int(value: object) -> int | None:
    value = plain(value)
    return None if value is None else int(value)
