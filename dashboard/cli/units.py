"""`python -m dashboard units …` (issue 15 §1–3, fixed contracts): the units of the database across the
reorganisations of the communes.

python -m dashboard units province NAME [--db DB]                          the database's province
python -m dashboard units successor OLD NEW [--db DB]                      where a split commune's dossiers go
python -m dashboard units crosswalk FILE --effective YYYY-MM-DD [--db DB]  a later conversion table (NSO layout)
python -m dashboard units list [--at YYYY-MM-DD] [--db DB]                 the register (units in force on a day)

Exit 0 when done, 2 with a Vietnamese message when the arguments name nothing (an unknown province, a unit that
is not a successor, a file that is not a conversion table): nothing is stored then.
"""

from __future__ import annotations

import argparse
import sys

from dashboard.cli.args import add_db_option, iso_day
from dashboard.cli.output import print_table
from dashboard.formatting import format_count, format_date
from dashboard.ingest.grid import UnreadableFile
from dashboard.kpi.unit_register import assignment_counts, register_listing, stored_units
from dashboard.settings import database_path
from dashboard.store import Database
from dashboard.store import units_settings as write
from dashboard.units.choice_text import ChoiceError
from dashboard.units.crosswalk_reader import NotACrosswalk
from dashboard.units.crosswalk_report import report_lines
from dashboard.units.listing import register_table
from dashboard.units.province import ProvinceError

EXIT_BAD_REQUEST = 2


def add_command(commands: argparse._SubParsersAction) -> None:
    units = commands.add_parser(
        "units", help="Đơn vị qua các lần sắp xếp: tỉnh, đơn vị kế tiếp, bảng chuyển đổi"
    )
    actions = units.add_subparsers(dest="action", required=True)
    province = actions.add_parser(
        "province", help="đặt tỉnh của cơ sở dữ liệu (tên đơn vị hiểu trong tỉnh này)"
    )
    province.add_argument("name", metavar="NAME", help="tên tỉnh, thành phố: Tuyên Quang, TP Đà Nẵng, …")
    add_db_option(province)
    successor = actions.add_parser("successor", help="chọn đơn vị kế tiếp cho một xã cũ bị chia tách")
    successor.add_argument("old", metavar="OLD", help="mã xã cũ của Cục Thống kê, hoặc tên (kèm '- huyện …')")
    successor.add_argument("new", metavar="NEW", help="mã hoặc tên đơn vị kế tiếp")
    add_db_option(successor)
    crosswalk = actions.add_parser(
        "crosswalk", help="nạp một bảng chuyển đổi ĐVHC mới – cũ (mẫu Cục Thống kê)"
    )
    crosswalk.add_argument("file", metavar="FILE", help="tệp .csv, .xlsx hoặc .xls")
    crosswalk.add_argument(
        "--effective",
        type=iso_day,
        required=True,
        metavar="YYYY-MM-DD",
        help="ngày các đơn vị mới có hiệu lực",
    )
    add_db_option(crosswalk)
    listing = actions.add_parser("list", help="liệt kê danh mục đơn vị")
    listing.add_argument(
        "--at", type=iso_day, metavar="YYYY-MM-DD", help="chỉ các đơn vị có hiệu lực ngày này"
    )
    add_db_option(listing)
    units.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    db = Database(database_path(args.db))
    db.ensure_schema()
    try:
        return {"province": _province, "successor": _successor, "crosswalk": _crosswalk, "list": _list}[
            args.action
        ](db, args)
    except (ProvinceError, ChoiceError, UnreadableFile, NotACrosswalk, write.CrosswalkRefused) as error:
        print(f"lỗi: {error}", file=sys.stderr)
        return EXIT_BAD_REQUEST


def _province(db: Database, args: argparse.Namespace) -> int:
    name, changed = write.set_province(db, args.name)
    units = stored_units(db)
    total, resolved = assignment_counts(db)
    print(
        f"Tỉnh của cơ sở dữ liệu: {name}; danh mục {format_count(len(units.register))} đơn vị (trước và sau các "
        f"lần sắp xếp); {format_count(resolved)}/{format_count(total)} hồ sơ đã gắn đơn vị "
        f"({format_count(changed)} thay đổi)"
    )
    if resolved < total:
        print("Các tên đơn vị chưa xác định (trùng tên, không có trong danh mục): xem trang Dữ liệu")
    return 0


def _successor(db: Database, args: argparse.Namespace) -> int:
    old_id, new_id = write.set_successor(db, args.old, args.new)
    units = stored_units(db)
    old, new = units.register[old_id], units.register[new_id]
    print(
        f"Đã chọn: hồ sơ của {old.name} ({old.code}) tính vào {new.name} ({new.code}) khi đếm theo đơn vị hiện nay"
    )
    rows = register_table(units.register, None, units.province, units.choices)
    # The old unit's own row: a new unit may bear its code and name (the new Xã Thái Bình, 02494).
    until = format_date(old.valid_to)
    print_table(
        rows[(rows["Mã"] == old.code) & (rows["Tên"] == old.name) & (rows["Hiệu lực đến"] == until)], ""
    )
    return 0


def _crosswalk(db: Database, args: argparse.Namespace) -> int:
    result = write.import_crosswalk(db, args.file, args.effective)
    for line in report_lines(result.table, result.applied):
        print(line)
    print(f"Hồ sơ đổi đơn vị: {format_count(result.stored.changed_dossiers)}")
    return 0


def _list(db: Database, args: argparse.Namespace) -> int:
    table, province = register_listing(db, args.at)
    where = province or "cả nước (chưa đặt tỉnh: python -m dashboard units province NAME)"
    when = f", có hiệu lực ngày {args.at:%d/%m/%Y}" if args.at else ""
    print(f"Danh mục đơn vị: {where}{when}; {format_count(len(table))} đơn vị")
    print_table(table, "Không có đơn vị nào.")
    return 0
