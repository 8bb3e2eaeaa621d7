"""Chỉ số 766 (issue 4 §7): the estimate per unit by group (always labelled "Ước tính"), the official published
scores when imported with their ranking, component bars against each group's maximum, and rank changes
between two snapshots."""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from dashboard.charts.index766 import component_bars, estimate_stacked, group_label, official_ranking
from dashboard.formatting import format_count, format_date
from dashboard.kpi.decision766 import GROUP_POINTS, NOT_COMPUTABLE, estimate_by_unit, estimate_vs_official
from dashboard.kpi.official766 import official_scores, rank_changes, snapshots
from dashboard.kpi.targets import band_766
from dashboard.views.cache import kpi
from dashboard.views.i18n import current_language, register, t
from dashboard.views.page_common import page_header
from dashboard.views.tables import format_fraction, format_number

register(
    vi={
        "i766.estimate": "Ước tính điểm 766 theo đơn vị",
        "i766.estimate.badge": (
            "**Ước tính** từ dữ liệu hồ sơ một cửa, không phải điểm chính thức do Cổng Dịch vụ công quốc gia "
            "công bố. Chỉ tính được các nhóm mà tệp xuất có dữ liệu; các nhóm khác ghi “{nc}”, không tính là 0."
        ),
        "i766.estimate.how": (
            "Tiến độ giải quyết (20) = (cột 8 + cột 9 + cột 12) / cột 3 × 20. Dịch vụ công trực tuyến (12): "
            "chỉ tiêu chí hồ sơ trực tuyến, đủ điểm khi tỷ lệ trực tuyến ≥ 50%, dưới đó tỷ lệ / 50% × 12. "
            "Thanh toán trực tuyến (10): đã thanh toán trực tuyến / hồ sơ có thông tin thanh toán, đủ điểm khi "
            "≥ 80%. Mức độ hài lòng (18), tiêu chí 5.4: 100% − (tỷ lệ quá hạn + tỷ lệ không hài lòng), đủ điểm "
            "khi ≥ 90%. Số hóa hồ sơ (22): hồ sơ có kết quả số hóa / đã giải quyết, đủ điểm khi ≥ 80%. "
            "Công khai, minh bạch (18): tệp xuất không có dữ liệu. % điểm tính được = điểm ước tính / tổng "
            "điểm tối đa của các nhóm tính được (để so sánh các đơn vị có dữ liệu khác nhau)."
        ),
        "i766.col.unit": "Đơn vị",
        "i766.col.c3": "Tổng số hồ sơ (cột 3)",
        "i766.col.estimated_points": "Điểm ước tính",
        "i766.col.computable_points": "Điểm tối đa tính được",
        "i766.col.estimated_percent": "% điểm tính được",
        "i766.col.progress_rate_766": "Tỷ lệ tiến độ",
        "i766.col.online_rate": "Tỷ lệ trực tuyến",
        "i766.col.rank": "Hạng",
        "i766.col.published_rank": "Hạng công bố (STT)",
        "i766.col.total": "Tổng điểm",
        "i766.col.band": "Xếp loại",
        "i766.col.province": "Tỉnh",
        "i766.col.official_total": "Tổng điểm chính thức",
        "i766.col.official_rank": "Hạng chính thức",
        "i766.col.rank_older": "Hạng kỳ trước",
        "i766.col.rank_newer": "Hạng kỳ sau",
        "i766.col.total_older": "Điểm kỳ trước",
        "i766.col.total_newer": "Điểm kỳ sau",
        "i766.col.points_change": "Chênh lệch điểm",
        "i766.col.change": "Thay đổi thứ hạng",
        "i766.estimate.empty": "Không có hồ sơ nào trong kỳ với bộ lọc đã chọn: không có gì để ước tính.",
        "i766.official": "Điểm chính thức đã công bố",
        "i766.official.none": (
            "Chưa nhập bảng điểm 766 chính thức. Tải bảng điểm từ Cổng Dịch vụ công quốc gia (tệp Excel) rồi "
            "nhập ở trang **Dữ liệu**, tab **Nhập dữ liệu** (tệp bảng điểm được nhận ra tự động), rồi tải lại trang. "
            "Khi đã nhập, trang này hiện điểm chính thức, thứ hạng và thay đổi thứ hạng giữa các lần công bố."
        ),
        "i766.level": "Cấp",
        "i766.level.tinh": "Tỉnh, thành phố",
        "i766.level.so_ban": "Sở, ban, ngành",
        "i766.level.xa_phuong": "Xã, phường, đặc khu",
        "i766.snapshot": "Ngày chốt số liệu",
        "i766.official.how": (
            "Điểm như đã công bố, kỳ “{kind}”, chốt ngày {day}. Hạng tính lại trong cấp đã chọn theo tổng điểm "
            "(bằng điểm thì cùng hạng); STT công bố xếp chung nhiều cấp nên có thể nhảy số. Xếp loại (quy ước "
            "dùng trong thực tế, không phải quy định): dưới 70 Yếu, 70 – dưới 85 Trung bình, 85 – dưới 90 "
            "Tốt, từ 90 Rất tốt."
        ),
        "i766.kind.nam": "năm",
        "i766.kind.6thang": "6 tháng",
        "i766.kind.quy": "quý",
        "i766.kind.thang": "tháng",
        "i766.kind.khong_ro": "không rõ",
        "i766.ranking": "Xếp hạng theo tổng điểm chính thức (30 đơn vị đầu)",
        "i766.beside": "Ước tính bên cạnh điểm chính thức",
        "i766.beside.how": (
            "Đơn vị ghép theo tên đã chuẩn hóa. Điểm ước tính (kỳ báo cáo đang chọn) và điểm chính thức (ngày "
            "chốt đã chọn) có thể thuộc các khoảng thời gian khác nhau."
        ),
        "i766.beside.none": "Không đơn vị nào trong dữ liệu hồ sơ trùng tên với bảng điểm chính thức của cấp này.",
        "i766.components": "Điểm từng nhóm so với điểm tối đa",
        "i766.components.unit": "Đơn vị",
        "i766.components.source": "Nguồn điểm",
        "i766.source.estimate": "Ước tính (dữ liệu hồ sơ)",
        "i766.source.official": "Chính thức (đã công bố)",
        "i766.components.how": (
            "Thanh xám: điểm tối đa của nhóm; thanh màu: điểm của đơn vị. Nhóm không tính được từ dữ liệu hồ "
            "sơ ghi “{nc}”, không vẽ thành 0."
        ),
        "i766.changes": "Thay đổi thứ hạng giữa hai lần công bố",
        "i766.changes.older": "Lần trước",
        "i766.changes.newer": "Lần sau",
        "i766.changes.only": "Chỉ đơn vị thay đổi thứ hạng",
        "i766.changes.how": (
            "Hạng tính lại trong cấp đã chọn ở mỗi lần công bố. Thay đổi = hạng lần trước − hạng lần sau: ▲ "
            "tăng hạng, ▼ giảm hạng. Đơn vị chỉ có ở một lần công bố để trống phía còn lại."
        ),
        "i766.changes.single": "Cần ít nhất hai ngày chốt số liệu của cùng một cấp để so sánh thứ hạng.",
        "i766.changes.same": "Hãy chọn hai ngày chốt khác nhau.",
        "i766.up": "▲ tăng {n} bậc",
        "i766.down": "▼ giảm {n} bậc",
        "i766.same": "= giữ nguyên",
        "i766.new": "mới có ở lần sau",
        "i766.gone": "không có ở lần sau",
    },
    en={
        "i766.estimate": "Estimated Decision 766 score by unit",
        "i766.estimate.badge": (
            "**Estimate** from one-stop dossier data, not the official score published by the National Public "
            "Service Portal. Only groups the export has data for are computed; the others read “{nc}” "
            "(cannot be computed from this data), never 0."
        ),
        "i766.estimate.how": (
            "Processing progress (20) = (col. 8 + col. 9 + col. 12) / col. 3 × 20. Online public services "
            "(12): the online-dossier criterion only, full points at an online rate ≥ 50%, below that "
            "rate / 50% × 12. Online payment (10): paid online / dossiers with payment data, full at ≥ 80%. "
            "Satisfaction (18), criterion 5.4: 100% − (late rate + dissatisfied share), full at ≥ 90%. "
            "Digitisation (22): resolved dossiers with a digitised result, full at ≥ 80%. Publicity (18): no "
            "data in exports. % of computable points = estimated points / the maximum of the computable groups "
            "(comparable between units with different data)."
        ),
        "i766.col.unit": "Unit",
        "i766.col.c3": "Dossiers (col. 3)",
        "i766.col.estimated_points": "Estimated points",
        "i766.col.computable_points": "Computable maximum",
        "i766.col.estimated_percent": "% of computable points",
        "i766.col.progress_rate_766": "Progress rate",
        "i766.col.online_rate": "Online rate",
        "i766.col.rank": "Rank",
        "i766.col.published_rank": "Published rank (STT)",
        "i766.col.total": "Total",
        "i766.col.band": "Band",
        "i766.col.province": "Province",
        "i766.col.official_total": "Official total",
        "i766.col.official_rank": "Official rank",
        "i766.col.rank_older": "Earlier rank",
        "i766.col.rank_newer": "Later rank",
        "i766.col.total_older": "Earlier total",
        "i766.col.total_newer": "Later total",
        "i766.col.points_change": "Points change",
        "i766.col.change": "Rank change",
        "i766.estimate.empty": "No dossier in the period with the chosen filters: nothing to estimate.",
        "i766.official": "Official published scores",
        "i766.official.none": (
            "No official 766 score table imported yet. Download it from the National Public Service Portal "
            "(Excel), import it on the **Data** page, tab **Import** (a score table is recognised by itself), then reload "
            "the page (F5). Once imported, this page shows the official scores, ranks and rank changes."
        ),
        "i766.level": "Level",
        "i766.level.tinh": "Provinces",
        "i766.level.so_ban": "Departments",
        "i766.level.xa_phuong": "Communes, wards",
        "i766.snapshot": "Data as of",
        "i766.official.how": (
            "Scores as published, period “{kind}”, as of {day}. Ranks are recomputed within the chosen level "
            "by total (ties share a rank); the published STT ranks several levels together and has gaps. Bands "
            "(a field convention, not law): under 70 weak, 70 to under 85 average, 85 to under 90 good, 90 "
            "and over very good."
        ),
        "i766.kind.nam": "year",
        "i766.kind.6thang": "6 months",
        "i766.kind.quy": "quarter",
        "i766.kind.thang": "month",
        "i766.kind.khong_ro": "unknown",
        "i766.ranking": "Ranking by official total (top 30)",
        "i766.beside": "Estimate beside the official score",
        "i766.beside.how": (
            "Units are matched by normalised name. The estimate (chosen reporting period) and the official "
            "score (chosen date) may cover different spans of time."
        ),
        "i766.beside.none": "No unit in the dossier data matches a name in the official table of this level.",
        "i766.components": "Each group's points against its maximum",
        "i766.components.unit": "Unit",
        "i766.components.source": "Score source",
        "i766.source.estimate": "Estimate (dossier data)",
        "i766.source.official": "Official (published)",
        "i766.components.how": (
            "Grey bar: the group's maximum; coloured bar: the unit's points. A group that dossier data cannot "
            "support reads “{nc}”, never drawn as 0."
        ),
        "i766.changes": "Rank changes between two publications",
        "i766.changes.older": "Earlier",
        "i766.changes.newer": "Later",
        "i766.changes.only": "Only units whose rank changed",
        "i766.changes.how": (
            "Ranks recomputed within the chosen level in each publication. Change = earlier rank − later rank: "
            "▲ up, ▼ down. A unit in one publication only has the other side empty."
        ),
        "i766.changes.single": "At least two dates of the same level are needed to compare ranks.",
        "i766.changes.same": "Choose two different dates.",
        "i766.up": "▲ up {n}",
        "i766.down": "▼ down {n}",
        "i766.same": "= unchanged",
        "i766.new": "new in the later one",
        "i766.gone": "not in the later one",
    },
)

