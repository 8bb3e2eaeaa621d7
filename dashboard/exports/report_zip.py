"""The three report files of one selection in one zip (issue 11 §13: the quarterly report in fewer steps).

Pure: the files' (name, bytes) in, the zip's bytes out. The caller builds the files; one that could not be
built never reaches here, so a zip always holds all the files it was given and nothing else.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from datetime import datetime

from dashboard.exports.report_files import ReportFile, named
from dashboard.kpi.periods import Period

# Same stem as the Word report and the same units and period as the three files inside (issue 11 §12).
ZIP = ReportFile("zip", ".zip", "application/zip", "bao_cao_CCHC_ba_tep")


def zip_name(period: Period, scope: str = "") -> str:
    """bao_cao_CCHC_ba_tep_phuong_hai_chau_20260715_20261014.zip; every unit: …_tat_ca_don_vi_…"""
    return named(ZIP, period, scope)


def report_zip(files: Sequence[tuple[str, bytes]], when: datetime | None = None) -> bytes:
    """A zip holding each (name, bytes) as given, dated `when` (now by default)."""
    names = [name for name, _ in files]
    if len(set(names)) != len(names):
        raise ValueError(f"file names in a zip must differ: {names}")
    stamp = (when or datetime.now()).timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files:
            archive.writestr(zipfile.ZipInfo(name, date_time=stamp), data, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()
