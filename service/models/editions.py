"""Monthly editions of the Assistance Matrix (source paragraph 28) and the log of their circulation."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from service.models.base import Base, stamped
from service.vocab import DeliveryStatus, RecipientKind, check_in


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
    """One recipient's copy of one edition: who received it, addressed to whom, which files, when, and what
    became of it (sent, in the outbox, or failed with the reason). Rows are never updated: a retry or a
    re-send is a new row, and a re-send carries the team's reason."""

    __tablename__ = "circulations"
    id: Mapped[int] = mapped_column(primary_key=True)
    edition_id: Mapped[int] = mapped_column(ForeignKey("editions.id"))
    party_kind: Mapped[str] = mapped_column(String(16))
    party: Mapped[str] = mapped_column(String(32))
    recipients: Mapped[list[str]] = mapped_column(default=list)
    # Each attached file's name and SHA-256: the full matrix and the recipient's tailored part.
    attachments: Mapped[dict[str, Any]] = mapped_column(default=dict)
    channel: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    error: Mapped[str | None] = mapped_column(Text)
    resend_reason: Mapped[str | None] = mapped_column(Text)
    message_id: Mapped[str] = mapped_column(String(200))
    circulated_at: Mapped[datetime] = stamped()
    circulated_by: Mapped[str] = mapped_column(String(80), default="system")
    __table_args__ = (
        Index("ix_circulations_edition_party", "edition_id", "party"),
        # A party receives a revision once; only a re-send (with its reason) or a retry after a failure
        # adds another row. Two clicks racing each other cannot both send.
        Index(
            "uq_circulations_first_copy",
            "edition_id",
            "party",
            unique=True,
            sqlite_where=text("status <> 'failed' AND resend_reason IS NULL"),
            postgresql_where=text("status <> 'failed' AND resend_reason IS NULL"),
        ),
        CheckConstraint(check_in("party_kind", RecipientKind), name="party_kind"),
        CheckConstraint("channel IN ('outbox', 'smtp')", name="channel"),
        CheckConstraint(check_in("status", DeliveryStatus), name="status"),
        CheckConstraint("status <> 'failed' OR error IS NOT NULL", name="failure_has_reason"),
    )
