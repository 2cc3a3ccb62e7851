"""Shared for the edition tests: the service's today pinned to mid-June 2003, and constructed months
(April, May, June 2003) whose differences are known."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest
from sqlalchemy.orm import Session

from service import models as m
from service.settings import Settings
from tests.service.conftest import make_programme, make_request

TODAY = date(2003, 6, 15)
SECRET = "internal-triage-note-7731"


@pytest.fixture
def june_2003(settings: Settings) -> Iterator[date]:
    """The app's today pinned to TODAY (functions called directly take `on=TODAY`)."""
    settings.today = TODAY
    yield TODAY


def at(day: str) -> datetime:
    return datetime.fromisoformat(day).replace(tzinfo=UTC)


@dataclass
class Months:
    """Ids of the constructed rows; the comments in constructed() say what each month should show."""

    r1: m.Request
    r2: m.Request
    r3: m.Request
    r4: m.Request
    r5: m.Request
    r6: m.Request
    r7: m.Request
    p1: m.Programme
    p2: m.Programme
    p3: m.Programme
    p4: m.Programme


def _request(session: Session, submitted: str, **fields: object) -> m.Request:
    stamps = {k: at(str(v)) for k, v in fields.items() if k.endswith("_at") and v}
    plain = {k: v for k, v in fields.items() if not k.endswith("_at")}
    request = make_request(session, **plain)  # type: ignore[arg-type]
    request.submitted_at = at(submitted)
    for name, value in stamps.items():
        setattr(request, name, value)
    session.flush()
    return request


def match(session: Session, request: m.Request, programme: m.Programme, **fields: object) -> m.Match:
    row = m.Match(
        request_id=request.id,
        programme_id=programme.id,
        score=float(fields.pop("score", 0.5)),  # type: ignore[arg-type]
        rank=1,
        explanation={"summary": fields.pop("summary", f"shares areas with {programme.ref}")},
        status=fields.pop("status", "suggested"),
        **fields,
    )
    session.add(row)
    session.flush()
    return row


def event(session: Session, request: m.Request, day: str, before: int, after: int) -> None:
    session.add(
        m.Event(
            at=at(day),
            action="request.priority",
            entity="request",
            entity_id=str(request.id),
            before={"priority": before},
            after={"priority": after},
        )
    )
    session.flush()


def constructed(session: Session) -> Months:
    p1 = make_programme(session, provider="UNODC", title='=HYPERLINK("http://x")')  # formula bait
    p2 = make_programme(session, provider="IMF", title="Financial intelligence unit set-up")
    p3 = make_programme(session, provider="UNODC", title="Border control training", areas=("immigration",))
    p4 = make_programme(session, provider="IMF", title="Old programme", areas=("financing",))
    p3.active_from = date(2003, 5, 1)  # new in May
    p4.active_to = date(2003, 4, 30)  # retired in May
    # Kenya: r1 matched in May (priority 1 → 2), r2 open (2 → 1), r4 in delivery in April and met in May.
    r1 = _request(
        session,
        "2003-04-03",
        state="KEN",
        priority=2,
        triaged_at="2003-04-05",
        matched_at="2003-05-10",
        status="matched",
        title="-cmd|' /C calc'!A0",
    )
    r2 = _request(session, "2003-04-10", state="KEN", priority=1, triaged_at="2003-04-11", status="open")
    r2.triage_reason = SECRET
    r4 = _request(
        session,
        "2003-04-01",
        state="KEN",
        status="met",
        triaged_at="2003-04-02",
        matched_at="2003-04-10",
        delivery_started_at="2003-04-20",
        met_at="2003-05-20",
    )
    # Pakistan: r3 new in May, open and without any programme (a gap).
    r3 = _request(session, "2003-05-05", state="PAK", areas=("cbrn",), triaged_at="2003-05-06", status="open")
    # Nigeria: r5 withdrawn in March (in no edition here); r6 new in June; r7 submitted, untriaged.
    r5 = _request(session, "2003-03-01", state="NGA", status="withdrawn", closed_at="2003-03-20")
    r6 = _request(session, "2003-06-02", state="NGA", triaged_at="2003-06-03", status="open")
    r7 = _request(session, "2003-04-20", state="NGA", status="submitted")
    # r1: the team accepted p1, UNODC offered and Kenya consented on 10 May: only then is r1 matched.
    match(
        session,
        r1,
        p1,
        status="consented",
        score=0.9,
        decided_at=at("2003-05-02"),
        offered_at=at("2003-05-06"),
        consented_at=at("2003-05-10"),
    )
    match(session, r1, p2, score=0.4)
    match(session, r2, p1, score=0.7)
    match(session, r2, p2, score=0.6)
    match(session, r2, p4, status="rejected", score=0.8, decided_at=at("2003-04-15"))
    match(
        session,
        r4,
        p2,
        status="delivered",
        score=0.8,
        decided_at=at("2003-04-10"),
        offered_at=at("2003-04-10"),
        consented_at=at("2003-04-10"),
        delivery_started=date(2003, 4, 20),
        delivery_completed=date(2003, 5, 20),
    )
    match(session, r6, p3, score=0.3)
    event(session, r2, "2003-05-15", 2, 1)
    event(session, r1, "2003-05-15", 1, 2)
    return Months(r1, r2, r3, r4, r5, r6, r7, p1, p2, p3, p4)
