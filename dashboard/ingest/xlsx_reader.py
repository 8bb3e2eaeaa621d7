"""The .xlsx reader: a sheet read in pieces of rows, so that memory stays bounded (issue 12 §1).

calamine (through fastexcel) builds the whole sheet in memory before handing any of it over: 1.7 GB for a
1,048,576-row export. So the sheet's XML is unpacked here (zip_guard: sizes checked, and counted as it unpacks)
and cut at row boundaries into pieces of about CHUNK_BYTES; each piece becomes a small workbook of its own
(the original workbook, styles and shared strings, and this piece of the sheet, stored uncompressed) that
fastexcel reads at full speed. Its cells join the table as text, and only the piece's own memory is held while
it is read.

Pieces are read two at a time on two threads (fastexcel lets go of Python's lock while it parses), so a sheet
is read about as fast as fastexcel reads the whole file alone, though it is unpacked and counted here first
(issue 12 §1: the import within 1.5 times the bare reader). At most READ_THREADS pieces are held at once.

Each piece ends with a marker row holding a cell in column A, which is dropped: fastexcel starts a table at
the first column that has a cell, and the marker keeps every piece's columns in the same place. `skip_rows`
starts a piece's table at the sheet row after the previous piece, so that table row i stays sheet row i + 1.
"""

from __future__ import annotations

import os
import re
import struct
import zipfile
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import BinaryIO
from xml.etree import ElementTree

import fastexcel
import pyarrow as pa

from dashboard.ingest import zip_guard
from dashboard.ingest.cells import clean_cells
from dashboard.ingest.grid import UnreadableFile
from dashboard.ingest.memory_pool import release_freed_memory

CHUNK_BYTES = (
    int(os.environ.get("CCHC_XLSX_CHUNK_MB", "64")) * 1024**2
)  # sheet XML per piece: about 65,000 rows of an ordinary export
MIN_PIECE_BYTES = 4 * 1024**2  # a floor: a small sheet is not cut into many tiny workbooks for the threads
# The CPUs this process may use (a container's share, not the host's count); two threads at most: memory.
READ_THREADS = min(
    2, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
)
MAX_ROW_BYTES = 64 * 1024**2  # one row's XML; a piece is cut at row ends only
# A sheet whose rows carry no numbers (a rare writer) cannot be cut: up to this size calamine reads it whole
# (about 1.7 times its XML in memory at the peak); above it, it is refused.
WHOLE_SHEET_BYTES = 256 * 1024**2
READ_IN_PIECES = True  # False: calamine reads every sheet whole (the tests compare the two ways)
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_SHEET_DATA = re.compile(rb"<(\w+:)?sheetData(?:\s[^>]*)?(/?)>")
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\b[^>]*/>")
_ROW_NUMBER = re.compile(rb'<(?:\w+:)?row\b[^>]*?\sr="(\d+)"')
_KEPT_PARTS = ("[content_types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels")


@dataclass
class SheetPart:
    name: str
    path: str  # the part inside the archive, e.g. xl/worksheets/sheet1.xml
    visible: bool


@dataclass
class SheetCells:
    """One sheet as text columns, with the cells calamine reported as errors and the formulas without value."""

    name: str
    visible: bool
    columns: list[pa.ChunkedArray]
    errors: list[tuple[int, int, str]] = field(default_factory=list)  # (row, column, detail), 0-based


def read_xlsx_sheets(path: str | os.PathLike[str], file: BinaryIO) -> list[SheetCells]:
    """Every worksheet of the .xlsx at `path` (open as `file`). Raises UnreadableFile.

    Sheets are read in pieces, counted as they are unpacked (a part larger than it says is refused). A sheet
    without row numbers of at most WHOLE_SHEET_BYTES is read whole by fastexcel from the file itself, once
    every part it may read has been unpacked here and counted."""
    try:
        archive = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise UnreadableFile("Tệp Excel bị hỏng hoặc không đọc được: tệp bị cắt cụt hoặc hỏng") from exc
    with archive:
        infos = {info.filename.lower(): info for info in archive.infolist()}
        workbook = _Workbook.open(file, infos)
        zip_guard.check_declared(workbook.declared_parts())
        try:
            if READ_IN_PIECES:
                return [workbook.read_sheet(sheet) for sheet in workbook.sheets]
        except RowsWithoutNumbers:
            sizes = [infos[sheet.path.lower()].file_size for sheet in workbook.sheets]
            if max(sizes, default=0) > WHOLE_SHEET_BYTES:
                raise
        readable = [info for name, info in infos.items() if name.endswith((".xml", ".rels"))]
        zip_guard.check_declared(readable)
        for info in readable:
            zip_guard.count_unpacked(file, info)
        return _read_whole(path, file, workbook.sheets)


