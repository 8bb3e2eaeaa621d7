"""Header detection and mapping (EXPORT_FORMATS "Layout" and "Header names seen"), real files included."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from dashboard.ingest.aliases import HEADER_ALIASES, match_header
from dashboard.ingest.headers import ColumnMapping, flatten, is_column_number_row, locate_header
from dashboard.ingest.readers import read_workbook
from dashboard.text import fold, nfc, unit_key

REAL = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "real"


@pytest.mark.parametrize(("field", "names"), [(f, n) for f, n in HEADER_ALIASES.items()])
def test_every_listed_header_name_matches_in_any_spelling(field, names):
    for name in names:
        for spelling in (name, name.upper(), fold(name), name.replace(" ", "\n"), f"  {name}  "):
            assert match_header(fold(spelling)) == field, spelling


def test_longer_names_win_over_their_prefixes():
    assert match_header(fold("Mức độ hài lòng")) == "rating"
    assert match_header(fold("Mức độ")) == "service_level"
    assert match_header(fold("Ngày tiếp nhận (dd/mm/yyyy)")) == "received_at"
    assert match_header(fold("Địa chỉ thường trú")) == "personal"
    assert match_header(fold("Ghi chú")) is None


def test_flatten_spreads_merged_parents_over_their_sub_columns():
    block = [["STT", "Ngày", None, None, "Trạng thái"], [None, "Tiếp nhận", "Hẹn trả", "Trả kết quả", None]]
    assert flatten(block) == [
        ["STT"],
        ["Ngày", "Tiếp nhận"],
        ["Ngày", "Hẹn trả"],
        ["Ngày", "Trả kết quả"],
        ["Trạng thái"],
    ]


def test_three_row_header():
    rows = [
        ["Mã hồ sơ", "Thông tin xử lý", None, None, "Đơn vị"],
        [None, "Ngày", None, "Trạng thái", None],
        [None, "Tiếp nhận", "Hẹn trả", None, None],
        ["A-260105-0001", "05/01/2026", "07/01/2026", "Đang xử lý", "Xã Bà Nà"],
    ]
    layout = locate_header(rows)
    assert layout.header_rows == [0, 1, 2] and layout.data_start == 3
    assert layout.fields == {"dossier_code": 0, "received_at": 1, "due_at": 2, "status": 3, "unit": 4}


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (["(1)", "(2)", "(3)", "(4)"], True),
        (["1", "2", "3"], True),
        ([None, "(1)", "(2)", "(3)"], True),
        (["1", "H17-1", "03/04/2024"], False),
        (["(1)", "(3)", "(2)"], False),
        (["(1)", "(2)"], False),
    ],
)
def test_column_number_row(row, expected):
    assert is_column_number_row(row) is expected


def test_no_header_gives_none():
    assert locate_header([["Báo cáo tháng"], ["a", "b"], ["1", "2"]]) is None


def test_real_workflow_sheet_header_in_row_5_with_a_mapping():
    """Cần Thơ workflow sheets: key/value preamble rows, the header in row 5 (SOURCES.md)."""
    workbook = read_workbook(REAL / "motcua_auto_qt4_hotich.xlsx")
    sheet = next(s for s in workbook.sheets if s.name == "QuyTrinh")
    mapping = ColumnMapping({fold("TTHC"): "procedure", fold("Tên quy trình"): "field_name"})
    layout = locate_header(sheet.head(40), mapping)
    assert sheet.row_numbers[layout.header_rows[0]] == 5
    assert layout.fields["procedure"] == 0
    assert layout.title_lines[:2] == ["Tên quy trình:", "QT4318/2024-Hộ tịch"]
    assert sheet.head(6)[5][0] == "1.004946.000.00.00.H13-4"


def test_real_workflow_sheet_is_not_taken_for_a_dossier_export(tmp_path):
    from dashboard.ingest.grid import UnreadableFile
    from dashboard.ingest.pipeline import prepare_file

    with pytest.raises(UnreadableFile, match="Ngày tiếp nhận"):
        prepare_file(REAL / "motcua_auto_QT-DVCLT-khai_sinh.xlsx")


def test_real_766_file_names_in_nfd_are_normalised():
    workbook = read_workbook(REAL / "new766_bao_cao_T10_2025.xlsx")
    sheet = next(s for s in workbook.sheets if s.name == "Xã Phường")
    names = [cell for row in sheet.head(sheet.n_rows) for cell in row if cell and "Long Phú" in nfc(cell)]
    assert names, "the ward stored in NFD is in the sheet"
    stored_nfd = [n for n in names if n != unicodedata.normalize("NFC", n)]
    assert stored_nfd, "the real file stores this name decomposed (SOURCES.md)"
    assert unit_key(stored_nfd[0]) == unit_key(unicodedata.normalize("NFC", stored_nfd[0]))
    assert nfc(stored_nfd[0]) == unicodedata.normalize("NFC", stored_nfd[0]).strip()


def test_mapping_load_rejects_unknown_targets(tmp_path):
    from dashboard.ingest.grid import UnreadableFile

    path = tmp_path / "m.toml"
    path.write_text('"Cột A" = "khong_co"\n', encoding="utf-8")
    with pytest.raises(UnreadableFile, match="khong_co"):
        ColumnMapping.load(path)
