"""Request bodies and responses."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field

from service.http.schemas import DbId, Line, Versioned, min_visible

LANGUAGE_PATTERN = r"^[a-z]{2,3}$"


class RequestCreate(BaseModel):
    title: Annotated[Line, min_visible(3)] = Field(
        min_length=3, max_length=300, examples=["Rédaction d'une loi sur le financement du terrorisme"]
    )
    description: str = Field(default="", max_length=20_000)
    language: str = Field(pattern=LANGUAGE_PATTERN, description="ISO 639-1 code of the text", examples=["fr"])
    areas: list[str] = Field(
        default_factory=list, max_length=11, description="area ids; empty = let the tagger propose"
    )
    stage: Literal["A", "B", "C"] = "A"
    source_report: str | None = Field(default=None, max_length=60, examples=["S/2002/1234"])
    state: str | None = Field(
        default=None, min_length=3, max_length=3, description="team only: the state filing"
    )
    confidential: bool = Field(
        default=False,
        description="providers see only the area, stage and region until the state consents to an offer",
    )


CREATE_EXAMPLES: dict[str, Any] = {
    "state, in French, tagged": {
        "summary": "A state files a request",
        "value": {
            "title": "Rédaction d'une loi sur le financement du terrorisme",
            "description": "Assistance pour criminaliser le financement du terrorisme et geler les avoirs.",
            "language": "fr",
            "areas": ["financing", "legislation"],
            "stage": "A",
            "source_report": "S/2002/1234",
        },
    },
    "state, untagged": {
        "summary": "Without areas: the tagger proposes them",
        "value": {"title": "Обучение пограничников проверке паспортов", "language": "ru", "stage": "B"},
    },
    "team, for a state": {
        "summary": "The team files a request on a state's behalf",
        "value": {
            "title": "Port facility security assessments",
            "language": "en",
            "areas": ["maritime"],
            "state": "KEN",
        },
    },
}


class RequestUpdate(Versioned):
    title: Annotated[Line, min_visible(3)] | None = Field(default=None, min_length=3, max_length=300)
    description: str | None = Field(default=None, max_length=20_000)
    language: str | None = Field(default=None, pattern=LANGUAGE_PATTERN)
    areas: list[str] | None = Field(default=None, max_length=11)
    stage: Literal["A", "B", "C"] | None = None
    source_report: str | None = Field(default=None, max_length=60)
    confidential: bool | None = Field(
        default=None, description="may change while the request is active (not only while editable)"
    )


class Withdraw(Versioned):
    reason: str | None = Field(default=None, max_length=2000)


class Reorder(BaseModel):
    order: list[DbId] = Field(description="ids of every active request of the state, most important first")


class Triage(Versioned):
    outcome: Literal["reasonable", "not_reasonable", "duplicate"]
    reason: str | None = Field(default=None, max_length=2000)
    duplicate_of: DbId | None = None


class Close(Versioned):
    outcome: Literal["met", "closed_unmet"]
    reason: str | None = Field(default=None, max_length=2000)


class AreaOut(BaseModel):
    id: str
    suggested: bool


class MatchBrief(BaseModel):
    """A match on the request's page. A state reads only the reviewed offers and what came of them, with no
    score or summary (None); the team reads every match."""

    id: int
    programme_id: int
    programme_title: str
    provider_id: str
    provider_name: str
    score: float | None
    status: str
    status_label: str
    summary: str | None
    reviewed_by_team: bool
    consent_note: str | None
    version: int


class RequestOut(BaseModel):
    id: int
    ref: str
    state_iso3: str
    state_name: str
    title: str
    description: str
    language: str
    areas: list[AreaOut]
    stage: str
    priority: int | None
    status: str
    status_label: str
    triage_outcome: str | None
    triage_reason: str | None
    duplicate_of_id: int | None
    source_report: str | None
    confidential: bool
    submitted_at: datetime
    triaged_at: datetime | None
    matched_at: datetime | None
    delivery_started_at: datetime | None
    met_at: datetime | None
    closed_at: datetime | None
    version: int


class RequestDetail(RequestOut):
    matches: list[MatchBrief]


class HistoryItem(BaseModel):
    at: datetime
    actor: str
    action: str
    before: dict[str, object] | None
    after: dict[str, object] | None
    note: str | None


class DuplicateCandidate(BaseModel):
    request: RequestOut
    similarity: float
