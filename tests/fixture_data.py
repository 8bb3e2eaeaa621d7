"""The fixture database: a few dossiers written the way imports write them (through Database.write()).

A module of its own, not conftest.py, so that tests in subdirectories can import it unambiguously.
"""

from __future__ import annotations

from pathlib import Path

from dashboard.store import Database
from dashboard.text import unit_key

ROOT = Path(__file__).resolve().parent.parent

# What tmp_db holds: 1.416 dossiers in three units, from three imports that rejected one row each.
FIXTURE_UNITS = {"Phường Hà Cầu": 1000, "Xã Đông Hưng": 400, "UBND Phường Quang Trung": 16}


def write_import(
    path: Path,
    unit: str,
    dossiers: int,
    *,
    file_name: str = "bao_cao.xlsx",
    rejected: int = 0,
    code_prefix: str | None = None,
) -> int:
    """Store `dossiers` new resolved dossiers of `unit` and `rejected` quarantined rows as one import.

    Returns the import id. Goes through Database.write(), so the live file is replaced as a real import does.
    """
    prefix = code_prefix or unit_key(unit).replace(" ", "-")
    with Database(path).write() as con:
        import_id = con.execute("SELECT coalesce(max(import_id), 0) + 1 FROM import_log").fetchone()[0]
        con.execute(
            """
            INSERT INTO import_log (import_id, file_name, file_sha256, file_kind, sheet_name, imported_at,
                                    snapshot_at, snapshot_source, rows_read, rows_loaded, rows_updated,
                                    rows_unchanged, rows_rejected, rows_skipped, notes)
            VALUES (?, ?, 'ab' || ?, 'xlsx', 'Sheet1', TIMESTAMP '2024-04-03 14:05', DATE '2024-04-03',
                    'title', ?, ?, 0, 0, ?, 1, '["Cột bị lệch một ô"]')
            """,
            [import_id, file_name, str(import_id), dossiers + rejected + 1, dossiers, rejected],
        )
        con.execute(
            "INSERT INTO unit VALUES (?, ?) ON CONFLICT DO NOTHING",
            [unit_key(unit), unit],
        )
        con.execute(
            """
            INSERT INTO dossier (dossier_code, unit, unit_key, channel, received_at, status, snapshot_at,
                                 source_file, source_row, import_id, content_hash)
            SELECT printf('%s-%d-%06d', ?, ?, i), ?, ?,
                   CASE WHEN i % 3 = 0 THEN 'online' ELSE 'direct' END,
                   TIMESTAMP '2024-01-02 08:00' + to_hours(i::BIGINT), 'resolved', DATE '2024-04-03',
                   ?, i + 8, ?, hash(i)
            FROM range(?) t(i)
            """,
            [prefix, import_id, unit, unit_key(unit), file_name, import_id, dossiers],
        )
        con.execute(
            """
            INSERT INTO quarantine
            SELECT ?, ?, 1000 + i, '{"Mã hồ sơ": ""}', 'Thiếu mã hồ sơ'
            FROM range(?) t(i)
            """,
            [import_id, file_name, rejected],
        )
    return import_id


def build_fixture_database(path: Path) -> Path:
    for number, (unit, dossiers) in enumerate(FIXTURE_UNITS.items()):
        write_import(path, unit, dossiers, file_name=f"tep_{number}.xlsx", rejected=1)
    return path
