"""Hồ sơ quá hạn & sắp đến hạn: who has to act on which dossier (issue 4 §5).

The two action lists of dashboard.kpi.actions at the END of the selected period: overdue dossiers (Biểu 06
col 13) with their working days late, and dossiers due within N working days. Per unit, with aging buckets for
the overdue ones, and both lists downloadable as one Excel workbook. Staff names are dropped at import (data
minimisation), so the lists cannot be grouped by officer; the page says so. No citizen data is stored.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.charts.actions import BUCKETS, aging_by_unit, aging_table
from dashboard.exports.action_lists import workbook_bytes
from dashboard.formatting import format_count, format_date
from dashboard.kpi.actions import action_list
from dashboard.kpi.names import kpi_name
from dashboard.kpi.summary import has_dossiers, kpi_table, latest_snapshot
from dashboard.views import url_state
from dashboard.views.cache import kpi
from dashboard.views.i18n import register, t
from dashboard.views.page_common import page_header
from dashboard.views.tables import show_table

DAYS_KEY = "so_ngay"
DEFAULT_DAYS = 2
MAX_DAYS = 60

register(
    vi={
        "actions.as_of": "Danh sách tại cuối ngày {day} (ngày cuối của kỳ đã chọn). Với kỳ hiện tại, đó là "
        "tình hình theo dữ liệu mới nhất.",
        "actions.future": "Kỳ chưa kết thúc: dữ liệu mới nhất đến ngày {snapshot}; hồ sơ trả sau ngày đó chưa "
        "được ghi nhận, nên danh sách tính đến ngày {day} có thể dài hơn thực tế.",
        "actions.no_officer": "Không nhóm theo cán bộ: hệ thống không lưu tên cán bộ (chỉ giữ dữ liệu cần "
        "thiết khi nhập). Không có thông tin cá nhân của công dân: danh sách chỉ gồm mã hồ sơ, đơn vị, thủ tục "
        "và ngày.",
        "actions.days": "Sắp đến hạn trong (ngày làm việc)",
        "actions.days.help": "N: hồ sơ chưa trả, không tạm dừng, có ngày hẹn trả từ ngày cuối kỳ đến N ngày "
        "làm việc sau đó.",
        "actions.metric.overdue": kpi_name("c13", "vi"),
        "actions.metric.overdue.how": "Hồ sơ đã tiếp nhận, chưa trả kết quả, không tạm dừng, ngày hẹn trả "
        "trước ngày {day}. Bằng Biểu 06 cột 13 cho cùng lựa chọn: {c13}.",
        "actions.metric.due_soon": "Sắp đến hạn (≤ {n} ngày làm việc)",
        "actions.metric.due_soon.how": "Hồ sơ chưa trả, không tạm dừng, hẹn trả trong {n} ngày làm việc tính "
        "từ ngày {day}. Bảng tổng hợp cho cùng lựa chọn: {total}.",
        "actions.metric.units": "Đơn vị có hồ sơ đang quá hạn",
        "actions.metric.units.how": "Số đơn vị có ít nhất một hồ sơ đang quá hạn.",
        "actions.mismatch": "Danh sách ({listed}) khác số tổng hợp ({total}); vui lòng báo lỗi.",
        "actions.tab.overdue": "Đang quá hạn",
        "actions.tab.due_soon": "Sắp đến hạn",
        "actions.aging.title": "Hồ sơ đang quá hạn theo đơn vị và số ngày trễ",
        "actions.aging.how": "Số ngày trễ = số ngày làm việc từ ngày hẹn trả đến ngày {day} (theo lịch làm "
        "việc, đã tính ngày nghỉ lễ). Nhóm: 1–2, 3–5, 6–10, trên 10 ngày làm việc.",
        "actions.aging.axis": "Số hồ sơ đang quá hạn",
        "actions.aging.hover": "%{{y}}<br>Trễ {bucket} ngày làm việc: %{{x:,d}} hồ sơ",
        "actions.bucket": "Trễ {label} ngày",
        "actions.list.overdue": "Danh sách hồ sơ đang quá hạn ({count})",
        "actions.list.due_soon": "Danh sách hồ sơ sắp đến hạn ({count})",
        "actions.list.how": "Sắp xếp: quá hạn lâu nhất trước / sắp đến hạn sớm nhất trước. Ngày hẹn trả lấy "
        "từ tệp nhập; nếu tệp không có thì tính từ thời hạn giải quyết của thủ tục.",
        "actions.per_unit.due_soon": "Hồ sơ sắp đến hạn theo đơn vị",
        "actions.none.overdue": "Không có hồ sơ đang quá hạn tại ngày {day}.",
        "actions.none.due_soon": "Không có hồ sơ đến hạn trong {n} ngày làm việc tính từ ngày {day}.",
        "actions.empty": "Không có hồ sơ nào trong kỳ này với bộ lọc đang chọn: không có danh sách để xem hay "
        "tải. Hãy chọn kỳ khác hoặc bỏ bớt bộ lọc.",
        "actions.download": "Tải danh sách (Excel)",
        "actions.download.help": "Một tệp .xlsx, mỗi danh sách một trang; ngày dạng dd/mm/yyyy, không có "
        "thông tin cá nhân.",
        "actions.col.dossier_code": "Mã hồ sơ",
        "actions.col.field_name": "Lĩnh vực",
        "actions.col.procedure": "Thủ tục",
        "actions.col.received_at": "Ngày tiếp nhận",
        "actions.col.due_day": "Ngày hẹn trả",
        "actions.col.working_days_overdue": "Số ngày làm việc quá hạn",
        "actions.col.working_days_left": "Số ngày làm việc còn lại",
        "actions.col.status_label": "Trạng thái",
        "actions.col.total": "Tổng",
        "actions.col.count": "Số hồ sơ",
    },
    en={
        "actions.as_of": "Lists at the end of {day} (the last day of the selected period). For the current "
        "period, that is the situation in the newest data.",
        "actions.future": "The period has not ended: the newest data is from {snapshot}; dossiers returned "
        "after that day are not yet known, so the list as of {day} may be longer than reality.",
        "actions.no_officer": "Not grouped by officer: staff names are not stored (data minimisation at "
        "import). No citizen data either: the lists hold dossier codes, units, procedures and dates only.",
        "actions.days": "Due within (working days)",
        "actions.days.help": "N: open, not paused dossiers due from the period's last day to N working days "
        "after it.",
        "actions.metric.overdue": kpi_name("c13", "en"),
        "actions.metric.overdue.how": "Received, not returned, not paused, due before {day}. Equals Form 06 "
        "col 13 for the same selection: {c13}.",
        "actions.metric.due_soon": "Due soon (≤ {n} working days)",
        "actions.metric.due_soon.how": "Open, not paused, due within {n} working days from {day}. Summary "
        "table for the same selection: {total}.",
        "actions.metric.units": "Units with dossiers open and overdue",
        "actions.metric.units.how": "Units with at least one dossier open and overdue.",
        "actions.mismatch": "The list ({listed}) differs from the summary ({total}); please report it.",
        "actions.tab.overdue": "Open and overdue",
        "actions.tab.due_soon": "Due soon",
        "actions.aging.title": "Dossiers open and overdue per unit and days late",
        "actions.aging.how": "Days late = working days from the due date to {day} (working-day calendar, "
        "holidays counted). Buckets: 1–2, 3–5, 6–10, more than 10 working days.",
        "actions.aging.axis": "Dossiers open and overdue",
        "actions.aging.hover": "%{{y}}<br>{bucket} working days late: %{{x:,d}} dossiers",
        "actions.bucket": "{label} days late",
        "actions.list.overdue": "Dossiers open and overdue ({count})",
        "actions.list.due_soon": "Dossiers due soon ({count})",
        "actions.list.how": "Order: most overdue first / due soonest first. The due date comes from the "
        "imported file; when missing, from the procedure's legal time limit.",
        "actions.per_unit.due_soon": "Dossiers due soon per unit",
        "actions.none.overdue": "No dossier open and overdue at {day}.",
        "actions.none.due_soon": "No dossiers due within {n} working days from {day}.",
        "actions.empty": "No dossiers in this period with the chosen filters: no list to see or download. Choose "
        "another period or fewer filters.",
        "actions.download": "Download the lists (Excel)",
        "actions.download.help": "One .xlsx file, one sheet per list; dates as dd/mm/yyyy, no personal data.",
        "actions.col.dossier_code": "Dossier code",
        "actions.col.field_name": "Field",
        "actions.col.procedure": "Procedure",
        "actions.col.received_at": "Received",
        "actions.col.due_day": "Due date",
        "actions.col.working_days_overdue": "Working days overdue",
        "actions.col.working_days_left": "Working days left",
        "actions.col.status_label": "Status",
        "actions.col.total": "Total",
        "actions.col.count": "Dossiers",
    },
)

LIST_COLUMNS = ["dossier_code", "unit", "field_name", "procedure", "received_at", "due_day"]
_LABELLED = (
    "dossier_code", "field_name", "procedure", "received_at", "due_day", "working_days_overdue",
    "working_days_left", "status_label", "total", "count",
)  # fmt: skip


def labels() -> dict[str, str]:
    return {"unit": t("col.unit"), **{name: t(f"actions.col.{name}") for name in _LABELLED}}


def render() -> None:
    chosen = page_header("nav.actions")
    as_of = chosen.period.end
    day = format_date(as_of)
    with st.container(key="actions-context"):
        st.caption(t("actions.as_of", day=day))
        snapshot = kpi(latest_snapshot)
        if snapshot is not None and as_of > snapshot:
            st.info(t("actions.future", snapshot=format_date(snapshot), day=day))
        st.caption(t("actions.no_officer"))
    n = st.number_input(
        t("actions.days"), min_value=0, max_value=MAX_DAYS, value=DEFAULT_DAYS, step=1, key=DAYS_KEY,
        help=t("actions.days.help"), bind="query-params", width=260,
    )  # fmt: skip
    n = int(n if n is not None else DEFAULT_DAYS)

    overdue = kpi(action_list, as_of, "overdue", chosen.filters, n)
    due_soon = kpi(action_list, as_of, "due_soon", chosen.filters, n)
    summary = kpi(kpi_table, chosen.period, None, chosen.filters, n).iloc[0]
    c13, total_due_soon = int(summary["c13"]), int(summary["due_soon"])

    headline(overdue, due_soon, c13, total_due_soon, n, day)
    if not has_dossiers(summary):  # issue 11 §7: no Excel of two empty lists, say why instead
        with st.container(key="actions-empty"):
            st.info(t("actions.empty"))
        return
    st.download_button(
        t("actions.download"),
        data=lambda: workbook_bytes({"overdue": overdue, "due_soon": due_soon}),
        file_name=f"ho_so_qua_han_sap_den_han_{as_of:%Y%m%d}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        help=t("actions.download.help"),
        icon=":material/download:",
        key="actions-download",
    )
    tab_labels = {
        "qua-han": t("actions.tab.overdue"),
        "sap-den-han": t("actions.tab.due_soon"),
    }  # issue 11 §10
    overdue_tab, due_soon_tab = url_state.tabs(tab_labels, "actions-tab", "the")
    with overdue_tab:
        overdue_section(overdue, day)
    with due_soon_tab:
        due_soon_section(due_soon, n, day)


def headline(overdue: pd.DataFrame, due_soon: pd.DataFrame, c13: int, total: int, n: int, day: str) -> None:
    with st.container(key="actions-metrics", horizontal=True):
        with st.container(key="metric-overdue", border=True):
            st.metric(t("actions.metric.overdue"), format_count(len(overdue)))
            st.caption(t("actions.metric.overdue.how", day=day, c13=format_count(c13)))
        with st.container(key="metric-due-soon", border=True):
            st.metric(t("actions.metric.due_soon", n=n), format_count(len(due_soon)))
            st.caption(t("actions.metric.due_soon.how", n=n, day=day, total=format_count(total)))
        with st.container(key="metric-units", border=True):
            st.metric(t("actions.metric.units"), format_count(overdue["unit"].nunique()))
            st.caption(t("actions.metric.units.how"))
    for listed, expected in ((len(overdue), c13), (len(due_soon), total)):
        if listed != expected:
            st.warning(t("actions.mismatch", listed=format_count(listed), total=format_count(expected)))


def overdue_section(overdue: pd.DataFrame, day: str) -> None:
    if overdue.empty:
        with st.container(key="overdue-empty"):
            st.info(t("actions.none.overdue", day=day))
        return
    with st.container(key="aging"):
        st.subheader(t("actions.aging.title"))
        st.caption(t("actions.aging.how", day=day))
        table = aging_table(overdue)
        names = {label: t("actions.bucket", label=label) for *_, label in BUCKETS}
        figure = aging_by_unit(table, names, t("actions.aging.axis"), t("actions.aging.hover"))
        st.plotly_chart(figure, key="aging-chart")
        show_table(
            table,
            counts=[*names, "total"],
            labels={**labels(), **names},
            key="aging-table",
        )
    with st.container(key="overdue-list"):
        st.subheader(t("actions.list.overdue", count=format_count(len(overdue))))
        st.caption(t("actions.list.how"))
        show_table(
            overdue[[*LIST_COLUMNS, "working_days_overdue", "status_label"]],
            counts=["working_days_overdue"],
            dates=["received_at", "due_day"],
            labels=labels(),
            key="overdue-table",
        )


def due_soon_section(due_soon: pd.DataFrame, n: int, day: str) -> None:
    if due_soon.empty:
        with st.container(key="due-soon-empty"):
            st.info(t("actions.none.due_soon", n=n, day=day))
        return
    with st.container(key="due-soon-per-unit"):
        st.subheader(t("actions.per_unit.due_soon"))
        per_unit = (
            due_soon.groupby("unit").size().rename("count").reset_index()
            .sort_values(["count", "unit"], ascending=[False, True], kind="stable")
        )  # fmt: skip
        show_table(per_unit, counts=["count"], labels=labels(), key="due-soon-unit-table")
    with st.container(key="due-soon-list"):
        st.subheader(t("actions.list.due_soon", count=format_count(len(due_soon))))
        st.caption(t("actions.list.how"))
        show_table(
            due_soon[[*LIST_COLUMNS, "working_days_left", "status_label"]],
            counts=["working_days_left"],
            dates=["received_at", "due_day"],
            labels=labels(),
            key="due-soon-table",
        )
