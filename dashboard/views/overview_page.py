"""Tổng quan (issue 4 §2): the period's headline cards with their change and target status, the monthly trend,
the early / on-time / late split, the five best and five worst units; the first-start banner (issue 4 §10)."""

from __future__ import annotations

import calendar
import math
from datetime import date

import pandas as pd
import streamlit as st

from dashboard.charts.overview import ranking_figure, rate_trend_figure, split_figure, trend_figure
from dashboard.charts.scales import percent_label, rate_target
from dashboard.charts.style import GREEN, VERMILLION
from dashboard.formatting import NO_DATA, format_count
from dashboard.kpi import periods
from dashboard.kpi.change_words import Change, Words, change_of
from dashboard.kpi.names import kpi_name
from dashboard.kpi.overview_queries import only_demo_imported
from dashboard.kpi.rates import RATES
from dashboard.kpi.summary import comparison_and_trend, has_dossiers, kpi_table, latest_snapshot, targets_for
from dashboard.kpi.targets import COMPARATOR_SYMBOL, Target
from dashboard.kpi.unit_register import marked_units, reorganisation_dates
from dashboard.kpi.units_queries import best_and_worst, rankable
from dashboard.safe_text import markdown_text
from dashboard.views import drilldown, navigation, unit_mode, url_state
from dashboard.views import overview_first_screen as first_screen
from dashboard.views.cache import kpi
from dashboard.views.i18n import current_language, register, t
from dashboard.views.page_common import page_header
from dashboard.views.tables import format_fraction

MIN_RESOLVED_DEFAULT = 20  # best / worst units: only units with at least this many resolved dossiers
# Issue 11 §10: the minimum is in the URL (?toi_thieu=30); the first screen reads it before the widget is drawn.
MINIMUM_CONTROL = ("overview-min-resolved", "toi_thieu", (1, 1_000_000), MIN_RESOLVED_DEFAULT)

