"""Where a request stands: the one function that moves its status, stamps the transition date, keeps the
state's priority ranks gap-free and writes the event; and the derivation of status from its matches."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from service import models as m
from service.audit.logic import record
from service.clock import stamp
from service.errors import Conflict
from service.requests.priorities import compact, next_priority
from service.suggestions.store import retire_suggestions
from service.vocab import (
    ACTIVE_REQUEST_STATUSES,
    COMMITTED_MATCH_STATUSES,
    SEEKING_REQUEST_STATUSES,
    TRANSITION_STAMP,
)


def snapshot(request: m.Request) -> dict[str, object]:
    return {
        "status": request.status,
        "priority": request.priority,
        "stage": request.stage,
        "areas": request.areas,
        "triage_outcome": request.triage_outcome,
        "title": request.title,
        "confidential": request.confidential,
    }


def set_status(
    session: Session, actor: m.User | None, request: m.Request, status: str, *, note: str | None = None
) -> None:
    if request.status == status:
        return
    before = snapshot(request)
    was_active = request.status in ACTIVE_REQUEST_STATUSES
    was_seeking = request.status in SEEKING_REQUEST_STATUSES
    request.status = status
    column = TRANSITION_STAMP.get(status)
    if column and getattr(request, column) is None:
        setattr(request, column, stamp(session))
    if was_active and status not in ACTIVE_REQUEST_STATUSES:
        request.priority = None
        session.flush()
        compact(session, actor, request.state_iso3)
    elif not was_active and status in ACTIVE_REQUEST_STATUSES:
        request.priority = next_priority(session, request.state_iso3)
    if was_seeking and status not in SEEKING_REQUEST_STATUSES:
        retire_suggestions(session, request)
    session.flush()
    record(
        session,
        actor,
        "request.status",
        "request",
        request.id,
        before=before,
        after=snapshot(request),
        note=note,
    )


def require_active(request: m.Request) -> None:
    if request.status not in ACTIVE_REQUEST_STATUSES:
        raise Conflict(f"the request is {request.status}; it can no longer change this way", field="status")


def sync_with_matches(session: Session, actor: m.User | None, request: m.Request) -> None:
    """Derive an active, triaged request's status from its matches: matched only once the state has
    consented to an offer, met only when a delivery covering it is complete."""
    if request.status not in SEEKING_REQUEST_STATUSES:
        return
    rows = session.execute(
        select(m.Match.status, m.Match.delivery_outcome).where(m.Match.request_id == request.id)
    ).all()
    if any(s == "delivered" and outcome == "complete" for s, outcome in rows):
        target = "met"
    elif any(s == "delivering" for s, _ in rows):
        target = "in_delivery"
    elif any(s in COMMITTED_MATCH_STATUSES for s, _ in rows):
        target = "matched"
    else:
        target = "open"
    set_status(session, actor, request, target)
