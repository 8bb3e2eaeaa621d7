"""The account store: accounts, their units, sign-in attempts, revoked sessions, the server's secret and the
audit log (issue 14). The only module that opens the accounts file.

Why a file of its own, in SQLite (Python's sqlite3), beside the dossier database: every sign-in writes (an
attempt, an audit row), while the dossier store rewrites its whole file for each write (database.py) and is
meant for years of dossiers, not for small frequent writes from several processes (the dashboard and the
`users` command at once). SQLite in WAL mode gives each of those writes its own short transaction, readers
never wait, and the file is created readable by its owner only (it holds password hashes and the secret).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

SUFFIX = ".accounts.sqlite"

_SCHEMA = (
    """
    CREATE TABLE IF NOT EXISTS account (
        login          TEXT PRIMARY KEY,          -- lower case (accounts.normal_login)
        role           TEXT NOT NULL CHECK (role IN ('leader', 'officer', 'admin')),
        email          TEXT,                      -- lower case; single sign-on maps an identity by it
        password_hash  TEXT,                      -- argon2id; never the password
        session_epoch  INTEGER NOT NULL,          -- in every session token: a new one ends older sessions
        created_at     TEXT NOT NULL,
        password_changed_at TEXT,
        last_sign_in_at TEXT
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS account_unit (
        login     TEXT NOT NULL REFERENCES account (login) ON DELETE CASCADE,
        unit_key  TEXT NOT NULL,                  -- dashboard.text.unit_key of the name
        unit_name TEXT NOT NULL,                  -- as given to `users add --unit`
        PRIMARY KEY (login, unit_key)
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS sign_in_attempt (
        login        TEXT PRIMARY KEY,            -- any name typed, existing or not (auth/lockout.py)
        failures     INTEGER NOT NULL,
        locked_until TEXT
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS revoked_session (
        session_id TEXT PRIMARY KEY,
        expires_at TEXT NOT NULL                  -- kept until the token would have expired anyway
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS server_secret (
        name  TEXT PRIMARY KEY,
        value BLOB NOT NULL
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS audit_log (
        id      INTEGER PRIMARY KEY AUTOINCREMENT,
        at      TEXT NOT NULL,                    -- local time, ISO 8601
        login   TEXT,                             -- who (a typed name for a failed sign-in)
        address TEXT,                             -- the browser's address, or "dòng lệnh" for the CLI
        action  TEXT NOT NULL,                    -- auth/audit.py ACTIONS
        detail  TEXT                              -- what, in Vietnamese; never a password
    )
    """,
)


@dataclass(frozen=True)
class AccountRow:
    login: str
    role: str
    email: str | None
    password_hash: str | None
    session_epoch: int
    created_at: datetime
    password_changed_at: datetime | None
    last_sign_in_at: datetime | None
    units: tuple[tuple[str, str], ...]  # (unit_key, unit_name), by name


class AccountExists(ValueError):
    pass


def accounts_path(database_path: str | os.PathLike[str]) -> Path:
    """The account file beside a dossier database: data/cchc.duckdb → data/cchc.accounts.sqlite."""
    path = Path(database_path)
    return path.with_name(path.stem + SUFFIX)


def _time(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _text(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") if moment else None


class AccountStore:
    """The account file of one dashboard database. Cheap to create; every call opens its own connection."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)

    @classmethod
    def beside(cls, database_path: str | os.PathLike[str]) -> AccountStore:
        return cls(accounts_path(database_path))

    # --- connections -----------------------------------------------------------------------------------------

    @contextlib.contextmanager
    def _connect(self, create: bool) -> Iterator[sqlite3.Connection | None]:
        """A connection in autocommit mode (None when the file does not exist and create is False)."""
        if not self.path.exists():
            if not create:
                yield None
                return
            self.path.parent.mkdir(parents=True, exist_ok=True)
            os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))  # owner only, before SQLite writes
        connection = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        try:
            connection.execute("PRAGMA foreign_keys = ON")
            if create:
                connection.execute("PRAGMA journal_mode = WAL")
                for statement in _SCHEMA:
                    connection.execute(statement)
            yield connection
        finally:
            connection.close()

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction, taken for writing at once (BEGIN IMMEDIATE: concurrent writers queue up)."""
        with self._connect(create=True) as connection:
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")

    def _read(self, sql: str, params: tuple = ()) -> list[tuple]:
        with self._connect(create=False) as connection:
            if connection is None:
                return []
            try:
                return connection.execute(sql, params).fetchall()
            except sqlite3.OperationalError as error:  # a file made before a table existed
                if "no such table" in str(error):
                    return []
                raise

    # --- accounts --------------------------------------------------------------------------------------------

    def count(self) -> int:
        rows = self._read("SELECT count(*) FROM account")
        return rows[0][0] if rows else 0

    def add(self, login: str, role: str, units: list[tuple[str, str]], password_hash: str | None,
            email: str | None, now: datetime) -> None:  # fmt: skip
        with self._write() as connection:
            if connection.execute("SELECT 1 FROM account WHERE login = ?", (login,)).fetchone():
                raise AccountExists(login)
            connection.execute(
                "INSERT INTO account VALUES (?, ?, ?, ?, ?, ?, ?, NULL)",
                (login, role, email, password_hash, secrets.randbits(31), _text(now),
                 _text(now) if password_hash else None),
            )  # fmt: skip
            connection.executemany(
                "INSERT INTO account_unit VALUES (?, ?, ?)", [(login, key, name) for key, name in units]
            )

    def remove(self, login: str) -> bool:
        with self._write() as connection:
            return connection.execute("DELETE FROM account WHERE login = ?", (login,)).rowcount > 0

    def set_password(self, login: str, password_hash: str, now: datetime) -> bool:
        """Store a new hash and a new session epoch: every session of the account ends."""
        with self._write() as connection:
            changed = connection.execute(
                "UPDATE account SET password_hash = ?, password_changed_at = ?, session_epoch = ? WHERE login = ?",
                (password_hash, _text(now), secrets.randbits(31), login),
            ).rowcount
            connection.execute("DELETE FROM sign_in_attempt WHERE login = ?", (login,))
        return changed > 0

    def update_hash(self, login: str, password_hash: str) -> None:
        """The same password under stronger hashing parameters (sessions go on)."""
        with self._write() as connection:
            connection.execute("UPDATE account SET password_hash = ? WHERE login = ?", (password_hash, login))

    def signed_in(self, login: str, now: datetime) -> None:
        with self._write() as connection:
            connection.execute("UPDATE account SET last_sign_in_at = ? WHERE login = ?", (_text(now), login))
            connection.execute("DELETE FROM sign_in_attempt WHERE login = ?", (login,))

    def get(self, login: str) -> AccountRow | None:
        found = self._accounts("WHERE a.login = ?", (login,))
        return found[0] if found else None

    def by_email(self, email: str) -> list[AccountRow]:
        return self._accounts("WHERE a.email = ?", (email,))

    def all(self) -> list[AccountRow]:
        return self._accounts("", ())

    def _accounts(self, where: str, params: tuple) -> list[AccountRow]:
        rows = self._read(
            f"""
            SELECT a.login, a.role, a.email, a.password_hash, a.session_epoch, a.created_at,
                   a.password_changed_at, a.last_sign_in_at
            FROM account a {where} ORDER BY a.login
            """,
            params,
        )
        units: dict[str, list[tuple[str, str]]] = {}
        for login, key, name in self._read(
            "SELECT login, unit_key, unit_name FROM account_unit ORDER BY login, unit_name"
        ):
            units.setdefault(login, []).append((key, name))
        return [
            AccountRow(
                login, role, email, password_hash, epoch, _time(created), _time(changed), _time(last),
                tuple(units.get(login, ())),
            )
            for login, role, email, password_hash, epoch, created, changed, last in rows
        ]  # fmt: skip

    # --- sign-in attempts --------------------------------------------------------------------------------------

    def attempts(self, login: str) -> tuple[int, datetime | None]:
        rows = self._read("SELECT failures, locked_until FROM sign_in_attempt WHERE login = ?", (login,))
        return (rows[0][0], _time(rows[0][1])) if rows else (0, None)

    def set_attempts(self, login: str, failures: int, locked_until: datetime | None) -> None:
        with self._write() as connection:
            connection.execute(
                "INSERT INTO sign_in_attempt VALUES (?, ?, ?) ON CONFLICT (login) DO UPDATE SET "
                "failures = excluded.failures, locked_until = excluded.locked_until",
                (login, failures, _text(locked_until)),
            )

    # --- sessions ------------------------------------------------------------------------------------------------

    def secret(self) -> bytes:
        """The server's signing secret, made on first use (32 random bytes)."""
        rows = self._read("SELECT value FROM server_secret WHERE name = 'session'")
        if rows:
            return bytes(rows[0][0])
        with self._write() as connection:
            connection.execute(
                "INSERT OR IGNORE INTO server_secret VALUES ('session', ?)", (secrets.token_bytes(32),)
            )
            return bytes(
                connection.execute("SELECT value FROM server_secret WHERE name = 'session'").fetchone()[0]
            )

    def revoke(self, session_id: str, expires_at: datetime, now: datetime) -> None:
        with self._write() as connection:
            connection.execute("DELETE FROM revoked_session WHERE expires_at < ?", (_text(now),))
            connection.execute(
                "INSERT OR IGNORE INTO revoked_session VALUES (?, ?)", (session_id, _text(expires_at))
            )

    def is_revoked(self, session_id: str) -> bool:
        return bool(self._read("SELECT 1 FROM revoked_session WHERE session_id = ?", (session_id,)))

    # --- audit log -------------------------------------------------------------------------------------------------

    def audit(self, at: datetime, login: str | None, address: str | None, action: str, detail: str) -> None:
        with self._write() as connection:
            connection.execute(
                "INSERT INTO audit_log (at, login, address, action, detail) VALUES (?, ?, ?, ?, ?)",
                (_text(at), login, address, action, detail),
            )

    def audit_rows(self, limit: int | None = None) -> list[tuple[int, datetime, str, str, str, str]]:
        """(id, at, login, address, action, detail), newest first."""
        rows = self._read(
            "SELECT id, at, login, address, action, detail FROM audit_log ORDER BY id DESC LIMIT ?",
            (-1 if limit is None else limit,),
        )
        return [
            (i, _time(at), login, address, action, detail) for i, at, login, address, action, detail in rows
        ]
