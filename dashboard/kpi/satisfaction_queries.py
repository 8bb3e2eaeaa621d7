"""Ratings per unit split into rất hài lòng / hài lòng / không hài lòng (issue 4 §6).

form06 counts `satisfied` as very satisfied + satisfied (KPI_SPEC §5 numerator); the satisfaction page also
shows the two apart, so this query counts them separately over exactly the same dossiers: resolved in the
period (class resolved, finished_at in the period), with a rating.
"""

from __future__ import annotations

import pandas as pd

from dashboard.kpi.dossier_dates import DATED_DOSSIERS, IN_PERIOD, dated_where, run_dated
from dashboard.kpi.filters import ALL, Filters
from dashboard.kpi.periods import Period
from dashboard.store import Database

COUNTS = ["very_satisfied", "satisfied_only", "dissatisfied", "rated"]
COLUMNS = ["unit", "unit_key", *COUNTS]

_QUERY = (
    "WITH"
    + DATED_DOSSIERS
    + """
SELECT coalesce(u.unit_name, flags.unit) AS unit, flags.unit_key AS unit_key,
       count(*) FILTER (flags.rating = 'very_satisfied') AS very_satisfied,
       count(*) FILTER (flags.rating = 'satisfied')      AS satisfied_only,
       count(*) FILTER (flags.rating = 'dissatisfied')   AS dissatisfied,
       count(*) FILTER (flags.rating IS NOT NULL)        AS rated
FROM d AS flags
JOIN periods p ON """
    + IN_PERIOD.replace("d.", "flags.")
    + """
LEFT JOIN unit u USING (unit_key)
WHERE flags.status = 'resolved' AND flags.fd BETWEEN p.start_day AND p.end_day
GROUP BY ALL
ORDER BY unit
"""
)


def ratings_by_unit(db: Database, period: Period, filters: Filters = ALL) -> pd.DataFrame:
    """Per unit with resolved dossiers in the period: very_satisfied, satisfied_only (rated "hài lòng"),
    dissatisfied and rated counts. very_satisfied + satisfied_only = form06's `satisfied`; rated = form06's
    `rated`."""
    where, params = dated_where(filters, [period])
    sql = _QUERY.format(filters=where)
    frame = run_dated(db, sql, params, [period])
    if frame.empty:
        return pd.DataFrame({c: pd.Series(dtype="int64" if c in COUNTS else "object") for c in COLUMNS})
    frame[COUNTS] = frame[COUNTS].astype("int64")
    return frame[COLUMNS]
