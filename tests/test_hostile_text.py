"""Issue 12 §3: text from imported files is shown as text on every page: escaped for Markdown wherever
Streamlit renders Markdown, and for Plotly in every chart (checked here on what the pages send; the browser
test checks what is drawn)."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest
from fixture_data import ROOT
from hostile_text_fixture import FIELD, RAW_MARKERS, UNIT, build
from streamlit.testing.v1 import AppTest

from dashboard.charts.style import styled
from dashboard.safe_text import WORD_JOINER, markdown_text, plotly_text

APP = str(ROOT / "streamlit_app.py")
PAGES = ("overview", "units", "fields", "satisfaction", "actions", "report", "data", "index766")


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory):
    return build(tmp_path_factory.mktemp("hostile") / "cchc.duckdb").path


def _rendered_as_markdown(app: AppTest) -> list[str]:
    """The text of every element Streamlit renders as Markdown, labels included."""
    texts = []
    for kind in (
        "markdown",
        "caption",
        "info",
        "warning",
        "error",
        "success",
        "title",
        "header",
        "subheader",
    ):
        texts += [element.value for element in getattr(app, kind)]
    texts += [element.label for element in app.metric] + [element.label for element in app.expander]
    texts += [element.label for element in app.button] + [element.label for element in app.toggle]
    return [str(text) for text in texts]


@pytest.mark.parametrize("page", PAGES)
def test_no_page_renders_imported_names_as_markdown(page, hostile_db, monkeypatch) -> None:
    monkeypatch.setenv("CCHC_DB", str(hostile_db))
    app = AppTest.from_file(APP, default_timeout=90)
    app.run()
    app.switch_page(str(ROOT / f"dashboard/views/pages/{page}.py")).run()
    if page == "report":
        app.toggle(key="report-preview").set_value(True).run()
    assert not app.exception, [e.message for e in app.exception]
    texts = _rendered_as_markdown(app)
    for text in texts:
        for marker in RAW_MARKERS:
            assert marker not in text, (page, marker, text)
    if page in ("units", "report"):
        # The name is there, escaped, where these pages quote it.
        assert any(markdown_text(UNIT) in text for text in texts), page


def test_units_page_names_the_unit_outside_the_funnel_escaped(hostile_db, monkeypatch) -> None:
    monkeypatch.setenv("CCHC_DB", str(hostile_db))
    app = AppTest.from_file(APP, default_timeout=90)
    app.run()
    app.switch_page(str(ROOT / "dashboard/views/pages/units.py")).run()
    outside = [m.value for m in app.markdown if "Phường Độc" in m.value]
    assert outside and all(markdown_text(UNIT) in value for value in outside)


def test_markdown_text_escapes_and_breaks_links() -> None:
    escaped = markdown_text("**a** [b](http://x.y/z) ![c](d) :red[e] $f$ www.g.h i@j.k\nl")
    assert "\n" not in escaped and "*" not in escaped.replace("\\*", "")
    assert (
        f"http\\:{WORD_JOINER}\\/\\/" in escaped
        and f"www{WORD_JOINER}\\." in escaped
        and f"@{WORD_JOINER}" in escaped
    )
    assert markdown_text("Phường Hải Châu") == "Phường Hải Châu"  # plain names are untouched


def test_charts_get_escaped_data_text() -> None:
    figure = styled(go.Figure(go.Bar(y=[UNIT, "Phường Một"], x=[1, 2], customdata=[[FIELD], ["x"]])))
    assert figure.data[0].y == (plotly_text(UNIT), "Phường Một")
    assert "<a" not in str(figure.data[0].customdata) and "&lt;a href" in str(figure.data[0].customdata)
    assert plotly_text("<b>x</b> & y") == "&lt;b&gt;x&lt;/b&gt; &amp; y"
