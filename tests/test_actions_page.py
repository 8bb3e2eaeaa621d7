"""The overdue / due-soon page run by AppTest on a small database: its counts are the KPI engine's."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from fixture_data import ROOT
from kpi_fixtures import dossier, store
from streamlit.testing.v1 import AppTest

from dashboard.charts.actions import BUCKETS, aging_by_unit, aging_table, bucket_of
from dashboard.charts.style import PALETTE
from dashboard.kpi.actions import action_list
from dashboard.kpi.summary import kpi_table

PAGE = "dashboard/views/pages/actions.py"

# Received in October–November 2026, due a few days later; some returned, others still open (the default period
# is the official month 15/10–14/11/2026, holding the newest received day).
ROWS = [
    dossier("QH-1", "01/10/2026", "05/10/2026", unit="Phường Hải Châu"),  # long overdue
    dossier("QH-2", "20/10/2026", "23/10/2026", unit="Phường Hải Châu"),
    dossier("QH-3", "05/11/2026", "10/11/2026", unit="Xã Hòa Vang", procedure='=HYPERLINK("http://x")'),
    dossier("QH-4", "12/11/2026", "13/11/2026", unit="Xã Hòa Vang"),
    dossier("SD-1", "10/11/2026", "16/11/2026", unit="Phường Hải Châu"),  # due soon
    dossier("SD-2", "11/11/2026", "17/11/2026", unit="Xã Hòa Vang"),
    dossier("XA-1", "11/11/2026", "30/11/2026", unit="Xã Hòa Vang"),  # due later
    dossier(
        "TR-1", "01/10/2026", "05/10/2026", "03/10/2026", unit="Phường Hải Châu", channel="online"
    ),  # returned early
    dossier("TR-2", "02/11/2026", "04/11/2026", "06/11/2026", unit="Xã Hòa Vang"),  # returned late
]


@pytest.fixture
def actions_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    db = store(tmp_path / "qua_han.duckdb", ROWS)
    monkeypatch.setenv("CCHC_DB", str(db.path))
    return db


def open_page(**query: str) -> AppTest:
    app = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)
    for name, value in query.items():
        app.query_params[name] = value
    app.run()
    app.switch_page(PAGE).run()
    assert not app.exception, [e.message for e in app.exception]
    return app


def metric(app: AppTest, label_start: str) -> str:
    return next(m.value for m in app.metric if m.label.startswith(label_start))


def test_counts_equal_form06_col13_and_due_soon(actions_db) -> None:
    app = open_page()
    period = app.session_state["_selection"].period
    assert period.end == date(2026, 11, 14)
    summary = kpi_table(actions_db, period).iloc[0]
    overdue = action_list(actions_db, period.end, "overdue")
    due_soon = action_list(actions_db, period.end, "due_soon", due_soon_days=2)
    assert len(overdue) == summary["c13"] == 4
    assert len(due_soon) == summary["due_soon"] == 2
    assert metric(app, "Hồ sơ đang quá hạn") == "4"
    assert metric(app, "Sắp đến hạn") == "2"
    assert metric(app, "Đơn vị có hồ sơ đang quá hạn") == "2"
    captions = " ".join(c.value for c in app.caption)
    assert "Biểu 06 cột 13" in captions and "không lưu tên cán bộ" in captions
    assert not app.warning  # list and summary agree
    tables = {tuple(frame.value.columns): frame.value for frame in app.dataframe}
    listed = next(v for k, v in tables.items() if "working_days_overdue" in k)
    assert list(listed["dossier_code"]) == list(overdue["dossier_code"])
    aging = next(v for k, v in tables.items() if "total" in k)
    assert aging["total"].sum() == 4


def test_the_number_of_days_comes_from_the_url(actions_db) -> None:
    app = open_page(so_ngay="20")
    period = app.session_state["_selection"].period
    expected = int(kpi_table(actions_db, period, due_soon_days=20).iloc[0]["due_soon"])
    assert expected == 3
    assert metric(app, "Sắp đến hạn") == "3"
    assert app.number_input(key="so_ngay").value == 20


def test_a_filter_matching_nothing_shows_empty_states(actions_db) -> None:
    app = open_page()
    app.sidebar.multiselect(key="kenh").set_value(["online"]).run()
    assert not app.exception
    assert metric(app, "Hồ sơ đang quá hạn") == "0"
    # Issue 11 §7: no dossier at all for this choice, said once, instead of two empty lists and their Excel.
    assert any("Không có hồ sơ nào trong kỳ này với bộ lọc đang chọn" in info.value for info in app.info)
    assert "Tải danh sách (Excel)" not in [b.proto.label for b in app.get("download_button")]


def test_aging_buckets_and_chart() -> None:
    assert [bucket_of(d) for d in (0, 1, 2, 3, 5, 6, 10, 11, 40)] == [
        "1–2", "1–2", "1–2", "3–5", "3–5", "6–10", "6–10", "> 10", "> 10"
    ]  # fmt: skip
    frame = dossier_frame([("A", 1), ("A", 4), ("A", 30), ("B", 7)])
    table = aging_table(frame)
    assert list(table["unit"]) == ["A", "B"]
    assert table.set_index("unit").loc["A", ["1–2", "3–5", "6–10", "> 10", "total"]].tolist() == [
        1,
        1,
        0,
        1,
        3,
    ]
    figure = aging_by_unit(table, {}, "Số hồ sơ", "%{{y}}: %{{x}} ({bucket})")
    assert figure.layout.separators == ",." and figure.layout.barmode == "stack"
    assert [trace.name for trace in figure.data] == [label for *_, label in BUCKETS]
    assert all(trace.marker.color in PALETTE for trace in figure.data)
    assert sum(sum(trace.x) for trace in figure.data) == len(frame)


def dossier_frame(rows):
    import pandas as pd

    return pd.DataFrame(rows, columns=["unit", "working_days_overdue"])
