"""Dữ liệu: bring exports in, see what every import did, how fresh each unit is, and the user's settings.

Five tabs (issue 4 §8, issue 15):
- Nhập dữ liệu: upload one or more exports; each is read and checked WITHOUT storing (detected header row, the
  field of every source column, rows read / rejected, the first rejects); the user may correct the mapping,
  which prepares the file again; "Nhập vào cơ sở dữ liệu" stores each file in its own transaction, then the
  summary and the rejected rows with reasons (CSV, guarded against formula injection).
- Lịch sử nhập: headline counts, dossiers per unit, the import log and the rejected rows of every import.
- Độ mới dữ liệu: per unit, the newest snapshot and received day and the days since.
- Đơn vị (issue 15, dashboard/views/data_units.py): the database's province, unit names to identify, the split
  old communes' successors.
- Cài đặt: calendar overrides, procedures' legal time limits and KPI targets, saved through
  dashboard.store.settings (validation errors in Vietnamese).
Every write replaces the database file, so the KPI cache (keyed by the file version) never serves stale data.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard.exports.csv_table import csv_bytes
from dashboard.formatting import format_count, format_date, format_datetime
from dashboard.ingest.failures import WRITE_FAILURES, write_failure_message
from dashboard.ingest.grid import UnreadableFile
from dashboard.ingest.run import load_any
from dashboard.kpi import overview
from dashboard.kpi.data_queries import freshness
from dashboard.kpi.rates import RATES
from dashboard.kpi.settings import (
    calendar_overrides,
    procedure_time_limits,
    procedures_without_limit,
    stored_targets,
)
from dashboard.kpi.targets import DEFAULT_TARGETS, KPI_LABEL_VI, targets_to_rows
from dashboard.safe_text import markdown_text
from dashboard.settings import database_path
from dashboard.store import (
    Database,
    DatabaseError,
    DatabaseMissing,
    DatabaseState,
    MissingTables,
    database_state,
)
from dashboard.store import settings as store_settings
from dashboard.store.health import UNREADABLE
from dashboard.views import data_date, data_units, url_state
from dashboard.views.cache import kpi
from dashboard.views.data_import import (
    FIELD_CHOICES,
    Preview,
    changed,
    mapping_from_rows,
    preview,
    rejects_frame,
    summary_row,
)
from dashboard.views.i18n import STRINGS, register, t
from dashboard.views.page_common import database_panel
from dashboard.views.tables import show_table
from dashboard.views.units_text import tu
from dashboard.views.uploads import UploadCopy, save_upload

QUARANTINE_LIMIT = 1000
PREVIEW_REJECTS = 20
UPLOAD_TYPES = ["xlsx", "xlsm", "xls", "csv", "html", "htm"]
_UPLOADS = "_data_uploads"  # session state: file_id → _Upload
_RESULTS = "_data_import_results"  # session state: the last import's reports
_FAILURES = "_data_import_failures"  # session state: the last import's messages of files not stored
_FLASH = "_data_flash"  # session state: a message to show after the rerun that follows a write

register(
    vi={
        "data.title": "Dữ liệu",
        "data.tab.import": "Nhập dữ liệu",
        "data.tab.history": "Lịch sử nhập",
        "data.tab.freshness": "Độ mới dữ liệu",
        "data.tab.settings": "Cài đặt",
        "data.import.title": "Nhập tệp xuất từ phần mềm một cửa",
        "data.import.how": "Chọn một hoặc nhiều tệp (.xlsx, .xls, .csv, .html). Mỗi tệp được đọc và kiểm tra "
        "trước, chưa lưu gì: xem dòng tiêu đề, cột nào ứng với trường nào, số dòng đọc được và bị loại. Sửa "
        "ánh xạ cột nếu cần, rồi bấm “Nhập vào cơ sở dữ liệu”: mỗi tệp được lưu trong một giao dịch riêng. "
        "Cột thông tin cá nhân và tên cán bộ không bao giờ được lưu.",
        "data.upload": "Tệp xuất dữ liệu",
        "data.preview.kind.export": "Tệp hồ sơ",
        "data.preview.kind.766": "Bảng điểm Chỉ số 766",
        "data.preview.facts": "{kind} · trang “{sheet}” · dòng tiêu đề {row}",
        "data.preview.snapshot": "ngày chốt số liệu {snapshot}",
        "data.preview.read": "Dòng đọc",
        "data.preview.ok": "Dòng hợp lệ",
        "data.preview.rejected": "Dòng bị loại",
        "data.preview.skipped": "Dòng bỏ qua",
        "data.preview.how": "Đọc = hợp lệ + bị loại + bỏ qua (dòng trống, dòng tổng cộng, dòng số thứ tự cột). "
        "Dòng hợp lệ sẽ là hồ sơ mới, cập nhật hoặc không đổi khi nhập.",
        "data.preview.mapping": "Ánh xạ cột (sửa cột “Trường” nếu nhận sai)",
        "data.preview.mapping.how": "“Bỏ qua cột”: cột không được đọc; “Thông tin cá nhân”, “Tên cán bộ”: được "
        "nhận ra để bỏ đi, không bao giờ lưu. Sửa xong, tệp được đọc lại ngay với ánh xạ mới.",
        "data.preview.remapped": "Đã đọc lại tệp với ánh xạ cột đã sửa.",
        "data.field.dossier_code": "Mã hồ sơ",
        "data.field.unit": "Đơn vị",
        "data.field.district": "Quận/huyện (cũ)",
        "data.field.field_name": "Lĩnh vực",
        "data.field.procedure": "Thủ tục",
        "data.field.status": "Trạng thái",
        "data.field.channel": "Hình thức nộp",
        "data.field.service_level": "Mức độ dịch vụ",
        "data.field.submitted_at": "Ngày nộp",
        "data.field.received_at": "Ngày tiếp nhận",
        "data.field.due_at": "Ngày hẹn trả",
        "data.field.finished_at": "Ngày kết thúc xử lý",
        "data.field.returned_at": "Ngày trả kết quả",
        "data.field.supplement_requested_at": "Ngày yêu cầu bổ sung",
        "data.field.supplement_count": "Số lần bổ sung",
        "data.field.rating": "Đánh giá",
        "data.field.paid_online": "Thanh toán trực tuyến",
        "data.field.result_digitized": "Kết quả điện tử",
        "data.field.apology_issued": "Phiếu xin lỗi",
        "data.field.row_number": "Số thứ tự (bỏ qua)",
        "data.field.officer": "Tên cán bộ (không lưu)",
        "data.field.personal": "Thông tin cá nhân (không lưu)",
        "data.field.ignore": "Bỏ qua cột",
        "data.preview.rejects": "Các dòng bị loại đầu tiên",
        "data.preview.notes": "Ghi chú khi đọc tệp",
        "data.preview.unreadable": "Không đọc được tệp {name}: {error}",
        "data.preview.imported": "Đã nhập tệp này (lần nhập số {id}).",
        "data.import.button": "Nhập vào cơ sở dữ liệu",
        "data.import.nothing": "Không còn tệp nào chờ nhập.",
        "data.import.failed": "Không nhập được tệp {name}: {error}. Cơ sở dữ liệu không thay đổi.",
        "data.result.title": "Kết quả lần nhập vừa rồi",
        "data.result.how": "Đọc = Mới + Cập nhật + Không đổi + Bị loại + Bỏ qua.",
        "data.result.rejects": "Dòng bị loại và lý do ({count})",
        "data.result.download": "Tải dòng bị loại (CSV)",
        "data.result.download.help": "CSV UTF-8; ô bắt đầu bằng = + - @ được thêm dấu ' để Excel không chạy "
        "như công thức.",
        "data.freshness.title": "Độ mới dữ liệu theo đơn vị",
        "data.freshness.how": "Ngày số liệu = ngày “số liệu tính đến” của tệp mới nhất có hồ sơ của đơn vị; "
        "số ngày tính đến hôm nay ({today}). Đơn vị cũ nhất ở trên cùng.",
        "data.freshness.stale": "{count} đơn vị có số liệu cũ hơn {days} ngày.",
        "data.freshness.empty": "Chưa có hồ sơ nào được lưu.",
        "data.settings.empty": "Nhập dữ liệu trước khi cài đặt.",
        "data.calendar.title": "Ngày nghỉ / ngày làm bù (điều chỉnh lịch làm việc)",
        "data.calendar.how": "Lịch làm việc có sẵn ngày lễ, Tết theo quy định; thêm ở đây ngày nghỉ bổ sung "
        "hoặc ngày thứ Bảy làm bù. Ảnh hưởng hạn xử lý và số ngày quá hạn.",
        "data.calendar.none": "Chưa có điều chỉnh nào.",
        "data.calendar.day": "Ngày",
        "data.calendar.kind": "Loại ngày",
        "data.calendar.note": "Ghi chú",
        "data.calendar.add": "Thêm / thay",
        "data.calendar.remove_day": "Ngày cần xóa điều chỉnh",
        "data.calendar.remove": "Xóa điều chỉnh",
        "data.kind.day_off": "Ngày nghỉ",
        "data.kind.working_day": "Ngày làm việc bù",
        "data.limits.title": "Thời hạn giải quyết theo thủ tục (ngày làm việc)",
        "data.limits.how": "Dùng để tính ngày hẹn trả khi tệp nhập không có. Để trống = không có thời hạn "
        "(xóa). Thủ tục chưa có thời hạn được liệt kê trước, nhiều hồ sơ thiếu hạn nhất ở trên.",
        "data.limits.save": "Lưu thời hạn",
        "data.limits.none": "Chưa có thủ tục nào.",
        "data.targets.title": "Chỉ tiêu KPI",
        "data.targets.how": "Tỷ lệ ghi theo phần trăm (98 = 98%). “Gần đạt” = khoảng cách tối đa tới chỉ tiêu "
        "để được xếp gần đạt, cùng đơn vị với chỉ tiêu (điểm phần trăm với tỷ lệ).",
        "data.targets.unit.rate": "%",
        "data.targets.unit.count": "hồ sơ",
        "data.col.unit": "Đơn vị tính",
        "data.targets.defaults": "Đang dùng chỉ tiêu mặc định.",
        "data.targets.save": "Lưu chỉ tiêu",
        "data.targets.reset": "Khôi phục mặc định",
        "data.saved": "Đã lưu. Các trang dùng số liệu mới ngay.",
        "data.col.source": "Cột trong tệp",
        "data.col.field": "Trường",
        "data.col.row": "Dòng",
        "data.col.reason": "Lý do",
        "data.col.file_name": "Tệp",
        "data.col.last_snapshot": "Ngày số liệu mới nhất",
        "data.col.last_received": "Ngày tiếp nhận mới nhất",
        "data.col.days_since_snapshot": "Số ngày từ ngày số liệu",
        "data.col.days_since_received": "Số ngày từ lần tiếp nhận cuối",
        "data.col.procedure": "Thủ tục",
        "data.col.working_days": "Thời hạn (ngày làm việc)",
        "data.col.without_due_date": "Hồ sơ thiếu ngày hẹn trả",
        "data.col.label": "Chỉ tiêu",
        "data.col.comparator": "So sánh",
        "data.col.value": "Mức chỉ tiêu",
        "data.col.near": "Gần đạt",
        "data.col.day": "Ngày",
        "data.col.kind": "Loại",
        "data.col.note": "Ghi chú",
    },
    en={
        "data.title": "Data",
        "data.tab.import": "Import",
        "data.tab.history": "Import history",
        "data.tab.freshness": "Data freshness",
        "data.tab.settings": "Settings",
        "data.import.title": "Import exports of the one-stop software",
        "data.import.how": "Choose one or more files (.xlsx, .xls, .csv, .html). Each file is read and checked "
        "first, nothing stored: the header row, which column maps to which field, rows read and rejected. "
        "Correct the mapping if needed, then press “Import into the database”: each file is stored in its own "
        "transaction. Personal data and staff names are never stored.",
        "data.upload": "Export files",
        "data.preview.kind.export": "Dossier export",
        "data.preview.kind.766": "Decision 766 score table",
        "data.preview.facts": "{kind} · sheet “{sheet}” · header row {row}",
        "data.preview.snapshot": "data as of {snapshot}",
        "data.preview.read": "Rows read",
        "data.preview.ok": "Valid rows",
        "data.preview.rejected": "Rejected rows",
        "data.preview.skipped": "Skipped rows",
        "data.preview.how": "Read = valid + rejected + skipped (blank, total and column-number rows). Valid "
        "rows become new, updated or unchanged dossiers on import.",
        "data.preview.mapping": "Column mapping (change “Field” where it is wrong)",
        "data.preview.mapping.how": "“Ignore the column”: not read; “Personal data”, “Officer's name”: recognised "
        "in order to be dropped, never stored. After an edit the file is read again with the new mapping.",
        "data.preview.remapped": "The file was read again with the corrected mapping.",
        "data.field.dossier_code": "Dossier code",
        "data.field.unit": "Unit",
        "data.field.district": "District (former)",
        "data.field.field_name": "Field",
        "data.field.procedure": "Procedure",
        "data.field.status": "Status",
        "data.field.channel": "Channel",
        "data.field.service_level": "Service level",
        "data.field.submitted_at": "Submitted on",
        "data.field.received_at": "Received on",
        "data.field.due_at": "Due on",
        "data.field.finished_at": "Finished on",
        "data.field.returned_at": "Result returned on",
        "data.field.supplement_requested_at": "Supplement requested on",
        "data.field.supplement_count": "Supplements",
        "data.field.rating": "Rating",
        "data.field.paid_online": "Paid online",
        "data.field.result_digitized": "Digital result",
        "data.field.apology_issued": "Apology letter",
        "data.field.row_number": "Row number (skipped)",
        "data.field.officer": "Officer's name (not stored)",
        "data.field.personal": "Personal data (not stored)",
        "data.field.ignore": "Ignore the column",
        "data.preview.rejects": "First rejected rows",
        "data.preview.notes": "Notes from reading the file",
        "data.preview.unreadable": "Cannot read {name}: {error}",
        "data.preview.imported": "This file was imported (import {id}).",
        "data.import.button": "Import into the database",
        "data.import.nothing": "No file is waiting to be imported.",
        "data.import.failed": "Could not import {name}: {error}. The database is unchanged.",
        "data.result.title": "Result of the last import",
        "data.result.how": "Read = New + Updated + Unchanged + Rejected + Skipped.",
        "data.result.rejects": "Rejected rows and reasons ({count})",
        "data.result.download": "Download the rejected rows (CSV)",
        "data.result.download.help": "UTF-8 CSV; cells starting with = + - @ get a leading ' so that Excel "
        "does not run them as formulas.",
        "data.freshness.title": "Data freshness per unit",
        "data.freshness.how": "Data day = the “data as of” day of the newest file holding the unit's dossiers; "
        "days counted to today ({today}). Stalest unit first.",
        "data.freshness.stale": "{count} units have data older than {days} days.",
        "data.freshness.empty": "No dossier is stored yet.",
        "data.settings.empty": "Import data before changing settings.",
        "data.calendar.title": "Days off / swapped working days (calendar corrections)",
        "data.calendar.how": "The calendar already holds the legal holidays; add here extra days off or "
        "Saturdays worked in exchange. They change due dates and days overdue.",
        "data.calendar.none": "No corrections yet.",
        "data.calendar.day": "Day",
        "data.calendar.kind": "Kind of day",
        "data.calendar.note": "Note",
        "data.calendar.add": "Add / replace",
        "data.calendar.remove_day": "Day whose correction to remove",
        "data.calendar.remove": "Remove correction",
        "data.kind.day_off": "Day off",
        "data.kind.working_day": "Working day",
        "data.limits.title": "Legal time limits per procedure (working days)",
        "data.limits.how": "Used to compute the due date when the file has none. Empty = no limit (removed). "
        "Procedures without a limit come first, most dossiers lacking a due date on top.",
        "data.limits.save": "Save time limits",
        "data.limits.none": "No procedure yet.",
        "data.targets.title": "KPI targets",
        "data.targets.how": "Rates in per cent (98 = 98%). “Near” = the largest shortfall still graded near the "
        "target, in the target's unit (percentage points for a rate).",
        "data.targets.unit.rate": "%",
        "data.targets.unit.count": "dossiers",
        "data.col.unit": "Unit",
        "data.targets.defaults": "The default targets are in use.",
        "data.targets.save": "Save targets",
        "data.targets.reset": "Restore defaults",
        "data.saved": "Saved. Every page uses the new numbers at once.",
        "data.col.source": "Column in the file",
        "data.col.field": "Field",
        "data.col.row": "Row",
        "data.col.reason": "Reason",
        "data.col.file_name": "File",
        "data.col.last_snapshot": "Newest data day",
        "data.col.last_received": "Newest received day",
        "data.col.days_since_snapshot": "Days since data day",
        "data.col.days_since_received": "Days since last received",
        "data.col.procedure": "Procedure",
        "data.col.working_days": "Time limit (working days)",
        "data.col.without_due_date": "Dossiers without a due date",
        "data.col.label": "Target",
        "data.col.comparator": "Comparator",
        "data.col.value": "Target value",
        "data.col.near": "Near",
        "data.col.day": "Day",
        "data.col.kind": "Kind",
        "data.col.note": "Note",
    },
)
STALE_DAYS = 7


def render() -> None:
    st.title(t("data.title"))
    path = database_path()
    missing, broken = False, None
    try:
        data = load_overview(path)
    except DatabaseMissing:
        data, missing = None, True
    except DatabaseError as error:
        data, broken = None, error
    tab_labels = {  # issue 11 §10: the open tab is in the URL (?the=cai-dat)
        "nhap": t("data.tab.import"), "lich-su": t("data.tab.history"), "cap-nhat": t("data.tab.freshness"),
        "don-vi": tu("data.tab.units"), "cai-dat": t("data.tab.settings"),
    }  # fmt: skip
    import_tab, history_tab, freshness_tab, units_tab, settings_tab = url_state.tabs(
        tab_labels, "data-tab", "the"
    )
    with import_tab:
        import_section(path)
    with history_tab:
        if broken is not None:
            database_panel(DatabaseState(path, UNREADABLE, str(broken)))
        elif data is None:
            how_to_start(path, missing=missing)
        else:
            st.caption(t("overview.source", path=path, updated=format_datetime(data.file_time)))
            headline_metrics(data.totals)
            dossiers_per_unit(data.per_unit)
            import_log(data.imports)
            rejected_rows(data.rejected, data.totals["rejected"])
    with freshness_tab:
        freshness_section(data)
    with units_tab:  # issue 15: province, names to identify, split communes' successors
        if data is None:
            st.info(t("data.settings.empty"))
        else:
            data_units.render()
    with settings_tab:
        if data is None:
            st.info(t("data.settings.empty"))
        else:
            settings_section()


# --- Loading -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OverviewData:
    totals: dict[str, int]
    per_unit: pd.DataFrame
    imports: pd.DataFrame
    rejected: pd.DataFrame
    file_time: dt.datetime


def load_overview(path: Path) -> OverviewData | None:
    """Everything the page shows, or None when nothing was ever stored. Raises DatabaseMissing.

    Cached per version of the file: an import replaces the file (new inode and mtime), so the next browser
    refresh misses the cache and reads the new data, while reruns of the same version (language switch,
    opening the expander) do not query again.
    """
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise DatabaseMissing(str(path)) from None
    return _load_version(str(path.resolve()), (stat.st_ino, stat.st_mtime_ns, stat.st_size))


@st.cache_data(max_entries=8, show_spinner=False)
def _load_version(path: str, version: tuple[int, int, int]) -> OverviewData | None:
    db = Database(path)
    try:
        totals = overview.totals(db)
    except MissingTables:
        return None  # a DuckDB file without our tables: nothing imported into it
    if totals["dossiers"] == 0 and totals["imports"] == 0:
        return None
    return OverviewData(
        totals=totals,
        per_unit=overview.dossiers_per_unit(db),
        imports=overview.import_log(db),
        rejected=overview.quarantine(db, limit=QUARANTINE_LIMIT),
        file_time=dt.datetime.fromtimestamp(version[1] / 1e9),
    )


# --- Sections ------------------------------------------------------------------------------------------


def how_to_start(path: Path, *, missing: bool) -> None:
    database_panel(database_state(path))


def headline_metrics(totals: dict[str, int]) -> None:
    with st.container(key="overview-metrics", horizontal=True):
        for name in ("dossiers", "units", "imports", "rejected"):
            with st.container(key=f"metric-{name}", border=True):
                st.metric(t(f"metric.{name}"), format_count(totals[name]))
                st.caption(t(f"metric.{name}.how"))


def dossiers_per_unit(per_unit: pd.DataFrame) -> None:
    with st.container(key="per-unit"):
        st.subheader(t("per_unit.title"))
        st.caption(t("per_unit.how"))
        if per_unit.empty:
            st.info(t("per_unit.empty"))
            return
        table = per_unit[["unit", "dossiers", "first_received", "last_received"]]
        show_table(table, counts=["dossiers"], dates=["first_received", "last_received"])


def import_log(imports: pd.DataFrame) -> None:
    with st.container(key="import-log"):
        st.subheader(t("imports.title"))
        st.caption(t("imports.how"))
        if imports.empty:
            st.info(t("imports.empty"))
            return
        table = imports.assign(
            snapshot_source=imports["snapshot_source"].map(lambda s: t(f"snapshot_source.{s}")),
            notes=imports["notes"].map(_notes_text),
        )
        show_table(
            table,
            counts=[
                "rows_read",
                "rows_loaded",
                "rows_updated",
                "rows_unchanged",
                "rows_rejected",
                "rows_skipped",
            ],
            dates=["snapshot_at"],
            datetimes=["imported_at"],
        )


def rejected_rows(rejected: pd.DataFrame, total: int) -> None:
    with st.container(key="quarantine"), st.expander(t("quarantine.title", count=format_count(total))):
        if rejected.empty:
            st.write(t("quarantine.none"))
            return
        if len(rejected) < total:
            st.caption(
                t("quarantine.truncated", shown=format_count(len(rejected)), total=format_count(total))
            )
        columns = ["import_id", "source_file", "source_row", "reason", "cells"]
        show_table(rejected[columns])
        st.download_button(
            t("data.result.download"),
            data=lambda: csv_bytes(rejected[columns], {name: t(f"col.{name}") for name in columns}),
            file_name="dong_bi_loai_lich_su.csv",
            mime="text/csv",
            help=t("data.result.download.help"),
            icon=":material/download:",
            key="quarantine-download",
        )


# --- Helpers ---------------------------------------------------------------------------------------------


def _notes_text(notes: str | None) -> str:
    """The import's file-level notes are stored as a JSON list; show them as one line of text."""
    if not notes:
        return ""
    try:
        items = json.loads(notes)
    except ValueError:
        return notes
    return "; ".join(str(item) for item in items) if isinstance(items, list) else str(items)


