"""Databases of hand-made dossiers for KPI tests, stored through the real loader."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pyarrow as pa

from dashboard.store import Database
from dashboard.store.loader import ImportMeta, record_import
from dashboard.store.schema import CONTENT_COLUMNS, DOSSIER_ARROW_SCHEMA
from dashboard.text import unit_key

DEFAULTS = {
    "unit": "Phường Ngô Quyền",
    "field_name": "Hộ tịch",
    "procedure": "Đăng ký khai sinh",
    "channel": "direct",
    "status": "in_progress",
    "snapshot_at": date(2026, 11, 14),
    "source_file": "test",
}


def _when(value):
    if isinstance(value, str):
        return (
            datetime.strptime(value, "%d/%m/%Y")
            if len(value) == 10
            else datetime.strptime(value, "%d/%m/%Y %H:%M")
        )
    return value


def dossier(code: str, received: str, due: str | None = None, finished: str | None = None, **fields) -> dict:
    """One dossier; dates as "dd/mm/yyyy" (or with " HH:MM")."""
    row = {**DEFAULTS, **fields, "dossier_code": code}
    row["received_at"], row["due_at"], row["finished_at"] = _when(received), _when(due), _when(finished)
    if "status" not in fields and finished is not None:
        row["status"] = "resolved"
    for key in ("submitted_at", "returned_at", "supplement_requested_at"):
        row[key] = _when(row.get(key))
    row["unit_key"] = unit_key(row["unit"])
    return row


def store(path: Path, rows: list[dict]) -> Database:
    """A database holding exactly these dossiers (replacing what the file held)."""
    db = Database(path)
    rows = [
        {**row, "unit_key": unit_key(row["unit"])} for row in rows
    ]  # rows may have been given another unit
    columns = {name: [row.get(name) for row in rows] for name in DOSSIER_ARROW_SCHEMA.names}
    columns["source_row"] = list(range(1, len(rows) + 1))
    table = pa.table(columns, schema=DOSSIER_ARROW_SCHEMA)
    meta = ImportMeta(
        "test",
        "",
        "test",
        None,
        datetime(2026, 11, 14),
        date(2026, 11, 14),
        "as_of",
        None,
        None,
        None,
        {},
        [],
    )
    with db.write(start_empty=True) as conn:
        record_import(
            conn, meta, table, {"read": len(rows), "rejected": 0, "skipped": 0}, CONTENT_COLUMNS, [], []
        )
    return db
