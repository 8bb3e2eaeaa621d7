"""Vocabulary of the domain: the codes the store keeps (KPI_SPEC §1–2).

Labels on screen are Vietnamese; the stored values are these English codes so that SQL and tests read plainly.
"""

from __future__ import annotations

# KPI_SPEC §2: status classes. not_received and refused are excluded from every count.
STATUS_CLASSES = (
    "not_received",
    "in_progress",
    "refused",
    "paused",
    "withdrawn",
    "stopped",
    "resolved",
)
FINISHED_CLASSES = ("resolved", "withdrawn", "stopped")
EXCLUDED_CLASSES = ("not_received", "refused")

# KPI_SPEC §2: provincial one-stop status codes → class.
STATUS_CODE_CLASS = {
    1: "not_received",
    2: "in_progress",
    3: "refused",
    4: "in_progress",
    5: "paused",
    6: "paused",
    7: "withdrawn",
    8: "stopped",
    9: "resolved",
    10: "resolved",
}

# KPI_SPEC §2: the label each code stands for (the first one the table gives).
STATUS_CODE_LABEL = {
    1: "Mới đăng ký",
    2: "Được tiếp nhận",
    3: "Không được tiếp nhận",
    4: "Đang xử lý",
    5: "Yêu cầu bổ sung giấy tờ",
    6: "Yêu cầu thực hiện nghĩa vụ tài chính",
    7: "Công dân yêu cầu rút hồ sơ",
    8: "Dừng xử lý",
    9: "Đã xử lý xong",
    10: "Đã trả kết quả",
}

CHANNELS = ("direct", "online", "postal")  # KPI_SPEC §1: blank = direct
SERVICE_LEVELS = ("full_online", "partial_online")
RATINGS = ("very_satisfied", "satisfied", "dissatisfied")

STATUS_LABEL_VI = {
    "not_received": "Mới đăng ký",
    "in_progress": "Đang giải quyết",
    "refused": "Từ chối tiếp nhận",
    "paused": "Tạm dừng (chờ bổ sung, nghĩa vụ tài chính)",
    "withdrawn": "Rút hồ sơ / trả lại",
    "stopped": "Dừng xử lý",
    "resolved": "Đã giải quyết",
}
CHANNEL_LABEL_VI = {"direct": "Trực tiếp", "online": "Trực tuyến", "postal": "Bưu chính công ích"}
SERVICE_LEVEL_LABEL_VI = {"full_online": "Toàn trình", "partial_online": "Một phần"}
RATING_LABEL_VI = {
    "very_satisfied": "Rất hài lòng",
    "satisfied": "Hài lòng",
    "dissatisfied": "Không hài lòng",
}
