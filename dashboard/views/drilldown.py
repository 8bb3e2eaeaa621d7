"""One click to the dossiers (issue 11 §15): a count on a card, a cell of a table or a bar of a chart opens the
list of the dossiers behind it, in a dialog, with the count at its top and an Excel download.

Pages call three helpers and keep their own layout:
- card(measure, shown, key): a "Xem hồ sơ" button under a card;
- chart(figure, key, source, dimensions): the chart, clickable where its traces carry drill meta
  (dashboard.charts.drill): a click opens the dossiers of the clicked bar, point or cell;
- table_options(shown, source, key, dimensions, match): options for tables.show_table that make every count
  and rate cell clickable.
A number is found back in the KPI table it was drawn from (`source`: kpi_table rows), so the list is that of the
same period, filters and cell (dashboard.kpi.drilldown.Drill), and the number shown is kept beside it: the dialog
says so when the list's count differs (it must not: tests/test_drilldown_pages.py checks every card and a sample
of cells of every page). Every target a page draws is recorded in session state (TARGETS) for those tests.

A click's callback records the target and gives the element a new key, so that the next run draws it without
the selection (a second click on the same bar opens it again instead of clearing the selection); the next
helper drawn then opens the dialog (Streamlit opens one dialog per run).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard.charts.drill import point_target
from dashboard.domain import STATUS_LABEL_VI
from dashboard.exports.dossier_list_xlsx import ListHeading, workbook_bytes
from dashboard.formatting import format_count, format_date
from dashboard.kpi.drilldown import MEASURES, RATE_MEASURES, STATES, Drill, dossier_list
from dashboard.kpi.filters import Filters
from dashboard.kpi.periods import Period
from dashboard.kpi.rates import RATES
from dashboard.views import selection
from dashboard.views.cache import kpi
from dashboard.views.i18n import current_language, register, t
from dashboard.views.tables import format_fraction

TARGETS = "_drill_targets"  # element key → {"row:column" or "curve:point" or "card" → Target}
_OPEN = "_drill_open"
_NONCE = "_drill_nonce"
# Columns of a KPI table that name a GROUPS dimension's value for a Drill cell.
CELL_COLUMNS = {"unit": "unit_key", "field": "field", "procedure": "procedure", "channel": "channel"}
DRILLABLE = (*MEASURES, *RATE_MEASURES)

_MEASURES_VI = {
    "c3": ("Hồ sơ nhận giải quyết (cột 3)", "Cột 3 = cột 4 + cột 5 + cột 6: hồ sơ tiếp nhận trong kỳ và hồ sơ từ "
           "kỳ trước chuyển sang (tiếp nhận trước ngày đầu kỳ, chưa kết thúc xử lý trước ngày đó)."),
    "received": ("Hồ sơ tiếp nhận trong kỳ (cột 4 + cột 5)", "Ngày tiếp nhận trong kỳ, mọi kênh nộp."),
    "c4": ("Tiếp nhận trực tuyến (cột 4)", "Ngày tiếp nhận trong kỳ, kênh nộp trực tuyến."),
    "c5": ("Tiếp nhận trực tiếp, bưu chính (cột 5)",
           "Ngày tiếp nhận trong kỳ, kênh nộp trực tiếp hoặc bưu chính công ích."),
    "c6": ("Từ kỳ trước chuyển sang (cột 6)", "Tiếp nhận trước ngày đầu kỳ, chưa kết thúc xử lý trước ngày đó."),
    "c7": ("Hồ sơ đã giải quyết (cột 7)", "Cột 7 = cột 8 + cột 9 + cột 10: ngày kết thúc xử lý (đã giải quyết, "
           "rút hoặc dừng xử lý) trong kỳ, tiếp nhận không sau ngày cuối kỳ."),
    "c8": ("Giải quyết trước hạn (cột 8)", "Trong cột 7: kết thúc xử lý trước ngày hẹn trả."),
    "c9": ("Giải quyết đúng hạn (cột 9)", "Trong cột 7: kết thúc đúng ngày hẹn trả, hoặc thủ tục không có hạn, "
           "hoặc hồ sơ rút (theo ghi chú của Biểu 06)."),
    "c10": ("Giải quyết quá hạn (cột 10)", "Trong cột 7, trừ hồ sơ rút: kết thúc xử lý sau ngày hẹn trả."),
    "c11": ("Đang giải quyết (cột 11)", "Cột 11 = cột 12 + cột 13: tiếp nhận không sau ngày cuối kỳ, chưa kết "
            "thúc xử lý tại cuối ngày cuối kỳ (kể cả hồ sơ kết thúc sau ngày đó)."),
    "c12": ("Đang giải quyết trong hạn (cột 12)", "Trong cột 11: hạn trả không trước ngày cuối kỳ, hoặc không có "
            "hạn, hoặc đang tạm dừng chờ bổ sung (theo ghi chú của Biểu 06)."),
    "c13": ("Đang giải quyết quá hạn (cột 13)", "Trong cột 11: hạn trả trước ngày cuối kỳ và không tạm dừng."),
    "overdue_count": ("Hồ sơ quá hạn (cột 10 + cột 13)", "Đã giải quyết quá hạn trong kỳ (cột 10) và đang giải "
                      "quyết đã quá hạn tại cuối kỳ (cột 13)."),
    "withdrawn": ("Hồ sơ rút, trả lại", "Trong cột 7: hồ sơ công dân rút hoặc trả lại (tính đúng hạn)."),
    "stopped": ("Hồ sơ dừng xử lý", "Trong cột 7: hồ sơ dừng xử lý, so với hạn như hồ sơ đã giải quyết."),
    "resolved": ("Hồ sơ đã giải quyết (không kể rút, dừng)", "Trong cột 7: trạng thái đã giải quyết."),
    "paused": ("Hồ sơ tạm dừng tại cuối kỳ", "Trong cột 11: đang chờ bổ sung hoặc thực hiện nghĩa vụ tài chính."),
    "due_soon": ("Hồ sơ sắp đến hạn", "Trong cột 11, không tạm dừng: hạn trả từ ngày cuối kỳ đến {n} ngày làm "
                 "việc sau đó."),
    "full_online_received": ("Hồ sơ toàn trình tiếp nhận trong kỳ", "Trong cột 4 + cột 5: dịch vụ công toàn trình."),
    "rated": ("Hồ sơ được đánh giá", "Hồ sơ đã giải quyết trong kỳ (trạng thái đã giải quyết) có đánh giá."),
    "satisfied": ("Hồ sơ hài lòng, rất hài lòng", "Hồ sơ được đánh giá hài lòng hoặc rất hài lòng."),
    "very_satisfied": ("Hồ sơ rất hài lòng", "Hồ sơ được đánh giá rất hài lòng."),
    "satisfied_only": ("Hồ sơ hài lòng", "Hồ sơ được đánh giá hài lòng."),
    "dissatisfied": ("Hồ sơ không hài lòng", "Hồ sơ được đánh giá không hài lòng."),
}  # fmt: skip
_MEASURES_EN = {
    "c3": ("Dossiers to handle (col. 3)", "Col. 3 = col. 4 + col. 5 + col. 6: received in the period, and carried "
           "over (received before its first day and not finished before that day)."),
    "received": ("Received in the period (col. 4 + col. 5)", "Received in the period, every channel."),
    "c4": ("Received online (col. 4)", "Received in the period, online."),
    "c5": ("Received in person, postal (col. 5)", "Received in the period, in person or by post."),
    "c6": ("Carried over (col. 6)", "Received before the period's first day and not finished before that day."),
    "c7": ("Resolved (col. 7)", "Col. 7 = col. 8 + col. 9 + col. 10: processing ended (resolved, withdrawn or "
           "stopped) in the period, received by its last day."),
    "c8": ("Resolved early (col. 8)", "In col. 7: ended before the due day."),
    "c9": ("Resolved on time (col. 9)", "In col. 7: ended on the due day, or no deadline, or withdrawn (the form's "
           "note)."),
    "c10": ("Resolved late (col. 10)", "In col. 7, withdrawn ones aside: ended after the due day."),
    "c11": ("In progress (col. 11)", "Col. 11 = col. 12 + col. 13: received by the period's last day and not "
            "finished at its end (including dossiers finished later)."),
    "c12": ("In progress within the deadline (col. 12)", "In col. 11: due on or after the last day, or no "
            "deadline, or paused (the form's note)."),
    "c13": ("In progress and overdue (col. 13)", "In col. 11: due before the last day and not paused."),
    "overdue_count": ("Overdue (col. 10 + col. 13)", "Resolved late in the period (col. 10) and in progress past "
                      "due at its end (col. 13)."),
    "withdrawn": ("Withdrawn, returned", "In col. 7: withdrawn by the citizen or returned (counted on time)."),
    "stopped": ("Stopped", "In col. 7: processing stopped; compared with the due day like resolved ones."),
    "resolved": ("Resolved (not withdrawn or stopped)", "In col. 7: status resolved."),
    "paused": ("Paused at the end", "In col. 11: waiting for documents or fees."),
    "due_soon": ("Due soon", "In col. 11, not paused: due from the last day to {n} working days after it."),
    "full_online_received": ("Full-online dossiers received", "In col. 4 + col. 5: full-online service."),
    "rated": ("Dossiers rated", "Resolved in the period (status resolved) and rated."),
    "satisfied": ("Satisfied or very satisfied", "Rated satisfied or very satisfied."),
    "very_satisfied": ("Very satisfied", "Rated very satisfied."),
    "satisfied_only": ("Satisfied", "Rated satisfied."),
    "dissatisfied": ("Dissatisfied", "Rated dissatisfied."),
}  # fmt: skip
_RATES_VI = {
    "on_time_rate": "Tỷ lệ trước hạn, đúng hạn", "early_rate": "Tỷ lệ trước hạn", "late_rate": "Tỷ lệ quá hạn",
    "resolution_rate": "Tỷ lệ đã giải quyết", "online_rate": "Tỷ lệ hồ sơ trực tuyến",
    "full_online_share": "Tỷ lệ hồ sơ toàn trình", "progress_rate_766": "Tỷ lệ tiến độ (Chỉ số 766)",
    "satisfaction_rate": "Tỷ lệ hài lòng", "rating_coverage": "Tỷ lệ được đánh giá",
    "dissatisfied_share": "Tỷ lệ không hài lòng",
}  # fmt: skip
_RATES_EN = {
    "on_time_rate": "On-time rate", "early_rate": "Early rate", "late_rate": "Late rate",
    "resolution_rate": "Resolution rate", "online_rate": "Online rate", "full_online_share": "Full-online share",
    "progress_rate_766": "Progress rate (766 index)", "satisfaction_rate": "Satisfaction rate",
    "rating_coverage": "Rating coverage", "dissatisfied_share": "Dissatisfied share",
}  # fmt: skip
_STATES_VI = {
    "early": "Đã giải quyết trước hạn", "on_time": "Đã giải quyết đúng hạn", "late": "Đã giải quyết quá hạn",
    "withdrawn": "Rút hồ sơ (tính đúng hạn)", "stopped_early": "Dừng xử lý, trước hạn",
    "stopped_on_time": "Dừng xử lý, đúng hạn", "stopped_late": "Dừng xử lý, quá hạn",
    "open_within": "Đang giải quyết, trong hạn", "open_overdue": "Đang giải quyết, quá hạn",
    "paused": "Tạm dừng (chờ bổ sung)",
}  # fmt: skip
_STATES_EN = {
    "early": "Resolved early", "on_time": "Resolved on time", "late": "Resolved late",
    "withdrawn": "Withdrawn (counted on time)", "stopped_early": "Stopped, early", "stopped_on_time": "Stopped, on time",
    "stopped_late": "Stopped, late", "open_within": "In progress, within deadline", "open_overdue": "In progress, overdue",
    "paused": "Paused (waiting for documents)",
}  # fmt: skip
_STATUS_EN = {
    "not_received": "Registered", "in_progress": "In progress", "refused": "Refused", "paused": "Paused",
    "withdrawn": "Withdrawn / returned", "stopped": "Stopped", "resolved": "Resolved",
}  # fmt: skip
_COLUMNS_VI = {
    "dossier_code": "Mã hồ sơ", "unit": "Đơn vị", "field_name": "Lĩnh vực", "procedure": "Thủ tục",
    "channel": "Kênh nộp", "received_day": "Ngày tiếp nhận", "due_day": "Ngày hẹn trả",
    "finished_day": "Ngày kết thúc xử lý", "state": "Tình trạng tại cuối kỳ", "status": "Trạng thái trong tệp nhập",
    "days_late": "Số ngày làm việc trễ", "in_numerator": "Tính vào tử số",
}  # fmt: skip
_COLUMNS_EN = {
    "dossier_code": "Dossier code", "unit": "Unit", "field_name": "Field", "procedure": "Procedure",
    "channel": "Channel", "received_day": "Received", "due_day": "Due", "finished_day": "Processing ended",
    "state": "State at the end of the period", "status": "Status in the imported file",
    "days_late": "Working days late", "in_numerator": "In the numerator",
}  # fmt: skip

register(
    vi={
        **{f"drill.m.{k}": v[0] for k, v in _MEASURES_VI.items()},
        **{f"drill.rule.{k}": v[1] for k, v in _MEASURES_VI.items()},
        **{f"drill.m.{k}": v for k, v in _RATES_VI.items()},
        **{f"drill.state.{k}": v for k, v in _STATES_VI.items()},
        **{f"drill.status.{k}": v for k, v in STATUS_LABEL_VI.items()},
        **{f"drill.col.{k}": v for k, v in _COLUMNS_VI.items()},
        "drill.open": "Xem hồ sơ",
        "drill.open.help": "Danh sách các hồ sơ được tính trong số này, tải được dạng Excel.",
        "drill.title": "Danh sách hồ sơ",
        "drill.count": "Số hồ sơ",
        "drill.denominator": "Số hồ sơ (mẫu số)",
        "drill.numerator": "Tính vào tử số",
        "drill.rate": "Tỷ lệ",
        "drill.rate.rule": "Công thức: {formula}. Danh sách gồm các hồ sơ của mẫu số; cột “Tính vào tử số” cho "
        "biết hồ sơ nào thuộc tử số.",
        "drill.period": "Kỳ: {label}{days}",
        "drill.cell.unit": "Đơn vị: {value}",
        "drill.cell.field": "Lĩnh vực: {value}",
        "drill.cell.procedure": "Thủ tục: {value}",
        "drill.cell.channel": "Kênh nộp: {value}",
        "drill.filters": "Bộ lọc đang chọn: {text}",
        "drill.filters.units": "{n} đơn vị",
        "drill.rule": "Cách tính: {rule}",
        "drill.shown": "Số trên trang: {value}",
        "drill.mismatch": "Danh sách có {listed} hồ sơ nhưng số trên trang là {shown}. Số liệu có thể đã thay đổi "
        "sau khi trang được vẽ (tải lại trang); nếu vẫn khác, vui lòng báo lỗi.",
        "drill.mismatch.rate": "Tỷ lệ theo danh sách là {listed} nhưng số trên trang là {shown}. Số liệu có thể đã "
        "thay đổi sau khi trang được vẽ (tải lại trang); nếu vẫn khác, vui lòng báo lỗi.",
        "drill.download": "Tải danh sách (Excel)",
        "drill.download.help": "Tệp .xlsx: tiêu đề ghi rõ số được tính, kỳ, đơn vị, bộ lọc và số hồ sơ; ngày dạng "
        "dd/mm/yyyy.",
        "drill.empty": "Không có hồ sơ nào.",
        "drill.privacy": "Không có thông tin cá nhân của công dân: hệ thống không lưu các thông tin đó. Sắp xếp: "
        "trễ hạn nhiều nhất trước, rồi theo đơn vị và ngày tiếp nhận.",
        "drill.hint.chart": "Bấm vào một cột hay một điểm của biểu đồ để xem danh sách hồ sơ.",
        "drill.hint.cells": "Bấm vào một ô của biểu đồ để xem danh sách hồ sơ.",
        "drill.hint.table": "Bấm vào một ô số trong bảng để xem danh sách hồ sơ.",
        "drill.yes": "Có",
        "drill.no": "Không",
        "drill.file": "ho_so",
    },
    en={
        **{f"drill.m.{k}": v[0] for k, v in _MEASURES_EN.items()},
        **{f"drill.rule.{k}": v[1] for k, v in _MEASURES_EN.items()},
        **{f"drill.m.{k}": v for k, v in _RATES_EN.items()},
        **{f"drill.state.{k}": v for k, v in _STATES_EN.items()},
        **{f"drill.status.{k}": v for k, v in _STATUS_EN.items()},
        **{f"drill.col.{k}": v for k, v in _COLUMNS_EN.items()},
        "drill.open": "See dossiers",
        "drill.open.help": "The dossiers counted in this number, downloadable to Excel.",
        "drill.title": "Dossiers",
        "drill.count": "Dossiers",
        "drill.denominator": "Dossiers (denominator)",
        "drill.numerator": "In the numerator",
        "drill.rate": "Rate",
        "drill.rate.rule": "Formula: {formula}. The list holds the denominator's dossiers; the column “In the "
        "numerator” tells which of them the numerator counts.",
        "drill.period": "Period: {label}{days}",
        "drill.cell.unit": "Unit: {value}",
        "drill.cell.field": "Field: {value}",
        "drill.cell.procedure": "Procedure: {value}",
        "drill.cell.channel": "Channel: {value}",
        "drill.filters": "Filters: {text}",
        "drill.filters.units": "{n} units",
        "drill.rule": "How it is counted: {rule}",
        "drill.shown": "Number on the page: {value}",
        "drill.mismatch": "The list holds {listed} dossiers but the page shows {shown}. The data may have changed "
        "since the page was drawn (reload it); if it still differs, please report it.",
        "drill.mismatch.rate": "The list gives a rate of {listed} but the page shows {shown}. The data may have "
        "changed since the page was drawn (reload it); if it still differs, please report it.",
        "drill.download": "Download the list (Excel)",
        "drill.download.help": "An .xlsx file: its heading says what was counted, the period, the unit, the filters "
        "and the number of dossiers; dates dd/mm/yyyy.",
        "drill.empty": "No dossiers.",
        "drill.privacy": "No citizen's personal data: none is stored. Order: most days late first, then by unit and "
        "day of receipt.",
        "drill.hint.chart": "Click a bar or a point of the chart to see its dossiers.",
        "drill.hint.cells": "Click a cell of the chart to see its dossiers.",
        "drill.hint.table": "Click a number in the table to see its dossiers.",
        "drill.yes": "Yes",
        "drill.no": "No",
        "drill.file": "dossiers",
    },
)


@dataclass(frozen=True)
class Target:
    """A number on the page and what it counted: the list opened for it must hold `shown` dossiers (for a
    rate: its numerator over its denominator must be `shown`)."""

    drill: Drill
    shown: float | int | None

    @property
    def is_rate(self) -> bool:
        return self.drill.measure in RATE_MEASURES


def _chosen() -> selection.Selection:
    return selection.current()


def _record(element: str, targets: Mapping[str, Target]) -> None:
    st.session_state.setdefault(TARGETS, {})[element] = dict(targets)


def _nonced(key: str) -> str:
    """The element's key for this run: a new one after each drill, so that it is drawn without the selection."""
    n = st.session_state.get(_NONCE, {}).get(key, 0)
    return key if n == 0 else f"{key}-{n}"


