"""Pure helpers of the data page's import section (no Streamlit): preview, mapping edits, rejected rows as CSV.

A file is read once; a dossier export gets its header located and its columns listed with the field each one
was given, so that the user can correct the mapping before anything is stored. The corrected table becomes a
ColumnMapping (folded source header → field, every column explicit) and the file is prepared again with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pyarrow.compute as pc

from dashboard.ingest.aliases import CANONICAL_FIELDS
from dashboard.ingest.headers import ColumnMapping, HeaderLayout
from dashboard.ingest.official766 import looks_like_766, prepare_766
from dashboard.ingest.pipeline import _choose_sheet, prepare_file
from dashboard.ingest.readers import read_workbook
from dashboard.ingest.report import ImportReport
from dashboard.ingest.run import Prepared
from dashboard.ingest.stable import unchanged_while_read
from dashboard.text import fold

IGNORE = "ignore"
FIELD_CHOICES = (*CANONICAL_FIELDS, IGNORE)


@dataclass
class Preview:
    """A file read and checked, nothing stored: what the import would do, and the columns it saw."""

    prepared: Prepared
    columns: pd.DataFrame  # source (header text), field (canonical field or "ignore"); empty for a 766 table
    is_766: bool


def preview(
    path: str | Path,
    mapping: ColumnMapping | None = None,
    now: datetime | None = None,
    as_of: date | None = None,
) -> Preview:
    """Read one file and prepare it as the import would (raises UnreadableFile). No database is touched.
    as_of: the "số liệu đến ngày" the user gave (issue 11 §4), instead of the title's or the import day."""
    path = Path(path)
    now = now or datetime.now()
    with unchanged_while_read(path):
        workbook = read_workbook(path)
        if looks_like_766(workbook):
            return Preview(
                prepare_766(path, workbook, as_of=as_of, now=now),
                pd.DataFrame(columns=["source", "field"]),
                True,
            )
        _, layout = _choose_sheet(workbook.sheets, mapping)
        prepared = prepare_file(path, as_of=as_of, mapping=mapping, now=now, workbook=workbook)
    return Preview(prepared, mapping_rows(layout), False)


def title_date(prepared: Prepared) -> date | None:
    """The "số liệu đến ngày" the file states in its title line, None when it states none (the import day
    would otherwise stand in for it, issue 11 §4)."""
    return prepared.snapshot_at if prepared.snapshot_source in ("title", "as_of") else None


def newest_date(prepared: Prepared) -> date | None:
    """The newest day any dossier of the file was received, finished or returned: a hint for the data date."""
    records = getattr(prepared, "records", None)
    if records is None:
        return None
    days = []
    for name in ("received_at", "finished_at", "returned_at"):
        if name in records.column_names:
            newest = pc.max(records.column(name)).as_py()
            if newest is not None:
                days.append(newest.date() if isinstance(newest, datetime) else newest)
    return max(days) if days else None


def mapping_rows(layout: HeaderLayout) -> pd.DataFrame:
    """One row per source column, in the file's order: its header text and the field it was given."""
    field_of_column = {col: name.split(":")[0] for name, col in layout.fields.items()}
    rows = [
        {"source": layout.column_name(col), "field": field_of_column.get(col, IGNORE)}
        for col in range(len(layout.parts))
    ]
    return pd.DataFrame(rows, columns=["source", "field"])


def mapping_from_rows(rows: pd.DataFrame) -> ColumnMapping:
    """The edited table → ColumnMapping. Every column is explicit, so no header falls back to guessing.

    Raises ValueError (Vietnamese) for an unknown field, or for one field given to two columns.
    """
    by_folded: dict[str, str] = {}
    used: dict[str, str] = {}
    for source, field in zip(rows["source"], rows["field"], strict=True):
        field = (
            IGNORE if field is None or (isinstance(field, float) and pd.isna(field)) or field == "" else field
        )
        if field not in FIELD_CHOICES:
            raise ValueError(f"Trường '{field}' không hợp lệ cho cột '{source}'")
        if field not in (IGNORE, "personal", "officer") and field in used:
            raise ValueError(f"Trường '{field}' được gán cho hai cột: '{used[field]}' và '{source}'")
        used.setdefault(field, str(source))
        by_folded[fold(str(source))] = field
    return ColumnMapping(by_folded)


def changed(original: pd.DataFrame, edited: pd.DataFrame) -> bool:
    return list(original["field"]) != list(edited["field"])


def summary_row(report: ImportReport) -> dict[str, int]:
    """The report's row accounting: read = loaded + updated + unchanged + rejected + skipped."""
    return {
        "rows_read": report.rows_read,
        "rows_loaded": report.rows_loaded,
        "rows_updated": report.rows_updated,
        "rows_unchanged": report.rows_unchanged,
        "rows_rejected": report.rows_rejected,
        "rows_skipped": report.rows_skipped,
    }


def rejects_frame(file_name: str, report: ImportReport) -> pd.DataFrame:
    """The rejected rows of one file: file, row in the sheet, reason."""
    return pd.DataFrame(
        [{"file_name": file_name, "source_row": note.row, "reason": note.reason} for note in report.rejects],
        columns=["file_name", "source_row", "reason"],
    )
