"""Processing time per procedure as a distribution (issue 4 §4): how many resolved dossiers took n working days.

One row per (field, procedure, processing_days) instead of one per dossier: the page draws histograms and box
summaries from these counts, and the table stays small (a few thousand rows for 220.000 dossiers).
Processing days follow form06 exactly (KPI_SPEC §4 and form06's conventions): dossiers resolved in the
period (class resolved, finished_at in the period), working days from the day of receipt to the day
processing ended, paused time not subtracted.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.kpi.dossier_dates import DATED_DOSSIERS, IN_PERIOD, dated_where, run_dated
from dashboard.kpi.filters import ALL, Filters
from dashboard.kpi.form06 import GROUPS
from dashboard.kpi.periods import Period
from dashboard.kpi.unit_groups import unit_groups
from dashboard.store import Database

COLUMNS = ["field", "procedure", "processing_days", "dossiers"]

_QUERY = (
    "WITH"
    + DATED_DOSSIERS
    + """
SELECT {field} AS field, {procedure} AS procedure, fd_index - rd_index AS processing_days, count(*) AS dossiers
FROM d
JOIN periods p ON """
    + IN_PERIOD
    + """
WHERE d.status = 'resolved' AND d.fd BETWEEN p.start_day AND p.end_day
  AND d.fd_index IS NOT NULL AND d.rd_index IS NOT NULL
GROUP BY ALL
ORDER BY field, procedure, processing_days
"""
)


def processing_days_histogram(db: Database, period: Period, filters: Filters = ALL) -> pd.DataFrame:
    """Resolved dossiers of the period counted by field, procedure and processing time in working days.

    Columns: field, procedure, processing_days (int), dossiers (int). The sum of `dossiers` over a procedure
    equals kpi_table(..., "procedure")'s `resolved` for it.
    """
    where, params = dated_where(filters, [period])
    sql = _QUERY.format(filters=where, field=GROUPS["field"][0], procedure=GROUPS["procedure"][0])
    frame = run_dated(db, sql, params, [period], unit_groups(db, filters.units, period.end))
    if frame.empty:
        return pd.DataFrame({c: pd.Series(dtype="int64" if c in COLUMNS[2:] else "object") for c in COLUMNS})
    frame[["processing_days", "dossiers"]] = frame[["processing_days", "dossiers"]].astype("int64")
    return frame[COLUMNS]


def weighted_quantile(days: pd.Series, dossiers: pd.Series, q: float) -> float:
    """The q-quantile of the days the counts describe, interpolated like DuckDB's quantile_cont (so the
    median and p90 here equal form06's processing_days_median / _p90). NaN when there are no dossiers."""
    repeated = np.repeat(days.to_numpy(dtype="float64"), dossiers.to_numpy(dtype="int64"))
    return float(np.quantile(repeated, q)) if len(repeated) else float("nan")


def processing_summary(histogram: pd.DataFrame, by: str = "procedure") -> pd.DataFrame:
    """Per `by` (procedure or field): resolved dossiers, median, p90 and max processing days (pure pandas)."""
    rows = []
    for key, group in histogram.groupby(by, sort=True):
        rows.append(
            {
                by: key,
                "resolved": int(group["dossiers"].sum()),
                "median": weighted_quantile(group["processing_days"], group["dossiers"], 0.5),
                "p90": weighted_quantile(group["processing_days"], group["dossiers"], 0.9),
                "max": int(group["processing_days"].max()),
            }
        )
    return pd.DataFrame(rows, columns=[by, "resolved", "median", "p90", "max"])
