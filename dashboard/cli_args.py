"""Argument types shared by the command-line modules."""

from __future__ import annotations

import argparse
from datetime import date


def iso_day(text: str) -> date:
    """A day written YYYY-MM-DD (--as-of, --from, --to); argparse reports anything else with the option's name."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"cần ngày dạng YYYY-MM-DD, không phải '{text}'") from None
