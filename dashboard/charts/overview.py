"""Charts of the overview page (issue 4 §2): the monthly trend, the early / on-time / late split, the best and
worst units. Pure builders: KPI tables in, Plotly figures out (no Streamlit)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.charts.style import BLUE, EARLY, GREY, LATE, ON_TIME, ORANGE, styled

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
        "partial": " (chưa trọn tháng)",
        "no_data": "không có dữ liệu",
        "reorganisation": "Sắp xếp ĐVHC {day}",
    },
    "en": {
        "received": "Dossiers to handle (col. 3)",
        "resolved": "Resolved (col. 7)",
        "on_time": "On-time rate",
        "dossiers": "Dossiers",
        "rate": "Rate",
        "share": "Share of resolved",
        "n": "dossiers",
        "partial": " (partial month)",
        "no_data": "no data",
        "reorganisation": "Reorganisation {day}",
    },
}


def trend_figure(
    monthly: pd.DataFrame, lang: str = "vi", font_size: int = 14, reorganisations: Sequence[date] = ()
) -> go.Figure:
    """Bars of received (c3) and resolved (c7) per month, and the on-time rate as a line on a second axis.

    monthly: kpi_table(…, "month") rows; a month marked `partial` (bool column, optional) gets a note.
    reorganisations: days units began or ended (issue 15 §4): a dashed line where each falls, labelled."""
    text = _TEXT[lang]
    partial = monthly["partial"] if "partial" in monthly else pd.Series(False, index=monthly.index)
    months = [
        label + (text["partial"] if flag else "")
        for label, flag in zip(monthly["period"], partial, strict=True)
    ]
    figure = make_subplots(specs=[[{"secondary_y": True}]])
    figure.add_bar(
        x=months, y=monthly["c3"], name=text["received"], marker_color=GREY,
        hovertemplate="%{x}<br>" + text["received"] + ": %{y:,d}<extra></extra>",
    )  # fmt: skip
    figure.add_bar(
        x=months, y=monthly["c7"], name=text["resolved"], marker_color=BLUE,
        hovertemplate="%{x}<br>" + text["resolved"] + ": %{y:,d}<extra></extra>",
    )  # fmt: skip
    figure.add_scatter(
        x=months, y=monthly["on_time_rate"], name=text["on_time"], mode="lines+markers",
        line={"color": ORANGE, "width": 3}, connectgaps=False,
        hovertemplate="%{x}<br>" + text["on_time"] + ": %{y:.2%}<extra></extra>",
        secondary_y=True,
    )  # fmt: skip
    figure.update_yaxes(title_text=text["dossiers"], tickformat=",d", secondary_y=False)
    figure.update_yaxes(title_text=text["on_time"], tickformat=".1%", secondary_y=True, showgrid=False)
    figure.update_layout(barmode="group")
    for day in reorganisations:
        position = reorganisation_position(monthly, day)
        if position is not None:
            figure.add_vline(
                x=position, line_dash="dash", line_color=REORGANISATION_LINE, line_width=2,
                annotation_text=text["reorganisation"].format(day=f"{day:%d/%m/%Y}"), annotation_position="top",
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
            texttemplate="%{text}: %{x:.1%}", cliponaxis=False,
            hovertemplate=labels[column] + ": %{x:.2%} (%{customdata[0]:,d} " + _TEXT[lang]["n"]
            + ")<extra></extra>",
        )  # fmt: skip
    figure.update_layout(barmode="stack", showlegend=True, legend_traceorder="normal")
    figure.update_xaxes(tickformat=".0%", range=[0, 1], title_text=_TEXT[lang]["share"])
    return styled(figure, font_size=font_size, height=200)


def ranking_figure(units: pd.DataFrame, colour: str, lang: str = "vi", font_size: int = 14) -> go.Figure:
    """Horizontal bars of the on-time rate of a few units (best or worst), with the rate and n written on
    each bar. units: rows of kpi_table(…, "unit") in the order to show, top first."""
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
            hovertemplate="%{y}<br>"
            + text["on_time"]
            + ": %{x:.2%}<br>"
            + text["resolved"]
            + ": %{customdata[0]:,d}<extra></extra>",
        )  # fmt: skip
    )
    low = float(units["on_time_rate"].min()) if len(units) else 0.0
    figure.update_xaxes(tickformat=".0%", range=[max(0.0, low - 0.1), 1.0], title_text=text["on_time"])
    figure.update_yaxes(autorange="reversed")
    return styled(figure, font_size=font_size, height=60 + 45 * max(len(units), 1))
