"""Entry point: read any supported file into a Workbook of text cells; also the Excel (xlsx, xls) reader."""

from __future__ import annotations

import functools
import hashlib
import os
import re

import fastexcel
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.ingest.cells import clean_cells
from dashboard.ingest.csv_text import read_csv
from dashboard.ingest.grid import Sheet, UnreadableFile, Workbook
from dashboard.ingest.html_table import read_html
from dashboard.ingest.memory_pool import release_freed_memory, use_jemalloc
from dashboard.ingest.sniff import detect_kind
from dashboard.ingest.xlsx_reader import SheetCells, find_empty_formulas, read_xlsx_sheets
from dashboard.ingest.zip_guard import MAX_CELL_CHARS, size_text, too_long_cell

use_jemalloc()
MAX_XLS_BYTES = 256 * 1024**2  # Excel 97–2003 files: 65,536 rows of 256 columns at most

# What Excel shows for an error cell; calamine reports them as e.g. "Expected string but got 'Error(NA)'".
EXCEL_ERRORS = {
    "Div0": "#DIV/0!",
    "NA": "#N/A",
    "Name": "#NAME?",
    "Null": "#NULL!",
    "Num": "#NUM!",
    "Ref": "#REF!",
    "Value": "#VALUE!",
    "GettingData": "#GETTING_DATA",
}
_ERROR_DETAIL = re.compile(r"Error\((\w+)\)")
# Stream names inside an OLE2 container (UTF-16LE) that tell a failed "xls" apart from a broken one.
_OLE2_STREAMS = (
    ("EncryptedPackage".encode("utf-16-le"), "Tệp Excel được đặt mật khẩu; hãy bỏ mật khẩu rồi lưu lại"),
    ("WordDocument".encode("utf-16-le"), "Tệp là tài liệu Word (.doc), không phải bảng tính"),
)


