"""The Word report's paragraphs (issue 5 §2): the KPI_SPEC §4 published example word for word, the comparison
wording (percent for counts, percentage points for rates, "không có dữ liệu" without an earlier period), the
overdue units, and every number of the first paragraph equal to the content's for random counts."""

from __future__ import annotations

import math
import re
from datetime import date, datetime

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ngo_quyen import PERIOD, SCOPE, ngo_quyen_database

from dashboard.exports.report_text import (
    comparison_paragraph,
    overdue_paragraph,
    paragraphs,
    percent_change,
    point_change,
    results_paragraph,
)
from dashboard.formatting import format_count, format_rate
from dashboard.kpi.periods import Period
from dashboard.kpi.report import ReportContent, report_content

NGO_QUYEN = (
    "Từ ngày 01/01/2022 đến ngày 20/10/2022, tổng số hồ sơ TTHC đã tiếp nhận là 1.416 hồ sơ, trong đó: trực "
    "tuyến 328 hồ sơ; trực tiếp và qua dịch vụ bưu chính 1.086 hồ sơ; từ kỳ trước chuyển qua 2 hồ sơ. "
    "Số hồ sơ đã giải quyết là 1.410 hồ sơ, trong đó: trước hạn 1.409 hồ sơ; đúng hạn 0 hồ sơ; quá hạn 1 hồ sơ; "
    "tỷ lệ giải quyết trước hạn và đúng hạn đạt 99,93%. "
    "Số hồ sơ đang giải quyết là 6 hồ sơ, trong đó: trong hạn 6 hồ sơ; quá hạn 0 hồ sơ. "
    "Tỷ lệ hài lòng: không có dữ liệu (chưa có hồ sơ được đánh giá)."
)


@pytest.fixture(scope="module")
def ngo_quyen(tmp_path_factory) -> ReportContent:
    db = ngo_quyen_database(tmp_path_factory.mktemp("nq") / "nq.duckdb")
    return report_content(db, PERIOD, scope=SCOPE, now=datetime(2022, 10, 21, 8, 0))


def test_ngo_quyen_published_example_word_for_word(ngo_quyen):
    assert results_paragraph(ngo_quyen) == NGO_QUYEN
    assert paragraphs(ngo_quyen)[0] == NGO_QUYEN


def test_ngo_quyen_overdue_paragraph_names_no_unit_of_a_one_unit_report(ngo_quyen):
    assert paragraphs(ngo_quyen)[2] == (
        "Tổng số hồ sơ quá hạn (đã và đang giải quyết) là 1 hồ sơ, gồm 1 hồ sơ đã giải quyết quá hạn và "
        "0 hồ sơ đang quá hạn."
    )


def _period_row(compared, start, end, c3, c7, c8, c9, c10, c13, satisfied, rated):
    return {
        "compared": compared, "period_start": start, "period_end": end, "c3": c3, "c7": c7, "c8": c8, "c9": c9,
        "c10": c10, "c13": c13, "overdue_count": c10 + c13, "satisfied": satisfied, "rated": rated,
        "on_time_rate": (c8 + c9) / c7 if c7 else math.nan,
        "satisfaction_rate": satisfied / rated if rated else math.nan,
    }  # fmt: skip


def test_comparison_counts_in_percent_rates_in_points():
    compared = pd.DataFrame(
        [
            # on time 9.985 / 10.000 = 99,85%; satisfied 960 / 1.000 = 96,00%
            _period_row("current", date(2026, 9, 15), date(2026, 10, 14), 10520, 10000, 6000, 3985, 15, 5, 960, 1000),
            # on time 9.950 / 10.000 = 99,50%: +0,35 points; received 10.000 → 10.520: +5,20%
            _period_row("previous", date(2026, 8, 15), date(2026, 9, 14), 10000, 10000, 5000, 4950, 50, 0, 970, 1000),
            # nothing at all a year earlier
            _period_row("year_earlier", date(2025, 9, 15), date(2025, 10, 14), 0, 0, 0, 0, 0, 0, 0, 0),
        ]
    )  # fmt: skip
    assert comparison_paragraph(compared) == (
        "So với kỳ trước (từ ngày 15/08/2026 đến ngày 14/09/2026), số hồ sơ tiếp nhận tăng 5,20% (10.520 so với "
        "10.000); số hồ sơ đã giải quyết không đổi (10.000 so với 10.000); số hồ sơ quá hạn (đã và đang giải quyết) giảm 60,00% "
        "(20 so với 50); tỷ lệ giải quyết trước hạn, đúng hạn tăng 0,35 điểm phần trăm (99,85% so với 99,50%); "
        "tỷ lệ hài lòng giảm 1,00 điểm phần trăm (96,00% so với 97,00%). "
        "So với cùng kỳ năm trước (từ ngày 15/09/2025 đến ngày 14/10/2025): không có dữ liệu."
    )