class RowsWithoutNumbers(UnreadableFile):
    """A sheet longer than one piece whose rows carry no r="…" numbers: it cannot be cut into pieces."""


def _read_whole(path: str | os.PathLike[str], file: BinaryIO, sheets: list[SheetPart]) -> list[SheetCells]:
    """fastexcel on the file itself; columns placed from column A, as the pieces are."""
    # By path when the name says xlsx (calamine picks its parser by the extension; an xlsx named .xls
    # is passed as bytes, which it recognises by their content).
    source = str(path) if str(path).lower().endswith((".xlsx", ".xlsm")) else (file.seek(0) or file.read())
    result = []
    try:
        reader = fastexcel.read_excel(source)
        for sheet in sheets:
            loaded = reader.load_sheet(
                sheet.name, header_row=None, skip_rows=0, dtypes="string", whitespace_as_null=True
            )
            batch, errors = loaded.to_arrow_with_errors()
            found = [
                (e.position[0], e.position[1], e.detail)
                for e in (errors.errors if errors is not None else [])
            ]
            offset = loaded.available_columns()[0].absolute_index if batch.num_columns else 0
            columns = [pa.chunked_array([pa.nulls(batch.num_rows, pa.string())]) for _ in range(offset)]
            columns += [pa.chunked_array([clean_cells(column)]) for column in batch.columns]
            result.append(
                SheetCells(sheet.name, sheet.visible, columns, [(r, c + offset, d) for r, c, d in found])
            )
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException as exc:  # calamine panics arrive as pyo3's PanicException, a BaseException
        raise _calamine_failure(exc) from exc
    return result


def _calamine_failure(exc: BaseException) -> UnreadableFile:
    reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    reason = reason.removeprefix("calamine error: ")[:200]
    return UnreadableFile(f"Tệp Excel bị hỏng hoặc không đọc được: {reason}")


