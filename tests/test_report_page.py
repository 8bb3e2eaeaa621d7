"""The Báo cáo page (issue 5 §5) run headless with AppTest: it offers the three files without building them, its
preview shows the KPI engine's numbers, and the function behind each button builds the same file as the command
line."""

from __future__ import annotations

import io
import time
import zipfile

import pytest
from docx import Document
from openpyxl import load_workbook
from overview_units_fixture import PERIOD, build
from page_app import open_page
from test_report_zip import KINDS

from dashboard.exports.form06_xlsx import FIRST_DATA_ROW
from dashboard.exports.report_files import file_name
from dashboard.formatting import format_count
from dashboard.kpi.summary import kpi_table
from dashboard.text import unit_key
from dashboard.views import report_page
from dashboard.views.report_builds import PartFailed, outcome

COUNTS = ["c3", "c4", "c5", "c6", "c7", "c8", "c9", "c10", "c11", "c12", "c13"]


def test_three_files_offered_and_none_built_on_opening(tmp_path, monkeypatch):
    build(tmp_path / "r.duckdb")
    monkeypatch.setenv("CCHC_DB", str(tmp_path / "r.duckdb"))
    built = []
    monkeypatch.setattr(report_page, "report_bytes", lambda *args: built.append(args) or b"")
    app = open_page("report", PERIOD)
    # The page's own PDF button (issue 11 §14) is in the sidebar; the report's three files on the page.
    buttons = [b for b in app.get("download_button") if b.proto.id and "page-pdf" not in b.proto.id]
    assert [b.proto.label for b in buttons] == ["Biểu số 06 (.xlsx)", "Báo cáo Word (.docx)",
                                                "Phụ lục hồ sơ quá hạn, sắp đến hạn (.xlsx)",
                                                "Tải cả ba tệp (.zip)"]  # fmt: skip  # issue 11 §13
    assert not any(b.proto.disabled for b in buttons)  # Chromium is installed by `make test`
    assert built == []  # generated only when asked for
    assert "tất cả đơn vị" in app.markdown[0].value


def test_preview_shows_the_engines_numbers(tmp_path, monkeypatch):
    db = build(tmp_path / "r.duckdb")
    monkeypatch.setenv("CCHC_DB", str(tmp_path / "r.duckdb"))
    app = open_page("report", PERIOD)
    app.toggle(key="report-preview").set_value(True).run()
    assert not app.exception
    total = kpi_table(db, PERIOD).iloc[0]
    text = " ".join(m.value for m in app.markdown)
    assert f"tổng số hồ sơ TTHC đã tiếp nhận là {format_count(int(total['c3']))} hồ sơ" in text
    shown = app.dataframe[0].value.set_index("unit")
    expected = kpi_table(db, PERIOD, "unit").set_index("unit")
    assert (shown[COUNTS] == expected.loc[shown.index, COUNTS]).all().all()


def test_one_unit_selected_reports_by_field_for_that_unit(tmp_path, monkeypatch):
    build(tmp_path / "r.duckdb")
    monkeypatch.setenv("CCHC_DB", str(tmp_path / "r.duckdb"))
    app = open_page("report", PERIOD)
    app.sidebar.multiselect(key="don_vi").set_value([unit_key("Phường Ba")]).run()
    assert "Phường Ba" in app.markdown[0].value
    assert app.get("button_group")[0].value == "field"


def test_the_buttons_build_the_files_of_the_command_line(tmp_path, monkeypatch):
    db = build(tmp_path / "r.duckdb")
    monkeypatch.setenv("CCHC_DB", str(tmp_path / "r.duckdb"))
    request = (PERIOD, "unit", (), "")
    sheet = load_workbook(io.BytesIO(report_page._build(request, "bieu06"))).worksheets[0]
    expected = kpi_table(db, PERIOD, "unit")
    first = [sheet.cell(FIRST_DATA_ROW, column).value for column in range(2, 14)]
    assert first == [expected.iloc[0]["unit"], *[int(expected.iloc[0][c]) for c in COUNTS]]
    document = Document(io.BytesIO(report_page._build(request, "word")))
    assert any("BÁO CÁO" in p.text for p in document.paragraphs)
    annex = load_workbook(io.BytesIO(report_page._build(request, "phuluc")))
    assert len(annex.worksheets) == 3


LABELS = {"bieu06": "Biểu số 06 (.xlsx)", "word": "Báo cáo Word (.docx)", "phuluc": "Phụ lục (.xlsx)"}


def _fake_files(monkeypatch, failing: str | None = None) -> None:
    def fake(content, kind):  # each kind its own bytes, so that a mix-up inside the zip shows
        if kind == failing:
            raise ValueError("All strings must be XML compatible")
        return f"{kind} of {content.period.start:%d/%m/%Y}".encode()

    monkeypatch.setattr(report_page, "report_bytes", fake)


def test_the_zip_button_builds_the_three_single_files(tmp_path, monkeypatch):
    # Issue 11 §13: the zip of the page holds what the three buttons build, under their names.
    build(tmp_path / "r.duckdb")
    monkeypatch.setenv("CCHC_DB", str(tmp_path / "r.duckdb"))
    _fake_files(monkeypatch)
    request = (PERIOD, "unit", (), "Phường Ba")
    archive = zipfile.ZipFile(io.BytesIO(report_page._build_zip(request, LABELS)))
    assert archive.namelist() == [file_name(PERIOD, kind, "Phường Ba") for kind in KINDS]
    assert [archive.read(name) for name in archive.namelist()] == [
        report_page._build(request, kind) for kind in KINDS
    ]


def test_a_zip_short_of_a_file_is_not_built_and_the_page_is_told_which(tmp_path, monkeypatch):
    build(tmp_path / "r.duckdb")
    monkeypatch.setenv("CCHC_DB", str(tmp_path / "r.duckdb"))
    _fake_files(monkeypatch, failing="word")
    clicked = time.monotonic()
    with pytest.raises(PartFailed):
        report_page._build_zip((PERIOD, "unit", (), ""), LABELS, "session-1")
    assert (
        outcome("session-1", "zip", clicked)
        == "Báo cáo Word (.docx): ValueError: All strings must be XML compatible"
    )