GROUPS = list(GROUP_POINTS)


def not_computable_text() -> str:
    return NOT_COMPUTABLE if current_language() == "vi" else "cannot be computed from this data"


def points_text(value: float | None) -> str:
    """Points with two decimals, or the words for a group the data cannot support (never 0)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return not_computable_text()
    return format_number(value, 2)


def change_text(places: float | None, older: float | None, newer: float | None) -> str:
    """A rank change in symbol and words: ▲ tăng 3 bậc / ▼ giảm 2 bậc / = giữ nguyên."""
    if pd.isna(newer):
        return t("i766.gone")
    if pd.isna(older):
        return t("i766.new")
    places = int(places)
    if places > 0:
        return t("i766.up", n=places)
    if places < 0:
        return t("i766.down", n=-places)
    return t("i766.same")


def estimate_frame(estimate: pd.DataFrame) -> pd.DataFrame:
    """The estimate table as shown: group points as text (words where not computable)."""
    frame = estimate[
        ["unit", "c3", *GROUPS, "estimated_points", "computable_points", "estimated_percent"]
    ].copy()
    for group in GROUPS:
        frame[group] = frame[group].map(points_text)
    return frame


def points_table(frame: pd.DataFrame, points: list[str], labels: dict[str, str], key: str, **kinds) -> None:
    """show_table, with 766 points at two decimals as published (93,21): the cells keep their numbers, so
    sorting stays numeric. Other columns (counts, rates) are formatted by show_table's own rules."""
    styled = frame.style.format(lambda v: format_number(v, 2), subset=points)
    for column in kinds.get("counts", []):
        styled = styled.format(lambda v: "" if pd.isna(v) else format_count(int(v)), subset=[column])
    for column in kinds.get("rates", []):
        styled = styled.format(format_fraction, subset=[column])
    st.dataframe(
        styled, hide_index=True, key=key, height=kinds.get("height", "auto"),
        column_config={c: st.column_config.Column(labels.get(c, c)) for c in frame.columns},
    )  # fmt: skip


