"""Why a row is rejected, in words the user can act on (issue 2 §6, EXPORT_FORMATS "nothing lost").

A row is rejected when it has no received date, a date that is not a date, a due or finished date before its
received date (compared by calendar date, KPI_SPEC §4), no unit, or the same dossier code as another row of
the same file with different data.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

FIELD_LABEL = {
    "dossier_code": "Mã hồ sơ",
    "unit": "Đơn vị",
    "district": "Quận/huyện (cũ)",
    "field_name": "Lĩnh vực",
    "procedure": "Thủ tục",
    "status": "Trạng thái",
    "channel": "Hình thức nộp",
    "service_level": "Mức độ",
    "submitted_at": "Ngày nộp",
    "received_at": "Ngày tiếp nhận",
    "due_at": "Ngày hẹn trả",
    "finished_at": "Ngày kết thúc xử lý",
    "returned_at": "Ngày trả kết quả",
    "supplement_requested_at": "Ngày yêu cầu bổ sung",
    "supplement_count": "Số lần bổ sung",
    "rating": "Đánh giá",
    "paid_online": "Thanh toán trực tuyến",
    "result_digitized": "Kết quả điện tử",
    "apology_issued": "Phiếu xin lỗi",
}


# Issue 12 §5: what a reader sees of a formula whose value was never computed (the file was written by a
# program that does not compute formulas) is an empty cell; say what it really is.
FORMULA_WITHOUT_VALUE = (
    "Ngày tiếp nhận là công thức chưa được tính giá trị (tệp do chương trình không tính công thức tạo ra): "
    "hãy mở tệp bằng Excel rồi lưu lại"
)


def _day(values: np.ndarray) -> np.ndarray:
    return values.astype("datetime64[D]")


def format_day(value: np.datetime64) -> str:
    return str(_day(np.array([value]))[0].item().strftime("%d/%m/%Y"))


class Reasons:
    """Collects reasons per row index; a row may have several."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.by_row: dict[int, list[str]] = {}

    def add(self, mask: np.ndarray, reason) -> None:
        """reason: a string, or a function of the row index giving one."""
        for index in np.flatnonzero(mask):
            text = reason(int(index)) if callable(reason) else reason
            self.by_row.setdefault(int(index), []).append(text)

    @property
    def mask(self) -> np.ndarray:
        out = np.zeros(self.n, dtype=bool)
        out[list(self.by_row)] = True
        return out

    def text(self, index: int) -> str:
        return "; ".join(self.by_row[index])


def check_dates(
    reasons: Reasons,
    raw: dict[str, pa.Array],
    parsed: dict[str, np.ndarray],
    invalid: dict[str, np.ndarray],
    not_before_received: list[tuple[str, np.ndarray]],
    candidates: np.ndarray,
    received_formula: np.ndarray | None = None,
) -> None:
    """Impossible and missing dates, and dates that may not precede the received date (by calendar date).

    not_before_received: (label, values) of the due date and of the date processing ended.
    received_formula: True where the received-date cell is a formula without a computed value (xlsx).
    """
    received = parsed["received_at"]
    for name, bad in invalid.items():
        label, column = FIELD_LABEL[name], raw[name]
        reasons.add(
            bad & candidates,
            lambda i, label=label, column=column: f"{label} '{column[i].as_py()}' không phải ngày hợp lệ",
        )
    received_invalid = invalid.get("received_at", np.zeros(len(received), dtype=bool))
    formula = received_formula if received_formula is not None else np.zeros(len(received), dtype=bool)
    reasons.add(candidates & np.isnat(received) & ~received_invalid & ~formula, "Thiếu ngày tiếp nhận")
    reasons.add(candidates & np.isnat(received) & formula, FORMULA_WITHOUT_VALUE)
    for label, values in not_before_received:
        both = candidates & ~np.isnat(values) & ~np.isnat(received)
        before = both & (_day(np.where(both, values, received)) < _day(received))
        reasons.add(
            before,
            lambda i, label=label, values=values: (
                f"{label} {format_day(values[i])} trước ngày tiếp nhận {format_day(received[i])}"
            ),
        )
