"""What can be done to a request: file, edit, withdraw, re-prioritise, triage, close. Each function
flushes and records an event; the caller's unit of work commits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from service import core
from service import models as m
from service.audit.logic import record
from service.clock import stamp
from service.concurrency import check_version
from service.errors import Conflict, Forbidden, InvalidInput
from service.requests import schemas
from service.requests.lifecycle import require_active, set_status, snapshot, sync_with_matches
from service.requests.priorities import active_requests, add_ranked, lock_state, reorder
from service.settings import Settings
from service.suggestions.store import rescore_requests
from service.vocab import EDITABLE_REQUEST_STATUSES, OFFERED_MATCH_STATUSES, SEEKING_REQUEST_STATUSES


def _known_areas(session: Session, areas: Sequence[str]) -> list[str]:
    known = set(session.scalars(select(m.Area.id)))
    unknown = [a for a in areas if a not in known]
    if unknown:
        raise InvalidInput(f"unknown area id {unknown[0]!r}", field="areas")
    return sorted(set(areas))


def _set_areas(session: Session, request: m.Request, areas: Sequence[str]) -> None:
    """Confirmed areas as given; none given means the tagger's proposals, marked as suggested."""
    if areas:
        request.area_links = [m.RequestArea(area_id=a, suggested=False) for a in _known_areas(session, areas)]
        return
    guesses = core.tag(f"{request.title}\n{request.description}", request.language)
    request.area_links = [m.RequestArea(area_id=g.area, suggested=True) for g in guesses]


def next_reference(session: Session, state: str, on: date) -> str:
    """The state's next reference of the year, `KEN-2003-0042`: readable, sortable, searchable. Called
    under the state's lock, so two filings never take the same number."""
    prefix = f"{state}-{on.year}-"
    taken = session.scalars(select(m.Request.ref).where(m.Request.ref.startswith(prefix, autoescape=True)))
    numbers = [int(ref[len(prefix) :]) for ref in taken if ref[len(prefix) :].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:04d}"


def create_request(session: Session, user: m.User, body: schemas.RequestCreate, *, on: date) -> m.Request:
    if user.role == "state":
        if body.state not in (None, user.state_iso3):
            raise Forbidden("a state files requests for itself only")
        state = user.state_iso3
    elif user.role == "ta":
        if body.state is None or session.get(m.State, body.state.upper()) is None:
            raise InvalidInput("the team must name a known state", field="state")
        state = body.state.upper()
    else:
        raise Forbidden("providers do not file requests")
    assert state is not None
    lock_state(session, state)
    request = m.Request(
        ref=next_reference(session, state, on),
        state_iso3=state,
        title=body.title.strip(),
        description=body.description.strip(),
        language=body.language,
        stage=body.stage,
        status="submitted",
        source_report=body.source_report,
        confidential=body.confidential,
    )
    _set_areas(session, request, body.areas)
    add_ranked(session, request)
    record(session, user, "request.created", "request", request.id, after=snapshot(request))
    return request


# Edits that change what the core scores: an open request with any of them is re-scored at once.
SCORED_FIELDS = frozenset({"title", "description", "language", "stage", "state", "areas"})


def _editable(request: m.Request) -> dict[str, object]:
    """What an edit may change, so the event (and the history's "Edited: …") names every field changed;
    the status events keep the shorter snapshot."""
    return snapshot(request) | {
        "language": request.language,
        "description": request.description,
        "source_report": request.source_report,
    }


