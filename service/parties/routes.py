"""A party's own records over HTTP: its points of contact (states and providers edit their own) and a
state's paragraph-6 reporting status; the team tracks the reports and their review."""

from __future__ import annotations

from fastapi import APIRouter

from service.http.deps import CurrentUser, SessionDep, StateOrTeam, TeamUser, Today
from service.http.schemas import IdPath
from service.parties import logic, queries, schemas

router = APIRouter(prefix="/api", tags=["contacts and reports"])


@router.get("/contacts/mine", response_model=list[schemas.ContactOut])
def my_contacts(session: SessionDep, user: CurrentUser) -> list[schemas.ContactOut]:
    return queries.my_contacts(session, user)


@router.post("/contacts/mine", response_model=schemas.ContactOut, status_code=201)
def add_contact(
    body: schemas.ContactIn, session: SessionDep, user: CurrentUser, today: Today
) -> schemas.ContactOut:
    return schemas.ContactOut.model_validate(logic.add_contact(session, user, body, on=today))


@router.put("/contacts/{contact_id}", response_model=schemas.ContactOut)
def edit_contact(
    contact_id: IdPath, body: schemas.ContactUpdate, session: SessionDep, user: CurrentUser, today: Today
) -> schemas.ContactOut:
    """A party keeps its own entries accurate (source paragraph 19); editing verifies them as of today."""
    return schemas.ContactOut.model_validate(logic.edit_contact(session, user, contact_id, body, on=today))


@router.get("/states/{iso3}/reports", response_model=list[schemas.ReportOut])
def state_reports(iso3: str, session: SessionDep, user: StateOrTeam, today: Today) -> list[schemas.ReportOut]:
    """A state's paragraph-6 reports: received by round, late or missing, and the review's progress."""
    return queries.state_reports(session, user, iso3, on=today)


@router.get("/reports", response_model=list[schemas.ReportOut])
def all_reports(
    session: SessionDep, _: TeamUser, today: Today, review_status: str | None = None
) -> list[schemas.ReportOut]:
    return queries.all_reports(session, on=today, review_status=review_status)


@router.patch("/reports/{report_id}", response_model=schemas.ReportOut)
def update_report(
    report_id: IdPath, body: schemas.ReportUpdate, session: SessionDep, team: TeamUser, today: Today
) -> schemas.ReportOut:
    return queries.report_out(logic.update_report(session, team, report_id, body, on=today), today)
