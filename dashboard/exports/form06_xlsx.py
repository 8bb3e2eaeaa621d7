"""Biểu số 06/VPCP/KSTT as an Excel workbook laid out like the official form (issue 5 §3, KPI_SPEC §4).

Pure: a ReportContent in, .xlsx bytes out. Every number is a cell of content.rows / content.total, the engine's
own figures (form06 through kpi_table), written as a number, never as text. The total row is content.total even
when it differs from the sum of the rows (a dossier without a field is in the total, not in a field's row).
Layout of the form issued with Thông tư 01/2020/TT-VPCP: the form code top left, the reporting unit top right,
the title and the period centred, "Đơn vị tính", a three-row header, the row of column numbers (1)…(13), one
row per unit or field, a total row; then the signatures. A second sheet "Ghi chú" gives the withdrawn /
stopped / paused counts beside the form and how each column is counted, so nothing is hidden (KPI_SPEC §4).
"""

from __future__ import annotations

import io

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from dashboard.exports.cells import print_a4_landscape, put
from dashboard.exports.form06_text import (
    COUNT_COLUMNS,
    FONT_NAME,
    FORM_CODE,
    ISSUED_BY,
    TITLE,
    TOTAL_LABEL,
    UNIT_OF_COUNT,
)
from dashboard.kpi.report import ReportContent
from dashboard.kpi.unit_groups import counting_note

RECEIVER = "Đơn vị nhận báo cáo: ……………………"
SHEET_TITLE = "Biểu 06"
NOTES_TITLE = "Ghi chú"

# Row numbers of the layout (1-based); tests and the print titles refer to them.
TITLE_ROW = 4
PERIOD_ROW = 5
UNIT_OF_COUNT_ROW = 6
HEADER_ROWS = (7, 8, 9)
NUMBERS_ROW = 10
FIRST_DATA_ROW = 11

# The three-row header exactly as the form: (cell range, text).
HEADER_CELLS = (
    ("A7:A9", "STT"),
    ("B7:B9", "Lĩnh vực, công việc giải quyết theo cấp"),
    ("C7:F7", "Số hồ sơ nhận giải quyết"),
    ("C8:C9", "Tổng số"),
    ("D8:F8", "Trong đó"),
    ("D9", "Trực tuyến"),
    ("E9", "Trực tiếp, dịch vụ bưu chính"),
    ("F9", "Từ kỳ trước"),
    ("G7:J7", "Số hồ sơ đã giải quyết"),
    ("G8:G9", "Tổng số"),
    ("H8:J8", "Trong đó"),
    ("H9", "Trước hạn"),
    ("I9", "Đúng hạn"),
    ("J9", "Quá hạn"),
    ("K7:M7", "Số lượng hồ sơ đang giải quyết"),
    ("K8:K9", "Tổng số"),
    ("L8:M8", "Trong đó"),
    ("L9", "Trong hạn"),
    ("M9", "Quá hạn"),
)
WIDTHS = (6, 40, 11, 11, 13, 10, 11, 10, 10, 10, 11, 10, 10)
LAST_COLUMN = "M"

# How each column is counted (KPI_SPEC §4), for the "Ghi chú" sheet.
RULES = (
    ("(3)", "Tổng số hồ sơ nhận giải quyết = (4) + (5) + (6)."),
    ("(4)", "Hồ sơ tiếp nhận trong kỳ qua kênh trực tuyến."),
    ("(5)", "Hồ sơ tiếp nhận trong kỳ trực tiếp hoặc qua dịch vụ bưu chính."),
    ("(6)", "Hồ sơ tiếp nhận trước kỳ, chưa giải quyết xong khi kỳ bắt đầu."),
    ("(7)", "Hồ sơ đã giải quyết trong kỳ = (8) + (9) + (10); gồm cả hồ sơ rút, dừng xử lý."),
    ("(8)", "Có kết quả trước ngày hẹn trả."),
    ("(9)", "Có kết quả đúng ngày hẹn trả, không có hạn giải quyết, hoặc công dân xin rút hồ sơ."),
    ("(10)", "Có kết quả sau ngày hẹn trả (trừ hồ sơ xin rút)."),
    ("(11)", "Hồ sơ chưa giải quyết xong đến hết ngày cuối kỳ = (12) + (13)."),
    ("(12)", "Ngày hẹn trả không trước ngày cuối kỳ, không có hạn, hoặc đang tạm dừng chờ bổ sung."),
    ("(13)", "Ngày hẹn trả trước ngày cuối kỳ và không tạm dừng."),
    ("", "So sánh theo ngày (không theo giờ). Không tính hồ sơ không tiếp nhận và hồ sơ bị từ chối."),
    ("", "Ngày hẹn trả trống: tính theo thời hạn giải quyết của thủ tục, theo ngày làm việc, nếu biết."),
    ("", "Luôn có (3) = (7) + (11) trên mỗi dòng và dòng tổng cộng."),
)
BESIDE_COLUMNS = (
    ("withdrawn", "Hồ sơ xin rút (đã tính ở cột 9)"),
    ("stopped", "Hồ sơ dừng xử lý (đã tính ở cột 7)"),
    ("paused", "Hồ sơ tạm dừng, chờ bổ sung cuối kỳ (đã tính ở cột 12)"),
)

