"""The five slides of meeting mode (issue 5 §6), one message each, every number from the KPI engine through
dashboard.views.cache.kpi (the same calls as the pages, so the figures match what the pages show).

Each slide draws its header (a title stating the message, the period, "Số liệu đến ngày …", "2/5") and a body
sized for 1920×1080 without scrolling. Text is HTML with the meeting-mode classes of style.py.
"""

from __future__ import annotations

import html
from collections.abc import Callable

import pandas as pd
import streamlit as st

from dashboard.charts.actions import BUCKETS, aging_table
from dashboard.charts.scales import rate_target
from dashboard.formatting import format_count, format_date
from dashboard.kpi.actions import action_list
from dashboard.kpi.decision766 import estimate_by_unit
from dashboard.kpi.official766 import official_scores, snapshots
from dashboard.kpi.satisfaction_queries import ratings_from
from dashboard.kpi.summary import has_dossiers, kpi_table, latest_snapshot, targets_for
from dashboard.kpi.targets import COMPARATOR_SYMBOL, band_766
from dashboard.kpi.units_queries import best_and_worst, rankable
from dashboard.views.cache import kpi
from dashboard.views.i18n import current_language, t
from dashboard.views.overview_page import (
    MIN_RESOLVED_DEFAULT,
    VOLUMES,
    card_change,
    overview_numbers,
    partial_months,
    value_text,
)
from dashboard.views.page_common import data_dates_text
from dashboard.views.present import (
    figures,
    strings,  # noqa: F401  (registers the strings)
)
from dashboard.views.present.style import (
    BAR,
    BAR_BEST,
    BAR_WORST,
    GRADE_COLOUR,
    GRADE_SYMBOL,
)
from dashboard.views.satisfaction_page import unit_frame
from dashboard.views.selection import Selection
from dashboard.views.tables import format_fraction, format_number

# Bars per chart that stay readable at 22 px from the back of the room, and keep their names on a 1280×720
# screen (issue 11 §9: twelve did not, Plotly left every other name out).
MAX_ROWS = 10
OLDEST = 6  # overdue dossiers listed on slide 3
LEVELS_766 = ("xa_phuong", "so_ban", "tinh")  # the 766 page's order: the commune level first
PLOTLY_CONFIG = {"displayModeBar": False}


def _e(text: object) -> str:
    return html.escape(str(text))


def header(title: str, chosen: Selection, number: int, total: int) -> None:
    """Title (the message), period, the latest snapshot's date and the slide number, as one block."""
    stamp = t("stamp", period=chosen.period.label, day=data_dates_text(chosen))
    st.html(
        f'<div class="pr-head"><div class="pr-title" data-testid="pr-title">{_e(title)}</div>'
        f'<div class="pr-meta"><div data-testid="pr-stamp">{_e(stamp)}</div>'
        f'<div class="pr-number" data-testid="pr-number">{number}/{total}</div></div></div>'
    )


def grade_html(code: str | None, target=None) -> str:
    """Icon + word + colour of a grade (never colour alone), with the target when there is one."""
    word = t(f"pr.grade.{code or 'none'}")
    goal = ""
    if target is not None:
        value = (
            format_fraction(target.value) if target.kpi.endswith("rate") else format_count(int(target.value))
        )
        goal = " · " + t("pr.target", symbol=COMPARATOR_SYMBOL[target.comparator], value=value)
    return (
        f'<span class="pr-grade" style="color:{GRADE_COLOUR[code]};font-weight:700">'
        f"{GRADE_SYMBOL[code]} {_e(word)}</span>{_e(goal)}"
    )


def card(label: str, value: str, *lines: str, key: str = "") -> str:
    rows = "".join(f'<div class="pr-line">{line}</div>' for line in lines if line)
    return (
        f'<div class="pr-card" data-key="{_e(key)}"><div class="pr-label">{_e(label)}</div>'
        f'<div class="pr-figure" data-testid="pr-figure-{_e(key)}">{value}</div>{rows}</div>'
    )


def cards(*items: str) -> None:
    st.html('<div class="pr-cards">' + "".join(items) + "</div>")


def caption(text: str) -> None:
    st.html(f'<div class="pr-caption">{_e(text)}</div>')


