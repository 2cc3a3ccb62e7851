"""Accounts logic: creating and updating users (the role's party binding checked), token revocation, the
password check of sign-in, and applications to see the matrix (apply, decide)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from service import models as m
from service.accounts.passwords import hash_password, verify_password
from service.accounts.queries import get_user
from service.accounts.schemas import AccessApply, AccessDecision, UserCreate, UserUpdate
from service.audit.logic import record
from service.concurrency import check_version
from service.errors import Conflict, InvalidInput, NotFound, Unauthorized
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


def add_user(session: Session, actor: m.User, body: UserCreate) -> m.User:
    return create_user(session, actor=actor, **body.model_dump())


def update_user(session: Session, actor: m.User, user_id: int, body: UserUpdate) -> m.User:
    user = get_user(session, user_id)
    if user.version != body.version:
        raise Conflict("the user changed since you read it", details={"current_version": user.version})
    before = user_snapshot(user)
    for field, value in body.model_dump(exclude={"version"}, exclude_none=True).items():
        setattr(user, field, value)
    session.flush()
    record(session, actor, "user.updated", "user", user.id, before=before, after=user_snapshot(user))
    return user


def revoke_user_tokens(session: Session, actor: m.User, user_id: int) -> m.User:
    """Sign the user out everywhere: every token issued before now is refused."""
    user = get_user(session, user_id)
    revoke_tokens(session, user, actor=actor)
    return user


def authenticate(session: Session, username: str, password: str) -> m.User:
    """The active user with this username and password; Unauthorized otherwise."""
    user = session.scalar(select(m.User).where(m.User.username == username))
    if user is None or not user.active or not verify_password(password, user.password_hash):
        raise Unauthorized("wrong username or password")
    return user


def apply(session: Session, body: AccessApply) -> m.AccessRequest:
    """Anyone's application to see the assistance matrix. The team answers by e-mail."""
    application = m.AccessRequest(**body.model_dump())
    session.add(application)
    session.flush()
    record(
        session,
        None,
        "access.applied",
        "access_request",
        application.id,
        after={"organization": body.organization},
    )
    return application


def decide(session: Session, actor: m.User, application_id: int, body: AccessDecision) -> m.AccessRequest:
    application = session.get(m.AccessRequest, application_id)
    if application is None:
        raise NotFound("no such application")
    check_version(application, body.version)
    if application.status != "pending":
        raise Conflict(f"the application was already {application.status}", field="status")
    application.status, application.decision_note = body.decision, body.note
    application.decided_by_id, application.decided_at = actor.id, utcnow()
    session.flush()
    record(
        session,
        actor,
        f"access.{body.decision}",
        "access_request",
        application.id,
        before={"status": "pending"},
        after={"status": body.decision},
        note=body.note,
    )
    return application
