"""The public directories over HTTP: sources of assistance and points of contact. No sign-in."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from service.directory import queries, schemas
from service.http.deps import SessionDep
from service.http.schemas import Offset, Page

router = APIRouter(prefix="/api/directory", tags=["public directory"])

Text = Annotated[str | None, Query(max_length=200)]
Limit = Annotated[int, Query(ge=1, le=500)]


@router.get("/entries", response_model=Page[schemas.EntryOut])
def entries(
    session: SessionDep,
    q: Text = None,
    kind: str | None = None,
    area: str | None = None,
    organization: str | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[schemas.EntryOut]:
    return queries.entries(
        session, q=q, kind=kind, area=area, organization=organization, limit=limit, offset=offset
    )


@router.get("/contacts", response_model=Page[schemas.PublicContact])
def contacts(
    session: SessionDep,
    party: str | None = None,
    q: Text = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Page[schemas.PublicContact]:
    """The points-of-contact directory: only contacts their party chose to publish."""
    return queries.contacts(session, party=party, q=q, limit=limit, offset=offset)
