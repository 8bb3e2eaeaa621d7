"""CSV of a table (issue 5 §4): BOM, the screen's labels, raw values, formula guard; and show_table's button."""

from __future__ import annotations

import io
from datetime import date, datetime

import pandas as pd
from streamlit.testing.v1 import AppTest

from dashboard.exports.cells import csv_safe
from dashboard.exports.csv_table import csv_bytes

FRAME = pd.DataFrame(
    {
        "unit": ["Phường Hải Châu", '=HYPERLINK("http://x","y")', "+Xã Hòa Vang", None],
        "c3": [1416, 2, 0, 7],
        "on_time_rate": [0.9992937853107344, 1.0, float("nan"), 0.5],
        "delta": [-3, 0, 5, -1],
        "day": pd.to_datetime(["2026-11-14", "2026-01-02", None, "2025-12-31"]),
        "moment": pd.to_datetime(["2026-11-14 08:30:00", "2026-01-02 00:00:00", None, "2025-12-31 23:59:59"]),
        "note": ["@cmd", "-giảm", "\tTab", "bình thường"],
    }
)
LABELS = {"unit": "Đơn vị", "c3": "Tổng số hồ sơ", "on_time_rate": "Tỷ lệ đúng hạn"}


def test_bom_and_labels() -> None:
    data = csv_bytes(FRAME, LABELS)
    assert data.startswith(b"\xef\xbb\xbf")
    header = data.decode("utf-8-sig").splitlines()[0]
    assert header == "Đơn vị,Tổng số hồ sơ,Tỷ lệ đúng hạn,delta,day,moment,note"  # no label: the name


def test_round_trip_keeps_full_values() -> None:
    data = csv_bytes(FRAME, LABELS)
    numbers = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert numbers["Tổng số hồ sơ"].tolist() == [1416, 2, 0, 7]
    assert numbers["Tỷ lệ đúng hạn"].tolist()[:2] == [0.9992937853107344, 1.0]  # full precision
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", keep_default_na=False, dtype=str)
    assert back["Tỷ lệ đúng hạn"].tolist()[2] == ""  # NaN is an empty field, not 0
    assert back["Tổng số hồ sơ"].tolist()[0] == "1416"  # no thousands mark: a number to compute on
    assert back["delta"].tolist() == ["-3", "0", "5", "-1"]  # negative numbers stay numbers, unquoted
    assert back["day"].tolist() == ["2026-11-14", "2026-01-02", "", "2025-12-31"]  # ISO days
    assert back["moment"].tolist() == [
        "2026-11-14 08:30:00",
        "2026-01-02 00:00:00",
        "",
        "2025-12-31 23:59:59",
    ]
    assert back["Đơn vị"].tolist() == ["Phường Hải Châu", '\'=HYPERLINK("http://x","y")', "'+Xã Hòa Vang", ""]
    assert back["note"].tolist() == ["'@cmd", "'-giảm", "'\tTab", "bình thường"]


def test_csv_safe_follows_owasp() -> None:
    for risky in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert csv_safe(risky) == "'" + risky
    for fine in ("Hộ tịch", "1.416", "", " =1"):
        assert csv_safe(fine) == fine
    assert csv_safe(-5) == -5 and csv_safe(None) is None and csv_safe(date(2026, 1, 1)) == date(2026, 1, 1)


def test_object_dates_and_empty_frame() -> None:
    frame = pd.DataFrame({"day": [date(2026, 11, 14), None], "at": [datetime(2026, 1, 2, 3, 4), None]})
    lines = csv_bytes(frame).decode("utf-8-sig").splitlines()
    assert lines == ["day,at", "2026-11-14,2026-01-02 03:04:00", ","]
    assert csv_bytes(pd.DataFrame({"a": []}), {"a": "Cột A"}).decode("utf-8-sig").strip() == "Cột A"


def _tables_app() -> None:
    import pandas as pd

    from dashboard.views.tables import show_table

    frame = pd.DataFrame({"unit": ["A", "B"], "dossiers": [1, 2]})
    show_table(frame, counts=["dossiers"], key="first-table")
    show_table(frame, counts=["dossiers"])  # no key
    show_table(frame, counts=["dossiers"])  # the very same keyless table again: no duplicate key error
    show_table(frame.head(1), counts=["dossiers"])  # another keyless table: its own button


def test_show_table_puts_a_csv_button_under_each_table() -> None:
    app = AppTest.from_function(_tables_app, default_timeout=60)
    app.run()
    assert not app.exception, [e.message for e in app.exception]
    buttons = app.get("download_button")
    assert len(buttons) == 3
    keys = [button.proto.id for button in buttons]
    assert len(set(keys)) == 3 and keys[0].endswith("first-table-csv")
    assert all(button.proto.label == "Tải CSV" for button in buttons)
