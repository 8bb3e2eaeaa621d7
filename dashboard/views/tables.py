"""Tables on screen: Vietnamese headers, numbers in the Vietnamese style, sorting on the real values."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import pandas as pd
import streamlit as st

from dashboard.formatting import NO_DATA, format_count, format_date, format_datetime
from dashboard.views.i18n import current_language, t

COUNT_COLUMN_PX = 80


def format_fraction(value: float | None) -> str:
    """A rate already divided (0.99929…) → "99,93%"; NaN/None (a zero denominator) → "không có dữ liệu"."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return NO_DATA.get(current_language(), NO_DATA["vi"])
    return f"{value * 100:,.2f}%".replace(",", " ").replace(".", ",").replace(" ", ".")


def format_number(value: float | None, decimals: int = 1) -> str:
    """12.5 → "12,5"; missing → empty."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return f"{value:,.{decimals}f}".replace(",", " ").replace(".", ",").replace(" ", ".")


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
) -> None:
    """A table with translated headers (labels, else t("col.<name>")) and Vietnamese-formatted cells.

    The formatting goes through a Styler, which changes only what is displayed: the cells keep their numbers
    and dates, so clicking a header still sorts 1.416 after 999 and 03/04/2024 after 28/12/2023.
    """
    # An absent text is an empty cell; the grid would print "None".
    text_columns = [column for column in frame.columns if pd.api.types.is_string_dtype(frame[column])]
    frame = frame.fillna({column: "" for column in text_columns})
    styled = (
        frame.style.format(lambda v: "" if pd.isna(v) else format_count(int(v)), subset=list(counts))
        .format(format_fraction, subset=list(rates))
        .format(format_number, subset=list(numbers))
        .format(format_date, subset=list(dates), na_rep="")
        .format(format_datetime, subset=list(datetimes), na_rep="")
    )
    names = dict(labels or {})
    st.dataframe(
        styled,
        hide_index=True,
        key=key,
        height=height if height is not None else "auto",
        column_config={
            # The grid sizes columns by the raw values (220000), narrower than what it shows (220.000).
            column: st.column_config.Column(
                names.get(column) or t(f"col.{column}"), width=COUNT_COLUMN_PX if column in counts else None
            )
            for column in frame.columns
        },
    )
