"""The review and delivery workflow of a match, as one transition table: who may move a match from which
statuses to which, and what each move records. Illegal moves are refused with 409."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from service import models as m
from service.audit.logic import record
from service.concurrency import check_version
from service.errors import Conflict, Forbidden, InvalidInput
from service.matching import visibility
from service.matching.schemas import Decision
from service.models.base import utcnow
from service.requests.lifecycle import sync_with_matches
from service.settings import Settings
from service.suggestions.store import rescore_state
from service.vocab import SEEKING_REQUEST_STATUSES


@dataclass(frozen=True)
class Move:
    sources: tuple[str, ...]
    target: str
    roles: tuple[str, ...]
    needs_reason: bool = False


MOVES: dict[str, Move] = {
    "accept": Move(("suggested",), "accepted", ("ta",)),
    "reject": Move(("suggested",), "rejected", ("ta",), needs_reason=True),
    "undo": Move(("accepted", "rejected"), "suggested", ("ta",)),
    "take_up": Move(("suggested", "accepted"), "offered", ("provider", "ta")),
    "decline": Move(("suggested", "accepted"), "declined", ("provider", "ta"), needs_reason=True),
    "start_delivery": Move(("offered",), "delivering", ("provider", "ta")),
    "complete_delivery": Move(("delivering",), "delivered", ("provider", "ta")),
}


def snapshot(match: m.Match) -> dict[str, object]:
    return {
        "status": match.status,
        "reason": match.reason,
        "delivery_outcome": match.delivery_outcome,
        "delivery_started": match.delivery_started.isoformat() if match.delivery_started else None,
        "delivery_completed": match.delivery_completed.isoformat() if match.delivery_completed else None,
    }


def apply(
    session: Session,
    user: m.User,
    match: m.Match,
    action: str,
    *,
    version: int,
    reason: str | None = None,
    on: date | None = None,
    outcome: str | None = None,
    note: str | None = None,
    settings: Settings,
    today: date,
) -> m.Match:
    """Move the match (`on` dates a delivery; `today` is the service's day, for re-scoring: a completed
    delivery changes the graph, so the state's requests are re-scored at once)."""
    move = MOVES[action]
    # A match the user may not see is refused exactly as the read refuses it, whatever its status.
    if not visibility.sees(session, user, match.id):
        raise Forbidden("this match is not yours")
    if user.role not in move.roles:
        raise Forbidden("you may not do this to this match")
    check_version(match, version)
    if match.status not in move.sources:
        raise Conflict(f"cannot {action.replace('_', ' ')} a {match.status} match", field="status")
    if match.request.status not in SEEKING_REQUEST_STATUSES:
        raise Conflict(f"the request is {match.request.status}", field="status")
    if action == "take_up" and visibility.taken_by_another_provider(session, match):
        # Only the team reaches this: another provider's take-up hides the match from a provider's lists.
        raise Conflict("another provider has taken this request up", field="status")
    if move.needs_reason and not (reason or "").strip():
        raise InvalidInput("give a reason", field="reason")
    before = snapshot(match)
    match.status = move.target
    if action in ("accept", "reject", "undo"):
        match.reason = None if action == "undo" else reason
        match.decided_by_id = None if action == "undo" else user.id
        match.decided_at = None if action == "undo" else utcnow()
    elif action in ("take_up", "decline"):
        match.offered_at = utcnow()
        match.reason = reason
    elif action == "start_delivery":
        match.delivery_started = on or utcnow().date()
    else:
        if outcome not in ("complete", "partial", "not_delivered"):
            raise InvalidInput("outcome must be complete, partial or not_delivered", field="outcome")
        completed = on or utcnow().date()
        if match.delivery_started and completed < match.delivery_started:
            raise InvalidInput("delivery cannot end before it started", field="on")
        match.delivery_outcome, match.delivery_completed, match.result_note = outcome, completed, note
    session.flush()
    record(
        session,
        user,
        f"match.{action}",
        "match",
        match.id,
        before=before,
        after=snapshot(match),
        note=reason or note,
    )
    sync_with_matches(session, user, match.request)
    if action == "complete_delivery":
        rescore_state(session, match.request.state_iso3, settings=settings, on=today)
    return match


def apply_decision(
    session: Session, user: m.User, match: m.Match, decision: Decision, *, settings: Settings, today: date
) -> m.Match:
    """`apply` with the fields of a decision body (the API's JSON and the pages' forms alike)."""
    return apply(
        session,
        user,
        match,
        decision.action,
        version=decision.version,
        reason=decision.reason,
        on=decision.on,
        outcome=decision.outcome,
        note=decision.note,
        settings=settings,
        today=today,
    )
