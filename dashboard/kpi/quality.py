"""Data-quality signals per unit (issue 3 §7): numbers that look too good, or rest on dates that are not there.

Over the dossiers of a period as form06 counts them (received by its end and not finished before its start;
classes not_received and refused excluded), with the same dates, due days and working-day calendar
(dashboard.kpi.dossier_dates), per unit:
- finished exactly on the due day: on-time finishes spread before the deadline; when most land on the very
  day, the end dates were probably typed to match it;
- missing dates: no due date and none computable from the procedure's time limit, or a finished class
  (resolved / withdrawn / stopped) without an end date, which form06 can only count as still in progress;
- stored due dates that disagree with the one computed from the procedure's legal time limit;
- a 100% on-time or satisfaction rate resting on a handful of dossiers (from form06's own counts).
Shares whose denominator is 0 are NaN ("không có dữ liệu", KPI_SPEC §5), never 0 or 1.
"""

from __future__ import annotations

from numbers import Integral

import pandas as pd

from dashboard.kpi.dossier_dates import DATED_DOSSIERS, IN_PERIOD, dated_where, run_dated
from dashboard.kpi.filters import ALL, Filters
from dashboard.kpi.form06 import form06
from dashboard.kpi.periods import Period
from dashboard.kpi.rates import ratio, with_rates
from dashboard.kpi.unit_groups import display_names, unit_groups
from dashboard.store import Database

# Thresholds of the `flags` summary (ours, not legal; the counts and shares are always shown beside them).
# On-time dossiers usually finish a little before their deadline: when half or more of the finished dossiers
# that had a due date ended exactly on it, the end dates were probably typed to match the deadline.
DUE_DAY_SHARE_FLAG = 0.50
# … judged only on at least this many such dossiers: 2 of 3 on the due day says nothing.
DUE_DAY_MIN_FINISHED = 5
# A due date is missing only for the rare procedure without a deadline, an end date never: from 5% of the
# unit's dossiers missing one of them, its numbers are noticeably uncertain.
MISSING_DATES_SHARE_FLAG = 0.05
# Extensions and receipts after the desk's closing hour explain a few stored due dates that differ from the
# legal time limit; from 10% of the dossiers having both, the limit or the dates are wrong.
DUE_DISAGREES_SHARE_FLAG = 0.10

COLUMNS = (
    "unit",
    "unit_key",
    "dossiers",  # dossiers of the period (form06's col 3)
    "finished",  # finished in the period (form06's col 7)
    "finished_with_due",  # … that had a due date, stored or computed
    "finished_on_due_day",  # … that ended exactly on it
    "share_finished_on_due_day",  # finished_on_due_day / finished_with_due
    "missing_due",  # no due date, none computable from a time limit
    "finished_without_date",  # class resolved / withdrawn / stopped, finished_at missing
    "missing_dates",  # dossiers with either (one dossier may have both)
    "share_missing_dates",  # missing_dates / dossiers
    "due_and_limit",  # a stored due date and a time limit to compare it with
    "due_disagrees_with_limit",  # … whose dates differ
    "share_due_disagrees_with_limit",  # due_disagrees_with_limit / due_and_limit
    "tiny_sample_perfect_rates",  # "Tỷ lệ đúng hạn 100% trên 3 hồ sơ", "" when none
    "flags",  # short Vietnamese summary of the signals that fire, "" when none
)
_COUNTS = (
    "dossiers",
    "finished",
    "finished_with_due",
    "finished_on_due_day",
    "missing_due",
    "finished_without_date",
    "missing_dates",
    "due_and_limit",
    "due_disagrees_with_limit",
)

_QUERY = (
    "WITH"
    + DATED_DOSSIERS
    + """,
q AS (
    SELECT d.*,
           d.fd BETWEEN p.start_day AND p.end_day AS finished_in,
           d.status IN ('resolved', 'withdrawn', 'stopped') AND d.finished_at IS NULL AS finished_without_date
    FROM d JOIN periods p ON """
    + IN_PERIOD
    + """
)
SELECT q.unit_group AS unit_key,
    count(*)                                                            AS dossiers,
    count(*) FILTER (finished_in)                                       AS finished,
    count(*) FILTER (finished_in AND dd IS NOT NULL)                    AS finished_with_due,
    count(*) FILTER (finished_in AND fd = dd)                           AS finished_on_due_day,
    count(*) FILTER (dd IS NULL)                                        AS missing_due,
    count(*) FILTER (finished_without_date)                             AS finished_without_date,
    count(*) FILTER (dd IS NULL OR finished_without_date)               AS missing_dates,
    count(*) FILTER (due_at IS NOT NULL AND limit_dd IS NOT NULL)       AS due_and_limit,
    count(*) FILTER (due_at::DATE <> limit_dd)                          AS due_disagrees_with_limit
FROM q
GROUP BY ALL
"""
)


