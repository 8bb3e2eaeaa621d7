"""What every reader returns: the cells of a file as text, before any interpretation.

Readers know file formats and nothing about dossiers. Cells are text (or null for an empty cell) because
type guessing by readers silently loses values (fastexcel nulls cells that do not fit the type it guessed
from the first 1,000 rows); the pipeline parses every value itself.
"""

from __future__ import annotations

import errno
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa


class UnreadableFile(Exception):
    """The file cannot be read at all. The message is one line, in Vietnamese, and says why."""


# The system's reasons for a file that does not open, in Vietnamese (its own strerror is English).
_OPEN_ERRORS = {
    errno.ENOENT: "không tìm thấy tệp (có thể đã bị xoá hoặc chuyển đi)",
    errno.EACCES: "không có quyền đọc tệp",
    errno.EPERM: "không có quyền đọc tệp",
    errno.EISDIR: "đây là một thư mục, không phải tệp",
}


def cannot_open(exc: OSError) -> UnreadableFile:
    """The UnreadableFile of a file the system would not open or stat."""
    reason = _OPEN_ERRORS.get(exc.errno) or f"lỗi hệ thống ({exc.strerror or exc})"
    return UnreadableFile(f"Không mở được tệp: {reason}")


@dataclass
class Sheet:
    """One table of cells.

    table: one pa.string() column per sheet column (named c0, c1, …), null where the cell is empty or only
        white space. Real Excel dates arrive as ISO text "YYYY-MM-DD HH:MM:SS"; numbers as their shortest
        text ("45321", "3.25").
    row_numbers: for each row of `table`, its 1-based row number as the user sees it: the spreadsheet row,
        the CSV line where the record starts, the <tr> ordinal in an HTML table.
    """

    name: str
    table: pa.Table
    row_numbers: np.ndarray
    # xlsx only: finds the (table row, column) of cells holding a formula without a computed value, which
    # read as empty (called only when the import needs to know, see xlsx_reader.find_empty_formulas).
    find_empty_formulas: Callable[[], set[tuple[int, int]]] | None = None

    @property
    def n_rows(self) -> int:
        return self.table.num_rows

    def head(self, n: int) -> list[list[str | None]]:
        """The first n rows as Python lists (for header detection)."""
        columns = [col.to_pylist() for col in self.table.slice(0, n).columns]
        return [list(row) for row in zip(*columns, strict=True)] if columns else []


@dataclass
class Workbook:
    kind: str  # "xlsx", "xls", "html" or "csv"
    sheets: list[Sheet] = field(default_factory=list)
    encoding: str | None = None  # CSV and HTML only
    delimiter: str | None = None  # CSV only
