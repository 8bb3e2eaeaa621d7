"""The leader's first screen of Tổng quan (issue 11 §8): on a 1366×768 laptop and on a 390×844 phone, without
scrolling, the period's cards against their targets, the trend of the on-time rate, the three weakest units and
the overdue dossiers with a link to their list.

The page keeps its detailed sections below; this module holds what makes the top fit: a stylesheet that tightens
Streamlit's spacing on this page only (it lives in the page's own elements, so it goes when the page does), the
weakest-units list and the link to the overdue list. Unit names come from imported files: they are escaped,
never rendered as Markdown or HTML.
"""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from dashboard.formatting import format_count
from dashboard.kpi.units_queries import rankable
from dashboard.views import navigation
from dashboard.views.i18n import register, t
from dashboard.views.screen_style import PHONE_MAX_PX
from dashboard.views.tables import format_fraction

WEAKEST = 3

register(
    vi={
        "ov.weakest": "{k} đơn vị thấp nhất",
        "ov.weakest.how": "Theo tỷ lệ trước hạn, đúng hạn = (cột 8 + cột 9) / cột 7, trong các đơn vị có ít nhất "
        "{min} hồ sơ đã giải quyết; bảng đầy đủ ở trang So sánh đơn vị.",
        "ov.weakest.none": "Chưa đủ đơn vị để xếp hạng (cần từ {min} hồ sơ đã giải quyết).",
        "ov.weakest.row": "{rate} · {n} hồ sơ",
        "ov.weakest.all": "Xem mọi đơn vị",
        "ov.overdue.link": "**{n}** hồ sơ đang quá hạn (cột 13): xem danh sách",
        "ov.overdue.link.none": "Không có hồ sơ đang quá hạn",
        "ov.rate_trend": "Tỷ lệ trước hạn, đúng hạn theo tháng",
        "ov.rate_trend.how": "Đường cam: tỷ lệ trước hạn, đúng hạn = (cột 8 + cột 9) / cột 7 của từng tháng, 12 "
        "tháng đến hết kỳ; đường đứt: mục tiêu. Trục từ {floor} đến 100% (không phóng đại). Dấu *: tháng chưa "
        "trọn. Số hồ sơ từng tháng ở biểu đồ xu hướng phía dưới.",
    },
    en={
        "ov.weakest": "Weakest {k} units",
        "ov.weakest.how": "By on-time rate = (col. 8 + col. 9) / col. 7, among units with at least {min} resolved "
        "dossiers; the full table is on the Units page.",
        "ov.weakest.none": "Not enough units to rank (each needs {min} resolved dossiers).",
        "ov.weakest.row": "{rate} · {n} dossiers",
        "ov.weakest.all": "See every unit",
        "ov.overdue.link": "**{n}** dossiers overdue now (col. 13): see the list",
        "ov.overdue.link.none": "No dossier is overdue now",
        "ov.rate_trend": "On-time rate by month",
        "ov.rate_trend.how": "Orange line: on-time rate = (col. 8 + col. 9) / col. 7 of each month, the 12 months "
        "to the end of the period; dashed line: the target. Axis from {floor} to 100% (not zoomed in). *: month "
        "not complete. Monthly volumes are in the trend chart further down.",
    },
)

