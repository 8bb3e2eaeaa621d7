"""Reads a conversion table in the NSO layout (issue 15 §3): every row loaded, skipped or rejected with its
reason, and the table's anomalies reported (dashboard/units/crosswalk_checks.py).

The layout's traps (SOURCES.md): two title rows; province lines with only a name; line breaks, leading and
trailing spaces inside cells (names and notes are NFC-normalised with single spaces); special zones made from
whole districts and Xã Kim Đông made from coastal land (no old commune code); codes that a spreadsheet stored as
numbers lose their leading zeros.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from datetime import date
from functools import lru_cache

from dashboard.text import fold, nfc
from dashboard.units.crosswalk_checks import table_anomalies
from dashboard.units.crosswalk_rows import (
    HEADERS,
    REQUIRED,
    Anomaly,
    CrosswalkRow,
    CrosswalkTable,
    Skipped,
    cell_text,
    commune_code,
    merge_of,
    takes_whole_population,
)
from dashboard.units.names import code_in_brackets, without_code

Cells = list[str | None]
_TITLE_DATE = re.compile(r"tu ngay (\d{1,2}) (\d{1,2}) (\d{4})")


class NotACrosswalk(ValueError):
    """The file has no header row of the NSO layout: nothing of it is read. The message is Vietnamese."""


def parse_crosswalk(rows: Iterable[tuple[int, Cells]], effective: date, source: str = "") -> CrosswalkTable:
    """The table of `rows` ((file row number, cells) in file order), its new units in force from `effective`."""
    rows = list(rows)
    header_at = _header_index(rows)
    columns = _columns(rows[header_at][1])
    skipped = [Skipped(number, "dòng tiêu đề") for number, _ in rows[:header_at]]
    skipped.append(Skipped(rows[header_at][0], "dòng tên cột"))
    table = CrosswalkTable(source, effective, [], skipped, [], [], rows_read=len(rows))
    table.title_date = _title_date(rows[:header_at])
    table.cleaned_cells = _cleaned_cells(rows[header_at + 1 :])
    province_line: tuple[int, str] | None = None
    seen: dict[tuple[str, str | None], int] = {}
    misplaced: dict[tuple[tuple[int, str], str], list[int]] = {}
    for number, cells in rows[header_at + 1 :]:
        values = {name: _cell(cells, columns[name]) if name in columns else None for name in HEADERS}
        if not any(values.values()) and not any(_text(cell) for cell in cells):
            table.skipped.append(Skipped(number, "dòng trống"))
        elif _is_province_line(cells):
            province_line = (number, nfc(cells[0]))
            table.skipped.append(Skipped(number, "dòng tên tỉnh"))
        else:
            _read_row(table, number, values, province_line, seen, misplaced)
    table.anomalies += _misplaced_rows(misplaced) + table_anomalies(table)
    if table.title_date is not None and table.title_date != effective:
        table.anomalies.insert(0, Anomaly(
            "effective_date_differs",
            f"tiêu đề bảng ghi ngày {table.title_date:%d/%m/%Y}, ngày hiệu lực được chọn là {effective:%d/%m/%Y}",
        ))  # fmt: skip
    return table


def _read_row(
    table: CrosswalkTable, number: int, values: dict, province_line, seen: dict, misplaced: dict
) -> None:
    if not values["new_code"] or not values["new_name"]:
        table.rejected.append(Skipped(number, "thiếu tên hoặc mã xã mới"))
        return
    try:
        new_code = commune_code(values["new_code"])
        old_code = commune_code(values["old_code"])
    except ValueError as error:
        table.rejected.append(Skipped(number, str(error)))
        return
    if (new_code, old_code) in seen and old_code is not None:
        table.skipped.append(Skipped(number, f"trùng cặp (mới, cũ) của dòng {seen[new_code, old_code]}"))
        table.anomalies.append(Anomaly("duplicate_pair", f"cặp {new_code} ← {old_code} lặp lại", (number,)))
        return
    seen[new_code, old_code] = number
    row = _row(number, new_code, old_code, values)
    if province_line is not None and _province_fold(province_line[1]) != _province_fold(row.province):
        misplaced.setdefault((province_line, row.province), []).append(number)
    table.rows.append(row)


def _misplaced_rows(misplaced: dict) -> list[Anomaly]:
    """Rows under a province line that names another province (the national table has a stray "Tỉnh Bắc Ninh
    (24)" line above the rows of Phú Thọ): the rows' own province column is the one that counts."""
    return [
        Anomaly(
            "province_line_differs",
            f"{len(rows)} dòng của '{province}' nằm dưới dòng tỉnh '{line}' (dòng {at}); dùng tỉnh ghi trên từng dòng",
            tuple(rows),
        )
        for ((at, line), province), rows in misplaced.items()
    ]


def _row(number: int, new_code: str, old_code: str | None, values: dict) -> CrosswalkRow:
    note = values["note"] or ""
    district, old_province = values["old_district"], values["old_province"]
    return CrosswalkRow(
        row=number,
        province=without_code(values["province"] or ""),
        new_code=new_code,
        new_name=values["new_name"],
        old_code=old_code,
        old_name=values["old_name"],
        note=note,
        merge=merge_of(note),
        whole_population=takes_whole_population(note),
        old_district=without_code(district) if district else None,
        old_district_code=code_in_brackets(district) if district else None,
        old_province=without_code(old_province) if old_province else None,
        old_province_code=code_in_brackets(old_province) if old_province else None,
    )


def _header_index(rows: list[tuple[int, Cells]]) -> int:
    for index, (_, cells) in enumerate(rows[:50]):
        found = {fold(cell) for cell in cells if cell}
        if all(HEADERS[name] in found for name in REQUIRED):
            return index
    raise NotACrosswalk(
        "Không phải bảng chuyển đổi ĐVHC theo mẫu của Cục Thống kê: không thấy dòng tên cột "
        "'Tỉnh, thành phố | Tên Xã mới | Mã Xã mới | Tên Xã cũ | Mã Xã cũ' trong 50 dòng đầu"
    )


def _columns(header: Cells) -> dict[str, int]:
    by_fold = {fold(cell): index for index, cell in reversed(list(enumerate(header))) if cell}
    return {name: by_fold[folded] for name, folded in HEADERS.items() if folded in by_fold}


def _cell(cells: Cells, index: int) -> str | None:
    return _text(cells[index]) if index < len(cells) else None


_text = cell_text


def _is_province_line(cells: Cells) -> bool:
    return bool(_text(cells[0] if cells else None)) and not any(_text(cell) for cell in cells[1:])


@lru_cache(maxsize=4096)
def _province_fold(name: str) -> str:
    """Province names compared without kind word, code or diacritics: the province lines write "ĐĂK LẮK" for
    "Tỉnh Đắk Lắk (66)"."""
    folded = fold(without_code(name))
    return re.sub(r"^(?:tinh|thanh pho)\s+", "", folded)


def _title_date(titles: list[tuple[int, Cells]]) -> date | None:
    for _, cells in titles:
        for cell in cells:
            match = _TITLE_DATE.search(fold(cell or ""))
            if match:
                day, month, year = (int(part) for part in match.groups())
                try:
                    return date(year, month, day)
                except ValueError:
                    continue
    return None


def _cleaned_cells(rows: list[tuple[int, Cells]]) -> dict[str, int]:
    """How many cells the reader had to clean: line breaks, spaces around the text, not NFC (SOURCES.md)."""
    counts: Counter[str] = Counter()
    for _, cells in rows:
        for cell in cells:
            if not cell:
                continue
            counts["line_break"] += "\n" in cell or "\r" in cell
            counts["outer_space"] += cell != cell.strip()
            counts["not_nfc"] += unicodedata.normalize("NFC", cell) != cell
    return {name: counts[name] for name in ("line_break", "outer_space", "not_nfc")}
