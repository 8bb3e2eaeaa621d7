"""So sánh đơn vị (issue 4 §3): the league table with the Biểu 06 columns, rates and target status; early /
on-time / late bars per unit; the funnel plot of the on-time rate against volume; the unit × field heatmap;
two units side by side."""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from dashboard.charts.scales import percent_label, rate_target
from dashboard.charts.style import GRADE_ICON
from dashboard.charts.units import (
    MIN_CELL,
    Z_95,
    Z_998,
    funnel_figure,
    funnel_position,
    heatmap_figure,
    overall_rate,
    split_bars_figure,
)
from dashboard.formatting import format_count
from dashboard.kpi.names import kpi_name
from dashboard.kpi.rates import RATES
from dashboard.kpi.summary import has_dossiers, targets_for
from dashboard.kpi.units_queries import best_and_worst, unit_tables
from dashboard.safe_text import markdown_text
from dashboard.views import drilldown, unit_search, url_state
from dashboard.views.cache import kpi
from dashboard.views.i18n import current_language, register, t
from dashboard.views.page_common import page_header
from dashboard.views.tables import format_fraction, format_number, show_table

MIN_RESOLVED_DEFAULT = 20  # side by side: the default pair is the best and the weakest unit with this many

COUNT_COLUMNS = (
    "c3",
    "c4",
    "c5",
    "c6",
    "c7",
    "c8",
    "c9",
    "c10",
    "c11",
    "c12",
    "c13",
    "overdue_count",
    "rated",
)
RATE_COLUMNS = ("on_time_rate", "online_rate", "satisfaction_rate")
GRADED = ("on_time_rate", "overdue_count", "online_rate", "satisfaction_rate")

_COLUMNS_VI = {
    "unit": "Đơn vị",
    "c3": "(3) Nhận giải quyết",
    "c4": "(4) Trực tuyến",
    "c5": "(5) Trực tiếp, BCCI",
    "c6": "(6) Từ kỳ trước",
    "c7": "(7) Đã giải quyết",
    "c8": "(8) Trước hạn",
    "c9": "(9) Đúng hạn",
    "c10": "(10) Quá hạn",
    "c11": "(11) Đang giải quyết",
    "c12": "(12) Trong hạn",
    "c13": "(13) Quá hạn",
    "on_time_rate": "Tỷ lệ trước hạn, đúng hạn",
    "overdue_count": "Quá hạn (đã và đang GQ, 10 + 13)",
    "online_rate": "Tỷ lệ trực tuyến",
    "satisfaction_rate": "Tỷ lệ hài lòng",
    "rated": "Số được đánh giá",
    "on_time_rate_grade": "Xếp loại đúng hạn",
    "overdue_count_grade": "Xếp loại quá hạn (10 + 13)",
    "online_rate_grade": "Xếp loại trực tuyến",
    "satisfaction_rate_grade": "Xếp loại hài lòng",
}
_COLUMNS_EN = {
    "unit": "Unit",
    "c3": "(3) To handle",
    "c4": "(4) Online",
    "c5": "(5) In person, postal",
    "c6": "(6) Carried over",
    "c7": "(7) Resolved",
    "c8": "(8) Early",
    "c9": "(9) On time",
    "c10": "(10) Late",
    "c11": "(11) In progress",
    "c12": "(12) Within deadline",
    "c13": "(13) Open, overdue",
    "on_time_rate": "On-time rate",
    "overdue_count": "Overdue (resolved late + open, 10 + 13)",
    "online_rate": "Online rate",
    "satisfaction_rate": "Satisfaction rate",
    "rated": "Rated",
    "on_time_rate_grade": "On-time grade",
    "overdue_count_grade": "Overdue grade",
    "online_rate_grade": "Online grade",
    "satisfaction_rate_grade": "Satisfaction grade",
}

