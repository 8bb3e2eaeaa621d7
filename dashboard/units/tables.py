"""The register as the store will hold it (docs/units.md): three Arrow tables, and back.

unit_register (one row per unit), unit_alias (its other spellings), unit_successor (its successors, in the order
of the table). The store writes them on first use from dashboard.units.national and adds the rows of every later
table that `units crosswalk` imports; the register is rebuilt from them with register_from_tables.
"""

from __future__ import annotations

import pyarrow as pa

from dashboard.units.model import Successor, Unit
from dashboard.units.names import name_key
from dashboard.units.register import Register

UNIT_REGISTER = pa.schema([
    ("unit_id", pa.string()), ("code", pa.string()), ("name", pa.string()), ("name_key", pa.string()),
    ("kind", pa.string()), ("province", pa.string()), ("district", pa.string()),
    ("valid_from", pa.date32()), ("valid_to", pa.date32()), ("ended", pa.string()),
])  # fmt: skip
UNIT_ALIAS = pa.schema([("unit_id", pa.string()), ("position", pa.int16()), ("name", pa.string()),
                        ("name_key", pa.string())])  # fmt: skip
UNIT_SUCCESSOR = pa.schema([
    ("unit_id", pa.string()), ("position", pa.int16()), ("successor_id", pa.string()), ("whole", pa.bool_()),
    ("whole_population", pa.bool_()), ("note", pa.string()),
])  # fmt: skip


def register_to_tables(register: Register) -> dict[str, pa.Table]:
    units, aliases, successors = [], [], []
    for unit in register:
        units.append({
            "unit_id": unit.id, "code": unit.code, "name": unit.name, "name_key": name_key(unit.name).key,
            "kind": unit.kind, "province": unit.province, "district": unit.district, "valid_from": unit.valid_from,
            "valid_to": unit.valid_to, "ended": unit.ended,
        })  # fmt: skip
        aliases += [
            {"unit_id": unit.id, "position": i, "name": name, "name_key": name_key(name).key}
            for i, name in enumerate(unit.aliases)
        ]
        successors += [
            {"unit_id": unit.id, "position": i, "successor_id": s.unit_id, "whole": s.whole,
             "whole_population": s.whole_population, "note": s.note}
            for i, s in enumerate(unit.successors)
        ]  # fmt: skip
    return {
        "unit_register": pa.Table.from_pylist(units, schema=UNIT_REGISTER),
        "unit_alias": pa.Table.from_pylist(aliases, schema=UNIT_ALIAS),
        "unit_successor": pa.Table.from_pylist(successors, schema=UNIT_SUCCESSOR),
    }


def register_from_tables(tables: dict[str, pa.Table]) -> Register:
    aliases: dict[str, list[tuple[int, str]]] = {}
    for row in tables["unit_alias"].to_pylist():
        aliases.setdefault(row["unit_id"], []).append((row["position"], row["name"]))
    successors: dict[str, list[tuple[int, Successor]]] = {}
    for row in tables["unit_successor"].to_pylist():
        successor = Successor(row["successor_id"], row["whole"], row["whole_population"], row["note"] or "")
        successors.setdefault(row["unit_id"], []).append((row["position"], successor))
    register = Register()
    for row in tables["unit_register"].to_pylist():
        register.add(Unit(
            row["unit_id"], row["code"], row["name"], row["kind"], row["province"], row["district"],
            row["valid_from"], row["valid_to"],
            tuple(name for _, name in sorted(aliases.get(row["unit_id"], []))),
            tuple(s for _, s in sorted(successors.get(row["unit_id"], []), key=lambda pair: pair[0])),
            row["ended"],
        ))  # fmt: skip
    return register
