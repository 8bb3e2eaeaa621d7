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

from dashboard.store import derived, units_store
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
    keys = pc.dictionary_encode(records.column("unit_key").combine_chunks())
    names = records.column("unit").combine_chunks()
    _, first_row = np.unique(keys.indices.to_numpy(zero_copy_only=False), return_index=True)
    first_spelling = {
        key: names[int(row)].as_py()
        for key, row in zip(keys.dictionary.to_pylist(), first_row, strict=True)
        if key not in known
    }
    if first_spelling:
        conn.executemany("INSERT INTO unit VALUES (?, ?)", [[k, v] for k, v in first_spelling.items()])
        known.update(first_spelling)
    display = pa.array([known[key] for key in keys.dictionary.to_pylist()], pa.string())
    return records.set_column(records.schema.get_field_index("unit"), "unit", pc.take(display, keys.indices))


def _compare(conn: duckdb.DuckDBPyConnection, records: pa.Table, provided: tuple[str, ...]) -> pa.Table:
    """Per record, in order: whether the code is stored, whether the provided columns equal the stored ones,
    and the stored snapshot date. Compared value by value (IS NOT DISTINCT FROM), not by hash."""
    equal = " AND ".join(f"a.{c} IS NOT DISTINCT FROM d.{c}" for c in provided) or "true"
    conn.register("incoming_arrow", records)
    try:
        found = conn.sql(
            f"""
            SELECT a.position, d.dossier_code IS NOT NULL AS stored, coalesce({equal}, false) AS same,
                   d.snapshot_at AS stored_snapshot
            FROM (SELECT row_number() OVER () - 1 AS position, * FROM incoming_arrow) a
            LEFT JOIN dossier d USING (dossier_code)
            """
        ).to_arrow_table()
    finally:
        conn.unregister("incoming_arrow")
    return found.take(pc.sort_indices(found.column("position")))


def _execute_with(conn: duckdb.DuckDBPyConnection, name: str, table: pa.Table, sql: str, params=None) -> None:
    conn.register(name, table)
    try:
        conn.execute(sql, params or [])
    finally:
        conn.unregister(name)


_HASH = f"hash({', '.join(CONTENT_COLUMNS)})"


def _update_changed(
    conn: duckdb.DuckDBPyConnection, changed: pa.Table, provided: tuple[str, ...], import_id: int
):
    """New values of the columns the file provides; then the hash and the derived days of those dossiers."""
    bookkeeping = ("unit_key", "unit_id", "snapshot_at", "source_file", "source_row")
    assignments = ", ".join(f"{c} = i.{c}" for c in (*provided, *bookkeeping))
    days = ", ".join(f"{c} = x.{c}" for c in derived.DERIVED_COLUMNS)
    conn.register("changed_arrow", changed)
    try:
        conn.execute(
            f"UPDATE dossier SET {assignments}, import_id = ? FROM changed_arrow i "
            "WHERE dossier.dossier_code = i.dossier_code",
            [import_id],
        )
        conn.execute(
            f"""
            UPDATE dossier SET content_hash = hash({", ".join("x." + c for c in CONTENT_COLUMNS)}), {days}
            FROM ({
                derived.derived_select(
                    f"(SELECT * EXCLUDE ({', '.join(derived.DERIVED_COLUMNS)}) FROM dossier "
                    "WHERE dossier_code IN (SELECT dossier_code FROM changed_arrow))",
                    carry_all=True,
                )
            }) x
            WHERE dossier.dossier_code = x.dossier_code
            """
        )
    finally:
        conn.unregister("changed_arrow")