# --- Import ---------------------------------------------------------------------------------------------------


@dataclass
class _Upload:
    name: str
    path: Path
    preview: Preview | None = None
    error: str | None = None
    remapped: bool = False
    applied: list | None = None  # the field column last tried
    mapping_error: str | None = None
    import_id: int | None = None  # set once stored
    copy: UploadCopy | None = None  # the file on disk until it is imported or removed
    mapping: object = None  # the ColumnMapping last applied (None: as detected)
    as_of: dt.date | None = None  # "Số liệu đến ngày" the user confirmed (issue 11 §4)


def import_section(path: Path) -> None:
    with st.container(key="data-import"):
        st.subheader(t("data.import.title"))
        st.caption(t("data.import.how"))
        files = st.file_uploader(
            t("data.upload"), type=UPLOAD_TYPES, accept_multiple_files=True, key="upload"
        )
        uploads: dict[str, _Upload] = st.session_state.setdefault(_UPLOADS, {})
        current = []
        for upload in files or []:
            if upload.file_id not in uploads:
                uploads[upload.file_id] = _read_upload(upload)
            current.append((upload.file_id, uploads[upload.file_id]))
        for file_id in [known for known in uploads if known not in dict(current)]:
            _forget(uploads.pop(file_id))  # removed from the uploader: drop its temporary copy
        for number, (file_id, item) in enumerate(current):
            with st.container(key=f"preview-{number}", border=True):
                preview_file(file_id, item)
        waiting = [item for _, item in current if item.preview is not None and item.import_id is None]
        undated = [item for item in waiting if not item.preview.is_766 and item.as_of is None]
        if current:
            if st.button(
                t("data.import.button"),
                type="primary",
                key="import-button",
                disabled=not waiting or bool(undated),
            ):
                import_files(path, waiting)
            if not waiting:
                st.caption(t("data.import.nothing"))
            elif undated:
                st.caption(t("data.as_of.missing"))
        import_results()


