"""`units successor OLD NEW` as typed (issue 15 §2): NSO codes, or names where they are unambiguous, → the
register's unit ids, checked by successors.choice_error. The command stores the pair; this module only reads it.

OLD is a unit that ended (codes are reused: "02494" typed as OLD is the old Xã Thái Bình, not the new one);
NEW is one of its successors, or for a unit that ended without successor a unit in force the day it ended.
"""

from __future__ import annotations

from dashboard.units.model import Unit
from dashboard.units.names import district_matches, name_key, province_key
from dashboard.units.register import Register
from dashboard.units.successors import choice_error


class ChoiceError(ValueError):
    """The arguments name no unit, several units, or a pair that cannot be chosen. The message is Vietnamese."""


def successor_choice(
    register: Register, old_text: str, new_text: str, province: str | None = None
) -> tuple[str, str]:
    ended = [unit for unit in register if unit.valid_to is not None]
    if province is not None:
        ended = [unit for unit in ended if province_key(province) in register.provinces_of(unit.id)]
    old = _one(_matching(ended, old_text), old_text, "đơn vị cũ")
    if old.successors:
        pool = [register[s.unit_id] for s in old.successors]
    else:
        pool = register.in_force(old.valid_to)
    new = _one(_matching(pool, new_text), new_text, f"đơn vị kế tiếp của {old.name}")
    error = choice_error(register, old.id, new.id)
    if error is not None:
        raise ChoiceError(error)
    return old.id, new.id


def _matching(units: list[Unit], text: str) -> list[Unit]:
    typed = text.strip()
    by_id = [unit for unit in units if typed in (unit.id, unit.code)]
    if by_id:
        return by_id
    key = name_key(typed)
    named = [unit for unit in units if key.key in unit.name_keys()]
    narrowed = [unit for unit in named if all(_fits(q, unit) for q in key.qualifiers)]
    return narrowed if key.qualifiers else named


def _fits(qualifier: str, unit: Unit) -> bool:
    return district_matches(qualifier, unit.district) or province_key(qualifier) == province_key(
        unit.province
    )


def _one(found: list[Unit], text: str, role: str) -> Unit:
    if len(found) == 1:
        return found[0]
    if not found:
        raise ChoiceError(f"không thấy {role} '{text}' (gõ mã của Cục Thống kê, hoặc tên kèm '- huyện …')")
    listed = "; ".join(f"{unit.name} (mã {unit.code}, {unit.district or unit.province})" for unit in found)
    raise ChoiceError(f"'{text}' là nhiều {role}: {listed}; gõ mã, hoặc tên kèm '- huyện …'")