_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_LINE = Font(name=FONT_NAME, size=13)
_LINE_BOLD = Font(name=FONT_NAME, size=13, bold=True)
_LINE_ITALIC = Font(name=FONT_NAME, size=13, italic=True)
_TABLE = Font(name=FONT_NAME, size=12)
_TABLE_BOLD = Font(name=FONT_NAME, size=12, bold=True)
_TABLE_ITALIC = Font(name=FONT_NAME, size=11, italic=True)
_SMALL_ITALIC = Font(name=FONT_NAME, size=11, italic=True)
_CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
_RIGHT = Alignment(horizontal="right", vertical="center")


def form06_workbook(content: ReportContent) -> bytes:
    """The Biểu 06 of the report (rows by content.by) and its "Ghi chú" sheet, as .xlsx bytes."""
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET_TITLE
    _header_block(sheet, content)
    _table_header(sheet)
    last = _body(sheet, content)
    _signatures(sheet, content, last + 2)
    _page_setup(sheet)
    _notes_sheet(book.create_sheet(NOTES_TITLE), content)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def reporting_unit(content: ReportContent) -> str:
    """content.scope, or for a report of every unit in the database a label saying so."""
    if content.scope:
        return content.scope
    return f"Tất cả đơn vị trong dữ liệu ({len(content.by_unit)} đơn vị)"


def period_line(content: ReportContent) -> str:
    return f"(Từ ngày {content.period.start:%d/%m/%Y} đến ngày {content.period.end:%d/%m/%Y})"


def group_label(content: ReportContent, row: pd.Series) -> object:
    """Column 2 of a row: the field's or the unit's name, as the engine wrote it (content.by)."""
    return row.get(content.by)


def _write(sheet, where: str, value: object, font: Font, alignment: Alignment, border: bool = False):
    """Text (or a number) in a cell or a merged range, with its font, alignment and, in the table, borders."""
    first = where.split(":")[0]
    if ":" in where:
        sheet.merge_cells(where)
    cell = put(sheet[first], value)
    cell.font, cell.alignment = font, alignment
    if border:
        for row in sheet[where] if ":" in where else [[sheet[first]]]:
            for part in row:
                part.border = _BORDER
    return cell


def _header_block(sheet, content: ReportContent) -> None:
    _write(sheet, "A1:D1", FORM_CODE, _LINE_BOLD, _LEFT)
    _write(
        sheet, "A2:D3", ISSUED_BY, _LINE_ITALIC, Alignment(horizontal="left", vertical="top", wrap_text=True)
    )
    _write(sheet, "J1:M2", f"Đơn vị báo cáo: {reporting_unit(content)}", _LINE_BOLD, _LEFT)
    _write(sheet, "J3:M3", RECEIVER, _LINE, _LEFT)
    _write(sheet, f"A{TITLE_ROW}:{LAST_COLUMN}{TITLE_ROW}", TITLE, _LINE_BOLD, _CENTRE)
    _write(sheet, f"A{PERIOD_ROW}:{LAST_COLUMN}{PERIOD_ROW}", period_line(content), _LINE_ITALIC, _CENTRE)
    _write(
        sheet, f"J{UNIT_OF_COUNT_ROW}:{LAST_COLUMN}{UNIT_OF_COUNT_ROW}", UNIT_OF_COUNT, _LINE_ITALIC, _RIGHT
    )
    for row, height in (
        (1, 20),
        (2, 20),
        (3, 20),
        (TITLE_ROW, 24),
        (PERIOD_ROW, 20),
        (UNIT_OF_COUNT_ROW, 20),
    ):
        sheet.row_dimensions[row].height = height


def _table_header(sheet) -> None:
    for where, text in HEADER_CELLS:
        _write(sheet, where, text, _TABLE_BOLD, _CENTRE, border=True)
    for column in range(1, 14):
        cell = put(sheet.cell(row=NUMBERS_ROW, column=column), f"({column})")
        cell.font, cell.alignment, cell.border = _TABLE_ITALIC, _CENTRE, _BORDER
    for row, height in zip(HEADER_ROWS, (36, 22, 52), strict=True):
        sheet.row_dimensions[row].height = height


