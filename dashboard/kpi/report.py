"""Everything a periodic report says, gathered from the KPI engine in one call (issue 5 §1–3).

The Excel form, the Word report, the Phụ lục lists, the command line and the Báo cáo page all build their files
from one ReportContent, so that a report and the screen can never disagree: every number here is a row of
kpi_table / comparison / action_list, the same functions the pages call.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

import pandas as pd

from dashboard.kpi import coverage
from dashboard.kpi import periods as kpi_periods
from dashboard.kpi.actions import action_list, late_finished_list
from dashboard.kpi.document_settings import DocumentHeading, stored_heading
from dashboard.kpi.filters import Filters
from dashboard.kpi.periods import Period
from dashboard.kpi.summary import (
    comparison_and_trend,
    has_dossiers,
    kpi_table,
    kpi_tables,
    latest_snapshot,
    targets_for,
)
from dashboard.kpi.unit_register import unit_options, units_named
from dashboard.store import Database

REPORT_GROUPINGS = ("unit", "field")


@dataclass(frozen=True)
class ReportContent:
    period: Period
    by: str  # "unit" | "field": the rows of the Biểu 06 table
    scope: str  # who reports: the chosen unit's name, or "" for every unit in the database
    snapshot: date | None  # the date the newest imported data stands at ("Số liệu đến ngày …")
    generated_at: datetime
    total: pd.Series  # kpi_table(period) for the whole scope: Biểu 06 counts c3…c13, rates, grades
    rows: pd.DataFrame  # kpi_table(period, by): one row per unit or field, same columns plus the group
    compared: pd.DataFrame  # summary.comparison: rows current, previous, year_earlier (column `compared`)
    monthly: pd.DataFrame  # kpi_table(period, "month"): the trend inside the period
    by_unit: (
        pd.DataFrame
    )  # kpi_table(period, "unit"), for the overdue summary by unit (= rows when by="unit")
    overdue: pd.DataFrame  # action_list(period.end, "overdue"): open and overdue at the period's end (col 13)
    due_soon: pd.DataFrame  # action_list(period.end, "due_soon")
    late_finished: pd.DataFrame  # late_finished_list(period): resolved late in the period (col 10)
    units: str = "current"  # issue 15 §4: "current" or "recorded", how the dossiers are counted by unit
    targets: dict = field(default_factory=dict)  # targets_for(db): the charts' target lines (issue 11 §11)
    heading: DocumentHeading = field(default_factory=DocumentHeading)  # the Word report's issuer, signer…
    # "14/11/2026; 2 đơn vị đến 03/12/2026": the day each unit's data reaches (issue 11 §4); "" when unknown
    data_dates: str = ""


def report_content(
    db: Database,
    period: Period,
    by: str = "unit",
    unit_keys: tuple[str, ...] = (),
    scope: str = "",
    units: str = "current",
    due_soon_days: int = 2,
    now: datetime | None = None,
) -> ReportContent:
    """The report of a period, its rows by unit or by field, for some units (unit_keys) or all of them, the
    dossiers counted by current or recorded units (issue 15 §4)."""
    if by not in REPORT_GROUPINGS:
        raise ValueError(f"by must be one of {REPORT_GROUPINGS}, not {by!r}")
    filters = Filters(unit_keys=tuple(unit_keys), units=units)
    targets = targets_for(db)
    # Two passes over the dossiers: the period's tables (total, by unit, by field), then the comparison periods
    # with the period's own months (issue 4 §11).
    groupings = (None, "unit") if by == "unit" else (None, "unit", "field")
    totals, by_unit, *by_field = kpi_tables(db, period, groupings, filters, due_soon_days, targets)
    try:
        compared, monthly = comparison_and_trend(
            db, period, period, filters, targets, due_soon_days=due_soon_days
        )
    except ValueError:  # the comparison periods coincide (cannot happen for the kinds a report offers)
        compared, monthly = pd.DataFrame(), kpi_table(db, period, "month", filters, due_soon_days, targets)
    return ReportContent(
        period=period,
        by=by,
        scope=scope,
        units=units,
        snapshot=latest_snapshot(db),
        generated_at=now or datetime.now(),
        total=totals.iloc[0],
        rows=by_unit if by == "unit" else by_field[0],
        compared=compared,
        monthly=monthly,
        by_unit=by_unit,
        overdue=action_list(db, period.end, "overdue", filters, due_soon_days),
        due_soon=action_list(db, period.end, "due_soon", filters, due_soon_days),
        late_finished=late_finished_list(db, period, filters),
        targets=targets,
        heading=stored_heading(db),
        data_dates=coverage.stamp_text(coverage.dates_of(coverage.unit_data_dates(db), unit_keys)),
    )


def report_has_dossiers(
    db: Database, period: Period, unit_keys: tuple[str, ...] = (), units: str = "current"
) -> bool:
    """Whether the report of a period and units would count any dossier (the report's own scope: every field,
    procedure and channel). Without one, the Word report and its Phụ lục are not built (issue 11 §7)."""
    return has_dossiers(kpi_table(db, period, None, Filters(unit_keys=tuple(unit_keys), units=units)).iloc[0])


def unit_named(db: Database, name: str, units: str = "current") -> tuple[tuple[str, ...], str] | None:
    """(filter keys, display name) of the unit a typed name means (KPI_SPEC §9: NFC, no case or spacing
    differences; issue 15: today's unit under current counting, every unit of that name as recorded), or None."""
    return units_named(db, name, units)


def unit_names(db: Database, units: str = "current") -> list[str]:
    """Every unit's display name, in order: what --unit accepts."""
    return list(unit_options(db, units).values())


def period_between(start: date, end: date) -> Period:
    """The report period of `--from` / `--to`: a custom period, both days inclusive."""
    if end < start:
        raise ValueError(f"Ngày kết thúc {end:%d/%m/%Y} trước ngày bắt đầu {start:%d/%m/%Y}")
    return kpi_periods.custom(start, end)
