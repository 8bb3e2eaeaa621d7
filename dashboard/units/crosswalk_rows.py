"""One row of a conversion table in the NSO layout ("Bảng chuyển đổi ĐVHC mới – cũ"), and what its note says.

The layout (SOURCES.md): title rows, a header `Tỉnh, thành phố | Tên Xã mới | Mã Xã mới | Tên Xã cũ | Mã Xã cũ |
Ghi chú | Quận/huyện | Tỉnh cũ`, then a line per province with only its name, then one row per (new unit, old
unit) pair. Old district and province codes stand in the text ("Quận Ba Đình (001)").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from dashboard.text import fold, nfc

# Canonical column → its header, folded (dashboard.text.fold).
HEADERS = {
    "province": "tinh thanh pho",
    "new_name": "ten xa moi",
    "new_code": "ma xa moi",
    "old_name": "ten xa cu",
    "old_code": "ma xa cu",
    "note": "ghi chu",
    "old_district": "quan huyen",
    "old_province": "tinh cu",
}
REQUIRED = ("province", "new_name", "new_code", "old_name", "old_code")
COMMUNE_CODE_DIGITS = 5


@dataclass(frozen=True)
class CrosswalkRow:
    """A loaded row: a (new unit, old unit) pair, or a new unit made of no old commune (old_code None).

    merge: "whole" (Nhập toàn bộ, Giữ nguyên, Đổi tên, …), "partial" (Nhập một phần…) or None when the note
    says neither; whole_population: the note says "toàn bộ dân số" (KPI_SPEC §9: the split's default).
    Names are NFC with single spaces; province and district names come without their bracketed codes.
    """

    row: int
    province: str
    new_code: str
    new_name: str
    old_code: str | None
    old_name: str | None
    note: str
    merge: str | None
    whole_population: bool
    old_district: str | None = None
    old_district_code: str | None = None
    old_province: str | None = None
    old_province_code: str | None = None

    @property
    def origin(self) -> str | None:
        """For a row without old commune: "district" (a whole old district became the unit, as the special
        zones Bạch Long Vĩ, Cồn Cỏ, Hoàng Sa, Lý Sơn, Côn Đảo) or "land" (land of no commune: Xã Kim Đông)."""
        if self.old_code is not None:
            return None
        return "district" if not self.old_name and self.old_district else "land"


@dataclass(frozen=True)
class Skipped:
    row: int
    reason: str


@dataclass(frozen=True)
class Anomaly:
    """Something in the table that a reader of it should know: kind is a stable English code, message is
    Vietnamese (it is printed by `units crosswalk`), rows the file rows concerned."""

    kind: str
    message: str
    rows: tuple[int, ...] = ()


@lru_cache(maxsize=1 << 16)
def cell_text(cell: str | None) -> str | None:
    """A cell as NFC text with single spaces (line breaks and stray spaces gone), or None when it is empty."""
    if cell is None:
        return None
    return nfc(cell) or None


@lru_cache(maxsize=4096)
def merge_of(note: str) -> str | None:
    """KPI_SPEC §9: "Nhập toàn bộ" is a whole merge, "Nhập một phần" a part. Folded, so that the table's
    typos ("Nhâp một phần", "Nhập một  phần") read the same; renames and kind changes move the whole unit."""
    folded = fold(note)
    if "mot phan" in folded:
        return "partial"
    if "toan bo" in folded or folded.startswith(("giu nguyen", "doi ten", "doi loai hinh")):
        return "whole"
    return None


@lru_cache(maxsize=4096)
def takes_whole_population(note: str) -> bool:
    return "toan bo dan so" in fold(note)


def commune_code(text: str | None) -> str | None:
    """An NSO commune code as text of 5 digits: a spreadsheet that stored "00004" as a number gives "4"."""
    if text is None or not text.strip():
        return None
    cleaned = text.strip().removesuffix(".0")
    if not cleaned.isdigit():
        raise ValueError(f"mã '{text.strip()}' không phải mã số")
    return cleaned.zfill(COMMUNE_CODE_DIGITS)


@dataclass
class CrosswalkTable:
    """A whole table as read: every row of the file is loaded (rows), skipped or rejected, with a reason.

    rows_read = len(rows) + len(skipped) + len(rejected). effective is the date from which the new units are in
    force; title_date the date the title rows state, if any.
    """

    source: str
    effective: date
    rows: list[CrosswalkRow]
    skipped: list[Skipped]
    rejected: list[Skipped]
    anomalies: list[Anomaly]
    rows_read: int
    title_date: date | None = None
    cleaned_cells: dict[str, int] | None = None

    @property
    def pairs(self) -> list[CrosswalkRow]:
        return [row for row in self.rows if row.old_code is not None]

    @property
    def origins(self) -> list[CrosswalkRow]:
        return [row for row in self.rows if row.old_code is None]

    def new_codes(self) -> set[str]:
        return {row.new_code for row in self.rows}

    def splits(self) -> dict[str, set[str]]:
        """Old code → the new codes it went to, for the old codes listed under two new units or more."""
        targets: dict[str, set[str]] = {}
        for row in self.pairs:
            targets.setdefault(row.old_code, set()).add(row.new_code)
        return {code: new for code, new in targets.items() if len(new) > 1}
