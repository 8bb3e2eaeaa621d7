"""Reads the NSO list of communes (`Tỉnh Thành Phố, Mã TP, Quận Huyện, Mã QH, Phường Xã, Mã PX, Cấp, Tên Tiếng
Anh`, the list of 4/1/2025 in dashboard/units/data/): the register's first units, valid since before it begins.

Every row is accounted for: a commune, a district without communes (Cấp "Huyện": Bạch Long Vĩ, Cồn Cỏ, Hoàng
Sa, Lý Sơn, Côn Đảo), skipped (header, blank) or rejected with its reason. Districts become units too (kind
huyện / quận / thị xã / thành phố): exports of before 1/7/2025 name district one-stop desks.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from dashboard.text import fold
from dashboard.units.crosswalk_rows import Skipped, cell_text, commune_code
from dashboard.units.model import Unit
from dashboard.units.names import DISTRICT_KINDS, kind_of, split_kind

HEADERS = {
    "province": "tinh thanh pho",
    "province_code": "ma tp",
    "district": "quan huyen",
    "district_code": "ma qh",
    "name": "phuong xa",
    "code": "ma px",
    "level": "cap",
}


class NotACommuneList(ValueError):
    """No header of the NSO commune list: nothing is read."""


@dataclass
class BaseList:
    units: list[Unit] = field(default_factory=list)  # communes, then districts
    skipped: list[Skipped] = field(default_factory=list)
    rejected: list[Skipped] = field(default_factory=list)
    rows_read: int = 0
    commune_rows: int = 0
    district_rows: int = 0  # Cấp "Huyện": a district without communes


def parse_base_list(rows: Iterable[tuple[int, list[str | None]]]) -> BaseList:
    rows = list(rows)
    header_at, columns = _header(rows)
    out = BaseList(rows_read=len(rows))
    out.skipped += [Skipped(number, "dòng tiêu đề") for number, _ in rows[:header_at]]
    out.skipped.append(Skipped(rows[header_at][0], "dòng tên cột"))
    districts: dict[str, Unit] = {}
    for number, cells in rows[header_at + 1 :]:
        value = {name: (cell_text(cells[i]) if i < len(cells) else None) or "" for name, i in columns.items()}
        if not any(value.values()):
            out.skipped.append(Skipped(number, "dòng trống"))
            continue
        if not value["district_code"] or not value["district"] or not value["province"]:
            out.rejected.append(Skipped(number, "thiếu tỉnh hoặc huyện"))
            continue
        districts.setdefault(value["district_code"], _district(value))
        if fold(value["level"]) == "huyen" and not value["code"]:
            out.district_rows += 1
            continue
        try:
            code = commune_code(value["code"])
        except ValueError as error:
            out.rejected.append(Skipped(number, str(error)))
            continue
        if code is None or not value["name"]:
            out.rejected.append(Skipped(number, "thiếu tên hoặc mã xã"))
            continue
        out.commune_rows += 1
        out.units.append(
            Unit(code, code, value["name"], kind_of(value["name"]), value["province"], value["district"])
        )
    out.units += districts.values()
    return out


def _district(value: dict[str, str]) -> Unit:
    kind, _ = split_kind(value["district"].casefold(), DISTRICT_KINDS)
    code = value["district_code"]
    return Unit(code, code, value["district"], kind, value["province"], None)


def _header(rows: list) -> tuple[int, dict[str, int]]:
    for index, (_, cells) in enumerate(rows[:20]):
        found = {fold(cell): i for i, cell in reversed(list(enumerate(cells))) if cell}
        if all(folded in found for folded in HEADERS.values()):
            return index, {name: found[folded] for name, folded in HEADERS.items()}
    raise NotACommuneList("Không phải danh mục xã theo mẫu của Cục Thống kê: thiếu dòng tên cột")
