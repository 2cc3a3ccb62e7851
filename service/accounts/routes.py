"""The accounts API: sign-in (OAuth2 password flow), who am I, the team's user management, and
applications to see the matrix (anyone may apply to the Technical Assistance Team, source paragraph 28;
the team approves or refuses, with a note)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response
from fastapi.security import OAuth2PasswordRequestForm

from service import models as m
from service.accounts import logic, queries
from service.accounts.schemas import (
    AccessApply,
    AccessDecision,
    AccessOut,
    Acknowledgement,
    Token,
    UserCreate,
    UserOut,
    UserUpdate,
)
from service.errors import Unauthorized
from service.http.deps import AnyUser, SessionDep, SettingsDep, TeamUser, Today
from service.http.ratelimit import client_address
from service.http.schemas import IdPath
from service.http.tokens import issue_token

router = APIRouter(prefix="/api", tags=["auth and users"])
access_router = APIRouter(prefix="/api/access-requests", tags=["access requests"])


@router.post("/auth/token", response_model=Token)
def login(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    form: Annotated[OAuth2PasswordRequestForm, Depends()],
) -> Token | Response:
    """Exchange a username and password for a bearer token. Failed attempts are limited per username
    (from any client) and per client (for any username); past a limit, 429 with Retry-After."""
    client = client_address(request, settings)
    try:
        user = logic.authenticate(session, form.username, form.password, client=client, settings=settings)
    except Unauthorized as exc:  # answered, not raised: the failed attempt's count is committed
        return JSONResponse(exc.to_body(), status_code=401, headers={"WWW-Authenticate": "Bearer"})
    token, expires = issue_token(user.id, settings.secret_key, settings.token_minutes)
    return Token(access_token=token, expires_at=expires, role=user.role, party=user.party)


@router.get("/me", response_model=UserOut)
def me(user: AnyUser) -> m.User:
    """Who the token's user is (a reader too: with the day their access ends)."""
    return user


@router.get("/users", response_model=list[UserOut])
def list_users(session: SessionDep, team: TeamUser) -> list[m.User]:
    return queries.list_users(session, team)


@router.post("/users", response_model=UserOut, status_code=201)
def add_user(body: UserCreate, session: SessionDep, team: TeamUser) -> m.User:
    return logic.add_user(session, team, body)


@router.patch("/users/{user_id}", response_model=UserOut)
def update_user(user_id: IdPath, body: UserUpdate, session: SessionDep, team: TeamUser) -> m.User:
    return logic.update_user(session, team, user_id, body)


@router.post("/users/{user_id}/revoke-tokens", response_model=UserOut)
def revoke(user_id: IdPath, session: SessionDep, team: TeamUser) -> m.User:
    """Sign the user out everywhere: every token issued before now is refused."""
    return logic.revoke_user_tokens(session, team, user_id)


@access_router.post("", response_model=Acknowledgement, status_code=202)
def apply(body: AccessApply, request: Request, session: SessionDep, settings: SettingsDep) -> Acknowledgement:
    """Public: apply to see the assistance matrix (limited per client; 429 with Retry-After past it). The
    team answers by e-mail."""
    client = client_address(request, settings)
    return Acknowledgement.model_validate(logic.apply(session, body, client=client, settings=settings))


@access_router.get("", response_model=list[AccessOut])
def applications(session: SessionDep, team: TeamUser, status: str | None = None) -> list[m.AccessRequest]:
    return queries.list_applications(session, team, status)


@access_router.post("/{application_id}/decision", response_model=AccessOut)
def decide(
    application_id: IdPath,
    body: AccessDecision,
    session: SessionDep,
    settings: SettingsDep,
    today: Today,
    team: TeamUser,
) -> m.AccessRequest:
    """Approve or refuse (a refusal needs its `note`, which the applicant is told). An approval creates a
    reader account that ends on `expires_on` (default MATCHMAKER_READER_DAYS from today) and e-mails its
    one-time sign-in link (written to the outbox when SMTP is not set)."""
    return logic.decide(session, team, application_id, body, settings=settings, on=today)
