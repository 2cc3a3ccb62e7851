"""Applications to see the matrix: anyone may apply to the Technical Assistance Team (source paragraph
28); the team approves or refuses, with a note."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel, EmailStr, Field
from sqlalchemy import select

from service import models as m
from service.audit.logic import record
from service.concurrency import check_version
from service.errors import Conflict, NotFound
from service.http.deps import SessionDep, TeamUser
from service.http.schemas import ORM, IdPath, Versioned
from service.models.base import utcnow

router = APIRouter(prefix="/api/access-requests", tags=["access requests"])


class AccessApply(BaseModel):
    requester_name: str = Field(min_length=2, max_length=200)
    organization: str = Field(min_length=2, max_length=200)
    email: EmailStr
    reason: str = Field(min_length=10, max_length=4000)


class AccessDecision(Versioned):
    decision: Literal["approved", "refused"]
    note: str | None = Field(default=None, max_length=2000)


class AccessOut(ORM):
    id: int
    requester_name: str
    organization: str
    email: str
    reason: str
    status: str
    decision_note: str | None
    version: int


class Acknowledgement(BaseModel):
    id: int
    status: str
    detail: str


@router.post("", response_model=Acknowledgement, status_code=202)
def apply(body: AccessApply, session: SessionDep) -> Acknowledgement:
    """Public: apply to see the assistance matrix. The team answers by e-mail."""
    application = m.AccessRequest(**body.model_dump())
    session.add(application)
    session.flush()
    record(
        session,
        None,
        "access.applied",
        "access_request",
        application.id,
        after={"organization": body.organization},
    )
    return Acknowledgement(
        id=application.id, status="pending", detail="received; the team will answer by e-mail"
    )


@router.get("", response_model=list[AccessOut])
def applications(session: SessionDep, _: TeamUser, status: str | None = None) -> list[m.AccessRequest]:
    query = select(m.AccessRequest).order_by(m.AccessRequest.id.desc())
    if status:
        query = query.where(m.AccessRequest.status == status)
    return list(session.scalars(query))


@router.post("/{application_id}/decision", response_model=AccessOut)
def decide(
    application_id: IdPath, body: AccessDecision, session: SessionDep, team: TeamUser
) -> m.AccessRequest:
    application = session.get(m.AccessRequest, application_id)
    if application is None:
        raise NotFound("no such application")
    check_version(application, body.version)
    if application.status != "pending":
        raise Conflict(f"the application was already {application.status}", field="status")
    application.status, application.decision_note = body.decision, body.note
    application.decided_by_id, application.decided_at = team.id, utcnow()
    session.flush()
    record(
        session,
        team,
        f"access.{body.decision}",
        "access_request",
        application.id,
        before={"status": "pending"},
        after={"status": body.decision},
        note=body.note,
    )
    return application