def _read_upload(upload) -> _Upload:
    """Save the upload to a private temporary file (the readers work on paths) and prepare it."""
    copy = save_upload(upload.name, upload.getvalue())  # issue 12 §2: removed on import, removal, session end
    item = _Upload(name=copy.path.name, path=copy.path, copy=copy)
    _prepare(item, None)
    if item.error is not None:
        copy.discard()  # unreadable: there is nothing more to do with it
    return item


def _forget(item: _Upload) -> None:
    item.copy.discard()


def _prepare(item: _Upload, mapping) -> None:
    try:
        item.preview, item.error = preview(item.path, mapping), None
    except (UnreadableFile, ValueError, OSError) as error:
        item.preview, item.error = None, str(error)


def preview_file(file_id: str, item: _Upload) -> None:
    st.markdown(f"**{markdown_text(item.name)}**")
    if item.error is not None:
        st.error(t("data.preview.unreadable", name=markdown_text(item.name), error=markdown_text(item.error)))
        return
    prepared = item.preview.prepared
    report = prepared.report
    kind = t("data.preview.kind.766" if item.preview.is_766 else "data.preview.kind.export")
    sheet = getattr(prepared, "sheet_name", None) or ", ".join(getattr(prepared, "sheet_names", []) or [])
    facts = t(
        "data.preview.facts",
        kind=kind,
        sheet=sheet,
        row=prepared.header_row if prepared.header_row is not None else "–",
    )
    if item.preview.is_766:  # an export's data date is asked below instead
        facts += " · " + t("data.preview.snapshot", snapshot=format_date(prepared.snapshot_at))
    st.caption(facts)
    if not item.preview.is_766 and item.import_id is None:
        item.as_of = data_date.ask(file_id, prepared)
    if item.import_id is not None:
        st.success(t("data.preview.imported", id=item.import_id))
    valid = report.rows_read - report.rows_rejected - report.rows_skipped
    with st.container(horizontal=True):
        st.metric(t("data.preview.read"), format_count(report.rows_read))
        st.metric(t("data.preview.ok"), format_count(valid))
        st.metric(t("data.preview.rejected"), format_count(report.rows_rejected))
        st.metric(t("data.preview.skipped"), format_count(report.rows_skipped))
    st.caption(t("data.preview.how"))
    if report.notes:
        with st.expander(t("data.preview.notes")):
            st.markdown("\n".join(f"- {markdown_text(note)}" for note in report.notes))
    if not item.preview.is_766 and item.import_id is None:
        mapping_editor(file_id, item)
    if report.rejects:
        with st.expander(t("data.preview.rejects")):
            frame = rejects_frame(item.name, report).head(PREVIEW_REJECTS)[["source_row", "reason"]]
            show_table(frame, labels={"source_row": t("data.col.row"), "reason": t("data.col.reason")})


