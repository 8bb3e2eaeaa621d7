"""A small database for the fields, satisfaction and 766 pages: three units, two fields, three procedures,
dossiers received in early October 2026 with known working-day durations and ratings."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from kpi_fixtures import dossier, store

from dashboard.kpi import periods
from dashboard.store import Database
from dashboard.store.settings import set_procedure_time_limit

# The pages open on the latest official month the data covers to its end (issue 11 §2): with data to
# 20/10/2026, kỳ tháng 10/2026 (15/09 – 14/10/2026).
PERIOD = periods.build("official_month", 2026, 10)
SNAPSHOT = date(2026, 10, 20)
UNITS = ("Phường Hải Châu", "Xã Đông Thái", "Phường Sơn Trà")  # Xã Đông Thái is in the real 766 tables
PROCEDURES = (  # (field, procedure)
    ("Hộ tịch", "Đăng ký khai sinh"),
    ("Hộ tịch", "Đăng ký kết hôn"),
    ("Đất đai", "Đăng ký biến động đất đai"),
)
RATINGS = ("very_satisfied", "satisfied", "dissatisfied", None, "very_satisfied", "satisfied", None)


def _day(d: date) -> str:
    return d.strftime("%d/%m/%Y")


def rows() -> list[dict]:
    out = []
    start = date(2026, 10, 5)  # a Monday
    n = 0
    for u, unit in enumerate(UNITS):
        for p, (field, procedure) in enumerate(PROCEDURES):
            for i in range(6 + 2 * p + u):
                received = start + timedelta(days=(i % 5))
                finished = received + timedelta(days=(i * (p + 1)) % 9)
                due = received + timedelta(days=4 + p)
                open_ = i % 7 == 6
                out.append(
                    dossier(
                        f"F{n}", _day(received), _day(due), None if open_ else _day(finished), unit=unit,
                        field_name=field, procedure=procedure, channel=("online", "direct")[i % 2],
                        rating=None if open_ else RATINGS[(i + u) % len(RATINGS)],
                        paid_online=bool(i % 3) if i % 2 == 0 else None,
                        result_digitized=None if open_ else bool(i % 4), snapshot_at=SNAPSHOT,
                    )
                )  # fmt: skip
                n += 1
    return out


def build(path: Path) -> Database:
    db = store(path, rows())
    set_procedure_time_limit(db, "Đăng ký biến động đất đai", 10)
    return db
