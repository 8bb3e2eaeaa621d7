"""What every page starts with: the shared selection, or an empty state when there is nothing to show."""

from __future__ import annotations

import streamlit as st

from dashboard.formatting import format_date
from dashboard.kpi import coverage
from dashboard.kpi.summary import latest_snapshot
from dashboard.kpi.unit_register import reorganisation_dates
from dashboard.safe_text import markdown_text
from dashboard.settings import database_path
from dashboard.store import DatabaseState, database_state
from dashboard.store.health import MISSING, UNREADABLE
from dashboard.views import navigation, pdf_button, selection, unit_mode
from dashboard.views.cache import kpi
from dashboard.views.i18n import t

DATABASE_ERROR = "_database_error"  # session state: why the database could not be read, set by streamlit_app


def page_header(title_key: str) -> selection.Selection:
    """Title, the period and the "Số liệu đến ngày …" stamp; stops the page when no data is stored."""
    if selection._STATE not in st.session_state:
        st.title(t(title_key))
        broken = st.session_state.get(DATABASE_ERROR)
        # A file that opened but failed while being read (issue 12 §7) is unreadable too, never "no data yet".
        state = (
            DatabaseState(database_path(), UNREADABLE, broken) if broken else database_state(database_path())
        )
        database_panel(state)
        st.page_link(navigation.page("data"), label=t("nav.data"))
        st.stop()
    chosen = selection.current()
    st.title(t(title_key))
    counting, counting_rule, restated = unit_mode.counting_words(chosen, kpi(reorganisation_dates))
    stamp = t("stamp", period=chosen.period.label, day=data_dates_text(chosen))
    with st.container(key="stamp"):
        # One line on a phone's first screen too (issue 11 §8): the full counting rule is the line's help.
        st.caption(stamp + (f" · {counting}" if counting else ""), help=counting_rule)
        if restated:
            with st.container(key="unit-counting"):
                st.caption(restated)
    with st.sidebar:  # beside "Trình chiếu"; the print sheet hides the sidebar (issue 11 §14)
        pdf_button.page_button(title_key, chosen.period)
    return chosen


def database_panel(state: DatabaseState) -> None:
    """Why there is nothing to show (issue 11 §5): the file looked for, whether it is missing, unreadable or
    empty, and what to do."""
    key = {MISSING: "missing", UNREADABLE: "unreadable"}.get(state.state, "no_data")
    with st.container(key="empty-state", border=True):
        st.subheader(t(f"empty.{key}.title"))
        # The error may quote what the file holds: escaped, never Markdown (issue 12 §3).
        body = t(f"empty.{key}.body", path=state.path, error=markdown_text(state.detail))
        (st.error if key == "unreadable" else st.info)(body)


def data_dates_text(chosen: selection.Selection) -> str:
    """ "14/11/2026; 2 đơn vị đến 03/12/2026": the day each chosen unit's data reaches (issue 11 §4)."""
    dates = coverage.dates_of(kpi(coverage.unit_data_dates), chosen.filters.unit_keys)
    return coverage.stamp_text(dates, t("stamp.others")) or format_date(kpi(latest_snapshot))