register(
    vi={
        **{f"un.col.{k}": v for k, v in _COLUMNS_VI.items()},
        "un.empty": "Không có hồ sơ nào trong kỳ này với bộ lọc đang chọn. Hãy chọn kỳ khác hoặc bỏ bớt bộ lọc.",
        "un.resolved.none": "Chưa đơn vị nào có hồ sơ đã giải quyết trong kỳ: chưa có tỷ lệ trước hạn, đúng hạn, "
        "quá hạn để vẽ.",
        "un.single": "Chỉ có một đơn vị trong lựa chọn này ({unit}): không có gì để so sánh giữa các đơn vị.",
        "un.league": "Bảng xếp hạng đơn vị",
        "un.league.how": "Các cột (3)–(13) theo Biểu số 06/VPCP/KSTT; (3) = (4) + (5) + (6), (7) = (8) + (9) + "
        "(10), (11) = (12) + (13). Tỷ lệ trước hạn, đúng hạn = {on_time}; tỷ lệ trực tuyến = {online}; tỷ lệ "
        "hài lòng = {satisfaction}; hồ sơ quá hạn (đã và đang giải quyết) = cột 10 + cột 13. Xếp loại so với chỉ tiêu: ✅ Đạt, ⚠️ Gần "
        "đạt, ❌ Chưa đạt, ➖ không có dữ liệu. Bấm vào tiêu đề cột để sắp xếp.",
        "un.split": "Trước hạn / đúng hạn / quá hạn theo đơn vị",
        "un.split.how": "Tỷ lệ trên số hồ sơ đã giải quyết của từng đơn vị (cột 7): trước hạn = cột 8, đúng hạn = "
        "cột 9, quá hạn = cột 10; đơn vị xếp theo tỷ lệ trước hạn, đúng hạn giảm dần.",
        "un.funnel": "Tỷ lệ đúng hạn theo số hồ sơ (biểu đồ phễu)",
        "un.funnel.how": "Mỗi điểm là một đơn vị: trục ngang = số hồ sơ đã giải quyết n (cột 7), trục dọc = tỷ lệ "
        "trước hạn, đúng hạn. Đường đen là tỷ lệ chung p = {p} (tổng cột 8 + cột 9 / tổng cột 7 của các đơn vị). "
        "Hai cặp đường cong là giới hạn kiểm soát p ± z·√(p(1−p)/n) với z = 1,96 (95%) và z = 3,09 (99,8%): "
        "đơn vị ít hồ sơ dao động nhiều hơn chỉ vì ngẫu nhiên, nên phễu rộng ra ở bên trái. Đơn vị nằm trong "
        "phễu không khác biệt rõ với mức chung; chỉ đơn vị nằm ngoài giới hạn (tam giác ▲ cao hơn, ▼ thấp hơn; ngoài "
        "giới hạn 99,8% thì ghi tên trên biểu đồ) mới thực sự tốt hơn hay kém hơn — một đơn vị có 5 hồ sơ không "
        "đứng đầu hay cuối vì may rủi.",
        "un.funnel.outside": "Ngoài giới hạn 95%: {units}.",
        "un.funnel.outside998": "Ngoài cả giới hạn 99,8%: {units}.",
        "un.funnel.none": "Không đơn vị nào nằm ngoài giới hạn 95%: khác biệt giữa các đơn vị có thể chỉ là ngẫu "
        "nhiên.",
        "un.above": "cao hơn",
        "un.below": "thấp hơn",
        "un.heatmap": "Tỷ lệ đúng hạn theo đơn vị và lĩnh vực",
        "un.heatmap.how": "Mỗi ô: tỷ lệ trước hạn, đúng hạn = (cột 8 + cột 9) / cột 7 của đơn vị trong lĩnh vực đó. "
        "Ô có ít hơn {k} hồ sơ đã giải quyết để trống (nền xám), số hồ sơ n hiện khi rê chuột. Hồ sơ chưa rõ "
        "lĩnh vực không có cột riêng. Màu: cam đỏ là dưới mục tiêu (càng thấp càng đậm), xanh là đạt mục tiêu trở "
        "lên; thang màu từ {floor} đến 100%.",
        "un.heatmap.empty": "Chưa có hồ sơ đã giải quyết nào có lĩnh vực trong kỳ.",
        "un.pair": "So sánh hai đơn vị",
        "un.pair.how": "Mặc định: đơn vị tốt nhất và thấp nhất theo tỷ lệ trước hạn, đúng hạn trong số đơn vị có "
        "ít nhất {min} hồ sơ đã giải quyết. Chênh lệch = B − A (tỷ lệ tính bằng điểm %).",
        "un.pair.a": "Đơn vị A",
        "un.pair.b": "Đơn vị B",
        "un.pair.kpi": "Chỉ số",
        "un.pair.diff": "Chênh lệch (B − A)",
        "un.kpi.c3": "Hồ sơ nhận giải quyết (cột 3)",
        "un.kpi.c7": "Đã giải quyết (cột 7)",
        "un.kpi.on_time_rate": "Tỷ lệ trước hạn, đúng hạn",
        "un.kpi.overdue_count": kpi_name("overdue_count", "vi") + " (cột 10 + cột 13)",
        "un.kpi.online_rate": "Tỷ lệ hồ sơ trực tuyến",
        "un.kpi.satisfaction_rate": "Tỷ lệ hài lòng",
        "un.kpi.rated": "Số hồ sơ được đánh giá",
        "un.kpi.processing_days_median": "Thời gian giải quyết (trung vị, ngày làm việc)",
        "un.points": "điểm %",
        "un.days": "ngày",
        "un.grade.dat": "Đạt",
        "un.grade.gan_dat": "Gần đạt",
        "un.grade.chua_dat": "Chưa đạt",
        "un.grade.none": "Không có dữ liệu",
    },
    en={
        **{f"un.col.{k}": v for k, v in _COLUMNS_EN.items()},
        "un.empty": "No dossiers in this period with the chosen filters. Choose another period or fewer filters.",
        "un.resolved.none": "No unit resolved a dossier in the period yet: no early / on-time / late shares to draw.",
        "un.single": "Only one unit in this selection ({unit}): there is nothing to compare between units.",
        "un.league": "Unit league table",
        "un.league.how": "Columns (3)–(13) as in Form 06/VPCP/KSTT; (3) = (4) + (5) + (6), (7) = (8) + (9) + (10), "
        "(11) = (12) + (13). On-time rate = {on_time}; online rate = {online}; satisfaction rate = "
        "{satisfaction}; overdue = col. 10 + col. 13. Grade against the target: ✅ Met, ⚠️ Nearly met, ❌ Not "
        "met, ➖ no data. Click a column header to sort.",
        "un.split": "Early / on time / late per unit",
        "un.split.how": "Shares of each unit's resolved dossiers (col. 7): early = col. 8, on time = col. 9, late = "
        "col. 10; units sorted by on-time rate, highest first.",
        "un.funnel": "On-time rate against volume (funnel plot)",
        "un.funnel.how": "One point per unit: across = resolved dossiers n (col. 7), up = on-time rate. The black "
        "line is the overall rate p = {p} (sum of col. 8 + col. 9 over sum of col. 7). The two pairs of curves "
        "are the control limits p ± z·√(p(1−p)/n) for z = 1.96 (95%) and z = 3.09 (99.8%): a unit with few "
        "dossiers varies more by chance alone, so the funnel widens to the left. A unit inside the funnel is not "
        "clearly different from the overall rate; only units outside (▲ above, ▼ below; named on the chart when outside the 99.8% limits) are really better "
        "or worse — a unit with five dossiers is neither best nor worst by luck.",
        "un.funnel.outside": "Outside the 95% limits: {units}.",
        "un.funnel.outside998": "Outside the 99.8% limits too: {units}.",
        "un.funnel.none": "No unit lies outside the 95% limits: the differences may be chance.",
        "un.above": "above",
        "un.below": "below",
        "un.heatmap": "On-time rate by unit and field",
        "un.heatmap.how": "Each cell: on-time rate = (col. 8 + col. 9) / col. 7 of the unit in that field. Cells "
        "with fewer than {k} resolved dossiers are blank (grey); hover shows n. Dossiers without a field have no "
        "column. Colours: vermillion to orange below the target (darker is lower), sky to blue at or above it; "
        "the scale runs from {floor} to 100%.",
        "un.heatmap.empty": "No resolved dossier with a field in the period.",
        "un.pair": "Two units side by side",
        "un.pair.how": "By default the best and the weakest unit by on-time rate among units with at least {min} "
        "resolved dossiers. Difference = B − A (rates in percentage points).",
        "un.pair.a": "Unit A",
        "un.pair.b": "Unit B",
        "un.pair.kpi": "Indicator",
        "un.pair.diff": "Difference (B − A)",
        "un.kpi.c3": "Dossiers to handle (col. 3)",
        "un.kpi.c7": "Resolved (col. 7)",
        "un.kpi.on_time_rate": "On-time rate",
        "un.kpi.overdue_count": kpi_name("overdue_count", "en") + " (col. 10 + col. 13)",
        "un.kpi.online_rate": "Online rate",
        "un.kpi.satisfaction_rate": "Satisfaction rate",
        "un.kpi.rated": "Dossiers rated",
        "un.kpi.processing_days_median": "Processing time (median, working days)",
        "un.points": "% points",
        "un.days": "days",
        "un.grade.dat": "Met",
        "un.grade.gan_dat": "Nearly met",
        "un.grade.chua_dat": "Not met",
        "un.grade.none": "No data",
    },
)

