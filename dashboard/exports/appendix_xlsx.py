"""The report's Phụ lục: overdue, late and due-soon dossiers by unit, as an Excel workbook (issue 5 §3).

Pure: a ReportContent in, .xlsx bytes out. Three sheets, one list each, so that each has its own title, count
and printed header:
  1. "Đang GQ quá hạn": content.overdue, still open and overdue at the period's end (Biểu 06 col 13);
  2. "Đã GQ quá hạn": content.late_finished, resolved late in the period (Biểu 06 col 10);
  3. "Sắp đến hạn": content.due_soon, open and due within the next working days.
Each list is grouped by unit (units in Vietnamese alphabetical order, the list's own order inside a unit): a
bold group row per unit carries a Roman numeral and the unit's count, and STT restarts at 1 in every unit, as
Vietnamese report annexes number them. Dates are real dates (dd/mm/yyyy), no text cell is ever a formula.

Speed (50.000 rows under the 5 s of issue 5 §3): openpyxl (write-only mode) writes the styles, title block,
header, merged ranges and page setup; the data rows go in as XML through sheet_rows, styled by the ids of a few
NamedStyles registered once (never a Font or Border made per cell).
"""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side

from dashboard.exports.cells import DATE_FORMAT, plain, print_a4_landscape, put
from dashboard.exports.form06_xlsx import reporting_unit
from dashboard.exports.sheet_rows import append_rows, rows_xml, style_id
from dashboard.kpi.report import ReportContent

HEADERS = (
    "STT",
    "Mã hồ sơ",
    "Ngày tiếp nhận",
    "Ngày hẹn trả",
    "Ngày có kết quả",
    "Đơn vị giải quyết",
    "Ghi chú",
)
WIDTHS = (7, 30, 14, 14, 14, 30, 40)
FONT_NAME = "Times New Roman"
UNKNOWN_UNIT = "(Chưa rõ đơn vị)"
TITLE_ROWS = 5  # title block rows above the header row
HEADER_ROW = TITLE_ROWS + 2  # a blank row, then the column headers
LAST_COLUMN = "G"


@dataclass(frozen=True)
class AppendixList:
    sheet: str
    number: int
    title: str
    attribute: str  # the ReportContent frame
    days_column: str
    finished: bool  # "Ngày có kết quả" filled (finished_day)


LISTS = (
    AppendixList(
        "Đang GQ quá hạn",
        1,
        "DANH SÁCH HỒ SƠ ĐANG GIẢI QUYẾT QUÁ HẠN (CỘT 13 BIỂU 06)",
        "overdue",
        "working_days_overdue",
        False,
    ),
    AppendixList(
        "Đã GQ quá hạn",
        2,
        "DANH SÁCH HỒ SƠ ĐÃ GIẢI QUYẾT QUÁ HẠN TRONG KỲ (CỘT 10 BIỂU 06)",
        "late_finished",
        "working_days_late",
        True,
    ),
    AppendixList(
        "Sắp đến hạn",
        3,
        "DANH SÁCH HỒ SƠ SẮP ĐẾN HẠN",
        "due_soon",
        "working_days_left",
        False,
    ),
)


def note(kind: str, days: object) -> str | None:
    """Ghi chú of one dossier: how late it is, or how many working days are left."""
    days = plain(days)
    if days is None:
        return None
    if kind == "overdue":
        return f"Đang giải quyết, quá hạn {int(days)} ngày làm việc"
    if kind == "late_finished":
        return f"Đã giải quyết, trễ {int(days)} ngày làm việc"
    return f"Còn {int(days)} ngày làm việc"


def roman(number: int) -> str:
    """1 → I, 4 → IV, 30 → XXX: the group rows' numbering."""
    out = []
    for value, letters in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


def unit_order(name: str) -> tuple[str, str]:
    """Vietnamese alphabetical order, near enough: letters without their marks first (Đ with D), then as is."""
    bare = "".join(c for c in unicodedata.normalize("NFD", name) if not unicodedata.combining(c))
    return bare.replace("đ", "d").replace("Đ", "D").casefold(), name


