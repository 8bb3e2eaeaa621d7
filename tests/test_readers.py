"""File readers: kind chosen by content, every cell as text, row numbers as the user sees them."""

from __future__ import annotations

import datetime as dt
import random
import time
import unicodedata
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlwt

from dashboard.ingest.grid import Sheet, UnreadableFile, Workbook
from dashboard.ingest.readers import read_workbook
from dashboard.ingest.sniff import detect_kind
from dashboard.text import encode_cp1258

REAL = Path("/work/shared/data/real")
PNG_MAGIC = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
VIETNAMESE = "Phường Hải Châu; Đăng ký khai sinh"


# ---------------------------------------------------------------- helpers


def rows_of(sheet: Sheet) -> list[list[str | None]]:
    return sheet.head(sheet.n_rows)


def row_at(sheet: Sheet, row_number: int) -> list[str | None]:
    """The cells of the row the user calls `row_number`."""
    (index,) = [i for i, n in enumerate(sheet.row_numbers) if n == row_number]
    return rows_of(sheet)[index]


def assert_text_grid(workbook: Workbook) -> None:
    """The contract of grid.py: string columns c0…, one row number per row, no blank strings."""
    for sheet in workbook.sheets:
        names = [f"c{i}" for i in range(sheet.table.num_columns)]
        assert sheet.table.column_names == names
        assert all(str(field.type) == "string" for field in sheet.table.schema)
        assert len(sheet.row_numbers) == sheet.n_rows
        for row in rows_of(sheet):
            for cell in row:
                assert cell is None or (cell.strip() == cell and cell != "")


def read(path: Path) -> Workbook:
    workbook = read_workbook(path)
    assert_text_grid(workbook)
    return workbook


def write_xlsx(path: Path, rows: dict[str, object], title: str = "Dữ liệu") -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    for ref, value in rows.items():
        sheet[ref] = value
    workbook.save(path)
    return path


def html_page(body: str, head: str = '<meta charset="utf-8">') -> str:
    return (
        '<html xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:x="urn:schemas-microsoft-com:office:excel">'
        f"<head>{head}<style>td {{mso-number-format:'\\@';}}</style></head><body>{body}</body></html>"
    )


# ---------------------------------------------------------------- kind by content, not extension


def test_xlsx_named_xls_is_read_as_xlsx(tmp_path):
    path = write_xlsx(tmp_path / "bao_cao.xls", {"A1": "Mã hồ sơ", "A2": "000.00.12.H13-240304-0001"})
    assert detect_kind(path) == "xlsx"
    workbook = read(path)
    assert workbook.kind == "xlsx"
    assert rows_of(workbook.sheets[0]) == [["Mã hồ sơ"], ["000.00.12.H13-240304-0001"]]


def test_html_named_xls_is_read_as_html(tmp_path):
    path = tmp_path / "DanhSachHoSo.xls"
    path.write_text(html_page("<table><tr><td>Mã hồ sơ</td><td>Trạng thái</td></tr></table>"), "utf-8")
    assert detect_kind(path) == "html"
    workbook = read(path)
    assert workbook.kind == "html"
    assert workbook.encoding == "utf-8"
    assert [sheet.name for sheet in workbook.sheets] == ["Bảng 1"]
    assert rows_of(workbook.sheets[0]) == [["Mã hồ sơ", "Trạng thái"]]


def test_csv_named_xlsx_is_read_as_csv(tmp_path):
    path = tmp_path / "export.xlsx"
    path.write_text("Mã hồ sơ,Trạng thái\nHS-1,Đã trả kết quả\n", "utf-8")
    assert detect_kind(path) == "csv"
    workbook = read(path)
    assert (workbook.kind, workbook.delimiter, workbook.encoding) == ("csv", ",", "utf-8")
    assert rows_of(workbook.sheets[0]) == [["Mã hồ sơ", "Trạng thái"], ["HS-1", "Đã trả kết quả"]]


