"""The one place that puts a value into a spreadsheet cell or a CSV field safely (issue 5 §1).

Imported text is data, never a formula: openpyxl turns any str starting with "=" into a formula cell, so a
text cell's data_type is forced back to "s" after the value is set; Excel and LibreOffice then show
"=HYPERLINK(…)" as the characters it is. Dates are real dates (shown dd/mm/yyyy), whole numbers are numbers,
a missing value (None, NaN, NaT, pd.NA) is an empty cell. CSV has no cell types, so a text that a spreadsheet
would read as a formula gets the OWASP prefix (a single quote) instead: csv_safe.
"""

from __future__ import annotations

import math
import numbers
from datetime import date, datetime

import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

DATE_FORMAT = "dd/mm/yyyy"
# OWASP "CSV injection": a field starting with one of these is read as a formula by spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Plain = str | int | float | date | None


def plain(value: object) -> Plain:
    """The value as a cell holds it: None for missing, a date for a day or a timestamp, int for whole counts."""
    kind = type(value)
    if kind is int or kind is date:  # the common cases first: this runs for every cell of a long list
        return value
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, str):
        # Control characters (other than tab, newline) make the .xlsx unreadable: openpyxl refuses them.
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    if isinstance(value, bool):
        return value
    if isinstance(value, datetime):  # pandas' Timestamp is one too; the lists show the day only
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, numbers.Integral):  # numpy int64 / int32 → a plain int, written as a number
        return int(value)
    if isinstance(value, numbers.Real):
        number = float(value)
        return None if math.isnan(number) else number
    if pd.api.types.is_scalar(value) and pd.isna(value):  # numpy.datetime64("NaT") and the like
        return None
    return str(value)


def put(cell, value: object, date_format: str | None = DATE_FORMAT):
    """Write `value` into `cell` (a Cell or WriteOnlyCell): text stays text, dates dd/mm/yyyy. Returns the cell.

    date_format=None leaves the cell's number format alone (a NamedStyle that already carries it is faster).
    """
    value = plain(value)
    cell.value = value
    if isinstance(value, str):
        # Assign, then force the type: openpyxl infers "f" (formula) for "=…"; a text cell stays text.
        cell.data_type = "s"
    elif date_format is not None and isinstance(value, date):
        cell.number_format = date_format
    return cell


def csv_safe(text: object) -> object:
    """A CSV field that no spreadsheet runs: a text starting with = + - @ tab or CR gets a leading quote."""
    if isinstance(text, str) and text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def print_a4_landscape(sheet, widths, title_rows: str, freeze: str) -> None:
    """Column widths and the print setup of official tables: A4 landscape fitted to the page width (as many pages
    down as the rows need), centred, the header rows `title_rows` ("7:10") repeated on every printed page, and
    the panes frozen at `freeze` ("C11")."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.worksheet import Worksheet

    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    sheet.print_title_rows = title_rows
    sheet.freeze_panes = freeze
