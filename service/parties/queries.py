"""Reading a party's records: its own contacts, and paragraph-6 reports with whether each is late."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from service import models as m
from service.errors import Forbidden
from service.parties import schemas
from service.parties.logic import own_party


def my_contacts(session: Session, user: m.User) -> list[schemas.ContactOut]:
    party = own_party(user)
    rows = session.scalars(
        select(m.Contact)
        .where((m.Contact.state_iso3 == party) | (m.Contact.organization_id == party))
        .order_by(m.Contact.id)
    )
    return [schemas.ContactOut.model_validate(c) for c in rows]


def report_out(report: m.Report, on: date) -> schemas.ReportOut:
    late = (
        report.received is None
        and report.due < on
        or (report.received is not None and report.received > report.due)
    )
    return schemas.ReportOut.model_validate({**_columns(report), "late": late})


def _columns(report: m.Report) -> dict[str, object]:
    return {c: getattr(report, c) for c in schemas.ReportOut.model_fields if c != "late"}


def state_reports(session: Session, user: m.User, iso3: str, *, on: date) -> list[schemas.ReportOut]:
    """A state's paragraph-6 reports: received by round, late or missing, and the review's progress."""
    if user.role == "state" and iso3.upper() != user.state_iso3:
        raise Forbidden("a state sees its own reporting status only")
    rows = session.scalars(
        select(m.Report).where(m.Report.state_iso3 == iso3.upper()).order_by(m.Report.round)
    )
    return [report_out(r, on) for r in rows]


def all_reports(session: Session, *, on: date, review_status: str | None = None) -> list[schemas.ReportOut]:
    query = select(m.Report).order_by(m.Report.state_iso3, m.Report.round)
    if review_status:
        query = query.where(m.Report.review_status == review_status)
    return [report_out(r, on) for r in session.scalars(query)]
