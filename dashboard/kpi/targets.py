"""KPI targets and grades: đạt / gần đạt / chưa đạt, the 766 index bands (KPI_SPEC §7), and the grades of the
citizens' 18-point evaluation (KPI_SPEC §8).

Pure: numbers in, codes and Vietnamese labels out. Rates are fractions (0.98), never percent (98).
The store keeps the targets as rows of plain values; targets_to_rows / targets_from_rows convert.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from dashboard.kpi.names import NAMES

COMPARATORS = ("ge", "le", "eq")
COMPARATOR_SYMBOL = {"ge": "≥", "le": "≤", "eq": "="}
# Spellings accepted when reading rows (a hand-edited table may say ">=").
_COMPARATOR_ALIASES = {">=": "ge", "≥": "ge", "<=": "le", "≤": "le", "=": "eq", "==": "eq"}

# A value this close to a boundary counts as on it: 0.98 − 0.03 is not exactly 0.95 in floating point.
_TOLERANCE = 1e-9


@dataclass(frozen=True)
class Target:
    """The goal for one KPI: `value` compared with `comparator`, and a `near` margin for "gần đạt".

    ge: đạt when value ≥ target, gần đạt when ≥ target − near. le: đạt when ≤ target, gần đạt when
    ≤ target + near. eq: đạt when equal, gần đạt when within near. near = 0 means no gần đạt band.
    """

    kpi: str
    comparator: str
    value: float
    near: float

    def __post_init__(self) -> None:
        if not self.kpi:
            raise ValueError("Chỉ tiêu cần tên KPI")
        if self.comparator not in COMPARATORS:
            raise ValueError(f"Phép so sánh không hợp lệ: {self.comparator!r} (ge, le hoặc eq)")
        if not math.isfinite(self.value):
            raise ValueError(f"Giá trị chỉ tiêu không hợp lệ: {self.value!r}")
        if not (math.isfinite(self.near) and self.near >= 0):
            raise ValueError(f"Biên 'gần đạt' phải là số ≥ 0: {self.near!r}")


# Defaults from the issue: on-time ≥ 98%, overdue = 0, online ≥ 50%, satisfaction ≥ 90%. The near margins are
# ours (configurable):
# - on_time_rate ≥ 98%, near 3 points: 95% – <98% is gần đạt.
# - overdue_count ≤ 0 (a count, so the same as "= 0"; "le" keeps working if a user sets "≤ 3"), near 2:
#   1 or 2 overdue dossiers are gần đạt, 3 or more chưa đạt.
# - online_rate ≥ 50% (the 766 threshold for full points, KPI_SPEC §7), near 10 points: 40% – <50%.
# - satisfaction_rate ≥ 90% (the 766 MDHL threshold, KPI_SPEC §7), near 5 points: 85% – <90%.
DEFAULT_TARGETS: Mapping[str, Target] = MappingProxyType(
    {
        "on_time_rate": Target("on_time_rate", "ge", 0.98, 0.03),
        "overdue_count": Target("overdue_count", "le", 0.0, 2.0),
        "online_rate": Target("online_rate", "ge", 0.50, 0.10),
        "satisfaction_rate": Target("satisfaction_rate", "ge", 0.90, 0.05),
    }
)
KPI_LABEL_VI = {
    "on_time_rate": "Tỷ lệ giải quyết trước hạn, đúng hạn",
    "overdue_count": NAMES["overdue_count"]["vi"],
    "online_rate": "Tỷ lệ hồ sơ trực tuyến",
    "satisfaction_rate": "Tỷ lệ hài lòng",
}

GRADES = ("dat", "gan_dat", "chua_dat")
GRADE_LABEL_VI = {"dat": "Đạt", "gan_dat": "Gần đạt", "chua_dat": "Chưa đạt"}

# KPI_SPEC §7: bands used in the field (configurable, not legal), as (lowest score, label), highest first.
# 70 is Trung bình, 85 is Tốt, 90 is Rất tốt.
BANDS_766 = ((90.0, "Rất tốt"), (85.0, "Tốt"), (70.0, "Trung bình"), (0.0, "Yếu"))
# KPI_SPEC §8: grades of the 18-point citizens' evaluation, highest first; 15 belongs to Xuất sắc.
EVALUATION_GRADES = ((15.0, "Xuất sắc"), (12.0, "Tốt"), (9.0, "Khá"), (6.0, "Trung bình"), (0.0, "Yếu"))


def grade(value: float | None, target: Target) -> str | None:
    """ "dat", "gan_dat" or "chua_dat"; None when there is no value (None, NaN, pandas' NA).

    KPI_SPEC §5: a rate whose denominator is 0 is "không có dữ liệu", and no data is never graded.
    """
    number = _as_number(value)
    if number is None:
        return None
    gap = _shortfall(number, target)  # how far on the wrong side of the target, 0 when met
    if gap <= _TOLERANCE:
        return "dat"
    if gap <= target.near + _TOLERANCE:
        return "gan_dat"
    return "chua_dat"


def grade_label(value: float | None, target: Target) -> str | None:
    """The Vietnamese word for grade(value, target), or None when there is no value."""
    code = grade(value, target)
    return None if code is None else GRADE_LABEL_VI[code]


def band_766(score: float | None, bands: tuple[tuple[float, str], ...] = BANDS_766) -> str | None:
    """KPI_SPEC §7 band of a 766 score out of 100: Yếu < 70 ≤ Trung bình < 85 ≤ Tốt < 90 ≤ Rất tốt.
    None when there is no score (a group the export cannot support is never banded)."""
    return _band(score, bands, 100.0, "Điểm 766")


def evaluation_grade(total_18: float | None) -> str | None:
    """KPI_SPEC §8 grade of the 18-point evaluation total (or an average of totals): ≥ 15 Xuất sắc,
    12 – <15 Tốt, 9 – <12 Khá, 6 – <9 Trung bình, < 6 Yếu. None when there is no total."""
    return _band(total_18, EVALUATION_GRADES, 18.0, "Tổng điểm đánh giá")


def targets_to_rows(targets: Mapping[str, Target] | Iterable[Target]) -> list[dict[str, object]]:
    """Plain dicts {kpi, comparator, value, near}, one per target, for the store's table."""
    items = targets.values() if isinstance(targets, Mapping) else targets
    return [
        {"kpi": t.kpi, "comparator": t.comparator, "value": float(t.value), "near": float(t.near)}
        for t in items
    ]


def targets_from_rows(
    rows: Iterable[Mapping[str, object]], defaults: Mapping[str, Target] = DEFAULT_TARGETS
) -> dict[str, Target]:
    """Targets by KPI from stored rows, over the defaults: a KPI without a row keeps its default target
    (pass defaults={} to get only the rows). Values may be Decimal or numpy numbers; comparators may be
    written ">=", "≤", … A KPI given twice is an error."""
    targets = dict(defaults)
    seen: set[str] = set()
    for row in rows:
        target = _target_from_row(row)
        if target.kpi in seen:
            raise ValueError(f"Chỉ tiêu cho {target.kpi!r} xuất hiện hai lần")
        seen.add(target.kpi)
        targets[target.kpi] = target
    return targets


# --- Internals ----------------------------------------------------------------------------------------------


def _as_number(value: object) -> float | None:
    """None, NaN and pandas' NA mean no data; anything else must be a real number (not a string)."""
    if value is None or type(value).__name__ == "NAType":
        return None
    if isinstance(value, str):
        raise TypeError(f"Cần một số, không phải chuỗi {value!r}")
    number = float(value)
    return None if math.isnan(number) else number


def _shortfall(number: float, target: Target) -> float:
    if target.comparator == "ge":
        return max(0.0, target.value - number)
    if target.comparator == "le":
        return max(0.0, number - target.value)
    return abs(number - target.value)


def _band(score: float | None, bands: tuple[tuple[float, str], ...], top: float, what: str) -> str | None:
    number = _as_number(score)
    if number is None:
        return None
    if not -_TOLERANCE <= number <= top + _TOLERANCE:
        raise ValueError(f"{what} phải từ 0 đến {top:g}, nhận {number!r}")
    for lowest, label in bands:
        if number >= lowest - _TOLERANCE:
            return label
    return bands[-1][1]


def _target_from_row(row: Mapping[str, object]) -> Target:
    comparator = str(row["comparator"]).strip()
    comparator = _COMPARATOR_ALIASES.get(comparator, comparator.lower())
    near = row.get("near")
    return Target(
        kpi=str(row["kpi"]).strip(),
        comparator=comparator,
        value=float(row["value"]),
        near=0.0 if _as_number(near) is None else float(near),
    )
