"""A district given in its own column of an export (issue 15 §1): folded into the unit name as a qualifier.

An old commune name that repeats within a province (158 do) is told apart only by its old district. The resolver
already reads a district written after the name ("Xã Tân Hưng - huyện Hớn Quản", units/names.py and resolve.py),
so a row's district column is written there: "Xã Tân Hưng" with "Huyện Hớn Quản" is recorded as
"Xã Tân Hưng - Huyện Hớn Quản". The dossier table needs no district column, and re-assigning units later
(another province, register or choice) reads the district from the recorded name like any other qualifier.

What a district qualifier does to a name (resolve.NameIndex.resolve): it narrows the units of that name to those
of that district. When it fits none of them it narrows nothing and a note says so, so a unique name still
resolves to its one unit, and a repeated name stays ambiguous (listed on the Dữ liệu page for a choice): a wrong
district never moves a dossier to another unit, and never makes a unique name fail. After 1/7/2025 new units have
no district: the qualifier fits none, and the name resolves as it would without it.

Not folded (the name stays as recorded):
- a name that already carries a district qualifier (" - huyện …", " - quận …", " - thị xã …", or the district
  given);
- a district that does not say its kind ("Hớn Quản" instead of "Huyện Hớn Quản"): written after the name it
  would not read as a qualifier, and the name would no longer match any unit. Such rows are counted for a note.
"""

from __future__ import annotations

import re

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.text import nfc
from dashboard.units.names import district_matches, name_key

# Abbreviations exports write for a district kind, spelled out so that the resolver compares names.
_ABBREVIATIONS = (
    (re.compile(r"^tp(?:\.\s*|\s+)", re.IGNORECASE), "Thành phố "),
    (re.compile(r"^tx(?:\.\s*|\s+)", re.IGNORECASE), "Thị xã "),
)
_DISTRICT_QUALIFIER = re.compile(r"^(?:huyện|quận|thị xã)\s")


def district_text(district: str) -> str:
    """A district as the qualifier is written: "TP. Đồng Xoài" → "Thành phố Đồng Xoài"."""
    text = nfc(district)
    for pattern, spelled in _ABBREVIATIONS:
        if pattern.match(text):
            return pattern.sub(spelled, text, count=1)
    return text


def with_district(name: str, district: str | None) -> tuple[str, bool]:
    """(the unit name to record, whether the district was left out because it does not say its kind)."""
    if not district:
        return name, False
    district = district_text(district)
    key = name_key(name)
    if any(_DISTRICT_QUALIFIER.match(q) or district_matches(q, district) for q in key.qualifiers):
        return name, False
    folded = f"{name} - {district}"
    read_back = name_key(folded)
    if read_back.key != key.key or len(read_back.qualifiers) != len(key.qualifiers) + 1:
        return name, True  # "Hớn Quản" alone would become part of the name
    return folded, False


def fold_districts(units: pa.Array, districts: pa.Array) -> tuple[pa.Array, pa.Array]:
    """Each row's unit name with its district (with_district); and, per row, whether a district was left out.

    Few distinct (unit, district) pairs: each is folded once and spread over the rows."""
    unit_codes, unit_values = _codes(units)
    district_codes, district_values = _codes(districts)
    pairs = unit_codes * (len(district_values) + 1) + district_codes
    unique, first, inverse = np.unique(pairs, return_index=True, return_inverse=True)
    names = np.empty(len(unique), dtype=object)
    left_out = np.zeros(len(unique), dtype=bool)
    for i, row in enumerate(first):
        unit = unit_values[unit_codes[row]]
        if unit is None:
            names[i] = None
            continue
        names[i], left_out[i] = with_district(unit, district_values[district_codes[row]])
    return pa.array(names[inverse], pa.string()), pa.array(left_out[inverse], pa.bool_())


def _codes(values: pa.Array) -> tuple[np.ndarray, list[str | None]]:
    """Per row an index into the distinct values, which start with None (the code of a null)."""
    encoded = pc.dictionary_encode(values)
    codes = pc.fill_null(pc.add(encoded.indices.cast(pa.int64()), 1), 0)
    return codes.to_numpy(zero_copy_only=False), [None, *encoded.dictionary.to_pylist()]
