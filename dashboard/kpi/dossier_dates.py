"""Dossiers as days: the SQL every per-dossier KPI query starts from (form06, quality), in one place.

DATED_DOSSIERS is the body of a WITH clause (no leading WITH, no trailing comma) ending in the CTE `d`: one row
per dossier that counts (KPI_SPEC §2: classes not_received and refused are excluded everywhere) and passes the
filters, with every dossier column plus
- rd, fd: the day of receipt and the day processing ended (fd only for a finished class with a finished_at);
- limit_days: the procedure's legal time limit in working days (procedure_time_limit), or null;
- limit_dd: the due day computed from that limit (issue 3 §4): working days counted from receipt, the day of
  receipt being day 0 and a receipt on a day off starting on the next working day; null without a limit;
- dd: the effective due day, due_at when stored, else limit_dd, else null (no deadline);
- rd_index, fd_index, dd_index: their workday_index, so that working days in (a, b] = index(b) − index(a).

It needs the working-day calendar registered as `workday` (workcal.calendar_table) and holds one placeholder,
`{filters}`, for a Filters.sql("d") fragment. IN_PERIOD is the condition (on `d` and a row `p` of the table made
by periods_table, registered as `periods`) for a dossier to belong to a period: received by its end and not
finished before its start.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyarrow as pa

from dashboard.kpi.periods import Period

DATED_DOSSIERS = """
cal AS (SELECT * FROM workday),
working AS (SELECT workday_index, day FROM cal WHERE is_working),  -- one working day per index
limits AS (SELECT procedure, working_days FROM procedure_time_limit),
base AS (
    SELECT d.*,
           d.received_at::DATE AS rd,
           CASE WHEN d.status IN ('resolved', 'withdrawn', 'stopped') THEN d.finished_at::DATE END AS fd,
           l.working_days AS limit_days
    FROM dossier d LEFT JOIN limits l USING (procedure)
    WHERE d.status NOT IN ('not_received', 'refused')  -- KPI_SPEC §2: excluded from every count
      AND {filters}
),
dated AS (
    SELECT b.*,
           rc.workday_index AS rd_index,
           fc.workday_index AS fd_index,
           -- issue 3 §4: the legal time limit counted in working days from receipt, the day of receipt being
           -- day 0 (a receipt on a day off starts on the next working day).
           w.day AS limit_dd,
           -- no due date stored, but a known legal time limit → the computed one
           coalesce(b.due_at::DATE, w.day) AS dd
    FROM base b
    LEFT JOIN cal rc ON rc.day = b.rd
    LEFT JOIN cal fc ON fc.day = b.fd
    LEFT JOIN working w ON w.workday_index = rc.workday_index + (NOT rc.is_working)::INT + b.limit_days
),
d AS (
    SELECT x.*, dc.workday_index AS dd_index FROM dated x LEFT JOIN cal dc ON dc.day = x.dd
)"""

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
