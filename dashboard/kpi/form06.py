"""Biểu số 06/VPCP/KSTT and every count beside it, for any period, grouping and filter (KPI_SPEC §4–5).

The form mixes flows and stocks, and each is counted where it happens instead of pairing every dossier with every
period (which made a 12-month trend over 10 million dossiers cost seconds, issue 4 §11):
- received in the period (col 4, 5, online payment, full-online): dossiers whose day of receipt is a day of it;
- finished in the period (col 7–10, withdrawn, stopped, ratings, days late, processing time): whose day
  processing ended is a day of it;
- open at the end of a day (col 6 at the day before the start, col 11–13, paused, due soon at the end): the
  dossiers received by that day and not finished by it, found for every boundary day at once by the number of
  boundaries before the day of receipt and before the day of finishing (a dossier is open at the boundaries in
  between, no more).
Rates are derived from these counts by dashboard.kpi.rates, so that a rate and the counts beside it can never
disagree.

As-of semantics (issue 3 §3): a period's numbers are those that stood at its end, decided by the dates, never
by today's status: a dossier finished after the period's end counts as in progress in it.
Conventions (the dashboard says so in its help text):
- "finished" = class resolved, withdrawn or stopped with a finished_at date (KPI_SPEC §4);
- due_at missing and the procedure's legal time limit known → the due date is computed from it in working
  days (issue 3 §4); still missing → no deadline (counted on time, KPI_SPEC §4 col 9 and col 12);
- paused at the period's end = status paused now and the supplement request (when known) not after the end:
  exports give the current state only, so a pause that ended before today cannot be seen;
- processing time is counted for resolved dossiers, in working days from receipt to the end of processing;
  paused time is not subtracted because no export gives the day a pause ended.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

import numpy as np
import pandas as pd

from dashboard.kpi.dossier_dates import DATED_DOSSIERS, DATED_DOSSIERS_INLINED, dated_where, run_dated_tables
from dashboard.kpi.filters import ALL, Filters
from dashboard.kpi.period_tables import boundary_tables, period_days_table
from dashboard.kpi.periods import Period
from dashboard.kpi.unit_groups import UnitGroups, display_names, unit_groups
from dashboard.kpi.workcal import calendar_table
from dashboard.store import Database

# Grouping dimensions: name → (SQL expression over the dossiers `d`, output column). Fixed strings, never user
# text. Units are grouped by their unit group (issue 15 §4: current or recorded, dossier_dates' unit_group);
# their display name is joined to the few result rows afterwards.
GROUPS: dict[str, tuple[str, str]] = {
    "unit": ("d.unit_group", "unit"),
    "field": ("coalesce(d.field_name, '(Chưa rõ lĩnh vực)')", "field"),
    "procedure": ("coalesce(d.procedure, '(Chưa rõ thủ tục)')", "procedure"),
    "channel": ("d.channel", "channel"),
}

COUNT_COLUMNS = (
    "c3", "c4", "c5", "c6", "c7", "c8", "c9", "c10", "c11", "c12", "c13",
    "withdrawn", "stopped", "paused", "due_soon", "full_online_received",
    "resolved", "rated", "satisfied", "very_satisfied", "dissatisfied", "paid_online_known", "paid_online_yes",
    "digitized_known", "digitized_yes", "late_finished_days",
)  # fmt: skip
ALL_KEY = "g_all"  # the one group of a table not grouped by anything
# The query columns that add up when a level groups by fewer dimensions than the query did.
_ADDED_UP = {"n", "open_count", "c13", "paused", "due_soon"}
QUANTILE_COLUMNS = ("late_days_median", "overdue_days_max", "processing_days_median", "processing_days_p90")

# Received in the period (KPI_SPEC §4 col 4, col 5; §5 full-online share; online payment), counted by the
# dossier's receipt_code (what those columns look at, packed when the dossier was written: store/derived.py);
# Python unpacks and adds up. A dossier finished before the period began is not in it at all (IN_PERIOD).
# Counted per day of receipt first, then the few day rows are joined to the periods (a day belongs to several
# overlapping periods): joining millions of dossiers to period_days cost nearly twice as much (issue 4 §11).
# Received in the period means rd ≥ its start, so "finished before its start" can only hold for a dossier
# finished before it was received (an import anomaly): its fd is kept as early_fd to decide that exactly.
_RECEIVED = (
    "WITH"
    + DATED_DOSSIERS
    + """,
