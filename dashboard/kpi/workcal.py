"""The working-day calendar as a table SQL can join (KPI_SPEC §6).

Holidays come from the `holidays` library (dashboard.workdays), corrected by the user's overrides kept in the
database (calendar_override: extra days off, swapped working Saturdays). The table has one row per day with
`workday_index` = working days up to and including that day, so working days in (a, b] = index(b) − index(a).
It is the same calendar the store used to compute each dossier's stored days (dashboard/store/derived.py).
"""

from __future__ import annotations

import pyarrow as pa

from dashboard.store import Database, MissingTables, derived


def calendar_table(db: Database) -> pa.Table:
    """The calendar of this database (cached per set of overrides)."""
    try:
        with db.read() as cur:
            overrides = derived.overrides_in(cur)
    except MissingTables:
        overrides = ((), ())
    return derived.calendar_table(*overrides)
