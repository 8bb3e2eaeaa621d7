"""The canonical schema (KPI_SPEC §1–2) as DuckDB DDL, in one place.

Tables
- dossier: one row per dossier code, the newest snapshot of it (EXPORT_FORMATS: re-imports).
- unit: display name of each unit, keyed by its comparison key (KPI_SPEC §9).
- import_log: one row per file imported, with the row accounting of EXPORT_FORMATS "nothing lost".
- quarantine: rejected rows with the original cells (personal data removed) and the reason.
- import_warning: row-level warnings that did not reject the row (e.g. code date ≠ received date).
- schema_version: lets later versions migrate an existing database.
"""

from __future__ import annotations

import pyarrow as pa

from dashboard.store.units_store import UNITS_DDL

SCHEMA_VERSION = 5  # 2: settings tables, official_766; 3: derived day columns of dossier; 4: derived codes;
# 5: the unit register and dossier.unit_id (issue 15, dashboard/store/units_store.py)

# Column order of the dossier table; the ingest pipeline produces exactly these columns (besides
# import_id and content_hash, which the loader adds).
DOSSIER_COLUMNS: tuple[str, ...] = (
    "dossier_code",
    "unit",
    "unit_key",
    "field_name",
    "procedure",
    "channel",
    "service_level",
    "submitted_at",
    "received_at",
    "due_at",
    "finished_at",
    "returned_at",
    "status",
    "status_code",
    "status_label",
    "supplement_requested_at",
    "supplement_count",
    "rating",
    "paid_online",
    "result_digitized",
    "apology_issued",
    "snapshot_at",
    "source_file",
    "source_row",
)

# The same columns as Arrow types: what the ingest pipeline and the demo hand to the loader.
DOSSIER_ARROW_SCHEMA = pa.schema(
    [
        ("dossier_code", pa.string()),
        ("unit", pa.string()),
        ("unit_key", pa.string()),
        ("field_name", pa.string()),
        ("procedure", pa.string()),
        ("channel", pa.string()),
        ("service_level", pa.string()),
        ("submitted_at", pa.timestamp("s")),
        ("received_at", pa.timestamp("s")),
        ("due_at", pa.timestamp("s")),
        ("finished_at", pa.timestamp("s")),
        ("returned_at", pa.timestamp("s")),
        ("status", pa.string()),
        ("status_code", pa.int16()),
        ("status_label", pa.string()),
        ("supplement_requested_at", pa.timestamp("s")),
        ("supplement_count", pa.int32()),
        ("rating", pa.string()),
        ("paid_online", pa.bool_()),
        ("result_digitized", pa.bool_()),
        ("apology_issued", pa.bool_()),
        ("snapshot_at", pa.date32()),
        ("source_file", pa.string()),
        ("source_row", pa.int32()),
    ]
)
assert tuple(DOSSIER_ARROW_SCHEMA.names) == DOSSIER_COLUMNS

# Columns whose values make up a dossier's content: a re-import with the same content is "unchanged".
CONTENT_COLUMNS: tuple[str, ...] = (
    "unit",
    "field_name",
    "procedure",
    "channel",
    "service_level",
    "submitted_at",
    "received_at",
    "due_at",
    "finished_at",
    "returned_at",
    "status",
    "status_code",
    "status_label",
    "supplement_requested_at",
    "supplement_count",
    "rating",
    "paid_online",
    "result_digitized",
    "apology_issued",
)

