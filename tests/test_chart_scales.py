"""Charts that do not exaggerate (issue 11 §11): fixed honest rate axes, bars from 0 on one scale, a heatmap whose
low cells are the most visible, the same on the page, on the slides and in the Word report's figures."""

from __future__ import annotations

import colorsys
from datetime import date

import pandas as pd
import pytest

from dashboard.charts import overview as overview_charts
from dashboard.charts import units as unit_charts
from dashboard.charts.scales import (
    BAR_RANGE,
    RATE_FLOOR,
    heatmap_scale,
    percent_label,
    rate_floor,
    rate_target,
)
from dashboard.exports import report_charts
from dashboard.kpi.targets import DEFAULT_TARGETS
from dashboard.views.present import figures as slide_figures


def _monthly(rates: list[float]) -> pd.DataFrame:
    months = [f"Tháng {m:02d}/2026" for m in range(1, len(rates) + 1)]
    return pd.DataFrame(
        {
            "period": months,
            "period_end": [date(2026, m, 28) for m in range(1, len(rates) + 1)],
            "c3": [500] * len(rates),
            "c7": [480] * len(rates),
            "on_time_rate": rates,
        }
    )


def _units(rates: list[float]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "unit": [f"Phường {i}" for i in range(len(rates))],
            "unit_key": [f"phường {i}" for i in range(len(rates))],  # the drill-down's row key
            "on_time_rate": rates,
            "c7": [100] * len(rates),
        }
    )


def _rgb(colour: str) -> tuple[float, float, float]:
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) / 255 for i in (0, 2, 4))


@pytest.mark.parametrize(
    ("values", "target", "floor"),
    [
        ([0.968, 0.981, 0.975], None, 0.8),  # the 96,8–98,1%: 80% floor, not a zoom
        ([0.968, 0.981], 0.98, 0.8),
        ([0.57, 0.99], None, 0.5),
        ([0.70, 0.99], None, 0.7),
        ([0.05], None, 0.0),
        ([float("nan"), None], None, RATE_FLOOR),  # no data: the default
        ([0.95], 0.75, 0.7),  # a low target is on the axis too
    ],
)
def test_rate_floor(values, target, floor) -> None:
    assert rate_floor(values, target) == pytest.approx(floor)


def test_percent_label() -> None:
    assert [percent_label(v) for v in (0.8, 1.0, 0.985, 0.0)] == ["80%", "100%", "98,5%", "0%"]


def test_rate_target_takes_a_ge_target_only() -> None:
    assert rate_target(DEFAULT_TARGETS, "on_time_rate") == pytest.approx(0.98)
    assert rate_target(DEFAULT_TARGETS, "overdue_count") is None  # "≤ 0" is no line on a rate axis
    assert rate_target({}, "on_time_rate") is None


def test_trend_rate_axis_is_fixed_and_stated() -> None:
    figure = overview_charts.trend_figure(_monthly([0.975, 0.981, 0.968, 0.979]), target=0.98)
    axis = figure.layout.yaxis2
    assert tuple(axis.range) == pytest.approx((0.8, 1.0))  # not 96,8–98,1%
    assert axis.title.text == "Tỷ lệ, trục từ 80%"
    line = [trace for trace in figure.data if trace.name and trace.name.startswith("Mục tiêu")]
    assert len(line) == 1 and set(line[0].y) == {0.98} and line[0].yaxis == "y2"
    # A one-point dip is a twentieth of the axis, not most of it.
    dip = (0.979 - 0.968) / (axis.range[1] - axis.range[0])
    assert dip < 0.06
    assert figure.layout.yaxis.rangemode == "tozero"


def test_trend_axis_goes_lower_when_the_data_do() -> None:
    figure = overview_charts.trend_figure(_monthly([0.62, 0.9]))
    assert tuple(figure.layout.yaxis2.range) == pytest.approx((0.6, 1.0))
    assert "trục từ 60%" in figure.layout.yaxis2.title.text


