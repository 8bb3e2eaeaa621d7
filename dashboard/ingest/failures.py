"""What a failed write means, in words the user can act on (issue 12 §7: every failure has a message).

The store raises what the system and DuckDB raise; this turns the ones a user can meet (a full disk, a folder
that cannot be written, a file that is not a database) into one Vietnamese line. The database is unchanged in
every case: the store writes a private copy and swaps it in only when everything was written.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from dashboard.store import DatabaseError, NotADatabase, WriteLockTimeout

UNCHANGED = "cơ sở dữ liệu không thay đổi"
WRITE_FAILURES = (OSError, DatabaseError, NotADatabase, WriteLockTimeout)

_FULL = ("no space left on device", "disk full", "not enough space", "enospc")
_READ_ONLY = ("read-only file system", "permission denied", "access is denied", "operation not permitted")


def write_failure_message(
    error: BaseException, database: str | os.PathLike[str], outcome: bool = True
) -> str:
    """One line for a failed write to the database at `database`; outcome=False leaves out "the database is
    unchanged" (the data page says it in its own words)."""
    message = _message(error, Path(database))
    return message if outcome else message.removesuffix(f"; {UNCHANGED}")


def _message(error: BaseException, path: Path) -> str:
    text = str(error).lower()
    code = getattr(error, "errno", None)
    if isinstance(error, NotADatabase) or "not a valid duckdb database file" in text:
        return (
            f"Tệp {path} không phải cơ sở dữ liệu của bảng điều khiển (không phải tệp DuckDB): không ghi gì "
            "vào đó; hãy chỉ đúng tệp bằng --db hoặc biến CCHC_DB"
        )
    if isinstance(error, WriteLockTimeout):
        return f"{error}, hãy thử lại sau; {UNCHANGED}"
    if code in (errno.ENOSPC, errno.EDQUOT) or any(words in text for words in _FULL):
        return f"Ổ đĩa đầy: không ghi được cơ sở dữ liệu {path} ({_free_space(path)}); {UNCHANGED}"
    if code in (errno.EROFS, errno.EACCES, errno.EPERM) or any(words in text for words in _READ_ONLY):
        return (
            f"Thư mục {path.parent} chỉ đọc hoặc không có quyền ghi: không ghi được cơ sở dữ liệu {path.name}; "
            f"{UNCHANGED}"
        )
    reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return f"Không ghi được cơ sở dữ liệu {path}: {reason[:300]}; {UNCHANGED}"


def _free_space(path: Path) -> str:
    from dashboard.ingest.zip_guard import size_text

    folder = path.parent if path.parent.exists() else Path(".")
    try:
        stat = os.statvfs(folder)
    except (OSError, AttributeError):
        return "không đo được chỗ trống"
    free = f"còn trống {size_text(stat.f_bavail * stat.f_frsize)}"
    size = path.stat().st_size if path.exists() else 0
    return f"{free}; mỗi lần ghi cần chỗ cho một bản sao {size_text(size)} và dữ liệu mới" if size else free
