"""Reference data: areas, states, organizations and their memberships, providers, points of contact,
paragraph-6 reports and the public directory."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from service.models.base import Base, Timestamps, Versioned
from service.vocab import DirectoryKind, OrganizationKind, ProviderKind, ReviewStatus, check_in


class Area(Base):
    __tablename__ = "areas"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    paragraphs: Mapped[str] = mapped_column(String(100), default="")


class State(Base):
    __tablename__ = "states"
    iso3: Mapped[str] = mapped_column(String(3), primary_key=True)
    iso2: Mapped[str] = mapped_column(String(2), unique=True)
    m49: Mapped[str] = mapped_column(String(3), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    official_name: Mapped[str] = mapped_column(String(200))
    un_member: Mapped[bool] = mapped_column(Boolean)
    un_admission_year: Mapped[int | None]
    region: Mapped[str] = mapped_column(String(60))
    subregion: Mapped[str] = mapped_column(String(60))
    intermediate_region: Mapped[str] = mapped_column(String(60), default="")
    __table_args__ = (CheckConstraint("length(iso3) = 3", name="iso3_length"),)


class Organization(Base):
    __tablename__ = "organizations"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(32))
    acronym: Mapped[str] = mapped_column(String(32))
    aliases: Mapped[list[str]] = mapped_column(default=list)
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("organizations.id"))
    members_as_of: Mapped[date | None]
    source: Mapped[str] = mapped_column(Text, default="")
    __table_args__ = (CheckConstraint(check_in("kind", OrganizationKind), name="kind"),)


class StateMembership(Base):
    __tablename__ = "state_memberships"
    organization_id: Mapped[str] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), primary_key=True
    )
    state_iso3: Mapped[str] = mapped_column(ForeignKey("states.iso3"), primary_key=True, index=True)


class OrganizationMembership(Base):
    """An organization that is itself a member of another (the EU and the GCC in the FATF)."""

    __tablename__ = "organization_memberships"
    organization_id: Mapped[str] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), primary_key=True
    )
    member_id: Mapped[str] = mapped_column(ForeignKey("organizations.id"), primary_key=True)
    __table_args__ = (CheckConstraint("organization_id <> member_id", name="not_self"),)


class Provider(Base):
    """A donor state or an organization that offers assistance."""

    __tablename__ = "providers"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)  # the org id or the state's ISO3
    kind: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(200))
    state_iso3: Mapped[str | None] = mapped_column(ForeignKey("states.iso3"), unique=True)
    organization_id: Mapped[str | None] = mapped_column(ForeignKey("organizations.id"), unique=True)
    __table_args__ = (
        CheckConstraint(check_in("kind", ProviderKind), name="kind"),
        CheckConstraint(
            "(kind = 'state' AND state_iso3 IS NOT NULL AND organization_id IS NULL) OR "
            "(kind = 'organization' AND organization_id IS NOT NULL AND state_iso3 IS NULL)",
            name="one_party",
        ),
    )


class Contact(Versioned, Timestamps, Base):
    """A point of contact of a state or an organization (source paragraphs 4 and 19)."""

    __tablename__ = "contacts"
    id: Mapped[int] = mapped_column(primary_key=True)
    state_iso3: Mapped[str | None] = mapped_column(ForeignKey("states.iso3"), index=True)
    organization_id: Mapped[str | None] = mapped_column(ForeignKey("organizations.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(254))
    phone: Mapped[str] = mapped_column(String(60), default="")
    languages: Mapped[list[str]] = mapped_column(default=list)
    last_verified: Mapped[date | None]
    published: Mapped[bool] = mapped_column(Boolean, default=True)
    __table_args__ = (CheckConstraint("(state_iso3 IS NULL) <> (organization_id IS NULL)", name="one_party"),)

    @property
    def party(self) -> str:
        return self.state_iso3 or self.organization_id or ""


class Report(Versioned, Timestamps, Base):
    """A state's report to the CTC under paragraph 6 of resolution 1373."""

    __tablename__ = "reports"
    id: Mapped[int] = mapped_column(primary_key=True)
    state_iso3: Mapped[str] = mapped_column(ForeignKey("states.iso3"), index=True)
    round: Mapped[int]
    due: Mapped[date]
    received: Mapped[date | None]
    review_status: Mapped[str] = mapped_column(String(16), default="pending")
    reference: Mapped[str] = mapped_column(String(60), default="")
    __table_args__ = (
        UniqueConstraint("state_iso3", "round"),
        CheckConstraint("round >= 1", name="round_positive"),
        CheckConstraint(check_in("review_status", ReviewStatus), name="review_status"),
    )


class DirectoryEntry(Base):
    """A public entry of the Directory of CT Information and Sources of Assistance (paragraph 25)."""

    __tablename__ = "directory_entries"
    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(40), unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(300))
    summary: Mapped[str] = mapped_column(Text, default="")
    organization_id: Mapped[str | None] = mapped_column(ForeignKey("organizations.id"))
    areas: Mapped[list[str]] = mapped_column(default=list)
    url: Mapped[str | None] = mapped_column(String(500))
    year: Mapped[int | None]
    created_at: Mapped[datetime | None]
    organization: Mapped[Organization | None] = relationship()
    __table_args__ = (CheckConstraint(check_in("kind", DirectoryKind), name="kind"),)
