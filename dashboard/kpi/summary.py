"""The KPI layer's front door for pages and reports: tables with rates and grades, and period comparisons.

kpi_table: Biểu 06 counts + KPI_SPEC §5 rates for a period, by nothing, unit, field, procedure, channel, month
or week (a month or week is a sub-period with its own "from the previous period" column, as the form counts).
comparison: the period beside its previous period and the same period a year earlier (issue 3 §2).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from dashboard.kpi import periods as kpi_periods
from dashboard.kpi.filters import ALL, Filters
from dashboard.kpi.form06 import GROUPS, form06, form06_levels
from dashboard.kpi.periods import Period
from dashboard.kpi.rates import with_rates
from dashboard.kpi.settings import stored_targets
from dashboard.kpi.targets import Target, grade, targets_from_rows
from dashboard.store import Database

TIME_GROUPS = ("month", "week")
GROUPINGS = (None, *GROUPS, *TIME_GROUPS)
# The form's columns that count dossiers a row holds: to handle (col 3), resolved (col 7), in progress (col 11).
# By KPI_SPEC §4, col 3 = col 7 + col 11, so col 3 alone would do; the other two keep a row of an import anomaly
# (a dossier finished before it was received) from being taken for an empty one.
DOSSIER_COLUMNS = ("c3", "c7", "c11")


def kpi_table(
    db: Database,
    period: Period,
    group_by: str | tuple[str, ...] | None = None,
    filters: Filters = ALL,
    due_soon_days: int = 2,
    targets: dict[str, Target] | None = None,
) -> pd.DataFrame:
    """Counts, rates and grades; one row per group (or per month / week of the period). A tuple of dimensions,
    e.g. ("unit", "field"), gives one row per combination."""
    if isinstance(group_by, str) and group_by in TIME_GROUPS:
        table = form06(
            db, kpi_periods.buckets(period, group_by), filters=filters, due_soon_days=due_soon_days
        )
    elif group_by is None or isinstance(group_by, tuple) or group_by in GROUPS:
        table = form06(db, period, group_by=group_by, filters=filters, due_soon_days=due_soon_days)
    else:
        raise ValueError(
            f"group_by must be one of {GROUPINGS} or a tuple of {tuple(GROUPS)}, not {group_by!r}"
        )
    return with_grades(with_rates(table), targets if targets is not None else targets_for(db))


def kpi_tables(
    db: Database,
    period: Period,
    groupings: tuple[str | tuple[str, ...] | None, ...],
    filters: Filters = ALL,
    due_soon_days: int = 2,
    targets: dict[str, Target] | None = None,
) -> list[pd.DataFrame]:
    """kpi_table for several groupings of one period (not month / week), counted in one pass over the dossiers
    (form06_levels): each table equals kpi_table(db, period, grouping, …)."""
    targets = targets if targets is not None else targets_for(db)
    tables = form06_levels(db, period, groupings, filters, due_soon_days)
    return [with_grades(with_rates(table), targets) for table in tables]


def targets_for(db: Database) -> dict[str, Target]:
    """The targets the user stored, and the defaults of issue 3 §6 for every KPI without one."""
    return targets_from_rows(stored_targets(db))


def dossier_rows(table: pd.DataFrame) -> pd.Series:
    """True for each row that counts at least one dossier (to handle, resolved or in progress), False for a row
    of nothing: a period, unit or selection without dossiers (issue 11 §7)."""
    if table.empty:
        return pd.Series(False, index=table.index, dtype=bool)
    return table[list(DOSSIER_COLUMNS)].gt(0).any(axis=1)


def has_dossiers(summary: pd.DataFrame | pd.Series | Mapping) -> bool:
    """Whether a selection holds any dossier: a kpi_table row (Series or mapping) or a whole table (any of its
    rows). Pages, slides and reports ask this before grading or drawing anything: with no dossiers there is no
    grade, no change and no chart, only "không có dữ liệu" (issue 11 §7; KPI_SPEC §5)."""
    if isinstance(summary, pd.DataFrame):
        return bool(dossier_rows(summary).any())
    return any(int(summary[column]) > 0 for column in DOSSIER_COLUMNS)


def with_grades(table: pd.DataFrame, targets: dict[str, Target]) -> pd.DataFrame:
    """A grade column (dat / gan_dat / chua_dat / None) beside each KPI that has a target (issue 3 §6).

    A row without dossiers gets no grade at all (issue 11 §7): its overdue count is 0, and "0 ≤ 0: Đạt" on
    nothing is a grade for work nobody did; its rates are "không có dữ liệu" already (KPI_SPEC §5)."""
    out = table.copy()
    counted = dossier_rows(out) if set(DOSSIER_COLUMNS) <= set(out.columns) else None
    for kpi, target in targets.items():
        if kpi in out:
            grades = [grade(v, target) for v in out[kpi]]
            if counted is not None:
                grades = [g if has else None for g, has in zip(grades, counted, strict=True)]
            # object dtype: pandas would store "no grade" (None) as NaN in a string column.
            out[f"{kpi}_grade"] = pd.Series(grades, index=out.index, dtype=object)
    return out


def compared_periods(period: Period) -> dict[str, Period]:
    """The period, the one before it and the same period a year earlier (issue 3 §2). When the previous period
    is the year-earlier one (a year, or the 6- and 9-month kỳ), it appears once, as "previous"."""
    chosen = {"current": period, "previous": kpi_periods.previous(period)}
    year_earlier = kpi_periods.year_earlier(period)
    if year_earlier != chosen["previous"]:
        chosen["year_earlier"] = year_earlier
    if len({p.label for p in chosen.values()}) < len(chosen):  # a label must not repeat: form06 keys by it
        raise ValueError(f"Các kỳ so sánh trùng nhau: {[p.label for p in chosen.values()]}")
    return chosen


def comparison(
    db: Database, period: Period, filters: Filters = ALL, targets: dict[str, Target] | None = None
) -> pd.DataFrame:
    """Rows current, previous and year_earlier (column `compared`); see compared_periods."""
    return comparison_and_trend(db, period, None, filters, targets)[0]


def comparison_and_trend(
    db: Database,
    period: Period,
    trend: Period | None,
    filters: Filters = ALL,
    targets: dict[str, Target] | None = None,
    year_earlier: bool = True,
    due_soon_days: int = 2,
) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """comparison(period) and kpi_table(trend, "month") from one form06 call, so the overview reads the dossiers
    once for both (issue 4 §11). A month of the trend that is one of the compared periods is counted once.
    year_earlier=False leaves the year-earlier row out (the overview's cards compare with the previous period
    only; without it the dossiers read span the trend's 12 months instead of 13)."""
    chosen = compared_periods(period)
    if not year_earlier:
        chosen.pop("year_earlier", None)
    months = kpi_periods.buckets(trend, "month") if trend is not None else []
    wanted = {(p.start, p.end): p for p in chosen.values()}
    for month in months:
        wanted.setdefault((month.start, month.end), month)
    if len({p.label for p in wanted.values()}) < len(wanted):  # two periods with one label: count apart
        compared, _ = comparison_and_trend(db, period, None, filters, targets, year_earlier, due_soon_days)
        return compared, (kpi_table(db, trend, "month", filters, due_soon_days, targets) if trend else None)
    table = with_rates(form06(db, list(wanted.values()), filters=filters, due_soon_days=due_soon_days))
    table = with_grades(table, targets if targets is not None else targets_for(db))
    by_label = table.set_index("period", drop=False)

    def rows(periods: list[Period]) -> pd.DataFrame:
        picked = by_label.loc[[wanted[(p.start, p.end)].label for p in periods]].reset_index(drop=True)
        return picked.assign(period=[p.label for p in periods])  # a month counted as a compared period

    compared = rows(list(chosen.values()))
    compared.insert(0, "compared", list(chosen))
    return compared, (rows(months) if trend is not None else None)


def latest_snapshot(db: Database):
    """The date the newest imported data stands at (None before any import): periods after it are incomplete."""
    with db.read() as cur:
        return cur.execute("SELECT max(snapshot_at) FROM dossier").fetchall()[0][0]
