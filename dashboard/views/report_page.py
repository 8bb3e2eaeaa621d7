"""Báo cáo (issue 5 §5): the periodic report's files, generated only when asked for.

The period and the units come from the shared filters; the report covers every field, procedure and channel,
as the official form does. Each button builds its file when clicked (Streamlit calls the function then), from
the same ReportContent the command line uses, so that the page, the files and `python -m dashboard report` can
never disagree. A preview, also on request, shows the report's paragraphs and its Biểu 06 table.
"""

from __future__ import annotations

import time

import streamlit as st

from dashboard.exports.chart_images import ChromiumMissing, browser_path
from dashboard.exports.report_files import FILES, NEEDS_DOSSIERS, file_name, report_bytes
from dashboard.exports.report_text import paragraphs
from dashboard.exports.report_zip import ZIP, report_zip, zip_name
from dashboard.kpi.overview import filter_options
from dashboard.kpi.report import ReportContent, report_content, report_has_dossiers
from dashboard.safe_text import markdown_text
from dashboard.views import document_form
from dashboard.views.cache import database, kpi
from dashboard.views.i18n import register, t
from dashboard.views.page_common import page_header
from dashboard.views.report_builds import built_parts, outcome, tracked
from dashboard.views.selection import Selection
from dashboard.views.tables import show_table
from dashboard.views.uploads import current_session_id

KINDS = ("bieu06", "word", "phuluc")
FORM_COLUMNS = ("c3", "c4", "c5", "c6", "c7", "c8", "c9", "c10", "c11", "c12", "c13")

