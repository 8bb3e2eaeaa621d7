"""A name in an export → the unit in force on the dossier's received date, within the database's province
(issue 15 §1, KPI_SPEC §9).

"Xã Thái Bình" received on 03/03/2025 in Tuyên Quang is the old commune 02494, on 04/08/2025 the new one of the
same name. An old name that repeats within the province is told apart by a district given with it (a column
value, or a qualifier " - huyện …" in the name); otherwise it is ambiguous and its candidates are listed for a
choice (the Dữ liệu page), and the dossier keeps the name as recorded meanwhile.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from dashboard.units.model import Unit
from dashboard.units.names import district_matches, name_key, province_key
from dashboard.units.register import Register

RESOLVED, AMBIGUOUS, UNKNOWN = "resolved", "ambiguous", "unknown"


@dataclass(frozen=True)
class Resolution:
    """status: "resolved" (unit), "ambiguous" (candidates, two or more) or "unknown" (no unit of that name in
    force that day in the province: a department, a typo, a unit of another province). note: Vietnamese, why."""

    name: str
    status: str
    unit: Unit | None = None
    candidates: tuple[Unit, ...] = ()
    note: str = ""


class NameIndex:
    """Every name and alias of a register, by its key (names.name_key)."""

    def __init__(self, register: Register) -> None:
        self.register = register
        self._by_key: dict[str, list[Unit]] = defaultdict(list)
        for unit in register:
            for key in unit.name_keys():
                self._by_key[key].append(unit)

    def _unknown_note(self, key: str, on: date, province: str | None) -> str:
        where = f" thuộc {province}" if province else ""
        same = [u for u in self._by_key.get(key, []) if province is None or province_key(province) in
                self.register.provinces_of(u.id)]  # fmt: skip
        if same:
            spans = "; ".join(f"{u.name} ({u.code}) có hiệu lực {_span(u)}" for u in same[:3])
            return f"không có đơn vị tên này{where} vào ngày tiếp nhận: {spans}"
        return f"không có đơn vị tên này{where} trong danh mục"

    def units_named(self, name: str) -> list[Unit]:
        return list(self._by_key.get(name_key(name).key, []))

    def resolve(
        self,
        name: str,
        on: date,
        province: str | None = None,
        district: str | None = None,
        choices: Mapping[str, str] | None = None,
    ) -> Resolution:
        """The unit `name` means on day `on`. district: the export's district column for this row, if any;
        choices: name key → unit id, the user's answers for names that stay ambiguous, or that no unit in force
        bears on that day (followed on the days the chosen unit is in force)."""
        key = name_key(name)
        candidates = [unit for unit in self._by_key.get(key.key, []) if unit.in_force(on)]
        if province is not None:
            wanted = province_key(province)
            candidates = [unit for unit in candidates if wanted in self.register.provinces_of(unit.id)]
        if not candidates:
            # KPI_SPEC §9: "a user-editable mapping from old unit names to new ones": a name no unit bears that
            # day (an export still writing a commune's old name after a merge) means the unit the user chose.
            chosen = self.register.get((choices or {}).get(key.key, ""))
            if chosen is not None and chosen.in_force(on):
                return Resolution(name, RESOLVED, chosen, (chosen,), "theo lựa chọn của người dùng")
            return Resolution(name, UNKNOWN, note=self._unknown_note(key.key, on, province))
        qualifiers = [*key.qualifiers, *([district] if district else [])]
        note = ""
        if qualifiers:
            narrowed = [unit for unit in candidates if all(_qualifies(q, unit) for q in qualifiers)]
            if narrowed:
                candidates = narrowed
            else:
                note = f"huyện/tỉnh ghi kèm ({'; '.join(qualifiers)}) không khớp đơn vị nào cùng tên"
        if len(candidates) == 1:
            return Resolution(name, RESOLVED, candidates[0], tuple(candidates), note)
        chosen = (choices or {}).get(key.key)
        for unit in candidates:
            if unit.id == chosen:
                return Resolution(name, RESOLVED, unit, tuple(candidates), "theo lựa chọn của người dùng")
        listed = "; ".join(
            f"{unit.name} ({unit.code}, {unit.district or unit.province})" for unit in candidates
        )
        return Resolution(name, AMBIGUOUS, None, tuple(candidates), note or f"trùng tên: {listed}")


def _qualifies(qualifier: str, unit: Unit) -> bool:
    """A qualifier (" - huyện Yên Sơn", " - tỉnh Hà Giang", or the district column) fits the unit's old district
    or its province."""
    return district_matches(qualifier, unit.district) or province_key(qualifier) == province_key(
        unit.province
    )


def _span(unit: Unit) -> str:
    start = f"từ {unit.valid_from:%d/%m/%Y}" if unit.valid_from else ""
    end = f"đến hết {date.fromordinal(unit.valid_to.toordinal() - 1):%d/%m/%Y}" if unit.valid_to else ""
    return " ".join(part for part in (start, end) if part) or "luôn"