register(
    vi={
        "ov.demo": "Đây là dữ liệu mẫu không phải số liệu thật của đơn vị "
        "nào. Hãy nhập tệp xuất từ phần mềm một cửa ở trang Dữ liệu để xem số liệu của mình.",
        "ov.demo.link": "Đến trang Dữ liệu để nhập tệp",
        "ov.cards": "Chỉ số chính của kỳ",
        "ov.received": "Hồ sơ nhận giải quyết",
        "ov.received.how": "Cột 3 Biểu 06 = cột 4 (trực tuyến) + cột 5 (trực tiếp, bưu chính) + cột 6 (từ kỳ "
        "trước chuyển sang): mọi hồ sơ đơn vị phải giải quyết trong kỳ.",
        "ov.resolved": "Hồ sơ đã giải quyết",
        "ov.resolved.how": "Cột 7 Biểu 06 = cột 8 (trước hạn) + cột 9 (đúng hạn) + cột 10 (quá hạn): hồ sơ có "
        "ngày kết thúc xử lý trong kỳ.",
        "ov.on_time": "Tỷ lệ trước hạn, đúng hạn",
        "ov.overdue": kpi_name("overdue_count", "vi"),
        "ov.overdue.how": "Cột 10 (đã giải quyết quá hạn) + cột 13 (đang giải quyết đã quá hạn ở cuối kỳ).",
        "ov.online": "Tỷ lệ hồ sơ trực tuyến",
        "ov.satisfaction": "Tỷ lệ hài lòng",
        "ov.rated": "{n} hồ sơ được đánh giá",
        "ov.rate.how": "Công thức: {formula}.",
        "ov.compared": "Mũi tên: thay đổi so với kỳ trước ({label}).",
        "ov.no_previous": "Không so sánh được với kỳ trước.",
        "ov.up": "tăng",
        "ov.down": "giảm",
        "ov.same": "không đổi",
        "ov.points": "điểm %",
        "ov.dossiers": "hồ sơ",
        "ov.prev_no_data": "kỳ trước không có dữ liệu",
        "ov.now_no_data": "kỳ này không có dữ liệu",
        "ov.target": "mục tiêu {symbol} {value}",
        "ov.no_grade": "Chưa xếp loại (không có dữ liệu)",
        "ov.grade.dat": "Đạt",
        "ov.grade.gan_dat": "Gần đạt",
        "ov.grade.chua_dat": "Chưa đạt",
        "ov.empty": "Không có hồ sơ nào trong kỳ này với bộ lọc đang chọn. Hãy chọn kỳ khác hoặc bỏ bớt bộ lọc.",
        "ov.card.no_data": "Kỳ này không có dữ liệu",
        "ov.trend.none": "Không có hồ sơ nào trong 12 tháng này với lựa chọn đang chọn: không có gì để vẽ.",
        "ov.resolved.none": "Chưa có hồ sơ nào được giải quyết trong kỳ: chưa tính được tỷ lệ trước hạn, đúng "
        "hạn, quá hạn và chưa xếp hạng đơn vị.",
        "ov.trend": "Xu hướng theo tháng",
        "ov.trend.how": "12 tháng dương lịch kết thúc ở tháng chứa ngày cuối kỳ đang chọn ({start} – {end}); "
        "cột xám: hồ sơ nhận giải quyết (cột 3), cột xanh: đã giải quyết (cột 7), đường cam: tỷ lệ trước hạn, "
        "đúng hạn = (cột 8 + cột 9) / cột 7 của từng tháng, trục từ 80% (hoặc thấp hơn nếu số liệu thấp hơn) đến "
        "100%; đường đứt: mục tiêu. Dấu *: tháng chưa trọn.",
        "ov.split": "Trước hạn / đúng hạn / quá hạn",
        "ov.split.how": "Tỷ lệ trên số hồ sơ đã giải quyết trong kỳ (cột 7): trước hạn = cột 8, đúng hạn = cột 9 "
        "(gồm cả hồ sơ rút, không có hạn), quá hạn = cột 10.",
        "ov.split.counts": "Trước hạn {c8} · Đúng hạn {c9} · Quá hạn {c10} · Tổng {c7} hồ sơ đã giải quyết",
        "ov.ranking": "Đơn vị tốt nhất và thấp nhất",
        "ov.min": "Số hồ sơ đã giải quyết tối thiểu để xếp hạng",
        "ov.min.how": "Đơn vị có ít hồ sơ hơn không được xếp hạng: với vài hồ sơ, tỷ lệ 100% hay 0% chỉ là ngẫu "
        "nhiên.",
        "ov.ranking.how": "Xếp theo tỷ lệ trước hạn, đúng hạn = (cột 8 + cột 9) / cột 7; chỉ các đơn vị có ít nhất "
        "{min} hồ sơ đã giải quyết trong kỳ ({eligible}/{total} đơn vị).",
        "ov.best": "{k} đơn vị tốt nhất",
        "ov.worst": "{k} đơn vị thấp nhất",
        "ov.ranking.none": "Không có đơn vị nào có từ {min} hồ sơ đã giải quyết trở lên trong kỳ.",
        "ov.ranking.single": "Chỉ có một đơn vị đủ điều kiện xếp hạng: {unit}.",
    },
    en={
        "ov.demo": "This is sample data not any unit's real figures. "
        "Import an export of the one-stop software on the Data page to see your own.",
        "ov.demo.link": "Go to the Data page to import a file",
        "ov.cards": "Key figures of the period",
        "ov.received": "Dossiers to handle",
        "ov.received.how": "Form 06 col. 3 = col. 4 (online) + col. 5 (in person, postal) + col. 6 (carried over "
        "from the previous period): every dossier the unit had to handle in the period.",
        "ov.resolved": "Dossiers resolved",
        "ov.resolved.how": "Form 06 col. 7 = col. 8 (early) + col. 9 (on time) + col. 10 (late): dossiers whose "
        "processing ended in the period.",
        "ov.on_time": "On-time rate",
        "ov.overdue": kpi_name("overdue_count", "en"),
        "ov.overdue.how": "Col. 10 (resolved late) + col. 13 (in progress and past due at the end of the period).",
        "ov.online": "Online rate",
        "ov.satisfaction": "Satisfaction rate",
        "ov.rated": "{n} dossiers rated",
        "ov.rate.how": "Formula: {formula}.",
        "ov.compared": "Arrows: change from the previous period ({label}).",
        "ov.no_previous": "No comparison with the previous period.",
        "ov.up": "up",
        "ov.down": "down",
        "ov.same": "unchanged",
        "ov.points": "% points",
        "ov.dossiers": "dossiers",
        "ov.prev_no_data": "no data in the previous period",
        "ov.now_no_data": "no data in this period",
        "ov.target": "target {symbol} {value}",
        "ov.no_grade": "Not graded (no data)",
        "ov.grade.dat": "Met",
        "ov.grade.gan_dat": "Nearly met",
        "ov.grade.chua_dat": "Not met",
        "ov.empty": "No dossiers in this period with the chosen filters. Choose another period or fewer filters.",
        "ov.card.no_data": "No data for this period",
        "ov.trend.none": "No dossiers in these 12 months with the chosen filters: nothing to draw.",
        "ov.resolved.none": "No dossier was resolved in the period yet: no early / on-time / late shares and no "
        "ranking of units.",
        "ov.trend": "Monthly trend",
        "ov.trend.how": "The 12 calendar months ending with the month of the selected period's last day "
        "({start} – {end}); grey bars: dossiers to handle (col. 3), blue bars: resolved (col. 7), orange line: "
        "on-time rate = (col. 8 + col. 9) / col. 7 of each month, on an axis from 80% (lower when the data are) to "
        "100%; dashed line: the target. *: month not complete.",
        "ov.split": "Early / on time / late",
        "ov.split.how": "Shares of the dossiers resolved in the period (col. 7): early = col. 8, on time = col. 9 "
        "(withdrawn and no-deadline dossiers included), late = col. 10.",
        "ov.split.counts": "Early {c8} · On time {c9} · Late {c10} · Total {c7} resolved",
        "ov.ranking": "Best and weakest units",
        "ov.min": "Minimum resolved dossiers to be ranked",
        "ov.min.how": "Units with fewer are not ranked: with a handful of dossiers, 100% or 0% is chance.",
        "ov.ranking.how": "Ranked by on-time rate = (col. 8 + col. 9) / col. 7; only units with at least {min} "
        "dossiers resolved in the period ({eligible}/{total} units).",
        "ov.best": "Best {k} units",
        "ov.worst": "Weakest {k} units",
        "ov.ranking.none": "No unit resolved {min} or more dossiers in the period.",
        "ov.ranking.single": "Only one unit can be ranked: {unit}.",
    },
)

