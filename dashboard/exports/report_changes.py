"""The "Thay đổi so với kỳ trước" column of the Word report's comparison table (issue 11 §1): each line's
change against the previous period, worded and toned as on the overview's cards (kpi.change_words). Pure."""

from __future__ import annotations

import pandas as pd

from dashboard.kpi.change_words import Change, change_of

CHANGE_HEADER = "Thay đổi so với kỳ trước"
# The comparison table's KPI lines, in order: (kpi_table column, kind). Counts in dossiers, rates in points.
LINES = (
    ("c3", "count"),
    ("c7", "count"),
    ("resolved_in_time", "count"),  # col 8 + col 9: a volume
    ("overdue_count", "count"),  # col 10 + col 13: fewer is better
    ("on_time_rate", "rate"),
    ("satisfaction_rate", "rate"),
)


def comparison_changes(compared: pd.DataFrame) -> list[Change] | None:
    """One Change per line of LINES, current against previous; None when there is no previous row."""
    if compared is None or compared.empty:
        return None
    rows = {row["compared"]: row for _, row in compared.iterrows()}
    if "current" not in rows or "previous" not in rows:
        return None
    current, previous = rows["current"], rows["previous"]
    return [
        change_of(column, _value(current, column), _value(previous, column), kind) for column, kind in LINES
    ]


def _value(row: pd.Series, column: str):
    if column == "resolved_in_time":
        return _number(row.get("c8")) + _number(row.get("c9"))
    if column == "overdue_count" and column not in row:
        return _number(row.get("c10")) + _number(row.get("c13"))
    return row.get(column)


def _number(value) -> int:
    return 0 if value is None or pd.isna(value) else int(value)
