"""Import files into a database: prepare each file (no database), then load it in one write."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from dashboard.ingest.headers import ColumnMapping
from dashboard.ingest.pipeline import PreparedFile
from dashboard.ingest.report import ImportReport
from dashboard.store import Database
from dashboard.store.loader import ImportMeta, record_import


def load_prepared(db: Database, prepared: PreparedFile, now: datetime | None = None) -> ImportReport:
    """Store a prepared file in one transaction and complete its report."""
    report = prepared.report
    meta = ImportMeta(
        file_name=prepared.file_name,
        file_sha256=prepared.file_sha256,
        file_kind=prepared.file_kind,
        sheet_name=prepared.sheet_name,
        imported_at=now or datetime.now(),
        snapshot_at=prepared.snapshot_at,
        snapshot_source=prepared.snapshot_source,
        period_from=prepared.period_from,
        period_to=prepared.period_to,
        header_row=prepared.header_row,
        column_map=prepared.column_map,
        notes=report.notes,
    )
    rows = {"read": report.rows_read, "rejected": report.rows_rejected, "skipped": report.rows_skipped}
    with db.write() as conn:
        counts = record_import(
            conn,
            meta,
            prepared.records,
            rows,
            prepared.provided_columns,
            prepared.quarantine,
            [(w.row, w.reason) for w in report.warnings],
        )
    report.import_id = counts.import_id
    report.rows_loaded, report.rows_updated, report.rows_unchanged = (
        counts.loaded,
        counts.updated,
        counts.unchanged,
    )
    if counts.older_differing:
        report.notes.append(
            f"{counts.older_differing} hồ sơ trong tệp cũ hơn dữ liệu đã có (ngày chốt {prepared.snapshot_at:%d/%m/%Y}): "
            "giữ dữ liệu mới hơn, không ghi đè"
        )
    return report


def ingest_file(
    db: Database,
    path: str | Path,
    as_of: date | None = None,
    mapping: ColumnMapping | None = None,
    now: datetime | None = None,
) -> ImportReport:
    """Read, validate and store one file. Raises UnreadableFile (nothing stored) when it cannot be read.

    An official Decision-766 score table is routed to its own importer (dispatch.py).
    """
    from dashboard.ingest.dispatch import ingest_any  # dispatch imports this module

    return ingest_any(db, path, as_of=as_of, mapping=mapping, now=now)
