"""The store-independent parts of the `units` commands (issue 15 §2–3): what `units list` shows, how
`units successor OLD NEW` reads its arguments, what `units crosswalk` prints."""

from __future__ import annotations

from datetime import date

import pytest
from units_fixtures import five_to_two

from dashboard.units.choice_text import ChoiceError, successor_choice
from dashboard.units.crosswalk_report import report_lines
from dashboard.units.listing import COLUMNS, register_table
from dashboard.units.national import national_build, national_register
from dashboard.units.resolve import NameIndex


def test_units_list_at_a_date_shows_the_units_in_force_then():
    register = five_to_two().register
    before = register_table(register, at=date(2025, 6, 30))
    after = register_table(register, at=date(2025, 7, 1))
    assert list(before.columns) == COLUMNS
    assert sorted(after["Tên"]) == ["Xã An Bình", "Xã Thái Bình"]
    assert set(after["Hiệu lực từ"]) == {"01/07/2025"}
    split = before.set_index("Mã").loc["90003"]
    assert split["Hiệu lực đến"] == "01/07/2025"
    assert split["Đơn vị kế tiếp"] == "Xã An Bình (90001, một phần); Xã Thái Bình (90003, một phần)"
    assert split["Hồ sơ tính vào"] == "Xã Thái Bình (90003), cùng tên"
    chosen = register_table(register, at=date(2025, 6, 30), choices={"90003": "90001@2025-07-01"})
    assert chosen.set_index("Mã").loc["90003", "Hồ sơ tính vào"] == "Xã An Bình (90001), người dùng chọn"


def test_units_list_without_a_date_shows_the_whole_history():
    assert len(register_table(five_to_two().register)) == 5 + 2 + 2  # old communes, districts, new communes


def test_units_successor_takes_codes_or_names():
    register = national_register()
    assert successor_choice(register, "02494", "02212", "Tuyên Quang") == ("02494", "02212@2025-07-01")
    by_name = successor_choice(register, "Xã Thái Bình", "phường Nông Tiến", "Tuyên Quang")
    assert by_name == ("02494", "02212@2025-07-01")


def test_units_successor_refuses_an_ambiguous_name_and_a_unit_that_is_no_successor():
    register = national_register()
    with pytest.raises(ChoiceError, match="là nhiều đơn vị cũ.*25345.*25375"):
        successor_choice(register, "Xã Tân Hưng", "Xã Tân Hưng", "Đồng Nai")
    named = successor_choice(register, "Xã Tân Hưng - huyện Hớn Quản", "Xã Tân Hưng", "Đồng Nai")
    assert named[0] == "25345"
    with pytest.raises(ChoiceError, match="không thấy đơn vị kế tiếp"):
        successor_choice(register, "02494", "Xã Trung Sơn", "Tuyên Quang")


def test_a_district_of_an_old_province_resolves_within_the_new_one():
    names = NameIndex(national_register())
    found = names.resolve("UBND huyện Mèo Vạc", date(2024, 5, 1), "Tuyên Quang")  # Hà Giang until 1/7/2025
    assert (found.status, found.unit.kind, found.unit.ended) == (
        "resolved",
        "huyện",
        "cấp huyện không còn từ 01/07/2025",
    )


def test_units_crosswalk_prints_the_accounting_and_every_anomaly():
    table, applied = national_build().tables[0]
    lines = report_lines(table, applied)
    assert lines[1] == "Đọc 10.607 dòng: 10.571 nạp, 36 bỏ qua, 0 loại"
    assert "10.565 cặp (xã mới, xã cũ)" in lines[2] and "441 mã xã cũ thuộc nhiều xã mới" in lines[2]
    anomalies = [line for line in lines if line.startswith("  [")]
    assert len(anomalies) == len(table.anomalies) + len(applied.anomalies)
    assert any("mã xã cũ 02485 dùng cho hai xã" in line for line in anomalies)


def test_an_anomaly_of_a_later_table_without_districts_names_no_missing_district():
    from units_fixtures import BASE_LIST, EFFECTIVE, EFFECTIVE_2026, crosswalk_2026_text, crosswalk_text

    from dashboard.units.base_list import parse_base_list
    from dashboard.units.crosswalk_reader import parse_crosswalk
    from dashboard.units.national import build_register
    from dashboard.units.sources import csv_rows

    later = (
        crosswalk_2026_text()
        + "Tỉnh Mẫu (99),Phường Mẫu Sơn,90010,Xã Không Có,90099,Nhập toàn bộ,,Tỉnh Mẫu (99),\n"
    )
    build = build_register(
        parse_base_list(csv_rows(BASE_LIST)),
        [
            parse_crosswalk(csv_rows(crosswalk_text()), EFFECTIVE, "mau.csv"),
            parse_crosswalk(csv_rows(later), EFFECTIVE_2026, "mau_2026.csv"),
        ],
    )
    table, applied = build.tables[1]
    (added,) = [a for a in applied.anomalies if a.kind == "old_unit_added"]
    assert "'Xã Không Có' (90099) không có trong danh mục trước đó" in added.message
    assert all("None" not in line for line in report_lines(table, applied))
