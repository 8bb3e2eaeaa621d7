"""Action lists: the dossiers behind Biểu 06 col 13 (overdue), behind "due soon" (KPI_SPEC §4–5), and behind
col 10 (resolved late in a period, for the report's Phụ lục).

Same rules as form06, per dossier, at the end of a day: open then (received by it, not finished by it), not
paused, and due before it (overdue) or within the next N working days (due soon). The lists hold no personal
data: none is stored.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from dashboard.kpi.dossier_dates import DATED_DOSSIERS, run_dated
from dashboard.kpi.filters import ALL, Filters
from dashboard.kpi.periods import Period, custom
from dashboard.kpi.unit_groups import display_names, unit_groups
from dashboard.store import Database

KINDS = ("overdue", "due_soon")

_QUERY = (
    "WITH "
    + DATED_DOSSIERS
    + """,
at_end AS (
    SELECT d.*, p.end_day, p.end_index,
           d.status = 'paused' AND coalesce(d.supplement_requested_at::DATE <= p.end_day, true) AS paused_at_end
    FROM d, periods p
    WHERE d.rd <= p.end_day AND (d.fd IS NULL OR d.fd > p.end_day)
)
SELECT a.dossier_code, a.unit_group AS unit_key, a.field_name, a.procedure, a.channel,
       a.received_at, a.dd AS due_day,
       CASE WHEN a.due_at IS NOT NULL THEN 'stored' ELSE 'legal_limit' END AS due_source,
       a.end_index - a.dd_index AS working_days_overdue,
       a.dd_index - a.end_index AS working_days_left,
       a.status, a.status_label
FROM at_end a
WHERE NOT a.paused_at_end AND a.dd IS NOT NULL
  AND CASE WHEN ? = 'overdue' THEN a.dd < a.end_day
           ELSE a.dd >= a.end_day AND a.dd_index - a.end_index <= ? END
ORDER BY CASE WHEN ? = 'overdue' THEN -(a.end_index - a.dd_index) ELSE a.dd_index - a.end_index END,
         a.dd, a.received_at, a.dossier_code
"""
)


def action_list(
    db: Database, as_of: date, kind: str = "overdue", filters: Filters = ALL, due_soon_days: int = 2
) -> pd.DataFrame:
    """Overdue dossiers (most overdue first) or dossiers due soon (soonest first) at the end of `as_of`."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    where, params = filters.sql("d")
    # Open at the end of the day: received by it and not finished by it (constant bounds prune row groups).
    where, params = f"{where} AND d.rd <= ? AND (d.fd IS NULL OR d.fd > ?)", [*params, as_of, as_of]
    groups = unit_groups(db, filters.units, as_of)
    frame = run_dated(
        db, _QUERY.format(filters=where), [*params, kind, due_soon_days, kind], [custom(as_of, as_of)], groups
    )
    drop = "working_days_left" if kind == "overdue" else "working_days_overdue"
    return _named(db, groups, frame.drop(columns=drop))


_LATE_FINISHED = (
    "WITH "
    + DATED_DOSSIERS
    + """
SELECT d.dossier_code, d.unit_group AS unit_key, d.field_name, d.procedure, d.channel,
       d.received_at, d.dd AS due_day, d.fd AS finished_day,
       CASE WHEN d.due_at IS NOT NULL THEN 'stored' ELSE 'legal_limit' END AS due_source,
       d.fd_index - d.dd_index AS working_days_late,
       d.status, d.status_label
FROM d
-- KPI_SPEC §4 col 10: finished in the period (received by its end), not withdrawn, after the due day.
WHERE d.fd BETWEEN ? AND ? AND d.status <> 'withdrawn' AND d.fd > d.dd
ORDER BY working_days_late DESC, d.fd, d.dossier_code
"""
)


def late_finished_list(db: Database, period: Period, filters: Filters = ALL) -> pd.DataFrame:
    """Dossiers finished late in the period (Biểu 06 col 10), by unit, the latest first."""
    where, params = filters.sql("d")
    # Received by the end, finished in the period: constant bounds prune row groups as in action_list.
    where, params = f"{where} AND d.rd <= ? AND d.fd >= ?", [*params, period.end, period.start]
    groups = unit_groups(db, filters.units, period.end)
    frame = run_dated(
        db, _LATE_FINISHED.format(filters=where), [*params, period.start, period.end], [period], groups
    )
    # By unit (its display name), the latest first; the SQL sorted the rest.
    return _named(db, groups, frame).sort_values("unit", kind="stable").reset_index(drop=True)


def _named(db: Database, groups, frame: pd.DataFrame) -> pd.DataFrame:
    """Each dossier's unit group by display name, beside its key (issue 15 §4: the unit it counts under)."""
    frame.insert(1, "unit", display_names(db, groups, frame["unit_key"]))
    return frame
