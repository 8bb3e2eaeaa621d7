"""Open one page of the app under AppTest, the way a user lands on it (the app first, then the page)."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "streamlit_app.py")


def open_page(page: str, period=None) -> AppTest:
    """The app run once, then switched to dashboard/views/pages/<page>.py; no exception; the default period
    checked when given (the official month holding the newest data)."""
    app = AppTest.from_file(APP, default_timeout=60)
    app.run()
    app.switch_page(str(ROOT / f"dashboard/views/pages/{page}.py")).run()
    assert not app.exception, [e.message for e in app.exception]
    if period is not None:
        assert app.session_state["_selection"].period == period
    return app
