"""Charts of the overview page (issue 4 §2): the monthly trend, the early / on-time / late split, the best and
worst units. Pure builders: KPI tables in, Plotly figures out (no Streamlit)."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from datetime import date

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.charts.drill import drill_meta, row_keys
from dashboard.charts.scales import BAR_RANGE, SHARE_TICKS, percent_label, rate_range
from dashboard.charts.style import BLACK, BLUE, EARLY, GREY, LATE, ON_TIME, ORANGE, styled

SPLIT_LABELS = {
    "vi": {"c8": "Trước hạn", "c9": "Đúng hạn", "c10": "Quá hạn"},
    "en": {"c8": "Early", "c9": "On time", "c10": "Late"},
}
SPLIT_COLOURS = {"c8": EARLY, "c9": ON_TIME, "c10": LATE}
_TEXT = {
    "vi": {
        "received": "Hồ sơ nhận giải quyết (cột 3)",
        "resolved": "Đã giải quyết (cột 7)",
        "on_time": "Tỷ lệ trước hạn, đúng hạn",
        "dossiers": "Số hồ sơ",
        "rate": "Tỷ lệ",
        "share": "Tỷ lệ trên số đã giải quyết",
        "n": "hồ sơ",
        "no_data": "không có dữ liệu",
        "reorganisation": "Sắp xếp ĐVHC {day}",
        "axis_from": "trục từ {floor}",
        "target": "Mục tiêu ≥ {value}",
    },
    "en": {
        "received": "Dossiers to handle (col. 3)",
        "resolved": "Resolved (col. 7)",
        "on_time": "On-time rate",
        "dossiers": "Dossiers",
        "rate": "Rate",
        "share": "Share of resolved",
        "n": "dossiers",
        "no_data": "no data",
        "reorganisation": "Reorganisation {day}",
        "axis_from": "axis from {floor}",
        "target": "Target ≥ {value}",
    },
}


def trend_figure(
    monthly: pd.DataFrame,
    lang: str = "vi",
    font_size: int = 14,
    target: float | None = None,
    reorganisations: Sequence[date] = (),
) -> go.Figure:
    """Bars of received (c3) and resolved (c7) per month, and the on-time rate as a line on a second axis.

    monthly: kpi_table(…, "month") rows; a month marked `partial` (bool column, optional) gets a "*".
    The rate axis is fixed from a round floor to 100% (scales.rate_range, issue 11 §11), its title says where
    it starts; `target` (the on-time target, a fraction) is drawn as a dashed line on it.
    reorganisations: days units began or ended (issue 15 §4): a dashed line where each falls, labelled."""
    text = _TEXT[lang]
    months = _month_labels(monthly)  # never turned on end and cut at the bottom
    keys = row_keys(monthly, ["period"])  # a click on a month opens its dossiers (issue 11 §15)
    figure = make_subplots(specs=[[{"secondary_y": True}]])
    figure.add_bar(
        x=months, y=monthly["c3"], name=text["received"], marker_color=GREY, meta=drill_meta("c3", keys),
        hovertemplate="%{x}<br>" + text["received"] + ": %{y:,d}<extra></extra>",
    )  # fmt: skip
    figure.add_bar(
        x=months, y=monthly["c7"], name=text["resolved"], marker_color=BLUE, meta=drill_meta("c7", keys),
        hovertemplate="%{x}<br>" + text["resolved"] + ": %{y:,d}<extra></extra>",
    )  # fmt: skip
    figure.add_scatter(
        x=months, y=monthly["on_time_rate"], name=text["on_time"], mode="lines+markers",
        line={"color": ORANGE, "width": 3}, connectgaps=False, meta=drill_meta("on_time_rate", keys),
        hovertemplate="%{x}<br>" + text["on_time"] + ": %{y:.2%}<extra></extra>",
        secondary_y=True,
    )  # fmt: skip
    low, high = rate_range(monthly["on_time_rate"], target)
    _add_target_line(figure, months, target, text, secondary_y=True)
    figure.update_yaxes(title_text=text["dossiers"], tickformat=",d", secondary_y=False, rangemode="tozero")
    # Short, so that it fits beside a phone-sized chart: the legend names the line.
    rate_title = f"{text['rate']}, {text['axis_from'].format(floor=percent_label(low))}"
    figure.update_yaxes(
        title_text=rate_title, tickformat=".0%", secondary_y=True, showgrid=False, range=[low, high],
        dtick=0.05 if high - low <= 0.2 + 1e-9 else 0.1,
    )  # fmt: skip
    figure.update_xaxes(tickangle=0, automargin=True, nticks=12)
    figure.update_layout(barmode="group")
    for day in reorganisations:
        position = reorganisation_position(monthly, day)
        if position is not None:
            figure.add_vline(x=position, line_dash="dash", line_color=REORGANISATION_LINE, line_width=2)
            # Inside the plot, right of the line: above it the label would run into the legend on a phone.
            figure.add_annotation(
                x=position, xref="x", y=1, yref="paper", xanchor="left", yanchor="top", showarrow=False,
                text=text["reorganisation"].format(day=f"{day:%d/%m/%Y}"), font={"color": REORGANISATION_LINE, "size": max(10, font_size - 2)},
                bgcolor="rgba(255,255,255,0.85)",
            )  # fmt: skip
    return styled(figure, font_size=font_size, height=380)


REORGANISATION_LINE = "#5b21b6"  # a colour none of the bars or the rate line uses


def reorganisation_position(monthly: pd.DataFrame, day: date) -> float | None:
    """Where `day` falls on the month axis: between two months when it is a month's first day, else inside its
    month; None when it is outside the trend."""
    for index, (start, end) in enumerate(zip(monthly["period_start"], monthly["period_end"], strict=True)):
        if start <= day <= end:
            return index - 0.5 if day == start else float(index)
    return None


def split_figure(row: pd.Series | dict, lang: str = "vi", font_size: int = 14) -> go.Figure:
    """One horizontal stacked bar: early (c8), on time (c9), late (c10) as shares of resolved (c7), each
    segment labelled with its words, share and count (never colour alone)."""
    labels = SPLIT_LABELS[lang]
    total = sum(int(row[c]) for c in ("c8", "c9", "c10"))
    figure = go.Figure()
    for column in ("c8", "c9", "c10"):
        count = int(row[column])
        share = count / total if total else math.nan
        figure.add_bar(
            y=[""], x=[share], orientation="h", name=labels[column], marker_color=SPLIT_COLOURS[column],
            customdata=[[count]], text=[labels[column]], textposition="inside", insidetextanchor="middle",
            meta=drill_meta(column),
            textangle=0,  # never turned on end to squeeze into a narrow segment (it is hidden instead)
            texttemplate="%{text}: %{x:.1%}", cliponaxis=False,
            hovertemplate=labels[column] + ": %{x:.2%} (%{customdata[0]:,d} " + _TEXT[lang]["n"]
            + ")<extra></extra>",
        )  # fmt: skip
    # A segment too narrow for its words at a readable size shows none (Plotly would shrink them to a sliver
    # or cut them); the legend, the hover and the counts under the chart still say it.
    figure.update_layout(
        barmode="stack", showlegend=True, legend_traceorder="normal",
        uniformtext={"minsize": max(10, font_size - 3), "mode": "hide"},
    )  # fmt: skip
    figure.update_xaxes(
        tickformat=".0%", range=list(BAR_RANGE), tickvals=SHARE_TICKS, title_text=_TEXT[lang]["share"]
    )
    return styled(figure, font_size=font_size, height=200)


def ranking_figure(units: pd.DataFrame, colour: str, lang: str = "vi", font_size: int = 14) -> go.Figure:
    """Horizontal bars of the on-time rate of a few units (best or worst), with the rate and n written on
    each bar. units: rows of kpi_table(…, "unit") in the order to show, top first.

    Every ranking is drawn from 0 to 100% (scales.BAR_RANGE, issue 11 §11): a bar's length is its rate, and the
    best and the worst units side by side share one scale."""
    text = _TEXT[lang]
    labels = [f"{rate * 100:.2f}%".replace(".", ",") + f" · {n:,d} {text['n']}".replace(",", ".")
              for rate, n in zip(units["on_time_rate"], units["c7"], strict=True)]  # fmt: skip
    figure = go.Figure(
        go.Bar(
            y=list(units["unit"]),
            x=list(units["on_time_rate"]),
            orientation="h",
            marker_color=colour,
            text=labels,
            textposition="auto",
            customdata=units[["c7"]].to_numpy(),
            meta=drill_meta("on_time_rate", row_keys(units, ["unit_key"])),
            hovertemplate="%{y}<br>"
            + text["on_time"]
            + ": %{x:.2%}<br>"
            + text["resolved"]
            + ": %{customdata[0]:,d}<extra></extra>",
        )  # fmt: skip
    )
    figure.update_xaxes(
        tickformat=".0%", range=list(BAR_RANGE), tickvals=SHARE_TICKS, title_text=text["on_time"]
    )
    figure.update_yaxes(autorange="reversed", automargin=True)
    styled(figure, font_size=font_size, height=60 + 45 * max(len(units), 1))
    figure.update_layout(margin={"r": 28})  # room for the "100%" tick at the end of the axis
    return figure


def rate_trend_figure(
    monthly: pd.DataFrame,
    lang: str = "vi",
    font_size: int = 13,
    target: float | None = None,
    height: int | None = None,
) -> go.Figure:
    """The first screen's trend (issue 11 §8): the on-time rate month by month against its target, compact
    enough for a phone. No legend (the page says what the lines are); months as "12/25", a month not complete
    (column `partial`) marked "*"; the same honest axis as trend_figure (scales.rate_range). height None: the
    chart takes the height of its box on the page."""
    text = _TEXT[lang]
    months = _month_labels(monthly)
    figure = go.Figure()
    figure.add_scatter(
        x=months, y=monthly["on_time_rate"], name=text["on_time"], mode="lines+markers",
        line={"color": ORANGE, "width": 3}, marker={"size": 7}, connectgaps=False,
        hovertemplate="%{x}<br>" + text["on_time"] + ": %{y:.2%}<extra></extra>",
    )  # fmt: skip
    low, high = rate_range(monthly["on_time_rate"], target)
    _add_target_line(figure, months, target, text)
    figure.update_yaxes(tickformat=".0%", range=[low, high], dtick=0.05 if high - low <= 0.2 + 1e-9 else 0.1)
    figure.update_xaxes(tickangle=0, automargin=True, nticks=12)
    figure.update_layout(showlegend=False)
    styled(figure, font_size=font_size, height=height)
    figure.update_layout(margin={"l": 10, "r": 10, "t": 10, "b": 10})
    return figure


def _month_labels(monthly: pd.DataFrame) -> list[str]:
    """ "12/25", "11/26*": twelve months side by side even on a phone; a month marked `partial` gets a "*"."""
    partial = monthly["partial"] if "partial" in monthly else pd.Series(False, index=monthly.index)
    return [
        _short_month(str(label)) + ("*" if flag else "")
        for label, flag in zip(monthly["period"], partial, strict=True)
    ]


def _add_target_line(figure: go.Figure, months: list[str], target: float | None, text: dict, **where) -> None:
    """The target (a fraction) as a dashed line across the months; nothing without a target or months."""
    if target is None or not months:
        return
    figure.add_scatter(
        x=months, y=[target] * len(months), name=text["target"].format(value=percent_label(target)),
        mode="lines", line={"color": BLACK, "width": 1.5, "dash": "dash"}, hoverinfo="skip", **where,
    )  # fmt: skip


def _short_month(label: str) -> str:
    """ "Tháng 12/2025" → "12/25"; anything else unchanged."""
    match = re.search(r"(\d{1,2})/(\d{4})", label)
    return f"{int(match.group(1)):02d}/{match.group(2)[2:]}" if match else label
