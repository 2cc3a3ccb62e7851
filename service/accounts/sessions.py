"""Page sessions kept on the server: the browser's cookie holds a random opaque id (never a bearer token),
the table holds only its SHA-256; a session ends at sign-out, after the idle or absolute timeout, or when
the user's tokens are revoked or the account deactivated."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from service import models as m
from service.clock import stamp
from service.models.base import utcnow
from service.settings import Settings

# last_seen_at is written at most this often, not on every page view.
TOUCH_EVERY = timedelta(minutes=1)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_session(session: Session, user: m.User, settings: Settings) -> str:
    """A new session for the user; returns the cookie's value (shown once, stored hashed). The user's
    ended sessions are deleted on the way."""
    now = utcnow()
    session.execute(
        delete(m.PageSession).where(
            m.PageSession.user_id == user.id,
            or_(
                m.PageSession.revoked_at.is_not(None),
                m.PageSession.created_at < now - timedelta(minutes=settings.session_max_minutes),
                m.PageSession.last_seen_at < now - timedelta(minutes=settings.session_idle_minutes),
            ),
        )
    )
    token = secrets.token_urlsafe(32)
    session.add(m.PageSession(token_hash=_digest(token), user_id=user.id, created_at=now, last_seen_at=now))
    session.flush()
    return token


def session_user(session: Session, token: str, settings: Settings) -> m.User | None:
    """The user of a live session, or None (unknown, signed out, timed out, revoked, deactivated)."""
    row = session.scalar(select(m.PageSession).where(m.PageSession.token_hash == _digest(token)))
    if row is None or row.revoked_at is not None:
        return None
    now = utcnow()
    if now - row.created_at > timedelta(minutes=settings.session_max_minutes):
        return None
    if now - row.last_seen_at > timedelta(minutes=settings.session_idle_minutes):
        return None
    user = session.get(m.User, row.user_id)
    if user is None or not user.active or row.created_at < user.tokens_valid_after:
        return None
    if user.lapsed(stamp(session)):  # a reader whose access ended is signed out
        return None
    if now - row.last_seen_at > TOUCH_EVERY:
        row.last_seen_at = now
    return user


def close_session(session: Session, token: str) -> None:
    """Sign-out: the session is revoked on the server, whatever the browser keeps."""
    row = session.scalar(select(m.PageSession).where(m.PageSession.token_hash == _digest(token)))
    if row is not None and row.revoked_at is None:
        row.revoked_at = utcnow()
        session.flush()
