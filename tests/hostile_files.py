"""Hostile and broken input files, generated on the fly (issue 12 §9: none is committed as a binary), and a
runner that imports them through the real command line in a child process and reports what a user would see.

Builders write an ordinary one-stop export (EXPORT_FORMATS.md: title rows, a header, dossier rows) with one
thing wrong in it. `run_ingest` runs `python -m dashboard ingest FILE --db DB --json` and returns its exit code,
stdout, stderr, the JSON report and the child's peak memory (VmHWM of the child's own address space: wait4's
ru_maxrss would also count the pytest process it was forked from, which is gigabytes late in a full run).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent

HEADER = (
    "STT",
    "Mã hồ sơ",
    "Đơn vị tiếp nhận",
    "Lĩnh vực",
    "Tên thủ tục hành chính",
    "Chủ hồ sơ",
    "Ngày tiếp nhận",
    "Ngày hẹn trả",
    "Ngày kết thúc xử lý",
    "Trạng thái",
    "Số lần bổ sung",
)
TITLE = ("DANH SÁCH HỒ SƠ", "(Từ ngày 01/10/2026 đến ngày 31/10/2026)")
EXPORT_DAY = "31/10/2026"  # the title's "đến ngày": the export's own date


def dossier(number: int, **changes: str) -> list[str]:
    """One ordinary dossier row of HEADER; keyword arguments replace cells by field:
    code, unit, field, procedure, owner, received, due, finished, status, supplements."""
    day = 1 + number % 28
    cells = {
        "stt": str(number),
        "code": f"000.00.12.H17-2610{day:02d}-{number:04d}",
        "unit": "UBND Phường Hải Châu",
        "field": "Hộ tịch",
        "procedure": "Thủ tục đăng ký khai sinh",
        "owner": "Nguyễn Văn An",
        "received": f"{day:02d}/10/2026 08:00:00",
        "due": f"{day:02d}/11/2026 17:00:00",
        "finished": f"{day:02d}/10/2026 15:00:00",
        "status": "Đã giải quyết",
        "supplements": "0",
    }
    unknown = set(changes) - set(cells)
    if unknown:
        raise KeyError(f"no such cell: {sorted(unknown)}")
    cells.update(changes)
    return list(cells.values())


def export_rows(rows: Iterable[Sequence[str]], title: Sequence[str] = TITLE) -> Iterator[list[str]]:
    """Title rows, a blank row, the header, then `rows`."""
    for line in title:
        yield [line]
    yield []
    yield list(HEADER)
    yield from (list(row) for row in rows)


def write_csv(path: Path, rows: Iterable[Sequence[str]], encoding: str = "utf-8", title=TITLE) -> Path:
    """A comma-separated export; cells are quoted when they need it."""
    with open(path, "w", encoding=encoding, newline="") as out:
        for row in export_rows(rows, title):
            out.write(",".join(_csv_cell(cell) for cell in row) + "\r\n")
    return path


def _csv_cell(cell: str) -> str:
    if any(ch in cell for ch in ',"\r\n'):
        return '"' + cell.replace('"', '""') + '"'
    return cell


# --- xlsx written part by part, so that any part can be made wrong ------------------------------------------

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Danh sách" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)
SHEET_PART = "xl/worksheets/sheet1.xml"
SHEET_START = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
SHEET_END = "</sheetData></worksheet>"


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_xml(ref: str, value: str) -> str:
    """An inline-string cell; a value starting with "=" becomes a formula without a cached value."""
    if value.startswith("="):
        return f'<c r="{ref}"><f>{escape(value[1:])}</f></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(value)}</t></is></c>'


def row_xml(number: int, cells: Sequence[str]) -> str:
    body = "".join(cell_xml(f"{column_letter(i)}{number}", v) for i, v in enumerate(cells) if v != "")
    return f'<row r="{number}">{body}</row>'


def sheet_xml(rows: Iterable[Sequence[str]], title=TITLE) -> Iterator[str]:
    yield SHEET_START
    for number, row in enumerate(export_rows(rows, title), start=1):
        yield row_xml(number, row)
    yield SHEET_END


def write_xlsx(
    path: Path, rows: Iterable[Sequence[str]], title=TITLE, sheet: Iterable[str] | None = None
) -> Path:
    """A one-sheet workbook with inline strings, deflated; `sheet` replaces the generated sheet XML."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        _write_parts(archive)
        with archive.open(SHEET_PART, "w", force_zip64=True) as part:
            for piece in sheet if sheet is not None else sheet_xml(rows, title):
                part.write(piece.encode("utf-8"))
    return path