register(
    vi={
        "report.scope.all": "Phạm vi: tất cả đơn vị trong dữ liệu.",
        "report.scope.units": "Phạm vi: {units}.",
        "report.scope.how": "Kỳ báo cáo và đơn vị lấy theo bộ lọc bên trái. Báo cáo tính mọi lĩnh vực, thủ tục và "
        "kênh tiếp nhận, như Biểu số 06/VPCP/KSTT.",
        "report.scope.ignored": "Bộ lọc lĩnh vực, thủ tục, kênh đang chọn không áp dụng cho báo cáo.",
        "report.by": "Các dòng của Biểu 06",
        "report.by.unit": "Theo đơn vị",
        "report.by.field": "Theo lĩnh vực",
        "report.files": "Tải báo cáo",
        "report.files.how": "Mỗi tệp được tạo khi bấm nút, từ cùng số liệu với các trang.",
        "report.file.bieu06": "Biểu số 06 (.xlsx)",
        "report.file.bieu06.help": "Biểu số 06/VPCP/KSTT theo mẫu Thông tư 01/2020/TT-VPCP: khổ A4 ngang, dòng tổng "
        "cộng, số là số (không phải chữ).",
        "report.file.word": "Báo cáo Word (.docx)",
        "report.file.word.help": "Báo cáo định kỳ: đoạn tổng hợp, so sánh với kỳ trước và cùng kỳ năm trước, Biểu "
        "06, hồ sơ quá hạn theo đơn vị và biểu đồ.",
        "report.file.phuluc": "Phụ lục hồ sơ quá hạn, sắp đến hạn (.xlsx)",
        "report.file.phuluc.help": "Danh sách theo đơn vị: hồ sơ đang quá hạn, hồ sơ đã giải quyết quá hạn trong kỳ "
        "và hồ sơ sắp đến hạn (STT, mã hồ sơ, ngày tiếp nhận, hẹn trả, có kết quả, đơn vị, ghi chú).",
        "report.file.zip": "Tải cả ba tệp (.zip)",
        "report.file.zip.name": "tệp nén ba tệp (.zip)",
        "report.file.zip.help": "Biểu số 06, báo cáo Word và phụ lục của kỳ và đơn vị đang chọn, trong một tệp "
        "nén. Nếu một tệp không tạo được thì không tải tệp nén nào, và trang nói tệp nào, vì sao.",
        "report.no_chromium": "Báo cáo Word cần trình duyệt Chromium để vẽ biểu đồ; máy này chưa có. Cài gói "
        "chromium (cách cài: xem README).",
        "report.building": "Đang tạo tệp…",
        "report.failed": "Không tạo được {file}: {reason}. Hãy báo lỗi này cho người quản trị; số liệu không "
        "thay đổi.",
        "report.preview": "Xem trước nội dung báo cáo",
        "report.preview.text": "Đoạn tổng hợp",
        "report.preview.table": "Biểu 06",
        "report.col.group.unit": "Đơn vị",
        "report.col.group.field": "Lĩnh vực",
        "report.col.c3": "(3) Tổng số nhận",
        "report.col.c4": "(4) Trực tuyến",
        "report.col.c5": "(5) Trực tiếp, BCCI",
        "report.col.c6": "(6) Từ kỳ trước",
        "report.col.c7": "(7) Đã giải quyết",
        "report.col.c8": "(8) Trước hạn",
        "report.col.c9": "(9) Đúng hạn",
        "report.col.c10": "(10) Quá hạn",
        "report.col.c11": "(11) Đang giải quyết",
        "report.col.c12": "(12) Trong hạn",
        "report.col.c13": "(13) Quá hạn",
        "report.empty": "{period}: không có hồ sơ nào trong phạm vi đã chọn, nên không có dữ liệu để lập báo "
        "cáo Word và phụ lục. Biểu số 06 vẫn tải được: biểu có các dòng bằng 0 vẫn là báo cáo hợp lệ. Hãy chọn kỳ "
        "khác hoặc đơn vị khác để có báo cáo Word.",
    },
    en={
        "report.scope.all": "Scope: every unit in the data.",
        "report.scope.units": "Scope: {units}.",
        "report.scope.how": "The period and units come from the filters on the left. The report covers every field, "
        "procedure and channel, as form 06/VPCP/KSTT does.",
        "report.scope.ignored": "The field, procedure and channel filters selected do not apply to the report.",
        "report.by": "Rows of form 06",
        "report.by.unit": "By unit",
        "report.by.field": "By field",
        "report.files": "Download the report",
        "report.files.how": "Each file is built when its button is clicked, from the same numbers as the pages.",
        "report.file.bieu06": "Form 06 (.xlsx)",
        "report.file.bieu06.help": "Form 06/VPCP/KSTT as in Circular 01/2020/TT-VPCP: A4 landscape, total row, "
        "numbers as numbers.",
        "report.file.word": "Word report (.docx)",
        "report.file.word.help": "Periodic report: summary paragraph, comparison with the previous period and a "
        "year earlier, form 06, overdue dossiers by unit and charts.",
        "report.file.phuluc": "Annex of overdue and due-soon dossiers (.xlsx)",
        "report.file.phuluc.help": "Lists by unit: dossiers overdue now, resolved late in the period, and due soon.",
        "report.file.zip": "All three files (.zip)",
        "report.file.zip.name": "the zip of the three files",
        "report.file.zip.help": "Form 06, the Word report and the annex for the period and units selected, in one "
        "zip. If one of them cannot be built no zip is downloaded, and the page says which file failed and why.",
        "report.no_chromium": "The Word report needs the Chromium browser to draw its charts and this machine has "
        "none. Install the chromium package (see README).",
        "report.building": "Building the file…",
        "report.failed": "Could not build {file}: {reason}. Please report this error; the data is unchanged.",
        "report.preview": "Preview the report's content",
        "report.preview.text": "Summary",
        "report.preview.table": "Form 06",
        "report.col.group.unit": "Unit",
        "report.col.group.field": "Field",
        "report.col.c3": "(3) To handle",
        "report.col.c4": "(4) Online",
        "report.col.c5": "(5) In person, postal",
        "report.col.c6": "(6) Carried over",
        "report.col.c7": "(7) Resolved",
        "report.col.c8": "(8) Early",
        "report.col.c9": "(9) On time",
        "report.col.c10": "(10) Late",
        "report.col.c11": "(11) In progress",
        "report.col.c12": "(12) Within deadline",
        "report.col.c13": "(13) Overdue",
        "report.empty": "{period}: no dossiers in the chosen scope, so no data for a Word report or its annex. "
        "Form 06 can still be downloaded: a form whose rows are 0 is a valid report. Choose another period or "
        "unit for a Word report.",
    },
)


def scope_of(chosen: Selection, unit_names: dict[str, str]) -> tuple[tuple[str, ...], str]:
    """The units the report covers (keys, empty for all) and the reporting unit's name for the form."""
    keys = tuple(chosen.filters.unit_keys)
    return keys, ", ".join(unit_names.get(key, key) for key in keys)