def file_sha256(path: str | os.PathLike[str]) -> str:
    """The file's SHA-256, recorded in the import log to tell re-imports of the same file."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_workbook(path: str | os.PathLike[str]) -> Workbook:
    """Every table of the file at `path`, as text; the reader is chosen by content (see sniff.py)."""
    kind = detect_kind(path)
    if kind == "html":
        return read_html(path)
    if kind == "csv":
        return read_csv(path)
    return read_excel(path, kind)


def read_excel(path: str | os.PathLike[str], kind: str) -> Workbook:
    """xlsx (in pieces, xlsx_reader) or binary xls through fastexcel (calamine), every cell as text.

    Hidden sheets are skipped (in exports they hold lookup lists), unless no visible sheet has data.
    """
    loaded = []
    for cells in _excel_sheets(path, kind):
        columns = cells.columns if kind == "xlsx" else [clean_cells(column) for column in cells.columns]
        if cells.errors:
            columns = _show_error_cells(columns, cells.errors)
        if not any(column.null_count < len(column) for column in columns):
            continue
        # Leading columns without any cell are dropped (harmless: the columns keep their sheet order).
        lead = next(i for i, column in enumerate(columns) if column.null_count < len(column))
        columns = columns[lead:]
        check_cell_lengths(columns, cells.name)
        table = pa.table(columns, names=[f"c{i}" for i in range(len(columns))])
        # header_row=None with skip_rows=0 keeps leading blank rows, so table row i is sheet row i + 1.
        row_numbers = np.arange(1, table.num_rows + 1, dtype=np.int64)
        finder = functools.partial(find_empty_formulas, path, cells.name, lead) if kind == "xlsx" else None
        sheet = Sheet(name=cells.name, table=table, row_numbers=row_numbers, find_empty_formulas=finder)
        loaded.append((sheet, cells.visible))
    visible = [sheet for sheet, is_visible in loaded if is_visible]
    sheets = visible or [sheet for sheet, _ in loaded]
    release_freed_memory()
    if not sheets:
        raise UnreadableFile("Tệp không có dữ liệu")
    return Workbook(kind=kind, sheets=sheets)


def check_cell_lengths(columns: list[pa.Array], sheet_name: str) -> None:
    """Refuse a sheet with a cell longer than Excel allows (zip_guard.MAX_CELL_CHARS): no real export has one."""
    for index, column in enumerate(columns):
        longest = pc.max(pc.binary_length(column)).as_py() or 0
        if longest > MAX_CELL_CHARS and (pc.max(pc.utf8_length(column)).as_py() or 0) > MAX_CELL_CHARS:
            raise too_long_cell(f"trang '{sheet_name}', cột {index + 1}")


def _excel_sheets(path: str | os.PathLike[str], kind: str) -> list[SheetCells]:
    """The cells of every sheet; any failure of the Excel reader means the file is unreadable."""
    with open(path, "rb") as file:
        if kind == "xlsx":
            return read_xlsx_sheets(path, file)
        return _calamine_sheets(path, file, kind)


def _calamine_sheets(path: str | os.PathLike[str], file, kind: str) -> list[SheetCells]:
    """Binary xls, read whole by calamine: the format holds at most 65,536 rows."""
    if os.fstat(file.fileno()).st_size > MAX_XLS_BYTES:
        raise UnreadableFile(
            f"Tệp Excel 97–2003 (.xls) lớn hơn {size_text(MAX_XLS_BYTES)}; hãy lưu lại dạng .xlsx"
        )
    try:
        # Bytes, not the path: given a path, calamine picks its parser by the extension, and an xlsx named
        # .xls (EXPORT_FORMATS.md) would fail; given bytes, it looks at the content as sniff.py did.
        reader = fastexcel.read_excel(file.read())
        result = []
        for index, name in enumerate(reader.sheet_names):
            # dtypes="string" for every column: a guessed type nulls the cells that do not fit it (grid.py).
            # Leading blank columns are dropped; harmless, since the columns keep their sheet order.
            sheet = reader.load_sheet(
                index, header_row=None, skip_rows=0, dtypes="string", whitespace_as_null=True
            )
            batch, errors = sheet.to_arrow_with_errors()
            found = [(e.position[0], e.position[1], e.detail) for e in (errors.errors if errors else [])]
            columns = [pa.chunked_array([column]) for column in batch.columns]
            result.append(SheetCells(name, sheet.visible == "visible", columns, found))
        return result
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException as exc:  # calamine panics arrive as pyo3's PanicException, a BaseException
        raise UnreadableFile(_excel_failure(path, kind, exc)) from exc


def _show_error_cells(columns: list[pa.Array], errors: list[tuple[int, int, str]]) -> list[pa.Array]:
    """Put "#N/A", "#DIV/0!" … where Excel shows them, instead of the null calamine gives."""
    patches: dict[int, dict[int, str]] = {}
    for row, col, detail in errors:
        match = _ERROR_DETAIL.search(detail)
        if match and col < len(columns):
            patches.setdefault(col, {})[row] = EXCEL_ERRORS.get(match.group(1), f"#{match.group(1)}")
    for col, cells in patches.items():
        values = columns[col].to_pylist()
        for row, text in cells.items():
            if row < len(values):
                values[row] = text
        columns[col] = pa.array(values, type=pa.string())
    return columns


def _excel_failure(path: str | os.PathLike[str], kind: str, exc: BaseException) -> str:
    if kind == "xls":
        try:
            with open(path, "rb") as file:
                content = file.read(64 * 1024 * 1024)
        except OSError:
            content = b""
        for stream, message in _OLE2_STREAMS:
            if stream in content:
                return message
    reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    reason = reason.removeprefix("calamine error: ")
    if reason == "Cannot detect file format":  # what calamine says of bytes it cannot parse as any format
        reason = "cấu trúc tệp không hợp lệ, có thể tệp bị cắt cụt"
    return f"Tệp Excel bị hỏng hoặc không đọc được: {reason[:200]}"
