"""Biểu số 06/VPCP/KSTT workbook (issue 5 §3): the official layout, cell by cell, and the engine's numbers."""

from __future__ import annotations

import dataclasses
import io
import zipfile

import pytest
from openpyxl import load_workbook
from report_exports_fixture import FORMULA_FIELD, PERIOD, content, database

from dashboard.exports.form06_xlsx import (
    COUNT_COLUMNS,
    FIRST_DATA_ROW,
    FORM_CODE,
    HEADER_CELLS,
    ISSUED_BY,
    NUMBERS_ROW,
    TITLE,
    TOTAL_LABEL,
    form06_workbook,
)
from dashboard.kpi.form06 import form06

COUNTS = list(COUNT_COLUMNS)


def _sheet(report):
    return load_workbook(io.BytesIO(form06_workbook(report)))["Biểu 06"]


@pytest.mark.parametrize("by", ["field", "unit"])
def test_header_block_and_three_row_header_as_the_form(tmp_path, by) -> None:
    sheet = _sheet(content(tmp_path, by, scope="UBND Phường Hải Châu"))
    assert sheet["A1"].value == FORM_CODE == "Biểu số 06/VPCP/KSTT"
    assert sheet["A2"].value == ISSUED_BY == "Ban hành theo Thông tư số 01/2020/TT-VPCP ngày 21/10/2020"
    assert sheet["J1"].value == "Đơn vị báo cáo: UBND Phường Hải Châu"
    assert sheet["A4"].value == TITLE
    assert TITLE == "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT TTHC"
    assert sheet["A5"].value == "(Từ ngày 15/10/2026 đến ngày 14/11/2026)"
    assert sheet["J6"].value == "Đơn vị tính: Số hồ sơ TTHC"
    merged = {str(cell_range) for cell_range in sheet.merged_cells.ranges}
    expected = {
        "A7:A9", "B7:B9", "C7:F7", "C8:C9", "D8:F8", "G7:J7", "G8:G9", "H8:J8", "K7:M7", "K8:K9", "L8:M8",
    }  # fmt: skip
    assert expected <= merged
    for where, text in HEADER_CELLS:
        assert sheet[where.split(":")[0]].value == text
    assert sheet["B7"].value == "Lĩnh vực, công việc giải quyết theo cấp"  # stays the form's, by unit too
    assert [sheet["C8"].value, sheet["D8"].value, sheet["D9"].value, sheet["E9"].value, sheet["F9"].value] == [
        "Tổng số", "Trong đó", "Trực tuyến", "Trực tiếp, dịch vụ bưu chính", "Từ kỳ trước",
    ]  # fmt: skip
    assert [sheet[f"{c}9"].value for c in "HIJ"] == ["Trước hạn", "Đúng hạn", "Quá hạn"]
    assert [sheet[f"{c}9"].value for c in "LM"] == ["Trong hạn", "Quá hạn"]
    assert [cell.value for cell in sheet[NUMBERS_ROW]][:13] == [f"({n})" for n in range(1, 14)]
    for where, _ in HEADER_CELLS:  # each header cell, or a merged range's first cell, is boxed in
        border = sheet[where.split(":")[0]].border
        assert {border.left.style, border.right.style, border.top.style, border.bottom.style} == {"thin"}
    assert (
        sheet["C7"].font.bold
        and sheet["C7"].alignment.horizontal == "center"
        and sheet["C7"].alignment.wrap_text
    )


