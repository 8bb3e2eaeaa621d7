"""The unit register in the store and counting by unit through the KPI engine (issue 15 §4, §7), on the
hand-computed case of tests/units_fixtures.py: five old communes of "Tỉnh Mẫu" become two new ones on 1/7/2025,
Xã Thái Bình split between both, its default the successor of the same name.

Dossiers (received and resolved the same month): before 1/7/2025, 10 of Xã An Phú, 5 of Xã Bình Minh, 7 of Xã Thái
Bình, 3 of Thị trấn Cầu Mới, 2 of Xã Hòa Lạc (DOSSIERS); after it, 4 of the new Xã An Bình and 6 of the new Xã
Thái Bình. By hand, for 2025 under current units: Xã An Bình 10 + 5 + 4 = 19, Xã Thái Bình 7 + 3 + 2 + 6 = 18;
with 90003 sent to Xã An Bình: 26 and 11.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from kpi_fixtures import dossier, store
from units_fixtures import DOSSIERS, five_to_two

from dashboard.kpi import periods
from dashboard.kpi.filters import Filters
from dashboard.kpi.form06 import form06
from dashboard.kpi.summary import kpi_table
from dashboard.store import units_store
from dashboard.store.loader import ImportMeta, record_import
from dashboard.store.schema import CONTENT_COLUMNS, DOSSIER_ARROW_SCHEMA
from dashboard.store.units_settings import choose_successor_ids, choose_unit_for_name, set_province
from dashboard.units.choice_text import ChoiceError
from dashboard.units.names import name_key

# As the exports write them: prefixes, lower-case kind words, the old spelling.
RECORDED = {
    "90001": "UBND xã An Phú",
    "90002": "Xã Bình Minh",
    "90003": "xã Thái Bình",
    "90004": "Thị trấn Cầu Mới",
    "90005": "Ủy ban nhân dân xã Hòa Lạc",
}
AFTER = {"Xã An Bình": 4, "Xã Thái Bình": 6}
YEAR = periods.build("year", 2025, None)
H1 = periods.custom(date(2025, 1, 1), date(2025, 6, 30))
NEW_AN_BINH, NEW_THAI_BINH = "90001@2025-07-01", "90003@2025-07-01"


def _rows() -> list[dict]:
    rows = []
    for code, n in DOSSIERS.items():
        for i in range(n):
            day = f"{3 + i:02d}/03/2025"
            rows.append(dossier(f"{code}-{i}", day, "28/03/2025", day, unit=RECORDED[code]))
    for name, n in AFTER.items():
        for i in range(n):
            day = f"{4 + i:02d}/08/2025"
            rows.append(dossier(f"{name}-{i}", day, "28/08/2025", day, unit=name))
    return rows


@pytest.fixture()
def mau(tmp_path):
    """The database of the case, its province set to Tỉnh Mẫu with the hand-made register."""
    db = store(tmp_path / "mau.duckdb", _rows())
    set_province(db, "Mẫu", register=five_to_two().register)
    return db


def _by_unit(db, period, **filters) -> dict[str, int]:
    table = kpi_table(db, period, "unit", Filters(**filters))
    return dict(zip(table["unit"], table["c3"], strict=True))


def test_setting_the_province_gives_every_dossier_its_recorded_unit(mau):
    with mau.read() as cur:
        found = dict(cur.execute("SELECT unit, any_value(unit_id) FROM dossier GROUP BY unit").fetchall())
        assert units_store.province(cur) == "Tỉnh Mẫu"
    assert found == {
        "UBND xã An Phú": "90001",
        "Xã Bình Minh": "90002",
        "xã Thái Bình": "90003",  # before 1/7/2025: the old commune (same key as the new one's name)
        "Thị trấn Cầu Mới": "90004",
        "Ủy ban nhân dân xã Hòa Lạc": "90005",
        "Xã An Bình": NEW_AN_BINH,
    }
    with mau.read() as cur:
        after = cur.execute(
            "SELECT DISTINCT unit_id FROM dossier WHERE received_at >= '2025-07-01'"
        ).fetchall()
    assert sorted(after) == [(NEW_AN_BINH,), (NEW_THAI_BINH,)]


def test_current_units_count_the_old_communes_under_the_new_ones(mau):
    assert _by_unit(mau, YEAR) == {"Xã An Bình": 19, "Xã Thái Bình": 18}


def test_recorded_units_keep_each_unit_as_it_was_and_tell_same_names_apart(mau):
    assert _by_unit(mau, YEAR, units="recorded") == {
        "Thị trấn Cầu Mới": 3,
        "Xã An Bình": 4,
        "Xã An Phú": 10,
        "Xã Bình Minh": 5,
        "Xã Hòa Lạc": 2,
        "Xã Thái Bình": 6,
        "Xã Thái Bình (cũ, Huyện Đông)": 7,
    }


def test_a_period_before_the_reorganisation_by_recorded_units_is_what_was_published(tmp_path, mau):
    """Biểu 06 of the first half of 2025 as it was counted before any register existed (the names as recorded),
    and the same by recorded units now: every column of every row equal."""
    before = store(tmp_path / "before.duckdb", _rows())
    published = _rows_by_name(form06(before, H1, "unit"))
    assert len(published) == 5
    pd.testing.assert_frame_equal(
        published, _rows_by_name(form06(mau, H1, "unit", Filters(units="recorded")))
    )
    # the period's end is before 1/7/2025: its own units are the current ones
    pd.testing.assert_frame_equal(published, _rows_by_name(form06(mau, H1, "unit")))


def _rows_by_name(table: pd.DataFrame) -> pd.DataFrame:
    """The rows by unit name without its prefix ("UBND xã An Phú" and "Xã An Phú" are one unit)."""
    keys = [name_key(name).key for name in table["unit"]]
    return table.drop(columns=["unit", "unit_key"]).set_axis(keys).sort_index()


def test_a_chosen_successor_moves_the_split_commune(mau):
    choose_successor_ids(mau, "90003", NEW_AN_BINH)
    assert _by_unit(mau, YEAR) == {"Xã An Bình": 26, "Xã Thái Bình": 11}
    with pytest.raises(ChoiceError, match="không nhận"):
        choose_successor_ids(mau, "90004", NEW_AN_BINH)  # Cầu Mới went whole to Xã Thái Bình


def test_a_split_without_default_stays_its_own_row_and_says_so(tmp_path):
    db = store(tmp_path / "split.duckdb", _rows())
    set_province(db, "Mẫu", register=five_to_two(second_name="Xã Thái Hòa").register)
    counts = _by_unit(db, YEAR)
    assert counts["Xã Thái Bình — đã chia tách, chưa chọn đơn vị kế tiếp"] == 7
    assert sum(counts.values()) == sum(DOSSIERS.values()) + sum(AFTER.values())


def test_the_unit_filter_names_todays_units_and_takes_their_old_communes(mau):
    assert _by_unit(mau, H1, unit_keys=(NEW_AN_BINH,)) == {"Xã An Phú": 10, "Xã Bình Minh": 5}
    assert _by_unit(mau, YEAR, unit_keys=(NEW_THAI_BINH,)) == {"Xã Thái Bình": 18}
    assert _by_unit(mau, YEAR, unit_keys=("90003",), units="recorded") == {"Xã Thái Bình": 7}


def test_a_trend_across_the_reorganisation_is_continuous_under_current_units(mau):
    months = kpi_table(mau, YEAR, "month", Filters(unit_keys=(NEW_AN_BINH,)))
    received = dict(
        zip(months["period_start"].map(lambda d: d.month), months["c4"] + months["c5"], strict=True)
    )
    assert received[3] == 15 and received[8] == 4


def test_imports_after_the_province_is_set_resolve_on_the_day_of_receipt(mau, tmp_path):
    row = dossier("LATE-1", "01/07/2025", "10/07/2025", "02/07/2025", unit="UBND xã Thái Bình")
    early = dossier("LATE-2", "30/06/2025", "10/07/2025", "02/07/2025", unit="UBND xã Thái Bình")
    rows = [{**r, "source_row": i} for i, r in enumerate([row, early], start=1)]
    table = pa.table(
        {n: [r.get(n) for r in rows] for n in DOSSIER_ARROW_SCHEMA.names}, schema=DOSSIER_ARROW_SCHEMA
    )
    meta = ImportMeta(
        "late", "", "test", None, datetime(2026, 1, 1), date(2026, 1, 1), "as_of", None, None, None, {}, []
    )
    with mau.write() as conn:
        record_import(conn, meta, table, {"read": 2, "rejected": 0, "skipped": 0}, CONTENT_COLUMNS, [], [])
    with mau.read() as cur:
        found = dict(
            cur.execute(
                "SELECT dossier_code, unit_id FROM dossier WHERE dossier_code LIKE 'LATE%'"
            ).fetchall()
        )
    assert found == {"LATE-1": NEW_THAI_BINH, "LATE-2": "90003"}


def test_an_ambiguous_name_loads_under_its_name_until_someone_chooses(tmp_path):
    """Two old communes named Xã Tân Hưng in Đồng Nai (districts Hớn Quản and Đồng Phú, 25345 and 25375)."""
    rows = [
        dossier(f"TH-{i}", "10/03/2025", "20/03/2025", "11/03/2025", unit="Xã Tân Hưng") for i in range(3)
    ]
    rows.append(
        dossier("TH-9", "10/03/2025", "20/03/2025", "11/03/2025", unit="Xã Tân Hưng - huyện Hớn Quản")
    )
    db = store(tmp_path / "dn.duckdb", rows)
    set_province(db, "Đồng Nai")
    with db.read() as cur:
        open_names = units_store.unresolved_names(cur)
        ids = dict(cur.execute("SELECT dossier_code, unit_id FROM dossier").fetchall())
    assert ids == {"TH-0": None, "TH-1": None, "TH-2": None, "TH-9": "25345"}
    (line,) = open_names.itertuples()
    assert (line.name, line.status, line.rows) == ("Xã Tân Hưng", "ambiguous", 3)
    assert {"25345", "25375"} <= set(line.candidate_ids)
    total = kpi_table(db, H1)["c3"].iloc[0]
    assert total == 4  # nothing lost meanwhile
    assert choose_unit_for_name(db, "Xã Tân Hưng", "25375") == 3
    with db.read() as cur:
        assert units_store.unresolved_names(cur).empty
    by_unit = _by_unit(db, H1, units="recorded")
    assert sorted(by_unit.values()) == [1, 3] and kpi_table(db, H1)["c3"].iloc[0] == total


_DAYS = st.integers(0, 700).map(lambda n: date(2024, 11, 1) + timedelta(days=n))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=_DAYS, length=st.integers(0, 400), choose=st.booleans())
def test_totals_are_equal_both_ways_for_any_period(mau, first, length, choose):
    """KPI_SPEC §9: totals over all units are the same both ways, for every period (every Biểu 06 column)."""
    if choose:
        choose_successor_ids(mau, "90003", NEW_AN_BINH)
    period = periods.custom(first, first + timedelta(days=length))
    columns = ["c3", "c4", "c5", "c6", "c7", "c8", "c9", "c10", "c11", "c12", "c13"]
    current = form06(mau, period, "unit")[columns].sum()
    recorded = form06(mau, period, "unit", Filters(units="recorded"))[columns].sum()
    total = form06(mau, period)[columns].sum()
    assert current.equals(recorded) and current.equals(total)