PAIR_KPIS = (
    ("c3", "count"),
    ("c7", "count"),
    ("on_time_rate", "rate"),
    ("overdue_count", "count"),
    ("online_rate", "rate"),
    ("satisfaction_rate", "rate"),
    ("rated", "count"),
    ("processing_days_median", "days"),
)


def grade_words(code: str | None) -> str:
    """Icon + words: "✅ Đạt"; no data → "➖ Không có dữ liệu"."""
    if code is None or (isinstance(code, float) and math.isnan(code)):
        return f"{GRADE_ICON[None]} {t('un.grade.none')}"
    return f"{GRADE_ICON[code]} {t('un.grade.' + code)}"


def league_frame(units: pd.DataFrame) -> pd.DataFrame:
    """The league table's columns, best on-time rate first, grades as icon + words."""
    frame = units.sort_values(["on_time_rate", "c7"], ascending=[False, False], na_position="last")
    frame = frame[["unit", *COUNT_COLUMNS[:11], "on_time_rate", "overdue_count", "online_rate",
                   "satisfaction_rate", "rated", *(f"{k}_grade" for k in GRADED)]].copy()  # fmt: skip
    for graded in GRADED:
        frame[f"{graded}_grade"] = [grade_words(code) for code in frame[f"{graded}_grade"]]
    return frame.reset_index(drop=True)


