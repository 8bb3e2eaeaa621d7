"""Page script run by st.navigation; the page itself is dashboard.views.index766_page."""

from dashboard.views.index766_page import render

render()
