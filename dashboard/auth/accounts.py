"""Accounts and signing in (issue 14 §1–2), over the account store.

A login is case-insensitive (kept in lower case): letters a–z, digits and . _ - @, up to 64 characters. A unit
on an account is kept by its comparison key (KPI_SPEC §9: no case or spacing differences), so "--unit 'phường hà
cầu'" means the unit the data calls "Phường Hà Cầu".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime

from dashboard.auth import audit, passwords, sessions
from dashboard.auth.lockout import Attempts, after_failure, is_locked
from dashboard.auth.roles import check_role, may, scope_for
from dashboard.auth.scope import Scope
from dashboard.store.accounts import AccountRow, AccountStore
from dashboard.text import nfc, unit_key

_LOGIN = re.compile(r"[a-z0-9._@-]{1,64}")


class LoginError(ValueError):
    pass


@dataclass(frozen=True)
class Account:
    login: str
    role: str
    units: tuple[tuple[str, str], ...] = ()  # (unit_key, name as given)
    email: str | None = None

    @property
    def scope(self) -> Scope:
        return scope_for(self.role, (key for key, _ in self.units))

    def may(self, action: str) -> bool:
        return may(self.role, action)

    @property
    def unit_names(self) -> tuple[str, ...]:
        return tuple(name for _, name in self.units)


def account_of(row: AccountRow) -> Account:
    return Account(row.login, row.role, row.units, row.email)


def normal_login(text: str) -> str:
    """The login as stored; LoginError (in Vietnamese) for one that cannot be a login."""
    login = unicodedata.normalize("NFC", text).strip().lower()
    if not _LOGIN.fullmatch(login):
        raise LoginError(
            f"Tên đăng nhập '{text}' không hợp lệ: chỉ chữ a–z không dấu, số và . _ - @, tối đa 64 ký tự"
        )
    return login


def _attempt_key(text: str) -> str:
    """What failed attempts are counted under, for a typed name that may not even be a valid login."""
    return unicodedata.normalize("NFC", text).strip().lower()[:64]


def add_account(store: AccountStore, login: str, role: str, unit_names: list[str], password: str,
                email: str | None = None, now: datetime | None = None, by: str | None = None,
                address: str | None = None) -> Account:  # fmt: skip
    """Create an account; LoginError, RoleError, WeakPassword or AccountExists when it cannot be made."""
    login = normal_login(login)
    units = list({unit_key(name): nfc(name) for name in unit_names if name.strip()}.items())
    check_role(role, [key for key, _ in units])
    password_hash = passwords.hash_password(password)
    now = now or datetime.now()
    email = email.strip().lower() if email and email.strip() else None
    store.add(login, role, units, password_hash, email, now)
    account = Account(login, role, tuple(sorted(units, key=lambda unit: unit[1])), email)
    where = f", đơn vị: {', '.join(account.unit_names)}" if units else ""
    audit.record(store, audit.ACCOUNT_ADDED, by, address, f"{login} ({role}{where})", now)
    return account


def remove_account(store: AccountStore, login: str, now: datetime | None = None, by: str | None = None,
                   address: str | None = None) -> bool:  # fmt: skip
    login = normal_login(login)
    removed = store.remove(login)
    if removed:
        audit.record(store, audit.ACCOUNT_REMOVED, by, address, login, now)
    return removed


def change_password(store: AccountStore, login: str, password: str, now: datetime | None = None,
                    by: str | None = None, address: str | None = None) -> bool:  # fmt: skip
    """A new password; every open session of the account ends (its session epoch changes)."""
    login = normal_login(login)
    password_hash = passwords.hash_password(password)
    changed = store.set_password(login, password_hash, now or datetime.now())
    if changed:
        audit.record(store, audit.PASSWORD_CHANGED, by, address, login, now)
    return changed


def get_account(store: AccountStore, login: str) -> Account | None:
    try:
        row = store.get(normal_login(login))
    except LoginError:
        return None
    return account_of(row) if row else None


def accounts_exist(store: AccountStore) -> bool:
    """True as soon as one account exists: from then on every page asks to sign in (issue 14 §1)."""
    return store.count() > 0


# --- signing in -----------------------------------------------------------------------------------------------

OK, REFUSED, LOCKED = "ok", "refused", "locked"


@dataclass(frozen=True)
class SignIn:
    outcome: str  # OK | REFUSED (name or password wrong: never says which) | LOCKED
    account: Account | None = None
    cookie: str | None = None  # the session token to keep in the browser (OK only)
    expires_at: datetime | None = None


def sign_in(store: AccountStore, login: str, password: str, address: str | None = None,
            now: datetime | None = None) -> SignIn:  # fmt: skip
    """Check a name and password against the store, with the lockout rule, and record the attempt."""
    now = now or datetime.now()
    key = _attempt_key(login)
    attempts = Attempts(*store.attempts(key))
    if is_locked(attempts, now):
        audit.record(
            store, audit.SIGN_IN_LOCKED, key, address, f"khoá đến {attempts.locked_until:%H:%M}", now
        )
        return SignIn(LOCKED)
    row = store.get(key) if _LOGIN.fullmatch(key) else None
    # Verified against a dummy hash when there is no such login: the same work either way.
    if not passwords.verify_password(row.password_hash if row else None, password):
        after = after_failure(attempts, now)
        store.set_attempts(key, after.failures, after.locked_until)
        locked = is_locked(after, now)
        detail = f"lần sai thứ {after.failures}" + (
            f", khoá đến {after.locked_until:%H:%M}" if locked else ""
        )
        audit.record(store, audit.SIGN_IN_FAILED, key, address, detail, now)
        return SignIn(LOCKED if locked else REFUSED)
    if passwords.needs_rehash(row.password_hash):
        store.update_hash(row.login, passwords.hash_password(password))
    store.signed_in(row.login, now)
    cookie, token = sessions.issue(store.secret(), row.login, row.session_epoch, now)
    audit.record(store, audit.SIGN_IN, row.login, address, "mật khẩu", now)
    return SignIn(OK, account_of(row), cookie, token.expires_at)


def resume(store: AccountStore, cookie: str | None, now: datetime | None = None) -> Account | None:
    """The account a browser's session cookie stands for, while it is valid: signed by this server, not
    expired, not ended by signing out, and issued since the account's password last changed."""
    if not cookie:
        return None
    token = sessions.read(store.secret(), cookie, now or datetime.now())
    if token is None:
        return None
    row = store.get(token.login)
    if row is None or row.session_epoch != token.epoch or store.is_revoked(token.session_id):
        return None
    return account_of(row)


def sign_out(store: AccountStore, cookie: str | None, login: str | None, address: str | None = None,
             now: datetime | None = None) -> None:  # fmt: skip
    """End the session the cookie carries, so that a copy of it no longer opens anything."""
    now = now or datetime.now()
    token = sessions.read(store.secret(), cookie, now) if cookie else None
    if token is not None:
        store.revoke(token.session_id, token.expires_at, now)
    audit.record(store, audit.SIGN_OUT, login, address, "", now)
