"""Unpacking the parts of an .xlsx with limits, before any Excel reader sees them (issue 12 §1).

An .xlsx is a zip archive; each part states its unpacked size, but nothing obliges it to tell the truth, and
calamine unpacks whatever the data holds (a 15 MB file unpacked to 3 GB and took 7.4 GB of memory; a 1 MB file
held a 1 GiB cell). So, like Apache POI's ZipSecureFile: the stated sizes of the parts to be read are checked
against a cap per file before anything is unpacked, and then every part is unpacked here, in bounded pieces,
counting the bytes: a part that unpacks to more than it stated is refused as soon as it does. The messages say
the caps.
"""

from __future__ import annotations

import struct
import zipfile
import zlib

try:  # twice as fast as the standard zlib for the same streams; the same API
    from zlib_ng import zlib_ng as inflater
except ImportError:  # pragma: no cover - a machine without the package still reads, more slowly
    inflater = zlib
from collections.abc import Iterator
from typing import BinaryIO

from dashboard.ingest.grid import UnreadableFile

# All the parts read from one file together (sheets, shared strings, styles, workbook). A 1,048,576-row export
# of 15 columns unpacks to about 1.1 GB; reading is in pieces, so this bounds time, not memory.
MAX_UNPACKED_BYTES = 2 * 1024**3
# The shared-strings part is held whole by every reader of the workbook: its own, smaller cap.
MAX_SHARED_STRINGS_BYTES = 256 * 1024**2
# Excel's own limit for the text of one cell.
MAX_CELL_CHARS = 32_767
PIECE_BYTES = 16 * 1024**2  # unpacked at a time
_READ_BYTES = 1024**2  # packed bytes read at a time


def size_text(n_bytes: int) -> str:
    """1,5 GB / 256 MB / 12 KB, the Vietnamese way."""
    for unit, size in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if n_bytes >= size:
            value = n_bytes / size
            text = f"{value:.1f}".rstrip("0").rstrip(".") if value < 10 else f"{value:.0f}"
            return f"{text.replace('.', ',')} {unit}"
    return f"{n_bytes} byte"


CELL_LIMIT_TEXT = f"{MAX_CELL_CHARS:,}".replace(",", ".")


def too_long_cell(where: str) -> UnreadableFile:
    return UnreadableFile(
        f"Tệp có ô dài hơn {CELL_LIMIT_TEXT} ký tự ({where}), quá giới hạn một ô của Excel: "
        "không phải tệp xuất dữ liệu hợp lệ"
    )


def check_declared(infos: list[zipfile.ZipInfo]) -> None:
    """Refuse before unpacking when the parts to be read say they unpack to more than the caps."""
    total = sum(info.file_size for info in infos)
    if total > MAX_UNPACKED_BYTES:
        raise UnreadableFile(
            f"Tệp Excel giải nén ra {size_text(total)}, quá giới hạn {size_text(MAX_UNPACKED_BYTES)} cho một tệp "
            "(tệp quá lớn hoặc là 'bom nén'); hãy xuất theo từng khoảng thời gian ngắn hơn"
        )
    for info in infos:
        if info.filename.lower().endswith("sharedstrings.xml") and info.file_size > MAX_SHARED_STRINGS_BYTES:
            raise UnreadableFile(
                f"Bảng chuỗi dùng chung của tệp Excel giải nén ra {size_text(info.file_size)}, quá giới hạn "
                f"{size_text(MAX_SHARED_STRINGS_BYTES)}; hãy xuất theo từng khoảng thời gian ngắn hơn"
            )
        if info.flag_bits & 0x1:
            raise UnreadableFile("Tệp Excel được đặt mật khẩu; hãy bỏ mật khẩu rồi lưu lại")


def unpacked_pieces(file: BinaryIO, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """The part's unpacked bytes, at most PIECE_BYTES at a time; refused when they exceed its stated size."""
    file.seek(info.header_offset)
    header = file.read(30)
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        raise UnreadableFile(f"Tệp Excel bị hỏng: không tìm thấy phần {info.filename}")
    name_length, extra_length = struct.unpack_from("<HH", header, 26)
    file.seek(info.header_offset + 30 + name_length + extra_length)
    if info.compress_type == zipfile.ZIP_STORED:
        inflate = None
    elif info.compress_type == zipfile.ZIP_DEFLATED:
        inflate = inflater.decompressobj(-15)
    else:
        raise UnreadableFile(
            f"Tệp Excel dùng kiểu nén không hỗ trợ ({info.compress_type}); hãy lưu lại bằng Excel"
        )
    left, produced = info.compress_size, 0
    while left > 0 or (inflate is not None and inflate.unconsumed_tail):
        packed = b""
        if inflate is None or not inflate.unconsumed_tail:
            packed = file.read(min(left, _READ_BYTES))
            if not packed:
                raise UnreadableFile(f"Tệp Excel bị cắt cụt (phần {info.filename})")
            left -= len(packed)
        try:
            piece = (
                packed
                if inflate is None
                else inflate.decompress(inflate.unconsumed_tail + packed, PIECE_BYTES)
            )
        except (zlib.error, inflater.error) as exc:
            raise UnreadableFile(f"Tệp Excel bị hỏng (phần {info.filename}): {exc}") from exc
        produced += len(piece)
        if produced > info.file_size:
            raise UnreadableFile(
                f"Tệp Excel bị hỏng hoặc giả mạo: phần {info.filename} giải nén ra nhiều hơn kích thước ghi trong "
                f"tệp ({size_text(info.file_size)}); không đọc"
            )
        if piece:
            yield piece
        if inflate is not None and inflate.eof:
            break
    if produced != info.file_size:
        raise UnreadableFile(f"Tệp Excel bị hỏng: phần {info.filename} ngắn hơn kích thước ghi trong tệp")


def count_unpacked(file: BinaryIO, info: zipfile.ZipInfo) -> int:
    """Unpack a part only to count its bytes (refused as unpacked_pieces refuses); returns the count."""
    return sum(len(piece) for piece in unpacked_pieces(file, info))


def unpack_whole(file: BinaryIO, info: zipfile.ZipInfo) -> bytes:
    """A small part (workbook, styles, shared strings), unpacked with the same checks."""
    return b"".join(unpacked_pieces(file, info))
