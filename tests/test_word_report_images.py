"""The Word report's charts are not cropped (issue 11 §12): read from the file's word/media, each picture is drawn
for the page's 16-cm text at 300 dpi, placed at 100%, with a white border all round (a label or title cut at the
image's edge would leave ink there); then LibreOffice prints the document and pdftoppm draws its pages, which
must show the ND30 elements and no page without content. The page images are kept in screenshots/ to look at.

No skip: Chromium, LibreOffice and poppler-utils are installed by `make test`.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from datetime import datetime

import numpy as np
import pytest
from fixture_data import ROOT
from libreoffice import convert_to_pdf, pdf_text
from PIL import Image

from dashboard.exports.chart_geometry import PRINT_DPI, TEXT_WIDTH_CM, png_width
from dashboard.exports.word_report import build_word_report
from dashboard.kpi.report import report_content
from dashboard.store.document_settings import set_document_heading

EMU_PER_CM = 360_000
BORDER_PX = 8  # the white frame every chart keeps (chart_geometry.MARGIN_PX at scale 3.125 is 43 px)


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    from kpi_fixtures import store
    from test_word_report import OCTOBER, _three_units

    db = store(tmp_path_factory.mktemp("images") / "u.duckdb", _three_units())
    set_document_heading(db, {"issuer": "UBND phường Hải Châu", "signer_name": "Nguyễn Văn An"})
    content = report_content(db, OCTOBER, scope="Phường Hải Châu", now=datetime(2026, 11, 16, 8, 0))
    return build_word_report(content)


def _pictures(docx: bytes) -> list[tuple[str, Image.Image, int, int]]:
    """(name, image, extent cx, extent cy) of every picture, in the document's order."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        body = archive.read("word/document.xml").decode()
        relations = archive.read("word/_rels/document.xml.rels").decode()
        targets = dict(re.findall(r'Id="(rId\d+)"[^>]*Target="(media/[^"]+)"', relations))
        targets |= {k: v for v, k in re.findall(r'Target="(media/[^"]+)"[^>]*Id="(rId\d+)"', relations)}
        extents = re.findall(r'<wp:extent cx="(\d+)" cy="(\d+)"/>', body)
        embeds = re.findall(r'r:embed="(rId\d+)"', body)
        assert len(extents) == len(embeds) >= 2
        return [
            (
                targets[rid],
                Image.open(io.BytesIO(archive.read("word/" + targets[rid]))).convert("RGB"),
                int(cx),
                int(cy),
            )
            for rid, (cx, cy) in zip(embeds, extents, strict=True)
        ]


def test_every_chart_is_drawn_for_the_page_and_placed_at_100_percent(report):
    for name, image, cx, cy in _pictures(report):
        width_cm = cx / EMU_PER_CM
        assert width_cm == pytest.approx(TEXT_WIDTH_CM, abs=0.01), name
        assert image.width == png_width(), name  # 1890 pixels: 16 cm at 300 dpi
        assert image.width / (width_cm / 2.54) == pytest.approx(PRINT_DPI, abs=1)
        assert image.height / image.width == pytest.approx(cy / cx, abs=0.002), f"{name} stretched"


def test_no_chart_touches_the_edge_of_its_picture(report):
    for name, image, *_ in _pictures(report):
        pixels = np.asarray(image).min(axis=2)  # the darkest channel of each pixel
        frame = np.ones(pixels.shape, dtype=bool)
        frame[BORDER_PX:-BORDER_PX, BORDER_PX:-BORDER_PX] = False
        inked = int((pixels[frame] < 235).sum())
        assert not inked, f"{name}: {inked} pixels of ink in the outer {BORDER_PX} px (cut at the edge)"
        inside = pixels[~frame]
        assert (inside < 128).mean() > 0.005, f"{name}: almost nothing drawn"


def test_libreoffice_prints_an_nd30_document_and_every_page_has_content(report, tmp_path):
    document = tmp_path / "bao_cao_CCHC_phuong_hai_chau.docx"
    document.write_bytes(report)
    pdf = convert_to_pdf(document, tmp_path)
    text = pdf_text(pdf)
    for element in (
        "UBND PHƯỜNG HẢI CHÂU", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "/BC-UBND", "Hải Châu, ngày 16 tháng 11 năm 2026", "BÁO CÁO", "Nơi nhận:", "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH", "Nguyễn Văn An", "Biểu đồ 1:",
    ):  # fmt: skip
        assert element in text, element
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
        ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout).group(1))  # fmt: skip
    for page in range(1, pages + 1):
        on_page = subprocess.run(
            ["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"], capture_output=True, text=True
        ).stdout
        assert len(re.sub(r"\s|\d", "", on_page)) > 20, f"page {page} is empty but for its number"
    # The pages as images, to look at (and: page 1 starts with the heading, not blank).
    out = tmp_path / "page"
    subprocess.run(["pdftoppm", "-r", "80", "-png", str(pdf), str(out)], check=True)
    drawn = sorted(tmp_path.glob("page-*.png"))
    assert len(drawn) == pages
    top = np.asarray(Image.open(drawn[0]).convert("L"))[:160, :660]
    assert top.min() < 100  # ink in the heading area
    keep = ROOT / "screenshots"
    keep.mkdir(exist_ok=True)
    for path in drawn:
        shutil.copy(path, keep / f"word_report_{path.name}")
