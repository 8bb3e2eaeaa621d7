"""Page script run by st.navigation; the page itself is dashboard.views.data_page."""

from dashboard.views.data_page import render

render()
