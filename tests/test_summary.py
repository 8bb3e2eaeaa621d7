"""kpi_table and comparison: monthly and weekly splits add up, comparisons pick the right periods."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
from kpi_fixtures import dossier, store

from dashboard.kpi import periods
from dashboard.kpi.summary import (
    comparison,
    comparison_and_trend,
    dossier_rows,
    has_dossiers,
    kpi_table,
    latest_snapshot,
    targets_for,
    with_grades,
)
from dashboard.kpi.targets import DEFAULT_TARGETS


def _day(n: int) -> str:
    return (date(2026, 9, 1) + timedelta(days=n)).strftime("%d/%m/%Y")


# 60 dossiers received over September–October, due 3 days later, three in four finished 1–6 days later.
ROWS = [
    dossier(
        f"D{i}",
        _day(i),
        _day(i + 3),
        _day(i + 1 + i % 6) if i % 4 else None,
        channel=("online", "direct")[i % 2],
    )
    for i in range(60)
]


def test_months_and_weeks_add_up_to_the_period(tmp_path):
    db = store(tmp_path / "k.duckdb", ROWS)
    quarter = periods.calendar_quarter(2026, 3)
    whole = kpi_table(db, quarter).iloc[0]
    for grain in ("month", "week"):
        parts = kpi_table(db, quarter, group_by=grain)
        for column in ("c4", "c5", "c7", "c8", "c9", "c10"):  # flows add up over consecutive sub-periods
            assert parts[column].sum() == whole[column], (grain, column)
        assert (
            parts.iloc[0]["c6"] == whole["c6"] and parts.iloc[-1]["c11"] == whole["c11"]
        )  # stocks at the ends
        assert (parts["c6"].iloc[1:].to_numpy() == parts["c11"].iloc[:-1].to_numpy()).all()


def test_comparison_rows_are_the_period_its_previous_and_a_year_earlier(tmp_path):
    db = store(tmp_path / "k.duckdb", ROWS)
    table = comparison(db, periods.official_month(2026, 10))
    assert table["compared"].tolist() == ["current", "previous", "year_earlier"]
    assert table["period_start"].tolist() == [date(2026, 9, 15), date(2026, 8, 15), date(2025, 9, 15)]
    assert table.iloc[2]["c3"] == 0 and pd.isna(table.iloc[2]["on_time_rate_grade"])  # no data, no grade
    assert {"on_time_rate_grade", "overdue_count_grade", "online_rate_grade"} <= set(table.columns)


def test_latest_snapshot(tmp_path):
    assert latest_snapshot(store(tmp_path / "k.duckdb", ROWS)) == date(2026, 11, 14)


def test_stored_targets_change_the_grades(tmp_path):
    from dashboard.store.settings import set_targets

    db = store(tmp_path / "k.duckdb", ROWS)
    month = periods.calendar_month(2026, 9)
    before = kpi_table(db, month).iloc[0]
    set_targets(db, [{"kpi": "online_rate", "comparator": "ge", "value": 0.99, "near": 0.01}])
    after = kpi_table(db, month).iloc[0]
    assert before["online_rate"] == after["online_rate"] == 0.5
    assert (before["online_rate_grade"], after["online_rate_grade"]) == ("dat", "chua_dat")
    assert after["on_time_rate_grade"] == before["on_time_rate_grade"]  # other KPIs keep their defaults


def test_a_year_is_compared_with_the_year_before_once(tmp_path):
    db = store(tmp_path / "k.duckdb", ROWS)
    table = comparison(db, periods.calendar_year(2026))
    assert table["compared"].tolist() == ["current", "previous"]
    assert table["period_start"].tolist() == [date(2026, 1, 1), date(2025, 1, 1)]


def test_comparison_and_trend_in_one_pass_equal_the_separate_tables(tmp_path):
    db = store(tmp_path / "k.duckdb", ROWS)
    for period, trend in (
        (
            periods.calendar_month(2026, 10),
            periods.custom(date(2025, 11, 1), date(2026, 10, 31)),
        ),  # shares months
        (periods.official_month(2026, 10), periods.custom(date(2025, 11, 1), date(2026, 10, 14))),
        (
            periods.custom(date(2026, 9, 10), date(2026, 9, 20)),
            periods.custom(date(2025, 10, 1), date(2026, 9, 20)),
        ),
    ):
        compared, monthly = comparison_and_trend(db, period, trend)
        pd.testing.assert_frame_equal(compared, comparison(db, period))
        pd.testing.assert_frame_equal(monthly, kpi_table(db, trend, "month"))
        assert monthly["c3"].sum() > 0
        without, same_months = comparison_and_trend(db, period, trend, year_earlier=False)
        assert without["compared"].tolist() == ["current", "previous"]
        pd.testing.assert_frame_equal(without, compared.iloc[:2])
        pd.testing.assert_frame_equal(same_months, monthly)


# --- issue 11 §7: a selection without dossiers is "không có dữ liệu", never graded ------------------------------


def test_a_period_without_dossiers_has_none_and_no_grade(tmp_path):
    db = store(tmp_path / "k.duckdb", ROWS)
    before = kpi_table(db, periods.calendar_month(2025, 3)).iloc[0]  # months before the first dossier
    assert not has_dossiers(before)
    assert before["overdue_count"] == 0  # the count is 0, and "0 ≤ 0" must not read as Đạt
    for kpi in DEFAULT_TARGETS:
        assert before[f"{kpi}_grade"] is None, kpi
    during = kpi_table(db, periods.calendar_month(2026, 9)).iloc[0]
    assert has_dossiers(during)
    assert during["overdue_count_grade"] is not None and during["on_time_rate_grade"] is not None


def test_a_unit_filter_without_dossiers_is_an_empty_selection(tmp_path):
    from dashboard.kpi.filters import Filters

    db = store(tmp_path / "k.duckdb", ROWS)
    nobody = kpi_table(db, periods.calendar_month(2026, 9), filters=Filters(unit_keys=("khong co",)))
    assert not has_dossiers(nobody) and not has_dossiers(nobody.iloc[0])
    assert nobody.iloc[0]["overdue_count_grade"] is None


def test_months_of_a_trend_without_dossiers_get_no_grade(tmp_path):
    db = store(tmp_path / "k.duckdb", ROWS)
    trend = kpi_table(db, periods.custom(date(2026, 7, 1), date(2026, 12, 31)), "month")
    counted = dossier_rows(trend)
    # Nothing before September; the never-finished dossiers are still to handle (col 6) every month after.
    assert counted.tolist() == [False, False, True, True, True, True]
    assert trend.loc[~counted, "overdue_count_grade"].isna().all()
    assert trend.loc[counted, "overdue_count_grade"].notna().all()
    assert has_dossiers(trend) and not has_dossiers(trend[~counted])


def test_a_unit_row_without_dossiers_gets_no_grade(tmp_path):
    """A units table that lists a unit with nothing in the period (as a table joined to the register may)."""
    db = store(tmp_path / "k.duckdb", ROWS)
    units = kpi_table(db, periods.calendar_month(2026, 9), "unit")
    empty = units.iloc[[0]].assign(unit="Xã Trống", unit_key="xa trong")
    counts = [c for c in empty.columns if c.startswith("c") and c[1:].isdigit()]
    empty[counts] = 0
    empty[["overdue_count", "on_time_rate", "online_rate", "satisfaction_rate"]] = [
        0,
        float("nan"),
        float("nan"),
        float("nan"),
    ]
    graded = with_grades(pd.concat([units, empty], ignore_index=True), targets_for(db))
    last = graded.iloc[-1]
    assert not has_dossiers(last)
    assert all(last[f"{kpi}_grade"] is None for kpi in DEFAULT_TARGETS)
    assert graded.iloc[0]["overdue_count_grade"] == units.iloc[0]["overdue_count_grade"] is not None


def test_has_dossiers_of_an_empty_table_and_of_a_row_with_only_open_dossiers():
    assert not has_dossiers(pd.DataFrame({"c3": [], "c7": [], "c11": []}))
    assert has_dossiers({"c3": 0, "c7": 0, "c11": 2})  # in progress only (an anomaly: col 3 should hold them)
    assert not has_dossiers(pd.Series({"c3": 0, "c7": 0, "c11": 0}))