def _write_parts(archive: zipfile.ZipFile) -> None:
    archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
    archive.writestr("_rels/.rels", _ROOT_RELS)
    archive.writestr("xl/workbook.xml", _WORKBOOK)
    archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)


def write_bomb_xlsx(path: Path, unpacked_bytes: int) -> Path:
    """A small xlsx whose sheet unpacks to about `unpacked_bytes`: the same dossier row over and over.

    The repeated piece is shorter than deflate's 32 KB window, so the file packs about 300:1, beyond the
    report's bomb (15 MB that unpacks to 3 GB, 200:1)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        _write_parts(archive)
        with archive.open(SHEET_PART, "w", force_zip64=True) as part:
            part.write(SHEET_START.encode())
            for number, header_row in enumerate(export_rows([]), start=1):
                part.write(row_xml(number, header_row).encode())
            block = (row_xml(5, dossier(1)) * 40).encode()
            block = block * max(1, (1 << 20) // len(block))  # about 1 MB per write
            for _ in range(unpacked_bytes // len(block) + 1):
                part.write(block)
            part.write(SHEET_END.encode())
    return path


def write_long_xlsx(path: Path, unpacked_bytes: int) -> Path:
    """An xlsx of ordinary, numbered dossier rows that unpacks to about `unpacked_bytes` (packed fast)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        _write_parts(archive)
        with archive.open(SHEET_PART, "w", force_zip64=True) as part:
            part.write(SHEET_START.encode())
            written, rows = 0, export_rows(dossier(n) for n in range(1, 10**8))
            for number, cells in enumerate(rows, start=1):
                data = row_xml(number, cells).encode()
                part.write(data)
                written += len(data)
                if written >= unpacked_bytes:
                    break
            part.write(SHEET_END.encode())
    return path


