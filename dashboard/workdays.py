"""Working-day calendar for one-stop deadlines (KPI_SPEC §6).

Working days are Monday–Friday minus Vietnam's public holidays, as given by the maintained `holidays` library
(Tết, Hùng Kings, 30/4, 1/5, 2/9, Vietnam Culture Day from 2026, and the "observed" days when a holiday falls on
a weekend), minus the weekdays the Government swaps off ("Day off (substituted from …)"), plus the Saturdays
worked in exchange (the library's `weekend_workdays`). Users override the calendar with their own extra days
off and swapped working Saturdays, because the swaps are decided each year (KPI_SPEC §6).

Conventions, used by every KPI that counts working days:

- Due date (ngày hẹn trả) of a procedure with a limit of n working days received on `start`:
  `add_working_days(start, n)`. The receipt day is day 0 and counting starts on the next working day, so a
  1-day procedure received on Monday is due on Tuesday, and n = 0 means the same day. A dossier received on a
  non-working day (online, over a weekend) counts as received on the next working day: that day is day 0.
  This is the date-level form of the "n × 8 working hours from receipt" rule one-stop systems apply.
- `working_days_between(a, b)`: working days after `a` up to and including `b`; negative when b < a. Days late
  = working_days_between(due, finished) (KPI_SPEC §5); for a working day `a`,
  working_days_between(a, add_working_days(a, n)) == n.

The scalar functions are plain Python over a set of days off, written independently of the array functions,
which use precomputed lookup tables (a cumulative count of working days per calendar day): O(1) per date, a
few milliseconds for 200,000 dates, where np.busday_offset with ~2,000 holidays takes ~100 ms. Both are built
on the same `np.busdaycalendar` (weekmask "1111111", every non-working day listed as a holiday), which is the
only way numpy can express a working Saturday; the tests check all three against each other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import lru_cache

import holidays
import numpy as np

DEFAULT_YEARS = (2015, 2035)
# Beyond these years a date is almost surely a typing error; refusing it keeps a bad date from making the
# calendar compute holidays for centuries.
MIN_YEAR, MAX_YEAR = 1990, 2100

_EPOCH_WEEKDAY = 3  # 1970-01-01 was a Thursday (Monday = 0)


def _as_date(value: dt.date) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _as_days(values) -> np.ndarray:
    return np.asarray(values, dtype="datetime64[D]")


class WorkCalendar:
    """Vietnamese working days with user overrides.

    extra_days_off: days off that the library does not know (a province's own swaps, a local holiday).
    working_saturdays: weekend days (or holidays) worked in exchange for a day off; they are working days.
    use_library_swaps: also apply the swaps the library knows (its `weekend_workdays`, e.g. Sat 04/05/2024).

    Holidays are computed for DEFAULT_YEARS on first use and the range grows on demand (MIN_YEAR–MAX_YEAR).
    """

    def __init__(
        self,
        extra_days_off: Iterable[dt.date] = (),
        working_saturdays: Iterable[dt.date] = (),
        *,
        use_library_swaps: bool = True,
    ) -> None:
        self.extra_days_off = frozenset(_as_date(d) for d in extra_days_off)
        self.working_saturdays = frozenset(_as_date(d) for d in working_saturdays)
        both = self.extra_days_off & self.working_saturdays
        if both:
            days = ", ".join(d.strftime("%d/%m/%Y") for d in sorted(both))
            raise ValueError(f"Ngày vừa là ngày nghỉ vừa là ngày làm bù: {days}")
        self.use_library_swaps = use_library_swaps
        self._years: tuple[int, int] | None = None
        self._days_off: set[dt.date] = set()
        self._worked: set[dt.date] = set()
        self._holiday_names: dict[dt.date, str] = {}
        # Lookup tables over [_first, _first + len): _working[i] for day i, _cum[i] = working days in
        # [_first, day i] (inclusive), _working_days = the working days in order.
        self._first = np.datetime64("1970-01-01", "D")
        self._working = np.zeros(0, dtype=bool)
        self._cum = np.zeros(0, dtype=np.int64)
        self._working_days = np.zeros(0, dtype="datetime64[D]")
        self.busdaycalendar: np.busdaycalendar | None = None

    # -- building ---------------------------------------------------------------------------------------

    def _ensure_years(self, lo: int, hi: int) -> None:
        if self._years is not None and self._years[0] <= lo and hi <= self._years[1]:
            return
        if lo < MIN_YEAR or hi > MAX_YEAR:
            raise ValueError(f"Ngày ngoài phạm vi lịch làm việc ({MIN_YEAR}–{MAX_YEAR})")
        if self._years is None:
            lo, hi = min(lo, DEFAULT_YEARS[0]), max(hi, DEFAULT_YEARS[1])
        else:
            lo, hi = min(lo, self._years[0]), max(hi, self._years[1])
        self._build(lo, hi)

    def _build(self, lo: int, hi: int) -> None:
        library = holidays.country_holidays("VN", years=range(lo, hi + 1))
        first, last = dt.date(lo, 1, 1), dt.date(hi, 12, 31)
        names = {d: n for d, n in library.items() if first <= d <= last}
        worked = set(self.working_saturdays)
        if self.use_library_swaps:
            worked |= {d for d in library.weekend_workdays if first <= d <= last}
        worked -= self.extra_days_off
        days_off = (set(names) | self.extra_days_off) - worked

        span = np.arange(np.datetime64(first, "D"), np.datetime64(last, "D") + 1)
        weekend = (span.astype(np.int64) + _EPOCH_WEEKDAY) % 7 >= 5
        off = weekend.copy()
        for days, value in ((days_off, True), (worked, False)):
            inside = [d for d in days if first <= d <= last]
            if inside:
                off[(np.array(inside, dtype="datetime64[D]") - span[0]).astype(np.int64)] = value

        self._years = (lo, hi)
        self._days_off, self._worked, self._holiday_names = days_off, worked, names
        # The numpy calendar is the single source for the lookup tables: all days count, and every
        # non-working day is a "holiday" (numpy cannot otherwise add a working Saturday).
        self.busdaycalendar = np.busdaycalendar(weekmask="1111111", holidays=span[off])
        self._first = span[0]
        self._working = np.is_busday(span, busdaycal=self.busdaycalendar)
        self._cum = np.cumsum(self._working, dtype=np.int64)
        self._working_days = span[self._working]

    def _ensure_dates(self, days: np.ndarray, extra_days: int = 0) -> None:
        valid = days[~np.isnat(days)]
        if valid.size == 0:
            self._ensure_years(*DEFAULT_YEARS)
            return
        lo = int(valid.min().astype("datetime64[Y]").astype(np.int64)) + 1970
        top = valid.max() + np.timedelta64(int(extra_days), "D")
        hi = int(top.astype("datetime64[Y]").astype(np.int64)) + 1970
        self._ensure_years(lo, hi)

    # -- scalar API (plain Python) ----------------------------------------------------------------------

    def is_working_day(self, day: dt.date) -> bool:
        day = _as_date(day)
        self._ensure_years(day.year, day.year)
        if day in self._worked:
            return True
        return day.weekday() < 5 and day not in self._days_off

    def add_working_days(self, start: dt.date, n: int) -> dt.date:
        """Due date of an n-working-day procedure received on `start` (see the module docstring)."""
        if n < 0:
            raise ValueError("n must be ≥ 0")
        day = _as_date(start)
        while not self.is_working_day(day):
            day += dt.timedelta(days=1)
        while n > 0:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                n -= 1
        return day

    def working_days_between(self, a: dt.date, b: dt.date) -> int:
        """Working days in (a, b]; −(working days in (b, a]) when b < a."""
        a, b = _as_date(a), _as_date(b)
        if b < a:
            return -self.working_days_between(b, a)
        count, day = 0, a
        while day < b:
            day += dt.timedelta(days=1)
            count += self.is_working_day(day)
        return count

    def next_working_day(self, day: dt.date) -> dt.date:
        """`day` itself when it is a working day, else the first working day after it."""
        return self.add_working_days(day, 0)

    def holiday_name(self, day: dt.date) -> str | None:
        """The library's name of a public holiday (English), or None."""
        day = _as_date(day)
        self._ensure_years(day.year, day.year)
        return self._holiday_names.get(day)

    def lunar_new_year(self, year: int) -> dt.date:
        """Mùng 1 Tết of a Gregorian year, from the library (used for the demo's seasonality)."""
        self._ensure_years(year, year)
        for day, name in self._holiday_names.items():
            if day.year == year and name == "Lunar New Year":
                return day
        raise LookupError(f"No Lunar New Year in {year}")

    # -- vectorised API (numpy datetime64[D]) -----------------------------------------------------------

    def _index(self, days: np.ndarray) -> np.ndarray:
        return (days - self._first).astype(np.int64)

    def is_working_day_array(self, days) -> np.ndarray:
        """Boolean array; NaT → False."""
        days = _as_days(days)
        self._ensure_dates(days)
        out = np.zeros(days.shape, dtype=bool)
        valid = ~np.isnat(days)
        out[valid] = self._working[self._index(days[valid])]
        return out

    def add_working_days_array(self, start, n) -> np.ndarray:
        """Element-wise add_working_days; `n` is a scalar or an array of the same shape. NaT stays NaT."""
        start = _as_days(start)
        n = np.broadcast_to(np.asarray(n, dtype=np.int64), start.shape)
        if np.any(n < 0):
            raise ValueError("n must be ≥ 0")
        # Two calendar days per working day, plus a month, always reaches past the result.
        self._ensure_dates(start, extra_days=2 * int(n.max(initial=0)) + 31)
        out = np.full(start.shape, np.datetime64("NaT"), dtype="datetime64[D]")
        valid = ~np.isnat(start)
        idx = self._index(start[valid])
        # Working days strictly before `start` = the position of the first working day ≥ start.
        before = self._cum[idx] - self._working[idx]
        out[valid] = self._working_days[before + n[valid]]
        return out

    def working_days_between_array(self, a, b, *, nat_value: int | None = None) -> np.ndarray:
        """Element-wise working_days_between as int64.

        A pair with a NaT raises ValueError unless `nat_value` is given, which is then used for it: a count
        has no null in numpy, and a silent 0 would look like "on time".
        """
        a, b = np.broadcast_arrays(_as_days(a), _as_days(b))
        invalid = np.isnat(a) | np.isnat(b)
        if invalid.any() and nat_value is None:
            raise ValueError("NaT in working_days_between_array (pass nat_value to fill it)")
        self._ensure_dates(np.concatenate([a.ravel(), b.ravel()]))
        out = np.full(a.shape, 0 if nat_value is None else nat_value, dtype=np.int64)
        valid = ~invalid
        out[valid] = self._cum[self._index(b[valid])] - self._cum[self._index(a[valid])]
        return out

    def calendar_table(self, first: dt.date, last: dt.date) -> dict[str, np.ndarray]:
        """Day-by-day table for joins in SQL: day, is_working, workday_index.

        workday_index = working days from `first` up to and including the day, so working days in (a, b] is
        index(b) − index(a) for any a, b in the table.
        """
        days = np.arange(np.datetime64(_as_date(first), "D"), np.datetime64(_as_date(last), "D") + 1)
        self._ensure_dates(days)
        idx = self._index(days)
        cum = self._cum[idx] - (self._cum[idx[0]] - self._working[idx[0]]) if days.size else idx
        return {"day": days, "is_working": self._working[idx], "workday_index": cum}


@lru_cache(maxsize=1)
def default_calendar() -> WorkCalendar:
    """The shared calendar without user overrides."""
    return WorkCalendar()
