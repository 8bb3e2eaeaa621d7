"""The Word report's paragraphs in administrative Vietnamese, written from one ReportContent (issue 5 §2).

Pure: a ReportContent in, strings out. Every number is a cell of content.total / compared / by_unit, formatted
by dashboard.formatting (counts "1.416", rates "99,93%", a rate without denominator "không có dữ liệu",
KPI_SPEC §5). The first paragraph follows the wording of the provincial reports, e.g. Ngô Quyền 2022:
"Từ ngày 01/01/2022 đến ngày 20/10/2022, tổng số hồ sơ TTHC đã tiếp nhận là 1.416 hồ sơ, trong đó: …".
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from dashboard.formatting import NO_DATA, format_count, format_date, format_rate
from dashboard.kpi.names import OPEN_OVERDUE_NAME, OVERDUE_TOTAL_NAME
from dashboard.kpi.report import ReportContent

NONE = NO_DATA["vi"]
MOST_OVERDUE = 5  # units named in the overdue paragraph
# Counts compared in percent, rates in percentage points (issue 5 §2): (column, words).
COMPARED_COUNTS = (
    ("c3", "số hồ sơ tiếp nhận"),
    ("c7", "số hồ sơ đã giải quyết"),
    ("overdue_count", f"số hồ sơ {OVERDUE_TOTAL_NAME}"),
)
COMPARED_RATES = (
    ("on_time_rate", ("c8", "c9"), ("c7",), "tỷ lệ giải quyết trước hạn, đúng hạn"),
    ("satisfaction_rate", ("satisfied",), ("rated",), "tỷ lệ hài lòng"),
)
EARLIER = {"previous": "kỳ trước", "year_earlier": "cùng kỳ năm trước"}


def paragraphs(content: ReportContent) -> list[str]:
    """The report's body: results of the period, comparison with earlier periods, overdue dossiers by unit."""
    return [
        results_paragraph(content),
        comparison_paragraph(content.compared),
        overdue_paragraph(content.total, content.by_unit),
    ]


def results_paragraph(content: ReportContent) -> str:
    """Received (c3 = c4 + c5 + c6), resolved (c7 = c8 + c9 + c10), in progress (c11 = c12 + c13), the finished
    states beside the form when there are any, and satisfaction with the number rated (KPI_SPEC §4–5)."""
    row, period = content.total, content.period
    n = {
        key: _int(row, key) for key in ("c3", "c4", "c5", "c6", "c7", "c8", "c9", "c10", "c11", "c12", "c13")
    }
    on_time = format_rate(n["c8"] + n["c9"], n["c7"])
    sentences = [
        f"Từ ngày {format_date(period.start)} đến ngày {format_date(period.end)}, tổng số hồ sơ TTHC đã tiếp "
        f"nhận là {_n(n['c3'])}, trong đó: trực tuyến {_n(n['c4'])}; trực tiếp và qua dịch vụ bưu chính "
        f"{_n(n['c5'])}; từ kỳ trước chuyển qua {_n(n['c6'])}.",
        f"Số hồ sơ đã giải quyết là {_n(n['c7'])}, trong đó: trước hạn {_n(n['c8'])}; đúng hạn {_n(n['c9'])}; "
        f"quá hạn {_n(n['c10'])}; tỷ lệ giải quyết trước hạn và đúng hạn {_reached(on_time)}.",
        f"Số hồ sơ đang giải quyết là {_n(n['c11'])}, trong đó: trong hạn {_n(n['c12'])}; "
        f"quá hạn {_n(n['c13'])}.",
    ]
    aside = [
        words.format(n=_n(_int(row, key)))
        for key, words in (
            ("withdrawn", "{n} công dân xin rút (tính là đúng hạn)"),
            ("stopped", "{n} dừng xử lý"),
            ("paused", "{n} đang chờ bổ sung hoặc thực hiện nghĩa vụ tài chính (tính là trong hạn)"),
        )
        if _int(row, key)
    ]  # KPI_SPEC §4: reported beside the form so that nothing is hidden
    if aside:
        sentences.append("Trong số trên có " + "; ".join(aside) + ".")
    rated = _int(row, "rated")
    if rated:
        satisfaction = format_rate(_int(row, "satisfied"), rated)
        sentences.append(f"Tỷ lệ hài lòng đạt {satisfaction} (trên {_n(rated)} được đánh giá).")
    else:
        sentences.append(f"Tỷ lệ hài lòng: {NONE} (chưa có hồ sơ được đánh giá).")
    return " ".join(sentences)


