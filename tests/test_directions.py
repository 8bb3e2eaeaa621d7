"""One definition of "better" per KPI (issue 11 §1)."""

from __future__ import annotations

import math

import pytest

from dashboard.kpi.directions import BAD, GOOD, NEUTRAL, NO_CHANGE, NO_DATA, change_tone


@pytest.mark.parametrize(
    ("kpi", "current", "previous", "tone"),
    [
        ("on_time_rate", 0.98, 0.97, GOOD),
        ("on_time_rate", 0.9683, 0.97, BAD),
        ("satisfaction_rate", 0.95, 0.9528, BAD),
        ("overdue_count", 10, 12, GOOD),
        ("overdue_count", 12, 10, BAD),
        ("c13", 3, 1, BAD),
        ("c7", 100, 548, NEUTRAL),
        ("c3", 548, 100, NEUTRAL),
        ("online_rate", 0.5, 0.5, NO_CHANGE),
        ("online_rate", math.nan, 0.5, NO_DATA),
        ("online_rate", 0.5, None, NO_DATA),
        ("something_new", 2, 1, NEUTRAL),
    ],
)
def test_a_change_is_coloured_by_what_it_means(kpi, current, previous, tone):
    assert change_tone(kpi, current, previous) == tone


def test_a_tolerance_makes_tiny_changes_no_change():
    assert change_tone("on_time_rate", 0.97001, 0.97, tolerance=0.00005) == NO_CHANGE