def test_binary_xls_named_xlsx_is_read_as_xls(tmp_path):
    book = xlwt.Workbook()
    book.add_sheet("Trang 1").write(0, 0, "Đơn vị tiếp nhận")
    path = tmp_path / "cu.xlsx"
    book.save(str(path))
    assert detect_kind(path) == "xls"
    workbook = read(path)
    assert workbook.kind == "xls"
    assert rows_of(workbook.sheets[0]) == [["Đơn vị tiếp nhận"]]


@pytest.mark.parametrize(
    "start",
    [
        "\ufeff  \r\n<!DOCTYPE html>\n<html>",
        '<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">',
        "<!-- xuất từ hệ thống một cửa -->\n<TABLE border=1>",
        '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">',
        "\n\n<head><title>Báo cáo</title></head>",
        "<body>",
        "<style>.xl65{}</style>",
        "<div class='report'><table>",
    ],
)
def test_html_starts_are_recognised(tmp_path, start):
    path = tmp_path / "x.xls"
    path.write_text(start + "<table><tr><td>Mã HS</td></tr></table>", "utf-8")
    assert detect_kind(path) == "html"
    assert rows_of(read(path).sheets[0])[-1] == ["Mã HS"]


def test_utf16_html_with_bom(tmp_path):
    path = tmp_path / "x.xls"
    path.write_bytes(html_page("<table><tr><td>Xã Phường</td></tr></table>", head="").encode("utf-16"))
    assert detect_kind(path) == "html"
    assert rows_of(read(path).sheets[0]) == [["Xã Phường"]]


def test_spreadsheetml_2003_is_refused_with_a_reason(tmp_path):
    path = tmp_path / "bao_cao.xls"
    path.write_text(
        '<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="A"/></Workbook>',
        "utf-8",
    )
    with pytest.raises(UnreadableFile, match="XML 2003"):
        detect_kind(path)


# ---------------------------------------------------------------- Excel


def test_xlsx_row_numbers_with_title_rows_and_blank_rows(tmp_path):
    path = write_xlsx(
        tmp_path / "a.xlsx",
        {
            "A1": "BÁO CÁO TÌNH HÌNH GIẢI QUYẾT HỒ SƠ",
            "A2": "(Từ ngày 01/10/2025 đến ngày 31/10/2025)",
            # row 3 blank
            "A4": "Mã hồ sơ",
            "B4": "Trạng thái",
            "A5": "HS-1",
            "B5": "Đã tiếp nhận",
            # row 6 blank
            "A7": "HS-2",
            "B7": "Đã trả kết quả",
        },
    )
    sheet = read(path).sheets[0]
    assert sheet.name == "Dữ liệu"
    assert sheet.row_numbers.tolist() == [1, 2, 3, 4, 5, 6, 7]
    assert row_at(sheet, 1) == ["BÁO CÁO TÌNH HÌNH GIẢI QUYẾT HỒ SƠ", None]
    assert row_at(sheet, 3) == [None, None]
    assert row_at(sheet, 4) == ["Mã hồ sơ", "Trạng thái"]
    assert row_at(sheet, 6) == [None, None]
    assert row_at(sheet, 7) == ["HS-2", "Đã trả kết quả"]


def test_xlsx_leading_blank_rows_and_columns(tmp_path):
    path = write_xlsx(tmp_path / "a.xlsx", {"C4": "Mã hồ sơ", "D4": "Ngày nhận", "C5": "HS-1"})
    sheet = read(path).sheets[0]
    # Rows count from sheet row 1 even though nothing is written above row 4; blank column A/B are dropped.
    assert sheet.row_numbers.tolist() == [1, 2, 3, 4, 5]
    assert row_at(sheet, 4) == ["Mã hồ sơ", "Ngày nhận"]
    assert row_at(sheet, 5) == ["HS-1", None]


