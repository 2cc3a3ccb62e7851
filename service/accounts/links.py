"""One-time sign-in links: the e-mail carries a random token, the table only its SHA-256. A link lets its
account set a password once, before it expires; a used or expired link is refused with words that say
which (410), an unknown one as not a link at all (400).

The expiry is a security instant, so it is kept on the real clock (as page sessions are, see
service/clock.py): pinning the service's day must not make a three-day link live for decades."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from urllib.parse import urlencode

from sqlalchemy import select
from sqlalchemy.orm import Session

from service import models as m
from service.errors import AppError, Gone
from service.models.base import utcnow
from service.settings import Settings


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue(session: Session, user: m.User, settings: Settings) -> str:
    """A new link for the user; returns the token (shown once, in the e-mail; stored hashed)."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    link = m.SignInLink(
        token_hash=digest(token),
        user_id=user.id,
        created_at=now,
        expires_at=now + timedelta(hours=settings.sign_in_link_hours),
    )
    session.add(link)
    session.flush()
    return token


def url(settings: Settings, token: str) -> str:
    return f"{settings.public_url.rstrip('/')}/set-password?{urlencode({'token': token})}"


def live(session: Session, token: str) -> m.SignInLink:
    """The link of this token if it can still be used; AppError (400) or Gone (410) saying why not."""
    link = session.scalar(select(m.SignInLink).where(m.SignInLink.token_hash == digest(token)))
    if link is None:
        raise AppError(
            "This is not a valid sign-in link. Check that the whole address from the e-mail was copied.",
            field="token",
        )
    if link.used_at is not None:
        raise Gone(
            f"This sign-in link was already used on {link.used_at:%Y-%m-%d}. Sign in with the password "
            "you set then, or ask the Technical Assistance Team for a new link.",
            field="token",
        )
    if link.expires_at <= utcnow():
        raise Gone(
            f"This sign-in link expired on {link.expires_at:%Y-%m-%d %H:%M} UTC. Ask the Technical "
            "Assistance Team for a new link.",
            field="token",
        )
    return link


def use(link: m.SignInLink) -> None:
    link.used_at = utcnow()
