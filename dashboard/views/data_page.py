"""The first page: how much is stored, per unit, and what each import did with its rows.

Read top to bottom it is the page: a title, four headline counts, dossiers per unit, the import log, and the
rejected rows with their reasons. Without a database it explains how to make one instead.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard.kpi import overview
from dashboard.settings import database_path
from dashboard.store import Database, DatabaseError, DatabaseMissing, MissingTables
from dashboard.views.formatting import format_count, format_datetime
from dashboard.views.i18n import t
from dashboard.views.tables import show_table

QUARANTINE_LIMIT = 1000


def render() -> None:
    st.title(t("overview.title"))
    path = database_path()
    try:
        data = load_overview(path)
    except DatabaseMissing:
        how_to_start(path, missing=True)
        return
    except DatabaseError as error:
        st.error(t("error.unreadable", path=path, error=error))
        return
    if data is None:
        how_to_start(path, missing=False)
        return

    st.caption(t("overview.source", path=path, updated=format_datetime(data.file_time)))
    headline_metrics(data.totals)
    dossiers_per_unit(data.per_unit)
    import_log(data.imports)
    rejected_rows(data.rejected, data.totals["rejected"])


# --- Loading -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OverviewData:
    totals: dict[str, int]
    per_unit: pd.DataFrame
    imports: pd.DataFrame
    rejected: pd.DataFrame
    file_time: dt.datetime


def load_overview(path: Path) -> OverviewData | None:
    """Everything the page shows, or None when nothing was ever stored. Raises DatabaseMissing.

    Cached per version of the file: an import replaces the file (new inode and mtime), so the next browser
    refresh misses the cache and reads the new data, while reruns of the same version (language switch,
    opening the expander) do not query again.
    """
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise DatabaseMissing(str(path)) from None
    return _load_version(str(path.resolve()), (stat.st_ino, stat.st_mtime_ns, stat.st_size))


@st.cache_data(max_entries=8, show_spinner=False)
def _load_version(path: str, version: tuple[int, int, int]) -> OverviewData | None:
    db = Database(path)
    try:
        totals = overview.totals(db)
    except MissingTables:
        return None  # a DuckDB file without our tables: nothing imported into it
    if totals["dossiers"] == 0 and totals["imports"] == 0:
        return None
    return OverviewData(
        totals=totals,
        per_unit=overview.dossiers_per_unit(db),
        imports=overview.import_log(db),
        rejected=overview.quarantine(db, limit=QUARANTINE_LIMIT),
        file_time=dt.datetime.fromtimestamp(version[1] / 1e9),
    )


# --- Sections ------------------------------------------------------------------------------------------


def how_to_start(path: Path, *, missing: bool) -> None:
    state = "missing" if missing else "no_data"
    with st.container(key="empty-state", border=True):
        st.subheader(t(f"empty.{state}.title"))
        st.markdown(t(f"empty.{state}.body", path=path))


def headline_metrics(totals: dict[str, int]) -> None:
    with st.container(key="overview-metrics", horizontal=True):
        for name in ("dossiers", "units", "imports", "rejected"):
            with st.container(key=f"metric-{name}", border=True):
                st.metric(t(f"metric.{name}"), format_count(totals[name]))
                st.caption(t(f"metric.{name}.how"))


def dossiers_per_unit(per_unit: pd.DataFrame) -> None:
    with st.container(key="per-unit"):
        st.subheader(t("per_unit.title"))
        st.caption(t("per_unit.how"))
        if per_unit.empty:
            st.info(t("per_unit.empty"))
            return
        table = per_unit[["unit", "dossiers", "first_received", "last_received"]]
        show_table(table, counts=["dossiers"], dates=["first_received", "last_received"])


def import_log(imports: pd.DataFrame) -> None:
    with st.container(key="import-log"):
        st.subheader(t("imports.title"))
        st.caption(t("imports.how"))
        if imports.empty:
            st.info(t("imports.empty"))
            return
        table = imports.assign(
            snapshot_source=imports["snapshot_source"].map(lambda s: t(f"snapshot_source.{s}")),
            notes=imports["notes"].map(_notes_text),
        )
        show_table(
            table,
            counts=[
                "rows_read",
                "rows_loaded",
                "rows_updated",
                "rows_unchanged",
                "rows_rejected",
                "rows_skipped",
            ],
            dates=["snapshot_at"],
            datetimes=["imported_at"],
        )


def rejected_rows(rejected: pd.DataFrame, total: int) -> None:
    with st.container(key="quarantine"), st.expander(t("quarantine.title", count=format_count(total))):
        if rejected.empty:
            st.write(t("quarantine.none"))
            return
        if len(rejected) < total:
            st.caption(
                t("quarantine.truncated", shown=format_count(len(rejected)), total=format_count(total))
            )
        show_table(rejected[["import_id", "source_file", "source_row", "reason", "cells"]])


# --- Helpers ---------------------------------------------------------------------------------------------


def _notes_text(notes: str | None) -> str:
    """The import's file-level notes are stored as a JSON list; show them as one line of text."""
    if not notes:
        return ""
    try:
        items = json.loads(notes)
    except ValueError:
        return notes
    return "; ".join(str(item) for item in items) if isinstance(items, list) else str(items)
