"""Unit search without diacritics (issue 11 §13): the folding it relies on, the matching, and the sidebar's
search box narrowing the units filter under AppTest."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st
from overview_units_fixture import PERIOD, build
from page_app import open_page

from dashboard.text import fold, unit_key
from dashboard.views.unit_search import matching

# Every letter of Vietnamese, both cases, in NFC (what the store keeps) and NFD (what some files carry).
VIETNAMESE_LETTERS = (
    "aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvxyỳỷỹýỵ"
)
LETTERS = VIETNAMESE_LETTERS + VIETNAMESE_LETTERS.upper()
vietnamese = st.text(alphabet=LETTERS + " ,-().", max_size=40)
words = st.lists(st.text(alphabet=LETTERS, min_size=1, max_size=8), min_size=1, max_size=5).map(" ".join)


@given(vietnamese)
def test_folding_is_ascii_and_idempotent(text):
    folded = fold(text)
    assert folded.isascii() and folded == fold(folded)
    assert fold(unicodedata.normalize("NFD", text)) == folded  # NFC or NFD, the same key


@given(words)
def test_each_vietnamese_letter_folds_to_one_ascii_letter(name):
    folded = fold(name)
    assert len(folded) == len(name) and folded.replace(" ", "").isalpha()
    assert [c == " " for c in folded] == [c == " " for c in name]  # letter for letter, word for word


def test_d_with_stroke_folds_to_d():
    assert fold("Đà Nẵng") == "da nang" and fold("đường Đống Đa") == "duong dong da"


NAMES = {
    unit_key(name): name
    for name in ("Phường Hải Châu", "Phường Thanh Khê", "Xã Hòa Vang", "Phường Điện Bàn Đông", "Xã Đại Lộc")
}


@given(st.sampled_from(sorted(NAMES.values())))
def test_a_name_finds_itself_however_it_is_typed(name):
    for typed in (name, name.upper(), fold(name), unicodedata.normalize("NFD", name), f"  {fold(name)}  "):
        assert unit_key(name) in matching(typed, NAMES), typed


def test_every_word_typed_must_be_in_the_name():
    assert [NAMES[k] for k in matching("hai chau", NAMES)] == ["Phường Hải Châu"]
    assert [NAMES[k] for k in matching("chau hai", NAMES)] == ["Phường Hải Châu"]  # in any order
    assert [NAMES[k] for k in matching("DAI", NAMES)] == ["Xã Đại Lộc"]
    assert [NAMES[k] for k in matching("xa", NAMES)] == ["Xã Hòa Vang", "Xã Đại Lộc"]
    assert matching("hai vang", NAMES) == []
    assert matching("", NAMES) == matching("  ", NAMES) == list(NAMES)


def test_the_search_box_narrows_the_units_filter_and_keeps_the_chosen(tmp_path, monkeypatch):
    build(tmp_path / "s.duckdb")
    monkeypatch.setenv("CCHC_DB", str(tmp_path / "s.duckdb"))
    app = open_page("overview", PERIOD)
    every = list(app.sidebar.multiselect(key="don_vi").options)
    app.sidebar.text_input(key="tim_don_vi").set_value("phuong bon").run()
    assert app.sidebar.multiselect(key="don_vi").options == ["Phường Bốn"]
    app.sidebar.multiselect(key="don_vi").set_value([unit_key("Phường Bốn")]).run()
    app.sidebar.text_input(key="tim_don_vi").set_value("xa").run()
    assert app.sidebar.multiselect(key="don_vi").options == ["Phường Bốn", "Xã Năm", "Xã Sáu"]
    assert app.session_state["_selection"].filters.unit_keys == (unit_key("Phường Bốn"),)
    app.sidebar.text_input(key="tim_don_vi").set_value("").run()
    assert app.sidebar.multiselect(key="don_vi").options == every
    assert not app.exception


def test_the_pair_of_units_has_a_search_box_each(tmp_path, monkeypatch):
    build(tmp_path / "s.duckdb")
    monkeypatch.setenv("CCHC_DB", str(tmp_path / "s.duckdb"))
    app = open_page("units", PERIOD)
    assert app.selectbox(key="units-pair-b").value == "Phường Bốn"
    app.text_input(key="units-pair-b-search").set_value("hai").run()
    assert app.selectbox(key="units-pair-b").options == ["Phường Bốn", "Phường Hai"]  # the one held stays
    assert app.selectbox(key="units-pair-b").value == "Phường Bốn"
    app.selectbox(key="units-pair-b").set_value("Phường Hai").run()
    app.text_input(key="units-pair-b-search").set_value("").run()
    assert app.selectbox(key="units-pair-b").value == "Phường Hai"
    assert len(app.selectbox(key="units-pair-b").options) == 6
    assert not app.exception
