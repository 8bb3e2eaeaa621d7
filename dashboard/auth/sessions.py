"""The signed, expiring session token a browser keeps in a cookie (issue 14 §2).

token = base64url(payload JSON) "." base64url(HMAC-SHA256(secret, payload)). The payload names the login, the
account's session epoch (bumped when its password changes or it is removed and added again: older tokens stop
working), a random session id (revoked at sign-out) and the expiry. The secret is the server's, kept in the
account store; nothing in the token is secret, but nobody without the secret can make or alter one.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

COOKIE_NAME = "cchc_phien"
DEFAULT_HOURS = 8.0
HOURS_VARIABLE = "CCHC_SESSION_HOURS"  # how long a sign-in lasts; 8 hours unless set


@dataclass(frozen=True)
class SessionToken:
    login: str
    epoch: int
    session_id: str
    expires_at: datetime


def session_lifetime() -> timedelta:
    """CCHC_SESSION_HOURS (a positive number, fractions allowed), else 8 hours."""
    text = os.environ.get(HOURS_VARIABLE, "").strip()
    try:
        hours = float(text) if text else DEFAULT_HOURS
    except ValueError:
        hours = DEFAULT_HOURS
    return timedelta(hours=hours if hours > 0 else DEFAULT_HOURS)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _signature(secret: bytes, payload: bytes) -> bytes:
    return hmac.new(secret, payload, hashlib.sha256).digest()


def issue(secret: bytes, login: str, epoch: int, now: datetime, lifetime: timedelta | None = None) -> tuple[str, SessionToken]:  # fmt: skip
    """A new token for the login, valid from now for `lifetime` (session_lifetime() by default)."""
    expires = now + (lifetime or session_lifetime())
    token = SessionToken(login, epoch, secrets.token_urlsafe(16), expires.replace(microsecond=0))
    payload = json.dumps(
        {"l": login, "e": epoch, "s": token.session_id, "x": int(token.expires_at.timestamp())},
        separators=(",", ":"),
    ).encode()
    return f"{_b64(payload)}.{_b64(_signature(secret, payload))}", token


def read(secret: bytes, text: str | None, now: datetime) -> SessionToken | None:
    """The token's content when it is well formed, signed with this secret and not expired; else None."""
    if not text or text.count(".") != 1 or len(text) > 2048:
        return None
    body, signature = text.split(".")
    try:
        payload, given = _unb64(body), _unb64(signature)
    except (ValueError, TypeError):
        return None
    if not hmac.compare_digest(given, _signature(secret, payload)):
        return None
    try:
        fields = json.loads(payload)
        token = SessionToken(
            str(fields["l"]), int(fields["e"]), str(fields["s"]), datetime.fromtimestamp(int(fields["x"]))
        )
    except (ValueError, KeyError, TypeError):
        return None
    return token if token.expires_at > now else None
