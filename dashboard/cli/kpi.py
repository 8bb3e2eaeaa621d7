"""`python -m dashboard kpi` (issue 3 §8, a fixed contract; issue 10 §1):

python -m dashboard kpi --from YYYY-MM-DD --to YYYY-MM-DD [--by unit|field|procedure|channel|month]
                        [--unit NAME] [--units current|recorded] [--db DB] [--format json|csv|table]
python -m dashboard kpi --ky T10-2025|Q3-2025|6T-2025|9T-2025|2025 …      (official kỳ, closing on the 14th)
python -m dashboard kpi --thang 2025-10 | --quy 2025-Q3 | --nam 2025 …     (calendar periods)

The numbers are kpi_table's, the function behind every page and `report`; this module only names and prints
them (dashboard.kpi.kpi_fields). Exit 0 with the table, 2 with a Vietnamese message when the request cannot be
served: a bad date, --from after --to, an unknown period name, an unknown unit (listing the known ones).
"""

from __future__ import annotations

import argparse
import json
import sys

from dashboard.cli.args import add_db_option, add_units_option, iso_day
from dashboard.cli.output import csv_text, terminal_table
from dashboard.kpi import periods
from dashboard.kpi.kpi_fields import GROUPINGS, kpi_answer
from dashboard.kpi.named_periods import named_period
from dashboard.kpi.report import unit_named, unit_names
from dashboard.settings import database_path
from dashboard.store import Database, DatabaseError, DatabaseMissing

EXIT_BAD_REQUEST = 2
NAMED = ("ky", "thang", "quy", "nam")


def add_command(commands: argparse._SubParsersAction) -> None:
    kpi = commands.add_parser("kpi", help="In các chỉ số Biểu 06 và tỷ lệ của một kỳ (json, csv, bảng)")
    kpi.add_argument(
        "--from", dest="start", type=iso_day, metavar="YYYY-MM-DD", help="ngày đầu kỳ, YYYY-MM-DD"
    )
    kpi.add_argument("--to", dest="end", type=iso_day, metavar="YYYY-MM-DD", help="ngày cuối kỳ, YYYY-MM-DD")
    kpi.add_argument(
        "--ky", metavar="KỲ", help="kỳ báo cáo chốt ngày 14: T10-2025, Q3-2025, 6T-2025, 9T-2025, 2025"
    )
    kpi.add_argument("--thang", metavar="THÁNG", help="tháng dương lịch: 2025-10 hoặc 10-2025")
    kpi.add_argument("--quy", metavar="QUÝ", help="quý dương lịch: 2025-Q3 hoặc Q3-2025")
    kpi.add_argument("--nam", metavar="NĂM", help="năm dương lịch: 2025")
    kpi.add_argument(
        "--by", choices=GROUPINGS, help="nhóm theo đơn vị, lĩnh vực, thủ tục, kênh nộp hoặc tháng"
    )
    kpi.add_argument(
        "--unit", metavar="NAME", help="chỉ một đơn vị (không phân biệt hoa thường, khoảng trắng)"
    )
    add_units_option(kpi)
    add_db_option(kpi)
    kpi.add_argument("--format", choices=("json", "csv", "table"), default="json", help="mặc định json")
    kpi.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        period = _period(args)
    except ValueError as error:
        return _refuse(str(error))
    db = Database(database_path(args.db))
    db.ensure_schema()  # a file of an older version gets dossier.unit_id (issue 15)
    try:
        unit_keys = ()
        if args.unit:
            found = unit_named(db, args.unit, args.units)
            if found is None:
                known = ", ".join(unit_names(db, args.units)) or "(chưa có đơn vị nào)"
                return _refuse(f"không có đơn vị '{args.unit}' trong dữ liệu. Các đơn vị: {known}")
            unit_keys = found[0]
        answer = kpi_answer(db, period, args.by, unit_keys, args.units)
    except (DatabaseMissing, DatabaseError) as error:
        return _refuse(f"không mở được cơ sở dữ liệu {db.path}: {error}")
    if args.format == "json":
        print(json.dumps(answer.as_json(), ensure_ascii=False, indent=2))
    elif args.format == "csv":
        sys.stdout.buffer.write(csv_text(answer))
        sys.stdout.flush()
    else:
        print(terminal_table(answer))
    return 0


def _period(args: argparse.Namespace) -> periods.Period:
    """The period asked for: --from/--to, or exactly one of --ky, --thang, --quy, --nam."""
    named = [(option, getattr(args, option)) for option in NAMED if getattr(args, option)]
    dated = args.start is not None or args.end is not None
    if len(named) > 1 or (named and dated):
        given = [f"--{option}" for option, _ in named] + (["--from/--to"] if dated else [])
        raise ValueError(f"chỉ dùng một cách chọn kỳ, không dùng cùng lúc {' và '.join(given)}")
    if named:
        return named_period(*named[0])
    if args.start is None or args.end is None:
        raise ValueError(
            "cần --from và --to (YYYY-MM-DD), hoặc một kỳ có tên: --ky T10-2025, --ky Q3-2025, …"
        )
    if args.end < args.start:
        raise ValueError(f"ngày --to {args.end:%d/%m/%Y} trước ngày --from {args.start:%d/%m/%Y}")
    return periods.custom(args.start, args.end)


def _refuse(message: str) -> int:
    print(f"lỗi: {message}", file=sys.stderr)
    return EXIT_BAD_REQUEST
