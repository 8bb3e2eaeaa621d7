"""Biểu 06 counts (KPI_SPEC §4) and the rates of §5, on dossiers whose answers are known by hand."""

from __future__ import annotations

import tempfile
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from kpi_fixtures import dossier, store
from ngo_quyen import PERIOD as NGO_QUYEN_PERIOD
from ngo_quyen import ngo_quyen_database

from dashboard.formatting import format_count, format_rate
from dashboard.kpi.actions import action_list
from dashboard.kpi.filters import Filters
from dashboard.kpi.form06 import form06, form06_levels
from dashboard.kpi.periods import Period
from dashboard.kpi.rates import with_rates

OCTOBER = Period(date(2026, 10, 1), date(2026, 10, 31), "Tháng 10/2026", "month")

CASES = [
    dossier("A", "05/10/2026", "08/10/2026", "06/10/2026", channel="online"),  # c4 c7 c8
    dossier("B", "05/10/2026", "08/10/2026", "08/10/2026 16:00"),  # c5 c7 c9: same day is on time
    dossier("C", "05/10/2026", "08/10/2026", "12/10/2026", channel="postal"),  # c5 c7 c10
    dossier("D", "20/09/2026", "25/09/2026", "02/10/2026"),  # c6 c7 c10
    dossier("E", "20/09/2026", "25/09/2026", "25/09/2026"),  # finished before the period: absent
    dossier("F", "10/10/2026", "05/11/2026"),  # c5 c11 c12; due in 4 working days: not due soon
    dossier("G", "10/10/2026", "20/10/2026"),  # c5 c11 c13: overdue
    dossier("H", "10/10/2026", "20/10/2026", status="paused", supplement_requested_at="15/10/2026"),  # c12
    dossier("I", "10/10/2026", "11/10/2026", "12/10/2026", status="withdrawn"),  # c9 even though late
    dossier("J", "10/10/2026", "15/10/2026", "20/10/2026", status="stopped"),  # c10
    dossier("K", "10/10/2026", "15/10/2026", status="refused"),  # excluded
    dossier("L", "10/10/2026", "15/10/2026", status="not_received"),  # excluded
    dossier("M", "15/10/2026", "31/10/2026", "05/11/2026"),  # finished after the end: open, c12, due soon
    dossier("N", "16/10/2026", None, "30/10/2026"),  # no deadline: c9
    dossier("O", "01/11/2026", "03/11/2026"),  # after the period: absent
    dossier("P", "28/10/2026", "02/11/2026"),  # open, due Monday 2/11: due soon at Saturday 31/10
]


def test_every_column_follows_its_rule(tmp_path):
    db = store(tmp_path / "k.duckdb", CASES)
    row = form06(db, OCTOBER).iloc[0]
    expected = {
        "c4": 1, "c5": 10, "c6": 1, "c7": 7, "c8": 1, "c9": 3, "c10": 3, "c11": 5, "c12": 4, "c13": 1,
        "withdrawn": 1, "stopped": 1, "paused": 1, "due_soon": 2, "resolved": 5,
    }  # fmt: skip
    assert {k: int(row[k]) for k in expected} == expected
    assert row["c3"] == row["c4"] + row["c5"] + row["c6"] == row["c7"] + row["c11"] == 12


def test_a_past_period_is_seen_as_it_stood_at_its_end(tmp_path):
    """Issue 3 §3: M is resolved today, but at the end of October it was still in progress."""
    db = store(tmp_path / "k.duckdb", CASES)
    september = Period(date(2026, 9, 1), date(2026, 9, 30), "Tháng 9/2026", "month")
    row = form06(db, september).iloc[0]
    # D (received 20/09, finished 02/10) was open and overdue at 30/09; E finished on time in September.
    assert (row["c3"], row["c7"], row["c9"], row["c11"], row["c13"]) == (2, 1, 1, 1, 1)


def test_ngo_quyen_published_example():
    """KPI_SPEC §4: received 1.416 (online 328, direct and postal 1.086, previous period 2); resolved 1.410,
    99,93% early or on time; in progress 6, all within the deadline."""
    with tempfile.TemporaryDirectory() as folder:
        row = with_rates(form06(ngo_quyen_database(Path(folder) / "nq.duckdb"), NGO_QUYEN_PERIOD)).iloc[0]
    assert (row["c3"], row["c4"], row["c5"], row["c6"]) == (1416, 328, 1086, 2)
    assert (row["c7"], row["c10"], row["c11"], row["c12"], row["c13"]) == (1410, 1, 6, 6, 0)
    assert format_count(row["c3"]) == "1.416"
    assert format_rate(row["c8"] + row["c9"], row["c7"]) == "99,93%"
    assert abs(row["on_time_rate"] - 1409 / 1410) < 1e-12


