"""Sample export files in the messy layouts of EXPORT_FORMATS.md, built from generated dossiers.

Each file holds a few hundred dossiers of the frame with made-up citizens' personal data (names, addresses,
phone numbers, CCCD numbers) so that users see those columns dropped at import (KPI_SPEC §1). Nothing here is
a real person.

Files (in the order returned):
(a) mau_xlsx_tieu_de_gop_o.xlsx: title rows, 2-row merged header, "(1) (2) …" row, bold group rows per unit
    (no unit column), blank rows, a "Tổng cộng" row; Excel dates and text dates; status labels. State of the
    dossiers on the period's last day, one month before the frame's snapshot.
(b) mau_html.xls: an Excel-flavoured HTML table named .xls; status codes 1–10, channel codes 1/2/3.
(c) mau_csv_cp1258.csv: Windows-1258, ";" separated, headers without diacritics, dates dd/mm/yyyy.
(d) mau_lech_cot.xlsx: 12 header cells, 11 data cells: "Người tiếp nhận" has no data, later values shift left.
(e) mau_loi.xlsx: bad rows (see BAD_ROWS) among good ones, so that users see the quarantine.
(f) mau_xlsx_tieu_de_gop_o_cap_nhat.xlsx: (a) taken a month later: same dossiers, newer states, plus the
    receipts of the following month.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from dashboard.demo.catalog import (
    CHANNEL_CODES,
    CHANNEL_LABELS,
    SERVICE_LEVEL_CODES,
    SERVICE_LEVEL_LABELS,
    STATUS_LABELS,
)
from dashboard.domain import RATING_LABEL_VI, STATUS_CODE_CLASS
from dashboard.text import encode_cp1258

FILE_A = "mau_xlsx_tieu_de_gop_o.xlsx"
FILE_B = "mau_html.xls"
FILE_C = "mau_csv_cp1258.csv"
FILE_D = "mau_lech_cot.xlsx"
FILE_E = "mau_loi.xlsx"
FILE_F = "mau_xlsx_tieu_de_gop_o_cap_nhat.xlsx"

# (e): spreadsheet row → what is wrong with it (the header is row 1). The two duplicate rows share a code.
BAD_ROWS: dict[int, str] = {
    6: "received date 31/02/2026 does not exist",
    12: "due date before the received date",
    18: "received date missing",
    30: "same dossier code as row 24, different data (row 24 is kept: the first row of a code)",
}
DUPLICATE_KEPT_ROW = 24  # mau_loi.xlsx: the first row of the repeated code, loaded (issue 10 §2)

BOLD = Font(bold=True)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)

# -- made-up personal data ------------------------------------------------------------------------------

_SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô")
_MIDDLE_M = ("Văn", "Hữu", "Đức", "Minh", "Quốc", "Thành", "Công")
_MIDDLE_F = ("Thị", "Ngọc", "Thu", "Thanh", "Kim", "Mỹ", "Thị Kim")
_GIVEN_M = (
    "An",
    "Bình",
    "Dũng",
    "Hải",
    "Hùng",
    "Khánh",
    "Long",
    "Minh",
    "Nam",
    "Phúc",
    "Quân",
    "Sơn",
    "Tuấn",
)
_GIVEN_F = ("Châu", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Mai", "Ngọc", "Thảo", "Trang", "Vy", "Yến")
_STREETS = (
    "Lê Duẩn",
    "Nguyễn Văn Linh",
    "Hùng Vương",
    "Trần Phú",
    "Bạch Đằng",
    "Ông Ích Khiêm",
    "Điện Biên Phủ",
    "Tôn Đức Thắng",
    "Hoàng Diệu",
    "Phan Châu Trinh",
    "Nguyễn Tất Thành",
    "Trưng Nữ Vương",
)


def _lower_kind(unit: str) -> str:
    """Lower-case the unit kind as addresses write it: Phường Hải Châu → phường Hải Châu."""
    kind, _, rest = unit.partition(" ")
    return f"{kind.lower()} {rest}"


def _people(rng: np.random.Generator, units: list[str]) -> pd.DataFrame:
    k = len(units)
    male = rng.random(k) < 0.5
    names = [
        " ".join(
            (
                _SURNAMES[rng.integers(len(_SURNAMES))],
                (_MIDDLE_M if m else _MIDDLE_F)[rng.integers(7)],
                (_GIVEN_M if m else _GIVEN_F)[rng.integers(13)],
            )
        )
        for m in male
    ]
    addresses = [
        f"{rng.integers(1, 400)} {_STREETS[rng.integers(len(_STREETS))]}, {_lower_kind(unit)}, TP Đà Nẵng"
        for unit in units
    ]
    phones = [f"09{rng.integers(0, 10**8):08d}" for _ in range(k)]
    cccd = [f"048{int(m) + 2 * (rng.random() < 0.3)}{rng.integers(0, 10**8):08d}" for m in ~male]
    return pd.DataFrame({"name": names, "address": addresses, "phone": phones, "cccd": cccd})


# -- choosing rows and rolling them back to an earlier snapshot -----------------------------------------


def _as_of(rows: pd.DataFrame, day: dt.date) -> pd.DataFrame:
    """The dossiers as an export taken at the end of `day` would show them (EXPORT_FORMATS: re-imports)."""
    rows = rows.copy()
    cutoff = pd.Timestamp(day) + pd.Timedelta(days=1)
    not_finished = rows["finished_at"] >= cutoff
    not_returned = rows["returned_at"] >= cutoff
    no_request = rows["supplement_requested_at"] >= cutoff
    rows.loc[not_returned & ~not_finished & (rows["status_code"] == 10), "status_code"] = 9
    rows.loc[not_returned, "returned_at"] = pd.NaT
    rows.loc[no_request, ["supplement_requested_at"]] = pd.NaT
    rows.loc[no_request, "supplement_count"] = 0
    reopened = not_finished | (no_request & rows["status"].eq("paused"))
    rows.loc[reopened, ["finished_at", "returned_at"]] = pd.NaT
    rows.loc[reopened, "status_code"] = 4
    rows.loc[reopened, ["rating"]] = pd.NA
    rows.loc[reopened, ["result_digitized", "apology_issued"]] = pd.NA
    rows["status"] = rows["status_code"].map(STATUS_CODE_CLASS).astype("string")
    return rows


def _pick(
    frame: pd.DataFrame,
    rng: np.random.Generator,
    units: list[str],
    first: dt.date,
    last: dt.date,
    per_unit: int,
    open_at: dt.date | None = None,
) -> pd.DataFrame:
    """Up to `per_unit` dossiers of each unit received in [first, last], in receipt order.

    With `open_at`, dossiers still open at that date are taken first (up to a fifth of the rows), so that a
    later snapshot has something to update.
    """
    received = frame["received_at"].dt.normalize()
    window = frame[(received >= pd.Timestamp(first)) & (received <= pd.Timestamp(last))]
    chosen = []
    for unit in units:
        rows = window[window["unit"] == unit]
        take = []
        if open_at is not None:
            cutoff = pd.Timestamp(open_at) + pd.Timedelta(days=1)
            still_open = rows.index[rows["finished_at"].isna() | (rows["finished_at"] >= cutoff)]
            take = list(rng.permutation(still_open)[: per_unit // 5])
        rest = rows.index.difference(take)
        take += list(rng.choice(rest, size=min(per_unit - len(take), rest.size), replace=False))
        chosen.append(frame.loc[sorted(take)])
    return pd.concat(chosen).sort_values(["unit", "received_at"], kind="stable")


def _units_for(frame: pd.DataFrame, rng: np.random.Generator, k: int, taken: set[str]) -> list[str]:
    # Units that still receive dossiers: the old communes of before 1/7/2025 (issue 15 §6) have none lately.
    recent = frame.loc[frame["received_at"] >= frame["received_at"].max() - pd.Timedelta(days=62), "unit"]
    names = sorted(set(recent.dropna().unique().tolist()) - taken)
    picked = [str(u) for u in rng.choice(names, size=min(k, len(names)), replace=False)]
    taken.update(picked)
    return picked


def _largest_units(frame: pd.DataFrame, k: int, taken: set[str]) -> list[str]:
    counts = frame.loc[~frame["unit"].isin(taken), "unit"].value_counts()
    picked = sorted(str(u) for u in counts.index[:k])
    taken.update(picked)
    return picked


# -- cell formatting ------------------------------------------------------------------------------------


def _records(rows: pd.DataFrame, people: pd.DataFrame) -> list[dict]:
    """Rows as dicts with the made-up person of each dossier (people is indexed like the frame)."""
    return rows.join(people).to_dict("records")


def _text_time(value, fmt: str = "%d/%m/%Y %H:%M:%S") -> str | None:
    return None if pd.isna(value) else pd.Timestamp(value).strftime(fmt)


def _excel_time(value) -> dt.datetime | None:
    return None if pd.isna(value) else pd.Timestamp(value).to_pydatetime()


def _variant(rng: np.random.Generator, options: tuple[str, ...]) -> str:
    # Exports of one system write one label; the demo mostly uses the first and sometimes another.
    return options[0] if len(options) == 1 or rng.random() < 0.8 else options[rng.integers(1, len(options))]


def _status_label(rng: np.random.Generator, code) -> str:
    return _variant(rng, STATUS_LABELS[int(code)])


def _channel_label(rng: np.random.Generator, channel) -> str:
    return _variant(rng, CHANNEL_LABELS[str(channel)])


def _level_label(rng: np.random.Generator, level) -> str | None:
    return None if pd.isna(level) else _variant(rng, SERVICE_LEVEL_LABELS[str(level)])


def _rating_label(rating) -> str | None:
    return None if pd.isna(rating) else RATING_LABEL_VI[str(rating)]


def _yes_no(value) -> str | None:
    return None if pd.isna(value) else ("Có" if bool(value) else "Không")


def _period(first: dt.date, last: dt.date) -> str:
    return f"(Từ ngày {first:%d/%m/%Y} đến ngày {last:%d/%m/%Y})"


def _new_workbook(snapshot: dt.date) -> tuple[Workbook, object]:
    wb = Workbook()
    # Fixed document dates keep the files identical from one run to the next.
    stamp = dt.datetime.combine(snapshot, dt.time(17, 30))
    wb.properties.created = wb.properties.modified = stamp
    wb.properties.creator = "Hệ thống thông tin giải quyết TTHC (dữ liệu mẫu)"
    return wb, wb.active


def _widths(ws, widths: list[int]) -> None:
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width


# -- (a) and (f): titles, merged 2-row header, group rows, total row ------------------------------------

GROUPED_COLUMNS = 15
GROUPED_HEADER_TOP = (
    "STT",
    "Mã hồ sơ",
    "Lĩnh vực",
    "Tên thủ tục hành chính",
    "Chủ hồ sơ",
    "Địa chỉ",
    "Số điện thoại",
    "Hình thức nộp",
    "Mức độ",
    "Ngày",
    None,
    None,
    None,
    "Trạng thái",
    "Đánh giá",
)
GROUPED_HEADER_SUB = ("Tiếp nhận", "Hẹn trả", "Kết thúc xử lý", "Trả kết quả")  # under "Ngày", columns J–M


def _write_grouped(
    path: Path, rows: pd.DataFrame, people: pd.DataFrame, first: dt.date, last: dt.date, seed: int
) -> Path:
    rng = np.random.default_rng(seed)
    wb, ws = _new_workbook(last)
    ws.title = "Danh sach ho so"
    titles = (
        "DANH SÁCH HỒ SƠ TIẾP NHẬN",
        _period(first, last),
        "Cơ quan: Trung tâm Phục vụ hành chính công thành phố Đà Nẵng",
    )
    for r, text in enumerate(titles, start=1):
        ws.cell(r, 1, text).font = BOLD if r == 1 else Font(italic=r == 2)
        ws.cell(r, 1).alignment = CENTER
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=GROUPED_COLUMNS)
    head = 5  # row 4 stays blank
    for c, text in enumerate(GROUPED_HEADER_TOP, start=1):
        if text is None:
            continue
        ws.cell(head, c, text)
        if text != "Ngày":
            ws.merge_cells(start_row=head, start_column=c, end_row=head + 1, end_column=c)
    ws.merge_cells(start_row=head, start_column=10, end_row=head, end_column=13)
    for offset, text in enumerate(GROUPED_HEADER_SUB):
        ws.cell(head + 1, 10 + offset, text)
    for r in (head, head + 1):
        for c in range(1, GROUPED_COLUMNS + 1):
            ws.cell(r, c).font, ws.cell(r, c).alignment = BOLD, CENTER
    for c in range(1, GROUPED_COLUMNS + 1):
        ws.cell(head + 2, c, f"({c})").alignment = CENTER

    r, number = head + 3, 0
    for unit, group in rows.groupby("unit", sort=True):
        ws.cell(r, 1, str(unit)).font = BOLD
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=GROUPED_COLUMNS)
        r += 1
        for row in _records(group, people):
            number += 1
            values = (
                number,
                row["dossier_code"],
                row["field_name"],
                row["procedure"],
                row["name"],
                row["address"],
                row["phone"],
                _channel_label(rng, row["channel"]),
                _level_label(rng, row["service_level"]),
                _excel_time(row["received_at"]),
                _excel_time(row["due_at"]),
                _text_time(row["finished_at"]),
                _text_time(row["returned_at"]),
                _status_label(rng, row["status_code"]),
                _rating_label(row["rating"]),
            )
            for c, value in enumerate(values, start=1):
                cell = ws.cell(r, c, value)
                if isinstance(value, dt.datetime):
                    cell.number_format = "dd/mm/yyyy hh:mm"
            r += 1
        r += 1  # a blank row between groups
    ws.cell(r, 1, "Tổng cộng").font = BOLD
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=3)
    ws.cell(r, 4, f"{number} hồ sơ").font = BOLD
    _widths(ws, [6, 28, 16, 50, 22, 40, 13, 14, 12, 17, 17, 20, 20, 22, 15])
    wb.save(path)
    return path


# -- (b) HTML table named .xls ---------------------------------------------------------------------------

HTML_HEADER = (
    "STT",
    "Mã hồ sơ",
    "Đơn vị tiếp nhận",
    "Tên lĩnh vực",
    "Tên thủ tục",
    "Người nộp",
    "Số CCCD",
    "Kênh nộp",
    "Mức độ DVC",
    "Ngày nộp",
    "Ngày nhận hồ sơ",
    "Ngày hẹn trả kết quả",
    "Ngày có kết quả",
    "Ngày trả",
    "Trạng thái",
    "Thanh toán trực tuyến",
    "Kết quả điện tử",
)


def _write_html(path: Path, rows: pd.DataFrame, people: pd.DataFrame, first: dt.date, last: dt.date) -> Path:
    fmt = "%d/%m/%Y %H:%M"
    span = len(HTML_HEADER)

    def td(value) -> str:
        return f"<td>{'' if value is None else html.escape(str(value))}</td>"

    lines = [
        '<html xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns="http://www.w3.org/TR/REC-html40">',
        '<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><meta charset="utf-8">',
        "<!--[if gte mso 9]><xml><x:ExcelWorkbook><x:ExcelWorksheets><x:ExcelWorksheet>"
        "<x:Name>DanhSachHoSo</x:Name></x:ExcelWorksheet></x:ExcelWorksheets></x:ExcelWorkbook></xml><![endif]-->",
        "</head><body>",
        '<table border="1">',
        f'<tr><td colspan="{span}" style="font-weight:bold;text-align:center">BÁO CÁO CHI TIẾT HỒ SƠ TTHC</td></tr>',
        f'<tr><td colspan="{span}" style="text-align:center">{_period(first, last)}</td></tr>',
        f'<tr><td colspan="{span}"></td></tr>',
        "<tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in HTML_HEADER) + "</tr>",
    ]
    for number, row in enumerate(_records(rows, people), start=1):
        level = row["service_level"]
        cells = (
            number,
            row["dossier_code"],
            row["unit"],
            row["field_name"],
            row["procedure"],
            row["name"],
            row["cccd"],
            CHANNEL_CODES[str(row["channel"])],
            None if pd.isna(level) else SERVICE_LEVEL_CODES[str(level)],
            _text_time(row["submitted_at"], fmt),
            _text_time(row["received_at"], fmt),
            _text_time(row["due_at"], fmt),
            _text_time(row["finished_at"], fmt),
            _text_time(row["returned_at"], fmt),
            int(row["status_code"]),
            _yes_no(row["paid_online"]),
            _yes_no(row["result_digitized"]),
        )
        lines.append("<tr>" + "".join(td(v) for v in cells) + "</tr>")
    lines += ["</table>", "</body></html>", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


# -- (c) CSV in Windows-1258 -------------------------------------------------------------------------------

CSV_HEADER = (
    "STT",
    "Ma ho so",
    "Don vi tiep nhan",
    "Linh vuc",
    "Ten thu tuc",
    "Ho ten nguoi nop",
    "Dia chi",
    "So dien thoai",
    "Hinh thuc nop",
    "Ngay tiep nhan",
    "Ngay hen tra",
    "Ngay hoan thanh",
    "Ngay tra ket qua",
    "Trang thai",
    "Danh gia",
)


def _write_csv(path: Path, rows: pd.DataFrame, people: pd.DataFrame, seed: int) -> Path:
    rng = np.random.default_rng(seed)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for number, row in enumerate(_records(rows, people), start=1):
        writer.writerow(
            (
                number,
                row["dossier_code"],
                row["unit"],
                row["field_name"],
                row["procedure"],
                row["name"],
                row["address"],
                row["phone"],
                _channel_label(rng, row["channel"]),
                _text_time(row["received_at"], "%d/%m/%Y"),
                _text_time(row["due_at"], "%d/%m/%Y"),
                _text_time(row["finished_at"], "%d/%m/%Y"),
                _text_time(row["returned_at"], "%d/%m/%Y"),
                _status_label(rng, row["status_code"]),
                _rating_label(row["rating"]),
            )
        )
    path.write_bytes(encode_cp1258(buffer.getvalue()))
    return path


# -- (d) shifted columns ----------------------------------------------------------------------------------

SHIFTED_HEADER = (
    "STT",
    "Mã hồ sơ",
    "Tên đơn vị",
    "Tên TTHC",
    "Chủ hồ sơ",
    "Người tiếp nhận",  # no data in this export: every later value sits one column to the left
    "Ngày tiếp nhận",
    "Ngày hẹn trả",
    "Ngày xử lý xong",
    "Ngày trả",
    "Trạng thái",
    "Hình thức tiếp nhận",
)


def _write_shifted(
    path: Path, rows: pd.DataFrame, people: pd.DataFrame, snapshot: dt.date, seed: int
) -> Path:
    rng = np.random.default_rng(seed)
    wb, ws = _new_workbook(snapshot)
    ws.title = "Sheet1"
    ws.cell(1, 1, "DANH SÁCH HỒ SƠ ĐÃ TIẾP NHẬN").font = BOLD
    for c, text in enumerate(SHIFTED_HEADER, start=1):
        ws.cell(2, c, text).font = BOLD
    for number, row in enumerate(_records(rows, people), start=1):
        values = (
            number,
            row["dossier_code"],
            row["unit"],
            row["procedure"],
            row["name"],
            _text_time(row["received_at"]),
            _text_time(row["due_at"]),
            _text_time(row["finished_at"]),
            _text_time(row["returned_at"]),
            _status_label(rng, row["status_code"]),
            _channel_label(rng, row["channel"]),
        )
        for c, value in enumerate(values, start=1):
            ws.cell(2 + number, c, value)
    _widths(ws, [6, 28, 24, 50, 22, 20, 20, 20, 20, 20, 22, 18])
    wb.save(path)
    return path


# -- (e) rows the importer must reject -------------------------------------------------------------------

ERRORS_HEADER = (
    "STT",
    "Mã hồ sơ",
    "Đơn vị",
    "Lĩnh vực",
    "Thủ tục",
    "Ngày nhận",
    "Hẹn trả",
    "Ngày hoàn thành",
    "Tình trạng",
    "Kênh nộp",
    "Số điện thoại",
)


def _write_errors(path: Path, rows: pd.DataFrame, people: pd.DataFrame, snapshot: dt.date, seed: int) -> Path:
    rng = np.random.default_rng(seed)
    fmt = "%d/%m/%Y %H:%M"
    table = []
    for row in _records(rows, people):
        table.append(
            [
                row["dossier_code"],
                row["unit"],
                row["field_name"],
                row["procedure"],
                _text_time(row["received_at"], fmt),
                _text_time(row["due_at"], fmt),
                _text_time(row["finished_at"], fmt),
                _status_label(rng, row["status_code"]),
                _channel_label(rng, row["channel"]),
                row["phone"],
            ]
        )
    # Indices into `table` of the bad rows (spreadsheet row = index + 2).
    bad = {sheet_row: sheet_row - 2 for sheet_row in BAD_ROWS}
    table[bad[6]][4] = "31/02/2026 08:15"
    received = pd.Timestamp(rows.iloc[bad[12]]["received_at"])
    table[bad[12]][5] = (received - pd.Timedelta(days=3)).replace(hour=17, minute=0).strftime(fmt)
    table[bad[18]][4] = None
    kept = DUPLICATE_KEPT_ROW - 2
    first, second = table[kept], table[bad[30]]
    second[0] = first[0]  # same code, a different dossier's data
    for row in (kept, bad[30]):  # neither of the pair is wrong on its own
        if table[row][5] is None:
            table[row][5] = table[row][4]

    wb, ws = _new_workbook(snapshot)
    ws.title = "Ho so"
    for c, text in enumerate(ERRORS_HEADER, start=1):
        ws.cell(1, c, text).font = BOLD
    for i, values in enumerate(table):
        for c, value in enumerate([i + 1, *values], start=1):
            ws.cell(i + 2, c, value)
    _widths(ws, [6, 28, 24, 18, 50, 18, 18, 18, 22, 14, 13])
    wb.save(path)
    return path


# -- all files -----------------------------------------------------------------------------------------


def _month_back(day: dt.date) -> dt.date:
    return (pd.Timestamp(day) - pd.DateOffset(months=1)).date()


def write_samples(frame: pd.DataFrame, out_dir: Path, seed: int = 11) -> list[Path]:
    """Write the six sample files into `out_dir` (created if needed); return their paths, (a) to (f).

    Periods follow the reporting month (KPI_SPEC §3) ending at the frame's snapshot date S: (b)–(e) cover
    (S − 1 month, S]; (a) covers the month before, as of its last day; (f) covers both months, as of S.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    snapshot = pd.Timestamp(frame["snapshot_at"].max()).date()
    month_first = _month_back(snapshot) + dt.timedelta(days=1)
    earlier_last = _month_back(snapshot)
    earlier_first = _month_back(earlier_last) + dt.timedelta(days=1)

    # Each file shows its own units. (a)/(f) and (e) take the busiest ones so that a small frame still
    # fills them; the others are drawn at random.
    taken: set[str] = set()
    units_a = _largest_units(frame, 4, taken)
    units_e = _largest_units(frame, 2, taken)
    picked_a = _pick(frame, rng, units_a, earlier_first, earlier_last, 75, open_at=earlier_last)
    newer = _pick(frame, rng, units_a, month_first, snapshot, 30)
    picked_b = _pick(frame, rng, _units_for(frame, rng, 5, taken), month_first, snapshot, 60)
    picked_c = _pick(frame, rng, _units_for(frame, rng, 4, taken), month_first, snapshot, 60)
    picked_d = _pick(frame, rng, _units_for(frame, rng, 3, taken), month_first, snapshot, 70)
    picked_e = _pick(frame, rng, units_e, month_first, snapshot, 20)
    if len(picked_e) < max(BAD_ROWS) - 1:
        raise ValueError("quá ít hồ sơ trong tháng cuối để ghi các tệp mẫu; dùng --dossiers lớn hơn")

    every = pd.concat([picked_a, newer, picked_b, picked_c, picked_d, picked_e])
    people = _people(rng, every["unit"].astype(str).tolist()).set_axis(every.index)

    picked_f = pd.concat([picked_a, newer]).sort_values(["unit", "received_at"], kind="stable")
    return [
        _write_grouped(
            out_dir / FILE_A, _as_of(picked_a, earlier_last), people, earlier_first, earlier_last, seed
        ),
        _write_html(out_dir / FILE_B, picked_b, people, month_first, snapshot),
        _write_csv(out_dir / FILE_C, picked_c, people, seed),
        _write_shifted(out_dir / FILE_D, picked_d, people, snapshot, seed),
        _write_errors(out_dir / FILE_E, picked_e, people, snapshot, seed),
        _write_grouped(out_dir / FILE_F, picked_f, people, earlier_first, snapshot, seed),
    ]
