"""Write path of the official Decision-766 scores (issue 3 §5): upsert one prepared file, log it.

Rows are keyed by (snapshot_at, level, period_kind, unit_key):
- a unit not yet stored at that snapshot is loaded; a later snapshot therefore adds rows beside the earlier
  ones, which are kept (rank changes between snapshots are computed from them);
- a stored unit with the same values is unchanged: importing the same file again changes nothing;
- a stored unit whose values differ (the portal corrected a score the same day) is updated.
The import is logged in import_log like a dossier export (file_kind, snapshot source, row accounting), its
rejected rows go to quarantine and its warnings to import_warning. Runs inside Database.write(), so a file is
loaded in one transaction or not at all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import duckdb
import pyarrow as pa

from dashboard.store.loader import ImportMeta, LoadCounts, _next_import_id, log_import

if TYPE_CHECKING:  # the store does not import the ingest layer at run time
    from dashboard.ingest.official766 import Prepared766

KEY_COLUMNS: tuple[str, ...] = ("snapshot_at", "level", "period_kind", "unit_key")
# What a re-import compares: a difference in any of these makes the row "updated".
VALUE_COLUMNS: tuple[str, ...] = (
    "unit_name",
    "province",
    "unit_code",
    "published_rank",
    "ckmb",
    "tdgq",
    "clgq",
    "tttt",
    "mdhl",
    "mdsh",
    "total",
)


def _classify(conn: duckdb.DuckDBPyConnection, records: pa.Table) -> tuple[int, int, int]:
    """Stage the records with what happens to each (new, changed, same) and count them."""
    same = " AND ".join(f"i.{c} IS NOT DISTINCT FROM o.{c}" for c in VALUE_COLUMNS)
    on = " AND ".join(f"i.{c} = o.{c}" for c in KEY_COLUMNS)
    conn.register("incoming_766", records)
    try:
        conn.execute(
            f"""
            CREATE OR REPLACE TEMP TABLE staged_766 AS
            SELECT i.*,
                   CASE WHEN o.unit_key IS NULL THEN 'new' WHEN {same} THEN 'same' ELSE 'changed' END AS fate
            FROM incoming_766 i LEFT JOIN official_766 o ON {on}
            """
        )
    finally:
        conn.unregister("incoming_766")
    counts = dict(conn.execute("SELECT fate, count(*) FROM staged_766 GROUP BY fate").fetchall())
    return counts.get("new", 0), counts.get("changed", 0), counts.get("same", 0)


def load_official_766(conn: duckdb.DuckDBPyConnection, records: pa.Table, source_file: str, import_id: int):
    """Upsert `records` (unique by KEY_COLUMNS); (loaded, updated, unchanged)."""
    loaded, updated, unchanged = _classify(conn, records)
    columns = ", ".join((*KEY_COLUMNS, *VALUE_COLUMNS))
    try:
        if loaded:
            conn.execute(
                f"""
                INSERT INTO official_766 ({columns}, source_file, import_id)
                SELECT {columns}, ?, ? FROM staged_766 WHERE fate = 'new'
                """,
                [source_file, import_id],
            )
        if updated:
            assignments = ", ".join(f"{c} = s.{c}" for c in VALUE_COLUMNS)
            on = " AND ".join(f"official_766.{c} = s.{c}" for c in KEY_COLUMNS)
            conn.execute(
                f"""
                UPDATE official_766 SET {assignments}, source_file = ?, import_id = ?
                FROM (SELECT * FROM staged_766 WHERE fate = 'changed') s
                WHERE {on}
                """,
                [source_file, import_id],
            )
    finally:
        conn.execute("DROP TABLE IF EXISTS staged_766")
    return loaded, updated, unchanged


def record_766_import(conn: duckdb.DuckDBPyConnection, meta: ImportMeta, prepared: Prepared766) -> LoadCounts:
    """Load one file of official scores: its rows, its import-log line, its rejected rows and warnings."""
    import_id = _next_import_id(conn)
    report = prepared.report
    loaded, updated, unchanged = load_official_766(conn, prepared.records, meta.file_name, import_id)
    counts = LoadCounts(import_id, loaded, updated, unchanged, older_differing=0)
    rows = {"read": report.rows_read, "rejected": report.rows_rejected, "skipped": report.rows_skipped}
    log_import(
        conn, import_id, meta, rows, counts, prepared.quarantine, [(w.row, w.reason) for w in report.warnings]
    )
    return counts
