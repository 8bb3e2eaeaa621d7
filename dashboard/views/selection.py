"""The filters every page shares: period, units, fields, procedures, channel (issue 4 §1).

They are sidebar widgets drawn by streamlit_app.py before the page runs, so they persist across pages, and
each is bound to the URL (`bind="query-params"`), so a copied link opens the same view. Pages read the
result with `current()`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import streamlit as st

from dashboard.kpi import coverage, periods
from dashboard.kpi.filters import Filters
from dashboard.kpi.periods import Period
from dashboard.views import unit_mode, unit_search
from dashboard.views.cache import kpi
from dashboard.views.i18n import current_language, t

# URL parameter of each widget (Vietnamese, short, readable in a shared link).
KEYS = {
    "kind": "ky",
    "year": "nam",
    "number": "so",
    "start": "tu",
    "end": "den",
    "units_mode": "dem_theo",  # issue 15 §4: current | recorded
    "units": "don_vi",
    "fields": "linh_vuc",
    "procedures": "thu_tuc",
    "channels": "kenh",
}
_STATE = "_selection"
KIND_LABEL_EN = {
    "official_month": "Reporting month (15th–14th)",
    "official_quarter": "Reporting quarter (15th–14th)",
    "official_half": "Reporting half-year",
    "official_nine_months": "Reporting 9 months",
    "official_year": "Reporting year",
    "month": "Calendar month",
    "quarter": "Calendar quarter",
    "year": "Calendar year",
    "custom": "From – to",
}
SIDEBAR_KINDS = (
    "official_month", "official_quarter", "official_half", "official_nine_months", "official_year",
    "month", "quarter", "year", "custom",
)  # fmt: skip
CHANNEL_KEYS = ("direct", "online", "postal")


@dataclass(frozen=True)
class Selection:
    period: Period
    filters: Filters

    @property
    def filtered(self) -> bool:
        return self.filters.selects


def _kind_label(kind: str) -> str:
    return periods.KIND_LABEL_VI[kind] if current_language() == "vi" else KIND_LABEL_EN[kind]


def _default_period(options: dict, kind: str = "official_month") -> tuple[str, int, int | None]:
    """The latest period of a kind that the data covers to its end (issue 11 §2): what a reform officer
    reports on next; the period holding the newest data when none is complete yet."""
    period = coverage.latest_complete(kind, kpi(coverage.unit_data_dates))
    if period is None:
        period = periods.containing(options.get("last_day") or date.today(), kind)
    year, number = periods.period_key(period)
    return kind, year, number


def draw(options: dict) -> Selection:
    """Draw the shared filters in the sidebar and remember the selection for this run."""
    kind0, year0, number0 = _default_period(options)
    first = options.get("first_day") or date(year0, 1, 1)
    years = list(range(first.year, max(year0, (options.get("last_day") or first).year + 1) + 1))
    side = st.sidebar
    side.subheader(t("filters.title"))
    kind = side.selectbox(
        t("filters.kind"), SIDEBAR_KINDS, index=SIDEBAR_KINDS.index(kind0), format_func=_kind_label,
        key=KEYS["kind"], bind="query-params", placeholder=t("filters.choose")
    )  # fmt: skip
    if kind == "custom":
        start = side.date_input(t("filters.start"), value=first, key=KEYS["start"], format="DD/MM/YYYY",
                                bind="query-params")  # fmt: skip
        end = side.date_input(t("filters.end"), value=options.get("last_day") or date.today(), key=KEYS["end"],
                              format="DD/MM/YYYY", bind="query-params")  # fmt: skip
        period = periods.custom(min(start, end), max(start, end))
    else:
        year = side.selectbox(t("filters.year"), years, index=years.index(year0), key=KEYS["year"],
                              bind="query-params", placeholder=t("filters.choose"))  # fmt: skip
        numbers = periods.number_range(kind, year)
        number = None
        if numbers is not None:
            default = min(number0, max(numbers)) if kind in ("official_month", "month") else 1
            number = side.selectbox(t("filters.number"), list(numbers), index=list(numbers).index(default),
                                    key=KEYS["number"], bind="query-params", placeholder=t("filters.choose"))  # fmt: skip
        period = periods.build(kind, year, number)
    period_caption = side.empty()

    mode = unit_mode.draw_switch(side, KEYS["units_mode"], options.get("province"))
    unit_names = options.get("units", {}) if mode == "current" else options.get("units_recorded", {})
    # Issue 11 §13: a search box that folds diacritics narrows the units' options (dashboard/views/unit_search.py).
    unit_keys = unit_search.narrowed(side, unit_names, "tim_don_vi", unit_search.chosen_units(KEYS["units"]))
    units = side.multiselect(
        t("filters.units"), unit_keys, format_func=unit_names.get, key=KEYS["units"],
        placeholder=t("filters.all"), bind="query-params",
    )  # fmt: skip
    fields = side.multiselect(t("filters.fields"), options.get("fields", []), key=KEYS["fields"],
                              placeholder=t("filters.all"), bind="query-params")  # fmt: skip
    procedures = side.multiselect(t("filters.procedures"), options.get("procedures", []), key=KEYS["procedures"],
                                  placeholder=t("filters.all"), bind="query-params")  # fmt: skip
    channels = side.multiselect(
        t("filters.channels"), [c for c in CHANNEL_KEYS if c in options.get("channels", CHANNEL_KEYS)],
        format_func=lambda c: t(f"channel.{c}"), key=KEYS["channels"], placeholder=t("filters.all"),
        bind="query-params",
    )  # fmt: skip
    # Issue 11 §2: a period the chosen units' data does not reach to its end is shown up to the data date.
    period = coverage.as_covered(period, coverage.dates_of(kpi(coverage.unit_data_dates), units))
    period_caption.caption(period.label)
    selection = Selection(
        period, Filters(tuple(units), tuple(fields), tuple(procedures), tuple(channels), units=mode)
    )
    st.session_state[_STATE] = selection
    return selection


def current() -> Selection:
    """The selection drawn in this run (pages call this; streamlit_app.py draws it first)."""
    return st.session_state[_STATE]
