"""`python -m dashboard kpi` (issue 3 §8, issue 10 §1): the contract's keys and types, the KPI engine's numbers
for every grouping (the same as the pages and `report`), official periods by name, and refusals with exit 2."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import unicodedata
from datetime import date, timedelta

import pytest

from dashboard.cli import main
from dashboard.kpi import periods
from dashboard.kpi.kpi_fields import FIELDS, RATE_FIELDS
from dashboard.kpi.named_periods import named_period
from dashboard.kpi.report import report_content
from dashboard.kpi.summary import kpi_table, latest_snapshot
from dashboard.store import Database

ROOT = __import__("pathlib").Path(__file__).resolve().parent.parent
CONTRACT_FIELDS = [
    "received_total", "received_online", "received_direct_postal", "carried_over", "resolved_total",
    "resolved_early", "resolved_on_time", "resolved_late", "in_progress_total", "in_progress_within_deadline",
    "in_progress_overdue", "withdrawn", "stopped", "paused", "on_time_rate", "online_rate", "overdue_total",
    "satisfaction_rate", "ratings_count",
]  # fmt: skip
GROUP_COLUMN = {"unit": "unit", "field": "field", "procedure": "procedure", "channel": "channel"}


@pytest.fixture(scope="module")
def demo(demo_database):
    db_path, _ = demo_database
    db = Database(db_path)
    quarter = periods.containing(latest_snapshot(db) - timedelta(days=120), "official_quarter")
    year, number = periods.period_key(quarter)
    return db, quarter, f"Q{number}-{year}"


def _kpi(*args: str, capsys) -> tuple[int, str, str]:
    """Exit code, stdout, stderr, as a shell sees them (argparse's own refusals exit through SystemExit)."""
    try:
        code = main(["kpi", *args])
    except SystemExit as exit_:
        code = exit_.code
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _expected(row) -> dict:
    """The engine's row under the contract's names, computed here from kpi_table's own columns."""
    out = {}
    for name, column in FIELDS.items():
        value = row[column]
        out[name] = (None if value != value else float(value)) if name in RATE_FIELDS else int(value)
    return out


def test_the_contract_names_the_19_fields():
    assert list(FIELDS) == CONTRACT_FIELDS


@pytest.mark.parametrize("by", [None, "unit", "field", "procedure", "channel", "month"])
def test_json_carries_the_engine_numbers_for_every_grouping(demo, by, capsys):
    db, quarter, name = demo
    args = ["--ky", name, "--db", str(db.path), "--format", "json"] + (["--by", by] if by else [])
    code, out, err = _kpi(*args, capsys=capsys)
    assert code == 0, err
    answer = json.loads(out)
    assert list(answer) == ["from", "to", "by", "units", "rows", "total"]
    assert answer["units"] == "current"
    assert (answer["from"], answer["to"], answer["by"]) == (
        quarter.start.isoformat(),
        quarter.end.isoformat(),
        by,
    )
    assert answer["total"] == _expected(kpi_table(db, quarter).iloc[0])
    for values in [answer["total"], *answer["rows"]]:
        for field in CONTRACT_FIELDS:
            value = values[field]
            if field in RATE_FIELDS:
                assert value is None or (isinstance(value, float) and 0 <= value <= 1), (field, value)
            else:
                assert isinstance(value, int) and not isinstance(value, bool) and value >= 0, (field, value)
    if by is None:
        assert answer["rows"] == []
        return
    table = kpi_table(db, quarter, by)
    assert len(answer["rows"]) == len(table) > 0
    for got, (_, row) in zip(answer["rows"], table.iterrows(), strict=True):
        group = f"{row['period_start']:%Y-%m}" if by == "month" else row[GROUP_COLUMN[by]]
        assert got == {"group": group} | _expected(row)
    # The groups add up to the total for the flows (a month's col 6 is its own carried-over stock).
    for field in ("received_online", "received_direct_postal", "resolved_total", "resolved_late"):
        assert sum(row[field] for row in answer["rows"]) == answer["total"][field]


@pytest.mark.parametrize("by", ["unit", "field"])
def test_the_numbers_are_those_of_the_report(demo, by, capsys):
    db, quarter, name = demo
    code, out, _ = _kpi("--ky", name, "--by", by, "--db", str(db.path), capsys=capsys)
    assert code == 0
    answer = json.loads(out)
    content = report_content(db, quarter, by)
    assert answer["total"] == _expected(content.total)
    assert [row["received_total"] for row in answer["rows"]] == content.rows["c3"].tolist()
    assert [row["group"] for row in answer["rows"]] == content.rows[by].astype(str).tolist()


def test_rates_without_a_denominator_are_null(demo, capsys):
    db, _, _ = demo
    code, out, _ = _kpi("--from", "2001-01-01", "--to", "2001-01-31", "--db", str(db.path), capsys=capsys)
    assert code == 0
    total = json.loads(out)["total"]
    assert all(total[field] is None for field in RATE_FIELDS)
    assert all(total[field] == 0 for field in CONTRACT_FIELDS if field not in RATE_FIELDS)


def test_one_unit_matches_without_case_spacing_or_unicode_form(demo, capsys):
    db, quarter, name = demo
    unit = kpi_table(db, quarter, "unit").iloc[0]
    typed = "  " + unicodedata.normalize("NFD", unit["unit"].upper()).replace(" ", "   ") + " "
    code, out, err = _kpi("--ky", name, "--unit", typed, "--db", str(db.path), capsys=capsys)
    assert code == 0, err
    assert json.loads(out)["total"] == _expected(unit)


def test_csv_is_the_same_table_for_excel(demo):
    db, quarter, name = demo
    done = subprocess.run(
        [sys.executable, "-m", "dashboard", "kpi", "--ky", name, "--by", "unit", "--db", str(db.path),
         "--format", "csv"],
        cwd=ROOT, capture_output=True, check=True,
    )  # fmt: skip
    assert done.stdout.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel reads Vietnamese right
    rows = list(csv.DictReader(io.StringIO(done.stdout.decode("utf-8-sig"))))
    table = kpi_table(db, quarter, "unit")
    assert list(rows[0]) == ["group", *CONTRACT_FIELDS]
    assert [row["group"] for row in rows] == [*table["unit"], "Tổng số"]
    assert [int(row["received_total"]) for row in rows] == [*table["c3"], int(table["c3"].sum())]
    total = kpi_table(db, quarter).iloc[0]
    assert float(rows[-1]["on_time_rate"]) == pytest.approx(total["on_time_rate"], abs=1e-12)


def test_table_is_aligned_vietnamese_text(demo, capsys):
    db, quarter, name = demo
    code, out, _ = _kpi(
        "--ky", name, "--by", "channel", "--db", str(db.path), "--format", "table", capsys=capsys
    )
    assert code == 0
    total = kpi_table(db, quarter).iloc[0]
    lines = out.splitlines()
    assert lines[0] == quarter.label
    total_line = next(line for line in lines if line.startswith("Tổng số"))
    received = f"{int(total['c3']):,}".replace(",", ".")
    assert received in total_line.split()  # 30.763, not 30763 or 30,763
    assert f"{total['on_time_rate'] * 100:.2f}%".replace(".", ",") in total_line
    assert "Trực tuyến" in out
    # The two overdue counts are different numbers with different names (issue 11 §3).
    assert "(13) đang quá hạn" in out and "quá hạn (đã và đang giải quyết) = (10) + (13)" in out
    widths = {len(line) for line in lines[2 : lines.index(total_line) + 1] if not set(line) <= {"-", " "}}
    assert len(widths) <= 2  # header lines and rows end in the same column (the header may be shorter)


@pytest.mark.parametrize(
    ("option", "text", "start", "end"),
    [
        ("ky", "T10-2025", date(2025, 9, 15), date(2025, 10, 14)),
        ("ky", "t1-2026", date(2025, 12, 15), date(2026, 1, 14)),
        ("ky", "Q3-2025", date(2025, 6, 15), date(2025, 9, 14)),
        ("ky", "Q1-2025", date(2024, 12, 15), date(2025, 3, 14)),
        ("ky", "6T-2025", date(2024, 12, 15), date(2025, 6, 14)),
        ("ky", "9T-2025", date(2024, 12, 15), date(2025, 9, 14)),
        ("ky", "2025", date(2024, 12, 15), date(2025, 12, 14)),
        ("thang", "2025-10", date(2025, 10, 1), date(2025, 10, 31)),
        ("thang", "02-2024", date(2024, 2, 1), date(2024, 2, 29)),
        ("quy", "2025-Q3", date(2025, 7, 1), date(2025, 9, 30)),
        ("quy", "Q4-2025", date(2025, 10, 1), date(2025, 12, 31)),
        ("nam", "2025", date(2025, 1, 1), date(2025, 12, 31)),
    ],
)
def test_periods_by_name_close_as_kpi_spec_3_says(option, text, start, end):
    period = named_period(option, text)
    assert (period.start, period.end) == (start, end)


def test_named_period_dates_reach_the_json(demo, capsys):
    db, _, _ = demo
    code, out, _ = _kpi("--ky", "9T-2025", "--db", str(db.path), capsys=capsys)
    assert code == 0
    assert (json.loads(out)["from"], json.loads(out)["to"]) == ("2024-12-15", "2025-09-14")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--from", "2025-13-01", "--to", "2025-12-31"], "YYYY-MM-DD"),
        (["--from", "01/10/2025", "--to", "2025-12-31"], "YYYY-MM-DD"),
        (["--from", "2025-10-02", "--to", "2025-10-01"], "trước ngày --from"),
        (["--ky", "T13-2025"], "không hợp lệ"),
        (["--ky", "quý 3"], "không hiểu kỳ"),
        (["--thang", "2025"], "không hiểu kỳ"),
        (["--ky", "Q3-2025", "--from", "2025-01-01", "--to", "2025-02-01"], "chỉ dùng một cách chọn kỳ"),
        (["--ky", "Q3-2025", "--nam", "2025"], "chỉ dùng một cách chọn kỳ"),
        (["--from", "2025-01-01"], "cần --from và --to"),
        (["--ky", "Q3-2025", "--by", "tinh"], "lựa chọn không hợp lệ"),
    ],
)
def test_a_request_that_cannot_be_served_exits_2_in_vietnamese(demo, args, words, capsys):
    db, _, _ = demo
    code, out, err = _kpi(*args, "--db", str(db.path), capsys=capsys)
    assert (code, out) == (2, "")
    assert words in err and "lỗi: " in err


def test_an_unknown_unit_exits_2_and_lists_the_known_ones(demo, capsys):
    db, quarter, name = demo
    code, out, err = _kpi("--ky", name, "--unit", "Phường Không Có", "--db", str(db.path), capsys=capsys)
    assert (code, out) == (2, "")
    assert "không có đơn vị 'Phường Không Có'" in err
    assert all(unit in err for unit in kpi_table(db, quarter, "unit")["unit"])
