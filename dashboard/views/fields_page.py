"""Lĩnh vực & thủ tục (issue 4 §4): the league table by field or by procedure with the Biểu 06 columns, rates
and target status; early / on-time / late bars; processing time per procedure in working days (median, 90th
percentile, distribution) and the slowest procedures beside their legal time limit."""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from dashboard.charts.fields import processing_histogram, slowest_procedures, timeliness_bars
from dashboard.charts.style import GRADE_ICON
from dashboard.kpi.fields_queries import processing_days_histogram, processing_summary
from dashboard.kpi.rates import RATES
from dashboard.kpi.settings import procedure_time_limits
from dashboard.kpi.summary import has_dossiers, kpi_table
from dashboard.views import url_state
from dashboard.views.cache import kpi
from dashboard.views.i18n import current_language, register, t
from dashboard.views.page_common import page_header
from dashboard.views.tables import format_number, show_table

register(
    vi={
        "fields.by": "Xếp hạng theo",
        "fields.by.field": "Lĩnh vực",
        "fields.by.procedure": "Thủ tục",
        "fields.league": "Bảng xếp hạng theo {by}",
        "fields.league.how": (
            "Số liệu Biểu 06/VPCP/KSTT của kỳ, mỗi dòng một {by}. Tỷ lệ trước hạn, đúng hạn = {on_time}; "
            "tỷ lệ quá hạn = {late}; tỷ lệ giải quyết = {resolution}; tỷ lệ trực tuyến = {online}. "
            "Đánh giá so với chỉ tiêu đã đặt (✅ Đạt, ⚠️ Gần đạt, ❌ Chưa đạt, ➖ không có dữ liệu). "
            "Thời gian giải quyết tính theo ngày làm việc từ ngày tiếp nhận đến ngày có kết quả, "
            "với hồ sơ đã giải quyết trong kỳ. Bấm tiêu đề cột để sắp xếp."
        ),
        "fields.bars": "Trước hạn, đúng hạn, quá hạn theo {by}",
        "fields.bars.how": (
            "Mỗi thanh là 100% hồ sơ đã giải quyết trong kỳ (cột 7): trước hạn = cột 8, đúng hạn = cột 9, "
            "quá hạn = cột 10. Dòng không có hồ sơ đã giải quyết không được vẽ. Quá hạn nhiều nhất ở cuối."
        ),
        "fields.time": "Thời gian giải quyết theo thủ tục",
        "fields.time.pick": "Thủ tục",
        "fields.time.how": (
            "Phân bố số ngày làm việc từ ngày tiếp nhận đến ngày có kết quả của các hồ sơ đã giải quyết trong "
            "kỳ (không trừ thời gian tạm dừng, vì tệp xuất không ghi ngày tiếp tục). Đường nét đứt: trung vị "
            "(một nửa số hồ sơ nhanh hơn); chấm: phân vị 90 (90% số hồ sơ nhanh hơn); liền: thời hạn luật "
            "định khi đã khai báo."
        ),
        "fields.time.metric.resolved": "Hồ sơ đã giải quyết",
        "fields.time.metric.median": "Trung vị (ngày làm việc)",
        "fields.time.metric.p90": "Phân vị 90 (ngày làm việc)",
        "fields.time.metric.limit": "Thời hạn luật định",
        "fields.time.no_limit": "chưa khai báo",
        "fields.time.none": "Không có hồ sơ nào được giải quyết trong kỳ với bộ lọc này.",
        "fields.slow": "Thủ tục giải quyết lâu nhất",
        "fields.slow.min": "Chỉ xét thủ tục có ít nhất … hồ sơ đã giải quyết",
        "fields.slow.top": "Số thủ tục hiển thị",
        "fields.slow.how": (
            "Sắp theo trung vị rồi phân vị 90 số ngày làm việc giải quyết, giảm dần; chỉ các thủ tục có ít "
            "nhất {minimum} hồ sơ đã giải quyết trong kỳ (ít hồ sơ quá thì trung vị không đáng tin). Thời hạn "
            "luật định lấy từ danh mục đã khai báo (trang Dữ liệu, tab Cài đặt); trống khi chưa khai báo."
        ),
        "fields.slow.none": "Không có thủ tục nào có từ {minimum} hồ sơ đã giải quyết trong kỳ.",
        "fields.empty": "Không có hồ sơ nào trong kỳ với bộ lọc đã chọn.",
        "fields.bars.none": "Chưa có hồ sơ nào được giải quyết trong kỳ: chưa có tỷ lệ để vẽ.",
        "fields.col.name.field": "Lĩnh vực",
        "fields.col.name.procedure": "Thủ tục",
        "fields.col.c3": "Tổng số (cột 3)",
        "fields.col.c7": "Đã giải quyết (cột 7)",
        "fields.col.c8": "Trước hạn (cột 8)",
        "fields.col.c9": "Đúng hạn (cột 9)",
        "fields.col.c10": "Quá hạn (cột 10)",
        "fields.col.c11": "Đang giải quyết (cột 11)",
        "fields.col.c13": "Đang quá hạn (cột 13)",
        "fields.col.on_time_rate": "Tỷ lệ trước hạn, đúng hạn",
        "fields.col.grade": "Đánh giá (trước hạn, đúng hạn)",
        "fields.col.overdue_count": "Quá hạn, đã và đang giải quyết (cột 10 + 13)",
        "fields.col.overdue_grade": "Đánh giá (quá hạn, cột 10 + 13)",
        "fields.col.online_grade": "Đánh giá (trực tuyến)",
        "fields.col.late_rate": "Tỷ lệ quá hạn",
        "fields.col.resolution_rate": "Tỷ lệ giải quyết",
        "fields.col.online_rate": "Tỷ lệ trực tuyến",
        "fields.col.median": "Trung vị ngày giải quyết",
        "fields.col.p90": "Phân vị 90 ngày giải quyết",
        "fields.col.resolved": "Đã giải quyết",
        "fields.col.limit_days": "Thời hạn luật định (ngày làm việc)",
        "fields.col.max": "Lâu nhất (ngày)",
        "fields.grade.dat": "Đạt",
        "fields.grade.gan_dat": "Gần đạt",
        "fields.grade.chua_dat": "Chưa đạt",
        "fields.grade.none": "Không có dữ liệu",
    },
    en={
        "fields.by": "Rank by",
        "fields.by.field": "Field",
        "fields.by.procedure": "Procedure",
        "fields.league": "League table by {by}",
        "fields.league.how": (
            "Form 06/VPCP/KSTT numbers of the period, one row per {by}. Early or on-time rate = {on_time}; "
            "late rate = {late}; resolution rate = {resolution}; online rate = {online}. Graded against "
            "the stored targets (✅ Met, ⚠️ Nearly met, ❌ Not met, ➖ no data). Processing time is in working "
            "days from receipt to result, for dossiers resolved in the period. Click a header to sort."
        ),
        "fields.bars": "Early, on time and late by {by}",
        "fields.bars.how": (
            "Each bar is 100% of the dossiers finished in the period (column 7): early = column 8, on time = "
            "column 9, late = column 10. Rows with nothing finished are not drawn. Most late at the bottom."
        ),
        "fields.time": "Processing time by procedure",
        "fields.time.pick": "Procedure",
        "fields.time.how": (
            "Distribution of the working days from receipt to result of the dossiers resolved in the period "
            "(paused time is not subtracted: exports do not record when a pause ended). Dashed: median (half "
            "the dossiers were faster); dotted: 90th percentile (90% were faster); solid: the legal time "
            "limit when stored."
        ),
        "fields.time.metric.resolved": "Dossiers resolved",
        "fields.time.metric.median": "Median (working days)",
        "fields.time.metric.p90": "90th percentile (working days)",
        "fields.time.metric.limit": "Legal time limit",
        "fields.time.no_limit": "not stored",
        "fields.time.none": "No dossier was resolved in the period with these filters.",
        "fields.slow": "Slowest procedures",
        "fields.slow.min": "Only procedures with at least … resolved dossiers",
        "fields.slow.top": "Procedures shown",
        "fields.slow.how": (
            "Sorted by the median, then the 90th percentile of processing working days, slowest first; only "
            "procedures with at least {minimum} dossiers resolved in the period (too few make the median "
            "unreliable). Legal time limits come from the stored list (Data page, Settings tab); empty "
            "when not stored."
        ),
        "fields.slow.none": "No procedure has {minimum} or more dossiers resolved in the period.",
        "fields.empty": "No dossier in the period with the chosen filters.",
        "fields.bars.none": "No dossier was resolved in the period yet: no shares to draw.",
        "fields.col.name.field": "Field",
        "fields.col.name.procedure": "Procedure",
        "fields.col.c3": "Total (col. 3)",
        "fields.col.c7": "Finished (col. 7)",
        "fields.col.c8": "Early (col. 8)",
        "fields.col.c9": "On time (col. 9)",
        "fields.col.c10": "Late (col. 10)",
        "fields.col.c11": "In progress (col. 11)",
        "fields.col.c13": "Open, overdue (col. 13)",
        "fields.col.on_time_rate": "Early or on-time rate",
        "fields.col.grade": "Grade (early or on time)",
        "fields.col.overdue_count": "Overdue, resolved late and open (col. 10 + 13)",
        "fields.col.overdue_grade": "Grade (overdue)",
        "fields.col.online_grade": "Grade (online)",
        "fields.col.late_rate": "Late rate",
        "fields.col.resolution_rate": "Resolution rate",
        "fields.col.online_rate": "Online rate",
        "fields.col.median": "Median processing days",
        "fields.col.p90": "90th percentile processing days",
        "fields.col.resolved": "Resolved",
        "fields.col.limit_days": "Legal time limit (working days)",
        "fields.col.max": "Longest (days)",
        "fields.grade.dat": "Met",
        "fields.grade.gan_dat": "Nearly met",
        "fields.grade.chua_dat": "Not met",
        "fields.grade.none": "No data",
    },
)

