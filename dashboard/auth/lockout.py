"""After 5 failed sign-ins a login is locked for 15 minutes (issue 14 §2), the way OWASP's authentication
guidance describes: counted per login, whether or not the login exists (so a lock tells nothing about it), a
success resets the count, and while locked even the right password is refused."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

MAX_FAILURES = 5
LOCK_DURATION = timedelta(minutes=15)


@dataclass(frozen=True)
class Attempts:
    failures: int = 0  # consecutive failures since the last success or the end of the last lock
    locked_until: datetime | None = None


def is_locked(attempts: Attempts, now: datetime) -> bool:
    return attempts.locked_until is not None and now < attempts.locked_until


def after_failure(attempts: Attempts, now: datetime) -> Attempts:
    """The count after one more failure; the fifth locks the login for LOCK_DURATION."""
    if is_locked(attempts, now):
        return attempts
    failures = (
        0 if attempts.locked_until is not None else attempts.failures
    )  # a lock that ran out starts afresh
    failures += 1
    if failures >= MAX_FAILURES:
        return Attempts(failures, now + LOCK_DURATION)
    return Attempts(failures, None)
