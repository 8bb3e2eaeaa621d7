"""Issue 11 §1, as it was found: the colour of each overview card's change, read from the rendered page, for a
rise and a fall of every KPI. A better rate is green, more overdue dossiers red, a volume grey."""

from __future__ import annotations

import pytest
from change_colours_fixture import EXPECTED_TONE, build
from conftest import streamlit_running, wait_until_idle

pytestmark = pytest.mark.browser

CARDS = ("received", "resolved", "on_time", "overdue", "online", "satisfaction")


@pytest.fixture(scope="module")
def colours_server(tmp_path_factory):
    path = tmp_path_factory.mktemp("colours") / "cchc.duckdb"
    build(path)
    with streamlit_running(path) as server:
        yield server


def tone_of(rgb: str) -> str:
    """ "rgb(r, g, b)" → green, red or gray (a colour whose channels are within 40 of each other)."""
    r, g, b = (int(float(part)) for part in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3])
    if max(r, g, b) - min(r, g, b) < 40:
        return "gray"
    return "green" if g > r else "red"


@pytest.mark.parametrize("month", sorted(EXPECTED_TONE))
def test_each_card_is_coloured_by_what_its_change_means(page, colours_server, screenshots, month):
    page.goto(f"{colours_server.url}/?so={month}")
    page.locator(".st-key-card-satisfaction [data-testid='stMetricDelta']").wait_for(timeout=60_000)
    wait_until_idle(page)
    seen = {}
    for card in CARDS:
        delta = page.locator(f".st-key-card-{card} [data-testid='stMetricDelta']")
        colour = delta.evaluate("element => getComputedStyle(element).color")
        seen[card] = tone_of(colour)
    page.screenshot(path=str(screenshots / f"change_colours_ky_{month}_1920x1080.png"))
    assert seen == EXPECTED_TONE[month]
    # The words agree with the arrow: a rise says "tăng", a fall "giảm".
    word = "tăng" if month == 10 else "giảm"
    for card in CARDS:
        assert word in page.locator(f".st-key-card-{card} [data-testid='stMetricDelta']").inner_text()
