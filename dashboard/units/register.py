"""The unit register (issue 15 §1): every unit that was ever in force, with its successors.

Built from a first list (dashboard/units/base_list.py) and one conversion table per reorganisation, in date order
(dashboard/units/apply_table.py); the national one is dashboard/units/national.py. Read-only to its users: the
user's choices of successor live beside it (dashboard/units/successors.py), not in it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date

from dashboard.units.model import Unit
from dashboard.units.names import province_key


class Register:
    def __init__(self, units: Iterable[Unit] = ()) -> None:
        self._units: dict[str, Unit] = {}
        self._predecessors: dict[str, list[str]] | None = None
        self._provinces: dict[str, frozenset[str]] | None = None
        for unit in units:
            self.add(unit)

    def __len__(self) -> int:
        return len(self._units)

    def __iter__(self) -> Iterator[Unit]:
        return iter(self._units.values())

    def __contains__(self, unit_id: str) -> bool:
        return unit_id in self._units

    def __getitem__(self, unit_id: str) -> Unit:
        return self._units[unit_id]

    def get(self, unit_id: str) -> Unit | None:
        return self._units.get(unit_id)

    def add(self, unit: Unit) -> None:
        if unit.id in self._units:
            raise ValueError(f"đơn vị {unit.id} đã có trong danh mục")
        self._units[unit.id] = unit
        self._changed()

    def replace(self, unit: Unit) -> None:
        self._units[unit.id] = unit
        self._changed()

    def _changed(self) -> None:
        self._predecessors = None
        self._provinces = None

    def in_force(self, day: date) -> list[Unit]:
        return [unit for unit in self._units.values() if unit.in_force(day)]

    def dates(self) -> list[date]:
        """The days on which units began or ended: the reorganisations the register knows."""
        days = {unit.valid_from for unit in self} | {unit.valid_to for unit in self}
        return sorted(day for day in days if day is not None)

    def predecessors(self, unit_id: str) -> list[Unit]:
        if self._predecessors is None:
            index: dict[str, list[str]] = defaultdict(list)
            for unit in self._units.values():
                for successor in unit.successors:
                    index[successor.unit_id].append(unit.id)
            self._predecessors = dict(index)
        return [self._units[i] for i in self._predecessors.get(unit_id, [])]

    def provinces_of(self, unit_id: str) -> frozenset[str]:
        """Province keys a unit belongs to for name resolution "within the database's province": its own, those
        of the units it went to (an old commune of Hà Giang is within the new Tuyên Quang) and those of the
        units it came from (the new unit that took it is within Hà Giang too); for a unit that ended without
        successor, those of the communes of its old district."""
        if self._provinces is None:
            self._provinces = self._province_index()
        return self._provinces[unit_id]

    def _province_index(self) -> dict[str, frozenset[str]]:
        def closure(start: Unit, step) -> set[str]:
            found, todo, seen = set(), [start], set()
            while todo:
                unit = todo.pop()
                if unit.id in seen:
                    continue
                seen.add(unit.id)
                found.add(province_key(unit.province))
                todo += step(unit)
            return found

        def forward(unit: Unit) -> list[Unit]:
            return [self._units[s.unit_id] for s in unit.successors]

        index = {
            unit.id: closure(unit, forward) | closure(unit, lambda u: self.predecessors(u.id))
            for unit in self._units.values()
        }
        # A unit that ended without successor (a district, a commune missing from the table) belongs where the
        # communes of its old district went: "UBND huyện Mèo Vạc" (Hà Giang) is within the new Tuyên Quang.
        by_district: dict[tuple[str, str], set[str]] = defaultdict(set)
        for unit in self._units.values():
            if unit.district:
                by_district[province_key(unit.province), unit.district].update(index[unit.id])
        for unit in self._units.values():
            if unit.valid_to is not None and not unit.successors:
                district = unit.district or unit.name
                index[unit.id] |= by_district.get((province_key(unit.province), district), set())
        return {unit_id: frozenset(provinces) for unit_id, provinces in index.items()}

    def provinces(self, day: date | None = None) -> list[str]:
        """Province names of the units in force on `day` (all units when None), as the sources write them."""
        units = self if day is None else self.in_force(day)
        return sorted({unit.province for unit in units})
