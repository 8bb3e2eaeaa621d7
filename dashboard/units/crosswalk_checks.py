"""The anomalies of a conversion table as a whole, reported by the reader (issue 15 §3: "anomalies reported").

Each is a fact of the table that changes how it is read, never silently: a code used for two old communes, a new
code written two ways, a note that says "whole" for a commune listed under several new units (or "part" for one
listed under one), a note the reader does not know, new units made of no old commune.
"""

from __future__ import annotations

from collections import defaultdict

from dashboard.text import unit_key
from dashboard.units.crosswalk_rows import Anomaly, CrosswalkTable
from dashboard.units.names import name_key, repaired_kind


def table_anomalies(table: CrosswalkTable) -> list[Anomaly]:
    return [
        *_codes_with_two_names(table, old=True),
        *_codes_with_two_names(table, old=False),
        *_notes_against_listing(table),
        *_unknown_notes(table),
        *_origins(table),
        *_names_without_kind(table),
    ]


def _names_without_kind(table: CrosswalkTable) -> list[Anomaly]:
    """KPI_SPEC §9: the kind word is part of the name. The national table has "Xa Ea Kly", "Thi trấn Ngan Dừa",
    "Xuân Phước", "Xuân Quang 3"."""
    rows: dict[tuple[str, str], list[int]] = defaultdict(list)
    for row in table.rows:
        for side, name in (("mới", row.new_name), ("cũ", row.old_name if row.old_code else None)):
            if name and name_key(name).kind is None:
                rows[side, name].append(row.row)
    out = []
    for (side, name), numbers in rows.items():
        repaired = repaired_kind(name)
        then = f", đọc là '{repaired}'" if repaired else ""
        text = f"tên xã {side} '{name}' không có chữ xã/phường/thị trấn…{then}"
        out.append(Anomaly("no_kind_word", text, tuple(numbers)))
    return out


def _codes_with_two_names(table: CrosswalkTable, old: bool) -> list[Anomaly]:
    names: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for row in table.pairs if old else table.rows:
        code, name = (row.old_code, row.old_name) if old else (row.new_code, row.new_name)
        names[code][name or ""].append(row.row)
    out = []
    for code, spelled in names.items():
        if len({unit_key(name) for name in spelled}) < 2:
            continue
        listed = ", ".join(f"'{name}' (dòng {', '.join(map(str, rows))})" for name, rows in spelled.items())
        rows = tuple(sorted(r for rows in spelled.values() for r in rows))
        if old:
            out.append(Anomaly("old_code_two_names", f"mã xã cũ {code} dùng cho hai xã: {listed}", rows))
        else:
            out.append(Anomaly("new_code_two_names", f"mã xã mới {code} viết hai cách: {listed}", rows))
    return out


def _notes_against_listing(table: CrosswalkTable) -> list[Anomaly]:
    """KPI_SPEC §9: a split is an old commune under several new ones. The note should say so."""
    targets: dict[str, set[str]] = defaultdict(set)
    for row in table.pairs:
        targets[row.old_code].add(row.new_code)
    out = []
    for row in table.pairs:
        several = len(targets[row.old_code]) > 1
        if several and row.merge == "whole":
            out.append(Anomaly(
                "whole_but_listed_twice",
                f"xã cũ {row.old_code} '{row.old_name}' ghi '{row.note}' vào {row.new_code} nhưng còn thuộc "
                f"{len(targets[row.old_code]) - 1} xã mới khác",
                (row.row,),
            ))  # fmt: skip
        elif not several and row.merge == "partial":
            out.append(Anomaly(
                "partial_but_listed_once",
                f"xã cũ {row.old_code} '{row.old_name}' ghi '{row.note}' nhưng chỉ thuộc một xã mới ({row.new_code})",
                (row.row,),
            ))  # fmt: skip
    return out


def _unknown_notes(table: CrosswalkTable) -> list[Anomaly]:
    out = []
    for row in table.pairs:
        if row.merge is None:
            out.append(Anomaly(
                "unknown_note",
                f"ghi chú '{row.note}' không nói nhập toàn bộ hay một phần (xã cũ {row.old_code} → {row.new_code})",
                (row.row,),
            ))  # fmt: skip
    return out


def _origins(table: CrosswalkTable) -> list[Anomaly]:
    out = []
    for row in table.origins:
        if row.origin == "district":
            text = f"{row.new_name} ({row.new_code}) lập từ toàn bộ {row.old_district}, không có mã xã cũ"
            out.append(Anomaly("formed_from_district", text, (row.row,)))
        else:
            text = f"{row.new_name} ({row.new_code}) lập từ '{row.old_name or ''}', không phải xã cũ nào"
            out.append(Anomaly("formed_from_land", text, (row.row,)))
    return out
