"""Reference data for the demo: one city's communes/wards and the procedures their one-stop desks handle.

The city is Đà Nẵng as reorganised on 1 July 2025 (KPI_SPEC §9: merged with Quảng Nam, no district level;
units are phường and xã directly under the city; province code H17 in the national agency-code scheme).
Names are NFC. Sizes are relative dossier volumes: central wards are busy, mountain communes small.

Time limits are the legal limits in working days as commonly published for the commune level (Luật Hộ tịch,
Nghị định 23/2015 on chứng thực, Luật Đất đai 2024 and Nghị định 101/2024, Nghị định 01/2021 on hộ kinh
doanh, Nghị định 20/2021 on bảo trợ xã hội, …). A limit of 0 means "same day"; None means a notification that
has no deadline (KPI_SPEC §4 col 9: due_at null counts as on time). The values are plausible, not a legal
reference.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

CITY = "thành phố Đà Nẵng"
PROVINCE_CODE = "H17"


@dataclass(frozen=True)
class Unit:
    name: str
    size: float  # relative dossier volume
    agency_code: str  # first part of the dossier code
    late_rate: float  # base share of dossiers finished after due_at
    online_factor: float = 1.0  # odds multiplier for online submission (urban wards go online more)

    @property
    def is_worse(self) -> bool:
        return self.late_rate >= 0.05


def _units() -> tuple[Unit, ...]:
    # (name, size, late rate, online factor). Four units run clearly late (issue brief: 8–15 % late);
    # the others stay within 0.5–2 %.
    rows = [
        ("Phường Hải Châu", 1.7, 0.006, 1.25),
        ("Phường Hòa Cường", 1.3, 0.008, 1.2),
        ("Phường Thanh Khê", 1.5, 0.010, 1.2),
        ("Phường An Khê", 1.1, 0.012, 1.1),
        ("Phường An Hải", 1.2, 0.009, 1.15),
        ("Phường Sơn Trà", 1.0, 0.014, 1.1),
        ("Phường Ngũ Hành Sơn", 1.1, 0.011, 1.1),
        ("Phường Hòa Khánh", 1.6, 0.110, 1.05),
        ("Phường Hải Vân", 0.8, 0.016, 0.95),
        ("Phường Liên Chiểu", 1.0, 0.013, 1.0),
        ("Phường Cẩm Lệ", 1.2, 0.010, 1.05),
        ("Phường Hòa Xuân", 1.0, 0.007, 1.1),
        ("Phường Tam Kỳ", 1.1, 0.012, 1.0),
        ("Phường Quảng Phú", 0.6, 0.015, 0.9),
        ("Phường Hương Trà", 0.6, 0.009, 0.9),
        ("Phường Bàn Thạch", 0.7, 0.013, 0.95),
        ("Phường Điện Bàn", 0.8, 0.011, 0.95),
        ("Phường Điện Bàn Đông", 0.6, 0.014, 0.9),
        ("Phường An Thắng", 0.5, 0.010, 0.9),
        ("Phường Điện Bàn Bắc", 0.6, 0.085, 0.85),
        ("Phường Hội An", 0.8, 0.008, 1.05),
        ("Phường Hội An Đông", 0.5, 0.012, 1.0),
        ("Phường Hội An Tây", 0.5, 0.010, 1.0),
        ("Xã Hòa Vang", 0.7, 0.015, 0.85),
        ("Xã Hòa Tiến", 0.6, 0.095, 0.8),
        ("Xã Bà Nà", 0.4, 0.130, 0.7),
        ("Xã Đại Lộc", 0.6, 0.018, 0.8),
        ("Xã Duy Xuyên", 0.6, 0.012, 0.8),
        ("Xã Thăng Bình", 0.6, 0.016, 0.8),
        ("Xã Núi Thành", 0.6, 0.014, 0.8),
    ]
    return tuple(
        Unit(name, size, f"000.00.{41 + k:02d}.{PROVINCE_CODE}", late, online)
        for k, (name, size, late, online) in enumerate(rows)
    )


UNITS: tuple[Unit, ...] = _units()


# Issue 15 §6: the demo's history crosses the reorganisation of 1/7/2025. Before that day its dossiers name the old
# communes and wards that each unit was made of (the NSO conversion table, dashboard/units/data; checked against
# it by tests/test_demo_units.py), after it the new units. Xã Hòa Liên was split between Phường Hải Vân and
# Phường Liên Chiểu ("Nhập một phần" into both, neither of its name, no "toàn bộ dân số"): under current units
# its dossiers stay its own row, marked as split, until someone chooses its successor.
REORGANISATION = date(2025, 7, 1)
PROVINCE = "Thành phố Đà Nẵng"
PREDECESSORS: dict[str, tuple[str, ...]] = {
    "Phường Hải Châu": (
        "Phường Thanh Bình",
        "Phường Thuận Phước",
        "Phường Thạch Thang",
        "Phường Hải Châu",
        "Phường Phước Ninh",
    ),
    "Phường Hòa Cường": (
        "Phường Hòa Thuận Tây",
        "Phường Bình Thuận",
        "Phường Hòa Cường Bắc",
        "Phường Hòa Cường Nam",
    ),
    "Phường Thanh Khê": (
        "Phường Thanh Khê Tây",
        "Phường Thanh Khê Đông",
        "Phường Xuân Hà",
        "Phường Chính Gián",
        "Phường Thạc Gián",
    ),
    "Phường An Khê": ("Phường An Khê", "Phường Hòa Phát", "Phường Hòa An"),
    "Phường An Hải": ("Phường An Hải Bắc", "Phường Phước Mỹ", "Phường An Hải Nam"),
    "Phường Sơn Trà": ("Phường Thọ Quang", "Phường Nại Hiên Đông", "Phường Mân Thái"),
    "Phường Ngũ Hành Sơn": ("Phường Mỹ An", "Phường Khuê Mỹ", "Phường Hoà Quý", "Phường Hoà Hải"),
    "Phường Hòa Khánh": ("Phường Hòa Khánh Nam", "Phường Hòa Minh", "Xã Hòa Sơn"),
    "Phường Hải Vân": ("Phường Hòa Hiệp Bắc", "Phường Hòa Hiệp Nam", "Xã Hòa Bắc", "Xã Hòa Liên"),
    "Phường Liên Chiểu": ("Phường Hòa Khánh Bắc", "Xã Hòa Liên"),
    "Phường Cẩm Lệ": ("Phường Khuê Trung", "Phường Hòa Thọ Tây", "Phường Hòa Thọ Đông"),
    "Phường Hòa Xuân": ("Phường Hòa Xuân", "Xã Hòa Châu", "Xã Hòa Phước"),
    "Phường Tam Kỳ": ("Phường An Mỹ", "Phường An Xuân", "Phường Trường Xuân"),
    "Phường Quảng Phú": ("Phường An Phú", "Xã Tam Thanh", "Xã Tam Phú"),
    "Phường Hương Trà": ("Phường Hòa Hương", "Phường An Sơn", "Xã Tam Ngọc"),
    "Phường Bàn Thạch": ("Phường Tân Thạnh", "Xã Tam Thăng", "Phường Hoà Thuận"),
    "Phường Điện Bàn": ("Phường Vĩnh Điện", "Phường Điện Minh", "Phường Điện Phương"),
    "Phường Điện Bàn Đông": (
        "Phường Điện Ngọc",
        "Phường Điện Nam Bắc",
        "Phường Điện Nam Trung",
        "Phường Điện Nam Đông",
        "Phường Điện Dương",
    ),
    "Phường An Thắng": ("Phường Điện Thắng Trung", "Phường Điện Thắng Nam", "Phường Điện An"),
    "Phường Điện Bàn Bắc": ("Xã Điện Tiến", "Xã Điện Hòa", "Phường Điện Thắng Bắc"),
    "Phường Hội An": ("Phường Minh An", "Phường Cẩm Phô", "Phường Sơn Phong", "Xã Cẩm Kim", "Phường Cẩm Nam"),
    "Phường Hội An Đông": ("Phường Cẩm Châu", "Phường Cửa Đại", "Xã Cẩm Thanh"),
    "Phường Hội An Tây": ("Phường Tân An", "Phường Thanh Hà", "Phường Cẩm An", "Xã Cẩm Hà"),
    "Xã Hòa Vang": ("Xã Hòa Phú", "Xã Hòa Phong"),
    "Xã Hòa Tiến": ("Xã Hòa Tiến", "Xã Hòa Khương"),
    "Xã Bà Nà": ("Xã Hòa Ninh", "Xã Hòa Nhơn"),
    "Xã Đại Lộc": ("Thị Trấn Ái Nghĩa", "Xã Đại Nghĩa", "Xã Đại Hiệp", "Xã Đại An", "Xã Đại Hòa"),
    "Xã Duy Xuyên": ("Xã Duy Trinh", "Xã Duy Sơn", "Xã Duy Trung"),
    "Xã Thăng Bình": ("Thị trấn Hà Lam", "Xã Bình Nguyên", "Xã Bình Phục", "Xã Bình Quý"),
    "Xã Núi Thành": ("Thị trấn Núi Thành", "Xã Tam Hiệp", "Xã Tam Giang", "Xã Tam Quang", "Xã Tam Nghĩa"),
}


@dataclass(frozen=True)
class Field:
    name: str
    late_factor: float  # multiplies a unit's late rate: land and construction run late more often
    supplement_rate: float  # share of dossiers that get a "yêu cầu bổ sung"
    q3_peak: bool = False  # land transactions peak in July–September


FIELDS: dict[str, Field] = {
    f.name: f
    for f in (
        Field("Chứng thực", 0.7, 0.01),
        Field("Hộ tịch", 0.8, 0.03),
        Field("Đất đai", 2.2, 0.15, q3_peak=True),
        Field("Xây dựng", 2.0, 0.20),
        Field("Đăng ký kinh doanh", 1.0, 0.06),
        Field("Bảo trợ xã hội", 1.4, 0.08),
        Field("Người có công", 1.2, 0.05),
        Field("Tài nguyên và Môi trường", 1.5, 0.10),
        Field("Giáo dục và Đào tạo", 1.0, 0.05),
        Field("Văn hóa", 1.0, 0.03),
    )
}


@dataclass(frozen=True)
class Procedure:
    field_name: str
    name: str
    limit_days: int | None  # working days; 0 = same day; None = no deadline
    online: str | None  # "full_online", "partial_online", or None (must be submitted in person)
    weight: float  # relative frequency
    has_fee: bool  # phí, lệ phí: online payment is measured on these (KPI_SPEC §7 TTTT)


FULL, PARTIAL = "full_online", "partial_online"

PROCEDURES: tuple[Procedure, ...] = (
    # Chứng thực: the largest share at every commune desk.
    Procedure(
        "Chứng thực",
        "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của Việt Nam cấp"
        " hoặc chứng nhận",
        0,
        PARTIAL,
        25.0,
        True,
    ),
    Procedure("Chứng thực", "Chứng thực chữ ký trong các giấy tờ, văn bản", 1, None, 6.0, True),
    Procedure(
        "Chứng thực",
        "Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản, quyền sử dụng đất và nhà ở",
        2,
        None,
        3.0,
        True,
    ),
    Procedure(
        "Chứng thực",
        "Cấp bản sao có chứng thực từ bản chính hợp đồng, giao dịch đã được chứng thực",
        0,
        PARTIAL,
        1.0,
        True,
    ),
    Procedure("Chứng thực", "Cấp bản sao từ sổ gốc", 1, PARTIAL, 1.5, True),
    Procedure("Chứng thực", "Chứng thực di chúc", 2, None, 0.4, True),
    Procedure(
        "Chứng thực",
        "Chứng thực văn bản thỏa thuận phân chia di sản mà di sản là động sản, quyền sử dụng đất, nhà ở",
        2,
        None,
        0.6,
        True,
    ),
    Procedure(
        "Chứng thực", "Chứng thực việc sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch", 2, None, 0.3, True
    ),
    # Hộ tịch.
    Procedure("Hộ tịch", "Đăng ký khai sinh", 0, FULL, 9.0, False),
    Procedure("Hộ tịch", "Đăng ký kết hôn", 3, PARTIAL, 2.5, False),
    Procedure("Hộ tịch", "Đăng ký khai tử", 1, FULL, 2.5, False),
    Procedure("Hộ tịch", "Cấp bản sao trích lục hộ tịch", 0, FULL, 6.0, True),
    Procedure("Hộ tịch", "Xác nhận tình trạng hôn nhân", 3, FULL, 5.0, True),
    Procedure("Hộ tịch", "Đăng ký nhận cha, mẹ, con", 3, PARTIAL, 0.6, True),
    Procedure(
        "Hộ tịch",
        "Đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch, xác định lại dân tộc",
        3,
        PARTIAL,
        1.2,
        True,
    ),
    Procedure("Hộ tịch", "Đăng ký khai sinh kết hợp nhận cha, mẹ, con", 3, PARTIAL, 0.4, False),
    Procedure("Hộ tịch", "Đăng ký lại khai sinh", 5, PARTIAL, 0.6, True),
    Procedure("Hộ tịch", "Đăng ký giám hộ", 3, PARTIAL, 0.2, False),
    # Đất đai (the commune now receives what the district land office used to).
    Procedure(
        "Đất đai",
        "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất",
        10,
        PARTIAL,
        3.0,
        True,
    ),
    Procedure(
        "Đất đai",
        "Đăng ký, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất lần đầu",
        20,
        PARTIAL,
        1.2,
        True,
    ),
    Procedure(
        "Đất đai",
        "Cấp đổi Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất",
        7,
        PARTIAL,
        1.0,
        True,
    ),
    Procedure("Đất đai", "Đăng ký thế chấp quyền sử dụng đất, tài sản gắn liền với đất", 3, FULL, 1.5, True),
    Procedure(
        "Đất đai", "Xóa đăng ký thế chấp quyền sử dụng đất, tài sản gắn liền với đất", 1, FULL, 0.8, True
    ),
    Procedure("Đất đai", "Chuyển mục đích sử dụng đất", 15, PARTIAL, 0.4, True),
    Procedure("Đất đai", "Hòa giải tranh chấp đất đai", 30, None, 0.2, False),
    # Xây dựng.
    Procedure("Xây dựng", "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ", 15, PARTIAL, 1.8, True),
    Procedure(
        "Xây dựng", "Cấp giấy phép xây dựng sửa chữa, cải tạo đối với nhà ở riêng lẻ", 15, PARTIAL, 0.5, True
    ),
    Procedure("Xây dựng", "Điều chỉnh, gia hạn, cấp lại giấy phép xây dựng", 5, PARTIAL, 0.3, True),
    # Đăng ký kinh doanh (hộ kinh doanh).
    Procedure("Đăng ký kinh doanh", "Đăng ký thành lập hộ kinh doanh", 3, FULL, 2.2, True),
    Procedure("Đăng ký kinh doanh", "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh", 3, FULL, 1.3, True),
    Procedure(
        "Đăng ký kinh doanh",
        "Tạm ngừng kinh doanh, tiếp tục kinh doanh trước thời hạn đã thông báo của hộ kinh doanh",
        3,
        FULL,
        0.6,
        False,
    ),
    Procedure("Đăng ký kinh doanh", "Chấm dứt hoạt động hộ kinh doanh", 3, FULL, 0.6, False),
    # Bảo trợ xã hội, Người có công (formerly Lao động – Thương binh và Xã hội).
    Procedure(
        "Bảo trợ xã hội",
        "Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hàng tháng, hỗ trợ kinh phí chăm sóc, nuôi dưỡng"
        " hàng tháng",
        12,
        PARTIAL,
        2.2,
        False,
    ),
    Procedure(
        "Bảo trợ xã hội", "Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội", 3, PARTIAL, 0.6, False
    ),
    Procedure(
        "Bảo trợ xã hội",
        "Xác định, xác định lại mức độ khuyết tật và cấp Giấy xác nhận khuyết tật",
        20,
        PARTIAL,
        0.7,
        False,
    ),
    Procedure(
        "Người có công",
        "Giải quyết chế độ trợ cấp một lần, mai táng phí khi người có công với cách mạng từ trần",
        12,
        PARTIAL,
        0.7,
        False,
    ),
    Procedure(
        "Người có công",
        "Cấp giấy giới thiệu đi thăm viếng mộ liệt sĩ và hỗ trợ thăm viếng mộ liệt sĩ",
        5,
        PARTIAL,
        0.4,
        False,
    ),
    Procedure("Người có công", "Xác nhận vào đơn đề nghị di chuyển hài cốt liệt sĩ", 5, PARTIAL, 0.3, False),
    # Smaller fields.
    Procedure("Tài nguyên và Môi trường", "Đăng ký môi trường", 5, FULL, 0.15, False),
    Procedure("Tài nguyên và Môi trường", "Đăng ký khai thác nước dưới đất", 10, PARTIAL, 0.1, True),
    Procedure(
        "Giáo dục và Đào tạo",
        "Cho phép nhóm trẻ, lớp mẫu giáo độc lập hoạt động giáo dục",
        20,
        PARTIAL,
        0.1,
        False,
    ),
    Procedure("Giáo dục và Đào tạo", "Chuyển trường đối với học sinh trung học cơ sở", 3, FULL, 0.3, False),
    Procedure("Văn hóa", "Thông báo tổ chức lễ hội cấp xã", None, FULL, 0.1, False),
    Procedure(
        "Văn hóa",
        "Đăng ký hoạt động thư viện tư nhân có vốn sách ban đầu từ 500 bản đến dưới 1.000 bản",
        5,
        FULL,
        0.03,
        False,
    ),
)

# KPI_SPEC §2: status code → labels seen in exports; the first label is what the demo stores.
STATUS_LABELS: dict[int, tuple[str, ...]] = {
    1: ("Mới đăng ký",),
    2: ("Mới tiếp nhận", "Được tiếp nhận"),
    3: ("Từ chối tiếp nhận", "Không được tiếp nhận"),
    4: ("Đang xử lý", "Đang giải quyết"),
    5: ("Yêu cầu bổ sung giấy tờ", "Chờ bổ sung"),
    6: ("Yêu cầu thực hiện nghĩa vụ tài chính",),
    7: ("Rút hồ sơ", "Công dân yêu cầu rút hồ sơ", "Trả lại"),
    8: ("Dừng xử lý",),
    9: ("Đã xử lý xong", "Đã giải quyết", "Có kết quả"),
    10: ("Đã trả kết quả",),
}

# EXPORT_FORMATS "Values seen": how exports write channels and service levels.
CHANNEL_LABELS: dict[str, tuple[str, ...]] = {
    "direct": ("Trực tiếp",),
    "online": ("Trực tuyến", "Qua mạng", "Nộp trực tuyến"),
    "postal": ("Bưu chính", "Qua bưu chính công ích", "BCCI"),
}
CHANNEL_CODES = {"direct": 1, "online": 2, "postal": 3}
SERVICE_LEVEL_LABELS: dict[str, tuple[str, ...]] = {
    "full_online": ("Toàn trình", "Mức độ 4"),
    "partial_online": ("Một phần", "Mức độ 3"),
}
SERVICE_LEVEL_CODES = {"full_online": 4, "partial_online": 3}
