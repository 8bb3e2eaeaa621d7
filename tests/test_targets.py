"""KPI targets and grades (đạt / gần đạt / chưa đạt), 766 bands (KPI_SPEC §7), evaluation grades (§8)."""

from __future__ import annotations

import math
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.kpi.targets import (
    DEFAULT_TARGETS,
    GRADE_LABEL_VI,
    GRADES,
    KPI_LABEL_VI,
    Target,
    band_766,
    evaluation_grade,
    grade,
    grade_label,
    targets_from_rows,
    targets_to_rows,
)

ON_TIME = DEFAULT_TARGETS["on_time_rate"]
OVERDUE = DEFAULT_TARGETS["overdue_count"]
ONLINE = DEFAULT_TARGETS["online_rate"]
SATISFACTION = DEFAULT_TARGETS["satisfaction_rate"]


def test_defaults_from_the_issue():
    assert dict(DEFAULT_TARGETS) == {
        "on_time_rate": Target("on_time_rate", "ge", 0.98, 0.03),
        "overdue_count": Target("overdue_count", "le", 0.0, 2.0),
        "online_rate": Target("online_rate", "ge", 0.50, 0.10),
        "satisfaction_rate": Target("satisfaction_rate", "ge", 0.90, 0.05),
    }
    assert set(KPI_LABEL_VI) == set(DEFAULT_TARGETS)
    with pytest.raises(TypeError):
        DEFAULT_TARGETS["on_time_rate"] = ON_TIME  # read-only


@pytest.mark.parametrize(
    ("value", "target", "expected"),
    [
        # On time ≥ 98%: exactly 98% is đạt, also when computed (49/50); 95% is the lowest gần đạt.
        (1.0, ON_TIME, "dat"),
        (0.98, ON_TIME, "dat"),
        (49 / 50, ON_TIME, "dat"),
        (0.9799, ON_TIME, "gan_dat"),
        (0.95, ON_TIME, "gan_dat"),
        (95 / 100, ON_TIME, "gan_dat"),
        (0.9499, ON_TIME, "chua_dat"),
        (0.0, ON_TIME, "chua_dat"),
        # Overdue = 0: 1–2 dossiers gần đạt.
        (0, OVERDUE, "dat"),
        (1, OVERDUE, "gan_dat"),
        (2, OVERDUE, "gan_dat"),
        (3, OVERDUE, "chua_dat"),
        # Online ≥ 50%, near 10 points.
        (0.5, ONLINE, "dat"),
        (1 / 2, ONLINE, "dat"),
        (0.4, ONLINE, "gan_dat"),
        (2 / 5, ONLINE, "gan_dat"),
        (0.3999, ONLINE, "chua_dat"),
        # Satisfaction ≥ 90%, near 5 points.
        (0.9, SATISFACTION, "dat"),
        (9 / 10, SATISFACTION, "dat"),
        (0.85, SATISFACTION, "gan_dat"),
        (0.8499, SATISFACTION, "chua_dat"),
    ],
)
def test_grade_boundaries(value, target, expected):
    assert grade(value, target) == expected


def test_eq_and_le_comparators():
    exactly_ten = Target("x", "eq", 10, 1)
    assert [grade(v, exactly_ten) for v in (10, 9, 11, 8.5, 11.5)] == ["dat", "gan_dat", "gan_dat"] + [
        "chua_dat"
    ] * 2
    at_most_three = Target("overdue_count", "le", 3, 0)  # near 0: no gần đạt band
    assert [grade(v, at_most_three) for v in (0, 3, 4)] == ["dat", "dat", "chua_dat"]


@pytest.mark.parametrize("missing", [None, float("nan"), math.nan, np.nan, np.float64("nan"), pd.NA])
def test_no_data_is_never_graded(missing):
    # KPI_SPEC §5: a rate whose denominator is 0 is "không có dữ liệu".
    for target in DEFAULT_TARGETS.values():
        assert grade(missing, target) is None
        assert grade_label(missing, target) is None
    assert band_766(missing) is None
    assert evaluation_grade(missing) is None


def test_grade_labels():
    assert GRADE_LABEL_VI == {"dat": "Đạt", "gan_dat": "Gần đạt", "chua_dat": "Chưa đạt"}
    assert set(GRADES) == set(GRADE_LABEL_VI)
    assert grade_label(0.96, ON_TIME) == "Gần đạt"
    assert grade(np.float64(0.99), ON_TIME) == "dat"
    with pytest.raises(TypeError):
        grade("0.99", ON_TIME)


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (0, "Yếu"),
        (69.99, "Yếu"),
        (70, "Trung bình"),
        (84.99, "Trung bình"),
        (85, "Tốt"),
        (89.99, "Tốt"),
        (90, "Rất tốt"),
        (100, "Rất tốt"),
    ],
)
def test_band_766(score, band):
    assert band_766(score) == band


def test_band_766_is_configurable_and_checks_the_scale():
    assert band_766(80, bands=((80.0, "Đạt"), (0.0, "Chưa đạt"))) == "Đạt"
    for wrong in (-1, 100.5):
        with pytest.raises(ValueError):
            band_766(wrong)


