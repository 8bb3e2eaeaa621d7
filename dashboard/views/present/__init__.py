"""Meeting mode for the projector (issue 5 §6) and the print stylesheet (issue 5 §8).

streamlit_app.py asks `deck.active()` (the URL holds `present=1`), then draws the deck in place of the pages;
`deck.sidebar_button()` is the way in from any page; `print_style()` adds the A4-landscape print sheet to
every page.
"""

from __future__ import annotations

import streamlit as st

from dashboard.views.present.style import PRINT_CSS


def print_style() -> None:
    """The @media print sheet (A4 landscape, content flowing over sheets), on every page."""
    st.html(PRINT_CSS)