def field_label(field: str) -> str:
    """A field of the column mapping in the words of the interface ("Ngày tiếp nhận", not received_at)."""
    return t(f"data.field.{field}") if f"data.field.{field}" in STRINGS["vi"] else field


def mapping_editor(file_id: str, item: _Upload) -> None:
    st.markdown(t("data.preview.mapping"))
    st.caption(t("data.preview.mapping.how"))
    original = item.preview.columns
    # Issue 11 §6: the grid holds the fields' names, not their codes, so that what it draws and what a screen
    # reader reads are the same words; they are turned back into codes after the edit.
    code_of = {field_label(field): field for field in FIELD_CHOICES}
    edited = st.data_editor(
        original.assign(field=original["field"].map(field_label)),
        column_config={
            "source": st.column_config.TextColumn(t("data.col.source"), disabled=True),
            "field": st.column_config.SelectboxColumn(
                t("data.col.field"), options=list(code_of), required=True
            ),
        },
        hide_index=True,
        num_rows="fixed",
        key=f"mapping-{file_id}",
    )
    edited = edited.assign(field=edited["field"].map(code_of))
    fields = list(edited["field"])
    if changed(original, edited) and fields != item.applied:
        item.applied = fields  # tried once per edit: a mapping the file cannot honour does not loop
        try:
            mapping = mapping_from_rows(edited)
            item.preview = preview(item.path, mapping)
            item.mapping = mapping
        except (UnreadableFile, ValueError, OSError) as error:
            item.mapping_error = str(error)
        else:
            item.mapping_error, item.remapped = None, True
            st.rerun()
    if item.mapping_error:
        st.error(markdown_text(item.mapping_error))
    if item.remapped:
        st.caption(t("data.preview.remapped"))


