"""A small database for the overview and units pages: six units of different sizes and punctuality, in the
official month 11/2026 (15/10 – 14/11/2026), plus a few dossiers in the month before for the comparison."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from kpi_fixtures import dossier, store

from dashboard.kpi import periods
from dashboard.store import Database

PERIOD = periods.official_month(2026, 11)
PREVIOUS = periods.official_month(2026, 10)
# unit → (resolved dossiers, of which late, open and overdue at the end of the period)
UNITS = {
    "Phường Một": (40, 0, 0),
    "Phường Hai": (30, 3, 0),
    "Phường Ba": (25, 1, 2),
    "Phường Bốn": (24, 6, 0),
    "Xã Năm": (3, 0, 0),  # 100% on time, but too few to be ranked
    "Xã Sáu": (22, 2, 0),
}
RATINGS = ("very_satisfied", "satisfied", None, "dissatisfied", "satisfied", None)


def _d(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def rows() -> list[dict]:
    out = []
    for u, (name, (resolved, late, overdue)) in enumerate(UNITS.items()):
        for i in range(resolved):
            received = date(2026, 10, 16) + timedelta(days=i % 20)
            due = received + timedelta(days=5)
            if i < late:
                finished = received + timedelta(days=7)
            elif i % 3 == 0:
                finished = due
            else:
                finished = received + timedelta(days=3)
            out.append(
                dossier(
                    f"{u}-{i}",
                    _d(received),
                    _d(due),
                    _d(finished),
                    unit=name,
                    field_name=("Hộ tịch", "Chứng thực")[i % 2],
                    channel=("online", "direct")[i % 2],
                    rating=RATINGS[i % len(RATINGS)],
                )  # fmt: skip
            )
        for i in range(overdue):
            out.append(dossier(f"{u}-open-{i}", "20/10/2026", "25/10/2026", unit=name))
    for i in range(10):  # the previous official month: Phường Một only, two of them late
        finished = "28/09/2026" if i < 2 else "24/09/2026"
        out.append(dossier(f"prev-{i}", "20/09/2026", "25/09/2026", finished, unit="Phường Một"))
    return out


def build(path: Path, demo: bool = False) -> Database:
    db = store(path, rows())
    if demo:
        with db.write() as conn:
            conn.execute("UPDATE import_log SET file_kind = 'demo'")
    return db
