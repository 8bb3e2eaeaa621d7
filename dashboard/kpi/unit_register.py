"""The read side of the unit register (issue 15): what the store holds about units, for the `units` commands,
the unit filter and the Dữ liệu page. The write side is dashboard/store/units_settings.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from dashboard.kpi.filters import UNIT_MODES
from dashboard.kpi.unit_groups import CURRENT, display_names, labels_of, unit_groups
from dashboard.store import Database, units_store
from dashboard.text import unit_key
from dashboard.units.listing import register_table
from dashboard.units.names import name_key
from dashboard.units.register import Register
from dashboard.units.resolve import RESOLVED, NameIndex
from dashboard.units.successors import SPLIT, current_unit, successor_of


@dataclass(frozen=True)
class StoredUnits:
    register: Register | None  # None: no province set
    province: str | None
    choices: dict[str, str] = field(default_factory=dict)  # old unit id → chosen successor


def stored_units(db: Database) -> StoredUnits:
    with db.read() as cur:
        return StoredUnits(
            units_store.stored_register(cur), units_store.province(cur), units_store.successor_choices(cur)
        )


def assignment_counts(db: Database) -> tuple[int, int]:
    """(dossiers, dossiers with a recorded unit): how many rows the register resolved (issue 15 §1)."""
    with db.read() as cur:
        total, resolved = cur.execute("SELECT count(*), count(unit_id) FROM dossier").fetchone()
    return int(total), int(resolved)


def register_listing(db: Database, at: date | None = None) -> tuple[pd.DataFrame, str | None]:
    """`units list [--at]`: the stored register (the national one while no province is set) and the province."""
    units = stored_units(db)
    if units.register is None:
        from dashboard.units.national import national_register

        return register_table(national_register(), at), None
    return register_table(units.register, at, units.province, units.choices), units.province


def unit_options(db: Database, mode: str, today: date | None = None) -> dict[str, str]:
    """What the unit filter offers in `mode`, key → name, by name: today's units (current) or the units as
    recorded, of the stored dossiers; a dossier without a unit offers its recorded name."""
    if mode not in UNIT_MODES:
        raise ValueError(f"units must be one of {UNIT_MODES}, not {mode!r}")
    units = stored_units(db)
    with db.read() as cur:
        pairs = cur.execute(
            "SELECT DISTINCT d.unit_key, d.unit_id, u.unit_name FROM dossier d LEFT JOIN unit u USING (unit_key)"
        ).fetchall()
    day = today or date.today()
    options, ids, marks = {}, [], {}
    for key, unit_id, name in pairs:
        if unit_id is None or units.register is None or unit_id not in units.register:
            options[key] = name or key
            continue
        if mode == CURRENT:
            found = current_unit(unit_id, day, units.register, units.choices)
            unit_id = found.unit_id
            if found.unresolved:
                marks[unit_id] = found.unresolved
        ids.append(unit_id)
    labels = labels_of(units.register, ids, marks) if ids else {}
    options |= {unit_id: labels[unit_id] for unit_id in ids}
    return dict(sorted(options.items(), key=lambda item: (item[1].casefold(), item[0])))


def units_named(
    db: Database, name: str, mode: str, today: date | None = None
) -> tuple[tuple[str, ...], str] | None:
    """The filter keys a typed unit name means, and its display name (`--unit NAME`), or None.

    current: the unit of that name in force today within the province (its old communes come with it);
    recorded: every unit of that name the dossiers were recorded under (old and new ones of one name). A name
    without a unit in the register (a department, no province set) is matched on its recorded name."""
    options = unit_options(db, mode, today)
    units = stored_units(db)
    if units.register is not None:
        index = NameIndex(units.register)
        if mode == CURRENT:
            found = index.resolve(name, today or date.today(), units.province)
            if found.status == RESOLVED and found.unit.id in options:
                return (found.unit.id,), options[found.unit.id]
            # A unit no longer in force that stays its own row (a split nobody chose for, an ended unit):
            # its register name, without the mark its row carries ("Xã Hòa Liên — đã chia tách, …").
            wanted = name_key(name).key
            own_rows = [k for k in options if k in units.register and wanted in units.register[k].name_keys()]
            if len(own_rows) == 1:
                return (own_rows[0],), options[own_rows[0]]
        else:
            wanted = name_key(name).key
            keys = tuple(u.id for u in index.units_named(name) if u.id in options and wanted in u.name_keys())
            if keys:
                return keys, units.register[keys[0]].name
    key = unit_key(name)
    if key in options:
        return (key,), options[key]
    by_name = [k for k, label in options.items() if name_key(label).key == name_key(name).key]
    return (tuple(by_name), options[by_name[0]]) if by_name else None


def split_units(db: Database) -> pd.DataFrame:
    """The old units split over several successors whose dossiers are stored: where they go now (the user's
    choice, the same-name successor, the one taking the whole population, or nowhere yet) and the successors
    to choose from. What the Dữ liệu page lists for a choice."""
    units = stored_units(db)
    columns = ["unit_id", "name", "code", "district", "dossiers", "goes_to", "rule", "successors"]
    if units.register is None:
        return pd.DataFrame(columns=columns)
    with db.read() as cur:
        counts = dict(cur.execute(
            "SELECT unit_id, count(*) FROM dossier WHERE unit_id IS NOT NULL GROUP BY unit_id"
        ).fetchall())  # fmt: skip
    register = units.register
    rows = []
    for unit_id, n in counts.items():
        unit = register.get(unit_id)
        if unit is None or not unit.is_split:
            continue
        pick = successor_of(unit, register, units.choices)
        rows.append({
            "unit_id": unit.id, "name": unit.name, "code": unit.code, "district": unit.district or "",
            "dossiers": int(n), "goes_to": pick.unit_id, "rule": pick.rule,
            "successors": {s.unit_id: f"{register[s.unit_id].name} ({register[s.unit_id].code})"
                           for s in unit.successors},
        })  # fmt: skip
    frame = pd.DataFrame(rows, columns=columns)
    order = frame["rule"].ne(SPLIT)  # the ones nobody chose for first
    return (
        frame.assign(_o=order)
        .sort_values(["_o", "name"], kind="stable")
        .drop(columns="_o")
        .reset_index(drop=True)
    )


def reorganisation_dates(db: Database) -> list[date]:
    """The days the stored register's units began or ended (1/7/2025, and any later table): empty while no
    province is set. Where a trend draws its marked line, and what makes a period's numbers a re-statement."""
    register = stored_units(db).register
    return [] if register is None else register.dates()


def marked_units(db: Database, filters, at: date) -> list[str]:
    """The display names of the units chosen in `filters` that stayed rows of their own under current counting
    (a split nobody chose for, a unit ended without successor): a trend of them says so."""
    if filters.units != CURRENT or not filters.unit_keys:
        return []
    groups = unit_groups(db, filters.units, at)
    keys = [key for key in filters.unit_keys if key in groups.marks]
    return display_names(db, groups, keys) if keys else []