def import_files(path: Path, items: list[_Upload]) -> None:
    """Store each prepared file in its own transaction; a failure leaves the database as it was."""
    db = Database(path)
    results, failures = [], []
    for item in items:
        try:
            _date_as_confirmed(item)
            report = load_any(db, item.preview.prepared)
        except WRITE_FAILURES as error:  # issue 12 §7: a full disk, a read-only folder, not a database …
            failures.append((item.name, write_failure_message(error, path, outcome=False)))
            continue
        except (
            UnreadableFile,
            ValueError,
        ) as error:  # read again for the confirmed date: the copy may be gone
            failures.append((item.name, str(error)))
            continue
        item.import_id = report.import_id
        item.copy.discard()  # imported: nothing of the upload stays on disk
        results.append((item.name, report))
    # Kept for the next run: st.rerun() drops whatever this run has drawn, an error box included.
    st.session_state[_RESULTS], st.session_state[_FAILURES] = results, failures
    st.rerun()  # the sidebar's filter choices and every table read the new file version


def _date_as_confirmed(item: _Upload) -> None:
    """Prepare the file again with the data date the user confirmed when it is not the one it was read with."""
    prepared = item.preview.prepared
    if item.preview.is_766 or item.as_of is None:
        return
    if item.as_of != prepared.snapshot_at or prepared.snapshot_source == "import_time":
        item.preview = preview(item.path, item.mapping, as_of=item.as_of)