def test_xls_row_numbers_with_title_rows_and_blank_rows(tmp_path):
    book = xlwt.Workbook()
    sheet = book.add_sheet("Danh sách")
    sheet.write(0, 0, "DANH SÁCH HỒ SƠ")
    sheet.write(2, 0, "Mã hồ sơ")
    sheet.write(2, 1, "Số ngày")
    sheet.write(3, 0, "HS-1")
    sheet.write(3, 1, 12)
    sheet.write(5, 0, "HS-2")
    sheet.write(5, 1, 2.5)
    path = tmp_path / "cu.xls"
    book.save(str(path))
    read_sheet = read(path).sheets[0]
    assert read_sheet.name == "Danh sách"
    assert read_sheet.row_numbers.tolist() == [1, 2, 3, 4, 5, 6]
    assert row_at(read_sheet, 2) == [None, None]
    assert row_at(read_sheet, 3) == ["Mã hồ sơ", "Số ngày"]
    assert row_at(read_sheet, 4) == ["HS-1", "12"]
    assert row_at(read_sheet, 6) == ["HS-2", "2.5"]


def test_xls_dates_and_merged_cells(tmp_path):
    book = xlwt.Workbook()
    sheet = book.add_sheet("A")
    sheet.write_merge(0, 0, 0, 2, "Đã xử lý")
    date_style = xlwt.easyxf(num_format_str="DD/MM/YYYY HH:MM:SS")
    sheet.write(1, 0, dt.datetime(2024, 4, 3, 8, 30, 15), date_style)
    sheet.write(1, 1, True)
    sheet.write(1, 2, "x")
    path = tmp_path / "d.xls"
    book.save(str(path))
    assert rows_of(read(path).sheets[0]) == [["Đã xử lý", None, None], ["2024-04-03 08:30:15", "true", "x"]]


