"""The audit log (issue 14 §6): sign-ins (success and failure), imports, setting and account changes, with the
time, the login and the address. Written by every layer that acts; read by admins on the Dữ liệu page."""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from dashboard.store.accounts import AccountStore

SIGN_IN = "sign_in"
SIGN_IN_FAILED = "sign_in_failed"
SIGN_IN_LOCKED = "sign_in_locked"  # an attempt while the login is locked
SIGN_OUT = "sign_out"
IMPORT = "import"
IMPORT_FAILED = "import_failed"
SETTING = "setting"  # targets, calendar, legal time limits
ACCOUNT_ADDED = "account_added"
ACCOUNT_REMOVED = "account_removed"
PASSWORD_CHANGED = "password_changed"
IMPORT_DELETED = "import_deleted"
ACTIONS = (SIGN_IN, SIGN_IN_FAILED, SIGN_IN_LOCKED, SIGN_OUT, IMPORT, IMPORT_FAILED, SETTING,
           ACCOUNT_ADDED, ACCOUNT_REMOVED, PASSWORD_CHANGED, IMPORT_DELETED)  # fmt: skip
ACTION_LABEL_VI = {
    SIGN_IN: "Đăng nhập",
    SIGN_IN_FAILED: "Đăng nhập sai",
    SIGN_IN_LOCKED: "Đăng nhập khi đang bị khoá",
    SIGN_OUT: "Đăng xuất",
    IMPORT: "Nhập dữ liệu",
    IMPORT_FAILED: "Nhập dữ liệu không thành",
    SETTING: "Đổi cài đặt",
    ACCOUNT_ADDED: "Thêm tài khoản",
    ACCOUNT_REMOVED: "Xoá tài khoản",
    PASSWORD_CHANGED: "Đổi mật khẩu",
    IMPORT_DELETED: "Xoá lần nhập",
}
ACTION_LABEL_EN = {
    SIGN_IN: "Sign-in",
    SIGN_IN_FAILED: "Failed sign-in",
    SIGN_IN_LOCKED: "Sign-in while locked",
    SIGN_OUT: "Sign-out",
    IMPORT: "Import",
    IMPORT_FAILED: "Failed import",
    SETTING: "Setting changed",
    ACCOUNT_ADDED: "Account added",
    ACCOUNT_REMOVED: "Account removed",
    PASSWORD_CHANGED: "Password changed",
    IMPORT_DELETED: "Import deleted",
}
COMMAND_LINE = "dòng lệnh"  # the address of an action taken with `python -m dashboard` on the server
COLUMNS = ["at", "login", "address", "action", "detail"]


def record(store: AccountStore, action: str, login: str | None, address: str | None, detail: str = "",
           now: datetime | None = None) -> None:  # fmt: skip
    """One row of the log. Never pass a password or a personal datum of a citizen in `detail`."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    store.audit(now or datetime.now(), login, address, action, detail)


def audit_frame(store: AccountStore, limit: int | None = None) -> pd.DataFrame:
    """The log, newest first: at, login, address, action (code), detail."""
    rows = store.audit_rows(limit)
    frame = pd.DataFrame([row[1:] for row in rows], columns=COLUMNS)
    frame["at"] = pd.to_datetime(frame["at"])
    return frame