def _group_labels() -> dict[str, str]:
    lang = current_language()
    return {g: f"{group_label(g, lang)} (/{GROUP_POINTS[g]:g})" for g in GROUPS}


def render() -> None:
    chosen = page_header("nav.index766")
    lang = current_language()
    estimate = kpi(estimate_by_unit, chosen.period, chosen.filters)
    nc = not_computable_text()
    with st.container(key="i766-estimate"):
        st.subheader(t("i766.estimate"))
        st.warning(t("i766.estimate.badge", nc=nc), icon=":material/info:")
        if estimate.empty:
            st.info(t("i766.estimate.empty"))
        else:
            st.caption(t("i766.estimate.how"))
            labels = {c: t(f"i766.col.{c}") for c in ["unit", "c3", "estimated_points", "computable_points",
                                                      "estimated_percent"]}  # fmt: skip
            labels.update(_group_labels())
            points_table(
                estimate_frame(estimate), ["estimated_points", "computable_points"], labels,
                "i766-estimate-table", counts=["c3"], rates=["estimated_percent"],
            )  # fmt: skip
            st.plotly_chart(estimate_stacked(estimate, lang), key="i766-estimate-chart")

    stored = kpi(snapshots)
    scores = pd.DataFrame()
    level = None
    with st.container(key="i766-official"):
        st.subheader(t("i766.official"))
        if stored.empty:
            with st.container(key="i766-official-empty", border=True):
                st.info(t("i766.official.none"))
        else:
            levels = [lv for lv in ("xa_phuong", "so_ban", "tinh") if lv in set(stored["level"])]
            left, right = st.columns(2)
            level = left.selectbox(t("i766.level"), levels, format_func=lambda v: t(f"i766.level.{v}"),
                                   key="i766-level", placeholder=t("filters.choose"))  # fmt: skip
            dates = sorted(set(stored.loc[stored["level"] == level, "snapshot_at"]), reverse=True)
            day = right.selectbox(
                t("i766.snapshot"),
                dates,
                format_func=format_date,
                key="i766-snapshot",
                placeholder=t("filters.choose"),
            )
            scores = kpi(official_scores, day, level)
            _official(scores, estimate, chosen, day, level, lang)

    with st.container(key="i766-components"):
        st.subheader(t("i766.components"))
        st.caption(t("i766.components.how", nc=nc))
        _components(estimate, scores, lang)

    if not stored.empty:
        with st.container(key="i766-changes"):
            st.subheader(t("i766.changes"))
            _changes(stored, level)


