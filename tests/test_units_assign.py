"""Units for the rows of an import (what the ingest pipeline will call), and the register as the store's tables."""

from __future__ import annotations

from datetime import date

import pandas as pd
from units_fixtures import five_to_two

from dashboard.units.assign import UNRESOLVED_COLUMNS, assign_units
from dashboard.units.national import national_register
from dashboard.units.resolve import NameIndex
from dashboard.units.tables import register_from_tables, register_to_tables


def test_each_row_gets_the_unit_in_force_on_its_received_day():
    names = NameIndex(five_to_two().register)
    rows = pd.DataFrame({
        "unit": ["UBND xã Thái Bình", "Xã Thái Bình", "xã thái bình", "Xã An Bình", "Sở Tư pháp"],
        "received_at": pd.to_datetime(["2025-03-03 09:00", "2025-06-30 16:59", "2025-07-01 07:30", "2025-08-04 10:00",
                                       "2025-08-04 10:00"]),
    })  # fmt: skip
    assigned = assign_units(names, rows["unit"], rows["received_at"], "Tỉnh Mẫu")
    assert assigned.unit_id.tolist() == ["90003", "90003", "90003@2025-07-01", "90001@2025-07-01", None]
    assert assigned.status.tolist() == ["resolved"] * 4 + ["unknown"]
    (line,) = assigned.unresolved.to_dict("records")
    assert (line["name"], line["status"], line["rows"]) == ("Sở Tư pháp", "unknown", 1)


def test_ambiguous_names_are_listed_once_with_their_candidates_and_the_district_column_decides():
    names = NameIndex(national_register())
    rows = pd.DataFrame({
        "unit": ["Xã Tân Hưng"] * 4 + ["Xã Tân Hưng - huyện Đồng Phú"],
        "district": [None, None, "Huyện Hớn Quản", "Hớn Quản", None],
        "received_at": pd.to_datetime(["2025-01-02", "2025-05-06", "2025-01-02", "2025-02-03", "2025-03-04"]),
    })  # fmt: skip
    assigned = assign_units(names, rows["unit"], rows["received_at"], "Đồng Nai", rows["district"])
    assert assigned.unit_id.tolist() == [None, None, "25345", "25345", "25375"]
    assert list(assigned.unresolved.columns) == UNRESOLVED_COLUMNS
    (line,) = assigned.unresolved.to_dict("records")
    assert (line["status"], line["rows"]) == ("ambiguous", 2)
    assert (line["first_day"], line["last_day"]) == (pd.Timestamp("2025-01-02"), pd.Timestamp("2025-05-06"))
    assert "25345, Huyện Hớn Quản" in line["candidates"] and "25375, Huyện Đồng Phú" in line["candidates"]


def test_an_old_name_after_its_unit_ended_says_when_it_was_in_force():
    names = NameIndex(national_register())
    rows = pd.Series(["UBND xã Phú Thịnh"])
    assigned = assign_units(names, rows, pd.Series(pd.to_datetime(["2025-09-01"])), "Tuyên Quang")
    assert assigned.unit_id.tolist() == [None]
    assert "Xã Phú Thịnh (02482) có hiệu lực đến hết 30/06/2025" in assigned.unresolved.loc[0, "note"]


def test_the_register_goes_to_the_stores_tables_and_back_unchanged():
    register = national_register()
    tables = register_to_tables(register)
    assert {name: table.num_rows for name, table in tables.items()} == {
        "unit_register": 14071, "unit_alias": 313, "unit_successor": 10570,
    }  # fmt: skip
    again = register_from_tables(tables)
    assert len(again) == len(register)
    assert all(again[u.id] == u and again[u.id].successors == u.successors for u in register)
    assert again["02494"].valid_to == date(2025, 7, 1)