@pytest.mark.parametrize(
    ("total", "label"),
    [
        (18, "Xuất sắc"),
        (15, "Xuất sắc"),
        (14.99, "Tốt"),
        (12, "Tốt"),
        (11.99, "Khá"),
        (9, "Khá"),
        (8.99, "Trung bình"),
        (6, "Trung bình"),
        (5.99, "Yếu"),
        (0, "Yếu"),
    ],
)
def test_evaluation_grade(total, label):
    assert evaluation_grade(total) == label


def test_evaluation_grade_checks_the_scale():
    with pytest.raises(ValueError):
        evaluation_grade(95)  # a percent, not an 18-point total


@pytest.mark.parametrize(
    "kwargs",
    [
        {"kpi": "", "comparator": "ge", "value": 1, "near": 0},
        {"kpi": "x", "comparator": "gt", "value": 1, "near": 0},
        {"kpi": "x", "comparator": "ge", "value": math.nan, "near": 0},
        {"kpi": "x", "comparator": "ge", "value": 1, "near": -0.1},
        {"kpi": "x", "comparator": "ge", "value": 1, "near": math.inf},
    ],
)
def test_invalid_targets_are_refused(kwargs):
    with pytest.raises(ValueError):
        Target(**kwargs)


def test_rows_round_trip():
    rows = targets_to_rows(DEFAULT_TARGETS)
    assert rows[0] == {"kpi": "on_time_rate", "comparator": "ge", "value": 0.98, "near": 0.03}
    assert targets_from_rows(rows) == dict(DEFAULT_TARGETS)
    assert targets_to_rows(DEFAULT_TARGETS.values()) == rows


def test_rows_override_defaults_and_accept_store_types():
    rows = [
        {"kpi": "on_time_rate", "comparator": ">=", "value": Decimal("0.95"), "near": np.float64(0.02)},
        {"kpi": "due_soon_count", "comparator": "≤", "value": 5, "near": None},
    ]
    targets = targets_from_rows(rows)
    assert targets["on_time_rate"] == Target("on_time_rate", "ge", 0.95, 0.02)
    assert targets["due_soon_count"] == Target("due_soon_count", "le", 5.0, 0.0)
    assert targets["overdue_count"] == OVERDUE  # no row: the default stays
    assert set(targets_from_rows(rows, defaults={})) == {"on_time_rate", "due_soon_count"}


def test_rows_refuse_duplicates_and_bad_comparators():
    row = {"kpi": "online_rate", "comparator": "ge", "value": 0.6, "near": 0.1}
    with pytest.raises(ValueError, match="hai lần"):
        targets_from_rows([row, row])
    with pytest.raises(ValueError):
        targets_from_rows([{**row, "comparator": ">"}])


# --- Properties ---------------------------------------------------------------------------------------------

RANK = {"chua_dat": 0, "gan_dat": 1, "dat": 2}
FRACTIONS = st.floats(min_value=0, max_value=1, allow_nan=False)
COUNTS = st.floats(min_value=0, max_value=1e6, allow_nan=False)


@st.composite
def ge_targets(draw):
    return Target("x", "ge", draw(FRACTIONS), draw(st.floats(min_value=0, max_value=0.5, allow_nan=False)))


@given(ge_targets(), FRACTIONS, FRACTIONS)
def test_grading_is_monotone_in_the_value_for_ge_targets(target, a, b):
    low, high = sorted((a, b))
    assert RANK[grade(low, target)] <= RANK[grade(high, target)]


@given(COUNTS, st.floats(min_value=0, max_value=100, allow_nan=False), COUNTS, COUNTS)
def test_grading_is_antitone_in_the_value_for_le_targets(value, near, a, b):
    target = Target("x", "le", value, near)
    low, high = sorted((a, b))
    assert RANK[grade(low, target)] >= RANK[grade(high, target)]


@given(ge_targets(), FRACTIONS)
def test_ge_grade_matches_the_definition(target, value):
    expected = (
        "dat" if value >= target.value else "gan_dat" if value >= target.value - target.near else "chua_dat"
    )
    # Only a value within the tolerance (1e-9) of a boundary may be graded one step up.
    got = grade(value, target)
    assert (
        got == expected
        or abs(value - target.value) < 1e-8
        or abs(value - (target.value - target.near)) < 1e-8
    )


SCORES = st.floats(min_value=0, max_value=100, allow_nan=False)


@given(SCORES, SCORES)
def test_bands_and_evaluation_grades_are_monotone(a, b):
    bands = ["Yếu", "Trung bình", "Tốt", "Rất tốt"]
    grades = ["Yếu", "Trung bình", "Khá", "Tốt", "Xuất sắc"]
    low, high = sorted((a, b))
    assert bands.index(band_766(low)) <= bands.index(band_766(high))
    assert grades.index(evaluation_grade(low * 0.18)) <= grades.index(evaluation_grade(high * 0.18))
