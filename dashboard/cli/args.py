"""Argument types and options shared by the command-line modules."""

from __future__ import annotations

import argparse
import sys
from datetime import date

DB_HELP = "cơ sở dữ liệu (mặc định data/cchc.duckdb hoặc biến CCHC_DB)"


def iso_day(text: str) -> date:
    """A day written YYYY-MM-DD (--as-of, --from, --to); argparse reports anything else with the option's name."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"cần ngày dạng YYYY-MM-DD, không phải '{text}'") from None


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", help=DB_HELP)


def add_units_option(parser: argparse.ArgumentParser) -> None:
    """issue 15 §4: how dossiers are counted by unit across the reorganisations of the communes."""
    parser.add_argument(
        "--units",
        choices=("current", "recorded"),
        default="current",
        help="đếm theo đơn vị hiện nay (current, mặc định: đơn vị có hiệu lực cuối kỳ, kể cả hồ sơ của các xã cũ "
        "đã nhập vào) hoặc theo đơn vị khi tiếp nhận (recorded)",
    )


class _VietnameseHelp(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, prefix="cách dùng: " if prefix is None else prefix)


class VietnameseParser(argparse.ArgumentParser):
    """argparse with its own words in Vietnamese: usage errors exit 2 with a message a reform officer reads."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _VietnameseHelp)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._optionals.title = "tùy chọn"
        self._positionals.title = "đối số"
        self.add_argument("-h", "--help", action="help", help="in hướng dẫn này rồi thoát")

    def error(self, message: str):  # noqa: D102 - argparse's hook
        self.print_usage(sys.stderr)
        self.exit(2, f"lỗi: {_vietnamese(message)}\n")


_ARGPARSE_WORDS = (
    ("the following arguments are required", "thiếu đối số bắt buộc"),
    ("unrecognized arguments", "đối số không hiểu được"),
    ("invalid choice", "lựa chọn không hợp lệ"),
    ("choose from", "chọn một trong"),
    ("expected one argument", "cần một giá trị"),
    ("not allowed with argument", "không dùng cùng với"),
    ("argument ", "đối số "),
    ("invalid int value", "không phải số nguyên"),
    ("invalid float value", "không phải số"),
)


def _vietnamese(message: str) -> str:
    for english, vietnamese in _ARGPARSE_WORDS:
        message = message.replace(english, vietnamese)
    return message
