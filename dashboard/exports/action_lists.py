"""The action lists (overdue / due soon, dashboard.kpi.actions) as an Excel workbook, one sheet per list.

Pure: frames in, .xlsx bytes out. Dates are real Excel dates shown dd/mm/yyyy, day counts are numbers, and a
text cell is always text: a procedure named "=HYPERLINK(…)" is written as a string cell, never as a formula
(openpyxl turns any str starting with "=" into a formula unless the cell's data_type is forced back to "s").
No personal data: the lists hold codes, units, fields, procedures and dates only.
"""

from __future__ import annotations

import io
import math
from collections.abc import Mapping
from datetime import date, datetime

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

DATE_FORMAT = "dd/mm/yyyy"
SHEET_TITLES = {"overdue": "Quá hạn", "due_soon": "Sắp đến hạn"}
DAYS_COLUMN = {"overdue": "working_days_overdue", "due_soon": "working_days_left"}
DAYS_HEADER = {"overdue": "Số ngày làm việc quá hạn", "due_soon": "Số ngày làm việc còn lại"}
HEADERS = ("STT", "Mã hồ sơ", "Đơn vị", "Lĩnh vực", "Thủ tục", "Ngày tiếp nhận", "Ngày hẹn trả")
WIDTHS = (6, 28, 28, 22, 60, 15, 15, 14)


def workbook_bytes(lists: Mapping[str, pd.DataFrame]) -> bytes:
    """lists: kind ("overdue" | "due_soon") → the frame of dashboard.kpi.actions.action_list for that kind."""
    book = Workbook()
    book.remove(book.active)
    for kind, frame in lists.items():
        _write_sheet(book.create_sheet(SHEET_TITLES[kind]), kind, frame)
    if not book.sheetnames:
        book.create_sheet(SHEET_TITLES["overdue"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def rows(kind: str, frame: pd.DataFrame) -> list[list[object]]:
    """The sheet's data rows, in the list's order: STT, code, unit, field, procedure, received, due, days."""
    days = DAYS_COLUMN[kind]
    out = []
    for number, row in enumerate(frame.itertuples(index=False), start=1):
        values = row._asdict()
        out.append(
            [
                number,
                _text(values.get("dossier_code")),
                _text(values.get("unit")),
                _text(values.get("field_name")),
                _text(values.get("procedure")),
                _day(values.get("received_at")),
                _day(values.get("due_day")),
                _int(values.get(days)),
            ]
        )
    return out


def _write_sheet(sheet, kind: str, frame: pd.DataFrame) -> None:
    sheet.append([*HEADERS, DAYS_HEADER[kind]])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row_index, values in enumerate(rows(kind, frame), start=2):
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=row_index, column=column)
            if isinstance(value, str):
                # Assign, then force the type: openpyxl infers "f" (formula) for "=…"; a text cell stays text.
                cell.value = value
                cell.data_type = "s"
            elif isinstance(value, date):
                cell.value = value
                cell.number_format = DATE_FORMAT
            else:
                cell.value = value
    for column, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A2"


def _text(value: object) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    return str(value)


def _day(value: object) -> date | None:
    if value is None or pd.isna(value):
        return None
    if isinstance(value, datetime):  # pandas' Timestamp is one too
        return value.date()
    return value if isinstance(value, date) else pd.Timestamp(value).date()


def _int(value: object) -> int | None:
    if value is None or pd.isna(value):
        return None
    return int(value)
