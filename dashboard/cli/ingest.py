"""`python -m dashboard ingest FILE … [--db DB] [--as-of YYYY-MM-DD] [--mapping FILE] [--json]` (issue 2 §10).

Exits 0 when every file was read (rows may be rejected) and 2 when a file could not be read at all; that file
changes nothing, the others are still imported. Exits 1 when the database cannot be written (a full disk, a
read-only folder, a file that is not a database, another import holding it): a message, never a traceback,
and the database as it was.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from datetime import datetime
from pathlib import Path

from dashboard.cli.args import add_db_option, iso_day
from dashboard.ingest.failures import UNCHANGED, WRITE_FAILURES, write_failure_message
from dashboard.ingest.grid import UnreadableFile
from dashboard.ingest.headers import ColumnMapping
from dashboard.ingest.report import ImportReport
from dashboard.settings import database_path
from dashboard.store import Database

EXIT_UNREADABLE = 2
EXIT_WRITE_FAILED = 1  # the database could not be written (or an unexpected error): later files are not tried
PROGRESS_MIN_BYTES = 2_000_000  # a bar is worth showing from a few seconds of work up


def add_command(commands: argparse._SubParsersAction) -> None:
    ingest = commands.add_parser("ingest", help="Nhập tệp xuất từ hệ thống một cửa (xlsx, xls, html, csv)")
    ingest.add_argument("files", nargs="+", metavar="FILE")
    add_db_option(ingest)
    ingest.add_argument("--as-of", type=iso_day, help="ngày chốt số liệu của tệp, YYYY-MM-DD")
    ingest.add_argument("--mapping", help="tệp TOML/JSON: tên cột trong tệp → trường chuẩn")
    ingest.add_argument("--json", action="store_true", help="in một đối tượng JSON cho mỗi tệp")
    ingest.set_defaults(run=run)


def summary(report: ImportReport, seconds: float) -> str:
    lines = [
        f"{report.file}: đọc {report.rows_read} dòng trong {seconds:.1f} giây",
        f"  mới {report.rows_loaded}, cập nhật {report.rows_updated}, không đổi {report.rows_unchanged}, "
        f"bị loại {report.rows_rejected}, bỏ qua {report.rows_skipped}",
    ]
    lines += [f"  bỏ qua vì {why}: {count}" for why, count in report.skipped.items()]
    lines += [f"  ! {note}" for note in report.notes]
    for reject in report.rejects[:20]:
        lines.append(f"  dòng {reject.row}: {reject.reason}")
    if len(report.rejects) > 20:
        lines.append(f"  … và {len(report.rejects) - 20} dòng bị loại khác (xem trong bảng điều khiển)")
    if report.warnings:
        lines.append(
            f"  cảnh báo: {len(report.warnings)} (ví dụ dòng {report.warnings[0].row}: {report.warnings[0].reason})"
        )
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from dashboard.ingest.run import load_any, prepare_any  # dossier exports and 766 score tables

    db = Database(database_path(args.db))
    try:
        mapping = ColumnMapping.load(args.mapping) if args.mapping else None
    except UnreadableFile as error:
        print(f"lỗi: {error}", file=sys.stderr)
        return EXIT_UNREADABLE
    status = 0
    for name in args.files:
        path = Path(name)
        started = time.perf_counter()
        progress = _Progress(path, enabled=not args.json)
        try:
            if not path.is_file():
                raise UnreadableFile("không tìm thấy tệp" if not path.exists() else "không phải tệp")
            progress.step(0)
            prepared = prepare_any(path, as_of=args.as_of, mapping=mapping, now=datetime.now())
            progress.step(1)
            report = load_any(db, prepared)
            progress.done()
        except UnreadableFile as error:
            progress.done()
            status = EXIT_UNREADABLE
            print(f"{path}: không đọc được tệp: {error}", file=sys.stderr)
            if args.json:
                failed = ImportReport(file=str(path)).as_json() | {"error": str(error)}
                print(json.dumps(failed, ensure_ascii=False))
            continue
        except WRITE_FAILURES as error:  # issue 12 §7: a full disk, a read-only folder, not a database …
            progress.done()
            _fail(args, path, write_failure_message(error, db.path))
            return EXIT_WRITE_FAILED
        except Exception as error:  # noqa: BLE001 - the last resort: a message, never a traceback
            progress.done()
            if os.environ.get("CCHC_DEBUG"):
                raise
            _fail(args, path, f"lỗi không mong đợi ({type(error).__name__}: {str(error)[:300]}); {UNCHANGED}")
            print("  (đặt biến môi trường CCHC_DEBUG=1 để xem chi tiết)", file=sys.stderr)
            return EXIT_WRITE_FAILED
        if args.json:
            print(json.dumps(report.as_json(), ensure_ascii=False), flush=True)
        else:
            print(summary(report, time.perf_counter() - started), flush=True)
    return status


def _fail(args: argparse.Namespace, path: Path, message: str) -> None:
    print(f"{path}: {message}", file=sys.stderr)
    if args.json:
        print(json.dumps(ImportReport(file=str(path)).as_json() | {"error": message}, ensure_ascii=False))


class _Progress:
    """A bar on stderr for large files, one step per stage: read and check, then write.

    No reader reports progress inside a sheet, so the bar moves by stage and names the stage it is in.
    """

    STAGES = ("Đọc và kiểm tra", "Ghi vào cơ sở dữ liệu")

    def __init__(self, path: Path, enabled: bool) -> None:
        self.bar = None
        if enabled and sys.stderr.isatty() and path.is_file() and path.stat().st_size >= PROGRESS_MIN_BYTES:
            from tqdm import tqdm

            self.bar = tqdm(total=len(self.STAGES), desc=path.name, unit="bước", leave=False, file=sys.stderr)

    def step(self, stage: int) -> None:
        if self.bar is not None:
            if stage:
                self.bar.update(1)
            self.bar.set_postfix_str(self.STAGES[stage])

    def done(self) -> None:
        if self.bar is not None:
            self.bar.close()
