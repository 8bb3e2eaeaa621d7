"""The filters every page shares: period, units, fields, procedures, channel (issue 4 §1).

They are sidebar widgets drawn by streamlit_app.py before the page runs, so they persist across pages, and
each keeps its value in the URL as a language-free code (url_state.py), so a copied link opens the same view.
Pages read the result with `current()`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import streamlit as st

from dashboard.kpi import coverage, periods
from dashboard.kpi.filters import Filters
from dashboard.kpi.periods import Period
from dashboard.views import unit_mode, unit_search, url_state
from dashboard.views.cache import kpi
from dashboard.views.i18n import STRINGS, current_language, t

# URL parameter of each widget (Vietnamese, short, readable in a shared link); its values are codes (url_state).
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
_KIND_DRAWN = "_kind_drawn"  # the kind of the last run, to tell a change of kind from a change of language
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


def _default_period(options: dict, kind: str = "official_month") -> tuple[int, int | None]:
    """(year, number) of the latest period of a kind that the data covers to its end (issue 11 §2, §13): what
    a reform officer reports on next; the period holding the newest data when none is complete yet."""
    period = coverage.latest_complete(kind, kpi(coverage.unit_data_dates))
    if period is None:
        try:
            period = periods.containing(options.get("last_day") or date.today(), kind)
        except ValueError:  # a 6- or 9-month kỳ that the newest day is in none of
            return (options.get("last_day") or date.today()).year, None
    return periods.period_key(period)


def _kind_changed(options: dict) -> None:
    """Choosing another kind ("Kỳ quý") opens its latest complete period, not quý I (issue 11 §13)."""
    # The browser may send the label it showed before a language switch: the kind it names, by its code.
    kind = _kind_codec().parse((str(st.session_state[KEYS["kind"]]),))
    if kind is None or kind == st.session_state.get(_KIND_DRAWN):  # the same kind, in the other language
        return
    if kind == "custom":  # its days start from the data's first and last day (_draw_custom)
        return
    year, number = _default_period(options, kind)
    st.session_state[KEYS["year"]] = year
    if number is not None:
        st.session_state[KEYS["number"]] = number


def _kind_codec() -> url_state.Codec:
    labels = url_state.label_aliases(SIDEBAR_KINDS, lambda k: (periods.KIND_LABEL_VI[k], KIND_LABEL_EN[k]))
    return url_state.one_of(SIDEBAR_KINDS, aliases=labels)


def _draw_kind(side, options: dict) -> str:
    codec = _kind_codec()
    url_state.prepare(KEYS["kind"], KEYS["kind"], codec, "official_month")
    kind = side.selectbox(t("filters.kind"), SIDEBAR_KINDS, format_func=_kind_label, key=KEYS["kind"],
                          on_change=_kind_changed, args=(options,), placeholder=t("filters.choose"))  # fmt: skip
    url_state.publish(KEYS["kind"], codec, kind)  # always written: a link names its period
    st.session_state[_KIND_DRAWN] = kind
    return kind


def _draw_custom(side, options: dict) -> Period:
    first = options.get("first_day") or date.today()
    last = options.get("last_day") or date.today()
    url_state.prepare(KEYS["start"], KEYS["start"], url_state.DAY, first)
    url_state.prepare(KEYS["end"], KEYS["end"], url_state.DAY, last)
    start = side.date_input(t("filters.start"), key=KEYS["start"], format="DD/MM/YYYY")
    end = side.date_input(t("filters.end"), key=KEYS["end"], format="DD/MM/YYYY")
    for param, day in ((KEYS["start"], start), (KEYS["end"], end)):
        url_state.publish(param, url_state.DAY, day)
    for param in (KEYS["year"], KEYS["number"]):
        url_state.forget(param)
    return periods.custom(min(start, end), max(start, end))


def _draw_numbered(side, options: dict, kind: str) -> Period:
    """Year, then the month / quarter number when the kind takes one."""
    default_year, default_number = _default_period(options, kind)
    first = options.get("first_day") or date(default_year, 1, 1)
    years = list(range(first.year, max(default_year, (options.get("last_day") or first).year + 1) + 1))
    year_codec = url_state.one_of(years)
    url_state.prepare(KEYS["year"], KEYS["year"], year_codec, default_year)
    year = side.selectbox(t("filters.year"), years, key=KEYS["year"], placeholder=t("filters.choose"))
    url_state.publish(KEYS["year"], year_codec, year)
    numbers = periods.number_range(kind, year)
    number = None
    if numbers is None:
        url_state.forget(KEYS["number"])
    else:
        number_codec = url_state.one_of(list(numbers))
        fallback = default_number if year == default_year and default_number in numbers else numbers[0]
        url_state.prepare(KEYS["number"], KEYS["number"], number_codec, fallback)
        number = side.selectbox(t("filters.number"), list(numbers), key=KEYS["number"],
                                placeholder=t("filters.choose"))  # fmt: skip
        url_state.publish(KEYS["number"], number_codec, number)
    for param in (KEYS["start"], KEYS["end"]):
        url_state.forget(param)
    return periods.build(kind, year, number)


def _draw_choices(
    side, key: str, label: str, codes: list, format_func=str, aliases=None, offered=None
) -> list:
    """A multiselect of codes whose URL carries the codes; none chosen means all, and leaves the URL clean.
    `offered(chosen)`, when given, narrows the options drawn (a search), keeping those chosen."""
    codec = url_state.some_of(codes, aliases)
    url_state.prepare(key, key, codec, [])
    shown = offered(list(st.session_state[key])) if offered else codes
    chosen = side.multiselect(label, shown, format_func=format_func, key=key, placeholder=t("filters.all"))
    url_state.publish(key, codec, chosen, default=[])
    return chosen


def draw(options: dict) -> Selection:
    """Draw the shared filters in the sidebar and remember the selection for this run."""
    side = st.sidebar
    side.subheader(t("filters.title"))
    kind = _draw_kind(side, options)
    period = _draw_custom(side, options) if kind == "custom" else _draw_numbered(side, options, kind)
    period_caption = side.empty()

    mode = unit_mode.draw_switch(side, KEYS["units_mode"], options.get("province"))
    unit_names = options.get("units", {}) if mode == "current" else options.get("units_recorded", {})
    by_name = {name: code for code, name in unit_names.items()}  # links written before codes (issue 11 §10)
    # Issue 11 §13: a search box that folds diacritics narrows the units' options (dashboard/views/unit_search.py).
    units = _draw_choices(side, KEYS["units"], t("filters.units"), list(unit_names), unit_names.get, by_name,
                          offered=lambda chosen: unit_search.narrowed(side, unit_names, "tim_don_vi", chosen))  # fmt: skip
    fields = _draw_choices(side, KEYS["fields"], t("filters.fields"), list(options.get("fields", [])))
    procedures = _draw_choices(
        side, KEYS["procedures"], t("filters.procedures"), list(options.get("procedures", []))
    )
    channel_codes = [c for c in CHANNEL_KEYS if c in options.get("channels", CHANNEL_KEYS)]
    channel_labels = url_state.label_aliases(
        CHANNEL_KEYS, lambda c: [STRINGS[lang][f"channel.{c}"] for lang in STRINGS]
    )
    channels = _draw_choices(side, KEYS["channels"], t("filters.channels"), channel_codes,
                             lambda c: t(f"channel.{c}"), channel_labels)  # fmt: skip
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
