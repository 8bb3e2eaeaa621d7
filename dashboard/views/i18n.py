"""UI strings, Vietnamese first, English as a choice.

The language is a sidebar radio kept in the URL (`?lang=en`), so a link can be shared in either
language and a browser refresh keeps the choice. Data values (unit names, rejection reasons written by the
import) are shown as stored; only the interface is translated.
"""

from __future__ import annotations

import streamlit as st

from dashboard.views import url_state

LANGUAGE_KEY = "lang"  # widget key, session-state key and URL query parameter
DEFAULT_LANGUAGE = "vi"
LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English"}

# What to do, in the words of the interface: command lines belong in README (issue 11 §6).
_HOW_TO_START_VI = (
    "Vào trang **Dữ liệu**, tab **Nhập dữ liệu**, chọn tệp xuất từ phần mềm một cửa (.xlsx, .xls, .csv, .html) "
    "rồi bấm “Nhập vào cơ sở dữ liệu”."
)
_HOW_TO_START_EN = (
    "Open the **Data** page, tab **Import**, choose an export of the one-stop software (.xlsx, .xls, .csv, "
    ".html) and press “Import into the database”."
)

STRINGS: dict[str, dict[str, str]] = {
    "vi": {
        "nav.overview": "Tổng quan",
        "nav.units": "So sánh đơn vị",
        "nav.fields": "Lĩnh vực & thủ tục",
        "nav.actions": "Hồ sơ quá hạn & sắp đến hạn",
        "nav.satisfaction": "Mức độ hài lòng",
        "nav.index766": "Chỉ số 766",
        "nav.report": "Báo cáo",
        "nav.data": "Dữ liệu",
        "stamp": "{period} · Số liệu đến ngày {day}",
        "stamp.others": "{n} đơn vị đến {day}",
        "filters.title": "Bộ lọc",
        "filters.kind": "Kỳ báo cáo",
        "filters.year": "Năm",
        "filters.number": "Số (tháng / quý)",
        "filters.start": "Từ ngày",
        "filters.end": "Đến ngày",
        "filters.units": "Đơn vị",
        "filters.fields": "Lĩnh vực",
        "filters.procedures": "Thủ tục",
        "filters.channels": "Kênh nộp",
        "filters.all": "Tất cả",
        "filters.choose": "Chọn…",
        "channel.direct": "Trực tiếp",
        "channel.online": "Trực tuyến",
        "channel.postal": "Bưu chính công ích",
        "app.title": "Bảng điều khiển CCHC",
        "language.label": "Ngôn ngữ / Language",
        "overview.nav": "Tổng quan",
        "overview.title": "Tổng quan hồ sơ thủ tục hành chính",
        "overview.source": "Cơ sở dữ liệu: `{path}` · cập nhật lúc {updated}",
        "metric.dossiers": "Hồ sơ",
        "metric.dossiers.how": "Số mã hồ sơ khác nhau đã lưu, mọi trạng thái; hồ sơ nhập lại nhiều lần chỉ tính một lần.",
        "metric.units": "Đơn vị",
        "metric.units.how": "Số đơn vị có ít nhất một hồ sơ; tên đơn vị so sánh không phân biệt chữ hoa, khoảng trắng.",
        "metric.imports": "Lần nhập",
        "metric.imports.how": "Số tệp đã nhập vào cơ sở dữ liệu, kể cả tệp nhập lại.",
        "metric.rejected": "Dòng bị loại",
        "metric.rejected.how": "Tổng số dòng bị loại qua mọi lần nhập; lý do ở cuối trang.",
        "per_unit.title": "Hồ sơ theo đơn vị",
        "per_unit.how": "Mọi hồ sơ đã lưu, mọi trạng thái, nhóm theo đơn vị tiếp nhận.",
        "per_unit.empty": "Chưa có hồ sơ nào được lưu.",
        "col.unit": "Đơn vị",
        "col.dossiers": "Số hồ sơ",
        "col.first_received": "Tiếp nhận sớm nhất",
        "col.last_received": "Tiếp nhận gần nhất",
        "imports.title": "Nhật ký nhập dữ liệu",
        "imports.how": "Mỗi dòng là một tệp đã nhập. Đọc = Mới + Cập nhật + Không đổi + Bị loại + Bỏ qua.",
        "imports.empty": "Chưa nhập tệp nào.",
        "col.import_id": "Lần nhập",
        "col.imported_at": "Thời điểm nhập",
        "col.file_name": "Tệp",
        "col.file_kind": "Loại tệp",
        "col.sheet_name": "Trang tính",
        "col.snapshot_at": "Số liệu tính đến",
        "col.snapshot_source": "Căn cứ ngày số liệu",
        "col.rows_read": "Đọc",
        "col.rows_loaded": "Mới",
        "col.rows_updated": "Cập nhật",
        "col.rows_unchanged": "Không đổi",
        "col.rows_rejected": "Bị loại",
        "col.rows_skipped": "Bỏ qua",
        "col.notes": "Ghi chú",
        "snapshot_source.as_of": "người nhập khai báo",
        "snapshot_source.title": "tiêu đề tệp",
        "snapshot_source.import_time": "ngày nhập",
        "snapshot_source.file_created": "ngày tạo tệp",
        "quarantine.title": "Dòng bị loại và lý do ({count})",
        "quarantine.none": "Không có dòng nào bị loại.",
        "quarantine.truncated": "Hiển thị {shown} dòng mới nhất trong tổng số {total} dòng bị loại.",
        "col.source_file": "Tệp",
        "col.source_row": "Dòng",
        "col.reason": "Lý do",
        "col.cells": "Nội dung gốc (đã bỏ dữ liệu cá nhân)",
        "empty.missing.title": "Chưa có cơ sở dữ liệu",
        "empty.missing.body": "Không tìm thấy tệp cơ sở dữ liệu `{path}`: tệp này chưa tồn tại. "
        + _HOW_TO_START_VI
        + " Tệp sẽ được tạo ở đường dẫn trên khi nhập tệp đầu tiên. Nếu dữ liệu đã có ở một tệp khác, hãy nhờ "
        "người quản trị trỏ bảng điều khiển tới tệp đó (xem README).",
        "empty.no_data.title": "Cơ sở dữ liệu chưa có dữ liệu",
        "empty.no_data.body": "Tệp cơ sở dữ liệu `{path}` có nhưng chưa có hồ sơ nào. " + _HOW_TO_START_VI,
        "empty.unreadable.title": "Không đọc được cơ sở dữ liệu",
        "empty.unreadable.body": "Tệp `{path}` có nhưng không đọc được ({error}). Tệp có thể bị hỏng, đang bị "
        "chương trình khác khóa, hoặc không phải cơ sở dữ liệu của bảng điều khiển. Bảng điều khiển không ghi "
        "gì vào tệp này. Hãy khôi phục bản sao lưu gần nhất của tệp, hoặc nhờ người quản trị kiểm tra.",
        "error.unreadable": "Không đọc được cơ sở dữ liệu `{path}`: {error}",
    },
    "en": {
        "nav.overview": "Overview",
        "nav.units": "Units",
        "nav.fields": "Fields & procedures",
        "nav.actions": "Overdue & due soon",
        "nav.satisfaction": "Satisfaction",
        "nav.index766": "Decision 766 index",
        "nav.report": "Reports",
        "nav.data": "Data",
        "stamp": "{period} · Data as of {day}",
        "stamp.others": "{n} units to {day}",
        "filters.title": "Filters",
        "filters.kind": "Reporting period",
        "filters.year": "Year",
        "filters.number": "Number (month / quarter)",
        "filters.start": "From",
        "filters.end": "To",
        "filters.units": "Units",
        "filters.fields": "Fields",
        "filters.procedures": "Procedures",
        "filters.channels": "Channel",
        "filters.all": "All",
        "filters.choose": "Choose…",
        "channel.direct": "In person",
        "channel.online": "Online",
        "channel.postal": "Postal",
        "app.title": "CCHC dashboard",
        "language.label": "Ngôn ngữ / Language",
        "overview.nav": "Overview",
        "overview.title": "Administrative procedure dossiers: overview",
        "overview.source": "Database: `{path}` · updated {updated}",
        "metric.dossiers": "Dossiers",
        "metric.dossiers.how": "Distinct dossier codes stored, any status; a dossier imported several times counts once.",
        "metric.units": "Units",
        "metric.units.how": "Units with at least one dossier; unit names are compared ignoring case and spacing.",
        "metric.imports": "Imports",
        "metric.imports.how": "Files imported into the database, re-imports included.",
        "metric.rejected": "Rejected rows",
        "metric.rejected.how": "Rows rejected over all imports; the reasons are at the bottom of the page.",
        "per_unit.title": "Dossiers per unit",
        "per_unit.how": "Every stored dossier, any status, grouped by the receiving unit.",
        "per_unit.empty": "No dossiers stored yet.",
        "col.unit": "Unit",
        "col.dossiers": "Dossiers",
        "col.first_received": "First received",
        "col.last_received": "Last received",
        "imports.title": "Import log",
        "imports.how": "One row per imported file. Read = New + Updated + Unchanged + Rejected + Skipped.",
        "imports.empty": "No file imported yet.",
        "col.import_id": "Import",
        "col.imported_at": "Imported at",
        "col.file_name": "File",
        "col.file_kind": "Kind",
        "col.sheet_name": "Sheet",
        "col.snapshot_at": "Data as of",
        "col.snapshot_source": "Date taken from",
        "col.rows_read": "Read",
        "col.rows_loaded": "New",
        "col.rows_updated": "Updated",
        "col.rows_unchanged": "Unchanged",
        "col.rows_rejected": "Rejected",
        "col.rows_skipped": "Skipped",
        "col.notes": "Notes",
        "snapshot_source.as_of": "given at import",
        "snapshot_source.title": "file title",
        "snapshot_source.import_time": "import date",
        "snapshot_source.file_created": "file creation date",
        "quarantine.title": "Rejected rows and reasons ({count})",
        "quarantine.none": "No rows were rejected.",
        "quarantine.truncated": "Showing the newest {shown} of {total} rejected rows.",
        "col.source_file": "File",
        "col.source_row": "Row",
        "col.reason": "Reason",
        "col.cells": "Original cells (personal data removed)",
        "empty.missing.title": "No database yet",
        "empty.missing.body": "The database file `{path}` was not found: it does not exist yet. "
        + _HOW_TO_START_EN
        + " The file is created at that path by the first import. If the data is in another file, ask the "
        "administrator to point the dashboard at it (see README).",
        "empty.no_data.title": "The database is empty",
        "empty.no_data.body": "The database file `{path}` exists but holds no dossiers yet. "
        + _HOW_TO_START_EN,
        "empty.unreadable.title": "The database cannot be read",
        "empty.unreadable.body": "The file `{path}` exists but cannot be read ({error}). It may be damaged, "
        "locked by another program, or not a dashboard database. The dashboard writes nothing to it. Restore "
        "the latest backup of the file, or ask the administrator to check it.",
        "error.unreadable": "Could not read the database `{path}`: {error}",
    },
}