LEAGUE_COUNTS = ["c3", "c7", "c8", "c9", "c10", "c11", "c13"]
LEAGUE_RATES = ["on_time_rate", "late_rate", "resolution_rate", "online_rate"]
MIN_DOSSIERS = 10
BY_CODES = ("field", "procedure")


def grade_text(code: str | None) -> str:
    """A grade as icon + words (never colour alone)."""
    word = t("fields.grade." + (code or "none"))
    return f"{GRADE_ICON[code]} {word}"


def league_frame(table: pd.DataFrame, by: str) -> pd.DataFrame:
    """The league table's columns, worst on-time rate first (no data last)."""
    frame = table[[by, *LEAGUE_COUNTS, "on_time_rate", "on_time_rate_grade", "overdue_count",
                   "overdue_count_grade", *LEAGUE_RATES[1:], "online_rate_grade"]].copy()  # fmt: skip
    frame["median"] = table["processing_days_median"]
    frame["p90"] = table["processing_days_p90"]
    for column in ("on_time_rate_grade", "overdue_count_grade", "online_rate_grade"):
        frame[column] = frame[column].map(grade_text)
    return frame.sort_values(["on_time_rate", by], na_position="last", kind="stable").reset_index(drop=True)


def slowest(summary: pd.DataFrame, limits: pd.DataFrame, minimum: int, top: int) -> pd.DataFrame:
    """Procedures with at least `minimum` resolved dossiers, slowest median then p90 first, with limit_days."""
    frame = summary[summary["resolved"] >= minimum].merge(
        limits[["procedure", "working_days"]].rename(columns={"working_days": "limit_days"}),
        on="procedure",
        how="left",
    )
    frame["limit_days"] = frame["limit_days"].astype("float64")
    frame = frame.sort_values(["median", "p90", "procedure"], ascending=[False, False, True], kind="stable")
    return frame.head(top).reset_index(drop=True)


