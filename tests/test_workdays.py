"""Working-day calendar (KPI_SPEC §6)."""

from __future__ import annotations

import datetime as dt
import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.workdays import WorkCalendar, default_calendar

D = dt.date
CAL = default_calendar()


def test_tet_2024_break_is_off():
    # Mùng 1 Tết Giáp Thìn was Sat 10/02/2024; the official break was Thu 8 – Wed 14/02/2024.
    assert CAL.lunar_new_year(2024) == D(2024, 2, 10)
    for day in range(8, 15):
        assert not CAL.is_working_day(D(2024, 2, day)), day
    assert CAL.is_working_day(D(2024, 2, 7))
    assert CAL.is_working_day(D(2024, 2, 15))


def test_national_day_and_weekends():
    assert not CAL.is_working_day(D(2024, 9, 2))
    assert not CAL.is_working_day(D(2025, 9, 2))
    assert not CAL.is_working_day(D(2026, 9, 2))
    assert not CAL.is_working_day(D(2024, 11, 16))  # Saturday
    assert not CAL.is_working_day(D(2024, 11, 17))  # Sunday
    assert CAL.is_working_day(D(2024, 11, 18))


def test_library_swaps_are_applied():
    # 2024: Mon 29/04 off, worked on Sat 04/05 (the library knows this swap).
    assert not CAL.is_working_day(D(2024, 4, 29))
    assert CAL.is_working_day(D(2024, 5, 4))
    assert not WorkCalendar(use_library_swaps=False).is_working_day(D(2024, 5, 4))


def test_user_overrides():
    swap_off, swap_on = D(2025, 12, 31), D(2025, 12, 27)  # a Wednesday off, worked on a Saturday
    assert CAL.is_working_day(swap_off) and not CAL.is_working_day(swap_on)
    cal = WorkCalendar(extra_days_off=[swap_off], working_saturdays=[swap_on])
    assert not cal.is_working_day(swap_off)
    assert cal.is_working_day(swap_on)
    # Received on Friday 26/12 with a 1-day limit: due on the working Saturday.
    assert cal.add_working_days(D(2025, 12, 26), 1) == swap_on
    # Vectorised path agrees.
    days = np.array([swap_off, swap_on], dtype="datetime64[D]")
    assert cal.is_working_day_array(days).tolist() == [False, True]
    assert cal.add_working_days_array(np.array([D(2025, 12, 26)], dtype="datetime64[D]"), 1)[0] == (
        np.datetime64(swap_on)
    )
    with pytest.raises(ValueError):
        WorkCalendar(extra_days_off=[swap_on], working_saturdays=[swap_on])


def test_add_working_days_across_weekend():
    friday = D(2024, 11, 15)
    assert CAL.add_working_days(friday, 0) == friday
    assert CAL.add_working_days(friday, 1) == D(2024, 11, 18)
    assert CAL.add_working_days(friday, 3) == D(2024, 11, 20)
    # Received on Saturday: Monday is day 0.
    assert CAL.add_working_days(D(2024, 11, 16), 0) == D(2024, 11, 18)
    assert CAL.add_working_days(D(2024, 11, 16), 1) == D(2024, 11, 19)
    assert CAL.working_days_between(friday, D(2024, 11, 20)) == 3
    assert CAL.working_days_between(D(2024, 11, 20), friday) == -3
    assert CAL.working_days_between(friday, friday) == 0


def test_add_working_days_across_tet():
    # Wed 07/02/2024 was the last working day before Tết; Thu 15/02 the first one after.
    assert CAL.add_working_days(D(2024, 2, 7), 1) == D(2024, 2, 15)
    assert CAL.add_working_days(D(2024, 2, 5), 3) == D(2024, 2, 15)
    assert CAL.add_working_days(D(2024, 2, 10), 0) == D(2024, 2, 15)
    assert CAL.working_days_between(D(2024, 2, 7), D(2024, 2, 15)) == 1


def test_datetimes_are_taken_by_date():
    assert CAL.add_working_days(dt.datetime(2024, 11, 15, 16, 30), 1) == D(2024, 11, 18)


