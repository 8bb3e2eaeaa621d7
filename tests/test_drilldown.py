"""The dossiers behind a number (issue 11 §15): every count's list holds exactly the dossiers form06 counted,
for every column, every cell of every grouping and any filters."""

from __future__ import annotations

import tempfile
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from kpi_fixtures import dossier, store
from test_form06 import CASES, OCTOBER

from dashboard.kpi import periods as kpi_periods
from dashboard.kpi.drilldown import (
    MEASURES,
    RATE_MEASURES,
    STATES,
    Drill,
    counts_by_cell,
    dossier_list,
    drill_count,
)
from dashboard.kpi.filters import ALL, Filters
from dashboard.kpi.form06 import form06
from dashboard.kpi.periods import Period
from dashboard.kpi.rates import with_rates
from dashboard.store import Database

# The form's columns and the counts beside them, as form06 names them (received, satisfied_only are ours).
FORM_MEASURES = [m for m in MEASURES if m not in ("received", "satisfied_only")]


def expected(row: pd.Series, measure: str) -> int:
    """form06 / with_rates' number for a measure (ours that form06 has no column for: from its parts)."""
    if measure == "received":
        return int(row["c4"] + row["c5"])
    if measure == "satisfied_only":
        return int(row["satisfied"] - row["very_satisfied"])
    return int(row[measure])


def test_every_count_lists_the_dossiers_worked_out_by_hand(tmp_path):
    db = store(tmp_path / "k.duckdb", CASES)
    by_hand = {
        "c3": "ABCDFGHIJMNP", "c4": "A", "c5": "BCFGHIJMNP", "c6": "D", "c7": "ABCDIJN", "c8": "A", "c9": "BIN",
        "c10": "CDJ", "c11": "FGHMP", "c12": "FHMP", "c13": "G", "withdrawn": "I", "stopped": "J",
        "resolved": "ABCDN", "paused": "H", "due_soon": "MP", "overdue_count": "CDGJ", "received": "ABCFGHIJMNP",
    }  # fmt: skip
    for measure, codes in by_hand.items():
        listed = dossier_list(db, Drill.of(measure, OCTOBER))
        assert sorted(listed["dossier_code"]) == list(codes), measure
        assert drill_count(db, Drill.of(measure, OCTOBER)) == (len(codes), 0)


def test_the_list_says_what_became_of_each_dossier_by_the_end_and_how_many_days_late(tmp_path):
    listed = dossier_list(store(tmp_path / "k.duckdb", CASES), Drill.of("c3", OCTOBER)).set_index(
        "dossier_code"
    )
    assert listed.loc["G", "state"] == "open_overdue" and listed.loc["G", "days_late"] == 8  # as action_list
    assert listed.loc["M", "state"] == "open_within"  # resolved today, open at the end of October
    assert listed.loc["M", "status"] == "resolved" and pd.isna(listed.loc["M", "days_late"])
    assert (
        listed.loc["C", "state"] == "late" and listed.loc["C", "days_late"] == 2
    )  # due Thu 8/10, on Mon 12/10
    assert listed.loc["J", "state"] == "stopped_late" and listed.loc["I", "state"] == "withdrawn"
    assert listed.loc["H", "state"] == "paused" and pd.isna(listed.loc["H", "days_late"])
    assert set(listed["state"]) <= set(STATES)
    # Most days late first: the dossier a leader asks about is at the top.
    assert listed["days_late"].dropna().is_monotonic_decreasing and listed.index[0] == "G"
    assert listed.loc["N", "due_day"] is pd.NaT or pd.isna(listed.loc["N", "due_day"])
    assert listed.loc["A", "received_day"] == date(2026, 10, 5) and listed.loc["A", "finished_day"] == date(
        2026, 10, 6
    )
    assert not {"owner", "applicant", "address", "phone", "id_number"} & set(listed.columns)


