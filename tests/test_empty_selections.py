"""Empty selections (issue 11 §7), run headless with AppTest over the small overview database: a period and
units without a single dossier get no grade ("Đạt" on nothing), no change, no chart on Plotly's default axes
and no Word report built silently; every page says there is no data for that choice."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pytest
from kpi_fixtures import dossier, store
from openpyxl import load_workbook
from overview_units_fixture import PERIOD, PREVIOUS, build
from page_app import APP, open_page
from streamlit.testing.v1 import AppTest

from dashboard.exports.form06_xlsx import FIRST_DATA_ROW, TOTAL_LABEL
from dashboard.exports.report_files import EmptyReport, report_bytes
from dashboard.kpi import periods
from dashboard.kpi.report import report_content, report_has_dossiers
from dashboard.text import unit_key

GRADE_WORDS = ("Đạt", "Gần đạt", "Chưa đạt", "Met", "Nearly met", "Not met")
EMPTY_MONTH = 3  # official month 3/2026 (15/02 – 14/03/2026): months before the first dossier (10/2026)


def texts(app) -> str:
    """Every text the page shows: Markdown, captions, info boxes, metrics and their changes."""
    parts = [m.value for m in app.markdown] + [c.value for c in app.caption] + [i.value for i in app.info]
    parts += [f"{m.label} {m.value} {m.delta or ''}" for m in app.metric]
    return "\n".join(parts)


def graded(app) -> list[str]:
    """The grade words shown as whole words (so that "Chưa xếp loại" or "Đạt được" would not count)."""
    return [w for w in GRADE_WORDS if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", texts(app))]


def plotly_charts(app) -> int:
    return len(app.get("plotly_chart"))


@pytest.fixture
def db_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "e.duckdb"
    build(path)
    monkeypatch.setenv("CCHC_DB", str(path))
    return path


def choose_month(app, number: int):
    app.sidebar.selectbox(key="so").set_value(number).run()
    assert not app.exception, [e.message for e in app.exception]
    return app


def choose_custom(app, start: date, end: date):
    app.sidebar.selectbox(key="ky").set_value("custom").run()
    app.sidebar.date_input(key="tu").set_value(start).run()
    app.sidebar.date_input(key="den").set_value(end).run()
    assert not app.exception, [e.message for e in app.exception]
    assert app.session_state["_selection"].period == periods.custom(start, end)
    return app


def test_overview_of_a_month_without_dossiers_grades_nothing_and_draws_nothing(db_path) -> None:
    app = choose_month(open_page("overview", PERIOD), EMPTY_MONTH)
    shown = texts(app)
    assert graded(app) == []  # the overdue card said "Đạt · mục tiêu ≤ 0" on 0 dossiers
    assert [c.value for c in app.caption].count("Kỳ này không có dữ liệu") == 6  # every card says so
    assert all(not m.delta for m in app.metric)  # no change against the previous period
    assert {m.label: m.value for m in app.metric}[
        "Hồ sơ quá hạn (đã và đang giải quyết)"
    ] == "không có dữ liệu"
    assert "Không có hồ sơ nào trong kỳ này" in shown
    assert "Không có hồ sơ nào trong 12 tháng này" in shown  # the trend says so instead of zero bars
    assert plotly_charts(app) == 0
    assert not [b for b in app.button if b.label == "Xem hồ sơ"]  # no list of nothing to open
    app.sidebar.radio(key="lang").set_value("en").run()
    assert not app.exception
    assert [c.value for c in app.caption].count("No data for this period") == 6
    assert graded(app) == [] and plotly_charts(app) == 0


def test_overview_of_a_custom_period_before_the_data_starts(db_path) -> None:
    app = choose_custom(open_page("overview", PERIOD), date(2025, 1, 1), date(2025, 6, 30))
    assert graded(app) == []
    assert "Kỳ này không có dữ liệu" in texts(app)
    assert plotly_charts(app) == 0


def test_overview_of_a_unit_without_dossiers_in_the_period(db_path) -> None:
    """Xã Năm has dossiers in 11/2026 only: in 10/2026 (when Phường Một had ten) it has none."""
    app = open_page("overview", PERIOD)
    app.sidebar.multiselect(key="don_vi").set_value([unit_key("Xã Năm")]).run()
    assert graded(app) != []  # its own month is graded
    choose_month(app, PREVIOUS.end.month)
    assert graded(app) == []
    assert "Kỳ này không có dữ liệu" in texts(app) and "Không có hồ sơ nào trong kỳ này" in texts(app)


def test_a_previous_period_without_dossiers_is_no_baseline(db_path) -> None:
    """Phường Hai has dossiers in 11/2026, none the month before: its cards are graded, with no change."""
    app = open_page("overview", PERIOD)
    app.sidebar.multiselect(key="don_vi").set_value([unit_key("Phường Hai")]).run()
    assert not app.exception
    assert graded(app) != []
    assert {m.delta for m in app.metric} == {
        "kỳ trước không có dữ liệu"
    }  # not "+2 hồ sơ · tăng" over nothing


def test_units_fields_satisfaction_and_actions_pages_say_there_is_nothing(db_path) -> None:
    expected = {
        "units": "Không có hồ sơ nào trong kỳ này",
        "fields": "Không có hồ sơ nào trong kỳ",
        "satisfaction": "Không có hồ sơ nào trong kỳ",
        "actions": "Không có hồ sơ nào trong kỳ này với bộ lọc đang chọn: không có danh sách",
    }
    for page, words in expected.items():
        app = choose_month(open_page(page, PERIOD), EMPTY_MONTH)
        assert words in texts(app), page
        assert graded(app) == [] and plotly_charts(app) == 0, page
        assert not app.dataframe, page  # no league table of empty rows
    # The actions page offers no Excel of two empty lists (the sidebar's page PDF stays).
    labels = [b.proto.label for b in app.get("download_button")]
    assert "Tải danh sách (Excel)" not in labels


def test_dossiers_but_none_resolved_draw_no_split_funnel_or_bars(tmp_path, monkeypatch) -> None:
    """Two units with dossiers in progress only: graded where a grade means something (none overdue), but no
    early / on-time / late chart drawn from nothing, and no rate change blamed on the previous period."""
    path = tmp_path / "open.duckdb"
    rows = [
        dossier(f"{u}-{i}", "20/10/2026", "20/12/2026", unit=u)
        for u in ("Phường A", "Phường B")
        for i in range(3)
    ]
    store(path, rows)
    monkeypatch.setenv("CCHC_DB", str(path))
    overview = choose_month(open_page("overview"), PERIOD.end.month)
    assert "Chưa có hồ sơ nào được giải quyết trong kỳ" in texts(overview)
    assert {m.label: m.delta for m in overview.metric}[
        "Tỷ lệ trước hạn, đúng hạn"
    ] == "kỳ này không có dữ liệu"
    units = choose_month(open_page("units"), PERIOD.end.month)
    assert "Chưa đơn vị nào có hồ sơ đã giải quyết trong kỳ" in texts(units)
    assert plotly_charts(units) == 0 and units.dataframe  # the league table is there, its charts are not
    fields = choose_month(open_page("fields"), PERIOD.end.month)
    assert "Chưa có hồ sơ nào được giải quyết trong kỳ" in texts(fields)
    assert plotly_charts(fields) == 0


def test_report_page_offers_no_word_report_on_nothing(db_path, monkeypatch) -> None:
    from dashboard.views import report_page

    built = []
    monkeypatch.setattr(report_page, "report_bytes", lambda *args: built.append(args) or b"")
    app = choose_month(open_page("report", PERIOD), EMPTY_MONTH)
    assert any("không có hồ sơ nào trong phạm vi đã chọn" in i.value for i in app.info)
    labels = [b.proto.label for b in app.get("download_button") if "page-pdf" not in b.proto.id]
    assert labels == ["Biểu số 06 (.xlsx)"]  # the official form, all zeros; no Word report, no Phụ lục
    assert not [t for t in app.toggle if t.key == "report-preview"]  # no preview of an all-zero narrative
    assert built == []
    # A month with dossiers: the three files, their zip (issue 11 §13) and the preview are offered again.
    choose_month(app, PERIOD.end.month)
    labels = [b.proto.label for b in app.get("download_button") if "page-pdf" not in b.proto.id]
    assert len(labels) == 4 and not any("phạm vi đã chọn" in i.value for i in app.info)
    assert [t for t in app.toggle if t.key == "report-preview"]


def test_report_files_of_an_empty_selection(db_path) -> None:
    from dashboard.store import Database

    db = Database(db_path)
    empty = periods.official_month(2026, EMPTY_MONTH)
    assert not report_has_dossiers(db, empty) and report_has_dossiers(db, PERIOD)
    keys = (unit_key("Xã Năm"),)
    assert not report_has_dossiers(db, PREVIOUS, keys) and report_has_dossiers(db, PREVIOUS)
    content = report_content(db, empty)
    for kind in ("word", "phuluc"):
        with pytest.raises(EmptyReport, match="không có hồ sơ nào"):
            report_bytes(content, kind)
    # Biểu 06 is built: a form with a total row of zeros is a valid official report.
    sheet = load_workbook(io.BytesIO(report_bytes(content, "bieu06"))).worksheets[0]
    total = [sheet.cell(FIRST_DATA_ROW, column).value for column in range(2, 14)]  # no unit rows: the total
    assert total == [TOTAL_LABEL, *[0] * 11]


def test_command_line_refuses_a_word_report_on_nothing(db_path, tmp_path, capsys) -> None:
    from dashboard.cli import main

    out = tmp_path / "r.docx"
    code = main(
        ["report", "--from", "2026-02-15", "--to", "2026-03-14", "--out", str(out), "--db", str(db_path)]
    )
    assert code == 2 and not out.exists()
    assert "không có hồ sơ nào" in capsys.readouterr().err
    xlsx = tmp_path / "r.xlsx"
    assert (
        main(
            ["report", "--from", "2026-02-15", "--to", "2026-03-14", "--out", str(xlsx), "--db", str(db_path)]
        )
        == 0
    )
    assert xlsx.exists()


def test_meeting_slides_of_a_month_without_dossiers(db_path) -> None:
    def slide(number: int) -> str:
        app = AppTest.from_file(APP, default_timeout=60)
        app.query_params.update({"present": "1", "trang": str(number), "so": str(EMPTY_MONTH)})
        app.run()
        assert not app.exception, [e.message for e in app.exception]
        assert app.session_state["_selection"].period == periods.official_month(2026, EMPTY_MONTH)
        return "\n".join(element.proto.body for element in app.get("html"))

    first = slide(1)
    assert "Kỳ này không có dữ liệu" in first and "Không có hồ sơ nào trong kỳ này" in first
    assert not re.search(r"(?<!\w)Đạt(?!\w)", first) and "pr-change" not in first
    for number in (2, 3, 4, 5):
        assert "Không có hồ sơ nào trong kỳ này" in slide(number), number
