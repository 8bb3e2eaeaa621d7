"""Queries of the units page (issue 4 §3): the unit × field table of Biểu 06 counts and rates.

One form06 call grouped by unit and field, so every cell follows exactly the same rules as the form and the
league table.
"""

from __future__ import annotations

import pandas as pd

from dashboard.kpi.filters import ALL, Filters
from dashboard.kpi.periods import Period
from dashboard.kpi.summary import kpi_tables
from dashboard.store import Database

UNKNOWN_FIELD = "(Chưa rõ lĩnh vực)"  # form06's label for dossiers without a field
COLUMNS = ["unit", "field", "c7", "c8", "c9", "c10", "on_time_rate"]


def unit_tables(db: Database, period: Period, filters: Filters = ALL) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The units page's two tables from one pass over the dossiers: kpi_table by unit, and the unit × field rows
    (unit, field, c7, c8, c9, c10, on_time_rate; NaN rate when c7 = 0), by field then unit."""
    units, cells = kpi_tables(db, period, ("unit", ("unit", "field")), filters)
    return units, unit_field_cells(cells)


def unit_field_cells(table: pd.DataFrame) -> pd.DataFrame:
    """The heatmap's rows from kpi_table(…, ("unit", "field"))."""
    # Dossiers without a field cannot be selected by a field filter: they stay in the unit totals only.
    table = table[table["field"] != UNKNOWN_FIELD]
    return table.sort_values(["field", "unit"], kind="stable")[COLUMNS].reset_index(drop=True)


def rankable(units: pd.DataFrame, minimum: int) -> pd.Series:
    """Units that may be ranked: at least `minimum` resolved dossiers (c7), so the rate is not chance."""
    return (units["c7"] >= minimum) & units["on_time_rate"].notna()


def best_and_worst(units: pd.DataFrame, minimum: int, k: int = 5) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The k best and k weakest units by on-time rate among those with c7 ≥ minimum (ties: more resolved
    first). A unit never appears in both lists: with fewer than 2k such units, the best half (rounded up)
    and the rest."""
    eligible = units[rankable(units, minimum)]
    k = min(k, (len(eligible) + 1) // 2)
    best = eligible.sort_values(["on_time_rate", "c7", "unit"], ascending=[False, False, True]).head(k)
    rest = eligible[~eligible["unit"].isin(best["unit"])]
    worst = rest.sort_values(["on_time_rate", "c7", "unit"], ascending=[True, False, True]).head(k)
    return best, worst
