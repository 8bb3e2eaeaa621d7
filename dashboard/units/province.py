"""The database's province (issue 15 §1): a name typed by the user → one province of the register, and the part
of the register that names are resolved in.

A province database keeps only the units that belong to its province the way resolution means it
(Register.provinces_of: its own, those it went to and came from), about 1/34 of the national register. That part
is closed under successors and predecessors, so current counting and name resolution give the same answers on it
as on the whole register.
"""

from __future__ import annotations

from datetime import date

from dashboard.units.names import province_key
from dashboard.units.register import Register


class ProvinceError(ValueError):
    """The typed name matches no province or several; the message (Vietnamese) lists the known ones."""


def province_named(register: Register, text: str, on: date | None = None) -> str:
    """The register's spelling of the province `text` means ("Tuyên Quang", "tỉnh tuyên quang", "TP Đà Nẵng"),
    among the provinces in force on `on` (today when None)."""
    known = register.provinces(on or date.today())
    wanted = province_key(text)
    found = [name for name in known if province_key(name) == wanted]
    if not found and wanted:
        found = [name for name in known if wanted in province_key(name)]
    if len(found) == 1:
        return found[0]
    listed = ", ".join(found or known)
    if found:
        raise ProvinceError(f"'{text}' khớp nhiều tỉnh: {listed}")
    raise ProvinceError(f"không có tỉnh '{text}'. Các tỉnh, thành phố: {listed}")


def within_province(register: Register, province: str) -> Register:
    """The units that belong to `province` for name resolution, with their successors."""
    wanted = province_key(province)
    return Register(unit for unit in register if wanted in register.provinces_of(unit.id))
