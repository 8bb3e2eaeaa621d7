"""Queries of the overview page (issue 4 §2 and §10) that the summary module does not answer."""

from __future__ import annotations

from dashboard.store import Database


def only_demo_imported(db: Database) -> bool:
    """True when the demo data is the only import so far (import_log.file_kind = 'demo', nothing else):
    the first-start banner then says the numbers are sample data."""
    with db.read() as cur:
        demo, other = cur.execute(
            "SELECT count(*) FILTER (file_kind = ?), count(*) FILTER (file_kind <> ?) FROM import_log",
            ["demo", "demo"],
        ).fetchall()[0]
    return demo > 0 and other == 0
