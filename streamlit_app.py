"""Entry point: `streamlit run streamlit_app.py`. Page setup and navigation only; pages live in dashboard.views."""

import streamlit as st

from dashboard.settings import database_path
from dashboard.store import Database
from dashboard.views import overview_page
from dashboard.views.i18n import STRINGS, choose_language, t


@st.cache_resource(show_spinner=False)
def _upgrade_schema(path: str) -> None:
    """Once per server and database: a file made by an older version gets the tables this one reads."""
    Database(path).ensure_schema()


st.set_page_config(page_title=STRINGS["vi"]["app.title"], layout="wide")
# The language must be known before any page text is produced, so the switch comes first.
choose_language()
_upgrade_schema(str(database_path()))

page = st.navigation(
    [st.Page(overview_page.render, title=t("overview.nav"), url_path="overview", default=True)],
)
page.run()
