"""Unit names as keys (issue 15 §1, KPI_SPEC §9): NFC, case folding, spacing, no "UBND" / "Ủy ban nhân dân"
prefix; the kind word counts; qualifiers after " - " name a district or a province."""

from __future__ import annotations

import unicodedata

import pytest

from dashboard.units.names import (
    district_matches,
    kind_of,
    name_key,
    province_key,
    repaired_kind,
)


@pytest.mark.parametrize(
    "written",
    [
        "Xã Thái Bình",
        "xã thái bình",
        "XÃ THÁI BÌNH",
        "  Xã   Thái\nBình ",
        "UBND xã Thái Bình",
        "Ủy ban nhân dân xã Thái Bình",
        "Uỷ ban nhân dân Xã Thái Bình",
        unicodedata.normalize("NFD", "UBND Xã Thái Bình"),
    ],
)
def test_spellings_of_one_name_have_one_key(written):
    assert name_key(written).key == "xã thái bình"
    assert name_key(written).kind == "xã"


def test_the_kind_word_is_part_of_the_name():
    assert name_key("xã Thái Bình").key != name_key("phường Thái Bình").key
    assert name_key("Phường Thái Bình").bare == name_key("Xã Thái Bình").bare == "thái bình"


def test_diacritics_tell_names_apart():
    assert name_key("Phường Hà Cầu").key != name_key("Phường Hà Câu").key


def test_qualifiers_after_a_dash_are_peeled_off_but_not_a_part_of_the_name():
    key = name_key("UBND Xã Thái Bình - huyện Yên Sơn")
    assert (key.key, key.qualifiers) == ("xã thái bình", ("huyện yên sơn",))
    key = name_key("phường Long Phú - tỉnh An Giang")
    assert (key.key, key.qualifiers) == ("phường long phú", ("tỉnh an giang",))
    key = name_key("Xã Chân Mây - Lăng Cô")
    assert (key.key, key.qualifiers) == ("xã chân mây - lăng cô", ())
    key = name_key("Xã Tân Hưng – huyện Hớn Quản – tỉnh Bình Phước")
    assert key.qualifiers == ("huyện hớn quản", "tỉnh bình phước")


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Xã Thái Bình", "xã"),
        ("Phường 14", "phường"),
        ("Thị trấn Phù Yên", "thị trấn"),
        ("Đặc khu Côn Đảo", "đặc khu"),
        ("Huyện Yên Sơn", "huyện"),
        ("Thị xã Sơn Tây", "thị xã"),
        ("Sở Tư pháp", "sở"),
        ("Thái Bình", None),
    ],
)
def test_kind_of_a_name(name, kind):
    assert kind_of(name) == kind


def test_district_given_with_or_without_its_kind_word_and_code():
    assert district_matches("huyện Yên Sơn", "Huyện Yên Sơn")
    assert district_matches("Yên Sơn", "Huyện Yên Sơn")
    assert district_matches("Huyện Yên Sơn (075)", "Huyện Yên Sơn")
    assert not district_matches("thị xã Kỳ Anh", "Huyện Kỳ Anh")
    assert not district_matches("Yên Sơn", None)


def test_province_keys():
    keys = {province_key(text) for text in ("Tỉnh Tuyên Quang (08)", "TUYÊN QUANG", "tỉnh Tuyên Quang")}
    assert keys == {"tuyên quang"}
    assert province_key("Thành phố Hồ Chí Minh (79)") == province_key("TP. Hồ Chí Minh") == "hồ chí minh"


def test_kind_words_that_lost_their_diacritics_are_repaired():
    assert repaired_kind("Xa Ea Kly") == "Xã Ea Kly"
    assert repaired_kind("Thi trấn Ngan Dừa") == "Thị trấn Ngan Dừa"
    assert repaired_kind("Xã Ea Kly") is None
    assert repaired_kind("Xuân Phước") is None
