"""Storage: the only package that opens DuckDB (see database.py for why writes go through a copy).

Other layers catch the store's errors by these names, without importing DuckDB themselves.
"""

import duckdb

from dashboard.store.database import Database, DatabaseMissing, NotADatabase, WriteLockTimeout
from dashboard.store.health import DatabaseState, database_state

DatabaseError = duckdb.Error  # any failure to read the database
MissingTables = duckdb.CatalogException  # a DuckDB file without the dashboard's tables

__all__ = [
    "Database",
    "DatabaseError",
    "DatabaseMissing",
    "DatabaseState",
    "MissingTables",
    "NotADatabase",
    "WriteLockTimeout",
    "database_state",
]
