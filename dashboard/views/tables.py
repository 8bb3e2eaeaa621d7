"""Tables on screen: Vietnamese headers, numbers in the Vietnamese style, sorting on the real values."""

from __future__ import annotations

import contextlib
import hashlib
import math
from collections.abc import Mapping, Sequence

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitDuplicateElementId, StreamlitDuplicateElementKey

from dashboard.exports.csv_table import csv_bytes
from dashboard.formatting import NO_DATA, format_count, format_date, format_datetime, format_decimal
from dashboard.views.column_widths import column_px
from dashboard.views.i18n import current_language, register, t

COUNT_COLUMN_PX = 80

register(
    vi={
        "tables.csv": "Tải CSV",
        "tables.csv.help": "Bảng này dạng CSV (UTF-8): số đầy đủ, ngày dạng 2026-11-14.",
    },
    en={
        "tables.csv": "Download CSV",
        "tables.csv.help": "This table as CSV (UTF-8): full numbers, ISO dates.",
    },
)


def format_fraction(value: float | None) -> str:
    """A rate already divided (0.99929…) → "99,93%"; NaN/None (a zero denominator) → "không có dữ liệu"."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return NO_DATA.get(current_language(), NO_DATA["vi"])
    return format_decimal(value * 100) + "%"


def format_number(value: float | None, decimals: int = 1) -> str:
    """12.5 → "12,5"; missing → empty."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return format_decimal(value, decimals)


def show_table(
    frame: pd.DataFrame,
    *,
    counts: Sequence[str] = (),
    rates: Sequence[str] = (),
    numbers: Sequence[str] = (),
    dates: Sequence[str] = (),
    datetimes: Sequence[str] = (),
    labels: Mapping[str, str] | None = None,
    key: str | None = None,
    height: int | None = None,
    dataframe_key: str | None = None,
    on_select=None,
) -> None:
    """A table with translated headers (labels, else t("col.<name>")) and Vietnamese-formatted cells.

    Formatting changes only what is displayed: the cells keep their numbers and dates, so clicking a header
    still sorts 1.416 after 999 and 03/04/2024 after 28/12/2023. A pandas Styler does it where the grid's own
    formats cannot be Vietnamese (thousands "." and decimal ","); a table that needs none of that (dates, small
    whole numbers: the action lists of thousands of rows) is formatted by the grid, because a Styler spends
    about 0,2 ms per row (issue 4 §11).

    on_select (with dataframe_key, the grid's own key): a callback run when the user clicks a cell
    (dashboard.views.drilldown.table_options gives both, issue 11 §15).
    """
    raw = frame  # the CSV carries the real values, not the screen's formatting
    # An absent text is an empty cell; the grid would print "None".
    text_columns = [column for column in frame.columns if pd.api.types.is_string_dtype(frame[column])]
    frame = frame.fillna({column: "" for column in text_columns})
    small = [column for column in counts if not (frame[column].abs() >= 1000).any()]  # no separator needed
    needs_styler = bool(rates or numbers or set(counts) - set(small))
    names = dict(labels or {})
    headers = {column: names.get(column) or t(f"col.{column}") for column in frame.columns}
    if needs_styler:
        data = (
            frame.style.format(lambda v: "" if pd.isna(v) else format_count(int(v)), subset=list(counts))
            .format(format_fraction, subset=list(rates))
            .format(format_number, subset=list(numbers))
            .format(format_date, subset=list(dates), na_rep="")
            .format(format_datetime, subset=list(datetimes), na_rep="")
        )
    else:
        data = frame

    def column(name: str):
        # The grid sizes columns by the raw values (220000), narrower than what it shows (220.000); a column of
        # numbers is never narrower than its header either (issue 11 §11). Text columns size by their cells.
        numeric = name in counts or name in rates or name in numbers or name in dates or name in datetimes
        width = column_px(headers[name], COUNT_COLUMN_PX if name in counts else 0) if numeric else None
        if not needs_styler and name in dates:
            return st.column_config.DateColumn(headers[name], format="DD/MM/YYYY", width=width)
        if not needs_styler and name in datetimes:
            return st.column_config.DatetimeColumn(headers[name], format="DD/MM/YYYY HH:mm", width=width)
        if not needs_styler and name in small:
            return st.column_config.NumberColumn(headers[name], format="%d", width=width)
        return st.column_config.Column(headers[name], width=width)

    selectable = {"on_select": on_select, "selection_mode": "single-cell"} if on_select is not None else {}
    st.dataframe(
        data,
        hide_index=True,
        key=dataframe_key or key,
        height=height if height is not None else "auto",
        column_config={name: column(name) for name in frame.columns},
        **selectable,
    )
    csv_button(raw, headers, key)


def csv_button(frame: pd.DataFrame, headers: Mapping[str, str], key: str | None) -> None:
    """The "Tải CSV" button under a table (issue 5 §4): the same columns under the same headers, raw values.

    The button's key follows the table's key; a table without one gets a key from its columns and content, so
    that two tables on a page never share a key (Streamlit refuses duplicate keys). The file is made only
    when clicked (data is a callable), and the click does not re-run the page.
    """
    name = key or _content_key(frame, headers)
    # The very same table (same columns, same cells) already offered on this page: one button is enough.
    with contextlib.suppress(StreamlitDuplicateElementId, StreamlitDuplicateElementKey):
        st.download_button(
            t("tables.csv"),
            data=lambda: csv_bytes(frame, headers),
            file_name=f"{name}.csv",
            mime="text/csv",
            key=f"{name}-csv",
            help=t("tables.csv.help"),
            icon=":material/download:",
            on_click="ignore",
        )


def _content_key(frame: pd.DataFrame, headers: Mapping[str, str]) -> str:
    digest = hashlib.sha1(repr(list(headers.items())).encode())
    try:
        digest.update(pd.util.hash_pandas_object(frame.astype(str), index=False).to_numpy().tobytes())
    except TypeError:  # a cell pandas cannot hash: the shape has to do
        digest.update(repr(frame.shape).encode())
    return f"table-{digest.hexdigest()[:12]}"
