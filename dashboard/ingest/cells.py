"""The text of one column of cells, as every reader hands it on: trimmed, without control characters, empty
cells null.

Control characters are not text (EXPORT_FORMATS "Values that look like data but are not"): a NUL in a unit
name (from a CSV, an HTML page, or an xlsx `_x0000_` escape) was stored, and every Word report failed from
then on ("All strings must be XML compatible"). So the characters XML 1.0 does not allow, and the C1 controls,
are removed here, before anything is stored or compared; tab, line feed and carriage return stay (they are
white space, folded by the text normalisation later).
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

# Bytes that, in UTF-8, are a control character by themselves: C0 controls but tab, LF, CR; and DEL.
_CONTROL_BYTE = np.zeros(256, dtype=bool)
_CONTROL_BYTE[[*range(0, 9), 11, 12, *range(14, 32), 127]] = True
CONTROL_CHARACTERS = "[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f\\x{fffe}\\x{ffff}]"


def clean_cells(column: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """Cells without control characters or surrounding white space; empty ones null.

    ASCII trimming first (ten times faster than Unicode trimming on 200,000 cells, and this runs on every
    column of every file); the Unicode pass only where a no-break space is left at either end.
    """
    text = column.cast(pa.string())
    if has_control_characters(text):
        text = pc.replace_substring_regex(text, CONTROL_CHARACTERS, "")
    trimmed = pc.ascii_trim_whitespace(text)
    if pc.any(pc.or_(pc.starts_with(trimmed, "\xa0"), pc.ends_with(trimmed, "\xa0"))).as_py():
        trimmed = pc.utf8_trim_whitespace(trimmed)
    return pc.if_else(pc.equal(pc.binary_length(trimmed), 0), pa.scalar(None, pa.string()), trimmed)


def has_control_characters(column: pa.Array | pa.ChunkedArray) -> bool:
    """Whether any cell holds a C0 control character other than tab, LF, CR (what XML cannot hold: the NUL
    that broke the Word report). A scan of the bytes, no regex: the minimum byte first, which is all it takes
    for almost every column. DEL, C1 and U+FFFE/U+FFFF are removed from stored names by text.nfc, which runs
    on each distinct name only."""
    chunks = column.chunks if isinstance(column, pa.ChunkedArray) else [column]
    for chunk in chunks:
        if len(chunk) == 0 or chunk.null_count == len(chunk):
            continue
        offsets = np.frombuffer(chunk.buffers()[1], dtype=np.int32)[
            chunk.offset : chunk.offset + len(chunk) + 1
        ]
        data = np.frombuffer(chunk.buffers()[2], dtype=np.uint8)[offsets[0] : offsets[-1]]
        if len(data) and data.min() < 32 and _CONTROL_BYTE[np.unique(data[data < 32])].any():
            return True
    return False