def test_a_rate_opens_its_denominator_with_the_numerator_marked(tmp_path):
    db = store(tmp_path / "k.duckdb", CASES)
    row = with_rates(form06(db, OCTOBER)).iloc[0]
    for rate in ("on_time_rate", "online_rate", "progress_rate_766", "late_rate", "resolution_rate"):
        listed = dossier_list(db, Drill.of(rate, OCTOBER))
        total, numerator = drill_count(db, Drill.of(rate, OCTOBER))
        assert (len(listed), int(listed["in_numerator"].sum())) == (total, numerator)
        assert numerator / total == pytest.approx(row[rate]), rate
    on_time = dossier_list(db, Drill.of("on_time_rate", OCTOBER))
    assert sorted(on_time.loc[on_time["in_numerator"], "dossier_code"]) == list("ABIN")


def test_an_unknown_measure_or_dimension_is_refused():
    with pytest.raises(ValueError, match="measure"):
        Drill.of("c14", OCTOBER)
    with pytest.raises(ValueError, match="dimension"):
        Drill.of("c3", OCTOBER, cell={"officer": "x"})


def _compare_cells(db: Database, period: Period, dimensions: tuple[str, ...], filters: Filters = ALL):
    """form06's table and the conditions' counts, cell by cell, for every measure; returns the merged frame."""
    table = with_rates(form06(db, period, group_by=dimensions or None, filters=filters))
    keys = ["unit_key" if d == "unit" else d for d in dimensions]
    ours = counts_by_cell(db, period, dimensions, filters)
    if not keys:
        table, ours = table.assign(k=0), ours.assign(k=0)
        keys = ["k"]
    merged = table.merge(ours, on=keys, how="outer", suffixes=("", "_drill"), indicator=True)
    for measure in FORM_MEASURES:
        form = merged[measure].fillna(0).astype("int64")
        drill = merged[f"{measure}_drill"].fillna(0).astype("int64")
        assert (form == drill).all(), (
            dimensions,
            measure,
            merged.loc[form != drill, keys].to_dict("records"),
        )
    assert (
        merged["satisfied_only"].fillna(0) == (merged["satisfied"] - merged["very_satisfied"]).fillna(0)
    ).all()
    return merged


@pytest.fixture(scope="module")
def demo_db(demo_database) -> Database:
    return Database(demo_database[0])


def _demo_periods(db: Database) -> list[Period]:
    with db.read() as cur:
        last = cur.execute("SELECT max(rd) FROM dossier").fetchall()[0][0]
    month = kpi_periods.containing(last, "official_month")
    quarter = kpi_periods.containing(last, "official_quarter")
    return [month, kpi_periods.previous(month), quarter]


@pytest.mark.parametrize(
    "dimensions", [(), ("unit",), ("field",), ("procedure",), ("channel",), ("unit", "field")]
)
def test_every_cell_of_every_grouping_counts_what_form06_counts(demo_db, dimensions):
    for period in _demo_periods(demo_db):
        merged = _compare_cells(demo_db, period, dimensions)
        assert merged["c3"].sum() > 0


def test_the_months_of_a_trend_count_what_form06_counts_for_each_month(demo_db):
    last = _demo_periods(demo_db)[0].end
    months = kpi_periods.buckets(kpi_periods.custom(date(last.year - 1, last.month, 1), last), "month")
    table = with_rates(form06(demo_db, months)).set_index("period")
    for month in months[-4:]:
        ours = counts_by_cell(demo_db, month).iloc[0]
        assert [int(ours[m]) for m in FORM_MEASURES] == [
            int(table.loc[month.label, m]) for m in FORM_MEASURES
        ]