# Tighter spacing on Tổng quan only; on a phone the six cards sit two by two instead of one under another.
FIRST_SCREEN_CSS = f"""<style>
/* The header bar is see-through here so the page can start near the top (its menu sits at the right). */
[data-testid="stHeader"] {{ background: transparent; }}
[data-testid="stMainBlockContainer"] {{ padding-top: 1.4rem; padding-left: 2rem; padding-right: 3.2rem; }}
[data-testid="stMainBlockContainer"] h1 {{ padding: 0 0 0.2rem 0; font-size: 2rem; }}
.st-key-first-screen {{ gap: 0.55rem; }}
.st-key-ov-cards [class*="st-key-card-"] {{ padding: 0.5rem 0.65rem; gap: 0.15rem; }}
/* Streamlit gives a column's blocks a zero flex basis and lets their elements shrink: a card or a heading whose
   text wraps would spill over its border or under the next element. */
.st-key-first-screen [data-testid="stColumn"] [data-testid="stVerticalBlock"],
.st-key-first-screen [data-testid="stColumn"] [data-testid="stLayoutWrapper"] {{
  flex: 1 0 auto !important; min-height: auto !important; }}
.st-key-first-screen [data-testid="stElementContainer"] {{ flex-shrink: 0 !important; }}
/* Streamlit pulls a text block up by 1 rem to cancel its paragraph's margin; the paragraphs here have none. */
.st-key-first-screen [data-testid="stMarkdownContainer"] {{ margin-bottom: 0 !important; }}
.st-key-first-screen [data-testid="stMarkdownContainer"] p {{ margin-bottom: 0 !important; }}
.st-key-ov-cards [data-testid="stMetricValue"] {{ font-size: 1.75rem; }}
/* Whole words, never "Hồ sơ nhận giải q…": labels and changes wrap instead of being cut. */
.st-key-ov-cards [data-testid="stMetricLabel"], .st-key-ov-cards [data-testid="stMetricLabel"] *,
.st-key-ov-cards [data-testid="stMetricDelta"], .st-key-ov-cards [data-testid="stMetricDelta"] * {{
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important; }}
.st-key-ov-cards [data-testid="stMetricLabel"] p {{ font-size: 0.85rem; line-height: 1.25; }}
.st-key-ov-cards [data-testid="stMetricDelta"] {{ height: auto; font-size: 0.8rem; }}
.st-key-ov-cards [data-testid="stMarkdown"] p,
.st-key-ov-cards [data-testid="stCaptionContainer"] {{ font-size: 0.8rem; line-height: 1.3; margin: 0; }}
.st-key-ov-compared [data-testid="stCaptionContainer"] {{ font-size: 0.8rem; }}
.st-key-ov-side h3, .st-key-ov-rate-trend h3 {{ font-size: 1.1rem; padding: 0; }}
.st-key-ov-side, .st-key-ov-rate-trend {{ gap: 0.35rem; }}
.st-key-ov-rate-chart {{ height: 300px !important; flex: 0 0 auto !important; }}
.ov-weakest {{ width: 100%; border-collapse: collapse; font-size: 0.9rem; }}
.ov-weakest td {{ padding: 0.15rem 0.3rem; border-bottom: 1px solid #E6E6E6; vertical-align: top; }}
.ov-weakest td.num {{ text-align: right; white-space: nowrap; }}
.st-key-ov-overdue [data-testid="stPageLink"] p {{ font-size: 0.95rem; }}
.st-key-ov-overdue [data-testid="stPageLink"] strong {{ font-size: 1.2rem; }}
/* On paper too: the count of overdue dossiers is the link's words (the print sheet hides page links). */
@media print {{ .st-key-ov-overdue [data-testid="stPageLink"] {{ display: flex !important; }} }}
@media (max-width: {PHONE_MAX_PX}px) {{
  /* The title on the header's line, between the sidebar's » and the menu's ⋮ (the header is see-through). */
  [data-testid="stMainBlockContainer"] {{ padding-top: 0.95rem; padding-left: 0.75rem; padding-right: 0.75rem; }}
  [data-testid="stMainBlockContainer"] h1 {{ font-size: 1.45rem; padding-left: 2.6rem; padding-right: 2.6rem; }}
  [data-testid="stMainBlockContainer"] [data-testid="stCaptionContainer"] {{ font-size: 0.72rem; }}
  .st-key-first-screen {{ gap: 0.4rem; }}
  .st-key-ov-cards [data-testid="stHorizontalBlock"] {{ flex-wrap: wrap; gap: 0.35rem; }}
  .st-key-ov-cards [data-testid="stColumn"] {{
    flex: 1 1 calc(50% - 0.2rem) !important; min-width: calc(50% - 0.2rem) !important;
    width: calc(50% - 0.2rem) !important; }}
  .st-key-ov-cards [class*="st-key-card-"] {{ padding: 0.35rem 0.5rem; gap: 0; }}
  .st-key-ov-cards [data-testid="stMetricValue"] {{ font-size: 1.3rem; }}
  .st-key-ov-cards [data-testid="stMetricLabel"] p {{ font-size: 0.75rem; }}
  .st-key-ov-cards [data-testid="stMetricDelta"] {{ font-size: 0.7rem; }}
  .st-key-ov-cards [data-testid="stMarkdown"] p {{ font-size: 0.7rem; }}
  .st-key-ov-rate-chart {{ height: 165px !important; }}
  /* The "Xem hồ sơ" button of a card: a line of small text, not a 40 px button row. */
  .st-key-ov-cards [class*="st-key-drill-"] button {{
    min-height: 0 !important; height: auto; padding: 0.1rem 0 !important; line-height: 1.2; }}
  .st-key-ov-cards [class*="st-key-drill-"] button p {{ font-size: 0.72rem; }}
  .ov-weakest {{ font-size: 0.78rem; }}
  .st-key-ov-overdue [data-testid="stPageLink"] p, .st-key-ov-overdue [data-testid="stPageLink"] strong {{
    font-size: 0.85rem; }}
  /* Stacked columns: the weakest units, the overdue link and the trend close together. */
  .st-key-ov-row [data-testid="stHorizontalBlock"] {{ gap: 0.3rem; }}
  .st-key-ov-side, .st-key-ov-rate-trend {{ gap: 0.2rem; }}
  .st-key-ov-side h3, .st-key-ov-rate-trend h3 {{ font-size: 1rem; }}
  .ov-weakest td {{ padding: 0.08rem 0.3rem; }}
  .st-key-ov-cards [class*="st-key-card-"] [data-testid="stVerticalBlock"] {{ gap: 0.1rem; }}
  /* What the arrows compare with: after the rest on a phone. */
  .st-key-first-screen > :has(.st-key-ov-compared) {{ order: 10; }}
  /* Stacked on a phone: the weakest units and the overdue link first, then the trend. */
  .st-key-ov-row [data-testid="stColumn"]:has(.st-key-ov-side) {{ order: -1; }}
}}
</style>"""


