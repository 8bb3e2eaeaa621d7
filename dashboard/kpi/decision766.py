"""Decision 766/QĐ-TTg: the part of each unit's score that dossier exports can estimate (KPI_SPEC §7).

Always an estimate, labelled as one. Groups the data cannot support are NaN with the reason
"không tính được từ dữ liệu này", never 0. The formulas (KPI_SPEC §7):
- TDGQ (20) = progress rate × 20, progress = (col 8 + col 9 + col 12) / col 3;
- CLGQ (12), its online-dossier criterion only: full points at an online rate ≥ 50%, else rate / 50% × points;
- TTTT (10) = paid online / dossiers with fees, full points at ≥ 80% (only where the export says who paid
  online; dossiers with a known payment answer are taken as the ones with fees);
- MDHL (18), criterion 5.4: 100% − (late rate + share of rated dossiers rated dissatisfied), full at ≥ 90%;
- MDSH (22) = share of resolved dossiers with a digitised result, full points at ≥ 80%;
- CKMB (18), publicity: nothing in a dossier export measures it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.kpi.filters import ALL, Filters
from dashboard.kpi.form06 import form06
from dashboard.kpi.official766 import official_scores
from dashboard.kpi.periods import Period
from dashboard.kpi.rates import ratio, with_rates
from dashboard.store import Database
from dashboard.units.names import name_key

GROUP_POINTS = {"ckmb": 18.0, "tdgq": 20.0, "clgq": 12.0, "tttt": 10.0, "mdhl": 18.0, "mdsh": 22.0}
GROUP_LABEL_VI = {
    "ckmb": "Công khai, minh bạch",
    "tdgq": "Tiến độ giải quyết",
    "clgq": "Dịch vụ công trực tuyến",
    "tttt": "Thanh toán trực tuyến",
    "mdhl": "Mức độ hài lòng",
    "mdsh": "Số hóa hồ sơ",
}
NOT_COMPUTABLE = "không tính được từ dữ liệu này"
# Thresholds of KPI_SPEC §7 at which a criterion earns its full points.
FULL_AT = {"clgq": 0.50, "tttt": 0.80, "mdhl": 0.90, "mdsh": 0.80}


def _scaled(rate: pd.Series, full_at: float, points: float) -> pd.Series:
    """Full points at or above `full_at`, proportional below; NaN stays NaN (no data is not zero)."""
    return (rate / full_at).clip(upper=1.0, lower=0.0) * points


def estimate_from_counts(counts: pd.DataFrame) -> pd.DataFrame:
    """Per row of form06 counts (one per unit): the estimated points of each group, NaN where not computable.

    Adds estimated_points (sum of the computable groups), computable_points (their maximum) and
    estimated_percent (estimated / computable, comparable between units with different data).
    """
    out = with_rates(counts)
    out["ckmb"] = np.nan
    out["tdgq"] = out["progress_rate_766"] * GROUP_POINTS["tdgq"]
    out["clgq"] = _scaled(out["online_rate"], FULL_AT["clgq"], GROUP_POINTS["clgq"])
    out["tttt"] = _scaled(
        ratio(out["paid_online_yes"], out["paid_online_known"]), FULL_AT["tttt"], GROUP_POINTS["tttt"]
    )
    dissatisfied_share = ratio(out["dissatisfied"], out["rated"])
    mdhl_value = 1.0 - (out["late_rate"] + dissatisfied_share)
    out["mdhl"] = _scaled(mdhl_value, FULL_AT["mdhl"], GROUP_POINTS["mdhl"])
    out["mdsh"] = _scaled(
        ratio(out["digitized_yes"], out["digitized_known"]), FULL_AT["mdsh"], GROUP_POINTS["mdsh"]
    )
    groups = list(GROUP_POINTS)
    out["estimated_points"] = out[groups].sum(axis=1, min_count=1)
    out["computable_points"] = out[groups].notna().mul(pd.Series(GROUP_POINTS)).sum(axis=1)
    out["estimated_percent"] = ratio(out["estimated_points"].fillna(0), out["computable_points"])
    out["not_computable"] = (
        out[groups].isna().apply(lambda row: ", ".join(GROUP_LABEL_VI[g] for g in groups if row[g]), axis=1)
    )
    return out


def estimate_by_unit(db: Database, period: Period, filters: Filters = ALL) -> pd.DataFrame:
    """The estimate for every unit with dossiers in the period, best estimated percentage first."""
    estimate = estimate_from_counts(form06(db, period, group_by="unit", filters=filters))
    columns = ["unit", "unit_key", *GROUP_POINTS, "estimated_points", "computable_points", "estimated_percent",
               "not_computable", "c3", "progress_rate_766", "online_rate"]  # fmt: skip
    return (
        estimate[columns]
        .sort_values("estimated_percent", ascending=False, kind="stable")
        .reset_index(drop=True)
    )


def estimate_vs_official(
    db: Database,
    period: Period,
    snapshot_at=None,
    level: str = "xa_phuong",
    filters: Filters = ALL,
) -> pd.DataFrame:
    """The estimate beside the published score of each unit (KPI_SPEC §7: the estimate is never shown alone
    as if official). Units are matched on their name's key (names.name_key: no "UBND" prefix, kind word kept); a
    unit on one side only keeps nulls on the other. The official tables are by the units of their day (after
    1/7/2025 the new ones, issue 15 §5): counted by current units the estimate is by the same units, old
    communes' dossiers included; counted as recorded, old communes are rows of the estimate alone."""
    estimate = estimate_by_unit(db, period, filters)
    official = official_scores(db, snapshot_at=snapshot_at, level=level)
    official = official[["unit_key", "unit_name", "snapshot_at", *GROUP_POINTS, "total", "rank"]].rename(
        columns={g: f"official_{g}" for g in [*GROUP_POINTS, "total", "rank", "snapshot_at"]}
    )
    estimate["match_key"] = [name_key(str(unit)).key for unit in estimate["unit"]]
    official["match_key"] = [name_key(str(unit)).key for unit in official["unit_name"]]
    merged = estimate.merge(
        official.rename(columns={"unit_key": "official_key"}), on="match_key", how="outer"
    )
    merged["unit_key"] = merged["unit_key"].fillna(merged.pop("official_key"))
    merged = merged.drop(columns="match_key")
    merged["unit"] = merged["unit"].fillna(merged.pop("unit_name"))
    return merged.sort_values(["official_rank", "estimated_percent"], ascending=[True, False], kind="stable")
