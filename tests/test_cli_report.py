"""`python -m dashboard report` (issue 5 §5): the files it writes carry the KPI engine's numbers, and a request it
cannot serve is refused with a reason and exit code 2, writing nothing."""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout
from datetime import date

import pytest
from docx import Document
from kpi_fixtures import dossier, store
from ngo_quyen import ngo_quyen_dossiers
from openpyxl import load_workbook

from dashboard.cli import main
from dashboard.exports.form06_xlsx import FIRST_DATA_ROW
from dashboard.kpi.filters import Filters
from dashboard.kpi.periods import custom
from dashboard.kpi.summary import kpi_table
from dashboard.store import Database
from dashboard.text import unit_key

FROM, TO = "2022-01-01", "2022-10-20"
PERIOD = custom(date(2022, 1, 1), date(2022, 10, 20))
COUNTS = ["c3", "c4", "c5", "c6", "c7", "c8", "c9", "c10", "c11", "c12", "c13"]


@pytest.fixture(scope="module")
def two_wards(tmp_path_factory):
    """Ngô Quyền (the published example) and a second ward with a few dossiers, one of them overdue."""
    others = [
        dossier(f"LC-{i}", "03/10/2022", "06/10/2022", "05/10/2022" if i else None, unit="Phường Lê Chân")
        for i in range(5)
    ]
    path = tmp_path_factory.mktemp("report") / "two.duckdb"
    store(path, ngo_quyen_dossiers() + others)
    return path


def _run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["report", *args])
    return code, out.getvalue(), err.getvalue()


def _table_rows(path, count: int) -> list[list]:
    sheet = load_workbook(path).worksheets[0]
    rows = sheet.iter_rows(
        min_row=FIRST_DATA_ROW, max_row=FIRST_DATA_ROW + count, max_col=13, values_only=True
    )
    return [list(row) for row in rows]


def test_xlsx_by_unit_is_biểu_06_with_the_engines_numbers(two_wards, tmp_path):
    out = tmp_path / "b06.xlsx"
    code, printed, _ = _run("--from", FROM, "--to", TO, "--out", str(out), "--db", str(two_wards))
    assert code == 0 and out.exists() and "1.421" in printed  # 1.416 + 5, in the Vietnamese style
    engine = kpi_table(Database(two_wards), PERIOD, "unit")
    rows = _table_rows(out, len(engine))
    for row, (_, expected) in zip(rows, engine.iterrows(), strict=False):
        assert row[1] == expected["unit"]
        assert row[2:] == [int(expected[c]) for c in COUNTS]
    total = kpi_table(Database(two_wards), PERIOD).iloc[0]
    assert rows[len(engine)][2:] == [int(total[c]) for c in COUNTS]


def test_one_unit_by_field_and_the_word_report(two_wards, tmp_path):
    out = tmp_path / "nq.xlsx"
    code, _, _ = _run(
        "--from", FROM, "--to", TO, "--unit", "phường  ngô quyền", "--out", str(out), "--db", str(two_wards)
    )
    assert code == 0
    only = Filters(unit_keys=(unit_key("Phường Ngô Quyền"),))
    fields = kpi_table(Database(two_wards), PERIOD, "field", only)
    rows = _table_rows(out, len(fields))
    assert rows[0][1] == "Hộ tịch" and rows[0][2:5] == [1416, 328, 1086]
    word = tmp_path / "nq.docx"
    code, _, _ = _run(
        "--from", FROM, "--to", TO, "--unit", "Phường Ngô Quyền", "--out", str(word), "--db", str(two_wards)
    )
    assert code == 0
    text = "\n".join(p.text for p in Document(str(word)).paragraphs)
    assert "tổng số hồ sơ TTHC đã tiếp nhận là 1.416 hồ sơ" in text and "Phường Lê Chân" not in text


def test_phu_luc_lists_the_overdue_dossier(two_wards, tmp_path):
    out = tmp_path / "pl.xlsx"
    code, _, _ = _run("--from", FROM, "--to", TO, "--out", str(out), "--phu-luc", "--db", str(two_wards))
    assert code == 0
    cells = [
        c for sheet in load_workbook(out).worksheets for row in sheet.iter_rows(values_only=True) for c in row
    ]
    assert "LC-0" in cells  # received 03/10, due 06/10, still open on 20/10: overdue (col 13)


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["--from", FROM, "--to", TO, "--out", "x.pdf"], ".xlsx hoặc .docx"),
        (["--from", TO, "--to", FROM, "--out", "x.xlsx"], "trước ngày bắt đầu"),
        (["--from", FROM, "--to", TO, "--unit", "Xã Không Có", "--out", "x.xlsx"], "Phường Lê Chân"),
        (["--from", FROM, "--to", TO, "--out", "x.docx", "--phu-luc"], "--phu-luc"),
    ],
)
def test_a_request_that_cannot_be_served_is_refused(two_wards, tmp_path, args, reason):
    out = tmp_path / args[args.index("--out") + 1]
    args[args.index("--out") + 1] = str(out)
    code, _, err = _run(*args, "--db", str(two_wards))
    assert code == 2 and reason in err and not out.exists()