def message(text: str) -> None:
    st.html(f'<div class="pr-message" data-testid="pr-message">{_e(text)}</div>')


def chart(figure, key: str, fill: bool = False) -> None:
    """A slide's chart, always drawn to "stretch" into its box (issue 11 §9: meeting mode zooms the slide, and
    only a chart that takes its size from its box is drawn at the right size; style.py). fill=True: the box is
    what the slide leaves below the rest; otherwise the box is at most as tall as the figure was built (a few
    bars keep their height), and in the stacked print view exactly that tall."""
    design = figure.layout.height
    figure.layout.height = None
    if not fill and design:
        st.html(
            f"<style>.st-key-pr-deck .st-key-{key} {{ max-height: {int(design)}px; }}"
            f".st-key-pr-deck-all .st-key-{key} {{ height: {int(design)}px !important; }}</style>"
        )
    # theme=None: Streamlit's chart theme would put back its own small grey font over the figure's font size.
    st.plotly_chart(figure, key=key, config=PLOTLY_CONFIG, theme=None, height="stretch")


# ---------------------------------------------------------------- 1. overview


OVERVIEW_CARDS = (  # (key, KPI column, label, kind); which way is better: kpi.directions, as on the page
    ("received", "c3", "pr.received", "count"),
    ("resolved", "c7", "pr.resolved", "count"),
    ("on_time", "on_time_rate", "pr.on_time", "rate"),
    ("overdue", "overdue_count", "pr.overdue", "count"),
)


def _change_html(column: str, current: pd.Series, previous: pd.Series | None, kind: str) -> str:
    """The change against the previous period in words and arrow, coloured by what it means for the KPI (the
    card's own change, issue 11 §1): good green, bad red, a volume's change grey. A previous period without
    dossiers is no baseline (issue 11 §7): "kỳ trước không có dữ liệu", as on the page."""
    if previous is None:
        return _e(t("pr.no_previous"))
    if current[column] is None or pd.isna(current[column]):  # this period's rate is the missing one
        return _e(t("ov.now_no_data"))
    change = card_change(column, current[column], previous[column], kind) if has_dossiers(previous) else None
    if change is None or change.text is None:
        return _e(t("ov.prev_no_data"))
    symbol = {"up": "▲ ", "down": "▼ "}.get(change.arrow, "")
    return (
        f'<span class="pr-change" data-tone="{change.tone}" style="color:{change.text_colour};font-weight:600">'
        f"{symbol}{_e(change.text)}</span>"
    )


def overview(chosen: Selection, number: int, total: int) -> None:
    current, previous, monthly = overview_numbers(chosen)  # the overview page's cached answer
    targets = kpi(targets_for)
    empty = not has_dossiers(current)  # issue 11 §7: no grade, no change, no chart on nothing
    if empty:
        title = t("pr.s1.title.none")
    else:
        grade = t(f"pr.grade.{current.get('on_time_rate_grade') or 'none'}")
        title = t("pr.s1.title", rate=format_fraction(current["on_time_rate"]), grade=grade)
    header(title, chosen, number, total)
    items = []
    for key, column, label, kind in OVERVIEW_CARDS:
        if empty:
            value = value_text(0 if column in VOLUMES else None, kind)
            items.append(card(t(label), _e(value), _e(t("ov.card.no_data")), key=key))
            continue
        lines = [_change_html(column, current, previous, kind)]
        if column in targets:
            lines.append(grade_html(current.get(f"{column}_grade"), targets[column]))
        items.append(card(t(label), _e(value_text(current[column], kind)), *lines, key=key))
    cards(*items)
    if empty:
        message(t("pr.no_dossiers"))
        return
    caption(t("pr.versus", label=previous["period"]))
    snapshot = kpi(latest_snapshot)
    partial = partial_months(monthly["period_end"], snapshot)
    caption(t("pr.trend") + (" " + t("pr.partial", day=format_date(snapshot)) if any(partial) else ""))
    target = rate_target(targets, "on_time_rate")
    figure = figures.trend(monthly.assign(partial=partial), current_language(), height=None, target=target)
    chart(figure, "pr-trend", fill=True)


# ---------------------------------------------------------------- 2. unit ranking


