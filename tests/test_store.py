"""The store: schema upgrades of older files, and fresh databases."""

from __future__ import annotations

import duckdb

from dashboard.store import Database
from dashboard.store.schema import SCHEMA_VERSION


def test_an_older_file_gets_the_new_tables(tmp_path):
    db = Database(tmp_path / "old.duckdb")
    db.create_if_missing()
    with duckdb.connect(str(db.path)) as conn:  # make it look like a version-1 file
        conn.execute("DROP TABLE procedure_time_limit")
        conn.execute("UPDATE schema_version SET version = 1")
    db.ensure_schema()
    with db.read() as cur:
        assert cur.execute("SELECT count(*) FROM procedure_time_limit").fetchall() == [(0,)]
        assert cur.execute("SELECT version FROM schema_version").fetchall() == [(SCHEMA_VERSION,)]


def test_ensure_schema_leaves_a_current_file_alone(tmp_path):
    db = Database(tmp_path / "new.duckdb")
    db.create_if_missing()
    before = db.path.stat().st_ino
    db.ensure_schema()
    assert db.path.stat().st_ino == before  # no write happened


def test_ensure_schema_on_a_missing_file_creates_nothing(tmp_path):
    db = Database(tmp_path / "none.duckdb")
    db.ensure_schema()
    assert not db.path.exists()


def test_a_file_without_the_stored_days_gets_them_computed(tmp_path):
    """Schema 3 stores each dossier's days; a version-2 file gets them on upgrade, with the same results."""
    from kpi_fixtures import dossier, store

    from dashboard.kpi.form06 import form06
    from dashboard.kpi.periods import calendar_month

    db = store(tmp_path / "v2.duckdb", [dossier("A", "05/10/2026", "08/10/2026", "09/10/2026"),
                                         dossier("B", "06/10/2026", None)])  # fmt: skip
    expected = form06(db, calendar_month(2026, 10))
    old = Database(tmp_path / "copy.duckdb")  # a copy: this process still reads the first file
    old.path.write_bytes(db.path.read_bytes())
    db = old
    with duckdb.connect(str(db.path)) as conn:
        for column in ("rd", "fd", "limit_days", "limit_dd", "dd", "rd_index", "fd_index", "dd_index"):
            conn.execute(f"ALTER TABLE dossier DROP COLUMN {column}")
        conn.execute("UPDATE schema_version SET version = 2")
    db.ensure_schema()
    assert form06(db, calendar_month(2026, 10)).equals(expected)
    assert expected.iloc[0]["c10"] == 1


def test_rows_inserted_by_plain_sql_get_their_days_in_the_same_write(tmp_path):
    db = Database(tmp_path / "plain.duckdb")
    with db.write() as conn:
        conn.execute(
            "INSERT INTO dossier (dossier_code, unit, unit_key, channel, received_at, status, snapshot_at, "
            "source_file, source_row, import_id, content_hash) VALUES ('X', 'Xã A', 'xã a', 'direct', "
            "TIMESTAMP '2026-10-09 08:00', 'in_progress', DATE '2026-10-14', 't', 1, 1, 0)"
        )
    with db.read() as cur:
        assert cur.execute("SELECT rd, rd_index IS NOT NULL FROM dossier").fetchall()[0][1] is True
