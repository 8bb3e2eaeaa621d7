"""`python -m dashboard demo`: a demo database built through the same loader as real imports.

The generated dossiers are stored as one import named "demo" (so the import log shows where they came from),
and sample export files in the messy layouts are written for the user to try `ingest` on.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pandas as pd
import pyarrow as pa

from dashboard.demo.catalog import PROVINCE, REORGANISATION
from dashboard.demo.generator import generate_dossiers
from dashboard.demo.samples import write_samples
from dashboard.store import Database, units_store
from dashboard.store.loader import ImportMeta, record_import
from dashboard.store.schema import CONTENT_COLUMNS, DOSSIER_ARROW_SCHEMA, DOSSIER_COLUMNS
from dashboard.units.national import national_register
from dashboard.units.province import within_province


def build_demo(db: Database, dossiers: int = 220_000, seed: int = 7, samples_dir: Path | None = None) -> str:
    """Replace the database's content with demo data; write sample files. Returns a one-line summary."""
    frame = generate_dossiers(n=dossiers, seed=seed)
    # Sample files first: if they cannot be written, the database has not been touched yet.
    written, skipped_samples = [], None
    if samples_dir is not None:
        try:
            written = write_samples(frame, samples_dir)
        except ValueError as error:  # too few dossiers in the last month for the sample layouts
            skipped_samples = str(error)
    records = pa.Table.from_pandas(frame[list(DOSSIER_COLUMNS)], preserve_index=False).cast(
        DOSSIER_ARROW_SCHEMA
    )
    snapshot = frame["snapshot_at"].max().date()
    meta = ImportMeta(
        file_name="demo",
        file_sha256="",
        file_kind="demo",
        sheet_name=None,
        imported_at=datetime.now(),
        snapshot_at=snapshot,
        snapshot_source="as_of",
        period_from=frame["received_at"].min().date(),
        period_to=snapshot,
        header_row=None,
        column_map={},
        notes=[f"Dữ liệu mẫu (seed {seed}), không phải số liệu thật"],
    )
    # Issue 15 §6: the demo's province, with its part of the national register, so that its dossiers of before
    # 1/7/2025 (old communes) count under the new units.
    register = within_province(national_register(), PROVINCE)
    # A new file swapped in whole: the demo replaces whatever the database held.
    with db.write(start_empty=True) as conn:
        units_store.install_register(conn, register, PROVINCE, units_store.NATIONAL_SOURCE)
        counts = record_import(
            conn,
            meta,
            records,
            {"read": len(frame), "rejected": 0, "skipped": 0},
            provided=CONTENT_COLUMNS,
            quarantine=[],
            warnings=[],
        )
    units = frame.loc[frame["received_at"] >= pd.Timestamp(REORGANISATION), "unit"].nunique()
    summary = (
        f"{counts.loaded} hồ sơ của {units} đơn vị ({PROVINCE}; trước 01/07/2025 ghi theo xã, phường cũ), "
        f"{frame['received_at'].min():%d/%m/%Y}–{snapshot:%d/%m/%Y}"
    )
    if written:
        summary += f"; {len(written)} tệp mẫu trong {samples_dir}"
    elif skipped_samples:
        summary += f"; không ghi tệp mẫu ({skipped_samples})"
    return summary
