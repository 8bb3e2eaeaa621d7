"""A file that changes while it is read is refused (issue 12 §6).

A file still being written (copied from a USB stick, downloaded, saved by the export system) was imported in
part: 77,784 of about 229,000 rows, exit 0. Its size, modification time and inode are taken before it is first
opened and again after the last read (the SHA-256 for the import log is the last); any difference refuses it.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

from dashboard.ingest.grid import UnreadableFile, cannot_open

CHANGED = (
    "Tệp thay đổi trong khi đang đọc (có thể vẫn đang được ghi, sao chép hoặc tải về): "
    "không nhập gì; hãy đợi tệp ghi xong rồi nhập lại"
)


def signature(path: str | os.PathLike[str]) -> tuple[int, int, int]:
    try:
        st = os.stat(path)
    except OSError as exc:
        raise cannot_open(exc) from exc
    return (st.st_size, st.st_mtime_ns, st.st_ino)


@contextlib.contextmanager
def unchanged_while_read(path: str | os.PathLike[str]) -> Iterator[None]:
    """Raise UnreadableFile(CHANGED) after the block when the file's size, time or inode moved meanwhile."""
    before = signature(path)
    yield
    if signature(path) != before:
        raise UnreadableFile(CHANGED)
