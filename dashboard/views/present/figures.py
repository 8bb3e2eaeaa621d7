"""The shared chart builders, made readable on a projector (issue 5 §6): large text through their font_size, a
fixed height that fits the slide, text written outside the bars (Plotly would otherwise shrink text that does not
fit inside a bar below the 20 px floor) and bar colours dark enough for a washed-out projector.

Pure functions (no Streamlit): a built figure in, the same figure adjusted out. The builders themselves live in
dashboard.charts and are not changed here.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.actions import aging_by_unit
from dashboard.charts.index766 import estimate_stacked, official_ranking
from dashboard.charts.overview import ranking_figure, trend_figure
from dashboard.charts.satisfaction import ratings_stacked
from dashboard.views.present.style import BAR, FONT_CHART, TEXT

MARGIN = {"l": 10, "r": 30, "t": 70, "b": 10}


def _projected(figure: go.Figure, height: int) -> go.Figure:
    figure.update_layout(
        height=height, margin=MARGIN, font={"size": FONT_CHART, "color": TEXT},
        uniformtext={"minsize": FONT_CHART, "mode": "show"},
    )  # fmt: skip
    # The builders keep a thin margin for the page; at 22 px the unit names and ticks need the room they take.
    figure.update_xaxes(automargin=True)
    figure.update_yaxes(automargin=True)
    return figure


def ranking(units: pd.DataFrame, colours: list[str], lang: str, height: int) -> go.Figure:
    """On-time rate bars (dashboard.charts.overview.ranking_figure), one colour per unit, from 0 to 100% like the
    page's (issue 11 §11: the best and the worst on one scale), the rate and n written in white inside the end of
    each bar (the bar colours are dark enough, style.py)."""
    figure = ranking_figure(units, BAR, lang=lang, font_size=FONT_CHART)
    figure.update_traces(marker_color=colours, textposition="inside", insidetextanchor="end",
                         textfont={"size": FONT_CHART, "color": "#FFFFFF"})  # fmt: skip
    return _projected(figure, height)


def trend(monthly: pd.DataFrame, lang: str, height: int, target: float | None = None) -> go.Figure:
    """The page's monthly trend; months as "12/2025" so that twelve fit side by side at 22 px, a month not yet
    complete (column `partial`) marked with "*" (the slide explains the mark)."""
    short = monthly["period"].astype(str).str.extract(r"(\d{1,2}/\d{4})", expand=False)
    short = short.fillna(monthly["period"].astype(str))
    partial = monthly["partial"] if "partial" in monthly else pd.Series(False, index=monthly.index)
    labels = [label + ("*" if flag else "") for label, flag in zip(short, partial, strict=True)]
    figure = trend_figure(monthly.assign(period=labels).drop(columns="partial", errors="ignore"), lang=lang,
                          font_size=FONT_CHART, target=target)  # fmt: skip
    figure.update_xaxes(tickangle=0)
    return _projected(figure, height)


def aging(table: pd.DataFrame, names: dict[str, str], axis: str, lang: str, height: int) -> go.Figure:
    del lang  # the names and axis title come translated
    figure = aging_by_unit(table, names, axis, "%{{y}} · {bucket}: %{{x:,d}}", font_size=FONT_CHART)
    return _projected(figure, height)


def satisfaction(frame: pd.DataFrame, rate_text: dict[str, str], lang: str, height: int) -> go.Figure:
    """The page's rating bars per unit; at each bar's end the unit's satisfaction rate beside the number rated
    (rate_text: unit → "97,10%")."""
    figure = ratings_stacked(frame, lang, font_size=FONT_CHART)
    for trace in figure.data:
        if getattr(trace, "mode", None) == "text":
            pairs = zip(trace.y, trace.text, strict=True)
            trace.text = [f"  {rate_text.get(unit, '')} · {text.strip()}" for unit, text in pairs]
            trace.textfont = {"size": FONT_CHART, "color": TEXT}
    figure.update_xaxes(range=[0, 1.3])
    return _projected(figure, height)


def estimate(frame: pd.DataFrame, lang: str, height: int) -> go.Figure:
    return _projected(estimate_stacked(frame, lang, font_size=FONT_CHART), height)


def official(scores: pd.DataFrame, lang: str, height: int, top: int) -> go.Figure:
    figure = official_ranking(scores, lang, font_size=FONT_CHART, top=top)
    figure.update_traces(marker_color=BAR, textfont={"size": FONT_CHART, "color": TEXT}, cliponaxis=False)
    return _projected(figure, height)