by_day AS (
    SELECT d.rd, CASE WHEN d.fd < d.rd THEN d.fd END AS early_fd, {group}, d.receipt_code, count(*) AS n
    FROM d
    WHERE d.rd BETWEEN ? AND ?  -- constant bounds as well: row groups received outside every period are skipped
    GROUP BY ALL
)
SELECT pd.period_no, {group_keys}, r.receipt_code, sum(r.n)::BIGINT AS n
FROM by_day r JOIN period_days pd ON r.rd = pd.day
WHERE r.early_fd IS NULL OR r.early_fd >= pd.start_day
GROUP BY ALL
"""
)

# Finished in the period and received by its end (col 7 = col 8 + col 9 + col 10), in one pass counted three ways
# (GROUPING SETS; `part` tells which): by finish_code (timing, status, rating, digitised result: store/derived.py),
# by days late and by processing days, so that medians come from their distributions. Counting by the code and
# both day values at once made tens of thousands of rows for Python to add up (issue 4 §11).
_FINISHED_PARTS = {"code": 3, "late": 5, "processing": 6}  # GROUPING(finish_code, late_days, processing_days)
_FINISHED = (
    "WITH"
    + DATED_DOSSIERS
    + """
SELECT pd.period_no, {group}, d.finish_code, d.late_days, d.processing_days,
       GROUPING(d.finish_code, d.late_days, d.processing_days) AS part, count(*) AS n
FROM d JOIN period_days pd ON d.fd = pd.day
WHERE d.rd <= pd.end_day
  AND d.fd BETWEEN ? AND ?  -- constant bounds as well: row groups finished outside every period are skipped
GROUP BY GROUPING SETS ((pd.period_no, {group_keys}, d.finish_code), (pd.period_no, {group_keys}, d.late_days),
                       (pd.period_no, {group_keys}, d.processing_days))
"""
)
# The same for one period, without the join: its bounds are constants (a third faster over a year of dossiers,
# issue 4 §11; most tables a page shows are of one period).
_FINISHED_IN_ONE = (
    "WITH"
    + DATED_DOSSIERS
    + """
SELECT 0 AS period_no, {group}, d.finish_code, d.late_days, d.processing_days,
       GROUPING(d.finish_code, d.late_days, d.processing_days) AS part, count(*) AS n
FROM d
WHERE d.fd BETWEEN ? AND ? AND d.rd <= ?
GROUP BY GROUPING SETS (({group_keys}, d.finish_code), ({group_keys}, d.late_days), ({group_keys}, d.processing_days))
"""
)

# Open at the end of each boundary day b: received by b, not finished by b (col 11 at a period's end, col 6 at the
# day before its start). `day_rank` gives, for a day, the number of boundaries before it: a dossier is open at
# boundaries rank(rd) … rank(fd) − 1 (all the later ones while unfinished). At the end of a period: col 13 when
# due before it and not paused, else col 12 (no due day, or paused: the form's note "chờ bổ sung"); due soon when
# not paused and due within the next N working days.
_OPEN = (
    "WITH"
    + DATED_DOSSIERS_INLINED
    + """,
