"""Signed, expiring bearer tokens (JWT, HS256) for the API."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import jwt

from service.errors import Unauthorized

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
