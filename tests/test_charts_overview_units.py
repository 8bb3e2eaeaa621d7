"""Chart builders and queries of the overview and units pages: the figures carry the KPI engine's numbers,
in the shared style (Vietnamese separators, the Okabe–Ito palette, status by words and shape as well)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from overview_units_fixture import PERIOD, UNITS, build

from dashboard.charts import overview as overview_charts
from dashboard.charts import units as unit_charts
from dashboard.charts.style import EARLY, GREY, LATE, ON_TIME, PALETTE
from dashboard.kpi.overview_queries import only_demo_imported
from dashboard.kpi.summary import kpi_table
from dashboard.kpi.units_queries import best_and_worst, unit_tables
from dashboard.views.overview_page import change_text, trend_period


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build(tmp_path_factory.mktemp("charts") / "c.duckdb")


@pytest.fixture(scope="module")
def units(db):
    return kpi_table(db, PERIOD, "unit")


def test_trend_figure_carries_the_monthly_numbers(db) -> None:
    window = trend_period(PERIOD)
    assert (window.start.isoformat(), window.end.isoformat()) == ("2025-12-01", "2026-11-14")
    monthly = kpi_table(db, window, "month")
    figure = overview_charts.trend_figure(monthly)
    received, resolved, rate = figure.data
    assert list(received.y) == list(monthly["c3"]) and list(resolved.y) == list(monthly["c7"])
    assert list(rate.y)[-2:] == pytest.approx(list(monthly["on_time_rate"])[-2:], nan_ok=True)
    assert len(received.x) == 12
    assert figure.layout.separators == ",."
    assert rate.line.color in PALETTE and resolved.marker.color in PALETTE


def test_split_figure_shares_and_words(db) -> None:
    row = kpi_table(db, PERIOD).iloc[0]
    figure = overview_charts.split_figure(row)
    shares = [bar.x[0] for bar in figure.data]
    assert shares == pytest.approx([row["c8"] / row["c7"], row["c9"] / row["c7"], row["c10"] / row["c7"]])
    assert [bar.marker.color for bar in figure.data] == [EARLY, ON_TIME, LATE]
    assert [bar.text[0] for bar in figure.data] == [
        "Trước hạn",
        "Đúng hạn",
        "Quá hạn",
    ]  # words, not colour only
    assert figure.layout.separators == ",."


def test_ranking_figure(units) -> None:
    best, worst = best_and_worst(units, 20)
    figure = overview_charts.ranking_figure(best, PALETTE[2])
    assert list(figure.data[0].y) == list(best["unit"])
    assert list(figure.data[0].x) == pytest.approx(list(best["on_time_rate"]))
    assert figure.data[0].text[0] == "100,00% · 40 hồ sơ"


def test_best_and_worst_never_overlap_and_respect_the_minimum(units) -> None:
    best, worst = best_and_worst(units, 20)
    assert list(best["unit"]) == ["Phường Một", "Phường Ba", "Xã Sáu"]
    assert list(worst["unit"]) == ["Phường Bốn", "Phường Hai"]
    best, worst = best_and_worst(units, 1)
    assert list(best["unit"])[:2] == ["Phường Một", "Xã Năm"]  # tie at 100%: more dossiers first
    assert len(best) == 3 and len(worst) == 3
    best, worst = best_and_worst(units, 1000)
    assert best.empty and worst.empty


def test_control_limits_formula() -> None:
    p, n = 0.9, np.array([25.0, 100.0])
    low, high = unit_charts.control_limits(p, n, 1.96)
    half = 1.96 * np.sqrt(p * (1 - p) / n)
    assert low == pytest.approx(p - half) and high == pytest.approx(np.minimum(p + half, 1))
    assert unit_charts.funnel_position(0.5, 100, p) == "below"
    assert unit_charts.funnel_position(0.88, 100, p) == "inside"
    assert unit_charts.funnel_position(0.8, 5, p) == "inside"  # 4 of 5: not "worst" by chance
    assert unit_charts.funnel_position(0.8, 500, p) == "below"  # 400 of 500: really below
    assert unit_charts.funnel_position(math.nan, 0, p) == "inside"


def test_funnel_figure(db, units) -> None:
    figure = unit_charts.funnel_figure(units)
    p = unit_charts.overall_rate(units)
    assert p == pytest.approx(kpi_table(db, PERIOD).iloc[0]["on_time_rate"])  # the total row's rate
    centre = next(trace for trace in figure.data if trace.name.startswith("Tỷ lệ chung"))
    assert list(centre.y) == pytest.approx([p, p])
    points = [trace for trace in figure.data if trace.mode and "markers" in trace.mode]
    shown = {u: y for trace in points for u, y in zip(trace.customdata[:, 0], trace.y, strict=True)}
    assert shown == pytest.approx(units.set_index("unit")["on_time_rate"].to_dict())
    below = next(trace for trace in points if trace.marker.symbol == "triangle-down")
    assert list(below.customdata[:, 0]) == ["Phường Bốn"]  # 75% of 24: below the 95% limit
    limits = [trace for trace in figure.data if trace.line.dash in ("dash", "dot")]
    assert len(limits) == 4  # lower and upper curve for z = 1,96 and z = 3,09
    curve = next(trace for trace in limits if trace.name.startswith("Giới hạn 95%"))
    expected_low, _ = unit_charts.control_limits(p, np.asarray(curve.x), 1.96)
    assert list(curve.y) == pytest.approx(list(expected_low))
    assert figure.layout.separators == ",."
    assert {trace.marker.color for trace in points} <= set(PALETTE)


def test_split_bars_figure(units) -> None:
    figure = unit_charts.split_bars_figure(units)
    early = figure.data[0]
    assert dict(zip(early.y, early.x, strict=True)) == pytest.approx(
        (units["c8"] / units["c7"]).set_axis(units["unit"]).to_dict()
    )
    assert [bar.marker.color for bar in figure.data] == [EARLY, ON_TIME, LATE]


def test_unit_field_table_and_heatmap(db, units) -> None:
    units_again, cells = unit_tables(db, PERIOD)
    pd.testing.assert_frame_equal(units_again, kpi_table(db, PERIOD, "unit"))  # the one pass gives both
    per_unit = cells.groupby("unit")["c7"].sum()
    assert per_unit.to_dict() == units.set_index("unit")["c7"].to_dict()  # every dossier has a field
    figure = unit_charts.heatmap_figure(cells)
    heat = figure.data[0]
    z = pd.DataFrame(heat.z, index=heat.y, columns=heat.x)
    small = cells[cells["c7"] < unit_charts.MIN_CELL]
    assert not small.empty
    for _, cell in cells.iterrows():
        value = z.loc[cell["unit"], cell["field"]]
        if cell["c7"] < unit_charts.MIN_CELL:
            assert math.isnan(value)  # blank, the n is in the hover
            i, j = list(heat.y).index(cell["unit"]), list(heat.x).index(cell["field"])
            assert f"n = {cell['c7']}" in heat.customdata[i][j] and "ít hơn 5" in heat.customdata[i][j]
        else:
            assert value == pytest.approx(cell["on_time_rate"])
    assert figure.layout.separators == ",." and figure.layout.plot_bgcolor != "white"


def test_unit_field_table_with_nothing(db) -> None:
    from dashboard.kpi import periods

    cells = unit_tables(db, periods.official_month(2026, 3))[1]
    assert cells.empty and "on_time_rate" in cells


def test_only_demo_imported(tmp_path, db) -> None:
    assert only_demo_imported(db) is False
    assert only_demo_imported(build(tmp_path / "demo.duckdb", demo=True)) is True


def test_change_text_words_and_signs() -> None:
    assert change_text(0.9167, 0.8, "rate") == ("+11,67 điểm % · tăng", "up")
    assert change_text(0.8, 0.832, "rate") == ("-3,20 điểm % · giảm", "down")
    assert change_text(1200, 1080, "count") == ("+120 hồ sơ · tăng", "up")
    assert change_text(5, 5, "count") == ("0 · không đổi", "off")
    assert change_text(0.9, math.nan, "rate") == (None, "off")
    assert change_text(math.nan, 0.9, "rate") == (None, "off")
    assert GREY not in PALETTE  # grey is for "no data" only
    assert set(UNITS)  # the fixture's units
