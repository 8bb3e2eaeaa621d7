"""Date forms of EXPORT_FORMATS.md: day first, always; impossible dates are not dates."""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.ingest.dates import parse_dates


def parse_one(text: str | None) -> tuple[datetime | None, bool]:
    values, invalid = parse_dates(pa.array([text], pa.string()))
    value = None if np.isnat(values[0]) else values[0].astype("datetime64[s]").item()
    return value, bool(invalid[0])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("03/04/2024 08:05:09", datetime(2024, 4, 3, 8, 5, 9)),
        ("03/04/2024 08:05", datetime(2024, 4, 3, 8, 5)),
        ("03/04/2024", datetime(2024, 4, 3)),
        ("3/4/2024", datetime(2024, 4, 3)),
        ("3/4/2024 7:05", datetime(2024, 4, 3, 7, 5)),
        ("03-04-2024", datetime(2024, 4, 3)),
        ("03.04.2024", datetime(2024, 4, 3)),
        ("03/04/24", datetime(2024, 4, 3)),
        ("2024-04-03T08:05:09", datetime(2024, 4, 3, 8, 5, 9)),
        ("2024-04-03 08:05:09", datetime(2024, 4, 3, 8, 5, 9)),  # a real Excel date, as the reader gives it
        ("2024-04-03", datetime(2024, 4, 3)),
        ("45385", datetime(2024, 4, 3)),  # Excel serial
        ("45385.5", datetime(2024, 4, 3, 12)),
        (" 03/04/2024 08:05:09 ", datetime(2024, 4, 3, 8, 5, 9)),
        ("29/02/2024", datetime(2024, 2, 29)),
        ("03/04/2024 08:05 CH", datetime(2024, 4, 3, 20, 5)),  # chiều: afternoon
        ("03/04/2024 12:30:00 SA", datetime(2024, 4, 3, 0, 30)),  # sáng: 12 SA is half past midnight
        ("03/04/2024 12:30 PM", datetime(2024, 4, 3, 12, 30)),
    ],
)
def test_forms_seen_in_exports(text, expected):
    assert parse_one(text) == (expected, False)


@pytest.mark.parametrize(
    "text",
    [
        "31/02/2024",
        "29/02/2023",
        "31/04/2024 08:00:00",
        "2024-02-30",
        "00/01/2024",
        "13/13/2024",
        "03/04/2024 25:00",
        "03/04/2024 13:00 CH",
        "hôm qua",
        "12",
        "1.234",
        "2024",
    ],
)
def test_impossible_or_foreign_text_is_invalid(text):
    assert parse_one(text) == (None, True)


def test_empty_cells_are_neither_dates_nor_invalid():
    assert parse_one(None) == (None, False)
    assert parse_one("") == (None, False)


_moments = st.datetimes(min_value=datetime(1995, 1, 1), max_value=datetime(2099, 12, 31)).map(
    lambda d: d.replace(microsecond=0)
)


@given(
    _moments,
    st.sampled_from(
        [
            "%d/%m/%Y %H:%M:%S",
            "%d/%m/%Y %H:%M",
            "%d/%m/%Y",
            "%Y-%m-%d %H:%M:%S",
            "%Y-%m-%dT%H:%M:%S",
            "%d-%m-%Y",
        ]
    ),
)
def test_every_written_date_reads_back(moment, form):
    text = moment.strftime(form)
    expected = datetime.strptime(text, form)
    assert parse_one(text) == (expected, False)


@given(
    st.lists(
        st.one_of(st.none(), _moments.map(lambda d: d.strftime("%d/%m/%Y %H:%M:%S")), st.text(max_size=12)),
        max_size=40,
    )
)
def test_a_column_parses_like_its_cells_one_by_one(cells):
    """Vectorised parsing must not depend on the neighbours of a cell."""
    values, invalid = parse_dates(pa.array(cells, pa.string()))
    for i, cell in enumerate(cells):
        one = parse_one(cell)
        got = None if np.isnat(values[i]) else values[i].astype("datetime64[s]").item()
        assert (got, bool(invalid[i])) == one


def test_excel_serial_origin():
    start = datetime(1899, 12, 30)
    for serial in (36526, 45000, 47000):
        assert parse_one(str(serial))[0] == start + timedelta(days=serial)
