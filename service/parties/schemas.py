"""Bodies and responses of a party's contacts and paragraph-6 reports."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, EmailStr, Field

from service.http.schemas import ORM, Line, Versioned, min_visible


class ContactIn(BaseModel):
    name: Annotated[Line, min_visible(2)] = Field(min_length=2, max_length=200)
    role: str = Field(default="", max_length=200)
    email: EmailStr
    phone: str = Field(default="", max_length=60)
    languages: list[str] = Field(default_factory=list, max_length=10)
    published: bool = True


class ContactUpdate(ContactIn, Versioned):
    pass


class ContactOut(ORM):
    id: int
    party: str
    name: str
    role: str
    email: str
    phone: str
    languages: list[str]
    published: bool
    last_verified: date | None
    version: int


class ReportOut(ORM):
    id: int
    state_iso3: str
    round: int
    due: date
    received: date | None
    review_status: str
    reference: str
    late: bool
    version: int


class ReportUpdate(Versioned):
    received: date | None = None
    review_status: Literal["pending", "under_review", "reviewed"] | None = None