# card key → (KPI column, label key, kind, how-it-is-computed). Which way is better: kpi.directions.
CARDS = (
    ("received", "c3", "ov.received", "count", "ov.received.how"),
    ("resolved", "c7", "ov.resolved", "count", "ov.resolved.how"),
    ("on_time", "on_time_rate", "ov.on_time", "rate", None),
    ("overdue", "overdue_count", "ov.overdue", "count", "ov.overdue.how"),
    ("online", "online_rate", "ov.online", "rate", None),
    ("satisfaction", "satisfaction_rate", "ov.satisfaction", "rate", None),
)
# Streamlit's own icon font: renders on every machine, unlike emoji (style.GRADE_ICON is for tables and charts).
GRADE_MATERIAL_ICON = {
    "dat": ":material/check_circle:",
    "gan_dat": ":material/warning:",
    "chua_dat": ":material/cancel:",
    None: ":material/remove:",
}
GRADE_MARKDOWN_COLOUR = {"dat": "green", "gan_dat": "orange", "chua_dat": "red", None: "gray"}
VOLUMES = ("c3", "c7")  # a selection without dossiers did receive and resolve 0: those cards still say "0"


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or bool(pd.isna(value))


def words() -> Words:
    """The words of a change in the page's language."""
    return Words(t("ov.up"), t("ov.down"), t("ov.same"), t("ov.points"), t("ov.dossiers"))


def card_change(column: str, current, previous, kind: str) -> Change:
    """The change under a card: "+120 hồ sơ · tăng" / "-3,20 điểm % · giảm", its arrow, and its tone by what
    the change means for that KPI (issue 11 §1: a fall of the on-time rate is bad, of received dossiers neutral)."""
    return change_of(column, current, previous, kind, words())


def change_text(current, previous, kind: str) -> tuple[str | None, str]:
    """The delta's text and arrow ("up", "down", "off"); None when either side has no data."""
    change = change_of("", current, previous, kind, words())
    return change.text, change.arrow


def grade_text(code: str | None, target: Target | None) -> str:
    """Icon + words (+ colour) of a grade, with the target: "✅ Đạt · mục tiêu ≥ 98,00%"."""
    if _missing(code):
        code = None  # a table's missing grade may arrive as NaN
    if code is None:
        words = f"{GRADE_MATERIAL_ICON[None]} {t('ov.no_grade')}"
    else:
        words = f"{GRADE_MATERIAL_ICON[code]} {t('ov.grade.' + code)}"
    goal = ""
    if target is not None:
        value = (
            format_fraction(target.value) if target.kpi.endswith("rate") else format_count(int(target.value))
        )
        goal = " · " + t("ov.target", symbol=COMPARATOR_SYMBOL[target.comparator], value=value)
    return f":{GRADE_MARKDOWN_COLOUR[code]}[{words}]{goal}"


def value_text(value, kind: str) -> str:
    if kind == "rate":
        return format_fraction(None if _missing(value) else float(value))
    return format_count(int(value)) if not _missing(value) else NO_DATA[current_language()]


