"""A reorganisation applied to the register (issue 15 §3): the new units of a conversion table begin on its
effective date; the old units it lists end the day before, with their successors.

A later table (30/4/2026, …) is applied the same way on top of the earlier ones: its old side is matched against
the units in force the day before it (dashboard/units/old_side.py). With `complete` (the national table of
1/7/2025 lists every commune, kept ones too), territorial units in force that the table does not list end as well,
without successor, and are reported; without it (a province's table of a few changes) they stay in force.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import date

from dashboard.units.crosswalk_rows import Anomaly, CrosswalkRow, CrosswalkTable
from dashboard.units.model import Successor, Unit, unit_id
from dashboard.units.names import (
    COMMUNE_KINDS,
    DISTRICT_KINDS,
    district_matches,
    name_key,
    province_key,
    repaired_kind,
)
from dashboard.units.old_side import identify_old_units
from dashboard.units.register import Register

TERRITORIAL_KINDS = (*COMMUNE_KINDS, *DISTRICT_KINDS)


@dataclass
class Applied:
    """What a table did to the register. Every loaded row of the table is one successor link (a pair, or a whole
    district that became a special zone) or a new unit of no predecessor (land)."""

    effective: date
    new_units: list[str] = field(default_factory=list)
    ended: list[str] = field(default_factory=list)
    links: int = 0
    without_predecessor: list[str] = field(default_factory=list)
    ended_unlisted: list[str] = field(default_factory=list)
    aliases_added: int = 0
    corrected: list[tuple[str, str, str]] = field(default_factory=list)
    created_old: list[str] = field(default_factory=list)
    anomalies: list[Anomaly] = field(default_factory=list)


def apply_table(register: Register, table: CrosswalkTable, complete: bool = False) -> Applied:
    effective = table.effective
    if any(unit.valid_from == effective for unit in register):
        raise ValueError(f"danh mục đã có một lần sắp xếp có hiệu lực từ {effective:%d/%m/%Y}")
    old = identify_old_units(register, table)
    applied = Applied(
        effective, aliases_added=old.aliases_added, corrected=old.corrected, created_old=old.created
    )
    applied.anomalies += old.anomalies
    new_ids = _add_new_units(register, table, applied)
    successors: dict[str, dict[str, Successor]] = defaultdict(dict)
    for row in table.pairs:
        _link(successors[old.unit_of_row[row.row]], new_ids[row.new_code], row)
        applied.links += 1
    for row in table.origins:
        if row.origin == "district":
            district = _district_unit(register, row, effective)
            if district is not None:
                _link(successors[district.id], new_ids[row.new_code], row)
                applied.links += 1
                continue
            applied.anomalies.append(Anomaly(
                "district_not_found", f"không thấy {row.old_district} trong danh mục để lập {row.new_name}", (row.row,)
            ))  # fmt: skip
        applied.without_predecessor.append(new_ids[row.new_code])
    for old_id, by_new in successors.items():
        register.replace(replace(register[old_id], valid_to=effective, successors=tuple(by_new.values())))
        applied.ended.append(old_id)
    if complete:
        _end_unlisted(register, set(successors), applied)
    return applied


def _add_new_units(register: Register, table: CrosswalkTable, applied: Applied) -> dict[str, str]:
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    first: dict[str, CrosswalkRow] = {}
    for row in table.rows:
        spellings[row.new_code][row.new_name] += 1
        first.setdefault(row.new_code, row)
    ids = {}
    for code, names in spellings.items():
        name, *others = [name for name, _ in names.most_common()]
        repaired = repaired_kind(name)
        if repaired is not None:
            name, others = repaired, [name, *others]
        new = Unit(unit_id(code, table.effective), code, name, name_key(name).kind, first[code].province,
                   None, table.effective, None, tuple(others))  # fmt: skip
        register.add(new)
        ids[code] = new.id
        applied.new_units.append(new.id)
    return ids


def _link(by_new: dict[str, Successor], new_id: str, row: CrosswalkRow) -> None:
    earlier = by_new.get(new_id)
    whole = row.merge == "whole" or (earlier is not None and earlier.whole)
    population = row.whole_population or (earlier is not None and earlier.whole_population)
    note = row.note if earlier is None else earlier.note
    by_new[new_id] = Successor(new_id, whole, population, note)


def _district_unit(register: Register, row: CrosswalkRow, effective: date) -> Unit | None:
    day_before = date.fromordinal(effective.toordinal() - 1)
    province = province_key(row.old_province or row.province)
    for unit in register.in_force(day_before):
        if unit.kind not in DISTRICT_KINDS or province_key(unit.province) != province:
            continue
        if (row.old_district_code and unit.code == row.old_district_code) or district_matches(
            row.old_district or "", unit.name
        ):
            return unit
    return None


def _end_unlisted(register: Register, listed: set[str], applied: Applied) -> None:
    day_before = date.fromordinal(applied.effective.toordinal() - 1)
    for unit in register.in_force(day_before):
        if unit.id in listed or unit.kind not in TERRITORIAL_KINDS or unit.valid_from == applied.effective:
            continue
        why = f"không có trong bảng chuyển đổi có hiệu lực từ {applied.effective:%d/%m/%Y}"
        register.replace(replace(unit, valid_to=applied.effective, ended=why))
        applied.ended_unlisted.append(unit.id)