def import_results() -> None:
    for name, error in st.session_state.get(_FAILURES) or []:
        st.error(t("data.import.failed", name=markdown_text(name), error=markdown_text(error)))
    results = st.session_state.get(_RESULTS)
    if not results:
        return
    with st.container(key="import-result"):
        st.subheader(t("data.result.title"))
        st.caption(t("data.result.how"))
        table = pd.DataFrame([{"file_name": name, **summary_row(report)} for name, report in results])
        counts = [column for column in table.columns if column.startswith("rows_")]
        show_table(table, counts=counts, labels={"file_name": t("data.col.file_name")}, key="import-summary")
        rejects = pd.concat([rejects_frame(name, report) for name, report in results], ignore_index=True)
        labels = {
            "file_name": t("data.col.file_name"),
            "source_row": t("data.col.row"),
            "reason": t("data.col.reason"),
        }
        with st.expander(t("data.result.rejects", count=format_count(len(rejects)))):
            if not rejects.empty:
                show_table(rejects, labels=labels, key="import-rejects")
        if not rejects.empty:
            st.download_button(
                t("data.result.download"),
                data=csv_bytes(rejects, labels),
                file_name="dong_bi_loai.csv",
                mime="text/csv",
                help=t("data.result.download.help"),
                icon=":material/download:",
                key="rejects-download",
            )


