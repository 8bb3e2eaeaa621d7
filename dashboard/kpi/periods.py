"""Reporting periods (KPI_SPEC §3): the official kỳ closing on the 14th, and plain calendar periods.

Pure: dates in, dates out. Both ends are inclusive, whole days.
"""

from __future__ import annotations

import calendar
import operator
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    label: str  # Vietnamese, as on screen and in reports: "Tháng 10/2026 (15/09–14/10/2026)"
    kind: str  # official_month | official_quarter | official_half | official_nine_months | official_year |
    #            month | quarter | year | custom | week
    # Set on a span from a period's start (issue 11 §2): the period it is the beginning of. Such a span is
    # compared with the same span of the previous period and of the year before (see span_of).
    whole: Period | None = None

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"Kỳ không hợp lệ: {self.start:%d/%m/%Y} sau {self.end:%d/%m/%Y}")


# --- Kinds (KPI_SPEC §3) ------------------------------------------------------------------------------------

# Official kỳ (close on the 14th) first, then the calendar ones; "custom" is any from–to.
KINDS = (
    "official_month",
    "official_quarter",
    "official_half",
    "official_nine_months",
    "official_year",
    "month",
    "quarter",
    "year",
    "week",
    "custom",
)
KIND_LABEL_VI = {
    "official_month": "Kỳ tháng (15 – 14)",
    "official_quarter": "Kỳ quý (15 – 14)",
    "official_half": "Kỳ 6 tháng",
    "official_nine_months": "Kỳ 9 tháng",
    "official_year": "Kỳ năm",
    "month": "Tháng",
    "quarter": "Quý",
    "year": "Năm",
    "week": "Tuần",
    "custom": "Từ ngày … đến ngày …",
}
# Kinds that take a number beside the year (month 1–12, quarter 1–4, ISO week 1–52/53); the others take none.
NUMBERED_KINDS = ("official_month", "official_quarter", "month", "quarter", "week")
# Kinds whose periods tile the time line: every day lies in exactly one of them. The 6- and 9-month kỳ do
# not (15/06 – 14/12 is in no 6-month kỳ), and custom periods are anything.
TILING_KINDS = ("official_month", "official_quarter", "official_year", "month", "quarter", "year", "week")
# KPI_SPEC §3: the 6-month, 9-month and year kỳ all start on 15/12 of the previous year; they end on the 14th
# of this month.
_OFFICIAL_CUMULATIVE_END_MONTH = {"official_half": 6, "official_nine_months": 9, "official_year": 12}
_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
# Short labels: buckets and chart axes; full labels add the dates for official kỳ and weeks (see _label).
_SHORT_LABEL = {
    "official_month": "Kỳ tháng {number:02d}/{year}",
    "official_quarter": "Kỳ quý {roman}/{year}",
    "official_half": "Kỳ 6 tháng đầu năm {year}",
    "official_nine_months": "Kỳ 9 tháng năm {year}",
    "official_year": "Kỳ năm {year}",
    "month": "Tháng {number:02d}/{year}",
    "quarter": "Quý {roman}/{year}",
    "year": "Năm {year}",
    "week": "Tuần {number:02d}/{year}",
}
_OFFICIAL_CLOSING_DAY = 14  # KPI_SPEC §3: official kỳ close on the 14th and the next one opens on the 15th


# --- Building a period from (kind, year, number) ------------------------------------------------------------


def number_range(kind: str, year: int) -> range | None:
    """The numbers a kind takes in a year (for a UI's select box), or None for kinds that take no number."""
    if kind in ("official_month", "month"):
        return range(1, 13)
    if kind in ("official_quarter", "quarter"):
        return range(1, 5)
    if kind == "week":
        return range(1, date(year, 12, 28).isocalendar().week + 1)  # 28/12 is always in the last ISO week
    if kind in KINDS and kind != "custom":
        return None
    raise ValueError(f"Loại kỳ không hợp lệ: {kind!r}")


