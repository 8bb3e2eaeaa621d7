"""The Excel exports open in LibreOffice, as on a reform officer's computer (issue 5 §4).

No skip: when LibreOffice is missing convert_to_pdf fails the test (`make test` installs it).
"""

from __future__ import annotations

import re

from libreoffice import convert_to_pdf, pdf_text
from report_exports_fixture import content

from dashboard.exports.action_lists import workbook_bytes
from dashboard.exports.appendix_xlsx import appendix_workbook
from dashboard.exports.form06_xlsx import form06_workbook


def _text(tmp_path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    text = pdf_text(convert_to_pdf(path, tmp_path))
    assert text, "pdftotext is missing or the PDF has no text"
    return re.sub(r"\s+", " ", text)


def test_form06_opens_with_its_title_and_numbers(tmp_path) -> None:
    report = content(tmp_path, "field", scope="UBND Phường Hải Châu")
    text = _text(tmp_path, "bieu06.xlsx", form06_workbook(report))
    assert "Biểu số 06/VPCP/KSTT" in text
    assert "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC" in text
    assert "(Từ ngày 15/10/2026 đến ngày 14/11/2026)" in text
    assert "Tổng cộng" in text and "Chứng thực" in text
    assert '=HYPERLINK("http://example.invalid","bấm vào đây")' in text  # shown as text, not run
    # The total row's numbers, in order (3)…(13): 14 1 12 1 7 2 2 3 7 2 5.
    assert re.search(r"Tổng cộng 14 1 12 1 7 2 2 3 7 2 5\b", text), text


def test_appendix_opens_with_its_lists(tmp_path) -> None:
    report = content(tmp_path, "unit")
    text = _text(tmp_path, "phu_luc.xlsx", appendix_workbook(report))
    assert "PHỤ LỤC 1" in text and "PHỤ LỤC 3" in text
    assert "Phường Đông Hải: 2 hồ sơ" in text
    assert "HC-04 02/11/2026 05/11/2026" in text  # real dates shown dd/mm/yyyy
    assert "Đang giải quyết, quá hạn 10 ngày làm việc" in text
    assert "=1+1" in text and "+Xã Hòa Phú" in text


def test_action_lists_open(tmp_path) -> None:
    report = content(tmp_path, "unit")
    text = _text(
        tmp_path, "ds.xlsx", workbook_bytes({"overdue": report.overdue, "due_soon": report.due_soon})
    )
    assert "Mã hồ sơ" in text and "HP-02" in text and "HC-06" in text
    assert "02/11/2026" in text
