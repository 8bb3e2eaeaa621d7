"""`python -m dashboard demo [--db DB] [--dossiers N] [--seed N]`: a database of synthetic dossiers and sample
export files, for trying the dashboard (issue 2 §10)."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from dashboard.cli.args import add_db_option
from dashboard.settings import SAMPLES_DIR, database_path
from dashboard.store import Database


def add_command(commands: argparse._SubParsersAction) -> None:
    demo = commands.add_parser("demo", help="Tạo cơ sở dữ liệu mẫu và các tệp xuất mẫu")
    add_db_option(demo)
    demo.add_argument("--dossiers", type=int, default=220_000, help="số hồ sơ (mặc định 220.000)")
    demo.add_argument("--seed", type=int, default=7)
    demo.add_argument(
        "--samples",
        metavar="DIR",
        help="thư mục ghi tệp xuất mẫu (mặc định: thư mục samples cạnh cơ sở dữ liệu)",
    )
    demo.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from dashboard.demo.build import build_demo

    path = database_path(args.db)
    samples = (
        Path(args.samples) if args.samples else path.parent / SAMPLES_DIR.name
    )  # data/samples by default
    started = time.perf_counter()
    summary = build_demo(Database(path), dossiers=args.dossiers, seed=args.seed, samples_dir=samples)
    print(f"Đã tạo {path} trong {time.perf_counter() - started:.1f} giây: {summary}")
    return 0