def build(kind: str, year: int, number: int | None = None) -> Period:
    """The period of a kind identified by its year and number, e.g. build("official_quarter", 2026, 1).

    The year of an official kỳ is the year it closes in: kỳ tháng 01/2026 runs 15/12/2025 – 14/01/2026.
    Weeks use the ISO week-numbering year. Custom periods are built with custom(start, end).
    """
    if kind == "custom":
        raise ValueError("Kỳ tùy chọn cần ngày bắt đầu và ngày kết thúc: dùng custom(start, end)")
    number = None if number is None else operator.index(number)  # 3 or numpy's int64(3), never 3.0
    _check_number(kind, year, number)
    start, end = _bounds(kind, year, number)
    return Period(start, end, _label(kind, year, number, start, end), kind)


def parse_kind(text: str) -> str:
    """A kind from its code ("official_month") or its Vietnamese label ("Kỳ tháng (15 – 14)", "tuần")."""
    wanted = _fold(text)
    for kind in KINDS:
        if wanted in (_fold(kind), _fold(KIND_LABEL_VI[kind])):
            return kind
    raise ValueError(f"Loại kỳ không hợp lệ: {text!r}")


def period_key(period: Period) -> tuple[int, int | None]:
    """(year, number) such that build(period.kind, year, number) is the whole period of that kind at its start."""
    return _key_of_day(period.start, period.kind)


def is_whole(period: Period) -> bool:
    """False for a period cut short (a bucket clipped by buckets(), or a hand-made Period whose dates do not
    match its kind). Custom periods are always whole."""
    if period.kind == "custom":
        return True
    whole = build(period.kind, *period_key(period))
    return (whole.start, whole.end) == (period.start, period.end)


# --- Official kỳ (KPI_SPEC §3) ------------------------------------------------------------------------------


def official_month(year: int, month: int) -> Period:
    """Kỳ tháng M: 15 of month M−1 to 14 of month M (January: from 15/12 of the previous year)."""
    return build("official_month", year, month)


def official_quarter(year: int, quarter: int) -> Period:
    """Kỳ quý: 15 of the month before the quarter to 14 of its last month (Q1: 15/12 prev – 14/03)."""
    return build("official_quarter", year, quarter)


def official_half(year: int) -> Period:
    """Kỳ 6 tháng: 15/12 of the previous year to 14/06."""
    return build("official_half", year)


def official_nine_months(year: int) -> Period:
    """Kỳ 9 tháng: 15/12 of the previous year to 14/09 (15/12/2023 – 14/09/2024 is the one of 2024)."""
    return build("official_nine_months", year)


def official_year(year: int) -> Period:
    """Kỳ năm: 15/12 of the previous year to 14/12."""
    return build("official_year", year)


# --- Calendar periods (KPI_SPEC §3: "plain calendar periods") -----------------------------------------------


def calendar_month(year: int, month: int) -> Period:
    return build("month", year, month)


def calendar_quarter(year: int, quarter: int) -> Period:
    return build("quarter", year, quarter)


def calendar_year(year: int) -> Period:
    return build("year", year)


def iso_week(year: int, week: int) -> Period:
    """ISO week, Monday to Sunday; `year` is the ISO week-numbering year (week 1 may start in December)."""
    return build("week", year, week)


def custom(start: date, end: date) -> Period:
    """Any from–to, both days inclusive."""
    return Period(start, end, f"Từ {_dmy(start)} đến {_dmy(end)}", "custom")


# --- Navigation ---------------------------------------------------------------------------------------------


def containing(day: date, kind: str) -> Period:
    """The period of a kind that contains a day. The official kỳ change on the 15th: 14/10/2026 is in kỳ tháng
    10/2026, 15/10/2026 in kỳ tháng 11/2026. Raises ValueError for custom, and for the 6-/9-month kỳ when the
    day is in none of them (15/06 – 14/12, resp. 15/09 – 14/12)."""
    return build(kind, *_key_of_day(day, kind))


