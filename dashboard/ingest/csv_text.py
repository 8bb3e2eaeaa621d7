"""CSV reader: bytes → encoding → delimiter → one Sheet of text cells.

EXPORT_FORMATS.md: CSV comes in UTF-8, UTF-8 with BOM, or Windows-1258 / Windows-1252, separated by `,` or `;`.
Excel's "Unicode Text" (UTF-16 with BOM, tab-separated) costs nothing extra, so it is read too.
"""

from __future__ import annotations

import codecs
import csv
import gc
import os
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
import pyarrow as pa

from dashboard.ingest.cells import clean_cells
from dashboard.ingest.grid import Sheet, UnreadableFile, Workbook
from dashboard.ingest.zip_guard import too_long_cell

DELIMITERS = (",", ";", "\t")
SAMPLE_CHARS = 64 * 1024
SAMPLE_RECORDS = 50
SHEET_NAME = "Bảng 1"

_QUOTED = re.compile(r'"(?:[^"]|"")*"')
_SEP_LINE = re.compile(r"sep=(.)\r?\n?$", re.IGNORECASE)
# A combining tone mark is only Vietnamese when it follows a vowel; cp1258 stores tones as such marks.
_VOWELS = "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY"
_STRAY_TONE = re.compile(f"(?<![{_VOWELS}])[\u0300\u0301\u0303\u0309\u0323]")


def detect_encoding(raw: bytes, complete: bool = True) -> str:
    """The encoding of `raw`: "utf-8-sig", "utf-16", "utf-8", "cp1258" or "cp1252".

    complete=False means `raw` is only the head of the file, so a character cut at its end is not an error.
    """
    if raw.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(raw, final=complete)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    return _windows_code_page(raw)


def _windows_code_page(raw: bytes) -> str:
    # Not UTF-8, so a Windows code page. cp1258 (Vietnamese) and cp1252 (Western) share ASCII and most of the
    # Latin-1 range; they differ where cp1258 puts Ă Đ Ơ Ư ă đ ơ ư ₫ and the five combining tone marks
    # (cp1252 has Ã Ð Õ Ý ì ò … there). This project's files are Vietnamese, so cp1258 wins unless its reading
    # is plainly wrong: a byte cp1258 leaves undefined (Š Ž š ž in cp1252), or a tone mark that follows no
    # vowel (e.g. "ì" of a Western word read as a bare combining acute).
    try:
        text = raw.decode("cp1258")
    except UnicodeDecodeError:
        return "cp1252"
    return "cp1252" if _STRAY_TONE.search(text) else "cp1258"


def decode(raw: bytes, encoding: str) -> str:
    """`raw` as text; bytes no code page defines become U+FFFD rather than failing the whole file."""
    return raw.decode(encoding, errors="replace" if encoding in ("cp1258", "cp1252") else "strict")


def detect_delimiter(sample: str) -> str | None:
    """The delimiter that splits the first records most consistently, or None if no candidate occurs.

    Counting happens outside quoted fields. The winner is the candidate whose most common non-zero count per
    line is shared by the most lines (title rows above the header have no delimiter, or Excel pads them with
    the same count); ties go to the one giving more columns. "99,93" decimals in a `;` file lose this way.
    """
    unquoted = _QUOTED.sub('""', sample)
    lines = [line for line in unquoted.splitlines()[:SAMPLE_RECORDS] if line.strip()]
    best: tuple[int, int] = (0, 0)
    winner = None
    for delimiter in DELIMITERS:
        counts = Counter(n for n in (line.count(delimiter) for line in lines) if n)
        if not counts:
            continue
        columns, lines_agreeing = max(counts.items(), key=lambda item: (item[1], item[0]))
        if (lines_agreeing, columns) > best:
            best, winner = (lines_agreeing, columns), delimiter
    return winner


HEAD_BYTES = 1024**2  # what the encoding and the delimiter are decided on
BATCH_RECORDS = 50_000  # records turned into Arrow columns at a time: Python objects for these only


def read_csv(path: str | os.PathLike[str]) -> Workbook:
    """The file as one Sheet, read in batches of records so that memory stays near the size of the cells
    (issue 12 §1: a 300 MB file took 3.45 GB as Python lists of strings)."""
    with open(path, "rb") as file:
        head = file.read(HEAD_BYTES)
        complete = not file.read(1)
    encoding = detect_encoding(head, complete)
    try:
        return _read_with(path, encoding, head)
    except _NotUtf8:
        # The head was UTF-8 but a later byte is not: a Windows code page, as detect_encoding decides.
        return _read_with(path, _windows_code_page(head), head)


class _NotUtf8(Exception):
    pass


