"""Storage: the only package that opens DuckDB (see database.py for why writes go through a copy)."""

from dashboard.store.database import Database, DatabaseMissing, WriteLockTimeout

__all__ = ["Database", "DatabaseMissing", "WriteLockTimeout"]
