"""The shifted-column export (EXPORT_FORMATS "Layout"): 12 header cells over 11 data cells.

One real export writes a header "Người tiếp nhận" but no data for it, so every value after that column sits
one column to the left, under the wrong header. Signs: the last header column is empty in every data row,
and dates stand under a header that is not a date (or a date header holds no dates). The fix drops the
header of the empty column and moves the headers after it one column left; the importer says so.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from dashboard.ingest.aliases import DATE_FIELDS
from dashboard.ingest.dates import parse_dates
from dashboard.ingest.headers import ColumnMapping, HeaderLayout, assign_fields
from dashboard.ingest.values import parse_channel, parse_rating, parse_service_level, parse_status

SAMPLE_ROWS = 500
_CODED = {
    "status": lambda c: parse_status(c)[3],
    "channel": lambda c: parse_channel(c)[1],
    "service_level": lambda c: parse_service_level(c)[1],
    "rating": lambda c: parse_rating(c)[1],
}


def _fit(fields: dict[str, int], sample: pa.Table) -> float:
    """How well the columns' contents fit the fields named above them (higher is better)."""
    score = 0.0
    for name, col in fields.items():
        if col >= sample.num_columns:
            continue
        column = sample.column(col)
        present = len(column) - column.null_count
        if present == 0:
            continue
        if name in DATE_FIELDS:
            score += 1.0 - parse_dates(column)[1].sum() / present
        elif name in _CODED:
            score += 1.0 - _CODED[name](column).sum() / present
        else:
            # A free-text field full of dates is a sign of the shift.
            values, _ = parse_dates(column)
            score -= (~np.isnat(values)).sum() / present
    return score


def repair_shift(layout: HeaderLayout, sample: pa.Table, mapping: ColumnMapping | None) -> bool:
    """Detect the shift in `sample` (the first data rows) and fix `layout` in place. True when fixed."""
    named = [col for col, parts in enumerate(layout.parts) if parts]
    if not named or sample.num_rows == 0:
        return False
    last = named[-1]
    if last < sample.num_columns and sample.column(last).null_count < sample.num_rows:
        return False  # the last header column has data: not the shifted export
    sample = sample.slice(0, SAMPLE_ROWS)
    current = _fit(layout.fields, sample)
    best: tuple[float, int, int] | None = None  # (fit, prefers the officer column, column)
    for dropped in named:
        parts = layout.parts[:dropped] + layout.parts[dropped + 1 :] + [[]]
        fields, _ = assign_fields(parts, mapping)
        is_officer = int(layout.fields.get("officer") == dropped)
        key = (_fit(fields, sample), is_officer, dropped)
        if best is None or key > best:
            best = key
    if best is None or best[0] < current + 0.5:
        return False
    dropped = best[2]
    name = layout.column_name(dropped)
    layout.parts = layout.parts[:dropped] + layout.parts[dropped + 1 :] + [[]]
    layout.fields, notes = assign_fields(layout.parts, mapping)
    layout.notes.extend(notes)
    layout.notes.append(
        f"Tệp bị lệch cột: cột '{name}' không có dữ liệu nên các cột sau nó lệch sang trái một ô "
        f"(thấy ngày tháng dưới tiêu đề không phải ngày). Đã tự căn lại tiêu đề các cột từ cột {dropped + 1}."
    )
    return True
