"""Display formatting of KPI_SPEC §5, without Streamlit so that it can be tested on its own.

Numbers keep the Vietnamese style ("1.416", "99,93%") whatever the UI language: the figures are the ones
printed in the provincial reports, and a table must read the same in both languages. Only the words
("không có dữ liệu" / "no data") follow the language.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import ROUND_HALF_UP, Decimal
from numbers import Integral, Real

NO_DATA = {"vi": "không có dữ liệu", "en": "no data"}
_TWO_PLACES = Decimal("0.01")


def format_count(n: int) -> str:
    """1416 → "1.416"; -2500000 → "-2.500.000". Dots group thousands, as in Vietnamese reports."""
    if isinstance(n, bool) or not isinstance(n, Integral):
        raise TypeError(f"format_count expects an integer, got {type(n).__name__}")
    return f"{int(n):,}".replace(",", ".")


def format_decimal(value: float, places: int = 2) -> str:
    """1234.5 → "1.234,50": Vietnamese separators for a number that is not a count (points, scores)."""
    return f"{value:,.{places}f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def format_rate(num: Real, den: Real, lang: str = "vi") -> str:
    """num / den in percent with 2 decimals and a decimal comma: (1415, 1416) → "99,93%".

    A denominator of 0 means there is nothing to measure: that is "không có dữ liệu", never 0% or 100%.
    """
    if den == 0 or _is_missing(den) or _is_missing(num):
        return NO_DATA.get(lang, NO_DATA["vi"])
    if den < 0:
        raise ValueError(f"a rate needs a positive denominator, got {den}")
    # Decimal with half-up rounding: 2/3 shows as 66,67% as a person rounding by hand would write it,
    # not as binary floating point happens to round.
    percent = (Decimal(str(num)) * 100 / Decimal(str(den))).quantize(_TWO_PLACES, rounding=ROUND_HALF_UP)
    sign = "-" if percent < 0 else ""
    whole, _, cents = f"{abs(percent):f}".partition(".")
    return f"{sign}{format_count(int(whole))},{cents}%"


def format_date(d: dt.date | dt.datetime | None) -> str:
    """date(2024, 4, 3) → "03/04/2024" (day first). A missing date (None, NaT) is an empty cell."""
    if d is None or _is_missing(d):
        return ""
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


def format_datetime(d: dt.datetime | None) -> str:
    """datetime(2024, 4, 3, 14, 5) → "03/04/2024 14:05"."""
    if d is None or _is_missing(d):
        return ""
    return f"{format_date(d)} {d.hour:02d}:{d.minute:02d}"


def _is_missing(value: object) -> bool:
    # pandas' NaT and NaN compare unequal to themselves; checking that avoids importing pandas here.
    if isinstance(value, float):
        return math.isnan(value)
    try:
        return bool(value != value)
    except (TypeError, ValueError):
        return False