def test_best_and_worst_bars_share_one_scale_from_zero() -> None:
    best = overview_charts.ranking_figure(_units([1.0, 0.999, 0.998]), "#009E73")
    worst = overview_charts.ranking_figure(_units([0.876, 0.9, 0.905]), "#D55E00")
    assert (
        tuple(best.layout.xaxis.range)
        == tuple(worst.layout.xaxis.range)
        == pytest.approx((0.0, 1.0), abs=1e-3)
    )
    on_slide = [
        slide_figures.ranking(_units(rates), ["#000000"] * 3, "vi", height=400)
        for rates in ([1.0, 0.99, 0.98], [0.5, 0.6, 0.7])
    ]
    assert {tuple(f.layout.xaxis.range) for f in on_slide} == {BAR_RANGE}


def _cells() -> pd.DataFrame:
    rows = []
    for unit, rates in (("Phường A", (0.57, 0.99)), ("Phường B", (0.985, 1.0)), ("Xã C", (0.93, 0.97))):
        for field, rate in zip(("Hộ tịch", "Đất đai"), rates, strict=True):
            rows.append({"unit": unit, "field": field, "on_time_rate": rate, "c7": 40})
    return pd.DataFrame(rows)


def _colour_at(scale: list[list], position: float) -> tuple[float, float, float]:
    """The colour Plotly gives `position` (0…1): linear between the two stops around it."""
    for (low, below), (high, above) in zip(scale, scale[1:], strict=False):
        if low <= position <= high:
            share = 0.0 if high == low else (position - low) / (high - low)
            return tuple(a + (b - a) * share for a, b in zip(_rgb(below), _rgb(above), strict=True))
    return _rgb(scale[-1][1])


def _near(colour: tuple[float, float, float], named: str) -> bool:
    return max(abs(a - b) for a, b in zip(colour, _rgb(named), strict=True)) < 0.05


@pytest.mark.parametrize("target", [None, 0.98])
def test_heatmap_never_fades_a_low_cell_to_white(target) -> None:
    figure = unit_charts.heatmap_figure(_cells(), target=target)
    heat = figure.data[0]
    assert heat.zmin <= 0.57 and heat.zmax == 1.0
    scale = [list(stop) for stop in heat.colorscale]
    for rate in _cells()["on_time_rate"]:
        colour = _colour_at(scale, (rate - heat.zmin) / (heat.zmax - heat.zmin))
        _, lightness, saturation = colorsys.rgb_to_hls(*colour)
        assert saturation >= 0.6 and lightness <= 0.65, (rate, colour)  # no cell pale, none white
    low = _colour_at(scale, (0.57 - heat.zmin) / (heat.zmax - heat.zmin))
    assert low[0] > 0.8 and low[2] < 0.2  # the 57% cell is warm and strong (it used to be white)
    if target is not None:
        assert _near(low, "#D55E00")  # the strongest warm colour


def test_heatmap_steps_at_the_target() -> None:
    scale = heatmap_scale(0.5, 1.0, 0.98)
    below = _colour_at(scale, (0.979 - 0.5) / 0.5)
    above = _colour_at(scale, (0.98 - 0.5) / 0.5)
    assert _near(below, "#E69F00") and _near(above, "#56B4E9")  # orange just under it, sky from it
    figure = unit_charts.heatmap_figure(_cells(), target=0.98)
    assert "98% (mục tiêu)" in list(figure.data[0].colorbar.ticktext)


def test_report_trend_uses_the_same_axis_and_target(tmp_path) -> None:
    from report_exports_fixture import content as build_content

    content = build_content(tmp_path)
    trend = report_charts.report_figures(content)[0].figure
    assert tuple(trend.layout.yaxis2.range)[1] == 1.0
    assert tuple(trend.layout.yaxis2.range)[0] == rate_floor(content.monthly["on_time_rate"], 0.98)
    assert any(trace.name and trace.name.startswith("Mục tiêu ≥ 98%") for trace in trend.data)
