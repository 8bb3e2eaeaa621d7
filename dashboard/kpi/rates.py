"""The rates of KPI_SPEC §5, derived from the counts of form06 (pure pandas, no SQL).

A rate whose denominator is 0 is "no data" (NaN here, "không có dữ liệu" on screen): never 0%, never 100%.
Rates are fractions (0.9993); formatting to "99,93%" is the views' job. Full precision is kept.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

# name → (numerator columns, denominator columns, KPI_SPEC §5 wording)
RATES: dict[str, tuple[tuple[str, ...], tuple[str, ...], str]] = {
    "on_time_rate": (("c8", "c9"), ("c7",), "(cột 8 + cột 9) / cột 7"),
    "early_rate": (("c8",), ("c7",), "cột 8 / cột 7"),
    "late_rate": (("c10",), ("c7",), "cột 10 / cột 7"),
    "resolution_rate": (("c7",), ("c3",), "cột 7 / cột 3"),
    "online_rate": (("c4",), ("c4", "c5"), "cột 4 / (cột 4 + cột 5)"),
    "full_online_share": (
        ("full_online_received",),
        ("c4", "c5"),
        "hồ sơ toàn trình / hồ sơ tiếp nhận trong kỳ",
    ),
    "progress_rate_766": (("c8", "c9", "c12"), ("c3",), "(cột 8 + cột 9 + cột 12) / cột 3"),
    "satisfaction_rate": (("satisfied",), ("rated",), "(rất hài lòng + hài lòng) / số được đánh giá"),
    "rating_coverage": (("rated",), ("resolved",), "số được đánh giá / số đã giải quyết"),
}


def ratio(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    """numerator / denominator, NaN where the denominator is 0."""
    numerator, denominator = numerator.astype("float64"), denominator.astype("float64")
    return (numerator / denominator.where(denominator != 0, np.nan)).astype("float64")


def with_rates(counts: pd.DataFrame) -> pd.DataFrame:
    """form06's counts plus every rate of KPI_SPEC §5, the overdue count and the 766 progress points."""
    out = counts.copy()
    for name, (numerator, denominator, _) in RATES.items():
        out[name] = ratio(out[list(numerator)].sum(axis=1), out[list(denominator)].sum(axis=1))
    out["overdue_count"] = out["c10"] + out["c13"]  # KPI_SPEC §5: col 10 + col 13
    out["points_766_tdgq"] = out["progress_rate_766"] * 20  # KPI_SPEC §5 and §7: rate × 20
    return out