def _labels(by: str) -> dict[str, str]:
    names = {c: t(f"fields.col.{c}") for c in [*LEAGUE_COUNTS, *LEAGUE_RATES, "median", "p90", "resolved"]}
    names.update({"on_time_rate_grade": t("fields.col.grade"), by: t(f"fields.col.name.{by}")})
    names.update(
        {"overdue_count": t("fields.col.overdue_count"), "overdue_count_grade": t("fields.col.overdue_grade")}
    )
    names["online_rate_grade"] = t("fields.col.online_grade")
    names.update({"limit_days": t("fields.col.limit_days"), "max": t("fields.col.max")})
    return names


def _days(value: float) -> str:
    return t("fields.time.no_limit") if value is None or math.isnan(value) else format_number(value, 0)


def _by_switch() -> str:
    """Lĩnh vực / Thủ tục, kept in the URL by its code (?theo=procedure, issue 11 §10)."""
    codec = url_state.one_of(BY_CODES)
    url_state.prepare("fields-by", "theo", codec, BY_CODES[0])
    by = st.segmented_control(
        t("fields.by"), BY_CODES, key="fields-by", format_func=lambda v: t(f"fields.by.{v}")
    )
    by = by or BY_CODES[0]
    url_state.publish("theo", codec, by, default=BY_CODES[0])
    return by


