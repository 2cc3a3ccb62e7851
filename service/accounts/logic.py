"""Accounts logic: creating and updating users (the role's party binding checked), token revocation, the
password check of sign-in, and applications to see the matrix (apply, decide)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service import models as m
from service.accounts.passwords import dummy_hash, hash_password, verify_password
from service.accounts.queries import get_user
from service.accounts.schemas import AccessApply, AccessDecision, UserCreate, UserUpdate
from service.audit.logic import record
from service.clock import stamp
from service.concurrency import check_version
from service.errors import Conflict, InvalidInput, NotFound, Unauthorized
from service.http import ratelimit
from service.models.base import utcnow
from service.settings import Settings
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
    if body.active is False and user.active:
        deactivate_guard(session, actor, user)
    for field, value in body.model_dump(exclude={"version"}, exclude_none=True).items():
        setattr(user, field, value)
    if before["active"] and not user.active:
        user.tokens_valid_after = utcnow()  # its tokens and page sessions stay dead after a reactivation
    session.flush()
    record(session, actor, "user.updated", "user", user.id, before=before, after=user_snapshot(user))
    return user


def deactivate_guard(session: Session, actor: m.User | None, user: m.User) -> None:
    """No one deactivates their own account, and the last active team account stays: someone must be
    able to sign in and manage the others."""
    if actor is not None and actor.id == user.id:
        raise Conflict("you cannot deactivate your own account", field="active")
    if user.role == "ta":
        others = session.scalar(
            select(func.count())
            .select_from(m.User)
            .where(m.User.role == "ta", m.User.active.is_(True), m.User.id != user.id)
        )
        if not others:
            raise Conflict(
                "this is the last active team account; add or reactivate another first", field="active"
            )


def reactivate(session: Session, actor: m.User | None, user: m.User) -> m.User:
    """Let the user sign in again; tokens and sessions from before the deactivation stay dead."""
    if not user.active:
        before = user_snapshot(user)
        user.active = True
        session.flush()
        record(session, actor, "user.updated", "user", user.id, before=before, after=user_snapshot(user))
    return user


def set_password(session: Session, actor: m.User | None, user: m.User, password: str) -> m.User:
    """A new password; the user is signed out everywhere (tokens and page sessions)."""
    if len(password) < MIN_PASSWORD:
        raise InvalidInput(f"password must have at least {MIN_PASSWORD} characters", field="password")
    user.password_hash = hash_password(password)
    user.tokens_valid_after = utcnow()
    session.flush()
    record(session, actor, "user.password_set", "user", user.id)
    return user


def revoke_user_tokens(session: Session, actor: m.User, user_id: int) -> m.User:
    """Sign the user out everywhere: every token issued before now is refused."""
    user = get_user(session, user_id)
    revoke_tokens(session, user, actor=actor)
    return user


def authenticate(
    session: Session, username: str, password: str, *, client: str, settings: Settings
) -> m.User:
    """The active user with this username and password; Unauthorized otherwise, TooManyRequests past the
    limits per username and per client. A failure is counted in `session`: the caller answers the 401
    (rather than letting it roll the request back) so that the count is committed.

    The password is verified whether or not the username exists (against a dummy hash when it does not),
    so the time taken does not tell which usernames exist."""
    limits = ratelimit.login_limits(settings, client, username)
    ratelimit.check(session, limits, "too many sign-in attempts; wait a minute and try again")
    user = session.scalar(select(m.User).where(m.User.username == username))
    matches = verify_password(password, user.password_hash if user is not None else dummy_hash())
    if user is None or not user.active or not matches:
        ratelimit.count(session, limits)
        raise Unauthorized("wrong username or password")
    return user


def apply(session: Session, body: AccessApply, *, client: str, settings: Settings) -> m.AccessRequest:
    """Anyone's application to see the assistance matrix, limited per client. The team answers by e-mail."""
    limits = ratelimit.application_limits(settings, client)
    ratelimit.check(session, limits, "too many applications from your address; try again later")
    ratelimit.count(session, limits)
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
    if body.decision == "refused" and not (body.note or "").strip():
        raise InvalidInput("a refusal needs its reason: the applicant is told why", field="note")
    application.status, application.decision_note = body.decision, body.note
    application.decided_by_id, application.decided_at = actor.id, stamp(session)
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
