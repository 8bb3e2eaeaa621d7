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

MARGIN = {"l": 16, "r": 30, "t": 20, "b": 10}  # the legends above a plot push the top margin as they need
RATE_WORD = {"vi": "Tỷ lệ", "en": "Rate"}
N_WORD = {"vi": "hồ sơ", "en": "dossiers"}


def _projected(figure: go.Figure, height: int | None) -> go.Figure:
    figure.update_layout(
        margin=MARGIN, font={"size": FONT_CHART, "color": TEXT},
        uniformtext={"minsize": FONT_CHART, "mode": "show"},
    )  # fmt: skip
    # None: no height of its own, the chart fills the room the slide leaves it (slides.chart(fill=True)).
    figure.layout.height = height
    # The builders keep a thin margin for the page; at 22 px the unit names and ticks need the room they take.
    figure.update_xaxes(automargin=True)
    figure.update_yaxes(automargin=True)
    return figure


def ranking(units: pd.DataFrame, colours: list[str], lang: str, height: int | None) -> go.Figure:
    """On-time rate bars (dashboard.charts.overview.ranking_figure), one colour per unit, from 0 to 100% like the
    page's (issue 11 §11: the best and the worst on one scale): the rate in white inside the end of each bar (the
    bar colours are dark enough, style.py), the number resolved beside it on a right-hand axis."""
    figure = ranking_figure(units, BAR, lang=lang, font_size=FONT_CHART)
    rates = [f"{rate * 100:.2f}%".replace(".", ",") for rate in units["on_time_rate"]]
    figure.update_traces(marker_color=colours, text=rates, textposition="inside", insidetextanchor="end",
                         textfont={"size": FONT_CHART, "color": "#FFFFFF"})  # fmt: skip
    # The slide's caption names the rate; the axis keeps a short title that fits under half a 4:3 screen.
    figure.update_xaxes(title_text=RATE_WORD[lang], tickvals=[0, 0.25, 0.5, 0.75, 1.0])
    counts = [f"{int(n):,d} {N_WORD[lang]}".replace(",", ".") for n in units["c7"]]
    right_labels(figure, list(units["unit"]), counts)
    figure.update_layout(showlegend=False)
    return _projected(figure, height)


def separate(figure: go.Figure, after: int) -> go.Figure:
    """A dark line across a ranking between its first `after` rows and the rest (the best above, the weakest
    below): the groups are told apart by place and the caption's words, not by colour alone."""
    figure.add_hline(y=after - 0.5, line={"color": TEXT, "width": 3})
    return figure


def right_labels(figure: go.Figure, categories: list, labels: list[str]) -> go.Figure:
    """Text at the end of each row as the tick labels of a right-hand axis: Plotly makes room for tick labels
    (automargin), where a text beside the bars would be cut at the edge of the plot on a narrow screen."""
    figure.add_scatter(
        x=[0] * len(categories), y=categories, yaxis="y2", mode="markers", marker={"opacity": 0},
        hoverinfo="skip", showlegend=False,
    )  # fmt: skip
    figure.update_layout(
        yaxis2={
            "overlaying": "y", "side": "right", "type": "category", "matches": "y",
            "tickmode": "array", "tickvals": categories, "ticktext": labels, "automargin": True,
            "showgrid": False, "ticks": "",
        }
    )  # fmt: skip
    return figure


def trend(monthly: pd.DataFrame, lang: str, height: int | None, target: float | None = None) -> go.Figure:
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


def aging(table: pd.DataFrame, names: dict[str, str], axis: str, lang: str, height: int | None) -> go.Figure:
    del lang  # the names and axis title come translated
    figure = aging_by_unit(table, names, axis, "%{{y}} · {bucket}: %{{x:,d}}", font_size=FONT_CHART)
    return _projected(figure, height)


def satisfaction(frame: pd.DataFrame, rate_text: dict[str, str], lang: str, height: int) -> go.Figure:
    """The page's rating bars per unit; beside each bar the unit's satisfaction rate and the number rated
    (rate_text: unit → "97,10%"), on a right-hand axis (right_labels) instead of text the plot would cut."""
    figure = ratings_stacked(frame, lang, font_size=FONT_CHART)
    texts = [trace for trace in figure.data if getattr(trace, "mode", None) == "text"]
    figure.data = [trace for trace in figure.data if getattr(trace, "mode", None) != "text"]
    for trace in texts:
        labels = [
            f"{rate_text.get(unit, '')} · {text.strip()}"
            for unit, text in zip(trace.y, trace.text, strict=True)
        ]
        right_labels(figure, list(trace.y), labels)
    figure.update_xaxes(range=[0, 1])
    return _projected(figure, height)


def estimate(frame: pd.DataFrame, lang: str, height: int) -> go.Figure:
    return _projected(estimate_stacked(frame, lang, font_size=FONT_CHART), height)


def official(scores: pd.DataFrame, lang: str, height: int, top: int) -> go.Figure:
    figure = official_ranking(scores, lang, font_size=FONT_CHART, top=top)
    figure.update_traces(marker_color=BAR, textfont={"size": FONT_CHART, "color": TEXT}, cliponaxis=False)
    return _projected(figure, height)
