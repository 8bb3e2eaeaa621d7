"""What state the database file is in (issue 11 §5): missing, unreadable, empty, or holding dossiers.

A missing file and an empty one are different situations with different remedies, and an unreadable one must
never be mistaken for "no data yet": the pages say which, and name the file they looked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from dashboard.store.database import Database, DatabaseMissing

MISSING, UNREADABLE, EMPTY, READY = "missing", "unreadable", "empty", "ready"


@dataclass(frozen=True)
class DatabaseState:
    path: Path
    state: str  # MISSING | UNREADABLE | EMPTY | READY
    detail: str = ""  # the reading error, for UNREADABLE

    @property
    def ready(self) -> bool:
        return self.state == READY


def database_state(path: str | Path) -> DatabaseState:
    """Look at the file without changing it (never creates it)."""
    path = Path(path)
    if not path.exists():
        return DatabaseState(path, MISSING)
    if not path.is_file():
        return DatabaseState(path, UNREADABLE, "không phải là một tệp")
    try:
        with Database(path).read() as cur:
            dossiers = cur.execute("SELECT count(*) FROM dossier").fetchall()[0][0]
    except DatabaseMissing:
        return DatabaseState(path, MISSING)
    except duckdb.CatalogException:
        return DatabaseState(path, EMPTY)  # a DuckDB file without the dashboard's tables: nothing imported
    except (duckdb.Error, OSError) as error:
        return DatabaseState(path, UNREADABLE, _first_line(error).replace(str(path), "").strip(" :"))
    return DatabaseState(path, READY if dossiers else EMPTY)


def _first_line(error: Exception) -> str:
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__
