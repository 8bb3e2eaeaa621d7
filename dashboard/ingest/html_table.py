"""Reader for HTML tables, above all the Excel-flavoured page some systems save as `.xls`.

EXPORT_FORMATS.md: the Thanh Hóa system writes a `<table>` inside an HTML page and names it `.xls`; Excel readers
fail on it. Every `<table>` becomes a Sheet. A merged cell (colspan/rowspan) keeps its text in its top-left
position and null elsewhere, which is what Excel readers return for merged cells, so the header flattener
treats both alike.

Why not html.parser: with a Python call per tag it took 17 s for 50,000 rows × 20 cells with Excel's style
attributes. Only a handful of tags shape a table (table, tr, td, th, br and block tags inside cells), so one
compiled pattern splits the text at those, taking a whole row of plain cells in one piece, and cells are
cleaned column-wise with Arrow: about 3.5 s for the same file on the same busy machine, and no new dependency.
Comments, <script> and <style> are removed first so their contents cannot look like cells.
"""

from __future__ import annotations

import codecs
import html
import os
import re
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.ingest.cells import clean_cells
from dashboard.ingest.grid import Sheet, UnreadableFile, Workbook
from dashboard.ingest.zip_guard import size_text

MAX_COLSPAN = 1000  # the HTML standard's limits; larger values are clamped, not trusted
MAX_ROWSPAN = 65534
# Issue 12 §1: bounds on what a page may make the reader build. A <td colspan=1000> is 15 bytes of HTML and a
# thousand cells: the grid, not the file size, is what takes memory.
MAX_HTML_BYTES = 200 * 1024**2
MAX_COLUMNS = 16_384  # Excel's own limit
MAX_CELLS = 40_000_000  # 2.5 times a full 1,048,576-row sheet of 15 columns
BATCH_ROWS = 50_000
BREAK = "\x01"  # stands for <br> until whitespace is collapsed; no real cell text holds it

