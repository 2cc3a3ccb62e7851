"""Reading accounts: the users, one user, and the applications to see the matrix."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from service import models as m
from service.errors import NotFound


def list_users(session: Session, viewer: m.User) -> list[m.User]:
    del viewer  # the route checks the role; kept for the common (session, user, ...) signature
    return list(session.scalars(select(m.User).order_by(m.User.username)))


def get_user(session: Session, user_id: int) -> m.User:
    user = session.get(m.User, user_id)
    if user is None:
        raise NotFound("no such user")
    return user


def user_named(session: Session, username: str) -> m.User:
    user = session.scalar(select(m.User).where(m.User.username == username))
    if user is None:
        raise NotFound(f"no user named {username!r}")
    return user


def list_applications(session: Session, viewer: m.User, status: str | None = None) -> list[m.AccessRequest]:
    del viewer
    query = select(m.AccessRequest).order_by(m.AccessRequest.id.desc())
    if status:
        query = query.where(m.AccessRequest.status == status)
    return list(session.scalars(query))


def usernames(session: Session, user_ids: list[int]) -> dict[int, str]:
    """The usernames of these accounts by id (the reader accounts approvals created)."""
    if not user_ids:
        return {}
    rows = session.execute(select(m.User.id, m.User.username).where(m.User.id.in_(user_ids)))
    return {user_id: username for user_id, username in rows}
