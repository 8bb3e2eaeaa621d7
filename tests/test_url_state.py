"""Issue 11 §10 and §13, run with AppTest on the fixture database: the URL carries language-free codes for the
shared filters and the page controls, a link opens the same view in either language, and choosing "Kỳ quý"
opens the latest complete quarter."""

from __future__ import annotations

import re
from pathlib import Path

from fixture_data import ROOT
from streamlit.testing.v1 import AppTest

from dashboard.kpi import coverage, periods
from dashboard.store import Database
from dashboard.views import selection, url_state

APP = str(ROOT / "streamlit_app.py")
PAGES = ROOT / "dashboard/views/pages"


def _open(page: str | None = None, **query: str) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=60)
    for name, value in query.items():
        app.query_params[name] = value
    app.run()
    if page:
        app.switch_page(str(PAGES / page)).run()
    assert not app.exception, [e.message for e in app.exception]
    return app


def _url(app: AppTest) -> dict[str, str]:
    return {name: app.query_params[name] for name in app.query_params}


def test_the_filters_write_codes_and_the_language_does_not_change_them(tmp_db: Path) -> None:
    app = _open()
    app.selectbox(key="ky").set_value("year").run()
    app.multiselect(key="kenh").set_value(["online"]).run()
    vietnamese = _url(app)
    assert vietnamese["ky"] == "year" and vietnamese["kenh"] == "online" and "lang" not in vietnamese
    app.radio(key="lang").set_value("en").run()
    english = _url(app)
    assert english.pop("lang") == "en"
    assert english == vietnamese  # the same codes whatever the language


def test_a_link_with_codes_opens_the_same_view_in_english(tmp_db: Path) -> None:
    app = _open(lang="en", ky="year", nam="2025", kenh="online", dem_theo="recorded")
    assert app.selectbox(key="ky").value == "year" and app.selectbox(key="nam").value == 2025
    assert app.multiselect(key="kenh").value == ["online"]
    assert app.radio(key="dem_theo").value == "recorded"
    assert app.title[0].value == "Overview"


def test_links_written_with_labels_still_open(tmp_db: Path) -> None:
    app = _open(lang="English", ky="Năm", nam="2025", dem_theo="Đơn vị khi tiếp nhận")
    assert app.radio(key="lang").value == "en" and app.selectbox(key="ky").value == "year"
    assert app.radio(key="dem_theo").value == "recorded"
    assert _url(app)["ky"] == "year"  # and the URL is rewritten with the code


def test_every_kind_can_be_chosen_and_the_custom_days_go_into_the_url(tmp_db: Path) -> None:
    app = _open()
    for kind in selection.SIDEBAR_KINDS:
        app.selectbox(key="ky").set_value(kind).run()
        assert not app.exception, (kind, [e.message for e in app.exception])
        assert _url(app)["ky"] == kind
    first = app.session_state["_selection"].period.start
    assert _url(app)["tu"] == first.isoformat() and "nam" not in _url(app)


def test_a_value_the_widget_does_not_offer_falls_back_to_the_default(tmp_db: Path) -> None:
    app = _open(ky="decade", kenh="telepathy")
    assert app.selectbox(key="ky").value == "official_month" and app.multiselect(key="kenh").value == []


def test_choosing_the_quarter_kind_opens_the_latest_complete_quarter(tmp_db: Path) -> None:
    latest = coverage.latest_complete("official_quarter", coverage.unit_data_dates(Database(tmp_db)))
    assert latest is not None
    year, number = periods.period_key(latest)
    app = _open()
    app.selectbox(key="ky").set_value("official_quarter").run()
    assert (app.selectbox(key="nam").value, app.selectbox(key="so").value) == (year, number)
    assert (_url(app)["nam"], _url(app)["so"]) == (str(year), str(number))


ALL_DAYS = {"ky": "custom", "tu": "2000-01-01", "den": "2099-12-31"}  # every fixture dossier


def test_the_page_controls_are_read_from_the_url(tmp_db: Path) -> None:
    custom = _open(**ALL_DAYS)
    assert custom.date_input(key="tu").value.isoformat() == "2000-01-01"
    fields = _open("fields.py", theo="procedure", so_dong="5")
    assert fields.session_state["fields-by"] == "procedure"
    assert fields.number_input(key="fields-slow-top").value == 5


def test_codecs_read_back_what_they_write() -> None:
    codec = url_state.some_of(["a", "b", "c"], aliases={"Bê": "b"})
    assert codec.parse(codec.write(["c", "a"])) == ["c", "a"]
    assert codec.parse(("Bê", "zz", "b")) == ["b"]
    number = url_state.whole_number(1, 100)
    assert number.parse(("0",)) is None and number.parse(("-3",)) is None and number.parse(("42",)) == 42
    assert url_state.DAY.parse(("2025-13-01",)) is None


def test_the_readme_link_example_opens_what_it_says(tmp_db: Path) -> None:
    """README, "The dashboard": the example link's codes are the ones the app reads."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = re.search(r"`\?(ky=[^`]+)`", readme)
    assert example is not None
    query = dict(part.split("=") for part in example.group(1).split("&"))
    app = _open(**query)
    assert app.selectbox(key="ky").value == query["ky"]
    assert app.selectbox(key="nam").value == int(query["nam"]) and app.selectbox(key="so").value == int(
        query["so"]
    )
    shared = set(selection.KEYS.values()) | {"lang"}  # the sidebar's; a page's own are read on that page
    pairs = [pair for pair in re.findall(r"`(\w+=\w+)`", readme) if pair.split("=")[0] in shared]
    assert len(pairs) >= 3  # dem_theo=recorded, kenh=online, lang=en
    app = _open(**dict(pair.split("=") for pair in pairs))
    assert all(app.query_params[pair.split("=")[0]] == pair.split("=")[1] for pair in pairs)  # read and kept
