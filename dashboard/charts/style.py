"""One accessible look for every chart (issue 4 §9).

Colours: the Okabe–Ito palette, distinguishable with the common colour-vision deficiencies; status colours
always come with a word or an icon as well, never colour alone. Numbers in the Vietnamese style: Plotly's
`separators=",."` puts a decimal comma and a thousands dot (1.416; 99,93). Plotly ignores Streamlit's theme
font size, so the size is set here; meeting mode passes a larger one.
"""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard.safe_text import plotly_text

# Okabe & Ito (2008), "Color Universal Design".
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000")
BLUE, ORANGE, GREEN, VERMILLION, SKY, PURPLE, YELLOW, BLACK = PALETTE
GREY = "#999999"

# Meaning → colour, used the same way by every chart.
EARLY, ON_TIME, LATE = GREEN, BLUE, VERMILLION
GRADE_COLOUR = {"dat": GREEN, "gan_dat": ORANGE, "chua_dat": VERMILLION, None: GREY}
GRADE_ICON = {"dat": "✅", "gan_dat": "⚠️", "chua_dat": "❌", None: "➖"}
# Heatmap colours: charts/scales.py (saturated only: a low value never fades into the page, issue 11 §11).

FONT_FAMILY = "Source Sans Pro, Arial, sans-serif"  # Streamlit's own font, served locally; no web fonts


# Trace attributes that carry data (unit, field, procedure names) into what Plotly draws as text.
_DATA_TEXT = ("x", "y", "text", "customdata", "hovertext", "labels")


def escape_data_text(figure: go.Figure) -> go.Figure:
    """Every string of the traces' data as literal text (issue 12 §3): Plotly renders <b>, <a href> … in tick
    labels, legends and hover labels, and names come from imported files. The templates (hovertemplate, our own
    <b>) are not data and stay."""
    for trace in figure.data:
        for attribute in _DATA_TEXT:
            values = getattr(trace, attribute, None)  # not every trace type has every attribute
            if values is None or isinstance(values, (int, float)):
                continue
            if isinstance(values, str):
                trace[attribute] = plotly_text(values)
            elif getattr(values, "dtype", None) is not None and values.dtype.kind not in "OUS":
                continue  # numbers or dates
            elif any(isinstance(value, str) or hasattr(value, "__len__") for value in values):
                trace[attribute] = [_escaped(value) for value in values]
    return figure


def _escaped(value):
    if isinstance(value, str):
        return plotly_text(value)
    if isinstance(value, (list, tuple)) or getattr(value, "ndim", 0) == 1:
        return [plotly_text(item) for item in value]
    return value


def styled(figure: go.Figure, font_size: int = 14, height: int | None = None) -> go.Figure:
    """Apply the shared look: palette, Vietnamese number separators, font size, quiet background; and the
    data's text escaped (escape_data_text)."""
    escape_data_text(figure)
    figure.update_layout(
        separators=",.",
        colorway=list(PALETTE),
        font={"family": FONT_FAMILY, "size": font_size},
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        plot_bgcolor="white",
        paper_bgcolor="white",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        hoverlabel={"font_size": font_size},
    )
    figure.update_xaxes(gridcolor="#EEEEEE", zerolinecolor="#CCCCCC")
    figure.update_yaxes(gridcolor="#EEEEEE", zerolinecolor="#CCCCCC")
    if height is not None:
        figure.update_layout(height=height)
    return figure
