"""The periods of a KPI query as small tables SQL joins on a day (form06): which period a day belongs to, and the
days at whose end the open dossiers are counted.

Pure: periods (and the working-day calendar) in, Arrow tables out. Joining a dossier's stored day to these by
equality is what keeps a 12-month trend over millions of dossiers cheap (issue 4 §11).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

import numpy as np
import pyarrow as pa

from dashboard.kpi.periods import Period


def period_days_table(periods: Sequence[Period]) -> pa.Table:
    """One row per day of each period: period_no (its position in `periods`), day, start_day, end_day.
    Periods may overlap: a day then has a row for each."""
    numbers, days, starts, ends = [], [], [], []
    for number, period in enumerate(periods):
        length = (period.end - period.start).days + 1
        numbers += [number] * length
        days += [period.start + timedelta(days=i) for i in range(length)]
        starts += [period.start] * length
        ends += [period.end] * length
    return pa.table(
        {
            "period_no": pa.array(numbers, pa.int32()),
            "day": pa.array(days, pa.date32()),
            "start_day": pa.array(starts, pa.date32()),
            "end_day": pa.array(ends, pa.date32()),
        }
    )


def boundary_days(periods: Sequence[Period]) -> list[date]:
    """The days at whose end open dossiers are counted, sorted and distinct: each period's end (col 11–13) and the
    day before its start (col 6, "từ kỳ trước")."""
    return sorted({p.end for p in periods} | {p.start - timedelta(days=1) for p in periods})


def boundary_tables(periods: Sequence[Period], calendar: pa.Table) -> tuple[pa.Table, pa.Table]:
    """`boundaries` (k, day, day_index: the day's workday_index, null outside the calendar) and `day_rank` (day,
    rank = the number of boundaries before that day) for every day from the first boundary to the last; before
    the first the rank is 0, after the last it is the number of boundaries."""
    chosen = boundary_days(periods)
    calendar_days = calendar.column("day").to_numpy().astype("datetime64[D]")
    index = calendar.column("workday_index").to_numpy()
    position = (np.array(chosen, dtype="datetime64[D]") - calendar_days[0]).astype(np.int64)
    inside = (position >= 0) & (position < len(calendar_days))
    boundaries = pa.table(
        {
            "k": pa.array(range(len(chosen)), pa.int64()),
            "day": pa.array(chosen, pa.date32()),
            "day_index": pa.array(
                [int(index[p]) if ok else None for p, ok in zip(position, inside, strict=True)], pa.int32()
            ),
        }
    )
    span = np.arange(np.datetime64(chosen[0]), np.datetime64(chosen[-1]) + 1, dtype="datetime64[D]")
    ranks = np.searchsorted(np.array(chosen, dtype="datetime64[D]"), span, side="left")
    day_rank = pa.table({"day": pa.array(span, pa.date32()), "rank": pa.array(ranks, pa.int64())})
    return boundaries, day_rank
