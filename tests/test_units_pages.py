"""The pages count by unit both ways (issue 15 §4): the switch "Đơn vị hiện nay / Đơn vị khi tiếp nhận" in the
sidebar, kept in the URL; the pages say which way they count; the Dữ liệu page's "Đơn vị" tab sets the province
and stores the choices the `units` commands store. On the hand-computed case of tests/test_units_store.py."""

from __future__ import annotations

from datetime import date

import pytest
from fixture_data import ROOT
from kpi_fixtures import store
from streamlit.testing.v1 import AppTest
from test_units_store import _rows
from units_fixtures import five_to_two

from dashboard.charts.overview import reorganisation_position, trend_figure
from dashboard.kpi import periods
from dashboard.kpi.summary import kpi_table
from dashboard.store import units_store
from dashboard.store.units_settings import set_province

UNITS_PAGE = "dashboard/views/pages/units.py"
DATA_PAGE = "dashboard/views/pages/data.py"
YEAR = {"ky": "year", "nam": "2025"}  # the URL carries codes (issue 11 §10)
RECORDED = "recorded"


@pytest.fixture()
def mau(tmp_path, monkeypatch):
    db = store(tmp_path / "mau.duckdb", _rows())
    set_province(db, "Mẫu", register=five_to_two().register)
    monkeypatch.setenv("CCHC_DB", str(db.path))
    return db


def open_page(page: str, **query: str) -> AppTest:
    app = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)
    for name, value in query.items():
        app.query_params[name] = value
    app.run()
    app.switch_page(str(ROOT / page)).run()
    assert not app.exception, [e.message for e in app.exception]
    return app


def _league(app: AppTest) -> dict[str, int]:
    table = app.dataframe[0].value
    return dict(zip(table["unit"], table["c3"], strict=True))


def test_the_switch_counts_current_units_by_default_and_recorded_ones_from_the_url(mau):
    app = open_page(UNITS_PAGE, **YEAR)
    assert app.session_state["_selection"].filters.units == "current"
    (switch,) = [radio for radio in app.sidebar.radio if radio.label == "Cách tính theo đơn vị"]
    assert switch.value == "current" and list(switch.options) == ["Đơn vị hiện nay", "Đơn vị khi tiếp nhận"]
    assert _league(app) == {"Xã An Bình": 19, "Xã Thái Bình": 18}
    stamp = " ".join(c.value for c in app.caption)
    assert "Đếm theo đơn vị hiện nay" in stamp and "số liệu tính lại" in stamp  # 2025 spans 1/7/2025
    recorded = open_page(UNITS_PAGE, **YEAR, dem_theo=RECORDED)
    assert recorded.session_state["_selection"].filters.units == "recorded"
    assert _league(recorded)["Xã Thái Bình (cũ, Huyện Đông)"] == 7 and len(_league(recorded)) == 7
    assert "Đếm theo đơn vị khi tiếp nhận" in " ".join(c.value for c in recorded.caption)


def test_switching_recounts_the_page(mau):
    app = open_page(UNITS_PAGE, **YEAR)
    (switch,) = [radio for radio in app.sidebar.radio if radio.label == "Cách tính theo đơn vị"]
    switch.set_value("recorded").run()
    assert len(_league(app)) == 7


def test_the_unit_filter_offers_todays_units_or_the_recorded_ones(mau):
    app = open_page(UNITS_PAGE, **YEAR)
    (units,) = [m for m in app.sidebar.multiselect if m.label == "Đơn vị"]
    assert list(units.options) == ["Xã An Bình", "Xã Thái Bình"]
    recorded = open_page(UNITS_PAGE, **YEAR, dem_theo=RECORDED)
    (units,) = [m for m in recorded.sidebar.multiselect if m.label == "Đơn vị"]
    assert len(units.options) == 7


def test_the_data_page_lists_the_split_commune_and_stores_its_successor(tmp_path, monkeypatch):
    db = store(tmp_path / "split.duckdb", _rows())
    set_province(db, "Mẫu", register=five_to_two(second_name="Xã Thái Hòa").register)
    monkeypatch.setenv("CCHC_DB", str(db.path))
    app = open_page(DATA_PAGE)
    assert "Xã, phường cũ bị chia tách" in [s.value for s in app.subheader]
    (pick,) = [s for s in app.selectbox if s.label.startswith("Hồ sơ của Xã Thái Bình (90003)")]
    assert pick.value is None  # nobody chose: it stays its own row
    pick.set_value("90001@2025-07-01")
    next(b for b in app.button if b.label == "Lưu lựa chọn").click().run()
    assert not app.exception
    with db.read() as cur:
        assert units_store.successor_choices(cur) == {"90003": "90001@2025-07-01"}
    table = kpi_table(db, periods.build("year", 2025, None), "unit")
    # 10 + 5 + 4 + the split commune's 7; Cầu Mới and Hòa Lạc in Xã Thái Hòa; the 6 dossiers written "Xã Thái
    # Bình" after 1/7/2025 name no unit of this register then: they count under that name, spelt as first
    # imported.
    assert dict(zip(table["unit"], table["c3"], strict=True)) == {
        "Xã An Bình": 26,
        "Xã Thái Hòa": 5,
        "xã Thái Bình": 6,
    }


def test_the_data_page_gives_an_ambiguous_name_its_unit(tmp_path, monkeypatch):
    from kpi_fixtures import dossier

    rows = [
        dossier(f"TH-{i}", "10/03/2025", "20/03/2025", "11/03/2025", unit="Xã Tân Hưng") for i in range(3)
    ]
    db = store(tmp_path / "dn.duckdb", rows)
    set_province(db, "Đồng Nai")
    monkeypatch.setenv("CCHC_DB", str(db.path))
    app = open_page(DATA_PAGE)
    (pick,) = [s for s in app.selectbox if s.label == "Đơn vị của tên «Xã Tân Hưng»"]
    assert "25375" in pick.options[1] or any("25375" in option for option in pick.options)
    pick.set_value("25375")
    next(b for b in app.button if b.label == "Lưu").click().run()
    assert not app.exception
    with db.read() as cur:
        assert cur.execute("SELECT DISTINCT unit_id FROM dossier").fetchall() == [("25375",)]


def test_the_trend_marks_the_reorganisation_between_june_and_july():
    year = periods.build("year", 2025, None)
    months = [periods.custom(date(2025, m, 1), date(2025, m, 28)) for m in range(1, 13)]
    monthly = {
        "period": [m.label for m in months],
        "period_start": [m.start for m in months],
        "period_end": [m.end for m in months],
        "c3": [1] * 12,
        "c7": [1] * 12,
        "on_time_rate": [1.0] * 12,
    }
    import pandas as pd

    frame = pd.DataFrame(monthly)
    assert reorganisation_position(frame, date(2025, 7, 1)) == 5.5
    assert reorganisation_position(frame, date(2026, 7, 1)) is None
    figure = trend_figure(frame, reorganisations=[date(2025, 7, 1)])
    (line,) = figure.layout.shapes
    assert (line.x0, line.x1, line.line.dash) == (5.5, 5.5, "dash")
    assert figure.layout.annotations[-1].text == "Sắp xếp ĐVHC 01/07/2025"
    assert not trend_figure(frame).layout.shapes
    assert year.end == date(2025, 12, 31)
