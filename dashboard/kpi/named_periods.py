"""Periods by name, as a reform officer writes them (issue 10 §1): the official kỳ closing on the 14th
(KPI_SPEC §3) and calendar shortcuts. Pure: text in, Period out; ValueError with a Vietnamese message otherwise.

kỳ (--ky):    T10-2025 (kỳ tháng 10/2025), Q3-2025 (kỳ quý III), 6T-2025 (kỳ 6 tháng), 9T-2025 (kỳ 9 tháng),
              2025 (kỳ năm: 15/12/2024 – 14/12/2025)
calendar:     --thang 2025-10 or 10-2025, --quy 2025-Q3 or Q3-2025, --nam 2025
"""

from __future__ import annotations

import re

from dashboard.kpi import periods
from dashboard.kpi.periods import Period

_OFFICIAL = (
    (re.compile(r"T(\d{1,2})-(\d{4})"), "official_month"),
    (re.compile(r"Q([1-4])-(\d{4})"), "official_quarter"),
    (re.compile(r"6T-(\d{4})"), "official_half"),
    (re.compile(r"9T-(\d{4})"), "official_nine_months"),
    (re.compile(r"(\d{4})"), "official_year"),
)
_EXAMPLES = {
    "ky": "T10-2025, Q3-2025, 6T-2025, 9T-2025 hoặc 2025",
    "thang": "2025-10 hoặc 10-2025",
    "quy": "2025-Q3 hoặc Q3-2025",
    "nam": "2025",
}


def named_period(option: str, text: str) -> Period:
    """The period that `--{option} {text}` names; option is one of ky, thang, quy, nam."""
    value = text.strip().upper()
    try:
        found = _parse(option, value)
    except ValueError as error:  # a month 13, a quarter 5: the shape was right, the number is not
        raise ValueError(f"kỳ --{option} '{text}' không hợp lệ: {error}") from None
    if found is None:
        raise ValueError(f"không hiểu kỳ --{option} '{text}'; viết như {_EXAMPLES[option]}")
    return found


def _parse(option: str, value: str) -> Period | None:
    if option == "ky":
        for pattern, kind in _OFFICIAL:
            match = pattern.fullmatch(value)
            if match:
                numbers = [int(g) for g in match.groups()]
                return periods.build(kind, numbers[-1], numbers[0] if len(numbers) == 2 else None)
        return None
    if option == "thang":
        match = re.fullmatch(r"(\d{4})-(\d{1,2})", value) or re.fullmatch(r"(\d{1,2})-(\d{4})", value)
        if not match:
            return None
        first, second = (int(g) for g in match.groups())
        year, month = (first, second) if first > 12 else (second, first)
        return periods.calendar_month(year, month)
    if option == "quy":
        match = re.fullmatch(r"(\d{4})-Q([1-4])", value) or re.fullmatch(r"Q([1-4])-(\d{4})", value)
        if not match:
            return None
        first, second = (int(g) for g in match.groups())
        year, quarter = (first, second) if first > 4 else (second, first)
        return periods.calendar_quarter(year, quarter)
    if option == "nam":
        return periods.calendar_year(int(value)) if re.fullmatch(r"\d{4}", value) else None
    raise ValueError(f"unknown period option {option!r}")
