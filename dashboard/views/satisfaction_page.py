"""Mức độ hài lòng (issue 4 §6): ratings per unit with the number rated beside every rate, satisfaction
against timeliness, rating coverage."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.charts.satisfaction import ratings_stacked, satisfaction_vs_timeliness
from dashboard.charts.style import GRADE_ICON
from dashboard.formatting import format_count
from dashboard.kpi.rates import RATES, ratio
from dashboard.kpi.satisfaction_queries import ratings_from
from dashboard.kpi.summary import has_dossiers, kpi_tables, targets_for
from dashboard.views.cache import kpi
from dashboard.views.i18n import current_language, register, t
from dashboard.views.page_common import page_header
from dashboard.views.tables import format_fraction, show_table

register(
    vi={
        "sat.metric.rate": "Tỷ lệ hài lòng",
        "sat.metric.rate.how": "{formula}: {satisfied} / {rated} hồ sơ được đánh giá. Chỉ tiêu: {target}.",
        "sat.metric.coverage": "Tỷ lệ được đánh giá",
        "sat.metric.coverage.how": "{formula}: {rated} / {resolved} hồ sơ đã giải quyết trong kỳ.",
        "sat.metric.rated": "Hồ sơ được đánh giá",
        "sat.metric.rated.how": "Hồ sơ đã giải quyết trong kỳ có đánh giá của người dân (mọi mức).",
        "sat.metric.dissatisfied": "Không hài lòng",
        "sat.metric.dissatisfied.how": "Số hồ sơ được đánh giá “Không hài lòng”; tỷ lệ = {share} số được đánh giá.",
        "sat.units": "Mức độ hài lòng theo đơn vị",
        "sat.units.how": (
            "Hồ sơ đã giải quyết trong kỳ (cột 7, trạng thái đã giải quyết) có đánh giá. Tỷ lệ hài lòng = "
            "{formula}; tỷ lệ được đánh giá = {coverage}. Số được đánh giá luôn đứng cạnh tỷ lệ: tỷ lệ trên "
            "ít đánh giá thì kém tin cậy. Đánh giá so với chỉ tiêu: ✅ Đạt, ⚠️ Gần đạt, ❌ Chưa đạt, ➖ không "
            "có dữ liệu."
        ),
        "sat.bars": "Cơ cấu đánh giá theo đơn vị",
        "sat.bars.how": (
            "Mỗi thanh là 100% hồ sơ được đánh giá của đơn vị: rất hài lòng, hài lòng, không hài lòng; n = số "
            "được đánh giá. Đơn vị không có đánh giá không được vẽ. Hài lòng nhất ở trên."
        ),
        "sat.scatter": "Hài lòng và đúng hạn",
        "sat.scatter.how": (
            "Mỗi bong bóng là một đơn vị: trục ngang = tỷ lệ trước hạn, đúng hạn ({on_time}), trục dọc = tỷ lệ "
            "hài lòng ({formula}); bong bóng càng to càng nhiều hồ sơ được đánh giá (số trong chú thích khi rê "
            "chuột). Đơn vị thiếu một trong hai tỷ lệ không được vẽ."
        ),
        "sat.single": "Chỉ có một đơn vị trong lựa chọn: không có gì để so sánh giữa các đơn vị.",
        "sat.none": "Không có hồ sơ nào được đánh giá trong kỳ với bộ lọc đã chọn.",
        "sat.empty": "Không có hồ sơ nào trong kỳ với bộ lọc đã chọn.",
        "sat.col.unit": "Đơn vị",
        "sat.col.resolved": "Đã giải quyết",
        "sat.col.rated": "Được đánh giá",
        "sat.col.rating_coverage": "Tỷ lệ được đánh giá",
        "sat.col.very_satisfied": "Rất hài lòng",
        "sat.col.satisfied_only": "Hài lòng",
        "sat.col.dissatisfied": "Không hài lòng",
        "sat.col.satisfaction_rate": "Tỷ lệ hài lòng",
        "sat.col.grade": "Đánh giá",
        "sat.col.dissatisfied_share": "Tỷ lệ không hài lòng",
        "sat.col.on_time_rate": "Tỷ lệ trước hạn, đúng hạn",
        "sat.grade.dat": "Đạt",
        "sat.grade.gan_dat": "Gần đạt",
        "sat.grade.chua_dat": "Chưa đạt",
        "sat.grade.none": "Không có dữ liệu",
        "sat.target": "≥ 90% (đạt), 85% – dưới 90% (gần đạt)",
    },
    en={
        "sat.metric.rate": "Satisfaction rate",
        "sat.metric.rate.how": "{formula}: {satisfied} / {rated} rated dossiers. Target: {target}.",
        "sat.metric.coverage": "Rating coverage",
        "sat.metric.coverage.how": "{formula}: {rated} / {resolved} dossiers resolved in the period.",
        "sat.metric.rated": "Rated dossiers",
        "sat.metric.rated.how": "Dossiers resolved in the period that a citizen rated (any level).",
        "sat.metric.dissatisfied": "Dissatisfied",
        "sat.metric.dissatisfied.how": "Dossiers rated “dissatisfied”; share = {share} of the rated ones.",
        "sat.units": "Satisfaction by unit",
        "sat.units.how": (
            "Dossiers resolved in the period (column 7, status resolved) that were rated. Satisfaction rate = "
            "{formula}; rating coverage = {coverage}. The number rated always stands beside the rate: a rate "
            "over few ratings is less reliable. Graded against the target: ✅ Met, ⚠️ Nearly met, ❌ Not met, "
            "➖ no data."
        ),
        "sat.bars": "Ratings by unit",
        "sat.bars.how": (
            "Each bar is 100% of the unit's rated dossiers: very satisfied, satisfied, dissatisfied; n = number "
            "rated. Units without ratings are not drawn. Most satisfied at the top."
        ),
        "sat.scatter": "Satisfaction and timeliness",
        "sat.scatter.how": (
            "One bubble per unit: across = early or on-time rate ({on_time}), up = satisfaction rate "
            "({formula}); the bigger the bubble the more dossiers rated (the number shows on hover). Units "
            "missing either rate are not drawn."
        ),
        "sat.single": "Only one unit is selected: there is nothing to compare between units.",
        "sat.none": "No dossier was rated in the period with the chosen filters.",
        "sat.empty": "No dossier in the period with the chosen filters.",
        "sat.col.unit": "Unit",
        "sat.col.resolved": "Resolved",
        "sat.col.rated": "Rated",
        "sat.col.rating_coverage": "Rating coverage",
        "sat.col.very_satisfied": "Very satisfied",
        "sat.col.satisfied_only": "Satisfied",
        "sat.col.dissatisfied": "Dissatisfied",
        "sat.col.satisfaction_rate": "Satisfaction rate",
        "sat.col.grade": "Grade",
        "sat.col.dissatisfied_share": "Dissatisfied share",
        "sat.col.on_time_rate": "Early or on-time rate",
        "sat.grade.dat": "Met",
        "sat.grade.gan_dat": "Nearly met",
        "sat.grade.chua_dat": "Not met",
        "sat.grade.none": "No data",
        "sat.target": "≥ 90% (met), 85% to under 90% (nearly met)",
    },
)

COUNTS = ["resolved", "rated", "very_satisfied", "satisfied_only", "dissatisfied"]
RATE_COLUMNS = ["satisfaction_rate", "rating_coverage", "dissatisfied_share", "on_time_rate"]


def unit_frame(table: pd.DataFrame, ratings: pd.DataFrame) -> pd.DataFrame:
    """kpi_table by unit joined with the split ratings (units without ratings get zeros), best rate first."""
    frame = table[["unit", "unit_key", "resolved", "rated", "satisfied", "satisfaction_rate",
                   "satisfaction_rate_grade", "rating_coverage", "on_time_rate"]].merge(
        ratings[["unit_key", "very_satisfied", "satisfied_only", "dissatisfied"]], on="unit_key", how="left"
    )  # fmt: skip
    split = ["very_satisfied", "satisfied_only", "dissatisfied"]
    frame[split] = frame[split].fillna(0).astype("int64")
    frame["dissatisfied_share"] = ratio(frame["dissatisfied"], frame["rated"])
    return frame.sort_values(
        ["satisfaction_rate", "rated", "unit"],
        ascending=[False, False, True],
        na_position="last",
        kind="stable",
    ).reset_index(drop=True)


def grade_text(code: str | None) -> str:
    word = t("sat.grade." + (code or "none"))
    return f"{GRADE_ICON[code]} {word}"


def render() -> None:
    chosen = page_header("nav.satisfaction")
    lang = current_language()
    totals, table = kpi(kpi_tables, chosen.period, (None, "unit"), chosen.filters)  # one pass for both
    total = totals.iloc[0]
    if not has_dossiers(total):  # issue 11 §7
        with st.container(key="sat-empty", border=True):
            st.info(t("sat.empty"))
        return
    formula, coverage = RATES["satisfaction_rate"][2], RATES["rating_coverage"][2]
    with st.container(key="sat-metrics"):
        cells = st.columns(4)
        cells[0].metric(
            t("sat.metric.rate"), format_fraction(total["satisfaction_rate"]),
            help=t("sat.metric.rate.how", formula=formula, satisfied=format_count(int(total["satisfied"])),
                   rated=format_count(int(total["rated"])), target=t("sat.target")),
        )  # fmt: skip
        cells[1].metric(
            t("sat.metric.coverage"), format_fraction(total["rating_coverage"]),
            help=t("sat.metric.coverage.how", formula=coverage, rated=format_count(int(total["rated"])),
                   resolved=format_count(int(total["resolved"]))),
        )  # fmt: skip
        cells[2].metric(
            t("sat.metric.rated"), format_count(int(total["rated"])), help=t("sat.metric.rated.how")
        )
        share = format_fraction(ratio(pd.Series([total["dissatisfied"]]), pd.Series([total["rated"]]))[0])
        cells[3].metric(
            t("sat.metric.dissatisfied"), format_count(int(total["dissatisfied"])),
            help=t("sat.metric.dissatisfied.how", share=share),
        )  # fmt: skip
        st.caption(
            f"{t('sat.metric.rate')} {grade_text(total['satisfaction_rate_grade'])} · "
            + t("sat.metric.rate.how", formula=formula, satisfied=format_count(int(total["satisfied"])),
                rated=format_count(int(total["rated"])), target=t("sat.target"))
        )  # fmt: skip
    if total["rated"] == 0:
        with st.container(key="sat-none", border=True):
            st.info(t("sat.none"))
        return

    ratings = ratings_from(table)  # the same count as the table, split by rating
    frame = unit_frame(table, ratings)
    with st.container(key="sat-units"):
        st.subheader(t("sat.units"))
        st.caption(t("sat.units.how", formula=formula, coverage=coverage))
        shown = frame.drop(columns=["unit_key", "satisfied"])
        shown["satisfaction_rate_grade"] = shown["satisfaction_rate_grade"].map(grade_text)
        order = ["unit", "resolved", "rated", "rating_coverage", "very_satisfied", "satisfied_only",
                 "dissatisfied", "satisfaction_rate", "satisfaction_rate_grade", "dissatisfied_share", "on_time_rate"]  # fmt: skip
        labels = {c: t(f"sat.col.{c}") for c in order if c != "satisfaction_rate_grade"}
        labels["satisfaction_rate_grade"] = t("sat.col.grade")
        show_table(shown[order], counts=COUNTS, rates=RATE_COLUMNS, labels=labels, key="sat-units-table")
    if len(frame) < 2:
        st.info(t("sat.single"))
    with st.container(key="sat-bars"):
        st.subheader(t("sat.bars"))
        st.caption(t("sat.bars.how"))
        st.plotly_chart(ratings_stacked(frame, lang), key="sat-bars-chart")
    if len(frame) >= 2:
        with st.container(key="sat-scatter"):
            st.subheader(t("sat.scatter"))
            st.caption(t("sat.scatter.how", on_time=RATES["on_time_rate"][2], formula=formula))
            targets = kpi(targets_for)
            figure = satisfaction_vs_timeliness(
                frame, lang, on_time_target=_target(targets, "on_time_rate"),
                satisfaction_target=_target(targets, "satisfaction_rate"),
            )  # fmt: skip
            st.plotly_chart(figure, key="sat-scatter-chart")


def _target(targets: dict, name: str) -> float | None:
    """A "≥" target's value for the scatter's guide line; None for any other comparator."""
    target = targets.get(name)
    return target.value if target is not None and target.comparator == "ge" else None
