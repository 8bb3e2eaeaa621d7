"""Data-quality signals per unit (issue 3 §7), each firing for one unit and not for another."""

from __future__ import annotations

import math
from datetime import date

import pytest
from kpi_fixtures import dossier, store

from dashboard.kpi import quality
from dashboard.kpi.filters import Filters
from dashboard.kpi.form06 import form06
from dashboard.kpi.periods import Period
from dashboard.kpi.quality import COLUMNS, quality_by_unit
from dashboard.store.settings import set_calendar_override, set_procedure_time_limit

OCTOBER = Period(date(2026, 10, 1), date(2026, 10, 31), "Tháng 10/2026", "month")
A, B = "Phường A", "Xã B"
KET_HON = "Đăng ký kết hôn"


def by_unit(frame):
    return {row["unit"]: row for _, row in frame.iterrows()}


def on_time(prefix: str, n: int, unit: str, **fields) -> list[dict]:
    """n dossiers received Monday 5/10, due Thursday 8/10, finished early on Tuesday 6/10."""
    return [
        dossier(f"{prefix}{i}", "05/10/2026", "08/10/2026", "06/10/2026", unit=unit, **fields)
        for i in range(n)
    ]


def test_finished_exactly_on_the_due_day(tmp_path):
    rows = [
        *[dossier(f"A{i}", "01/10/2026", "08/10/2026", "08/10/2026 16:30", unit=A) for i in range(4)],
        *on_time("Ae", 2, A),
        dossier("Ao", "01/10/2026", "08/10/2026", unit=A),  # open: not finished
        dossier("Ap", "10/09/2026", "20/09/2026", "20/09/2026", unit=A),  # finished before October: absent
        dossier("B0", "01/10/2026", "08/10/2026", "08/10/2026", unit=B),
        *on_time("Be", 5, B),
    ]
    rows = by_unit(quality_by_unit(store(tmp_path / "q.duckdb", rows), OCTOBER, tiny_sample=1))
    a, b = rows[A], rows[B]
    assert (a["dossiers"], a["finished"], a["finished_with_due"], a["finished_on_due_day"]) == (7, 6, 6, 4)
    assert a["share_finished_on_due_day"] == 4 / 6
    assert a["flags"] == "67% hồ sơ đã giải quyết kết thúc đúng ngày hẹn trả"
    assert (b["finished_on_due_day"], b["share_finished_on_due_day"]) == (1, 1 / 6)
    assert b["flags"] == ""


def test_the_due_day_share_is_not_judged_on_a_handful_of_dossiers(tmp_path):
    n = quality.DUE_DAY_MIN_FINISHED - 1
    rows = [dossier(f"A{i}", "01/10/2026", "08/10/2026", "08/10/2026", unit=A) for i in range(n)]
    row = quality_by_unit(store(tmp_path / "q.duckdb", rows), OCTOBER, tiny_sample=1).iloc[0]
    assert row["share_finished_on_due_day"] == 1.0 and row["flags"] == ""


def test_missing_dates_are_counted(tmp_path):
    rows = [
        *on_time("A", 8, A),
        dossier("An", "05/10/2026", None, unit=A),  # no due date, no time limit: missing_due
        dossier("Ad", "05/10/2026", None, "07/10/2026", unit=A),  # finished, but on no due day to judge
        dossier("Af", "05/10/2026", "08/10/2026", None, unit=A, status="resolved"),  # resolved, no end date
        dossier("Aw", "05/10/2026", None, None, unit=A, status="withdrawn"),  # both: one dossier with gaps
        dossier("Ar", "05/10/2026", None, unit=A, status="refused"),  # excluded from every count
        dossier("Ax", "05/10/2026", None, unit=A, status="not_received"),  # excluded from every count
        *on_time("B", 9, B),
        dossier("Bl", "05/10/2026", None, unit=B, procedure=KET_HON),  # due date computable from the limit
    ]
    db = store(tmp_path / "q.duckdb", rows)
    set_procedure_time_limit(db, KET_HON, 3)
    rows = by_unit(quality_by_unit(db, OCTOBER, tiny_sample=1))
    a, b = rows[A], rows[B]
    assert (a["dossiers"], a["missing_due"], a["finished_without_date"], a["missing_dates"]) == (12, 3, 2, 4)
    assert (a["finished"], a["finished_with_due"]) == (9, 8)
    assert a["share_missing_dates"] == 4 / 12
    assert a["flags"] == "33% hồ sơ thiếu ngày hẹn trả hoặc ngày kết thúc"
    assert (b["dossiers"], b["missing_due"], b["finished_without_date"], b["missing_dates"]) == (10, 0, 0, 0)
    assert b["share_missing_dates"] == 0.0 and b["flags"] == ""


