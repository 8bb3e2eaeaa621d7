"""KPI_SPEC §5 display formatting: counts "1.416", rates "99,93%", denominator 0 → "không có dữ liệu"."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.formatting import (
    NO_DATA,
    format_count,
    format_date,
    format_datetime,
    format_decimal,
    format_rate,
)


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (0, "0"),
        (7, "7"),
        (999, "999"),
        (1000, "1.000"),
        (1416, "1.416"),
        (2_500_000, "2.500.000"),
        (-1416, "-1.416"),
    ],
)
def test_format_count(n: int, text: str) -> None:
    assert format_count(n) == text


def test_format_count_accepts_numpy_integers() -> None:
    numpy = pytest.importorskip("numpy")
    assert format_count(numpy.int64(1416)) == "1.416"


@pytest.mark.parametrize("value", [1.5, "1416", None, True])
def test_format_count_rejects_non_integers(value: object) -> None:
    with pytest.raises(TypeError):
        format_count(value)


@pytest.mark.parametrize(
    ("num", "den", "text"),
    [
        (1415, 1416, "99,93%"),
        (1416, 1416, "100,00%"),
        (0, 1416, "0,00%"),
        (2, 3, "66,67%"),  # half-up, as written by hand
        (1, 8, "12,50%"),
        (1, 200, "0,50%"),
        (12345, 1, "1.234.500,00%"),
    ],
)
def test_format_rate(num: int, den: int, text: str) -> None:
    assert format_rate(num, den) == text


def test_format_rate_without_denominator_is_no_data() -> None:
    assert format_rate(0, 0) == "không có dữ liệu"
    assert format_rate(5, 0, lang="en") == "no data"
    assert format_rate(1, float("nan")) == "không có dữ liệu"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (dt.date(2024, 4, 3), "03/04/2024"),
        (dt.datetime(2024, 12, 31, 23, 59), "31/12/2024"),
        (pd.Timestamp("2024-04-03 10:00"), "03/04/2024"),
        (None, ""),
        (pd.NaT, ""),
    ],
)
def test_format_date(value: object, text: str) -> None:
    assert format_date(value) == text


def test_format_datetime() -> None:
    assert format_datetime(dt.datetime(2024, 4, 3, 14, 5)) == "03/04/2024 14:05"
    assert format_datetime(pd.NaT) == ""


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_format_count_round_trips_by_removing_dots(n: int) -> None:
    text = format_count(n)
    assert int(text.replace(".", "")) == n
    # Groups of exactly three digits after the first.
    assert all(len(group) == 3 for group in text.lstrip("-").split(".")[1:])


@given(st.integers(min_value=0, max_value=10**9), st.sampled_from(["vi", "en"]))
def test_format_rate_never_shows_a_percentage_for_zero_denominator(num: int, lang: str) -> None:
    text = format_rate(num, 0, lang=lang)
    assert text == NO_DATA[lang]
    assert text not in ("0,00%", "100,00%")
    assert "%" not in text


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=1, max_value=10**6))
def test_format_rate_is_two_decimals_with_a_comma(num: int, den: int) -> None:
    text = format_rate(min(num, den), den)
    whole, cents = text.removesuffix("%").split(",")
    assert len(cents) == 2
    value = float(whole.replace(".", "") + "." + cents)
    assert abs(value - 100 * min(num, den) / den) <= 0.005 + 1e-9
    assert 0 <= value <= 100


def test_format_decimal_uses_vietnamese_separators():
    assert format_decimal(1234.5) == "1.234,50"
    assert format_decimal(0.004, 1) == "0,0"
    assert format_decimal(-1234567.891) == "-1.234.567,89"
