"""Users of the three audiences, their page sessions, the rate limiter's counted events, and
organizations' applications to see the matrix."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

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
    # A reader's access ends at this instant (sign-in and every request are refused after it).
    expires_at: Mapped[datetime | None]
    __table_args__ = (
        CheckConstraint(check_in("role", Role), name="role"),
        CheckConstraint(
            "(role = 'ta' AND state_iso3 IS NULL AND provider_id IS NULL) OR "
            "(role = 'state' AND state_iso3 IS NOT NULL AND provider_id IS NULL) OR "
            "(role = 'provider' AND provider_id IS NOT NULL AND state_iso3 IS NULL) OR "
            "(role = 'reader' AND state_iso3 IS NULL AND provider_id IS NULL AND expires_at IS NOT NULL)",
            name="party_binding",
        ),
    )

    @property
    def party(self) -> str | None:
        return self.state_iso3 or self.provider_id

    def lapsed(self, now: datetime) -> bool:
        """A reader whose access ended: refused at sign-in, on every token and every page session."""
        return self.expires_at is not None and self.expires_at <= now


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
    # The reader account an approval created.
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    __table_args__ = (
        CheckConstraint(check_in("status", AccessStatus), name="status"),
        CheckConstraint("status <> 'refused' OR decision_note IS NOT NULL", name="refusal_has_reason"),
    )


class SignInLink(Base):
    """A one-time link that lets a new account set its password: the e-mail holds a random token, the
    table only its SHA-256. Used once, or dead after its expiry."""

    __tablename__ = "sign_in_links"
    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    user: Mapped[User] = relationship()


class PageSession(Base):
    """A signed-in browser: the cookie holds a random id, the table only its SHA-256. Ended by sign-out
    (revoked_at), by idle and absolute timeouts, and by the user's tokens_valid_after."""

    __tablename__ = "page_sessions"
    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]


class RateEvent(Base):
    """One counted attempt (a failed sign-in, an access application) under a limiter key such as
    "login-user:alice" or "login-client:10.0.0.7". Rows older than the longest window are pruned."""

    __tablename__ = "rate_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    __table_args__ = (Index("ix_rate_events_key_at", "key", "at"),)
