"""Page script run by st.navigation; the page itself is dashboard.views.overview_page."""

from dashboard.views.overview_page import render

render()
