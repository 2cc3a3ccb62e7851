"""Reading the public directories: sources of assistance (model laws, best practices, standards, regional
action plans) and points of contact (published fields only)."""

from __future__ import annotations

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from service import models as m
from service.db import contains
from service.directory import schemas
from service.http.schemas import Page, count_capped


def entries(
    session: Session,
    *,
    q: str | None = None,
    kind: str | None = None,
    area: str | None = None,
    organization: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page[schemas.EntryOut]:
    query = select(m.DirectoryEntry, m.Organization.name).outerjoin(
        m.Organization, m.Organization.id == m.DirectoryEntry.organization_id
    )
    if q:
        query = query.where(or_(contains(m.DirectoryEntry.title, q), contains(m.DirectoryEntry.summary, q)))
    if kind:
        query = query.where(m.DirectoryEntry.kind == kind)
    if organization:
        query = query.where(m.DirectoryEntry.organization_id == organization)
    rows = [(e, n) for e, n in session.execute(query.order_by(m.DirectoryEntry.kind, m.DirectoryEntry.title))]
    if area:  # areas are a JSON list; the directory is small, so filter here rather than per dialect
        rows = [(e, n) for e, n in rows if area in e.areas]
    items = [
        schemas.EntryOut.model_validate(e).model_copy(update={"organization_name": n})
        for e, n in rows[offset : offset + limit]
    ]
    return Page(items=items, total=len(rows), limit=limit, offset=offset)


def contacts(
    session: Session,
    *,
    party: str | None = None,
    q: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> Page[schemas.PublicContact]:
    """The points-of-contact directory: only contacts their party chose to publish."""
    state_name = select(m.State.name).where(m.State.iso3 == m.Contact.state_iso3).scalar_subquery()
    org_name = (
        select(m.Organization.name).where(m.Organization.id == m.Contact.organization_id).scalar_subquery()
    )
    # An organization is often known by its acronym ("UNODC"), so the search reads it too.
    org_acronym = (
        select(m.Organization.acronym).where(m.Organization.id == m.Contact.organization_id).scalar_subquery()
    )
    party_name = func.coalesce(state_name, org_name)
    query = select(m.Contact, party_name.label("party_name")).where(m.Contact.published.is_(True))
    if party:
        query = query.where((m.Contact.state_iso3 == party) | (m.Contact.organization_id == party))
    if q:
        query = query.where(
            or_(
                contains(m.Contact.name, q),
                contains(party_name, q),
                contains(org_acronym, q),
                func.coalesce(m.Contact.state_iso3, m.Contact.organization_id) == q.strip().upper(),
            )
        )
    total, capped = count_capped(session, query)
    rows = session.execute(query.order_by(party_name, m.Contact.name).limit(limit).offset(offset))
    items = [
        schemas.PublicContact(
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