def write_huge_cell_xlsx(path: Path, cell_bytes: int) -> Path:
    """A small xlsx with one dossier whose procedure name is `cell_bytes` letters long (streamed)."""

    def sheet() -> Iterator[str]:
        yield SHEET_START
        for number, row in enumerate(export_rows([]), start=1):
            yield row_xml(number, row)
        cells = dossier(1)
        yield '<row r="5">' + "".join(cell_xml(f"{column_letter(i)}5", v) for i, v in enumerate(cells[:4]))
        yield '<c r="E5" t="inlineStr"><is><t>'
        block = "A" * (1 << 20)
        for _ in range(cell_bytes // len(block)):
            yield block
        yield "</t></is></c>"
        yield "".join(cell_xml(f"{column_letter(i)}5", v) for i, v in enumerate(cells) if i > 4) + "</row>"
        yield SHEET_END

    return write_xlsx(path, [], sheet=sheet())


def understate_sizes(path: Path, part: str = SHEET_PART, declared: int = 1000) -> Path:
    """Rewrite the zip so that `part` claims to unpack to `declared` bytes (local and central headers):
    a bomb that lies about its size. The data itself is unchanged."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo(part)
    name = part.encode()
    _patch_size(data, info.header_offset, 22, declared, local=True)
    position = 0
    while (position := data.find(b"PK\x01\x02", position)) >= 0:
        length = struct.unpack_from("<H", data, position + 28)[0]
        if data[position + 46 : position + 46 + length] == name:
            _patch_size(data, position, 24, declared, local=False)
            break
        position += 4
    path.write_bytes(bytes(data))
    return path


def _patch_size(data: bytearray, offset: int, field: int, declared: int, local: bool) -> None:
    """Set the 32-bit uncompressed size, and the zip64 extra field's copy when the header has one."""
    current = struct.unpack_from("<I", data, offset + field)[0]
    struct.pack_into("<I", data, offset + field, declared)
    if current != 0xFFFFFFFF:
        return
    name_length, extra_length = struct.unpack_from("<HH", data, offset + (26 if local else 28))
    extra = offset + (30 if local else 46) + name_length
    end = extra + extra_length
    while extra + 4 <= end:
        kind, size = struct.unpack_from("<HH", data, extra)
        if kind == 1:  # zip64: uncompressed size comes first
            struct.pack_into("<Q", data, extra + 4, declared)
            return
        extra += 4 + size


def deflated(data: bytes) -> bytes:
    compressor = zlib.compressobj(1, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


# --- running the command line ----------------------------------------------------------------------------------


@dataclass
class IngestRun:
    exit_code: int
    stdout: str
    stderr: str
    peak_mb: float
    reports: list[dict]

    @property
    def report(self) -> dict:
        assert len(self.reports) == 1, self.stdout
        return self.reports[0]

    def assert_no_traceback(self) -> None:
        assert "Traceback" not in self.stderr and "Traceback" not in self.stdout, self.stderr[-3000:]


# Runs `python -m dashboard ARGS…` and, at exit, writes the process's VmHWM (KiB) to $CCHC_PEAK_FILE. Linux
# resets VmHWM at exec; ru_maxrss keeps the forking parent's high-water mark.
_MEASURED_MAIN = """
import atexit, os, runpy, sys

def _write_peak():
    with open("/proc/self/status", encoding="ascii") as status:
        kib = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    with open(os.environ["CCHC_PEAK_FILE"], "w", encoding="ascii") as out:
        out.write(kib)

atexit.register(_write_peak)
sys.argv[0] = "dashboard"
runpy.run_module("dashboard", run_name="__main__", alter_sys=True)
"""


def run_ingest(
    files: Sequence[Path], db: Path, *extra: str, env: dict | None = None, timeout=600
) -> IngestRun:
    """`python -m dashboard ingest FILES --db DB --json` in a child process, with its own peak memory."""
    # The outputs go elsewhere than the database's folder, which a test may have made full or read-only.
    outputs = Path(tempfile.mkdtemp(prefix="ingest-run-"))
    out_path, err_path, peak_path = outputs / "stdout", outputs / "stderr", outputs / "peak_kib"
    command = [
        sys.executable,
        "-c",
        _MEASURED_MAIN,
        "ingest",
        *map(str, files),
        "--db",
        str(db),
        "--json",
        *extra,
    ]
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            stdout=out,
            stderr=err,
            env={**os.environ, "CCHC_PEAK_FILE": str(peak_path), **(env or {})},
        )
        try:
            _, status, usage = _wait4(process, timeout)
        finally:
            if process.returncode is None and process.poll() is None:
                process.kill()
                process.wait()
    stdout = out_path.read_text(encoding="utf-8", errors="replace")
    stderr = err_path.read_text(encoding="utf-8", errors="replace")
    # A child killed before its exit handlers ran leaves no figure: then wait4's (an upper bound).
    peak_kib = int(peak_path.read_text()) if peak_path.exists() else usage.ru_maxrss
    shutil.rmtree(outputs, ignore_errors=True)
    reports = [json.loads(line) for line in stdout.splitlines() if line.startswith("{")]
    return IngestRun(
        exit_code=os.waitstatus_to_exitcode(status),
        stdout=stdout,
        stderr=stderr,
        peak_mb=peak_kib / 1024,
        reports=reports,
    )


def _wait4(process: subprocess.Popen, timeout: float):
    import time

    deadline = time.monotonic() + timeout
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            process.returncode = os.waitstatus_to_exitcode(status)
            return pid, status, usage
        if time.monotonic() > deadline:
            process.kill()
            raise TimeoutError(f"ingest did not finish in {timeout} s")
        time.sleep(0.05)


def file_digest(path: Path) -> str | None:
    """SHA-256 of the database file (None when there is none): unchanged means byte for byte."""
    if not path.exists():
        return None
    return hashlib.sha256(path.read_bytes()).hexdigest()


def leftovers(folder: Path) -> list[str]:
    """Temporary and hidden files a write left next to the database."""
    return sorted(
        p.name for p in folder.iterdir() if p.name.endswith((".tmp", ".wal")) or p.name.startswith(".")
    )


def dossier_count(db: Path) -> int:
    import duckdb

    with duckdb.connect(str(db), read_only=True) as connection:
        return connection.execute("SELECT count(*) FROM dossier").fetchall()[0][0]


def stored_texts(db: Path, column: str) -> list[str]:
    import duckdb

    with duckdb.connect(str(db), read_only=True) as connection:
        query = f"SELECT DISTINCT {column} FROM dossier ORDER BY 1"  # column: a name from the test itself
        return [value for (value,) in connection.execute(query).fetchall()]