def _signed(value: float, decimals: int) -> str:
    text = format_number(abs(value), decimals)
    return ("+" if value > 0 else "−" if value < 0 else "") + text


def pair_frame(a: pd.Series, b: pd.Series) -> pd.DataFrame:
    """Rows of KPIs; columns: KPI, A, B, difference B − A (text, Vietnamese style)."""
    rows = []
    for name, kind in PAIR_KPIS:
        left, right = a[name], b[name]
        missing = pd.isna(left) or pd.isna(right)
        if kind == "rate":
            shown = [format_fraction(None if pd.isna(v) else float(v)) for v in (left, right)]
            diff = "" if missing else _signed((float(right) - float(left)) * 100, 2) + " " + t("un.points")
        elif kind == "days":
            shown = ["" if pd.isna(v) else format_number(float(v), 1) for v in (left, right)]
            diff = "" if missing else _signed(float(right) - float(left), 1) + " " + t("un.days")
        else:
            shown = [format_count(int(v)) for v in (left, right)]
            diff = _signed(int(right) - int(left), 0)
        rows.append({"kpi": t(f"un.kpi.{name}"), "a": shown[0], "b": shown[1], "diff": diff})
    return pd.DataFrame(rows)


def _league(units: pd.DataFrame) -> None:
    with st.container(key="league"):
        st.subheader(t("un.league"))
        st.caption(
            t("un.league.how", on_time=RATES["on_time_rate"][2], online=RATES["online_rate"][2],
              satisfaction=RATES["satisfaction_rate"][2])
        )  # fmt: skip
        frame = league_frame(units)
        show_table(
            frame, counts=COUNT_COLUMNS, rates=RATE_COLUMNS,
            labels={column: t(f"un.col.{column}") for column in frame.columns}, key="league-table",
            height=min(38 + 35 * len(frame), 720),
            **drilldown.table_options(frame, units, "league-table", ["unit"], match="unit"),
        )  # fmt: skip


def _split(units: pd.DataFrame) -> None:
    with st.container(key="unit-split"):
        st.subheader(t("un.split"))
        st.caption(t("un.split.how"))
        ordered = units[units["c7"] > 0].sort_values(["on_time_rate", "c7"], ascending=[False, False])
        drilldown.chart(
            split_bars_figure(ordered, lang=current_language()), "unit-split-chart", ordered, ["unit"]
        )


