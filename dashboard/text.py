"""Text normalisation shared by every layer.

Vietnamese text arrives in NFC or NFD (one ward name in the real 766 file is NFD), with stray spaces and
line breaks inside headers. KPI_SPEC §9: unit names are NFC-normalised and compared without case and
spacing differences.
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^0-9a-z]+")
# đ/Đ are letters of their own, not d + a combining mark, so NFD does not split them.
_D_STROKE = str.maketrans({"đ": "d", "Đ": "D"})


def nfc(text: str) -> str:
    """NFC form with runs of white space (line breaks included) folded to one space, trimmed."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def strip_diacritics(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.translate(_D_STROKE))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """Key for matching labels typed by people: no case, no diacritics, punctuation as spaces.

    "Mã hồ sơ", "MA HO SO", "Ma  ho\\nso:" all fold to "ma ho so" (EXPORT_FORMATS: header matching).
    """
    return _NON_WORD.sub(" ", strip_diacritics(text).lower()).strip()


def unit_key(name: str) -> str:
    """Comparison key of a unit name: NFC, case-folded, single spaces; diacritics kept.

    Diacritics stay because they tell units apart ("Phường Hà Cầu" is not "Phường Hà Câu").
    """
    return nfc(name).casefold()