def render() -> None:
    chosen = page_header("nav.report")
    options = kpi(filter_options)
    unit_keys, scope = scope_of(
        chosen, options["units" if chosen.filters.units == "current" else "units_recorded"]
    )
    with st.container(key="report-scope"):
        st.markdown(t("report.scope.units", units=markdown_text(scope)) if scope else t("report.scope.all"))
        st.caption(t("report.scope.how"))
        if chosen.filters.fields or chosen.filters.procedures or chosen.filters.channels:
            st.warning(t("report.scope.ignored"))
    default_by = "field" if len(unit_keys) == 1 else "unit"
    by = st.segmented_control(
        t("report.by"), ("unit", "field"), default=default_by, format_func=lambda b: t(f"report.by.{b}"),
        key=f"report-by-{default_by}", required=True,  # a new scope starts from its own default
    )  # fmt: skip
    request = (chosen.period, by or default_by, unit_keys, scope, chosen.filters.units)  # issue 15 §4
    # Issue 11 §7: a period and units without dossiers get no Word report, no Phụ lục and no preview of an
    # all-zero narrative; the page says why (report_files.NEEDS_DOSSIERS: Biểu 06 stays, a valid all-zero form).
    counted = kpi(report_has_dossiers, chosen.period, unit_keys, chosen.filters.units)
    if not counted:
        with st.container(key="report-empty"):
            st.info(t("report.empty", period=chosen.period.label))
    _downloads(request, counted)
    document_form.draw(scope)
    if counted and st.toggle(t("report.preview"), key="report-preview"):
        _preview(kpi(report_content, *request))


def _build(request: tuple, kind: str, session_id: str | None = None) -> bytes:
    """The file of a kind, built when its button is clicked (outside the page run: no Streamlit call here)."""
    return tracked(session_id, kind, lambda: report_bytes(report_content(database(), *request), kind))


def _build_zip(request: tuple, labels: dict[str, str], session_id: str | None = None) -> bytes:
    """The three files in one zip (issue 11 §13), built when its button is clicked. A file that fails fails
    the zip, named by its label in `labels` (taken during the page run), as a single file's build does."""
    period, scope = request[0], request[3]

    def build_all() -> bytes:
        content = report_content(database(), *request)
        parts = [(labels[kind], file_name(period, kind, scope), _part(content, kind)) for kind in KINDS]
        return report_zip(built_parts(parts))

    return tracked(session_id, ZIP.kind, build_all)


def _part(content: ReportContent, kind: str):
    return lambda: report_bytes(content, kind)


def _downloads(request: tuple, counted: bool = True) -> None:
    """The report's download buttons; without dossiers (counted False) only Biểu 06 (issue 11 §7), and no zip."""
    period = request[0]
    kinds = [kind for kind in ("bieu06", "word", "phuluc") if counted or kind not in NEEDS_DOSSIERS]
    with st.container(key="report-files"):
        st.subheader(t("report.files"))
        st.caption(t("report.files.how"))
        try:
            browser_path()
            word_ready = True
        except ChromiumMissing:
            word_ready = False
        session, clicked = current_session_id(), None
        with st.container(horizontal=True):
            for kind in kinds:
                if st.download_button(
                    t(f"report.file.{kind}"), data=lambda kind=kind: _build(request, kind, session),
                    file_name=file_name(period, kind, request[3]), mime=FILES[kind].mime, help=t(f"report.file.{kind}.help"),
                    icon=":material/download:", key=f"report-{kind}", disabled=kind == "word" and not word_ready,
                    on_click="rerun",  # the rerun waits for the build and says why if it failed (issue 12 §4)
                ):  # fmt: skip
                    clicked = kind
            if counted and _zip_button(request, session, word_ready):
                clicked = ZIP.kind
        if not word_ready and "word" in kinds:
            st.warning(t("report.no_chromium"))
        if clicked is not None:
            with st.spinner(t("report.building")):
                error = outcome(session, clicked, time.monotonic())
            if error is not None:
                named = "report.file.zip.name" if clicked == ZIP.kind else f"report.file.{clicked}"
                st.error(t("report.failed", file=t(named), reason=markdown_text(error)))


def _zip_button(request: tuple, session: str | None, word_ready: bool) -> bool:
    """Issue 11 §13: the three files in one download, built only when clicked (no zip short of the Word
    report when Chromium is missing: the button is off, as the Word one is)."""
    labels = {kind: t(f"report.file.{kind}") for kind in KINDS}
    return st.download_button(
        t("report.file.zip"), data=lambda: _build_zip(request, labels, session),
        file_name=zip_name(request[0], request[3]), mime=ZIP.mime, help=t("report.file.zip.help"),
        icon=":material/folder_zip:", key="report-zip", disabled=not word_ready, on_click="rerun",
    )  # fmt: skip


def _preview(content: ReportContent) -> None:
    with st.container(key="report-preview-text"):
        st.subheader(t("report.preview.text"))
        for paragraph in paragraphs(content):
            st.markdown(markdown_text(paragraph))  # the paragraphs quote unit names: text, not Markdown
    with st.container(key="report-preview-table"):
        st.subheader(t("report.preview.table"))
        group = content.by
        table = content.rows[[group, *FORM_COLUMNS]]
        labels = {group: t(f"report.col.group.{group}"), **{c: t(f"report.col.{c}") for c in FORM_COLUMNS}}
        show_table(table, counts=FORM_COLUMNS, labels=labels, key="report-form06")