def _renew(key: str) -> None:
    nonces = st.session_state.setdefault(_NONCE, {})
    nonces[key] = nonces.get(key, 0) + 1


def open_pending() -> None:
    """Open the dialog a click asked for (its callback ran before this run)."""
    target = st.session_state.pop(_OPEN, None)
    if target is not None:
        show(target)


def _ask(target: Target | None, element: str) -> None:
    if target is not None:
        st.session_state[_OPEN] = target
        _renew(element)


# --- Cards ------------------------------------------------------------------------------------------------------


def card(
    measure: str,
    shown: float | int | None,
    key: str,
    *,
    period: Period | None = None,
    filters: Filters | None = None,
    cell: Mapping[str, str] | None = None,
) -> None:
    """The "Xem hồ sơ" button under a card that shows `shown` for `measure` (the page's period and filters
    unless given)."""
    open_pending()
    chosen = _chosen()
    drill = Drill.of(measure, period or chosen.period, filters or chosen.filters, cell)
    target = Target(drill, _number(shown))
    _record(key, {"card": target})
    st.button(
        t("drill.open"), key=f"drill-{key}", icon=":material/format_list_bulleted:", type="tertiary",
        help=t("drill.open.help"), on_click=_ask, args=(target, f"drill-{key}"),
    )  # fmt: skip


