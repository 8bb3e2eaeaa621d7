"""Page script run by st.navigation; the page itself is dashboard.views.report_page."""

from dashboard.views.report_page import render

render()