class _Workbook:
    """The small parts every piece needs, unpacked once, and the list of worksheets."""

    def __init__(self, file: BinaryIO, infos: dict[str, zipfile.ZipInfo], sheets: list[SheetPart]) -> None:
        self.file, self.infos, self.sheets = file, infos, sheets
        self.shared: dict[str, bytes] = {}

    @classmethod
    def open(cls, file: BinaryIO, infos: dict[str, zipfile.ZipInfo]) -> _Workbook:
        if "xl/workbook.xml" not in infos:
            raise UnreadableFile("Tệp Excel bị hỏng: thiếu xl/workbook.xml")
        small = {name: infos[name] for name in _KEPT_PARTS if name in infos}
        for info in small.values():
            if info.file_size > 16 * 1024**2:
                raise UnreadableFile(f"Tệp Excel bị hỏng: phần {info.filename} lớn bất thường")
        texts = {name: zip_guard.unpack_whole(file, info) for name, info in small.items()}
        sheets = _sheet_parts(texts["xl/workbook.xml"], texts.get("xl/_rels/workbook.xml.rels", b""), infos)
        workbook = cls(file, infos, sheets)
        workbook.shared = {small[name].filename: data for name, data in texts.items()}
        return workbook

    def declared_parts(self) -> list[zipfile.ZipInfo]:
        names = [sheet.path.lower() for sheet in self.sheets] + list(_KEPT_PARTS)
        names += [name for name in self.infos if name.endswith(("sharedstrings.xml", "styles.xml"))]
        return [self.infos[name] for name in dict.fromkeys(names) if name in self.infos]

    def _load_shared_parts(self) -> None:
        """Styles (which cells are dates) and shared strings, unpacked once for every piece."""
        for name, info in self.infos.items():
            wanted = name.startswith("xl/") and name.endswith(("sharedstrings.xml", "styles.xml"))
            if wanted and info.filename not in self.shared:
                self.shared[info.filename] = zip_guard.unpack_whole(self.file, info)

    def read_sheet(self, sheet: SheetPart) -> SheetCells:
        self._load_shared_parts()
        info = self.infos.get(sheet.path.lower())
        if info is None:
            return SheetCells(sheet.name, sheet.visible, [])
        pieces = _SheetPieces(zip_guard.unpacked_pieces(self.file, info), self._piece_bytes(info))
        result = SheetCells(sheet.name, sheet.visible, [])
        reading: deque[tuple[int, int, Future]] = deque()
        tables: list[pa.Table] = []
        next_row = 0  # 0-based sheet row where the next piece's table starts
        with ThreadPoolExecutor(max_workers=READ_THREADS, thread_name_prefix="xlsx-piece") as pool:
            for rows, first_row, last_row in pieces:
                if first_row is not None and first_row < next_row:
                    raise UnreadableFile(
                        f"Trang '{sheet.name}' có các dòng không theo thứ tự; hãy lưu lại bằng Excel"
                    )
                data = _piece_workbook(
                    self.shared, info.filename, pieces.prefix, rows, pieces.tag_prefix, next_row, last_row
                )
                rows.release()
                reading.append((next_row, last_row, pool.submit(_read_piece, data, sheet.name, next_row)))
                del data
                next_row = last_row
                while len(reading) >= READ_THREADS:  # memory: at most READ_THREADS pieces held at once
                    tables.append(_piece_result(sheet.name, result, *reading.popleft()))
            while reading:
                tables.append(_piece_result(sheet.name, result, *reading.popleft()))
        result.columns = _join(tables)
        return result

    def _piece_bytes(self, info: zipfile.ZipInfo) -> int:
        """Sheet XML per piece: at most CHUNK_BYTES, small enough that every thread gets pieces, and at least
        twice the shared strings, which every piece's workbook holds."""
        shared_bytes = sum(
            len(data) for name, data in self.shared.items() if name.lower().endswith("sharedstrings.xml")
        )
        even_share = max(info.file_size // (2 * READ_THREADS) + 1, MIN_PIECE_BYTES)
        return max(min(CHUNK_BYTES, even_share), 2 * shared_bytes)


def _piece_result(
    sheet_name: str, result: SheetCells, first_row: int, last_row: int, reading: Future
) -> pa.Table:
    """A piece's table once its thread has read it; its error cells join the sheet's, numbered in the sheet."""
    table, errors = reading.result()
    release_freed_memory()  # the piece's cells, freed by the reader, go back before the next piece
    if table.num_rows != last_row - first_row:
        raise UnreadableFile(f"Trang '{sheet_name}' không đọc được theo từng phần; hãy lưu lại bằng Excel")
    result.errors += [(first_row + row, col, detail) for row, col, detail in errors]
    return table


def _sheet_parts(workbook: bytes, rels: bytes, infos: dict[str, zipfile.ZipInfo]) -> list[SheetPart]:
    try:
        book = ElementTree.fromstring(workbook)
        relations = ElementTree.fromstring(rels) if rels else None
    except ElementTree.ParseError as exc:
        raise UnreadableFile(f"Tệp Excel bị hỏng: xl/workbook.xml không đọc được ({exc})") from exc
    targets = {}
    for relation in relations.iter(f"{_RELS}Relationship") if relations is not None else []:
        target = relation.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else "xl/" + target
        targets[relation.get("Id")] = re.sub(r"[^/]+/\.\./", "", target)
    sheets = []
    for number, element in enumerate(book.iter(f"{_MAIN}sheet"), start=1):
        path = targets.get(element.get(_REL_ID), f"xl/worksheets/sheet{number}.xml")
        if path.lower() in infos:
            sheets.append(
                SheetPart(
                    element.get("name", f"Sheet{number}"), path, element.get("state") in (None, "visible")
                )
            )
    return sheets


class _SheetPieces:
    """Iterates (rows XML, first row, last row) over a sheet's unpacked XML, cut at row ends.

    The rows come as a view of an internal buffer, valid until the next step: the caller copies them once,
    into the piece's workbook. Fresh memory is what costs (on a virtual machine, first use of a page is slow),
    so the buffer is reused from piece to piece.
    """

    def __init__(self, unpacked: Iterator[bytes], chunk_bytes: int) -> None:
        self.unpacked = unpacked
        self.chunk_bytes = chunk_bytes
        self.prefix = b""
        self.tag_prefix = b""

    def __iter__(self) -> Iterator[tuple[memoryview, int | None, int]]:
        buffer = self._find_sheet_data()
        if buffer is None:
            return
        end_row = b"</" + self.tag_prefix + b"row>"
        end_data = b"</" + self.tag_prefix + b"sheetData>"
        row_start = b"<" + self.tag_prefix + b"row"
        last_row, finished, wanted = 0, False, self.chunk_bytes + len(end_row)
        while True:
            while not finished and len(buffer) < wanted:
                piece = next(self.unpacked, None)
                finished = piece is None
                buffer += piece or b""
            cut, at_end = self._cut(buffer, end_row, end_data, finished)
            if cut < 0:
                if finished:
                    raise UnreadableFile("Tệp Excel bị hỏng: trang tính bị cắt cụt")
                if len(buffer) > MAX_ROW_BYTES:
                    raise zip_guard.too_long_cell(f"một dòng dài hơn {zip_guard.size_text(MAX_ROW_BYTES)}")
                wanted = len(buffer) + len(end_row) + 1  # a row longer than a piece: read on to its end
                continue
            wanted = self.chunk_bytes + len(end_row)
            first = _ROW_NUMBER.search(buffer, 0, min(cut, 65536))
            last = _ROW_NUMBER.search(buffer, max(buffer.rfind(row_start, 0, cut), 0), cut)
            if first is None or last is None:
                if buffer.find(row_start, 0, cut) >= 0:
                    if not at_end or last_row:
                        raise RowsWithoutNumbers("Tệp Excel không ghi số dòng; hãy mở bằng Excel và lưu lại")
                    # A small sheet without row numbers (a rare writer) is read whole; calamine numbers its rows.
                    with memoryview(buffer) as view:
                        yield view[:cut], None, buffer.count(end_row, 0, cut)
            else:
                last_row = int(last.group(1))
                with memoryview(buffer) as view:
                    yield view[:cut], int(first.group(1)) - 1, last_row
            if at_end:
                return
            del buffer[:cut]

    def _cut(self, buffer: bytearray, end_row: bytes, end_data: bytes, finished: bool) -> tuple[int, bool]:
        """(where this piece ends, whether the sheet's rows end there): after the last row that ends within
        chunk_bytes, or after the first row end for a row longer than that, or at </sheetData>.
        (-1, False) when no row ends in the buffer yet. Searches backwards: rows are short."""
        limit = self.chunk_bytes + len(end_row)
        cut = buffer.rfind(end_row, 0, limit)
        after = cut + len(end_row) if cut >= 0 else 0
        stop = buffer.find(end_data, after, limit)  # </sheetData> can only follow the last row
        if stop >= 0:
            return stop, True
        if cut < 0:
            cut = buffer.find(end_row, limit)
            if cut < 0:
                stop = buffer.find(end_data) if finished else -1
                return stop, stop >= 0
        return cut + len(end_row), False

    def _find_sheet_data(self) -> bytearray | None:
        buffer = bytearray()
        for piece in self.unpacked:
            buffer += piece
            match = _SHEET_DATA.search(buffer)
            if match:
                self.tag_prefix = match.group(1) or b""
                head = _DIMENSION.sub(b"", bytes(buffer[: match.start()]))
                self.prefix = head + match.group(0).replace(b"/>", b">")
                if match.group(2):  # <sheetData/>: no rows
                    return None
                del buffer[: match.end()]
                return buffer
            if len(buffer) > MAX_ROW_BYTES:
                break
        raise UnreadableFile("Tệp Excel bị hỏng: trang tính không có phần dữ liệu (sheetData)")


def _piece_workbook(
    shared: dict[str, bytes],
    sheet_path: str,
    prefix: bytes,
    rows: memoryview,
    tag: bytes,
    skip: int,
    last_row: int,
) -> bytes:
    """A stored zip of the workbook's small parts and this piece of the sheet, between two marker rows.

    The marker after the piece (row last_row + 1) and, for every piece but the first, the one before it (row
    `skip`, the previous piece's last row) hold a cell in column A. fastexcel starts a table at the first row
    with a cell when told to skip none (given skip_rows, it builds every row from the top of the sheet first:
    480 bytes per row above the piece), and at the first column with a cell: the markers fix both."""
    end = b"</" + tag + b"sheetData></" + tag + b"worksheet>"
    sheet = [prefix, _marker(tag, skip) if skip else b"", rows, _marker(tag, last_row + 1), end]
    parts = [(name, [data]) for name, data in shared.items()] + [(sheet_path, sheet)]
    return _stored_zip(parts)


def _marker(tag: bytes, row: int) -> bytes:
    return b'<%brow r="%d"><%bc r="A%d" t="inlineStr"><%bis><%bt>.</%bt></%bis></%bc></%brow>' % (
        tag,
        row,
        tag,
        row,
        tag,
        tag,
        tag,
        tag,
        tag,
        tag,
    )


def _stored_zip(parts: list[tuple[str, list[bytes]]]) -> bytes:
    """A zip archive of uncompressed members, each given as a list of byte pieces (joined once)."""
    out: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for name, pieces in parts:
        encoded = name.encode("utf-8")
        # calamine does not check the CRC of a stored member, and computing it would cost about a twentieth of
        # an import; these archives never leave this process (test_xlsx_reader reads every piece through it).
        crc = 0
        size = sum(len(piece) for piece in pieces)
        local = struct.pack(
            "<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0x800, 0, 0, 0x21, crc, size, size, len(encoded), 0
        )
        out += [local, encoded, *pieces]
        central.append(
            struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, 0x800, 0, 0, 0x21, crc, size, size,
                        len(encoded), 0, 0, 0, 0, 0, offset) + encoded
        )  # fmt: skip
        offset += len(local) + len(encoded) + size
    directory = b"".join(central)
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(parts), len(parts), len(directory), offset, 0)
    return b"".join([*out, directory, end])


