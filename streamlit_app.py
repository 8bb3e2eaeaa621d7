"""Entry point: `streamlit run streamlit_app.py`. Page setup, the shared filters and navigation only; the pages
live in dashboard.views.pages."""

import streamlit as st

from dashboard.kpi.overview import filter_options, totals
from dashboard.settings import database_path
from dashboard.store import Database, DatabaseError, DatabaseMissing
from dashboard.views import navigation, selection
from dashboard.views.cache import kpi
from dashboard.views.i18n import STRINGS, choose_language


@st.cache_resource(show_spinner=False)
def _upgrade_schema(path: str) -> None:
    """Once per server and database: a file made by an older version gets the tables this one reads."""
    Database(path).ensure_schema()


def _stored_data() -> dict | None:
    """The filter options when dossiers are stored, else None (the pages then show how to start)."""
    try:
        if kpi(totals)["dossiers"] == 0:
            return None
        return kpi(filter_options)
    except (DatabaseMissing, DatabaseError):
        return None


st.set_page_config(page_title=STRINGS["vi"]["app.title"], layout="wide")
# The language must be known before any page text is produced, so the switch comes first.
choose_language()
_upgrade_schema(str(database_path()))
pages = navigation.build()
options = _stored_data()
if options is not None:
    selection.draw(options)
else:
    st.session_state.pop(selection._STATE, None)
st.navigation(pages).run()