DDL: tuple[str, ...] = (
    """
    CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)
    """,
    """
    CREATE TABLE IF NOT EXISTS import_log (
        import_id      INTEGER PRIMARY KEY,
        file_name      VARCHAR NOT NULL,   -- base name only: paths can name people
        file_sha256    VARCHAR NOT NULL,
        file_kind      VARCHAR NOT NULL,   -- xlsx | xls | html | csv
        sheet_name     VARCHAR,
        imported_at    TIMESTAMP NOT NULL,
        snapshot_at    DATE NOT NULL,
        snapshot_source VARCHAR NOT NULL,  -- as_of | title | file_created (766 tables) | import_time
        period_from    DATE,               -- "(Từ ngày … đến ngày …)" when the file states it
        period_to      DATE,
        rows_read      INTEGER NOT NULL,
        rows_loaded    INTEGER NOT NULL,
        rows_updated   INTEGER NOT NULL,
        rows_unchanged INTEGER NOT NULL,
        rows_rejected  INTEGER NOT NULL,
        rows_skipped   INTEGER NOT NULL,
        header_row     INTEGER,
        column_map     VARCHAR,            -- JSON: source header → canonical field
        notes          VARCHAR             -- JSON list of file-level notes (shifted columns, …)
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS unit (
        unit_key  VARCHAR PRIMARY KEY,
        unit_name VARCHAR NOT NULL
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS dossier (
        dossier_code   VARCHAR NOT NULL,  -- unique: the loader upserts by it (no index: 4× faster loads)
        unit           VARCHAR NOT NULL,
        unit_key       VARCHAR NOT NULL,
        field_name     VARCHAR,
        procedure      VARCHAR,
        channel        VARCHAR NOT NULL CHECK (channel IN ('direct', 'online', 'postal')),
        service_level  VARCHAR CHECK (service_level IN ('full_online', 'partial_online')),
        submitted_at   TIMESTAMP,
        received_at    TIMESTAMP NOT NULL,
        due_at         TIMESTAMP,
        finished_at    TIMESTAMP,
        returned_at    TIMESTAMP,
        status         VARCHAR NOT NULL CHECK (status IN ('not_received', 'in_progress', 'refused',
                                                          'paused', 'withdrawn', 'stopped', 'resolved')),
        status_code    SMALLINT,
        status_label   VARCHAR,
        supplement_requested_at TIMESTAMP,
        supplement_count INTEGER,
        rating         VARCHAR CHECK (rating IN ('very_satisfied', 'satisfied', 'dissatisfied')),
        paid_online    BOOLEAN,
        result_digitized BOOLEAN,
        apology_issued BOOLEAN,
        snapshot_at    DATE NOT NULL,
        source_file    VARCHAR NOT NULL,
        source_row     INTEGER NOT NULL,
        import_id      INTEGER NOT NULL,
        content_hash   UBIGINT NOT NULL,
        -- derived when written (dashboard/store/derived.py): days and working-day indexes
        rd DATE, fd DATE, limit_days INTEGER, limit_dd DATE, dd DATE,
        rd_index INTEGER, fd_index INTEGER, dd_index INTEGER,
        late_days INTEGER, processing_days INTEGER, finish_code UTINYINT, receipt_code UTINYINT
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS quarantine (
        import_id   INTEGER NOT NULL,
        source_file VARCHAR NOT NULL,
        source_row  INTEGER NOT NULL,
        cells       VARCHAR NOT NULL,   -- JSON object: header → original cell text, personal data removed
        reason      VARCHAR NOT NULL
    )
    """,
    # KPI_SPEC §6: the user's corrections to the library calendar (extra days off, swapped working Saturdays).
    """
    CREATE TABLE IF NOT EXISTS calendar_override (
        day  DATE PRIMARY KEY,
        kind VARCHAR NOT NULL CHECK (kind IN ('day_off', 'working_day')),
        note VARCHAR
    )
    """,
    # Issue 3 §4: legal time limit per procedure (working days), editable; computes due_at where it is missing.
    """
    CREATE TABLE IF NOT EXISTS procedure_time_limit (
        procedure    VARCHAR PRIMARY KEY,  -- as stored in dossier.procedure (NFC, single spaces)
        working_days INTEGER NOT NULL CHECK (working_days >= 0)
    )
    """,
    # Issue 3 §6: targets per KPI; rates are fractions (0.98), counts are counts.
    """
    CREATE TABLE IF NOT EXISTS kpi_target (
        kpi        VARCHAR PRIMARY KEY,
        comparator VARCHAR NOT NULL CHECK (comparator IN ('ge', 'le', 'eq')),
        value      DOUBLE NOT NULL,
        near       DOUBLE NOT NULL
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS import_warning (
        import_id   INTEGER NOT NULL,
        source_row  INTEGER,
        message     VARCHAR NOT NULL
    )
    """,
    # Issue 3 §5, KPI_SPEC §7: official Decision-766 scores as published, one row per unit per snapshot
    # (dashboard/ingest/official766.py reads them, dashboard/store/official766_loader.py writes them). A later
    # snapshot adds rows beside the earlier ones, so that rank changes between snapshots can be computed.
    """
    CREATE TABLE IF NOT EXISTS official_766 (
        snapshot_at    DATE NOT NULL,
        level          VARCHAR NOT NULL CHECK (level IN ('tinh', 'so_ban', 'xa_phuong')),
        period_kind    VARCHAR NOT NULL CHECK (period_kind IN ('nam', '6thang', 'quy', 'thang', 'khong_ro')),
        unit_name      VARCHAR NOT NULL,   -- NFC, without " - tỉnh X" and "UBND"
        unit_key       VARCHAR NOT NULL,   -- dashboard.text.unit_key(unit_name)
        province       VARCHAR,            -- the X of " - tỉnh X", or the province's own name
        unit_code      VARCHAR,            -- MA_COQUAN, the national agency code (H01.113)
        published_rank INTEGER,            -- ROW_STT as published: gaps where other kinds of unit rank
        ckmb           DOUBLE NOT NULL,
        tdgq           DOUBLE NOT NULL,
        clgq           DOUBLE NOT NULL,
        tttt           DOUBLE NOT NULL,
        mdhl           DOUBLE NOT NULL,
        mdsh           DOUBLE NOT NULL,
        total          DOUBLE NOT NULL,    -- TONG_SCORE; the loader accepts it only if it is the sum ± 0.01
        source_file    VARCHAR NOT NULL,
        import_id      INTEGER NOT NULL,
        PRIMARY KEY (snapshot_at, level, period_kind, unit_key)
    )
    """,
    *UNITS_DDL,  # after dossier: it adds dossier.unit_id
)
