"""Biểu số 06/VPCP/KSTT and every count beside it, for any period, grouping and filter (KPI_SPEC §4–5).

One SQL query computes, per period and group, the form's columns 3–13, withdrawn / stopped / paused, due soon,
days late, processing time in working days and the satisfaction counts. Rates are derived from these counts
by dashboard.kpi.rates, so that a rate and the counts beside it can never disagree.

As-of semantics (issue 3 §3): a period's numbers are those that stood at its end, decided by the dates, never
by today's status: a dossier finished after the period's end counts as in progress in it.
Conventions (the dashboard says so in its help text):
- "finished" = class resolved, withdrawn or stopped with a finished_at date (KPI_SPEC §4);
- due_at missing and the procedure's legal time limit known → the due date is computed from it in working
  days (issue 3 §4); still missing → no deadline (counted on time, KPI_SPEC §4 col 9 and col 12);
- paused at the period's end = status paused now and the supplement request (when known) not after the end:
  exports give the current state only, so a pause that ended before today cannot be seen;
- processing time is counted for resolved dossiers, in working days from receipt to the end of processing;
  paused time is not subtracted because no export gives the day a pause ended.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from dashboard.kpi.dossier_dates import DATED_DOSSIERS, IN_PERIOD, periods_table
from dashboard.kpi.filters import ALL, Filters
from dashboard.kpi.periods import Period
from dashboard.kpi.workcal import calendar_table
from dashboard.store import Database

# Grouping dimensions: name → (SQL expression, output column). Fixed strings, never user text.
GROUPS: dict[str, tuple[str, str]] = {
    "unit": ("coalesce(u.unit_name, flags.unit)", "unit"),
    "field": ("coalesce(flags.field_name, '(Chưa rõ lĩnh vực)')", "field"),
    "procedure": ("coalesce(flags.procedure, '(Chưa rõ thủ tục)')", "procedure"),
    "channel": ("flags.channel", "channel"),
}

COUNT_COLUMNS = (
    "c3", "c4", "c5", "c6", "c7", "c8", "c9", "c10", "c11", "c12", "c13",
    "withdrawn", "stopped", "paused", "due_soon", "full_online_received",
    "resolved", "rated", "satisfied", "dissatisfied", "paid_online_known", "paid_online_yes",
    "digitized_known", "digitized_yes", "late_finished_days",
)  # fmt: skip

_QUERY = (
    "WITH"
    + DATED_DOSSIERS
    + """,
flags AS (
    SELECT d.*, p.period, p.start_day, p.end_day, p.end_index,
           d.rd BETWEEN p.start_day AND p.end_day AS received_in,
           d.fd BETWEEN p.start_day AND p.end_day AS finished_in,
           d.fd IS NULL OR d.fd > p.end_day AS open_at_end,
           d.status = 'paused' AND coalesce(d.supplement_requested_at::DATE <= p.end_day, true) AS paused_at_end
    FROM d
    JOIN periods p ON """
    + IN_PERIOD
    + """
)
SELECT period, {group_select}
    count(*) FILTER (received_in AND channel = 'online')                                  AS c4,
    count(*) FILTER (received_in AND channel <> 'online')                                 AS c5,
    count(*) FILTER (rd < start_day)                                                      AS c6,
    count(*) FILTER (finished_in)                                                         AS c7,
    count(*) FILTER (finished_in AND status <> 'withdrawn' AND fd < dd)                   AS c8,
    count(*) FILTER (finished_in AND (status = 'withdrawn' OR dd IS NULL OR fd = dd))     AS c9,
    count(*) FILTER (finished_in AND status <> 'withdrawn' AND fd > dd)                   AS c10,
    count(*) FILTER (open_at_end)                                                         AS c11,
    count(*) FILTER (open_at_end AND (dd IS NULL OR dd >= end_day OR paused_at_end))      AS c12,
    count(*) FILTER (open_at_end AND dd < end_day AND NOT paused_at_end)                  AS c13,
    count(*) FILTER (finished_in AND status = 'withdrawn')                                AS withdrawn,
    count(*) FILTER (finished_in AND status = 'stopped')                                  AS stopped,
    count(*) FILTER (open_at_end AND paused_at_end)                                       AS paused,
    count(*) FILTER (open_at_end AND NOT paused_at_end AND dd >= end_day
                     AND dd_index - end_index <= ?)                                       AS due_soon,
    count(*) FILTER (received_in AND service_level = 'full_online')                       AS full_online_received,
    count(*) FILTER (finished_in AND status = 'resolved')                                 AS resolved,
    count(*) FILTER (finished_in AND status = 'resolved' AND rating IS NOT NULL)          AS rated,
    count(*) FILTER (finished_in AND status = 'resolved'
                     AND rating IN ('very_satisfied', 'satisfied'))                       AS satisfied,
    count(*) FILTER (finished_in AND status = 'resolved' AND rating = 'dissatisfied')     AS dissatisfied,
    count(*) FILTER (received_in AND paid_online IS NOT NULL)                             AS paid_online_known,
    count(*) FILTER (received_in AND paid_online)                                         AS paid_online_yes,
    count(*) FILTER (finished_in AND status = 'resolved' AND result_digitized IS NOT NULL) AS digitized_known,
    count(*) FILTER (finished_in AND status = 'resolved' AND result_digitized)            AS digitized_yes,
    coalesce(sum(fd_index - dd_index) FILTER (finished_in AND status <> 'withdrawn' AND fd > dd), 0)
                                                                                          AS late_finished_days,
    median(fd_index - dd_index) FILTER (finished_in AND status <> 'withdrawn' AND fd > dd)
                                                                                          AS late_days_median,
    max(end_index - dd_index) FILTER (open_at_end AND dd < end_day AND NOT paused_at_end) AS overdue_days_max,
    quantile_cont(fd_index - rd_index, 0.5) FILTER (finished_in AND status = 'resolved')  AS processing_days_median,
    quantile_cont(fd_index - rd_index, 0.9) FILTER (finished_in AND status = 'resolved')  AS processing_days_p90
