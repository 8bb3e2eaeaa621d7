"""The stylesheet every page gets on screen (issue 11 §8): on a phone, Plotly's toolbar is hidden.

Plotly draws its toolbar (zoom, pan, download) over the top right of a chart, where the legends are; on a touch
screen it is of no use and covers them. Streamlit's own element toolbar (full screen) stays.
"""

from __future__ import annotations

import streamlit as st

PHONE_MAX_PX = 640  # Streamlit stacks columns below this width

SCREEN_CSS = f"""<style>
/* The page's scripts (uploader_text.py): their wrapper too, or the column's gap stays above the title. */
[data-testid="stLayoutWrapper"]:has(> .st-key-page-scripts), .st-key-page-scripts {{ display: none; }}
@media (max-width: {PHONE_MAX_PX}px) {{ .modebar-container {{ display: none !important; }} }}
</style>"""


def screen_style() -> None:
    st.html(SCREEN_CSS)
