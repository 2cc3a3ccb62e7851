"""The assistance work itself: programmes, requests, matches between them, and the append-only event log."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from service.models.base import Base, Timestamps, Versioned, stamped
from service.models.reference import Provider, State
from service.vocab import DeliveryOutcome, MatchStatus, RequestStatus, ScopeKind, TriageOutcome, check_in


class ProgrammeArea(Base):
    __tablename__ = "programme_areas"
    programme_id: Mapped[int] = mapped_column(
        ForeignKey("programmes.id", ondelete="CASCADE"), primary_key=True
    )
    area_id: Mapped[str] = mapped_column(ForeignKey("areas.id"), primary_key=True)


class RequestArea(Base):
    __tablename__ = "request_areas"
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id", ondelete="CASCADE"), primary_key=True)
    area_id: Mapped[str] = mapped_column(ForeignKey("areas.id"), primary_key=True)
    # True when the tagger proposed the area and no person has confirmed it yet.
    suggested: Mapped[bool] = mapped_column(Boolean, default=False)


class Programme(Versioned, Timestamps, Base):
    """One assistance offer of one provider."""

    __tablename__ = "programmes"
    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(40), unique=True)
    provider_id: Mapped[str] = mapped_column(ForeignKey("providers.id"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str | None] = mapped_column(String(8))
    scope_kind: Mapped[str] = mapped_column(String(16))
    scope_values: Mapped[list[str]] = mapped_column(default=list)
    modality: Mapped[str | None] = mapped_column(String(40))
    languages: Mapped[list[str]] = mapped_column(default=list)
    capacity_per_quarter: Mapped[int | None]
    active_from: Mapped[date | None]
    active_to: Mapped[date | None]
    demo: Mapped[bool] = mapped_column(Boolean, default=False)

    provider: Mapped[Provider] = relationship()
    area_links: Mapped[list[ProgrammeArea]] = relationship(cascade="all, delete-orphan", lazy="selectin")

    __table_args__ = (
        CheckConstraint(check_in("scope_kind", ScopeKind), name="scope_kind"),
        CheckConstraint("capacity_per_quarter IS NULL OR capacity_per_quarter >= 0", name="capacity"),
        CheckConstraint(
            "active_to IS NULL OR active_from IS NULL OR active_to >= active_from", name="period"
        ),
    )

    @property
    def areas(self) -> list[str]:
        return sorted(link.area_id for link in self.area_links)


class Request(Versioned, Timestamps, Base):
    """One assistance need of one state, with its priority rank among the state's active requests."""

    __tablename__ = "requests"
    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(40), unique=True)
    state_iso3: Mapped[str] = mapped_column(ForeignKey("states.iso3"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String(8))
    stage: Mapped[str] = mapped_column(String(1))
    priority: Mapped[int | None]
    status: Mapped[str] = mapped_column(String(16), default="submitted", index=True)
    triage_outcome: Mapped[str | None] = mapped_column(String(16))
    triage_reason: Mapped[str | None] = mapped_column(Text)
    duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("requests.id"))
    source_report: Mapped[str | None] = mapped_column(String(60))
    # The state's choice: providers see only the area, stage and region until the state consents to an offer.
    confidential: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    demo: Mapped[bool] = mapped_column(Boolean, default=False)
    submitted_at: Mapped[datetime] = stamped()
    triaged_at: Mapped[datetime | None]
    matched_at: Mapped[datetime | None]
    delivery_started_at: Mapped[datetime | None]
    met_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]

    state: Mapped[State] = relationship()
    area_links: Mapped[list[RequestArea]] = relationship(cascade="all, delete-orphan", lazy="selectin")

    __table_args__ = (
        UniqueConstraint("state_iso3", "priority"),
        CheckConstraint("stage IN ('A', 'B', 'C')", name="stage"),
        CheckConstraint("priority IS NULL OR priority >= 1", name="priority_positive"),
        CheckConstraint(check_in("status", RequestStatus), name="status"),
        CheckConstraint(
            "triage_outcome IS NULL OR " + check_in("triage_outcome", TriageOutcome), name="triage_outcome"
        ),
        CheckConstraint(
            "(triage_outcome = 'duplicate') = (duplicate_of_id IS NOT NULL)", name="duplicate_has_original"
        ),
        CheckConstraint("duplicate_of_id IS NULL OR duplicate_of_id <> id", name="not_own_duplicate"),
    )

    @property
    def areas(self) -> list[str]:
        return sorted(link.area_id for link in self.area_links)


class Match(Versioned, Timestamps, Base):
    """A (request, programme) pair with a score, an explanation and where its review and delivery stand."""

    __tablename__ = "matches"
    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id", ondelete="CASCADE"))
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"), index=True)
    score: Mapped[float] = mapped_column(Float)
    rank: Mapped[int | None]
    explanation: Mapped[dict[str, Any]] = mapped_column(default=dict)
    status: Mapped[str] = mapped_column(String(16), default="suggested", index=True)
    reason: Mapped[str | None] = mapped_column(Text)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None]
    offered_at: Mapped[datetime | None]
    # The state's answer to the offer (or the team's record of it): when, by whom, and the reason or note.
    consented_at: Mapped[datetime | None]
    consent_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    consent_note: Mapped[str | None] = mapped_column(Text)
    delivery_started: Mapped[date | None]
    delivery_completed: Mapped[date | None]
    delivery_outcome: Mapped[str | None] = mapped_column(String(16))
    result_note: Mapped[str | None] = mapped_column(Text)

    request: Mapped[Request] = relationship()
    programme: Mapped[Programme] = relationship()

    __table_args__ = (
        UniqueConstraint("request_id", "programme_id"),
        Index("ix_matches_request_status", "request_id", "status"),
        # The review queue and need lists read the best suggestions first, a page at a time.
        Index("ix_matches_status_score", "status", score.desc(), "id"),
        Index("ix_matches_programme_status_score", "programme_id", "status", score.desc()),
        CheckConstraint("score >= 0 AND score <= 1", name="score_range"),
        CheckConstraint(check_in("status", MatchStatus), name="status"),
        CheckConstraint(
            "delivery_outcome IS NULL OR " + check_in("delivery_outcome", DeliveryOutcome),
            name="delivery_outcome",
        ),
    )


class Event(Base):
    """One state change: who, when, what, before and after. Append-only (database triggers refuse
    UPDATE and DELETE)."""

    __tablename__ = "events"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = stamped(index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    actor: Mapped[str] = mapped_column(String(80), default="system")
    action: Mapped[str] = mapped_column(String(60))
    entity: Mapped[str] = mapped_column(String(30))
    entity_id: Mapped[str] = mapped_column(String(40))
    before: Mapped[dict[str, Any] | None] = mapped_column()
    after: Mapped[dict[str, Any] | None] = mapped_column()
    note: Mapped[str | None] = mapped_column(Text)
    __table_args__ = (Index("ix_events_entity", "entity", "entity_id"),)
