"""The units page (issue 4 §3) run headless with AppTest: the league table and the side-by-side comparison
show the KPI engine's numbers."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixture_data import ROOT
from overview_units_fixture import PERIOD, UNITS, build
from streamlit.testing.v1 import AppTest

from dashboard.kpi.summary import kpi_table
from dashboard.text import unit_key

APP = str(ROOT / "streamlit_app.py")
PAGE = "dashboard/views/pages/units.py"


def open_page(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[AppTest, object]:
    db = build(db_path)
    monkeypatch.setenv("CCHC_DB", str(db_path))
    app = AppTest.from_file(APP, default_timeout=60)
    app.run()
    app.switch_page(PAGE).run()
    assert not app.exception, [e.message for e in app.exception]
    return app, db


def test_league_table_equals_the_kpi_table(tmp_path, monkeypatch) -> None:
    app, db = open_page(tmp_path / "u.duckdb", monkeypatch)
    league = app.dataframe[0].value
    expected = kpi_table(db, PERIOD, "unit").set_index("unit")
    assert set(league["unit"]) == set(UNITS)
    for column in (
        "c3",
        "c4",
        "c5",
        "c6",
        "c7",
        "c8",
        "c9",
        "c10",
        "c11",
        "c12",
        "c13",
        "overdue_count",
        "rated",
    ):
        assert dict(zip(league["unit"], league[column], strict=True)) == expected[column].to_dict(), column
    for column in ("on_time_rate", "online_rate", "satisfaction_rate"):
        assert league.set_index("unit")[column].to_dict() == pytest.approx(expected[column].to_dict())
    assert list(league["on_time_rate"]) == sorted(league["on_time_rate"], reverse=True)  # best first
    grades = dict(zip(league["unit"], league["on_time_rate_grade"], strict=True))
    assert grades["Phường Một"] == "✅ Đạt" and grades["Phường Bốn"] == "❌ Chưa đạt"  # icon and words


def test_funnel_names_the_unit_outside_the_limits_and_pair_defaults(tmp_path, monkeypatch) -> None:
    app, _ = open_page(tmp_path / "u.duckdb", monkeypatch)
    markdown = [m.value for m in app.markdown]
    assert "Ngoài giới hạn 95%: Phường Bốn (thấp hơn, 75,00%, n = 24)." in markdown
    assert app.selectbox(key="units-pair-a").value == "Phường Một"  # best with ≥ 20 resolved
    assert app.selectbox(key="units-pair-b").value == "Phường Bốn"  # weakest
    pair = app.dataframe[1].value.set_index("kpi")
    assert pair.loc["Tỷ lệ trước hạn, đúng hạn"].tolist() == ["100,00%", "75,00%", "−25,00 điểm %"]
    assert pair.loc["Đã giải quyết (cột 7)"].tolist() == ["40", "24", "−16"]
    app.selectbox(key="units-pair-b").set_value("Phường Hai").run()
    assert not app.exception
    pair = app.dataframe[1].value.set_index("kpi")
    assert pair.loc["Tỷ lệ trước hạn, đúng hạn"].tolist() == ["100,00%", "90,00%", "−10,00 điểm %"]


def test_single_unit_and_empty_selection(tmp_path, monkeypatch) -> None:
    app, _ = open_page(tmp_path / "u.duckdb", monkeypatch)
    app.sidebar.multiselect(key="don_vi").set_value([unit_key("Phường Ba")]).run()
    assert not app.exception, [e.message for e in app.exception]
    assert any("Chỉ có một đơn vị" in info.value for info in app.info)
    assert list(app.dataframe[0].value["unit"]) == ["Phường Ba"]
    app.sidebar.selectbox(key="so").set_value(3).run()
    assert not app.exception
    assert any("Không có hồ sơ nào trong kỳ" in info.value for info in app.info)
    app.sidebar.radio(key="lang").set_value("en").run()
    assert not app.exception
