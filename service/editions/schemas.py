"""Bodies and responses of the editions: building one, its record and summary, checksum verdicts, and the
result of a circulation."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

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


class CirculationOut(ORM):
    edition: str
    packages: int
    messages: int
    sent: int
    channel: str
    without_contacts: list[str]
    failed: dict[str, str]
