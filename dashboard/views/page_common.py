"""What every page starts with: the shared selection, or an empty state when there is nothing to show."""

from __future__ import annotations

import streamlit as st

from dashboard.formatting import format_date
from dashboard.kpi.summary import latest_snapshot
from dashboard.kpi.unit_register import reorganisation_dates
from dashboard.safe_text import markdown_text
from dashboard.settings import database_path
from dashboard.views import navigation, pdf_button, selection, unit_mode
from dashboard.views.cache import kpi
from dashboard.views.i18n import t

DATABASE_ERROR = "_database_error"  # session state: why the database could not be read, set by streamlit_app


def page_header(title_key: str) -> selection.Selection:
    """Title, the period and the "Số liệu đến ngày …" stamp; stops the page when no data is stored."""
    if selection._STATE not in st.session_state:
        st.title(t(title_key))
        with st.container(key="empty-state", border=True):
            broken = st.session_state.get(DATABASE_ERROR)
            if broken:  # the file is there but cannot be read: say why, not "no data yet"
                st.error(t("error.unreadable", path=database_path(), error=markdown_text(broken)))
            else:
                st.info(t("empty.no_data.title"))
            st.page_link(navigation.page("data"), label=t("nav.data"))
        st.stop()
    chosen = selection.current()
    st.title(t(title_key))
    snapshot = kpi(latest_snapshot)
    counting, counting_rule, restated = unit_mode.counting_words(chosen, kpi(reorganisation_dates))
    stamp = t("stamp", period=chosen.period.label, day=format_date(snapshot))
    with st.container(key="stamp"):
        # One line on a phone's first screen too (issue 11 §8): the full counting rule is the line's help.
        st.caption(stamp + (f" · {counting}" if counting else ""), help=counting_rule)
        if restated:
            with st.container(key="unit-counting"):
                st.caption(restated)
    with st.sidebar:  # beside "Trình chiếu"; the print sheet hides the sidebar (issue 11 §14)
        pdf_button.page_button(title_key, chosen.period)
    return chosen
