"""Every imported row is accounted for: read = loaded + updated + unchanged + rejected + skipped."""

from __future__ import annotations

import tempfile
from pathlib import Path

from export_builders import write_csv, write_xlsx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.ingest.run import ingest_file
from dashboard.store import Database

HEADER = ["STT", "Mã hồ sơ", "Đơn vị", "Ngày tiếp nhận", "Ngày hẹn trả", "Trạng thái"]

# Each kind of row an export may hold below its header, and what the importer must do with it.
ROW_KINDS = {
    "dossier": "loaded",
    "bad_date": "rejected",
    "no_date": "rejected",
    "due_before": "rejected",
    "blank": "skipped",
    "group": "skipped",
    "total": "skipped",
}


def make_row(kind: str, n: int, day: int) -> list[object]:
    code = f"P-2601{day:02d}-{n:04d}"
    received = f"{day:02d}/01/2026 08:00:00"
    if kind == "dossier":
        return [n, code, "Xã Hòa Vang", received, f"{day + 1:02d}/01/2026", "Đang xử lý"]
    if kind == "bad_date":
        return [n, code, "Xã Hòa Vang", f"3{day % 2}/02/2026", "", "4"]
    if kind == "no_date":
        return [n, code, "Xã Hòa Vang", "", f"{day:02d}/01/2026", "4"]
    if kind == "due_before":
        return [n, code, "Xã Hòa Vang", received, "01/12/2025", "4"]
    if kind == "blank":
        return ["", "", "", "", "", ""]
    if kind == "group":
        return ["Phường Hải Châu", "", "", "", "", ""]
    return ["Tổng cộng", "", "", n, "", ""]


rows_strategy = st.lists(
    st.tuples(st.sampled_from(sorted(ROW_KINDS)), st.integers(1, 27), st.booleans()), min_size=0, max_size=30
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=rows_strategy, as_xlsx=st.booleans())
def test_rows_are_always_accounted_for(rows, as_xlsx):
    grid, expected = [HEADER], {"loaded": 0, "rejected": 0, "skipped": 0}
    for n, (kind, day, repeat) in enumerate(rows, start=1):
        grid.append(make_row(kind, n, day))
        expected[ROW_KINDS[kind]] += 1
        if repeat and kind == "dossier":  # the same dossier twice, identical: skipped as a duplicate
            grid.append(make_row(kind, n, day))
            expected["skipped"] += 1
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        path = write_xlsx(folder / "x.xlsx", grid) if as_xlsx else write_csv(folder / "x.csv", grid)
        db = Database(folder / "cchc.duckdb")
        report = ingest_file(db, path)
        again = ingest_file(db, path)
    assert report.rows_read == len(grid) - 1 or (as_xlsx and report.rows_read <= len(grid) - 1)
    assert report.balanced and again.balanced
    assert report.rows_loaded == expected["loaded"]
    assert report.rows_rejected == expected["rejected"]
    assert len(report.rejects) == report.rows_rejected
    # Importing the same file again: everything that loaded is unchanged, the rest is as before.
    assert (again.rows_loaded, again.rows_updated, again.rows_unchanged) == (0, 0, report.rows_loaded)
    assert again.rows_rejected == report.rows_rejected and again.rows_skipped == report.rows_skipped
