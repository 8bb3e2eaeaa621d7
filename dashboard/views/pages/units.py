"""Page script run by st.navigation; the page itself is dashboard.views.units_page."""

from dashboard.views.units_page import render

render()
