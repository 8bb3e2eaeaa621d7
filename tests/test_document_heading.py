"""The Word report as an administrative document (issue 11 §12; Nghị định 30/2020/NĐ-CP, Phụ lục I): the
particulars set once and stored, what is derived from the unit when they are not, and where python-docx puts
each element (read back from the file); file names that carry the period and the units."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from docx import Document
from docx.oxml.ns import qn
from kpi_fixtures import dossier, store

from dashboard.exports.document_heading import MOTTO, NATION, date_line
from dashboard.exports.report_files import file_name, units_slug
from dashboard.exports.word_report import SUBTITLE, TITLE, word_report
from dashboard.kpi import periods
from dashboard.kpi.document_settings import BLANK, DocumentHeading, resolve, stored_heading
from dashboard.kpi.report import report_content
from dashboard.store.document_settings import set_document_heading

PERIOD = periods.custom(date(2026, 10, 15), date(2026, 11, 14))
PARTICULARS = {
    "superior": "UBND thành phố Đà Nẵng",
    "issuer": "UBND phường Hải Châu",
    "place": "Hải Châu",
    "recipients": "- UBND thành phố (để báo cáo);\n- Văn phòng UBND thành phố;\nLưu: VT, VP.",
    "signer_authority": "KT. Chủ tịch",
    "signer_title": "Phó Chủ tịch",
    "signer_name": "Nguyễn Văn An",
}


@pytest.fixture
def db(tmp_path):
    rows = [dossier("A-1", "20/10/2026", "23/10/2026", "22/10/2026", unit="Phường Hải Châu")]
    return store(tmp_path / "d.duckdb", rows)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 11, 14), "Hải Châu, ngày 14 tháng 11 năm 2026"),
        (date(2026, 1, 5), "Hải Châu, ngày 05 tháng 01 năm 2026"),  # 0 before a day < 10 and months 1, 2
        (date(2026, 2, 28), "Hải Châu, ngày 28 tháng 02 năm 2026"),
        (date(2026, 3, 3), "Hải Châu, ngày 03 tháng 3 năm 2026"),  # none before months from 3
    ],
)
def test_date_line_follows_nd30(day, expected):
    assert date_line("Hải Châu", day) == expected


def test_particulars_are_derived_from_one_unit():
    heading = resolve(DocumentHeading(), "Phường Hải Châu")
    assert heading.issuer == "UBND PHƯỜNG HẢI CHÂU" and heading.code == "UBND" and heading.place == "Hải Châu"
    assert (heading.signer_authority, heading.signer_title) == ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
    assert heading.recipient_lines()[-1] == "Lưu: VT."
    assert resolve(DocumentHeading(), "Xã Đà Lạt").place == "Đà Lạt"
    many = resolve(DocumentHeading(), "Phường Hải Châu, Xã Hòa Vang")  # no one issuer: the form's blanks
    assert many.issuer == many.code == many.place == BLANK


def test_particulars_are_stored_once_and_read_back(db):
    assert stored_heading(db) == DocumentHeading()  # nothing set, no setting table yet
    set_document_heading(db, PARTICULARS)
    stored = stored_heading(db)
    assert stored.issuer == "UBND phường Hải Châu" and stored.signer_name == "Nguyễn Văn An"
    assert stored.recipient_lines() == [
        "UBND thành phố (để báo cáo);",
        "Văn phòng UBND thành phố;",
        "Lưu: VT, VP.",
    ]
    set_document_heading(db, {"signer_name": ""})  # cleared: derived (here: left for the hand) again
    assert stored_heading(db).signer_name == "" and stored_heading(db).issuer == "UBND phường Hải Châu"
    content = report_content(db, PERIOD, scope="Phường Hải Châu")
    assert content.heading == stored_heading(db)  # every report built from now on carries them


@pytest.mark.parametrize(
    "values", [{"issuer_name": "x"}, {"issuer": "UBND\x00X"}, {"issuer": "x" * 501}, {"issuer": 3}]
)
def test_bad_particulars_are_refused_before_anything_is_written(db, values):
    with pytest.raises(ValueError):
        set_document_heading(db, values)
    assert stored_heading(db) == DocumentHeading()


def _docx(db, scope="Phường Hải Châu") -> Document:
    content = report_content(db, PERIOD, scope=scope, now=datetime(2026, 11, 16, 8, 0))
    return Document(io.BytesIO(word_report(content, [])))


def _lines(cell) -> list[str]:
    return [p.text for p in cell.paragraphs if p.text.strip()]


def test_the_document_has_every_element_of_the_nd30_form(db):
    set_document_heading(db, PARTICULARS)
    document = _docx(db)
    left, right = document.tables[0].rows[0].cells
    assert _lines(left) == ["UBND THÀNH PHỐ ĐÀ NẴNG", "UBND PHƯỜNG HẢI CHÂU", "Số: \u2003\u2003/BC-UBND"]
    issuer = left.paragraphs[1].runs[0]
    assert issuer.bold and not left.paragraphs[0].runs[0].bold  # the issuer bold, its superior not
    assert _lines(right) == [NATION, MOTTO, "Hải Châu, ngày 16 tháng 11 năm 2026"]
    assert right.paragraphs[-1].runs[0].italic
    # The short rules under the issuer and under the motto: empty paragraphs with a bottom border.
    for cell in (left, right):
        ruled = [p for p in cell.paragraphs if p._p.find(f".//{qn('w:pBdr')}") is not None]
        assert len(ruled) == 1 and not ruled[0].text
        properties = [child.tag for child in ruled[0]._p.pPr]
        assert properties.index(qn("w:pBdr")) < properties.index(qn("w:spacing"))  # OOXML's order
    texts = [p.text for p in document.paragraphs]
    assert texts.index(TITLE) + 1 == texts.index(SUBTITLE)
    closing = [t for t in document.tables if t.rows[0].cells[0].text.startswith("Nơi nhận:")]
    assert len(closing) == 1
    recipients, signature = closing[0].rows[0].cells
    assert _lines(recipients) == [
        "Nơi nhận:", "- UBND thành phố (để báo cáo);", "- Văn phòng UBND thành phố;", "- Lưu: VT, VP.",
    ]  # fmt: skip
    assert _lines(signature) == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn An"]
    assert closing[0].rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None  # never split over two pages
    # Page numbers from the second page: a PAGE field in the header, the first page's header empty.
    first = document.sections[0]
    assert first.different_first_page_header_footer
    fields = first.header._element.findall(f".//{qn('w:fldSimple')}")
    assert [f.get(qn("w:instr")) for f in fields] == ["PAGE"]
    assert not document.sections[1].different_first_page_header_footer


def test_a_report_on_every_unit_leaves_the_issuer_to_the_settings(db):
    left, _ = _docx(db, scope="").tables[0].rows[0].cells
    assert _lines(left) == [BLANK, f"Số: \u2003\u2003/BC-{BLANK}"]


def test_file_names_carry_the_period_and_the_units():
    assert (
        file_name(PERIOD, "word", "Phường Hải Châu") == "bao_cao_CCHC_phuong_hai_chau_20261015_20261114.docx"
    )
    assert file_name(PERIOD, "bieu06", "") == "bieu06_VPCP_KSTT_tat_ca_don_vi_20261015_20261114.xlsx"
    assert (
        units_slug("Phường Đông Hải, Xã Hòa Vang, Xã Bà Nà") == "phuong_dong_hai_xa_hoa_vang_va_1_don_vi_khac"
    )
    assert file_name(PERIOD, "phuluc", "Xã Đại Lộc").isascii()