def ranking(chosen: Selection, number: int, total: int) -> None:
    units = kpi(kpi_table, chosen.period, "unit", chosen.filters)
    eligible = units[rankable(units, MIN_RESOLVED_DEFAULT)] if len(units) else units
    if eligible.empty:
        header(t("pr.s2.title.none"), chosen, number, total)
        if not has_dossiers(units):  # issue 11 §7: not "0/0 units ranked", there is nothing at all
            message(t("pr.no_dossiers"))
            return
        message(t("pr.s2.note", eligible=0, total=len(units), min=MIN_RESOLVED_DEFAULT))
        return
    ordered = eligible.sort_values(["on_time_rate", "c7", "unit"], ascending=[False, False, True])
    weakest = ordered.iloc[-1]
    header(t("pr.s2.title", unit=weakest["unit"], rate=format_fraction(weakest["on_time_rate"])), chosen, number,
           total)  # fmt: skip
    caption(t("pr.s2.note", eligible=len(eligible), total=len(units), min=MIN_RESOLVED_DEFAULT))
    lang = current_language()
    if len(ordered) <= MAX_ROWS:
        worst_rate = weakest["on_time_rate"]
        colours = [BAR_WORST if rate == worst_rate else BAR for rate in ordered["on_time_rate"]]
        caption(t("pr.s2.all"))
        height = 160 + 60 * len(ordered)
        chart(
            figures.ranking(ordered, colours, lang, height=height),
            "pr-rank-all",
            fill=len(ordered) > MAX_ROWS // 2,
        )
        return
    # The best and the weakest in one chart across the slide: one scale by construction, and room for the names
    # and the rates even on a 4:3 screen (two charts side by side left their bars too short there).
    best, worst = best_and_worst(units, MIN_RESOLVED_DEFAULT)
    shown = pd.concat([best, worst.iloc[::-1]])  # top to bottom, best to weakest: the weakest last
    colours = [BAR_BEST] * len(best) + [BAR_WORST] * len(worst)
    caption(t("pr.s2.both", k=len(best), j=len(worst)))
    figure = figures.ranking(shown, colours, lang, height=None)
    figures.separate(figure, after=len(best))
    chart(figure, "pr-rank-both", fill=True)


# ---------------------------------------------------------------- 3. overdue


def _oldest_table(overdue: pd.DataFrame) -> str:
    rows = "".join(
        f"<tr><td class='nowrap'>{_e(code)}</td><td>{_e(unit)}</td><td class='num'>{format_count(int(days))}</td></tr>"
        for code, unit, days in zip(
            overdue["dossier_code"], overdue["unit"], overdue["working_days_overdue"], strict=True
        )  # fmt: skip
    )
    head = (
        f"<tr><th>{_e(t('pr.s3.code'))}</th><th>{_e(t('pr.s3.unit'))}</th>"
        f"<th class='num'>{_e(t('pr.s3.days'))}</th></tr>"
    )
    return f'<table class="pr-table" data-testid="pr-oldest">{head}{rows}</table>'


def overdue(chosen: Selection, number: int, total: int) -> None:
    as_of = chosen.period.end
    day = format_date(as_of)
    listed = kpi(action_list, as_of, "overdue", chosen.filters)
    summary = overview_numbers(chosen)[0]
    count = len(listed)
    title = t("pr.s3.title", n=format_count(count), day=day) if count else t("pr.s3.title.none", day=day)
    header(title, chosen, number, total)
    cards(
        card(t("pr.s3.open"), format_count(count), key="open"),
        card(t("pr.s3.late"), format_count(int(summary["c10"])), key="late"),
        card(t("pr.s3.units"), format_count(int(listed["unit"].nunique())) if count else "0", key="units"),
    )
    if not count:
        if not has_dossiers(summary):  # issue 11 §7: none overdue because there is nothing at all
            message(t("pr.no_dossiers"))
        return
    table = aging_table(listed).head(8)
    names = {label: t("pr.s3.bucket", label=label) for *_, label in BUCKETS}
    left, right = st.columns(2, gap="large")
    with left:
        caption(t("pr.s3.by_unit", k=len(table)))
        figure = figures.aging(table, names, t("pr.s3.axis"), current_language(), height=None)
        chart(figure, "pr-aging", fill=True)
    with right:
        caption(t("pr.s3.oldest"))
        st.html(_oldest_table(listed.head(OLDEST)))


