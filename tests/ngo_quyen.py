"""The published example of KPI_SPEC §4 (Ngô Quyền ward, 01/01–20/10/2022) as hand-made dossiers.

The dossiers of tests/test_form06.py::test_ngo_quyen_published_example, shared by it and the report tests:
received 1.416 (online 328, direct and postal 1.086, from the previous period 2); resolved 1.410 (1.409 early,
1 late: 99,93% early or on time); in progress 6, all within the deadline.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from kpi_fixtures import dossier, store

from dashboard.kpi.periods import Period
from dashboard.store import Database

PERIOD = Period(date(2022, 1, 1), date(2022, 10, 20), "01/01–20/10/2022", "custom")
SCOPE = "Phường Ngô Quyền"


def ngo_quyen_dossiers() -> list[dict]:
    rows = [dossier(f"prev-{i}", "28/12/2021", "10/01/2022", "05/01/2022") for i in range(2)]
    start = date(2022, 1, 3)
    for i in range(1414):
        received = start + timedelta(days=i % 280)
        text = received.strftime("%d/%m/%Y")
        due = (received + timedelta(days=3)).strftime("%d/%m/%Y")
        channel = "online" if i < 328 else ("postal" if i % 50 == 0 else "direct")
        if i < 1408:
            finished = (received + timedelta(days=5 if i == 7 else 1)).strftime("%d/%m/%Y")  # one late
            rows.append(dossier(f"NQ-{i}", text, due, finished, channel=channel))
        else:
            rows.append(dossier(f"NQ-{i}", "15/10/2022", "25/10/2022", channel=channel))
    return rows


def ngo_quyen_database(path: Path) -> Database:
    return store(path, ngo_quyen_dossiers())
