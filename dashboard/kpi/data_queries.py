"""Queries of the data page: how fresh each unit's data is."""

from __future__ import annotations

from datetime import date

import pandas as pd

from dashboard.store import Database


def freshness(db: Database, today: date) -> pd.DataFrame:
    """Per unit, stalest first: newest snapshot (the "data as of" day of the newest file that held the unit's
    dossiers) and newest received day, with the calendar days from each to `today`.

    Columns: unit, dossiers, last_snapshot, last_received, days_since_snapshot, days_since_received.
    """
    with db.read() as cur:
        frame = cur.execute(
            """
            SELECT coalesce(u.unit_name, d.unit) AS unit,
                   count(*) AS dossiers,
                   max(d.snapshot_at) AS last_snapshot,
                   max(d.received_at)::DATE AS last_received,
                   date_diff('day', max(d.snapshot_at), ?::DATE) AS days_since_snapshot,
                   date_diff('day', max(d.received_at)::DATE, ?::DATE) AS days_since_received
            FROM dossier d LEFT JOIN unit u USING (unit_key)
            GROUP BY 1
            ORDER BY last_snapshot, last_received, unit
            """,
            [today, today],
        ).df()
    for column in ("last_snapshot", "last_received"):
        frame[column] = pd.to_datetime(frame[column]).dt.date
    return frame
