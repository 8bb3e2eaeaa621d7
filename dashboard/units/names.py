"""Unit names as keys (KPI_SPEC §9, issue 15 §1).

A name in an export is compared after NFC, case folding and spacing, without the "UBND" / "Ủy ban nhân dân"
prefix; the kind word is part of the name ("xã Thái Bình" is not "phường Thái Bình"). Diacritics stay
(dashboard.text.unit_key): "Phường Hà Cầu" is not "Phường Hà Câu".

A name may carry qualifiers after " - ": "Xã Thái Bình - huyện Yên Sơn", "phường Long Phú - tỉnh An Giang". Only
trailing parts that start with a district or province word are qualifiers, so that "Xã Chân Mây - Lăng Cô" keeps
its whole name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from dashboard.text import fold, nfc, unit_key

# Kind words as they start a case-folded name; longer words first so that "thị xã" is not read as "thị …".
COMMUNE_KINDS = ("thị trấn", "đặc khu", "phường", "xã")
DISTRICT_KINDS = ("thị xã", "thành phố", "huyện", "quận")
PROVINCE_KINDS = ("tỉnh", "thành phố")
# Units of an export that are no territory (departments, boards): kept as their own units, without history.
AGENCY_KINDS = ("chi cục", "văn phòng", "trung tâm", "công an", "sở", "ban", "cục")
KINDS = (*COMMUNE_KINDS, *DISTRICT_KINDS, *AGENCY_KINDS)

_PREFIX = re.compile(r"^(?:ubnd|ủy ban nhân dân|uỷ ban nhân dân)\s+")
_QUALIFIER_START = re.compile(r"^(?:huyện|quận|thị xã|thành phố|tỉnh|tp\.?)\s")
_DASH = re.compile(r"\s+[-–—]\s+")
_TRAILING_CODE = re.compile(r"\s*\(\s*\d+\s*\)$")
_PROVINCE_WORD = re.compile(r"^(?:tỉnh|thành phố|tp\.?)\s+")


@dataclass(frozen=True)
class NameKey:
    """The comparison key of a unit name, and what the name says besides.

    key: kind word and name, case-folded ("xã thái bình"); kind: the kind word or None; bare: the name without
    its kind word; qualifiers: case-folded trailing parts (" - huyện Yên Sơn" → "huyện yên sơn").
    """

    key: str
    kind: str | None
    bare: str
    qualifiers: tuple[str, ...] = ()


@lru_cache(maxsize=1 << 17)
def name_key(name: str) -> NameKey:
    folded = unit_key(name)
    folded = _PREFIX.sub("", folded)
    parts = _DASH.split(folded)
    qualifiers: list[str] = []
    while len(parts) > 1 and _QUALIFIER_START.match(parts[-1]):
        qualifiers.insert(0, parts.pop())
    key = " - ".join(parts)
    kind, bare = split_kind(key, KINDS)
    return NameKey(key=key, kind=kind, bare=bare, qualifiers=tuple(qualifiers))


def split_kind(folded: str, kinds: tuple[str, ...]) -> tuple[str | None, str]:
    """(kind word, rest) of a case-folded name; (None, name) when it starts with none of `kinds`."""
    for kind in kinds:
        if folded.startswith(kind + " "):
            return kind, folded[len(kind) + 1 :]
    return None, folded


def repaired_kind(name: str) -> str | None:
    """The name with its kind word spelled right, when the word lost its diacritics ("Xa Ea Kly" → "Xã Ea Kly",
    "Thi trấn Ngan Dừa" → "Thị trấn Ngan Dừa", both in the national table); None when there is nothing to repair."""
    if name_key(name).kind is not None:
        return None
    words = nfc(name).split()
    for kind in (*COMMUNE_KINDS, *DISTRICT_KINDS):
        size = len(kind.split())
        if len(words) > size and fold(" ".join(words[:size])) == fold(kind):
            return " ".join([kind[0].upper() + kind[1:], *words[size:]])
    return None


def kind_of(name: str) -> str | None:
    """The kind of unit a name says: "xã", "phường", "thị trấn", "đặc khu", "huyện", "sở", … or None."""
    return name_key(name).kind


def district_key(text: str) -> tuple[str | None, str]:
    """(kind, bare name) of a district as a column or a qualifier writes it: "Huyện Yên Sơn (075)",
    "huyện Yên Sơn", "Yên Sơn". The NSO tables append the district code in brackets."""
    folded = _TRAILING_CODE.sub("", unit_key(text))
    return split_kind(folded, DISTRICT_KINDS)


def district_matches(given: str, district: str | None) -> bool:
    """Whether a district given by an export means `district`: same name, and same kind word when one is
    given ("thị xã Kỳ Anh" is not "huyện Kỳ Anh"; "Kỳ Anh" alone would be either)."""
    if not district:
        return False
    given_kind, given_bare = district_key(given)
    kind, bare = district_key(district)
    return given_bare == bare and (given_kind is None or given_kind == kind)


def province_key(text: str) -> str:
    """Key of a province name: "Tỉnh Tuyên Quang (08)", "TUYÊN QUANG", "tỉnh Tuyên Quang" → "tuyên quang"."""
    return _PROVINCE_WORD.sub("", _TRAILING_CODE.sub("", unit_key(text)))


@lru_cache(maxsize=1 << 14)
def code_in_brackets(text: str) -> str | None:
    """The code the NSO tables write after a name: "Quận Ba Đình (001)" → "001"."""
    match = re.search(r"\((\d+)\)\s*$", nfc(text))
    return match.group(1) if match else None


@lru_cache(maxsize=1 << 14)
def without_code(text: str) -> str:
    """A name without its bracketed code: "Quận Ba Đình (001)" → "Quận Ba Đình" (NFC, single spaces)."""
    return _TRAILING_CODE.sub("", nfc(text))