def trend_period(period: periods.Period) -> periods.Period:
    """The 12 calendar months ending with the month that holds the period's last day."""
    end = period.end
    month = end.month - 11
    year = end.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return periods.custom(date(year, month, 1), end)


def partial_months(ends, snapshot) -> list[bool]:
    """Months of the trend not complete: cut short by the period's end, or ending after the newest data."""
    return [
        end.day != calendar.monthrange(end.year, end.month)[1] or (snapshot is not None and end > snapshot)
        for end in ends
    ]


def overview_numbers(chosen) -> tuple[pd.Series, pd.Series, pd.DataFrame]:
    """The period's row, the previous period's row and the 12-month trend, from one pass over the dossiers
    (issue 4 §11); the overview page and meeting mode's slides share the one cached answer."""
    compared, monthly = kpi(
        comparison_and_trend, chosen.period, trend_period(chosen.period), chosen.filters, year_earlier=False
    )
    current = compared[compared["compared"] == "current"].iloc[0]
    previous = compared[compared["compared"] == "previous"].iloc[0]
    return current, previous, monthly


def _banner() -> None:
    if kpi(only_demo_imported):
        with st.container(key="demo-banner"):
            st.info(t("ov.demo"), icon=":material/info:")
            st.page_link(navigation.page("data"), label=t("ov.demo.link"), icon=":material/database:")


def card_delta(
    column: str, current: pd.Series, previous: pd.Series | None, kind: str
) -> tuple[str | None, str, str]:
    """The delta's text, arrow and colour under a card. A previous period without dossiers is "kỳ trước không
    có dữ liệu" for every card (issue 11 §7): 0 overdue on nothing is no baseline to be better or worse than.
    A rate this period cannot have (nothing resolved yet) is "kỳ này không có dữ liệu", not blamed on the
    previous period."""
    if previous is None:
        return None, "off", "gray"
    if _missing(current[column]):
        return t("ov.now_no_data"), "off", "gray"
    change = card_change(column, current[column], previous[column], kind) if has_dossiers(previous) else None
    if change is None or change.text is None:
        return t("ov.prev_no_data"), "off", "gray"
    return change.text, change.arrow, change.metric_colour


def _card(card: tuple, current: pd.Series, previous: pd.Series | None, targets: dict[str, Target]) -> None:
    key, column, label_key, kind, how_key = card
    how = t(how_key) if how_key else t("ov.rate.how", formula=RATES[column][2])
    delta, arrow, colour = card_delta(column, current, previous, kind)
    st.metric(
        t(label_key), value_text(current[column], kind), delta=delta, delta_color=colour, delta_arrow=arrow,
        help=how,
    )  # fmt: skip
    if column in targets:
        st.markdown(grade_text(current.get(f"{column}_grade"), targets[column]))
    if column == "satisfaction_rate":
        st.caption(t("ov.rated", n=format_count(int(current["rated"]))))
    drilldown.card(column, current[column], key=f"card-{key}")


def _empty_card(card: tuple) -> None:
    """A card of a selection without dossiers (issue 11 §7): its value, "kỳ này không có dữ liệu", and no
    grade, no change and no "Xem hồ sơ" (a list of nothing)."""
    _, column, label_key, kind, how_key = card
    how = t(how_key) if how_key else t("ov.rate.how", formula=RATES[column][2])
    st.metric(t(label_key), value_text(0 if column in VOLUMES else None, kind), help=how)
    st.caption(t("ov.card.no_data"))


def _cards(current: pd.Series, previous: pd.Series | None, targets: dict[str, Target], label: str | None):
    empty = not has_dossiers(current)
    # One row of six on a laptop, two by two on a phone (overview_first_screen.FIRST_SCREEN_CSS).
    with st.container(key="ov-cards"):
        columns = st.columns(len(CARDS), gap="small")
        for index, card in enumerate(CARDS):
            with columns[index], st.container(key=f"card-{card[0]}", border=True):
                _empty_card(card) if empty else _card(card, current, previous, targets)
    if not empty:  # no arrows to explain
        with st.container(key="ov-compared"):
            st.caption(t("ov.compared", label=label) if label else t("ov.no_previous"))


