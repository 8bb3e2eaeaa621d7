"""What every page starts with: the shared selection, or an empty state when there is nothing to show."""

from __future__ import annotations

import streamlit as st

from dashboard.formatting import format_date
from dashboard.kpi import coverage
from dashboard.kpi.summary import latest_snapshot
from dashboard.settings import database_path
from dashboard.store import DatabaseState, database_state
from dashboard.store.health import MISSING, UNREADABLE
from dashboard.views import navigation, selection
from dashboard.views.cache import kpi
from dashboard.views.i18n import t


def page_header(title_key: str) -> selection.Selection:
    """Title, the period and the "Số liệu đến ngày …" stamp; stops the page when no data is stored."""
    if selection._STATE not in st.session_state:
        st.title(t(title_key))
        database_panel(database_state(database_path()))
        st.page_link(navigation.page("data"), label=t("nav.data"))
        st.stop()
    chosen = selection.current()
    st.title(t(title_key))
    with st.container(key="stamp"):
        st.caption(t("stamp", period=chosen.period.label, day=data_dates_text(chosen)))
    return chosen


def database_panel(state: DatabaseState) -> None:
    """Why there is nothing to show (issue 11 §5): the file looked for, whether it is missing, unreadable or
    empty, and what to do."""
    key = {MISSING: "missing", UNREADABLE: "unreadable"}.get(state.state, "no_data")
    with st.container(key="empty-state", border=True):
        st.subheader(t(f"empty.{key}.title"))
        # The path and the error come from this machine, not from an imported file.
        body = t(f"empty.{key}.body", path=state.path, error=state.detail.replace("`", "'"))
        (st.error if key == "unreadable" else st.info)(body)


def data_dates_text(chosen: selection.Selection) -> str:
    """ "14/11/2026; 2 đơn vị đến 03/12/2026": the day each chosen unit's data reaches (issue 11 §4)."""
    dates = coverage.dates_of(kpi(coverage.unit_data_dates), chosen.filters.unit_keys)
    return coverage.stamp_text(dates, t("stamp.others")) or format_date(kpi(latest_snapshot))
