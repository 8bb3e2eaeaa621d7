"""Dates as exports write them, parsed column-at-a-time (EXPORT_FORMATS.md, "dates").

Forms: `DD/MM/YYYY HH:mm:ss`, `DD/MM/YYYY HH:mm`, `DD/MM/YYYY` (also with - or . between the parts),
ISO `YYYY-MM-DD[THH:mm:ss]` (what the Excel reader gives for real Excel dates), and Excel serial numbers.
Day first, always: 03/04/2024 is 3 April.

Why regular expressions and our own calendar check instead of a strptime: Arrow's strptime turns
"31/02/2024" into 2 March, and a wrong date in a meeting is worse than a rejected row.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

# "SA"/"CH" (sáng / chiều) are the Vietnamese AM/PM of 12-hour clocks.
_TIME = (
    r"(?:[ T]+(?P<H>\d{1,2})[:hg](?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,]\d+)?)?"
    r"\s*(?P<half>SA|CH|AM|PM|sa|ch|am|pm)?)?"
)
_DAY_FIRST = r"^\s*(?P<d>\d{1,2})[/.\-](?P<m>\d{1,2})[/.\-](?P<y>\d{4}|\d{2})" + _TIME + r"\s*$"
_ISO = r"^\s*(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})" + _TIME + r"\s*(?:Z|[+-]\d{2}:?\d{2})?\s*$"
_SERIAL = r"^\s*\d{4,5}(?:\.\d+)?\s*$"

# Excel serial numbers count days from 1899-12-30 (the 1900 leap-year bug is absorbed by that origin for
# every date after February 1900). Accept 1990–2100 only: a bare number outside that range is not a date.
_EXCEL_EPOCH = np.datetime64("1899-12-30T00:00:00", "s")
_SERIAL_MIN, _SERIAL_MAX = 32874.0, 73051.0

NAT = np.datetime64("NaT", "s")


def _component(struct: pa.StructArray, name: str) -> np.ndarray:
    """A captured group as int64, -1 where the group did not take part in the match."""
    values = pc.cast(pc.if_else(pc.equal(struct.field(name), ""), None, struct.field(name)), pa.int64())
    return values.fill_null(-1).to_numpy(zero_copy_only=False)


def _from_parts(struct: pa.StructArray, matched: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Timestamps from captured parts; (values, valid) where valid is False for impossible dates."""
    y, m, d = (_component(struct, k) for k in ("y", "m", "d"))
    hh, mm, ss = (np.maximum(_component(struct, k), 0) for k in ("H", "M", "S"))
    half = pc.utf8_upper(struct.field("half"))
    afternoon = pc.is_in(half, pa.array(["CH", "PM"])).to_numpy(zero_copy_only=False)
    twelve_hour = pc.not_equal(half, "").to_numpy(zero_copy_only=False)
    bad_half = twelve_hour & ((hh < 1) | (hh > 12))
    hh = np.where(twelve_hour, hh % 12 + np.where(afternoon, 12, 0), hh)
    # Two-digit years ("15/10/26") are this century; a year written with four digits is that year, so
    # "15/10/0026" is the year 26 and refused below, never 2026 (issue 12 §5).
    written_two = pc.equal(pc.utf8_length(struct.field("y")), 2).to_numpy(zero_copy_only=False)
    y = np.where(written_two & (y >= 0), 2000 + y, y)
    ok = matched & (m >= 1) & (m <= 12) & (d >= 1) & (d <= 31) & (hh < 24) & (mm < 60) & (ss < 60) & ~bad_half
    ok &= (y >= 1900) & (y <= 2100)
    month_start = ((np.where(ok, y, 1970) - 1970) * 12 + np.where(ok, m, 1) - 1).astype("datetime64[M]")
    day = month_start.astype("datetime64[D]") + (np.where(ok, d, 1) - 1)
    ok &= day.astype("datetime64[M]") == month_start  # 31/02 rolls into March: not a date
    seconds = day.astype("datetime64[s]") + (hh * 3600 + mm * 60 + ss).astype("timedelta64[s]")
    return np.where(ok, seconds, NAT), ok


# Fast path: the fixed-width forms nearly every export uses, parsed by Arrow's strptime and then checked
# against the month written in the text. strptime refuses a day above 31 but rolls a day the month does not
# have (31/02, 29/02/2023, 31/04) over into the next month, so such a date always changes month.
_FIXED_FORMS = (
    # (format, slice of the month)
    ("%d/%m/%Y %H:%M:%S", (3, 5)),
    ("%d/%m/%Y %H:%M", (3, 5)),
    ("%d/%m/%Y", (3, 5)),
    ("%Y-%m-%d %H:%M:%S", (5, 7)),
    ("%Y-%m-%dT%H:%M:%S", (5, 7)),
    ("%Y-%m-%d", (5, 7)),
)