def test_a_finished_dossier_without_an_end_date_stays_in_every_later_period(tmp_path):
    """form06 can only count it as still in progress: so does the quality check, period after period."""
    rows = [dossier("Af", "05/08/2026", "08/08/2026", None, unit=A, status="stopped")]
    db = store(tmp_path / "q.duckdb", rows)
    assert quality_by_unit(db, OCTOBER).iloc[0]["finished_without_date"] == 1
    assert form06(db, OCTOBER).iloc[0]["c11"] == 1


def test_due_dates_that_disagree_with_the_time_limit(tmp_path):
    # Limit 3 working days. Received Monday 5/10: day 0, due Thursday 8/10. Received Saturday 10/10: counting
    # starts on Monday 12/10 (day 0), due Thursday 15/10.
    limited = {"procedure": KET_HON}
    rows = [
        *[dossier(f"A{i}", "05/10/2026", "08/10/2026", unit=A, **limited) for i in range(3)],
        dossier("A3", "05/10/2026", "09/10/2026", unit=A, **limited),  # one day later than the limit
        dossier("A4", "10/10/2026", "14/10/2026", unit=A, **limited),  # counted from the Saturday
        dossier(
            "An", "05/10/2026", None, "07/10/2026", unit=A, **limited
        ),  # no stored due date: no comparison
        dossier("Ap", "05/10/2026", "30/10/2026", unit=A),  # no limit for its procedure: no comparison
        *[dossier(f"B{i}", "05/10/2026", "08/10/2026", unit=B, **limited) for i in range(4)],
        dossier("B4", "10/10/2026", "15/10/2026 17:00", unit=B, **limited),  # a Saturday receipt done right
    ]
    db = store(tmp_path / "q.duckdb", rows)
    no_limit = by_unit(quality_by_unit(db, OCTOBER, tiny_sample=1))
    assert no_limit[A]["due_and_limit"] == 0 and math.isnan(no_limit[A]["share_due_disagrees_with_limit"])
    set_procedure_time_limit(db, KET_HON, 3)
    rows = by_unit(quality_by_unit(db, OCTOBER, tiny_sample=1))
    a, b = rows[A], rows[B]
    assert (a["due_and_limit"], a["due_disagrees_with_limit"], a["share_due_disagrees_with_limit"]) == (
        5,
        2,
        0.4,
    )
    assert a["flags"] == "40% ngày hẹn trả lệch thời hạn giải quyết của thủ tục"
    assert (b["due_and_limit"], b["due_disagrees_with_limit"], b["share_due_disagrees_with_limit"]) == (
        5,
        0,
        0.0,
    )
    assert b["flags"] == ""
    # The user's calendar moves the computed due date, as it does in form06: with Tuesday 6/10 a day off,
    # the limit gives Friday 9/10 for the Monday receipts.
    set_calendar_override(db, date(2026, 10, 6), "day_off")
    a = by_unit(quality_by_unit(db, OCTOBER))[A]
    assert (a["due_and_limit"], a["due_disagrees_with_limit"]) == (5, 4)


