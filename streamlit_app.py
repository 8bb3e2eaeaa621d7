"""Entry point: `streamlit run streamlit_app.py`. Page setup and navigation only; pages live in dashboard.views."""

import streamlit as st

from dashboard.views import overview_page
from dashboard.views.i18n import STRINGS, choose_language, t

st.set_page_config(page_title=STRINGS["vi"]["app.title"], layout="wide")
# The language must be known before any page text is produced, so the switch comes first.
choose_language()

page = st.navigation(
    [st.Page(overview_page.render, title=t("overview.nav"), url_path="overview", default=True)],
)
page.run()