def previous(period: Period) -> Period:
    """The period of the same kind just before.

    Tiling kinds: the one ending the day before start (kỳ tháng 01/2026 → kỳ tháng 12/2025, tuần 01 → the last
    week of the previous ISO year). 6- and 9-month kỳ: the same kỳ one year earlier. Custom, and any period
    cut short: a custom period of the same number of days ending the day before start.
    """
    if period.whole is not None:
        return span_of(previous(period.whole), period)
    if period.kind == "custom" or not is_whole(period):
        length = period.end - period.start
        end = period.start - timedelta(days=1)
        return custom(end - length, end)
    if period.kind in TILING_KINDS:
        return containing(period.start - timedelta(days=1), period.kind)
    year, number = period_key(period)
    return build(period.kind, year - 1, number)


def year_earlier(period: Period) -> Period:
    """The same period one year earlier, for year-on-year comparison.

    Whole periods of a kind: the same kind, number and year − 1 (ISO week 53 becomes week 52 in a year that
    has no week 53). Custom, and any period cut short: both dates shifted by one calendar year, as a custom
    period, 29/02 becoming 28/02.
    """
    if period.whole is not None:
        return span_of(year_earlier(period.whole), period)
    if period.kind == "custom" or not is_whole(period):
        return custom(_shift_year(period.start, -1), _shift_year(period.end, -1))
    year, number = period_key(period)
    if period.kind == "week":
        number = min(number, number_range("week", year - 1)[-1])
    return build(period.kind, year - 1, number)


def beginning(period: Period, last_day: date, label: str) -> Period:
    """The span of `period` from its start to last_day (before its end), remembering the whole period: what is
    shown while the data does not yet cover the period to its end (issue 11 §2)."""
    if not period.start <= last_day < period.end:
        raise ValueError(f"{_dmy(last_day)} không nằm trong {period.label} trước ngày cuối kỳ")
    return Period(period.start, last_day, label, period.kind, whole=period)


def span_of(earlier: Period, span: Period) -> Period:
    """The same span of an earlier whole period as `span` is of its own whole period: as many months (weeks for
    a week, days for a custom period) after the start, and the same length, cut at the earlier period's end.
    Kỳ năm 2026 to 13/11/2026 → 15/12/2024 – 13/11/2025 of kỳ năm 2025."""
    whole = span.whole
    if whole.kind == "custom" or whole.kind == "week":
        shift = earlier.start - whole.start
        start, end = span.start + shift, span.end + shift
    else:
        months = (earlier.start.year - whole.start.year) * 12 + earlier.start.month - whole.start.month
        start, end = _shift_months(span.start, months), _shift_months(span.end, months)
    end = min(end, earlier.end)
    if earlier.kind == "custom":
        label = f"Từ {_dmy(start)} đến {_dmy(end)}"
    else:
        short = _short_label(earlier.kind, *period_key(earlier))
        label = f"{short} ({_dmy(start)} – {_dmy(end)}, cùng khoảng thời gian)"
    return Period(start, end, label, earlier.kind, whole=earlier)


def buckets(period: Period, grain: str) -> list[Period]:
    """Split a period into consecutive sub-periods of a grain ("month", "week", "official_month", or any of
    TILING_KINDS), the first and last clipped to the period's ends. They cover the period exactly, without gap
    or overlap. Each keeps the grain as its kind and a short label ("Tháng 03/2026", "Tuần 12/2026",
    "Kỳ tháng 10/2026"), even when clipped; is_whole() tells a clipped one."""
    if grain not in TILING_KINDS:
        raise ValueError(f"Không chia kỳ theo {grain!r}; chọn một trong {', '.join(TILING_KINDS)}")
    parts: list[Period] = []
    day = period.start
    while day <= period.end:
        year, number = _key_of_day(day, grain)
        whole = build(grain, year, number)
        end = min(whole.end, period.end)
        parts.append(Period(day, end, _short_label(grain, year, number), grain))
        day = end + timedelta(days=1)
    return parts


# --- Internals ----------------------------------------------------------------------------------------------


def _check_number(kind: str, year: int, number: int | None) -> None:
    numbers = number_range(kind, year)
    if numbers is None:
        if number is not None:
            raise ValueError(f"{KIND_LABEL_VI[kind]} không có số thứ tự (nhận {number!r})")
    elif number not in numbers:
        raise ValueError(
            f"{KIND_LABEL_VI[kind]} {year}: số phải từ {numbers[0]} đến {numbers[-1]}, nhận {number!r}"
        )