def style() -> None:
    st.html(FIRST_SCREEN_CSS)


def weakest_units(units: pd.DataFrame, minimum: int, k: int = WEAKEST) -> pd.DataFrame:
    """The k lowest on-time rates among the units that may be ranked (ties: more resolved first), lowest first;
    empty when fewer than two units may be ranked (a ranking of one says nothing)."""
    eligible = units[rankable(units, minimum)] if len(units) else units
    if len(eligible) < 2:
        return eligible.head(0)
    ordered = eligible.sort_values(
        ["on_time_rate", "c7", "unit"], ascending=[True, False, True], kind="stable"
    )
    return ordered.head(min(k, len(eligible) - 1))


def weakest_html(rows: pd.DataFrame) -> str:
    lines = "".join(
        f'<tr><td>{html.escape(str(unit))}</td><td class="num">'
        + html.escape(t("ov.weakest.row", rate=format_fraction(rate), n=format_count(int(n))))
        + "</td></tr>"
        for unit, rate, n in zip(rows["unit"], rows["on_time_rate"], rows["c7"], strict=True)
    )
    return f'<table class="ov-weakest" data-testid="ov-weakest">{lines}</table>'


def draw_weakest(units: pd.DataFrame, minimum: int) -> None:
    rows = weakest_units(units, minimum)
    st.subheader(t("ov.weakest", k=max(len(rows), 1)), help=t("ov.weakest.how", min=format_count(minimum)))
    if rows.empty:
        st.caption(t("ov.weakest.none", min=format_count(minimum)))
        return
    st.html(weakest_html(rows))


def draw_overdue_link(open_overdue: int) -> None:
    """The count of the dossiers overdue now (col. 13: in progress, past due at the period's end) and the way to
    their list on the overdue page."""
    with st.container(key="ov-overdue"):
        if not open_overdue:
            st.caption(t("ov.overdue.link.none"))
            return
        label = t("ov.overdue.link", n=format_count(open_overdue))
        st.page_link(navigation.page("actions"), label=label, icon=":material/list:")
