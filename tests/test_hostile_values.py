"""Issue 12 §5: numbers and dates that look like data but are not (EXPORT_FORMATS "Values that look like
data but are not"), through the command line: no traceback, each such row rejected with its reason or read
as empty, the others loaded."""

from __future__ import annotations

import duckdb
import numpy as np
import pyarrow as pa
import pytest
from hostile_files import dossier, run_ingest, write_csv, write_xlsx

from dashboard.ingest.dates import parse_dates

PEAK_MB = 700  # a few rows: the interpreter, pyarrow, duckdb


@pytest.fixture(scope="module", params=["csv", "xlsx"])
def imported(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp(f"values-{request.param}")
    rows = [
        dossier(1),
        dossier(2, supplements="2147483648"),  # int32 + 1
        dossier(3, supplements="1" + "0" * 30),
        dossier(4, finished="01/01/0001 00:00:00", status="Đang xử lý"),  # .NET's empty date
        dossier(5, received="01/01/0001"),
        dossier(6, received="15/10/0026 08:00:00"),  # the year 26, not 2026
        dossier(7, received="31/12/2100 08:00:00", due="", finished="", status="Đang xử lý"),
        dossier(8, finished="0001-01-01T00:00:00", status="Đang xử lý"),
        dossier(9, received="15/10/26 08:00", due="", finished="", status="Đang xử lý"),  # 2026
    ]
    writer = write_csv if request.param == "csv" else write_xlsx
    source = writer(folder / f"values.{request.param}", rows)
    db = folder / "cchc.duckdb"
    return run_ingest([source], db), db


def test_every_row_accounted_without_traceback(imported) -> None:
    run, _ = imported
    run.assert_no_traceback()
    assert run.exit_code == 0
    report = run.report
    assert report["rows_read"] == 9  # the rows below the header
    assert report["rows_loaded"] + report["rows_rejected"] + report["rows_skipped"] == report["rows_read"]
    assert run.peak_mb < PEAK_MB


def _reasons(run) -> dict[int, str]:
    # Rows 1–3 are titles and a blank row, row 4 the header: dossier n is on row 4 + n.
    return {reject["row"] - 4: reject["reason"] for reject in run.report["rejects"]}


def test_counts_out_of_range_are_rejected(imported) -> None:
    reasons = _reasons(imported[0])
    assert reasons[2] == "Số lần bổ sung '2147483648' ngoài khoảng cho phép (0–1.000)"
    assert reasons[3] == "Số lần bổ sung '10000000000000000000…' ngoài khoảng cho phép (0–1.000)"


def test_dates_of_the_year_1_and_26_are_never_2001_or_2026(imported) -> None:
    run, db = imported
    reasons = _reasons(run)
    assert reasons[5] == "Thiếu ngày tiếp nhận"  # 01/01/0001 is an empty date
    assert reasons[6] == "Ngày tiếp nhận '15/10/0026 08:00:00' không phải ngày hợp lệ"
    with duckdb.connect(str(db), read_only=True) as connection:
        finished = dict(
            connection.execute(
                "SELECT source_row - 4, finished_at FROM dossier WHERE source_row IN (8, 12)"
            ).fetchall()
        )
        years = connection.execute(
            "SELECT min(year(received_at)), max(year(received_at)) FROM dossier"
        ).fetchall()
    assert finished == {4: None, 8: None}  # loaded, still in progress
    assert years == [(2026, 2026)]


def test_received_after_the_export_date_is_rejected(imported) -> None:
    reasons = _reasons(imported[0])
    assert reasons[7] == (
        "Ngày tiếp nhận 31/12/2100 sau ngày chốt số liệu của tệp 31/10/2026 (ghi ở tiêu đề tệp)"
    )
    assert set(reasons) == {2, 3, 5, 6, 7}


@pytest.mark.parametrize(
    "text", ["01/01/0001", "01/01/0001 00:00:00", "1/1/0001 12:00:00 AM", "0001-01-01T00:00:00", "0001-01-01"]
)
def test_dotnet_empty_date_is_empty(text: str) -> None:
    values, invalid = parse_dates(pa.array([text, "05/03/2026"]))
    assert np.isnat(values[0]) and not invalid[0]
    assert str(values[1]) == "2026-03-05T00:00:00"


@pytest.mark.parametrize("text", ["15/10/0026", "15/10/0026 08:00", "01/02/0999", "0026-10-15"])
def test_four_digit_years_are_read_as_written(text: str) -> None:
    values, invalid = parse_dates(pa.array([text]))
    assert np.isnat(values[0]) and invalid[0]


def test_two_digit_years_are_this_century() -> None:
    values, invalid = parse_dates(pa.array(["15/10/26", "1/2/05 7:30"]))
    assert [str(v) for v in values] == ["2026-10-15T00:00:00", "2005-02-01T07:30:00"]
    assert not invalid.any()
