"""Printing on a terminal, shared by the commands: plain tables, and the kpi command's csv and table forms."""

from __future__ import annotations

import unicodedata

import pandas as pd

from dashboard.exports.csv_table import csv_bytes
from dashboard.formatting import NO_DATA, format_count, format_rate
from dashboard.kpi.kpi_fields import FIELDS, RATE_FIELDS, KpiAnswer
from dashboard.kpi.unit_groups import counting_note

# Headers of the kpi table on a terminal: Biểu 06's column numbers and words (KPI_SPEC §4, §5). The two overdue
# counts are different numbers and carry different names (issue 11 §3).
KPI_HEADERS_VI = {
    "received_total": "(3) Tiếp nhận",
    "received_online": "(4) Trực tuyến",
    "received_direct_postal": "(5) Trực tiếp, BCCI",
    "carried_over": "(6) Kỳ trước",
    "resolved_total": "(7) Đã giải quyết",
    "resolved_early": "(8) Trước hạn",
    "resolved_on_time": "(9) Đúng hạn",
    "resolved_late": "(10) Quá hạn",
    "in_progress_total": "(11) Đang giải quyết",
    "in_progress_within_deadline": "(12) Trong hạn",
    "in_progress_overdue": "(13) Đang quá hạn",
    "withdrawn": "Rút hồ sơ",
    "stopped": "Dừng xử lý",
    "paused": "Chờ bổ sung",
    "on_time_rate": "Tỷ lệ trước hạn, đúng hạn",
    "online_rate": "Tỷ lệ trực tuyến",
    "overdue_total": "Quá hạn (đã và đang giải quyết)",
    "satisfaction_rate": "Tỷ lệ hài lòng",
    "ratings_count": "Số được đánh giá",
}
GROUP_HEADER_VI = {
    None: "",
    "unit": "Đơn vị",
    "field": "Lĩnh vực",
    "procedure": "Thủ tục",
    "channel": "Kênh nộp",
    "month": "Tháng",
}
TOTAL_LABEL_VI = "Tổng số"
HEADER_WIDTH = 12
NOTE_VI = (
    "Cách tính (KPI_SPEC §4–5): (3) = (4) + (5) + (6) = (7) + (11); (7) = (8) + (9) + (10); (11) = (12) + (13); "
    "tỷ lệ trước hạn, đúng hạn = ((8) + (9)) / (7); tỷ lệ trực tuyến = (4) / ((4) + (5)); "
    "(13) đang quá hạn: chưa giải quyết xong và đã quá hạn tại ngày cuối kỳ; "
    "quá hạn (đã và đang giải quyết) = (10) + (13); tỷ lệ hài lòng = (rất hài lòng + hài lòng) / số được đánh giá."
)


def print_table(frame: pd.DataFrame, empty: str) -> None:
    print(frame.to_string(index=False) if len(frame) else empty)


def csv_text(answer: KpiAnswer) -> bytes:
    """The json's table for Excel: one row per group, then the total row; UTF-8 with BOM, raw values."""
    rows = [*answer.rows, {"group": TOTAL_LABEL_VI} | answer.total]
    frame = pd.DataFrame(rows, columns=["group", *FIELDS])
    for name in FIELDS:
        if name not in RATE_FIELDS:
            frame[name] = frame[name].astype("int64")
    return csv_bytes(frame)


def terminal_table(answer: KpiAnswer) -> str:
    """Aligned text, Vietnamese number formatting (1.416; 99,93%), the period and the rules under it. Headers
    are wrapped over a few lines so that the 20 columns fit a wide terminal."""
    headers = [_wrap(text) for text in [GROUP_HEADER_VI[answer.by] or "Phạm vi", *KPI_HEADERS_VI.values()]]
    body = [[label, *_cells(row)] for label, row in zip(answer.row_labels, answer.rows, strict=True)]
    body.append([TOTAL_LABEL_VI, *_cells(answer.total)])
    widths = [
        max([_width(line) for line in header] + [_width(row[i]) for row in body])
        for i, header in enumerate(headers)
    ]
    height = max(len(header) for header in headers)
    header_rows = [
        [(header[::-1] + [""] * height)[:height][::-1][line] for header in headers] for line in range(height)
    ]
    lines = [answer.period.label, counting_note(answer.units, answer.period.end), ""]
    for row in header_rows:
        lines.append(_line(row, widths))
    lines.append("  ".join("-" * width for width in widths))
    lines += [_line(row, widths) for row in body]
    return "\n".join([*lines, "", NOTE_VI, f"Tỷ lệ có mẫu số bằng 0: {NO_DATA['vi']}."])


def _line(row: list[str], widths: list[int]) -> str:
    cells = [_pad(row[0], widths[0], left=True)]
    cells += [_pad(cell, width, left=False) for cell, width in zip(row[1:], widths[1:], strict=True)]
    return "  ".join(cells).rstrip()


def _wrap(text: str, width: int = HEADER_WIDTH) -> list[str]:
    """A header as lines of at most `width` characters, broken at spaces (a longer word stays whole)."""
    lines: list[str] = []
    for word in text.split():
        if lines and _width(lines[-1]) + 1 + _width(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _cells(values: dict) -> list[str]:
    out = []
    for name in FIELDS:
        value = values[name]
        if name in RATE_FIELDS:
            out.append(NO_DATA["vi"] if value is None else format_rate(value, 1))
        else:
            out.append(format_count(value))
    return out


def _width(text: str) -> int:
    """Characters a terminal shows: combining marks (NFD text) take no column."""
    return sum(1 for ch in text if not unicodedata.combining(ch))


def _pad(text: str, width: int, left: bool) -> str:
    space = " " * (width - _width(text))
    return text + space if left else space + text
