"""Three official months in which every overview KPI rises (kỳ tháng 10/2026 against 09/2026) and then falls
(11/2026 against 10/2026): the cards' colours can be read for a rise and a fall of each (issue 11 §1)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from kpi_fixtures import dossier, store

from dashboard.store import Database

# official month → (first day received, resolved, of which late, online, rated, of which satisfied)
MONTHS = {
    9: (date(2026, 8, 20), 10, 2, 2, 5, 3),  # on time 80%, overdue 2, online 20%, satisfied 60%
    10: (date(2026, 9, 17), 40, 4, 20, 10, 9),  # 90%, 4, 50%, 90%: everything rises
    11: (date(2026, 10, 17), 20, 3, 6, 10, 7),  # 85%, 3, 30%, 70%: everything falls
}
# What each card's change means in kỳ 10 (a rise of everything) and kỳ 11 (a fall of everything).
EXPECTED_TONE = {
    10: {"received": "gray", "resolved": "gray", "on_time": "green", "overdue": "red", "online": "green",
         "satisfaction": "green"},
    11: {"received": "gray", "resolved": "gray", "on_time": "red", "overdue": "green", "online": "red",
         "satisfaction": "red"},
}  # fmt: skip


def rows() -> list[dict]:
    out = []
    for month, (first, resolved, late, online, rated, satisfied) in MONTHS.items():
        for i in range(resolved):
            received = first + timedelta(days=i % 10)
            due = received + timedelta(days=5)
            finished = received + timedelta(days=7 if i < late else 3)
            rating = None
            if i < rated:
                rating = "satisfied" if i < satisfied else "dissatisfied"
            out.append(
                dossier(
                    f"{month}-{i}",
                    received.strftime("%d/%m/%Y"),
                    due.strftime("%d/%m/%Y"),
                    finished.strftime("%d/%m/%Y"),
                    channel="online" if i < online else "direct",
                    rating=rating,
                )  # fmt: skip
            )
    return out


def build(path: Path) -> Database:
    return store(path, rows())
