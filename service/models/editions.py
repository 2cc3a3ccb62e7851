"""Monthly editions of the Assistance Matrix (source paragraph 28) and the log of their circulation."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from service.models.base import Base, stamped


class Edition(Base):
    """One frozen revision of one month's matrix. The content is canonical JSON whose SHA-256 is stored
    beside it; the database refuses any UPDATE (a correction is a new revision, with its reason)."""

    __tablename__ = "editions"
    id: Mapped[int] = mapped_column(primary_key=True)
    month: Mapped[str] = mapped_column(String(7), index=True)
    revision: Mapped[int]
    reason: Mapped[str | None] = mapped_column(Text)
    cutoff: Mapped[datetime]
    built_at: Mapped[datetime] = stamped()
    built_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    built_by: Mapped[str] = mapped_column(String(80), default="system")
    # Deferred: listing editions must not pull megabytes of matrix per row.
    content: Mapped[str] = mapped_column(Text, deferred=True)
    checksum: Mapped[str] = mapped_column(String(64))
    requests: Mapped[int]
    gaps: Mapped[int]
    __table_args__ = (
        UniqueConstraint("month", "revision"),
        CheckConstraint("revision >= 1", name="revision_positive"),
        CheckConstraint("revision = 1 OR reason IS NOT NULL", name="correction_has_reason"),
        CheckConstraint("length(checksum) = 64", name="checksum_length"),
    )


class Circulation(Base):
    """One party's copy of one edition: who received it, addressed to whom, when and how."""

    __tablename__ = "circulations"
    id: Mapped[int] = mapped_column(primary_key=True)
    edition_id: Mapped[int] = mapped_column(ForeignKey("editions.id"))
    party_kind: Mapped[str] = mapped_column(String(16))
    party: Mapped[str] = mapped_column(String(32))
    recipients: Mapped[list[str]] = mapped_column(default=list)
    attachment: Mapped[str] = mapped_column(String(200))
    attachment_sha256: Mapped[str] = mapped_column(String(64))
    channel: Mapped[str] = mapped_column(String(16))
    message_id: Mapped[str] = mapped_column(String(200))
    circulated_at: Mapped[datetime] = stamped()
    circulated_by: Mapped[str] = mapped_column(String(80), default="system")
    __table_args__ = (
        Index("ix_circulations_edition_party", "edition_id", "party"),
        CheckConstraint("party_kind IN ('state', 'provider')", name="party_kind"),
        CheckConstraint("channel IN ('outbox', 'smtp')", name="channel"),
    )