def test_nat_handling():
    days = np.array(["2024-11-15", "NaT"], dtype="datetime64[D]")
    assert np.isnat(CAL.add_working_days_array(days, 1)[1])
    assert CAL.is_working_day_array(days).tolist() == [True, False]
    with pytest.raises(ValueError):
        CAL.working_days_between_array(days, days)
    assert CAL.working_days_between_array(days, days, nat_value=-1).tolist() == [0, -1]


def test_calendar_table():
    table = CAL.calendar_table(D(2024, 2, 5), D(2024, 2, 16))
    assert table["is_working"].sum() == 5  # Mon 5 – Wed 7, then Thu 15 and Fri 16
    idx = table["workday_index"]
    assert idx[-1] - idx[2] == CAL.working_days_between(D(2024, 2, 7), D(2024, 2, 16))


def test_vectorised_is_fast():
    rng = np.random.default_rng(0)
    days = np.datetime64("2016-01-01") + rng.integers(0, 7000, 200_000)
    limits = rng.integers(0, 30, 200_000)
    CAL.add_working_days_array(days[:1], 1)  # build the tables outside the timing

    def run() -> float:
        started = time.perf_counter()
        due = CAL.add_working_days_array(days, limits)
        CAL.working_days_between_array(days, due)
        CAL.is_working_day_array(days)
        return time.perf_counter() - started

    # Best of a few runs: the bound is about the code, not about a busy test machine.
    assert min(run() for _ in range(5)) < 0.1


dates = st.dates(min_value=D(2015, 1, 1), max_value=D(2035, 10, 31))


@settings(max_examples=150, deadline=None)
@given(
    starts=st.lists(dates, min_size=1, max_size=40),
    gaps=st.lists(st.integers(-400, 400), min_size=1, max_size=40),
    limits=st.lists(st.integers(0, 45), min_size=1, max_size=40),
)
def test_vectorised_equals_scalar(starts, gaps, limits):
    # The scalar count walks day by day, so the pairs stay within about a year of each other.
    size = min(len(starts), len(gaps), len(limits))
    starts, limits = starts[:size], limits[:size]
    ends = [d + dt.timedelta(days=g) for d, g in zip(starts, gaps[:size], strict=True)]
    a = np.array(starts, dtype="datetime64[D]")
    b = np.array(ends, dtype="datetime64[D]")
    n = np.array(limits)
    assert CAL.is_working_day_array(a).tolist() == [CAL.is_working_day(d) for d in starts]
    due = CAL.add_working_days_array(a, n)
    assert due.tolist() == [CAL.add_working_days(d, k) for d, k in zip(starts, limits, strict=True)]
    # numpy's own business-day offset over the same calendar: a third, independent path.
    assert (due == np.busday_offset(a, n, roll="forward", busdaycal=CAL.busdaycalendar)).all()
    between = CAL.working_days_between_array(a, b)
    assert between.tolist() == [CAL.working_days_between(x, y) for x, y in zip(starts, ends, strict=True)]
    for x, k, d in zip(starts, limits, due.tolist(), strict=True):
        if CAL.is_working_day(x):
            assert CAL.working_days_between(x, d) == k


@settings(max_examples=50, deadline=None)
@given(
    day=dates,
    extra=st.lists(dates, max_size=5),
    saturdays=st.lists(dates.filter(lambda d: d.weekday() == 5), max_size=5),
    n=st.integers(0, 20),
)
def test_overrides_vectorised_equals_scalar(day, extra, saturdays, n):
    saturdays = [d for d in saturdays if d not in extra]
    cal = WorkCalendar(extra_days_off=extra, working_saturdays=saturdays)
    for d in extra:
        assert not cal.is_working_day(d)
    for d in saturdays:
        assert cal.is_working_day(d)
    a = np.array([day], dtype="datetime64[D]")
    assert cal.add_working_days_array(a, n)[0] == np.datetime64(cal.add_working_days(day, n))
