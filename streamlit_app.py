"""Entry point: `streamlit run streamlit_app.py`. Page setup, the shared filters and navigation only; the pages
live in dashboard.views.pages."""

import contextlib

import streamlit as st

from dashboard.kpi.overview import filter_options, totals
from dashboard.settings import database_path
from dashboard.store import Database, DatabaseError, DatabaseMissing, MissingTables
from dashboard.views import navigation, selection
from dashboard.views.cache import kpi
from dashboard.views.failure import shown_as_message
from dashboard.views.i18n import STRINGS, choose_language
from dashboard.views.offline import keep_offline
from dashboard.views.page_common import DATABASE_ERROR
from dashboard.views.present import deck, print_style
from dashboard.views.screen_style import screen_style
from dashboard.views.uploader_text import translate_streamlit_texts
from dashboard.views.uploads import remove_stale_folders


@st.cache_resource(show_spinner=False)
def _upgrade_schema(path: str) -> None:
    """Once per server and database: a file made by an older version gets the tables this one reads."""
    # A file that cannot be read (issue 11 §5, issue 12 §7) is left alone: the pages say so, with the reason.
    with contextlib.suppress(DatabaseError, OSError):
        Database(path).ensure_schema()


@st.cache_resource(show_spinner=False)
def _remove_stale_uploads() -> None:
    """Once per server: upload copies left by a server that crashed (issue 12 §2)."""
    remove_stale_folders()


def _stored_data() -> dict | None:
    """The filter options when dossiers are stored, else None (the pages then say why and what to do)."""
    st.session_state.pop(DATABASE_ERROR, None)
    # Answered from the cache on a rerun; what a file without dossiers is (missing, empty) the page's panel
    # looks up only then (page_common.database_panel, store.health).
    try:
        if kpi(totals)["dossiers"] == 0:
            return None
        return kpi(filter_options)
    except (DatabaseMissing, MissingTables):  # no file, or a DuckDB file without the tables: nothing imported
        return None
    except DatabaseError as error:  # not a database, or damaged: every page says so (issue 12 §7)
        st.session_state[DATABASE_ERROR] = str(error)
        return None


def _show(pages: list) -> None:
    """The filters, then the page the URL names, or the meeting deck."""
    options = _stored_data()
    presenting = deck.active()  # meeting mode, issue 5 §6: `?present=1`
    if options is not None:
        # Drawn in meeting mode too (hidden there by CSS): the filters stay bound to the URL, so the deck shows
        # the same selection and leaving it (Esc) returns to the same view.
        selection.draw(options)
        if not presenting:
            deck.sidebar_button()
    else:
        st.session_state.pop(selection._STATE, None)
    print_style()
    screen_style()
    translate_streamlit_texts()  # Streamlit's own English in the lists ("No results") and the uploader, issue 11 §6
    if presenting:
        # The page menu is registered but hidden and no page runs: the deck takes the whole screen, and leaving
        # it shows the page the URL points at again.
        st.navigation(pages, position="hidden")
        deck.render(selection.current() if options is not None else None)
    else:
        st.navigation(pages).run()


keep_offline()  # issue 12 §8: no request to an outside service, not even the origin check's
st.set_page_config(page_title=STRINGS["vi"]["app.title"], layout="wide")
# Issue 12 §7: a failure shows a sentence and a code on screen, the traceback goes to the server log.
with shown_as_message():
    # The language must be known before any page text is produced, so the switch comes first.
    choose_language()
    _upgrade_schema(str(database_path()))
    _remove_stale_uploads()
    _show(navigation.build())
