"""The fields & procedures page run headless: the numbers it shows are the KPI engine's for the selection."""

from __future__ import annotations

import math

import page_app
import pytest
from fields_satisfaction_766_fixtures import PERIOD, build
from streamlit.testing.v1 import AppTest

from dashboard.kpi.fields_queries import processing_days_histogram, processing_summary
from dashboard.kpi.summary import kpi_table
from dashboard.store import Database


@pytest.fixture
def db(tmp_path, monkeypatch) -> Database:
    database = build(tmp_path / "fields.duckdb")
    monkeypatch.setenv("CCHC_DB", str(tmp_path / "fields.duckdb"))
    return database


def open_page() -> AppTest:
    return page_app.open_page("fields", PERIOD)


def test_league_table_by_field_and_by_procedure_equal_kpi_table(db):
    app = open_page()
    assert app.title[0].value == "Lĩnh vực & thủ tục"
    league = app.dataframe[0].value
    expected = kpi_table(db, PERIOD, "field").set_index("field")
    assert set(league["field"]) == set(expected.index)
    for row in league.itertuples():
        for column in ("c3", "c7", "c8", "c9", "c10", "c11", "c13"):
            assert getattr(row, column) == expected.loc[row.field, column]
        assert math.isclose(row.on_time_rate, expected.loc[row.field, "on_time_rate"])
        assert row.overdue_count == expected.loc[row.field, "c10"] + expected.loc[row.field, "c13"]
        assert row.on_time_rate_grade.split(" ", 1)[1] in ("Đạt", "Gần đạt", "Chưa đạt", "Không có dữ liệu")
    assert list(league["on_time_rate"]) == sorted(league["on_time_rate"])  # worst first

    app.segmented_control(key="fields-by").set_value("procedure").run()
    assert not app.exception
    league = app.dataframe[0].value
    expected = kpi_table(db, PERIOD, "procedure").set_index("procedure")
    assert dict(zip(league["procedure"], league["c7"], strict=True)) == expected["c7"].to_dict()
    for row in league.itertuples():
        assert math.isclose(row.median, expected.loc[row.procedure, "processing_days_median"])
        assert math.isclose(row.p90, expected.loc[row.procedure, "processing_days_p90"])


def test_processing_time_metrics_and_slowest_procedures(db):
    app = open_page()
    summary = processing_summary(processing_days_histogram(db, PERIOD)).set_index("procedure")
    chosen = app.selectbox(key="fields-time-procedure").value
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Hồ sơ đã giải quyết"] == str(summary.loc[chosen, "resolved"])
    assert metrics["Trung vị (ngày làm việc)"] == f"{summary.loc[chosen, 'median']:.1f}".replace(".", ",")
    assert metrics["Phân vị 90 (ngày làm việc)"] == f"{summary.loc[chosen, 'p90']:.1f}".replace(".", ",")

    app.selectbox(key="fields-time-procedure").set_value("Đăng ký biến động đất đai").run()
    assert {m.label: m.value for m in app.metric}["Thời hạn luật định"] == "10"

    app.number_input(key="fields-slow-min").set_value(1).run()
    slowest = app.dataframe[-1].value
    assert list(slowest["procedure"]) == list(
        summary.sort_values(["median", "p90"], ascending=False, kind="stable").index
    )
    assert dict(zip(slowest["procedure"], slowest["resolved"], strict=True)) == summary["resolved"].to_dict()
    limits = dict(zip(slowest["procedure"], slowest["limit_days"], strict=True))
    assert limits["Đăng ký biến động đất đai"] == "10"
    assert limits["Đăng ký khai sinh"] == "chưa khai báo"

    app.number_input(key="fields-slow-min").set_value(1000).run()
    assert any("Không có thủ tục nào có từ 1000" in info.value for info in app.info)


def test_a_filter_matching_nothing_shows_an_empty_state(db):
    app = open_page()
    app.selectbox(key="so").set_value(3).run()
    assert not app.exception
    assert any("Không có hồ sơ nào trong kỳ" in info.value for info in app.info)
    assert not app.dataframe


def test_english_keeps_the_numbers(db):
    app = open_page()
    before = app.dataframe[0].value
    app.sidebar.radio(key="lang").set_value("en").run()
    assert not app.exception, [e.message for e in app.exception]
    assert app.title[0].value == "Fields & procedures"
    after = app.dataframe[0].value
    numbers = ["c3", "c7", "c8", "c9", "c10", "on_time_rate", "median"]
    assert after[numbers].equals(before[numbers])
    assert set(after["on_time_rate_grade"]) <= {"✅ Met", "⚠️ Nearly met", "❌ Not met", "➖ No data"}
