"""The closed vocabularies of the service (DESIGN.md §2): statuses, roles, kinds. One list each, used by
the ORM's check constraints, the pydantic schemas and the pages alike."""

from __future__ import annotations

from typing import Literal, get_args

Stage = Literal["A", "B", "C"]
Role = Literal["ta", "provider", "state"]
OrganizationKind = Literal["international", "regional", "subregional", "specialised_agency", "donor_agency"]
ScopeKind = Literal["global", "members_of", "states", "regions"]
ProviderKind = Literal["state", "organization"]
RequestStatus = Literal[
    "submitted",
    "open",
    "matched",
    "in_delivery",
    "met",
    "withdrawn",
    "closed_unmet",
    "not_reasonable",
    "duplicate",
]
TriageOutcome = Literal["reasonable", "not_reasonable", "duplicate"]
MatchStatus = Literal[
    "suggested", "accepted", "rejected", "retired", "offered", "declined", "delivering", "delivered"
]
DeliveryOutcome = Literal["complete", "partial", "not_delivered"]
ReviewStatus = Literal["pending", "under_review", "reviewed"]
DirectoryKind = Literal["programme", "model_law", "best_practice", "standard", "regional_action_plan"]
AccessStatus = Literal["pending", "approved", "refused"]
# A background job: waiting in the queue, being worked on, finished with a result, or failed with an error.
JobState = Literal["queued", "running", "done", "failed"]

# A request keeps a priority rank while the state still waits on it.
ACTIVE_REQUEST_STATUSES: tuple[str, ...] = ("submitted", "open", "matched", "in_delivery")
# Reasonable requests still seeking (or being served by) a provider: what matching scores and the goal counts.
SEEKING_REQUEST_STATUSES: tuple[str, ...] = ("open", "matched", "in_delivery")
# Before a provider is involved the state may still edit its request and the team may triage it (again).
EDITABLE_REQUEST_STATUSES: tuple[str, ...] = ("submitted", "open")
CLOSED_REQUEST_STATUSES: tuple[str, ...] = ("met", "withdrawn", "closed_unmet", "not_reasonable", "duplicate")

# The request date column each status transition stamps.
TRANSITION_STAMP: dict[str, str] = {
    "open": "triaged_at",
    "not_reasonable": "triaged_at",
    "duplicate": "triaged_at",
    "matched": "matched_at",
    "in_delivery": "delivery_started_at",
    "met": "met_at",
    "withdrawn": "closed_at",
    "closed_unmet": "closed_at",
}
# Matches that mean a provider is committed to the request.
COMMITTED_MATCH_STATUSES: tuple[str, ...] = ("accepted", "offered", "delivering", "delivered")
# Jobs still to finish: their key is held, so the same work is not queued twice.
UNFINISHED_JOB_STATES: tuple[str, ...] = ("queued", "running")

LABELS: dict[str, str] = {
    "submitted": "Submitted, awaiting triage",
    "open": "Open (reasonable, awaiting a provider)",
    "matched": "Matched with a provider",
    "in_delivery": "Assistance being delivered",
    "met": "Met",
    "withdrawn": "Withdrawn by the state",
    "closed_unmet": "Closed, unmet",
    "not_reasonable": "Not considered reasonable",
    "duplicate": "Duplicate of another request",
    "suggested": "Suggested",
    "accepted": "Accepted by the team",
    "rejected": "Rejected by the team",
    "retired": "No longer qualifies",
    "offered": "Taken up by the provider",
    "declined": "Declined by the provider",
    "delivering": "Delivering",
    "delivered": "Delivered",
}


def values(literal: object) -> tuple[str, ...]:
    return tuple(get_args(literal))


def check_in(column: str, literal: object) -> str:
    """SQL for a CHECK constraint that keeps a column inside a vocabulary."""
    quoted = ", ".join(f"'{v}'" for v in values(literal))
    return f"{column} IN ({quoted})"
