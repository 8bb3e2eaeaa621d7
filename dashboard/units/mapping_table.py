"""The unit mapping as a table, for the KPI layer to join its groupings on (issue 15 §4; docs/units.md).

One row per unit: the unit its dossiers count under (`group_*`), the rule of the last step and a mark when the
chain stopped at a unit no longer in force ("split": a split nobody chose for; "ended": no successor), which the
pages show beside the row ("đã chia tách, chưa chọn đơn vị kế tiếp").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

import pandas as pd

from dashboard.units.register import Register
from dashboard.units.successors import unit_mapping

COLUMNS = ["unit_id", "unit_name", "group_id", "group_code", "group_name", "rule", "mark"]


def mapping_frame(
    register: Register,
    mode: str,
    at: date,
    unit_ids: Iterable[str] | None = None,
    choices: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    rows = []
    for unit_id, current in unit_mapping(register, mode, at, unit_ids, choices).items():
        group = register[current.unit_id]
        rows.append({
            "unit_id": unit_id,
            "unit_name": register[unit_id].name,
            "group_id": group.id,
            "group_code": group.code,
            "group_name": group.name,
            "rule": current.rule,
            "mark": current.unresolved,
        })  # fmt: skip
    return pd.DataFrame(rows, columns=COLUMNS)


def with_groups(frame: pd.DataFrame, mapping: pd.DataFrame, unit_column: str = "unit_id") -> pd.DataFrame:
    """`frame` with the group columns of its units; every row keeps exactly one group (a unit missing from the
    mapping is an error, never a silent drop)."""
    missing = set(frame[unit_column]) - set(mapping["unit_id"])
    if missing:
        raise KeyError(f"đơn vị không có trong bảng ánh xạ: {sorted(missing)[:5]}")
    groups = mapping[["unit_id", "group_id", "group_name", "mark"]].rename(columns={"unit_id": unit_column})
    return frame.merge(groups, on=unit_column, how="left", validate="many_to_one")
