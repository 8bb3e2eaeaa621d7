"""`python -m dashboard time-limit list [--missing] | set PROCEDURE DAYS | remove PROCEDURE`: procedures' legal
time limits in working days, used where an export has no due date (issue 3 §4)."""

from __future__ import annotations

import argparse

from dashboard.cli.args import add_db_option
from dashboard.cli.output import print_table
from dashboard.kpi import settings as read
from dashboard.settings import database_path
from dashboard.store import Database
from dashboard.store import settings as write


def add_command(commands: argparse._SubParsersAction) -> None:
    limits = commands.add_parser(
        "time-limit", help="Thời hạn giải quyết theo quy định của thủ tục (ngày làm việc)"
    )
    actions = limits.add_subparsers(dest="action", required=True)
    listing = actions.add_parser("list", help="liệt kê thời hạn đã nhập")
    add_db_option(listing)
    listing.add_argument("--missing", action="store_true", help="các thủ tục chưa có thời hạn")
    setting = actions.add_parser("set", help="đặt thời hạn của một thủ tục")
    add_db_option(setting)
    setting.add_argument("procedure")
    setting.add_argument("days", type=int)
    remove = actions.add_parser("remove", help="bỏ thời hạn của một thủ tục")
    add_db_option(remove)
    remove.add_argument("procedure")
    limits.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    db = Database(database_path(args.db))
    db.ensure_schema()
    try:
        if args.action == "list":
            frame = read.procedures_without_limit(db) if args.missing else read.procedure_time_limits(db)
            print_table(frame, "Không có thủ tục nào.")
        elif args.action == "set":
            write.set_procedure_time_limit(db, args.procedure, args.days)
            print(f"Đã lưu: {args.procedure}: {args.days} ngày làm việc")
        elif not write.remove_procedure_time_limit(db, args.procedure):
            print(f"Thủ tục '{args.procedure}' chưa có thời hạn.")
    except ValueError as error:
        print(f"lỗi: {error}")
        return 2
    return 0
