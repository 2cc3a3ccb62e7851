"""Reading programmes: the public directory's list with its filters (area, provider, provider kind, words,
the M49 region a programme's scope reaches) and one programme."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from service import models as m
from service.db import contains
from service.errors import NotFound
from service.http.schemas import Page, count_capped
from service.programmes import schemas
from service.programmes.logic import programme_out
from service.requests.queries import in_region


def reaching(session: Session, region: str) -> list[int]:
    """Programmes whose scope covers at least one state of an M49 region (or sub-/intermediate region)."""
    states = session.scalars(select(m.State).where(in_region(region))).all()
    codes = {s.iso3 for s in states}
    names = {name for s in states for name in (s.region, s.subregion, s.intermediate_region) if name}
    members: dict[str, set[str]] = {}
    for org, iso3 in session.execute(select(m.StateMembership.organization_id, m.StateMembership.state_iso3)):
        members.setdefault(org, set()).add(iso3)
    reach: dict[str, Callable[[list[str]], bool]] = {
        "global": lambda values: True,
        "states": lambda values: bool(codes & set(values)),
        "regions": lambda values: bool(names & set(values)),
        "members_of": lambda values: any(codes & members.get(v, set()) for v in values),
    }
    rows = session.execute(select(m.Programme.id, m.Programme.scope_kind, m.Programme.scope_values))
    return [pid for pid, kind, values in rows if reach[kind](values)]


def list_programmes(
    session: Session,
    *,
    q: str | None = None,
    area: str | None = None,
    provider: str | None = None,
    kind: str | None = None,
    region: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page[schemas.ProgrammeOut]:
    """The directory of available assistance programmes, filtered."""
    query = select(m.Programme).join(m.Provider, m.Provider.id == m.Programme.provider_id)
    if q:
        query = query.where(
            or_(
                contains(m.Programme.title, q),
                contains(m.Programme.description, q),
                contains(m.Provider.name, q),
            )
        )
    if area:
        query = query.where(
            m.Programme.id.in_(select(m.ProgrammeArea.programme_id).where(m.ProgrammeArea.area_id == area))
        )
    if provider:
        query = query.where(m.Programme.provider_id == provider)
    if kind == "state":
        query = query.where(m.Provider.kind == "state")
    elif kind:
        query = query.join(m.Organization, m.Organization.id == m.Provider.organization_id).where(
            m.Organization.kind == kind
        )
    if region:
        query = query.where(m.Programme.id.in_(reaching(session, region)))
    total, capped = count_capped(session, query)
    rows = session.scalars(query.order_by(m.Programme.title, m.Programme.id).limit(limit).offset(offset))
    return Page(
        items=[programme_out(p) for p in rows],
        total=total,
        limit=limit,
        offset=offset,
        total_capped=capped,
    )


def get_programme(session: Session, programme_id: int) -> schemas.ProgrammeOut:
    programme = session.get(m.Programme, programme_id)
    if programme is None:
        raise NotFound("no such programme")
    return programme_out(programme)
