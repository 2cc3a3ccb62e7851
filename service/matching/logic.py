"""The lifecycle of a match, as one transition table: who may move a match from which statuses to which, and
what each move records. Illegal moves are refused with 409 naming the current status.

suggested → accepted (or rejected) by the team → offered (or declined) by the provider → consented (or
refused_by_state, with a reason) by the state → delivering → delivered. A provider may also offer on a
suggestion the team never reviewed: that unsolicited offer waits for the team to acknowledge it before the
state is asked, so a state only ever answers offers the team has seen."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from service import models as m
from service.audit.logic import record
from service.clock import stamp
from service.concurrency import check_version
from service.errors import Conflict, Forbidden, InvalidInput
from service.matching import visibility
from service.matching.schemas import Decision
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
    "offer": Move(("suggested", "accepted"), "offered", ("provider", "ta")),
    "decline": Move(("suggested", "accepted"), "declined", ("provider", "ta"), needs_reason=True),
    # The team's review of an unsolicited offer: the status stays, the offer goes on to the state.
    "acknowledge": Move(("offered",), "offered", ("ta",)),
    # The state answers for itself; the team records an answer given outside the system (by letter).
    "consent": Move(("offered",), "consented", ("state", "ta")),
    "refuse": Move(("offered",), "refused_by_state", ("state", "ta"), needs_reason=True),
    "start_delivery": Move(("consented",), "delivering", ("provider", "ta")),
    "complete_delivery": Move(("delivering",), "delivered", ("provider", "ta")),
}
# Moves that answer for the state: they wait for the team's review of the offer.
CONSENT_MOVES = ("consent", "refuse")


def snapshot(match: m.Match) -> dict[str, object]:
    return {
        "status": match.status,
        "reason": match.reason,
        "consent_note": match.consent_note,
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
        raise Conflict(f"cannot {action.replace('_', ' ')} a match that is {match.status}", field="status")
    if match.request.status not in SEEKING_REQUEST_STATUSES:
        raise Conflict(f"the request is {match.request.status}", field="status")
    if action == "offer" and visibility.taken_by_another_provider(session, match):
        # Only the team reaches this: another provider's agreed offer hides the match from a provider's lists.
        raise Conflict("the state has agreed to another provider's offer on this request", field="status")
    if action == "acknowledge" and match.decided_at is not None:
        raise Conflict("the team has already reviewed this offer", field="status")
    if action in CONSENT_MOVES and match.decided_at is None:
        raise Conflict("the team has not yet acknowledged this offer", field="status")
    if move.needs_reason and not (reason or "").strip():
        raise InvalidInput("give a reason", field="reason")
    if action == "consent" and user.role == "ta" and not (note or "").strip():
        raise InvalidInput("say how the state consented (e.g. by letter of 12 May)", field="note")
    before = snapshot(match)
    match.status = move.target
    if action in ("accept", "reject", "undo", "acknowledge"):
        if action != "acknowledge":
            match.reason = None if action == "undo" else reason
        match.decided_by_id = None if action == "undo" else user.id
        match.decided_at = None if action == "undo" else stamp(session)
    elif action in ("offer", "decline"):
        match.offered_at = stamp(session)
        match.reason = reason
    elif action in CONSENT_MOVES:
        match.consented_at, match.consent_by_id = stamp(session), user.id
        match.consent_note = reason if action == "refuse" else note
    elif action == "start_delivery":
        match.delivery_started = on or stamp(session).date()
    else:
        if outcome not in ("complete", "partial", "not_delivered"):
            raise InvalidInput("outcome must be complete, partial or not_delivered", field="outcome")
        completed = on or stamp(session).date()
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
    if action in CONSENT_MOVES:
        # The state's answer belongs to its request's history too, where the state reads it.
        record(
            session,
            user,
            f"request.{action}",
            "request",
            match.request_id,
            after={"match": match.id, "provider": match.programme.provider_id, "status": match.status},
            note=match.consent_note,
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
