"""Charts of the satisfaction page (issue 4 §6): ratings per unit and satisfaction against timeliness.
Pure builders: frames from the KPI layer in, styled Plotly figures out."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.style import BLUE, GREEN, GREY, SKY, VERMILLION, styled

RATING_COLOURS = {"very_satisfied": GREEN, "satisfied_only": SKY, "dissatisfied": VERMILLION}
_WORDS = {
    "vi": {
        "very_satisfied": "Rất hài lòng",
        "satisfied_only": "Hài lòng",
        "dissatisfied": "Không hài lòng",
        "share": "Tỷ lệ trong số hồ sơ được đánh giá",
        "rated": "được đánh giá",
        "on_time": "Tỷ lệ giải quyết trước hạn, đúng hạn",
        "satisfaction": "Tỷ lệ hài lòng",
        "target": "Chỉ tiêu",
    },
    "en": {
        "very_satisfied": "Very satisfied",
        "satisfied_only": "Satisfied",
        "dissatisfied": "Dissatisfied",
        "share": "Share of rated dossiers",
        "rated": "rated",
        "on_time": "Finished early or on time",
        "satisfaction": "Satisfaction rate",
        "target": "Target",
    },
}


def ratings_stacked(frame: pd.DataFrame, lang: str = "vi", font_size: int = 14) -> go.Figure:
    """Per unit (rows with rated > 0): very satisfied / satisfied / dissatisfied as shares of the rated
    dossiers, the counts and the number rated in the hover and at the bar's end."""
    words = _WORDS[lang]
    rows = frame[frame["rated"] > 0].copy()
    rows["_sat"] = (rows["very_satisfied"] + rows["satisfied_only"]) / rows["rated"]
    rows = rows.sort_values(["_sat", "unit"], ascending=[False, True], kind="stable")
    figure = go.Figure()
    for column, colour in RATING_COLOURS.items():
        figure.add_bar(
            name=words[column], y=rows["unit"], x=rows[column] / rows["rated"], orientation="h",
            marker_color=colour, customdata=list(zip(rows[column], rows["rated"], strict=True)),
            hovertemplate="%{y}<br>" + words[column] + ": %{customdata[0]:,} / %{customdata[1]:,} "
            + words["rated"] + " (%{x:.2%})<extra></extra>",
        )  # fmt: skip
    figure.add_scatter(
        x=[1.0] * len(rows), y=rows["unit"], mode="text", showlegend=False, hoverinfo="skip",
        text=[f"  n = {n:,}".replace(",", ".") for n in rows["rated"]], textposition="middle right",
    )  # fmt: skip
    figure.update_layout(barmode="stack", height=max(260, 26 * len(rows) + 120), legend_traceorder="normal")
    figure.update_xaxes(
        tickformat=",.0%", range=[0, 1.12], title=words["share"], tickvals=[0, 0.25, 0.5, 0.75, 1]
    )
    figure.update_yaxes(autorange="reversed", title=None)
    return styled(figure, font_size=font_size)


def satisfaction_vs_timeliness(
    table: pd.DataFrame,
    lang: str = "vi",
    font_size: int = 14,
    on_time_target: float | None = None,
    satisfaction_target: float | None = None,
) -> go.Figure:
    """One bubble per unit of kpi_table(…, "unit"): x on-time rate, y satisfaction rate, size the number
    rated (in the hover too). Units without a rated dossier or without a finished one are left out."""
    words = _WORDS[lang]
    rows = table[table["satisfaction_rate"].notna() & table["on_time_rate"].notna()]
    largest = float(rows["rated"].max()) if len(rows) else 1.0
    figure = go.Figure()
    figure.add_scatter(
        x=rows["on_time_rate"], y=rows["satisfaction_rate"], mode="markers", name=words["satisfaction"],
        marker={"size": rows["rated"], "sizemode": "area", "sizeref": 2.0 * largest / 40**2, "sizemin": 5,
                "color": BLUE, "opacity": 0.7, "line": {"width": 1, "color": "white"}},
        customdata=list(zip(rows["unit"], rows["rated"], strict=True)),
        hovertemplate="%{customdata[0]}<br>" + words["on_time"] + ": %{x:.2%}<br>" + words["satisfaction"]
        + ": %{y:.2%}<br>%{customdata[1]:,} " + words["rated"] + "<extra></extra>",
    )  # fmt: skip
    # The targets as dotted lines, labelled in words (the quadrant is read from the text, not colour alone).
    if on_time_target is not None:
        figure.add_vline(x=on_time_target, line_dash="dot", line_color=GREY,
                         annotation_text=f"{words['target']} {on_time_target:.0%}", annotation_position="top")  # fmt: skip
    if satisfaction_target is not None:
        figure.add_hline(y=satisfaction_target, line_dash="dot", line_color=GREY,
                         annotation_text=f"{words['target']} {satisfaction_target:.0%}",
                         annotation_position="bottom left")  # fmt: skip
    figure.update_xaxes(tickformat=",.0%", title=words["on_time"])
    figure.update_yaxes(tickformat=",.0%", title=words["satisfaction"])
    figure.update_layout(height=460, showlegend=False)
    return styled(figure, font_size=font_size)