def render() -> None:
    chosen = page_header("nav.fields")
    lang = current_language()
    by = _by_switch()
    by_word = t(f"fields.by.{by}").lower()
    table = kpi(kpi_table, chosen.period, by, chosen.filters)
    if not has_dossiers(table):  # issue 11 §7
        with st.container(key="fields-empty", border=True):
            st.info(t("fields.empty"))
        return

    with st.container(key="fields-league"):
        st.subheader(t("fields.league", by=by_word))
        st.caption(
            t(
                "fields.league.how",
                by=by_word,
                on_time=RATES["on_time_rate"][2],
                late=RATES["late_rate"][2],
                resolution=RATES["resolution_rate"][2],
                online=RATES["online_rate"][2],
            )  # fmt: skip
        )
        show_table(
            league_frame(table, by), counts=[*LEAGUE_COUNTS, "overdue_count"], rates=LEAGUE_RATES, numbers=["median", "p90"],
            labels=_labels(by), key=f"fields-league-{by}",
        )  # fmt: skip

    with st.container(key="fields-bars"):
        st.subheader(t("fields.bars", by=by_word))
        st.caption(t("fields.bars.how"))
        if table["c7"].sum() == 0:  # the bars leave out rows without resolved dossiers: nothing would be left
            st.info(t("fields.bars.none"))
        else:
            st.plotly_chart(timeliness_bars(table, by, lang), key=f"fields-bars-{by}")

    histogram = kpi(processing_days_histogram, chosen.period, chosen.filters)
    limits = kpi(procedure_time_limits)
    with st.container(key="fields-time"):
        st.subheader(t("fields.time"))
        st.caption(t("fields.time.how"))
        if histogram.empty:
            st.info(t("fields.time.none"))
        else:
            _processing_time(histogram, limits, lang)

    with st.container(key="fields-slowest"):
        st.subheader(t("fields.slow"))
        left, right = st.columns(2)
        # Issue 11 §10: both are in the URL (?toi_thieu=…&so_dong=…).
        minimum = url_state.number_input(left, t("fields.slow.min"), "fields-slow-min", "toi_thieu", (1, 10_000),
                                         MIN_DOSSIERS)  # fmt: skip
        top = url_state.number_input(right, t("fields.slow.top"), "fields-slow-top", "so_dong", (3, 100), 15)
        st.caption(t("fields.slow.how", minimum=minimum))
        frame = slowest(processing_summary(histogram), limits, int(minimum), int(top))
        if frame.empty:
            st.info(t("fields.slow.none", minimum=minimum))
            return
        st.plotly_chart(slowest_procedures(frame, lang), key="fields-slow-chart")
        shown = frame[["procedure", "resolved", "median", "p90", "max", "limit_days"]].copy()
        # A missing limit is said in words, never an empty or "None" cell.
        shown["limit_days"] = [_days(v) for v in shown["limit_days"]]
        show_table(
            shown, counts=["resolved", "max"], numbers=["median", "p90"], labels=_labels("procedure"),
            key="fields-slow-table",
        )  # fmt: skip


def _processing_time(histogram: pd.DataFrame, limits: pd.DataFrame, lang: str) -> None:
    summary = processing_summary(histogram).sort_values("resolved", ascending=False, kind="stable")
    procedure = st.selectbox(
        t("fields.time.pick"),
        list(summary["procedure"]),
        key="fields-time-procedure",
        placeholder=t("filters.choose"),
    )
    row = summary.set_index("procedure").loc[procedure]
    known = limits.set_index("procedure")["working_days"]
    limit = float(known[procedure]) if procedure in known.index else float("nan")
    cells = st.columns(4)
    cells[0].metric(t("fields.time.metric.resolved"), f"{int(row['resolved']):,}".replace(",", "."))
    cells[1].metric(t("fields.time.metric.median"), format_number(row["median"], 1))
    cells[2].metric(t("fields.time.metric.p90"), format_number(row["p90"], 1))
    cells[3].metric(t("fields.time.metric.limit"), _days(limit))
    chosen_rows = histogram[histogram["procedure"] == procedure]
    st.plotly_chart(
        processing_histogram(chosen_rows, row["median"], row["p90"], limit, lang), key="fields-time-chart"
    )
