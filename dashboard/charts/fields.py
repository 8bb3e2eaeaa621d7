"""Charts of the fields & procedures page (issue 4 §4): timeliness bars, processing-time distribution, the
slowest procedures. Pure builders: frames from the KPI layer in, styled Plotly figures out."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.style import BLACK, EARLY, LATE, ON_TIME, ORANGE, SKY, VERMILLION, styled
from dashboard.formatting import format_decimal

_TIMELINESS = (  # (count column, legend, colour)
    ("c8", {"vi": "Trước hạn", "en": "Early"}, EARLY),
    ("c9", {"vi": "Đúng hạn", "en": "On time"}, ON_TIME),
    ("c10", {"vi": "Quá hạn", "en": "Late"}, LATE),
)
_WORDS = {
    "vi": {
        "share": "Tỷ lệ trong số hồ sơ đã giải quyết (cột 7)",
        "dossiers": "hồ sơ",
        "days": "Số ngày làm việc giải quyết",
        "count": "Số hồ sơ",
        "median": "Trung vị",
        "p90": "Phân vị 90",
        "limit": "Thời hạn luật định",
        "wd": "ngày làm việc",
    },
    "en": {
        "share": "Share of dossiers finished (column 7)",
        "dossiers": "dossiers",
        "days": "Processing time, working days",
        "count": "Dossiers",
        "median": "Median",
        "p90": "90th percentile",
        "limit": "Legal time limit",
        "wd": "working days",
    },
}


def _short(text: str, width: int = 48) -> str:
    text = str(text)
    return text if len(text) <= width else text[: width - 1] + "…"


def timeliness_bars(table: pd.DataFrame, label: str, lang: str = "vi", font_size: int = 14) -> go.Figure:
    """Stacked horizontal bars per row of kpi_table: early (c8), on time (c9), late (c10) as shares of c7.

    Hover shows the count and the share; rows with no finished dossier (c7 = 0) are left out (no data)."""
    words = _WORDS[lang]
    rows = table[table["c7"] > 0].sort_values("late_rate", kind="stable")
    names = [_short(n) for n in rows[label]]
    figure = go.Figure()
    for column, legend, colour in _TIMELINESS:
        share = rows[column] / rows["c7"]
        figure.add_bar(
            name=legend[lang],
            y=names,
            x=share,
            orientation="h",
            marker_color=colour,
            customdata=list(zip(rows[label], rows[column], rows["c7"], strict=True)),
            hovertemplate="%{customdata[0]}<br>"
            + legend[lang]
            + ": %{customdata[1]:,} / %{customdata[2]:,} "
            + words["dossiers"]
            + " (%{x:.2%})<extra></extra>",
        )
    figure.update_layout(barmode="stack", height=max(260, 28 * len(rows) + 120), legend_traceorder="normal")
    figure.update_xaxes(tickformat=",.0%", range=[0, 1], title=words["share"])
    figure.update_yaxes(autorange="reversed", title=None)
    return styled(figure, font_size=font_size)


def processing_histogram(
    histogram: pd.DataFrame,
    median: float,
    p90: float,
    limit_days: float | None = None,
    lang: str = "vi",
    font_size: int = 14,
) -> go.Figure:
    """Resolved dossiers by processing time (histogram rows of one procedure or field, summed by day), with
    the median, the 90th percentile and the legal time limit (when stored) as vertical lines."""
    words = _WORDS[lang]
    by_day = histogram.groupby("processing_days", as_index=False)["dossiers"].sum()
    figure = go.Figure()
    figure.add_bar(
        x=by_day["processing_days"],
        y=by_day["dossiers"],
        marker_color=SKY,
        name=words["count"],
        hovertemplate="%{x} " + words["wd"] + ": %{y:,} " + words["dossiers"] + "<extra></extra>",
    )
    lines = [(median, words["median"], ON_TIME, "dash"), (p90, words["p90"], ORANGE, "dot")]
    if limit_days is not None and not math.isnan(limit_days):
        lines.append((limit_days, words["limit"], VERMILLION, "solid"))
    top = float(by_day["dossiers"].max()) if len(by_day) else 1.0
    for value, name, colour, dash in lines:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            continue
        number = format_decimal(value, 1)
        text = f"{name}: {number}"
        figure.add_scatter(
            x=[value, value], y=[0, top * 1.05], mode="lines", name=text,
            line={"color": colour, "dash": dash, "width": 2}, hoverinfo="name",
        )  # fmt: skip
    figure.update_xaxes(title=words["days"], tickformat=",d")
    figure.update_yaxes(title=words["count"], tickformat=",d")
    figure.update_layout(height=360, bargap=0.05)
    return styled(figure, font_size=font_size)


def slowest_procedures(summary: pd.DataFrame, lang: str = "vi", font_size: int = 14) -> go.Figure:
    """Median and p90 processing days per procedure (rows in the order given, slowest first), with the legal
    time limit as a black marker where it is stored (column limit_days, NaN when not)."""
    words = _WORDS[lang]
    names = [_short(n) for n in summary["procedure"]]
    custom = list(zip(summary["procedure"], summary["resolved"], strict=True))
    figure = go.Figure()
    for column, name, colour in (("median", words["median"], ON_TIME), ("p90", words["p90"], ORANGE)):
        figure.add_bar(
            name=name, y=names, x=summary[column], orientation="h", marker_color=colour, customdata=custom,
            hovertemplate="%{customdata[0]}<br>" + name + ": %{x:,.1f} " + words["wd"]
            + "<br>%{customdata[1]:,} " + words["dossiers"] + "<extra></extra>",
        )  # fmt: skip
    if "limit_days" in summary and summary["limit_days"].notna().any():
        figure.add_scatter(
            name=words["limit"], y=names, x=summary["limit_days"], mode="markers",
            marker={"symbol": "line-ns-open", "size": 18, "color": BLACK, "line": {"width": 3}},
            hovertemplate=words["limit"] + ": %{x:,} " + words["wd"] + "<extra></extra>",
        )  # fmt: skip
    figure.update_layout(barmode="group", height=max(280, 44 * len(summary) + 120))
    figure.update_xaxes(title=words["days"])
    figure.update_yaxes(autorange="reversed", title=None)
    return styled(figure, font_size=font_size)
