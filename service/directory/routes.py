"""Public directories: sources of assistance (model laws, best practices, standards, regional action plans)
and points of contact (published fields only). No sign-in."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel
from sqlalchemy import func, or_, select

from service import models as m
from service.http.deps import SessionDep
from service.http.schemas import Offset, Page, count_capped

router = APIRouter(prefix="/api/directory", tags=["public directory"])


class EntryOut(BaseModel):
    id: int
    ref: str
    kind: str
    title: str
    summary: str
    organization_id: str | None
    organization_name: str | None
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


@router.get("/entries", response_model=Page[EntryOut])
def entries(
    session: SessionDep,
    q: Annotated[str | None, Query(max_length=200)] = None,
    kind: str | None = None,
    area: str | None = None,
    organization: str | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Offset = 0,
) -> Page[EntryOut]:
    query = select(m.DirectoryEntry, m.Organization.name).outerjoin(
        m.Organization, m.Organization.id == m.DirectoryEntry.organization_id
    )
    if q:
        like = f"%{q.lower()}%"
        query = query.where(
            or_(
                func.lower(m.DirectoryEntry.title).like(like), func.lower(m.DirectoryEntry.summary).like(like)
            )
        )
    if kind:
        query = query.where(m.DirectoryEntry.kind == kind)
    if organization:
        query = query.where(m.DirectoryEntry.organization_id == organization)
    rows = [(e, n) for e, n in session.execute(query.order_by(m.DirectoryEntry.kind, m.DirectoryEntry.title))]
    if area:  # areas are a JSON list; the directory is small, so filter here rather than per dialect
        rows = [(e, n) for e, n in rows if area in e.areas]
    items = [
        EntryOut(
            id=e.id,
            ref=e.ref,
            kind=e.kind,
            title=e.title,
            summary=e.summary,
            organization_id=e.organization_id,
            organization_name=n,
            areas=e.areas,
            url=e.url,
            year=e.year,
        )
        for e, n in rows[offset : offset + limit]
    ]
    return Page(items=items, total=len(rows), limit=limit, offset=offset)


@router.get("/contacts", response_model=Page[PublicContact])
def contacts(
    session: SessionDep,
    party: str | None = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Offset = 0,
) -> Page[PublicContact]:
    """The points-of-contact directory: only contacts their party chose to publish."""
    state_name = select(m.State.name).where(m.State.iso3 == m.Contact.state_iso3).scalar_subquery()
    org_name = (
        select(m.Organization.name).where(m.Organization.id == m.Contact.organization_id).scalar_subquery()
    )
    party_name = func.coalesce(state_name, org_name)
    query = select(m.Contact, party_name.label("party_name")).where(m.Contact.published.is_(True))
    if party:
        query = query.where((m.Contact.state_iso3 == party) | (m.Contact.organization_id == party))
    if q:
        like = f"%{q.lower()}%"
        query = query.where(or_(func.lower(m.Contact.name).like(like), func.lower(party_name).like(like)))
    total, capped = count_capped(session, query)
    rows = session.execute(query.order_by(party_name, m.Contact.name).limit(limit).offset(offset))
    items = [
        PublicContact(
            party=c.party,
            party_name=n or c.party,
            name=c.name,
            role=c.role,
            email=c.email,
            phone=c.phone,
            languages=c.languages,
        )
        for c, n in rows
    ]
    return Page(items=items, total=total, limit=limit, offset=offset, total_capped=capped)
