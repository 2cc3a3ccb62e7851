"""Users of the three audiences, and organizations' applications to see the matrix."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from service.models.base import Base, Timestamps, Versioned, utcnow
from service.vocab import AccessStatus, Role, check_in


class User(Versioned, Timestamps, Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str | None] = mapped_column(String(254))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))
    state_iso3: Mapped[str | None] = mapped_column(ForeignKey("states.iso3"))
    provider_id: Mapped[str | None] = mapped_column(ForeignKey("providers.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Tokens issued before this instant are refused: how the team revokes a user's sessions.
    tokens_valid_after: Mapped[datetime] = mapped_column(default=utcnow)
    __table_args__ = (
        CheckConstraint(check_in("role", Role), name="role"),
        CheckConstraint(
            "(role = 'ta' AND state_iso3 IS NULL AND provider_id IS NULL) OR "
            "(role = 'state' AND state_iso3 IS NOT NULL AND provider_id IS NULL) OR "
            "(role = 'provider' AND provider_id IS NOT NULL AND state_iso3 IS NULL)",
            name="party_binding",
        ),
    )

    @property
    def party(self) -> str | None:
        return self.state_iso3 or self.provider_id


class AccessRequest(Versioned, Timestamps, Base):
    """An organization's application to the Technical Assistance Team to see the matrix (paragraph 28)."""

    __tablename__ = "access_requests"
    id: Mapped[int] = mapped_column(primary_key=True)
    requester_name: Mapped[str] = mapped_column(String(200))
    organization: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254))
    reason: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None]
    decision_note: Mapped[str | None] = mapped_column(Text)
    __table_args__ = (CheckConstraint(check_in("status", AccessStatus), name="status"),)
