"""The Phụ lục workbook (issue 5 §3): lists grouped by unit, counts equal the lists, real dates, Ghi chú, and
never a formula."""

from __future__ import annotations

import dataclasses
import io
import zipfile
from datetime import datetime

import pandas as pd
import pytest
from openpyxl import load_workbook
from report_exports_fixture import FORMULA_CODE, FORMULA_UNIT, content

from dashboard.exports.appendix_xlsx import HEADER_ROW, HEADERS, LISTS, appendix_workbook, roman, unit_order

SHEETS = ["Đang GQ quá hạn", "Đã GQ quá hạn", "Sắp đến hạn"]
NOTES = {
    "overdue": ("working_days_overdue", "Đang giải quyết, quá hạn {} ngày làm việc"),
    "late_finished": ("working_days_late", "Đã giải quyết, trễ {} ngày làm việc"),
    "due_soon": ("working_days_left", "Còn {} ngày làm việc"),
}


def _groups(sheet) -> list[tuple[object, str, list[tuple]]]:
    """(roman numeral, group text, data rows) read back from a sheet, in order."""
    out = []
    for row in sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True):
        if isinstance(row[0], str):
            out.append((row[0], row[1], []))
        else:
            out[-1][2].append(row)
    return out


@pytest.fixture
def report(tmp_path):
    return content(tmp_path, "unit", scope="UBND Quận Hải Châu")


def test_three_sheets_with_title_block_and_header(report) -> None:
    book = load_workbook(io.BytesIO(appendix_workbook(report)))
    assert book.sheetnames == SHEETS
    for number, (sheet, spec) in enumerate(zip(book.worksheets, LISTS, strict=True), start=1):
        frame = getattr(report, spec.attribute)
        assert sheet["A1"].value == f"PHỤ LỤC {number}"
        assert sheet["A2"].value.startswith("DANH SÁCH HỒ SƠ")
        assert sheet["A3"].value == (
            "(Kèm theo báo cáo kỳ từ ngày 15/10/2026 đến ngày 14/11/2026; tình hình đến hết ngày 14/11/2026)"
        )
        assert sheet["A4"].value == "Đơn vị báo cáo: UBND Quận Hải Châu"
        assert sheet["A5"].value == f"Tổng số: {len(frame)} hồ sơ tại {frame['unit'].nunique()} đơn vị"
        assert [cell.value for cell in sheet[HEADER_ROW]] == list(HEADERS)
        assert sheet.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
        assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == 9
        assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        used = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
        assert {cell.font.name for cell in used} == {"Times New Roman"}


def test_grouped_by_unit_counts_dates_and_notes_equal_the_lists(report) -> None:
    book = load_workbook(io.BytesIO(appendix_workbook(report)))
    for sheet, spec in zip(book.worksheets, LISTS, strict=True):
        frame = getattr(report, spec.attribute)
        assert len(frame) > 0
        groups = _groups(sheet)
        units = sorted(frame["unit"].unique(), key=unit_order)
        assert [numeral for numeral, _, _ in groups] == [roman(n) for n in range(1, len(units) + 1)]
        days_column, note = NOTES[spec.attribute]
        for (_, label, rows), unit in zip(groups, units, strict=True):
            expected = frame[frame["unit"] == unit]  # the list's own order inside a unit
            assert label == f"{unit}: {len(expected)} hồ sơ"
            assert [row[0] for row in rows] == list(range(1, len(expected) + 1))  # STT restarts per unit
            for row, item in zip(rows, expected.itertuples(index=False), strict=True):
                assert row[1] == item.dossier_code and row[5] == unit
                assert row[2] == datetime.combine(item.received_at.date(), datetime.min.time())
                assert row[3] == item.due_day.to_pydatetime()
                finished = item.finished_day.to_pydatetime() if spec.finished else None
                assert row[4] == finished
                assert row[6] == note.format(getattr(item, days_column))
        assert sum(len(rows) for _, _, rows in groups) == len(frame)
        for cells in sheet.iter_rows(min_row=HEADER_ROW + 1):
            if not isinstance(cells[0].value, str):
                assert isinstance(cells[2].value, datetime) and cells[2].number_format == "dd/mm/yyyy"
                assert cells[3].number_format == "dd/mm/yyyy" and cells[0].data_type == "n"
                assert cells[2].border.left.style == "thin"
            else:
                assert cells[1].font.bold


def test_hand_counted_lists(report) -> None:
    book = load_workbook(io.BytesIO(appendix_workbook(report)))
    overdue = {label: [row[1] for row in rows] for _, label, rows in _groups(book["Đang GQ quá hạn"])}
    assert overdue == {
        "+Xã Hòa Phú: 1 hồ sơ": ["HP-02"],
        "Phường Đông Hải: 2 hồ sơ": ["DH-03", "DH-04"],  # Đ sorts with D, before H
        "Phường Hải Châu: 2 hồ sơ": ["HC-04", "HC-05"],
    }
    late = {label: [row[6] for row in rows] for _, label, rows in _groups(book["Đã GQ quá hạn"])}
    assert late["+Xã Hòa Phú: 1 hồ sơ"] == ["Đã giải quyết, trễ 4 ngày làm việc"]


def test_text_that_looks_like_a_formula_stays_text(report) -> None:
    data = appendix_workbook(report)
    book = load_workbook(io.BytesIO(data))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    texts = {cell.value for cell in cells if cell.data_type == "s"}
    assert {FORMULA_CODE, FORMULA_UNIT, f"{FORMULA_UNIT}: 1 hồ sơ"} <= texts
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/sheet")]
        assert len(sheets) == 3 and all("<f>" not in archive.read(name).decode() for name in sheets)


def test_empty_lists_and_odd_values(report) -> None:
    odd = report.overdue.head(1).assign(unit=None, dossier_code="A & <B>\x07", received_at=pd.NaT)
    empty = dataclasses.replace(
        report, overdue=odd, late_finished=report.late_finished.head(0), due_soon=report.due_soon.head(0)
    )
    book = load_workbook(io.BytesIO(appendix_workbook(empty)))
    first = _groups(book["Đang GQ quá hạn"])
    assert first[0][1] == "(Chưa rõ đơn vị): 1 hồ sơ"
    assert first[0][2][0][1] == "A & <B>"  # a control character would make the file unreadable: dropped
    assert first[0][2][0][2] is None
    for name in SHEETS[1:]:
        sheet = book[name]
        assert sheet.cell(row=HEADER_ROW + 1, column=1).value == "Không có hồ sơ nào."
        assert sheet["A5"].value == "Tổng số: 0 hồ sơ tại 0 đơn vị"


def test_vietnamese_unit_order_and_roman_numerals() -> None:
    names = ["Xã Bình", "Phường Đông", "Phường Cẩm Lệ", "Phường Dương", "phường Ân"]
    assert sorted(names, key=unit_order) == [
        "phường Ân",
        "Phường Cẩm Lệ",
        "Phường Đông",
        "Phường Dương",
        "Xã Bình",
    ]
    assert [roman(n) for n in (1, 4, 9, 14, 30, 49)] == ["I", "IV", "IX", "XIV", "XXX", "XLIX"]