def _official(scores: pd.DataFrame, estimate: pd.DataFrame, chosen, day, level: str, lang: str) -> None:
    kind = scores["period_kind"].iloc[0] if len(scores) else "khong_ro"
    st.caption(t("i766.official.how", kind=t(f"i766.kind.{kind}"), day=format_date(day)))
    shown = scores[["rank", "published_rank", "unit_name", "province", *GROUPS, "total"]].copy()
    shown["band"] = [band_766(v) for v in shown["total"]]
    labels = {c: t(f"i766.col.{c}") for c in ["rank", "published_rank", "province", "total", "band"]}
    labels.update(_group_labels())
    labels["unit_name"] = t("i766.col.unit")
    points_table(
        shown, [*GROUPS, "total"], labels, "i766-official-table", counts=["rank", "published_rank"], height=400
    )  # fmt: skip
    st.markdown(f"**{t('i766.ranking')}**")
    st.plotly_chart(official_ranking(scores, lang), key="i766-ranking-chart")
    beside = kpi(estimate_vs_official, chosen.period, day, level, chosen.filters)
    matched = beside[beside["official_total"].notna() & beside["estimated_points"].notna()]
    st.markdown(f"**{t('i766.beside')}**")
    if matched.empty:
        st.caption(t("i766.beside.none"))
        return
    st.caption(t("i766.beside.how"))
    columns = ["unit", "estimated_points", "estimated_percent", "official_total", "official_rank"]
    points_table(
        matched[columns], ["estimated_points", "official_total"], {c: t(f"i766.col.{c}") for c in columns},
        "i766-beside-table", rates=["estimated_percent"], counts=["official_rank"],
    )  # fmt: skip


