"""The periodic report as a Word document (issue 5 §2): text, Biểu 06, comparison, overdue units and charts.

Pure: a ReportContent and PNG images in, .docx bytes out (python-docx). The layout follows the usual form of
administrative documents (Nghị định 30/2020/NĐ-CP, Phụ lục I; document_heading writes its heading, number, date
line, recipients, signature block and page numbers): A4, Times New Roman 13–14 pt, margins 2 cm top and bottom,
3 cm left, 2 cm right. The wide Biểu 06 table
(13 columns, KPI_SPEC §4) sits in a landscape section of its own. Every number comes from the one
ReportContent, formatted as on screen ("1.416", "99,93%", "không có dữ liệu").

build_word_report(content) also draws the charts: report_charts builds the figures, chart_images renders them
all through the process's one Chromium.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import pandas as pd
from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt, RGBColor
from docx.table import _Cell

from dashboard.exports import report_text
from dashboard.exports.chart_geometry import TEXT_WIDTH_CM
from dashboard.exports.document_heading import page_numbers, write_closing, write_heading, write_title
from dashboard.exports.form06_text import COLUMN_NAMES as FORM_NAMES
from dashboard.exports.form06_text import COUNT_COLUMNS, FORM_CODE, TOTAL_LABEL
from dashboard.exports.form06_text import FONT_NAME as FONT
from dashboard.exports.form06_text import GROUPS as FORM_GROUPS
from dashboard.exports.form06_text import TITLE as FORM_TITLE
from dashboard.exports.report_changes import CHANGE_HEADER, comparison_changes
from dashboard.formatting import NO_DATA, format_count, format_date, format_rate
from dashboard.kpi.document_settings import resolve
from dashboard.kpi.names import kpi_name
from dashboard.kpi.report import ReportContent
from dashboard.kpi.unit_groups import counting_note

BODY_PT = 13
TITLE_PT = 14
TABLE_PT = 10
PICTURE_WIDTH = Cm(TEXT_WIDTH_CM)  # A4 21 cm − 3 cm − 2 cm margins
TITLE = "BÁO CÁO"
SUBTITLE = "Tình hình, kết quả giải quyết thủ tục hành chính"
GROUP_LABEL = {"unit": "Đơn vị", "field": "Lĩnh vực"}
COMPARED_HEADERS = {"current": "Kỳ báo cáo", "previous": "Kỳ trước", "year_earlier": "Cùng kỳ năm trước"}


def word_report(content: ReportContent, images: Sequence[tuple[str, bytes]]) -> bytes:
    """The report as .docx bytes; images: (caption, PNG bytes) in order, numbered "Biểu đồ 1: …"."""
    document = Document()
    _base_style(document)
    _page(document.sections[0], landscape=False)
    heading = resolve(content.heading, content.scope)
    write_heading(document, heading, content.generated_at.date())
    page_numbers(document.sections[0])
    _title(document, content)
    body = report_text.paragraphs(content)

    _heading(document, "I. KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH")
    _body(document, body[0])
    _body(document, f"Chi tiết theo {GROUP_LABEL[content.by].lower()} tại {FORM_CODE} kèm theo báo cáo này.")

    _heading(document, "II. SO SÁNH VỚI KỲ TRƯỚC VÀ CÙNG KỲ NĂM TRƯỚC")
    _body(document, body[1])
    if content.compared is not None and not content.compared.empty:
        _table(
            document, comparison_rows(content.compared), header_rows=1, first_width=Cm(6.0),
            colours=comparison_colours(content.compared),
        )  # fmt: skip

    _heading(document, "III. HỒ SƠ QUÁ HẠN")
    _body(document, body[2])
    overdue = overdue_rows(content.by_unit)
    if len(overdue) > 2:  # a header and a total at least, plus one unit
        _table(document, overdue, header_rows=1, first_width=Cm(1.2), second_width=Cm(6.3))

    if images:
        _heading(document, "IV. BIỂU ĐỒ")
        for number, (caption, png) in enumerate(images, start=1):
            picture = document.add_paragraph()
            picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
            picture.paragraph_format.keep_with_next = True
            picture.add_run().add_picture(io.BytesIO(png), width=PICTURE_WIDTH)
            _caption(document, f"Biểu đồ {number}: {caption}")

    write_closing(document, heading)
    _form06_section(document, content)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def build_word_report(content: ReportContent) -> bytes:
    """The report with its charts drawn: the figures of report_charts through the one Chromium of chart_images."""
    from dashboard.exports.chart_geometry import SCALE, framed
    from dashboard.exports.chart_images import renderer
    from dashboard.exports.report_charts import report_figures

    draw = renderer()
    images = [
        (f.caption, framed(draw.png(f.figure, f.width, f.height, SCALE))) for f in report_figures(content)
    ]
    return word_report(content, images)


# --- Table contents (pure, tested against content) ---------------------------------------------------------


def form06_rows(content: ReportContent) -> list[list[str]]:
    """Biểu 06 body: STT, group label, c3…c13 formatted; then the total row."""
    label = "unit" if content.by == "unit" else "field"
    out = []
    for number, (_, row) in enumerate(content.rows.iterrows(), start=1):
        out.append([str(number), str(row[label]), *(_count(row[c]) for c in COUNT_COLUMNS)])
    out.append(["", TOTAL_LABEL, *(_count(content.total[c]) for c in COUNT_COLUMNS)])
    return out


def comparison_rows(compared: pd.DataFrame) -> list[list[str]]:
    """Header, then one line per KPI; one column per compared period (current, previous, year earlier)."""
    rows = {row["compared"]: row for _, row in compared.iterrows()}
    keys = [k for k in COMPARED_HEADERS if k in rows]
    table = [["Chỉ tiêu", *(COMPARED_HEADERS[k] for k in keys)]]
    table.append(
        [
            "Thời gian",
            *(f"{format_date(rows[k]['period_start'])} – {format_date(rows[k]['period_end'])}" for k in keys),
        ]
    )
    lines = (
        ("Hồ sơ nhận giải quyết (cột 3)", lambda r: _count(r["c3"])),
        ("Hồ sơ đã giải quyết (cột 7)", lambda r: _count(r["c7"])),
        ("Trước hạn, đúng hạn (cột 8 + 9)", lambda r: _count(_int(r["c8"]) + _int(r["c9"]))),
        (
            f"{kpi_name('overdue_count')}: cột 10 + 13",
            lambda r: _count(_int(r["c10"]) + _int(r["c13"])),
        ),
        (
            "Tỷ lệ giải quyết trước hạn, đúng hạn",
            lambda r: format_rate(_int(r["c8"]) + _int(r["c9"]), _int(r["c7"])),
        ),
        ("Tỷ lệ hài lòng", _satisfaction),
    )
    changes = comparison_changes(compared)
    if changes is not None:
        table[0].append(CHANGE_HEADER)
        table[1].append("")
    for index, (name, cell) in enumerate(lines):
        extra = [] if changes is None else [changes[index].text or NO_DATA["vi"]]
        table.append([name, *(cell(rows[k]) for k in keys), *extra])
    return table


def comparison_colours(compared: pd.DataFrame) -> dict[tuple[int, int], str]:
    """(row, column) of comparison_rows → text colour of the change cell, by what the change means for the
    KPI (issue 11 §1, the same tones as the cards)."""
    changes = comparison_changes(compared)
    if changes is None:
        return {}
    column = len(comparison_rows(compared)[0]) - 1
    return {(2 + index, column): change.text_colour for index, change in enumerate(changes)}


def overdue_rows(by_unit: pd.DataFrame) -> list[list[str]]:
    """Header, every unit with an overdue dossier (most first), and the total of those units."""
    units = report_text.most_overdue(by_unit, most=len(by_unit))
    table = [
        ["STT", "Đơn vị", "Đã giải quyết quá hạn (cột 10)", "Đang quá hạn (cột 13)", "Tổng số (cột 10 + 13)"]
    ]
    for number, (_, row) in enumerate(units.iterrows(), start=1):
        table.append(
            [str(number), str(row["unit"]), _count(row["c10"]), _count(row["c13"]), _count(row["overdue"])]
        )
    totals = [int(units[c].sum()) if not units.empty else 0 for c in ("c10", "c13", "overdue")]
    table.append(["", "Tổng cộng", *(_count(v) for v in totals)])
    return table


# --- Layout -------------------------------------------------------------------------------------------------


def _base_style(document) -> None:
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    # East-Asian and complex-script slots too, or Word shows Vietnamese in the theme font.
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15


def _page(section, landscape: bool) -> None:
    short, long = Cm(21.0), Cm(29.7)  # A4
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    section.top_margin = section.bottom_margin = Cm(2.0)
    section.left_margin = Cm(2.0) if landscape else Cm(3.0)
    section.right_margin = Cm(2.0)


def _title(document, content: ReportContent) -> None:
    write_title(document, SUBTITLE, size=TITLE_PT)
    _centred(document, period_line(content.period), italic=True, space_before=6)
    _centred(document, snapshot_line(content), italic=True)
    _centred(document, counting_note(content.units, content.period.end) + ".", italic=True)  # issue 15


def period_line(period) -> str:
    """ "Kỳ báo cáo: …" with the dates, unless the label already gives them (official kỳ, custom periods)."""
    start, end = format_date(period.start), format_date(period.end)
    if start in period.label and end in period.label:
        return f"Kỳ báo cáo: {period.label}"
    return f"Kỳ báo cáo: {period.label} (từ ngày {start} đến ngày {end})"


def snapshot_line(content: ReportContent) -> str:
    """ "Số liệu đến ngày dd/mm/yyyy": the date the newest imported data stands at."""
    day = format_date(content.snapshot) if content.snapshot is not None else NO_DATA["vi"]
    return f"Số liệu đến ngày {content.data_dates or day}"


def _form06_section(document, content: ReportContent) -> None:
    section = document.add_section(WD_SECTION.NEW_PAGE)
    # The paragraph that now holds the previous section's end: as small as can be, so that a signature block
    # ending near the foot of a page never pushes it onto a blank page of its own.
    closing = document.paragraphs[-1].paragraph_format
    closing.space_before = closing.space_after = Pt(0)
    closing.line_spacing = Pt(1)
    _page(section, landscape=True)
    section.different_first_page_header_footer = False  # only the document's first page goes unnumbered
    _centred(document, FORM_CODE, bold=True, size=12)
    _centred(document, FORM_TITLE, bold=True, size=BODY_PT)
    period = content.period
    _centred(
        document, f"(Từ ngày {format_date(period.start)} đến ngày {format_date(period.end)})", italic=True
    )
    unit = content.scope or "Các đơn vị trong dữ liệu"
    _centred(document, f"Đơn vị báo cáo: {unit} — Đơn vị tính: Số hồ sơ TTHC", size=12)

    body = form06_rows(content)
    table = document.add_table(rows=3 + len(body), cols=13)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = [Cm(1.2), Cm(5.0), *[Cm(1.77)] * 11]  # 25,7 cm: A4 landscape less 2 + 2 cm
    rows = _set_widths(table, widths)
    for index, name in enumerate(FORM_NAMES, start=2):
        _cell(rows[1][index], name, bold=True, size=TABLE_PT, centre=True)
    for index in range(13):
        _cell(rows[2][index], f"({index + 1})", italic=True, size=TABLE_PT, centre=True)
    for r, values in enumerate(body, start=3):
        last = r == len(rows) - 1
        for c, value in enumerate(values):
            _cell(rows[r][c], value, bold=last, size=TABLE_PT, centre=c == 0, right=c >= 2)
    # Merges last: a merged cell spans grid columns, after which a row's cells no longer map one-to-one.
    _cell(rows[0][0].merge(rows[1][0]), "STT", bold=True, size=TABLE_PT, centre=True)
    label = f"{GROUP_LABEL[content.by]}, công việc giải quyết theo cấp"
    _cell(rows[0][1].merge(rows[1][1]), label, bold=True, size=TABLE_PT, centre=True)
    column = 2
    for text, span in FORM_GROUPS:
        merged = rows[0][column].merge(rows[0][column + span - 1])
        _cell(merged, text, bold=True, size=TABLE_PT, centre=True)
        column += span
    for row in list(table.rows)[:3]:
        _repeat_header(row)


def _table(
    document, rows: list[list[str]], header_rows: int, first_width, second_width=None, colours=None
) -> None:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    rest = len(rows[0]) - (2 if second_width is not None else 1)
    left = Cm(16) - first_width - (second_width or Cm(0))
    widths = [
        first_width,
        *([second_width] if second_width is not None else []),
        *[Emu(int(left / rest))] * rest,
    ]
    numbers_from = 2 if second_width is not None else 1
    for r, (cells, values) in enumerate(zip(_set_widths(table, widths), rows, strict=True)):
        head = r < header_rows
        total = values[1] == "Tổng cộng" if len(values) > 1 else False
        for c, (cell, value) in enumerate(zip(cells, values, strict=True)):
            _cell(cell, value, bold=head or total, size=11, centre=head, right=not head and c >= numbers_from,
                  colour=(colours or {}).get((r, c)))  # fmt: skip
    for row in list(table.rows)[:header_rows]:
        _repeat_header(row)
    document.add_paragraph()


def _set_widths(table, widths) -> list[list[_Cell]]:
    """Column widths in the grid (what LibreOffice reads) and in every cell (what Word reads); the cells."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    rows = [_row_cells(table, row) for row in table.rows]
    for cells in rows:
        for cell, width in zip(cells, widths, strict=True):
            cell.width = width
    return rows


