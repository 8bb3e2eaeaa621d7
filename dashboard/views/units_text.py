"""Interface strings of counting by unit across reorganisations (issue 15), Vietnamese first, English as a choice.
Kept beside dashboard.views.i18n's table so that the feature's words live in one place."""

from __future__ import annotations

from dashboard.views.i18n import current_language

STRINGS: dict[str, dict[str, str]] = {
    "vi": {
        "mode.label": "Cách tính theo đơn vị",
        "mode.current": "Đơn vị hiện nay",
        "mode.recorded": "Đơn vị khi tiếp nhận",
        "mode.help": (
            "Đơn vị hiện nay: mỗi hồ sơ tính vào đơn vị có hiệu lực ở cuối kỳ, qua các lần sắp xếp (hồ sơ của các "
            "xã, phường cũ tính vào đơn vị mới). Đơn vị khi tiếp nhận: như khi hồ sơ được tiếp nhận, tức như số "
            "liệu đã báo cáo lúc đó. Tổng số luôn bằng nhau theo hai cách."
        ),
        "stamp.counting.current": "Đếm theo đơn vị hiện nay",
        "stamp.counting.recorded": "Đếm theo đơn vị khi tiếp nhận",
        "stamp.restated": "Kỳ này có ngày trước lần sắp xếp {day}: số liệu theo đơn vị hiện nay là số liệu tính lại.",
        "trend.line": "Sắp xếp ĐVHC {day}",
        "trend.continuous": (
            "Đường dọc: lần sắp xếp đơn vị hành chính {day}. Theo đơn vị hiện nay, hồ sơ trước đó của các xã, "
            "phường cũ được tính vào đơn vị mới, nên chuỗi số liệu liền mạch."
        ),
        "trend.recorded": (
            "Đường dọc: lần sắp xếp đơn vị hành chính {day}. Theo đơn vị khi tiếp nhận, trước và sau ngày đó là "
            "các đơn vị khác nhau."
        ),
        "trend.marked": "{unit}: các hồ sơ sau ngày sắp xếp thuộc các đơn vị kế tiếp.",
        "data.tab.units": "Đơn vị",
        "units.choose": "Chọn…",
        "units.province.title": "Tỉnh của cơ sở dữ liệu",
        "units.province.set": "Tỉnh: **{province}**. Danh mục có {units} đơn vị, trước và sau các lần sắp xếp.",
        "units.province.none": (
            "Chưa đặt tỉnh: tên đơn vị trong tệp chưa được đối chiếu với danh mục, hồ sơ được tính theo tên như "
            "ghi trong tệp. Chọn tỉnh để tính hồ sơ của các xã, phường cũ vào đơn vị mới."
        ),
        "units.province.choose": "Tỉnh, thành phố",
        "units.province.save": "Đặt tỉnh",
        "units.province.saved": "Đã đặt tỉnh {province}: {changed} hồ sơ được gắn đơn vị.",
        "units.names.title": "Tên đơn vị chưa xác định",
        "units.names.how": (
            "Các tên dưới đây chưa gắn được với một đơn vị: trùng tên trong tỉnh (chỉ phân biệt được bằng huyện cũ) "
            "hoặc không có đơn vị mang tên đó vào ngày tiếp nhận. Hồ sơ vẫn được nạp và tính theo tên như ghi "
            "trong tệp; chọn đơn vị để gắn chúng."
        ),
        "units.names.none": "Mọi tên đơn vị đã được xác định.",
        "units.names.pick": "Đơn vị của tên «{name}»",
        "units.names.save": "Lưu",
        "units.names.saved": "Đã gắn {changed} hồ sơ của tên «{name}».",
        "units.splits.title": "Xã, phường cũ bị chia tách",
        "units.splits.how": (
            "Một xã cũ nhập một phần vào nhiều đơn vị mới (bảng chuyển đổi không có tỷ lệ): hồ sơ của nó tính vào "
            "đơn vị được chọn, nếu không thì đơn vị cùng tên, hoặc đơn vị nhận toàn bộ dân số; không có các điều "
            "đó thì nó là một dòng riêng, ghi «đã chia tách, chưa chọn đơn vị kế tiếp»."
        ),
        "units.splits.none": "Không có hồ sơ nào của xã, phường cũ bị chia tách.",
        "units.splits.pick": "Hồ sơ của {name} ({code}) tính vào",
        "units.splits.save": "Lưu lựa chọn",
        "units.splits.saved": "Đã chọn đơn vị kế tiếp cho {name}.",
        "units.col.name": "Tên như trong tệp",
        "units.col.status": "Tình trạng",
        "units.col.rows": "Số hồ sơ",
        "units.col.first_day": "Từ ngày",
        "units.col.last_day": "Đến ngày",
        "units.col.candidates": "Các đơn vị có thể",
        "units.col.note": "Ghi chú",
        "units.col.unit": "Xã, phường cũ",
        "units.col.code": "Mã",
        "units.col.district": "Huyện cũ",
        "units.col.dossiers": "Số hồ sơ",
        "units.col.goes": "Hồ sơ tính vào",
        "units.status.ambiguous": "trùng tên",
        "units.status.unknown": "không có trong danh mục",
        "units.rule.chosen": "người dùng chọn",
        "units.rule.same_name": "cùng tên",
        "units.rule.whole_population": "nhận toàn bộ dân số",
        "units.rule.split": "chưa chọn: dòng riêng",
    },
    "en": {
        "mode.label": "Counting by unit",
        "mode.current": "Current units",
        "mode.recorded": "Units as recorded",
        "mode.help": (
            "Current units: every dossier counts under the unit in force at the end of the period, through the "
            "reorganisations (old communes' dossiers count under the new unit). Units as recorded: as on receipt, "
            "i.e. as reported at the time. Totals are the same both ways."
        ),
        "stamp.counting.current": "Counted by current units",
        "stamp.counting.recorded": "Counted by units as recorded",
        "stamp.restated": "This period has days before the reorganisation of {day}: by current units it is restated.",
        "trend.line": "Reorganisation {day}",
        "trend.continuous": (
            "Vertical line: the reorganisation of communes on {day}. By current units, the old communes' earlier "
            "dossiers count under the new unit, so the series is continuous."
        ),
        "trend.recorded": (
            "Vertical line: the reorganisation of communes on {day}. By units as recorded, the units before and "
            "after it differ."
        ),
        "trend.marked": "{unit}: its dossiers after the reorganisation belong to its successors.",
        "data.tab.units": "Units",
        "units.choose": "Choose…",
        "units.province.title": "The database's province",
        "units.province.set": "Province: **{province}**. The register holds {units} units, before and after the reorganisations.",
        "units.province.none": (
            "No province set: unit names in the files are not matched with the register, and dossiers count under "
            "their names as written. Choose the province to count old communes' dossiers under the new units."
        ),
        "units.province.choose": "Province",
        "units.province.save": "Set province",
        "units.province.saved": "Province {province} set: {changed} dossiers given their unit.",
        "units.names.title": "Unit names not yet identified",
        "units.names.how": (
            "These names match no single unit: the name repeats in the province (only the old district tells "
            "them apart), or no unit bore it on the day of receipt. Their dossiers are loaded and count under the "
            "name as written; choose the unit to give them."
        ),
        "units.names.none": "Every unit name is identified.",
        "units.names.pick": "Unit of «{name}»",
        "units.names.save": "Save",
        "units.names.saved": "{changed} dossiers of «{name}» given their unit.",
        "units.splits.title": "Old communes that were split",
        "units.splits.how": (
            "An old commune split over several new units (the table gives no shares): its dossiers count under the "
            "unit chosen, else the one of the same name, else the one taking its whole population; with none of "
            "these it is a row of its own, marked «split, no successor chosen»."
        ),
        "units.splits.none": "No dossier of a split old commune is stored.",
        "units.splits.pick": "Dossiers of {name} ({code}) count under",
        "units.splits.save": "Save choice",
        "units.splits.saved": "Successor chosen for {name}.",
        "units.col.name": "Name as written",
        "units.col.status": "Status",
        "units.col.rows": "Dossiers",
        "units.col.first_day": "From",
        "units.col.last_day": "To",
        "units.col.candidates": "Possible units",
        "units.col.note": "Note",
        "units.col.unit": "Old commune",
        "units.col.code": "Code",
        "units.col.district": "Old district",
        "units.col.dossiers": "Dossiers",
        "units.col.goes": "Dossiers count under",
        "units.status.ambiguous": "repeated name",
        "units.status.unknown": "not in the register",
        "units.rule.chosen": "chosen",
        "units.rule.same_name": "same name",
        "units.rule.whole_population": "takes the whole population",
        "units.rule.split": "not chosen: own row",
    },
}


def tu(key: str, **values) -> str:
    text = STRINGS[current_language()].get(key) or STRINGS["vi"][key]
    return text.format(**values) if values else text
