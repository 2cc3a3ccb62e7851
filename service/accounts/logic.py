"""Accounts logic: creating and updating users (the role's party binding checked), token revocation, the
password check of sign-in, and applications to see the matrix (apply, decide: an approval creates a reader
account with its expiry and e-mails its first sign-in link; the link sets the password once)."""

from __future__ import annotations

import re
import secrets
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service import models as m
from service.accounts import links
from service.accounts.passwords import dummy_hash, hash_password, verify_password
from service.accounts.queries import get_user
from service.accounts.schemas import AccessApply, AccessDecision, UserCreate, UserUpdate
from service.audit.logic import record
from service.clock import stamp
from service.concurrency import check_version
from service.editions import outbox
from service.errors import Conflict, InvalidInput, NotFound, Unauthorized
from service.http import ratelimit
from service.models.base import utcnow
from service.settings import Settings
from service.vocab import Role, values

MIN_PASSWORD = 8


def user_snapshot(user: m.User) -> dict[str, object]:
    snapshot: dict[str, object] = {
        "username": user.username,
        "role": user.role,
        "party": user.party,
        "active": user.active,
    }
    if user.expires_at is not None:
        snapshot["expires_at"] = user.expires_at.isoformat()
    return snapshot


def create_user(
    session: Session,
    *,
    username: str,
    password: str,
    role: str,
    party: str | None,
    display_name: str = "",
    email: str | None = None,
    expires_at: datetime | None = None,
    actor: m.User | None,
) -> m.User:
    if role not in values(Role):
        raise InvalidInput(f"role must be one of {', '.join(values(Role))}", field="role")
    check_password_rules(password)
    if session.scalar(select(m.User.id).where(m.User.username == username)) is not None:
        raise Conflict(f"username {username!r} is taken", field="username")
    user = m.User(
        username=username,
        display_name=display_name or username,
        email=email,
        password_hash=hash_password(password),
        role=role,
        expires_at=expires_at,
    )
    if expires_at is not None and role != "reader":
        raise InvalidInput("only a reader account has an expiry", field="expires_at")
    if role in ("ta", "reader"):
        if party:
            who = "team" if role == "ta" else "reader"
            raise InvalidInput(f"a {who} user is bound to no party", field="party")
        if role == "reader" and expires_at is None:
            raise InvalidInput("a reader account needs its expiry", field="expires_at")
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


def check_password_rules(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise InvalidInput(f"password must have at least {MIN_PASSWORD} characters", field="password")


def set_password(session: Session, actor: m.User | None, user: m.User, password: str) -> m.User:
    """A new password; the user is signed out everywhere (tokens and page sessions)."""
    check_password_rules(password)
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
    if user.lapsed(stamp(session)):  # the right password, so not counted as a guess
        assert user.expires_at is not None
        raise Unauthorized(
            f"your access to the matrix ended on {user.expires_at:%Y-%m-%d}; apply again to renew it"
        )
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


def decide(
    session: Session,
    actor: m.User,
    application_id: int,
    body: AccessDecision,
    *,
    settings: Settings,
    on: date,
) -> m.AccessRequest:
    """Approve (a reader account, its expiry and its first sign-in link by e-mail) or refuse (with the
    reason the applicant is told). Both are audited."""
    application = session.get(m.AccessRequest, application_id)
    if application is None:
        raise NotFound("no such application")
    check_version(application, body.version)
    if application.status != "pending":
        raise Conflict(f"the application was already {application.status}", field="status")
    if body.decision == "refused" and not (body.note or "").strip():
        raise InvalidInput("a refusal needs its reason: the applicant is told why", field="note")
    if body.decision == "refused" and body.expires_on is not None:
        raise InvalidInput("an expiry date goes with an approval only", field="expires_on")
    expires_on = body.expires_on or on + timedelta(days=settings.reader_days)
    if body.decision == "approved" and expires_on <= on:
        raise InvalidInput(f"the access must end after today ({on})", field="expires_on")
    application.status, application.decision_note = body.decision, body.note
    application.decided_by_id, application.decided_at = actor.id, stamp(session)
    after: dict[str, object] = {"status": body.decision}
    if body.decision == "approved":
        reader, failure = grant_reader(session, actor, application, expires_on, settings=settings)
        application.user_id = reader.id
        after.update(reader=reader.username, expires_on=str(expires_on), e_mail=failure or "written")
    session.flush()
    record(
        session,
        actor,
        f"access.{body.decision}",
        "access_request",
        application.id,
        before={"status": "pending"},
        after=after,
        note=body.note,
    )
    return application


def reader_username(session: Session, email: str) -> str:
    """The applicant's e-mail address made into a free username: "ada@iss.example" → "ada@iss.example",
    or "ada@iss.example-2" when that is taken (usernames allow letters, digits and _ . @ -)."""
    base = re.sub(r"[^a-z0-9_.@-]+", "-", email.strip().lower())[:70].strip("-") or "reader"
    base = base if len(base) >= 3 else f"reader-{base}"
    taken = set(session.scalars(select(m.User.username).where(m.User.username.like(f"{base}%"))))
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def grant_reader(
    session: Session,
    actor: m.User,
    application: m.AccessRequest,
    expires_on: date,
    *,
    settings: Settings,
) -> tuple[m.User, str | None]:
    """The reader account of an approved application, with no usable password until its first sign-in
    link is used; the link is e-mailed (written to the outbox, sent when SMTP is set). Returns the account
    and the delivery's failure, if any (the account stands: the team can see the failure and send again)."""
    reader = create_user(
        session,
        username=reader_username(session, application.email),
        password=secrets.token_urlsafe(32),  # never told to anyone: the link sets the real one
        role="reader",
        party=None,
        display_name=application.requester_name,
        email=application.email,
        expires_at=datetime.combine(expires_on, time(0), tzinfo=UTC),
        actor=actor,
    )
    token = links.issue(session, reader, settings)
    message = outbox.compose(
        sender=settings.smtp_sender,
        recipients=[application.email],
        subject="Your access to the Assistance Matrix",
        body=invitation(application, reader, expires_on, links.url(settings, token), settings),
    )
    path = settings.outbox_dir / "accounts" / Path(f"sign-in-{reader.id}-{reader.username}.eml").name
    return reader, outbox.deliver(message, path, settings)


def invitation(
    application: m.AccessRequest, reader: m.User, expires_on: date, url: str, settings: Settings
) -> str:
    return (
        f"Dear {application.requester_name},\n\n"
        "The Technical Assistance Team of the Counter-Terrorism Committee approved your application to see "
        "the Assistance Matrix (S/2003/387, paragraph 28).\n\n"
        f"Your username: {reader.username}\n"
        f"Set your password here (the link works once, for {settings.sign_in_link_hours} hours):\n{url}\n\n"
        "You may read and download the editions of the matrix that have been circulated, until "
        f"{expires_on:%d %B %Y}. The matrix is for your organization only and not for publication.\n"
    )


def set_password_by_link(session: Session, token: str, password: str) -> m.User:
    """The first (or a renewed) password of the link's account; the link is used up. A used, expired or
    unknown link is refused and nothing changes; so is a password that breaks the rules."""
    link = links.live(session, token)
    check_password_rules(password)
    user = session.get(m.User, link.user_id)
    if user is None or not user.active:
        raise Unauthorized("the account of this link was deactivated; ask the Technical Assistance Team")
    links.use(link)
    return set_password(session, None, user, password)
