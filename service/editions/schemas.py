"""Bodies and responses of the editions: building one, its record and summary, checksum verdicts, and the
result of a circulation."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field, field_validator

from service.http.schemas import ORM


class BuildIn(BaseModel):
    month: str = Field(examples=["2003-05"])
    reason: str | None = Field(
        default=None,
        max_length=2000,
        description="Why a circulated month is corrected: makes a new revision.",
    )


class EditionOut(ORM):
    month: str
    revision: int
    reason: str | None
    cutoff: datetime
    built_at: datetime
    built_by: str
    checksum: str
    requests: int
    gaps: int
    circulated_to: int = 0


class CirculatedOut(ORM):
    """A circulated edition as a reader sees it: which month and revision, as of when, and its size."""

    month: str
    revision: int
    reason: str | None
    built_at: datetime
    checksum: str
    requests: int
    gaps: int
    circulated_at: datetime  # its first copy


class EditionDetail(EditionOut):
    verified: bool
    summary: dict[str, Any]


class Verdict(BaseModel):
    """One revision's checksum check: `ok` is false where the content was altered after it was sealed."""

    month: str
    revision: int
    ok: bool
    stored: str
    actual: str
    problem: str | None


class RecipientOut(BaseModel):
    """One party the edition goes to: its addresses, the files it gets, and when it last received this
    revision (null: not yet)."""

    kind: str
    party: str
    name: str
    addresses: list[str]
    files: list[str]
    gets: list[str]
    received_at: datetime | None


class PreviewOut(BaseModel):
    edition: str
    month: str
    revision: int
    recipients: list[RecipientOut]
    pending: int = Field(description="recipients a circulation without a re-send reason would reach")
    without_contacts: list[str] = Field(description="states and organizations with no published contact")


class CirculateIn(BaseModel):
    confirm: bool = Field(
        default=False,
        validate_default=True,
        description="must be true: circulating sends e-mail (read the preview first)",
    )
    resend_reason: str | None = Field(
        default=None,
        max_length=2000,
        description="why parties that already received this revision get it again (logged)",
    )
    parties: list[str] | None = Field(
        default=None, max_length=500, description="only these states or organizations (default: all)"
    )

    @field_validator("confirm")
    @classmethod
    def _confirmed(cls, value: bool) -> bool:
        if not value:
            raise ValueError(
                "must be true: circulating sends the edition to every recipient; read "
                "GET /api/editions/{month}/circulation/preview first"
            )
        return value


class DeliveryOut(ORM):
    kind: str
    party: str
    name: str
    addresses: list[str]
    files: list[str]
    status: str = Field(description="sent, outbox, failed, or skipped (already received this revision)")
    error: str | None


class CirculationOut(ORM):
    edition: str
    channel: str
    resend_reason: str | None
    deliveries: list[DeliveryOut]
    without_contacts: list[str]


class CirculationLogOut(ORM):
    """One logged copy: who received what, when, and what became of it."""

    party_kind: str
    party: str
    recipients: list[str]
    attachments: dict[str, str]
    channel: str
    status: str
    error: str | None
    resend_reason: str | None
    circulated_at: datetime
    circulated_by: str