def test_groups_add_up_to_the_total(tmp_path):
    rows = [
        dict(c, unit=u) for c, u in zip(CASES, ["Phường A", "Phường B", "Xã C", "Phường A"] * 4, strict=True)
    ]
    db = store(tmp_path / "k.duckdb", rows)
    total = form06(db, OCTOBER)
    for group in ("unit", "field", "channel", "procedure"):
        by = form06(db, OCTOBER, group_by=group)
        counts = [c for c in total.columns if c.startswith("c") and c[1:].isdigit()] + [
            "withdrawn",
            "due_soon",
        ]
        assert (by[counts].sum() == total[counts].iloc[0]).all(), group


def test_filters_select_units_and_channels(tmp_path):
    rows = [dict(c, unit="Phường A" if i % 2 else "Phường B") for i, c in enumerate(CASES)]
    db = store(tmp_path / "k.duckdb", rows)
    only_a = form06(db, OCTOBER, filters=Filters(unit_keys=("phường a",))).iloc[0]
    by_unit = form06(db, OCTOBER, group_by="unit").set_index("unit")
    assert only_a["c3"] == by_unit.loc["Phường A", "c3"]
    online = form06(db, OCTOBER, filters=Filters(channels=("online",))).iloc[0]
    assert (online["c4"], online["c5"]) == (1, 0)


def test_a_period_without_dossiers_has_zero_counts_and_no_rates(tmp_path):
    db = store(tmp_path / "k.duckdb", CASES)
    empty = Period(date(2020, 1, 1), date(2020, 1, 31), "Tháng 1/2020", "month")
    row = with_rates(form06(db, [empty, OCTOBER])).iloc[0]
    assert row["period"] == "Tháng 1/2020" and row["c3"] == 0 and row["c7"] == 0
    assert pd.isna(row["on_time_rate"]) and pd.isna(row["satisfaction_rate"])


def test_due_date_from_the_legal_time_limit_in_working_days(tmp_path):
    # Received Friday 9/10/2026 with a 3-working-day limit: due Wednesday 14/10; finished Thursday 15/10: late.
    rows = [dossier("X", "09/10/2026", None, "15/10/2026", procedure="Đăng ký kết hôn")]
    db = store(tmp_path / "k.duckdb", rows)
    assert form06(db, OCTOBER).iloc[0]["c9"] == 1  # no limit known yet: no deadline, on time
    with db.write() as conn:
        conn.execute("INSERT INTO procedure_time_limit VALUES ('Đăng ký kết hôn', 3)")
    row = form06(db, OCTOBER).iloc[0]
    assert (row["c9"], row["c10"], row["late_finished_days"]) == (0, 1, 1)


def test_calendar_overrides_move_deadlines(tmp_path):
    rows = [dossier("X", "09/10/2026", None, "14/10/2026", procedure="Đăng ký kết hôn")]
    db = store(tmp_path / "k.duckdb", rows)
    with db.write() as conn:
        conn.execute("INSERT INTO procedure_time_limit VALUES ('Đăng ký kết hôn', 3)")
    assert form06(db, OCTOBER).iloc[0]["c9"] == 1  # due 14/10, finished 14/10
    with db.write() as conn:  # Monday 12/10 declared a day off: the deadline moves to Thursday 15/10
        conn.execute("INSERT INTO calendar_override VALUES (DATE '2026-10-12', 'day_off', 'test')")
    assert form06(db, OCTOBER).iloc[0]["c8"] == 1


def test_satisfaction_counts_rated_resolved_dossiers(tmp_path):
    rows = [
        dossier("R1", "05/10/2026", "08/10/2026", "06/10/2026", rating="very_satisfied"),
        dossier("R2", "05/10/2026", "08/10/2026", "06/10/2026", rating="satisfied"),
        dossier("R3", "05/10/2026", "08/10/2026", "06/10/2026", rating="dissatisfied"),
        dossier("R4", "05/10/2026", "08/10/2026", "06/10/2026"),
    ]
    row = with_rates(form06(store(tmp_path / "k.duckdb", rows), OCTOBER)).iloc[0]
    assert (row["rated"], row["satisfied"], row["dissatisfied"]) == (3, 2, 1)
    assert row["satisfaction_rate"] == 2 / 3 and row["rating_coverage"] == 3 / 4


