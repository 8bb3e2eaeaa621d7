"""Import files into a database: read each file once, route it, prepare it (no database), load it in one write.

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
from dashboard.ingest.stable import unchanged_while_read
from dashboard.store import Database
from dashboard.store.loader import ImportMeta, LoadCounts, record_import
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
    with unchanged_while_read(path):  # issue 12 §6: a file still being written is refused, not read in part
        workbook = read_workbook(path)
        if looks_like_766(workbook):
            prepared = prepare_766(path, workbook, as_of=as_of, now=now)
            if mapping is not None:
                prepared.report.notes.append("Tệp ánh xạ cột (--mapping) không dùng cho bảng điểm 766")
            return prepared
        return prepare_file(path, as_of=as_of, mapping=mapping, now=now, workbook=workbook)


def _meta(prepared: Prepared, now: datetime | None) -> ImportMeta:
    """The import-log facts of a prepared file of either kind."""
    is_766 = isinstance(prepared, Prepared766)
    return ImportMeta(
        file_name=prepared.file_name,
        file_sha256=prepared.file_sha256,
        file_kind=prepared.file_kind,
        sheet_name=(", ".join(prepared.sheet_names) or None) if is_766 else prepared.sheet_name,
        imported_at=now or datetime.now(),
        snapshot_at=prepared.snapshot_at,
        snapshot_source=prepared.snapshot_source,
        period_from=None if is_766 else prepared.period_from,
        period_to=None if is_766 else prepared.period_to,
        header_row=prepared.header_row,
        column_map=prepared.column_map,
        notes=prepared.report.notes,
    )


def load_any(db: Database, prepared: Prepared, now: datetime | None = None) -> ImportReport:
    """Store what prepare_any gave, in one transaction, and complete its report."""
    report = prepared.report
    meta = _meta(prepared, now)
    with db.write() as conn:
        if isinstance(prepared, Prepared766):
            counts = record_766_import(conn, meta, prepared)
        else:
            rows = {
                "read": report.rows_read,
                "rejected": report.rows_rejected,
                "skipped": report.rows_skipped,
            }
            counts = record_import(
                conn,
                meta,
                prepared.records,
                rows,
                prepared.provided_columns,
                prepared.quarantine,
                [(w.row, w.reason) for w in report.warnings],
            )
    return _complete(report, counts, prepared.snapshot_at)


def _complete(report: ImportReport, counts: LoadCounts, snapshot_at: date) -> ImportReport:
    report.import_id = counts.import_id
    report.rows_loaded, report.rows_updated, report.rows_unchanged = (
        counts.loaded,
        counts.updated,
        counts.unchanged,
    )
    if counts.older_differing:
        report.notes.append(
            f"{counts.older_differing} hồ sơ trong tệp cũ hơn dữ liệu đã có (ngày chốt {snapshot_at:%d/%m/%Y}): "
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
    """Read, check and store one file of either kind. Raises UnreadableFile (nothing stored) when unreadable."""
    now = now or datetime.now()
    return load_any(db, prepare_any(path, as_of=as_of, mapping=mapping, now=now), now=now)