def _int_slice(column: pa.Array, bounds: tuple[int, int], where: pa.Array) -> pa.Array:
    piece = pc.if_else(where, pc.utf8_slice_codeunits(column, bounds[0], bounds[1]), None)
    try:
        return pc.cast(piece, pa.int64())
    except pa.ArrowInvalid:  # a space or letter inside the slice: check digit by digit
        return pc.cast(pc.if_else(pc.match_substring_regex(piece, r"^\d+$"), piece, None), pa.int64())


def _parse_fixed(column: pa.Array, present: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each form is tried only on the rows no earlier form has read (usually: the first form reads all)."""
    result = np.full(len(column), NAT)
    found = np.zeros(len(column), dtype=bool)
    remaining = np.flatnonzero(present)
    for fmt, month_at in _FIXED_FORMS:
        if not len(remaining):
            break
        subset = column if len(remaining) == len(column) else column.take(pa.array(remaining))
        parsed = pc.strptime(subset, format=fmt, unit="s", error_is_null=True)
        parsed_ok = pc.is_valid(parsed)
        if not pc.any(parsed_ok).as_py():
            continue
        year = pc.year(parsed)
        agrees = pc.and_(
            pc.equal(pc.month(parsed), _int_slice(subset, month_at, parsed_ok)),
            # %Y reads "24" as the year 24: two-digit years go to the slow path, which knows them.
            pc.and_(pc.greater_equal(year, 1900), pc.less_equal(year, 2100)),
        )
        ok = pc.fill_null(agrees, False).to_numpy(zero_copy_only=False)
        rows = remaining[ok]
        result[rows] = parsed.to_numpy(zero_copy_only=False).astype("datetime64[s]")[ok]
        found[rows] = True
        remaining = remaining[~ok]
    return result, found


def _parse_free(column: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """Every other form (one-digit days, two-digit years, times without seconds, "-" or "." separators)."""
    n = len(column)
    result = np.full(n, NAT)
    found = np.zeros(n, dtype=bool)
    for pattern in (_DAY_FIRST, _ISO):
        matched = pc.fill_null(pc.match_substring_regex(column, pattern), False).to_numpy(
            zero_copy_only=False
        )
        matched &= ~found
        if not matched.any():
            continue
        struct = pc.extract_regex(pc.if_else(pa.array(matched), column, ""), pattern)
        values, ok = _from_parts(struct, matched)
        result = np.where(ok, values, result)
        found |= ok
    serial_like = pc.fill_null(pc.match_substring_regex(column, _SERIAL), False).to_numpy(
        zero_copy_only=False
    )
    serial_like &= ~found
    if serial_like.any():
        numbers = pc.cast(pc.if_else(pa.array(serial_like), column, None), pa.float64())
        numbers = numbers.fill_null(0.0).to_numpy(zero_copy_only=False)
        in_range = serial_like & (numbers >= _SERIAL_MIN) & (numbers <= _SERIAL_MAX)
        seconds = np.round(numbers * 86400.0).astype("int64").astype("timedelta64[s]")
        result = np.where(in_range, _EXCEL_EPOCH + seconds, result)
        found |= in_range
    return result, found


# 1 January of the year 1, with or without a time: what .NET systems write for "no date" (DateTime.MinValue,
# e.g. "01/01/0001 00:00:00", "1/1/0001 12:00:00 AM", "0001-01-01T00:00:00"). An empty date, not an error.
_EMPTY_DATE = r"^\s*(?:0?1[/.\-]0?1[/.\-]0001|0001-0?1-0?1)(?:[ T].*)?$"


def parse_dates(column: pa.Array | pa.ChunkedArray) -> tuple[np.ndarray, np.ndarray]:
    """Parse a text column.

    Returns (values, invalid): values is datetime64[s] with NaT where empty or not a date; invalid is True
    where the cell has text that is not a date (the pipeline rejects such rows, quoting the text).
    """
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    column = pc.cast(column, pa.string())
    # Readers give null for empty cells; text with spaces around it misses the fast path and is trimmed by
    # the patterns of the slow one.
    lengths = pc.utf8_length(column)
    present = pc.fill_null(pc.greater(lengths, 0), False).to_numpy(zero_copy_only=False)
    result, found = _parse_fixed(column, present)
    rest = present & ~found
    if rest.any():
        index = np.flatnonzero(rest)
        subset = column.take(pa.array(index))
        blank = pc.fill_null(pc.match_substring_regex(subset, _EMPTY_DATE), False).to_numpy(
            zero_copy_only=False
        )
        blank |= pc.equal(pc.utf8_trim_whitespace(subset), "").to_numpy(zero_copy_only=False)
        present[index[blank]] = False
        values, ok = _parse_free(subset)
        result[index[ok]] = values[ok]
        found[index[ok]] = True
    return result, present & ~found
