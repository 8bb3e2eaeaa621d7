"""Synthetic dossiers for the demo: two years of one city's one-stop desks, in the canonical record.

Every draw is vectorised with numpy over all rows; the only per-row Python is formatting the dossier codes.
The result passes the import validation rules (received_at present, due_at and finished_at never before
received_at by date, unique dossier_code) and carries the patterns the dashboard is meant to show:

- receipts on working days only (KPI_SPEC §6), 7:30–11:30 and 13:30–17:00; online submissions made at night or
  over a weekend are received the next working day morning (submitted_at earlier than received_at);
- seasonality: a rush two to four weeks before Tết, a deep dip in the last days before and the first two weeks
  after it, a Q3 peak for land, a Monday peak;
- channel mix moving from ~35 % to ~60 % online over the two years, ~3 % postal (KPI_SPEC §5 online rate);
- due_at = add_working_days(receipt day, limit) at 17:00 (KPI_SPEC §6), pushed back by the time a dossier waited
  for the citizen's supplement;
- most units finish 0.5–2 % late, four units 8–15 % late and with more overdue dossiers still open;
- the last weeks hold dossiers still in progress, some overdue and some due within two working days, so the
  dashboard's action lists are not empty (KPI_SPEC §5 due soon).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from dashboard.demo.catalog import FIELDS, PREDECESSORS, PROCEDURES, REORGANISATION, STATUS_LABELS, UNITS
from dashboard.domain import STATUS_CODE_CLASS
from dashboard.store.schema import DOSSIER_COLUMNS
from dashboard.text import unit_key
from dashboard.workdays import WorkCalendar, default_calendar

DEFAULT_END = dt.date(2026, 11, 14)  # fixed, so that tests and screenshots are reproducible

_H = 3600
MORNING = (7 * _H + 30 * 60, 11 * _H + 30 * 60)
AFTERNOON = (13 * _H + 30 * 60, 17 * _H)
CLOSE = 17 * _H
SEC = np.timedelta64(1, "s")
NAT = np.datetime64("NaT", "s")

# Outcome shares of dossiers that are not processed to the end (KPI_SPEC §2).
P_NOT_RECEIVED, P_REFUSED, P_WITHDRAWN, P_STOPPED = 0.003, 0.004, 0.006, 0.002


def _start_of_window(end: dt.date) -> dt.date:
    """First day of the two full years that end on `end`."""
    try:
        return end.replace(year=end.year - 2) + dt.timedelta(days=1)
    except ValueError:  # 29 February
        return dt.date(end.year - 2, 3, 1)


def _day_weights(days: np.ndarray, cal: WorkCalendar) -> tuple[np.ndarray, np.ndarray]:
    """Relative receipt volume per working day: (general, land with its Q3 peak)."""
    weights = np.ones(days.size)
    weekday = (days.astype(np.int64) + 3) % 7
    weights[weekday == 0] *= 1.15  # Monday: the weekend's questions arrive
    weights[weekday == 4] *= 0.9
    month = days.astype("datetime64[M]").astype(np.int64) % 12 + 1
    weights[month == 12] *= 1.1  # year-end: plans to finish, land before the new price table
    years = days.astype("datetime64[Y]").astype(np.int64) + 1970
    for year in range(int(years.min()), int(years.max()) + 2):
        tet = np.datetime64(cal.lunar_new_year(year), "D")
        offset = (days - tet).astype(np.int64)
        weights[(offset >= -28) & (offset <= -10)] *= 1.35  # rush to finish papers before Tết
        weights[(offset > -10) & (offset < 0)] *= 0.35  # last days before the break
        weights[(offset > 0) & (offset <= 14)] *= 0.3  # "ra Giêng": desks open, citizens do not come
        weights[(offset > 14) & (offset <= 24)] *= 0.75
    trend = 1 + 0.1 * np.linspace(0, 1, days.size)  # slow growth of demand
    land = weights * np.where((month >= 7) & (month <= 9), 1.45, 1.0)
    return weights * trend, land * trend


def _draw(rng: np.random.Generator, weights: np.ndarray, size: int) -> np.ndarray:
    cdf = np.cumsum(weights)
    return np.minimum(np.searchsorted(cdf, rng.random(size) * cdf[-1], side="right"), weights.size - 1)


def _office_seconds(rng: np.random.Generator, size: int) -> np.ndarray:
    """Seconds after midnight within office hours (mornings are busier)."""
    morning = rng.random(size) < 0.62
    lo = np.where(morning, MORNING[0], AFTERNOON[0])
    hi = np.where(morning, MORNING[1], AFTERNOON[1])
    return (lo + rng.random(size) * (hi - lo)).astype(np.int64)


def _at(days: np.ndarray, seconds: np.ndarray) -> np.ndarray:
    return days.astype("datetime64[s]") + seconds.astype(np.int64) * SEC


def _later_same_day(rng: np.random.Generator, after: np.ndarray, minimum: int = 300) -> np.ndarray:
    """A time after `after` on its day, before closing time where possible."""
    day = after.astype("datetime64[D]")
    room = np.maximum((_at(day, np.full(day.size, CLOSE)) - after) / SEC, 0)
    return after + np.maximum(minimum, rng.random(after.size) * room).astype(np.int64) * SEC


def generate_dossiers(
    n: int = 220_000, seed: int = 7, end: dt.date | None = None, calendar: WorkCalendar | None = None
) -> pd.DataFrame:
    """`n` dossiers received in the two years ending on `end` (default DEFAULT_END), as of `end`.

    Columns are exactly DOSSIER_COLUMNS; deterministic for a given (n, seed, end).
    """
    rng = np.random.default_rng(seed)
    cal = calendar or default_calendar()
    end = end or DEFAULT_END
    start = _start_of_window(end)
    end_day = np.datetime64(end, "D")
    all_days = np.arange(np.datetime64(start, "D"), end_day + 1)
    work_days = all_days[cal.is_working_day_array(all_days)]

    # -- what, where, when ------------------------------------------------------------------------------
    proc_weights = np.array([p.weight for p in PROCEDURES])
    proc = _draw(rng, proc_weights, n)
    unit = _draw(rng, np.array([u.size for u in UNITS]), n)
    field = [FIELDS[p.field_name] for p in PROCEDURES]
    is_land = np.array([f.q3_peak for f in field])[proc]
    general_w, land_w = _day_weights(work_days, cal)
    day_idx = np.where(is_land, _draw(rng, land_w, n), _draw(rng, general_w, n))
    day = work_days[day_idx]
    progress = (day - work_days[0]).astype(np.int64) / max(1, (work_days[-1] - work_days[0]).astype(np.int64))

    limit_raw = np.array([-1 if p.limit_days is None else p.limit_days for p in PROCEDURES])[proc]
    has_deadline = limit_raw >= 0
    limit = np.where(has_deadline, limit_raw, 5)  # a notification is handled within about a week anyway
    online_level = np.array([p.online or "" for p in PROCEDURES], dtype=object)[proc]
    capable = online_level != ""
    unit_online = np.array([u.online_factor for u in UNITS])[unit]
    unit_late = np.array([u.late_rate for u in UNITS])[unit]
    unit_worse = np.array([u.is_worse for u in UNITS])[unit]
    late_factor = np.array([f.late_factor for f in field])[proc]
    supplement_rate = np.array([f.supplement_rate for f in field])[proc]
    has_fee = np.array([p.has_fee for p in PROCEDURES])[proc]

    # -- channel (KPI_SPEC §1): online share 35 % → 60 %, carried by the procedures that can go online ---
    capable_share = proc_weights[[p.online is not None for p in PROCEDURES]].sum() / proc_weights.sum()
    p_online = np.clip((0.35 + 0.25 * progress) / capable_share * unit_online, 0, 0.95)
    u = rng.random(n)
    online = capable & (u < p_online)
    postal = capable & ~online & (u < p_online + 0.04)
    channel = np.where(online, "online", np.where(postal, "postal", "direct")).astype(object)

    # -- submission and receipt times -------------------------------------------------------------------
    received = _at(day, _office_seconds(rng, n))
    submitted = received.copy()
    # Online after hours: submitted between the previous working day's closing and this morning's opening.
    previous = np.where(day_idx > 0, work_days[np.maximum(day_idx - 1, 0)], day - 1)
    night = online & (rng.random(n) < 0.35)
    closed_from = _at(previous, np.full(n, CLOSE))
    closed_to = _at(day, np.full(n, MORNING[0]))
    gap = (closed_to - closed_from) / SEC
    submitted[night] = (closed_from + (rng.random(n) * gap).astype(np.int64) * SEC)[night]
    morning_queue = np.minimum(rng.exponential(2700, n), 3 * _H).astype(np.int64)
    received[night] = (closed_to + morning_queue * SEC)[night]
    # Online in office hours: received within the hour, never after closing.
    daytime = online & ~night
    room = (_at(day, np.full(n, CLOSE)) - submitted) / SEC
    lag = np.minimum(np.minimum(rng.exponential(1800, n), 2 * _H), rng.random(n) * room).astype(np.int64)
    received[daytime] = (submitted + lag * SEC)[daytime]
    # Postal: posted one to three days before it reaches the desk.
    posted = _at(day - rng.integers(1, 4, n), 8 * _H + rng.integers(0, 8 * _H, n))
    submitted[postal] = posted[postal]

    # -- outcome class ----------------------------------------------------------------------------------
    u = rng.random(n)
    not_received = online & (u < P_NOT_RECEIVED)
    refused = ~not_received & (u >= P_NOT_RECEIVED) & (u < P_NOT_RECEIVED + P_REFUSED)
    cut = P_NOT_RECEIVED + P_REFUSED
    withdrawn = (u >= cut) & (u < cut + P_WITHDRAWN)
    stopped = (u >= cut + P_WITHDRAWN) & (u < cut + P_WITHDRAWN + P_STOPPED)
    flow = ~(not_received | refused | withdrawn | stopped)  # processed to a result (or still open)

    # -- supplement requests (yêu cầu bổ sung): the clock stops while the citizen gathers papers --------
    supplement = flow & (rng.random(n) < supplement_rate)
    request_offset = np.minimum((rng.random(n) * (limit + 1)).astype(np.int64), limit)
    request_day = cal.add_working_days_array(day, request_offset)
    pause = rng.geometric(0.2, n)  # working days until the papers come back
    resume_day = cal.add_working_days_array(request_day, pause)
    supplement &= request_day <= end_day  # a request after the snapshot is not known yet
    paused_now = supplement & (resume_day > end_day)
    resumed = supplement & ~paused_now

    # -- due date (KPI_SPEC §6) and finish date ---------------------------------------------------------
    due_day = cal.add_working_days_array(day, np.where(resumed, limit + pause, limit))
    late = flow & has_deadline & (rng.random(n) < unit_late * late_factor)
    on_the_day = rng.random(n) < 0.25
    early = np.floor(rng.beta(1.3, 2.2, n) * limit).astype(np.int64)
    offset = np.where(late, limit + rng.geometric(0.35, n).clip(max=25), np.where(on_the_day, limit, early))
    offset = np.where(resumed, offset + pause, offset)
    # Withdrawn and stopped dossiers end somewhere within the limit.
    quit_offset = np.floor(rng.random(n) * (limit + 1)).astype(np.int64)
    offset = np.where(withdrawn | stopped, quit_offset, offset)
    finish_day = cal.add_working_days_array(day, offset)

    # Dossiers that got stuck: received in the last two months, past due, still open at the snapshot.
    recent = (end_day - day).astype(np.int64) <= 60
    stuck = flow & has_deadline & recent & (limit > 0) & (rng.random(n) < np.where(unit_worse, 0.06, 0.004))
    ends = (withdrawn | stopped | flow) & ~paused_now
    finished = ends & (finish_day <= end_day) & ~stuck
    open_now = (flow | withdrawn | stopped) & ~finished & ~paused_now

    finish_time = np.where(
        finish_day == day, _later_same_day(rng, received), _at(finish_day, _office_seconds(rng, n))
    )

    # -- status (KPI_SPEC §2) ---------------------------------------------------------------------------
    status_code = np.zeros(n, dtype=np.int16)
    status_code[not_received] = 1
    status_code[refused] = 3
    last_two = (day >= work_days[-2]) & (rng.random(n) < 0.6)
    status_code[open_now] = np.where(last_two, 2, 4)[open_now]
    land_tax = np.array([p.field_name == "Đất đai" for p in PROCEDURES])[proc] & (rng.random(n) < 0.4)
    status_code[paused_now] = np.where(land_tax, 6, 5)[paused_now]
    status_code[finished & withdrawn] = 7
    status_code[finished & stopped] = 8
    resolved = finished & flow
    return_offset = np.where(
        rng.random(n) < 0.55,
        0,
        np.where(rng.random(n) < 0.45, 1, 2 + rng.geometric(0.3, n).clip(max=20)),
    )
    return_day = cal.add_working_days_array(finish_day, return_offset)
    collected = resolved & (return_day <= end_day) & (rng.random(n) >= 0.02)
    status_code[resolved] = np.where(collected, 10, 9)[resolved]
    assert (status_code > 0).all()

    # -- dates as stored --------------------------------------------------------------------------------
    has_due = has_deadline & ~(not_received | refused)
    due_at = np.where(has_due, _at(due_day, np.full(n, CLOSE)), NAT)
    finished_at = np.where(finished, finish_time, NAT)
    returned_time = np.where(
        return_offset == 0, _later_same_day(rng, finish_time, 60), _at(return_day, _office_seconds(rng, n))
    )
    handed_back = (finished & withdrawn) & (rng.random(n) < 0.5)
    returned_at = np.where(collected, returned_time, np.where(handed_back, finish_time, NAT))
    code_six = paused_now & land_tax
    with_request = supplement & ~code_six
    request_time = np.where(
        request_day == day, _later_same_day(rng, received), _at(request_day, _office_seconds(rng, n))
    )
    supplement_at = np.where(with_request, request_time, NAT)
    extra_requests = (rng.random(n) < 0.15).astype(np.int64) + (rng.random(n) < 0.03)
    supplement_count = np.where(with_request, 1 + extra_requests, 0)

    # -- evaluation and the 766 booleans (KPI_SPEC §7) --------------------------------------------------
    was_late = finished & has_due & (finish_day > due_day)
    rated = resolved & (rng.random(n) < np.where(online, 0.45, 0.38))
    p_dissatisfied = np.where(was_late, 0.35, np.where(unit_worse, 0.10, 0.025))
    u = rng.random(n)
    rating = np.where(
        u < p_dissatisfied,
        "dissatisfied",
        np.where(u < p_dissatisfied + (1 - p_dissatisfied) * 0.55, "very_satisfied", "satisfied"),
    ).astype(object)
    rating[~rated] = None

    processed = ~(not_received | refused)
    p_paid = np.where(online, 0.55 + 0.35 * progress, np.where(postal, 0.5, 0.05 + 0.15 * progress))
    paid_online = _nullable_bool(rng.random(n) < p_paid, has_fee & processed)
    digitized = _nullable_bool(rng.random(n) < 0.5 + 0.4 * progress, resolved)
    apology = _nullable_bool(
        was_late & (rng.random(n) < np.where(unit_worse, 0.35, 0.7)), finished & ~withdrawn
    )

    # -- dossier codes: {agency}-{yyMMdd}-{seq:04d}, seq per agency per receipt day, in receipt order ----
    order = np.lexsort((received, day, unit))
    group = unit[order].astype(np.int64) * 1_000_000 + day[order].astype(np.int64)
    first = np.r_[True, group[1:] != group[:-1]]
    first_pos = np.maximum.accumulate(np.where(first, np.arange(n), 0))
    seq = np.empty(n, dtype=np.int64)
    seq[order] = np.arange(n) - first_pos + 1
    agency = np.array([u.agency_code for u in UNITS], dtype=object)[unit]
    yymmdd = np.array([d.strftime("%y%m%d") for d in work_days.tolist()], dtype=object)[day_idx]
    codes = [f"{a}-{d}-{s:04d}" for a, d, s in zip(agency, yymmdd, seq.tolist(), strict=True)]

    names = _recorded_names(np.random.default_rng(seed + 1), unit, received)
    keys = _keys_of(names)
    # Lookup arrays indexed by status code (index 0 unused).
    status_class = np.array([None, *(STATUS_CODE_CLASS[c] for c in range(1, 11))], dtype=object)
    status_label = np.array([None, *(STATUS_LABELS[c][0] for c in range(1, 11))], dtype=object)
    frame = pd.DataFrame(
        {
            "dossier_code": pd.array(codes, dtype="string"),
            "unit": pd.array(names, dtype="string"),
            "unit_key": pd.array(keys, dtype="string"),
            "field_name": pd.array([p.field_name for p in PROCEDURES], dtype="string")[proc],
            "procedure": pd.array([p.name for p in PROCEDURES], dtype="string")[proc],
            "channel": pd.array(channel, dtype="string"),
            "service_level": pd.array(np.where(online | not_received, online_level, None), dtype="string"),
            "submitted_at": _timestamps(submitted),
            "received_at": _timestamps(received),
            "due_at": _timestamps(due_at),
            "finished_at": _timestamps(finished_at),
            "returned_at": _timestamps(returned_at),
            "status": pd.array(status_class[status_code], dtype="string"),
            "status_code": pd.array(status_code, dtype="Int16"),
            "status_label": pd.array(status_label[status_code], dtype="string"),
            "supplement_requested_at": _timestamps(supplement_at),
            "supplement_count": pd.array(np.where(processed, supplement_count, -1), dtype="Int32"),
            "rating": pd.array(rating, dtype="string"),
            "paid_online": paid_online,
            "result_digitized": digitized,
            "apology_issued": apology,
            "snapshot_at": pd.Series(np.full(n, end_day).astype("datetime64[s]")),
            "source_file": pd.array(np.full(n, "demo", dtype=object), dtype="string"),
        }
    )
    frame.loc[~processed, "supplement_count"] = pd.NA
    frame = frame.sort_values(["received_at", "dossier_code"], kind="stable", ignore_index=True)
    frame["source_row"] = pd.array(np.arange(1, n + 1), dtype="Int32")
    return frame[list(DOSSIER_COLUMNS)]


def _recorded_names(rng: np.random.Generator, unit: np.ndarray, received: np.ndarray) -> np.ndarray:
    """Each dossier's unit as the export names it: the new unit from 1/7/2025, before it one of the old
    communes the unit was made of (issue 15 §6), drawn with a generator of its own so that every other draw
    stays what it was."""
    names = np.array([u.name for u in UNITS], dtype=object)[unit]
    before = received < np.datetime64(REORGANISATION, "s")
    for k, new in enumerate(UNITS):
        rows = np.flatnonzero(before & (unit == k))
        old = np.array(PREDECESSORS[new.name], dtype=object)
        names[rows] = old[rng.integers(0, len(old), size=rows.size)]
    return names


def _keys_of(names: np.ndarray) -> np.ndarray:
    distinct, position = np.unique(names.astype(str), return_inverse=True)
    return np.array([unit_key(name) for name in distinct], dtype=object)[position]


def _nullable_bool(values: np.ndarray, known: np.ndarray) -> pd.arrays.BooleanArray:
    return pd.arrays.BooleanArray(values.astype(bool), ~known.astype(bool))


def _timestamps(values: np.ndarray) -> pd.Series:
    # Whole seconds, like DOSSIER_ARROW_SCHEMA (timestamp[s]).
    return pd.Series(values.astype("datetime64[s]"))