# --- Charts -----------------------------------------------------------------------------------------------------


def chart(
    figure: go.Figure,
    key: str,
    source: pd.DataFrame | pd.Series,
    dimensions: Sequence[str] = (),
    *,
    by_period: bool = False,
    hint: str = "drill.hint.chart",
) -> None:
    """st.plotly_chart, where a click on a point of a trace with drill meta opens its dossiers. The point's row
    key is looked up in `source` (the KPI rows the figure was drawn from); by_period: the rows are periods (a
    monthly trend), each its own period."""
    open_pending()
    source = source.to_frame().T if isinstance(source, pd.Series) else source
    resolve = _resolver(source, dimensions, by_period)
    targets = {}
    for curve, trace in enumerate(figure.data):
        meta = trace.meta if isinstance(trace.meta, Mapping) else {}
        if "drill" not in meta:
            continue
        for index, row_key in enumerate(meta.get("keys") or [{}]):
            target = resolve(meta["drill"], row_key)
            if target is not None:
                targets[f"{curve}:{index}"] = target
    _record(key, targets)
    widget = _nonced(key)

    def clicked() -> None:
        points = st.session_state[widget].selection.get("points") or []
        found = point_target(figure, points[0]) if points else None
        _ask(resolve(*found) if found else None, key)

    st.plotly_chart(figure, key=widget, on_select=clicked, selection_mode="points")
    if targets:
        st.caption(t(hint))