def groups(frame: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    """(unit, its rows in the list's order) for each unit, units in Vietnamese alphabetical order."""
    if frame.empty:
        return []
    units = frame["unit"].astype(object).where(frame["unit"].notna(), UNKNOWN_UNIT).astype(str)
    parts = {unit: frame.loc[index] for unit, index in units.groupby(units, sort=False).groups.items()}
    return [(unit, parts[unit]) for unit in sorted(parts, key=unit_order)]


def appendix_workbook(content: ReportContent) -> bytes:
    """The three Phụ lục sheets of the report as .xlsx bytes."""
    book = Workbook(write_only=True)
    names = _styles(book)
    rows = {}
    for number, spec in enumerate(LISTS, start=1):
        sheet = book.create_sheet(spec.sheet)
        rows[number] = _write_list(sheet, spec, getattr(content, spec.attribute), content, names)
    buffer = io.BytesIO()
    book.save(buffer)
    return append_rows(buffer.getvalue(), rows)


def _styles(book: Workbook) -> dict[str, str]:
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    body = Font(name=FONT_NAME, size=11)
    bold = Font(name=FONT_NAME, size=11, bold=True)
    middle = Alignment(horizontal="center", vertical="center", wrap_text=True)
    left = Alignment(horizontal="left", vertical="center", wrap_text=True)
    made = {
        "title": NamedStyle("pl_title", font=Font(name=FONT_NAME, size=13, bold=True), alignment=middle),
        "subtitle": NamedStyle(
            "pl_subtitle", font=Font(name=FONT_NAME, size=13, italic=True), alignment=middle
        ),
        "header": NamedStyle("pl_header", font=bold, alignment=middle, border=border),
        "group": NamedStyle(
            "pl_group",
            font=bold,
            alignment=left,
            border=border,
            fill=PatternFill("solid", start_color="F2F2F2", end_color="F2F2F2"),
        ),
        "centre": NamedStyle("pl_centre", font=body, alignment=middle, border=border),
        "text": NamedStyle("pl_text", font=body, alignment=left, border=border),
        "date": NamedStyle("pl_date", font=body, alignment=middle, border=border, number_format=DATE_FORMAT),
        "empty": NamedStyle("pl_empty", font=Font(name=FONT_NAME, size=11, italic=True), alignment=left),
    }
    for style in made.values():
        book.add_named_style(style)
    return {key: style.name for key, style in made.items()}


def _cell(sheet, value: object, style: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet)
    cell.style = style  # before the value: a date keeps the style's dd/mm/yyyy
    return put(cell, value, date_format=None)


def _write_list(
    sheet, spec: AppendixList, frame: pd.DataFrame, content: ReportContent, names
) -> tuple[str, str]:
    """Title block and header through openpyxl; returns the data rows' XML and the sheet's dimension."""
    _page_setup(sheet)
    parts = groups(frame)
    period = content.period
    lines = (
        (f"PHỤ LỤC {spec.number}", "title"),
        (spec.title, "title"),
        (
            f"(Kèm theo báo cáo kỳ từ ngày {period.start:%d/%m/%Y} đến ngày {period.end:%d/%m/%Y}; "
            f"tình hình đến hết ngày {period.end:%d/%m/%Y})",
            "subtitle",
        ),
        (f"Đơn vị báo cáo: {reporting_unit(content)}", "subtitle"),
        (f"Tổng số: {len(frame)} hồ sơ tại {len(parts)} đơn vị", "subtitle"),
    )
    for row, (text, style) in enumerate(lines, start=1):
        sheet.merged_cells.add(f"A{row}:{LAST_COLUMN}{row}")
        sheet.append([_cell(sheet, text, names[style])])
    sheet.append([])
    sheet.append([_cell(sheet, text, names["header"]) for text in HEADERS])
    ids = {key: style_id(sheet, name) for key, name in names.items()}
    body, last = rows_xml(HEADER_ROW + 1, _body_rows(spec, parts, ids))
    if not parts:
        sheet.merged_cells.add(f"A{last}:{LAST_COLUMN}{last}")
    for row in _group_rows(parts):
        sheet.merged_cells.add(f"B{row}:{LAST_COLUMN}{row}")
    return body, f"A1:{LAST_COLUMN}{last}"


def _group_rows(parts: list[tuple[str, pd.DataFrame]]) -> list[int]:
    """The sheet rows of the unit group rows (each followed by its unit's dossiers)."""
    rows, row = [], HEADER_ROW + 1
    for _, part in parts:
        rows.append(row)
        row += 1 + len(part)
    return rows


def _body_rows(spec: AppendixList, parts: list[tuple[str, pd.DataFrame]], ids: dict[str, int]):
    if not parts:
        yield ("Không có hồ sơ nào.",), (ids["empty"],)
        return
    group = (ids["group"],) * len(HEADERS)
    data = (ids["centre"], ids["text"], ids["date"], ids["date"], ids["date"], ids["text"], ids["text"])
    for group_number, (unit, part) in enumerate(parts, start=1):
        yield (roman(group_number), f"{unit}: {len(part)} hồ sơ", *(None,) * (len(HEADERS) - 2)), group
        for values in _rows(spec, part):
            yield values, data


def _rows(spec: AppendixList, part: pd.DataFrame):
    """STT (from 1 in each unit), code, received, due, finished, unit, Ghi chú: plain values."""
    codes = part["dossier_code"].tolist()
    received = part["received_at"].tolist()
    due = part["due_day"].tolist()
    finished = part["finished_day"].tolist() if spec.finished else [None] * len(part)
    units = part["unit"].tolist()
    days = part[spec.days_column].tolist()
    for number, values in enumerate(zip(codes, received, due, finished, units, days, strict=True), start=1):
        code, got, due_day, done, unit, late = values
        yield number, code, got, due_day, done, unit, note(spec.attribute, late)


def _page_setup(sheet) -> None:
    print_a4_landscape(sheet, WIDTHS, f"{HEADER_ROW}:{HEADER_ROW}", f"A{HEADER_ROW + 1}")
