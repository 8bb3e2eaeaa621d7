"""Page script run by st.navigation; the page itself is dashboard.views.satisfaction_page."""

from dashboard.views.satisfaction_page import render

render()
