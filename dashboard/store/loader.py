"""Write path: upsert one prepared file's dossiers with snapshot semantics (EXPORT_FORMATS "Re-imports").

- A dossier not yet stored is loaded.
- A stored dossier is updated when the file's snapshot is as new or newer and its content differs: importing
  the same file again changes nothing; a newer export updates the dossier instead of adding a second one.
- An older snapshot never rolls a dossier back: its rows count as unchanged (and the report says how many
  differed).
Runs inside Database.write(), so a file is loaded in one transaction or not at all.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.store.schema import CONTENT_COLUMNS, DOSSIER_COLUMNS


@dataclass
class ImportMeta:
    file_name: str
    file_sha256: str
    file_kind: str
    sheet_name: str | None
    imported_at: datetime
    snapshot_at: date
    snapshot_source: str
    period_from: date | None
    period_to: date | None
    header_row: int | None
    column_map: dict[str, str]
    notes: list[str]


@dataclass
class LoadCounts:
    import_id: int
    loaded: int
    updated: int
    unchanged: int
    older_differing: int  # unchanged because the stored snapshot is newer, though the content differs


def _next_import_id(conn: duckdb.DuckDBPyConnection) -> int:
    return conn.execute("SELECT coalesce(max(import_id), 0) + 1 FROM import_log").fetchall()[0][0]


def _canonical_units(conn: duckdb.DuckDBPyConnection, records: pa.Table) -> pa.Table:
    """KPI_SPEC §9: one display name per unit key; the first spelling seen is kept in the unit table."""
    known = dict(conn.execute("SELECT unit_key, unit_name FROM unit").fetchall())
    encoded = pc.dictionary_encode(records.column("unit_key").combine_chunks())
    spellings = pc.dictionary_encode(records.column("unit").combine_chunks())
    first_spelling: dict[str, str] = {}
    for key_index, name_index in zip(
        encoded.indices.to_numpy(zero_copy_only=False),
        spellings.indices.to_numpy(zero_copy_only=False),
        strict=True,
    ):
        key = encoded.dictionary[key_index].as_py()
        if key not in known and key not in first_spelling:
            first_spelling[key] = spellings.dictionary[name_index].as_py()
        if len(first_spelling) + len(known) >= len(encoded.dictionary):
            break
    if first_spelling:
        conn.executemany("INSERT INTO unit VALUES (?, ?)", [[k, v] for k, v in first_spelling.items()])
        known.update(first_spelling)
    names = pa.array([known[key] for key in encoded.dictionary.to_pylist()], pa.string())
    return records.set_column(records.schema.get_field_index("unit"), "unit", pc.take(names, encoded.indices))


def _with_hash(conn: duckdb.DuckDBPyConnection, records: pa.Table) -> tuple[pa.Table, pa.Table]:
    """records + content_hash, and per record the stored dossier's hash and snapshot (null when new)."""
    content = ", ".join(CONTENT_COLUMNS)
    conn.register("incoming_arrow", records)
    try:
        found = conn.sql(
            f"""
            SELECT a.position, hash({", ".join("a." + c for c in CONTENT_COLUMNS)}) AS content_hash,
                   d.content_hash AS stored_hash, d.snapshot_at AS stored_snapshot
            FROM (SELECT row_number() OVER () - 1 AS position, dossier_code, {content} FROM incoming_arrow) a
            LEFT JOIN dossier d USING (dossier_code)
            """
        ).to_arrow_table()
    finally:
        conn.unregister("incoming_arrow")
    found = found.take(pc.sort_indices(found.column("position")))
    return records.append_column("content_hash", found.column("content_hash")), found