# --- Tables -----------------------------------------------------------------------------------------------------


def table_options(
    shown: pd.DataFrame,
    source: pd.DataFrame,
    key: str,
    dimensions: Sequence[str],
    match: str,
) -> dict:
    """Keyword arguments for tables.show_table(shown, …) that make its count and rate cells open their dossiers.
    Row i of `shown` is the row of `source` with the same `match` value (a unit, field or procedure name); the
    number shown is the cell's."""
    open_pending()
    resolve = _resolver(source, dimensions, False)
    columns = [c for c in shown.columns if c in DRILLABLE]
    targets = {}
    for position, value in enumerate(shown[match]):
        for column in columns:
            target = resolve(column, {match: value}, shown[column].iloc[position])
            if target is not None:
                targets[f"{position}:{column}"] = target
    _record(key, targets)
    widget = _nonced(f"{key}-cells")

    def clicked() -> None:
        cells = st.session_state[widget].selection.get("cells") or []
        if cells:
            position, column = cells[0]
            _ask(targets.get(f"{position}:{column}"), f"{key}-cells")

    st.caption(t("drill.hint.table"))
    return {"dataframe_key": widget, "on_select": clicked}


# --- Finding a number's target -----------------------------------------------------------------------------------


def _resolver(
    source: pd.DataFrame, dimensions: Sequence[str], by_period: bool
) -> Callable[..., Target | None]:
    chosen = _chosen()

    def resolve(measure: str, row_key: Mapping[str, object], shown: object = None) -> Target | None:
        if measure not in DRILLABLE:
            return None
        rows = source
        for column, value in row_key.items():
            if column not in rows:
                return None
            rows = rows[rows[column].astype(str) == str(value)]
        if len(rows) != 1:
            return None
        row = rows.iloc[0]
        period = _row_period(row) if by_period else chosen.period
        cell = {d: str(row[CELL_COLUMNS[d]]) for d in dimensions}
        value = shown if shown is not None else _shown_value(row, measure)
        return Target(Drill.of(measure, period, chosen.filters, cell), _number(value))

    return resolve


