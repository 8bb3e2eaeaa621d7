"""The new queries of the fields and satisfaction pages agree with form06 / kpi_table on the same dossiers."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from fields_satisfaction_766_fixtures import PERIOD, build
from kpi_fixtures import dossier, store

from dashboard.kpi import periods
from dashboard.kpi.fields_queries import processing_days_histogram, processing_summary, weighted_quantile
from dashboard.kpi.filters import Filters
from dashboard.kpi.satisfaction_queries import ratings_from
from dashboard.kpi.summary import kpi_table


def test_histogram_adds_up_to_resolved_and_gives_form06_median_and_p90(tmp_path):
    db = build(tmp_path / "f.duckdb")
    histogram = processing_days_histogram(db, PERIOD)
    assert list(histogram.columns) == ["field", "procedure", "processing_days", "dossiers"]
    table = kpi_table(db, PERIOD, "procedure").set_index("procedure")
    summary = processing_summary(histogram).set_index("procedure")
    assert set(summary.index) == set(table.index)
    for procedure, row in summary.iterrows():
        assert row["resolved"] == table.loc[procedure, "resolved"]
        assert math.isclose(row["median"], table.loc[procedure, "processing_days_median"])
        assert math.isclose(row["p90"], table.loc[procedure, "processing_days_p90"])
    by_field = processing_summary(histogram, by="field").set_index("field")
    fields = kpi_table(db, PERIOD, "field").set_index("field")
    assert (by_field["resolved"] == fields.loc[by_field.index, "resolved"]).all()


def test_histogram_counts_working_days_and_only_resolved_dossiers_of_the_period(tmp_path):
    db = store(
        tmp_path / "h.duckdb",
        [
            dossier("A", "05/10/2026", finished="07/10/2026"),  # Mon → Wed: 2 working days
            dossier("B", "09/10/2026", finished="12/10/2026"),  # Fri → Mon: 1 working day
            dossier("C", "05/10/2026", finished="06/10/2026", status="withdrawn"),  # not resolved
            dossier("D", "05/10/2026"),  # open
            dossier("E", "05/10/2026", finished="02/11/2026"),  # resolved after the period
        ],
    )
    histogram = processing_days_histogram(db, periods.build("month", 2026, 10))
    assert dict(zip(histogram["processing_days"], histogram["dossiers"], strict=True)) == {1: 1, 2: 1}


def test_histogram_filters_and_empty_period(tmp_path):
    db = build(tmp_path / "f.duckdb")
    only = Filters(fields=("Đất đai",))
    histogram = processing_days_histogram(db, PERIOD, only)
    assert set(histogram["field"]) == {"Đất đai"}
    assert histogram["dossiers"].sum() == kpi_table(db, PERIOD, None, only).iloc[0]["resolved"]
    empty = processing_days_histogram(db, periods.build("month", 2020, 1))
    assert empty.empty and list(empty.columns) == ["field", "procedure", "processing_days", "dossiers"]
    assert processing_summary(empty).empty


def test_weighted_quantile_matches_numpy_on_the_repeated_days():
    days, counts = pd.Series([0, 2, 5, 9]), pd.Series([3, 1, 4, 2])
    repeated = np.repeat(days, counts)
    for q in (0.5, 0.9):
        assert weighted_quantile(days, counts, q) == np.quantile(repeated, q)
    assert math.isnan(weighted_quantile(pd.Series([], dtype=int), pd.Series([], dtype=int), 0.5))


def test_ratings_split_adds_up_to_form06_counts(tmp_path):
    db = build(tmp_path / "s.duckdb")
    ratings = ratings_from(kpi_table(db, PERIOD, "unit")).set_index("unit_key")
    table = kpi_table(db, PERIOD, "unit").set_index("unit_key")
    assert set(ratings.index) == set(table.index)
    for key, row in ratings.iterrows():
        assert row["very_satisfied"] + row["satisfied_only"] == table.loc[key, "satisfied"]
        assert row["dissatisfied"] == table.loc[key, "dissatisfied"]
        assert row["rated"] == table.loc[key, "rated"]
        assert row["very_satisfied"] > 0 and row["satisfied_only"] > 0
    empty = ratings_from(kpi_table(db, periods.build("month", 2020, 1), "unit"))
    assert empty.empty and "very_satisfied" in empty
