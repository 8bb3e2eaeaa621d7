"""Charts of overdue dossiers: per unit stacked by how late they are (overdue page), and resolved late beside still open past the deadline (report)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.style import LATE, ORANGE, PURPLE, VERMILLION, YELLOW, styled

# Aging buckets in working days late (lower bound, upper bound or None, label). 0 (due on a day off) counts as 1–2.
BUCKETS = ((0, 2, "1–2"), (3, 5, "3–5"), (6, 10, "6–10"), (11, None, "> 10"))
BUCKET_COLOUR = {"1–2": YELLOW, "3–5": ORANGE, "6–10": VERMILLION, "> 10": PURPLE}


def bucket_of(days: int) -> str:
    for low, high, label in BUCKETS:
        if days >= low and (high is None or days <= high):
            return label
    return BUCKETS[0][2]


def aging_table(overdue: pd.DataFrame) -> pd.DataFrame:
    """Overdue dossiers per unit (rows, most first) and aging bucket (columns, in order), plus a total column."""
    labels = [label for *_, label in BUCKETS]
    if overdue.empty:
        return pd.DataFrame(columns=["unit", *labels, "total"])
    buckets = overdue["working_days_overdue"].map(bucket_of)
    table = (
        pd.crosstab(overdue["unit"], pd.Categorical(buckets, categories=labels))
        .reindex(columns=labels, fill_value=0)
        .astype(int)
    )
    table.columns = labels
    table["total"] = table.sum(axis=1)
    table = table.reset_index().rename(columns={"index": "unit", "row_0": "unit"})
    return table.sort_values(["total", "unit"], ascending=[False, True], kind="stable").reset_index(drop=True)


def aging_by_unit(
    table: pd.DataFrame, bucket_names: dict[str, str], axis_title: str, hover: str, font_size: int = 14
) -> go.Figure:
    """Horizontal bars per unit (most overdue on top), one stacked trace per aging bucket.

    hover: a template with {bucket}; %{x} is the count, %{y} the unit.
    """
    figure = go.Figure()
    ordered = table.iloc[::-1]  # Plotly draws the first category at the bottom
    for *_, label in BUCKETS:
        figure.add_trace(
            go.Bar(
                y=ordered["unit"].tolist(),
                x=ordered[label].tolist(),
                name=bucket_names.get(label, label),
                orientation="h",
                marker_color=BUCKET_COLOUR[label],
                hovertemplate=hover.format(bucket=bucket_names.get(label, label)) + "<extra></extra>",
            )
        )
    figure.update_layout(barmode="stack", height=max(260, 28 * len(table) + 120), legend_traceorder="normal")
    figure.update_xaxes(title_text=axis_title, tickformat=",d")
    return styled(figure, font_size=font_size)


def overdue_by_unit_figure(overdue: pd.DataFrame, font_size: int = 14) -> go.Figure:
    """Stacked horizontal bars per unit, most overdue on top: resolved late (col 10) and still open past the
    deadline (col 13), each bar labelled with its count (never colour alone). overdue: rows with unit, c10, c13."""
    figure = go.Figure()
    ordered = overdue.iloc[::-1]  # Plotly draws the first category at the bottom
    for column, name, colour in (
        ("c10", "Đã giải quyết quá hạn (cột 10)", LATE),
        ("c13", "Đang quá hạn (cột 13)", PURPLE),
    ):
        counts = [int(v) for v in ordered[column]]
        figure.add_bar(
            y=list(ordered["unit"]), x=counts, name=name, orientation="h", marker_color=colour,
            text=[f"{v:,d}".replace(",", ".") if v else "" for v in counts], textposition="inside",
        )  # fmt: skip
    figure.update_layout(barmode="stack", legend_traceorder="normal")
    figure.update_xaxes(title_text="Số hồ sơ quá hạn (đã và đang giải quyết)", tickformat=",d")
    return styled(figure, font_size=font_size, height=max(260, 40 * len(overdue) + 140))
