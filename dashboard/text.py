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


# Control characters are not text (issue 12 §4): C0 but tab, LF, CR (white space, folded below), DEL, C1, and
# the non-characters U+FFFE/U+FFFF that XML cannot hold.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def nfc(text: str) -> str:
    """NFC form without control characters, runs of white space (line breaks included) folded to one space,
    trimmed."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", _CONTROLS.sub("", text))).strip()


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


# Windows-1258 has the vowels with circumflex, breve and horn, and five combining tone marks, but few
# precomposed toned letters: Vietnamese Windows writes "ờ" as "ơ" + combining grave.
_SHAPE_MARKS = {"\u0302", "\u0306", "\u031b"}


def encode_cp1258(text: str) -> bytes:
    """Text as a Vietnamese Windows program saves it in Windows-1258 (for the demo's sample CSV file)."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        base = parts[0] + "".join(m for m in parts[1:] if m in _SHAPE_MARKS)
        tones = "".join(m for m in parts[1:] if m not in _SHAPE_MARKS)
        out += unicodedata.normalize("NFC", base).encode("cp1258") + tones.encode("cp1258")
    return bytes(out)
