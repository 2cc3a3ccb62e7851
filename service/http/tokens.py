"""Signed, expiring bearer tokens (JWT, HS256) and the login rate limiter."""

from __future__ import annotations

import threading
import time
from collections import deque
from datetime import UTC, datetime, timedelta

import jwt

from service.errors import TooManyRequests, Unauthorized

ALGORITHM = "HS256"


def issue_token(user_id: int, secret: str, minutes: int) -> tuple[str, datetime]:
    now = datetime.now(UTC)
    expires = now + timedelta(minutes=minutes)
    payload = {"sub": str(user_id), "iat": now.timestamp(), "exp": expires}
    return jwt.encode(payload, secret, algorithm=ALGORITHM), expires


def decode_token(token: str, secret: str) -> tuple[int, datetime]:
    """The user id and issue time of a valid token; Unauthorized for anything else."""
    try:
        payload = jwt.decode(
            token, secret, algorithms=[ALGORITHM], options={"require": ["sub", "iat", "exp"]}
        )
        return int(payload["sub"]), datetime.fromtimestamp(float(payload["iat"]), UTC)
    except (jwt.PyJWTError, ValueError) as exc:
        raise Unauthorized("the token is invalid or has expired") from exc


class LoginLimiter:
    """Sliding one-minute window of login attempts per (client, username): slows password guessing."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self._attempts: dict[tuple[str, str], deque[float]] = {}
        self._lock = threading.Lock()

    def check(self, client: str, username: str) -> None:
        now = time.monotonic()
        with self._lock:
            window = self._attempts.setdefault((client, username.lower()), deque())
            while window and now - window[0] > 60:
                window.popleft()
            if len(window) >= self.per_minute:
                raise TooManyRequests("too many login attempts; wait a minute and try again")
            window.append(now)