def _read_piece(data: bytes, sheet_name: str, skip: int) -> tuple[pa.Table, list[tuple[int, int, str]]]:
    """One piece through fastexcel, every cell as text, cleaned; the marker rows are dropped."""
    try:
        reader = fastexcel.read_excel(data)
        sheet = reader.load_sheet(
            sheet_name,
            header_row=None,
            skip_rows=None if skip else 0,
            dtypes="string",
            whitespace_as_null=True,
        )
        batch, errors = sheet.to_arrow_with_errors()
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException as exc:  # calamine panics arrive as pyo3's PanicException, a BaseException
        raise _calamine_failure(exc) from exc
    first = 1 if skip else 0
    # Cleaned here, piece by piece: the reader's own copy of the cells is let go before the next piece.
    cells = batch.slice(first, max(batch.num_rows - 1 - first, 0))
    table = pa.table([clean_cells(column) for column in cells.columns], names=cells.schema.names)
    found = [
        (e.position[0] - first, e.position[1], e.detail)
        for e in (errors.errors if errors is not None else [])
    ]
    return table, [item for item in found if 0 <= item[0] < table.num_rows]


def _empty_formula_pattern(tag: bytes) -> re.Pattern[bytes]:
    """<c r="J5"><f>…</f></c>, <c r="J5"><f t="shared" si="0"/><v></v></c>: a formula, no cached value."""
    c, f, v = (re.escape(tag + name) for name in (b"c", b"f", b"v"))
    return re.compile(
        rb"<" + c + rb'\s[^>]*?r="([A-Z]{1,3}\d+)"[^>]*>\s*'
        rb"(?:<" + f + rb"\b[^>]*/>|<" + f + rb"\b[^>]*>[^<]*</" + f + rb">)\s*"
        rb"(?:<" + v + rb"\s*/>|<" + v + rb">\s*</" + v + rb">)?\s*</" + c + rb">"
    )


