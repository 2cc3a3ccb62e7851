"""User accounts: creation with the role's party binding checked, deactivation and token revocation."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from service import models as m
from service.accounts.passwords import hash_password
from service.audit.logic import record
from service.errors import Conflict, InvalidInput
from service.models.base import utcnow
from service.vocab import Role, values

MIN_PASSWORD = 8


def user_snapshot(user: m.User) -> dict[str, object]:
    return {"username": user.username, "role": user.role, "party": user.party, "active": user.active}


def create_user(
    session: Session,
    *,
    username: str,
    password: str,
    role: str,
    party: str | None,
    display_name: str = "",
    email: str | None = None,
    actor: m.User | None,
) -> m.User:
    if role not in values(Role):
        raise InvalidInput(f"role must be one of {', '.join(values(Role))}", field="role")
    if len(password) < MIN_PASSWORD:
        raise InvalidInput(f"password must have at least {MIN_PASSWORD} characters", field="password")
    if session.scalar(select(m.User.id).where(m.User.username == username)) is not None:
        raise Conflict(f"username {username!r} is taken", field="username")
    user = m.User(
        username=username,
        display_name=display_name or username,
        email=email,
        password_hash=hash_password(password),
        role=role,
    )
    if role == "ta":
        if party:
            raise InvalidInput("a team user is bound to no party", field="party")
    elif role == "state":
        if not party or session.get(m.State, party) is None:
            raise InvalidInput(f"unknown state {party!r}", field="party")
        user.state_iso3 = party
    else:
        from service.parties.logic import ensure_provider

        if not party:
            raise InvalidInput("a provider user needs the provider's id", field="party")
        user.provider_id = ensure_provider(session, party).id
    session.add(user)
    session.flush()
    record(session, actor, "user.created", "user", user.id, after=user_snapshot(user))
    return user


def revoke_tokens(session: Session, user: m.User, *, actor: m.User | None) -> None:
    user.tokens_valid_after = utcnow()
    session.flush()
    record(session, actor, "user.tokens_revoked", "user", user.id)
