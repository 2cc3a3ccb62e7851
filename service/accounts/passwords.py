"""Password hashing with argon2 (pwdlib's recommended settings)."""

from __future__ import annotations

import secrets
from functools import lru_cache

from pwdlib import PasswordHash


@lru_cache
def _hasher() -> PasswordHash:
    return PasswordHash.recommended()


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(password: str, password_hash: str) -> bool:
    return _hasher().verify(password, password_hash)


@lru_cache
def dummy_hash() -> str:
    """A hash of no one's password: sign-in verifies against it when the username is unknown, so an
    unknown username costs the same work as a wrong password and timing does not reveal who exists."""
    return hash_password(secrets.token_urlsafe(32))
