"""The Decision 766 page run headless: the estimate is labelled as one, non-computable groups are words (never
0), official scores and rank changes appear once imported, and an empty state explains how to import them."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import page_app
import pytest
from fields_satisfaction_766_fixtures import PERIOD, build
from streamlit.testing.v1 import AppTest

from dashboard.cli import main
from dashboard.kpi.decision766 import NOT_COMPUTABLE, estimate_by_unit
from dashboard.kpi.official766 import official_scores, rank_changes

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "data" / "real"
SNAPSHOTS = (
    REAL / "new766_bao_cao_T10_2025__snapshot_2025-10-11.xlsx",
    REAL / "new766_bao_cao_T10_2025.xlsx",
)
OLDER, NEWER = date(2025, 10, 11), date(2025, 10, 16)


@pytest.fixture
def path(tmp_path, monkeypatch) -> Path:
    file = tmp_path / "i766.duckdb"
    build(file)
    monkeypatch.setenv("CCHC_DB", str(file))
    return file


@pytest.fixture
def imported(path) -> Path:
    if not all(f.exists() for f in SNAPSHOTS):
        pytest.skip("the real 766 tables are not in shared/data/real")
    for file in SNAPSHOTS:
        assert main(["ingest", str(file), "--db", str(path)]) == 0
    return path


def open_page() -> AppTest:
    return page_app.open_page("index766", PERIOD)


def test_estimate_is_labelled_and_never_zero_for_groups_it_cannot_compute(path):
    from dashboard.store import Database

    app = open_page()
    assert app.title[0].value == "Chỉ số 766"
    assert any("Ước tính" in w.value for w in app.warning)
    table = app.dataframe[0].value
    expected = estimate_by_unit(Database(path), PERIOD).set_index("unit")
    assert set(table["unit"]) == set(expected.index)
    assert set(table["ckmb"]) == {NOT_COMPUTABLE}
    for row in table.itertuples():
        assert math.isclose(row.estimated_points, expected.loc[row.unit, "estimated_points"])
        assert math.isclose(row.estimated_percent, expected.loc[row.unit, "estimated_percent"])
        assert row.tdgq == f"{expected.loc[row.unit, 'tdgq']:.2f}".replace(".", ",")
    # No official table yet: the empty state says how to import one.
    empty = [m.value for m in app.info if "trang **Dữ liệu**, tab **Nhập dữ liệu**" in m.value]
    assert empty, [m.value for m in app.info]


def test_official_scores_ranking_and_rank_changes(imported):
    from dashboard.store import Database

    db = Database(imported)
    app = open_page()
    frames = [frame.value for frame in app.dataframe]
    official = next(f for f in frames if "published_rank" in f)
    expected = official_scores(db, NEWER, "xa_phuong")
    assert list(official["unit_name"]) == list(expected["unit_name"])
    assert list(official["total"]) == list(expected["total"])
    assert list(official["rank"]) == list(expected["rank"])
    assert official["band"].iloc[0] == "Rất tốt"

    # Xã Đông Thái has dossiers and an official score: the estimate is shown beside it.
    beside = next(f for f in frames if "official_total" in f)
    assert list(beside["unit"]) == ["Xã Đông Thái"]
    assert beside["official_total"].iloc[0] == 93.21

    changes = next(f for f in frames if "rank_older" in f)
    engine = rank_changes(db, OLDER, NEWER, "xa_phuong")
    assert list(changes["rank_newer"]) == list(engine["rank_newer"])
    words = dict(zip(changes["unit_name"], changes["change"], strict=True))
    assert words["Xã Đông Thái"] == "▲ tăng 2 bậc" and words["Phường Long Phú"] == "▼ giảm 2 bậc"

    app.toggle(key="i766-changes-only").set_value(True).run()
    assert not app.exception
    changed = next(f.value for f in app.dataframe if "rank_older" in f.value)
    assert (changed["rank_older"] != changed["rank_newer"]).all()


def test_component_bars_for_official_and_estimate(imported):
    app = open_page()
    app.radio(key="i766-components-source").set_value("official").run()
    assert not app.exception
    app.selectbox(key="i766-components-unit-official").set_value("Xã Tân Hội").run()
    assert not app.exception
    app.radio(key="i766-components-source").set_value("estimate").run()
    assert not app.exception


def test_english_and_other_levels(imported):
    app = open_page()
    for level in ("tinh", "so_ban"):
        app.selectbox(key="i766-level").set_value(level).run()
        assert not app.exception, [e.message for e in app.exception]
    app.sidebar.radio(key="lang").set_value("en").run()
    assert not app.exception, [e.message for e in app.exception]
    assert any("Estimate" in w.value for w in app.warning)
    assert set(app.dataframe[0].value["ckmb"]) == {"cannot be computed from this data"}