def comparison_paragraph(compared: pd.DataFrame) -> str:
    """The period against the previous one and the same period a year earlier (summary.comparison's rows)."""
    if compared is None or compared.empty or "current" not in set(compared["compared"]):
        return f"So sánh với kỳ trước và cùng kỳ năm trước: {NONE}."
    rows = {row["compared"]: row for _, row in compared.iterrows()}
    current = rows["current"]
    parts = [_against(current, rows[key], EARLIER[key]) for key in EARLIER if key in rows]
    return " ".join(parts) if parts else f"So sánh với kỳ trước và cùng kỳ năm trước: {NONE}."


def overdue_paragraph(total: pd.Series, by_unit: pd.DataFrame, most: int = MOST_OVERDUE) -> str:
    """Overdue dossiers (c10 resolved late + c13 still open past the deadline, KPI_SPEC §5) and the units with
    the most of them."""
    late, open_late = _int(total, "c10"), _int(total, "c13")
    if late + open_late == 0:
        return "Trong kỳ không có hồ sơ quá hạn."
    text = (
        f"Tổng số hồ sơ {OVERDUE_TOTAL_NAME} là {_n(late + open_late)}, gồm {_n(late)} đã giải quyết quá "
        f"hạn và {_n(open_late)} {OPEN_OVERDUE_NAME}."
    )
    ranked = most_overdue(by_unit, most)
    if len(by_unit) < 2 or ranked.empty:  # a one-unit report: naming the unit adds nothing
        return text
    named = [
        f"{row['unit']} ({_n(int(row['c10']) + int(row['c13']))}: {format_count(int(row['c10']))} đã giải "
        f"quyết quá hạn, {format_count(int(row['c13']))} đang quá hạn)"
        for _, row in ranked.iterrows()
    ]
    lead = "Đơn vị có nhiều hồ sơ quá hạn nhất" if len(named) > 1 else "Đơn vị có hồ sơ quá hạn"
    return f"{text} {lead}: {'; '.join(named)}."


def most_overdue(by_unit: pd.DataFrame, most: int = MOST_OVERDUE) -> pd.DataFrame:
    """The units with overdue dossiers (c10 + c13 > 0), most first, then by name; at most `most` of them."""
    if by_unit is None or by_unit.empty:
        return pd.DataFrame(columns=["unit", "c10", "c13", "overdue"])
    table = by_unit[["unit", "c10", "c13"]].copy()
    table["overdue"] = table["c10"].astype(int) + table["c13"].astype(int)
    table = table[table["overdue"] > 0]
    return table.sort_values(["overdue", "unit"], ascending=[False, True], kind="stable").head(most)


def percent_change(current: int, earlier: int) -> str:
    """Counts compared in percent: (120, 100) → "tăng 20,00%"; no earlier count → "không có dữ liệu"."""
    if earlier == 0:
        return NONE
    if current == earlier:
        return "không đổi"
    word = "tăng" if current > earlier else "giảm"
    return f"{word} {format_rate(abs(current - earlier), earlier)}"


def point_change(current: float, earlier: float) -> str:
    """Rates compared in percentage points: (0.9985, 0.995) → "tăng 0,35 điểm phần trăm"."""
    if _missing(current) or _missing(earlier):
        return NONE
    points = ((Decimal(str(current)) - Decimal(str(earlier))) * 100).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
    if points == 0:
        return "không đổi"
    word = "tăng" if points > 0 else "giảm"
    return f"{word} {f'{abs(points):f}'.replace('.', ',')} điểm phần trăm"


def _against(current: pd.Series, earlier: pd.Series, name: str) -> str:
    dates = f"từ ngày {format_date(earlier['period_start'])} đến ngày {format_date(earlier['period_end'])}"
    if _int(earlier, "c3") == 0:  # nothing handled in the earlier period: nothing to compare with
        return f"So với {name} ({dates}): {NONE}."
    parts = []
    for column, words in COMPARED_COUNTS:
        now, then = _int(current, column), _int(earlier, column)
        change = percent_change(now, then)
        sep = ":" if change == NONE else ""
        parts.append(f"{words}{sep} {change} ({format_count(now)} so với {format_count(then)})")
    for column, numerator, denominator, words in COMPARED_RATES:
        now = _rate(current, numerator, denominator)
        then = _rate(earlier, numerator, denominator)
        change = point_change(current[column], earlier[column])
        parts.append(f"{words} {change} ({now} so với {then})" if change != NONE else f"{words}: {NONE}")
    return f"So với {name} ({dates}), " + "; ".join(parts) + "."


def _rate(row: pd.Series, numerator: tuple[str, ...], denominator: tuple[str, ...]) -> str:
    return format_rate(sum(_int(row, c) for c in numerator), sum(_int(row, c) for c in denominator))


def _reached(rate: str) -> str:
    return f"đạt {rate}" if rate != NONE else f"là {NONE}"


def _n(count: int) -> str:
    return f"{format_count(count)} hồ sơ"


def _int(row: pd.Series, key: str) -> int:
    value = row.get(key, 0)
    return 0 if _missing(value) else int(value)


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA
