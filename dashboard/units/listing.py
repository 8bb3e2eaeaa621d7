"""What `units list [--at YYYY-MM-DD]` shows (issue 15 §3): the register as a table, in Vietnamese, with each
ended unit's successors and where its dossiers go by default (successors.py) and why."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import pandas as pd

from dashboard.formatting import format_date
from dashboard.units.names import province_key
from dashboard.units.register import Register
from dashboard.units.successors import successor_of

RULE_VI = {
    "chosen": "người dùng chọn",
    "whole": "nhập toàn bộ",
    "only_successor": "đơn vị kế tiếp duy nhất",
    "same_name": "cùng tên",
    "whole_population": "nhận toàn bộ dân số",
    "split": "chia tách, chưa chọn: giữ riêng",
    "ended": "không có đơn vị kế tiếp: giữ riêng",
}
COLUMNS = [
    "Mã",
    "Tên",
    "Loại",
    "Tỉnh",
    "Huyện cũ",
    "Hiệu lực từ",
    "Hiệu lực đến",
    "Đơn vị kế tiếp",
    "Hồ sơ tính vào",
]


def register_table(
    register: Register,
    at: date | None = None,
    province: str | None = None,
    choices: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """One row per unit (those in force on `at` when given; within `province` when given), oldest first."""
    units = register.in_force(at) if at is not None else list(register)
    if province is not None:
        units = [u for u in units if province_key(province) in register.provinces_of(u.id)]
    units.sort(key=lambda u: (u.valid_from or date.min, province_key(u.province), u.code, u.id))
    rows = []
    for unit in units:
        successors = "; ".join(
            f"{register[s.unit_id].name} ({register[s.unit_id].code}, {'toàn bộ' if s.whole else 'một phần'})"
            for s in unit.successors
        )
        goes = ""
        if unit.valid_to is not None:
            pick = successor_of(unit, register, choices)
            target = (
                f"{register[pick.unit_id].name} ({register[pick.unit_id].code}), " if pick.unit_id else ""
            )
            goes = target + RULE_VI[pick.rule]
        rows.append([
            unit.code, unit.name, unit.kind or "", unit.province, unit.district or "",
            format_date(unit.valid_from) if unit.valid_from else "", format_date(unit.valid_to) if unit.valid_to else "",
            successors or (unit.ended or ""), goes,
        ])  # fmt: skip
    return pd.DataFrame(rows, columns=COLUMNS)
