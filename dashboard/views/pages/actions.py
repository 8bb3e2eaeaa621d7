"""Page script run by st.navigation; the page itself is dashboard.views.actions_page."""

from dashboard.views.actions_page import render

render()
