"""Password hashing with argon2id (argon2-cffi, the OWASP-recommended algorithm); a password is never stored,
printed or logged, only its hash."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

MIN_LENGTH = 8
MAX_LENGTH = 1024  # a multi-megabyte "password" would only cost the server time
_HASHER = PasswordHasher()  # argon2id with the library's current defaults (RFC 9106 low-memory profile)
# Verified against when the login does not exist, so that a wrong name takes as long as a wrong password.
_DUMMY_HASH = _HASHER.hash("không-có-tài-khoản-này")


class WeakPassword(ValueError):
    pass


def check_new_password(password: str) -> None:
    """WeakPassword (message in Vietnamese) for a password too short or too long."""
    if len(password) < MIN_LENGTH:
        raise WeakPassword(f"Mật khẩu phải có ít nhất {MIN_LENGTH} ký tự")
    if len(password) > MAX_LENGTH:
        raise WeakPassword(f"Mật khẩu dài quá {MAX_LENGTH} ký tự")


def hash_password(password: str) -> str:
    check_new_password(password)
    return _HASHER.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    """True when `password` matches; False for a mismatch, a broken hash or no hash (constant work)."""
    if len(password) > MAX_LENGTH:
        return False
    try:
        return _HASHER.verify(stored_hash or _DUMMY_HASH, password) and stored_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    """True when the hash was made with weaker parameters than today's: rehash at the next sign-in."""
    try:
        return _HASHER.check_needs_rehash(stored_hash)
    except InvalidHashError:
        return True
