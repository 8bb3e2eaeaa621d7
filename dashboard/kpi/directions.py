"""Which way is better for each KPI (issue 11 §1): the one definition every card, slide, table, chart and the
Word report colour a change by. Pure: no database, no Streamlit.

A higher rate is good, more overdue dossiers are bad, and volumes (received, resolved, in progress) are neither:
their change is shown in neutral grey, because more dossiers received is not a merit nor a fault of the unit.
"""

from __future__ import annotations

import math

GOOD, BAD, NEUTRAL, NO_CHANGE, NO_DATA = "good", "bad", "neutral", "same", "no_data"

HIGHER_IS_BETTER = 1
LOWER_IS_BETTER = -1
VOLUME = 0

# kpi_table column → direction (KPI_SPEC §4 columns, §5 rates).
DIRECTION: dict[str, int] = {
    "on_time_rate": HIGHER_IS_BETTER,
    "early_rate": HIGHER_IS_BETTER,
    "late_rate": LOWER_IS_BETTER,
    "resolution_rate": HIGHER_IS_BETTER,
    "online_rate": HIGHER_IS_BETTER,
    "full_online_share": HIGHER_IS_BETTER,
    "progress_rate_766": HIGHER_IS_BETTER,
    "points_766_tdgq": HIGHER_IS_BETTER,
    "satisfaction_rate": HIGHER_IS_BETTER,
    "rating_coverage": HIGHER_IS_BETTER,
    "overdue_count": LOWER_IS_BETTER,  # col 10 + col 13
    "c10": LOWER_IS_BETTER,
    "c13": LOWER_IS_BETTER,
    "due_soon": VOLUME,
    "dissatisfied": LOWER_IS_BETTER,
    "c3": VOLUME,
    "c4": VOLUME,
    "c5": VOLUME,
    "c6": VOLUME,
    "c7": VOLUME,
    "c8": VOLUME,
    "c9": VOLUME,
    "c11": VOLUME,
    "c12": VOLUME,
    "withdrawn": VOLUME,
    "stopped": VOLUME,
    "paused": VOLUME,
    "rated": VOLUME,
}


def change_tone(kpi: str, current, previous, tolerance: float = 0.0) -> str:
    """GOOD, BAD or NEUTRAL for a change of `kpi` from previous to current; NO_CHANGE when equal (within
    tolerance), NO_DATA when either side is missing. An unknown KPI is NEUTRAL: never a colour it has not
    earned."""
    if missing_number(current) or missing_number(previous):
        return NO_DATA
    difference = float(current) - float(previous)
    if abs(difference) <= tolerance:
        return NO_CHANGE
    direction = DIRECTION.get(kpi, VOLUME)
    if direction == VOLUME:
        return NEUTRAL
    return GOOD if (difference > 0) == (direction == HIGHER_IS_BETTER) else BAD


def missing_number(value) -> bool:
    """None, NaN, NA or anything that is not a number: a value no change can be computed from."""
    if value is None:
        return True
    try:
        return math.isnan(float(value))
    except (TypeError, ValueError):
        return True
