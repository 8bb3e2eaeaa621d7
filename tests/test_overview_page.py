"""The overview page (issue 4 §2, §10) run headless with AppTest: the numbers shown equal the KPI engine's."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixture_data import ROOT
from overview_units_fixture import PERIOD, PREVIOUS, build
from streamlit.testing.v1 import AppTest

from dashboard.formatting import format_count
from dashboard.kpi.summary import kpi_table
from dashboard.kpi.units_queries import best_and_worst
from dashboard.views.tables import format_fraction

APP = str(ROOT / "streamlit_app.py")
PAGE = "dashboard/views/pages/overview.py"


def open_page(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, demo: bool = False, **query: str
) -> tuple[AppTest, object]:
    db = build(db_path, demo=demo)
    monkeypatch.setenv("CCHC_DB", str(db_path))
    app = AppTest.from_file(APP, default_timeout=60)
    for name, value in query.items():
        app.query_params[name] = value
    app.run()
    app.switch_page(PAGE).run()
    assert not app.exception, [e.message for e in app.exception]
    return app, db


def metrics(app: AppTest) -> dict[str, tuple[str, str]]:
    return {metric.label: (metric.value, metric.delta) for metric in app.metric}


def test_cards_show_the_kpi_engine_numbers_and_their_change(tmp_path, monkeypatch) -> None:
    app, db = open_page(tmp_path / "o.duckdb", monkeypatch)
    now = kpi_table(db, PERIOD).iloc[0]
    before = kpi_table(db, PREVIOUS).iloc[0]
    shown = metrics(app)
    assert shown["Hồ sơ nhận giải quyết"][0] == format_count(int(now["c3"])) == "146"
    assert shown["Hồ sơ đã giải quyết"][0] == format_count(int(now["c7"])) == "144"
    assert shown["Tỷ lệ trước hạn, đúng hạn"][0] == format_fraction(now["on_time_rate"]) == "91,67%"
    assert (
        shown["Hồ sơ quá hạn (đã và đang giải quyết)"][0]
        == format_count(int(now["c10"] + now["c13"]))
        == "14"
    )
    assert shown["Tỷ lệ hồ sơ trực tuyến"][0] == format_fraction(now["online_rate"])
    assert shown["Tỷ lệ hài lòng"][0] == format_fraction(now["satisfaction_rate"])
    # Changes against the previous official month: counts in dossiers, rates in percentage points, with words.
    assert shown["Hồ sơ nhận giải quyết"][1] == f"+{int(now['c3'] - before['c3'])} hồ sơ · tăng"
    assert shown["Tỷ lệ trước hạn, đúng hạn"][1] == "+11,67 điểm % · tăng"  # 91,67% against 80,00%
    # No one rated anything the month before: no change is invented.
    assert shown["Tỷ lệ hài lòng"][1] == "kỳ trước không có dữ liệu"
    markdown = [m.value for m in app.markdown]
    assert any("Chưa đạt" in m and "≥ 98,00%" in m for m in markdown)  # the grade in words, with the target
    assert any(m.startswith("Trước hạn 87 · Đúng hạn 45 · Quá hạn 12 · Tổng 144") for m in markdown)
    assert any(f"{format_count(int(now['rated']))} hồ sơ được đánh giá" in c.value for c in app.caption)
    assert not app.info  # not demo data: no banner


def test_best_and_worst_skip_units_with_few_dossiers(tmp_path, monkeypatch) -> None:
    app, db = open_page(tmp_path / "o.duckdb", monkeypatch)
    assert app.number_input(key="overview-min-resolved").value == 20
    captions = " ".join(c.value for c in app.caption)
    assert "ít nhất 20 hồ sơ đã giải quyết trong kỳ (5/6 đơn vị)" in captions
    best, worst = best_and_worst(kpi_table(db, PERIOD, "unit"), 20)
    assert "Xã Năm" not in set(best["unit"]) | set(worst["unit"])  # 3 dossiers, 100%: not ranked
    assert list(best["unit"])[0] == "Phường Một" and list(worst["unit"])[0] == "Phường Bốn"
    # Lowering the minimum lets the small unit in.
    app.number_input(key="overview-min-resolved").set_value(1).run()
    assert not app.exception
    assert "(6/6 đơn vị)" in " ".join(c.value for c in app.caption)
    assert app.query_params["toi_thieu"] == "1"  # issue 11 §10: a copied link keeps the minimum
    app.number_input(key="overview-min-resolved").set_value(20).run()
    assert "toi_thieu" not in app.query_params  # the default leaves the URL clean


def test_a_link_with_a_minimum_ranks_with_it_on_the_first_screen_too(tmp_path, monkeypatch) -> None:
    app, _ = open_page(tmp_path / "o.duckdb", monkeypatch, toi_thieu="1")
    assert app.number_input(key="overview-min-resolved").value == 1
    assert "(6/6 đơn vị)" in " ".join(c.value for c in app.caption)


def test_demo_only_database_shows_the_banner(tmp_path, monkeypatch) -> None:
    app, _ = open_page(tmp_path / "o.duckdb", monkeypatch, demo=True)
    assert any(info.value.startswith("Đây là dữ liệu mẫu") for info in app.info)


def test_a_period_without_data_and_english(tmp_path, monkeypatch) -> None:
    app, _ = open_page(tmp_path / "o.duckdb", monkeypatch)
    app.sidebar.selectbox(key="so").set_value(3).run()  # official month 3/2026: nothing received
    assert not app.exception, [e.message for e in app.exception]
    assert any("Không có hồ sơ nào trong kỳ" in info.value for info in app.info)
    assert metrics(app)["Tỷ lệ trước hạn, đúng hạn"][0] == "không có dữ liệu"
    app.sidebar.radio(key="lang").set_value("en").run()
    assert not app.exception
    assert "On-time rate" in metrics(app)