def quality_by_unit(
    db: Database, period: Period, filters: Filters = ALL, tiny_sample: int = 10
) -> pd.DataFrame:
    """One row per unit with dossiers in `period`, by unit name; the columns of COLUMNS.

    tiny_sample: a 100% on-time rate ((col 8 + col 9) / col 7) or satisfaction rate (satisfied / rated) on fewer
    dossiers than this is listed in tiny_sample_perfect_rates and flagged.
    """
    if not isinstance(period, Period):
        raise TypeError(f"Cần một kỳ báo cáo (Period), không phải {period!r}")
    if isinstance(tiny_sample, bool) or not isinstance(tiny_sample, Integral) or tiny_sample < 1:
        raise ValueError(f"Ngưỡng mẫu nhỏ phải là số nguyên ≥ 1, không phải {tiny_sample!r}")
    where, params = dated_where(filters, [period])
    groups = unit_groups(db, filters.units, period.end)
    frame = run_dated(db, _QUERY.format(filters=where), params, [period], groups)
    if frame.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in COLUMNS})
    frame.insert(0, "unit", display_names(db, groups, frame["unit_key"]))
    frame[list(_COUNTS)] = frame[list(_COUNTS)].astype("int64")
    frame["share_finished_on_due_day"] = ratio(frame["finished_on_due_day"], frame["finished_with_due"])
    frame["share_missing_dates"] = ratio(frame["missing_dates"], frame["dossiers"])
    frame["share_due_disagrees_with_limit"] = ratio(frame["due_disagrees_with_limit"], frame["due_and_limit"])

    rates = with_rates(form06(db, period, group_by="unit", filters=filters))
    tiny = {
        key: _tiny_sample_perfect_rates(row, tiny_sample)
        for key, row in zip(rates["unit_key"], rates.itertuples(index=False), strict=True)
    }
    frame["tiny_sample_perfect_rates"] = frame["unit_key"].map(tiny).fillna("")
    frame["flags"] = [_flags(row) for row in frame.itertuples(index=False)]
    return frame.sort_values(["unit", "unit_key"], kind="stable").reset_index(drop=True)[list(COLUMNS)]


def _tiny_sample_perfect_rates(row, tiny_sample: int) -> str:
    """Which of the unit's rates is exactly 100% on fewer than tiny_sample dossiers (NaN is never 100%)."""
    found = []
    if row.on_time_rate == 1 and row.c7 < tiny_sample:
        found.append(f"Tỷ lệ đúng hạn 100% trên {_count(row.c7)} hồ sơ")
    if row.satisfaction_rate == 1 and row.rated < tiny_sample:
        found.append(f"Tỷ lệ hài lòng 100% trên {_count(row.rated)} hồ sơ được đánh giá")
    return "; ".join(found)


def _flags(row) -> str:
    found = []
    if row.finished_with_due >= DUE_DAY_MIN_FINISHED and row.share_finished_on_due_day >= DUE_DAY_SHARE_FLAG:
        found.append(
            f"{_percent(row.share_finished_on_due_day)} hồ sơ đã giải quyết kết thúc đúng ngày hẹn trả"
        )
    if row.share_missing_dates >= MISSING_DATES_SHARE_FLAG:
        found.append(f"{_percent(row.share_missing_dates)} hồ sơ thiếu ngày hẹn trả hoặc ngày kết thúc")
    if row.share_due_disagrees_with_limit >= DUE_DISAGREES_SHARE_FLAG:
        found.append(
            f"{_percent(row.share_due_disagrees_with_limit)} ngày hẹn trả lệch thời hạn giải quyết của thủ tục"
        )
    if row.tiny_sample_perfect_rates:
        found.append(row.tiny_sample_perfect_rates)
    return "; ".join(found)


def _percent(share: float) -> str:
    """A whole percent, enough for a flag (the share itself keeps full precision in its column)."""
    return f"{share * 100:.0f}%"


def _count(n: int) -> str:
    return f"{int(n):,}".replace(",", ".")  # KPI_SPEC §5: "." as the thousands separator
