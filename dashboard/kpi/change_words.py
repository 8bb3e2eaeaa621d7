"""A KPI's change between two periods as text, arrow and tone (issue 11 §1): what every card, slide, table and
the Word report print and colour. Pure: words in, words out; the tone comes from directions.change_tone, so a
fall of the on-time rate is bad, a fall of the overdue count good and a fall of the dossiers received neutral
wherever it is shown.

The sign is ASCII "-" (not U+2212): Streamlit's st.metric and spreadsheets read it as negative.
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.formatting import format_count, format_decimal
from dashboard.kpi.directions import BAD, GOOD, NEUTRAL, NO_CHANGE, NO_DATA, change_tone, missing_number

TONES = (GOOD, BAD, NEUTRAL, NO_CHANGE, NO_DATA)
# st.metric's delta_color names: the colour is given, never inferred by Streamlit from the sign.
METRIC_COLOUR = {GOOD: "green", BAD: "red", NEUTRAL: "gray", NO_CHANGE: "gray", NO_DATA: "gray"}
# Text colours for HTML and Word, each at least 7:1 on white (WCAG AAA).
TEXT_COLOUR = {GOOD: "#005A32", BAD: "#9E0B0B", NEUTRAL: "#4D4D4D", NO_CHANGE: "#4D4D4D", NO_DATA: "#4D4D4D"}
RATE_TOLERANCE_POINTS = 0.005  # a rate change that rounds to 0,00 điểm % is no change


@dataclass(frozen=True)
class Change:
    text: str | None  # "+120 hồ sơ · tăng", "-3,20 điểm % · giảm", "0 · không đổi"; None when not comparable
    arrow: str  # "up" | "down" | "off"
    tone: str  # one of TONES

    @property
    def metric_colour(self) -> str:
        return METRIC_COLOUR[self.tone]

    @property
    def text_colour(self) -> str:
        return TEXT_COLOUR[self.tone]


@dataclass(frozen=True)
class Words:
    """The words around the number, in the page's language."""

    up: str = "tăng"
    down: str = "giảm"
    same: str = "không đổi"
    points: str = "điểm %"
    dossiers: str = "hồ sơ"


def change_of(kpi: str, current, previous, kind: str, words: Words = Words()) -> Change:
    """The change of `kpi` (a kpi_table column) from previous to current; kind "rate" (shown in percentage
    points) or "count"."""
    if missing_number(current) or missing_number(previous):
        return Change(None, "off", NO_DATA)
    difference = float(current) - float(previous)
    if kind == "rate":
        points = difference * 100
        size = format_decimal(abs(points)) + " " + words.points
        same = abs(points) < RATE_TOLERANCE_POINTS
    else:
        size = format_count(int(round(abs(difference)))) + " " + words.dossiers
        same = round(difference) == 0
    if same:
        return Change(f"0 · {words.same}", "off", NO_CHANGE)
    tone = change_tone(kpi, current, previous)
    if difference > 0:
        return Change(f"+{size} · {words.up}", "up", tone)
    return Change(f"-{size} · {words.down}", "down", tone)