def test_xlsx_merged_header_cells_keep_text_top_left_only(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["A1"], sheet["B1"], sheet["D1"] = "STT", "Đã xử lý", "Ghi chú"
    sheet["B2"], sheet["C2"] = "Trước hạn", "Quá hạn"
    sheet["A3"], sheet["B3"], sheet["C3"], sheet["D3"] = 1, 5, 2, "x"
    sheet.merge_cells("A1:A2")
    sheet.merge_cells("B1:C1")
    sheet.merge_cells("D1:D2")
    path = tmp_path / "m.xlsx"
    workbook.save(path)
    assert rows_of(read(path).sheets[0]) == [
        ["STT", "Đã xử lý", None, "Ghi chú"],
        [None, "Trước hạn", "Quá hạn", None],
        ["1", "5", "2", "x"],
    ]


def test_xlsx_values_arrive_as_text(tmp_path):
    path = write_xlsx(
        tmp_path / "v.xlsx",
        {
            "A1": dt.datetime(2024, 3, 4, 10, 5, 6),
            "B1": dt.date(2024, 1, 2),
            "C1": 45321,
            "D1": 3.25,
            "E1": True,
            "F1": "  có khoảng trắng  ",
            "G1": "   ",
            "H1": "\xa0",
            "I1": "Ngày tiếp\nnhận",
            "J1": "#N/A",  # openpyxl stores this as an error cell
            "K1": "0123",
        },
    )
    assert rows_of(read(path).sheets[0]) == [
        [
            "2024-03-04 10:05:06",
            "2024-01-02 00:00:00",
            "45321",
            "3.25",
            "true",
            "có khoảng trắng",
            None,
            None,
            "Ngày tiếp\nnhận",
            "#N/A",
            "0123",
        ]
    ]


@pytest.mark.parametrize("text_first", [False, True])
def test_xlsx_mixed_column_keeps_every_value(tmp_path, text_first):
    # fastexcel guesses a column's type from its first 1,000 rows and nulls what does not fit afterwards.
    def value(row: int) -> object:
        is_text = (row <= 1000) == text_first
        return f"HS-{row}" if is_text else row

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in range(1, 1501):
        sheet.cell(row, 1, value(row))
        sheet.cell(row, 2, f"HS-{row}" if row % 2 else row)
    path = tmp_path / "mixed.xlsx"
    workbook.save(path)
    read_sheet = read(path).sheets[0]
    assert read_sheet.row_numbers.tolist() == list(range(1, 1501))
    first, second = (column.to_pylist() for column in read_sheet.table.columns)
    assert first == [str(value(row)) for row in range(1, 1501)]
    assert second == [f"HS-{row}" if row % 2 else str(row) for row in range(1, 1501)]


def test_hidden_sheets_are_skipped_unless_nothing_else_has_data(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.title = "Hồ sơ"
    workbook.active["A1"] = "Mã hồ sơ"
    lookup = workbook.create_sheet("DanhMuc")
    lookup["A1"] = "Trực tiếp"
    lookup.sheet_state = "hidden"
    workbook.create_sheet("Trống")
    path = tmp_path / "h.xlsx"
    workbook.save(path)
    assert [sheet.name for sheet in read(path).sheets] == ["Hồ sơ"]

    workbook.active["A1"] = None
    workbook.save(path)
    assert [sheet.name for sheet in read(path).sheets] == ["DanhMuc"]


def test_workbook_without_data_is_refused(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "   "
    workbook.create_sheet("B")
    path = tmp_path / "empty.xlsx"
    workbook.save(path)
    with pytest.raises(UnreadableFile, match="^Tệp không có dữ liệu$"):
        read_workbook(path)


# ---------------------------------------------------------------- HTML


def test_html_colspan_rowspan_row_numbers_and_cell_text(tmp_path):
    body = """
    <table>
      <tr><td colspan="4" class=xl70>BÁO CÁO&nbsp;TỔNG HỢP</td></tr>
      <tr></tr>
      <tr><th rowspan=2>STT</th><th COLSPAN='2' style="mso-number-format:'\\@'">Đã xử lý</th>
          <th rowspan="2">Ngày&nbsp;tiếp<br>nhận</th></tr>
      <tr><th>Trước hạn</th><th>Quá hạn</th></tr>
      <tr><td x:str>1</td><td>  5 </td><td>2</td><td><span style='x'>03/04/2024</span>  <b>08:30</b></td></tr>
      <tr><td>2</td><td>&lt;b&gt; &amp; &#7889;</td><td>
            </td><td>a<br/>   <br>b</td></tr>
    </table>"""
    path = tmp_path / "t.xls"
    path.write_text(html_page(body), "utf-8")
    sheet = read(path).sheets[0]
    assert sheet.row_numbers.tolist() == [1, 2, 3, 4, 5, 6]
    assert rows_of(sheet) == [
        ["BÁO CÁO TỔNG HỢP", None, None, None],
        [None, None, None, None],
        ["STT", "Đã xử lý", None, "Ngày tiếp\nnhận"],
        [None, "Trước hạn", "Quá hạn", None],
        ["1", "5", "2", "03/04/2024 08:30"],
        ["2", "<b> & ố", None, "a\nb"],
    ]


def test_html_every_table_is_a_sheet_and_nesting_does_not_crash(tmp_path):
    body = """
    <table><tr><td>Tiêu đề</td></tr></table>
    <table></table>
    <table><tr><td></td></tr></table>
    <table>
      <tr><td>Đơn vị<table><tr><td>trong</td><td>bảng con</td></tr></table> ngoài</td><td>B</td></tr>
      <tr><td>C<td>D</tr>
    </table>
    <p>văn bản ngoài bảng</p><td>lạc</td>"""
    path = tmp_path / "n.xls"
    path.write_text(html_page(body), "utf-8")
    sheets = read(path).sheets
    assert [sheet.name for sheet in sheets] == ["Bảng 1", "Bảng 2", "Bảng 3"]
    assert rows_of(sheets[0]) == [["Tiêu đề"]]
    assert rows_of(sheets[1]) == [["Đơn vị ngoài", "B"], ["C", "D"]]
    assert rows_of(sheets[2]) == [["trong", "bảng con"]]


@pytest.mark.parametrize(
    ("encoding", "head", "expected"),
    [
        ("cp1258", '<meta http-equiv="Content-Type" content="text/html; charset=windows-1258">', "cp1258"),
        ("cp1258", "", "cp1258"),  # no declaration, not UTF-8: Vietnamese Windows
        ("utf-8", '<meta charset="iso-8859-1">', "utf-8"),  # the bytes outrank a wrong declaration
        ("utf-8-sig", "", "utf-8-sig"),
    ],
)
def test_html_encodings(tmp_path, encoding, head, expected):
    page = html_page(f"<table><tr><td>{VIETNAMESE}</td></tr></table>", head=head)
    path = tmp_path / "e.xls"
    path.write_bytes(encode_cp1258(page) if encoding == "cp1258" else page.encode(encoding))
    workbook = read(path)
    assert workbook.encoding == expected
    (cell,) = rows_of(workbook.sheets[0])[0]
    assert unicodedata.normalize("NFC", cell) == VIETNAMESE


def test_html_without_table_is_refused(tmp_path):
    path = tmp_path / "x.xls"
    path.write_text("<html><body><p>Không có dữ liệu</p></body></html>", "utf-8")
    with pytest.raises(UnreadableFile, match="không chứa bảng"):
        read_workbook(path)


def test_html_many_rows_is_fast(tmp_path):
    cells = "".join(f"<td class=xl65 style=\"mso-number-format:'\\@'\">Ô {c}</td>" for c in range(20))
    rows = "".join(f"<tr height=20>{cells}</tr>\n" for _ in range(10_000))
    path = tmp_path / "big.xls"
    path.write_text(html_page(f"<table><tr><th colspan=20>Tiêu đề</th></tr>{rows}</table>"), "utf-8")
    started = time.perf_counter()
    sheet = read_workbook(path).sheets[0]
    assert time.perf_counter() - started < 5  # about 0.5 s; html.parser would take several seconds
    assert sheet.n_rows == 10_001
    assert sheet.row_numbers[-1] == 10_001
    assert rows_of(sheet)[-1] == [f"Ô {c}" for c in range(20)]


# ---------------------------------------------------------------- CSV


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("cp1258", "cp1258"), ("utf-16", "utf-16")],
)
@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_csv_vietnamese_survives_every_encoding_and_delimiter(tmp_path, encoding, expected, delimiter):
    unit, procedure = VIETNAMESE.split("; ")
    text = f"Đơn vị{delimiter}Thủ tục{delimiter}Số\r\n{unit}{delimiter}{procedure}{delimiter}3\r\n"
    data = encode_cp1258(text) if encoding == "cp1258" else text.encode(encoding)
    path = tmp_path / "v.csv"
    path.write_bytes(data)
    workbook = read(path)
    assert (workbook.encoding, workbook.delimiter) == (expected, delimiter)
    rows = rows_of(workbook.sheets[0])
    # cp1258 stores tones as combining marks; the reader hands them over as decoded, NFC is the pipeline's job.
    assert [[unicodedata.normalize("NFC", cell) for cell in row] for row in rows] == [
        ["Đơn vị", "Thủ tục", "Số"],
        [unit, procedure, "3"],
    ]


def test_cp1258_bytes_read_back_exactly():
    # The test's own encoder must produce real cp1258 bytes, not UTF-8 in disguise.
    data = encode_cp1258(VIETNAMESE)
    assert data.startswith(b"Ph\xfd\xf5\xccng H")  # P h ư ơ + combining grave n g
    assert unicodedata.normalize("NFC", data.decode("cp1258")) == VIETNAMESE


def test_csv_western_codepage_is_recognised(tmp_path):
    # "Hòa" in cp1252: byte F2 is a combining dot below in cp1258, after an "H", which no Vietnamese text has.
    path = tmp_path / "w.csv"
    path.write_bytes("Tỉnh;Mã\r\nThanh Hòa;Mã ĐÃ\r\n".replace("Tỉnh", "Tinh").encode("cp1252", "replace"))
    workbook = read(path)
    assert workbook.encoding == "cp1252"
    assert rows_of(workbook.sheets[0])[1] == ["Thanh Hòa", "Mã ?Ã"]


def test_csv_semicolon_file_with_decimal_commas_and_title_rows(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text(
        "Báo cáo tháng 10, năm 2025\n"
        "Đơn vị;Tỷ lệ đúng hạn;Số hồ sơ\n"
        "Phường Hải Châu;99,93;1.234\n"
        "Xã Hòa Vang;87,5;56\n",
        "utf-8",
    )
    workbook = read(path)
    assert workbook.delimiter == ";"
    assert rows_of(workbook.sheets[0]) == [
        ["Báo cáo tháng 10, năm 2025", None, None],
        ["Đơn vị", "Tỷ lệ đúng hạn", "Số hồ sơ"],
        ["Phường Hải Châu", "99,93", "1.234"],
        ["Xã Hòa Vang", "87,5", "56"],
    ]


def test_csv_quoted_newline_row_numbers_padding_and_blanks(tmp_path):
    path = tmp_path / "q.csv"
    path.write_text(
        "Mã hồ sơ,Trích yếu,Ghi chú\r\n"  # line 1
        'HS-1,"Đăng ký\r\nkhai sinh, lần 2",  \r\n'  # lines 2–3
        "\r\n"  # line 4: blank
        "HS-2,Kết hôn\r\n"  # line 5: short row
        'HS-3,"""Trích"" dẫn",x,thừa\r\n',  # line 6: long row
        "utf-8",
    )
    sheet = read(path).sheets[0]
    assert sheet.row_numbers.tolist() == [1, 2, 4, 5, 6]
    assert rows_of(sheet) == [
        ["Mã hồ sơ", "Trích yếu", "Ghi chú", None],
        ["HS-1", "Đăng ký\r\nkhai sinh, lần 2", None, None],
        [None, None, None, None],
        ["HS-2", "Kết hôn", None, None],
        ["HS-3", '"Trích" dẫn', "x", "thừa"],
    ]


def test_csv_excel_sep_line(tmp_path):
    path = tmp_path / "sep.csv"
    path.write_text("sep=;\nMã,hồ sơ;Trạng thái\nHS-1;Đã trả\n", "utf-8")
    workbook = read(path)
    assert workbook.delimiter == ";"
    sheet = workbook.sheets[0]
    assert sheet.row_numbers.tolist() == [2, 3]
    assert rows_of(sheet) == [["Mã,hồ sơ", "Trạng thái"], ["HS-1", "Đã trả"]]


def test_csv_unclosed_quote_is_refused_with_its_line(tmp_path):
    path = tmp_path / "u.csv"
    path.write_text('a,b\nHS-1,ok\nHS-2,"không đóng\nHS-3,x\nHS-4,y\n', "utf-8")
    with pytest.raises(UnreadableFile, match="dòng 3"):
        read_workbook(path)


# ---------------------------------------------------------------- unreadable files


def _truncated_xlsx(path: Path) -> None:
    write_xlsx(path, {f"A{row}": f"HS-{row}" for row in range(1, 200)})
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _truncated_xls(path: Path) -> None:
    book = xlwt.Workbook()
    sheet = book.add_sheet("A")
    for row in range(300):
        sheet.write(row, 0, f"HS-{row}")
    book.save(str(path))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _zip_not_xlsx(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("bao_cao.txt", "không phải Excel")


def _ole2_garbage(path: Path) -> None:
    path.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + random.Random(2).randbytes(4096))


def _password_protected(path: Path) -> None:
    # The directory of an encrypted Office file names its "EncryptedPackage" stream.
    path.write_bytes(
        bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 504 + "EncryptedPackage".encode("utf-16-le")
    )


@pytest.mark.parametrize(
    ("name", "make", "reason"),
    [
        ("empty.xlsx", lambda p: p.write_bytes(b""), "Tệp rỗng"),
        ("blank.csv", lambda p: p.write_bytes(b" \r\n\r\n"), "khoảng trắng"),
        ("anh.xlsx", lambda p: p.write_bytes(PNG_MAGIC + bytes(100)), "ảnh PNG"),
        ("scan.xls", lambda p: p.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), "PDF"),
        ("cut.xlsx", _truncated_xlsx, "Tệp Excel bị hỏng"),
        ("cut.xls", _truncated_xls, "Tệp Excel bị hỏng hoặc không đọc được: "),
        ("noise.xlsx", lambda p: p.write_bytes(random.Random(1).randbytes(4096)), "Không nhận ra định dạng"),
        ("zip.xlsx", _zip_not_xlsx, "không phải bảng tính Excel"),
        ("ole.xls", _ole2_garbage, "Tệp Excel bị hỏng hoặc không đọc được: "),
        ("locked.xlsx", _password_protected, "mật khẩu"),
        ("note.csv", lambda p: p.write_text("chỉ một dòng chữ\nkhông có cột\n", "utf-8"), "phân tách"),
    ],
)
def test_unreadable_files_get_a_one_line_vietnamese_reason(tmp_path, name, make, reason):
    path = tmp_path / name
    make(path)
    with pytest.raises(UnreadableFile) as caught:
        read_workbook(path)
    message = str(caught.value)
    assert reason in message
    assert message.strip() == message and "\n" not in message and len(message) < 300


def test_missing_file_is_unreadable(tmp_path):
    with pytest.raises(UnreadableFile, match="Không mở được tệp"):
        read_workbook(tmp_path / "khong_co.xlsx")


# ---------------------------------------------------------------- real public files


def test_real_workflow_export_key_value_preamble_and_header_row():
    workbook = read(REAL / "motcua_auto_qt4_hotich.xlsx")
    assert workbook.kind == "xlsx"
    sheet = next(sheet for sheet in workbook.sheets if sheet.name == "QuyTrinh")
    assert sheet.row_numbers[:6].tolist() == [1, 2, 3, 4, 5, 6]
    assert [row_at(sheet, n)[0] for n in (1, 2, 3)] == ["Tên quy trình:", "Bí danh:", "Gắn vào TTHC:"]
    assert row_at(sheet, 3)[1] == "1.004946.000.00.00.H13-4"
    assert row_at(sheet, 4) == [None] * sheet.table.num_columns
    assert row_at(sheet, 5) == [
        "TTHC",
        "Tên quy trình",
        "Bí danh",
        "ID",
        "Tên Form",
        "Mã Action",
        "Thời gian",
        "Nhóm người dùng",
    ]


def test_real_766_report_sheets_and_nfd_ward_name_unchanged():
    path = REAL / "new766_bao_cao_T10_2025.xlsx"
    workbook = read(path)
    assert "Xã Phường" in [sheet.name for sheet in workbook.sheets]
    sheet = next(sheet for sheet in workbook.sheets if sheet.name == "Xã Phường")
    assert sheet.n_rows == 103
    assert row_at(sheet, 1)[:3] == ["ID", "TEN", "TEN_COQUAN"]

    names = [row[1] for row in rows_of(sheet)]
    decomposed = [name for name in names if name and unicodedata.normalize("NFC", name) != name]
    assert [unicodedata.normalize("NFC", name) for name in decomposed] == [
        "UBND phường Long Phú - tỉnh An Giang"
    ]
    stored = openpyxl.load_workbook(path, read_only=True)["Xã Phường"]
    stored_names = [row[1] for row in stored.iter_rows(values_only=True)]
    assert decomposed[0] in stored_names  # exactly the stored (NFD) code points, not normalised