day = st.integers(0, 120).map(lambda n: date(2026, 7, 1) + timedelta(days=n))
random_dossier = st.tuples(
    day, st.integers(0, 20), st.one_of(st.none(), st.integers(0, 40)),
    st.sampled_from(["resolved", "withdrawn", "stopped", "paused", "in_progress", "refused"]),
    st.sampled_from(["online", "direct", "postal"]),
)  # fmt: skip


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(random_dossier, min_size=1, max_size=40), st.integers(0, 60), st.integers(1, 40))
def test_form_identities_hold_for_any_dossiers(items, offset, length):
    rows = []
    for i, (received, due_in, finish_in, status, channel) in enumerate(items):
        finished = received + timedelta(days=finish_in) if finish_in is not None else None
        if status in ("paused", "in_progress"):
            finished = None
        fmt = "%d/%m/%Y"
        rows.append(
            dossier(
                f"H{i}",
                received.strftime(fmt),
                (received + timedelta(days=due_in)).strftime(fmt),
                finished.strftime(fmt) if finished else None,
                status=status,
                channel=channel,
            )
        )
    first = Period(
        date(2026, 7, 1) + timedelta(days=offset),
        date(2026, 7, 1) + timedelta(days=offset + length),
        "P1",
        "custom",
    )
    second = Period(first.end + timedelta(days=1), first.end + timedelta(days=length), "P2", "custom")
    with tempfile.TemporaryDirectory() as folder:
        db = store(Path(folder) / "h.duckdb", rows)
        frame = form06(db, [first, second])
        by_unit = form06(db, [first, second], group_by="channel")
        overdue = action_list(db, first.end, "overdue")
        due_soon = action_list(db, first.end, "due_soon")
    assert (len(overdue), len(due_soon)) == (frame.iloc[0]["c13"], frame.iloc[0]["due_soon"])
    for _, row in frame.iterrows():
        assert row["c3"] == row["c4"] + row["c5"] + row["c6"] == row["c7"] + row["c11"]
        assert row["c7"] == row["c8"] + row["c9"] + row["c10"]
        assert row["c11"] == row["c12"] + row["c13"]
    # What is open at the end of one period is carried into the next (col 6).
    assert frame.iloc[1]["c6"] == frame.iloc[0]["c11"]
    assert (
        by_unit.groupby("period")["c3"].sum().reindex(["P1", "P2"], fill_value=0).tolist()
        == frame["c3"].tolist()
    )


def test_action_lists_are_the_dossiers_behind_the_counts(tmp_path):
    db = store(tmp_path / "k.duckdb", CASES)
    row = form06(db, OCTOBER).iloc[0]
    overdue = action_list(db, OCTOBER.end, "overdue")
    due_soon = action_list(db, OCTOBER.end, "due_soon")
    assert overdue["dossier_code"].tolist() == ["G"] and len(overdue) == row["c13"]
    assert overdue.iloc[0]["working_days_overdue"] == 8  # due Tue 20/10, as of Sat 31/10: 21–30/10
    assert due_soon["dossier_code"].tolist() == ["M", "P"] and len(due_soon) == row["due_soon"]
    assert due_soon["working_days_left"].tolist() == [0, 1]
    assert not {"Chủ hồ sơ", "address", "phone"} & set(overdue.columns)


def test_a_dossier_finished_before_its_receipt_counts_only_where_both_days_allow(tmp_path):
    """An import anomaly (finished 05/10, received 10/10) follows IN_PERIOD exactly, whatever path the query
    takes: in a period only when received by its end and not finished before its start."""
    db = store(tmp_path / "a.duckdb", [dossier("ODD", "10/10/2026", "20/10/2026", "05/10/2026")])
    after_finish = Period(date(2026, 10, 6), date(2026, 10, 31), "06/10–31/10", "custom")
    before_receipt = Period(date(2026, 10, 1), date(2026, 10, 7), "01/10–07/10", "custom")
    rows = form06(db, [after_finish, before_receipt, OCTOBER]).set_index("period")
    assert rows.loc[after_finish.label, ["c3", "c7", "c11"]].tolist() == [
        0,
        0,
        0,
    ]  # finished before the start
    assert rows.loc[before_receipt.label, ["c3", "c7", "c11"]].tolist() == [0, 0, 0]  # received after the end
    assert rows.loc[OCTOBER.label, ["c3", "c4", "c5", "c7", "c9", "c11"]].tolist() == [1, 0, 1, 1, 0, 0]


def test_several_groupings_from_one_pass_equal_each_grouping_alone(tmp_path):
    """form06_levels adds the finest counts up per level: counts, the largest delay and the medians (taken from
    the day counts) must be those of form06 grouped by that level alone."""
    fields = ["Hộ tịch", "Đất đai", "Chứng thực"]
    rows = [
        dict(c, unit=u, field_name=fields[i % 3], procedure=f"TT {i % 4}")
        for i, (c, u) in enumerate(zip(CASES, ["Phường A", "Phường B", "Xã C", "Phường A"] * 4, strict=True))
    ]
    db = store(tmp_path / "l.duckdb", rows)
    september = Period(date(2026, 9, 1), date(2026, 9, 30), "Tháng 09/2026", "month")
    levels = [None, "unit", ("unit", "field"), "field", ("field", "procedure"), "channel"]
    for periods in ([OCTOBER], [september, OCTOBER]):
        tables = form06_levels(db, periods, levels)
        for level, table in zip(levels, tables, strict=True):
            pd.testing.assert_frame_equal(table, form06(db, periods, level))
        assert (
            tables[1]["processing_days_median"].notna().any()
        )  # a level's medians were computed, not dropped
