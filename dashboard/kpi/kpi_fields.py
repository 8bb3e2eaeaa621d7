"""The KPI command's answer (issue 3 §8, a fixed contract): kpi_table's numbers under the contract's names.

Nothing is counted here: every value is a column of summary.kpi_table, the function behind every page and
`report`, so the command line can never disagree with the screen. Counts are integers; rates are fractions
from 0 to 1, or None where the denominator is 0 (KPI_SPEC §5: "không có dữ liệu", never 0% or 100%).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from dashboard.domain import CHANNEL_LABEL_VI
from dashboard.kpi.filters import Filters
from dashboard.kpi.periods import Period
from dashboard.kpi.summary import kpi_table
from dashboard.store import Database

GROUPINGS = ("unit", "field", "procedure", "channel", "month")

# contract name → kpi_table column (KPI_SPEC §4 columns, §5 rates). Order is the contract's.
FIELDS: dict[str, str] = {
    "received_total": "c3",
    "received_online": "c4",
    "received_direct_postal": "c5",
    "carried_over": "c6",
    "resolved_total": "c7",
    "resolved_early": "c8",
    "resolved_on_time": "c9",
    "resolved_late": "c10",
    "in_progress_total": "c11",
    "in_progress_within_deadline": "c12",
    "in_progress_overdue": "c13",
    "withdrawn": "withdrawn",
    "stopped": "stopped",
    "paused": "paused",
    "on_time_rate": "on_time_rate",
    "online_rate": "online_rate",
    "overdue_total": "overdue_count",  # col 10 + col 13: overdue, resolved and still open
    "satisfaction_rate": "satisfaction_rate",
    "ratings_count": "rated",
}
RATE_FIELDS = frozenset({"on_time_rate", "online_rate", "satisfaction_rate"})
# The grouping's column in kpi_table; a month row is named by its first day's month, "2025-10".
_GROUP_COLUMN = {"unit": "unit", "field": "field", "procedure": "procedure", "channel": "channel"}


@dataclass(frozen=True)
class KpiAnswer:
    period: Period
    by: str | None
    units: str  # issue 15 §4: "current" or "recorded", how the dossiers were counted by unit
    rows: list[dict]  # {"group": …, field: value, …} per group, in kpi_table's order
    row_labels: list[str]  # each row's group as a person reads it ("Tháng 10/2025", "Trực tuyến")
    total: dict  # field → value over every dossier of the scope

    def as_json(self) -> dict:
        return {
            "from": self.period.start.isoformat(),
            "to": self.period.end.isoformat(),
            "by": self.by,
            "units": self.units,
            "rows": self.rows,
            "total": self.total,
        }


def kpi_answer(
    db: Database,
    period: Period,
    by: str | None = None,
    unit_keys: tuple[str, ...] = (),
    units: str = "current",
) -> KpiAnswer:
    """The period's numbers for the units given (all when none), by a grouping or not grouped; units: counted
    by current or recorded units (issue 15 §4)."""
    if by is not None and by not in GROUPINGS:
        raise ValueError(f"by must be one of {GROUPINGS}, not {by!r}")
    filters = Filters(unit_keys=tuple(unit_keys), units=units)
    total = contract_values(kpi_table(db, period, None, filters).iloc[0])
    rows, labels = [], []
    if by is not None:
        table = kpi_table(db, period, by, filters)
        for _, row in table.iterrows():
            group, label = _group(row, by)
            rows.append({"group": group} | contract_values(row))
            labels.append(label)
    return KpiAnswer(period, by, units, rows, labels, total)


def contract_values(row: pd.Series) -> dict:
    """One kpi_table row as the contract's fields: counts as int, rates as float or None."""
    values = {}
    for name, column in FIELDS.items():
        value = row[column]
        if name in RATE_FIELDS:
            values[name] = None if value is None or math.isnan(float(value)) else float(value)
        else:
            values[name] = int(value)
    return values


def _group(row: pd.Series, by: str) -> tuple[str, str]:
    if by == "month":
        return f"{row['period_start']:%Y-%m}", str(row["period"])
    value = str(row[_GROUP_COLUMN[by]])
    if by == "channel":
        return value, CHANNEL_LABEL_VI.get(value, value)
    return value, value
