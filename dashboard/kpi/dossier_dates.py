"""Dossiers as days: the SQL every per-dossier KPI query starts from (form06, quality), in one place.

DATED_DOSSIERS is the body of a WITH clause (no leading WITH, no trailing comma) ending in the CTE `d`: one row
per dossier that counts (KPI_SPEC §2: classes not_received and refused are excluded everywhere) and passes the
filters, with every dossier column, including the days stored with each dossier when it was written
(dashboard/store/derived.py, so that no query joins every dossier with the calendar):
- rd, fd: the day of receipt and the day processing ended (fd only for a finished class with a finished_at);
- limit_days: the procedure's legal time limit in working days (procedure_time_limit), or null;
- limit_dd: the due day computed from that limit (issue 3 §4): working days counted from receipt, the day of
  receipt being day 0 and a receipt on a day off starting on the next working day; null without a limit;
- dd: the effective due day, due_at when stored, else limit_dd, else null (no deadline);
- rd_index, fd_index, dd_index: their workday_index, so that working days in (a, b] = index(b) − index(a).

Each row also carries unit_group, the unit group it counts under (issue 15 §4): the query needs the unit map of
the request registered as `unit_map` (unit_groups.unit_groups). It needs the working-day calendar registered as
`workday` (workcal.calendar_table) and holds one placeholder,
`{filters}`, for a Filters.sql("d") fragment. IN_PERIOD is the condition (on `d` and a row `p` of the table made
by periods_table, registered as `periods`) for a dossier to belong to a period: received by its end and not
finished before its start.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import pyarrow as pa

from dashboard.kpi.filters import Filters
from dashboard.kpi.periods import Period
from dashboard.kpi.unit_groups import GROUP_SQL, UnitGroups
from dashboard.kpi.workcal import calendar_table
from dashboard.store import Database

_DOSSIERS = (
    """(
    SELECT d.*, """
    + GROUP_SQL
    + """ AS unit_group  -- issue 15 §4: the unit group it counts under (unit_groups.py)
    FROM dossier d LEFT JOIN unit_map m ON m.unit_id = d.unit_id
    WHERE d.status NOT IN ('not_received', 'refused')  -- KPI_SPEC §2: excluded from every count
      AND {filters}
)"""
)
DATED_DOSSIERS = "\ncal AS (SELECT * FROM workday),\nd AS " + _DOSSIERS
# The same for a query that reads `d` in more than one branch: DuckDB materialises a CTE read twice (every dossier
# of the window copied first: 1.6× slower for form06's open dossiers); NOT MATERIALIZED lets each branch scan the
# table with its own constant bounds, so that zone maps skip the row groups outside them.
DATED_DOSSIERS_INLINED = "\ncal AS (SELECT * FROM workday),\nd AS NOT MATERIALIZED " + _DOSSIERS

# A dossier belongs to a period when received by its end and not finished before its start.
IN_PERIOD = "d.rd <= p.end_day AND (d.fd IS NULL OR d.fd >= p.start_day)"


def periods_table(periods: Sequence[Period], calendar: pa.Table) -> pa.Table:
    """The periods as a table to register as `periods`: period (label), start_day, end_day, end_index."""
    days = calendar.column("day").to_numpy().astype("datetime64[D]")  # consecutive days, in order
    index = calendar.column("workday_index").to_numpy()
    ends = np.array([p.end for p in periods], dtype="datetime64[D]")
    position = (ends - days[0]).astype(np.int64)
    inside = (position >= 0) & (position < len(days))
    end_index = [int(index[i]) if ok else None for i, ok in zip(position, inside, strict=True)]
    return pa.table(
        {
            "period": pa.array([p.label for p in periods], pa.string()),
            "start_day": pa.array([p.start for p in periods], pa.date32()),
            "end_day": pa.array([p.end for p in periods], pa.date32()),
            "end_index": pa.array(end_index, pa.int32()),
        }
    )


def window_filter(periods: Sequence[Period], alias: str = "d") -> tuple[str, list]:
    """The IN_PERIOD rule over all the periods at once, with constant bounds: DuckDB then skips every row
    group whose stored days lie outside (zone maps), instead of pairing each dossier with each period."""
    first = min(p.start for p in periods)
    last = max(p.end for p in periods)
    return f"{alias}.rd <= ? AND ({alias}.fd IS NULL OR {alias}.fd >= ?)", [last, first]


def dated_where(filters: Filters, periods: Sequence[Period]) -> tuple[str, list]:
    """The `{filters}` fragment of a dated query and its parameters: the user's filters and the periods' window."""
    where, params = filters.sql("d")
    window, bounds = window_filter(periods)
    return f"{where} AND {window}", [*params, *bounds]


def run_dated_tables(
    db: Database,
    queries: Sequence[tuple[str, list]],
    tables: dict[str, pa.Table],
    calendar: pa.Table,
    groups: UnitGroups,
) -> list[pd.DataFrame]:
    """Run queries built on DATED_DOSSIERS on one cursor, with the calendar (`workday`, from calendar_table),
    the unit map (`unit_map`) and the given tables registered under their names."""
    with db.read() as cur:
        cur.register("workday", calendar)
        cur.register("unit_map", groups.table)
        for name, table in tables.items():
            cur.register(name, table)
        return [cur.execute(sql, params).df() for sql, params in queries]


def run_dated(
    db: Database, sql: str, params: list, periods: Sequence[Period], groups: UnitGroups
) -> pd.DataFrame:
    """Run a query built on DATED_DOSSIERS with the calendar (`workday`), the periods (`periods`) and the unit
    map (`unit_map`) registered."""
    calendar = calendar_table(db)
    with db.read() as cur:
        cur.register("workday", calendar)
        cur.register("unit_map", groups.table)
        cur.register("periods", periods_table(periods, calendar))
        return cur.execute(sql, params).df()