def _row_period(row: pd.Series) -> Period:
    return Period(pd.Timestamp(row["period_start"]).date(), pd.Timestamp(row["period_end"]).date(),
                  str(row["period"]), "custom")  # fmt: skip


def _shown_value(row: pd.Series, measure: str) -> object:
    if measure in row:
        return row[measure]
    if measure == "received" and "c4" in row:
        return row["c4"] + row["c5"]
    return None


def _number(value: object) -> float | int | None:
    if value is None or (isinstance(value, float) and math.isnan(value)) or pd.isna(value):
        return None
    number = float(value)
    return int(number) if number.is_integer() and not isinstance(value, float) else number


# --- The dialog ---------------------------------------------------------------------------------------------------


def measure_words(measure: str) -> str:
    return t(f"drill.m.{measure}")


def rule_text(drill: Drill) -> str:
    if drill.measure in RATE_MEASURES:
        formula = (
            RATES[drill.measure][2] if drill.measure in RATES else "cột không hài lòng / số được đánh giá"
        )
        return t("drill.rate.rule", formula=formula)
    return t(f"drill.rule.{drill.measure}", n=drill.due_soon_days)


def scope_lines(drill: Drill, unit_name: str | None = None) -> list[str]:
    """The period, the cell and the filters in words (for the dialog and the Excel heading)."""
    period = drill.period
    start, end = format_date(period.start), format_date(period.end)
    # A reporting period's label already gives its days ("Kỳ tháng 11/2026 (15/10/2026 – 14/11/2026)").
    days = "" if start in period.label else f" ({start} – {end})"
    lines = [t("drill.period", label=period.label, days=days)]
    for dimension, value in drill.cell:
        shown = unit_name if dimension == "unit" and unit_name else value
        if dimension == "channel":
            shown = t(f"channel.{value}")
        lines.append(t(f"drill.cell.{dimension}", value=shown))
    parts = []
    if drill.filters.unit_keys:
        parts.append(t("drill.filters.units", n=len(drill.filters.unit_keys)))
    parts += [*drill.filters.fields, *drill.filters.procedures]
    parts += [t(f"channel.{c}") for c in drill.filters.channels]
    if parts:
        lines.append(t("drill.filters", text="; ".join(parts)))
    return lines


