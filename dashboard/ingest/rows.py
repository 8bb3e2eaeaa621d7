"""What each row below the header is: a dossier, or a blank, group, total or repeated-header row.

EXPORT_FORMATS "Layout": group rows (a unit name alone on its row) set the unit of the rows below them;
total rows ("Tổng số", "Tổng cộng") are not dossiers; blank rows are skipped. Only rows without a received
date can be anything but a dossier, so only those are looked at one by one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.ingest.headers import is_column_number_row
from dashboard.text import fold, nfc

DATA, BLANK, GROUP, TOTAL, NUMBERS, REPEATED_HEADER = range(6)
SKIP_REASON = {
    BLANK: "dòng trống",
    GROUP: "dòng nhóm (tên đơn vị / lĩnh vực)",
    TOTAL: "dòng tổng",
    NUMBERS: "dòng số thứ tự cột",
    REPEATED_HEADER: "dòng tiêu đề lặp lại",
}

_TOTAL = re.compile(r"^(tong so|tong cong|tong|cong|total)\b")
_ORDINAL = re.compile(r"^\s*(?:[IVXLC]+|\d+|[A-Za-z])\s*[.)\-:]?\s*$")  # "I", "1.", "a)" beside a group name
_LEADING_ORDINAL = re.compile(r"^\s*(?:[IVXLC]+|\d+|[A-Za-z])\s*[.)\-:]\s+")
_TRAILING_COUNT = re.compile(r"\s*[(:\-]?\s*\d[\d.]*\s*(?:hồ sơ|hs)?\s*\)?\s*$", re.IGNORECASE)
_FIELD_GROUP = re.compile(r"^(?:lĩnh vực|linh vuc)\s*[:\-]?\s*", re.IGNORECASE)


@dataclass
class RowKinds:
    kind: np.ndarray  # one of DATA, BLANK, GROUP, … per data-region row
    unit_from_group: (
        pa.Array | None
    )  # unit set by the nearest group row above (null where none); None: no groups
    field_from_group: pa.Array | None  # field set by a "Lĩnh vực …" group row above; None: no such groups


def _group_label(cells: list[str]) -> str | None:
    texts = [c for c in cells if not _ORDINAL.match(c)]
    if len(texts) != 1 or len(cells) > 2:
        return None
    label = _TRAILING_COUNT.sub("", _LEADING_ORDINAL.sub("", nfc(texts[0])))
    return label or None


def classify_rows(data: pa.Table, has_received: np.ndarray, header_folded: set[str]) -> RowKinds:
    """Classify every row of the data region.

    has_received: True where the row's received-date cell holds a date; such rows are dossiers.
    header_folded: folded header names, to recognise a header repeated on every printed page.
    """
    n = data.num_rows
    kind = np.full(n, DATA, dtype=np.int8)
    unit_group = np.full(n, None, dtype=object)
    field_group = np.full(n, None, dtype=object)
    filled = np.zeros(n, dtype=np.int32)
    for column in data.columns:
        filled += pc.is_valid(column).to_numpy(zero_copy_only=False)
    kind[filled == 0] = BLANK
    suspects = np.flatnonzero(~has_received & (filled > 0))
    if len(suspects):
        rows = data.take(pa.array(suspects)).to_pylist()
        for index, row in zip(suspects, rows, strict=True):
            cells = [str(v).strip() for v in row.values() if v is not None and str(v).strip()]
            folded = [fold(c) for c in cells]
            if any(_TOTAL.match(f) for f in folded):
                kind[index] = TOTAL
            elif is_column_number_row(cells):
                kind[index] = NUMBERS
            elif sum(f in header_folded for f in folded) >= max(2, len(folded) // 2):
                kind[index] = REPEATED_HEADER
            else:
                label = _group_label(cells)
                if label is None:
                    continue  # a dossier without a usable received date: validation rejects it
                kind[index] = GROUP
                field_label = _FIELD_GROUP.sub("", label)
                if field_label != label:
                    field_group[index] = field_label
                else:
                    unit_group[index] = label
    return RowKinds(kind, _carry_down(unit_group, kind), _carry_down(field_group, kind))


def _carry_down(labels: np.ndarray, kind: np.ndarray) -> pa.Array | None:
    """Each row takes the label of the nearest group row above it; a total row ends the group."""
    if not any(label is not None for label in labels[kind == GROUP]):
        return None
    out = np.full(len(labels), None, dtype=object)
    current = None
    marks = np.flatnonzero((kind == GROUP) | (kind == TOTAL))
    bounds = list(marks) + [len(labels)]
    for start, stop in zip(bounds[:-1], bounds[1:], strict=True):
        if kind[start] == TOTAL:
            current = None
        elif labels[start] is not None:
            current = labels[start]
        elif kind[start] == GROUP:
            continue  # a field group does not end a unit group
        out[start + 1 : stop] = current
    return pa.array(out, pa.string())
