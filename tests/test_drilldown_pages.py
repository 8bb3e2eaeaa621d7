"""Every page's drill-down targets (issue 11 §15), run headless with AppTest on demo data: the list opened for
every card, and for a sample of the cells and bars of every table and chart, holds as many dossiers as the
number the page shows (for a rate: numerator over denominator equals the rate shown)."""

from __future__ import annotations

import random

import pytest
from page_app import APP, ROOT
from streamlit.testing.v1 import AppTest

from dashboard.kpi.drilldown import dossier_list, drill_count
from dashboard.store import Database
from dashboard.views.drilldown import TARGETS

# page → the elements that must offer drill-down targets there
PAGES = {
    "overview": ("card-received", "card-resolved", "card-on_time", "card-overdue", "card-online",
                 "card-satisfaction", "trend-chart", "split-chart", "best-chart", "worst-chart"),
    "units": ("league-table", "unit-split-chart", "funnel-chart", "heatmap-chart"),
}  # fmt: skip
SAMPLE = 6  # cells per table or chart (every card is checked)


@pytest.fixture(scope="module")
def demo_db(demo_database) -> Database:
    return Database(demo_database[0])


def page_targets(page: str, monkeypatch: pytest.MonkeyPatch, db: Database) -> dict:
    monkeypatch.setenv("CCHC_DB", str(db.path))
    app = AppTest.from_file(APP, default_timeout=90)
    app.run()
    app.session_state[TARGETS] = {}  # only what the page itself draws
    app.switch_page(str(ROOT / f"dashboard/views/pages/{page}.py")).run()
    assert not app.exception, [e.message for e in app.exception]
    return app.session_state[TARGETS]


def check(db: Database, target) -> None:
    total, numerator = drill_count(db, target.drill)
    if target.is_rate:
        if target.shown is None:
            assert total == 0, target
        else:
            assert numerator / total == pytest.approx(target.shown, abs=1e-12), target
    else:
        assert total == target.shown, target


@pytest.mark.parametrize("page", list(PAGES))
def test_every_card_and_a_sample_of_cells_open_as_many_dossiers_as_they_show(page, demo_db, monkeypatch):
    targets = page_targets(page, monkeypatch, demo_db)
    assert set(PAGES[page]) <= set(targets), sorted(targets)
    chooser = random.Random(11)
    for element, by_cell in targets.items():
        assert by_cell, element
        cells = sorted(by_cell)
        picked = cells if element.startswith("card-") else chooser.sample(cells, min(SAMPLE, len(cells)))
        for cell in picked:
            check(demo_db, by_cell[cell])
    # One list in full (not only its count) per page: the first element's first count.
    first = next(target for target in targets[PAGES[page][0]].values() if not target.is_rate)
    assert len(dossier_list(demo_db, first.drill)) == first.shown
