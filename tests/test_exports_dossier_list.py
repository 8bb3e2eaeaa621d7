"""The drill-down list's Excel workbook: its count is the list's, its rows are the list's, real dates and numbers,
never a formula from imported text."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime

from kpi_fixtures import dossier, store
from openpyxl import load_workbook

from dashboard.exports.dossier_list_xlsx import HEADERS, NUMERATOR_HEADER, ListHeading, rows, workbook_bytes
from dashboard.kpi.drilldown import Drill, dossier_list
from dashboard.kpi.periods import Period

OCTOBER = Period(date(2026, 10, 1), date(2026, 10, 31), "Tháng 10/2026", "month")
ROWS = [
    dossier("A-1", "01/10/2026", "05/10/2026", "09/10/2026", unit="Phường Hải Châu",
            procedure='=HYPERLINK("http://x","y")'),
    dossier("A-2", "02/10/2026", "05/10/2026", "05/10/2026", unit="+Xã Hòa Vang", field_name="-Chứng thực",
            channel="online"),
    dossier("@A-3", "05/10/2026", "10/10/2026", unit="Xã Hòa Vang", status_label="Đang xử lý"),
    dossier("A-4", "20/10/2026", "30/12/2026", unit="Phường Hải Châu"),
]  # fmt: skip
HEADING = ListHeading(
    "Hồ sơ nhận giải quyết (cột 3)",
    ["Kỳ: Tháng 10/2026 (01/10/2026 – 31/10/2026)", "=1+1 không phải công thức"],
    {"state": {"late": "Giải quyết quá hạn", "open_overdue": "Đang giải quyết, quá hạn"},
     "channel": {"online": "Trực tuyến", "direct": "Trực tiếp"}, "status": {"resolved": "Đã giải quyết"}},
)  # fmt: skip


def _book(data: bytes):
    return load_workbook(io.BytesIO(data)).active


def test_the_count_and_the_rows_are_the_list(tmp_path):
    frame = dossier_list(store(tmp_path / "x.duckdb", ROWS), Drill.of("c3", OCTOBER))
    sheet = _book(workbook_bytes(frame, HEADING))
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][0] == HEADING.title and values[1][0] == HEADING.lines[0]
    assert values[3][:2] == ("Số hồ sơ", 4) == ("Số hồ sơ", len(frame))
    assert list(values[5]) == list(HEADERS["vi"])
    body = values[6:]
    assert [row[1] for row in body] == frame["dossier_code"].tolist()
    assert [row[0] for row in body] == [1, 2, 3, 4]
    by_code = {row[1]: row for row in body}
    late = by_code["A-1"]
    assert late[2:6] == ("Phường Hải Châu", "Hộ tịch", '=HYPERLINK("http://x","y")', "Trực tiếp")
    assert late[6:9] == (datetime(2026, 10, 1), datetime(2026, 10, 5), datetime(2026, 10, 9))
    assert late[9] == "Giải quyết quá hạn" and late[10] == "Đã giải quyết" and late[11] == 4
    assert by_code["@A-3"][9] == "Đang giải quyết, quá hạn" and by_code["@A-3"][10] == "Đang xử lý"
    assert by_code["A-4"][8] is None and by_code["A-4"][11] is None  # open, not late: empty cells
    for cells in sheet.iter_rows(min_row=7):
        assert all(cells[i].number_format == "dd/mm/yyyy" for i in (6, 7, 8) if cells[i].value is not None)
    assert sheet.freeze_panes == "C7"


def test_no_cell_is_a_formula(tmp_path):
    frame = dossier_list(store(tmp_path / "x.duckdb", ROWS), Drill.of("c3", OCTOBER))
    data = workbook_bytes(frame, HEADING)
    sheet = _book(data)
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    texts = {cell.value for cell in cells if cell.data_type in ("s", "inlineStr")}
    assert {'=HYPERLINK("http://x","y")', "+Xã Hòa Vang", "-Chứng thực", "@A-3", HEADING.lines[1]} <= texts
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert "<f>" not in archive.read("xl/worksheets/sheet1.xml").decode()


def test_a_rate_says_which_dossiers_are_in_its_numerator(tmp_path):
    frame = dossier_list(store(tmp_path / "x.duckdb", ROWS), Drill.of("on_time_rate", OCTOBER))
    values = list(_book(workbook_bytes(frame, HEADING, "en", rate=True)).iter_rows(values_only=True))
    # The denominator: the two dossiers resolved in October; A-1 late (first: most days late), A-2 on time.
    assert values[3][:2] == ("Dossiers", 2) and values[4][:2] == ("Of which in the numerator", 1)
    assert list(values[6]) == [*HEADERS["en"], NUMERATOR_HEADER["en"]]
    assert [(row[1], row[-1]) for row in values[7:]] == [("A-1", "No"), ("A-2", "Yes")]


def test_an_empty_list_gives_the_heading_and_a_count_of_zero(tmp_path):
    frame = dossier_list(store(tmp_path / "x.duckdb", ROWS), Drill.of("c13", Period(date(2025, 1, 1),
                                                                                     date(2025, 1, 31), "1/2025", "month")))  # fmt: skip
    values = list(
        _book(workbook_bytes(frame, ListHeading("Hồ sơ đang giải quyết quá hạn"))).iter_rows(values_only=True)
    )
    assert values[1][:2] == ("Số hồ sơ", 0) and values[-1] == HEADERS["vi"]
    assert rows(frame, HEADING) == []
