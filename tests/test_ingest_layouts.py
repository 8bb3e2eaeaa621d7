"""Each layout of EXPORT_FORMATS.md, written as each file kind, imports to the same dossiers."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from export_builders import write_csv, write_html_xls, write_xlsx

from dashboard.ingest.pipeline import prepare_file

TITLE = [
    ["UBND PHƯỜNG HẢI CHÂU"],
    ["DANH SÁCH HỒ SƠ TIẾP NHẬN"],
    ["(Từ ngày 15/09/2026 đến ngày 14/10/2026)"],
    [],
]
# A two-row header with merged cells: "Ngày" spans three sub-columns; the others span both rows.
HEADER = [
    ["STT", "Mã hồ sơ", "Chủ hồ sơ", "Số điện thoại", "Ngày", None, None, "Trạng thái", "Hình thức nộp"],
    [None, None, None, None, "Tiếp nhận", "Hẹn trả", "Kết thúc xử lý", None, None],
]
MERGES = ("A5:A6", "B5:B6", "C5:C6", "D5:D6", "E5:G5", "H5:H6", "I5:I6")
NUMBERS = [[f"({i})" for i in range(1, 10)]]
DOSSIERS = [
    [
        "H17.1-260916-0001",
        "Nguyễn Văn An",
        "0905123456",
        "16/09/2026 08:00:00",
        "18/09/2026 17:00:00",
        "17/09/2026 10:00:00",
        "Đã trả kết quả",
        "Trực tuyến",
    ],
    [
        "H17.1-260916-0002",
        "Trần Thị Bình",
        "0912345678",
        "16/09/2026 09:15:00",
        "23/09/2026 17:00:00",
        None,
        "Đang xử lý",
        "Trực tiếp",
    ],
    [
        "H17.2-260917-0001",
        "Lê Văn Cường",
        "0987654321",
        "17/09/2026 14:00:00",
        "17/09/2026 17:00:00",
        "17/09/2026 16:30:00",
        "Đã giải quyết",
        "Bưu chính công ích",
    ],
]


def grouped_grid() -> list[list[object]]:
    """Title rows, merged header, column numbers, two unit groups, a blank row and a total row."""
    rows = [*TITLE, *HEADER, *NUMBERS, ["Phường Hải Châu"]]
    rows += [[i + 1, *d] for i, d in enumerate(DOSSIERS[:2])]
    rows += [["Phường An Hải"], [3, *DOSSIERS[2]], [], ["Tổng cộng", None, None, None, 3]]
    return rows


EXPECTED = {
    "H17.1-260916-0001": ("Phường Hải Châu", "online", "resolved", datetime(2026, 9, 17, 10, 0)),
    "H17.1-260916-0002": ("Phường Hải Châu", "direct", "in_progress", None),
    "H17.2-260917-0001": ("Phường An Hải", "postal", "resolved", datetime(2026, 9, 17, 16, 30)),
}


def _check(prepared, rows_read: int, skipped: int) -> None:
    report = prepared.report
    records = {r["dossier_code"]: r for r in prepared.records.to_pylist()}
    assert set(records) == set(EXPECTED)
    for code, (unit, channel, status, finished) in EXPECTED.items():
        record = records[code]
        assert (record["unit"], record["channel"], record["status"]) == (unit, channel, status)
        assert record["finished_at"] == finished
    assert report.rows_read == rows_read
    assert report.rows_skipped == skipped
    assert report.rows_rejected == 0
    assert prepared.snapshot_at == date(2026, 10, 14) and prepared.snapshot_source == "title"


@pytest.mark.parametrize("kind", ["xlsx", "html"])
def test_grouped_layout_with_merged_header(tmp_path, kind):
    grid = grouped_grid()
    if kind == "xlsx":
        path = write_xlsx(tmp_path / "export.xlsx", grid, MERGES)
    else:
        path = write_html_xls(tmp_path / "export.xls", grid, MERGES)
    prepared = prepare_file(path)
    # Below the header: numbers row, 2 group rows, 3 dossiers, a blank row, a total row = 8 rows.
    _check(prepared, rows_read=8, skipped=5)
    assert prepared.column_map["Ngày > Tiếp nhận"] == "received_at"
    assert prepared.column_map["Chủ hồ sơ"] == "personal"
    assert prepared.header_row == 5


def test_html_named_xls_is_read_as_html(tmp_path):
    path = write_html_xls(tmp_path / "bao_cao.xls", grouped_grid(), MERGES)
    assert prepare_file(path).file_kind == "html"


@pytest.mark.parametrize(("encoding", "delimiter"), [("utf-8", ","), ("utf-8-sig", ";"), ("cp1258", ";")])
def test_csv_single_header_without_diacritics(tmp_path, encoding, delimiter):
    header = [
        "Ma ho so",
        "Don vi tiep nhan",
        "Ngay tiep nhan",
        "Ngay hen tra",
        "Ngay ket thuc xu ly",
        "Trang thai",
        "Hinh thuc nop",
    ]
    units = ["Phường Hải Châu", "Phường Hải Châu", "Phường An Hải"]
    rows = [header] + [[d[0], unit, *d[3:]] for d, unit in zip(DOSSIERS, units, strict=True)]
    path = write_csv(tmp_path / "export.csv", rows, encoding=encoding, delimiter=delimiter)
    prepared = prepare_file(path, as_of=date(2026, 10, 14))
    report = prepared.report
    assert prepared.file_kind == "csv"
    assert {r["dossier_code"]: r["unit"] for r in prepared.records.to_pylist()} == {
        code: expected[0] for code, expected in EXPECTED.items()
    }
    assert report.rows_read == 3 and report.rows_loaded == 0 and report.rows_rejected == 0
    assert prepared.snapshot_source == "as_of"


def test_header_names_match_without_case_spacing_or_line_breaks(tmp_path):
    header = ["MÃ HỒ SƠ", "Đơn vị\ntiếp nhận", "  ngày   tiếp nhận ", "Ngay hen tra"]
    rows = [header, ["A-260101-0001", "Phường Hải Châu", "05/01/2026", "07/01/2026"]]
    prepared = prepare_file(write_xlsx(tmp_path / "x.xlsx", rows))
    record = prepared.records.to_pylist()[0]
    assert record["dossier_code"] == "A-260101-0001"
    assert record["received_at"] == datetime(2026, 1, 5)
    assert record["due_at"] == datetime(2026, 1, 7)


def test_title_unit_applies_when_there_is_no_unit_column(tmp_path):
    rows = [
        ["UBND PHƯỜNG SƠN TRÀ"],
        ["Mã hồ sơ", "Ngày tiếp nhận", "Trạng thái"],
        ["B-260105-0001", "05/01/2026", "4"],
    ]
    prepared = prepare_file(write_xlsx(tmp_path / "x.xlsx", rows))
    assert prepared.records.column("unit").to_pylist() == ["Phường Sơn Trà"]


def test_shifted_columns_are_detected_and_repaired(tmp_path):
    header = [
        "STT",
        "Mã hồ sơ",
        "Lĩnh vực",
        "Người tiếp nhận",
        "Ngày tiếp nhận",
        "Ngày hẹn trả",
        "Ngày kết thúc xử lý",
        "Trạng thái",
        "Đơn vị tiếp nhận",
        "Hình thức nộp",
        "Mức độ",
        "Đánh giá",
    ]
    data = [
        # 11 cells: nothing for "Người tiếp nhận", so everything after it sits one column left.
        [
            i,
            f"C-2609{10 + i:02d}-0001",
            "Hộ tịch",
            f"{10 + i:02d}/09/2026 08:00:00",
            f"{12 + i:02d}/09/2026",
            f"{11 + i:02d}/09/2026 09:00:00",
            "Đã trả kết quả",
            "Phường Hòa Cường",
            "Trực tuyến",
            "Toàn trình",
            "Hài lòng",
        ]
        for i in range(1, 8)
    ]
    prepared = prepare_file(write_xlsx(tmp_path / "lech.xlsx", [header, *data]))
    assert any("lệch cột" in note for note in prepared.report.notes)
    records = prepared.records.to_pylist()
    assert len(records) == 7 and prepared.report.rows_rejected == 0
    first = records[0]
    assert first["received_at"] == datetime(2026, 9, 11, 8, 0)
    assert first["due_at"] == datetime(2026, 9, 13)
    assert first["unit"] == "Phường Hòa Cường"
    assert (first["channel"], first["service_level"], first["rating"]) == (
        "online",
        "full_online",
        "satisfied",
    )


def test_an_unshifted_file_is_left_alone(tmp_path):
    header = ["Mã hồ sơ", "Người tiếp nhận", "Ngày tiếp nhận", "Đơn vị"]
    rows = [header, ["D-260105-0001", "Cán bộ A", "05/01/2026", "Xã Hòa Vang"]]
    prepared = prepare_file(write_xlsx(tmp_path / "x.xlsx", rows))
    assert not any("lệch" in note for note in prepared.report.notes)
    assert prepared.records.column("unit").to_pylist() == ["Xã Hòa Vang"]


def test_field_group_rows_set_the_field(tmp_path):
    rows = [
        ["Mã hồ sơ", "Đơn vị", "Ngày tiếp nhận"],
        ["I. Lĩnh vực: Hộ tịch"],
        ["E-260105-0001", "Xã Hòa Vang", "05/01/2026"],
        ["II. Lĩnh vực: Chứng thực"],
        ["E-260105-0002", "Xã Hòa Vang", "05/01/2026"],
    ]
    prepared = prepare_file(write_xlsx(tmp_path / "x.xlsx", rows))
    assert prepared.records.column("field_name").to_pylist() == ["Hộ tịch", "Chứng thực"]
    assert prepared.report.skipped["dòng nhóm (tên đơn vị / lĩnh vực)"] == 2


def test_unit_names_are_nfc_normalised(tmp_path):
    import unicodedata

    nfd = unicodedata.normalize("NFD", "phường Long Phú")
    rows = [
        ["Mã hồ sơ", "Đơn vị", "Ngày tiếp nhận"],
        ["F-260105-0001", nfd, "05/01/2026"],
        ["F-260105-0002", "Phường  LONG PHÚ", "05/01/2026"],
    ]
    records = prepare_file(write_xlsx(tmp_path / "x.xlsx", rows)).records.to_pylist()
    assert records[0]["unit"] == unicodedata.normalize("NFC", "phường Long Phú")
    assert records[0]["unit_key"] == records[1]["unit_key"]  # KPI_SPEC §9: no case or spacing differences


def test_repeated_header_rows_of_a_printed_export_are_skipped(tmp_path):
    header = ["Mã hồ sơ", "Đơn vị", "Ngày tiếp nhận"]
    rows = [
        header,
        ["G-260105-0001", "Xã Bà Nà", "05/01/2026"],
        header,
        ["G-260105-0002", "Xã Bà Nà", "05/01/2026"],
    ]
    report = prepare_file(write_xlsx(tmp_path / "x.xlsx", rows)).report
    assert report.skipped == {"dòng tiêu đề lặp lại": 1} and report.rows_rejected == 0
