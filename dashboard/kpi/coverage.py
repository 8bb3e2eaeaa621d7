"""Whether the data covers a period to its end (issue 11 §2), and the day each unit's data reaches (§4).

Every dossier carries the "số liệu đến ngày" of the file it came from (snapshot_at); a unit's data reaches the
newest of them. A period is complete when the data of every unit active in it reaches the period's last day;
a unit whose data ends before the period starts (a commune dissolved in a reorganisation) does not hold it
open. A period not complete is shown as its beginning, up to the day the data reaches, labelled
"chưa trọn kỳ (số liệu đến dd/mm)", and is compared with the same span of the previous period
(periods.span_of): never a part of a period against a whole one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date, timedelta

from dashboard.formatting import format_date
from dashboard.kpi import periods
from dashboard.kpi.periods import Period
from dashboard.store import Database

PARTIAL_WORDS = "chưa trọn kỳ"
_LOOK_BACK = 40  # periods tried when looking for the latest complete one (a year of weeks is 53)


def unit_data_dates(db: Database) -> dict[str, date]:
    """unit_key → the day its data reaches (newest snapshot_at of its dossiers)."""
    with db.read() as cur:
        rows = cur.execute("SELECT unit_key, max(snapshot_at) FROM dossier GROUP BY unit_key").fetchall()
    return {key: day for key, day in rows if day is not None}


def dates_of(dates: Mapping[str, date], unit_keys: Iterable[str] = ()) -> dict[str, date]:
    """The data dates of the chosen units (all of them when none is chosen)."""
    wanted = tuple(unit_keys)
    return dict(dates) if not wanted else {key: dates[key] for key in wanted if key in dates}


def covered_to(dates: Mapping[str, date], period: Period) -> date | None:
    """The last day the data of every unit active in the period reaches: the earliest data date among units
    whose data reaches the period's start; when none does, the newest data date (the period lies after all
    the data). None without data."""
    if not dates:
        return None
    active = [day for day in dates.values() if day >= period.start]
    return min(active) if active else max(dates.values())


def is_complete(period: Period, dates: Mapping[str, date]) -> bool:
    day = covered_to(dates, period)
    return day is not None and day >= period.end


def partial_label(period: Period, day: date) -> str:
    """ "Kỳ năm 2026 (15/12/2025 – 14/12/2026), chưa trọn kỳ (số liệu đến 13/11)"."""
    return f"{period.label}, {PARTIAL_WORDS} (số liệu đến {day:%d/%m})"


def as_covered(period: Period, dates: Mapping[str, date]) -> Period:
    """The period itself when complete; else its beginning up to the day the data reaches, labelled
    "chưa trọn kỳ", which the KPI layer compares with the same span of earlier periods. A period that starts
    after the data ends is returned whole: it has no dossiers, and the pages say so."""
    day = covered_to(dates, period)
    if day is None or day >= period.end or day < period.start:
        return period
    return periods.beginning(period, day, partial_label(period, day))


def is_partial(period: Period) -> bool:
    """True for a period shown as its beginning (as_covered cut it at the data date)."""
    return period.whole is not None and PARTIAL_WORDS in period.label


def latest_complete(kind: str, dates: Mapping[str, date]) -> Period | None:
    """The newest period of a kind that the data covers to its end; None when no period is complete."""
    if not dates:
        return None
    day = max(dates.values())
    candidate = _containing_or_before(day, kind)
    for _ in range(_LOOK_BACK):
        if candidate is None:
            return None
        if is_complete(candidate, dates):
            return candidate
        candidate = _before(candidate)
    return None


def stamp_groups(dates: Mapping[str, date]) -> list[tuple[date, int]]:
    """(data date, number of units) with the most common date first, then the others newest first."""
    counts = Counter(dates.values())
    return sorted(counts.items(), key=lambda item: (-item[1], -item[0].toordinal()))


def stamp_text(dates: Mapping[str, date], others: str = "{n} đơn vị đến {day}") -> str:
    """ "14/11/2026" when every unit's data reaches the same day; "14/11/2026; 2 đơn vị đến 03/12/2026"
    otherwise (issue 11 §4): the day most units reach first, then the others with their count."""
    groups = stamp_groups(dates)
    if not groups:
        return ""
    (first, _), *rest = groups
    return "; ".join([format_date(first), *(others.format(n=n, day=format_date(day)) for day, n in rest)])


def _containing_or_before(day: date, kind: str) -> Period | None:
    """The period of a kind holding `day`, or for the 6- and 9-month kỳ (which do not tile the year) the
    newest one that started before it."""
    if kind not in ("official_half", "official_nine_months"):
        return periods.containing(day, kind)
    for year in (day.year + 1, day.year, day.year - 1):
        candidate = periods.build(kind, year)
        if candidate.start <= day:
            return candidate
    return None


def _before(period: Period) -> Period | None:
    if period.kind == "custom":
        return None
    if period.kind in periods.TILING_KINDS:
        return periods.containing(period.start - timedelta(days=1), period.kind)
    return periods.previous(period)  # 6- and 9-month kỳ: the same kỳ a year earlier
