"""The action lists' Excel workbook: rows equal the lists, real dates and numbers, never a formula."""

from __future__ import annotations

import io
from datetime import date, datetime

from kpi_fixtures import dossier, store
from openpyxl import load_workbook

from dashboard.exports.action_lists import DAYS_HEADER, HEADERS, workbook_bytes
from dashboard.kpi.actions import action_list

ROWS = [
    dossier(
        "QH-1", "01/10/2026", "05/10/2026", unit="Phường Hải Châu", procedure='=HYPERLINK("http://x","y")'
    ),
    dossier("QH-2", "20/10/2026", "23/10/2026", unit="+Xã Hòa Vang", field_name="-Chứng thực"),
    dossier("@QH-3", "05/11/2026", "10/11/2026", unit="Xã Hòa Vang"),
    dossier("SD-1", "10/11/2026", "16/11/2026", unit="Phường Hải Châu"),
]
AS_OF = date(2026, 11, 14)


def test_workbook_rows_equal_the_action_lists(tmp_path) -> None:
    db = store(tmp_path / "x.duckdb", ROWS)
    lists = {kind: action_list(db, AS_OF, kind) for kind in ("overdue", "due_soon")}
    book = load_workbook(io.BytesIO(workbook_bytes(lists)))
    assert book.sheetnames == ["Đang quá hạn", "Sắp đến hạn"]
    for (kind, frame), sheet in zip(lists.items(), book.worksheets, strict=True):
        values = list(sheet.iter_rows(values_only=True))
        assert list(values[0]) == [*HEADERS, DAYS_HEADER[kind]]
        body = values[1:]
        assert len(body) == len(frame) > 0
        days = "working_days_overdue" if kind == "overdue" else "working_days_left"
        for number, (row, expected) in enumerate(zip(body, frame.itertuples(index=False), strict=True), 1):
            assert row[0] == number
            assert row[1:5] == (expected.dossier_code, expected.unit, expected.field_name, expected.procedure)
            assert row[5] == expected.received_at.to_pydatetime().replace(hour=0, minute=0, second=0)
            assert row[6] == expected.due_day.to_pydatetime()
            assert row[7] == getattr(expected, days) and isinstance(row[7], int)
        for cells in sheet.iter_rows(min_row=2):
            assert isinstance(cells[5].value, datetime) and cells[5].number_format == "dd/mm/yyyy"
            assert cells[6].number_format == "dd/mm/yyyy"


def test_no_cell_is_a_formula(tmp_path) -> None:
    db = store(tmp_path / "x.duckdb", ROWS)
    data = workbook_bytes({"overdue": action_list(db, AS_OF, "overdue")})
    sheet = load_workbook(io.BytesIO(data)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    texts = {cell.value for cell in cells if cell.data_type == "s"}
    assert {'=HYPERLINK("http://x","y")', "+Xã Hòa Vang", "-Chứng thực", "@QH-3"} <= texts
    assert "<f>" not in _sheet_xml(data)


def test_empty_lists_give_headers_only() -> None:
    import pandas as pd

    book = load_workbook(io.BytesIO(workbook_bytes({"overdue": pd.DataFrame(), "due_soon": pd.DataFrame()})))
    assert [sheet.max_row for sheet in book.worksheets] == [1, 1]


def _sheet_xml(data: bytes) -> str:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("xl/worksheets/sheet1.xml").decode()