# --- Freshness ------------------------------------------------------------------------------------------------


def freshness_section(data) -> None:
    with st.container(key="freshness"):
        st.subheader(t("data.freshness.title"))
        today = dt.date.today()
        st.caption(t("data.freshness.how", today=format_date(today)))
        if data is None or data.totals["dossiers"] == 0:
            st.info(t("data.freshness.empty"))
            return
        frame = kpi(freshness, today)
        stale = int((frame["days_since_snapshot"] > STALE_DAYS).sum())
        if stale:
            st.warning(t("data.freshness.stale", count=format_count(stale), days=STALE_DAYS))
        show_table(
            frame,
            counts=["dossiers", "days_since_snapshot", "days_since_received"],
            dates=["last_snapshot", "last_received"],
            labels={
                name: t(f"data.col.{name}")
                for name in ("last_snapshot", "last_received", "days_since_snapshot", "days_since_received")
            },
            key="freshness-table",
        )


# --- Settings -------------------------------------------------------------------------------------------------


def settings_section() -> None:
    flash = st.session_state.pop(_FLASH, None)
    if flash:
        st.success(flash)
    calendar_editor()
    time_limit_editor()
    target_editor()


def _saved() -> None:
    st.session_state[_FLASH] = t("data.saved")
    st.rerun()


def calendar_editor() -> None:
    with st.container(key="settings-calendar"):
        st.subheader(t("data.calendar.title"))
        st.caption(t("data.calendar.how"))
        overrides = kpi(calendar_overrides)
        if overrides.empty:
            st.info(t("data.calendar.none"))
        else:
            shown = overrides.assign(kind=overrides["kind"].map(lambda k: t(f"data.kind.{k}")))
            show_table(
                shown,
                dates=["day"],
                labels={name: t(f"data.col.{name}") for name in ("day", "kind", "note")},
                key="calendar-table",
            )
        with st.form("calendar-add", border=True):
            columns = st.columns([1, 1, 2])
            day = columns[0].date_input(t("data.calendar.day"), format="DD/MM/YYYY", key="calendar-day")
            kind = columns[1].selectbox(
                t("data.calendar.kind"), store_settings.OVERRIDE_KINDS, format_func=lambda k: t(f"data.kind.{k}"),
                key="calendar-kind", placeholder=t("filters.choose")
            )  # fmt: skip
            note = columns[2].text_input(t("data.calendar.note"), key="calendar-note")
            if st.form_submit_button(t("data.calendar.add")):
                _write(store_settings.set_calendar_override, day, kind, note or None)
        if not overrides.empty:
            with st.form("calendar-remove", border=True):
                day = st.selectbox(
                    t("data.calendar.remove_day"), list(overrides["day"]), format_func=format_date,
                    key="calendar-remove-day", placeholder=t("filters.choose")
                )  # fmt: skip
                if st.form_submit_button(t("data.calendar.remove")):
                    _write(store_settings.remove_calendar_override, day)


def _write(function, *args) -> bool:
    """Call a dashboard.store.settings writer; its Vietnamese ValueError is shown, nothing is stored."""
    try:
        function(Database(database_path()), *args)
    except ValueError as error:
        st.error(markdown_text(error))
        return False
    _saved()
    return True


def limits_table(with_limit: pd.DataFrame, without_limit: pd.DataFrame) -> pd.DataFrame:
    """Procedures without a limit first (the ones to fill in), then the stored limits."""
    missing = without_limit.assign(working_days=pd.NA)[
        ["procedure", "working_days", "dossiers", "without_due_date"]
    ]
    stored = with_limit.assign(without_due_date=0)[
        ["procedure", "working_days", "dossiers", "without_due_date"]
    ]
    frame = pd.concat([missing, stored], ignore_index=True)
    frame["working_days"] = pd.to_numeric(frame["working_days"], errors="coerce").astype("Int64")
    return frame


