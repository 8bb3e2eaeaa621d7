"""The Word report (issue 5 §2): read back with python-docx, its text, tables and pictures equal the ReportContent,
and its charts come out of one Chromium started once for all of them.

No skip: a machine without Chromium fails here (`make test` installs it), as the report needs it.
"""

from __future__ import annotations

import io
import os
import signal
import struct
from datetime import date, datetime

import pytest
from docx import Document
from kpi_fixtures import dossier, store
from ngo_quyen import PERIOD, SCOPE, ngo_quyen_database

from dashboard.exports import chart_images
from dashboard.exports.chart_geometry import BORDER, SCALE
from dashboard.exports.chart_images import (
    ChartRenderer,
    ChromiumMissing,
    browser_path,
    page_generator,
    renderer,
)
from dashboard.exports.report_charts import report_figures
from dashboard.exports.report_text import paragraphs
from dashboard.exports.word_report import (
    SUBTITLE,
    TITLE,
    build_word_report,
    comparison_rows,
    form06_rows,
    word_report,
)
from dashboard.formatting import format_count, format_rate
from dashboard.kpi.change_words import TEXT_COLOUR, change_of
from dashboard.kpi.directions import NEUTRAL
from dashboard.kpi.periods import Period
from dashboard.kpi.report import ReportContent, report_content

OCTOBER = Period(date(2026, 10, 1), date(2026, 10, 31), "Tháng 10/2026", "month")
UNITS = ("Phường An Hải", "Xã Hòa Tiến", "Phường Hòa Khánh")
COUNTS = ("c3", "c4", "c5", "c6", "c7", "c8", "c9", "c10", "c11", "c12", "c13")


def _three_units() -> list[dict]:
    """Three units in October 2026 (and a little in September, to compare with): early, late, open overdue."""
    rows = []
    for k, unit in enumerate(UNITS):
        for i in range(5 + k):
            channel = "online" if i % 2 else "direct"
            rating = ("very_satisfied", "satisfied", "dissatisfied", None)[i % 4]
            rows.append(dossier(f"{k}-E{i}", "05/10/2026", "08/10/2026", "06/10/2026", unit=unit,
                                channel=channel, rating=rating))  # fmt: skip
        for i in range(k):
            rows.append(dossier(f"{k}-L{i}", "05/10/2026", "08/10/2026", "12/10/2026", unit=unit))
        for i in range(k):
            rows.append(dossier(f"{k}-O{i}", "10/10/2026", "20/10/2026", unit=unit))  # open, overdue at 31/10
        rows.append(dossier(f"{k}-T", "28/10/2026", "05/11/2026", unit=unit))  # open, in time
        rows.append(dossier(f"{k}-S", "07/09/2026", "10/09/2026", "09/09/2026", unit=unit))  # September
    return rows


@pytest.fixture(scope="module")
def units_content(tmp_path_factory) -> ReportContent:
    db = store(tmp_path_factory.mktemp("units") / "u.duckdb", _three_units())
    return report_content(db, OCTOBER, scope="Thành phố Đà Nẵng", now=datetime(2026, 11, 15, 9, 0))


@pytest.fixture(scope="module")
def ngo_quyen(tmp_path_factory) -> ReportContent:
    db = ngo_quyen_database(tmp_path_factory.mktemp("nq") / "nq.duckdb")
    return report_content(db, PERIOD, scope=SCOPE, now=datetime(2022, 10, 21, 8, 0))


@pytest.fixture(scope="module")
def units_docx(units_content) -> bytes:
    return build_word_report(units_content)


