"""The dossiers behind a number (issue 11 §15): every count of Biểu 06 and beside it, for a period, the
page's filters and one cell (a unit, a field, a procedure, a channel, or several of them), as a list.

Each count has ONE condition here, written in SQL over the dated dossiers `d` (dossier_dates.DATED_DOSSIERS,
the same CTE form06 counts from, with the same exclusions and filters) and the one-row table `p` of the period
(start_day, end_day, end_index, due_soon_days). The list and the count shown at its top are both read with
that condition (dossier_list, drill_count); tests check that it equals form06's column for every column, cell
and random filters (tests/test_drilldown.py), so a list can never hold one dossier more or less than the
number the user clicked.

The conditions read the very values form06 groups by: the days and the packed codes stored with each dossier
(store/derived.py: rd, fd, dd, finish_code, receipt_code), decoded here by the same bit rules form06 uses in
Python (form06._received_counts, _finished_counts), and form06's open-at-a-boundary rule (received by the day,
not finished by it; paused and overdue as in form06._OPEN). The lists hold no personal data: none is stored.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd
import pyarrow as pa

from dashboard.kpi.dossier_dates import DATED_DOSSIERS, dated_where, periods_table
from dashboard.kpi.filters import ALL, Filters
from dashboard.kpi.form06 import GROUPS
from dashboard.kpi.periods import Period
from dashboard.kpi.rates import RATES
from dashboard.kpi.unit_groups import unit_groups
from dashboard.kpi.workcal import calendar_table
from dashboard.store import Database

# KPI_SPEC §4, the moments a dossier is looked at (P = [start, end], whole days; form06's module docstring):
RECEIVED = "d.rd BETWEEN p.start_day AND p.end_day AND (d.fd IS NULL OR d.fd >= p.start_day)"  # col 4, 5
FINISHED = "d.fd BETWEEN p.start_day AND p.end_day AND d.rd <= p.end_day"  # col 7: finished in P
OPEN_AT_START = "d.rd < p.start_day AND (d.fd IS NULL OR d.fd >= p.start_day)"  # col 6: open the day before
OPEN_AT_END = "d.rd <= p.end_day AND (d.fd IS NULL OR d.fd > p.end_day)"  # col 11: open at the end
# Paused at the end: paused now and the supplement request (when known) not after the end (form06 docstring).
PAUSED_AT_END = "(d.status = 'paused' AND coalesce(d.supplement_requested_at::DATE <= p.end_day, true))"
# Col 13: due before the end and not paused; no due day means no deadline (col 12).
OVERDUE_AT_END = f"(coalesce(d.dd < p.end_day, false) AND NOT {PAUSED_AT_END})"
# Parts of the packed codes (store/derived.py FINISH_CODE, RECEIPT_CODE).
TIMING = "(d.finish_code & 3)"  # 1 early, 2 on time (also withdrawn, no due day), 3 late
FINISHED_STATUS = "((d.finish_code >> 2) & 3)"  # 0 resolved, 1 withdrawn, 2 stopped
RATING = "((d.finish_code >> 4) & 3)"  # of a resolved dossier: 0 none, 1 very satisfied, 2 satisfied, 3 dissatisfied
ONLINE = "(d.receipt_code & 1)"  # 1 channel online (col 4), 0 direct or postal (col 5)
FULL_ONLINE = "((d.receipt_code >> 1) & 1)"

# One condition per count; a count made of disjoint parts is their union (col 3 = col 4 + col 5 + col 6).
CONDITIONS: dict[str, str] = {
    "c4": f"{RECEIVED} AND {ONLINE} = 1",
    "c5": f"{RECEIVED} AND {ONLINE} = 0",
    "c6": OPEN_AT_START,
    "c7": FINISHED,
    "c8": f"{FINISHED} AND {TIMING} = 1",
    "c9": f"{FINISHED} AND {TIMING} = 2",
    "c10": f"{FINISHED} AND {TIMING} = 3",
    "c11": OPEN_AT_END,
    "c12": f"{OPEN_AT_END} AND NOT {OVERDUE_AT_END}",
    "c13": f"{OPEN_AT_END} AND {OVERDUE_AT_END}",
    "withdrawn": f"{FINISHED} AND {FINISHED_STATUS} = 1",
    "stopped": f"{FINISHED} AND {FINISHED_STATUS} = 2",
    "resolved": f"{FINISHED} AND {FINISHED_STATUS} = 0",
    "paused": f"{OPEN_AT_END} AND {PAUSED_AT_END}",
    # Due soon: open at the end, not paused, due on the end day or within the next N working days (KPI_SPEC §5).
    "due_soon": f"{OPEN_AT_END} AND NOT {PAUSED_AT_END} AND d.dd >= p.end_day "
    "AND d.dd_index - p.end_index <= p.due_soon_days",
    "full_online_received": f"{RECEIVED} AND {FULL_ONLINE} = 1",
    "rated": f"{FINISHED} AND {RATING} > 0",
    "satisfied": f"{FINISHED} AND {RATING} IN (1, 2)",
    "very_satisfied": f"{FINISHED} AND {RATING} = 1",
    "satisfied_only": f"{FINISHED} AND {RATING} = 2",
    "dissatisfied": f"{FINISHED} AND {RATING} = 3",
}
UNIONS: dict[str, tuple[str, ...]] = {
    "c3": ("c4", "c5", "c6"),  # KPI_SPEC §4 col 3
    "received": ("c4", "c5"),  # received in the period: the online rate's denominator
    "overdue_count": ("c10", "c13"),  # KPI_SPEC §5 overdue count
}
MEASURES = (*UNIONS, *CONDITIONS)
# A rate opens the dossiers of its denominator, each marked whether it counts in the numerator (KPI_SPEC §5).
RATE_MEASURES = {name: (numerator, denominator) for name, (numerator, denominator, _) in RATES.items()}
RATE_MEASURES["dissatisfied_share"] = (("dissatisfied",), ("rated",))  # the satisfaction page's share
CELL_DIMENSIONS = tuple(GROUPS)  # unit (by unit_key), field, procedure, channel: form06's own expressions

LIST_COLUMNS = (
    "dossier_code", "unit", "unit_key", "field_name", "procedure", "channel", "received_day", "due_day",
    "finished_day", "state", "status", "status_label", "days_late",
)  # fmt: skip
# What became of the dossier by the period's end (one of these for every dossier a count of the period holds).
STATES = ("early", "on_time", "late", "withdrawn", "stopped_early", "stopped_on_time", "stopped_late",
          "open_within", "open_overdue", "paused")  # fmt: skip


def condition(measure: str) -> str:
    """The SQL condition (over `d` and `p`) of a count, a union of counts or a rate's denominator."""
    if measure in CONDITIONS:
        return f"({CONDITIONS[measure]})"
    if measure in UNIONS:
        return "(" + " OR ".join(condition(part) for part in UNIONS[measure]) + ")"
    if measure in RATE_MEASURES:
        return _union(RATE_MEASURES[measure][1])
    raise ValueError(f"measure must be among {sorted((*MEASURES, *RATE_MEASURES))}, not {measure!r}")


