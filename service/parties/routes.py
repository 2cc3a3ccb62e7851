"""A party's own records: its points of contact (states and providers edit their own) and a state's
paragraph-6 reporting status; the team tracks the reports and their review."""

from __future__ import annotations

from datetime import date
from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel, EmailStr, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from service import models as m
from service.access import guard
from service.audit.logic import record
from service.clock import today
from service.concurrency import check_version
from service.errors import Forbidden, InvalidInput, NotFound
from service.http.deps import CurrentUser, SessionDep, StateOrTeam, TeamUser
from service.http.schemas import IdPath, Versioned

router = APIRouter(prefix="/api", tags=["contacts and reports"])


class ContactIn(BaseModel):
    name: str = Field(min_length=2, max_length=200)
    role: str = Field(default="", max_length=200)
    email: EmailStr
    phone: str = Field(default="", max_length=60)
    languages: list[str] = Field(default_factory=list, max_length=10)
    published: bool = True


class ContactUpdate(ContactIn, Versioned):
    pass


class ContactOut(ContactIn):
    id: int
    party: str
    last_verified: date | None
    version: int


class ReportOut(BaseModel):
    id: int
    state_iso3: str
    round: int
    due: date
    received: date | None
    review_status: str
    reference: str
    late: bool
    version: int


class ReportUpdate(Versioned):
    received: date | None = None
    review_status: Literal["pending", "under_review", "reviewed"] | None = None


def _party(user: m.User) -> str:
    party = user.party
    if party is None:
        raise Forbidden("the team has no contacts of its own; act on a party's contacts instead")
    return party


def _contact_out(c: m.Contact) -> ContactOut:
    return ContactOut(
        id=c.id,
        party=c.party,
        name=c.name,
        role=c.role,
        email=c.email,
        phone=c.phone,
        languages=c.languages,
        published=c.published,
        last_verified=c.last_verified,
        version=c.version,
    )


def _own_contact(session: Session, user: m.User, contact_id: int) -> m.Contact:
    return guard(user, session.get(m.Contact, contact_id), lambda c: c.party == user.party, "contact")


def _snap(c: m.Contact) -> dict[str, object]:
    return {"name": c.name, "email": c.email, "role": c.role, "phone": c.phone, "published": c.published}


@router.get("/contacts/mine", response_model=list[ContactOut])
def my_contacts(session: SessionDep, user: CurrentUser) -> list[ContactOut]:
    party = _party(user)
    rows = session.scalars(
        select(m.Contact)
        .where((m.Contact.state_iso3 == party) | (m.Contact.organization_id == party))
        .order_by(m.Contact.id)
    )
    return [_contact_out(c) for c in rows]


@router.post("/contacts/mine", response_model=ContactOut, status_code=201)
def add_contact(body: ContactIn, session: SessionDep, user: CurrentUser) -> ContactOut:
    party = _party(user)
    contact = m.Contact(**body.model_dump(), last_verified=today())
    if user.role == "state":
        contact.state_iso3 = party
    else:
        provider = session.get(m.Provider, party)
        if provider is None:
            raise NotFound("no such provider")
        contact.state_iso3, contact.organization_id = provider.state_iso3, provider.organization_id
    session.add(contact)
    session.flush()
    record(session, user, "contact.created", "contact", contact.id, after=_snap(contact))
    return _contact_out(contact)


@router.put("/contacts/{contact_id}", response_model=ContactOut)
def edit_contact(
    contact_id: IdPath, body: ContactUpdate, session: SessionDep, user: CurrentUser
) -> ContactOut:
    """A party keeps its own entries accurate (source paragraph 19); editing verifies them as of today."""
    contact = _own_contact(session, user, contact_id)
    check_version(contact, body.version)
    before = _snap(contact)
    for field, value in body.model_dump(exclude={"version"}).items():
        setattr(contact, field, value)
    contact.last_verified = today()
    session.flush()
    record(session, user, "contact.updated", "contact", contact.id, before=before, after=_snap(contact))
    return _contact_out(contact)


def _report_out(r: m.Report) -> ReportOut:
    late = r.received is None and r.due < today() or (r.received is not None and r.received > r.due)
    return ReportOut(
        id=r.id,
        state_iso3=r.state_iso3,
        round=r.round,
        due=r.due,
        received=r.received,
        review_status=r.review_status,
        reference=r.reference,
        late=late,
        version=r.version,
    )


@router.get("/states/{iso3}/reports", response_model=list[ReportOut])
def state_reports(iso3: str, session: SessionDep, user: StateOrTeam) -> list[ReportOut]:
    """A state's paragraph-6 reports: received by round, late or missing, and the review's progress."""
    if user.role == "state" and iso3.upper() != user.state_iso3:
        raise Forbidden("a state sees its own reporting status only")
    rows = session.scalars(
        select(m.Report).where(m.Report.state_iso3 == iso3.upper()).order_by(m.Report.round)
    )
    return [_report_out(r) for r in rows]


@router.get("/reports", response_model=list[ReportOut])
def all_reports(session: SessionDep, _: TeamUser, review_status: str | None = None) -> list[ReportOut]:
    query = select(m.Report).order_by(m.Report.state_iso3, m.Report.round)
    if review_status:
        query = query.where(m.Report.review_status == review_status)
    return [_report_out(r) for r in session.scalars(query)]


@router.patch("/reports/{report_id}", response_model=ReportOut)
def update_report(report_id: IdPath, body: ReportUpdate, session: SessionDep, team: TeamUser) -> ReportOut:
    report = session.get(m.Report, report_id)
    if report is None:
        raise NotFound("no such report")
    check_version(report, body.version)
    if body.received and body.received > today():
        raise InvalidInput("a report cannot be received in the future", field="received")
    before = {"received": str(report.received), "review_status": report.review_status}
    for field, value in body.model_dump(exclude={"version"}, exclude_unset=True).items():
        setattr(report, field, value)
    session.flush()
    after = {"received": str(report.received), "review_status": report.review_status}
    record(session, team, "report.updated", "report", report.id, before=before, after=after)
    return _report_out(report)
