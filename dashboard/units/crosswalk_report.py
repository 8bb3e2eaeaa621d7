"""What `units crosswalk FILE --effective YYYY-MM-DD` prints (issue 15 §3): the rows of the file accounted for,
what the table did to the register, and every anomaly, in Vietnamese with Vietnamese numbers (1.416)."""

from __future__ import annotations

from collections import Counter

from dashboard.formatting import format_count
from dashboard.units.apply_table import Applied
from dashboard.units.crosswalk_rows import CrosswalkTable

CLEANED_VI = {
    "line_break": "có xuống dòng",
    "outer_space": "có dấu cách thừa ở đầu/cuối",
    "not_nfc": "không ở dạng NFC",
}


def report_lines(table: CrosswalkTable, applied: Applied | None = None) -> list[str]:
    n = format_count
    lines = [
        f"Bảng chuyển đổi {table.source}, hiệu lực từ {table.effective:%d/%m/%Y}",
        f"Đọc {n(table.rows_read)} dòng: {n(len(table.rows))} nạp, {n(len(table.skipped))} bỏ qua, "
        f"{n(len(table.rejected))} loại",
        f"  nạp: {n(len(table.pairs))} cặp (xã mới, xã cũ), {n(len(table.origins))} xã mới không có mã xã cũ; "
        f"{n(len(table.new_codes()))} đơn vị mới; {n(len(table.splits()))} mã xã cũ thuộc nhiều xã mới",
    ]
    for reason, count in Counter(s.reason for s in table.skipped).items():
        lines.append(f"  bỏ qua {n(count)}: {reason}")
    lines += [f"  loại dòng {s.row}: {s.reason}" for s in table.rejected]
    for name, count in (table.cleaned_cells or {}).items():
        if count:
            lines.append(f"  {n(count)} ô {CLEANED_VI[name]}: đã chuẩn hoá")
    if applied is not None:
        lines += _applied_lines(applied)
    anomalies = [*table.anomalies, *(applied.anomalies if applied else [])]
    lines.append(f"Bất thường: {n(len(anomalies))}")
    for anomaly in anomalies:
        where = f" (dòng {_rows(anomaly.rows)})" if anomaly.rows else ""
        lines.append(f"  [{anomaly.kind}] {anomaly.message}{where}")
    return lines


def _applied_lines(applied: Applied) -> list[str]:
    n = format_count
    return [
        f"Danh mục: {n(len(applied.new_units))} đơn vị bắt đầu, {n(len(applied.ended))} đơn vị kết thúc có đơn vị kế "
        f"tiếp, {n(len(applied.ended_unlisted))} kết thúc không có trong bảng; {n(applied.aliases_added)} tên viết "
        f"khác thêm vào; {n(len(applied.corrected))} mã sửa theo tên",
    ]


def _rows(rows: tuple[int, ...]) -> str:
    shown = ", ".join(str(row) for row in rows[:5])
    return shown + (f", … ({format_count(len(rows))} dòng)" if len(rows) > 5 else "")
