"""What a party does to its own records: providers derived from parties, points of contact kept by their
party (source paragraph 19), and the team's tracking of paragraph-6 reports. Each function flushes and
records an event; the caller's unit of work commits."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from service import models as m
from service.access import guard
from service.audit.logic import record
from service.concurrency import check_version
from service.errors import Forbidden, InvalidInput, NotFound
from service.parties import schemas


def ensure_provider(session: Session, party: str) -> m.Provider:
    """The provider for an organization id or a state's ISO3 code, created for a donor state on first use."""
    provider = session.get(m.Provider, party)
    if provider is not None:
        return provider
    state = session.get(m.State, party)
    if state is None:
        raise InvalidInput(
            f"unknown provider {party!r}: not an organization id or a state code", field="provider"
        )
    provider = m.Provider(id=party, kind="state", name=state.name, state_iso3=party)
    session.add(provider)
    session.flush()
    return provider


def own_party(user: m.User) -> str:
    party = user.party
    if party is None:
        raise Forbidden("the team has no contacts of its own; act on a party's contacts instead")
    return party


def own_contact(session: Session, user: m.User, contact_id: int) -> m.Contact:
    return guard(user, session.get(m.Contact, contact_id), lambda c: c.party == user.party, "contact")


def _snap(c: m.Contact) -> dict[str, object]:
    return {"name": c.name, "email": c.email, "role": c.role, "phone": c.phone, "published": c.published}


def add_contact(session: Session, user: m.User, body: schemas.ContactIn, *, on: date) -> m.Contact:
    party = own_party(user)
    contact = m.Contact(**body.model_dump(), last_verified=on)
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
    return contact


def edit_contact(
    session: Session, user: m.User, contact_id: int, body: schemas.ContactUpdate, *, on: date
) -> m.Contact:
    """A party keeps its own entries accurate (source paragraph 19); editing verifies them as of `on`."""
    contact = own_contact(session, user, contact_id)
    check_version(contact, body.version)
    before = _snap(contact)
    for field, value in body.model_dump(exclude={"version"}).items():
        setattr(contact, field, value)
    contact.last_verified = on
    session.flush()
    record(session, user, "contact.updated", "contact", contact.id, before=before, after=_snap(contact))
    return contact


def update_report(
    session: Session, team: m.User, report_id: int, body: schemas.ReportUpdate, *, on: date
) -> m.Report:
    report = session.get(m.Report, report_id)
    if report is None:
        raise NotFound("no such report")
    check_version(report, body.version)
    if body.received and body.received > on:
        raise InvalidInput("a report cannot be received in the future", field="received")
    before = {"received": str(report.received), "review_status": report.review_status}
    for field, value in body.model_dump(exclude={"version"}, exclude_unset=True).items():
        setattr(report, field, value)
    session.flush()
    after = {"received": str(report.received), "review_status": report.review_status}
    record(session, team, "report.updated", "report", report.id, before=before, after=after)
    return report
