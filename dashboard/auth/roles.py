"""Roles and what each may do (issue 14 §4), the way BI tools grant rights: by role, never by page.

- leader: reads every unit, or only the units listed on the account; imports nothing, changes nothing.
- officer: reads and imports for its units only (at least one); an upload's rows of other units are rejected.
- admin: everything, plus accounts, targets, the calendar, legal time limits, deleting imports, the audit log.
"""

from __future__ import annotations

from collections.abc import Iterable

from dashboard.auth.scope import EVERY_UNIT, Scope

LEADER, OFFICER, ADMIN = "leader", "officer", "admin"
ROLES = (LEADER, OFFICER, ADMIN)
ROLE_LABEL_VI = {LEADER: "Lãnh đạo", OFFICER: "Cán bộ", ADMIN: "Quản trị viên"}
ROLE_LABEL_EN = {LEADER: "Leader", OFFICER: "Officer", ADMIN: "Administrator"}

# Actions a page or command asks permission for.
IMPORT = "import"  # upload and load exports (an officer: its own units' rows only)
IMPORT_766 = "import_766"  # the province's published Decision-766 score tables: every unit at once
SETTINGS = "settings"  # targets, calendar, legal time limits
ACCOUNTS = "accounts"
DELETE_IMPORTS = "delete_imports"
AUDIT = "audit"  # read and download the audit log

_ALLOWED = {
    LEADER: frozenset(),
    OFFICER: frozenset({IMPORT}),
    ADMIN: frozenset({IMPORT, IMPORT_766, SETTINGS, ACCOUNTS, DELETE_IMPORTS, AUDIT}),
}


class RoleError(ValueError):
    """A role and its units that do not go together (an officer without a unit, an admin with units)."""


def check_role(role: str, unit_keys: Iterable[str]) -> None:
    """RoleError unless `role` is known and its units fit it (message in Vietnamese, for the CLI)."""
    units = list(unit_keys)
    if role not in ROLES:
        raise RoleError(f"Vai trò '{role}' không có; chọn một trong: {', '.join(ROLES)}")
    if role == OFFICER and not units:
        raise RoleError("Tài khoản cán bộ (officer) phải có ít nhất một đơn vị: --unit TÊN")
    if role == ADMIN and units:
        raise RoleError("Tài khoản quản trị (admin) xem mọi đơn vị: không nhận --unit")


def scope_for(role: str, unit_keys: Iterable[str]) -> Scope:
    """What an account of this role and these units may read."""
    units = frozenset(unit_keys)
    if role == ADMIN or (role == LEADER and not units):
        return EVERY_UNIT
    if role in (LEADER, OFFICER):
        return Scope(units)
    return Scope(frozenset())  # an unknown role sees nothing


def may(role: str, action: str) -> bool:
    return action in _ALLOWED.get(role, frozenset())
