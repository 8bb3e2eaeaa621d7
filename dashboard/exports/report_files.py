"""Which file each report is, for the command line and the Báo cáo page alike (issue 5 §5).

Pure: a ReportContent in, bytes out; the builders are imported when a file is asked for, so that opening the page
loads neither python-docx nor kaleido.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace

import pandas as pd

from dashboard.kpi.periods import Period
from dashboard.kpi.report import ReportContent
from dashboard.kpi.summary import has_dossiers
from dashboard.text import strip_diacritics

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class ReportFile:
    kind: str
    suffix: str
    mime: str
    stem: str  # file name start, ASCII so that every mail system and file server keeps it


FILES = {
    "bieu06": ReportFile("bieu06", ".xlsx", XLSX, "bieu06_VPCP_KSTT"),
    "phuluc": ReportFile("phuluc", ".xlsx", XLSX, "phu_luc_ho_so_qua_han"),
    "word": ReportFile("word", ".docx", DOCX, "bao_cao_CCHC"),
}


# Issue 11 §7: the files that are not built for a period and units without a single dossier. The Word report is a
# narrative ("đã tiếp nhận 0 hồ sơ, tỷ lệ … không có dữ liệu", charts of nothing): built on nothing it reads as
# a report of work done; its Phụ lục would be three empty lists. Biểu số 06 is built all the same: the official
# form (Thông tư 01/2020/TT-VPCP) is a table of counts, and a form whose rows and total are 0 is a valid report
# that a unit with no dossier in the period still has to file.
NEEDS_DOSSIERS = {"word": "báo cáo Word", "phuluc": "phụ lục hồ sơ quá hạn, sắp đến hạn"}


class EmptyReport(ValueError):
    """The period and units hold no dossier: the file asked for is not built (issue 11 §7)."""


def report_bytes(content: ReportContent, kind: str) -> bytes:
    """The file of a kind: the Biểu 06 workbook, the Phụ lục workbook or the Word report. EmptyReport for the
    Word report or the Phụ lục of a selection without dossiers."""
    if kind in NEEDS_DOSSIERS and not has_dossiers(content.total):
        where = f"{content.period.label}, {content.scope or 'tất cả đơn vị'}"
        raise EmptyReport(f"không có hồ sơ nào trong {where}: không tạo {NEEDS_DOSSIERS[kind]}")
    if kind == "bieu06":
        from dashboard.exports.form06_xlsx import form06_workbook

        return form06_workbook(content)
    if kind == "phuluc":
        from dashboard.exports.appendix_xlsx import appendix_workbook

        return appendix_workbook(content)
    if kind == "word":
        from dashboard.exports.word_report import build_word_report

        return build_word_report(xml_safe(content))
    raise ValueError(f"kind must be one of {sorted(FILES)}, not {kind!r}")


def xml_safe(content: ReportContent) -> ReportContent:
    """The content without characters XML cannot hold (a NUL in a unit name stored before issue 12 §4 made
    python-docx refuse every Word report: "All strings must be XML compatible")."""
    frames = {}
    for item in fields(content):
        value = getattr(content, item.name)
        if isinstance(value, pd.DataFrame):
            text = [name for name in value.columns if _holds_text(value[name])]
            frames[item.name] = value.assign(**{name: value[name].map(_xml_text) for name in text})
        elif isinstance(value, pd.Series) and _holds_text(value):
            frames[item.name] = value.map(_xml_text)
    return replace(content, scope=_xml_text(content.scope), **frames)


def _holds_text(column: pd.Series) -> bool:
    return pd.api.types.is_object_dtype(column) or pd.api.types.is_string_dtype(column)


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(value: object) -> object:
    return _NOT_XML.sub("", value) if isinstance(value, str) else value


def file_name(period: Period, kind: str, scope: str = "") -> str:
    """The period and the units in the name (issue 11 §12), ASCII:
    bao_cao_CCHC_phuong_hai_chau_20261015_20261114.docx; every unit: …_tat_ca_don_vi_…"""
    return named(FILES[kind], period, scope)


def named(spec: ReportFile, period: Period, scope: str = "") -> str:
    """The name of a file of `spec` for the period and units (the zip of issue 11 §13 is named alike)."""
    return f"{spec.stem}_{units_slug(scope)}_{period.start:%Y%m%d}_{period.end:%Y%m%d}{spec.suffix}"


def units_slug(scope: str, most: int = 2, longest: int = 60) -> str:
    """ "Phường Hải Châu, Xã Hòa Vang" → "phuong_hai_chau_xa_hoa_vang"; more than `most` units: the first ones and
    how many others ("…_va_3_don_vi_khac"); no unit named: "tat_ca_don_vi"."""
    names = [name.strip() for name in scope.split(",") if name.strip()]
    if not names:
        return "tat_ca_don_vi"
    shown = [_ascii(name) for name in names[:most]]
    slug = "_".join(part for part in shown if part)[:longest].rstrip("_")
    if len(names) > most:
        slug += f"_va_{len(names) - most}_don_vi_khac"
    return slug or "don_vi"


def _ascii(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", strip_diacritics(text).lower()).strip("_")
