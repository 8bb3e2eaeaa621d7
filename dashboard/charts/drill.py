"""Which number a chart's point shows, so that a click on it opens the dossiers behind it (issue 11 §15).

A trace that can be clicked carries `meta = drill_meta(measure, keys)`: the KPI column its points show (a count
of form06, "overdue_count", or a rate such as "on_time_rate": dashboard.kpi.drilldown) and, per point in the
trace's order, the key of the row of the KPI table the point was drawn from (column → value: {"unit_key": …},
{"period": "Tháng 3/2026"}; {} for a chart of one row). The page finds the row, hence the period and the cell,
from the key (dashboard.views.drilldown). Pure: no Streamlit; the keys are codes and names, never personal data.

Plotly's heatmaps give no click selection to Streamlit, so a heatmap gets a transparent marker over each cell
(cell_targets) that carries the cell's key and its hover text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

DRILL = "drill"


def _plain(value: object) -> object:
    """A key value as JSON holds it (the figure travels to the browser as JSON)."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def drill_meta(measure: str, keys: Iterable[Mapping[str, object]] | None = None) -> dict:
    """A trace's meta: the measure its points show and each point's row key (None: every point is the one row)."""
    return {DRILL: measure, "keys": [{k: _plain(v) for k, v in key.items()} for key in keys or []]}


def row_keys(frame: pd.DataFrame, columns: Sequence[str]) -> list[dict[str, object]]:
    """Each row's key, in the frame's order: {column: value} over `columns`."""
    return [
        dict(zip(columns, values, strict=True)) for values in frame[list(columns)].itertuples(index=False)
    ]


def point_target(figure: go.Figure, point: Mapping) -> tuple[str, dict] | None:
    """(measure, row key) of a point of Streamlit's selection; None for a point of a trace without drill meta."""
    curve = point.get("curve_number")
    if curve is None or not 0 <= curve < len(figure.data):
        return None
    meta = figure.data[curve].meta
    if not isinstance(meta, Mapping) or DRILL not in meta:
        return None
    keys = meta.get("keys") or []
    index = point.get("point_index", point.get("point_number"))
    if not keys:
        return meta[DRILL], {}
    if index is None or not 0 <= int(index) < len(keys):
        return None
    return meta[DRILL], dict(keys[int(index)])


def cell_targets(figure: go.Figure, measure: str, y_column: str, x_column: str) -> go.Figure:
    """Over every cell of the figure's heatmap, a transparent marker keyed {y_column: y, x_column: x} that shows
    the heatmap's own hover text; the heatmap itself no longer hovers (one hover box per cell)."""
    heatmap = next((trace for trace in figure.data if trace.type == "heatmap"), None)
    if heatmap is None or heatmap.x is None or heatmap.y is None:
        return figure
    xs, ys, keys, hover = [], [], [], []
    texts = heatmap.customdata
    for i, y in enumerate(heatmap.y):
        for j, x in enumerate(heatmap.x):
            xs.append(x)
            ys.append(y)
            keys.append({y_column: y, x_column: x})
            hover.append(texts[i][j] if texts is not None else f"{y}<br>{x}")
    figure.update_traces(hoverinfo="skip", hovertemplate=None, selector={"type": "heatmap"})
    figure.add_scatter(
        x=xs, y=ys, mode="markers", marker={"size": 18, "opacity": 0}, showlegend=False, customdata=hover,
        hovertemplate="%{customdata}<extra></extra>", meta=drill_meta(measure, keys),
    )  # fmt: skip
    # The nearest cell's marker answers wherever the pointer is in the grid, not only near its centre.
    figure.update_layout(hoverdistance=-1)
    return figure