def _funnel(units: pd.DataFrame) -> None:
    resolved = units[units["c7"] > 0]
    p = overall_rate(resolved)
    with st.container(key="funnel"):
        st.subheader(t("un.funnel"))
        st.caption(t("un.funnel.how", p=format_fraction(p)))
        drilldown.chart(funnel_figure(resolved, lang=current_language()), "funnel-chart", resolved, ["unit"])
        outside, far = [], []
        for unit, rate, n in zip(resolved["unit"], resolved["on_time_rate"], resolved["c7"], strict=True):
            position = funnel_position(rate, n, p, Z_95)
            if position != "inside":
                word = t("un.above") if position == "above" else t("un.below")
                outside.append(
                    f"{markdown_text(unit)} ({word}, {format_fraction(rate)}, n = {format_count(int(n))})"
                )
                if funnel_position(rate, n, p, Z_998) != "inside":
                    far.append(markdown_text(unit))
        if outside:
            st.markdown(t("un.funnel.outside", units="; ".join(outside)))
            if far:
                st.markdown(t("un.funnel.outside998", units="; ".join(far)))
        else:
            st.markdown(t("un.funnel.none"))


def _heatmap(cells: pd.DataFrame, units: pd.DataFrame) -> None:
    with st.container(key="heatmap"):
        st.subheader(t("un.heatmap"))
        if cells.empty or cells["c7"].sum() == 0:
            st.caption(t("un.heatmap.how", k=MIN_CELL, floor="80%"))
            st.info(t("un.heatmap.empty"))
            return
        target = rate_target(kpi(targets_for), "on_time_rate")
        keyed = cells.merge(units[["unit", "unit_key"]], on="unit", how="left")  # the cells' units by key
        figure = heatmap_figure(cells, lang=current_language(), target=target)
        st.caption(t("un.heatmap.how", k=MIN_CELL, floor=percent_label(figure.data[0].zmin)))
        drilldown.chart(figure, "heatmap-chart", keyed, ["unit", "field"], hint="drill.hint.cells")


def _pair_pick(column, label: str, names: list[str], key: str, param: str, default: str) -> str:
    return url_state.selectbox(
        column, label, names, key, param, default, placeholder=t("filters.choose"),
        offered=lambda current: unit_search.narrowed_names(column, names, key, current)[0],
    )  # fmt: skip


def _pair(units: pd.DataFrame) -> None:
    names = sorted(units["unit"])
    best, worst = best_and_worst(units, MIN_RESOLVED_DEFAULT, k=1)
    if best.empty:  # no unit has enough dossiers: fall back to the ranking without a minimum
        best, worst = best_and_worst(units, 1, k=1)
    first = best["unit"].iloc[0] if not best.empty else names[0]
    second = worst["unit"].iloc[0] if not worst.empty else next((n for n in names if n != first), names[0])
    with st.container(key="pair"):
        st.subheader(t("un.pair"))
        st.caption(t("un.pair.how", min=MIN_RESOLVED_DEFAULT))
        left, right = st.columns(2)
        # Issue 11 §10: the two units compared are in the URL (?dv_a=…&dv_b=…), by name, as the table shows them;
        # §13: a search box above each, folding diacritics ("hai chau" finds "Phường Hải Châu").
        a = _pair_pick(left, t("un.pair.a"), names, "units-pair-a", "dv_a", first)
        b = _pair_pick(right, t("un.pair.b"), names, "units-pair-b", "dv_b", second)
        row_a = units[units["unit"] == a].iloc[0]
        row_b = units[units["unit"] == b].iloc[0]
        frame = pair_frame(row_a, row_b)
        st.dataframe(
            frame, hide_index=True, key="pair-table",
            column_config={
                "kpi": st.column_config.TextColumn(t("un.pair.kpi")),
                "a": st.column_config.TextColumn(f"A: {a}"),
                "b": st.column_config.TextColumn(f"B: {b}"),
                "diff": st.column_config.TextColumn(t("un.pair.diff")),
            },
        )  # fmt: skip


def render() -> None:
    chosen = page_header("nav.units")
    units, cells = kpi(unit_tables, chosen.period, chosen.filters)  # one pass for both (issue 4 §11)
    if not has_dossiers(units):  # issue 11 §7: no league of grades on nothing
        st.info(t("un.empty"))
        return
    _league(units)
    if len(units) == 1:
        st.info(t("un.single", unit=markdown_text(units["unit"].iloc[0])))
        return
    if units["c7"].sum() == 0:  # issue 11 §7: the split and the funnel would be empty charts on default axes
        st.info(t("un.resolved.none"))
    else:
        _split(units)
        _funnel(units)
    _heatmap(cells, units)
    _pair(units)