_NOISE = re.compile(r"<!--.*?-->|<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_ATTRIBUTES = r"""[^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*"""  # ">" may sit inside quoted values
_PLAIN_CELL_BODY = rf"<t[dh](?=[\s/>])({_ATTRIBUTES})>([^<]*)</t[dh]\s*>"
_PLAIN_CELL = re.compile(_PLAIN_CELL_BODY, re.IGNORECASE)
_PLAIN_CELL_TEXT = re.compile(rf"<t[dh](?=[\s/>]){_ATTRIBUTES}>([^<]*)</t[dh]\s*>", re.IGNORECASE)
# White space that trimming leaves for collapsing: anything but a single inner space, and the <br> marker.
_UNTIDY = r"[\t\n\v\f\r\x{1}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}]|  "
_TAG = re.compile(
    # Most of a file is rows of plain cells, so the pattern takes the biggest plain piece it can:
    # group 1: a whole <tr> of plain cells <td …>text</td>;
    # groups 2–3: one plain cell, in a row that also holds other markup;
    # groups 4–6: any other tag that shapes a table, or starts a cell that holds markup.
    rf"<tr(?=[\s/>]){_ATTRIBUTES}>((?:\s*<t[dh](?=[\s/>]){_ATTRIBUTES}>[^<]*</t[dh]\s*>)*)\s*</tr\s*>"
    rf"|{_PLAIN_CELL_BODY}"
    rf"|<(/?)(table|tr|td|th|br|p|div|li)(?=[\s/>])({_ATTRIBUTES})>",
    re.IGNORECASE,
)
STRIDE = 7  # split() yields the text before a match, then the pattern's six groups
_SPAN = re.compile(r"""\b(colspan|rowspan)\s*=\s*["']?\s*(\d+)""", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def read_html(path: str | os.PathLike[str]) -> Workbook:
    size = os.stat(path).st_size
    if size > MAX_HTML_BYTES:
        raise UnreadableFile(
            f"Tệp HTML lớn {size_text(size)}, quá giới hạn {size_text(MAX_HTML_BYTES)}; hãy xuất dạng Excel "
            "(.xlsx) hoặc CSV, hoặc theo từng khoảng thời gian ngắn hơn"
        )
    raw = Path(path).read_bytes()
    encoding = detect_html_encoding(raw)
    text = raw.decode(encoding, errors="replace")
    del raw
    sheets = [
        Sheet(name=f"Bảng {number}", table=table, row_numbers=row_numbers)
        for number, (table, row_numbers) in enumerate(parse_tables(text), start=1)
    ]
    if not sheets:
        raise UnreadableFile("Tệp HTML không chứa bảng dữ liệu nào")
    return Workbook(kind="html", sheets=sheets, encoding=encoding)


def detect_html_encoding(raw: bytes) -> str:
    """BOM, else <meta charset> in the first 4 KB, else UTF-8, else cp1258 (Vietnamese Windows)."""
    if raw.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    declared = _declared_charset(raw[:4096])
    is_utf8 = _is_utf8(raw)
    if declared and not declared.startswith("utf"):
        # Valid UTF-8 with non-ASCII bytes is practically never an accident of a single-byte code page, while
        # page templates often declare iso-8859-1 over UTF-8 data: the bytes outrank the declaration.
        if is_utf8 and not raw.isascii():
            return "utf-8"
        return declared
    return "utf-8" if is_utf8 else "cp1258"


def _declared_charset(head: bytes) -> str | None:
    match = _META_CHARSET.search(head)
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def parse_tables(text: str) -> list[tuple[pa.Table, np.ndarray]]:
    """Each non-empty <table> in document order (by its opening tag) as (table, <tr> ordinals)."""
    # split() gives [text, g1, …, g6, text, g1, …]: one C call instead of a match object per tag, and a
    # Python step per row rather than per cell, which matters at a million cells. Cell text is kept raw here
    # and cleaned column-wise at the end.
    open_tables: list[_Table] = []
    done: list[_Table] = []
    current: _Table | None = None
    for tokens in _token_pieces(_NOISE.sub("", text)):
        current = _walk(tokens, open_tables, done, current)
    done.extend(table.close() for table in reversed(open_tables))  # unclosed at end of file
    done.sort(key=lambda table: table.order)
    return [result for table in done if (result := table.result()) is not None]


_ROW_END = re.compile(r"</tr\s*>", re.IGNORECASE)
PIECE_CHARS = 8 * 1024**2  # text tokenised at a time, cut after a </tr> (the tokens of a piece are a list)


def _token_pieces(text: str):
    """_TAG.split over pieces of the text that end after a </tr>, so that the token list of one piece only is
    alive at a time. A cut right after a </tr> falls between two tags and outside any cell: the text before a
    piece's first tag is white space between rows, dropped as the split of the whole text drops it."""
    start = 0
    while start < len(text):
        end = _ROW_END.search(text, start + PIECE_CHARS) if len(text) - start > PIECE_CHARS else None
        stop = end.end() if end else len(text)
        yield _TAG.split(text[start:stop])
        start = stop


def _walk(
    tokens: list, open_tables: list[_Table], done: list[_Table], current: _Table | None
) -> _Table | None:
    """Feed one piece's tokens to the tables; returns the table being filled."""
    for i in range(1, len(tokens), STRIDE):
        if tokens[i] is not None:
            if current is not None:
                current.add_plain_row(tokens[i])
        elif tokens[i + 2] is not None:
            if current is not None:
                current.add_cell(tokens[i + 1], tokens[i + 2])
        else:
            closing, tag = tokens[i + 3], tokens[i + 4].lower()
            if tag == "table":
                if not closing:
                    current = _Table(order=len(open_tables) + len(done))
                    open_tables.append(current)
                elif open_tables:
                    done.append(open_tables.pop().close())
                    current = open_tables[-1] if open_tables else None
            elif current is None:
                pass
            elif tag == "td" or tag == "th":
                current.end_cell() if closing else current.start_cell(tokens[i + 5])
            elif tag == "tr":
                current.end_row() if closing else current.start_row()
            elif current.cell_parts is not None:
                current.cell_parts.append(BREAK)  # <br>, and block tags that start a new line inside a cell
        following = tokens[i + STRIDE - 1]
        if following and current is not None and current.cell_parts is not None:
            current.cell_parts.append(following)
    return current


class _Table:
    """Raw cell text of one <table> laid out on a grid, honouring colspan and rowspan."""

    def __init__(self, order: int) -> None:
        self.order = order
        self.batches: list[pa.Table] = []  # rows already turned into Arrow columns
        self.cells = 0  # grid cells so far, spans included
        self.rows: list[list[str | None]] = []
        self.row_numbers: list[int] = []
        self.tr_count = 0
        self.row: list[str | None] | None = None
        self.cell_parts: list[str] | None = None
        self.cell_col = 0
        self.covered: set[int] = set()  # columns of this row filled by a rowspan from above
        self.carry: dict[int, int] = {}  # column → rows below still covered by a rowspan
        self.new_carry: dict[int, int] = {}

    def start_row(self) -> None:
        self.end_row()  # a <tr> ends the row before it, closed or not
        self.tr_count += 1
        self.row = []

    def end_row(self) -> None:
        self.end_cell()
        if self.row is None:
            return
        self.rows.append(self.row)
        self.row_numbers.append(self.tr_count)
        self.cells += len(self.row)
        if len(self.row) > MAX_COLUMNS or self.cells > MAX_CELLS:
            raise UnreadableFile(
                f"Bảng HTML quá lớn: hơn {MAX_COLUMNS:,} cột hoặc {MAX_CELLS:,} ô (kể cả ô gộp colspan/rowspan)".replace(
                    ",", "."
                )
            )
        self.row = None
        if len(self.rows) == BATCH_ROWS:
            self._flush()
        for col in self.covered:
            if self.carry[col] > 1:
                self.carry[col] -= 1
            else:
                del self.carry[col]
        self.carry.update(self.new_carry)
        self.new_carry = {}
        self.covered = set(self.carry)

    def add_plain_row(self, body: str) -> None:
        """A whole <tr> of plain cells; "pan" catches colspan/rowSpan/ROWSPAN (or a cell saying "Japan")."""
        self.start_row()
        if self.covered or "pan" in body or "PAN" in body:
            for attributes, text in _PLAIN_CELL.findall(body):
                self.add_cell(attributes, text)
        else:
            self.row.extend(_PLAIN_CELL_TEXT.findall(body))
        self.end_row()

    def add_cell(self, attributes: str, text: str) -> None:
        """A whole cell of plain text, appended directly when no span is involved."""
        if self.row is None or self.cell_parts is not None or self.covered or _has_span(attributes):
            self.start_cell(attributes)
            self.cell_parts.append(text)
            self.end_cell()
        else:
            self.row.append(text)

    def start_cell(self, attributes: str) -> None:
        if self.row is None:
            self.start_row()  # a cell outside any <tr> starts one
        self.end_cell()
        colspan, rowspan = _spans(attributes)
        row = self.row
        col = len(row)
        while col in self.covered:
            col += 1
        row.extend([None] * (col - len(row) + colspan))
        if rowspan > 1:
            for spanned in range(col, col + colspan):
                self.new_carry[spanned] = rowspan - 1
        self.cell_col = col
        self.cell_parts = []

    def end_cell(self) -> None:
        if self.cell_parts is None:
            return
        self.row[self.cell_col] = "".join(self.cell_parts)
        self.cell_parts = None

    def close(self) -> _Table:
        self.end_row()
        return self

    def _flush(self) -> None:
        """The rows so far as cleaned Arrow columns (Python strings for one batch at a time)."""
        width = max(map(len, self.rows), default=0)
        padded = [row if len(row) == width else row + [None] * (width - len(row)) for row in self.rows]
        columns = [_clean(pa.array(column, type=pa.string())) for column in zip(*padded, strict=True)]
        self.batches.append(pa.table(columns, names=[f"c{i}" for i in range(width)]))
        self.rows = []

    def result(self) -> tuple[pa.Table, np.ndarray] | None:
        if self.rows:
            self._flush()
        width = max((batch.num_columns for batch in self.batches), default=0)
        if width == 0:
            return None
        columns = [
            pa.chunked_array(
                [
                    b.column(i).combine_chunks() if i < b.num_columns else pa.nulls(b.num_rows, pa.string())
                    for b in self.batches
                ],
                type=pa.string(),
            )
            for i in range(width)
        ]
        if all(column.null_count == len(column) for column in columns):
            return None
        table = pa.table(columns, names=[f"c{i}" for i in range(width)])
        return table, np.asarray(self.row_numbers, dtype=np.int64)


def _has_span(attributes: str) -> bool:
    return "pan" in attributes or "PAN" in attributes


def _spans(attributes: str) -> tuple[int, int]:
    colspan = rowspan = 1
    for name, value in _SPAN.findall(attributes):
        if name.lower() == "colspan":
            colspan = min(max(int(value), 1), MAX_COLSPAN)
        else:
            rowspan = min(max(int(value), 1), MAX_ROWSPAN)  # rowspan=0 ("to the end") counts as 1
    return colspan, rowspan


def _clean(raw: pa.Array) -> pa.Array:
    """Raw cell HTML → text: inline tags dropped, entities decoded, white space collapsed, <br> → newline.

    Column-wise, and the costly steps only where a cell needs them: a Python call per cell would take seconds.
    """
    if pc.any(pc.match_substring(raw, "<")).as_py():
        raw = pc.replace_substring_regex(raw, r"<[^>]*>", "")  # <span>, <font>, <b>, <a> … within a cell
    if pc.any(pc.match_substring(raw, "&")).as_py():
        raw = pc.replace_substring(raw, "&nbsp;", " ")  # the common entity, without a Python call per cell
        entity = pc.fill_null(pc.match_substring(raw, "&"), False)
        if pc.any(entity).as_py():
            decoded = [html.unescape(value) for value in pc.filter(raw, entity).to_pylist()]
            raw = pc.replace_with_mask(raw, entity, pa.array(decoded, type=pa.string()))
    text = pc.utf8_trim_whitespace(raw)
    untidy = pc.fill_null(pc.match_substring_regex(text, _UNTIDY), False)
    if pc.any(untidy).as_py():
        fixed = pc.replace_substring_regex(pc.filter(text, untidy), r"[\s\pZ]+", " ")
        fixed = pc.replace_substring_regex(fixed, rf" ?{BREAK}[ {BREAK}]*", "\n")
        text = pc.replace_with_mask(text, untidy, pc.utf8_trim_whitespace(fixed))
    return clean_cells(text)  # control characters (a NUL, "&#1;") removed, empty cells null