def list_words() -> dict[str, dict[str, str]]:
    """Codes of the list in words, in the chosen language: state, channel, status class."""
    return {
        "state": {s: t(f"drill.state.{s}") for s in STATES},
        "channel": {c: t(f"channel.{c}") for c in ("direct", "online", "postal")},
        "status": {s: t(f"drill.status.{s}") for s in STATUS_LABEL_VI},
    }


def display_frame(frame: pd.DataFrame, rate: bool) -> pd.DataFrame:
    """The list's columns for the screen: codes in words, the imported status label when there is one."""
    words = list_words()
    shown = frame[["dossier_code", "unit", "field_name", "procedure"]].copy()
    shown["channel"] = frame["channel"].map(words["channel"]).fillna(frame["channel"])
    for column in ("received_day", "due_day", "finished_day"):
        shown[column] = pd.to_datetime(frame[column])
    shown["state"] = frame["state"].map(words["state"])
    label = frame["status_label"].where(frame["status_label"].fillna("").astype(str) != "")
    shown["status"] = label.fillna(frame["status"].map(words["status"]))
    shown["days_late"] = frame["days_late"]
    if rate:
        shown["in_numerator"] = frame["in_numerator"].map({True: t("drill.yes"), False: t("drill.no")})
    return shown


def show(target: Target) -> None:
    """Open the dialog of a target."""
    st.dialog(t("drill.title"), width="large")(_body)(target)