spans AS (
    -- Finished dossiers: open at boundaries rank(rd) … rank(fd) − 1 (rank(fd) = K after the last boundary).
    -- A branch of their own, so that the constant bound on fd lets zone maps skip the row groups finished by
    -- the first boundary, which the window's "fd IS NULL OR …" cannot. A dossier finished on its day of
    -- receipt (about two in three) is open at no boundary: fd > rd drops it before the joins (empty range).
    SELECT d.status, d.supplement_requested_at, d.dd, d.dd_index, {group},
           coalesce(r1.rank, 0) AS first_open,  -- rd not in day_rank: before the first boundary (window)
           coalesce(r2.rank, ?) AS past_open
    FROM d
    LEFT JOIN day_rank r1 ON r1.day = d.rd
    LEFT JOIN day_rank r2 ON r2.day = d.fd
    WHERE d.fd > ? AND d.fd > d.rd
    UNION ALL
    -- Unfinished dossiers: open at every boundary from rank(rd) on.
    SELECT d.status, d.supplement_requested_at, d.dd, d.dd_index, {group},
           coalesce(r1.rank, 0) AS first_open, ? AS past_open
    FROM d
    LEFT JOIN day_rank r1 ON r1.day = d.rd
    WHERE d.fd IS NULL
),
o AS (
    SELECT s.*, b.day AS b_day, b.day_index AS b_index,
           s.status = 'paused' AND coalesce(s.supplement_requested_at::DATE <= b.day, true) AS paused_at_end
    FROM (SELECT *, unnest(range(first_open, past_open)) AS k FROM spans WHERE first_open < past_open) s
    JOIN boundaries b USING (k)
)
SELECT b_day, {group_keys},
       count(*) AS open_count,
       count(*) FILTER (dd < b_day AND NOT paused_at_end) AS c13,
       count(*) FILTER (paused_at_end) AS paused,
       count(*) FILTER (NOT paused_at_end AND dd >= b_day AND dd_index - b_index <= ?) AS due_soon,
       max(b_index - dd_index) FILTER (dd < b_day AND NOT paused_at_end) AS overdue_days_max
