"""Charts of the Decision 766 page (issue 4 §7): the estimate per unit by group, the official ranking and
one unit's group points against each group's maximum. Pure builders: frames in, styled figures out."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.style import BLUE, GREY, PALETTE, styled
from dashboard.formatting import format_decimal
from dashboard.kpi.decision766 import GROUP_LABEL_VI, GROUP_POINTS

GROUP_COLOURS = dict(zip(GROUP_POINTS, PALETTE, strict=False))
GROUP_LABEL_EN = {
    "ckmb": "Publicity, transparency",
    "tdgq": "Processing progress",
    "clgq": "Online public services",
    "tttt": "Online payment",
    "mdhl": "Satisfaction",
    "mdsh": "Digitisation",
}
_WORDS = {
    "vi": {
        "points": "Điểm",
        "max": "Điểm tối đa",
        "not": "không tính được từ dữ liệu này",
        "total": "Tổng điểm",
    },
    "en": {
        "points": "Points",
        "max": "Maximum",
        "not": "cannot be computed from this data",
        "total": "Total",
    },
}


def group_label(group: str, lang: str = "vi") -> str:
    return (GROUP_LABEL_VI if lang == "vi" else GROUP_LABEL_EN)[group]


def estimate_stacked(estimate: pd.DataFrame, lang: str = "vi", font_size: int = 14) -> go.Figure:
    """estimate_by_unit as stacked horizontal bars: each computable group's estimated points per unit.
    Groups not computable for any unit are not drawn (never as 0); the page says which they are."""
    rows = estimate.sort_values("estimated_points", ascending=False, kind="stable")
    figure = go.Figure()
    for group, maximum in GROUP_POINTS.items():
        if rows[group].isna().all():
            continue
        name = f"{group_label(group, lang)} (/{maximum:g})"
        figure.add_bar(
            name=name, y=rows["unit"], x=rows[group], orientation="h", marker_color=GROUP_COLOURS[group],
            hovertemplate="%{y}<br>" + name + ": %{x:,.2f}<extra></extra>",
        )  # fmt: skip
    figure.update_layout(barmode="stack", height=max(260, 26 * len(rows) + 140))
    figure.update_xaxes(title=_WORDS[lang]["points"], tickformat=",.0f")
    figure.update_yaxes(autorange="reversed", title=None)
    return styled(figure, font_size=font_size)


def component_bars(points: dict[str, float], lang: str = "vi", font_size: int = 14) -> go.Figure:
    """One unit's points per group against the group's maximum (grey bar behind), as shares of it;
    a group with no value (NaN) is written "không tính được từ dữ liệu này" instead of a bar."""
    words = _WORDS[lang]
    groups = list(GROUP_POINTS)
    labels = [f"{group_label(g, lang)} (/{GROUP_POINTS[g]:g})" for g in groups]
    values = [points.get(g, float("nan")) for g in groups]
    missing = [v is None or (isinstance(v, float) and math.isnan(v)) for v in values]
    figure = go.Figure()
    figure.add_bar(
        name=words["max"], y=labels, x=[GROUP_POINTS[g] for g in groups], orientation="h",
        marker_color="#E8E8E8", hovertemplate="%{y}<br>" + words["max"] + ": %{x:,.0f}<extra></extra>",
    )  # fmt: skip
    figure.add_bar(
        name=words["points"], y=labels, x=[None if m else v for v, m in zip(values, missing, strict=True)],
        orientation="h", marker_color=[GROUP_COLOURS[g] for g in groups],
        text=[words["not"] if m else format_decimal(v)
              for v, m in zip(values, missing, strict=True)],
        textposition="outside", hovertemplate="%{y}<br>" + words["points"] + ": %{x:,.2f}<extra></extra>",
    )  # fmt: skip
    for label, gone in zip(labels, missing, strict=True):
        if gone:
            figure.add_annotation(
                x=0, y=label, text=words["not"], showarrow=False, xanchor="left", font_color=GREY
            )
    figure.update_layout(barmode="overlay", height=340, showlegend=True)
    figure.update_xaxes(title=words["points"], range=[0, max(GROUP_POINTS.values()) * 1.35])
    figure.update_yaxes(autorange="reversed", title=None)
    return styled(figure, font_size=font_size)


def official_ranking(scores: pd.DataFrame, lang: str = "vi", font_size: int = 14, top: int = 30) -> go.Figure:
    """The published totals of official_scores, best first (the first `top` units), rank in the hover."""
    rows = scores.sort_values(["rank", "unit_name"], kind="stable").head(top)
    figure = go.Figure()
    figure.add_bar(
        y=rows["unit_name"], x=rows["total"], orientation="h", marker_color=BLUE,
        customdata=rows["rank"], name=_WORDS[lang]["total"],
        text=[format_decimal(v) for v in rows["total"]],
        textposition="outside",
        hovertemplate="#%{customdata} %{y}<br>" + _WORDS[lang]["total"] + ": %{x:,.2f}<extra></extra>",
    )  # fmt: skip
    low = float(rows["total"].min()) if len(rows) else 0.0
    figure.update_xaxes(title=_WORDS[lang]["total"] + " (/100)", range=[max(0.0, low - 10), 100])
    figure.update_yaxes(autorange="reversed", title=None)
    figure.update_layout(height=max(260, 24 * len(rows) + 120), showlegend=False)
    return styled(figure, font_size=font_size)
