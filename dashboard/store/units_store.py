"""The unit register in the store (issue 15, docs/units.md): its tables, the database's province, the user's
choices, and each dossier's recorded unit (dossier.unit_id).

Kept apart from the rest of the store on purpose: every function takes a connection (a write connection of
Database.write(), or a read cursor where it says so), so that it works the same on whatever engine the store
runs on.

- Until a province is set (`units province NAME`; the demo sets its own) the register is empty and no name is
  resolved: dossier.unit_id stays NULL and both ways of counting group by the name as recorded, as before.
- Setting the province writes the part of the national register that belongs to it (dashboard.units.province)
  and gives every stored dossier its unit. A later conversion table (`units crosswalk`) adds its rows of the
  province; a choice (a successor for a split commune, a unit for an ambiguous name) is stored beside the
  register. After each of these the dossiers' units are recomputed (reassign_units).
- At import, each row's unit is the one its name means on its day of receipt within the province
  (dashboard.units.assign): an ambiguous or unknown name leaves unit_id NULL and the row loads under its name.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import duckdb
import pandas as pd
import pyarrow as pa

from dashboard.units.apply_table import Applied
from dashboard.units.assign import assign_units
from dashboard.units.crosswalk_rows import CrosswalkTable
from dashboard.units.names import name_key
from dashboard.units.register import Register
from dashboard.units.resolve import NameIndex
from dashboard.units.tables import (
    UNIT_ALIAS,
    UNIT_REGISTER,
    UNIT_SUCCESSOR,
    register_from_tables,
    register_to_tables,
)

NATIONAL_SOURCE = "nso:2025-07-01"
PROVINCE_SETTING = "province"

UNITS_DDL: tuple[str, ...] = (
    """
    CREATE TABLE IF NOT EXISTS unit_register (
        unit_id    VARCHAR NOT NULL,  -- the NSO code, or code@YYYY-MM-DD for a unit a reorganisation made
        code       VARCHAR NOT NULL,
        name       VARCHAR NOT NULL,
        name_key   VARCHAR NOT NULL,  -- dashboard.units.names.name_key(name).key
        kind       VARCHAR,
        province   VARCHAR NOT NULL,
        district   VARCHAR,           -- the old district (none after 1/7/2025)
        valid_from DATE,              -- [valid_from, valid_to); NULL: before the register begins / in force
        valid_to   DATE,
        ended      VARCHAR,           -- why a unit that ended has no successor
        source     VARCHAR NOT NULL   -- nso:2025-07-01, or the file of a later table
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS unit_alias (
        unit_id VARCHAR NOT NULL, position SMALLINT NOT NULL, name VARCHAR NOT NULL, name_key VARCHAR NOT NULL
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS unit_successor (
        unit_id          VARCHAR NOT NULL,
        position         SMALLINT NOT NULL,
        successor_id     VARCHAR NOT NULL,
        whole            BOOLEAN NOT NULL,  -- "Nhập toàn bộ"
        whole_population BOOLEAN NOT NULL,  -- "toàn bộ dân số" (KPI_SPEC §9: a split's default)
        note             VARCHAR,
        source           VARCHAR NOT NULL
    )
    """,
    # issue 15 §2: where a split commune's dossiers go, as the user chose (`units successor`, Dữ liệu page).
    """
    CREATE TABLE IF NOT EXISTS unit_successor_choice (
        unit_id VARCHAR NOT NULL, successor_id VARCHAR NOT NULL, chosen_at TIMESTAMP NOT NULL, chosen_by VARCHAR
    )
    """,
    # issue 15 §1: the unit an ambiguous name means (an old name that repeats within the province).
    """
    CREATE TABLE IF NOT EXISTS unit_name_choice (
        name_key VARCHAR NOT NULL, district_key VARCHAR NOT NULL, unit_id VARCHAR NOT NULL,
        chosen_at TIMESTAMP NOT NULL
    )
    """,
    # issue 15 §3: one row per conversion table imported with `units crosswalk`, with its accounting.
    """
    CREATE TABLE IF NOT EXISTS unit_crosswalk_import (
        import_id     INTEGER NOT NULL,
        file_name     VARCHAR NOT NULL,
        file_sha256   VARCHAR NOT NULL,
        effective     DATE NOT NULL,
        rows_read     INTEGER NOT NULL,
        rows_loaded   INTEGER NOT NULL,
        rows_skipped  INTEGER NOT NULL,
        rows_rejected INTEGER NOT NULL,
        anomalies     VARCHAR NOT NULL,  -- JSON list of {kind, message, rows}
        imported_at   TIMESTAMP NOT NULL
    )
    """,
    "CREATE TABLE IF NOT EXISTS setting (name VARCHAR NOT NULL, value VARCHAR)",
    # The recorded unit of each dossier: NULL while its name is ambiguous or unknown, or no province is set.
    "ALTER TABLE dossier ADD COLUMN IF NOT EXISTS unit_id VARCHAR",
)

_TABLE_SCHEMAS = {"unit_register": UNIT_REGISTER, "unit_alias": UNIT_ALIAS, "unit_successor": UNIT_SUCCESSOR}


# --- Settings ---------------------------------------------------------------------------------------------------


def setting(conn: duckdb.DuckDBPyConnection, name: str) -> str | None:
    """A stored setting (read or write connection), None when unset or the table is not there yet."""
    try:
        found = conn.execute("SELECT value FROM setting WHERE name = ?", [name]).fetchall()
    except duckdb.CatalogException:
        return None
    return found[0][0] if found else None


def _set_setting(conn: duckdb.DuckDBPyConnection, name: str, value: str | None) -> None:
    conn.execute("DELETE FROM setting WHERE name = ?", [name])
    if value is not None:
        conn.execute("INSERT INTO setting VALUES (?, ?)", [name, value])


def province(conn: duckdb.DuckDBPyConnection) -> str | None:
    return setting(conn, PROVINCE_SETTING)


# --- The register -----------------------------------------------------------------------------------------------

_REGISTERS: dict[tuple, Register] = {}


def _fingerprint(conn: duckdb.DuckDBPyConnection) -> tuple | None:
    """What the stored register is, cheaply (a hash of every row of its three tables); None when it is empty."""
    try:
        row = conn.execute(
            """
            SELECT (SELECT count(*) FROM unit_register), (SELECT bit_xor(hash(r)) FROM unit_register r),
                   (SELECT count(*) FROM unit_successor), (SELECT bit_xor(hash(s)) FROM unit_successor s),
                   (SELECT count(*) FROM unit_alias), (SELECT bit_xor(hash(a)) FROM unit_alias a)
            """
        ).fetchall()[0]
    except duckdb.CatalogException:
        return None
    return None if row[0] == 0 else row


def stored_register(conn: duckdb.DuckDBPyConnection) -> Register | None:
    """The register held by the store (read or write connection), built once per content and kept for the
    process; None when no province is set."""
    key = _fingerprint(conn)
    if key is None:
        return None
    if key not in _REGISTERS:
        columns = {name: ", ".join(schema.names) for name, schema in _TABLE_SCHEMAS.items()}
        tables = {
            name: conn.sql(f"SELECT {columns[name]} FROM {name}").to_arrow_table().cast(_TABLE_SCHEMAS[name])
            for name in _TABLE_SCHEMAS
        }
        if len(_REGISTERS) > 8:
            _REGISTERS.clear()
        _REGISTERS[key] = register_from_tables(tables)
    return _REGISTERS[key]


def install_register(
    conn: duckdb.DuckDBPyConnection, register: Register, province_name: str, source: str
) -> int:
    """Replace the stored register by `register` (the province's part of a national one) and set the
    province. The user's choices that still name units of it are kept; the dossiers' units are recomputed
    (returns how many changed)."""
    for name in _TABLE_SCHEMAS:
        conn.execute(f"DELETE FROM {name}")
    _append_register(conn, register, source)
    _set_setting(conn, PROVINCE_SETTING, province_name)
    conn.execute("DELETE FROM unit_successor_choice WHERE unit_id NOT IN (SELECT unit_id FROM unit_register)")
    conn.execute("DELETE FROM unit_name_choice WHERE unit_id NOT IN (SELECT unit_id FROM unit_register)")
    return reassign_units(conn)


def _append_register(conn: duckdb.DuckDBPyConnection, register: Register, source: str, only=None) -> None:
    """Append the rows of `register`'s units (those in `only` when given) to the three tables."""
    tables = register_to_tables(register if only is None else Register(register[i] for i in only))
    for name, table in tables.items():
        if name != "unit_alias":
            table = table.append_column("source", pa.array([source] * table.num_rows, pa.string()))
        conn.register("units_arrow", table)
        try:
            conn.execute(f"INSERT INTO {name} BY NAME SELECT * FROM units_arrow")
        finally:
            conn.unregister("units_arrow")


def replace_units(
    conn: duckdb.DuckDBPyConnection, register: Register, unit_ids: list[str], source: str
) -> None:
    """Write the current state of `unit_ids` (units a later table changed or made): their rows replaced."""
    ids = pa.table({"unit_id": pa.array(sorted(set(unit_ids)), pa.string())})
    conn.register("changed_ids", ids)
    try:
        for name in _TABLE_SCHEMAS:
            conn.execute(f"DELETE FROM {name} WHERE unit_id IN (SELECT unit_id FROM changed_ids)")
    finally:
        conn.unregister("changed_ids")
    _append_register(conn, register, source, only=ids.column("unit_id").to_pylist())


# --- Choices ----------------------------------------------------------------------------------------------------


def successor_choices(conn: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """old unit id → the successor the user chose for it."""
    try:
        return dict(conn.execute("SELECT unit_id, successor_id FROM unit_successor_choice").fetchall())
    except duckdb.CatalogException:
        return {}


def name_choices(conn: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """name key → the unit the user chose for an ambiguous name."""
    try:
        return dict(conn.execute("SELECT name_key, unit_id FROM unit_name_choice").fetchall())
    except duckdb.CatalogException:
        return {}


def choose_successor(
    conn: duckdb.DuckDBPyConnection, old_id: str, new_id: str, by: str | None = None
) -> None:
    """Store where `old_id`'s dossiers go (checked by the caller: choice_text / successors.choice_error)."""
    conn.execute("DELETE FROM unit_successor_choice WHERE unit_id = ?", [old_id])
    conn.execute(
        "INSERT INTO unit_successor_choice VALUES (?, ?, ?, ?)", [old_id, new_id, datetime.now(), by]
    )


def choose_name(conn: duckdb.DuckDBPyConnection, name: str, unit_id: str) -> int:
    """Store the unit an ambiguous name means and give its dossiers that unit; returns how many changed."""
    key = name_key(name).key
    conn.execute("DELETE FROM unit_name_choice WHERE name_key = ?", [key])
    conn.execute("INSERT INTO unit_name_choice VALUES (?, '', ?, ?)", [key, unit_id, datetime.now()])
    return reassign_units(conn)


# --- Dossiers' units ----------------------------------------------------------------------------------------------


def with_unit_ids(conn: duckdb.DuckDBPyConnection, records: pa.Table) -> pa.Table:
    """`records` with a unit_id column: the unit each row's name means on its day of receipt (NULL when no
    province is set, or the name is ambiguous or unknown)."""
    register = stored_register(conn)
    if register is None or records.num_rows == 0:
        ids = pa.nulls(records.num_rows, pa.string())
    else:
        frame = records.select(["unit", "received_at"]).to_pandas()
        assigned = assign_units(
            _index(register), frame["unit"], frame["received_at"], province(conn), None, name_choices(conn)
        )
        ids = pa.array(assigned.unit_id.tolist(), pa.string())
    if "unit_id" in records.column_names:
        return records.set_column(records.schema.get_field_index("unit_id"), "unit_id", ids)
    return records.append_column("unit_id", ids)


_INDEXES: dict[int, NameIndex] = {}


def _index(register: Register) -> NameIndex:
    if id(register) not in _INDEXES:
        _INDEXES.clear()
        _INDEXES[id(register)] = NameIndex(register)
    return _INDEXES[id(register)]


def reassign_units(conn: duckdb.DuckDBPyConnection) -> int:
    """Recompute every stored dossier's unit (after the province, the register or a name choice changed).
    Each recorded name is resolved once per span between the register's dates; returns the dossiers whose unit
    changed."""
    register = stored_register(conn)
    names = conn.execute("SELECT unit_key, any_value(unit) AS unit FROM dossier GROUP BY unit_key").df()
    if names.empty:
        return 0
    bounds = register.dates() if register is not None else []
    starts, ends = [None, *bounds], [*bounds, None]
    # The day that stands for each span: its first day; for the span before the register's first date, the
    # day before it.
    standing = [bounds[0] - timedelta(days=1) if bounds else date(2000, 1, 1), *bounds]
    spans = pd.DataFrame(
        [(key, unit, start, end, day) for start, end, day in zip(starts, ends, standing, strict=True)
         for key, unit in zip(names["unit_key"], names["unit"], strict=True)],
        columns=["unit_key", "unit", "from_day", "to_day", "day"],
    )  # fmt: skip
    if register is None:
        unit_ids = [None] * len(spans)
    else:
        assigned = assign_units(_index(register), spans["unit"], pd.to_datetime(spans["day"]), province(conn),
                                None, name_choices(conn))  # fmt: skip
        unit_ids = assigned.unit_id.tolist()
    table = pa.table({
        "unit_key": pa.array(spans["unit_key"], pa.string()),
        "from_day": pa.array(spans["from_day"].tolist(), pa.date32()),
        "to_day": pa.array(spans["to_day"].tolist(), pa.date32()),
        "unit_id": pa.array(unit_ids, pa.string()),
    })  # fmt: skip
    conn.register("unit_spans", table)
    try:
        changed = conn.execute(
            """
            UPDATE dossier SET unit_id = s.unit_id FROM unit_spans s
            WHERE dossier.unit_key = s.unit_key
              AND (s.from_day IS NULL OR dossier.received_at::DATE >= s.from_day)
              AND (s.to_day IS NULL OR dossier.received_at::DATE < s.to_day)
              AND dossier.unit_id IS DISTINCT FROM s.unit_id
            RETURNING 1
            """
        ).fetchall()
    finally:
        conn.unregister("unit_spans")
    return len(changed)


# --- Conversion tables ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CrosswalkImport:
    import_id: int
    changed_dossiers: int


def editable_register(conn: duckdb.DuckDBPyConnection) -> Register | None:
    """A copy of the stored register that apply_table may change (the stored one is shared by the process)."""
    register = stored_register(conn)
    return None if register is None else Register(list(register))


def record_crosswalk(
    conn: duckdb.DuckDBPyConnection,
    table: CrosswalkTable,
    applied: Applied,
    register: Register,
    file_name: str,
    file_sha256: str,
) -> CrosswalkImport:
    """Store what a later table did to the register (`register`: editable_register's copy, changed by
    apply_table) and its import-log line; recompute the dossiers' units. One transaction (the caller's)."""
    before = stored_register(conn) or Register()
    changed = [
        unit.id for unit in register
        if unit.id not in before or before[unit.id] != unit or before[unit.id].successors != unit.successors
    ]  # fmt: skip
    replace_units(conn, register, changed, f"{file_name}:{table.effective.isoformat()}")
    import_id = conn.execute("SELECT coalesce(max(import_id), 0) + 1 FROM unit_crosswalk_import").fetchall()[
        0
    ][0]
    anomalies = [
        {"kind": a.kind, "message": a.message, "rows": list(a.rows)}
        for a in [*table.anomalies, *applied.anomalies]
    ]
    conn.execute(
        "INSERT INTO unit_crosswalk_import VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [import_id, file_name, file_sha256, table.effective, table.rows_read, len(table.rows), len(table.skipped),
         len(table.rejected), json.dumps(anomalies, ensure_ascii=False), datetime.now()],
    )  # fmt: skip
    return CrosswalkImport(import_id, reassign_units(conn))


def crosswalk_imports(conn: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return conn.execute("SELECT * FROM unit_crosswalk_import ORDER BY import_id").df()


def unresolved_names(conn: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The recorded names whose dossiers have no unit while a province is set, with their spans of days: what
    the Dữ liệu page lists (ambiguous names with their candidates, unknown names with why)."""
    register = stored_register(conn)
    columns = ["name", "status", "rows", "first_day", "last_day", "candidates", "candidate_ids", "note"]
    if register is None:
        return pd.DataFrame(columns=columns)
    rows = conn.execute(
        """
        SELECT any_value(unit) AS unit, unit_key, received_at::DATE AS day, count(*) AS n
        FROM dossier WHERE unit_id IS NULL GROUP BY unit_key, day
        """
    ).df()
    if rows.empty:
        return pd.DataFrame(columns=columns)
    index, where, chosen = _index(register), province(conn), name_choices(conn)
    out: dict[tuple[str, str], dict] = {}
    for unit, day, n in zip(rows["unit"], pd.to_datetime(rows["day"]).dt.date, rows["n"], strict=True):
        answer = index.resolve(unit, day, where, None, chosen)
        entry = out.setdefault((unit, answer.status), {
            "name": unit, "status": answer.status, "rows": 0, "first_day": day, "last_day": day,
            "candidates": {}, "note": answer.note,
        })  # fmt: skip
        entry["rows"] += int(n)
        entry["first_day"], entry["last_day"] = min(entry["first_day"], day), max(entry["last_day"], day)
        for unit_ in answer.candidates:
            entry["candidates"][unit_.id] = f"{unit_.name} ({unit_.code}, {unit_.district or unit_.province})"
    frame = pd.DataFrame(
        [{**e, "candidate_ids": list(e["candidates"]), "candidates": list(e["candidates"].values())}
         for e in out.values()],
        columns=columns,
    )  # fmt: skip
    return frame.sort_values(["status", "rows"], ascending=[True, False], kind="stable").reset_index(
        drop=True
    )
