"""Responses of the public directory: sources of assistance and published points of contact."""

from __future__ import annotations

from pydantic import BaseModel

from service.http.schemas import ORM


class EntryOut(ORM):
    id: int
    ref: str
    kind: str
    title: str
    summary: str
    organization_id: str | None
    organization_name: str | None = None
    areas: list[str]
    url: str | None
    year: int | None


class PublicContact(BaseModel):
    party: str
    party_name: str
    name: str
    role: str
    email: str
    phone: str
    languages: list[str]
