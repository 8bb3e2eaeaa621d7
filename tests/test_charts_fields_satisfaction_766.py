"""Chart builders of the fields, satisfaction and 766 pages: the figures carry the KPI engine's numbers, in the
shared style (Vietnamese separators, palette colours), and never draw a non-computable group as 0."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from fields_satisfaction_766_fixtures import PERIOD, build

from dashboard.charts import fields, index766, satisfaction
from dashboard.charts.style import EARLY, LATE, ON_TIME, PALETTE
from dashboard.kpi.decision766 import GROUP_POINTS, estimate_by_unit
from dashboard.kpi.fields_queries import processing_days_histogram, processing_summary
from dashboard.kpi.satisfaction_queries import ratings_from
from dashboard.kpi.summary import kpi_table


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build(tmp_path_factory.mktemp("charts") / "c.duckdb")


def test_timeliness_bars_are_the_shares_of_column_7(db):
    table = kpi_table(db, PERIOD, "procedure")
    figure = fields.timeliness_bars(table, "procedure")
    assert figure.layout.separators == ",."
    early, on_time, late = figure.data
    assert [t.marker.color for t in figure.data] == [EARLY, ON_TIME, LATE]
    rows = table.set_index("procedure")
    for i, name in enumerate(early.y):
        row = rows.loc[name]
        assert math.isclose(early.x[i], row["c8"] / row["c7"])
        assert math.isclose(on_time.x[i], row["c9"] / row["c7"])
        assert math.isclose(late.x[i], row["late_rate"])
        assert late.customdata[i][1] == row["c10"]


def test_processing_histogram_and_slowest_procedures(db):
    histogram = processing_days_histogram(db, PERIOD)
    summary = processing_summary(histogram)
    row = summary.iloc[0]
    rows = histogram[histogram["procedure"] == row["procedure"]]
    figure = fields.processing_histogram(rows, row["median"], row["p90"], 10.0)
    assert figure.layout.separators == ",."
    bars = figure.data[0]
    assert sum(bars.y) == row["resolved"]
    lines = {trace.name.split(":")[0]: trace.x[0] for trace in figure.data[1:]}
    assert lines == {"Trung vị": row["median"], "Phân vị 90": row["p90"], "Thời hạn luật định": 10.0}
    # Without a stored limit the line is absent, not drawn at 0.
    assert len(fields.processing_histogram(rows, row["median"], row["p90"], float("nan")).data) == 3

    summary["limit_days"] = [10.0, float("nan"), float("nan")]
    figure = fields.slowest_procedures(summary)
    median, p90, limit = figure.data
    assert list(median.x) == list(summary["median"]) and list(p90.x) == list(summary["p90"])
    assert median.marker.color in PALETTE and p90.marker.color in PALETTE
    assert limit.x[0] == 10.0 and math.isnan(limit.x[1])


def test_ratings_stacked_shows_shares_and_the_number_rated(db):
    ratings = ratings_from(kpi_table(db, PERIOD, "unit"))
    figure = satisfaction.ratings_stacked(ratings)
    assert figure.layout.separators == ",."
    very, satisfied, dissatisfied, labels = figure.data
    assert [very.marker.color, satisfied.marker.color, dissatisfied.marker.color] == [
        satisfaction.RATING_COLOURS[c] for c in ("very_satisfied", "satisfied_only", "dissatisfied")
    ]
    rows = ratings.set_index("unit")
    for i, unit in enumerate(very.y):
        r = rows.loc[unit]
        assert math.isclose(
            very.x[i] + satisfied.x[i], (r["very_satisfied"] + r["satisfied_only"]) / r["rated"]
        )
        assert very.customdata[i][1] == r["rated"]
        assert labels.text[i].strip() == f"n = {r['rated']}"


def test_satisfaction_scatter_is_on_time_against_satisfaction_sized_by_rated(db):
    table = kpi_table(db, PERIOD, "unit")
    figure = satisfaction.satisfaction_vs_timeliness(table)
    (bubbles,) = figure.data
    assert list(bubbles.x) == list(table["on_time_rate"])
    assert list(bubbles.y) == list(table["satisfaction_rate"])
    assert list(bubbles.marker.size) == list(table["rated"])
    assert [c[1] for c in bubbles.customdata] == list(table["rated"])
    assert figure.layout.xaxis.tickformat == ",.0%" and figure.layout.separators == ",."


def test_estimate_stacked_leaves_out_groups_not_computable(db):
    estimate = estimate_by_unit(db, PERIOD)
    figure = index766.estimate_stacked(estimate)
    names = [trace.name for trace in figure.data]
    assert not any(name.startswith("Công khai") for name in names)  # CKMB: not in any export
    tdgq = next(trace for trace in figure.data if trace.name.startswith("Tiến độ"))
    expected = estimate.sort_values("estimated_points", ascending=False, kind="stable")
    assert list(tdgq.x) == pytest.approx(list(expected["tdgq"]))
    assert figure.layout.separators == ",."


def test_component_bars_write_the_words_for_a_missing_group():
    points = {"ckmb": float("nan"), "tdgq": 19.5, "clgq": 12.0, "tttt": 8.0, "mdhl": 18.0, "mdsh": 20.0}
    figure = index766.component_bars(points)
    maximum, scored = figure.data
    assert list(maximum.x) == list(GROUP_POINTS.values())
    assert scored.x[0] is None and scored.text[0] == "không tính được từ dữ liệu này"
    assert list(scored.x[1:]) == [19.5, 12.0, 8.0, 18.0, 20.0]
    assert scored.text[1] == "19,50"
    assert any(a.text == "không tính được từ dữ liệu này" for a in figure.layout.annotations)


def test_official_ranking_is_best_first():
    scores = pd.DataFrame({"unit_name": ["B", "A", "C"], "total": [90.5, 93.21, 80.0], "rank": [2, 1, 3]})
    figure = index766.official_ranking(scores)
    (bars,) = figure.data
    assert list(bars.y) == ["A", "B", "C"] and list(bars.x) == [93.21, 90.5, 80.0]
    assert bars.text[0] == "93,21" and figure.layout.separators == ",."


def test_satisfaction_scatter_draws_the_targets_in_words(db):
    table = kpi_table(db, PERIOD, "unit")
    figure = satisfaction.satisfaction_vs_timeliness(table, on_time_target=0.98, satisfaction_target=0.9)
    texts = sorted(a.text for a in figure.layout.annotations)
    assert texts == ["Chỉ tiêu 90%", "Chỉ tiêu 98%"]
    assert {s.x0 for s in figure.layout.shapes if s.x0 == s.x1} == {0.98}
