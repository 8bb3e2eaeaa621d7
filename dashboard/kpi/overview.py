"""What the first page shows: dossiers per unit and the import log."""

from __future__ import annotations

import pandas as pd

from dashboard.kpi.unit_register import stored_units, unit_options
from dashboard.store import Database


def dossiers_per_unit(db: Database) -> pd.DataFrame:
    """Columns: unit, dossiers, first_received, last_received. Every stored dossier, whatever its status."""
    with db.read() as cur:
        return cur.execute(
            """
            SELECT coalesce(u.unit_name, d.unit) AS unit,
                   count(*) AS dossiers,
                   min(d.received_at)::DATE AS first_received,
                   max(d.received_at)::DATE AS last_received
            FROM dossier d LEFT JOIN unit u USING (unit_key)
            GROUP BY 1
            ORDER BY dossiers DESC, unit
            """
        ).df()


def import_log(db: Database, limit: int = 200) -> pd.DataFrame:
    """The newest imports first, with the row accounting of each file."""
    with db.read() as cur:
        return cur.execute(
            """
            SELECT import_id, imported_at, file_name, file_kind, sheet_name, snapshot_at, snapshot_source,
                   rows_read, rows_loaded, rows_updated, rows_unchanged, rows_rejected, rows_skipped, notes
            FROM import_log
            ORDER BY import_id DESC
            LIMIT ?
            """,
            [limit],
        ).df()


def quarantine(db: Database, import_id: int | None = None, limit: int = 1000) -> pd.DataFrame:
    """Rejected rows with their reasons, newest import first."""
    with db.read() as cur:
        return cur.execute(
            """
            SELECT import_id, source_file, source_row, reason, cells
            FROM quarantine
            WHERE ? IS NULL OR import_id = ?
            ORDER BY import_id DESC, source_row
            LIMIT ?
            """,
            [import_id, import_id, limit],
        ).df()


def totals(db: Database) -> dict[str, int]:
    """Headline counts for the first page."""
    with db.read() as cur:
        dossiers, units = cur.execute("SELECT count(*), count(DISTINCT unit_key) FROM dossier").fetchall()[0]
        imports, rejected = cur.execute(
            "SELECT count(*), coalesce(sum(rows_rejected), 0) FROM import_log"
        ).fetchall()[0]
    return {"dossiers": dossiers, "units": units, "imports": imports, "rejected": int(rejected)}


def filter_options(db: Database) -> dict:
    """What the shared filters offer: units (key → name, by current units and as recorded), fields, procedures,
    channels, the years with receipts, the newest snapshot date and the database's province (None: not set)."""
    with db.read() as cur:
        fields = [
            f
            for (f,) in cur.execute(
                "SELECT DISTINCT field_name FROM dossier WHERE field_name IS NOT NULL ORDER BY 1"
            ).fetchall()
        ]
        procedures = [
            p
            for (p,) in cur.execute(
                "SELECT DISTINCT procedure FROM dossier WHERE procedure IS NOT NULL ORDER BY 1"
            ).fetchall()
        ]
        channels = [c for (c,) in cur.execute("SELECT DISTINCT channel FROM dossier ORDER BY 1").fetchall()]
        first, last, snapshot = cur.execute(
            "SELECT min(received_at)::DATE, max(received_at)::DATE, max(snapshot_at) FROM dossier"
        ).fetchall()[0]
    return {
        # issue 15 §4: the unit filter offers today's units (current counting) or the units as recorded
        "units": unit_options(db, "current"),
        "units_recorded": unit_options(db, "recorded"),
        "province": stored_units(db).province,
        "fields": fields,
        "procedures": procedures,
        "channels": channels,
        "first_day": first,
        "last_day": last,
        "snapshot": snapshot,
    }
