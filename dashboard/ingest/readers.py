"""Entry point: read any supported file into a Workbook of text cells; also the Excel (xlsx, xls) reader."""

from __future__ import annotations

import hashlib
import os
import re

import fastexcel
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.ingest.csv_text import read_csv
from dashboard.ingest.grid import Sheet, UnreadableFile, Workbook
from dashboard.ingest.html_table import read_html
from dashboard.ingest.sniff import detect_kind

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
    """xlsx or binary xls through fastexcel (calamine), every cell as text.

    Hidden sheets are skipped (in exports they hold lookup lists), unless no visible sheet has data.
    """
    loaded = []
    for name, batch, errors, is_visible in _calamine_sheets(path, kind):
        columns = [_blank_to_null(column) for column in batch.columns]
        if errors:
            columns = _show_error_cells(columns, errors)
        if not any(column.null_count < len(column) for column in columns):
            continue
        table = pa.table(columns, names=[f"c{i}" for i in range(len(columns))])
        # header_row=None with skip_rows=0 keeps leading blank rows, so table row i is sheet row i + 1.
        row_numbers = np.arange(1, table.num_rows + 1, dtype=np.int64)
        loaded.append((Sheet(name=name, table=table, row_numbers=row_numbers), is_visible))
    visible = [sheet for sheet, is_visible in loaded if is_visible]
    sheets = visible or [sheet for sheet, _ in loaded]
    if not sheets:
        raise UnreadableFile("Tệp không có dữ liệu")
    return Workbook(kind=kind, sheets=sheets)


def _calamine_sheets(path: str | os.PathLike[str], kind: str) -> list[tuple[str, pa.RecordBatch, list, bool]]:
    """(name, cells, error cells, visible) per sheet; any failure of calamine means the file is unreadable."""
    try:
        # Bytes, not the path: given a path, calamine picks its parser by the extension, and an xlsx named
        # .xls (EXPORT_FORMATS.md) would fail; given bytes, it looks at the content as sniff.py did.
        with open(path, "rb") as file:
            reader = fastexcel.read_excel(file.read())
        result = []
        for index, name in enumerate(reader.sheet_names):
            # dtypes="string" for every column: a guessed type nulls the cells that do not fit it (grid.py).
            # Leading blank columns are dropped; harmless, since the columns keep their sheet order.
            sheet = reader.load_sheet(
                index, header_row=None, skip_rows=0, dtypes="string", whitespace_as_null=True
            )
            batch, errors = sheet.to_arrow_with_errors()
            result.append(
                (name, batch, errors.errors if errors is not None else [], sheet.visible == "visible")
            )
        return result
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException as exc:  # calamine panics arrive as pyo3's PanicException, a BaseException
        raise UnreadableFile(_excel_failure(path, kind, exc)) from exc


def _blank_to_null(column: pa.Array) -> pa.Array:
    """Cells without surrounding white space; empty ones null.

    ASCII trimming first (ten times faster than Unicode trimming on 200,000 cells, and this runs on every
    column of every file); the Unicode pass only where a no-break space is left at either end.
    """
    trimmed = pc.ascii_trim_whitespace(column.cast(pa.string()))
    if pc.any(pc.or_(pc.starts_with(trimmed, "\xa0"), pc.ends_with(trimmed, "\xa0"))).as_py():
        trimmed = pc.utf8_trim_whitespace(trimmed)
    return pc.if_else(pc.equal(pc.binary_length(trimmed), 0), pa.scalar(None, pa.string()), trimmed)


def _show_error_cells(columns: list[pa.Array], errors: list) -> list[pa.Array]:
    """Put "#N/A", "#DIV/0!" … where Excel shows them, instead of the null calamine gives."""
    patches: dict[int, dict[int, str]] = {}
    for error in errors:
        match = _ERROR_DETAIL.search(error.detail)
        row, col = error.position
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
