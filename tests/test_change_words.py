"""A change is worded and coloured by what it means for its KPI (issue 11 §1), the same everywhere."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.kpi.change_words import METRIC_COLOUR, TEXT_COLOUR, change_of
from dashboard.kpi.directions import BAD, DIRECTION, GOOD, NEUTRAL, NO_CHANGE, NO_DATA, VOLUME


@pytest.mark.parametrize(
    ("kpi", "current", "previous", "kind", "text", "arrow", "colour"),
    [
        # The cases of the issue: worse shown in green.
        ("on_time_rate", 0.9683, 0.97, "rate", "-0,17 điểm % · giảm", "down", "red"),
        ("satisfaction_rate", 0.95, 0.9528, "rate", "-0,28 điểm % · giảm", "down", "red"),
        ("c7", 9944, 10392, "count", "-448 hồ sơ · giảm", "down", "gray"),
        ("c3", 10724, 11181, "count", "-457 hồ sơ · giảm", "down", "gray"),
        ("c3", 11181, 10724, "count", "+457 hồ sơ · tăng", "up", "gray"),
        ("overdue_count", 348, 321, "count", "+27 hồ sơ · tăng", "up", "red"),
        ("overdue_count", 321, 348, "count", "-27 hồ sơ · giảm", "down", "green"),
        ("online_rate", 0.6074, 0.5887, "rate", "+1,87 điểm % · tăng", "up", "green"),
        ("online_rate", 0.5, 0.50001, "rate", "0 · không đổi", "off", "gray"),
        ("c3", 5, 5, "count", "0 · không đổi", "off", "gray"),
        ("on_time_rate", math.nan, 0.9, "rate", None, "off", "gray"),
        ("on_time_rate", 0.9, None, "rate", None, "off", "gray"),
    ],
)
def test_the_cases_of_the_issue(kpi, current, previous, kind, text, arrow, colour):
    change = change_of(kpi, current, previous, kind)
    assert (change.text, change.arrow, change.metric_colour) == (text, arrow, colour)


def test_the_sign_is_ascii_so_that_streamlit_and_spreadsheets_read_it():
    assert change_of("c3", 1, 3, "count").text.startswith("-")
    assert "\u2212" not in change_of("on_time_rate", 0.1, 0.3, "rate").text


@given(
    st.sampled_from(sorted(DIRECTION)),
    st.floats(0, 1e6, allow_nan=False),
    st.floats(0, 1e6, allow_nan=False),
)
def test_a_volume_is_never_green_or_red_and_a_rise_and_fall_have_opposite_tones(kpi, a, b):
    up, down = change_of(kpi, max(a, b), min(a, b), "count"), change_of(kpi, min(a, b), max(a, b), "count")
    if up.tone == NO_CHANGE:
        assert down.tone == NO_CHANGE
        return
    if DIRECTION[kpi] == VOLUME:
        assert up.tone == down.tone == NEUTRAL
        assert up.metric_colour == down.metric_colour == "gray"
    else:
        assert {up.tone, down.tone} == {GOOD, BAD}
        assert {up.text_colour, down.text_colour} == {TEXT_COLOUR[GOOD], TEXT_COLOUR[BAD]}


def test_every_tone_has_a_colour():
    for tone in (GOOD, BAD, NEUTRAL, NO_CHANGE, NO_DATA):
        assert tone in METRIC_COLOUR and tone in TEXT_COLOUR


@pytest.mark.parametrize(
    ("column", "current", "previous", "kind", "tone"),
    [
        ("c7", 9944, 10392, "count", NEUTRAL),
        ("on_time_rate", 0.9683, 0.97, "rate", BAD),
        ("overdue_count", 300, 348, "count", GOOD),
    ],
)
def test_the_slides_colour_a_change_as_the_cards_do(column, current, previous, kind, tone):
    from dashboard.views.present.slides import _change_html

    rows = [
        pd.Series({"c3": 1, "c7": 1, "c11": 0, column: value}) for value in (current, previous)
    ]  # with dossiers
    html = _change_html(column, *rows, kind)
    assert f'data-tone="{tone}"' in html and TEXT_COLOUR[tone] in html
