"""Meeting mode (issue 5 §6) run headless with AppTest: `?present=1` shows the slides, their numbers are the KPI
engine's, the buttons (the keys' targets) move between slides and leave, an empty database says so."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fixture_data import ROOT
from overview_units_fixture import PERIOD, build
from streamlit.testing.v1 import AppTest

from dashboard.formatting import format_count
from dashboard.kpi.actions import action_list
from dashboard.kpi.decision766 import estimate_by_unit
from dashboard.kpi.summary import kpi_table
from dashboard.kpi.units_queries import best_and_worst, rankable
from dashboard.views.overview_page import MIN_RESOLVED_DEFAULT
from dashboard.views.present import deck
from dashboard.views.present.style import GRADE_COLOUR, PRINT_CSS
from dashboard.views.tables import format_fraction

APP = str(ROOT / "streamlit_app.py")


def open_deck(monkeypatch: pytest.MonkeyPatch, db_path: Path, slide: int | None = None, **params) -> AppTest:
    monkeypatch.setenv("CCHC_DB", str(db_path))
    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params["present"] = "1"
    if slide is not None:
        app.query_params["trang"] = str(slide)
    for name, value in params.items():
        app.query_params[name] = value
    app.run()
    assert not app.exception, [e.message for e in app.exception]
    return app


def html(app: AppTest) -> str:
    return "\n".join(element.proto.body for element in app.get("html"))


def by_testid(app: AppTest, testid: str) -> str:
    found = re.search(rf'data-testid="{re.escape(testid)}">(.*?)</', html(app), re.S)
    assert found, f"{testid} not on the slide"
    return found.group(1)


@pytest.fixture
def fixture_db(tmp_path):
    path = tmp_path / "p.duckdb"
    return path, build(path)


def test_slide_one_shows_the_kpi_engine_numbers(fixture_db, monkeypatch) -> None:
    path, db = fixture_db
    app = open_deck(monkeypatch, path)
    now = kpi_table(db, PERIOD).iloc[0]
    assert by_testid(app, "pr-figure-received") == format_count(int(now["c3"])) == "146"
    assert by_testid(app, "pr-figure-resolved") == format_count(int(now["c7"])) == "144"
    assert by_testid(app, "pr-figure-on_time") == format_fraction(now["on_time_rate"]) == "91,67%"
    assert by_testid(app, "pr-figure-overdue") == format_count(int(now["overdue_count"])) == "14"
    # The title states the message; the grade is icon + word + colour, never colour alone.
    assert by_testid(app, "pr-title") == "Giải quyết đúng hạn 91,67%: Chưa đạt"
    assert f'color:{GRADE_COLOUR["chua_dat"]};font-weight:700">✖ Chưa đạt' in html(app)
    assert "+11,67 điểm % · tăng" in html(app)  # against the previous official month (80,00%)
    assert by_testid(app, "pr-number") == "1/5"
    assert by_testid(app, "pr-stamp") == f"{PERIOD.label} · Số liệu đến ngày 14/11/2026"
    assert len(app.get("plotly_chart")) == 1  # the 12-month trend


@pytest.mark.parametrize("slide", [1, 2, 3, 4, 5])
def test_every_slide_renders_with_its_header(fixture_db, monkeypatch, slide) -> None:
    path, db = fixture_db
    app = open_deck(monkeypatch, path, slide=slide)
    assert by_testid(app, "pr-number") == f"{slide}/5"
    assert "Số liệu đến ngày 14/11/2026" in by_testid(app, "pr-stamp")
    title = by_testid(app, "pr-title")
    expected = {
        1: "Giải quyết đúng hạn 91,67%",
        2: "Phường Bốn có tỷ lệ đúng hạn thấp nhất: 75,00%",  # Xã Năm (3 dossiers) is not ranked
        3: "2 hồ sơ đang quá hạn tại ngày 14/11/2026",
        4: "Tỷ lệ hài lòng",
        5: "Ước tính điểm 766",
    }[slide]
    assert title.startswith(expected), title
    assert app.get("plotly_chart"), "every slide of this database has a chart"


def test_overdue_and_satisfaction_slides_match_the_engine(fixture_db, monkeypatch) -> None:
    path, db = fixture_db
    app = open_deck(monkeypatch, path, slide=3)
    overdue = action_list(db, PERIOD.end, "overdue")
    assert by_testid(app, "pr-figure-open") == format_count(len(overdue))
    assert by_testid(app, "pr-figure-late") == format_count(int(kpi_table(db, PERIOD).iloc[0]["c10"]))
    assert all(code in html(app) for code in overdue["dossier_code"])  # the oldest, listed
    app = open_deck(monkeypatch, path, slide=4)
    now = kpi_table(db, PERIOD).iloc[0]
    rate, rated = format_fraction(now["satisfaction_rate"]), format_count(int(now["rated"]))
    assert by_testid(app, "pr-title") == f"Tỷ lệ hài lòng {rate} trên {rated} hồ sơ được đánh giá"
    assert by_testid(app, "pr-figure-rate").startswith(f"{rate} <small>· {rated} hồ sơ được đánh giá")
    app = open_deck(monkeypatch, path, slide=5)
    assert "ƯỚC TÍNH" in by_testid(app, "pr-estimate-badge")  # never shown as if official (KPI_SPEC §7)
    estimate = estimate_by_unit(db, PERIOD)
    lowest = estimate[estimate["estimated_points"].notna()].sort_values("estimated_percent").iloc[0]
    percent = format_fraction(lowest["estimated_percent"])
    assert (
        by_testid(app, "pr-title")
        == f"Ước tính điểm 766: thấp nhất {lowest['unit']} ({percent} số điểm tính được)"
    )


def test_ranking_slide_names_the_engines_weakest_rankable_unit(fixture_db, monkeypatch) -> None:
    path, db = fixture_db
    app = open_deck(monkeypatch, path, slide=2)
    units = kpi_table(db, PERIOD, "unit")
    _, worst = best_and_worst(units, MIN_RESOLVED_DEFAULT)
    weakest = worst.iloc[0]
    rate = format_fraction(weakest["on_time_rate"])
    assert by_testid(app, "pr-title") == f"{weakest['unit']} có tỷ lệ đúng hạn thấp nhất: {rate}"
    eligible = int(rankable(units, MIN_RESOLVED_DEFAULT).sum())
    assert f"chỉ {eligible}/{len(units)} đơn vị có từ {MIN_RESOLVED_DEFAULT} hồ sơ" in html(app)


def test_buttons_move_between_slides_and_leave(fixture_db, monkeypatch) -> None:
    path, _ = fixture_db
    app = open_deck(monkeypatch, path)
    app.button(key="pr-next").click().run()
    assert app.query_params["trang"] == "2" and by_testid(app, "pr-number") == "2/5"
    app.button(key="pr-key-pagedown").click().run()  # a clicker's "next"
    assert by_testid(app, "pr-number") == "3/5"
    app.button(key="pr-prev").click().run()
    assert by_testid(app, "pr-number") == "2/5"
    app.button(key="pr-key-end").click().run()
    assert by_testid(app, "pr-number") == "5/5"
    assert app.button(key="pr-next").disabled
    app.button(key="pr-key-home").click().run()
    assert by_testid(app, "pr-number") == "1/5"
    app.button(key="pr-exit").click().run()
    assert not app.exception
    assert "present" not in app.query_params and "trang" not in app.query_params
    assert app.title[0].value == "Tổng quan"  # back to the page


def test_the_sidebar_button_opens_the_deck_and_a_bad_slide_number_falls_back(fixture_db, monkeypatch) -> None:
    path, _ = fixture_db
    monkeypatch.setenv("CCHC_DB", str(path))
    app = AppTest.from_file(APP, default_timeout=60)
    app.run()
    app.sidebar.button(key="present-open").click().run()
    assert not app.exception
    assert app.query_params["present"] == "1" and by_testid(app, "pr-number") == "1/5"
    app = open_deck(monkeypatch, path, slide=9)
    assert by_testid(app, "pr-number") == "5/5"
    assert app.query_params["trang"] == "5"


def test_the_print_view_stacks_every_slide(fixture_db, monkeypatch) -> None:
    path, _ = fixture_db
    app = open_deck(monkeypatch, path, **{"in": "1"})
    numbers = re.findall(r'data-testid="pr-number">(\d)/5<', html(app))
    assert numbers == ["1", "2", "3", "4", "5"]
    assert "@page { size: A4 landscape" in PRINT_CSS and PRINT_CSS in html(app)


def test_an_empty_database_says_there_is_nothing_to_present(tmp_path, monkeypatch) -> None:
    app = open_deck(monkeypatch, tmp_path / "none.duckdb")
    assert by_testid(app, "pr-title") == "Chưa có dữ liệu để trình chiếu"
    assert "nhập tệp ở trang Dữ liệu" in by_testid(app, "pr-message")
    app.button(key="pr-exit").click().run()
    assert not app.exception and "present" not in app.query_params


def test_english(fixture_db, monkeypatch) -> None:
    path, _ = fixture_db
    app = open_deck(monkeypatch, path, slide=2, lang="en")
    assert by_testid(app, "pr-title") == "Phường Bốn has the lowest on-time rate: 75,00%"


def test_auto_advance_is_due_only_after_its_seconds() -> None:
    assert not deck.due(shown_at=100.0, now=129.0, seconds=30)
    assert deck.due(shown_at=100.0, now=130.0, seconds=30)
    assert not deck.due(shown_at=0.0, now=10_000.0, seconds=0)  # 0 = off