def test_comparison_without_an_earlier_rate_or_count_says_no_data():
    compared = pd.DataFrame(
        [
            _period_row("current", date(2026, 10, 1), date(2026, 10, 31), 30, 10, 9, 0, 1, 0, 0, 0),
            _period_row("previous", date(2026, 9, 1), date(2026, 9, 30), 5, 0, 0, 0, 0, 0, 0, 0),
        ]
    )
    text = comparison_paragraph(compared)
    assert "số hồ sơ đã giải quyết: không có dữ liệu (10 so với 0)" in text
    assert "tỷ lệ giải quyết trước hạn, đúng hạn: không có dữ liệu" in text
    assert "tỷ lệ hài lòng: không có dữ liệu" in text
    assert "cùng kỳ năm trước" not in text  # no such row, no such sentence
    assert (
        comparison_paragraph(pd.DataFrame()) == "So sánh với kỳ trước và cùng kỳ năm trước: không có dữ liệu."
    )


def test_changes():
    assert percent_change(120, 100) == "tăng 20,00%"
    assert percent_change(1, 3) == "giảm 66,67%"
    assert percent_change(5, 0) == "không có dữ liệu"
    assert percent_change(7, 7) == "không đổi"
    assert point_change(0.9985, 0.995) == "tăng 0,35 điểm phần trăm"
    assert point_change(0.5, 0.625) == "giảm 12,50 điểm phần trăm"
    assert point_change(math.nan, 0.5) == "không có dữ liệu"
    assert point_change(0.5, 0.5) == "không đổi"


def test_overdue_paragraph_names_the_units_with_most_overdue_first():
    by_unit = pd.DataFrame(
        {"unit": ["Xã B", "Phường A", "Xã C", "Xã D"], "c10": [1, 3, 0, 2], "c13": [1, 2, 0, 0]}
    )
    total = pd.Series({"c10": 6, "c13": 3})
    assert overdue_paragraph(total, by_unit, most=2) == (
        "Tổng số hồ sơ quá hạn (đã và đang giải quyết) là 9 hồ sơ, gồm 6 hồ sơ đã giải quyết quá hạn và 3 "
        "hồ sơ đang quá hạn. Đơn vị có nhiều hồ sơ quá hạn nhất: Phường A (5 hồ sơ: 3 đã giải quyết quá hạn, 2 đang quá "
        "hạn); Xã B (2 hồ sơ: 1 đã giải quyết quá hạn, 1 đang quá hạn)."
    )  # Xã B before Xã D at 2 each: by name
    assert overdue_paragraph(pd.Series({"c10": 0, "c13": 0}), by_unit) == "Trong kỳ không có hồ sơ quá hạn."


# --- Every number of the first paragraph is the content's (random counts) ----------------------------------

COUNT = st.integers(min_value=0, max_value=3_000_000)
SMALL = st.integers(min_value=0, max_value=5_000)


@st.composite
def totals(draw) -> pd.Series:
    c4, c5, c6, c8, c9, c10, c12, c13 = (draw(COUNT) for _ in range(8))
    c7 = c8 + c9 + c10
    rated = draw(st.integers(min_value=0, max_value=c7))
    satisfied = draw(st.integers(min_value=0, max_value=rated))
    return pd.Series(
        {
            "c3": c4 + c5 + c6, "c4": c4, "c5": c5, "c6": c6, "c7": c7, "c8": c8, "c9": c9, "c10": c10,
            "c11": c12 + c13, "c12": c12, "c13": c13, "withdrawn": draw(SMALL), "stopped": draw(SMALL),
            "paused": draw(SMALL), "rated": rated, "satisfied": satisfied,
        }
    )  # fmt: skip


def _content(total: pd.Series) -> ReportContent:
    empty = pd.DataFrame()
    return ReportContent(
        period=Period(date(2026, 1, 1), date(2026, 3, 31), "Quý I/2026", "quarter"),
        by="unit", scope="Xã X", snapshot=date(2026, 4, 14), generated_at=datetime(2026, 4, 15),
        total=total, rows=empty, compared=empty, monthly=empty, by_unit=empty, overdue=empty,
        due_soon=empty, late_finished=empty,
    )  # fmt: skip


NUMBER = re.compile(r"\d{1,3}(?:\.\d{3})*(?:,\d{2}%)?")


@settings(max_examples=200, deadline=None)
@given(totals())
def test_every_number_in_the_paragraph_is_the_contents(total):
    text = results_paragraph(_content(total))
    dates, _, rest = text.partition(", ")
    assert dates == "Từ ngày 01/01/2026 đến ngày 31/03/2026"
    expected = [format_count(int(total[c])) for c in ("c3", "c4", "c5", "c6", "c7", "c8", "c9", "c10")]
    if total["c7"]:
        expected.append(format_rate(total["c8"] + total["c9"], total["c7"]))
    expected += [format_count(int(total[c])) for c in ("c11", "c12", "c13")]
    expected += [format_count(int(total[c])) for c in ("withdrawn", "stopped", "paused") if total[c]]
    if total["rated"]:
        expected += [format_rate(total["satisfied"], total["rated"]), format_count(int(total["rated"]))]
    assert NUMBER.findall(rest) == expected
    assert ("không có dữ liệu" in text) == (not total["c7"] or not total["rated"])
