"""Match bodies and responses: the review queue, the provider's need list, decisions and delivery."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, Field

from service.http.schemas import Versioned


class Decision(Versioned):
    action: Literal["accept", "reject", "undo", "take_up", "decline", "start_delivery", "complete_delivery"]
    reason: str | None = Field(
        default=None, max_length=2000, examples=["Scope excludes the requesting state"]
    )
    on: date | None = Field(default=None, description="start or completion date of the delivery")
    outcome: Literal["complete", "partial", "not_delivered"] | None = None
    note: str | None = Field(default=None, max_length=4000, description="short result note of the delivery")


# What each audience sends, as the OpenAPI page shows it.
DECISION_EXAMPLES: dict[str, Any] = {
    "team: accept": {"summary": "Team accepts a suggestion", "value": {"version": 1, "action": "accept"}},
    "team: reject": {
        "summary": "Team rejects, with the reason",
        "value": {"version": 1, "action": "reject", "reason": "The programme is fully booked until 2004"},
    },
    "provider: take up": {
        "summary": "Provider commits to the need",
        "value": {"version": 2, "action": "take_up"},
    },
    "provider: complete delivery": {
        "summary": "Provider records the outcome",
        "value": {
            "version": 4,
            "action": "complete_delivery",
            "on": "2003-06-20",
            "outcome": "complete",
            "note": "Draft law delivered to the Ministry of Justice",
        },
    },
}


class MatchBase(BaseModel):
    """What every reader of a match sees: the request, the programme, the fit and where delivery stands."""

    id: int
    request_id: int
    request_title: str
    state_iso3: str
    state_name: str
    request_status: str
    stage: str
    priority: int | None
    language: str
    areas: list[str]
    programme_id: int
    programme_title: str
    provider_id: str
    provider_name: str
    score: float
    status: str
    status_label: str
    summary: str
    delivery_started: date | None
    delivery_completed: date | None
    delivery_outcome: str | None
    result_note: str | None
    version: int


class MatchOut(MatchBase):
    """The team's view: the rank, the last decision's reason and the full explanation of the score."""

    rank: int | None
    reason: str | None
    explanation: dict[str, Any]


class ProviderMatchOut(MatchBase):
    """A provider's view: no team reason, rank or explanation internals (the summary says why it fits)."""

    own_reason: str | None = Field(
        description="the reason given with the take-up or decline; never the team's accept or reject reason"
    )


class GapCandidate(BaseModel):
    """One of a gap's closest programmes (by content evidence, eligible or not) and why it is not
    suggested, e.g. "area fits but the texts have little in common" or "…; out of scope"."""

    programme_id: int
    eligible: bool
    content: float
    reason: str


class RefreshReport(BaseModel):
    """What one refresh did: how many requests and active programmes it scored, suggestions new,
    updated, retired and restored, requests with no suggestion (gaps) with, per gap request id, its
    closest programmes and why each falls short, and how long it took."""

    requests: int
    programmes: int
    new: int
    updated: int
    retired: int
    restored: int
    gaps: int
    closest: dict[int, list[GapCandidate]] = {}
    seconds: float
