"""The Word report opens in LibreOffice Writer (issue 5 §4): the PDF it makes carries the title and the
figures of the KPI_SPEC §4 published example. No skip: without LibreOffice, pdftotext or Chromium this fails
(`make test` installs them)."""

from __future__ import annotations

from datetime import datetime

from libreoffice import convert_to_pdf, pdf_text
from ngo_quyen import PERIOD, SCOPE, ngo_quyen_database

from dashboard.exports.word_report import build_word_report
from dashboard.kpi.report import report_content


def test_libreoffice_reads_the_word_report(tmp_path):
    db = ngo_quyen_database(tmp_path / "nq.duckdb")
    content = report_content(db, PERIOD, scope=SCOPE, now=datetime(2022, 10, 21, 8, 0))
    document = tmp_path / "bao_cao.docx"
    document.write_bytes(build_word_report(content))
    text = pdf_text(convert_to_pdf(document, tmp_path))
    assert "BÁO CÁO" in text
    assert "Biểu số 06/VPCP/KSTT" in text
    for figure in ("1.416", "1.086", "1.410", "99,93%"):
        assert figure in text, figure
    assert text.count("Biểu đồ ") >= 2  # the two captions of a one-unit report
