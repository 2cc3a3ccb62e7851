"""The team reads the event log per entity (request, match, programme, …) or per user. Read-only."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel
from sqlalchemy import select

from service import models as m
from service.http.deps import SessionDep, TeamUser
from service.http.schemas import MAX_ID, Offset

router = APIRouter(prefix="/api/events", tags=["audit"])


class EventOut(BaseModel):
    id: int
    at: datetime
    actor: str
    actor_id: int | None
    action: str
    entity: str
    entity_id: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    note: str | None


@router.get("", response_model=list[EventOut])
def events(
    session: SessionDep,
    _: TeamUser,
    entity: str | None = None,
    entity_id: str | None = None,
    actor_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    action: str | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
    offset: Offset = 0,
) -> list[EventOut]:
    query = select(m.Event)
    if entity:
        query = query.where(m.Event.entity == entity)
    if entity_id:
        query = query.where(m.Event.entity_id == entity_id)
    if actor_id is not None:
        query = query.where(m.Event.actor_id == actor_id)
    if action:
        query = query.where(m.Event.action == action)
    rows = session.scalars(query.order_by(m.Event.id.desc()).limit(limit).offset(offset))
    return [EventOut.model_validate(e, from_attributes=True) for e in rows]
