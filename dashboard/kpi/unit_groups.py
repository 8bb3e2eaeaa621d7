"""Counting by unit across reorganisations (issue 15 §4, KPI_SPEC §9): which group each dossier's unit counts
under, as a small relation the KPI queries join on.

- `current` (the default): every dossier under the unit in force at the end of the request's latest period,
  following the successors, so that a trend or a comparison with last year crossing 1/7/2025 is counted under
  one set of units and is continuous;
- `recorded`: every dossier under its unit as it was on receipt (a Biểu 06 of a period before 1/7/2025 is then
  the published one).

The relation `unit_map` (unit_id, group_id, scope_id, mark) has one row per unit of the stored register. A
dossier's group is `coalesce(m.group_id, d.unit_key)`: a dossier without a unit (no province set, a name still
ambiguous or unknown) counts under its name as recorded, in both ways. Every unit has exactly one group, so
totals are equal both ways for every period. scope_id is where the unit filter looks: the unit in force today
(current) or the recorded one, so that choosing a new commune in the filter selects its old communes' dossiers
too. The relation is registered on the query's cursor; no value is pasted into SQL text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

import pyarrow as pa

from dashboard.store import Database, units_store
from dashboard.units.register import Register
from dashboard.units.successors import MODES, current_unit

CURRENT, RECORDED = MODES
MODE_LABEL_VI = {CURRENT: "Đơn vị hiện nay", RECORDED: "Đơn vị khi tiếp nhận"}
MODE_LABEL_EN = {CURRENT: "Current units", RECORDED: "Units as recorded"}
# What a row of a unit that could not be followed to a unit in force says (docs/units.md).
MARK_VI = {
    "split": "đã chia tách, chưa chọn đơn vị kế tiếp",
    "ended": "không còn từ {day}",
    "cycle": "vòng lặp",
}
MAP_SCHEMA = pa.schema(
    [("unit_id", pa.string()), ("group_id", pa.string()), ("scope_id", pa.string()), ("mark", pa.string())]
)
# The SQL of a dossier's group and of what the unit filter compares, over `d` (dossier) and `m` (unit_map).
GROUP_SQL = "coalesce(m.group_id, d.unit_key)"
SCOPE_SQL = "coalesce(m.scope_id, d.unit_key)"


@dataclass(frozen=True)
class UnitGroups:
    """The groups of one request: the relation to register as `unit_map`, the register it comes from (None
    when no province is set) and the marks of groups that stayed their own rows."""

    mode: str
    at: date
    table: pa.Table
    register: Register | None = None
    marks: Mapping[str, str] = field(default_factory=dict)  # group id → "split" / "ended"
    dates: tuple[date, ...] = ()  # the reorganisations the register knows (days units began or ended)


def check_mode(mode: str) -> str:
    if mode not in MODES:
        raise ValueError(f"cách đếm theo đơn vị '{mode}' không có; chọn current hoặc recorded")
    return mode


def unit_groups(db: Database, mode: str, at: date, today: date | None = None) -> UnitGroups:
    """The groups for counting by `mode` with the request's latest period ending on `at`."""
    check_mode(mode)
    with db.read() as cur:
        register = units_store.stored_register(cur)
        choices = tuple(sorted(units_store.successor_choices(cur).items()))
    if register is None:
        return UnitGroups(mode, at, MAP_SCHEMA.empty_table())
    return _groups(register, mode, at, today or date.today(), choices)


@lru_cache(maxsize=64)
def _groups(register: Register, mode: str, at: date, today: date, choices: tuple) -> UnitGroups:
    chosen = dict(choices)
    ids, groups, scopes, marks = [], [], [], []
    for unit in register:
        if mode == CURRENT:
            found = current_unit(unit.id, at, register, chosen)
            group, mark = found.unit_id, found.unresolved
            scope = current_unit(unit.id, max(at, today), register, chosen).unit_id
        else:
            group, mark, scope = unit.id, None, unit.id
        ids.append(unit.id)
        groups.append(group)
        scopes.append(scope)
        marks.append(mark)
    table = pa.table([ids, groups, scopes, marks], schema=MAP_SCHEMA)
    group_marks = {g: m for g, m in zip(groups, marks, strict=True) if m}
    return UnitGroups(mode, at, table, register, group_marks, tuple(register.dates()))


def labels_of(register: Register, group_ids: list[str], marks: Mapping[str, str]) -> dict[str, str]:
    """Display names of groups shown together: the register's name; where two of them share a name, the one
    that ended says so, with its old district (or, failing that, its code); a group that stayed its own row
    says why."""
    units = [register[i] for i in dict.fromkeys(group_ids)]
    repeated = Counter(u.name for u in units)
    in_force = Counter(u.name for u in units if u.valid_to is None)
    labels = {}
    for unit in units:
        label = unit.name
        if repeated[unit.name] > 1 and (unit.valid_to is not None or in_force[unit.name] > 1):
            parts = (["cũ"] if unit.valid_to is not None else []) + ([unit.district] if unit.district else [])
            label += f" ({', '.join(parts) if unit.district else ', '.join([*parts, unit.code])})"
        mark = marks.get(unit.id)
        if mark:
            label += " — " + MARK_VI[mark].format(day=f"{unit.valid_to:%d/%m/%Y}" if unit.valid_to else "")
        labels[unit.id] = label
    return labels


def display_names(db: Database, groups: UnitGroups, keys: Iterable[str]) -> list[str]:
    """The name of each group key: a register group's label, else the recorded name of that name key."""
    keys = list(keys)
    register = groups.register
    known = [key for key in keys if register is not None and key in register]
    labels = labels_of(register, known, groups.marks) if known else {}
    recorded = _recorded_names(db) if len(known) < len(keys) else {}
    return [labels.get(key) or recorded.get(key, key) for key in keys]


def _recorded_names(db: Database) -> dict[str, str]:
    """unit_key → display name (the unit table's: the first spelling imported, KPI_SPEC §9)."""
    with db.read() as cur:
        return dict(cur.execute("SELECT unit_key, unit_name FROM unit").fetchall())


def restated(groups: UnitGroups, start: date, end: date) -> bool:
    """Whether a period's dossiers are counted under units that were not those of its own days: current
    counting with a reorganisation after the period's start and by `at` (KPI_SPEC §9: a re-statement,
    labelled so)."""
    return groups.mode == CURRENT and any(start < day <= groups.at for day in groups.dates)


def reorganisations_within(groups: UnitGroups, start: date, end: date) -> list[date]:
    """The dates of the register's reorganisations inside [start, end]: where a trend draws a marked line."""
    return [day for day in groups.dates if start < day <= end]


def counting_note(mode: str, at: date | None = None, lang: str = "vi") -> str:
    """How a table counts by unit, in words (issue 15: pages, reports and the command line say which way)."""
    if lang == "vi":
        if mode == CURRENT:
            day = f" có hiệu lực ngày {at:%d/%m/%Y}" if at else " có hiệu lực cuối kỳ"
            return f"Đếm theo đơn vị hiện nay: mỗi hồ sơ tính vào đơn vị{day}, kể cả hồ sơ của các xã, phường cũ đã nhập vào"
        return "Đếm theo đơn vị khi tiếp nhận: mỗi hồ sơ tính vào đơn vị như khi tiếp nhận (như số liệu đã báo cáo)"
    if mode == CURRENT:
        day = f" in force on {at:%d/%m/%Y}" if at else " in force at the end of the period"
        return f"Counted by current units: every dossier under the unit{day}, old communes' dossiers included"
    return "Counted by units as recorded: every dossier under its unit on receipt (as reported at the time)"