def _bounds(kind: str, year: int, number: int | None) -> tuple[date, date]:
    if kind == "official_month":
        return _opening_day(year, number), date(year, number, _OFFICIAL_CLOSING_DAY)
    if kind == "official_quarter":
        return _opening_day(year, 3 * number - 2), date(year, 3 * number, _OFFICIAL_CLOSING_DAY)
    if kind in _OFFICIAL_CUMULATIVE_END_MONTH:
        end_month = _OFFICIAL_CUMULATIVE_END_MONTH[kind]
        return _opening_day(year, 1), date(year, end_month, _OFFICIAL_CLOSING_DAY)
    if kind == "month":
        return date(year, number, 1), _last_day(year, number)
    if kind == "quarter":
        return date(year, 3 * number - 2, 1), _last_day(year, 3 * number)
    if kind == "year":
        return date(year, 1, 1), date(year, 12, 31)
    start = date.fromisocalendar(year, number, 1)  # week
    return start, start + timedelta(days=6)


def _key_of_day(day: date, kind: str) -> tuple[int, int | None]:
    """(year, number) of the period of `kind` containing `day`."""
    if kind in ("month", "quarter", "year", "week"):
        return _calendar_key(day, kind)
    if kind not in KINDS or kind == "custom":
        raise ValueError(f"Không xác định được kỳ loại {kind!r} chứa một ngày")
    year, month = _official_month_key(day)
    if kind == "official_month":
        return year, month
    if kind == "official_quarter":
        return year, (month - 1) // 3 + 1
    if month > _OFFICIAL_CUMULATIVE_END_MONTH[kind]:
        raise ValueError(f"Ngày {_dmy(day)} không thuộc {KIND_LABEL_VI[kind].lower()} nào")
    return year, None


def _calendar_key(day: date, kind: str) -> tuple[int, int | None]:
    if kind == "month":
        return day.year, day.month
    if kind == "quarter":
        return day.year, (day.month - 1) // 3 + 1
    if kind == "year":
        return day.year, None
    iso = day.isocalendar()
    return iso.year, iso.week


def _official_month_key(day: date) -> tuple[int, int]:
    """KPI_SPEC §3: up to the 14th a day is in the kỳ of its own month, from the 15th in the next month's."""
    if day.day <= _OFFICIAL_CLOSING_DAY:
        return day.year, day.month
    return (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)


def _opening_day(year: int, month: int) -> date:
    """The 15th of the month before (year, month): the first day of that month's official kỳ."""
    if month == 1:
        return date(year - 1, 12, _OFFICIAL_CLOSING_DAY + 1)
    return date(year, month - 1, _OFFICIAL_CLOSING_DAY + 1)


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _shift_year(day: date, years: int) -> date:
    """The same day and month `years` later; 29/02 becomes 28/02 in a common year."""
    year = day.year + years
    return date(year, day.month, min(day.day, calendar.monthrange(year, day.month)[1]))


def _shift_months(day: date, months: int) -> date:
    """The same day `months` later (earlier when negative), the 31st becoming the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _short_label(kind: str, year: int, number: int | None) -> str:
    return _SHORT_LABEL[kind].format(year=year, number=number, roman=_ROMAN.get(number))


def _label(kind: str, year: int, number: int | None, start: date, end: date) -> str:
    """Official kỳ show their dates, because they are not calendar months: "Kỳ tháng 10/2026 (15/09/2026 –
    14/10/2026)"; weeks too: "Tuần 12/2026 (16/03 – 22/03/2026)"; calendar months, quarters, years do not."""
    short = _short_label(kind, year, number)
    if kind.startswith("official_"):
        return f"{short} ({_dmy(start)} – {_dmy(end)})"
    if kind == "week":
        first = f"{start:%d/%m}" if start.year == end.year else _dmy(start)
        return f"{short} ({first} – {_dmy(end)})"
    return short


def _dmy(day: date) -> str:
    return f"{day:%d/%m/%Y}"


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())
