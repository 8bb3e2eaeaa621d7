"""Official Decision-766 scores as published (issue 3 §5): snapshots, scores with ranks, rank changes.

The estimate from dossier exports (decision766.py) is shown beside these, never mixed with them; both carry
unit_key (dashboard.text.unit_key) to be joined on.

Ranks: `published_rank` is the portal's ROW_STT as published (it ranks departments and communes together,
so it has gaps within a level, and two sheets of one file may come from different rankings). `rank` is
recomputed here within one level, period kind and snapshot by total score, ties sharing a rank ("1, 2, 2, 4").
Rank changes compare the recomputed ranks, so that they mean the same thing in both snapshots.

Period kind: nam, 6thang, quy, thang, or khong_ro when the file did not say (ingest/official766.py). When
none is asked for, the snapshot's kind for that level is used, preferring nam, then 6thang, quy, thang,
khong_ro (PERIOD_PREFERENCE); the returned frames have a period_kind column saying which.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from dashboard.store import Database

GROUPS: tuple[str, ...] = ("ckmb", "tdgq", "clgq", "tttt", "mdhl", "mdsh")
PERIOD_PREFERENCE: tuple[str, ...] = ("nam", "6thang", "quy", "thang", "khong_ro")
_PREFERENCE_SQL = (
    "CASE period_kind "
    + " ".join(f"WHEN '{kind}' THEN {order}" for order, kind in enumerate(PERIOD_PREFERENCE))
    + f" ELSE {len(PERIOD_PREFERENCE)} END"
)
# Totals are published with two decimals; comparing them rounded keeps float noise from splitting a tie.
_RANK = "rank() OVER (ORDER BY round(total, 2) DESC)"


def snapshots(db: Database) -> pd.DataFrame:
    """What is stored: one row per snapshot date, level and period kind, newest first.

    Columns: snapshot_at, level, period_kind, units, source_files (comma-separated), last_import_id.
    """
    with db.read() as cur:
        return cur.execute(
            f"""
            SELECT snapshot_at, level, period_kind, count(*) AS units,
                   string_agg(DISTINCT source_file, ', ' ORDER BY source_file) AS source_files,
                   max(import_id) AS last_import_id
            FROM official_766
            GROUP BY snapshot_at, level, period_kind
            ORDER BY snapshot_at DESC, level, {_PREFERENCE_SQL}
            """
        ).df()


def _choose(cur, level: str, snapshot_at: date | None, period_kind: str | None) -> tuple[date, str] | None:
    """(snapshot, period kind) to show: the newest snapshot of the level unless one is given."""
    found = cur.execute(
        f"""
        SELECT snapshot_at, period_kind FROM official_766
        WHERE level = ? AND (?::DATE IS NULL OR snapshot_at = ?::DATE)
          AND (?::VARCHAR IS NULL OR period_kind = ?::VARCHAR)
        GROUP BY snapshot_at, period_kind
        ORDER BY snapshot_at DESC, {_PREFERENCE_SQL}
        LIMIT 1
        """,
        [level, snapshot_at, snapshot_at, period_kind, period_kind],
    ).fetchall()
    return (found[0][0], found[0][1]) if found else None


_SCORE_COLUMNS = ["snapshot_at", "level", "period_kind", "unit_name", "unit_key", "province", "unit_code"]
_SCORE_COLUMNS += [*GROUPS, "total", "published_rank", "rank"]


def official_scores(
    db: Database,
    snapshot_at: date | None = None,
    level: str = "xa_phuong",
    period_kind: str | None = None,
) -> pd.DataFrame:
    """The published scores of one level at one snapshot (the newest by default), best first.

    Columns: snapshot_at, level, period_kind, unit_name, unit_key, province, unit_code, ckmb, tdgq, clgq,
    tttt, mdhl, mdsh, total, published_rank (as published), rank (recomputed within the level, ties share).
    Empty (with these columns) when nothing of that level is stored.
    """
    with db.read() as cur:
        chosen = _choose(cur, level, snapshot_at, period_kind)
        if chosen is None:
            return pd.DataFrame(columns=_SCORE_COLUMNS)
        return cur.execute(
            f"""
            SELECT snapshot_at, level, period_kind, unit_name, unit_key, province, unit_code,
                   {", ".join(GROUPS)}, total, published_rank, {_RANK} AS rank
            FROM official_766
            WHERE snapshot_at = ? AND level = ? AND period_kind = ?
            ORDER BY rank, unit_name
            """,
            [chosen[0], level, chosen[1]],
        ).df()


_CHANGE_COLUMNS = [
    "unit_name",
    "unit_key",
    "total_older",
    "rank_older",
    "published_rank_older",
    "total_newer",
    "rank_newer",
    "published_rank_newer",
    "points_change",
    "places_change",
]


def rank_changes(
    db: Database,
    older: date,
    newer: date,
    level: str = "xa_phuong",
    period_kind: str | None = None,
    changed_only: bool = False,
) -> pd.DataFrame:
    """Each unit of the level in either snapshot: total and rank in each, and how they changed.

    points_change = total_newer − total_older; places_change = rank_older − rank_newer, so a unit that
    climbed from 5th to 2nd has +3. A unit present in only one snapshot has the other side (and the changes)
    null. period_kind None: the preferred kind the newer snapshot has for the level (module text).
    changed_only: only units whose rank changed or that are in one snapshot only.
    Sorted by the newer rank, then units missing from the newer snapshot.
    """
    with db.read() as cur:
        chosen = _choose(cur, level, newer, period_kind)
        if chosen is None:
            return pd.DataFrame(columns=_CHANGE_COLUMNS)
        kind = chosen[1]
        return cur.execute(
            f"""
            WITH older AS (
                SELECT unit_key, unit_name, total, published_rank, {_RANK} AS rank
                FROM official_766 WHERE snapshot_at = ? AND level = ? AND period_kind = ?
            ), newer AS (
                SELECT unit_key, unit_name, total, published_rank, {_RANK} AS rank
                FROM official_766 WHERE snapshot_at = ? AND level = ? AND period_kind = ?
            )
            SELECT coalesce(n.unit_name, o.unit_name) AS unit_name,
                   coalesce(n.unit_key, o.unit_key) AS unit_key,
                   o.total AS total_older, o.rank AS rank_older, o.published_rank AS published_rank_older,
                   n.total AS total_newer, n.rank AS rank_newer, n.published_rank AS published_rank_newer,
                   round(n.total - o.total, 2) AS points_change,
                   o.rank - n.rank AS places_change
            FROM older o FULL OUTER JOIN newer n ON o.unit_key = n.unit_key
            WHERE NOT ? OR o.rank IS DISTINCT FROM n.rank
            ORDER BY n.rank NULLS LAST, o.rank, unit_name
            """,
            [older, level, kind, newer, level, kind, changed_only],
        ).df()
