"""Names in exports resolved to the unit in force on the received date, within the database's province, on the
national register (issue 15 §1, KPI_SPEC §9)."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from dashboard.units.national import national_register
from dashboard.units.resolve import NameIndex
from dashboard.units.successors import current_unit

MARCH, AUGUST = date(2025, 3, 3), date(2025, 8, 4)


@pytest.fixture(scope="module")
def names():
    return NameIndex(national_register())


def test_xa_thai_binh_is_the_old_commune_before_1_july_and_the_new_one_after(names):
    old = names.resolve("Xã Thái Bình", MARCH, "Tuyên Quang")
    new = names.resolve("Xã Thái Bình", AUGUST, "Tỉnh Tuyên Quang")
    assert (old.status, old.unit.id, old.unit.district) == ("resolved", "02494", "Huyện Yên Sơn")
    assert (new.status, new.unit.id, new.unit.code) == ("resolved", "02494@2025-07-01", "02494")
    assert old.unit.valid_to == date(2025, 7, 1) and new.unit.valid_from == date(2025, 7, 1)


def test_the_old_xa_thai_binh_is_split_and_its_default_is_the_same_name(names):
    register = national_register()
    old = names.resolve("UBND xã Thái Bình", MARCH, "Tuyên Quang").unit
    assert sorted(s.unit_id for s in old.successors) == ["02212@2025-07-01", "02494@2025-07-01"]
    current = current_unit(old.id, date(2025, 9, 30), register)
    assert (current.unit_id, current.rule) == ("02494@2025-07-01", "same_name")


def test_phu_thinh_of_february_2025_counts_under_the_new_xa_thai_binh(names):
    """The issue's example: the table writes Phú Thịnh with Công Đa's code 02485; it is commune 02482."""
    register = national_register()
    found = names.resolve("UBND xã Phú Thịnh", date(2025, 2, 10), "Tuyên Quang")
    assert (found.status, found.unit.id) == ("resolved", "02482")
    assert current_unit("02482", date(2025, 9, 30), register).unit_id == "02494@2025-07-01"


def test_the_kind_word_counts(names):
    assert names.resolve("phường Thái Bình", AUGUST, "Tuyên Quang").status == "unknown"
    ward = names.resolve("Phường Thái Bình", MARCH, "Phú Thọ")  # old Hòa Bình province, in Phú Thọ since 1/7
    assert (ward.status, ward.unit.id, ward.unit.province) == ("resolved", "04789", "Tỉnh Hoà Bình")


def test_nfd_case_spacing_and_prefix_do_not_matter(names):
    written = unicodedata.normalize("NFD", "  ỦY BAN NHÂN DÂN   xã thái   bình ")
    assert names.resolve(written, MARCH, "Tuyên Quang").unit.id == "02494"


def test_without_a_province_a_common_name_is_ambiguous(names):
    found = names.resolve("Xã Thái Bình", MARCH)
    assert found.status == "ambiguous"
    assert {unit.id for unit in found.candidates} == {"02494", "06631", "25597"}


def test_a_repeated_old_name_is_told_apart_by_the_district_given(names):
    ambiguous = names.resolve("Xã Tân Hưng", MARCH, "Đồng Nai")
    assert ambiguous.status == "ambiguous"
    assert {(u.id, u.district) for u in ambiguous.candidates} == {
        ("25345", "Huyện Hớn Quản"), ("25375", "Huyện Đồng Phú"),
    }  # fmt: skip
    assert "trùng tên" in ambiguous.note
    by_column = names.resolve("Xã Tân Hưng", MARCH, "Đồng Nai", district="Huyện Hớn Quản")
    by_suffix = names.resolve("Xã Tân Hưng - huyện Đồng Phú", MARCH, "Đồng Nai")
    bare = names.resolve("Xã Tân Hưng", MARCH, "Đồng Nai", district="Đồng Phú")
    assert (by_column.unit.id, by_suffix.unit.id, bare.unit.id) == ("25345", "25375", "25375")


def test_a_district_that_fits_no_candidate_leaves_the_name_ambiguous_and_says_so(names):
    found = names.resolve("Xã Tân Hưng", MARCH, "Đồng Nai", district="Huyện Bù Đăng")
    assert found.status == "ambiguous" and "không khớp" in found.note


def test_a_users_choice_resolves_an_ambiguous_name(names):
    found = names.resolve("Xã Tân Hưng", MARCH, "Đồng Nai", choices={"xã tân hưng": "25375"})
    assert (found.status, found.unit.id) == ("resolved", "25375")


def test_a_province_suffix_of_the_766_tables_is_accepted(names):
    found = names.resolve("phường Long Phú - tỉnh An Giang", date(2025, 10, 1), "An Giang")
    assert found.status == "resolved" and found.unit.valid_from == date(2025, 7, 1)


def test_a_department_is_no_unit_of_the_register(names):
    assert names.resolve("Sở Tư pháp", AUGUST, "Tuyên Quang").status == "unknown"
