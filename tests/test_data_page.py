"""The data page: pure import helpers (mapping edits, CSV guard), the freshness query, settings writes that the
KPI cache sees, and the page itself under AppTest."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from fixture_data import ROOT
from kpi_fixtures import dossier, store
from streamlit.testing.v1 import AppTest

from dashboard.exports.cells import csv_safe
from dashboard.exports.csv_table import csv_bytes
from dashboard.ingest.headers import ColumnMapping
from dashboard.kpi.data_queries import freshness
from dashboard.kpi.settings import calendar_overrides
from dashboard.store import settings as store_settings
from dashboard.text import fold
from dashboard.views.cache import file_version
from dashboard.views.data_import import IGNORE, mapping_from_rows, preview
from dashboard.views.data_page import limit_changes, limits_table

SAMPLE = "mau_lech_cot.xlsx"  # one of the demo sample files (fixture sample_exports)
PAGE = "dashboard/views/pages/data.py"


# --- Mapping edits -------------------------------------------------------------------------------------------


def test_preview_lists_every_source_column_with_its_field(sample_exports) -> None:
    seen = preview(sample_exports[SAMPLE])
    assert not seen.is_766
    columns = dict(zip(seen.columns["source"], seen.columns["field"], strict=True))
    assert columns["Mã hồ sơ"] == "dossier_code" and columns["Ngày tiếp nhận"] == "received_at"
    assert columns["Chủ hồ sơ"] == "personal"  # recognised to be dropped
    # The prepared file's column map is the same mapping, restricted to the columns it reads.
    assert all(columns[source] == field for source, field in seen.prepared.column_map.items())


def test_an_edited_mapping_is_used_when_the_file_is_prepared_again(sample_exports) -> None:
    seen = preview(sample_exports[SAMPLE])
    edited = seen.columns.copy()
    edited.loc[edited["source"] == "Ngày hẹn trả", "field"] = IGNORE
    mapping = mapping_from_rows(edited)
    assert isinstance(mapping, ColumnMapping)
    assert mapping.by_folded[fold("Ngày hẹn trả")] == IGNORE
    assert mapping.by_folded[fold("Mã hồ sơ")] == "dossier_code"
    again = preview(sample_exports[SAMPLE], mapping)
    assert "due_at" not in again.prepared.column_map.values()
    assert "due_at" in seen.prepared.column_map.values()
    assert list(again.columns["field"]) == list(edited["field"])
    assert again.prepared.records.column("due_at").null_count == again.prepared.records.num_rows
    assert again.prepared.report.rows_read == seen.prepared.report.rows_read


def test_a_mapping_giving_one_field_to_two_columns_is_refused_in_vietnamese() -> None:
    rows = pd.DataFrame({"source": ["Ngày nhận", "Ngày tiếp nhận"], "field": ["received_at", "received_at"]})
    with pytest.raises(ValueError, match="được gán cho hai cột"):
        mapping_from_rows(rows)
    with pytest.raises(ValueError, match="không hợp lệ"):
        mapping_from_rows(pd.DataFrame({"source": ["A"], "field": ["ho_ten"]}))


# --- CSV of rejected rows --------------------------------------------------------------------------------------


def test_csv_cells_never_become_formulas() -> None:
    assert csv_safe('=HYPERLINK("http://x","y")') == '\'=HYPERLINK("http://x","y")'
    assert [csv_safe(v) for v in ("+1", "-2", "@a", "Thiếu mã hồ sơ", 12)] == [
        "'+1",
        "'-2",
        "'@a",
        "Thiếu mã hồ sơ",
        12,
    ]
    frame = pd.DataFrame({"source_row": [3], "reason": ["=1+1"]})
    data = csv_bytes(frame, {"source_row": "Dòng", "reason": "Lý do"})
    assert data.startswith("\ufeff".encode())
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert list(back.columns) == ["Dòng", "Lý do"] and back.iloc[0].tolist() == [3, "'=1+1"]


# --- Freshness ------------------------------------------------------------------------------------------------------


def test_freshness_per_unit(tmp_path: Path) -> None:
    db = store(
        tmp_path / "f.duckdb",
        [
            dossier("A1", "01/11/2026", unit="Phường Hải Châu", snapshot_at=date(2026, 11, 14)),
            dossier("A2", "10/11/2026", unit="Phường Hải Châu", snapshot_at=date(2026, 11, 10)),
            dossier("B1", "20/10/2026", unit="Xã Hòa Vang", snapshot_at=date(2026, 10, 31)),
        ],
    )
    frame = freshness(db, date(2026, 11, 20))
    assert list(frame["unit"]) == ["Xã Hòa Vang", "Phường Hải Châu"]  # stalest first
    first = frame.iloc[1]
    assert (first["dossiers"], first["last_snapshot"], first["last_received"]) == (
        2, date(2026, 11, 14), date(2026, 11, 10)
    )  # fmt: skip
    assert (first["days_since_snapshot"], first["days_since_received"]) == (6, 10)
    assert frame.iloc[0]["days_since_snapshot"] == 20


# --- Settings ---------------------------------------------------------------------------------------------------


def test_a_setting_change_gives_a_new_file_version(tmp_path: Path) -> None:
    """The KPI cache is keyed by the file version: every write must change it, or pages would show stale data."""
    db = store(tmp_path / "s.duckdb", [dossier("A1", "01/11/2026")])
    before = file_version(db.path)
    store_settings.set_calendar_override(db, date(2026, 11, 20), "day_off", "Nghỉ bù")
    after = file_version(db.path)
    assert before != after
    store_settings.set_targets(db, [{"kpi": "online_rate", "comparator": "ge", "value": 0.6, "near": 0.1}])
    assert file_version(db.path) != after


def test_time_limit_edits_become_set_and_remove() -> None:
    with_limit = pd.DataFrame({"procedure": ["Đăng ký khai tử"], "working_days": [3], "dossiers": [5]})
    without = pd.DataFrame({"procedure": ["Đăng ký khai sinh"], "dossiers": [9], "without_due_date": [4]})
    original = limits_table(with_limit, without)
    assert list(original["procedure"]) == ["Đăng ký khai sinh", "Đăng ký khai tử"]
    edited = original.copy()
    edited["working_days"] = pd.array([5, pd.NA], dtype="Int64")
    assert limit_changes(original, edited) == [("Đăng ký khai sinh", 5), ("Đăng ký khai tử", None)]
    assert limit_changes(original, original) == []


# --- The page under AppTest --------------------------------------------------------------------------------------


@pytest.fixture
def page_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    db = store(
        tmp_path / "p.duckdb",
        [dossier(f"D{i}", "02/11/2026", unit=("Phường Hải Châu", "Xã Hòa Vang")[i % 2]) for i in range(5)],
    )
    monkeypatch.setenv("CCHC_DB", str(db.path))
    return db


def open_page() -> AppTest:
    app = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)
    app.run()
    app.switch_page(PAGE).run()
    assert not app.exception, [e.message for e in app.exception]
    return app


def test_freshness_table_equals_the_query(page_db) -> None:
    app = open_page()
    shown = next(f.value for f in app.dataframe if "days_since_snapshot" in f.value.columns)
    expected = freshness(page_db, date.today())
    assert list(shown["unit"]) == list(expected["unit"])
    assert list(shown["dossiers"]) == list(expected["dossiers"]) == [3, 2]
    assert list(shown["days_since_snapshot"]) == list(expected["days_since_snapshot"])


def test_adding_a_calendar_override_is_stored_and_shown(page_db) -> None:
    app = open_page()
    app.date_input(key="calendar-day").set_value(date(2026, 11, 20))
    app.selectbox(key="calendar-kind").set_value("day_off")
    app.text_input(key="calendar-note").set_value("Nghỉ bù")
    next(b for b in app.button if b.label == "Thêm / thay").click().run()
    assert not app.exception, [e.message for e in app.exception]
    stored = calendar_overrides(page_db)
    assert list(stored["day"]) == [date(2026, 11, 20)] and list(stored["note"]) == ["Nghỉ bù"]
    assert any("Đã lưu" in s.value for s in app.success)
    shown = next(f.value for f in app.dataframe if "kind" in f.value.columns and "day" in f.value.columns)
    assert list(shown["kind"]) == ["Ngày nghỉ"]


def test_an_invalid_target_shows_a_vietnamese_error(page_db, monkeypatch: pytest.MonkeyPatch) -> None:
    app = open_page()
    from dashboard.views import data_page

    def refuse(db, rows):
        raise ValueError("Chỉ tiêu không hợp lệ")

    monkeypatch.setattr(data_page.store_settings, "set_targets", refuse)
    next(b for b in app.button if b.label == "Lưu chỉ tiêu").click().run()
    assert [e.value for e in app.error] == ["Chỉ tiêu không hợp lệ"]


def test_every_mapping_field_has_a_name_in_both_languages() -> None:
    """Issue 11 §6: the column mapping shows "Ngày tiếp nhận", never received_at or ignore."""
    from dashboard.views import data_page
    from dashboard.views.data_import import FIELD_CHOICES
    from dashboard.views.i18n import STRINGS

    for language in ("vi", "en"):
        names = [STRINGS[language][f"data.field.{field}"] for field in FIELD_CHOICES]
        assert len(set(names)) == len(names) and not any("_" in name for name in names), language
    assert data_page.field_label("received_at") == "Ngày tiếp nhận"


def test_the_targets_table_speaks_in_words_and_per_cent_and_saves_back_the_same_rows() -> None:
    """Issue 11 §6: no "on_time_rate", "ge" or "0.98" in the settings; what is saved is what was stored."""
    from dashboard.kpi.targets import DEFAULT_TARGETS, targets_to_rows
    from dashboard.views.data_page import target_rows, targets_frame

    rows = targets_to_rows(DEFAULT_TARGETS)
    shown = targets_frame(rows)
    on_time = shown.set_index("kpi").loc["on_time_rate"]
    assert (on_time["comparator"], on_time["value"], on_time["near"], on_time["unit"]) == (
        "≥",
        98.0,
        3.0,
        "%",
    )
    assert shown.set_index("kpi").loc["overdue_count", "comparator"] == "≤"
    saved = target_rows(shown)
    assert [(r["kpi"], r["comparator"]) for r in saved] == [(r["kpi"], r["comparator"]) for r in rows]
    assert [r["value"] for r in saved] == pytest.approx([r["value"] for r in rows])
    assert [r["near"] for r in saved] == pytest.approx([r["near"] for r in rows])


def test_saving_the_targets_table_stores_fractions_and_codes(page_db) -> None:
    from dashboard.kpi.settings import stored_targets

    app = open_page()
    next(b for b in app.button if b.label == "Lưu chỉ tiêu").click().run()
    assert not app.exception, [e.message for e in app.exception]
    saved = {row["kpi"]: row for row in stored_targets(page_db)}
    assert saved["on_time_rate"]["comparator"] == "ge"
    assert float(saved["on_time_rate"]["value"]) == pytest.approx(0.98)  # shown as 98 %, stored as a fraction
    assert float(saved["overdue_count"]["near"]) == pytest.approx(2.0)