def _row_cells(table, row) -> list[_Cell]:
    """A row's cells straight from its XML: table.cell() and row.cells rebuild the whole grid on every call,
    which made a 30-unit Biểu 06 take seconds."""
    return [_Cell(tc, table) for tc in row._tr.tc_lst]


def _heading(document, text: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(6)
    paragraph.paragraph_format.keep_with_next = True
    run = paragraph.add_run(text)
    run.bold = True


def _body(document, text: str) -> None:
    paragraph = document.add_paragraph(text)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.first_line_indent = Cm(1.0)


def _caption(document, text: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.italic = True
    run.font.size = Pt(12)


def _centred(document, text: str, bold=False, italic=False, size=BODY_PT, space_before=0) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(2)
    paragraph.paragraph_format.space_before = Pt(space_before)
    run = paragraph.add_run(text)
    _looks(run, bold, italic, size)


def _cell(
    cell, text: str, bold=False, italic=False, size=TABLE_PT, centre=True, right=False, colour=None
) -> None:
    paragraph = cell.paragraphs[0]
    for run in list(paragraph.runs):
        run._element.getparent().remove(run._element)
    _fill(paragraph, text, bold, italic, size, centre, right)
    if colour is not None:
        paragraph.runs[-1].font.color.rgb = RGBColor.from_string(colour.lstrip("#").upper())


def _line(cell, text: str, bold=False, italic=False, size=TABLE_PT) -> None:
    _fill(cell.add_paragraph(), text, bold, italic, size, True, False)


def _fill(paragraph, text, bold, italic, size, centre, right) -> None:
    paragraph.alignment = (
        WD_ALIGN_PARAGRAPH.RIGHT
        if right
        else WD_ALIGN_PARAGRAPH.CENTER
        if centre
        else WD_ALIGN_PARAGRAPH.LEFT
    )
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.line_spacing = 1.0
    run = paragraph.add_run(text)
    _looks(run, bold, italic, size)


def _looks(run, bold: bool, italic: bool, size: float) -> None:
    # Only what differs from the default: writing bold=False into each of ~600 cells doubled the time.
    if bold:
        run.bold = True
    if italic:
        run.italic = True
    run.font.size = Pt(size)


def _repeat_header(row) -> None:
    """Header rows repeat on every page the table runs over (w:tblHeader)."""
    properties = row._tr.get_or_add_trPr()
    marker = properties.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"})
    properties.append(marker)


def _satisfaction(row: pd.Series) -> str:
    rated = _int(row["rated"])
    rate = format_rate(_int(row["satisfied"]), rated)
    return f"{rate} ({format_count(rated)} đánh giá)" if rated else rate


def _count(value) -> str:
    return format_count(_int(value))


def _int(value) -> int:
    return 0 if value is None or pd.isna(value) else int(value)
