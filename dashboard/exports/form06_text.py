"""The wording of Biểu số 06/VPCP/KSTT (Thông tư 01/2020/TT-VPCP; KPI_SPEC §4), one copy for every file that
prints the form: the Excel form and the Word report's table say the same words."""

from __future__ import annotations

FORM_CODE = "Biểu số 06/VPCP/KSTT"
ISSUED_BY = "Ban hành theo Thông tư số 01/2020/TT-VPCP ngày 21/10/2020"
TITLE = "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT TTHC"
UNIT_OF_COUNT = "Đơn vị tính: Số hồ sơ TTHC"
TOTAL_LABEL = "Tổng cộng"
FONT_NAME = "Times New Roman"  # administrative documents' type face
COUNT_COLUMNS = ("c3", "c4", "c5", "c6", "c7", "c8", "c9", "c10", "c11", "c12", "c13")  # columns (3)…(13)
# The three groups of the header, with the number of columns under each, then each column's own name.
GROUPS = (
    ("Số hồ sơ nhận giải quyết", 4),
    ("Số hồ sơ đã giải quyết", 4),
    ("Số lượng hồ sơ đang giải quyết", 3),
)
COLUMN_NAMES = (
    "Tổng số", "Trực tuyến", "Trực tiếp, dịch vụ bưu chính", "Từ kỳ trước",
    "Tổng số", "Trước hạn", "Đúng hạn", "Quá hạn",
    "Tổng số", "Trong hạn", "Quá hạn",
)  # fmt: skip
