"""Each dossier's days, stored beside it: computed once when it is written, not on every query.

Why: computing them per query means joining every stored dossier with the working-day calendar before a
period's filter can apply; with 10 million dossiers that alone takes seconds. Stored, they let DuckDB skip
whole row groups by their min/max dates and count only the dossiers near the period (issue 4 §11).

The columns (KPI_SPEC §4, §6 and issue 3 §4):
- rd, fd: the day of receipt and the day processing ended (fd only for class resolved / withdrawn / stopped
  with a finished_at date: "finished" in KPI_SPEC §4);
- limit_days: the procedure's legal time limit in working days (procedure_time_limit), or null;
- limit_dd: the due day computed from it, counting working days from receipt, the day of receipt being day 0
  and a receipt on a day off starting on the next working day;
- dd: the effective due day: due_at when stored, else limit_dd, else null (no deadline);
- rd_index, fd_index, dd_index: their working-day index (working days up to and including the day), so that
  working days in (a, b] = index(b) − index(a);
- late_days: working days from the due day to the end of processing, for a finished dossier (not withdrawn)
  finished after its due day (KPI_SPEC §5 "days late");
- processing_days: working days from receipt to the end of processing, for a resolved dossier (KPI_SPEC §5);
- finish_code, receipt_code: what Biểu 06 looks at when a dossier is finished or received, packed in one small
  number (FINISH_CODE, RECEIPT_CODE below), because grouping millions of dossiers by one small number is
  several times faster than by the status, rating and channel texts (issue 4 §11).
They depend on the calendar overrides and the time limits: Database.write() recomputes them for every dossier
when either table changed in its transaction.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import duckdb
import pyarrow as pa

from dashboard.workdays import WorkCalendar

FIRST_DAY, LAST_DAY = date(2010, 1, 1), date(2040, 12, 31)
DERIVED_COLUMNS = (
    "rd", "fd", "limit_days", "limit_dd", "dd", "rd_index", "fd_index", "dd_index",
    "late_days", "processing_days", "finish_code", "receipt_code",
)  # fmt: skip
DERIVED_DDL = {
    "rd": "DATE",
    "fd": "DATE",
    "limit_days": "INTEGER",
    "limit_dd": "DATE",
    "dd": "DATE",
    "rd_index": "INTEGER",
    "fd_index": "INTEGER",
    "dd_index": "INTEGER",
    "late_days": "INTEGER",
    "processing_days": "INTEGER",
    "finish_code": "UTINYINT",
    "receipt_code": "UTINYINT",
}

_FD = "CASE WHEN s.status IN ('resolved', 'withdrawn', 'stopped') THEN s.finished_at::DATE END"
_DD = "coalesce(s.due_at::DATE, w.day)"
# finish_code = timing + 4 × status + 16 × rating + 64 × result digitised, the parts being
#   timing (KPI_SPEC §4 col 8 / 9 / 10): 1 early, 2 on time (also withdrawn: the form's note, and no due day),
#     3 late;
#   status: 0 resolved, 1 withdrawn, 2 stopped, 3 anything else (never finished, so never counted);
#   rating of a resolved dossier: 0 none, 1 very satisfied, 2 satisfied, 3 dissatisfied;
#   result digitised, of a resolved dossier: 0 unknown, 1 no, 2 yes.
FINISH_CODE = f"""(
    CASE WHEN s.status = 'withdrawn' OR {_DD} IS NULL OR {_FD} = {_DD} THEN 2 WHEN {_FD} < {_DD} THEN 1 ELSE 3 END
    + 4 * CASE s.status WHEN 'resolved' THEN 0 WHEN 'withdrawn' THEN 1 WHEN 'stopped' THEN 2 ELSE 3 END
    + 16 * CASE WHEN s.status <> 'resolved' THEN 0 WHEN s.rating = 'very_satisfied' THEN 1
                WHEN s.rating = 'satisfied' THEN 2 WHEN s.rating = 'dissatisfied' THEN 3 ELSE 0 END
    + 64 * CASE WHEN s.status <> 'resolved' OR s.result_digitized IS NULL THEN 0
                WHEN s.result_digitized THEN 2 ELSE 1 END
)::UTINYINT"""
# receipt_code = online + 2 × full online + 4 × paid online (KPI_SPEC §4 col 4 / 5, §5), the parts being
#   online: 1 channel online (col 4), 0 direct or postal (col 5); full online: 1 service level full_online;
#   paid online: 0 unknown, 1 no, 2 yes.
RECEIPT_CODE = """(
    (s.channel = 'online')::INT + 2 * coalesce(s.service_level = 'full_online', false)::INT
    + 4 * CASE WHEN s.paid_online IS NULL THEN 0 WHEN s.paid_online THEN 2 ELSE 1 END
)::UTINYINT"""


@lru_cache(maxsize=8)
def calendar_table(days_off: tuple[date, ...], working_days: tuple[date, ...]) -> pa.Table:
    """One row per day 2010–2040: day, is_working, workday_index (KPI_SPEC §6, with the user's overrides)."""
    calendar = WorkCalendar(extra_days_off=days_off, working_saturdays=working_days)
    columns = calendar.calendar_table(FIRST_DAY, LAST_DAY)
    return pa.table(
        {
            "day": pa.array(columns["day"], pa.date32()),
            "is_working": pa.array(columns["is_working"], pa.bool_()),
            "workday_index": pa.array(columns["workday_index"], pa.int32()),
        }
    )


def overrides_in(conn: duckdb.DuckDBPyConnection) -> tuple[tuple[date, ...], tuple[date, ...]]:
    rows = conn.execute("SELECT day, kind FROM calendar_override ORDER BY day").fetchall()
    return (
        tuple(day for day, kind in rows if kind == "day_off"),
        tuple(day for day, kind in rows if kind == "working_day"),
    )


def derived_select(source: str, carry_all: bool = True) -> str:
    """SELECT the derived columns of the dossiers in `source` (a table, subquery or registered Arrow name of
    ours, never user text), with every column of `source` (carry_all, for rows not yet stored, which have no
    derived columns) or only dossier_code. Needs the calendar registered as `workday` (register_calendar)."""
    carried = "s.*" if carry_all else "s.dossier_code"
    return f"""
    SELECT {carried}, s.received_at::DATE AS rd,
           CASE WHEN s.status IN ('resolved', 'withdrawn', 'stopped') THEN s.finished_at::DATE END AS fd,
           l.working_days AS limit_days,
           w.day AS limit_dd,
           coalesce(s.due_at::DATE, w.day) AS dd,
           rc.workday_index AS rd_index,
           fc.workday_index AS fd_index,
           dc.workday_index AS dd_index,
           CASE WHEN s.status <> 'withdrawn' AND {_FD} > {_DD} THEN fc.workday_index - dc.workday_index END
               AS late_days,
           CASE WHEN s.status = 'resolved' THEN fc.workday_index - rc.workday_index END AS processing_days,
           {FINISH_CODE} AS finish_code,
           {RECEIPT_CODE} AS receipt_code
    FROM {source} s
    LEFT JOIN procedure_time_limit l ON l.procedure = s.procedure
    LEFT JOIN workday rc ON rc.day = s.received_at::DATE
    LEFT JOIN workday fc ON fc.day = CASE WHEN s.status IN ('resolved', 'withdrawn', 'stopped')
                                          THEN s.finished_at::DATE END
    LEFT JOIN (SELECT workday_index, day FROM workday WHERE is_working) w
           ON w.workday_index = rc.workday_index + (NOT rc.is_working)::INT + l.working_days
    LEFT JOIN workday dc ON dc.day = coalesce(s.due_at::DATE, w.day)
    """


def register_calendar(conn: duckdb.DuckDBPyConnection) -> None:
    conn.register("workday", calendar_table(*overrides_in(conn)))


def settings_fingerprint(conn: duckdb.DuckDBPyConnection) -> tuple | None:
    """What the derived columns depend on besides the dossier itself (None when the tables are gone)."""
    try:
        return (
            tuple(conn.execute("SELECT day, kind FROM calendar_override ORDER BY day").fetchall()),
            tuple(
                conn.execute("SELECT procedure, working_days FROM procedure_time_limit ORDER BY 1").fetchall()
            ),
        )
    except duckdb.CatalogException:
        return None


def recompute_all(conn: duckdb.DuckDBPyConnection, only_missing: bool = False) -> None:
    """Recompute the derived columns of every dossier (after a calendar or time-limit change), or only of
    those written without them (only_missing: rd is null, e.g. rows inserted by plain SQL)."""
    if only_missing and not conn.execute("SELECT count(*) FROM dossier WHERE rd IS NULL").fetchall()[0][0]:
        return
    register_calendar(conn)
    missing = "(SELECT * FROM dossier WHERE rd IS NULL)"
    try:
        assignments = ", ".join(f"{c} = x.{c}" for c in DERIVED_COLUMNS)
        conn.execute(
            f"""
            UPDATE dossier SET {assignments}
            FROM ({derived_select(missing if only_missing else "dossier", carry_all=False)}) x
            WHERE dossier.dossier_code = x.dossier_code
            """
        )
    finally:
        conn.unregister("workday")
