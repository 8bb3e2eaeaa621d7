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

import numpy as np
import pandas as pd

from dashboard.kpi.dossier_dates import DATED_DOSSIERS, IN_PERIOD, dated_where, run_dated
from dashboard.kpi.filters import ALL, Filters
from dashboard.kpi.periods import Period
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
-- One row per combination of what the columns look at, with its number of dossiers: a few thousand rows
-- however many dossiers, which Python then adds up. The yes/no facts travel packed in one integer (`facts`,
-- bits below), because grouping on one narrow key is several times faster than on a dozen wide ones.
SELECT period, {group_select}
    (received_in AND channel = 'online')::INT                                 -- bit 0: col 4
    + 2 * (received_in AND channel <> 'online')::INT                          -- bit 1: col 5
    + 4 * (rd < start_day)::INT                                               -- bit 2: col 6
    + 8 * coalesce(finished_in AND status = 'withdrawn', false)::INT          -- bit 3
    + 16 * coalesce(finished_in AND status = 'stopped', false)::INT           -- bit 4
    + 32 * (open_at_end AND paused_at_end)::INT                               -- bit 5
    + 64 * coalesce(open_at_end AND NOT paused_at_end AND dd >= end_day
                    AND dd_index - end_index <= ?, false)::INT                -- bit 6: due soon
    + 128 * (received_in AND service_level IS NOT DISTINCT FROM 'full_online')::INT  -- bit 7
    + 256 * coalesce(finished_in AND status = 'resolved', false)::INT         -- bit 8
    -- bits 9–10: col 8 / 9 / 10 (1 / 2 / 3); withdrawn dossiers are col 9 (the form's note)
    + 512 * CASE WHEN NOT coalesce(finished_in, false) THEN 0
                 WHEN status = 'withdrawn' OR dd IS NULL OR fd = dd THEN 2
                 WHEN fd < dd THEN 1 ELSE 3 END
    -- bits 11–12: col 12 / 13 (1 / 2)
    + 2048 * CASE WHEN NOT open_at_end THEN 0
                  WHEN dd < end_day AND NOT paused_at_end THEN 2 ELSE 1 END
    -- bits 13–14: rating of a dossier resolved in the period (1 very satisfied, 2 satisfied, 3 dissatisfied)
    + 8192 * CASE WHEN NOT coalesce(finished_in AND status = 'resolved', false) THEN 0
                  WHEN rating = 'very_satisfied' THEN 1 WHEN rating = 'satisfied' THEN 2
                  WHEN rating = 'dissatisfied' THEN 3 ELSE 0 END
    -- bits 15–16: paid online, for dossiers received in the period (1 no, 2 yes)
    + 32768 * CASE WHEN NOT received_in OR paid_online IS NULL THEN 0 WHEN paid_online THEN 2 ELSE 1 END
    -- bits 17–18: result digitised, for dossiers resolved in the period (1 no, 2 yes)
    + 131072 * CASE WHEN NOT coalesce(finished_in AND status = 'resolved', false) OR result_digitized IS NULL
                    THEN 0 WHEN result_digitized THEN 2 ELSE 1 END                 AS facts,
    CASE WHEN finished_in AND status <> 'withdrawn' AND fd > dd THEN fd_index - dd_index END AS late_days,
    CASE WHEN open_at_end AND dd < end_day AND NOT paused_at_end THEN end_index - dd_index END AS overdue_days,
    CASE WHEN finished_in AND status = 'resolved' THEN fd_index - rd_index END AS processing_days,
    count(*) AS n
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
    where, params = dated_where(filters, periods)
    sql = _QUERY.format(filters=where, group_select=group_select)
    frame = run_dated(db, sql, [*params, due_soon_days], periods)
    return _tidy(_add_up(frame, group_by), periods, group_by)


def _weighted_quantile(values: pd.Series, weights: pd.Series, q: float) -> float:
    """DuckDB's quantile_cont over the values repeated `weights` times: linear interpolation between the
    order statistics at (N − 1)·q."""
    order = values.to_numpy().argsort(kind="stable")
    sorted_values, counts = values.to_numpy()[order], weights.to_numpy()[order]
    total = int(counts.sum())
    if total == 0:
        return float("nan")
    position = (total - 1) * q
    below = int(np.floor(position))
    cumulative = np.cumsum(counts)
    low = sorted_values[np.searchsorted(cumulative, below, side="right")]
    high = sorted_values[np.searchsorted(cumulative, min(below + 1, total - 1), side="right")]
    return float(low + (high - low) * (position - below))


def _add_up(cells: pd.DataFrame, group_by: str | None) -> pd.DataFrame:
    """The columns of the form from the combination counts (KPI_SPEC §4 rules are in the SQL flags)."""
    keys = ["period"] + (
        [GROUPS[group_by][1]] + (["unit_key"] if group_by == "unit" else []) if group_by else []
    )
    quantiles = ["late_days_median", "overdue_days_max", "processing_days_median", "processing_days_p90"]
    if cells.empty:
        counts = [c for c in COUNT_COLUMNS if c != "c3"]
        return pd.DataFrame(columns=[*keys, *counts, *quantiles])
    n = cells["n"].astype("int64")
    facts = cells["facts"].to_numpy(dtype=np.int64)

    def bits(shift: int, width: int = 1) -> np.ndarray:
        return (facts >> shift) & ((1 << width) - 1)

    finished_col, open_col, rating = bits(9, 2), bits(11, 2), bits(13, 2)
    paid, digitized = bits(15, 2), bits(17, 2)
    masks = {
        "c4": bits(0) == 1, "c5": bits(1) == 1, "c6": bits(2) == 1,
        "c7": finished_col > 0, "c8": finished_col == 1, "c9": finished_col == 2, "c10": finished_col == 3,
        "c11": open_col > 0, "c12": open_col == 1, "c13": open_col == 2,
        "withdrawn": bits(3) == 1, "stopped": bits(4) == 1, "paused": bits(5) == 1, "due_soon": bits(6) == 1,
        "full_online_received": bits(7) == 1, "resolved": bits(8) == 1,
        "rated": rating > 0, "satisfied": (rating == 1) | (rating == 2), "dissatisfied": rating == 3,
        "paid_online_known": paid > 0, "paid_online_yes": paid == 2,
        "digitized_known": digitized > 0, "digitized_yes": digitized == 2,
    }  # fmt: skip
    counted = pd.DataFrame({name: np.where(mask, n, 0) for name, mask in masks.items()}, index=cells.index)
    counted["late_finished_days"] = (n * cells["late_days"].fillna(0)).astype("int64")
    counted[keys] = cells[keys]
    out = counted.groupby(keys, dropna=False, sort=False).sum().reset_index()
    groups = cells.groupby(keys, dropna=False, sort=False)
    extra = groups.apply(
        lambda g: pd.Series(
            {
                "late_days_median": _weighted_quantile(
                    g["late_days"].dropna(), g.loc[g["late_days"].notna(), "n"], 0.5
                ),
                "overdue_days_max": g["overdue_days"].max(),
                "processing_days_median": _weighted_quantile(
                    g["processing_days"].dropna(), g.loc[g["processing_days"].notna(), "n"], 0.5
                ),
                "processing_days_p90": _weighted_quantile(
                    g["processing_days"].dropna(), g.loc[g["processing_days"].notna(), "n"], 0.9
                ),
            }
        ),
        include_groups=False,
    ).reset_index()
    return out.merge(extra, on=keys, how="left")


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
