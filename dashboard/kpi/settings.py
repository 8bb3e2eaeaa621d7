"""The read side of the user's settings (written by dashboard.store.settings).

A file from before schema 2 has no settings tables yet: it reads as having no settings (empty frame or list),
like the working-day calendar does (dashboard.kpi.workcal.calendar_table).
"""

from __future__ import annotations

import pandas as pd

from dashboard.store import Database, MissingTables
from dashboard.text import fold


def calendar_overrides(db: Database) -> pd.DataFrame:
    """The user's corrections to the library calendar, by day. Columns: day (date), kind ("day_off" |
    "working_day"), note."""
    frame = _frame(
        db,
        "SELECT day, kind, note FROM calendar_override ORDER BY day",
        ["day", "kind", "note"],
    )
    frame["day"] = pd.to_datetime(frame["day"]).dt.date
    return frame


def procedure_time_limits(db: Database) -> pd.DataFrame:
    """Stored legal time limits, in alphabetical order of procedure (Đ after D). Columns: procedure,
    working_days, dossiers (how many stored dossiers, whatever their status, name that procedure; 0 for a limit
    no dossier uses)."""
    frame = _frame(
        db,
        """
        SELECT l.procedure, l.working_days, count(d.procedure) AS dossiers
        FROM procedure_time_limit l LEFT JOIN dossier d ON d.procedure = l.procedure
        GROUP BY ALL
        ORDER BY l.procedure
        """,
        ["procedure", "working_days", "dossiers"],
    )
    # DuckDB orders by code point, which puts "Đăng ký" after "Xác nhận"; fold() sorts as people read.
    order = frame["procedure"].map(fold).argsort(kind="stable")
    return frame.iloc[order].reset_index(drop=True)


def procedures_without_limit(db: Database) -> pd.DataFrame:
    """Procedures named by stored dossiers that have no stored time limit: the list a reform officer fills in.

    Columns: procedure; dossiers (stored dossiers naming it, whatever their status); without_due_date (those of
    them that count in the KPIs, i.e. not not_received / refused, and have no due_at: the dossiers a time limit
    would give a deadline). Most dossiers without a due date first.
    """
    return _frame(
        db,
        """
        SELECT d.procedure,
               count(*) AS dossiers,
               count(*) FILTER (d.due_at IS NULL AND d.status NOT IN ('not_received', 'refused'))
                   AS without_due_date
        FROM dossier d ANTI JOIN procedure_time_limit l ON l.procedure = d.procedure
        WHERE d.procedure IS NOT NULL
        GROUP BY d.procedure
        ORDER BY without_due_date DESC, dossiers DESC, d.procedure
        """,
        ["procedure", "dossiers", "without_due_date"],
    )


def stored_targets(db: Database) -> list[dict[str, object]]:
    """The stored KPI targets as dicts {kpi, comparator, value, near}, by KPI; [] when none are stored (the
    caller then uses the defaults, dashboard.kpi.targets)."""
    frame = _frame(
        db,
        "SELECT kpi, comparator, value, near FROM kpi_target ORDER BY kpi",
        ["kpi", "comparator", "value", "near"],
    )
    return [
        {"kpi": kpi, "comparator": comparator, "value": float(value), "near": float(near)}
        for kpi, comparator, value, near in frame.itertuples(index=False)
    ]


def _frame(db: Database, sql: str, columns: list[str]) -> pd.DataFrame:
    try:
        with db.read() as cur:
            return cur.execute(sql).df()
    except MissingTables:
        return pd.DataFrame(columns=columns)
