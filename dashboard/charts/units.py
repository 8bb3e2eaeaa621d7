"""Charts of the units page (issue 4 §3): early / on-time / late bars per unit, the funnel plot of the on-time
rate against volume, and the unit × field heatmap. Pure builders: KPI tables in, Plotly figures out."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.drill import cell_targets, drill_meta, row_keys
from dashboard.charts.overview import SPLIT_COLOURS, SPLIT_LABELS
from dashboard.charts.scales import heatmap_scale, percent_label, rate_floor
from dashboard.charts.style import BLACK, BLUE, GREY, ORANGE, VERMILLION, styled

# Control limits of the funnel plot: two-sided 95% and 99.8% (z = 1.96 and 3.09).
Z_95, Z_998 = 1.96, 3.09
MIN_CELL = 5  # heatmap: a unit × field cell with fewer resolved dossiers is left blank

_TEXT = {
    "vi": {
        "n": "Số hồ sơ đã giải quyết (cột 7)",
        "rate": "Tỷ lệ trước hạn, đúng hạn",
        "centre": "Tỷ lệ chung p = {p}",
        "limit95": "Giới hạn 95% (z = 1,96)",
        "limit998": "Giới hạn 99,8% (z = 3,09)",
        "inside": "Đơn vị trong giới hạn",
        "above": "Cao hơn giới hạn 95%",
        "below": "Thấp hơn giới hạn 95%",
        "share": "Tỷ lệ trên số đã giải quyết",
        "cell_small": "ít hơn {k} hồ sơ: không tô màu",
        "no_data": "không có dữ liệu",
        "unit": "Đơn vị",
        "field": "Lĩnh vực",
        "target": "mục tiêu",
    },
    "en": {
        "n": "Resolved dossiers (col. 7)",
        "rate": "On-time rate",
        "centre": "Overall rate p = {p}",
        "limit95": "95% limits (z = 1.96)",
        "limit998": "99.8% limits (z = 3.09)",
        "inside": "Units within the limits",
        "above": "Above the 95% limit",
        "below": "Below the 95% limit",
        "share": "Share of resolved",
        "cell_small": "fewer than {k} dossiers: not coloured",
        "no_data": "no data",
        "unit": "Unit",
        "field": "Field",
        "target": "target",
    },
}


def _percent(value: float) -> str:
    return f"{value * 100:.2f}%".replace(".", ",")


def _tick(value: float, target: float | None, text: dict) -> str:
    label = percent_label(value)
    return f"{label} ({text['target']})" if target is not None and abs(value - target) < 1e-9 else label


def split_bars_figure(units: pd.DataFrame, lang: str = "vi", font_size: int = 14) -> go.Figure:
    """One stacked horizontal bar per unit: early (c8), on time (c9), late (c10) as shares of c7, the units
    in the order given (top first). Hover gives the words, the share and the count."""
    labels = SPLIT_LABELS[lang]
    total = units[["c8", "c9", "c10"]].sum(axis=1).astype("float64").replace(0, np.nan)
    figure = go.Figure()
    for column in ("c8", "c9", "c10"):
        figure.add_bar(
            y=list(units["unit"]), x=list(units[column] / total), orientation="h", name=labels[column],
            marker_color=SPLIT_COLOURS[column], customdata=units[[column]].to_numpy(),
            meta=drill_meta(column, row_keys(units, ["unit_key"])),
            hovertemplate="%{y}<br>" + labels[column] + ": %{x:.2%} (%{customdata[0]:,d})<extra></extra>",
        )  # fmt: skip
    figure.update_layout(barmode="stack", legend_traceorder="normal")
    figure.update_xaxes(tickformat=".0%", range=[0, 1], title_text=_TEXT[lang]["share"])
    figure.update_yaxes(autorange="reversed")
    return styled(figure, font_size=font_size, height=120 + 24 * max(len(units), 1))


def control_limits(p: float, n: np.ndarray, z: float) -> tuple[np.ndarray, np.ndarray]:
    """p ± z·sqrt(p(1−p)/n), clipped to [0, 1]."""
    half = z * np.sqrt(p * (1 - p) / n)
    return np.clip(p - half, 0, 1), np.clip(p + half, 0, 1)


def funnel_position(rate: float, n: float, p: float, z: float = Z_95) -> str:
    """ "above", "below" or "inside" the control limits at this n (a unit with no resolved dossier: inside)."""
    if not n or math.isnan(rate):
        return "inside"
    low, high = control_limits(p, np.array([float(n)]), z)
    if rate > high[0] + 1e-12:
        return "above"
    if rate < low[0] - 1e-12:
        return "below"
    return "inside"


def overall_rate(units: pd.DataFrame) -> float:
    """p = Σ(c8 + c9) / Σc7 over the units: the centre line (the same as the total row's on-time rate)."""
    resolved = units["c7"].sum()
    return float((units["c8"].sum() + units["c9"].sum()) / resolved) if resolved else math.nan


def funnel_figure(units: pd.DataFrame, lang: str = "vi", font_size: int = 14) -> go.Figure:
    """x = resolved (c7), y = on-time rate, with the centre line p and the 95% / 99.8% control limits drawn
    as curves over n. Units outside the 95% limits get a triangle: the shape of the marker tells
    above (triangle up) from below (triangle down), besides the colour; the units outside the 99.8% limits are
    named on the chart."""
    text = _TEXT[lang]
    units = units[units["c7"] > 0]
    p = overall_rate(units)
    figure = go.Figure()
    if units.empty or math.isnan(p):
        return styled(figure, font_size=font_size, height=460)
    n_max = float(units["c7"].max())
    grid = np.unique(np.concatenate([np.linspace(1, n_max * 1.05, 300), np.arange(1, min(n_max, 60) + 1)]))
    for z, name, dash in ((Z_95, text["limit95"], "dash"), (Z_998, text["limit998"], "dot")):
        low, high = control_limits(p, grid, z)
        for side, values in (("low", low), ("high", high)):
            figure.add_scatter(
                x=grid, y=values, mode="lines", line={"color": GREY, "dash": dash, "width": 1.5},
                name=name, legendgroup=name, showlegend=side == "low", hoverinfo="skip",
            )  # fmt: skip
    figure.add_scatter(
        x=[0, grid[-1]], y=[p, p], mode="lines", line={"color": BLACK, "width": 1.5},
        name=text["centre"].format(p=_percent(p)), hoverinfo="skip",
    )  # fmt: skip
    positions = [funnel_position(r, n, p) for r, n in zip(units["on_time_rate"], units["c7"], strict=True)]
    far = [
        funnel_position(r, n, p, Z_998) != "inside"
        for r, n in zip(units["on_time_rate"], units["c7"], strict=True)
    ]
    units = units.assign(position=positions, far=far)
    styles = {
        "inside": (BLUE, "circle", text["inside"]),
        "above": (ORANGE, "triangle-up", text["above"]),
        "below": (VERMILLION, "triangle-down", text["below"]),
    }
    for position, (colour, symbol, name) in styles.items():
        part = units[units["position"] == position]
        if part.empty:
            continue
        figure.add_scatter(
            x=part["c7"], y=part["on_time_rate"], mode="markers+text" if position != "inside" else "markers",
            # Names on the chart for units outside the 99.8% limits (outside 95% only: symbol and hover), so
            # that the crowd near 100% stays readable; the page lists all of them under the chart.
            text=[u if f else "" for u, f in zip(part["unit"], part["far"], strict=True)],
            textposition="bottom center" if position == "below" else "top center",
            marker={"color": colour, "symbol": symbol, "size": 11, "line": {"color": "white", "width": 1}},
            name=name, customdata=part[["unit"]].to_numpy(), meta=drill_meta("on_time_rate", row_keys(part, ["unit_key"])),
            hovertemplate="%{customdata[0]}<br>" + text["n"] + ": %{x:,d}<br>" + text["rate"]
            + ": %{y:.2%}<br>" + name + "<extra></extra>",
        )  # fmt: skip
    low = min(float(units["on_time_rate"].min()), float(control_limits(p, np.array([n_max]), Z_998)[0][0]))
    figure.update_xaxes(title_text=text["n"], tickformat=",d", rangemode="tozero")
    figure.update_yaxes(title_text=text["rate"], tickformat=".0%", range=[max(0.0, low - 0.03), 1.01])
    return styled(figure, font_size=font_size, height=520)


def heatmap_figure(
    cells: pd.DataFrame, lang: str = "vi", font_size: int = 14, target: float | None = None
) -> go.Figure:
    """Units (rows) × fields (columns), coloured by the on-time rate; a cell with fewer than MIN_CELL resolved
    dossiers is blank and its hover gives n. cells: the unit × field rows of units_queries.unit_tables.

    Colours (scales.heatmap_scale): warm below `target` (the on-time target), cool from it, none pale, on a
    range from a round floor (scales.rate_floor) to 100%; the target is a tick of the colour bar."""
    text = _TEXT[lang]
    rates = cells.pivot_table(index="unit", columns="field", values="on_time_rate", aggfunc="first")
    counts = cells.pivot_table(index="unit", columns="field", values="c7", aggfunc="first")
    counts = counts.reindex(index=rates.index, columns=rates.columns).fillna(0).astype(int)
    shown = rates.where(counts >= MIN_CELL)
    hover = []
    for unit in rates.index:
        row = []
        for field in rates.columns:
            n, rate = int(counts.loc[unit, field]), rates.loc[unit, field]
            value = text["no_data"] if pd.isna(rate) else _percent(float(rate))
            note = f" ({text['cell_small'].format(k=MIN_CELL)})" if n < MIN_CELL else ""
            count = f"{n:,d}".replace(",", ".")
            row.append(f"{unit}<br>{field}<br>{text['rate']}: {value}<br>n = {count}{note}")
        hover.append(row)
    zmin = rate_floor(shown.to_numpy().ravel(), target)
    ticks = sorted({zmin, 1.0, *([target] if target is not None and zmin < target < 1.0 else [])})
    figure = go.Figure(
        go.Heatmap(
            z=shown.to_numpy(),
            x=list(rates.columns),
            y=list(rates.index),
            customdata=hover,
            hovertemplate="%{customdata}<extra></extra>",
            hoverongaps=True,
            colorscale=heatmap_scale(zmin, 1.0, target),
            zmin=zmin,
            zmax=1.0,
            xgap=2,
            ygap=2,
            texttemplate="%{z:.0%}",
            colorbar={
                "title": {"text": text["rate"]},
                "tickvals": ticks,
                "ticktext": [_tick(v, target, text) for v in ticks],
            },
        )  # fmt: skip
    )
    # automargin: the field names above the cells and the unit names beside them get the room they need
    # (the 40-pixel margin of styled() cut "Tài nguyên và Môi trường" at the top).
    figure.update_yaxes(autorange="reversed", title_text=text["unit"], automargin=True)
    figure.update_xaxes(side="top", title_text=text["field"], automargin=True, tickangle=-35)
    styled(figure, font_size=font_size, height=140 + 26 * max(len(rates.index), 1))
    # Blank cells (too few dossiers) show a grey background, distinct from the palest colour.
    figure.update_layout(plot_bgcolor="#DDDDDD")
    return cell_targets(figure, "on_time_rate", "unit", "field")  # a click on a cell opens its dossiers
