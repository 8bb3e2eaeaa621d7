"""The write side of the user's settings: calendar overrides, procedures' legal time limits, KPI targets.

Each function validates its input first (a ValueError with a Vietnamese message, before anything is opened),
then writes in one transaction through Database.write(). The read side is dashboard.kpi.settings.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from numbers import Real

from dashboard.store.database import Database
from dashboard.text import nfc

# KPI_SPEC §6: an extra day off, or a day (usually a swapped Saturday) that is worked.
OVERRIDE_KINDS = ("day_off", "working_day")
# No legal time limit of a TTHC comes near this (they run from the same day to a few months): a larger number is
# a typing slip, and would fall beyond the working-day calendar (2010–2040) and silently give no due date.
MAX_WORKING_DAYS = 1000
COMPARATORS = ("ge", "le", "eq")
# Spellings of a comparator accepted besides the codes (a hand-edited table may say ">=").
_COMPARATOR_ALIASES = {">=": "ge", "≥": "ge", "<=": "le", "≤": "le", "=": "eq", "==": "eq"}


# --- Calendar overrides (KPI_SPEC §6) -----------------------------------------------------------------------


def set_calendar_override(db: Database, day: date | str, kind: str, note: str | None = None) -> None:
    """Declare `day` a day off ("day_off") or a working day ("working_day"), replacing what was set for it."""
    day = _day(day)
    if kind not in OVERRIDE_KINDS:
        raise ValueError(
            f"Loại ngày không hợp lệ: {kind!r} (day_off = ngày nghỉ, working_day = ngày làm việc bù)"
        )
    note = _optional_text(note, "Ghi chú")
    with db.write() as conn:
        conn.execute("DELETE FROM calendar_override WHERE day = ?", [day])
        conn.execute("INSERT INTO calendar_override (day, kind, note) VALUES (?, ?, ?)", [day, kind, note])


def remove_calendar_override(db: Database, day: date | str) -> bool:
    """Drop the override of `day`, back to the library calendar. True when there was one."""
    day = _day(day)
    with db.write() as conn:
        removed = conn.execute("DELETE FROM calendar_override WHERE day = ? RETURNING day", [day]).fetchall()
    return bool(removed)


# --- Legal time limits per procedure (issue 3 §4) -----------------------------------------------------------


def set_procedure_time_limit(db: Database, procedure: str, working_days: int) -> None:
    """The procedure's legal time limit in working days (0 = same day), replacing the stored one.

    The name is NFC-normalised with single spaces, as dossier.procedure is stored.
    """
    procedure = _procedure(procedure)
    if isinstance(working_days, bool) or not isinstance(working_days, Real):
        raise ValueError(
            f"Thời hạn giải quyết phải là một số nguyên ngày làm việc, không phải {working_days!r}"
        )
    try:
        days = operator.index(working_days)
    except TypeError:
        if not (math.isfinite(working_days) and float(working_days).is_integer()):
            raise ValueError(
                f"Thời hạn giải quyết phải là số nguyên ngày làm việc, không phải {working_days!r}"
            ) from None
        days = int(working_days)
    if days < 0:
        raise ValueError(f"Thời hạn giải quyết không được âm: {days} ngày làm việc")
    if days > MAX_WORKING_DAYS:
        raise ValueError(
            f"Thời hạn giải quyết quá lớn: {days} ngày làm việc (tối đa {MAX_WORKING_DAYS}); kiểm tra lại số đã nhập"
        )
    with db.write() as conn:
        conn.execute("DELETE FROM procedure_time_limit WHERE procedure = ?", [procedure])
        conn.execute(
            "INSERT INTO procedure_time_limit (procedure, working_days) VALUES (?, ?)", [procedure, days]
        )


def remove_procedure_time_limit(db: Database, procedure: str) -> bool:
    """Forget the procedure's time limit (its dossiers without a due date then have no deadline).
    True when there was one."""
    procedure = _procedure(procedure)
    with db.write() as conn:
        removed = conn.execute(
            "DELETE FROM procedure_time_limit WHERE procedure = ? RETURNING procedure", [procedure]
        ).fetchall()
    return bool(removed)


# --- KPI targets (issue 3 §6) -------------------------------------------------------------------------------


def set_targets(db: Database, rows: Iterable[Mapping[str, object]]) -> None:
    """Replace all stored targets by `rows`: dicts {kpi, comparator, value, near}.

    comparator: "ge" (≥), "le" (≤) or "eq" (=), also written ">=", "≤", …; rates are fractions (0.98);
    near ≥ 0 is the "gần đạt" margin (missing = 0). An empty list clears the table: defaults apply again.
    """
    records = [_target(i, row) for i, row in enumerate(rows, start=1)]
    seen: set[str] = set()
    for kpi, *_ in records:
        if kpi in seen:
            raise ValueError(f"Chỉ tiêu cho {kpi!r} xuất hiện hai lần")
        seen.add(kpi)
    with db.write() as conn:
        conn.execute("DELETE FROM kpi_target")
        if records:
            conn.executemany(
                "INSERT INTO kpi_target (kpi, comparator, value, near) VALUES (?, ?, ?, ?)", records
            )


# --- Validation ---------------------------------------------------------------------------------------------


def _day(value: object) -> date:
    if isinstance(value, datetime):  # pandas' Timestamp is one too
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()
        for form in ("%Y-%m-%d", "%d/%m/%Y"):
            try:
                return datetime.strptime(text, form).date()
            except ValueError:
                pass
    raise ValueError(f"Ngày không hợp lệ: {value!r} (cần dạng dd/mm/yyyy hoặc yyyy-mm-dd)")


def _optional_text(value: object, what: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"{what} phải là văn bản, không phải {value!r}")
    return nfc(value) or None


def _procedure(value: object) -> str:
    if not isinstance(value, str) or not nfc(value):
        raise ValueError(f"Cần tên thủ tục hành chính, không phải {value!r}")
    return nfc(value)


def _number(value: object, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, Real) or not math.isfinite(value):
        raise ValueError(f"{what} phải là một số, không phải {value!r}")
    return float(value)


def _target(position: int, row: Mapping[str, object]) -> tuple[str, str, float, float]:
    if not isinstance(row, Mapping):
        raise ValueError(f"Chỉ tiêu thứ {position} không hợp lệ: {row!r}")
    kpi = row.get("kpi")
    if not isinstance(kpi, str) or not kpi.strip():
        raise ValueError(f"Chỉ tiêu thứ {position} cần tên KPI")
    kpi = kpi.strip()
    comparator = row.get("comparator")
    comparator = comparator.strip() if isinstance(comparator, str) else comparator
    comparator = (
        _COMPARATOR_ALIASES.get(comparator, comparator) if isinstance(comparator, str) else comparator
    )
    if comparator not in COMPARATORS:
        raise ValueError(
            f"Phép so sánh của chỉ tiêu {kpi!r} không hợp lệ: {row.get('comparator')!r} "
            "(ge = lớn hơn hoặc bằng, le = nhỏ hơn hoặc bằng, eq = bằng)"
        )
    value = _number(row.get("value"), f"Giá trị chỉ tiêu {kpi!r}")
    near = 0.0 if row.get("near") is None else _number(row.get("near"), f"Biên 'gần đạt' của {kpi!r}")
    if near < 0:
        raise ValueError(f"Biên 'gần đạt' của {kpi!r} không được âm: {near!r}")
    return kpi, comparator, value, near