def find_empty_formulas(
    path: str | os.PathLike[str], sheet_name: str, first_column: int = 0
) -> set[tuple[int, int]]:
    """(row, column), 0-based, of the cells of a sheet holding a formula and no computed value; columns
    counted from `first_column` (the sheet's first column with a cell, where the reader's table starts).

    A file written by a program that does not compute formulas gives every reader an empty cell there (issue 12
    §5). Looked for only when the import needs it (a row lacks its received date), by reading the sheet's XML
    again: a scan on every import would cost more than the rest of the check."""
    found: set[tuple[int, int]] = set()
    with open(path, "rb") as file, zipfile.ZipFile(file) as archive:
        infos = {info.filename.lower(): info for info in archive.infolist()}
        workbook = _Workbook.open(file, infos)
        for sheet in workbook.sheets:
            info = infos.get(sheet.path.lower())
            if sheet.name != sheet_name or info is None:
                continue
            pieces = _SheetPieces(zip_guard.unpacked_pieces(file, info), CHUNK_BYTES)
            for rows, _, _ in pieces:
                found.update(
                    (row, column - first_column)
                    for row, column in _formulas_without_value(rows, pieces.tag_prefix)
                    if column >= first_column
                )
                rows.release()
    return found


_CELL_REF = re.compile(rb"([A-Z]{1,3})(\d+)")


def _formulas_without_value(rows: memoryview, tag: bytes) -> list[tuple[int, int]]:
    found = []
    for match in _empty_formula_pattern(tag).finditer(rows):
        ref = _CELL_REF.fullmatch(match.group(1))
        if ref:
            column = 0
            for letter in ref.group(1):
                column = column * 26 + letter - 64
            found.append((int(ref.group(2)) - 1, column - 1))
    return found


def _join(tables: list[pa.Table]) -> list[pa.ChunkedArray]:
    """The pieces' columns end to end; a piece narrower than the widest gets empty cells."""
    width = max((table.num_columns for table in tables), default=0)
    chunks: list[list[pa.Array]] = [[] for _ in range(width)]
    for table in tables:
        for index in range(width):
            if index < table.num_columns:
                chunks[index].extend(table.column(index).chunks)
            else:
                chunks[index].append(pa.nulls(table.num_rows, pa.string()))
    return [pa.chunked_array(column, type=pa.string()) for column in chunks]