def _texts(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def _table_text(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_title_period_snapshot_and_paragraphs(units_docx, units_content):
    document = Document(io.BytesIO(units_docx))
    texts = _texts(document)
    assert TITLE in texts and SUBTITLE in texts
    assert "Kỳ báo cáo: Tháng 10/2026 (từ ngày 01/10/2026 đến ngày 31/10/2026)" in texts
    assert "Số liệu đến ngày 14/11/2026" in texts  # kpi_fixtures' snapshot
    for paragraph in paragraphs(units_content):
        assert paragraph in texts
    header = _table_text(document.tables[0])
    # Nothing set in the settings: the issuer follows the one unit reported on (issue 11 §12, ND30).
    assert header[0][0].splitlines()[0] == "UBND THÀNH PHỐ ĐÀ NẴNG" and "/BC-UBND" in header[0][0]
    assert (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header[0][1]
        and "Đà Nẵng, ngày 15 tháng 11 năm 2026" in header[0][1]
    )
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)  # A4
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert document.styles["Normal"].font.size.pt == 13


def test_form06_table_equals_the_content(units_docx, units_content):
    document = Document(io.BytesIO(units_docx))
    form = next(t for t in document.tables if len(t.columns) == 13)
    cells = _table_text(form)
    assert cells[2] == [f"({n})" for n in range(1, 14)]
    body, total = cells[3:-1], cells[-1]
    assert [row[1] for row in body] == list(units_content.rows["unit"])
    for row, (_, expected) in zip(body, units_content.rows.iterrows(), strict=True):
        assert row[2:] == [format_count(int(expected[c])) for c in COUNTS]
    assert total[1] == "Tổng cộng"
    assert total[2:] == [format_count(int(units_content.total[c])) for c in COUNTS]
    assert cells[3:] == form06_rows(units_content)
    # The wide table has a landscape A4 section of its own.
    last = document.sections[-1]
    assert (round(last.page_width.cm, 1), round(last.page_height.cm, 1)) == (29.7, 21.0)


def test_comparison_and_overdue_tables(units_docx, units_content):
    document = Document(io.BytesIO(units_docx))
    comparison = next(t for t in document.tables if _table_text(t)[0][0] == "Chỉ tiêu")
    cells = _table_text(comparison)
    assert cells == comparison_rows(units_content.compared)
    assert cells[0] == ["Chỉ tiêu", "Kỳ báo cáo", "Kỳ trước", "Cùng kỳ năm trước", "Thay đổi so với kỳ trước"]
    rows = {r["compared"]: r for _, r in units_content.compared.iterrows()}
    on_time = next(row for row in cells if row[0] == "Tỷ lệ giải quyết trước hạn, đúng hạn")
    assert on_time[1] == format_rate(rows["current"]["c8"] + rows["current"]["c9"], rows["current"]["c7"])
    assert on_time[3] == "không có dữ liệu"  # nothing in October 2025

    overdue = next(t for t in document.tables if _table_text(t)[0][:2] == ["STT", "Đơn vị"])
    cells = _table_text(overdue)
    by_unit = units_content.by_unit.set_index("unit")
    assert [row[1] for row in cells[1:-1]] == ["Phường Hòa Khánh", "Xã Hòa Tiến"]  # 4 then 2; An Hải has none
    for row in cells[1:-1]:
        c10, c13 = int(by_unit.loc[row[1], "c10"]), int(by_unit.loc[row[1], "c13"])
        assert row[2:] == [format_count(c10), format_count(c13), format_count(c10 + c13)]
    assert cells[-1][2:] == [
        format_count(int(units_content.total[c])) for c in ("c10", "c13", "overdue_count")
    ]


def test_the_change_column_is_coloured_by_what_the_change_means(units_docx, units_content):
    """Issue 11 §1: the Word report colours a change as the cards do: a volume grey, a better rate green."""
    document = Document(io.BytesIO(units_docx))
    comparison = next(t for t in document.tables if _table_text(t)[0][0] == "Chỉ tiêu")
    rows = {r["compared"]: r for _, r in units_content.compared.iterrows()}
    now, before = rows["current"], rows["previous"]
    expected = {
        "Hồ sơ nhận giải quyết (cột 3)": change_of("c3", now["c3"], before["c3"], "count"),
        "Hồ sơ quá hạn (đã và đang giải quyết): cột 10 + 13": change_of(
            "overdue_count", now["overdue_count"], before["overdue_count"], "count"
        ),
        "Tỷ lệ giải quyết trước hạn, đúng hạn": change_of(
            "on_time_rate", now["on_time_rate"], before["on_time_rate"], "rate"
        ),
    }
    seen = {}
    for row in comparison.rows:
        name = row.cells[0].text
        if name in expected:
            run = row.cells[-1].paragraphs[0].runs[0]
            seen[name] = (run.text, f"#{run.font.color.rgb}")
    assert seen == {name: (c.text or "không có dữ liệu", c.text_colour) for name, c in expected.items()}
    # A volume is never green or red.
    assert seen["Hồ sơ nhận giải quyết (cột 3)"][1] == TEXT_COLOUR[NEUTRAL]


def test_pictures_are_the_charts_as_png(units_docx, units_content):
    document = Document(io.BytesIO(units_docx))
    figures = report_figures(units_content)
    assert len(figures) == 4
    shapes = document.inline_shapes
    assert len(shapes) == len(figures)
    for shape, figure in zip(shapes, figures, strict=True):
        blob = document.part.related_parts[shape._inline.graphic.graphicData.pic.blipFill.blip.embed].blob
        # Drawn for the 16-cm text at 300 dpi (chart_geometry): placed at 100%, never shrunk or stretched.
        frame = 2 * BORDER
        assert _png_size(blob) == (int(figure.width * SCALE) + frame, int(figure.height * SCALE) + frame)
        assert round(shape.width.cm, 1) == 16.0
        assert _png_size(blob)[0] / (shape.width.cm / 2.54) == pytest.approx(300, abs=1)
    captions = [t for t in _texts(document) if t.startswith("Biểu đồ ")]
    assert captions == [f"Biểu đồ {n}: {f.caption}" for n, f in enumerate(figures, start=1)]


def test_a_one_unit_report_has_two_charts(ngo_quyen):
    first = report_figures(ngo_quyen)[0].caption
    assert first.startswith(
        "Số hồ sơ nhận giải quyết, đã giải quyết và tỷ lệ giải quyết trước hạn, đúng hạn theo tháng"
    )
    # An official kỳ runs from the 15th: its first and last months are partial, and the caption says so.
    assert first.endswith("(*: tháng kỳ báo cáo chỉ gồm một phần)")
    assert len(report_figures(ngo_quyen)) == 2


def test_one_chromium_draws_every_image(units_content, ngo_quyen):
    """Issue 5 §2: the renderer starts Chromium once per process, not once per image."""
    draw = renderer()
    draw.png(report_figures(ngo_quyen)[0].figure, 400, 300)  # started now, or earlier in this process
    launches, pid = draw.launches, draw.browser_pid
    assert launches >= 1 and pid
    for figure in [*report_figures(units_content), *report_figures(ngo_quyen)]:
        assert _png_size(draw.png(figure.figure, figure.width, figure.height, scale=1)) == (
            figure.width,
            figure.height,
        )
        assert (draw.launches, draw.browser_pid) == (launches, pid)
    build_word_report(ngo_quyen)  # the convenience function uses the same renderer
    assert (draw.launches, draw.browser_pid) == (launches, pid)


def test_a_private_renderer_counts_one_launch_for_several_images(ngo_quyen):
    draw = ChartRenderer()
    try:
        figure = report_figures(ngo_quyen)[1]
        sizes = [_png_size(draw.png(figure.figure, 300 + 50 * i, 200)) for i in range(3)]
        assert sizes == [(600, 400), (700, 400), (800, 400)]
        assert draw.launches == 1
    finally:
        draw.close()


def test_without_chromium_the_error_names_the_package(monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    monkeypatch.setattr(chart_images, "CHROMIUM", "/nonexistent/usr/bin/chromium")
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(ChromiumMissing, match="`chromium`"):
        browser_path()
    with pytest.raises(ChromiumMissing, match="make run"):
        ChartRenderer().png(None, 10, 10)


def test_the_chart_page_loads_nothing_from_the_internet():
    page = page_generator().generate_index()
    assert "http://" not in page and "https://" not in page  # no CDN plotly.js, no MathJax
    assert chart_images.LOCAL_PLOTLY_JS.as_uri() in page and chart_images.LOCAL_PLOTLY_JS.is_file()


def test_word_report_without_pictures(ngo_quyen):
    document = Document(io.BytesIO(word_report(ngo_quyen, [])))
    assert len(document.inline_shapes) == 0
    assert paragraphs(ngo_quyen)[0] in _texts(document)
    form = next(t for t in document.tables if len(t.columns) == 13)
    assert _table_text(form)[-1][2:6] == ["1.416", "328", "1.086", "2"]


def test_a_renderer_whose_chromium_died_starts_another(ngo_quyen):
    draw = ChartRenderer()
    try:
        figure = report_figures(ngo_quyen)[1]
        draw.png(figure.figure, 300, 200)
        first = draw.browser_pid
        os.kill(first, signal.SIGKILL)  # the renderer's own Chromium, started just above
        draw._kaleido.subprocess.wait(timeout=10)
        assert _png_size(draw.png(figure.figure, 300, 200, scale=1)) == (300, 200)
        assert draw.launches == 2 and draw.browser_pid != first
    finally:
        draw.close()
