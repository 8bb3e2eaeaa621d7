"""Ratings per unit split into rất hài lòng / hài lòng / không hài lòng (issue 4 §6).

form06 counts `satisfied` as very satisfied + satisfied (KPI_SPEC §5 numerator) and `very_satisfied` apart, over
the dossiers resolved in the period; the satisfaction page shows the three parts side by side. They are read from
form06's table by unit, so the split and the rates beside it come from one count (and one query).
"""

from __future__ import annotations

import pandas as pd

COUNTS = ["very_satisfied", "satisfied_only", "dissatisfied", "rated"]
COLUMNS = ["unit", "unit_key", *COUNTS]


def ratings_from(by_unit: pd.DataFrame) -> pd.DataFrame:
    """The split of a form06 / kpi_table table by unit: one row per unit with dossiers resolved in the period,
    by unit name. very_satisfied + satisfied_only = form06's `satisfied`; rated = form06's `rated`."""
    resolved = by_unit[by_unit["resolved"] > 0]
    frame = pd.DataFrame(
        {
            "unit": resolved["unit"],
            "unit_key": resolved["unit_key"],
            "very_satisfied": resolved["very_satisfied"],
            "satisfied_only": resolved["satisfied"] - resolved["very_satisfied"],
            "dissatisfied": resolved["dissatisfied"],
            "rated": resolved["rated"],
        }
    )
    frame[COUNTS] = frame[COUNTS].astype("int64")
    return frame.sort_values("unit", kind="stable").reset_index(drop=True)[COLUMNS]