def numerator_condition(measure: str) -> str | None:
    """A rate's numerator condition; None for a count."""
    return _union(RATE_MEASURES[measure][0]) if measure in RATE_MEASURES else None


def _union(parts: tuple[str, ...]) -> str:
    return "(" + " OR ".join(condition(part) for part in parts) + ")"


@dataclass(frozen=True)
class Drill:
    """What a number counted: a measure, in a period, under the page's filters, in one cell (dimension →
    value: {"unit": unit_key, "field": name, …}; empty for the page's total)."""

    measure: str
    period: Period
    filters: Filters = ALL
    cell: tuple[tuple[str, str], ...] = ()
    due_soon_days: int = 2

    def __post_init__(self) -> None:
        condition(self.measure)  # an unknown measure fails here, not in the dialog
        for dimension, _ in self.cell:
            if dimension not in CELL_DIMENSIONS:
                raise ValueError(f"cell dimension must be among {CELL_DIMENSIONS}, not {dimension!r}")

    @staticmethod
    def of(measure: str, period: Period, filters: Filters = ALL, cell: Mapping[str, str] | None = None,
           due_soon_days: int = 2) -> Drill:  # fmt: skip
        return Drill(measure, period, filters, tuple(sorted((cell or {}).items())), due_soon_days)


_STATE = f"""CASE
    WHEN {FINISHED} THEN CASE {FINISHED_STATUS}
        WHEN 1 THEN 'withdrawn'
        WHEN 2 THEN CASE {TIMING} WHEN 1 THEN 'stopped_early' WHEN 2 THEN 'stopped_on_time' ELSE 'stopped_late' END
        ELSE CASE {TIMING} WHEN 1 THEN 'early' WHEN 2 THEN 'on_time' ELSE 'late' END END
    WHEN {OPEN_AT_END} THEN CASE WHEN {PAUSED_AT_END} THEN 'paused'
                                 WHEN {OVERDUE_AT_END} THEN 'open_overdue' ELSE 'open_within' END
END"""
# KPI_SPEC §5 days late: working days from the due day to the end of processing (stored as late_days), or to
# the period's end for a dossier still open and overdue then; empty for a dossier not late.
_DAYS_LATE = f"""CASE
    WHEN {FINISHED} THEN d.late_days
    WHEN {OPEN_AT_END} AND {OVERDUE_AT_END} THEN p.end_index - d.dd_index
END"""
_LIST = (
    "WITH"
    + DATED_DOSSIERS
    + """
SELECT d.dossier_code, coalesce(u.unit_name, d.unit) AS unit, d.unit_group AS unit_key, d.field_name,
       d.procedure, d.channel,
       d.rd AS received_day, d.dd AS due_day, d.fd AS finished_day, {state} AS state, d.status, d.status_label,
       {days_late} AS days_late, {numerator} AS in_numerator
FROM d CROSS JOIN drill_period p LEFT JOIN unit u ON u.unit_key = d.unit_key
WHERE {condition} AND {cell}
ORDER BY days_late DESC NULLS LAST, unit, d.rd, d.dossier_code
"""
)
_COUNT = (
    "WITH"
    + DATED_DOSSIERS
    + """
SELECT count(*) AS n, count(*) FILTER ({numerator}) AS numerator
FROM d CROSS JOIN drill_period p
WHERE {condition} AND {cell}
"""
)


