"""The write side of the unit register (issue 15): the database's province, the user's choices, later conversion
tables. Each function checks its input first (a ValueError subclass with a Vietnamese message, nothing written),
then writes in one transaction through Database.write(). The `units` commands and the Dữ liệu page call these.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from dashboard.store import units_store
from dashboard.store.database import Database
from dashboard.units.apply_table import Applied, apply_table
from dashboard.units.choice_text import ChoiceError, successor_choice
from dashboard.units.crosswalk_reader import parse_crosswalk
from dashboard.units.crosswalk_rows import CrosswalkTable
from dashboard.units.names import province_key
from dashboard.units.national import national_register
from dashboard.units.province import province_named, within_province
from dashboard.units.register import Register
from dashboard.units.sources import file_rows
from dashboard.units.successors import choice_error


class CrosswalkRefused(ValueError):
    """A conversion table that cannot be applied (no province set, a table already applied for that date)."""


def set_province(db: Database, text: str, register: Register | None = None) -> tuple[str, int]:
    """Make `text` (any spelling of a province in force today) the database's province: its part of the
    register is stored and every dossier gets its unit. Returns (the province's name, dossiers whose unit
    changed). register: the national register (default) or another one (tests)."""
    source = register if register is not None else national_register()
    name = province_named(source, text)
    part = within_province(source, name)
    with db.write() as conn:
        source = units_store.NATIONAL_SOURCE if register is None else "local"
        changed = units_store.install_register(conn, part, name, source)
    return name, changed


def set_successor(db: Database, old_text: str, new_text: str) -> tuple[str, str]:
    """Send the dossiers of an ended unit (a split commune) to one successor; OLD and NEW are NSO codes, or
    names where unambiguous. Raises ChoiceError (nothing stored) when the pair cannot be chosen."""
    with db.read() as cur:
        register, province = units_store.stored_register(cur), units_store.province(cur)
    if register is None:
        raise ChoiceError("chưa đặt tỉnh của cơ sở dữ liệu: python -m dashboard units province NAME")
    old_id, new_id = successor_choice(register, old_text, new_text, province)
    choose_successor_ids(db, old_id, new_id)
    return old_id, new_id


def choose_successor_ids(db: Database, old_id: str, new_id: str, by: str | None = None) -> None:
    """The same as set_successor, by unit ids (the Dữ liệu page offers the successors as a list)."""
    with db.write() as conn:
        register = units_store.stored_register(conn)
        error = "chưa đặt tỉnh" if register is None else choice_error(register, old_id, new_id)
        if error is not None:
            raise ChoiceError(error)
        units_store.choose_successor(conn, old_id, new_id, by)


def choose_unit_for_name(db: Database, name: str, unit_id: str) -> int:
    """The unit a name means where it is ambiguous (one of its candidates) or no unit bears it (an old name
    still written after a merge): its dossiers get that unit on the days it is in force. Returns how many
    dossiers changed."""
    with db.write() as conn:
        register = units_store.stored_register(conn)
        if register is None or unit_id not in register:
            raise ChoiceError(f"không có đơn vị {unit_id} trong danh mục của cơ sở dữ liệu")
        return units_store.choose_name(conn, name, unit_id)


@dataclass
class CrosswalkResult:
    table: CrosswalkTable
    applied: Applied
    stored: units_store.CrosswalkImport


def import_crosswalk(db: Database, path: str | Path, effective: date) -> CrosswalkResult:
    """Apply a conversion table in the NSO layout, in force from `effective`, to the stored register: its rows
    of the database's province. Raises UnreadableFile, NotACrosswalk or CrosswalkRefused (nothing stored)."""
    path = Path(path)
    table = parse_crosswalk(file_rows(path), effective, path.name)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    with db.write() as conn:
        register, province = units_store.editable_register(conn), units_store.province(conn)
        if register is None:
            raise CrosswalkRefused("chưa đặt tỉnh của cơ sở dữ liệu: python -m dashboard units province NAME")
        mine = _of_province(table, province)
        try:
            applied = apply_table(register, mine)
        except ValueError as error:  # a table for that date is applied already
            raise CrosswalkRefused(str(error)) from None
        stored = units_store.record_crosswalk(conn, table, applied, register, path.name, digest)
    return CrosswalkResult(table, applied, stored)


def _of_province(table: CrosswalkTable, province: str) -> CrosswalkTable:
    """The rows of a (national) table that concern the province: new units in it, or old units from it."""
    wanted = province_key(province)

    def concerns(row) -> bool:
        return province_key(row.province) == wanted or (
            row.old_province is not None and province_key(row.old_province) == wanted
        )

    rows = [row for row in table.rows if concerns(row)]
    if len(rows) == len(table.rows):
        return table
    return CrosswalkTable(table.source, table.effective, rows, table.skipped, table.rejected, table.anomalies,
                          table.rows_read, table.title_date, table.cleaned_cells)  # fmt: skip