def load_dossiers(conn: duckdb.DuckDBPyConnection, records: pa.Table, import_id: int) -> LoadCounts:
    """Upsert `records` (DOSSIER_COLUMNS, codes unique) and return what happened to them."""
    records = _canonical_units(conn, records.select(list(DOSSIER_COLUMNS)))
    records, found = _with_hash(conn, records)
    records = records.append_column("import_id", pa.array(np.full(records.num_rows, import_id), pa.int32()))
    stored_hash = found.column("stored_hash")
    is_new = pc.is_null(stored_hash).to_numpy(zero_copy_only=False)
    same = pc.fill_null(pc.equal(found.column("content_hash"), stored_hash), False).to_numpy(
        zero_copy_only=False
    )
    snapshot = records.column("snapshot_at")
    older = pc.fill_null(pc.less(snapshot, found.column("stored_snapshot")), False).to_numpy(
        zero_copy_only=False
    )
    newer = pc.fill_null(pc.greater(snapshot, found.column("stored_snapshot")), False).to_numpy(
        zero_copy_only=False
    )
    changed = ~is_new & ~same & ~older
    columns = ", ".join(records.column_names)
    if is_new.any():
        conn.register("new_arrow", records if is_new.all() else records.filter(pa.array(is_new)))
        try:
            conn.execute(f"INSERT INTO dossier ({columns}) SELECT {columns} FROM new_arrow")
        finally:
            conn.unregister("new_arrow")
    if changed.any():
        assignments = ", ".join(f"{c} = i.{c}" for c in records.column_names if c != "dossier_code")
        conn.register("changed_arrow", records.filter(pa.array(changed)))
        try:
            conn.execute(
                f"UPDATE dossier SET {assignments} FROM changed_arrow i WHERE dossier.dossier_code = i.dossier_code"
            )
        finally:
            conn.unregister("changed_arrow")
    bump = same & newer
    if bump.any():
        # Same content seen in a newer export: remember that it was still so at the newer date.
        conn.register("bump_arrow", records.select(["dossier_code", "snapshot_at"]).filter(pa.array(bump)))
        try:
            conn.execute(
                "UPDATE dossier SET snapshot_at = i.snapshot_at FROM bump_arrow i "
                "WHERE dossier.dossier_code = i.dossier_code"
            )
        finally:
            conn.unregister("bump_arrow")
    return LoadCounts(
        import_id=import_id,
        loaded=int(is_new.sum()),
        updated=int(changed.sum()),
        unchanged=int((~is_new & (same | older)).sum()),
        older_differing=int((~is_new & older & ~same).sum()),
    )


def record_import(
    conn: duckdb.DuckDBPyConnection,
    meta: ImportMeta,
    records: pa.Table,
    rows: dict[str, int],
    quarantine: list[tuple[int, str, str]],
    warnings: list[tuple[int | None, str]],
) -> LoadCounts:
    """Load one file: dossiers, its import-log line, its rejected rows and warnings. One transaction (caller's)."""
    import_id = _next_import_id(conn)
    counts = load_dossiers(conn, records, import_id)
    conn.execute(
        """
        INSERT INTO import_log VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        [
            import_id,
            meta.file_name,
            meta.file_sha256,
            meta.file_kind,
            meta.sheet_name,
            meta.imported_at,
            meta.snapshot_at,
            meta.snapshot_source,
            meta.period_from,
            meta.period_to,
            rows["read"],
            counts.loaded,
            counts.updated,
            counts.unchanged,
            rows["rejected"],
            rows["skipped"],
            meta.header_row,
            json.dumps(meta.column_map, ensure_ascii=False),
            json.dumps(meta.notes, ensure_ascii=False),
        ],
    )
    if quarantine:
        rows_, cells, reasons = zip(*quarantine, strict=True)
        _append(
            conn,
            "quarantine",
            {
                "import_id": pa.array([import_id] * len(rows_), pa.int32()),
                "source_file": pa.array([meta.file_name] * len(rows_), pa.string()),
                "source_row": pa.array(rows_, pa.int32()),
                "cells": pa.array(cells, pa.string()),
                "reason": pa.array(reasons, pa.string()),
            },
        )
    if warnings:
        _append(
            conn,
            "import_warning",
            {
                "import_id": pa.array([import_id] * len(warnings), pa.int32()),
                "source_row": pa.array([row for row, _ in warnings], pa.int32()),
                "message": pa.array([message for _, message in warnings], pa.string()),
            },
        )
    return counts


def _append(conn: duckdb.DuckDBPyConnection, table: str, columns: dict[str, pa.Array]) -> None:
    """Append many rows at once (executemany is slow on DuckDB). `table` is one of ours, never user text."""
    conn.register("append_arrow", pa.table(columns))
    try:
        conn.execute(f"INSERT INTO {table} BY NAME SELECT * FROM append_arrow")
    finally:
        conn.unregister("append_arrow")
