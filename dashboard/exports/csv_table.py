"""A table on screen as a CSV file (issue 5 §4): the same columns, under the labels the screen shows.

UTF-8 with a byte-order mark, so that Excel opens Vietnamese text correctly by double-click. Values are raw —
counts and rates at full precision, dates ISO (2026-11-14), not the screen's Vietnamese formatting — so the file
can be computed on. A text that a spreadsheet would run as a formula gets a leading quote (cells.csv_safe).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from dashboard.exports.cells import csv_safe

ENCODING = "utf-8-sig"  # the BOM tells Excel the file is UTF-8


def csv_bytes(frame: pd.DataFrame, labels: Mapping[str, str] | None = None) -> bytes:
    """frame's columns, headed by labels[column] (else the column's name), as CSV bytes."""
    names = dict(labels or {})
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if pd.api.types.is_datetime64_any_dtype(values):
            # ISO: a day as 2026-11-14, a moment as 2026-11-14 08:30:00.
            has_time = (values.dropna() != values.dropna().dt.normalize()).any()
            text = values.dt.strftime("%Y-%m-%d %H:%M:%S" if has_time else "%Y-%m-%d")
            out[column] = text.where(values.notna(), None)
        elif not (pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values)):
            out[column] = values.astype(object).map(csv_safe)
    headers = [csv_safe(str(names.get(column) or column)) for column in frame.columns]
    # Floats in full: repr-style round-trip precision (pandas writes "%r"-like output by default).
    text = out.to_csv(index=False, header=headers, lineterminator="\r\n")
    return text.encode(ENCODING)
