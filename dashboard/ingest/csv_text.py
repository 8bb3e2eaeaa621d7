"""CSV reader: bytes → encoding → delimiter → one Sheet of text cells.

EXPORT_FORMATS.md: CSV comes in UTF-8, UTF-8 with BOM, or Windows-1258 / Windows-1252, separated by `,` or `;`.
Excel's "Unicode Text" (UTF-16 with BOM, tab-separated) costs nothing extra, so it is read too.
"""

from __future__ import annotations

import codecs
import csv
import gc
import io
import os
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pyarrow as pa

from dashboard.ingest.cells import clean_cells
from dashboard.ingest.grid import Sheet, UnreadableFile, Workbook

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


def read_csv(path: str | os.PathLike[str]) -> Workbook:
    raw = Path(path).read_bytes()
    encoding = detect_encoding(raw)
    try:
        text = decode(raw, encoding)
    except UnicodeDecodeError as exc:  # a UTF-16 file with an odd byte count
        raise UnreadableFile(f"Tệp CSV bị hỏng: không giải mã được theo {encoding}") from exc
    text = text.removeprefix("\ufeff")

    # Excel honours a first line "sep=;" and writes one when asked; it declares the delimiter and is no data.
    first_line = text[: text.find("\n") + 1] if "\n" in text else text
    declared = _SEP_LINE.fullmatch(first_line)
    skipped_lines = 0
    if declared:
        delimiter = declared.group(1)
        text = text[len(first_line) :]
        skipped_lines = 1
    else:
        delimiter = detect_delimiter(text[:SAMPLE_CHARS]) or ","

    rows, starts = _parse(text, delimiter)
    if not any(any(cell.strip() for cell in row) for row in rows):
        raise UnreadableFile("Tệp không có dữ liệu")
    with _gc_paused():
        table = _to_table(rows)
    row_numbers = starts + skipped_lines
    sheet = Sheet(name=SHEET_NAME, table=table, row_numbers=row_numbers)
    return Workbook(kind="csv", sheets=[sheet], encoding=encoding, delimiter=delimiter)


def _parse(text: str, delimiter: str) -> tuple[list[list[str]], np.ndarray]:
    """Records and the 1-based line where each starts (a quoted field may hold line breaks)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[list[str]] = []
    ends: list[int] = []
    try:
        with _gc_paused():
            for row in reader:
                rows.append(row)
                ends.append(reader.line_num)
    except csv.Error as exc:
        line = (ends[-1] if ends else 0) + 1
        raise UnreadableFile(f"Tệp CSV bị hỏng ở dòng {line}: {exc}") from exc
    starts = (
        np.concatenate(([1], np.asarray(ends[:-1], dtype=np.int64) + 1)) if ends else np.empty(0, np.int64)
    )
    if rows and ends[-1] > starts[-1]:
        _check_closed_quote(text, int(starts[-1]))
    return rows, starts


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


def _check_closed_quote(text: str, start_line: int) -> None:
    """Refuse a file whose last record only ends at end of file because a quote was never closed.

    The lenient csv reader would silently fold every later line into one cell; rows would be lost unseen.
    """
    lines = io.StringIO(text, newline="").readlines()
    tail = "".join(lines[start_line - 1 :])
    try:
        for _ in csv.reader(io.StringIO(tail, newline=""), strict=True):
            pass
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            raise UnreadableFile(
                f"Tệp CSV bị lỗi: dấu ngoặc kép mở ở dòng {start_line} không được đóng, "
                "các dòng sau đó bị dồn vào một ô"
            ) from exc


def _to_table(rows: list[list[str]]) -> pa.Table:
    width = max(map(len, rows))
    padded = [row if len(row) == width else row + [""] * (width - len(row)) for row in rows]
    columns = [clean_cells(pa.array(column, type=pa.string())) for column in zip(*padded, strict=True)]
    return pa.table(columns, names=[f"c{i}" for i in range(width)])
