"""The size the Word report's charts are drawn at (issue 11 §12): for the width of the page's text, at print
resolution, so that Word places them at 100% — never scaled down until their words are unreadable, never cut.

A4 portrait less Nghị định 30's margins (3 cm left, 2 cm right) leaves 16 cm of text. A chart is laid out in
CSS pixels for that width (16 cm at 96 px per inch = 605 px) with a 13-pixel font (9,75 pt on paper, the size of
a table's small print) and rendered at 300 dots per inch: scale 300 / 96, a PNG 1890 pixels wide, a white frame
of MARGIN_PX around the drawing included.
"""

from __future__ import annotations

import io

TEXT_WIDTH_CM = 16.0
CSS_DPI = 96
PRINT_DPI = 300
FONT_PX = 13
WIDTH_PX = round(TEXT_WIDTH_CM / 2.54 * CSS_DPI)  # 605
SCALE = PRINT_DPI / CSS_DPI  # 3.125
MARGIN_PX = 12  # white added around every chart after drawing: nothing of it can touch the picture's edge
BORDER = round(MARGIN_PX * SCALE)  # the same in the PNG's pixels


def png_width(width_px: int = WIDTH_PX) -> int:
    """The PNG's width in pixels for a chart laid out `width_px` wide, its frame included (kaleido drops the
    fraction of the drawn part)."""
    return int((width_px - 2 * MARGIN_PX) * SCALE) + 2 * BORDER


def framed(png: bytes) -> bytes:
    """The picture with a white frame of BORDER pixels: Plotly fits a title or a label to the very edge of its
    figure (automargin makes room, but no more), and on paper a word touching the edge reads as cut."""
    from PIL import Image, ImageOps

    image = Image.open(io.BytesIO(png))
    out = io.BytesIO()
    ImageOps.expand(image.convert("RGB"), border=BORDER, fill="white").save(
        out, format="PNG", dpi=(PRINT_DPI,) * 2
    )
    return out.getvalue()
