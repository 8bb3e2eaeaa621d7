"""The switch "Đơn vị hiện nay / Đơn vị khi tiếp nhận" (issue 15 §4), in the sidebar with the other filters and
bound to the URL (`?dem_theo=recorded`), and what a page says about the way it counts."""

from __future__ import annotations

from datetime import date

import streamlit as st

from dashboard.formatting import format_date
from dashboard.kpi.filters import UNIT_MODES
from dashboard.kpi.unit_groups import counting_note
from dashboard.safe_text import markdown_text
from dashboard.views import url_state
from dashboard.views.i18n import current_language
from dashboard.views.units_text import STRINGS, tu


def draw_switch(side, key: str, province: str | None) -> str:
    """The way of counting by unit chosen ("current" by default, which leaves the URL clean)."""
    labels = url_state.label_aliases(UNIT_MODES, lambda m: [STRINGS[lang][f"mode.{m}"] for lang in STRINGS])
    codec = url_state.one_of(UNIT_MODES, aliases=labels)
    url_state.prepare(key, key, codec, UNIT_MODES[0])
    mode = side.radio(tu("mode.label"), UNIT_MODES, format_func=lambda m: tu(f"mode.{m}"), key=key,
                      help=tu("mode.help"))  # fmt: skip
    url_state.publish(key, codec, mode, default=UNIT_MODES[0])
    return mode or UNIT_MODES[0]


def restated_note(mode: str, start: date, end: date, dates: list[date]) -> str | None:
    """KPI_SPEC §9: a period with days before a reorganisation, counted by current units, is a re-statement."""
    if mode != "current":
        return None
    within = [day for day in dates if start < day <= end]
    return tu("stamp.restated", day=format_date(within[-1])) if within else None


def trend_note(mode: str, dates: list[date]) -> str | None:
    """What the marked line(s) of a trend mean under the way of counting."""
    if not dates:
        return None
    return tu("trend.continuous" if mode == "current" else "trend.recorded", day=format_date(dates[-1]))


def show_trend_note(mode: str, dates: list[date], marked: list[str] = ()) -> None:
    """Under a trend: what its marked line means; for a unit that stayed its own row (split), that its series
    stops at the reorganisation."""
    note = trend_note(mode, dates)
    if note:
        st.caption(note)
    for unit in marked:
        st.warning(tu("trend.marked", unit=markdown_text(unit)), icon=":material/call_split:")


def counting_words(chosen, dates: list[date]) -> tuple[str | None, str | None, str | None]:
    """Once a province is set, how a page counts by unit (issue 15: pages say which way): a few words for the
    stamp line, the full rule for its help, and the re-statement note when the period is one (KPI_SPEC §9).
    All None before a province is set."""
    if not dates:
        return None, None, None
    mode, period = chosen.filters.units, chosen.period
    short = tu(f"stamp.counting.{mode}")
    return (
        short,
        counting_note(mode, period.end, current_language()),
        restated_note(mode, period.start, period.end, dates),
    )
