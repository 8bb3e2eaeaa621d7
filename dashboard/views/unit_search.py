"""Unit search without diacritics (issue 11 §13): "hai chau" finds "Phường Hải Châu".

Streamlit's own search in a selectbox or multiselect compares lower-cased text only, in every filter mode
("fuzzy", "contains", "prefix"), so "hai chau" finds nothing there. A search box above the picker narrows its
options instead, comparing names folded as dashboard.text.fold does (no case, no marks, đ as d). The picker
itself, its key and its URL binding stay as they were; the units already chosen stay among its options, so
that a search never drops a choice.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import streamlit as st

from dashboard.safe_text import markdown_text
from dashboard.text import fold
from dashboard.views.i18n import register, t

register(
    vi={
        "unit_search.label": "Tìm đơn vị",
        "unit_search.placeholder": "Không cần dấu, ví dụ: hai chau",
        "unit_search.help": "Thu gọn danh sách đơn vị bên dưới về các đơn vị có tên chứa mọi từ đã gõ, không "
        "phân biệt dấu và chữ hoa. Nhấn Enter để tìm; xoá ô này để thấy lại mọi đơn vị.",
        "unit_search.none": "Không có đơn vị nào có tên chứa “{query}”.",
    },
    en={
        "unit_search.label": "Find a unit",
        "unit_search.placeholder": "Diacritics optional, e.g. hai chau",
        "unit_search.help": "Narrows the list of units below to those whose name holds every word typed, "
        "whatever the diacritics and case. Press Enter to search; clear this box to see every unit again.",
        "unit_search.none": "No unit name holds “{query}”.",
    },
)


def matching(query: str, names: Mapping[str, str]) -> list[str]:
    """The keys whose name holds every word of `query`, both folded; every key for an empty query."""
    words = fold(query).split()
    return [key for key, name in names.items() if all(word in fold(name) for word in words)]


def narrowed(where, names: Mapping[str, str], key: str, chosen: Iterable[str] = ()) -> list[str]:
    """Draw the search box in `where` (st.sidebar, a column) and return the picker's options: the matches of
    what is typed, in their order, with the keys in `chosen` kept. `key` names the box's widget."""
    query = where.text_input(
        t("unit_search.label"), key=key, placeholder=t("unit_search.placeholder"), help=t("unit_search.help")
    )
    found = set(matching(query, names))
    if not found and fold(query):
        where.caption(t("unit_search.none", query=markdown_text(query)))  # typed text, not Markdown
    kept = set(chosen)
    return [unit for unit in names if unit in found or unit in kept]


def chosen_units(widget_key: str) -> list[str]:
    """The units a multiselect holds now (before it is drawn in this run): kept among its options."""
    return list(st.session_state.get(widget_key) or ())


def narrowed_names(where, names: list[str], key: str, default: str) -> tuple[list[str], int]:
    """For a selectbox of unit names keyed `key` (the units page's pair): the search box (keyed `key`-search)
    and the options it leaves, with the index of the unit the selectbox holds now (`default` at first)."""
    current = st.session_state.get(key, default)
    options = (
        narrowed(where, {name: name for name in names}, f"{key}-search", [current]) or names
    )  # never none
    return options, options.index(current) if current in options else 0