def load_dossiers(
    conn: duckdb.DuckDBPyConnection,
    records: pa.Table,
    import_id: int,
    provided: tuple[str, ...] = CONTENT_COLUMNS,
) -> LoadCounts:
    """Upsert `records` (DOSSIER_COLUMNS, codes unique) and return what happened to them.

    provided: the content columns the file really has. A stored dossier keeps its values in the others, so
    that a newer export with fewer columns (no rating, say) does not erase what an earlier one said.
    """
    provided = tuple(c for c in CONTENT_COLUMNS if c in provided)
    records = _canonical_units(conn, records.select(list(DOSSIER_COLUMNS)))
    records = units_store.with_unit_ids(conn, records)  # issue 15: the unit the name means on that day
    if conn.execute("SELECT count(*) FROM (SELECT 1 FROM dossier LIMIT 1)").fetchall()[0][0]:
        found = _compare(conn, records, provided)
    else:  # a first import: nothing to compare with
        found = pa.table(
            {
                "stored": pa.array(np.zeros(records.num_rows, dtype=bool)),
                "same": pa.array(np.zeros(records.num_rows, dtype=bool)),
                "stored_snapshot": pa.nulls(records.num_rows, pa.date32()),
            }
        )
    stored = found.column("stored").to_numpy(zero_copy_only=False)
    same = found.column("same").to_numpy(zero_copy_only=False) & stored
    snapshot, stored_snapshot = records.column("snapshot_at"), found.column("stored_snapshot")
    older = pc.fill_null(pc.less(snapshot, stored_snapshot), False).to_numpy(zero_copy_only=False)
    newer = pc.fill_null(pc.greater(snapshot, stored_snapshot), False).to_numpy(zero_copy_only=False)
    is_new = ~stored
    changed = stored & ~same & ~older
    derived.register_calendar(conn)  # the days of each dossier are computed as it is written
    try:
        if is_new.any():
            columns = ", ".join((*DOSSIER_COLUMNS, "unit_id", *derived.DERIVED_COLUMNS))
            _execute_with(
                conn,
                "new_arrow",
                records if is_new.all() else records.filter(pa.array(is_new)),
                f"""
                INSERT INTO dossier ({columns}, import_id, content_hash)
                SELECT {columns}, ?, {_HASH} FROM ({derived.derived_select("new_arrow")})
                """,
                [import_id],
            )
        if changed.any():
            _update_changed(conn, records.filter(pa.array(changed)), provided, import_id)
    finally:
        conn.unregister("workday")
    bump = same & newer
    if bump.any():
        # Same content seen in a newer export: remember that it was still so at the newer date.
        _execute_with(
            conn,
            "bump_arrow",
            records.select(["dossier_code", "snapshot_at"]).filter(pa.array(bump)),
            "UPDATE dossier SET snapshot_at = i.snapshot_at FROM bump_arrow i WHERE dossier.dossier_code = i.dossier_code",
        )
    return LoadCounts(
        import_id=import_id,
        loaded=int(is_new.sum()),
        updated=int(changed.sum()),
        unchanged=int((stored & (same | older)).sum()),
        older_differing=int((stored & older & ~same).sum()),
    )


def record_import(
    conn: duckdb.DuckDBPyConnection,
    meta: ImportMeta,
    records: pa.Table,
    rows: dict[str, int],
    provided: tuple[str, ...],
    quarantine: list[tuple[int, str, str]],
    warnings: list[tuple[int | None, str]],
) -> LoadCounts:
    """Load one file: dossiers, its import-log line, its rejected rows and warnings. One transaction (caller's)."""
    import_id = _next_import_id(conn)
    counts = load_dossiers(conn, records, import_id, provided)
    log_import(conn, import_id, meta, rows, counts, quarantine, warnings)
    return counts


def log_import(
    conn: duckdb.DuckDBPyConnection,
    import_id: int,
    meta: ImportMeta,
    rows: dict[str, int],
    counts: LoadCounts,
    quarantine: list[tuple[int, str, str]],
    warnings: list[tuple[int | None, str]],
) -> None:
    """The import-log line of a file, its rejected rows (quarantine) and its warnings: every import's account."""
    conn.execute(
        "INSERT INTO import_log VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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


def _append(conn: duckdb.DuckDBPyConnection, table: str, columns: dict[str, pa.Array]) -> None:
    """Append many rows at once (executemany is slow on DuckDB). `table` is one of ours, never user text."""
    conn.register("append_arrow", pa.table(columns))
    try:
        conn.execute(f"INSERT INTO {table} BY NAME SELECT * FROM append_arrow")
    finally:
        conn.unregister("append_arrow")