FROM o
GROUP BY ALL
"""
)


def form06(
    db: Database,
    periods: Period | Sequence[Period],
    group_by: str | Sequence[str] | None = None,
    filters: Filters = ALL,
    due_soon_days: int = 2,
) -> pd.DataFrame:
    """Counts per period (and group), in the order of `periods`; groups with nothing in a period are absent.
    group_by: one dimension of GROUPS, or several (("unit", "field"): one row per unit and field).

    Columns: period, period_start, period_end, [group columns; unit_key after unit], c3…c13 (the form's
    columns), withdrawn, stopped, paused, due_soon, full_online_received, resolved, rated, satisfied,
    very_satisfied, dissatisfied, late_finished_days, late_days_median, overdue_days_max, processing_days_median,
    processing_days_p90.
    """
    return form06_levels(db, periods, [group_by], filters, due_soon_days)[0]


def form06_levels(
    db: Database,
    periods: Period | Sequence[Period],
    levels: Sequence[str | Sequence[str] | None],
    filters: Filters = ALL,
    due_soon_days: int = 2,
) -> list[pd.DataFrame]:
    """form06 for several groupings of the same periods and filters, from one reading of the dossiers: the
    queries count by every dimension the levels name, then each level adds those counts up (and takes its medians
    from the same day counts), so a page showing, say, units and units × fields pays for one pass (issue 4 §11).
    Each frame equals form06(db, periods, level, filters, due_soon_days)."""
    periods = [periods] if isinstance(periods, Period) else list(periods)
    by_level = [group_dimensions(level) for level in levels]
    dimensions = tuple(dict.fromkeys(name for level in by_level for name in level))  # the finest grouping
    keys = [f"g{i}" for i in range(len(dimensions))] or [ALL_KEY]
    expressions = [GROUPS[name][0] for name in dimensions] or ["''"]  # no dimension: one group of all
    group = ", ".join(f"{expression} AS {key}" for expression, key in zip(expressions, keys, strict=True))
    where, params = dated_where(filters, periods)
    span = [min(p.start for p in periods), max(p.end for p in periods)]
    calendar = calendar_table(db)
    boundaries, day_rank = boundary_tables(periods, calendar)
    first, count = boundaries["day"][0].as_py(), boundaries.num_rows
    group_keys = ", ".join(keys)
    groups = unit_groups(db, filters.units, span[1])  # one set of units for every period (issue 15 §4)
    received, finished, still_open = run_dated_tables(
        db,
        [
            (_RECEIVED.format(filters=where, group=group, group_keys=group_keys), [*params, *span]),
            (_FINISHED.format(filters=where, group=group, group_keys=group_keys), [*params, *span])
            if len(periods) > 1
            else (
                _FINISHED_IN_ONE.format(filters=where, group=group, group_keys=group_keys),
                [*params, *span, span[1]],
            ),
            (
                _OPEN.format(filters=where, group=group, group_keys=group_keys),
                [*params, count, first, count, due_soon_days],
            ),
        ],
        {"period_days": period_days_table(periods), "boundaries": boundaries, "day_rank": day_rank},
        calendar,
        groups,
    )
    tables = []
    for level in by_level:
        level_keys = [f"g{dimensions.index(name)}" for name in level]
        cells = [_coarser(frame, keys, level_keys) for frame in (received, finished, still_open)]
        level_keys = ["period_no", *(level_keys or [ALL_KEY])]
        table = _per_period(
            periods,
            level_keys,
            _received_counts(cells[0], level_keys),
            _finished_counts(cells[1], level_keys),
            cells[2],
        )
        table = table.rename(columns={f"g{dimensions.index(name)}": GROUPS[name][1] for name in level})
        if "unit" in level:
            table = _with_unit_names(db, groups, table)
        tables.append(_tidy(table, periods, level))
    return tables


def _coarser(cells: pd.DataFrame, keys: list[str], level_keys: list[str]) -> pd.DataFrame:
    """The query's counts by every dimension, added up by the level's dimensions only (all of them: as is).
    Counts add up, the largest number of days overdue is the largest of the parts; the day values of the finished
    dossiers stay keys, so the level's medians are those of its own dossiers."""
    target = level_keys or [ALL_KEY]
    dropped = [key for key in keys if key not in target]
    if not dropped:
        return cells
    if ALL_KEY not in cells:
        cells = cells.assign(**{ALL_KEY: ""})
    kept = [c for c in cells.columns if c not in dropped]
    summed = [c for c in kept if c in _ADDED_UP]
    by = [c for c in kept if c not in summed and c != "overdue_days_max"]
    aggregations = {c: "sum" for c in summed}
    if "overdue_days_max" in kept:
        aggregations["overdue_days_max"] = "max"
    return cells[kept].groupby(by, dropna=False, sort=False).agg(aggregations).reset_index()


def group_dimensions(group_by: str | Sequence[str] | None) -> tuple[str, ...]:
    """group_by as a tuple of GROUPS names (empty for no grouping); ValueError for an unknown name."""
    dimensions = () if group_by is None else (group_by,) if isinstance(group_by, str) else tuple(group_by)
    for name in dimensions:
        if name not in GROUPS:
            raise ValueError(f"group_by must be among {sorted(GROUPS)}, not {name!r}")
    return dimensions


