"""Rows of one file that repeat a dossier code (issue 10 §2; EXPORT_FORMATS "What nothing lost means").

The first row of a code in a file is the dossier: it is loaded. A later row with the same code and the same
values is a repeat, skipped. A later row with the same code and other values is rejected, its reason naming the
kept row and the columns that differ, so that the dossier still counts and the conflict is there to be fixed.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.ingest.validate import FIELD_LABEL, Reasons

# Stored columns that follow another one: a difference there is reported under the column it comes from.
_DERIVED_FROM = {"unit_key": "unit", "status_code": "status", "status_label": "status"}
# Stored columns that are not values of the row (the same for every row, or its position).
_NOT_VALUES = {"source_row", "source_file", "snapshot_at"}


def repeated_codes(
    records: pa.Table,
    candidates: np.ndarray,
    reasons: Reasons,
    row_numbers: np.ndarray,
    headers: dict[str, str],
) -> np.ndarray:
    """The rows to skip as identical repeats; differing repeats are added to `reasons` (rejected).

    candidates: rows that would otherwise load. headers: stored column → the file's header for it.
    """
    skipped = np.zeros(records.num_rows, dtype=bool)
    encoded = pc.dictionary_encode(records.column("dossier_code").combine_chunks())
    index = encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False)
    usable = candidates & (index >= 0)
    if not usable.any():
        return skipped
    counts = np.bincount(index[usable], minlength=len(encoded.dictionary))
    repeated = usable & (counts[np.maximum(index, 0)] > 1)
    if not repeated.any():
        return skipped
    rows = np.flatnonzero(repeated)  # file order: the first of each code is the one kept
    columns = [name for name in records.column_names if name not in _NOT_VALUES]
    frame = records.take(pa.array(rows)).select(columns).to_pandas()
    frame.index = rows
    conflicts: dict[int, str] = {}
    for code, group in frame.groupby("dossier_code", sort=False):
        kept = group.iloc[0]
        for position, row in group.iloc[1:].iterrows():
            differing = [name for name in columns if not _same(kept[name], row[name])]
            if not differing:
                skipped[position] = True
                continue
            names = dict.fromkeys(_header(name, headers) for name in differing)  # ordered, each once
            conflicts[position] = (
                f"Mã hồ sơ {code} đã có ở dòng {row_numbers[group.index[0]]}; "
                f"dòng này khác ở: {', '.join(names)}"
            )
    if conflicts:
        mask = np.zeros(records.num_rows, dtype=bool)
        mask[list(conflicts)] = True
        reasons.add(mask, conflicts.__getitem__)
    return skipped


def _same(a, b) -> bool:
    a_missing, b_missing = _missing(a), _missing(b)
    if a_missing or b_missing:
        return a_missing and b_missing
    return bool(a == b)


def _missing(value) -> bool:
    try:
        return bool(value is None or value != value)
    except (TypeError, ValueError):
        return False


def _header(column: str, headers: dict[str, str]) -> str:
    column = _DERIVED_FROM.get(column, column)
    return headers.get(column) or FIELD_LABEL.get(column, column)
