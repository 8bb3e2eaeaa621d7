"""The satisfaction page run headless: rates, counts and coverage shown are the KPI engine's."""

from __future__ import annotations

import math

import page_app
import pytest
from fields_satisfaction_766_fixtures import PERIOD, build
from streamlit.testing.v1 import AppTest

from dashboard.formatting import format_count, format_rate
from dashboard.kpi.satisfaction_queries import ratings_from
from dashboard.kpi.summary import kpi_table
from dashboard.store import Database


@pytest.fixture
def db(tmp_path, monkeypatch) -> Database:
    database = build(tmp_path / "sat.duckdb")
    monkeypatch.setenv("CCHC_DB", str(tmp_path / "sat.duckdb"))
    return database


def open_page() -> AppTest:
    return page_app.open_page("satisfaction", PERIOD)


def test_headline_metrics_equal_the_kpi_engine(db):
    app = open_page()
    assert app.title[0].value == "Mức độ hài lòng"
    total = kpi_table(db, PERIOD).iloc[0]
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Tỷ lệ hài lòng"] == format_rate(total["satisfied"], total["rated"])
    assert metrics["Tỷ lệ được đánh giá"] == format_rate(total["rated"], total["resolved"])
    assert metrics["Hồ sơ được đánh giá"] == format_count(int(total["rated"]))
    assert metrics["Không hài lòng"] == format_count(int(total["dissatisfied"]))
    # Every metric says how it is computed, with the counts behind the rate.
    helps = [m.proto.help for m in app.metric]
    assert f"{total['satisfied']} / {total['rated']}" in helps[0]
    assert "(rất hài lòng + hài lòng) / số được đánh giá" in helps[0]


def test_unit_table_has_the_number_rated_beside_every_rate(db):
    app = open_page()
    (table,) = (frame.value for frame in app.dataframe)
    expected = kpi_table(db, PERIOD, "unit").set_index("unit")
    split = ratings_from(kpi_table(db, PERIOD, "unit")).set_index("unit")
    assert set(table["unit"]) == set(expected.index)
    for row in table.itertuples():
        assert row.rated == expected.loc[row.unit, "rated"]
        assert row.resolved == expected.loc[row.unit, "resolved"]
        assert math.isclose(row.satisfaction_rate, expected.loc[row.unit, "satisfaction_rate"])
        assert math.isclose(row.rating_coverage, expected.loc[row.unit, "rating_coverage"])
        assert row.very_satisfied == split.loc[row.unit, "very_satisfied"]
        assert row.satisfied_only == split.loc[row.unit, "satisfied_only"]
        assert row.very_satisfied + row.satisfied_only == expected.loc[row.unit, "satisfied"]
    assert list(table["satisfaction_rate"]) == sorted(table["satisfaction_rate"], reverse=True)
    assert table.columns.get_loc("rated") < table.columns.get_loc("satisfaction_rate")


def test_one_unit_and_no_data(db):
    app = open_page()
    app.multiselect(key="don_vi").select("phường sơn trà").run()
    assert not app.exception
    assert len(app.dataframe[0].value) == 1
    assert any("Chỉ có một đơn vị" in info.value for info in app.info)
    app.selectbox(key="so").set_value(3).run()
    assert not app.exception
    assert any("Không có hồ sơ nào trong kỳ" in info.value for info in app.info)


def test_english_keeps_the_numbers(db):
    app = open_page()
    rate = app.metric[0].value
    app.sidebar.radio(key="lang").set_value("en").run()
    assert not app.exception, [e.message for e in app.exception]
    assert app.title[0].value == "Satisfaction"
    assert {m.label: m.value for m in app.metric}["Satisfaction rate"] == rate