FROM flags LEFT JOIN unit u USING (unit_key)
GROUP BY ALL
"""
)


def form06(
    db: Database,
    periods: Period | Sequence[Period],
    group_by: str | None = None,
    filters: Filters = ALL,
    due_soon_days: int = 2,
) -> pd.DataFrame:
    """Counts per period (and group), in the order of `periods`; groups with nothing in a period are absent.

    Columns: period, period_start, period_end, [group], c3…c13 (the form's columns), withdrawn, stopped,
    paused, due_soon, full_online_received, resolved, rated, satisfied, dissatisfied, late_finished_days,
    late_days_median, overdue_days_max, processing_days_median, processing_days_p90.
    """
    periods = [periods] if isinstance(periods, Period) else list(periods)
    if group_by is not None and group_by not in GROUPS:
        raise ValueError(f"group_by must be one of {sorted(GROUPS)}, not {group_by!r}")
    group_select = f"{GROUPS[group_by][0]} AS {GROUPS[group_by][1]}," if group_by else ""
    if group_by == "unit":
        group_select += " flags.unit_key AS unit_key,"
    where, params = filters.sql("d")
    sql = _QUERY.format(filters=where, group_select=group_select)
    calendar = calendar_table(db)
    with db.read() as cur:
        cur.register("workday", calendar)
        cur.register("periods", periods_table(periods, calendar))
        frame = cur.execute(sql, [*params, due_soon_days]).df()
    return _tidy(frame, periods, group_by)


def _tidy(frame: pd.DataFrame, periods: list[Period], group_by: str | None) -> pd.DataFrame:
    if group_by is None:
        # One row per period, even a period with no dossier at all: its counts are 0, its rates "no data".
        missing = [p.label for p in periods if p.label not in set(frame["period"])]
        if missing:
            empty = pd.DataFrame({"period": missing})
            frame = pd.concat([frame, empty], ignore_index=True)
            filled = [c for c in COUNT_COLUMNS if c in frame and c != "c3"]
            frame[filled] = frame[filled].fillna(0)
    order = {p.label: i for i, p in enumerate(periods)}
    bounds = {p.label: (p.start, p.end) for p in periods}
    frame["c3"] = frame["c4"] + frame["c5"] + frame["c6"]  # KPI_SPEC §4 col 3 = col 4 + col 5 + col 6
    counts = [c for c in COUNT_COLUMNS if c in frame]
    frame[counts] = frame[counts].astype("int64")
    frame.insert(1, "period_start", frame["period"].map(lambda p: bounds[p][0]))
    frame.insert(2, "period_end", frame["period"].map(lambda p: bounds[p][1]))
    keys = ["period_order"] + ([GROUPS[group_by][1]] if group_by else [])
    frame["period_order"] = frame["period"].map(order)
    frame = frame.sort_values(keys, kind="stable").drop(columns="period_order").reset_index(drop=True)
    first = ["period", "period_start", "period_end"] + ([GROUPS[group_by][1]] if group_by else [])
    rest = ["c3", "c4", "c5", "c6", "c7", "c8", "c9", "c10", "c11", "c12", "c13"]
    return frame[first + rest + [c for c in frame.columns if c not in first + rest]]
