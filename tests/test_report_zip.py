"""The zip of the three report files (issue 11 §13): the files inside as given, named as the single downloads
are, and the zip named after the same period and units."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

import pytest
from report_exports_fixture import PERIOD, content

from dashboard.exports.report_files import file_name, report_bytes
from dashboard.exports.report_zip import report_zip, zip_name
from dashboard.views.report_builds import PartFailed, built_parts

KINDS = ("bieu06", "word", "phuluc")


def test_the_zip_holds_the_three_files_byte_for_byte(tmp_path):
    report = content(tmp_path, by="unit")
    files = [
        (file_name(PERIOD, "bieu06"), report_bytes(report, "bieu06")),
        (file_name(PERIOD, "word"), b"PK\x03\x04 a Word report's bytes"),  # the Word build needs Chromium
        (file_name(PERIOD, "phuluc"), report_bytes(report, "phuluc")),
    ]
    archive = zipfile.ZipFile(io.BytesIO(report_zip(files, when=datetime(2026, 11, 15, 8, 30))))
    assert archive.testzip() is None
    assert archive.namelist() == [
        "bieu06_VPCP_KSTT_tat_ca_don_vi_20261015_20261114.xlsx",
        "bao_cao_CCHC_tat_ca_don_vi_20261015_20261114.docx",
        "phu_luc_ho_so_qua_han_tat_ca_don_vi_20261015_20261114.xlsx",
    ]
    assert [archive.read(name) for name, _ in files] == [data for _, data in files]
    assert {info.date_time for info in archive.infolist()} == {(2026, 11, 15, 8, 30, 0)}


def test_the_zip_is_named_after_the_period_and_the_units():
    assert zip_name(PERIOD) == "bao_cao_CCHC_ba_tep_tat_ca_don_vi_20261015_20261114.zip"
    assert zip_name(PERIOD, "Phường Hải Châu, Phường Đông Hải") == (
        "bao_cao_CCHC_ba_tep_phuong_hai_chau_phuong_dong_hai_20261015_20261114.zip"
    )


def test_two_files_of_one_name_are_refused():
    with pytest.raises(ValueError, match="must differ"):
        report_zip([("a.xlsx", b"1"), ("a.xlsx", b"2")])


def test_a_file_that_fails_fails_the_bundle_naming_it():
    def word() -> bytes:
        raise ValueError("All strings must be XML compatible\nsecond line")

    parts = [("Biểu số 06 (.xlsx)", "a.xlsx", lambda: b"1"), ("Báo cáo Word (.docx)", "b.docx", word)]
    with pytest.raises(PartFailed) as failed:
        built_parts(parts)
    assert failed.value.part == "Báo cáo Word (.docx)"
    assert str(failed.value) == "Báo cáo Word (.docx): ValueError: All strings must be XML compatible"
    assert built_parts(parts[:1]) == [("a.xlsx", b"1")]
