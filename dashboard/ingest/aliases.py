"""Header names seen in real exports, by canonical field (EXPORT_FORMATS.md, "Header names seen").

Matching is on dashboard.text.fold(): no case, no diacritics, punctuation and line breaks as spaces, so
"Mã hồ sơ", "MA HO SO" and "Mã\\nhồ sơ" are one name. Within a field, earlier names are preferred when a file
has several columns for the same field (e.g. "Tên thủ tục" beats "Trích yếu", which may quote a citizen).
"""

from __future__ import annotations

from dashboard.text import fold

# Canonical fields the pipeline reads. "personal" and "officer" columns are recognised only to be dropped.
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "dossier_code": ("Mã hồ sơ", "Số hồ sơ", "Mã HS", "Mã số hồ sơ", "Số biên nhận"),
    "unit": (
        "Đơn vị tiếp nhận",
        "Đơn vị giải quyết",
        "Đơn vị",
        "Cơ quan",
        "Tên đơn vị",
        "Xã/Phường",
        "Tên cơ quan",
        "Cơ quan giải quyết",
        "Cơ quan tiếp nhận",
        "Phường/Xã",
    ),
    # The old district (issue 15 §1): tells apart old commune names that repeat within a province. Folded into the
    # unit name as a qualifier (ingest/district.py); not personal data.
    "district": (
        "Quận/Huyện",
        "Quận, huyện",
        "Huyện/Quận",
        "Huyện",
        "Quận",
        "Huyện/Thị xã/Thành phố",
        "Quận/Huyện/Thị xã",
        "Quận/Huyện/Thị xã/Thành phố",
        "Đơn vị hành chính cấp huyện",
        "Đơn vị cấp huyện",
        "Cấp huyện",
        "Tên huyện",
        "Tên quận/huyện",
        "Huyện cũ",
        "Quận/huyện cũ",
    ),
    "field_name": ("Lĩnh vực", "Tên lĩnh vực"),
    "procedure": (
        "Tên thủ tục hành chính",
        "Tên thủ tục",
        "Thủ tục",
        "Tên TTHC",
        "Thủ tục hành chính",
        "Mã TTHC",
        "Nội dung hồ sơ",
        "Trích yếu",
    ),
    "status": ("Trạng thái", "Tình trạng", "Trạng thái hồ sơ", "Tình trạng hồ sơ", "Mã trạng thái"),
    "channel": ("Hình thức nộp", "Kênh nộp", "Kênh tiếp nhận", "Hình thức tiếp nhận", "Hình thức nộp hồ sơ"),
    "service_level": ("Mức độ", "Mức độ DVC", "Loại dịch vụ", "Mức độ dịch vụ công"),
    "submitted_at": ("Ngày nộp hồ sơ", "Ngày nộp"),
    "received_at": ("Ngày tiếp nhận", "Ngày nhận", "Ngày nhận hồ sơ", "Ngày tiếp nhận hồ sơ", "Tiếp nhận"),
    "due_at": ("Ngày hẹn trả", "Hẹn trả", "Ngày hẹn trả kết quả", "Hạn xử lý", "Hạn giải quyết"),
    "finished_at": (
        "Ngày kết thúc xử lý",
        "Ngày có kết quả",
        "Ngày hoàn thành",
        "Ngày xử lý xong",
        "Kết thúc xử lý",
        "Ngày kết thúc",
    ),
    "returned_at": ("Ngày trả kết quả", "Ngày trả", "Trả kết quả"),
    "supplement_requested_at": ("Ngày yêu cầu bổ sung", "Ngày bổ sung"),
    "supplement_count": ("Số lần bổ sung", "Số lần yêu cầu bổ sung"),
    "rating": ("Đánh giá", "Mức độ hài lòng", "Kết quả đánh giá", "Đánh giá hài lòng"),
    "paid_online": ("Thanh toán trực tuyến", "Thanh toán trực tuyến (có/không)", "Đã thanh toán trực tuyến"),
    "result_digitized": ("Kết quả điện tử", "Số hóa kết quả", "Kết quả số hóa", "Đã số hóa kết quả"),
    "apology_issued": ("Phiếu xin lỗi", "Xin lỗi", "Văn bản xin lỗi", "Có phiếu xin lỗi"),
    "row_number": ("STT", "Số thứ tự", "TT"),
    "officer": (
        "Người tiếp nhận",
        "Cán bộ đang xử lý",
        "Đơn vị/ cá nhân giải quyết",
        "Cán bộ tiếp nhận",
        "Cán bộ xử lý",
    ),
    # Citizens' personal data (KPI_SPEC §1, Nghị định 13/2023/NĐ-CP): recognised so that it is dropped.
    "personal": (
        "Chủ hồ sơ",
        "Người nộp",
        "Tên người nộp",
        "Người nộp hồ sơ",
        "Người đứng tên",
        "Họ tên",
        "Họ và tên",
        "Tên công dân",
        "Tổ chức/cá nhân",
        "Tổ chức, cá nhân",
        "Địa chỉ",
        "Địa chỉ chủ hồ sơ",
        "Số điện thoại",
        "Điện thoại",
        "SĐT",
        "Email",
        "Thư điện tử",
        "Số CCCD",
        "CCCD",
        "CMND",
        "Số CMND",
        "Số CCCD/CMND",
        "CCCD/CMND",
        "Số giấy tờ",
        "Số giấy tờ tùy thân",
        "Số định danh",
        "Ngày sinh",
    ),
}

# Fields that carry dates (parsed and validated as dates, EXPORT_FORMATS "dates").
DATE_FIELDS = (
    "submitted_at",
    "received_at",
    "due_at",
    "finished_at",
    "returned_at",
    "supplement_requested_at",
)

# Fields never stored: personal data, and staff names (no KPI needs them; data minimisation).
DROPPED_FIELDS = ("personal", "officer", "row_number")

# Folded header words that mark personal data even in headers we have never seen ("Địa chỉ thường trú").
PERSONAL_WORDS = (
    "chu ho so",
    "nguoi nop",
    "dia chi",
    "dien thoai",
    "email",
    "cccd",
    "cmnd",
    "ho ten",
    "ngay sinh",
)

# Canonical field → folded aliases, preferred first; folded alias → field.
FOLDED_ALIASES: dict[str, tuple[str, ...]] = {
    field: tuple(fold(name) for name in names) for field, names in HEADER_ALIASES.items()
}
FIELD_BY_FOLDED: dict[str, str] = {
    alias: field for field, aliases in FOLDED_ALIASES.items() for alias in aliases
}
CANONICAL_FIELDS = tuple(HEADER_ALIASES)


def match_header(folded: str) -> str | None:
    """The canonical field a folded header names, or None.

    Exact match first; then a known name followed by a qualifier ("Ngày tiếp nhận (dd/mm/yyyy)"), the
    longest known name winning so that "Mức độ hài lòng" is a rating, not a service level.
    """
    if not folded:
        return None
    if folded in FIELD_BY_FOLDED:
        return FIELD_BY_FOLDED[folded]
    best: tuple[int, str] | None = None
    for alias, field in FIELD_BY_FOLDED.items():
        if " " in alias and folded.startswith(alias + " ") and (best is None or len(alias) > best[0]):
            best = (len(alias), field)
    if best is not None:
        return best[1]
    if any(word in folded for word in PERSONAL_WORDS):
        return "personal"
    return None