def _body(target: Target) -> None:
    drill = target.drill
    frame = kpi(dossier_list, drill)
    unit_name = frame["unit"].iloc[0] if len(frame) and any(d == "unit" for d, _ in drill.cell) else None
    rate = target.is_rate
    with st.container(key="drill-heading"):
        st.subheader(measure_words(drill.measure))
        st.caption(" · ".join(scope_lines(drill, unit_name)))
    with st.container(key="drill-count"):
        if rate:
            _rate_counts(frame, target)
        else:
            st.metric(t("drill.count"), format_count(len(frame)))
            if target.shown is not None and int(target.shown) != len(frame):
                st.error(
                    t(
                        "drill.mismatch",
                        listed=format_count(len(frame)),
                        shown=format_count(int(target.shown)),
                    )
                )
    st.caption(t("drill.rule", rule=rule_text(drill)))
    heading = ListHeading(measure_words(drill.measure), [*scope_lines(drill, unit_name),
                          t("drill.rule", rule=rule_text(drill))], list_words())  # fmt: skip
    lang = current_language()
    st.download_button(
        t("drill.download"), data=lambda: workbook_bytes(frame, heading, lang, rate),
        file_name=f"{t('drill.file')}_{drill.measure}_{drill.period.start:%Y%m%d}_{drill.period.end:%Y%m%d}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="drill-download",
        icon=":material/download:", on_click="ignore", help=t("drill.download.help"),
    )  # fmt: skip
    if frame.empty:
        st.info(t("drill.empty"))
        return
    shown = display_frame(frame, rate)
    config = {c: st.column_config.Column(t(f"drill.col.{c}")) for c in shown.columns}
    for column in ("received_day", "due_day", "finished_day"):
        config[column] = st.column_config.DateColumn(t(f"drill.col.{column}"), format="DD/MM/YYYY")
    config["days_late"] = st.column_config.NumberColumn(t("drill.col.days_late"), format="%d")
    config["procedure"] = st.column_config.Column(t("drill.col.procedure"), width="large")
    st.dataframe(
        shown, hide_index=True, column_config=config, key="drill-list", height=min(38 + 35 * len(shown), 460),
        placeholder="",  # a missing date or delay is an empty cell, not "None"
    )  # fmt: skip
    st.caption(t("drill.privacy"))


def _rate_counts(frame: pd.DataFrame, target: Target) -> None:
    total, numerator = len(frame), int(frame["in_numerator"].sum()) if len(frame) else 0
    value = numerator / total if total else None
    left, middle, right = st.columns(3)
    left.metric(t("drill.denominator"), format_count(total))
    middle.metric(t("drill.numerator"), format_count(numerator))
    right.metric(t("drill.rate"), format_fraction(value))
    differs = (value is None) != (target.shown is None) or (
        value is not None and target.shown is not None and abs(value - float(target.shown)) > 1e-9
    )
    if differs:
        shown = format_fraction(None if target.shown is None else float(target.shown))
        st.error(t("drill.mismatch.rate", listed=format_fraction(value), shown=shown))
