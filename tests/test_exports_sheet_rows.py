"""Data rows written as XML after openpyxl (sheet_rows): every kind of value reads back as what it was."""

from __future__ import annotations

import io
from datetime import date, datetime

import numpy as np
import pandas as pd
from openpyxl import Workbook, load_workbook
from openpyxl.styles import NamedStyle

from dashboard.exports.sheet_rows import append_rows, cell_xml, rows_xml, style_id


def test_values_read_back_with_their_types() -> None:
    book = Workbook(write_only=True)
    book.add_named_style(NamedStyle("day", number_format="dd/mm/yyyy"))
    sheet = book.create_sheet("x")
    sheet.append(["header"])
    day = style_id(sheet, "day")
    values = (
        "=SUM(A1:A3)", " lề ", "a & <b>\x01", np.int64(7), 0.1 + 0.2, True, None, float("nan"),
        pd.Timestamp("2026-11-14 08:30"), date(1999, 12, 31), pd.NaT, float("inf"),
    )  # fmt: skip
    styles = (None, None, None, None, None, None, None, None, day, day, day, None)
    body, last = rows_xml(2, [(values, styles)])
    buffer = io.BytesIO()
    book.save(buffer)
    data = append_rows(buffer.getvalue(), {1: (body, f"A1:L{last}")})
    back = load_workbook(io.BytesIO(data))["x"]
    cells = list(back.iter_rows(min_row=2))[0]
    assert [cell.value for cell in cells] == [
        "=SUM(A1:A3)", " lề ", "a & <b>", 7, 0.30000000000000004, True, None, None,
        datetime(2026, 11, 14), datetime(1999, 12, 31), None, None,
    ]  # fmt: skip
    assert cells[0].data_type == "s" and cells[8].number_format == "dd/mm/yyyy" and back.max_row == 2 == last


def test_a_text_is_never_a_formula() -> None:
    assert "<f>" not in cell_xml("A1", "=1+1", None) and 't="inlineStr"' in cell_xml("A1", "=1+1", None)
