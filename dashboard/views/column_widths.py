"""Column widths that never cut a table's header (issue 11 §11: "(4) Trực tuyế").

st.dataframe draws its grid on a canvas in Streamlit's own font (Source Sans, 14 px headers, 8 px of padding each
side) and sizes a column by its cells; a fixed width narrower than the header cuts the header's last letters.
The header is measured here in that very font, read from Streamlit's own static files (the font the browser
draws with), or estimated from an average letter width when the file cannot be read.
"""

from __future__ import annotations

import functools
import math
from pathlib import Path

import streamlit

HEADER_FONT_PX = 14  # Streamlit's theme fontSizes.sm, the grid's headerFontStyle
CELL_PADDING_PX = 8  # glide-data-grid's cellHorizontalPadding, each side
SAFETY_PX = 6  # rounding, hinting
AVERAGE_LETTER_PX = 7.8  # Source Sans at 14 px, Vietnamese text with numbers and brackets: a wide average
_FONT_GLOB = "static/media/SourceSansVF-Upright*.woff2"


@functools.cache
def _font():
    """Streamlit's Source Sans at the header's size (Pillow reads WOFF2), or None."""
    try:
        from PIL import ImageFont

        static = Path(streamlit.__file__).parent / "static"
        found = sorted(static.glob(_FONT_GLOB))
        return ImageFont.truetype(str(found[0]), HEADER_FONT_PX) if found else None
    except (ImportError, OSError, IndexError):
        return None


def text_px(text: str) -> float:
    """The width of a header's text in the grid's header font."""
    font = _font()
    return float(font.getlength(text)) if font is not None else len(text) * AVERAGE_LETTER_PX


def header_px(text: str) -> int:
    """The narrowest column that shows the whole header: text, padding on both sides and a margin."""
    return math.ceil(text_px(text) + 2 * CELL_PADDING_PX + SAFETY_PX)


def column_px(header: str, minimum: int) -> int:
    """A column at least `minimum` wide and never narrower than its header."""
    return max(minimum, header_px(header))
