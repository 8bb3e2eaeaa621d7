"""Honest scales shared by every chart of a rate, on screen, on slides and in the Word report (issue 11 §11).

- Rate axes never zoom in on the data: a line of rates runs on a fixed range from a round floor (80% unless the
  data or the target go lower, then the 10% step below them) to 100%, so a one-point dip is one point of a
  twenty-point axis, not a crash. The floor is written in the axis title.
- Bars of a rate start at 0 and end at 100%: a bar's length is its value, and the best and the worst units are
  drawn on the same scale.
- The unit × field heatmap never fades a low value into the white of the page: every colour of its scale is a
  saturated one (Okabe–Ito), below the target warm (vermillion → orange), at or above it cool (sky → blue), so
  that a 57% cell is the most visible of all.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from dashboard.charts.style import BLUE, ORANGE, SKY, VERMILLION

RATE_FLOOR = 0.8  # the lowest default start of a rate axis: 80%
FLOOR_STEP = 0.1
# A hair past 100%, so that Plotly keeps the "100%" tick at the axis' end (it drops a tick exactly on it).
BAR_RANGE = (0.0, 1.0001)
SHARE_TICKS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)
# Low → high, no white anywhere; the cells write their value, so colour is never the only carrier.
SATURATED_SEQUENTIAL = ((0.0, VERMILLION), (1 / 3, ORANGE), (2 / 3, SKY), (1.0, BLUE))


def _finite(values: Iterable) -> list[float]:
    out = []
    for value in values:
        try:
            number = float(value)
        except (TypeError, ValueError):
            continue
        if math.isfinite(number):
            out.append(number)
    return out


def rate_floor(values: Iterable, target: float | None = None) -> float:
    """The start of a rate axis: 80%, or the 10% step at or below the lowest value (or the target) when lower."""
    seen = _finite([*values, *([target] if target is not None else [])])
    lowest = min(seen) if seen else RATE_FLOOR
    if lowest >= RATE_FLOOR:
        return RATE_FLOOR
    # The small epsilon keeps 0.7 (0.6999…) at 0.7 instead of dropping one step.
    return max(0.0, math.floor(lowest / FLOOR_STEP + 1e-9) * FLOOR_STEP)


def rate_range(values: Iterable, target: float | None = None) -> tuple[float, float]:
    """[floor, 100%] for a line of rates (the trend's right axis)."""
    return (rate_floor(values, target), 1.0)


def percent_label(value: float) -> str:
    """0.8 → "80%" (axis titles, captions)."""
    text = f"{value * 100:.1f}".rstrip("0").rstrip(".").replace(".", ",")
    return f"{text}%"


def rate_target(targets, kpi: str) -> float | None:
    """The value a rate should reach (a "≥" target from the settings), for the target line and the heatmap's
    step; None when the KPI has no such target."""
    target = targets.get(kpi) if targets else None
    return float(target.value) if target is not None and target.comparator == "ge" else None


def heatmap_scale(zmin: float, zmax: float, target: float | None) -> list[list]:
    """A Plotly colorscale over [zmin, zmax]: warm below the target, cool from it, all colours saturated.

    Without a target inside the range (no target, or every value on one side), the saturated sequential scale."""
    if target is None or not (zmin < target < zmax):
        return [[position, colour] for position, colour in SATURATED_SEQUENTIAL]
    cut = (target - zmin) / (zmax - zmin)
    below = max(cut - 1e-6, 0.0)  # a hard step at the target: a cell is on one side or the other
    return [[0.0, VERMILLION], [below, ORANGE], [cut, SKY], [1.0, BLUE]]
