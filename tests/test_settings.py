"""User settings: written by dashboard.store.settings, read back by dashboard.kpi.settings, used by form06."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime

import pytest
from kpi_fixtures import dossier, store

from dashboard.kpi.form06 import form06
from dashboard.kpi.periods import Period
from dashboard.kpi.settings import (
    calendar_overrides,
    procedure_time_limits,
    procedures_without_limit,
    stored_targets,
)
from dashboard.store import Database
from dashboard.store.settings import (
    remove_calendar_override,
    remove_procedure_time_limit,
    set_calendar_override,
    set_procedure_time_limit,
    set_targets,
)

OCTOBER = Period(date(2026, 10, 1), date(2026, 10, 31), "Tháng 10/2026", "month")
KHAI_SINH, KET_HON = "Đăng ký khai sinh", "Đăng ký kết hôn"


@pytest.fixture
def db(tmp_path) -> Database:
    return store(
        tmp_path / "s.duckdb",
        [
            dossier("A", "05/10/2026", "08/10/2026", "07/10/2026"),
            dossier("B", "05/10/2026", None, "07/10/2026"),
            dossier("C", "06/10/2026", None, procedure=KET_HON),
            dossier("D", "06/10/2026", None, procedure=KET_HON),
            dossier("E", "06/10/2026", None, procedure=KET_HON, status="refused"),
            dossier("F", "06/10/2026", "09/10/2026", procedure="Chứng thực bản sao"),
            dossier("G", "06/10/2026", None, procedure=None),
        ],
    )


# --- Calendar overrides -------------------------------------------------------------------------------------


def test_calendar_overrides_are_written_read_back_replaced_and_removed(db):
    assert calendar_overrides(db).empty
    set_calendar_override(db, date(2026, 10, 12), "day_off", "Nghỉ bù")
    set_calendar_override(db, "10/10/2026", "working_day")  # a swapped Saturday, typed as on screen
    set_calendar_override(db, datetime(2026, 10, 3, 8, 0), "working_day", "  Làm   bù  ")
    frame = calendar_overrides(db)
    assert list(frame.columns) == ["day", "kind", "note"]
    assert frame["day"].tolist() == [date(2026, 10, 3), date(2026, 10, 10), date(2026, 10, 12)]
    assert frame["kind"].tolist() == ["working_day", "working_day", "day_off"]
    assert frame["note"].tolist()[0] == "Làm bù" and frame["note"].isna().tolist()[1]

    set_calendar_override(db, "2026-10-12", "working_day", "Đổi ý")  # replaces, never a second row
    frame = calendar_overrides(db).set_index("day")
    assert len(frame) == 3 and frame.loc[date(2026, 10, 12), "kind"] == "working_day"
    assert frame.loc[date(2026, 10, 12), "note"] == "Đổi ý"

    assert remove_calendar_override(db, date(2026, 10, 12)) is True
    assert remove_calendar_override(db, date(2026, 10, 12)) is False
    assert calendar_overrides(db)["day"].tolist() == [date(2026, 10, 3), date(2026, 10, 10)]


@pytest.mark.parametrize(
    ("day", "kind", "note", "message"),
    [
        (date(2026, 10, 12), "holiday", None, "Loại ngày không hợp lệ"),
        (date(2026, 10, 12), "", None, "Loại ngày không hợp lệ"),
        ("12-10-2026", "day_off", None, "Ngày không hợp lệ"),
        ("31/02/2026", "day_off", None, "Ngày không hợp lệ"),
        (20261012, "day_off", None, "Ngày không hợp lệ"),
        (date(2026, 10, 12), "day_off", 3, "Ghi chú phải là văn bản"),
    ],
)
def test_calendar_override_validation(db, day, kind, note, message):
    with pytest.raises(ValueError, match=message):
        set_calendar_override(db, day, kind, note)
    assert calendar_overrides(db).empty


# --- Procedures' time limits --------------------------------------------------------------------------------


def test_time_limits_are_written_nfc_read_back_with_dossier_counts_and_replaced(db):
    typed = "  " + unicodedata.normalize("NFD", KET_HON).replace(" ", "  ") + "\n"
    set_procedure_time_limit(db, typed, 5)
    set_procedure_time_limit(db, "Thủ tục chưa có hồ sơ", 0)
    frame = procedure_time_limits(db)
    assert list(frame.columns) == ["procedure", "working_days", "dossiers"]
    assert frame.to_dict("records") == [
        {"procedure": KET_HON, "working_days": 5, "dossiers": 3},  # the refused one is stored too
        {"procedure": "Thủ tục chưa có hồ sơ", "working_days": 0, "dossiers": 0},
    ]
    set_procedure_time_limit(db, KET_HON, 3)  # replaces
    assert procedure_time_limits(db).set_index("procedure")["working_days"].to_dict() == {
        KET_HON: 3,
        "Thủ tục chưa có hồ sơ": 0,
    }
    assert remove_procedure_time_limit(db, unicodedata.normalize("NFD", KET_HON)) is True
    assert remove_procedure_time_limit(db, KET_HON) is False
    assert procedure_time_limits(db)["procedure"].tolist() == ["Thủ tục chưa có hồ sơ"]


def test_procedures_without_limit_is_the_list_to_fill_in(db):
    frame = procedures_without_limit(db)
    assert list(frame.columns) == ["procedure", "dossiers", "without_due_date"]
    # Most dossiers without a due date first; the refused dossier is stored but never needs a deadline;
    # dossiers naming no procedure cannot be given a limit.
    assert frame.to_dict("records") == [
        {"procedure": KET_HON, "dossiers": 3, "without_due_date": 2},
        {"procedure": KHAI_SINH, "dossiers": 2, "without_due_date": 1},
        {"procedure": "Chứng thực bản sao", "dossiers": 1, "without_due_date": 0},
    ]
    set_procedure_time_limit(db, KET_HON, 3)
    assert procedures_without_limit(db)["procedure"].tolist() == [KHAI_SINH, "Chứng thực bản sao"]


@pytest.mark.parametrize(
    ("procedure", "days", "message"),
    [
        (KET_HON, -1, "không được âm"),
        (KET_HON, 2.5, "số nguyên"),
        (KET_HON, "3", "số nguyên"),
        (KET_HON, True, "số nguyên"),
        (KET_HON, None, "số nguyên"),
        (KET_HON, 100_000, "quá lớn"),
        ("   ", 3, "Cần tên thủ tục"),
        (None, 3, "Cần tên thủ tục"),
    ],
)
def test_time_limit_validation(db, procedure, days, message):
    with pytest.raises(ValueError, match=message):
        set_procedure_time_limit(db, procedure, days)
    assert procedure_time_limits(db).empty


def test_a_whole_float_is_a_whole_number_of_days(db):
    set_procedure_time_limit(db, KET_HON, 3.0)
    assert procedure_time_limits(db)["working_days"].tolist() == [3]


# --- Targets ------------------------------------------------------------------------------------------------

TARGETS = [
    {"kpi": "on_time_rate", "comparator": "ge", "value": 0.95, "near": 0.02},
    {"kpi": "overdue_count", "comparator": "≤", "value": 3, "near": 2},
    {"kpi": "online_rate", "comparator": ">=", "value": 0.6},  # near missing: no gần đạt band
]


def test_targets_are_written_read_back_and_replaced_as_a_whole(db):
    assert stored_targets(db) == []
    set_targets(db, TARGETS)
    assert stored_targets(db) == [
        {"kpi": "on_time_rate", "comparator": "ge", "value": 0.95, "near": 0.02},
        {"kpi": "online_rate", "comparator": "ge", "value": 0.6, "near": 0.0},
        {"kpi": "overdue_count", "comparator": "le", "value": 3.0, "near": 2.0},
    ]
    set_targets(db, [{"kpi": "satisfaction_rate", "comparator": "eq", "value": 1, "near": 0.1}])
    assert stored_targets(db) == [{"kpi": "satisfaction_rate", "comparator": "eq", "value": 1.0, "near": 0.1}]
    set_targets(db, [])  # nothing stored: the caller's defaults apply again
    assert stored_targets(db) == []


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"kpi": "on_time_rate", "comparator": "gt", "value": 0.9, "near": 0}, "Phép so sánh"),
        ({"kpi": "on_time_rate", "comparator": None, "value": 0.9, "near": 0}, "Phép so sánh"),
        ({"kpi": "", "comparator": "ge", "value": 0.9, "near": 0}, "cần tên KPI"),
        ({"kpi": "on_time_rate", "comparator": "ge", "value": float("nan"), "near": 0}, "phải là một số"),
        ({"kpi": "on_time_rate", "comparator": "ge", "value": "98%", "near": 0}, "phải là một số"),
        ({"kpi": "on_time_rate", "comparator": "ge", "value": 0.9, "near": -0.1}, "không được âm"),
    ],
)
def test_target_validation_leaves_the_stored_targets_alone(db, row, message):
    set_targets(db, TARGETS)
    with pytest.raises(ValueError, match=message):
        set_targets(db, [TARGETS[0], row])
    assert len(stored_targets(db)) == 3


def test_a_kpi_given_twice_is_refused(db):
    with pytest.raises(ValueError, match="hai lần"):
        set_targets(db, [TARGETS[0], TARGETS[0]])


# --- Settings change the KPIs -------------------------------------------------------------------------------


def test_a_time_limit_and_a_calendar_override_change_form06(tmp_path):
    # Received Friday 9/10/2026, finished Wednesday 14/10, no due date stored.
    db = store(tmp_path / "k.duckdb", [dossier("X", "09/10/2026", None, "14/10/2026", procedure=KET_HON)])
    row = form06(db, OCTOBER).iloc[0]
    assert (row["c8"], row["c9"], row["c10"]) == (0, 1, 0)  # no deadline: on time
    set_procedure_time_limit(db, KET_HON, 2)  # due Tuesday 13/10: late by one working day
    row = form06(db, OCTOBER).iloc[0]
    assert (row["c8"], row["c9"], row["c10"], row["late_finished_days"]) == (0, 0, 1, 1)
    set_calendar_override(db, date(2026, 10, 12), "day_off", "Nghỉ bù")  # due Wednesday 14/10: on the day
    assert form06(db, OCTOBER).iloc[0][["c8", "c9", "c10"]].tolist() == [0, 1, 0]
    set_calendar_override(db, date(2026, 10, 10), "working_day")  # Saturday worked: due back to Tuesday 13/10
    assert form06(db, OCTOBER).iloc[0][["c8", "c9", "c10"]].tolist() == [0, 0, 1]
    remove_calendar_override(db, date(2026, 10, 10))
    set_procedure_time_limit(db, KET_HON, 3)  # due Thursday 15/10: early
    assert form06(db, OCTOBER).iloc[0][["c8", "c9", "c10"]].tolist() == [1, 0, 0]
    remove_procedure_time_limit(db, KET_HON)
    assert form06(db, OCTOBER).iloc[0][["c8", "c9", "c10"]].tolist() == [0, 1, 0]


def test_a_file_without_the_settings_tables_reads_as_no_settings(tmp_path):
    """A database from before schema 2, until Database.ensure_schema upgrades it, has no settings tables."""
    db = store(tmp_path / "old.duckdb", [dossier("A", "05/10/2026")])
    with db.write() as conn:  # the schema is applied when the write opens; the drops are what stays
        for table in ("calendar_override", "procedure_time_limit", "kpi_target"):
            conn.execute(f"DROP TABLE {table}")
    assert calendar_overrides(db).empty and procedure_time_limits(db).empty
    assert stored_targets(db) == []
