"""Page script run by st.navigation; the page itself is dashboard.views.fields_page."""

from dashboard.views.fields_page import render

render()