@pytest.mark.parametrize("by", ["field", "unit"])
def test_every_number_is_the_engines(tmp_path, by) -> None:
    report = content(tmp_path, by)
    sheet = _sheet(report)
    body = list(
        sheet.iter_rows(min_row=FIRST_DATA_ROW, max_row=FIRST_DATA_ROW + len(report.rows), max_col=13)
    )
    assert len(report.rows) >= 3
    for number, (cells, (_, expected)) in enumerate(zip(body, report.rows.iterrows(), strict=False), start=1):
        assert cells[0].value == number
        assert cells[1].value == expected[by]
        assert [cell.value for cell in cells[2:]] == [int(expected[c]) for c in COUNTS]
        assert all(cell.data_type == "n" and isinstance(cell.value, int) for cell in cells[2:])
        assert cells[2].value == cells[6].value + cells[10].value  # col 3 = col 7 + col 11 (KPI_SPEC §4)
    total = body[-1]
    assert total[1].value == TOTAL_LABEL and total[0].value is None and total[1].font.bold
    assert [cell.value for cell in total[2:]] == [int(report.total[c]) for c in COUNTS]
    assert [cell.value for cell in total[2:]] == [14, 1, 12, 1, 7, 2, 2, 3, 7, 2, 5]  # counted by hand
    # …and the engine itself: form06 by the same grouping, and over everything.
    engine = form06(database(tmp_path / "again"), PERIOD, group_by=by).set_index(by)
    for cells in body[:-1]:
        assert [cell.value for cell in cells[2:]] == [int(engine.loc[cells[1].value, c]) for c in COUNTS]
    whole = form06(database(tmp_path / "whole"), PERIOD).iloc[0]
    assert [cell.value for cell in total[2:]] == [int(whole[c]) for c in COUNTS]


def test_total_is_the_engines_even_when_rows_do_not_add_up(tmp_path) -> None:
    report = content(tmp_path, "field")
    # Without the "(Chưa rõ lĩnh vực)" row the rows no longer add up; the total row stays content.total.
    partial = dataclasses.replace(report, rows=report.rows[report.rows["field"] != "(Chưa rõ lĩnh vực)"])
    sheet = _sheet(partial)
    total_row = FIRST_DATA_ROW + len(partial.rows)
    assert sheet.cell(row=total_row, column=2).value == TOTAL_LABEL
    assert [sheet.cell(row=total_row, column=c).value for c in range(3, 14)] == [
        int(report.total[c]) for c in COUNTS
    ]
    assert sheet.cell(row=total_row, column=3).value != int(partial.rows["c3"].sum())


def test_a_field_named_like_a_formula_stays_text(tmp_path) -> None:
    data = form06_workbook(content(tmp_path, "field"))
    book = load_workbook(io.BytesIO(data))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    hits = [cell for cell in cells if cell.value == FORMULA_FIELD]
    assert len(hits) == 2  # the form and the "Ghi chú" sheet
    assert all(cell.data_type == "s" for cell in hits)
    assert all(cell.data_type != "f" for cell in cells)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/sheet")]
        assert sheets and all("<f>" not in archive.read(name).decode() for name in sheets)


def test_fonts_page_setup_and_print_titles(tmp_path) -> None:
    sheet = _sheet(content(tmp_path, "unit"))
    used = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert used and {cell.font.name for cell in used} == {"Times New Roman"}
    assert sheet["A4"].font.size == 13 and sheet["A4"].font.bold
    assert 11 <= sheet.cell(row=FIRST_DATA_ROW, column=3).font.size <= 12
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == 9  # A4
    assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$7:$10"


def test_reporting_unit_for_every_unit_and_notes_sheet(tmp_path) -> None:
    report = content(tmp_path, "unit")
    book = load_workbook(io.BytesIO(form06_workbook(report)))
    assert book.sheetnames == ["Biểu 06", "Ghi chú"]
    assert book["Biểu 06"]["J1"].value == "Đơn vị báo cáo: Tất cả đơn vị trong dữ liệu (3 đơn vị)"
    notes = book["Ghi chú"]
    rows = list(notes.iter_rows(min_row=5, max_row=5 + len(report.rows), max_col=5, values_only=True))
    for row, (_, expected) in zip(rows, report.rows.iterrows(), strict=False):
        assert row[1] == expected["unit"]
        assert list(row[2:]) == [int(expected[c]) for c in ("withdrawn", "stopped", "paused")]
    assert rows[-1][1] == TOTAL_LABEL and rows[-1][2] == int(report.total["withdrawn"]) == 1
