"""Charts of the overdue / due-soon page: overdue dossiers per unit, stacked by how late they are."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.style import ORANGE, PURPLE, VERMILLION, YELLOW, styled

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
