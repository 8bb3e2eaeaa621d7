"""Which unit of the register each old commune of a conversion table is (issue 15 §3).

The table's old side describes the units in force the day before it takes effect. A code names the unit in force
with that code; where the table names it differently, the name is another spelling or a rename ("Phường Yên Hòa"
/ "Phường Yên Hoà") and becomes an alias. Where the table uses one code for two old communes (00553 for Xã Cổ Bi
and Xã Đặng Xá, SOURCES.md), the name that is not the unit's is looked up in the same old district among the
units whose code the table uses for no other commune: one found is a corrected code, reported. An old commune the register
does not know is added as a unit that began before the table, at a date the sources do not give.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date

from dashboard.units.crosswalk_rows import Anomaly, CrosswalkRow, CrosswalkTable
from dashboard.units.model import Unit
from dashboard.units.names import district_matches, name_key
from dashboard.units.register import Register


@dataclass
class OldSide:
    """row number → the old unit's id; and what had to be done to find them."""

    unit_of_row: dict[int, str] = field(default_factory=dict)
    aliases_added: int = 0
    corrected: list[tuple[str, str, str]] = field(default_factory=list)  # (name, code in the table, unit id)
    created: list[str] = field(default_factory=list)
    anomalies: list[Anomaly] = field(default_factory=list)


def identify_old_units(register: Register, table: CrosswalkTable) -> OldSide:
    day_before = date.fromordinal(table.effective.toordinal() - 1)
    by_code: dict[str, list[Unit]] = defaultdict(list)
    for unit in register.in_force(day_before):
        by_code[unit.code].append(unit)
    rows_by_code: dict[str, list[CrosswalkRow]] = defaultdict(list)
    for row in table.pairs:
        rows_by_code[row.old_code].append(row)
    out = OldSide()
    by_key: dict[str, list[Unit]] = defaultdict(list)
    for units in by_code.values():
        for unit in units:
            for key in unit.name_keys():
                by_key[key].append(unit)
    for code, rows in rows_by_code.items():
        spellings: dict[str, list[CrosswalkRow]] = defaultdict(list)
        for row in rows:
            spellings[name_key(row.old_name or code).key].append(row)
        unit = _unit_with_code(by_code.get(code, []), spellings)
        for key, named in spellings.items():
            target = _target(register, unit, key, named, len(spellings) > 1, by_key, rows_by_code, out)
            for row in named:
                out.unit_of_row[row.row] = target
    return out


def _unit_with_code(candidates: list[Unit], spellings: dict[str, list]) -> Unit | None:
    for unit in candidates:
        if unit.name_keys() & set(spellings):
            return unit
    return candidates[0] if len(candidates) == 1 else None


def _target(register, unit, key, named, shared, by_key, rows_by_code, out: OldSide) -> str:
    row = named[0]
    if unit is not None and key in unit.name_keys():
        return unit.id
    if unit is not None and not shared:
        # A name without kind word ("Xuân Phước") would match names of any kind: the unit keeps its own names.
        if name_key(row.old_name or "").kind is not None:
            register.replace(replace(unit, aliases=(*unit.aliases, row.old_name)))
            out.aliases_added += 1
        return unit.id
    found = _same_name_unused_code(key, row, by_key, rows_by_code)
    if found is not None:
        out.corrected.append((row.old_name, row.old_code, found.id))
        why = f"là mã của '{unit.name}'" if unit is not None else "không có trong danh mục trước đó"
        out.anomalies.append(Anomaly(
            "old_code_corrected" if unit is not None else "old_code_changed",
            f"'{row.old_name}'{_district_of(row)} ghi mã {row.old_code}, {why}; nhận là đơn vị mã {found.code}"
            " cùng tên, cùng huyện, mã không có trong bảng",
            tuple(r.row for r in named),
        ))  # fmt: skip
        return found.id
    return _created(register, row, named, unit is not None, out)


def _same_name_unused_code(key, row: CrosswalkRow, by_key, rows_by_code) -> Unit | None:
    """The unit in force of that name in the row's district, whose code the table uses for no other name."""
    matches = [
        unit
        for unit in by_key.get(key, [])
        if (row.old_district is None or district_matches(row.old_district, unit.district))
        and all(name_key(other.old_name or "").key == key for other in rows_by_code.get(unit.code, []))
        and unit.code != row.old_code
    ]
    return matches[0] if len(matches) == 1 else None


def _created(register: Register, row: CrosswalkRow, named, code_taken: bool, out: OldSide) -> str:
    """An old commune the register does not have (it began between the first list and the table)."""
    new_id = row.old_code if not code_taken and row.old_code not in register else f"{row.old_code}#{row.row}"
    province = row.old_province or row.province
    register.add(Unit(new_id, row.old_code, row.old_name or row.old_code, name_key(row.old_name or "").kind,
                      province, row.old_district))  # fmt: skip
    out.created.append(new_id)
    why = "mã đã dùng cho xã khác" if code_taken else "không có trong danh mục trước đó"
    out.anomalies.append(Anomaly(
        "old_unit_added",
        f"xã cũ '{row.old_name}' ({', '.join(filter(None, (row.old_code, row.old_district)))}) {why}: thêm vào "
        "danh mục, ngày bắt đầu không rõ",
        tuple(r.row for r in named),
    ))  # fmt: skip
    return new_id


def _district_of(row: CrosswalkRow) -> str:
    """The old district in brackets for a message, or nothing when the table gives none (a later table)."""
    return f" ({row.old_district})" if row.old_district else ""
