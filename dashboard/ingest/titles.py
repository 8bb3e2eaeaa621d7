"""What the title rows above the header say: the period "(Từ ngày … đến ngày …)" and the unit."""

from __future__ import annotations

import re
from datetime import date

from dashboard.text import fold, nfc

_DATE = r"(\d{1,2})\s+(\d{1,2})\s+(\d{4})"  # after fold(), "15/09/2026" reads "15 09 2026"
_PERIOD = re.compile(r"tu ngay\s+" + _DATE + r"\s+den ngay\s+" + _DATE)
_UNTIL = re.compile(r"(?:tinh )?den ngay\s+" + _DATE)
_UNIT_PREFIX = re.compile(r"^(?:ten don vi|ten co quan|don vi|co quan|ubnd|uy ban nhan dan)\s+")
_UNIT_WORDS = ("phuong ", "xa ", "thi tran ", "dac khu ")


def _date(parts: tuple[str, str, str]) -> date | None:
    """The date, or None when it is none or its year is not 1900–2100 (as dates.py: "0026" is no 2026)."""
    try:
        day = date(int(parts[2]), int(parts[1]), int(parts[0]))
    except ValueError:
        return None
    return day if 1900 <= day.year <= 2100 else None


def period_from_titles(lines: list[str]) -> tuple[date | None, date | None]:
    """(from, to) of the first "Từ ngày … đến ngày …" line; (None, to) for "Tính đến ngày …"."""
    for line in lines:
        folded = fold(line)
        match = _PERIOD.search(folded)
        if match:
            return _date(match.groups()[:3]), _date(match.groups()[3:])
    for line in lines:
        match = _UNTIL.search(fold(line))
        if match:
            return None, _date(match.groups())
    return None, None


def _strip_prefix(line: str) -> str:
    """Drop "UBND", "Ủy ban nhân dân", "Đơn vị:" from the front, keeping the original letters."""
    folded = fold(line)
    match = _UNIT_PREFIX.match(folded)
    if not match:
        return line
    words_to_drop = len(match.group(0).split())
    return " ".join(line.replace(":", " : ").split()[words_to_drop:]).strip(" :-")


def unit_from_titles(lines: list[str]) -> str | None:
    """The unit a title names ("UBND PHƯỜNG HẢI CHÂU", "Đơn vị: Xã Hòa Vang"), in title case if shouted."""
    for line in lines:
        name = nfc(_strip_prefix(nfc(line)))
        folded = fold(name)
        if folded.startswith(_UNIT_WORDS) and len(folded.split()) <= 8:
            return name.title() if name.isupper() else name[0].upper() + name[1:]
    return None
