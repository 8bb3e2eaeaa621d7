"""Where an ended unit's dossiers go (issue 15 §2, KPI_SPEC §9), and the two ways of counting by unit (§4).

- A whole merge ("Nhập toàn bộ", one successor) sends all of the old unit's dossiers to its successor.
- A split (several successors, no shares in the table) sends them to one successor: the user's choice, else the
  successor with the same name (kind word included: "xã Thái Bình" → "Xã Thái Bình"), else the one the table marks
  as taking the whole population ("toàn bộ dân số"); with none of these the old unit stays its own row, marked
  as split, until someone chooses.
- A unit that ended without successor (a district, a commune missing from the table) stays its own row; a user
  may still choose where it goes.

current: every unit → the unit in force on a day (the end of the period), through the successors; recorded:
every unit → itself. Each maps every unit to exactly one unit, so totals over all units are equal both ways.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from dashboard.units.model import Unit
from dashboard.units.register import Register

MODES = ("current", "recorded")
CHOSEN, WHOLE, ONLY, SAME_NAME, WHOLE_POPULATION = (
    "chosen",
    "whole",
    "only_successor",
    "same_name",
    "whole_population",
)
SPLIT, ENDED = "split", "ended"


@dataclass(frozen=True)
class Pick:
    """The successor an ended unit's dossiers go to (None: it stays its own row) and the rule that chose it."""

    unit_id: str | None
    rule: str


def successor_of(unit: Unit, register: Register, choices: Mapping[str, str] | None = None) -> Pick:
    """KPI_SPEC §9's order. A stored choice that the register no longer allows (a later table changed the
    successors) is not followed: the table's rule applies, and choice_error says why."""
    chosen = (choices or {}).get(unit.id)
    if chosen is not None and choice_error(register, unit.id, chosen) is None:
        return Pick(chosen, CHOSEN)
    if not unit.successors:
        return Pick(None, ENDED)
    if len(unit.successors) == 1:
        only = unit.successors[0]
        return Pick(only.unit_id, WHOLE if only.whole else ONLY)
    same = [s for s in unit.successors if register[s.unit_id].name_keys() & unit.name_keys()]
    if len(same) == 1:
        return Pick(same[0].unit_id, SAME_NAME)
    population = [s for s in unit.successors if s.whole_population]
    if len(population) == 1:
        return Pick(population[0].unit_id, WHOLE_POPULATION)
    return Pick(None, SPLIT)


def choice_error(register: Register, old_id: str, new_id: str) -> str | None:
    """Why `new_id` cannot take `old_id`'s dossiers, or None. A split's choice is one of its successors; a unit
    that ended without successor may go to any unit in force on the day it ended."""
    old, new = register.get(old_id), register.get(new_id)
    if old is None or new is None:
        return f"không có đơn vị {old_id if old is None else new_id} trong danh mục"
    if old.valid_to is None:
        return f"{old.name} ({old.code}) vẫn còn hiệu lực, không có đơn vị kế tiếp"
    if old.successors:
        if new_id not in {s.unit_id for s in old.successors}:
            listed = ", ".join(
                f"{register[s.unit_id].name} ({register[s.unit_id].code})" for s in old.successors
            )
            return f"{new.name} ({new.code}) không nhận {old.name}; đơn vị kế tiếp theo bảng chuyển đổi: {listed}"
        return None
    if not new.in_force(old.valid_to):
        return f"{new.name} ({new.code}) không còn hiệu lực ngày {old.valid_to:%d/%m/%Y}"
    return None


@dataclass(frozen=True)
class Current:
    """The unit a unit's dossiers count under on a day; path: the units passed through, the first included;
    unresolved: "split" or "ended" when the chain stopped at a unit that is no longer in force."""

    unit_id: str
    path: tuple[str, ...]
    rule: str | None = None
    unresolved: str | None = None


def current_unit(
    unit_id: str, at: date, register: Register, choices: Mapping[str, str] | None = None
) -> Current:
    path = [unit_id]
    unit = register[unit_id]
    rule = None
    while unit.valid_to is not None and unit.valid_to <= at:
        pick = successor_of(unit, register, choices)
        if pick.unit_id is None or pick.unit_id in path:
            return Current(unit.id, tuple(path), rule, pick.rule if pick.unit_id is None else "cycle")
        rule = pick.rule
        path.append(pick.unit_id)
        unit = register[pick.unit_id]
    return Current(unit.id, tuple(path), rule)


def unit_mapping(
    register: Register,
    mode: str,
    at: date,
    unit_ids: Iterable[str] | None = None,
    choices: Mapping[str, str] | None = None,
) -> dict[str, Current]:
    """unit id → where its dossiers count: `current` on day `at` (the end of the period) or `recorded`."""
    if mode not in MODES:
        raise ValueError(f"cách đếm '{mode}' không có; chọn current hoặc recorded")
    ids = [unit.id for unit in register] if unit_ids is None else list(unit_ids)
    if mode == "recorded":
        return {i: Current(i, (i,)) for i in ids}
    return {i: current_unit(i, at, register, choices) for i in ids}