_BY_CELL = (
    "WITH"
    + DATED_DOSSIERS
    + """
SELECT {groups}{counts}
FROM d CROSS JOIN drill_period p
{group_by}
"""
)


def _query(template: str, drill: Drill) -> tuple[str, list]:
    where, params = dated_where(drill.filters, [drill.period])  # the form's filters and window, as form06
    cell = " AND ".join(f"{GROUPS[dimension][0]} = ?" for dimension, _ in drill.cell) or "true"
    numerator = numerator_condition(drill.measure) or "false"
    sql = template.format(
        filters=where, state=_STATE, days_late=_DAYS_LATE, numerator=numerator,
        condition=condition(drill.measure), cell=cell,
    )  # fmt: skip
    return sql, [*params, *(value for _, value in drill.cell)]


def _run(db: Database, drill: Drill, template: str) -> pd.DataFrame:
    sql, params = _query(template, drill)
    return _execute(db, drill.period, drill.filters, drill.due_soon_days, sql, params)


def _execute(
    db: Database, period: Period, filters: Filters, due_soon_days: int, sql: str, params: list
) -> pd.DataFrame:
    calendar = calendar_table(db)
    # The unit groups form06 counts under for this period and way of counting (issue 15 §4): a cell's unit is
    # a group key, and the unit filter reads the groups' scope.
    groups = unit_groups(db, filters.units, period.end)
    table = periods_table([period], calendar)
    table = table.append_column("due_soon_days", pa.array([due_soon_days], pa.int32()))
    with db.read() as cur:
        cur.register("workday", calendar)
        cur.register("unit_map", groups.table)
        cur.register("drill_period", table)
        return cur.execute(sql, params).df()


def dossier_list(db: Database, drill: Drill) -> pd.DataFrame:
    """The dossiers the number counted, most days late first, then by unit and day of receipt.

    Columns: LIST_COLUMNS (unit: the unit as recorded on receipt; unit_key: the group it counts under, the
    cell's key (issue 15 §4); days in received_day, due_day, finished_day; state one of STATES; days_late in
    working days or empty) and in_numerator (for a rate: whether the dossier is in its numerator)."""
    frame = _run(db, drill, _LIST)
    frame["days_late"] = frame["days_late"].astype("Int64")
    for column in ("received_day", "due_day", "finished_day"):
        frame[column] = pd.to_datetime(frame[column]).dt.date
    return frame


def drill_count(db: Database, drill: Drill) -> tuple[int, int]:
    """(dossiers counted, of which in the rate's numerator: 0 for a count), by the list's very condition."""
    row = _run(db, drill, _COUNT).iloc[0]
    return int(row["n"]), int(row["numerator"])


def counts_by_cell(
    db: Database,
    period: Period,
    dimensions: tuple[str, ...] = (),
    filters: Filters = ALL,
    due_soon_days: int = 2,
) -> pd.DataFrame:
    """Every measure counted by these very conditions, one row per cell of the dimensions (GROUPS names; the
    column of each is its GROUPS output name, unit by unit_key): the cross-check that the conditions count what
    form06 counts, cell by cell, in one pass (tests/test_drilldown.py)."""
    for dimension in dimensions:
        if dimension not in CELL_DIMENSIONS:
            raise ValueError(f"dimension must be among {CELL_DIMENSIONS}, not {dimension!r}")
    where, params = dated_where(filters, [period])
    names = ["unit_key" if d == "unit" else GROUPS[d][1] for d in dimensions]
    groups = "".join(f"{GROUPS[d][0]} AS {name}, " for d, name in zip(dimensions, names, strict=True))
    counts = ", ".join(f"count(*) FILTER ({condition(m)}) AS {m}" for m in MEASURES)
    sql = _BY_CELL.format(
        filters=where, groups=groups, counts=counts, group_by="GROUP BY ALL" if dimensions else ""
    )
    return _execute(db, period, filters, due_soon_days, sql, params)
