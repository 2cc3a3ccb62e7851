"""Typed dependencies: the settings, the service's clock and today, the request's database session (the
one place that commits, carrying the clock) and the current user, with role-scoped aliases. Routes are
authenticated unless they declare no user at all."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy.orm import Session

from service import models as m
from service.clock import Clock, stamp
from service.db import session_scope
from service.errors import Forbidden, Unauthorized
from service.http.schemas import MAX_ID
from service.http.tokens import decode_token
from service.settings import Settings

oauth2 = OAuth2PasswordBearer(tokenUrl="/api/auth/token", auto_error=False)


def get_settings(request: Request) -> Settings:
    """The settings the app was created with (never a process-wide global)."""
    settings: Settings = request.app.state.settings
    return settings


SettingsDep = Annotated[Settings, Depends(get_settings)]


def get_clock(settings: SettingsDep) -> Clock:
    return Clock.from_settings(settings)


# The service's one clock, made from the settings at the edge; the session carries it to the stamps.
ClockDep = Annotated[Clock, Depends(get_clock)]


def get_today(clock: ClockDep) -> date:
    return clock.today()


# The service's today, read once at the edge and passed to logic as `on`.
Today = Annotated[date, Depends(get_today)]


def get_session(settings: SettingsDep, clock: ClockDep) -> Iterator[Session]:
    with session_scope(settings.database_url, clock=clock) as session:
        yield session


# scope="function": commit before the response is sent, so a failed commit is the client's error too.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]


def user_from_token(request: Request, session: SessionDep, token: str | None) -> m.User | None:
    if not token:
        return None
    user_id, issued = decode_token(token, get_settings(request).secret_key)
    if not 1 <= user_id <= MAX_ID:  # a forged or foreign `sub` never reaches the database to overflow
        raise Unauthorized("the token is invalid or has expired")
    user = session.get(m.User, user_id)
    if user is None or not user.active:
        raise Unauthorized("the account is unknown or deactivated")
    if issued < user.tokens_valid_after:
        raise Unauthorized("the token was revoked; sign in again")
    if user.lapsed(stamp(session)):  # a token issued before a reader's expiry dies with it
        raise Unauthorized("your access to the matrix has ended; apply again to renew it")
    return user


def optional_user(
    request: Request, session: SessionDep, token: Annotated[str | None, Depends(oauth2)]
) -> m.User | None:
    """The user of the bearer token, or None. (Pages authenticate with their own cookie dependency, so a
    cookie never authorises an API call and cross-site requests cannot ride on it.)"""
    return user_from_token(request, session, token)


def signed_in(user: Annotated[m.User | None, Depends(optional_user)]) -> m.User:
    """Any signed-in account, a reader's too: only the role aliases and `/api/me` take it as it is."""
    if user is None:
        raise Unauthorized("sign in first")
    return user


READER_REFUSAL = "a reader account sees the circulated editions only"


def current_user(user: Annotated[m.User, Depends(signed_in)]) -> m.User:
    """A signed-in user of the team, a state or a provider. A reader is refused here, so a route open to
    "any user" never opens to readers by accident: they pass only the aliases that name them."""
    if user.role == "reader":
        raise Forbidden(READER_REFUSAL)
    return user


def require(*roles: str) -> Callable[[m.User], m.User]:
    """One place for role checks: the user must hold one of these roles."""

    def check(user: Annotated[m.User, Depends(signed_in)]) -> m.User:
        if user.role not in roles:
            raise Forbidden("your role may not do this")
        return user

    return check


CurrentUser = Annotated[m.User, Depends(current_user)]
AnyUser = Annotated[m.User, Depends(signed_in)]  # who am I: a reader may ask too
TeamUser = Annotated[m.User, Depends(require("ta"))]
ProviderUser = Annotated[m.User, Depends(require("provider"))]
StateOrTeam = Annotated[m.User, Depends(require("state", "ta"))]
ProviderOrTeam = Annotated[m.User, Depends(require("provider", "ta"))]
# The one door a reader passes: circulated editions only (see editions.routes.reader_router).
ReaderOrTeam = Annotated[m.User, Depends(require("reader", "ta"))]
