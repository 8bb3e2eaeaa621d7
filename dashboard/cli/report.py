"""Command line for reports (issue 5 §5, a fixed contract):

python -m dashboard report --from YYYY-MM-DD --to YYYY-MM-DD [--by unit|field] [--unit NAME]
                           [--units current|recorded] --out FILE.xlsx|FILE.docx [--db DB] [--phu-luc]

FILE.xlsx is Biểu số 06/VPCP/KSTT (with --phu-luc: the lists of overdue and due-soon dossiers instead), FILE.docx
the Word report with its charts. Rows are by unit, or by field when one unit is chosen, unless --by says.
Exit 0 when the file was written, 2 when the arguments cannot make a report (the message says why), among them a
Word report or Phụ lục of a period and unit without any dossier (issue 11 §7; Biểu 06 is written, all zeros).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from dashboard.cli.args import add_db_option, add_units_option, iso_day
from dashboard.formatting import format_count
from dashboard.settings import database_path
from dashboard.store import Database, DatabaseError, DatabaseMissing

EXIT_BAD_REQUEST = 2
SUFFIX_KIND = {".docx": "word", ".xlsx": "bieu06"}


def add_command(commands: argparse._SubParsersAction) -> None:
    report = commands.add_parser("report", help="Xuất Biểu 06 (.xlsx) hoặc báo cáo Word (.docx) của một kỳ")
    report.add_argument("--from", dest="start", type=iso_day, required=True, help="ngày đầu kỳ, YYYY-MM-DD")
    report.add_argument("--to", dest="end", type=iso_day, required=True, help="ngày cuối kỳ, YYYY-MM-DD")
    report.add_argument("--by", choices=("unit", "field"), help="dòng theo đơn vị hoặc lĩnh vực")
    report.add_argument("--unit", help="chỉ một đơn vị (tên như trong dữ liệu)")
    add_units_option(report)
    report.add_argument("--out", required=True, help="tệp kết quả: .xlsx (Biểu 06) hoặc .docx (báo cáo Word)")
    add_db_option(report)
    report.add_argument(
        "--phu-luc", action="store_true", help="với .xlsx: phụ lục hồ sơ quá hạn, sắp đến hạn"
    )
    report.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from dashboard.exports.chart_images import ChromiumMissing
    from dashboard.exports.report_files import EmptyReport, report_bytes
    from dashboard.kpi.report import period_between, report_content, unit_named, unit_names
    from dashboard.kpi.unit_groups import counting_note

    out = Path(args.out)
    kind = SUFFIX_KIND.get(out.suffix.lower())
    if kind is None:
        return _refuse(f"--out phải là tệp .xlsx hoặc .docx, không phải '{out.name}'")
    if args.phu_luc:
        if kind != "bieu06":
            return _refuse("--phu-luc chỉ dùng với tệp .xlsx")
        kind = "phuluc"
    try:
        period = period_between(args.start, args.end)
    except ValueError as error:
        return _refuse(str(error))
    db = Database(database_path(args.db))
    db.ensure_schema()  # a file of an older version gets dossier.unit_id (issue 15)
    started = time.perf_counter()
    try:
        unit_keys, scope = (), ""
        if args.unit:
            found = unit_named(db, args.unit, args.units)
            if found is None:
                known = unit_names(db, args.units)
                return _refuse(f"không có đơn vị '{args.unit}' trong dữ liệu. Các đơn vị: {', '.join(known)}")
            unit_keys, scope = found
        by = args.by or ("field" if args.unit else "unit")
        content = report_content(db, period, by, unit_keys, scope, units=args.units)
        data = report_bytes(content, kind)
    except (DatabaseMissing, DatabaseError) as error:
        return _refuse(f"không mở được cơ sở dữ liệu {db.path}: {error}")
    except (ChromiumMissing, EmptyReport) as error:  # EmptyReport: issue 11 §7, no Word report on nothing
        return _refuse(str(error))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    total = content.total
    print(
        f"Đã ghi {out} ({len(data) / 1024:.0f} KB, {time.perf_counter() - started:.1f} giây): "
        f"{period.label}, {scope or 'tất cả đơn vị'} ({counting_note(args.units, period.end).split(':')[0].lower()}), tiếp nhận {format_count(total['c3'])} hồ sơ, "
        f"đã giải quyết {format_count(total['c7'])}, đang giải quyết {format_count(total['c11'])}"
    )
    return 0


def _refuse(message: str) -> int:
    print(f"lỗi: {message}", file=sys.stderr)
    return EXIT_BAD_REQUEST
