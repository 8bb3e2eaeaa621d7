"""Which reader a file needs, decided by its first bytes and never by its name.

EXPORT_FORMATS.md: a `.xls` may be binary BIFF or an HTML page (the Thanh Hóa system writes a `<table>` in an
Excel-flavoured page and names it `.xls`), so the extension is no evidence. Files that no reader can take are
refused here with a one-line Vietnamese reason.
"""

from __future__ import annotations

import codecs
import os
import zipfile
import zlib

from dashboard.ingest.csv_text import decode, detect_delimiter, detect_encoding
from dashboard.ingest.grid import UnreadableFile, cannot_open

HEAD_BYTES = 64 * 1024
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")  # an ordinary archive, an empty one
OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
FOREIGN_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "ảnh PNG"),
    (b"\xff\xd8\xff", "ảnh JPEG"),
    (b"GIF87a", "ảnh GIF"),
    (b"GIF89a", "ảnh GIF"),
    (b"%PDF-", "tài liệu PDF"),
    (b"{\\rtf", "tài liệu RTF"),
    (b"Rar!\x1a\x07", "tệp nén RAR"),
    (b"7z\xbc\xaf\x27\x1c", "tệp nén 7z"),
    (b"\x1f\x8b", "tệp nén gzip"),
)
HTML_STARTS = ("<html", "<table", "<!doctype html", "<meta", "<head", "<body", "<style", "<title")
UNKNOWN = "Không nhận ra định dạng tệp (không phải Excel, HTML hay CSV)"
RESAVE = "hãy mở bằng Excel và lưu lại dạng .xlsx"


def detect_kind(path: str | os.PathLike[str]) -> str:
    """ "xlsx", "xls", "html" or "csv"; raises UnreadableFile for anything else."""
    try:
        with open(path, "rb") as file:
            head = file.read(HEAD_BYTES)
            complete = not file.read(1)
    except OSError as exc:
        raise cannot_open(exc) from exc
    if not head.strip():
        raise UnreadableFile("Tệp rỗng" if not head else "Tệp chỉ chứa khoảng trắng, không có dữ liệu")
    if head.startswith(ZIP_MAGIC):
        return _zip_kind(path, head)
    if head.startswith(OLE2_MAGIC):
        return "xls"
    for magic, what in FOREIGN_MAGIC:
        if head.startswith(magic):
            raise UnreadableFile(f"Tệp là {what}, không phải bảng tính")
    return _text_kind(head, complete)


def _zip_kind(path: str | os.PathLike[str], head: bytes) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = {name.lower() for name in archive.namelist()}
            mimetype = b""
            if "mimetype" in names:  # 100 bytes, whatever size the archive states (a bomb may say anything)
                with archive.open("mimetype") as part:
                    mimetype = part.read(100)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, zlib.error) as exc:
        # The first members of an xlsx are named xl/…; say "Excel" when that is what the user uploaded.
        what = "Tệp Excel" if b"xl/" in head else "Tệp nén ZIP"
        raise UnreadableFile(f"{what} bị hỏng hoặc không đọc được: tệp bị cắt cụt hoặc hỏng") from exc
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "xl/workbook.bin" in names:
        raise UnreadableFile(f"Tệp Excel nhị phân (.xlsb) chưa được hỗ trợ; {RESAVE}")
    if b"opendocument.spreadsheet" in mimetype:
        raise UnreadableFile(f"Tệp bảng tính OpenDocument (.ods) chưa được hỗ trợ; {RESAVE}")
    if "word/document.xml" in names:
        raise UnreadableFile("Tệp là tài liệu Word (.docx), không phải bảng tính")
    raise UnreadableFile("Tệp nén ZIP không phải bảng tính Excel (.xlsx)")


def _text_kind(head: bytes, complete: bool) -> str:
    encoding = detect_encoding(head, complete)
    if encoding == "utf-16":
        text = codecs.getincrementaldecoder("utf-16")(errors="replace").decode(head, final=complete)
    elif encoding.startswith("utf-8"):
        text = codecs.getincrementaldecoder(encoding)().decode(head, final=complete)
    else:
        text = decode(head, encoding)
    text = text.removeprefix("\ufeff")
    if _is_markup(text):
        return "html"
    if _looks_binary(text):
        raise UnreadableFile(UNKNOWN)
    if detect_delimiter(text) is None:
        raise UnreadableFile("Tệp văn bản không có cột nào được phân tách bằng dấu phẩy, chấm phẩy hay tab")
    return "csv"


def _is_markup(text: str) -> bool:
    """True for an HTML page or fragment; refuses SpreadsheetML 2003 and other XML with a reason."""
    probe = text.lstrip().lower()
    is_xml = False
    # Skip what may precede the first element: an XML declaration, <?mso-application?>, comments.
    while probe.startswith(("<?", "<!--")):
        is_xml = is_xml or probe.startswith("<?xml")
        end = probe.find("?>" if probe.startswith("<?") else "-->")
        if end < 0:
            break
        probe = probe[end + (2 if probe.startswith("<?") else 3) :].lstrip()
    if probe.startswith(HTML_STARTS):
        return True
    if probe.startswith(("<workbook", "<ss:workbook")):
        raise UnreadableFile(f"Tệp là bảng tính XML 2003 (SpreadsheetML), chưa được hỗ trợ; {RESAVE}")
    if probe.startswith("<") and "<table" in probe:
        return True  # an HTML fragment, e.g. <div><table>…, which is still a table to read
    if is_xml:
        raise UnreadableFile("Tệp XML không chứa bảng HTML, không phải bảng tính được hỗ trợ")
    return False


def _looks_binary(text: str) -> bool:
    """Text files hold no NUL and almost no other control characters or undecodable bytes."""
    if "\x00" in text:
        return True
    odd = sum(1 for ch in text if (ch < " " and ch not in "\t\r\n\f") or ch in "\x7f\ufffd")
    return odd > max(1, len(text) // 200)
