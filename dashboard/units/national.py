"""The national register: the NSO list of 4/1/2025 and the conversion table of 1/7/2025, from the project's own
copy in dashboard/units/data/ (never ../shared), built on first use and kept for the process.

KPI_SPEC §9: from 1/7/2025 there is no district level. The districts of the first list end that day; the five
that became special zones (Bạch Long Vĩ, Cồn Cỏ, Hoàng Sa, Lý Sơn, Côn Đảo) go whole to them, the others have
no successor (their tasks went to communes and the province) and stay their own rows in both ways of counting.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from dashboard.units.apply_table import Applied, apply_table
from dashboard.units.base_list import BaseList, parse_base_list
from dashboard.units.crosswalk_reader import parse_crosswalk
from dashboard.units.crosswalk_rows import CrosswalkTable
from dashboard.units.names import DISTRICT_KINDS
from dashboard.units.register import Register
from dashboard.units.sources import COMMUNES_BEFORE_2025, CROSSWALK_2025, csv_rows, package_text

REORGANISATION_2025 = date(2025, 7, 1)
DISTRICTS_ENDED = "cấp huyện không còn từ 01/07/2025"


@dataclass
class RegisterBuild:
    register: Register
    base: BaseList
    tables: list[tuple[CrosswalkTable, Applied]]


def build_register(
    base: BaseList, tables: list[CrosswalkTable], complete_first: bool = True
) -> RegisterBuild:
    """The register of a first list and conversion tables (applied in date order; the first one complete)."""
    register = Register(base.units)
    applied = []
    for index, table in enumerate(sorted(tables, key=lambda t: t.effective)):
        result = apply_table(register, table, complete=complete_first and index == 0)
        if index == 0 and table.effective == REORGANISATION_2025:
            _end_districts(register, result)
        applied.append((table, result))
    return RegisterBuild(register, base, applied)


def _end_districts(register: Register, applied: Applied) -> None:
    for unit_id in applied.ended_unlisted:
        unit = register[unit_id]
        if unit.kind in DISTRICT_KINDS:
            register.replace(replace(unit, ended=DISTRICTS_ENDED))


@lru_cache(maxsize=1)
def national_build() -> RegisterBuild:
    base = parse_base_list(csv_rows(package_text(COMMUNES_BEFORE_2025)))
    table = parse_crosswalk(csv_rows(package_text(CROSSWALK_2025)), REORGANISATION_2025, CROSSWALK_2025)
    return build_register(base, [table])


def national_register() -> Register:
    return national_build().register