def _components(estimate: pd.DataFrame, scores: pd.DataFrame, lang: str) -> None:
    sources = ["estimate"] + (["official"] if not scores.empty else [])
    left, right = st.columns(2)
    source = right.radio(
        t("i766.components.source"), sources, format_func=lambda v: t(f"i766.source.{v}"),
        horizontal=True, key="i766-components-source",
    )  # fmt: skip
    frame = estimate.rename(columns={"unit": "name"}) if source == "estimate" else scores.rename(
        columns={"unit_name": "name"})  # fmt: skip
    if frame.empty:
        st.info(t("i766.estimate.empty"))
        return
    unit = left.selectbox(
        t("i766.components.unit"),
        list(frame["name"]),
        key=f"i766-components-unit-{source}",
        placeholder=t("filters.choose"),
    )
    row = frame[frame["name"] == unit].iloc[0]
    points = {g: float(row[g]) if pd.notna(row[g]) else float("nan") for g in GROUPS}
    if source == "estimate":
        st.caption(t("i766.estimate.badge", nc=not_computable_text()))
    st.plotly_chart(component_bars(points, lang), key="i766-components-chart")


def _changes(stored: pd.DataFrame, level: str) -> None:
    dates = sorted(set(stored.loc[stored["level"] == level, "snapshot_at"]))
    if len(dates) < 2:
        st.info(t("i766.changes.single"))
        return
    left, middle, right = st.columns([2, 2, 3])
    older = left.selectbox(t("i766.changes.older"), dates, index=len(dates) - 2, format_func=format_date,
                           key="i766-changes-older", placeholder=t("filters.choose"))  # fmt: skip
    newer = middle.selectbox(t("i766.changes.newer"), dates, index=len(dates) - 1, format_func=format_date,
                             key="i766-changes-newer", placeholder=t("filters.choose"))  # fmt: skip
    only = right.toggle(t("i766.changes.only"), key="i766-changes-only")
    st.caption(t("i766.changes.how"))
    if older == newer:
        st.info(t("i766.changes.same"))
        return
    if older > newer:
        older, newer = newer, older
    changes = kpi(rank_changes, older, newer, level, None, only)
    shown = changes[
        ["unit_name", "rank_older", "rank_newer", "total_older", "total_newer", "points_change"]
    ].copy()
    shown["change"] = [
        change_text(p, o, n) for p, o, n in zip(changes["places_change"], changes["rank_older"],
                                                 changes["rank_newer"], strict=True)
    ]  # fmt: skip
    labels = {c: t(f"i766.col.{c}") for c in shown.columns if c != "unit_name"}
    labels["unit_name"] = t("i766.col.unit")
    points_table(
        shown, ["total_older", "total_newer", "points_change"], labels, "i766-changes-table",
        counts=["rank_older", "rank_newer"], height=420,
    )  # fmt: skip