def _received_counts(cells: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Columns 4, 5 and the receipt KPIs per period and group, from the counts by receipt_code (online + 2 × full
    online + 4 × paid online: 0 unknown, 1 no, 2 yes)."""
    n = cells["n"].astype("int64")
    code = cells["receipt_code"].to_numpy(dtype="int64")
    online, paid = code & 1, code >> 2
    counted = cells[keys].assign(
        **{
            "c4": n.where(online == 1, 0),
            "c5": n.where(online == 0, 0),
            "full_online_received": n.where((code >> 1) & 1 == 1, 0),
            "paid_online_known": n.where(paid > 0, 0),
            "paid_online_yes": n.where(paid == 2, 0),
        }
    )
    return counted.groupby(keys, dropna=False, sort=False).sum().reset_index()


def _finished_counts(cells: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Columns 7–10, withdrawn / stopped / resolved, ratings, digitised results and the day medians per period and
    group, from the counts by finish_code (timing + 4 × status + 16 × rating + 64 × digitised) and by days."""
    part = cells["part"].to_numpy()
    codes = cells[part == _FINISHED_PARTS["code"]]
    late = cells[part == _FINISHED_PARTS["late"]]
    processing = cells[part == _FINISHED_PARTS["processing"]]
    n = codes["n"].astype("int64")
    code = codes["finish_code"].to_numpy(dtype="int64")
    timing, status, rating, digitized = code & 3, (code >> 2) & 3, (code >> 4) & 3, code >> 6
    counted = codes[keys].assign(
        **{
            "c7": n,
            "c8": n.where(timing == 1, 0),
            "c9": n.where(timing == 2, 0),
            "c10": n.where(timing == 3, 0),
            "withdrawn": n.where(status == 1, 0),
            "stopped": n.where(status == 2, 0),
            "resolved": n.where(status == 0, 0),
            "rated": n.where(rating > 0, 0),
            "satisfied": n.where((rating == 1) | (rating == 2), 0),
            "very_satisfied": n.where(rating == 1, 0),
            "dissatisfied": n.where(rating == 3, 0),
            "digitized_known": n.where(digitized > 0, 0),
            "digitized_yes": n.where(digitized == 2, 0),
        }
    )
    table = counted.groupby(keys, dropna=False, sort=False).sum()
    late_days = late[keys].assign(
        late_finished_days=(late["n"] * late["late_days"].fillna(0)).astype("int64")
    )
    table["late_finished_days"] = late_days.groupby(keys, dropna=False, sort=False)[
        "late_finished_days"
    ].sum()
    table["late_days_median"] = grouped_quantile(late, keys, "late_days", 0.5)
    table["processing_days_median"] = grouped_quantile(processing, keys, "processing_days", 0.5)
    table["processing_days_p90"] = grouped_quantile(processing, keys, "processing_days", 0.9)
    return table.reset_index()


def grouped_quantile(cells: pd.DataFrame, keys: list[str], value: str, q: float) -> pd.Series:
    """Per group, the q-quantile of `value` repeated `n` times, interpolated like DuckDB's quantile_cont: linear
    between the order statistics around (N − 1)·q. Rows without a value are left out; a group with none is absent
    (NaN once joined)."""
    rows = cells.loc[cells[value].notna(), [*keys, value, "n"]]
    if rows.empty:
        return pd.Series(dtype="float64", index=pd.MultiIndex.from_arrays([[] for _ in keys], names=keys))
    # Sorted by group number then value with numpy rather than by the group's texts with pandas: several times
    # faster on the tens of thousands of rows of a 12-month trend (issue 4 §11).
    group = rows.groupby(keys, dropna=False, sort=False).ngroup().to_numpy()
    values = rows[value].to_numpy(dtype="float64")
    order = np.lexsort((values, group))
    group, values, n = group[order], values[order], rows["n"].to_numpy(dtype="int64")[order]
    starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])  # each group's first row
    sizes = np.diff(np.r_[starts, len(group)])
    total = np.repeat(np.add.reduceat(n, starts), sizes)
    running = np.cumsum(n)
    # order statistics up to and including this row, within its group
    after = running - np.repeat(running[starts] - n[starts], sizes)
    before = after - n
    position = (total - 1) * q
    low = np.floor(position)
    high = np.minimum(low + 1, total - 1)
    at_low = (before <= low) & (low < after)  # exactly one row per group for each, in group order
    at_high = (before <= high) & (high < after)
    index = pd.MultiIndex.from_frame(rows[keys].iloc[order].iloc[at_low])
    fraction = (position - low)[at_low]
    return pd.Series(values[at_low] + (values[at_high] - values[at_low]) * fraction, index=index)


