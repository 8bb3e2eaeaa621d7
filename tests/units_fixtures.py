"""Small tables in the NSO layouts for the unit register tests (issue 15 §7), computed by hand.

Five old communes of the made-up "Tỉnh Mẫu" become two new ones on 1/7/2025:
- Xã An Phú, Xã Bình Minh (whole) and part of Xã Thái Bình → Xã An Bình (90001);
- the rest of Xã Thái Bình, Thị trấn Cầu Mới and Xã Hòa Lạc (whole) → Xã Thái Bình (90003), the same code and name
  as the old one, which is therefore the split commune's default successor.
The cells carry the real table's traps: a line break and trailing spaces inside cells, a province line.
"""

from __future__ import annotations

from datetime import date

from dashboard.units.base_list import parse_base_list
from dashboard.units.crosswalk_reader import parse_crosswalk
from dashboard.units.national import RegisterBuild, build_register
from dashboard.units.sources import csv_rows

EFFECTIVE = date(2025, 7, 1)
BASE_LIST = """Tỉnh Thành Phố,Mã TP,Quận Huyện,Mã QH,Phường Xã,Mã PX,Cấp,Tên Tiếng Anh
Tỉnh Mẫu,99,Huyện Đông,990,Xã An Phú,90001,Xã,
Tỉnh Mẫu,99,Huyện Đông,990,Xã Bình Minh,90002,Xã,
Tỉnh Mẫu,99,Huyện Đông,990,Xã Thái Bình,90003,Xã,
Tỉnh Mẫu,99,Huyện Tây,991,Thị trấn Cầu Mới,90004,Thị trấn,
Tỉnh Mẫu,99,Huyện Tây,991,Xã Hòa Lạc,90005,Xã,
"""
TITLE = "Đơn vị hành chính từ ngày 01/7/2025,,,Đơn vị hành chính trước ngày 01/7/2025,,,,,\n"
HEADER = '"Tỉnh, thành phố",Tên Xã mới,Mã Xã mới,Tên Xã cũ,Mã Xã cũ,Ghi chú,Quận/huyện,Tỉnh cũ,\n'
PAIRS_2025 = """TỈNH MẪU  ,,,,,,,,
Tỉnh Mẫu (99),Xã An Bình,90001,Xã An Phú,90001,Nhập toàn bộ,Huyện Đông (990),Tỉnh Mẫu (99),
Tỉnh Mẫu (99),Xã An Bình,90001,Xã Bình Minh,90002,Nhập toàn bộ,Huyện Đông (990),Tỉnh Mẫu (99),
Tỉnh Mẫu (99),Xã An Bình,90001,Xã Thái Bình,90003,{split_note_1},Huyện Đông (990),Tỉnh Mẫu (99),
Tỉnh Mẫu (99),"{second_name}
",90003,Xã Thái Bình ,90003,"{split_note_2}
",Huyện Đông (990),Tỉnh Mẫu (99),
Tỉnh Mẫu (99),{second_name},90003,Thị trấn Cầu Mới,90004,Nhập toàn bộ,Huyện Tây (991),Tỉnh Mẫu (99),
Tỉnh Mẫu (99),{second_name},90003,Xã Hòa Lạc,90005,Nhập toàn bộ,Huyện Tây (991),Tỉnh Mẫu (99),
"""
# Hand-computed: dossiers received by each old commune before 1/7/2025.
DOSSIERS = {"90001": 10, "90002": 5, "90003": 7, "90004": 3, "90005": 2}


def crosswalk_text(
    second_name="Xã Thái Bình", split_note_1="Nhập một phần", split_note_2="Nhập một phần"
) -> str:
    pairs = PAIRS_2025.format(second_name=second_name, split_note_1=split_note_1, split_note_2=split_note_2)
    return TITLE + HEADER + pairs


def five_to_two(**variant) -> RegisterBuild:
    base = parse_base_list(csv_rows(BASE_LIST))
    table = parse_crosswalk(csv_rows(crosswalk_text(**variant)), EFFECTIVE, "mau.csv")
    return build_register(base, [table])


# 30/4/2026: both communes of 2025 become one ward (a later reorganisation, as a second table).
EFFECTIVE_2026 = date(2026, 4, 30)
PAIRS_2026 = """TỈNH MẪU,,,,,,,,
Tỉnh Mẫu (99),Phường Mẫu Sơn,90010,Xã An Bình,90001,Nhập toàn bộ,,Tỉnh Mẫu (99),
Tỉnh Mẫu (99),Phường Mẫu Sơn,90010,Xã Thái Bình,90003,Nhập toàn bộ,,Tỉnh Mẫu (99),
"""


def crosswalk_2026_text() -> str:
    return TITLE.replace("01/7/2025", "30/4/2026") + HEADER + PAIRS_2026


# A made-up later table for the demo province (tests only): on 30/4/2026 two wards of the demo become one.
DEMO_2026 = date(2026, 4, 30)
DEMO_PAIRS_2026 = """THÀNH PHỐ ĐÀ NẴNG,,,,,,,,
Thành phố Đà Nẵng (48),Phường Hội An Mới,20999,Phường Hội An Đông,20413,Nhập toàn bộ,,Thành phố Đà Nẵng (48),
Thành phố Đà Nẵng (48),Phường Hội An Mới,20999,Phường Hội An Tây,20401,Nhập toàn bộ,,Thành phố Đà Nẵng (48),
"""


def demo_crosswalk_2026_text() -> str:
    return TITLE.replace("01/7/2025", "30/4/2026") + HEADER + DEMO_PAIRS_2026
