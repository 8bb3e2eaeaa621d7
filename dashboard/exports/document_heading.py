"""The administrative form of the Word report (issue 11 §12): Nghị định 30/2020/NĐ-CP, Phụ lục I.

- Top: the issuing body (its superior above it, if any, in capitals; the body itself in bold capitals, a short
  rule under it) and "Số: …/BC-UBND" on the left; the national title and motto (a rule under the motto) with
  "Hải Châu, ngày 14 tháng 11 năm 2026" in italics on the right.
- The document's kind "BÁO CÁO" and its summary, bold, centred, a short rule under them.
- End: "Nơi nhận:" (bold italics) with its list on the left; the signature block on the right (authority and
  title in bold capitals, room for the signature and seal, the name in bold).
- Page numbers centred at the top from the second page (the first page has none).

Pure: python-docx calls on a Document, from a resolved DocumentHeading (kpi.document_settings.resolve).
"""

from __future__ import annotations

from datetime import date

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from dashboard.kpi.document_settings import DocumentHeading

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
KIND = "BÁO CÁO"
KIND_CODE = "BC"  # the kind's abbreviation in the number (ND30 Phụ lục III: Báo cáo = BC)
NUMBER_BLANK = (
    "\u2003\u2003"  # the number is written in by the registry (văn thư) when the document is issued
)
LEFT, RIGHT = Cm(6.6), Cm(9.4)  # the heading's two columns: 16 cm of A4 portrait less ND30's margins
BODY_NAME_PT = 12  # ND30: the bodies' names 12–13 pt; 12 keeps "UBND PHƯỜNG HẢI CHÂU" on one line
SIGNATURE_LINES = 4  # room for the signature and the seal
# What may follow w:pBdr in a paragraph's properties (ECMA-376 Part 1, §17.3.1.26 CT_PPrBase, then pPr's own).
_AFTER_PBDR = tuple(
    f"w:{name}"
    for name in (
        "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct", "topLinePunct",
        "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind",
        "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment",
        "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange",
    )
)  # fmt: skip


def date_line(place: str, day: date) -> str:
    """ "Hải Châu, ngày 05 tháng 3 năm 2026": ND30 writes a 0 before a day below 10 and before months 1 and 2."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def number_line(heading: DocumentHeading) -> str:
    """ "Số:   /BC-UBND" (the number itself is left blank for the registry)."""
    return f"Số: {NUMBER_BLANK}/{KIND_CODE}-{heading.code}"


def write_heading(document, heading: DocumentHeading, day: date, size: float = 13) -> None:
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    left, right = table.rows[0].cells
    for cell, width in ((left, LEFT), (right, RIGHT)):
        cell.width = width
    for column, width in zip(table.columns, (LEFT, RIGHT), strict=True):
        column.width = width
    first = left.paragraphs[0]
    if heading.superior:
        _fill(first, heading.superior.upper(), size=BODY_NAME_PT)
        _fill(left.add_paragraph(), heading.issuer.upper(), bold=True, size=BODY_NAME_PT)
    else:
        _fill(first, heading.issuer.upper(), bold=True, size=BODY_NAME_PT)
    _rule(left.add_paragraph(), indent=Cm(2.1))
    _fill(left.add_paragraph(), number_line(heading), size=size, space_before=4)
    _fill(right.paragraphs[0], NATION, bold=True, size=12)
    _fill(right.add_paragraph(), MOTTO, bold=True, size=size)
    _rule(right.add_paragraph(), indent=Cm(1.6))
    _fill(right.add_paragraph(), date_line(heading.place, day), italic=True, size=size, space_before=4)


def write_title(document, summary: str, size: float = 14) -> None:
    """ "BÁO CÁO" and the summary (trích yếu), bold and centred, a short rule under them."""
    _fill(document.add_paragraph(), KIND, bold=True, size=size, space_before=18)
    _fill(document.add_paragraph(), summary, bold=True, size=size)
    _rule(document.add_paragraph(), indent=Cm(6.0))


def write_closing(document, heading: DocumentHeading) -> None:
    """Recipients on the left, the signature block on the right."""
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    left, right = table.rows[0].cells
    for cell, width in ((left, Cm(7.5)), (right, Cm(8.5))):
        cell.width = width
    # One piece: a signature block split over two pages (its title on one, the room to sign on the next) is not
    # a signature block.
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    _fill(left.paragraphs[0], "Nơi nhận:", bold=True, italic=True, size=12, centre=False, space_before=6)
    for line in heading.recipient_lines():
        _fill(left.add_paragraph(), f"- {line}", size=11, centre=False)
    block = right.paragraphs[0]
    if heading.signer_authority:
        _fill(block, heading.signer_authority.upper(), bold=True, size=13, space_before=6)
        block = right.add_paragraph()
    _fill(
        block,
        heading.signer_title.upper(),
        bold=True,
        size=13,
        space_before=0 if heading.signer_authority else 6,
    )
    for _ in range(SIGNATURE_LINES):
        _fill(right.add_paragraph(), "", size=13)
    _fill(right.add_paragraph(), heading.signer_name, bold=True, size=13)


def page_numbers(section) -> None:
    """The page number centred at the top of every page but the first (ND30 art. 15: from the second page)."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _fill(paragraph, text, bold=False, italic=False, size=13.0, centre=True, space_before=0) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if centre else WD_ALIGN_PARAGRAPH.LEFT
    paragraph.paragraph_format.space_before = Pt(space_before)
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.line_spacing = 1.0
    paragraph.paragraph_format.first_line_indent = Cm(0)
    run = paragraph.add_run(text)
    run.bold = bold or None
    run.italic = italic or None
    run.font.size = Pt(size)


def _rule(paragraph, indent) -> None:
    """A short solid rule: an empty paragraph's bottom border, its length set by the indents on both sides."""
    paragraph.paragraph_format.left_indent = indent
    paragraph.paragraph_format.right_indent = indent
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.space_before = Pt(0)
    paragraph.paragraph_format.line_spacing = Pt(2)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for name, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(name), value)
    borders.append(bottom)
    # OOXML fixes the order of a paragraph's properties (Word refuses a file that breaks it).
    paragraph._p.get_or_add_pPr().insert_element_before(borders, *_AFTER_PBDR)
