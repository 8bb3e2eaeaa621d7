"""One entry for every file `python -m dashboard ingest` is given: read it once, then route it.

A workbook with a Decision-766 score table (TONG_SCORE and the six groups, official766.looks_like_766) goes to
the official-score importer; anything else is a dossier export for the pipeline. Both end in an ImportReport
with the same row accounting, so the CLI's JSON contract does not depend on the kind of file.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from dashboard.ingest.headers import ColumnMapping
from dashboard.ingest.official766 import Prepared766, looks_like_766, prepare_766
from dashboard.ingest.pipeline import PreparedFile, prepare_file
from dashboard.ingest.readers import read_workbook
from dashboard.ingest.report import ImportReport
from dashboard.ingest.run import load_prepared
from dashboard.store import Database
from dashboard.store.loader import ImportMeta
from dashboard.store.official766_loader import record_766_import

Prepared = PreparedFile | Prepared766


def prepare_any(
    path: str | Path,
    as_of: date | None = None,
    mapping: ColumnMapping | None = None,
    now: datetime | None = None,
) -> Prepared:
    """Read and check one file of either kind (no database). Raises UnreadableFile when it cannot be read."""
    path = Path(path)
    now = now or datetime.now()
    workbook = read_workbook(path)
    if looks_like_766(workbook):
        prepared = prepare_766(path, workbook, as_of=as_of, now=now)
        if mapping is not None:
            prepared.report.notes.append("Tệp ánh xạ cột (--mapping) không dùng cho bảng điểm 766")
        return prepared
    return prepare_file(path, as_of=as_of, mapping=mapping, now=now, workbook=workbook)


def load_766(db: Database, prepared: Prepared766, now: datetime | None = None) -> ImportReport:
    """Store a prepared score file in one transaction and complete its report."""
    report = prepared.report
    meta = ImportMeta(
        file_name=prepared.file_name,
        file_sha256=prepared.file_sha256,
        file_kind=prepared.file_kind,
        sheet_name=", ".join(prepared.sheet_names) or None,
        imported_at=now or datetime.now(),
        snapshot_at=prepared.snapshot_at,
        snapshot_source=prepared.snapshot_source,
        period_from=None,
        period_to=None,
        header_row=prepared.header_row,
        column_map=prepared.column_map,
        notes=report.notes,
    )
    with db.write() as conn:
        counts = record_766_import(conn, meta, prepared)
    report.import_id = counts.import_id
    report.rows_loaded, report.rows_updated, report.rows_unchanged = (
        counts.loaded,
        counts.updated,
        counts.unchanged,
    )
    return report


def load_any(db: Database, prepared: Prepared, now: datetime | None = None) -> ImportReport:
    """Store what prepare_any gave, in one transaction."""
    if isinstance(prepared, Prepared766):
        return load_766(db, prepared, now=now)
    return load_prepared(db, prepared, now=now)


def ingest_any(
    db: Database,
    path: str | Path,
    as_of: date | None = None,
    mapping: ColumnMapping | None = None,
    now: datetime | None = None,
) -> ImportReport:
    """Read, check and store one file of either kind. Raises UnreadableFile (nothing stored) when unreadable."""
    now = now or datetime.now()
    return load_any(db, prepare_any(path, as_of=as_of, mapping=mapping, now=now), now=now)
