"""Reporting periods (KPI_SPEC §3): official kỳ closing on the 14th, calendar periods, navigation, buckets."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.kpi import periods as P
from dashboard.kpi.periods import Period

D = dt.date
ONE_DAY = dt.timedelta(days=1)


# --- Official kỳ (KPI_SPEC §3) ------------------------------------------------------------------------------


def test_kpi_spec_example_nine_months_2024():
    # KPI_SPEC §3: "15/12/2023 – 14/09/2024 is the 9-month report of 2024".
    assert P.official_nine_months(2024) == Period(
        D(2023, 12, 15),
        D(2024, 9, 14),
        "Kỳ 9 tháng năm 2024 (15/12/2023 – 14/09/2024)",
        "official_nine_months",
    )


def test_official_month_label_from_the_brief():
    assert P.official_month(2026, 10) == Period(
        D(2026, 9, 15), D(2026, 10, 14), "Kỳ tháng 10/2026 (15/09/2026 – 14/10/2026)", "official_month"
    )


@pytest.mark.parametrize("month", range(1, 13))
def test_every_official_month_of_2026(month):
    period = P.official_month(2026, month)
    previous_month = (2025, 12) if month == 1 else (2026, month - 1)
    assert period.start == D(*previous_month, 15)
    assert period.end == D(2026, month, 14)
    assert period.kind == "official_month"
    assert period.label.startswith(f"Kỳ tháng {month:02d}/2026 (")


def test_every_official_quarter_of_2026():
    expected = {
        1: (D(2025, 12, 15), D(2026, 3, 14), "Kỳ quý I/2026 (15/12/2025 – 14/03/2026)"),
        2: (D(2026, 3, 15), D(2026, 6, 14), "Kỳ quý II/2026 (15/03/2026 – 14/06/2026)"),
        3: (D(2026, 6, 15), D(2026, 9, 14), "Kỳ quý III/2026 (15/06/2026 – 14/09/2026)"),
        4: (D(2026, 9, 15), D(2026, 12, 14), "Kỳ quý IV/2026 (15/09/2026 – 14/12/2026)"),
    }
    for quarter, (start, end, label) in expected.items():
        assert P.official_quarter(2026, quarter) == Period(start, end, label, "official_quarter")


def test_official_half_nine_months_year_of_2026():
    assert P.official_half(2026) == Period(
        D(2025, 12, 15), D(2026, 6, 14), "Kỳ 6 tháng đầu năm 2026 (15/12/2025 – 14/06/2026)", "official_half"
    )
    assert P.official_nine_months(2026) == Period(
        D(2025, 12, 15),
        D(2026, 9, 14),
        "Kỳ 9 tháng năm 2026 (15/12/2025 – 14/09/2026)",
        "official_nine_months",
    )
    assert P.official_year(2026) == Period(
        D(2025, 12, 15), D(2026, 12, 14), "Kỳ năm 2026 (15/12/2025 – 14/12/2026)", "official_year"
    )


def test_official_quarters_tile_the_official_year():
    quarters = [P.official_quarter(2026, q) for q in range(1, 5)]
    assert quarters[0].start == P.official_year(2026).start
    assert quarters[-1].end == P.official_year(2026).end
    for before, after in zip(quarters, quarters[1:], strict=False):
        assert before.end + ONE_DAY == after.start


# --- Calendar periods ---------------------------------------------------------------------------------------


def test_calendar_periods():
    assert P.calendar_month(2026, 3) == Period(D(2026, 3, 1), D(2026, 3, 31), "Tháng 03/2026", "month")
    assert P.calendar_month(2024, 2).end == D(2024, 2, 29)
    assert P.calendar_month(2026, 2).end == D(2026, 2, 28)
    assert P.calendar_quarter(2026, 4) == Period(D(2026, 10, 1), D(2026, 12, 31), "Quý IV/2026", "quarter")
    assert P.calendar_year(2026) == Period(D(2026, 1, 1), D(2026, 12, 31), "Năm 2026", "year")
    assert P.custom(D(2026, 3, 1), D(2026, 3, 31)) == Period(
        D(2026, 3, 1), D(2026, 3, 31), "Từ 01/03/2026 đến 31/03/2026", "custom"
    )


def test_iso_week():
    assert P.iso_week(2026, 12) == Period(
        D(2026, 3, 16), D(2026, 3, 22), "Tuần 12/2026 (16/03 – 22/03/2026)", "week"
    )
    # Week 1 of 2026 starts on Monday 29/12/2025: the label shows both years.
    assert P.iso_week(2026, 1) == Period(
        D(2025, 12, 29), D(2026, 1, 4), "Tuần 01/2026 (29/12/2025 – 04/01/2026)", "week"
    )
    assert P.iso_week(2026, 53).end == D(2027, 1, 3)  # 2026 has 53 ISO weeks
    with pytest.raises(ValueError):
        P.iso_week(2025, 53)  # 2025 has 52


def test_custom_end_before_start_is_refused():
    with pytest.raises(ValueError, match="Kỳ không hợp lệ"):
        P.custom(D(2026, 3, 2), D(2026, 3, 1))


@pytest.mark.parametrize(
    ("kind", "year", "number"),
    [
        ("official_month", 2026, 13),
        ("official_month", 2026, 0),
        ("official_month", 2026, None),
        ("quarter", 2026, 5),
        ("official_year", 2026, 1),
        ("week", 2026, 54),
        ("month", 2026, 3.0),
        ("custom", 2026, None),
        ("fortnight", 2026, 1),
    ],
)
def test_build_refuses_bad_numbers_and_kinds(kind, year, number):
    with pytest.raises((ValueError, TypeError)):
        P.build(kind, year, number)


# --- January edge cases -------------------------------------------------------------------------------------


def test_january_edges():
    january = P.official_month(2026, 1)
    assert (january.start, january.end) == (D(2025, 12, 15), D(2026, 1, 14))
    assert P.previous(january) == P.official_month(2025, 12)
    assert P.containing(D(2025, 12, 15), "official_month") == january
    assert P.containing(D(2025, 12, 14), "official_month") == P.official_month(2025, 12)
    assert P.containing(D(2025, 12, 31), "official_quarter") == P.official_quarter(2026, 1)
    assert P.containing(D(2025, 12, 15), "official_year") == P.official_year(2026)
    assert P.containing(D(2025, 12, 15), "official_half") == P.official_half(2026)
    assert P.containing(D(2026, 1, 1), "week") == P.iso_week(2026, 1)
    assert P.previous(P.iso_week(2026, 1)) == P.iso_week(2025, 52)
    assert P.previous(P.calendar_month(2026, 1)) == P.calendar_month(2025, 12)
    assert P.previous(P.official_quarter(2026, 1)) == P.official_quarter(2025, 4)


# --- previous / year_earlier for each kind ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "expected_previous", "expected_year_earlier"),
    [
        (P.official_month(2026, 10), P.official_month(2026, 9), P.official_month(2025, 10)),
        (P.official_quarter(2026, 2), P.official_quarter(2026, 1), P.official_quarter(2025, 2)),
        (P.official_half(2026), P.official_half(2025), P.official_half(2025)),
        (P.official_nine_months(2024), P.official_nine_months(2023), P.official_nine_months(2023)),
        (P.official_year(2026), P.official_year(2025), P.official_year(2025)),
        (P.calendar_month(2026, 3), P.calendar_month(2026, 2), P.calendar_month(2025, 3)),
        (P.calendar_quarter(2026, 1), P.calendar_quarter(2025, 4), P.calendar_quarter(2025, 1)),
        (P.calendar_year(2026), P.calendar_year(2025), P.calendar_year(2025)),
        (P.iso_week(2026, 12), P.iso_week(2026, 11), P.iso_week(2025, 12)),
        (P.iso_week(2026, 53), P.iso_week(2026, 52), P.iso_week(2025, 52)),
        (
            P.custom(D(2026, 3, 1), D(2026, 3, 31)),
            P.custom(D(2026, 1, 29), D(2026, 2, 28)),  # 31 days ending the day before
            P.custom(D(2025, 3, 1), D(2025, 3, 31)),
        ),
        (
            P.custom(D(2024, 2, 1), D(2024, 2, 29)),
            P.custom(D(2024, 1, 3), D(2024, 1, 31)),
            P.custom(D(2023, 2, 1), D(2023, 2, 28)),  # 29/02 clamped to 28/02
        ),
        (
            P.custom(D(2024, 2, 29), D(2024, 2, 29)),
            P.custom(D(2024, 2, 28), D(2024, 2, 28)),
            P.custom(D(2023, 2, 28), D(2023, 2, 28)),
        ),
    ],
    ids=lambda p: p.kind,
)
def test_previous_and_year_earlier(period, expected_previous, expected_year_earlier):
    assert P.previous(period) == expected_previous
    assert P.year_earlier(period) == expected_year_earlier


def test_a_clipped_period_navigates_like_a_custom_one():
    clipped = P.buckets(P.custom(D(2026, 3, 10), D(2026, 4, 5)), "month")[0]
    assert clipped == Period(D(2026, 3, 10), D(2026, 3, 31), "Tháng 03/2026", "month")
    assert not P.is_whole(clipped)
    assert P.previous(clipped) == P.custom(D(2026, 2, 16), D(2026, 3, 9))  # 22 days
    assert P.year_earlier(clipped) == P.custom(D(2025, 3, 10), D(2025, 3, 31))


# --- containing() on the 14th and the 15th ------------------------------------------------------------------


def test_containing_on_the_14th_and_the_15th():
    assert P.containing(D(2026, 10, 14), "official_month") == P.official_month(2026, 10)
    assert P.containing(D(2026, 10, 15), "official_month") == P.official_month(2026, 11)
    assert P.containing(D(2026, 10, 20), "official_month") == Period(
        D(2026, 10, 15), D(2026, 11, 14), "Kỳ tháng 11/2026 (15/10/2026 – 14/11/2026)", "official_month"
    )
    assert P.containing(D(2026, 3, 14), "official_quarter") == P.official_quarter(2026, 1)
    assert P.containing(D(2026, 3, 15), "official_quarter") == P.official_quarter(2026, 2)
    assert P.containing(D(2026, 12, 14), "official_year") == P.official_year(2026)
    assert P.containing(D(2026, 12, 15), "official_year") == P.official_year(2027)
    assert P.containing(D(2026, 6, 14), "official_half") == P.official_half(2026)
    assert P.containing(D(2026, 9, 14), "official_nine_months") == P.official_nine_months(2026)
    # The calendar kinds ignore the 15th.
    assert P.containing(D(2026, 10, 15), "month") == P.calendar_month(2026, 10)


def test_containing_refuses_days_in_no_period_of_the_kind():
    with pytest.raises(ValueError, match="không thuộc"):
        P.containing(D(2026, 6, 15), "official_half")
    with pytest.raises(ValueError, match="không thuộc"):
        P.containing(D(2026, 12, 14), "official_nine_months")
    with pytest.raises(ValueError):
        P.containing(D(2026, 6, 15), "custom")


# --- buckets ------------------------------------------------------------------------------------------------


def test_buckets_of_an_official_quarter_by_month():
    parts = P.buckets(P.official_quarter(2026, 1), "month")
    assert [(p.start, p.end, p.label, p.kind) for p in parts] == [
        (D(2025, 12, 15), D(2025, 12, 31), "Tháng 12/2025", "month"),
        (D(2026, 1, 1), D(2026, 1, 31), "Tháng 01/2026", "month"),
        (D(2026, 2, 1), D(2026, 2, 28), "Tháng 02/2026", "month"),
        (D(2026, 3, 1), D(2026, 3, 14), "Tháng 03/2026", "month"),
    ]
    assert [P.is_whole(p) for p in parts] == [False, True, True, False]


def test_buckets_of_an_official_year_by_official_month_are_its_twelve_kỳ():
    parts = P.buckets(P.official_year(2026), "official_month")
    assert [(p.start, p.end) for p in parts] == [
        (P.official_month(2026, m).start, P.official_month(2026, m).end) for m in range(1, 13)
    ]
    assert parts[0].label == "Kỳ tháng 01/2026"


def test_buckets_by_week():
    parts = P.buckets(P.calendar_month(2026, 3), "week")
    assert parts[0] == Period(D(2026, 3, 1), D(2026, 3, 1), "Tuần 09/2026", "week")  # Sunday 01/03
    assert parts[3] == Period(D(2026, 3, 16), D(2026, 3, 22), "Tuần 12/2026", "week")
    assert parts[-1] == Period(D(2026, 3, 30), D(2026, 3, 31), "Tuần 14/2026", "week")


def test_buckets_refuse_an_unknown_grain():
    with pytest.raises(ValueError):
        P.buckets(P.calendar_year(2026), "official_half")


# --- UI helpers ---------------------------------------------------------------------------------------------


def test_parse_kind_and_build():
    assert P.parse_kind("official_month") == "official_month"
    assert P.parse_kind("  kỳ THÁNG (15 – 14) ") == "official_month"
    assert P.parse_kind("Tuần") == "week"
    assert P.parse_kind("Kỳ 9 tháng") == "official_nine_months"
    with pytest.raises(ValueError):
        P.parse_kind("hai tuần")
    assert P.build("official_quarter", 2026, 1) == P.official_quarter(2026, 1)
    assert P.build(P.parse_kind("Kỳ năm"), 2026) == P.official_year(2026)
    assert set(P.KIND_LABEL_VI) == set(P.KINDS)


def test_number_range():
    assert P.number_range("official_month", 2026) == range(1, 13)
    assert P.number_range("quarter", 2026) == range(1, 5)
    assert P.number_range("week", 2026) == range(1, 54)
    assert P.number_range("week", 2025) == range(1, 53)
    assert P.number_range("official_half", 2026) is None
    assert all(
        (P.number_range(kind, 2026) is not None) == (kind in P.NUMBERED_KINDS) for kind in P.KINDS[:-1]
    )
    with pytest.raises(ValueError):
        P.number_range("custom", 2026)


# --- Properties ---------------------------------------------------------------------------------------------

YEARS = st.integers(min_value=1901, max_value=2199)
DAYS = st.dates(min_value=D(1901, 1, 1), max_value=D(2199, 12, 31))
GRAINS = st.sampled_from(P.TILING_KINDS)


@st.composite
def built_periods(draw, kinds=tuple(k for k in P.KINDS if k != "custom")):
    kind = draw(st.sampled_from(kinds))
    year = draw(YEARS)
    numbers = P.number_range(kind, year)
    number = None if numbers is None else draw(st.sampled_from(numbers))
    return P.build(kind, year, number)


@st.composite
def custom_periods(draw):
    start = draw(DAYS)
    return P.custom(start, start + dt.timedelta(days=draw(st.integers(0, 800))))


ANY_PERIOD = st.one_of(built_periods(), custom_periods())


def _assert_tiles(parts, period):
    assert parts[0].start == period.start
    assert parts[-1].end == period.end
    for before, after in zip(parts, parts[1:], strict=False):
        assert before.end + ONE_DAY == after.start


@given(ANY_PERIOD, GRAINS)
def test_buckets_are_contiguous_and_cover_the_period(period, grain):
    parts = P.buckets(period, grain)
    _assert_tiles(parts, period)
    assert sum((p.end - p.start).days + 1 for p in parts) == (period.end - period.start).days + 1
    for part in parts:
        assert part.kind == grain
        whole = P.containing(part.start, grain)
        assert whole.start <= part.start <= part.end <= whole.end  # each bucket lies inside one grain period
        assert P.is_whole(part) == ((whole.start, whole.end) == (part.start, part.end))


@given(st.one_of(built_periods(P.TILING_KINDS), custom_periods()))
def test_previous_ends_the_day_before(period):
    before = P.previous(period)
    assert before.end + ONE_DAY == period.start
    assert before.kind == period.kind


@given(built_periods(("official_half", "official_nine_months")))
def test_previous_of_a_cumulative_kỳ_is_the_same_kỳ_a_year_earlier(period):
    assert P.previous(period) == P.year_earlier(period)


@given(DAYS, GRAINS)
def test_containing_contains_the_day(day, kind):
    period = P.containing(day, kind)
    assert period.start <= day <= period.end
    assert period.kind == kind
    assert P.is_whole(period)


@given(DAYS, st.sampled_from(["official_half", "official_nine_months"]))
def test_containing_a_cumulative_kỳ_contains_the_day_or_refuses(day, kind):
    year = day.year + 1 if (day.month, day.day) >= (12, 15) else day.year
    candidate = P.build(kind, year)
    if candidate.start <= day <= candidate.end:
        assert P.containing(day, kind) == candidate
    else:
        with pytest.raises(ValueError):
            P.containing(day, kind)


@given(built_periods())
def test_year_earlier_twice_is_two_years_earlier(period):
    year, number = P.period_key(period)
    if period.kind == "week":
        number = min(number, P.number_range("week", year - 2)[-1])
    assert P.year_earlier(P.year_earlier(period)) == P.build(period.kind, year - 2, number)


@given(built_periods())
def test_built_periods_round_trip_through_their_key(period):
    assert P.build(period.kind, *P.period_key(period)) == period
    assert P.is_whole(period)


@given(custom_periods())
def test_year_earlier_of_a_custom_period_keeps_day_and_month(period):
    earlier = P.year_earlier(period)
    for before, now in ((earlier.start, period.start), (earlier.end, period.end)):
        assert before.year == now.year - 1
        if (now.month, now.day) == (2, 29):
            assert (before.month, before.day) == (2, 28)
        else:
            assert (before.month, before.day) == (now.month, now.day)