def _read_with(path: str | os.PathLike[str], encoding: str, head: bytes) -> Workbook:
    errors = "replace" if encoding in ("cp1258", "cp1252") else "strict"
    with open(path, encoding=encoding, errors=errors, newline="") as text:
        try:
            first_line = text.readline(1024)
            # Excel honours a first line "sep=;" and writes one when asked; it declares the delimiter, no data.
            declared = _SEP_LINE.fullmatch(first_line.removeprefix("\ufeff"))
            if declared:
                delimiter, skipped_lines = declared.group(1), 1
            else:
                sample = decode(head, encoding) if errors == "replace" else head.decode(encoding, "ignore")
                delimiter, skipped_lines = detect_delimiter(sample[:SAMPLE_CHARS]) or ",", 0
                text.seek(0)
            columns, starts, last_spans = _parse(text, delimiter, skip_bom=not declared)
        except UnicodeDecodeError as exc:
            if encoding == "utf-8":
                raise _NotUtf8 from exc
            raise UnreadableFile(f"Tệp CSV bị hỏng: không giải mã được theo {encoding}") from exc
    if last_spans:
        _check_closed_quote(path, encoding, errors, int(starts[-1]) + skipped_lines, delimiter)
    if not columns or all(column.null_count == len(column) for column in columns):
        raise UnreadableFile("Tệp không có dữ liệu")
    table = pa.table(columns, names=[f"c{i}" for i in range(len(columns))])
    sheet = Sheet(name=SHEET_NAME, table=table, row_numbers=starts + skipped_lines)
    return Workbook(kind="csv", sheets=[sheet], encoding=encoding, delimiter=delimiter)


def _parse(text, delimiter: str, skip_bom: bool) -> tuple[list[pa.ChunkedArray], np.ndarray, bool]:
    """Columns of cleaned text, the 1-based line where each record starts (a quoted field may hold line
    breaks), and whether the last record spans several lines (see _check_closed_quote)."""
    reader = csv.reader(text, delimiter=delimiter)
    batches: list[pa.Table] = []
    rows: list[list[str]] = []
    ends: list[int] = []
    first = True
    try:
        with _gc_paused():
            for row in reader:
                if first and skip_bom and row:
                    row[0] = row[0].removeprefix("\ufeff")
                first = False
                rows.append(row)
                ends.append(reader.line_num)
                if len(rows) == BATCH_RECORDS:
                    batches.append(_to_table(rows))
                    rows = []
    except csv.Error as exc:
        line = (ends[-1] if ends else 0) + 1
        if "field larger than field limit" in str(exc):
            raise too_long_cell(f"dòng {line}; có thể một dấu ngoặc kép không được đóng") from exc
        raise UnreadableFile(f"Tệp CSV bị hỏng ở dòng {line}: {exc}") from exc
    if rows:
        batches.append(_to_table(rows))
    starts = (
        np.concatenate(([1], np.asarray(ends[:-1], dtype=np.int64) + 1)) if ends else np.empty(0, np.int64)
    )
    last_spans = bool(ends) and ends[-1] > starts[-1]
    return _join(batches), starts, last_spans


def _join(batches: list[pa.Table]) -> list[pa.ChunkedArray]:
    """The batches' columns end to end; a batch narrower than the widest gets empty cells."""
    width = max((batch.num_columns for batch in batches), default=0)
    return [
        pa.chunked_array(
            [
                batch.column(index).combine_chunks()
                if index < batch.num_columns
                else pa.nulls(batch.num_rows, pa.string())
                for batch in batches
            ],
            type=pa.string(),
        )
        for index in range(width)
    ]


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Millions of new cells make the cyclic garbage collector rescan them again and again (a third of the
    reading time); lists of strings hold no cycles, so it can wait until the file is read."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _check_closed_quote(path, encoding: str, errors: str, start_line: int, delimiter: str) -> None:
    """Refuse a file whose last record only ends at end of file because a quote was never closed.

    The lenient csv reader would silently fold every later line into one cell; rows would be lost unseen.
    The file is read again from the line where that record starts, in strict mode.
    """
    with open(path, encoding=encoding, errors=errors, newline="") as text:
        for _ in range(start_line - 1):
            text.readline()
        try:
            for _ in csv.reader(text, delimiter=delimiter, strict=True):
                pass
        except csv.Error as exc:
            if "unexpected end of data" in str(exc):
                raise UnreadableFile(
                    f"Tệp CSV bị lỗi: dấu ngoặc kép mở ở dòng {start_line} không được đóng, "
                    "các dòng sau đó bị dồn vào một ô"
                ) from exc


def _to_table(rows: list[list[str]]) -> pa.Table:
    width = max(max(map(len, rows)), 1)
    padded = [row if len(row) == width else row + [""] * (width - len(row)) for row in rows]
    columns = [clean_cells(pa.array(column, type=pa.string())) for column in zip(*padded, strict=True)]
    return pa.table(columns, names=[f"c{i}" for i in range(width)])
