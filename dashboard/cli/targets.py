"""`python -m dashboard targets list | set KPI ge|le|eq VALUE [--near X] | reset`: the target of each KPI and its
"gần đạt" band (issue 3 §6)."""

from __future__ import annotations

import argparse

import pandas as pd

from dashboard.cli.args import add_db_option
from dashboard.cli.output import print_table
from dashboard.kpi.summary import targets_for
from dashboard.kpi.targets import COMPARATOR_SYMBOL, DEFAULT_TARGETS, KPI_LABEL_VI, Target, targets_to_rows
from dashboard.settings import database_path
from dashboard.store import Database
from dashboard.store import settings as write


def add_command(commands: argparse._SubParsersAction) -> None:
    targets = commands.add_parser("targets", help="Chỉ tiêu của từng KPI và ngưỡng gần đạt (issue 3 §6)")
    actions = targets.add_subparsers(dest="action", required=True)
    add_db_option(actions.add_parser("list", help="liệt kê chỉ tiêu đang dùng"))
    setting = actions.add_parser("set", help="đặt chỉ tiêu một KPI (tỷ lệ viết dạng 0.98)")
    add_db_option(setting)
    setting.add_argument("kpi", choices=sorted(DEFAULT_TARGETS))
    setting.add_argument("comparator", help="ge (≥), le (≤) hoặc eq (=)")
    setting.add_argument("value", type=float)
    setting.add_argument("--near", type=float, default=0.0, help="khoảng 'gần đạt' tính từ chỉ tiêu")
    add_db_option(actions.add_parser("reset", help="quay về chỉ tiêu mặc định"))
    targets.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    db = Database(database_path(args.db))
    db.ensure_schema()
    current = targets_for(db)
    try:
        if args.action == "set":
            current[args.kpi] = Target(args.kpi, args.comparator, args.value, args.near)
            write.set_targets(db, targets_to_rows(current))
        elif args.action == "reset":
            write.set_targets(db, [])
    except ValueError as error:
        print(f"lỗi: {error}")
        return 2
    rows = [
        {"KPI": KPI_LABEL_VI.get(t.kpi, t.kpi), "mã": t.kpi, "chỉ tiêu": f"{COMPARATOR_SYMBOL[t.comparator]} {t.value:g}",
         "gần đạt trong": f"{t.near:g}"}
        for t in targets_for(db).values()
    ]  # fmt: skip
    print_table(pd.DataFrame(rows), "")
    return 0
