"""Sign-in (OAuth2 password flow), who am I, and the team's user management."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.security import OAuth2PasswordRequestForm
from pydantic import BaseModel, Field
from sqlalchemy import select

from service import models as m
from service.accounts.logic import create_user, revoke_tokens, user_snapshot
from service.accounts.passwords import verify_password
from service.audit.logic import record
from service.errors import Conflict, NotFound, Unauthorized
from service.http.deps import CurrentUser, SessionDep, TeamUser
from service.http.schemas import ORM, IdPath, Versioned
from service.http.tokens import issue_token

router = APIRouter(prefix="/api", tags=["auth and users"])


class Token(BaseModel):
    access_token: str
    token_type: str = "bearer"
    expires_at: datetime
    role: str
    party: str | None


class UserOut(ORM):
    id: int
    username: str
    display_name: str
    email: str | None
    role: str
    state_iso3: str | None
    provider_id: str | None
    active: bool
    version: int


class UserCreate(BaseModel):
    username: str = Field(min_length=3, max_length=80, pattern=r"^[A-Za-z0-9_.@-]+$")
    password: str = Field(min_length=8, max_length=200)
    role: str = Field(pattern="^(ta|provider|state)$")
    party: str | None = Field(default=None, max_length=32)
    display_name: str = Field(default="", max_length=200)
    email: str | None = Field(default=None, max_length=254)


class UserUpdate(Versioned):
    active: bool | None = None
    display_name: str | None = Field(default=None, max_length=200)


def authenticate(session: SessionDep, request: Request, username: str, password: str) -> m.User:
    request.app.state.login_limiter.check(request.client.host if request.client else "?", username)
    user = session.scalar(select(m.User).where(m.User.username == username))
    if user is None or not user.active or not verify_password(password, user.password_hash):
        raise Unauthorized("wrong username or password")
    return user


@router.post("/auth/token", response_model=Token)
def login(
    request: Request, session: SessionDep, form: Annotated[OAuth2PasswordRequestForm, Depends()]
) -> Token:
    """Exchange a username and password for a bearer token (rate-limited per client and username)."""
    user = authenticate(session, request, form.username, form.password)
    settings = request.app.state.settings
    token, expires = issue_token(user.id, settings.secret_key, settings.token_minutes)
    return Token(access_token=token, expires_at=expires, role=user.role, party=user.party)


@router.get("/me", response_model=UserOut)
def me(user: CurrentUser) -> m.User:
    return user


@router.get("/users", response_model=list[UserOut])
def list_users(session: SessionDep, _: TeamUser) -> list[m.User]:
    return list(session.scalars(select(m.User).order_by(m.User.username)))


@router.post("/users", response_model=UserOut, status_code=201)
def add_user(body: UserCreate, session: SessionDep, team: TeamUser) -> m.User:
    return create_user(session, actor=team, **body.model_dump())


def _user(session: SessionDep, user_id: int) -> m.User:
    user = session.get(m.User, user_id)
    if user is None:
        raise NotFound("no such user")
    return user


@router.patch("/users/{user_id}", response_model=UserOut)
def update_user(user_id: IdPath, body: UserUpdate, session: SessionDep, team: TeamUser) -> m.User:
    user = _user(session, user_id)
    if user.version != body.version:
        raise Conflict("the user changed since you read it", details={"current_version": user.version})
    before = user_snapshot(user)
    for field, value in body.model_dump(exclude={"version"}, exclude_none=True).items():
        setattr(user, field, value)
    session.flush()
    record(session, team, "user.updated", "user", user.id, before=before, after=user_snapshot(user))
    return user


@router.post("/users/{user_id}/revoke-tokens", response_model=UserOut)
def revoke(user_id: IdPath, session: SessionDep, team: TeamUser) -> m.User:
    """Sign the user out everywhere: every token issued before now is refused."""
    user = _user(session, user_id)
    revoke_tokens(session, user, actor=team)
    return user
