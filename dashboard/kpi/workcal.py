"""The working-day calendar as a table SQL can join (KPI_SPEC §6).

Holidays come from the `holidays` library (dashboard.workdays), corrected by the user's overrides kept in the
database (calendar_override: extra days off, swapped working Saturdays). The table has one row per day with
`workday_index` = working days up to and including that day, so working days in (a, b] = index(b) − index(a).
"""

from __future__ import annotations

from datetime import date

import pyarrow as pa

from dashboard.store import Database, MissingTables, derived
from dashboard.workdays import WorkCalendar

CALENDAR_VIEW = "workday"  # the name queries join on


def overrides(db: Database) -> tuple[tuple[date, ...], tuple[date, ...]]:
    """(extra days off, working Saturdays) stored by the user."""
    try:
        with db.read() as cur:
            rows = cur.execute("SELECT day, kind FROM calendar_override ORDER BY day").fetchall()
    except MissingTables:
        return (), ()
    return (
        tuple(day for day, kind in rows if kind == "day_off"),
        tuple(day for day, kind in rows if kind == "working_day"),
    )


def calendar_table(db: Database) -> pa.Table:
    """The calendar of this database (cached per set of overrides)."""
    return derived.calendar_table(*overrides(db))


def work_calendar(db: Database) -> WorkCalendar:
    """The same calendar as a WorkCalendar, for Python-side date arithmetic."""
    days_off, working_days = overrides(db)
    return WorkCalendar(extra_days_off=days_off, working_saturdays=working_days)
