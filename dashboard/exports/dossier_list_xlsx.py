"""The dossiers behind a number (dashboard.kpi.drilldown.dossier_list) as an Excel workbook (issue 11 §15).

Pure: the list and the words of its heading in, .xlsx bytes out. The heading says what was counted, in which
period and cell, under which filters, by which rule, and how many dossiers: the number the user clicked. Dates
are real Excel dates shown dd/mm/yyyy, days late are numbers, and a text is always text: a procedure named
"=HYPERLINK(…)" stays a string cell (cells.put for the heading, inline strings for the rows through sheet_rows,
issue 5 §1). No personal data: the list holds codes, units, fields, procedures, dates and states only.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, NamedStyle
from openpyxl.utils import get_column_letter

from dashboard.exports.cells import DATE_FORMAT, plain, put
from dashboard.exports.sheet_rows import append_rows, rows_xml, style_id

HEADERS = {
    "vi": ("STT", "Mã hồ sơ", "Đơn vị", "Lĩnh vực", "Thủ tục", "Kênh nộp", "Ngày tiếp nhận", "Ngày hẹn trả",
           "Ngày kết thúc xử lý", "Tình trạng tại cuối kỳ", "Trạng thái trong tệp nhập",
           "Số ngày làm việc trễ hạn"),
    "en": ("No.", "Dossier code", "Unit", "Field", "Procedure", "Channel", "Received", "Due", "Processing ended",
           "State at the end of the period", "Status in the imported file", "Working days late"),
}  # fmt: skip
NUMERATOR_HEADER = {"vi": "Tính vào tử số", "en": "Counted in the numerator"}
YES_NO = {"vi": ("Có", "Không"), "en": ("Yes", "No")}
COUNT_LABEL = {"vi": "Số hồ sơ", "en": "Dossiers"}
NUMERATOR_LABEL = {"vi": "Trong đó tính vào tử số", "en": "Of which in the numerator"}
SHEET_TITLE = {"vi": "Danh sách hồ sơ", "en": "Dossiers"}
WIDTHS = (6, 28, 28, 22, 60, 14, 15, 15, 15, 26, 22, 12, 12)
DATE_COLUMNS = (6, 7, 8)  # received, due, finished: 0-based positions in a row


@dataclass(frozen=True)
class ListHeading:
    """The words above the list: what was counted (title), then lines such as the period, the cell, the filters
    and the rule; `words` translate the list's codes (state, channel, status) for the cells."""

    title: str
    lines: Sequence[str] = ()
    words: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # column → code → words


def workbook_bytes(frame: pd.DataFrame, heading: ListHeading, lang: str = "vi", rate: bool = False) -> bytes:
    """One sheet: the heading, the count (and, for a rate, the numerator), the header row and one row per
    dossier in the list's order. frame: dashboard.kpi.drilldown.dossier_list's columns."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(SHEET_TITLE[lang])
    bold, header, date_style = _styles(book)
    headers = [*HEADERS[lang], *([NUMERATOR_HEADER[lang]] if rate else [])]
    for column, width in enumerate(WIDTHS[: len(headers)], start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    header_row = 3 + len(heading.lines) + int(rate) + 1
    sheet.freeze_panes = f"C{header_row + 1}"  # a write-only sheet takes its panes before any row
    sheet.append([_styled(sheet, heading.title, bold)])
    for line in heading.lines:
        sheet.append([_styled(sheet, line, None)])
    sheet.append([_styled(sheet, COUNT_LABEL[lang], bold), _styled(sheet, len(frame), bold)])
    if rate:
        in_numerator = int(frame["in_numerator"].sum()) if len(frame) else 0
        sheet.append([_styled(sheet, NUMERATOR_LABEL[lang], None), _styled(sheet, in_numerator, None)])
    sheet.append([])
    sheet.append([_styled(sheet, text, header) for text in headers])
    day = style_id(sheet, date_style)
    styles = [day if i in DATE_COLUMNS else None for i in range(len(headers))]
    body, last = rows_xml(header_row + 1, ((values, styles) for values in rows(frame, heading, lang, rate)))
    book_bytes = io.BytesIO()
    book.save(book_bytes)
    dimension = f"A1:{get_column_letter(len(headers))}{max(last, header_row)}"
    return append_rows(book_bytes.getvalue(), {1: (body, dimension)})


def rows(
    frame: pd.DataFrame, heading: ListHeading, lang: str = "vi", rate: bool = False
) -> list[list[object]]:
    """The data rows, in the list's order: STT, code, unit, field, procedure, channel, received, due, finished,
    state, status, days late (and whether in the numerator, for a rate)."""

    def column(name: str, translate: bool = False) -> list[object]:
        values = frame[name].tolist() if name in frame else [None] * len(frame)
        words = heading.words.get(name, {}) if translate else {}
        return [words.get(v, v) if isinstance(v, str) else v for v in values]

    columns = [
        column("dossier_code"), column("unit"), column("field_name"), column("procedure"),
        column("channel", True), column("received_day"), column("due_day"), column("finished_day"),
        column("state", True), _status(frame, heading), [_int(v) for v in column("days_late")],
    ]  # fmt: skip
    if rate:
        yes, no = YES_NO[lang]
        columns.append([yes if flag else no for flag in column("in_numerator")])
    return [
        [number, *(plain(v) for v in values)]
        for number, values in enumerate(zip(*columns, strict=True), start=1)
    ]


def _status(frame: pd.DataFrame, heading: ListHeading) -> list[object]:
    """The status as the imported file wrote it; its class in words when the file had no label."""
    words = heading.words.get("status", {})
    labels = frame["status_label"].tolist() if "status_label" in frame else [None] * len(frame)
    classes = frame["status"].tolist() if "status" in frame else [None] * len(frame)
    return [
        label if isinstance(label, str) and label else words.get(c, c)
        for label, c in zip(labels, classes, strict=True)
    ]


def _int(value: object) -> int | None:
    value = plain(value)
    return None if value is None else int(value)


def _styled(sheet, value: object, style: str | None) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet)
    if style:
        cell.style = style
    return put(cell, value)


def _styles(book: Workbook) -> tuple[str, str, str]:
    bold = NamedStyle("dl_bold", font=Font(bold=True))
    header = NamedStyle(
        "dl_header", font=Font(bold=True), alignment=Alignment(wrap_text=True, vertical="top")
    )
    day = NamedStyle("dl_date", number_format=DATE_FORMAT)
    for style in (bold, header, day):
        book.add_named_style(style)
    return bold.name, header.name, day.name
