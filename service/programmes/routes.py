"""Programme endpoints: the public directory reads them; a provider adds and edits its own."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from service import models as m
from service.errors import NotFound
from service.http.deps import ProviderOrTeam, SessionDep
from service.http.schemas import IdPath, Offset, Page, count_capped
from service.programmes import logic, schemas
from service.requests.queries import in_region

router = APIRouter(prefix="/api", tags=["programmes and directory"])


def reaching(session: Session, region: str) -> list[int]:
    """Programmes whose scope covers at least one state of an M49 region (or sub-/intermediate region)."""
    states = session.scalars(select(m.State).where(in_region(region))).all()
    codes = {s.iso3 for s in states}
    names = {name for s in states for name in (s.region, s.subregion, s.intermediate_region) if name}
    members: dict[str, set[str]] = {}
    for org, iso3 in session.execute(select(m.StateMembership.organization_id, m.StateMembership.state_iso3)):
        members.setdefault(org, set()).add(iso3)
    reach = {
        "global": lambda values: True,
        "states": lambda values: bool(codes & set(values)),
        "regions": lambda values: bool(names & set(values)),
        "members_of": lambda values: any(codes & members.get(v, set()) for v in values),
    }
    rows = session.execute(select(m.Programme.id, m.Programme.scope_kind, m.Programme.scope_values))
    return [pid for pid, kind, values in rows if reach[kind](values)]


@router.get("/programmes", response_model=Page[schemas.ProgrammeOut])
def directory_programmes(
    session: SessionDep,
    q: Annotated[str | None, Query(max_length=200)] = None,
    area: str | None = None,
    provider: str | None = None,
    kind: Annotated[
        str | None, Query(description="provider kind: an organization kind, or 'state' (donor)")
    ] = None,
    region: Annotated[str | None, Query(description="programmes whose scope reaches this M49 region")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Offset = 0,
) -> Page[schemas.ProgrammeOut]:
    """Public: the directory of available assistance programmes (no sign-in)."""
    query = select(m.Programme).join(m.Provider, m.Provider.id == m.Programme.provider_id)
    if q:
        like = f"%{q.lower()}%"
        query = query.where(
            or_(
                func.lower(m.Programme.title).like(like),
                func.lower(m.Programme.description).like(like),
                func.lower(m.Provider.name).like(like),
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
        items=[logic.programme_out(p) for p in rows],
        total=total,
        limit=limit,
        offset=offset,
        total_capped=capped,
    )


@router.get("/programmes/{programme_id}", response_model=schemas.ProgrammeOut)
def get_programme(programme_id: IdPath, session: SessionDep) -> schemas.ProgrammeOut:
    """Public: one programme of the directory."""
    programme = session.get(m.Programme, programme_id)
    if programme is None:
        raise NotFound("no such programme")
    return logic.programme_out(programme)


@router.post("/programmes", response_model=schemas.ProgrammeOut, status_code=201)
def add_programme(
    body: schemas.ProgrammeCreate, session: SessionDep, user: ProviderOrTeam
) -> schemas.ProgrammeOut:
    return logic.programme_out(logic.create_programme(session, user, body))


@router.put("/programmes/{programme_id}", response_model=schemas.ProgrammeOut)
def edit_programme(
    programme_id: IdPath, body: schemas.ProgrammeUpdate, session: SessionDep, user: ProviderOrTeam
) -> schemas.ProgrammeOut:
    """Replace a programme's fields; only its own provider (or the team) may, with the version it read."""
    programme = logic.editable_programme(session, user, programme_id)
    return logic.programme_out(logic.update_programme(session, user, programme, body))