def update_request(
    session: Session,
    user: m.User,
    request: m.Request,
    body: schemas.RequestUpdate,
    *,
    settings: Settings,
    on: date,
) -> m.Request:
    check_version(request, body.version)
    changes = body.model_dump(exclude={"version", "areas"}, exclude_unset=True)
    if set(changes) <= {"confidential"} and body.areas is None:
        # Who may see its name is the state's to decide for as long as the request is active.
        require_active(request)
    elif request.status not in EDITABLE_REQUEST_STATUSES:
        raise Conflict(f"a {request.status} request can no longer be edited", field="status")
    before = _editable(request)
    for field, value in changes.items():
        if value is None and field in ("title", "language", "stage", "confidential"):
            raise InvalidInput(f"{field} cannot be empty", field=field)
        setattr(request, field, value)
    if body.areas is not None:
        _set_areas(session, request, body.areas)
    request.updated_at = stamp(session)  # dirties the row, so an areas-only edit bumps the version too
    session.flush()
    record(session, user, "request.updated", "request", request.id, before=before, after=snapshot(request))
    if request.status in SEEKING_REQUEST_STATUSES and SCORED_FIELDS & body.model_fields_set:
        rescore_requests(session, [request], settings=settings, on=on)


    record(session, user, "request.updated", "request", request.id, before=before, after=_editable(request))
    return request


def withdraw(session: Session, user: m.User, request: m.Request, body: schemas.Withdraw) -> m.Request:
    check_version(request, body.version)
    require_active(request)
    set_status(session, user, request, "withdrawn", note=body.reason)
    return request


def reprioritise(session: Session, user: m.User, state: str, order: Sequence[int]) -> list[m.Request]:
    before = {r.id: r.priority for r in active_requests(session, state)}
    ordered = reorder(session, user, state, order)  # records each moved request's new rank
    after = {r.id: r.priority for r in ordered}
    record(
        session, user, "request.priorities", "state", state, before={"ranks": before}, after={"ranks": after}
    )
    return ordered


def triage(
    session: Session, user: m.User, request: m.Request, body: schemas.Triage, *, settings: Settings, on: date
) -> m.Request:
    """Decide whether a request is reasonable; one that opens is scored at once and its suggestions stored
    in the same transaction (one that stops seeking loses its suggestions in set_status)."""
    check_version(request, body.version)
    if request.status not in EDITABLE_REQUEST_STATUSES:
        raise Conflict(f"a {request.status} request cannot be triaged again", field="status")
    if body.outcome == "not_reasonable" and not (body.reason or "").strip():
        raise InvalidInput("say why the request is not reasonable", field="reason")
    original = None
    if body.outcome == "duplicate":
        original = session.get(m.Request, body.duplicate_of) if body.duplicate_of else None
        if original is None or original.id == request.id:
            raise InvalidInput("name the request this one duplicates", field="duplicate_of")
        if original.state_iso3 != request.state_iso3:
            raise InvalidInput("a duplicate must be of the same state's request", field="duplicate_of")
    if request.status == "open" and body.outcome != "reasonable":
        committed = session.scalar(
            select(m.Match.id).where(
                m.Match.request_id == request.id, m.Match.status.in_(OFFERED_MATCH_STATUSES)
            )
        )
        if committed:
            raise Conflict("a provider has already offered to meet this request", field="outcome")
    request.triage_outcome = body.outcome
    request.triage_reason = body.reason
    request.duplicate_of_id = original.id if original else None
    target = {"reasonable": "open", "not_reasonable": "not_reasonable", "duplicate": "duplicate"}[
        body.outcome
    ]
    session.flush()
    set_status(session, user, request, target, note=body.reason)
    if target == "open":
        rescore_requests(session, [request], settings=settings, on=on)
        sync_with_matches(session, user, request)
    return request


def close(session: Session, user: m.User, request: m.Request, body: schemas.Close) -> m.Request:
    check_version(request, body.version)
    require_active(request)
    if body.outcome == "met":
        complete = session.scalar(
            select(m.Match.id).where(
                m.Match.request_id == request.id,
                m.Match.status == "delivered",
                m.Match.delivery_outcome == "complete",
            )
        )
        if not complete:
            raise Conflict("a request is met only when a delivery covering it is complete", field="outcome")
    elif not (body.reason or "").strip():
        raise InvalidInput("say why the request is closed unmet", field="reason")
    set_status(session, user, request, body.outcome, note=body.reason)
    return request
