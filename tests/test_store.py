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
