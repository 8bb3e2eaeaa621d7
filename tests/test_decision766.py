"""The Decision-766 estimate (KPI_SPEC §7): formulas, thresholds, and groups the data cannot support."""

from __future__ import annotations

import math
from datetime import date

import pandas as pd
from kpi_fixtures import dossier, store

from dashboard.kpi.decision766 import (
    NOT_COMPUTABLE,
    estimate_by_unit,
    estimate_from_counts,
    estimate_vs_official,
)
from dashboard.kpi.form06 import COUNT_COLUMNS
from dashboard.kpi.periods import Period


def counts(**values) -> pd.DataFrame:
    row = dict.fromkeys(COUNT_COLUMNS, 0) | values
    row["c3"] = row["c4"] + row["c5"] + row["c6"]
    return pd.DataFrame([row])


def test_formulas_and_thresholds():
    row = estimate_from_counts(
        counts(
            c4=20,
            c5=80,
            c6=0,
            c7=90,
            c8=50,
            c9=40,
            c10=0,
            c11=10,
            c12=8,
            c13=2,
            rated=50,
            satisfied=45,
            dissatisfied=5,
            paid_online_known=10,
            paid_online_yes=4,
            digitized_known=90,
            digitized_yes=90,
        )  # fmt: skip
    ).iloc[0]
    assert math.isclose(row["tdgq"], (50 + 40 + 8) / 100 * 20)  # progress rate × 20
    assert math.isclose(row["clgq"], 0.20 / 0.50 * 12)  # online 20% of 50%: proportional
    assert math.isclose(row["tttt"], 0.40 / 0.80 * 10)
    assert math.isclose(row["mdhl"], 18 * min(1, (1 - (0 + 5 / 50)) / 0.9))  # 90% reaches full points
    assert row["mdsh"] == 22  # 100% digitised, capped at full points
    assert math.isnan(row["ckmb"]) and "Công khai" in row["not_computable"]
    assert row["computable_points"] == 82


def test_groups_without_data_are_not_zero():
    row = estimate_from_counts(counts(c4=0, c5=10, c7=10, c8=10)).iloc[0]
    for group in ("tttt", "mdsh", "mdhl"):  # no payment, digitisation or rating data
        assert math.isnan(row[group]), group
    assert row["computable_points"] == 20 + 12  # TDGQ and CLGQ only
    assert "Thanh toán" in row["not_computable"] and NOT_COMPUTABLE


def test_estimate_by_unit_ranks_the_slow_unit_last(tmp_path):
    rows = [dossier(f"G{i}", "05/10/2026", "08/10/2026", "07/10/2026", unit="Phường Tốt") for i in range(10)]
    rows += [
        dossier(f"S{i}", "05/10/2026", "08/10/2026", "15/10/2026", unit="Phường Chậm") for i in range(10)
    ]
    october = Period(date(2026, 10, 1), date(2026, 10, 31), "Tháng 10/2026", "month")
    estimate = estimate_by_unit(store(tmp_path / "k.duckdb", rows), october)
    assert estimate["unit"].tolist() == ["Phường Tốt", "Phường Chậm"]
    assert estimate.iloc[1]["tdgq"] == 0  # every dossier late: no progress points


def test_estimate_beside_the_official_score(tmp_path):
    from pathlib import Path

    from dashboard.ingest.run import ingest_file

    real = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "real"
    rows = [
        dossier(f"L{i}", "05/10/2026", "08/10/2026", "07/10/2026", unit="phường Long Phú") for i in range(5)
    ]
    db = store(tmp_path / "k.duckdb", rows)
    ingest_file(db, real / "new766_bao_cao_T10_2025.xlsx", as_of=date(2025, 10, 16))
    october = Period(date(2026, 10, 1), date(2026, 10, 31), "Tháng 10/2026", "month")
    table = estimate_vs_official(db, october).set_index("unit_key")
    long_phu = table.loc["phường long phú"]
    assert long_phu["tdgq"] == 20 and long_phu["official_total"] > 0  # both sides of the same ward
    assert table["official_total"].notna().sum() == 102  # every published commune, estimated or not
