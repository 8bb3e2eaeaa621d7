"""`python -m dashboard calendar list | off DAY [--note TEXT] | work DAY [--note TEXT] | remove DAY`: the user's
corrections to the working-day calendar (KPI_SPEC §6, issue 3 §4)."""

from __future__ import annotations

import argparse

from dashboard.cli.args import add_db_option
from dashboard.cli.output import print_table
from dashboard.kpi import settings as read
from dashboard.settings import database_path
from dashboard.store import Database
from dashboard.store import settings as write


def add_command(commands: argparse._SubParsersAction) -> None:
    calendar = commands.add_parser("calendar", help="Ngày nghỉ thêm / ngày làm việc bù (KPI_SPEC §6)")
    actions = calendar.add_subparsers(dest="action", required=True)
    add_db_option(actions.add_parser("list", help="liệt kê các ngày đã khai báo"))
    for name, text in (
        ("off", "khai báo một ngày nghỉ"),
        ("work", "khai báo một ngày làm việc (thứ Bảy làm bù)"),
    ):
        action = actions.add_parser(name, help=text)
        add_db_option(action)
        action.add_argument("day", help="YYYY-MM-DD hoặc DD/MM/YYYY")
        action.add_argument("--note", help="ghi chú, ví dụ số văn bản")
    remove = actions.add_parser("remove", help="bỏ khai báo của một ngày")
    add_db_option(remove)
    remove.add_argument("day")
    calendar.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    db = Database(database_path(args.db))
    db.ensure_schema()
    try:
        if args.action == "list":
            print_table(read.calendar_overrides(db), "Chưa khai báo ngày nào.")
        elif args.action in ("off", "work"):
            kind = "day_off" if args.action == "off" else "working_day"
            write.set_calendar_override(db, args.day, kind, args.note)
            print(f"Đã lưu: {args.day} là {'ngày nghỉ' if kind == 'day_off' else 'ngày làm việc'}")
        elif not write.remove_calendar_override(db, args.day):
            print(f"Ngày {args.day} chưa được khai báo.")
    except ValueError as error:
        print(f"lỗi: {error}")
        return 2
    return 0