def test_a_sample_of_cells_lists_as_many_dossiers_as_the_cell_shows(demo_db):
    """The list itself (not only its condition) for a few cells: unit, field, unit × field, under a filter."""
    period = _demo_periods(demo_db)[2]
    units = with_rates(form06(demo_db, period, group_by="unit"))
    cells = with_rates(form06(demo_db, period, group_by=("unit", "field")))
    for _, row in units.head(3).iterrows():
        for measure in ("c3", "c7", "c10", "c13", "overdue_count", "due_soon"):
            drill = Drill.of(measure, period, cell={"unit": row["unit_key"]})
            listed = dossier_list(demo_db, drill)
            assert len(listed) == drill_count(demo_db, drill)[0] == row[measure], (row["unit"], measure)
            assert set(listed["unit_key"]) <= {row["unit_key"]}
        drill = Drill.of("on_time_rate", period, cell={"unit": row["unit_key"]})
        total, numerator = drill_count(demo_db, drill)
        assert total == row["c7"] and numerator == row["c8"] + row["c9"]
    row = cells.sort_values("c3").iloc[len(cells) // 2]
    filters = Filters(channels=("online", "direct", "postal"))
    drill = Drill.of("c5", period, filters, {"unit": row["unit_key"], "field": row["field"]})
    listed = dossier_list(demo_db, drill)
    assert len(listed) == row["c5"] and set(listed["field_name"]) <= {row["field"]}


# Random dossiers of two units, three fields and every channel and status, and random filters over them.
day = st.integers(0, 120).map(lambda n: date(2026, 7, 1) + timedelta(days=n))
random_dossier = st.tuples(
    day, st.integers(0, 20), st.one_of(st.none(), st.integers(0, 40)),
    st.sampled_from(["resolved", "withdrawn", "stopped", "paused", "in_progress", "refused", "not_received"]),
    st.sampled_from(["online", "direct", "postal"]), st.sampled_from(["Phường A", "Xã B"]),
    st.sampled_from(["Hộ tịch", "Đất đai", None]), st.sampled_from([None, "very_satisfied", "satisfied",
                                                                       "dissatisfied"]),
    st.one_of(st.none(), st.integers(0, 10)),
)  # fmt: skip
random_filters = st.builds(
    Filters,
    unit_keys=st.sampled_from([(), ("phường a",), ("xã b",)]),
    fields=st.sampled_from([(), ("Hộ tịch",), ("Đất đai", "Hộ tịch")]),
    channels=st.sampled_from([(), ("online",), ("direct", "postal")]),
)


def _rows(items) -> list[dict]:
    rows = []
    for i, (received, due_in, finish_in, status, channel, unit, field, rating, asked_in) in enumerate(items):
        finished = received + timedelta(days=finish_in) if finish_in is not None else None
        if status in ("paused", "in_progress"):
            finished = None
        asked = received + timedelta(days=asked_in) if status == "paused" and asked_in is not None else None
        fmt = "%d/%m/%Y"
        rows.append(
            dossier(
                f"R{i}", received.strftime(fmt), (received + timedelta(days=due_in)).strftime(fmt) if due_in else None,
                finished.strftime(fmt) if finished else None, status=status, channel=channel, unit=unit,
                field_name=field, rating=rating if status == "resolved" else None,
                supplement_requested_at=asked.strftime(fmt) if asked else None,
            )
        )  # fmt: skip
    return rows


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(random_dossier, min_size=1, max_size=40), st.integers(0, 90), st.integers(0, 45), random_filters,
    st.integers(0, 5), st.lists(st.sampled_from([*MEASURES, *RATE_MEASURES]), min_size=3, max_size=3),
)  # fmt: skip
def test_for_any_dossiers_and_filters_each_list_is_as_long_as_its_count(
    items, offset, length, filters, soon, listed
):
    """Every column's count by its condition equals form06's, in total and per unit × field (one query each);
    the list itself, and the count shown at its top, for three of them drawn at random (a list costs a query)."""
    period = Period(
        date(2026, 7, 1) + timedelta(days=offset),
        date(2026, 7, 1) + timedelta(days=offset + length),
        "P",
        "custom",
    )
    with tempfile.TemporaryDirectory() as folder:
        db = store(Path(folder) / "h.duckdb", _rows(items))
        row = with_rates(form06(db, period, filters=filters, due_soon_days=soon)).iloc[0]
        ours = counts_by_cell(db, period, (), filters, soon)
        ours = ours.iloc[0] if len(ours) else pd.Series(0, index=list(MEASURES))
        assert {m: int(ours[m]) for m in MEASURES} == {m: expected(row, m) for m in MEASURES}
        _compare_cells(db, period, ("unit", "field"), filters)
        for measure in listed:
            drill = Drill.of(measure, period, filters, due_soon_days=soon)
            frame = dossier_list(db, drill)
            total, part = drill_count(db, drill)
            assert frame["dossier_code"].is_unique and len(frame) == total
            numerator, denominator = RATE_MEASURES.get(measure, ((), (measure,)))
            assert total == sum(expected(row, m) for m in denominator), measure
            assert part == int(frame["in_numerator"].sum()) == sum(expected(row, m) for m in numerator), (
                measure
            )