def _body(sheet, content: ReportContent) -> int:
    """The data rows then the total row; returns the total row's number."""
    row_number = FIRST_DATA_ROW
    for number, (_, row) in enumerate(content.rows.iterrows(), start=1):
        _table_row(sheet, row_number, number, group_label(content, row), row, _TABLE)
        row_number += 1
    _table_row(sheet, row_number, None, TOTAL_LABEL, content.total, _TABLE_BOLD)
    return row_number


def _table_row(sheet, row_number: int, number: int | None, label: object, counts: pd.Series, font) -> None:
    values = [number, label, *(counts.get(column) for column in COUNT_COLUMNS)]
    for column, value in enumerate(values, start=1):
        cell = put(sheet.cell(row=row_number, column=column), value)
        cell.font, cell.border = font, _BORDER
        cell.alignment = _LEFT if column == 2 else _CENTRE if column == 1 else _RIGHT
        if column > 2:
            cell.number_format = "#,##0"  # full number in the cell; the thousands mark follows the locale


def _signatures(sheet, content: ReportContent, row: int) -> None:
    snapshot = content.data_dates or (f"{content.snapshot:%d/%m/%Y}" if content.snapshot else "chưa có")
    note = (
        f"Số liệu đến ngày {snapshot}; lập lúc {content.generated_at:%H:%M ngày %d/%m/%Y} "
        "từ bảng điều khiển CCHC. Cách tính từng cột: xem trang “Ghi chú”. "
        + counting_note(content.units, content.period.end)  # issue 15: which way units are counted
        + "."
    )
    _write(sheet, f"A{row}:{LAST_COLUMN}{row}", note, _SMALL_ITALIC, _LEFT)
    _write(
        sheet, f"J{row + 1}:{LAST_COLUMN}{row + 1}", "…………, ngày …… tháng …… năm ……", _LINE_ITALIC, _CENTRE
    )
    _write(sheet, f"A{row + 2}:D{row + 2}", "NGƯỜI LẬP BIỂU", _LINE_BOLD, _CENTRE)
    _write(sheet, f"J{row + 2}:{LAST_COLUMN}{row + 2}", "THỦ TRƯỞNG ĐƠN VỊ", _LINE_BOLD, _CENTRE)
    _write(sheet, f"A{row + 3}:D{row + 3}", "(Ký, ghi rõ họ tên)", _LINE_ITALIC, _CENTRE)
    _write(sheet, f"J{row + 3}:{LAST_COLUMN}{row + 3}", "(Ký tên, đóng dấu)", _LINE_ITALIC, _CENTRE)


def _page_setup(sheet) -> None:
    # The header (3 rows and the column numbers) on every printed page.
    print_a4_landscape(sheet, WIDTHS, f"{HEADER_ROWS[0]}:{NUMBERS_ROW}", f"C{FIRST_DATA_ROW}")


def _notes_sheet(sheet, content: ReportContent) -> None:
    """Withdrawn / stopped / paused beside the form (KPI_SPEC §4) and how each column is counted."""
    _write(sheet, "A1:F1", f"GHI CHÚ KÈM {FORM_CODE.upper()}", _LINE_BOLD, _CENTRE)
    _write(sheet, "A2:F2", period_line(content), _LINE_ITALIC, _CENTRE)
    grouping = "Đơn vị" if content.by == "unit" else "Lĩnh vực"
    headers = ("STT", grouping, *(text for _, text in BESIDE_COLUMNS))
    for column, text in enumerate(headers, start=1):
        cell = put(sheet.cell(row=4, column=column), text)
        cell.font, cell.alignment, cell.border = _TABLE_BOLD, _CENTRE, _BORDER
    row_number = 5
    lines = [
        (number, group_label(content, row), row) for number, (_, row) in enumerate(content.rows.iterrows(), 1)
    ]
    for number, label, counts in [*lines, (None, TOTAL_LABEL, content.total)]:
        values = [number, label, *(counts.get(column) for column, _ in BESIDE_COLUMNS)]
        for column, value in enumerate(values, start=1):
            cell = put(sheet.cell(row=row_number, column=column), value)
            cell.font = _TABLE_BOLD if number is None else _TABLE
            cell.border = _BORDER
            cell.alignment = _LEFT if column == 2 else _CENTRE if column == 1 else _RIGHT
        row_number += 1
    row_number += 1
    _write(sheet, f"A{row_number}:F{row_number}", "Cách tính các cột của Biểu 06", _TABLE_BOLD, _LEFT)
    for column_no, rule in RULES:
        row_number += 1
        put(sheet.cell(row=row_number, column=1), column_no).font = _TABLE
        _write(sheet, f"B{row_number}:F{row_number}", rule, _TABLE, _LEFT)
        sheet.row_dimensions[row_number].height = 32
    for column, width in enumerate((6, 40, 24, 24, 28, 4), start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.row_dimensions[4].height = 48
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
