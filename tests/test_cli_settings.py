"""`python -m dashboard calendar …` and `time-limit …`: settings a reform officer can set without the UI."""

from __future__ import annotations

from datetime import date

from kpi_fixtures import dossier, store

from dashboard.cli import main
from dashboard.kpi import periods
from dashboard.kpi.form06 import form06
from dashboard.kpi.settings import calendar_overrides, procedure_time_limits


def test_time_limit_set_list_remove(tmp_path, capsys):
    db = store(
        tmp_path / "k.duckdb", [dossier("X", "09/10/2026", None, "15/10/2026", procedure="Đăng ký kết hôn")]
    )
    october = periods.calendar_month(2026, 10)
    args = ["--db", str(db.path)]
    assert main(["time-limit", "list", "--missing", *args]) == 0
    assert "Đăng ký kết hôn" in capsys.readouterr().out
    assert main(["time-limit", "set", "Đăng ký kết hôn", "3", *args]) == 0
    assert procedure_time_limits(db)[["procedure", "working_days"]].values.tolist() == [
        ["Đăng ký kết hôn", 3]
    ]
    assert form06(db, october).iloc[0]["c10"] == 1  # due Wed 14/10 from the limit; finished Thu 15/10
    assert main(["time-limit", "remove", "Đăng ký kết hôn", *args]) == 0
    assert form06(db, october).iloc[0]["c10"] == 0
    assert main(["time-limit", "set", "Đăng ký kết hôn", "-1", *args]) == 2


def test_calendar_off_work_remove(tmp_path, capsys):
    db = store(tmp_path / "k.duckdb", [dossier("X", "09/10/2026", "10/10/2026")])
    args = ["--db", str(db.path)]
    assert main(["calendar", "off", "27/04/2026", "--note", "Nghỉ bù", *args]) == 0
    assert main(["calendar", "work", "2026-05-09", *args]) == 0
    stored = calendar_overrides(db)
    assert stored["day"].tolist() == [date(2026, 4, 27), date(2026, 5, 9)]
    assert stored["kind"].tolist() == ["day_off", "working_day"]
    assert main(["calendar", "remove", "2026-05-09", *args]) == 0
    assert len(calendar_overrides(db)) == 1
    assert main(["calendar", "off", "31/02/2026", *args]) == 2
    assert "không hợp lệ" in capsys.readouterr().out


def test_targets_set_and_reset(tmp_path, capsys):
    from dashboard.kpi.summary import targets_for

    db = store(tmp_path / "k.duckdb", [dossier("X", "09/10/2026", "10/10/2026")])
    args = ["--db", str(db.path)]
    assert main(["targets", "set", "online_rate", "ge", "0.6", "--near", "0.05", *args]) == 0
    assert "≥ 0.6" in capsys.readouterr().out
    assert (targets_for(db)["online_rate"].value, targets_for(db)["on_time_rate"].value) == (0.6, 0.98)
    assert main(["targets", "set", "online_rate", "xx", "0.6", *args]) == 2
    assert main(["targets", "reset", *args]) == 0
    assert targets_for(db)["online_rate"].value == 0.5
