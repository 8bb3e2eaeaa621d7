"""The data page (import history, freshness, settings) run headless with Streamlit's AppTest against a fixture
database. The root URL is the Tổng quan page; these tests switch to the data page, where the history lives."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixture_data import FIXTURE_UNITS, ROOT, write_import
from streamlit.testing.v1 import AppTest

from dashboard.store import Database
from dashboard.views.i18n import STRINGS

APP = str(ROOT / "streamlit_app.py")
DATA_PAGE = "dashboard/views/pages/data.py"


def run_app(**query_params: str) -> AppTest:
    # The first run imports pandas, duckdb and pyarrow: allow more than AppTest's 3 s default.
    app = AppTest.from_file(APP, default_timeout=60)
    for name, value in query_params.items():
        app.query_params[name] = value
    app.run()
    assert not app.exception, [e.message for e in app.exception]
    app.switch_page(DATA_PAGE).run()
    assert not app.exception, [e.message for e in app.exception]
    return app


def frame_with(app: AppTest, *columns: str):
    """The first table shown that has these columns."""
    return next(f.value for f in app.dataframe if set(columns) <= set(f.value.columns))


def metrics(app: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in app.metric}


def test_headline_metrics_are_vietnamese_formatted(tmp_db: Path) -> None:
    app = run_app()
    assert app.title[0].value == "Dữ liệu"
    assert [tab.label for tab in app.tabs] == [
        "Nhập dữ liệu",
        "Lịch sử nhập",
        "Độ mới dữ liệu",
        "Đơn vị",
        "Cài đặt",
    ]
    assert metrics(app) == {"Hồ sơ": "1.416", "Đơn vị": "3", "Lần nhập": "3", "Dòng bị loại": "3"}
    # Every metric says how it is computed.
    captions = [caption.value for caption in app.caption]
    assert any("mọi trạng thái" in caption for caption in captions)


def test_tables_per_unit_import_log_and_rejected_rows(tmp_db: Path) -> None:
    app = run_app()
    per_unit = frame_with(app, "unit", "dossiers", "first_received")
    imports = frame_with(app, "rows_read", "imported_at")
    rejected = frame_with(app, "reason", "cells")
    assert dict(zip(per_unit["unit"], per_unit["dossiers"], strict=True)) == FIXTURE_UNITS
    assert list(imports["rows_read"]) == [18, 402, 1002]  # newest import first
    assert (
        imports["rows_read"]
        == imports[[c for c in imports if c.startswith("rows_") and c != "rows_read"]].sum(axis=1)
    ).all()
    assert set(rejected["reason"]) == {"Thiếu mã hồ sơ"}
    assert app.expander[0].label == "Dòng bị loại và lý do (3)"
    headers = [header.value for header in app.subheader]
    assert headers.index("Hồ sơ theo đơn vị") < headers.index("Nhật ký nhập dữ liệu")


def test_switching_to_english_changes_headings_not_numbers(tmp_db: Path) -> None:
    app = run_app()
    app.sidebar.radio(key="lang").set_value("en").run()
    assert not app.exception
    assert app.title[0].value == "Data"
    assert metrics(app)["Dossiers"] == "1.416"


def test_language_comes_from_the_url(tmp_db: Path) -> None:
    # Checked on the first page: AppTest cannot switch pages once a translated selectbox is drawn in English.
    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params["lang"] = "en"
    app.run()
    assert not app.exception
    assert app.sidebar.radio(key="lang").value == "en"
    assert app.sidebar.subheader[0].value == "Filters"


def test_new_import_shows_on_the_next_run(tmp_db: Path) -> None:
    app = run_app()
    assert metrics(app)["Hồ sơ"] == "1.416"
    write_import(tmp_db, "Xã Đông Hưng", 584, file_name="them.xlsx")
    app.run()
    assert metrics(app)["Hồ sơ"] == "2.000"
    assert metrics(app)["Lần nhập"] == "4"


def _panel(app: AppTest) -> str:
    return " ".join([*(i.value for i in app.info), *(e.value for e in app.error)])


def test_missing_database_explains_how_to_start(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 11 §5: the file looked for, that it does not exist, and what to do; no command lines."""
    missing = tmp_path / "chua_co.duckdb"
    monkeypatch.setenv("CCHC_DB", str(missing))
    app = run_app()
    assert "Chưa có cơ sở dữ liệu" in [header.value for header in app.subheader]
    text = _panel(app)
    assert str(missing) in text and "chưa tồn tại" in text and "Nhập dữ liệu" in text
    assert "python -m" not in text
    assert not app.metric
    assert not missing.exists()  # showing the page must not create a database


def test_empty_database_explains_how_to_start(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "rong.duckdb"
    Database(empty).create_if_missing()
    monkeypatch.setenv("CCHC_DB", str(empty))
    app = run_app()
    assert "Cơ sở dữ liệu chưa có dữ liệu" in [header.value for header in app.subheader]
    text = _panel(app)
    assert str(empty) in text and "chưa có hồ sơ nào" in text and "python -m" not in text


@pytest.mark.parametrize("page", ["overview", "data"])
def test_an_unreadable_database_is_not_called_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, page
) -> None:
    broken = tmp_path / "hong.duckdb"
    broken.write_bytes(b"not a database")
    monkeypatch.setenv("CCHC_DB", str(broken))
    app = AppTest.from_file(APP, default_timeout=60)
    app.run()
    if page == "data":
        app.switch_page(DATA_PAGE).run()
    assert not app.exception, [e.message for e in app.exception]
    assert "Không đọc được cơ sở dữ liệu" in [header.value for header in app.subheader]
    assert str(broken) in " ".join(e.value for e in app.error)
    assert "chưa có dữ liệu" not in " ".join(h.value for h in app.subheader)
    assert broken.read_bytes() == b"not a database"  # left as it was


def test_every_ui_string_exists_in_both_languages() -> None:
    assert set(STRINGS["vi"]) == set(STRINGS["en"])
    assert all(STRINGS["vi"].values()) and all(STRINGS["en"].values())
