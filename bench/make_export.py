"""Write bench/out/export_200k.xlsx: a 200,000-row one-stop export as a provincial system gives it.

Layout (EXPORT_FORMATS.md): two title rows merged across the table, "DANH SÁCH HỒ SƠ" and
"(Từ ngày 15/11/2024 đến ngày 14/11/2026)", a blank row, the header, then one row per dossier: 25 wards and
communes, real procedure names, citizens' names and phone numbers (dropped at import), dates as
"dd/mm/yyyy HH:MM:SS" text, status labels, ratings.

The sheet XML is written directly into the zip with inline strings (what SheetJS-style writers produce), about
ten times faster than openpyxl's write-only mode. Deterministic (seeded); skipped when the file exists.

    .venv/bin/python bench/make_export.py [--rows N] [--out PATH] [--force]
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import numpy as np
import pandas as pd

BENCH = Path(__file__).resolve().parent
DEFAULT_OUT = BENCH / "out" / "export_200k.xlsx"
ROWS = 200_000
FIRST_DAY, LAST_DAY = dt.date(2024, 11, 15), dt.date(2026, 11, 14)
TITLE = "DANH SÁCH HỒ SƠ"
PERIOD = f"(Từ ngày {FIRST_DAY:%d/%m/%Y} đến ngày {LAST_DAY:%d/%m/%Y})"
HEADER = (
    "STT",
    "Mã hồ sơ",
    "Đơn vị tiếp nhận",
    "Lĩnh vực",
    "Tên thủ tục hành chính",
    "Chủ hồ sơ",
    "Số điện thoại",
    "Hình thức nộp",
    "Mức độ",
    "Ngày tiếp nhận",
    "Ngày hẹn trả",
    "Ngày kết thúc xử lý",
    "Ngày trả kết quả",
    "Trạng thái",
    "Đánh giá",
)

# (name, relative volume): busy central wards, small mountain communes.
WARDS = (
    ("UBND Phường Hải Châu", 1.8),
    ("UBND Phường Hòa Cường", 1.3),
    ("UBND Phường Thanh Khê", 1.5),
    ("UBND Phường An Khê", 1.1),
    ("UBND Phường An Hải", 1.2),
    ("UBND Phường Sơn Trà", 1.0),
    ("UBND Phường Ngũ Hành Sơn", 1.1),
    ("UBND Phường Hòa Khánh", 1.6),
    ("UBND Phường Hải Vân", 0.8),
    ("UBND Phường Liên Chiểu", 1.0),
    ("UBND Phường Cẩm Lệ", 1.2),
    ("UBND Phường Hòa Xuân", 1.0),
    ("UBND Phường Tam Kỳ", 1.1),
    ("UBND Phường Quảng Phú", 0.6),
    ("UBND Phường Hương Trà", 0.6),
    ("UBND Phường Bàn Thạch", 0.7),
    ("UBND Phường Điện Bàn", 0.8),
    ("UBND Phường Hội An", 0.8),
    ("UBND Phường Hội An Tây", 0.5),
    ("UBND Xã Hòa Vang", 0.7),
    ("UBND Xã Hòa Tiến", 0.6),
    ("UBND Xã Bà Nà", 0.4),
    ("UBND Xã Đại Lộc", 0.6),
    ("UBND Xã Duy Xuyên", 0.6),
    ("UBND Xã Thăng Bình", 0.6),
)

# (field, procedure, legal limit in working days, service level as exported, relative volume)
PROCEDURES = (
    (
        "Chứng thực",
        "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của Việt Nam cấp hoặc chứng nhận",
        0,
        "Một phần",
        25.0,
    ),
    ("Chứng thực", "Chứng thực chữ ký trong các giấy tờ, văn bản", 1, "Một phần", 6.0),
    (
        "Chứng thực",
        "Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản, quyền sử dụng đất và nhà ở",
        2,
        "",
        3.0,
    ),
    ("Hộ tịch", "Thủ tục đăng ký khai sinh", 1, "Toàn trình", 9.0),
    ("Hộ tịch", "Thủ tục đăng ký khai tử", 1, "Toàn trình", 2.5),
    ("Hộ tịch", "Thủ tục đăng ký kết hôn", 3, "Một phần", 3.0),
    ("Hộ tịch", "Thủ tục cấp giấy xác nhận tình trạng hôn nhân", 3, "Toàn trình", 6.0),
    ("Hộ tịch", "Thủ tục cấp bản sao trích lục hộ tịch", 1, "Toàn trình", 4.0),
    ("Hộ tịch", "Thủ tục đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch", 3, "Một phần", 1.5),
    (
        "Đất đai",
        "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất",
        10,
        "Một phần",
        3.0,
    ),
    ("Đất đai", "Hòa giải tranh chấp đất đai", 45, "", 0.4),
    ("Xây dựng", "Cấp giấy phép xây dựng đối với nhà ở riêng lẻ", 15, "Một phần", 1.0),
    ("Đăng ký kinh doanh", "Đăng ký thành lập hộ kinh doanh", 3, "Toàn trình", 2.0),
    ("Đăng ký kinh doanh", "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh", 3, "Toàn trình", 1.0),
    ("Bảo trợ xã hội", "Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hàng tháng", 15, "Một phần", 1.2),
    (
        "Bảo trợ xã hội",
        "Xác định, xác định lại mức độ khuyết tật và cấp Giấy xác nhận khuyết tật",
        25,
        "",
        0.6,
    ),
    ("Người có công", "Giải quyết chế độ trợ cấp thờ cúng liệt sĩ", 12, "", 0.3),
    ("Văn hóa", "Xét tặng danh hiệu Gia đình văn hóa", 5, "", 0.5),
)

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Trương",
    "Đoàn",
]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thanh", "Quốc", "Xuân", "Thu", "Hoài", "Công"]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Hà",
    "Hải",
    "Hạnh",
    "Hoa",
    "Hùng",
    "Hương",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Nam",
    "Phong",
    "Phương",
    "Quang",
    "Tâm",
    "Thảo",
    "Trang",
    "Tuấn",
    "Vy",
    "Yến",
    "Khoa",
    "Nhung",
    "Sơn",
    "Thủy",
    "Tú",
    "Đạt",
]
CHANNELS = ("Trực tiếp", "Trực tuyến", "Bưu chính công ích")
RATINGS = ("Rất hài lòng", "Hài lòng", "Không hài lòng", "")


def _office_seconds(rng: np.random.Generator, n: int) -> np.ndarray:
    """A time of day at the desk: 7:30–11:30 or 13:30–17:00."""
    morning = rng.random(n) < 0.6
    return np.where(
        morning,
        rng.integers(7 * 3600 + 1800, 11 * 3600 + 1800, n),
        rng.integers(13 * 3600 + 1800, 17 * 3600, n),
    )


def _timestamps(days: np.ndarray, seconds: np.ndarray) -> np.ndarray:
    return days.astype("datetime64[s]") + seconds.astype("timedelta64[s]")


def _text(times: np.ndarray, present: np.ndarray) -> np.ndarray:
    """ "dd/mm/yyyy HH:MM:SS", empty where not present."""
    text = pd.Series(times).dt.strftime("%d/%m/%Y %H:%M:%S").to_numpy(dtype=object)
    text[~present] = ""
    return text


def generate(rows: int, seed: int = 20261114) -> dict[str, np.ndarray]:
    """The columns of HEADER, as arrays of text (STT as int), sorted by receipt time."""
    rng = np.random.default_rng(seed)
    ward_weights = np.array([w for _, w in WARDS])
    ward = rng.choice(len(WARDS), rows, p=ward_weights / ward_weights.sum())
    proc_weights = np.array([p[4] for p in PROCEDURES])
    proc = rng.choice(len(PROCEDURES), rows, p=proc_weights / proc_weights.sum())

    # Receipt: a working day in the period (a few on Saturday mornings), office hours.
    all_days = np.arange(np.datetime64(FIRST_DAY), np.datetime64(LAST_DAY) + 1)
    weekday = (all_days.astype("int64") - 4) % 7  # 0 = Monday
    day_weight = np.where(weekday < 5, 1.0, np.where(weekday == 5, 0.08, 0.0))
    drawn_days = rng.choice(all_days, rows, p=day_weight / day_weight.sum())
    received = np.sort(_timestamps(drawn_days, _office_seconds(rng, rows)))  # the export lists by receipt
    received_day = received.astype("datetime64[D]")

    limit = np.array([p[2] for p in PROCEDURES])[proc]
    due_day = np.busday_offset(received_day, limit, roll="forward")
    due = _timestamps(due_day, np.full(rows, 17 * 3600))

    # Outcome. 3 % finish late, by 1–10 working days; the rest within the limit.
    late = rng.random(rows) < 0.03
    spent = np.where(late, limit + rng.integers(1, 11, rows), np.floor(rng.random(rows) * (limit + 1)))
    finish_day = np.busday_offset(received_day, spent.astype(np.int64), roll="forward")
    finished = np.maximum(
        _timestamps(finish_day, _office_seconds(rng, rows)), received + np.timedelta64(15 * 60, "s")
    )
    return_day = np.busday_offset(finished.astype("datetime64[D]"), rng.integers(0, 3, rows), roll="forward")
    returned = np.maximum(
        _timestamps(return_day, _office_seconds(rng, rows)), finished + np.timedelta64(300, "s")
    )

    end = np.datetime64(LAST_DAY) + np.timedelta64(1, "D")
    draw = rng.random(rows)
    status = np.full(rows, "Đã trả kết quả", dtype=object)
    status[draw < 0.22] = "Đã giải quyết"
    status[(draw >= 0.970) & (draw < 0.980)] = "Từ chối tiếp nhận"
    status[(draw >= 0.980) & (draw < 0.988)] = "Công dân yêu cầu rút hồ sơ"
    status[(draw >= 0.988) & (draw < 0.990)] = "Dừng xử lý"
    status[(draw >= 0.990)] = "Yêu cầu bổ sung giấy tờ"
    still_open = finished >= end
    status[still_open & (status != "Từ chối tiếp nhận")] = "Đang giải quyết"
    has_finish = np.isin(
        status, ["Đã trả kết quả", "Đã giải quyết", "Công dân yêu cầu rút hồ sơ", "Dừng xử lý"]
    )
    has_return = (status == "Đã trả kết quả") & (returned < end)
    has_due = status != "Từ chối tiếp nhận"

    # Dossier code: {agency}-{yyMMdd}-{sequence of the ward that day}.
    order = np.lexsort((received, ward))
    ward_day = ward[order].astype(np.int64) * 100_000 + received_day[order].astype(np.int64)
    starts = np.r_[0, np.flatnonzero(np.diff(ward_day)) + 1]
    sequence = np.empty(rows, dtype=np.int64)
    sequence[order] = np.arange(rows) - np.repeat(starts, np.diff(np.r_[starts, rows])) + 1
    yymmdd = pd.Series(received_day).dt.strftime("%y%m%d").to_numpy()
    agency = np.array([f"000.00.{41 + k:02d}.H17" for k in range(len(WARDS))], dtype=object)[ward]
    codes = [f"{a}-{d}-{s:04d}" for a, d, s in zip(agency, yymmdd, sequence.tolist(), strict=True)]

    online_level = np.array([p[3] for p in PROCEDURES], dtype=object)[proc]
    channel_draw = rng.random(rows)
    channel = np.where((online_level != "") & (channel_draw < 0.45), 1, np.where(channel_draw > 0.975, 2, 0))
    names = [
        f"{FAMILY[f]} {MIDDLE[m]} {GIVEN[g]}"
        for f, m, g in zip(
            rng.integers(0, len(FAMILY), rows).tolist(),
            rng.integers(0, len(MIDDLE), rows).tolist(),
            rng.integers(0, len(GIVEN), rows).tolist(),
            strict=True,
        )
    ]
    prefixes = np.array(["09", "03", "07", "08", "09"], dtype=object)[rng.integers(0, 5, rows)]
    phones = [f"{p}{n:08d}" for p, n in zip(prefixes, rng.integers(0, 10**8, rows).tolist(), strict=True)]
    phones = np.array(phones, dtype=object)
    phones[rng.random(rows) < 0.06] = ""
    rating = np.array(RATINGS, dtype=object)[rng.choice(4, rows, p=[0.48, 0.30, 0.01, 0.21])]
    rating[~has_finish] = ""

    return {
        "STT": np.arange(1, rows + 1),
        "Mã hồ sơ": np.array(codes, dtype=object),
        "Đơn vị tiếp nhận": np.array([w for w, _ in WARDS], dtype=object)[ward],
        "Lĩnh vực": np.array([p[0] for p in PROCEDURES], dtype=object)[proc],
        "Tên thủ tục hành chính": np.array([p[1] for p in PROCEDURES], dtype=object)[proc],
        "Chủ hồ sơ": np.array(names, dtype=object),
        "Số điện thoại": phones,
        "Hình thức nộp": np.array(CHANNELS, dtype=object)[channel],
        "Mức độ": online_level,
        "Ngày tiếp nhận": _text(received, np.ones(rows, dtype=bool)),
        "Ngày hẹn trả": _text(due, has_due),
        "Ngày kết thúc xử lý": _text(finished, has_finish),
        "Ngày trả kết quả": _text(returned, has_return),
        "Trạng thái": status,
        "Đánh giá": rating,
    }


COLUMNS = "ABCDEFGHIJKLMNO"


def _cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(text)}</t></is></c>' if text else ""


def _sheet_xml(columns: dict[str, np.ndarray]):
    """The worksheet XML, yielded in pieces."""
    rows = len(columns["STT"])
    last = 4 + rows
    yield (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="A1:O{last}"/><sheetData>'
        f'<row r="1">{_cell("A1", TITLE)}</row><row r="2">{_cell("A2", PERIOD)}</row>'
        f'<row r="4">{"".join(_cell(f"{c}4", h) for c, h in zip(COLUMNS, HEADER, strict=True))}</row>'
    )
    # Each distinct text is escaped once: most columns repeat a few values.
    text_columns = [
        [escape(str(v)) for v in values.tolist()] for name, values in columns.items() if name != "STT"
    ]
    stt = columns["STT"].tolist()
    chunk = []
    for i in range(rows):
        r = 5 + i
        cells = [f'<row r="{r}"><c r="A{r}"><v>{stt[i]}</v></c>']
        for letter, values in zip(COLUMNS[1:], text_columns, strict=True):
            value = values[i]
            if value:
                cells.append(f'<c r="{letter}{r}" t="inlineStr"><is><t>{value}</t></is></c>')
        cells.append("</row>")
        chunk.append("".join(cells))
        if len(chunk) == 5000:
            yield "".join(chunk)
            chunk = []
    yield "".join(chunk)
    yield '</sheetData><mergeCells count="2"><mergeCell ref="A1:O1"/><mergeCell ref="A2:O2"/></mergeCells></worksheet>'


PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/styles.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="Danh sách hồ sơ" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
        'Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
        'Target="styles.xml"/></Relationships>'
    ),
    "xl/styles.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<fonts count="1"><font><sz val="11"/><name val="Times New Roman"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"
    ),
}


def _entry(name: str) -> zipfile.ZipInfo:
    """A zip entry with a fixed date, so that the same rows give the same bytes."""
    info = zipfile.ZipInfo(name, date_time=(2026, 11, 14, 17, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def write_export(path: Path, rows: int = ROWS) -> None:
    columns = generate(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for name, text in PARTS.items():
            archive.writestr(_entry(name), text)
        with archive.open(_entry("xl/worksheets/sheet1.xml"), "w", force_zip64=True) as sheet:
            for piece in _sheet_xml(columns):
                sheet.write(piece.encode("utf-8"))
    partial.replace(path)


def write_csv_export(path: Path, rows: int = ROWS) -> None:
    """The same export as comma-separated UTF-8 text (the title lines, a blank line, the header, the rows)."""
    import csv

    columns = generate(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    values = [[str(v) for v in columns[name].tolist()] for name in columns]
    with open(partial, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerows([[TITLE], [PERIOD], [], list(HEADER)])
        for start in range(0, rows, 50_000):
            writer.writerows(zip(*(column[start : start + 50_000] for column in values), strict=True))
    partial.replace(path)


def ensure_export(path: Path = DEFAULT_OUT, rows: int = ROWS, force: bool = False) -> Path:
    """The export at `path` (.xlsx, or .csv), written unless it is already there."""
    if path.exists() and not force:
        return path
    started = time.perf_counter()
    (write_csv_export if path.suffix == ".csv" else write_export)(path, rows)
    print(
        f"wrote {path} ({rows} rows, {path.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - started:.1f} s"
    )
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=ROWS)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--force", action="store_true", help="write it again even if it exists")
    args = parser.parse_args()
    path = ensure_export(args.out, args.rows, args.force)
    print(f"{path}: {path.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
