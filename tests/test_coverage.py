"""Issue 11 §2 and §4: a period the data does not cover to its end is labelled and compared honestly; the
default period is the latest complete one; the data date is told per unit."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st
from kpi_fixtures import dossier, store

from dashboard.kpi import coverage, periods
from dashboard.kpi.summary import compared_periods, comparison

D = date
THIRTY = {f"u{i}": D(2026, 11, 14) for i in range(28)} | {"u28": D(2026, 12, 3), "u29": D(2026, 12, 3)}


def test_the_year_that_is_not_over_is_labelled_and_compared_with_the_same_span():
    year = periods.official_year(2026)  # 15/12/2025 – 14/12/2026
    shown = coverage.as_covered(year, {"a": D(2026, 11, 13)})
    assert (shown.start, shown.end) == (D(2025, 12, 15), D(2026, 11, 13))
    assert shown.label == "Kỳ năm 2026 (15/12/2025 – 14/12/2026), chưa trọn kỳ (số liệu đến 13/11)"
    assert coverage.is_partial(shown) and not coverage.is_partial(year)
    compared = compared_periods(shown)
    assert (compared["previous"].start, compared["previous"].end) == (D(2024, 12, 15), D(2025, 11, 13))
    assert "cùng khoảng thời gian" in compared["previous"].label
    assert "year_earlier" not in compared  # for a year the previous kỳ is the year before


def test_a_month_is_compared_with_the_same_days_of_the_month_before_and_of_the_year_before():
    shown = coverage.as_covered(periods.official_month(2026, 12), {"a": D(2026, 12, 3)})
    compared = compared_periods(shown)
    assert (compared["previous"].start, compared["previous"].end) == (D(2026, 10, 15), D(2026, 11, 3))
    assert (compared["year_earlier"].start, compared["year_earlier"].end) == (D(2025, 11, 15), D(2025, 12, 3))


def test_a_complete_period_and_one_after_the_data_are_left_whole():
    month = periods.official_month(2026, 11)
    assert coverage.as_covered(month, {"a": D(2026, 11, 14)}) == month
    later = periods.official_month(2027, 2)
    assert coverage.as_covered(later, {"a": D(2026, 11, 14)}) == later


def test_every_active_unit_must_reach_the_end_but_a_dissolved_one_does_not_hold_the_period_open():
    assert coverage.covered_to(THIRTY, periods.official_month(2026, 11)) == D(2026, 11, 14)
    assert coverage.is_complete(periods.official_month(2026, 11), THIRTY)
    # Kỳ tháng 12 (15/11 – 14/12): only two units have data in it, to 03/12.
    assert coverage.covered_to(THIRTY, periods.official_month(2026, 12)) == D(2026, 12, 3)
    dissolved = THIRTY | {"old": D(2025, 6, 30)}
    assert coverage.is_complete(periods.official_month(2026, 11), dissolved)
    late_unit = THIRTY | {"late": D(2026, 11, 1)}
    assert not coverage.is_complete(periods.official_month(2026, 11), late_unit)


def test_the_default_period_is_the_latest_complete_one_of_each_kind():
    assert coverage.latest_complete("official_month", THIRTY) == periods.official_month(2026, 11)
    assert coverage.latest_complete("official_quarter", THIRTY) == periods.official_quarter(2026, 3)
    assert coverage.latest_complete("official_year", THIRTY) == periods.official_year(2025)
    assert coverage.latest_complete("official_half", THIRTY) == periods.official_half(2026)
    assert coverage.latest_complete("official_nine_months", THIRTY) == periods.official_nine_months(2026)
    assert coverage.latest_complete("month", THIRTY) == periods.calendar_month(2026, 10)
    assert coverage.latest_complete("quarter", THIRTY) == periods.calendar_quarter(2026, 3)
    assert coverage.latest_complete("official_month", {}) is None


def test_the_stamp_tells_the_units_whose_data_reaches_another_day():
    assert coverage.stamp_text(THIRTY) == "14/11/2026; 2 đơn vị đến 03/12/2026"
    assert coverage.stamp_text({"a": D(2026, 11, 14)}) == "14/11/2026"
    assert coverage.stamp_text({}) == ""


def test_the_data_dates_are_read_per_unit(tmp_path):
    rows = [dossier("A1", "01/11/2026", unit="Phường A", snapshot_at=D(2026, 11, 14))]
    rows += [dossier("B1", "20/11/2026", unit="Xã B", snapshot_at=D(2026, 12, 3))]
    db = store(tmp_path / "dates.duckdb", rows)
    assert coverage.unit_data_dates(db) == {"phường a": D(2026, 11, 14), "xã b": D(2026, 12, 3)}


def test_an_unfinished_year_is_not_compared_with_a_full_one(tmp_path):
    """The Word report's "giảm 3,97%" came from 11 months against 12: now both sides cover the same days."""
    rows = []
    for year in (2025, 2026):
        for month in range(1, 12):  # received and resolved on the 3rd of January … November
            day = D(year, month, 3)
            rows.append(dossier(f"{year}-{month}", day.strftime("%d/%m/%Y"), finished=day.strftime("%d/%m/%Y"),
                                due=(day + timedelta(days=5)).strftime("%d/%m/%Y"), snapshot_at=D(2026, 11, 13)))  # fmt: skip
    rows.append(dossier("2025-12", "03/12/2025", finished="03/12/2025", due="08/12/2025"))
    db = store(tmp_path / "year.duckdb", rows)
    shown = coverage.as_covered(periods.official_year(2026), coverage.unit_data_dates(db))
    table = comparison(db, shown).set_index("compared")
    assert table.loc["current", "c3"] == table.loc["previous", "c3"] == 11  # not 11 against 12


@given(st.dates(D(2020, 1, 1), D(2030, 12, 31)), st.sampled_from(periods.TILING_KINDS), st.integers(0, 400))
def test_the_same_span_lies_in_the_previous_period_from_its_start(day, kind, length):
    whole = periods.containing(day, kind)
    last = min(whole.start + timedelta(days=length), whole.end - timedelta(days=1))
    if last < whole.start:
        return
    span = periods.beginning(whole, last, "x")
    before = periods.previous(span)
    assert before.whole == periods.previous(whole)
    assert before.whole.start == before.start <= before.end <= before.whole.end
    earlier = periods.year_earlier(span)
    assert earlier.whole == periods.year_earlier(whole)
    assert earlier.start == earlier.whole.start and earlier.end <= earlier.whole.end
