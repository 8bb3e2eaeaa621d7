"""Hand-made dossiers for the report exports' tests (issue 5 §3): every Biểu 06 column, both lists, and
texts that a spreadsheet would run as formulas (a field "=HYPERLINK(…)", a unit "+…", a code "=…")."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from kpi_fixtures import dossier, store

from dashboard.kpi import periods
from dashboard.kpi.report import ReportContent, report_content
from dashboard.store import Database

PERIOD = periods.custom(date(2026, 10, 15), date(2026, 11, 14))
FORMULA_FIELD = '=HYPERLINK("http://example.invalid","bấm vào đây")'
FORMULA_UNIT = "+Xã Hòa Phú"
FORMULA_CODE = "=1+1"

ROWS = [
    # Phường Hải Châu, Hộ tịch
    dossier("HC-01", "01/10/2026", "20/10/2026", "16/10/2026", unit="Phường Hải Châu"),  # col 6, 8
    dossier(
        "HC-02", "20/10/2026", "26/10/2026", "26/10/2026", unit="Phường Hải Châu", channel="online"
    ),  # 4, 9
    dossier("HC-03", "21/10/2026", "23/10/2026", "28/10/2026", unit="Phường Hải Châu"),  # 5, 10 (late)
    dossier("HC-04", "02/11/2026", "05/11/2026", unit="Phường Hải Châu"),  # 5, 13 (overdue)
    dossier("HC-05", "03/11/2026", "06/11/2026", unit="Phường Hải Châu", channel="postal"),  # 5, 13
    dossier("HC-06", "13/11/2026", "16/11/2026", unit="Phường Hải Châu"),  # 5, 12 (due soon)
    dossier("HC-07", "25/10/2026", None, "30/10/2026", unit="Phường Hải Châu", status="withdrawn"),  # 5, 9
    # Phường Đông Hải (sorted with D), Chứng thực
    dossier(
        "DH-01", "26/10/2026", "28/10/2026", "27/10/2026", unit="Phường Đông Hải", field_name="Chứng thực"
    ),
    dossier(
        "DH-02", "27/10/2026", "29/10/2026", "04/11/2026", unit="Phường Đông Hải", field_name="Chứng thực"
    ),
    dossier("DH-03", "01/11/2026", "04/11/2026", unit="Phường Đông Hải", field_name="Chứng thực"),  # overdue
    dossier(
        "DH-04", "05/11/2026", "10/11/2026", unit="Phường Đông Hải", field_name=None
    ),  # no field: overdue
    # A unit and a field whose names look like formulas
    dossier(
        FORMULA_CODE, "02/11/2026", "04/11/2026", "10/11/2026", unit=FORMULA_UNIT, field_name=FORMULA_FIELD
    ),
    dossier("HP-02", "28/10/2026", "30/10/2026", unit=FORMULA_UNIT, field_name=FORMULA_FIELD),  # overdue
    dossier("HP-03", "12/11/2026", "16/11/2026", unit=FORMULA_UNIT, field_name=FORMULA_FIELD),  # due soon
    # Outside the period entirely: finished before it starts
    dossier("OLD-1", "01/09/2026", "05/09/2026", "04/09/2026", unit=FORMULA_UNIT),
]


def database(tmp_path: Path) -> Database:
    return store(tmp_path / "report.duckdb", ROWS)


def content(tmp_path: Path, by: str = "field", scope: str = "") -> ReportContent:
    return report_content(database(tmp_path), PERIOD, by, scope=scope)
