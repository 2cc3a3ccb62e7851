"""Match bodies and responses: the review queue, the provider's need list, decisions and delivery."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, Field

from service.http.schemas import Versioned


class Decision(Versioned):
    action: Literal[
        "accept",
        "reject",
        "undo",
        "offer",
        "decline",
        "acknowledge",
        "consent",
        "refuse",
        "start_delivery",
        "complete_delivery",
    ]
    reason: str | None = Field(
        default=None,
        max_length=2000,
        examples=["Scope excludes the requesting state"],
        description="why: the team's rejection, the provider's decline, the state's refusal",
    )
    on: date | None = Field(default=None, description="start or completion date of the delivery")
    outcome: Literal["complete", "partial", "not_delivered"] | None = None
    note: str | None = Field(
        default=None,
        max_length=4000,
        description="the delivery's result note; with the team's `consent`, how the state consented",
    )


# What each audience sends, as the OpenAPI page shows it.
DECISION_EXAMPLES: dict[str, Any] = {
    "team: accept": {"summary": "Team accepts a suggestion", "value": {"version": 1, "action": "accept"}},
    "team: reject": {
        "summary": "Team rejects, with the reason",
        "value": {"version": 1, "action": "reject", "reason": "The programme is fully booked until 2004"},
    },
    "provider: offer": {
        "summary": "Provider offers to meet the need (the state is asked to consent)",
        "value": {"version": 2, "action": "offer"},
    },
    "state: consent": {
        "summary": "The state agrees to the offer",
        "value": {"version": 3, "action": "consent"},
    },
    "state: refuse": {
        "summary": "The state declines the offer, with the reason",
        "value": {"version": 3, "action": "refuse", "reason": "The Ministry prefers a regional course"},
    },
    "team: consent for the state": {
        "summary": "The team records the state's consent given outside the system",
        "value": {"version": 3, "action": "consent", "note": "By letter of 12 May 2003"},
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


class RequestSeen(BaseModel):
    """A request as a match's reader sees it. Its state, title and language are None for a provider while
    the request is confidential and the state has not agreed to its offer."""

    request_id: int
    request_title: str | None
    state_iso3: str | None
    state_name: str | None
    region: str | None
    confidential: bool
    request_status: str
    stage: str
    priority: int | None
    language: str | None
    areas: list[str]


class MatchCore(RequestSeen):
    """What every reader of a match sees: the request, the programme, the state's answer and where delivery
    stands."""

    id: int
    programme_id: int
    programme_title: str
    provider_id: str
    provider_name: str
    status: str
    status_label: str
    reviewed_by_team: bool = Field(description="the team accepted the match, or acknowledged the offer")
    consent_note: str | None = Field(description="the state's reason to decline, or how it consented")
    delivery_started: date | None
    delivery_completed: date | None
    delivery_outcome: str | None
    result_note: str | None
    version: int


class StateMatchOut(MatchCore):
    """A state's view of an offer on its own request: no score, no explanation, no internal reasons."""


class MatchBase(MatchCore):
    """The fit, as the team and providers read it."""

    score: float
    summary: str


class MatchOut(MatchBase):
    """The team's view: the rank, the last decision's reason and the full explanation of the score."""

    rank: int | None
    reason: str | None
    explanation: dict[str, Any]


class ProviderMatchOut(MatchBase):
    """A provider's view: no team reason, rank or explanation internals (the summary says why it fits)."""

    own_reason: str | None = Field(
        description="the reason given with the offer or decline; never the team's accept or reject reason"
    )


class GapCandidate(BaseModel):
    """One of a gap's closest programmes (by content evidence, eligible or not) and why it is not
    suggested, e.g. "area fits but the texts have little in common" or "…; out of scope"."""

    programme_id: int
    eligible: bool
    content: float
    reason: str


class NeedProgramme(BaseModel):
    """One of the provider's programmes that fits a need: the match to offer on or decline."""

    id: int = Field(description="the match id, to decide on")
    programme_id: int
    programme_title: str
    status: str
    status_label: str
    recommended: bool = Field(description="the team accepted this match: it recommends the programme")
    score: float
    summary: str
    version: int


class Need(RequestSeen):
    """One row of a provider's need list: one request, with the provider's programmes that fit it. A
    confidential request shows only its area, stage and region (state, title, text and language are None)."""

    description: str | None
    recommended: bool = Field(description="the team recommended one of your programmes for it")
    best_score: float
    programmes: list[NeedProgramme]


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
