"""The reader of the NSO conversion layout on small tables and on files of any format the dashboard reads
(`units crosswalk FILE --effective` reads them the same way, issue 15 §3)."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest
from units_fixtures import EFFECTIVE, HEADER, TITLE, crosswalk_text

from dashboard.units.crosswalk_reader import NotACrosswalk, parse_crosswalk
from dashboard.units.sources import CROSSWALK_2025, csv_rows, file_rows, package_text


def _read(text: str, effective: date = EFFECTIVE):
    return parse_crosswalk(csv_rows(text), effective, "test.csv")


def _accounted(table) -> list[int]:
    return sorted(
        [r.row for r in table.rows] + [s.row for s in table.skipped] + [s.row for s in table.rejected]
    )


def test_cells_are_cleaned_and_every_row_is_accounted_for():
    table = _read(crosswalk_text())
    assert table.rows_read == 9 and len(table.rows) == 6 and len(table.skipped) == 3
    assert len(_accounted(table)) == len(set(_accounted(table))) == 9
    split = [row for row in table.rows if row.old_code == "90003"]
    assert [(row.new_name, row.old_name, row.note, row.merge) for row in split] == [
        ("Xã An Bình", "Xã Thái Bình", "Nhập một phần", "partial"),
        ("Xã Thái Bình", "Xã Thái Bình", "Nhập một phần", "partial"),
    ]
    assert (split[0].province, split[0].old_district, split[0].old_district_code) == (
        "Tỉnh Mẫu",
        "Huyện Đông",
        "990",
    )
    assert table.cleaned_cells == {"line_break": 2, "outer_space": 4, "not_nfc": 0}
    assert table.splits() == {"90003": {"90001", "90003"}}


def test_bad_rows_are_rejected_or_skipped_with_their_reason():
    rows = (
        "Tỉnh Mẫu (99),Xã An Bình,90001,Xã An Phú,90001,Nhập toàn bộ,Huyện Đông (990),Tỉnh Mẫu (99),\n"
        ",,,,,,,,\n"
        "Tỉnh Mẫu (99),,,Xã Bình Minh,90002,Nhập toàn bộ,Huyện Đông (990),Tỉnh Mẫu (99),\n"
        "Tỉnh Mẫu (99),Xã An Bình,9000A,Xã Bình Minh,90002,Nhập toàn bộ,Huyện Đông (990),Tỉnh Mẫu (99),\n"
        "Tỉnh Mẫu (99),Xã An Bình,90001,Xã An Phú,90001,Nhập toàn bộ,Huyện Đông (990),Tỉnh Mẫu (99),\n"
        "Tỉnh Mẫu (99),Xã An Bình,90001,Xã Bình Minh,90002,Sáp nhập,Huyện Đông (990),Tỉnh Mẫu (99),\n"
    )
    table = _read(TITLE + HEADER + rows)
    assert _accounted(table) == list(range(1, 9)) and table.rows_read == 8
    assert [(s.row, s.reason) for s in table.rejected] == [
        (5, "thiếu tên hoặc mã xã mới"), (6, "mã '9000A' không phải mã số"),
    ]  # fmt: skip
    assert (7, "trùng cặp (mới, cũ) của dòng 3") in [(s.row, s.reason) for s in table.skipped]
    assert (4, "dòng trống") in [(s.row, s.reason) for s in table.skipped]
    kinds = {a.kind for a in table.anomalies}
    assert {"duplicate_pair", "unknown_note"} <= kinds
    assert [row.merge for row in table.rows] == ["whole", None]


def test_a_file_without_the_header_is_not_read():
    with pytest.raises(NotACrosswalk, match="không thấy dòng tên cột"):
        _read("Mã hồ sơ,Đơn vị\nH1,Xã A\n")


def test_an_effective_date_other_than_the_titles_is_reported():
    table = _read(crosswalk_text(), date(2025, 8, 1))
    assert table.title_date == EFFECTIVE
    assert table.anomalies[0].kind == "effective_date_differs"


def test_columns_in_another_order_are_found_by_their_headers():
    text = (
        'Mã Xã cũ,Tên Xã cũ,Mã Xã mới,Tên Xã mới,"Tỉnh, thành phố",Ghi chú\n'
        "90001,Xã An Phú,90001,Xã An Bình,Tỉnh Mẫu (99),Nhập toàn bộ\n"
    )
    (row,) = _read(text).rows
    assert (row.old_code, row.old_name, row.new_code, row.new_name, row.province) == (
        "90001", "Xã An Phú", "90001", "Xã An Bình", "Tỉnh Mẫu"
    )  # fmt: skip


def test_an_excel_file_that_stored_codes_as_numbers_keeps_their_zeros(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Đơn vị hành chính từ ngày 01/7/2025"])
    sheet.append(["Tỉnh, thành phố", "Tên Xã mới", "Mã Xã mới", "Tên Xã cũ", "Mã Xã cũ", "Ghi chú", "Quận/huyện",
                  "Tỉnh cũ"])  # fmt: skip
    sheet.append(["THÀNH PHỐ HÀ NỘI"])
    sheet.append(["Thành phố Hà Nội (01)", "Phường Ba Đình", 4, "Phường Trúc Bạch", 4, "Nhập toàn bộ",
                  "Quận Ba Đình (001)", "Thành phố Hà Nội (01)"])  # fmt: skip
    path = tmp_path / "bang_chuyen_doi.xlsx"
    book.save(path)
    table = parse_crosswalk(file_rows(path), EFFECTIVE, path.name)
    (row,) = table.rows
    assert (row.new_code, row.old_code, row.old_district_code) == ("00004", "00004", "001")
    assert table.rows_read == 4 and table.title_date == EFFECTIVE


@pytest.mark.slow
def test_the_national_table_as_a_users_csv_file_reads_as_the_package_copy(tmp_path):
    path = tmp_path / "BangChuyendoi.csv"
    path.write_text(package_text(CROSSWALK_2025), encoding="utf-8")
    from_file = parse_crosswalk(file_rows(path), EFFECTIVE, path.name)
    packaged = parse_crosswalk(csv_rows(package_text(CROSSWALK_2025)), EFFECTIVE, CROSSWALK_2025)
    assert from_file.rows == packaged.rows
    assert from_file.rows_read == packaged.rows_read
    assert [a.kind for a in from_file.anomalies] == [a.kind for a in packaged.anomalies]