def test_perfect_rates_on_tiny_samples(tmp_path):
    rows = [
        *on_time("A", 3, A, rating="satisfied"),  # 100% on time and satisfied, on 3 dossiers
        *on_time("B", 30, B, rating="very_satisfied"),  # 100% on 30: trustworthy
        *on_time("C", 2, "Xã C"),
        dossier("C2", "05/10/2026", "08/10/2026", "09/10/2026", unit="Xã C", rating="dissatisfied"),  # late
        dossier("D0", "05/10/2026", "08/10/2026", unit="Xã D"),  # nothing finished: no rate at all
    ]
    db = store(tmp_path / "q.duckdb", rows)
    rows = by_unit(quality_by_unit(db, OCTOBER))
    expected = "Tỷ lệ đúng hạn 100% trên 3 hồ sơ; Tỷ lệ hài lòng 100% trên 3 hồ sơ được đánh giá"
    assert rows[A]["tiny_sample_perfect_rates"] == expected and rows[A]["flags"] == expected
    for unit in (B, "Xã C", "Xã D"):
        assert rows[unit]["tiny_sample_perfect_rates"] == "" and rows[unit]["flags"] == "", unit
    # The threshold is the caller's: 30 dossiers are a tiny sample when 31 are needed.
    big = by_unit(quality_by_unit(db, OCTOBER, tiny_sample=31))[B]
    assert big["tiny_sample_perfect_rates"] == (
        "Tỷ lệ đúng hạn 100% trên 30 hồ sơ; Tỷ lệ hài lòng 100% trên 30 hồ sơ được đánh giá"
    )


def test_shares_without_a_denominator_are_nan(tmp_path):
    rows = [dossier("A0", "05/10/2026", "08/10/2026", unit=A), *on_time("B", 3, B)]
    rows = by_unit(quality_by_unit(store(tmp_path / "q.duckdb", rows), OCTOBER))
    a = rows[A]  # one open dossier: nothing finished, no time limit to compare with
    assert (a["finished"], a["finished_with_due"], a["due_and_limit"]) == (0, 0, 0)
    assert math.isnan(a["share_finished_on_due_day"]) and math.isnan(a["share_due_disagrees_with_limit"])
    assert a["share_missing_dates"] == 0.0 and a["flags"] == ""
    assert rows[B]["share_finished_on_due_day"] == 0.0


def test_columns_counts_and_filters_agree_with_form06(tmp_path):
    rows = [
        *on_time("A", 3, A),
        dossier("A3", "20/09/2026", "25/09/2026", "02/10/2026", unit=A),  # from the previous period, late
        dossier("A4", "20/09/2026", "25/09/2026", unit=A, status="paused"),
        dossier("A5", "01/11/2026", "05/11/2026", unit=A),  # after the period: absent
        *on_time("B", 2, B, channel="online"),
        dossier("B2", "10/10/2026", "15/10/2026", "14/10/2026", unit=B, status="withdrawn"),
    ]
    db = store(tmp_path / "q.duckdb", rows)
    frame = quality_by_unit(db, OCTOBER)
    assert tuple(frame.columns) == COLUMNS and frame["unit"].tolist() == [A, B]
    counts = form06(db, OCTOBER, group_by="unit").set_index("unit")
    for _, row in frame.iterrows():
        assert row["dossiers"] == counts.loc[row["unit"], "c3"]
        assert row["finished"] == counts.loc[row["unit"], "c7"]
    only_b = quality_by_unit(db, OCTOBER, filters=Filters(unit_keys=("xã b",)))
    assert only_b["unit"].tolist() == [B] and only_b.iloc[0]["dossiers"] == 3


def test_a_period_without_dossiers_gives_no_rows(tmp_path):
    db = store(tmp_path / "q.duckdb", on_time("A", 3, A))
    frame = quality_by_unit(db, Period(date(2020, 1, 1), date(2020, 1, 31), "Tháng 1/2020", "month"))
    assert frame.empty and tuple(frame.columns) == COLUMNS


@pytest.mark.parametrize("tiny", [0, -1, 2.5, True])
def test_the_tiny_sample_threshold_is_a_positive_whole_number(tmp_path, tiny):
    db = store(tmp_path / "q.duckdb", on_time("A", 1, A))
    with pytest.raises(ValueError, match="Ngưỡng mẫu nhỏ"):
        quality_by_unit(db, OCTOBER, tiny_sample=tiny)
