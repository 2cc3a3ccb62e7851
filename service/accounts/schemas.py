"""The accounts API's bodies and responses: tokens, users, and applications to see the matrix (rows are
read straight from the ORM with from_attributes)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, EmailStr, Field

from service.http.schemas import ORM, Versioned


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
    expires_at: datetime | None
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


class AccessApply(BaseModel):
    requester_name: str = Field(min_length=2, max_length=200)
    organization: str = Field(min_length=2, max_length=200)
    email: EmailStr
    reason: str = Field(min_length=10, max_length=4000)


class AccessDecision(Versioned):
    decision: Literal["approved", "refused"]
    note: str | None = Field(default=None, max_length=2000)
    # The reader's last day is the day before this; by default MATCHMAKER_READER_DAYS after today.
    expires_on: date | None = None


class SetPassword(BaseModel):
    token: str = Field(min_length=10, max_length=200)
    password: str = Field(min_length=8, max_length=200)


class AccessOut(ORM):
    id: int
    requester_name: str
    organization: str
    email: str
    reason: str
    status: str
    decision_note: str | None
    user_id: int | None  # the reader account an approval created
    version: int


class Acknowledgement(ORM):
    """What an applicant is told: the application's number and that the team will answer."""

    id: int
    status: str
    detail: str = "received; the team will answer by e-mail"