# ---------------------------------------------------------------- 4. satisfaction


def satisfaction(chosen: Selection, number: int, total: int) -> None:
    row = overview_numbers(chosen)[0]
    rated = int(row["rated"])
    if not rated:
        header(t("pr.s4.title.none"), chosen, number, total)
        message(t("pr.no_dossiers") if not has_dossiers(row) else t("pr.s4.title.none"))
        return
    rate = format_fraction(row["satisfaction_rate"])
    header(t("pr.s4.title", rate=rate, n=format_count(rated)), chosen, number, total)
    targets = kpi(targets_for)
    cards(
        card(t("pr.s4.rate"), f"{_e(rate)} <small>· {format_count(rated)} {_e(t('pr.s4.rated'))}</small>",
             grade_html(row.get("satisfaction_rate_grade"), targets.get("satisfaction_rate")), key="rate"),
        card(t("pr.s4.coverage"), _e(format_fraction(row["rating_coverage"])), key="coverage"),
        card(t("pr.s4.dissatisfied"), format_count(int(row["dissatisfied"])), key="dissatisfied"),
    )  # fmt: skip
    units = kpi(kpi_table, chosen.period, "unit", chosen.filters)
    frame = unit_frame(units, ratings_from(units))
    frame = frame[frame["rated"] > 0]
    if len(frame) > MAX_ROWS:  # unit_frame is best first: the weakest are the last rows
        caption(t("pr.s4.by_unit.lowest", k=MAX_ROWS, total=len(frame)))
        frame = frame.tail(MAX_ROWS)
    else:
        caption(t("pr.s4.by_unit"))
    rates = {
        unit: format_fraction(rate)
        for unit, rate in zip(frame["unit"], frame["satisfaction_rate"], strict=True)
    }
    height = min(620, 150 + 46 * len(frame))
    chart(
        figures.satisfaction(frame, rates, current_language(), height=height),
        "pr-sat",
        fill=len(frame) > MAX_ROWS // 2,
    )


# ---------------------------------------------------------------- 5. Decision 766


def index766(chosen: Selection, number: int, total: int) -> None:
    lang = current_language()
    stored = kpi(snapshots)
    if not stored.empty:
        level = next(lv for lv in LEVELS_766 if lv in set(stored["level"]))
        scores = kpi(official_scores, None, level)
        if not scores.empty:
            top = scores.iloc[0]
            day = format_date(top["snapshot_at"])
            header(t("pr.s5.title.official", day=day, unit=top["unit_name"], total=format_number(top["total"], 2)),
                   chosen, number, total)  # fmt: skip
            k = min(MAX_ROWS, len(scores))
            caption(
                t("pr.s5.official", level=t(f"i766.level.{level}"), k=k, band=band_766(top["total"]) or "")
            )
            figure = figures.official(scores, lang, height=min(720, 120 + 50 * k), top=k)
            chart(figure, "pr-766-official", fill=k > MAX_ROWS // 2)
            return
    estimate = kpi(estimate_by_unit, chosen.period, chosen.filters)
    estimate = estimate[estimate["estimated_points"].notna()]
    if estimate.empty:
        header(t("pr.s5.title.none"), chosen, number, total)
        message(t("pr.no_dossiers"))
        return
    lowest = estimate.sort_values("estimated_percent", kind="stable").iloc[0]
    header(t("pr.s5.title.estimate", unit=lowest["unit"], percent=format_fraction(lowest["estimated_percent"])),
           chosen, number, total)  # fmt: skip
    st.html(f'<div class="pr-badge" data-testid="pr-estimate-badge">{_e(t("pr.s5.badge"))}</div>')
    shown = estimate
    if len(estimate) > MAX_ROWS:
        shown = estimate.sort_values("estimated_percent", kind="stable").head(MAX_ROWS)
        caption(t("pr.s5.lowest", k=MAX_ROWS, total=len(estimate)))
    figure = figures.estimate(shown, lang, height=min(640, 170 + 44 * len(shown)))
    chart(figure, "pr-766-estimate", fill=len(shown) > MAX_ROWS // 2)


SLIDES: tuple[Callable[[Selection, int, int], None], ...] = (
    overview,
    ranking,
    overdue,
    satisfaction,
    index766,
)
