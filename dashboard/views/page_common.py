"""What every page starts with: the shared selection, or an empty state when there is nothing to show."""

from __future__ import annotations

import streamlit as st

from dashboard.formatting import format_date
from dashboard.kpi.summary import latest_snapshot
from dashboard.views import navigation, pdf_button, selection
from dashboard.views.cache import kpi
from dashboard.views.i18n import t


def page_header(title_key: str) -> selection.Selection:
    """Title, the period and the "Số liệu đến ngày …" stamp; stops the page when no data is stored."""
    if selection._STATE not in st.session_state:
        st.title(t(title_key))
        with st.container(key="empty-state", border=True):
            st.info(t("empty.no_data.title"))
            st.page_link(navigation.page("data"), label=t("nav.data"))
        st.stop()
    chosen = selection.current()
    st.title(t(title_key))
    snapshot = kpi(latest_snapshot)
    with st.container(key="stamp"):
        st.caption(t("stamp", period=chosen.period.label, day=format_date(snapshot)))
    with st.sidebar:  # beside "Trình chiếu"; the print sheet hides the sidebar (issue 11 §14)
        pdf_button.page_button(title_key, chosen.period)
    return chosen