def limit_changes(original: pd.DataFrame, edited: pd.DataFrame) -> list[tuple[str, int | None]]:
    """(procedure, new limit or None to remove) for every row whose limit changed."""
    changes = []
    for procedure, before, after in zip(
        original["procedure"], original["working_days"], edited["working_days"], strict=True
    ):
        before = None if pd.isna(before) else int(before)
        after = None if after is None or pd.isna(after) else after
        if after is not None and (isinstance(after, float) and not math.isfinite(after)):
            after = None
        if (after if after is None else float(after)) != (before if before is None else float(before)):
            changes.append((procedure, after))
    return changes


def time_limit_editor() -> None:
    with st.container(key="settings-limits"):
        st.subheader(t("data.limits.title"))
        st.caption(t("data.limits.how"))
        original = limits_table(kpi(procedure_time_limits), kpi(procedures_without_limit))
        if original.empty:
            st.info(t("data.limits.none"))
            return
        edited = st.data_editor(
            original,
            column_config={
                "procedure": st.column_config.TextColumn(
                    t("data.col.procedure"), disabled=True, width="large"
                ),
                "working_days": st.column_config.NumberColumn(
                    t("data.col.working_days"), min_value=0, max_value=store_settings.MAX_WORKING_DAYS, step=1
                ),
                "dossiers": st.column_config.NumberColumn(t("col.dossiers"), disabled=True, format="%d"),
                "without_due_date": st.column_config.NumberColumn(
                    t("data.col.without_due_date"), disabled=True, format="%d"
                ),
            },
            hide_index=True,
            num_rows="fixed",
            key="limits-editor",
            height=400,
        )
        if st.button(t("data.limits.save"), key="limits-save"):
            errors = []
            for procedure, days in limit_changes(original, edited):
                try:
                    if days is None:
                        store_settings.remove_procedure_time_limit(Database(database_path()), procedure)
                    else:
                        store_settings.set_procedure_time_limit(Database(database_path()), procedure, days)
                except ValueError as error:
                    errors.append(f"{procedure}: {error}")
            for message in errors:
                st.error(markdown_text(message))
            if not errors:
                _saved()


COMPARATOR_SIGN = {"ge": "≥", "le": "≤", "eq": "="}


def targets_frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    """The targets as the settings table shows them (issue 11 §6): the KPI's name, "≥ / ≤ / =", and a rate in
    per cent (98, not 0.98), its unit beside it; the KPI's code stays in the frame, hidden, to save by."""
    frame = pd.DataFrame(
        rows or targets_to_rows(DEFAULT_TARGETS), columns=["kpi", "comparator", "value", "near"]
    )
    scale = frame["kpi"].map(lambda k: 100.0 if k in RATES else 1.0)
    return pd.DataFrame({
        "kpi": frame["kpi"],
        "label": frame["kpi"].map(lambda k: KPI_LABEL_VI.get(k, k)),
        "comparator": frame["comparator"].map(COMPARATOR_SIGN),
        "value": (frame["value"].astype(float) * scale).round(4),
        "near": (frame["near"].astype(float) * scale).round(4),
        "unit": frame["kpi"].map(lambda k: t("data.targets.unit.rate") if k in RATES else t("data.targets.unit.count")),
    })  # fmt: skip


def target_rows(edited: pd.DataFrame) -> list[dict[str, object]]:
    """The store's rows back from the table: comparator codes, rates as fractions (KPI_SPEC §5)."""
    code_of = {sign: code for code, sign in COMPARATOR_SIGN.items()}
    rows = []
    for row in edited.itertuples(index=False):
        scale = 100.0 if row.kpi in RATES else 1.0
        near = 0.0 if pd.isna(row.near) else float(row.near) / scale
        rows.append({"kpi": row.kpi, "comparator": code_of.get(row.comparator, row.comparator),
                     "value": float(row.value) / scale, "near": near})  # fmt: skip
    return rows


def target_editor() -> None:
    with st.container(key="settings-targets"):
        st.subheader(t("data.targets.title"))
        st.caption(t("data.targets.how"))
        stored = kpi(stored_targets)
        if not stored:
            st.caption(t("data.targets.defaults"))
        original = targets_frame(stored)
        edited = st.data_editor(
            original,
            column_config={
                "label": st.column_config.TextColumn(t("data.col.label"), disabled=True, width="large"),
                "comparator": st.column_config.SelectboxColumn(
                    t("data.col.comparator"), options=list(COMPARATOR_SIGN.values()), required=True
                ),
                # "localized": the browser's own decimal comma (98,5 in a Vietnamese browser).
                "value": st.column_config.NumberColumn(
                    t("data.col.value"), required=True, format="localized"
                ),
                "near": st.column_config.NumberColumn(t("data.col.near"), min_value=0, format="localized"),
                "unit": st.column_config.TextColumn(t("data.col.unit"), disabled=True),
            },
            column_order=["label", "comparator", "value", "near", "unit"],  # the KPI's code is not shown
            hide_index=True,
            num_rows="fixed",
            key="targets-editor",
        )
        with st.container(horizontal=True):
            if st.button(t("data.targets.save"), key="targets-save"):
                _write(store_settings.set_targets, target_rows(edited))
            if stored and st.button(t("data.targets.reset"), key="targets-reset"):
                _write(store_settings.set_targets, [])
