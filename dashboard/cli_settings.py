"""Command line for the user's settings (issue 3 §4): calendar overrides and procedures' legal time limits.

python -m dashboard calendar list | off DAY [--note TEXT] | work DAY [--note TEXT] | remove DAY
python -m dashboard time-limit list [--missing] | set PROCEDURE DAYS | remove PROCEDURE
"""

from __future__ import annotations

import argparse

import pandas as pd

from dashboard.kpi import settings as read
from dashboard.kpi.summary import targets_for
from dashboard.kpi.targets import COMPARATOR_SYMBOL, DEFAULT_TARGETS, KPI_LABEL_VI, Target, targets_to_rows
from dashboard.settings import database_path
from dashboard.store import Database
from dashboard.store import settings as write


def _action(actions: argparse._SubParsersAction, name: str, text: str) -> argparse.ArgumentParser:
    action = actions.add_parser(name, help=text)
    action.add_argument("--db", help="cơ sở dữ liệu (mặc định data/cchc.duckdb hoặc biến CCHC_DB)")
    return action


def add_commands(commands: argparse._SubParsersAction) -> None:
    calendar = commands.add_parser("calendar", help="Ngày nghỉ thêm / ngày làm việc bù (KPI_SPEC §6)")
    actions = calendar.add_subparsers(dest="action", required=True)
    _action(actions, "list", "liệt kê các ngày đã khai báo")
    for name, text in (
        ("off", "khai báo một ngày nghỉ"),
        ("work", "khai báo một ngày làm việc (thứ Bảy làm bù)"),
    ):
        action = _action(actions, name, text)
        action.add_argument("day", help="YYYY-MM-DD hoặc DD/MM/YYYY")
        action.add_argument("--note", help="ghi chú, ví dụ số văn bản")
    _action(actions, "remove", "bỏ khai báo của một ngày").add_argument("day")

    limits = commands.add_parser(
        "time-limit", help="Thời hạn giải quyết theo quy định của thủ tục (ngày làm việc)"
    )
    actions = limits.add_subparsers(dest="action", required=True)
    _action(actions, "list", "liệt kê thời hạn đã nhập").add_argument(
        "--missing", action="store_true", help="các thủ tục chưa có thời hạn"
    )
    setting = _action(actions, "set", "đặt thời hạn của một thủ tục")
    setting.add_argument("procedure")
    setting.add_argument("days", type=int)
    _action(actions, "remove", "bỏ thời hạn của một thủ tục").add_argument("procedure")

    targets = commands.add_parser("targets", help="Chỉ tiêu của từng KPI và ngưỡng gần đạt (issue 3 §6)")
    actions = targets.add_subparsers(dest="action", required=True)
    _action(actions, "list", "liệt kê chỉ tiêu đang dùng")
    setting = _action(actions, "set", "đặt chỉ tiêu một KPI (tỷ lệ viết dạng 0.98)")
    setting.add_argument("kpi", choices=sorted(DEFAULT_TARGETS))
    setting.add_argument("comparator", help="ge (≥), le (≤) hoặc eq (=)")
    setting.add_argument("value", type=float)
    setting.add_argument("--near", type=float, default=0.0, help="khoảng 'gần đạt' tính từ chỉ tiêu")
    _action(actions, "reset", "quay về chỉ tiêu mặc định")


def _targets(db: Database, args: argparse.Namespace) -> None:
    current = targets_for(db)
    if args.action == "set":
        current[args.kpi] = Target(args.kpi, args.comparator, args.value, args.near)
        write.set_targets(db, targets_to_rows(current))
    elif args.action == "reset":
        write.set_targets(db, [])
        current = targets_for(db)
    rows = [
        {"KPI": KPI_LABEL_VI.get(t.kpi, t.kpi), "mã": t.kpi, "chỉ tiêu": f"{COMPARATOR_SYMBOL[t.comparator]} {t.value:g}",
         "gần đạt trong": f"{t.near:g}"}
        for t in targets_for(db).values()
    ]  # fmt: skip
    _print(pd.DataFrame(rows), "")


def _print(frame: pd.DataFrame, empty: str) -> None:
    print(frame.to_string(index=False) if len(frame) else empty)


def run(args: argparse.Namespace) -> int:
    db = Database(database_path(args.db))
    db.ensure_schema()
    try:
        if args.command == "targets":
            _targets(db, args)
        elif args.command == "calendar":
            if args.action == "list":
                _print(read.calendar_overrides(db), "Chưa khai báo ngày nào.")
            elif args.action in ("off", "work"):
                kind = "day_off" if args.action == "off" else "working_day"
                write.set_calendar_override(db, args.day, kind, args.note)
                print(f"Đã lưu: {args.day} là {'ngày nghỉ' if kind == 'day_off' else 'ngày làm việc'}")
            elif not write.remove_calendar_override(db, args.day):
                print(f"Ngày {args.day} chưa được khai báo.")
        elif args.action == "list":
            frame = read.procedures_without_limit(db) if args.missing else read.procedure_time_limits(db)
            _print(frame, "Không có thủ tục nào.")
        elif args.action == "set":
            write.set_procedure_time_limit(db, args.procedure, args.days)
            print(f"Đã lưu: {args.procedure}: {args.days} ngày làm việc")
        elif not write.remove_procedure_time_limit(db, args.procedure):
            print(f"Thủ tục '{args.procedure}' chưa có thời hạn.")
    except ValueError as error:
        print(f"lỗi: {error}")
        return 2
    return 0
