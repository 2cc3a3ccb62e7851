"""Where a request or a match stood at a past instant, reconstructed from the dates the lifecycle stamps
and the priorities the event log recorded. `at=None` means "now": the row as it stands."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from typing import Any

from service.vocab import (
    ACTIVE_REQUEST_STATUSES,
    COMMITTED_MATCH_STATUSES,
    LIVE_MATCH_STATUSES,
    TRANSITION_STAMP,
)

STAMP = TRANSITION_STAMP

# Walking back from a later status: the furthest stage a request had reached, latest first.
_FORWARD = (("in_delivery", "delivery_started_at"), ("matched", "matched_at"), ("open", "triaged_at"))
COMMITTED = COMMITTED_MATCH_STATUSES
LIVE = LIVE_MATCH_STATUSES


def utc(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; every instant here is UTC."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)


def _before(row: Mapping[Any, Any], column: str, at: datetime) -> bool:
    stamp = utc(row[column])
    return stamp is not None and stamp < at


def request_status_at(row: Mapping[Any, Any], at: datetime | None) -> str | None:
    """The request's status at `at`, or None when it had not been submitted yet."""
    status = str(row["status"])
    if at is None:
        return status
    if not _before(row, "submitted_at", at):
        return None
    stamp = STAMP.get(status)
    if status == "submitted" or (stamp and _before(row, stamp, at)):
        return status
    for earlier, column in _FORWARD:
        if _before(row, column, at):
            return earlier
    return "submitted"


def closing_instant(row: Mapping[Any, Any], status: str) -> datetime | None:
    """When a closed request reached that status (None for an active one)."""
    if status in ACTIVE_REQUEST_STATUSES:
        return None
    return utc(row[STAMP[status]])


def match_status_at(row: Mapping[Any, Any], at: datetime | None) -> str:
    """The match's status at `at`: later decisions and deliveries are undone, most recent first."""
    status = str(row["status"])
    if at is None:
        return status
    day = at.date()

    def after_cutoff(value: date | datetime | None) -> bool:
        if isinstance(value, datetime):
            stamp = utc(value)
            return stamp is not None and stamp >= at
        return value is not None and value >= day

    if status == "delivered" and after_cutoff(row["delivery_completed"]):
        status = "delivering"
    if status == "delivering" and after_cutoff(row["delivery_started"]):
        status = "consented"
    if status in ("consented", "refused_by_state") and after_cutoff(row["consented_at"]):
        status = "offered"
    if status in ("offered", "declined") and after_cutoff(row["offered_at"]):
        # An offer on a match the team had accepted before it, or an unsolicited one on a suggestion.
        decided = utc(row["decided_at"]) if isinstance(row["decided_at"], datetime) else None
        offered = utc(row["offered_at"]) if isinstance(row["offered_at"], datetime) else None
        status = "accepted" if decided and offered and decided <= offered else "suggested"
    if status in ("accepted", "rejected") and after_cutoff(row["decided_at"]):
        status = "suggested"
    return status


def priorities_at(events: Iterable[Mapping[Any, Any]], at: datetime) -> dict[int, int | None]:
    """Each request's rank at `at` as the event log recorded it: the last value written before `at`, else
    the value the first later change started from. Requests the log never mentions are absent."""
    before: dict[int, int | None] = {}
    after: dict[int, int | None] = {}
    for event in events:  # in time order
        request_id = int(event["entity_id"])
        stamp = utc(event["at"])
        assert stamp is not None
        if stamp < at:
            if isinstance(event["after"], dict) and "priority" in event["after"]:
                before[request_id] = event["after"]["priority"]
        elif request_id not in after and isinstance(event["before"], dict) and "priority" in event["before"]:
            after[request_id] = event["before"]["priority"]
    return {**after, **before}
