"""The unit register's records (issue 15 §1): a unit with its validity span and its successors.

A unit is identified by `id`, not by its NSO code: codes are reused (the new Xã Thái Bình of 1/7/2025 has code
02494, the code of the old Xã Thái Bình it partly succeeds). The id is the code for a unit of the first list, and
"code@YYYY-MM-DD" for a unit that a reorganisation made, from that day.
Validity is the half-open span [valid_from, valid_to): None at either end means "before the register begins" and
"still in force".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from dashboard.units.names import name_key


@dataclass(frozen=True)
class Successor:
    """One unit that took (part of) an ended unit. whole: the table says the whole unit went there ("Nhập toàn
    bộ", "Giữ nguyên", a rename); whole_population: it says "toàn bộ dân số" (KPI_SPEC §9)."""

    unit_id: str
    whole: bool
    whole_population: bool = False
    note: str = ""


@dataclass(frozen=True)
class Unit:
    """A commune, ward, special zone, district or department as the register knows it.

    kind: "xã", "phường", "thị trấn", "đặc khu", "huyện", "quận", "thị xã", "thành phố", "sở", … (names.kind_of);
    province: the province it belonged to while in force; district: its old district (None after 1/7/2025, when
    the district level went away); aliases: other spellings of its name in the sources ("Hòa" / "Hoà"), each
    matched with its own kind word; ended: why a unit that ended has no successor, if so.
    """

    id: str
    code: str
    name: str
    kind: str | None
    province: str
    district: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    aliases: tuple[str, ...] = ()
    successors: tuple[Successor, ...] = field(default=(), compare=False)
    ended: str | None = None

    def in_force(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day < self.valid_to
        )

    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    def name_keys(self) -> frozenset[str]:
        return _keys(self.names())

    @property
    def is_split(self) -> bool:
        """KPI_SPEC §9: an old unit listed under several successors ("Nhập một phần" into each)."""
        return len(self.successors) > 1


@lru_cache(maxsize=1 << 16)
def _keys(names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(name_key(name).key for name in names)


def unit_id(code: str, valid_from: date | None) -> str:
    return code if valid_from is None else f"{code}@{valid_from.isoformat()}"
