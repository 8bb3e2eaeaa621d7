"""The whole national table of 1/7/2025 and the list of 4/1/2025, from the package's own copy (issue 15 §7):
every row accounted for, its anomalies reported, the figures of SOURCES.md."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

import pytest

from dashboard.units.names import COMMUNE_KINDS, DISTRICT_KINDS, name_key, province_key
from dashboard.units.national import DISTRICTS_ENDED, national_build
from dashboard.units.successors import successor_of

JULY_1 = date(2025, 7, 1)


@pytest.fixture(scope="module")
def build():
    return national_build()


@pytest.fixture(scope="module")
def table(build):
    return build.tables[0][0]


@pytest.fixture(scope="module")
def applied(build):
    return build.tables[0][1]


def test_every_row_of_the_table_is_loaded_skipped_or_rejected_once(table):
    rows = [r.row for r in table.rows] + [s.row for s in table.skipped] + [s.row for s in table.rejected]
    assert len(rows) == len(set(rows)) == table.rows_read
    assert (table.rows_read, len(table.rows), len(table.skipped), len(table.rejected)) == (
        10607,
        10571,
        36,
        0,
    )
    reasons = Counter(s.reason for s in table.skipped)
    assert reasons == {"dòng tên tỉnh": 34, "dòng tiêu đề": 1, "dòng tên cột": 1}
    assert table.title_date == JULY_1


def test_the_figures_of_sources_md(table):
    assert len(table.pairs) == 10565
    assert len({row.new_code for row in table.pairs}) == 3316
    assert len(table.origins) == 6 and len(table.new_codes()) == 3321
    assert len({row.old_code for row in table.pairs}) == 10033
    splits = table.splits()
    assert len(splits) == 441
    assert Counter(len(new) for new in splits.values()) == {2: 369, 3: 54, 4: 17, 5: 1}
    assert sum(row.whole_population for row in table.pairs) == 58
    an_giang = {row.new_code for row in table.rows if province_key(row.province) == "an giang"}
    assert len(an_giang) == 102  # the count of the 766 file's "Xã Phường" sheet


def test_the_special_zones_and_xa_kim_dong_have_no_old_commune_code(table):
    origins = {row.new_name: (row.origin, row.old_district) for row in table.origins}
    assert origins == {
        "Đặc khu Bạch Long Vĩ": ("district", "Huyện Bạch Long Vĩ"),
        "Đặc khu Cồn Cỏ": ("district", "Huyện Cồn Cỏ"),
        "Đặc khu Hoàng Sa": ("district", "Huyện Hoàng Sa"),
        "Đặc khu Lý Sơn": ("district", "Huyện Lý Sơn"),
        "Đặc khu Côn Đảo": ("district", "Huyện Côn Đảo"),  # "Đặc khu Côn Đảo\n" in the file
        "Xã Kim Đông": ("land", "Huyện Kim Sơn"),
    }


def test_the_anomalies_of_the_table_are_reported(table):
    kinds = Counter(a.kind for a in table.anomalies)
    assert kinds == {
        "old_code_two_names": 3, "whole_but_listed_twice": 5, "partial_but_listed_once": 1,
        "new_code_two_names": 1, "province_line_differs": 1, "formed_from_district": 5, "formed_from_land": 1,
        "no_kind_word": 4,
    }  # fmt: skip
    two_names = {a.message.split()[3] for a in table.anomalies if a.kind == "old_code_two_names"}
    assert two_names == {"00553", "01615", "02485"}
    (misplaced,) = [a for a in table.anomalies if a.kind == "province_line_differs"]
    assert len(misplaced.rows) == 482 and "Tỉnh Bắc Ninh (24)" in misplaced.message
    assert table.cleaned_cells == {"line_break": 875, "outer_space": 1566, "not_nfc": 91}


def test_every_loaded_row_is_a_successor_link_or_a_unit_without_predecessor(table, applied):
    assert applied.links + len(applied.without_predecessor) == len(table.rows)
    assert applied.without_predecessor == ["14698@2025-07-01"]  # Xã Kim Đông


def test_codes_used_for_two_communes_are_corrected_by_name_and_district(applied):
    corrected = {(name, code): unit for name, code, unit in applied.corrected}
    assert {k: v for k, v in corrected.items() if not k[0].startswith("Phường ")} == {
        ("Xã Đặng Xá", "00553"): "00556",
        ("Xã Mỹ Hưng", "01615"): "01651",
        ("Xã Phú Thịnh", "02485"): "02482",
    }
    # Wards of Hồ Chí Minh City recoded after the list of 4/1/2025: same name, same district, new code.
    assert len(corrected) == 10
    assert sorted(applied.created_old) == ["03980", "03983", "03984"]  # wards of Mộc Châu, not in the list


def test_the_register_after_1_july_2025(build, applied):
    register = build.register
    base = build.base
    assert (base.rows_read, base.commune_rows, base.district_rows, len(base.rejected)) == (10057, 10051, 5, 0)
    assert len(register.in_force(JULY_1)) == 3321
    assert len(applied.ended) == 10040  # 10,035 old communes and the 5 districts that became special zones
    unlisted = [register[i] for i in applied.ended_unlisted]
    assert Counter(u.kind in DISTRICT_KINDS for u in unlisted) == {True: 691, False: 19}
    assert all(u.ended == DISTRICTS_ENDED for u in unlisted if u.kind in DISTRICT_KINDS)
    kinds = Counter(u.kind for u in register.in_force(JULY_1))
    assert kinds == {"xã": 2621, "phường": 687, "đặc khu": 13}


def test_splits_and_the_default_successor_of_each(build):
    register = build.register
    splits = [unit for unit in register if unit.is_split]
    assert len(splits) == 440  # 441 codes, less two shared codes (whole merges), plus Xã Đặng Xá
    rules = Counter(successor_of(unit, register).rule for unit in splits)
    assert rules == {"same_name": 69, "whole_population": 53, "split": 318}


def test_old_names_repeated_within_a_province_are_told_apart_by_their_district(build, table):
    by_code: dict[tuple, set[str]] = defaultdict(set)
    for row in table.pairs:
        by_code[province_key(row.old_province), name_key(row.old_name).key].add(row.old_code)
    assert sum(len(codes) > 1 for codes in by_code.values()) == 158  # as the table writes the codes
    register = build.register
    by_unit: dict[tuple, list] = defaultdict(list)
    for unit in register:
        if unit.kind in COMMUNE_KINDS and unit.successors:
            for key in unit.name_keys():  # as the resolver matches: its names and their other spellings
                by_unit[province_key(unit.province), key].append(unit)
    repeated = {key: units for key, units in by_unit.items() if len(units) > 1}
    assert len(repeated) == 157  # Xã Đặng Xá is one commune once its code is corrected
    assert all(len({u.district for u in units}) == len(units) for units in repeated.values())