def _per_period(
    periods: list[Period],
    keys: list[str],
    received: pd.DataFrame,
    finished: pd.DataFrame,
    still_open: pd.DataFrame,
) -> pd.DataFrame:
    """One row per period and group from the three counts: flows by period number, stocks by boundary day."""
    starts = pd.DataFrame(
        {"period_no": range(len(periods)), "b_day": [p.start - timedelta(days=1) for p in periods]}
    )
    ends = pd.DataFrame({"period_no": range(len(periods)), "b_day": [p.end for p in periods]})
    still_open["b_day"] = pd.to_datetime(still_open["b_day"]).dt.date
    at_start = starts.merge(still_open[["b_day", *keys[1:], "open_count"]], on="b_day").rename(
        columns={"open_count": "c6"}
    )
    at_end = ends.merge(still_open, on="b_day").rename(columns={"open_count": "c11"})
    parts = [
        received,
        finished,
        at_start.drop(columns="b_day"),
        at_end.drop(columns="b_day"),
    ]
    table = None
    for part in parts:
        part = part.set_index(keys)
        table = part if table is None else table.join(part, how="outer")
    table = table.reset_index()
    counts = [c for c in COUNT_COLUMNS if c in table and c != "c3"]
    table[counts] = table[counts].fillna(0)
    table["c12"] = table["c11"] - table["c13"]  # KPI_SPEC §4: col 11 = col 12 + col 13
    table["period"] = [periods[int(n)].label for n in table["period_no"]]
    return table.drop(columns="period_no")


def _with_unit_names(db: Database, groups: UnitGroups, table: pd.DataFrame) -> pd.DataFrame:
    """Units by display name beside their group key (unit_groups.display_names)."""
    table = table.rename(columns={"unit": "unit_key"})
    table.insert(0, "unit", display_names(db, groups, table["unit_key"]))
    return table


def _tidy(frame: pd.DataFrame, periods: list[Period], dimensions: tuple[str, ...]) -> pd.DataFrame:
    if not dimensions:
        frame = frame.drop(columns=ALL_KEY)
        # One row per period, even a period with no dossier at all: its counts are 0, its rates "no data".
        missing = [p.label for p in periods if p.label not in set(frame["period"])]
        if missing:
            frame = pd.concat([frame, pd.DataFrame({"period": missing})], ignore_index=True)
    counts = [c for c in COUNT_COLUMNS if c != "c3"]
    for column in counts:
        if column not in frame:
            frame[column] = 0
    for column in QUANTILE_COLUMNS:
        if column not in frame:
            frame[column] = float("nan")
    frame[counts] = frame[counts].fillna(0)
    frame[list(QUANTILE_COLUMNS)] = frame[list(QUANTILE_COLUMNS)].astype("float64")
    order = {p.label: i for i, p in enumerate(periods)}
    bounds = {p.label: (p.start, p.end) for p in periods}
    frame["c3"] = frame["c4"] + frame["c5"] + frame["c6"]  # KPI_SPEC §4 col 3 = col 4 + col 5 + col 6
    frame[list(COUNT_COLUMNS)] = frame[list(COUNT_COLUMNS)].astype("int64")
    frame.insert(1, "period_start", frame["period"].map(lambda p: bounds[p][0]))
    frame.insert(2, "period_end", frame["period"].map(lambda p: bounds[p][1]))
    groups = [GROUPS[name][1] for name in dimensions]
    keys = ["period_order", *groups]
    frame["period_order"] = frame["period"].map(order)
    frame = frame.sort_values(keys, kind="stable").drop(columns="period_order").reset_index(drop=True)
    first = ["period", "period_start", "period_end"]
    for name in groups:
        first += [name, "unit_key"] if name == "unit" else [name]
    rest = ["c3", "c4", "c5", "c6", "c7", "c8", "c9", "c10", "c11", "c12", "c13"]
    others = [c for c in COUNT_COLUMNS if c not in rest] + list(QUANTILE_COLUMNS)
    return frame[first + rest + others]
