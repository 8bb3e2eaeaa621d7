"""The KPI layer's front door for pages and reports: tables with rates and grades, and period comparisons.

kpi_table: Biểu 06 counts + KPI_SPEC §5 rates for a period, by nothing, unit, field, procedure, channel, month
or week (a month or week is a sub-period with its own "from the previous period" column, as the form counts).
comparison: the period beside its previous period and the same period a year earlier (issue 3 §2).
"""

from __future__ import annotations

import pandas as pd

from dashboard.kpi import periods as kpi_periods
from dashboard.kpi.filters import ALL, Filters
from dashboard.kpi.form06 import GROUPS, form06
from dashboard.kpi.periods import Period
from dashboard.kpi.rates import with_rates
from dashboard.kpi.settings import stored_targets
from dashboard.kpi.targets import Target, grade, targets_from_rows
from dashboard.store import Database

TIME_GROUPS = ("month", "week")
GROUPINGS = (None, *GROUPS, *TIME_GROUPS)


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


def targets_for(db: Database) -> dict[str, Target]:
    """The targets the user stored, and the defaults of issue 3 §6 for every KPI without one."""
    return targets_from_rows(stored_targets(db))


def with_grades(table: pd.DataFrame, targets: dict[str, Target]) -> pd.DataFrame:
    """A grade column (dat / gan_dat / chua_dat / None) beside each KPI that has a target (issue 3 §6)."""
    out = table.copy()
    for kpi, target in targets.items():
        if kpi in out:
            out[f"{kpi}_grade"] = [grade(value, target) for value in out[kpi]]
    return out


def comparison(
    db: Database, period: Period, filters: Filters = ALL, targets: dict[str, Target] | None = None
) -> pd.DataFrame:
    """Three rows: the period, the one before it, and the same period a year earlier (column `compared`)."""
    chosen = {
        "current": period,
        "previous": kpi_periods.previous(period),
        "year_earlier": kpi_periods.year_earlier(period),
    }
    labels = {p.label for p in chosen.values()}
    if len(labels) < len(chosen):  # e.g. the previous 6-month kỳ is last year's: a label must not repeat
        raise ValueError(f"Các kỳ so sánh trùng nhau: {sorted(labels)}")
    table = with_rates(form06(db, list(chosen.values()), filters=filters))
    table = with_grades(table, targets if targets is not None else targets_for(db))
    table.insert(0, "compared", list(chosen))
    return table


def latest_snapshot(db: Database):
    """The date the newest imported data stands at (None before any import): periods after it are incomplete."""
    with db.read() as cur:
        return cur.execute("SELECT max(snapshot_at) FROM dossier").fetchall()[0][0]
