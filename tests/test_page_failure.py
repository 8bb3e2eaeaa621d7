"""Issue 12 §7: an unexpected error on a page is one sentence with a code, not a traceback; the traceback goes
to the server's log under that code. With Streamlit's developer details on ("full", its default) the error is
raised as before, so that the other tests still see every exception."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from streamlit import config
from streamlit.testing.v1 import AppTest

from dashboard.views import overview_page

APP = str(Path(__file__).resolve().parent.parent / "streamlit_app.py")


@pytest.fixture
def broken_overview(tmp_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fails(*args, **kwargs):
        raise RuntimeError("secret detail /srv/cchc/data.duckdb")

    monkeypatch.setattr(overview_page, "only_demo_imported", fails)


@pytest.fixture
def error_details():
    before = config.get_option("client.showErrorDetails")
    yield lambda value: config.set_option("client.showErrorDetails", value)
    config.set_option("client.showErrorDetails", before)


def test_an_unexpected_error_is_a_sentence_and_a_code(broken_overview, error_details, caplog) -> None:
    error_details("none")  # as .streamlit/config.toml sets it for `make run`
    app = AppTest.from_file(APP, default_timeout=60)
    with caplog.at_level(logging.ERROR, logger="dashboard.views"):
        app.run()
    assert not app.exception
    messages = [e.value for e in app.error]
    assert len(messages) == 1 and messages[0].startswith("Trang gặp lỗi ngoài dự kiến"), messages
    assert "secret detail" not in messages[0] and "RuntimeError" not in messages[0]
    code = re.search(r"mã lỗi ([0-9a-f]{8})", messages[0]).group(1)
    logged = [r for r in caplog.records if code in r.getMessage()]
    assert logged and "secret detail" in logged[0].exc_text  # the administrator finds it by the code
    assert app.sidebar.radio  # the language switch and the rest of the sidebar are still there


def test_developer_details_raise_the_error_as_before(broken_overview, error_details) -> None:
    error_details("full")
    app = AppTest.from_file(APP, default_timeout=60)
    app.run()
    assert app.exception and "secret detail" in app.exception[0].message


def test_the_project_config_hides_developer_details() -> None:
    text = (Path(APP).parent / ".streamlit" / "config.toml").read_text(encoding="utf-8")
    assert re.search(r'^showErrorDetails = "none"$', text, re.MULTILINE)