def _first_screen_row(chosen, current: pd.Series, monthly: pd.DataFrame, targets: dict[str, Target]) -> None:
    """Beside each other on a laptop, one under the other on a phone: the rate's trend, the weakest units."""
    snapshot = kpi(latest_snapshot)
    monthly = monthly.assign(partial=partial_months(monthly["period_end"], snapshot))
    target = rate_target(targets, "on_time_rate")
    figure = rate_trend_figure(monthly, lang=current_language(), target=target)
    with st.container(key="ov-row"):
        trend_column, side_column = st.columns([3, 2], gap="medium")
    with trend_column, st.container(key="ov-rate-trend"):
        floor = percent_label(figure.layout.yaxis.range[0])
        st.subheader(t("ov.rate_trend"), help=t("ov.rate_trend.how", floor=floor))
        # The chart fills its box, whose height the stylesheet sets per screen width (first_screen).
        with st.container(key="ov-rate-chart"):
            st.plotly_chart(
                figure, key="rate-trend-chart", config={"displayModeBar": False}, height="stretch"
            )
    with side_column, st.container(key="ov-side"):
        units = kpi(kpi_table, chosen.period, "unit", chosen.filters)
        minimum = int(st.session_state["overview-min-resolved"])
        first_screen.draw_weakest(units, minimum)
        first_screen.draw_overdue_link(int(current["c13"]))


def _trend(chosen, monthly: pd.DataFrame) -> None:
    window = trend_period(chosen.period)
    snapshot = kpi(latest_snapshot)
    monthly = monthly.assign(partial=partial_months(monthly["period_end"], snapshot))
    with st.container(key="trend"):
        st.subheader(t("ov.trend"))
        if not has_dossiers(monthly):  # issue 11 §7: no zero bars on Plotly's default axes
            st.info(t("ov.trend.none"))
            return
        st.caption(
            t("ov.trend.how", start=window.start.strftime("%d/%m/%Y"), end=window.end.strftime("%d/%m/%Y"))
        )
        dates = [d for d in kpi(reorganisation_dates) if window.start < d <= window.end]  # issue 15 §4
        target = rate_target(kpi(targets_for), "on_time_rate")
        drilldown.chart(
            trend_figure(monthly, lang=current_language(), target=target, reorganisations=dates),
            "trend-chart",
            monthly,
            by_period=True,
        )
        unit_mode.show_trend_note(chosen.filters.units, dates, kpi(marked_units, chosen.filters, window.end))


def _split(current: pd.Series) -> None:
    with st.container(key="split"):
        st.subheader(t("ov.split"))
        st.caption(t("ov.split.how"))
        drilldown.chart(split_figure(current, lang=current_language()), "split-chart", current)
        counts = {c: format_count(int(current[c])) for c in ("c7", "c8", "c9", "c10")}
        st.markdown(t("ov.split.counts", **counts))


def _ranking(chosen) -> None:
    units = kpi(kpi_table, chosen.period, "unit", chosen.filters)
    with st.container(key="ranking"):
        st.subheader(t("ov.ranking"))
        minimum = url_state.number_input(
            st, t("ov.min"), *MINIMUM_CONTROL, step=5, help=t("ov.min.how"), width=320
        )
        best, worst = best_and_worst(units, minimum)
        eligible = int(rankable(units, minimum).sum())
        st.caption(t("ov.ranking.how", min=format_count(minimum), eligible=eligible, total=len(units)))
        if eligible == 0:
            st.info(t("ov.ranking.none", min=format_count(minimum)))
            return
        if eligible == 1:
            st.info(t("ov.ranking.single", unit=markdown_text(best["unit"].iloc[0])))
        left, right = st.columns(2)
        with left, st.container(key="best"):
            st.markdown(f"**{t('ov.best', k=len(best))}**")
            drilldown.chart(
                ranking_figure(best, GREEN, lang=current_language()), "best-chart", best, ["unit"]
            )
        if not worst.empty:
            with right, st.container(key="worst"):
                st.markdown(f"**{t('ov.worst', k=len(worst))}**")
                figure = ranking_figure(worst, VERMILLION, lang=current_language())
                drilldown.chart(figure, "worst-chart", worst, ["unit"])


def render() -> None:
    chosen = page_header("nav.overview")
    key, param, bounds, default = MINIMUM_CONTROL
    url_state.prepare(key, param, url_state.whole_number(*bounds), default)
    first_screen.style()
    current, previous, monthly = overview_numbers(chosen)
    targets = kpi(targets_for)
    empty = not has_dossiers(current)  # issue 11 §7: say so instead of grading and drawing nothing
    with st.container(key="first-screen"):  # issue 11 §8: all of it without scrolling
        _cards(current, previous, targets, previous["period"])
        if empty:
            st.info(t("ov.empty"))
        else:
            _first_screen_row(chosen, current, monthly, targets)
    _banner()
    _trend(chosen, monthly)
    if int(current["c7"]) > 0:
        _split(current)
        _ranking(chosen)
    elif not empty:  # dossiers, none resolved yet: the split and the ranking would be drawn from nothing
        st.info(t("ov.resolved.none"))
