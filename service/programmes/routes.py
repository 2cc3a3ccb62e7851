"""Programme endpoints: the public directory reads them; a provider adds and edits its own."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from service.http.deps import ProviderOrTeam, SessionDep, SettingsDep, Today
from service.http.schemas import IdPath, Offset, Page
from service.programmes import logic, queries, schemas

router = APIRouter(prefix="/api", tags=["programmes and directory"])


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
    return queries.list_programmes(
        session, q=q, area=area, provider=provider, kind=kind, region=region, limit=limit, offset=offset
    )


@router.get("/programmes/{programme_id}", response_model=schemas.ProgrammeOut)
def get_programme(programme_id: IdPath, session: SessionDep) -> schemas.ProgrammeOut:
    """Public: one programme of the directory."""
    return queries.get_programme(session, programme_id)


@router.post("/programmes", response_model=schemas.ProgrammeOut, status_code=201)
def add_programme(
    body: schemas.ProgrammeCreate,
    session: SessionDep,
    settings: SettingsDep,
    today: Today,
    user: ProviderOrTeam,
) -> schemas.ProgrammeOut:
    """Add a programme (a provider its own, the team any); open requests it fits get it suggested at once."""
    return logic.programme_out(logic.create_programme(session, user, body, settings=settings, on=today))


@router.put("/programmes/{programme_id}", response_model=schemas.ProgrammeOut)
def edit_programme(
    programme_id: IdPath,
    body: schemas.ProgrammeUpdate,
    session: SessionDep,
    settings: SettingsDep,
    today: Today,
    user: ProviderOrTeam,
) -> schemas.ProgrammeOut:
    """Replace a programme's fields; only its own provider (or the team) may, with the version it read."""
    programme = logic.editable_programme(session, user, programme_id)
    return logic.programme_out(
        logic.update_programme(session, user, programme, body, settings=settings, on=today)
    )
