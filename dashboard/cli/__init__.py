"""Command line: `python -m dashboard COMMAND …`, one module per command, each a fixed contract:

ingest (issue 2 §10), demo, report (issue 5 §5), kpi (issue 3 §8), calendar, time-limit, targets (issue 3 §4, §6),
units (issue 15).
Every module adds its parser with `add_command` and sets `run`, which returns the exit code.
"""

from __future__ import annotations

from dashboard.cli import calendar, demo, ingest, kpi, report, targets, time_limit, units
from dashboard.cli.args import VietnameseParser

COMMANDS = (ingest, demo, report, kpi, calendar, time_limit, targets, units)


def parser() -> VietnameseParser:
    top = VietnameseParser(prog="python -m dashboard", description="Bảng điều khiển CCHC")
    commands = top.add_subparsers(dest="command", required=True)
    for command in COMMANDS:
        command.add_command(commands)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)
