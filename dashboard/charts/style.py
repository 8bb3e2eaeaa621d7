"""One accessible look for every chart (issue 4 §9).

Colours: the Okabe–Ito palette, distinguishable with the common colour-vision deficiencies; status colours
always come with a word or an icon as well, never colour alone. Numbers in the Vietnamese style: Plotly's
`separators=",."` puts a decimal comma and a thousands dot (1.416; 99,93). Plotly ignores Streamlit's theme
font size, so the size is set here; meeting mode passes a larger one.
"""

from __future__ import annotations

import plotly.graph_objects as go

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


def styled(figure: go.Figure, font_size: int = 14, height: int | None = None) -> go.Figure:
    """Apply the shared look: palette, Vietnamese number separators, font size, quiet background."""
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