def register(vi: dict[str, str], en: dict[str, str]) -> None:
    """Add a page's own strings (each page module keeps its strings beside its code and registers them)."""
    STRINGS["vi"].update(vi)
    STRINGS["en"].update(en)


def choose_language() -> str:
    """The sidebar language switch. Call it before anything calls t(), so the choice applies to this run."""
    # Issue 11 §10: the URL carries the code (?lang=en); the default language leaves the URL clean, and
    # links written with the displayed name (?lang=English) still open in that language.
    codec = url_state.one_of(
        list(LANGUAGE_NAMES), aliases={name: code for code, name in LANGUAGE_NAMES.items()}
    )
    url_state.prepare(LANGUAGE_KEY, LANGUAGE_KEY, codec, DEFAULT_LANGUAGE)
    language = st.sidebar.radio(
        STRINGS[DEFAULT_LANGUAGE]["language.label"],
        options=list(LANGUAGE_NAMES),
        format_func=LANGUAGE_NAMES.__getitem__,
        key=LANGUAGE_KEY,
        horizontal=True,
    )
    url_state.publish(LANGUAGE_KEY, codec, language, default=DEFAULT_LANGUAGE)
    return language


def current_language() -> str:
    language = st.session_state.get(LANGUAGE_KEY, DEFAULT_LANGUAGE)
    return language if language in STRINGS else DEFAULT_LANGUAGE


def t(key: str, **values: object) -> str:
    """The UI string `key` in the chosen language, with {placeholders} filled from `values`."""
    text = STRINGS[current_language()].get(key) or STRINGS[DEFAULT_LANGUAGE][key]
    return text.format(**values) if values else text
