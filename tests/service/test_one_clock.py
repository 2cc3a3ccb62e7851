"""Issue 12, one clock: with today pinned, a month of work through the API stamps every date on that day,
and the edition and the goal figures built from those stamps agree with each other."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from service import models as m
from service.clock import Clock, NoClock, stamp, with_clock
from service.settings import Settings
from tests.service.conftest import auth, make_programme, make_user

PINNED = date(2003, 6, 20)
BODY = {
    "title": "Drafting a law against the financing of terrorism",
    "description": "We need help to criminalise the financing of terrorism and to freeze assets.",
    "language": "en",
    "areas": ["financing", "legislation"],
    "stage": "A",
}


def test_a_pinned_clock_stamps_the_pinned_day_at_the_real_time_of_day() -> None:
    before = datetime.now(UTC)
    now = Clock(PINNED).now()
    assert now.date() == PINNED and now.tzinfo is UTC
    assert before.time() <= now.time() or now.time() < before.time()  # (midnight may pass between the two)
    assert Clock(PINNED).today() == PINNED and Clock().today() == datetime.now(UTC).date()
    assert Clock.from_settings(Settings(today=PINNED)) == Clock(PINNED)


def test_a_session_without_a_clock_refuses_to_stamp(session: Session) -> None:
    session.info.pop("clock")
    with pytest.raises(NoClock):
        stamp(session)
    session.add(m.Event(actor="system", action="x", entity="request", entity_id="1"))
    with pytest.raises(NoClock):
        session.flush()  # a stamped column is never filled from the real clock behind the service's back
    session.rollback()


def _post(client: TestClient, url: str, headers: dict[str, str], **body: Any) -> dict[str, Any]:
    response = client.post(url, headers=headers, json=body)
    assert response.status_code in (200, 201), response.text
    result: dict[str, Any] = response.json()
    return result


def test_a_month_of_work_under_a_pinned_day_is_dated_that_day(
    client: TestClient, session: Session, settings: Settings
) -> None:
    settings.today = PINNED
    with_clock(session, Clock(PINNED))  # the users and the programme are set up on that day too
    team = auth(make_user(session, role="ta"))
    state = auth(make_user(session, role="state", party="KEN"))
    provider = auth(make_user(session, role="provider", party="UNODC"))
    make_programme(session, provider="UNODC")
    met, withdrawn, waiting = (_post(client, "/api/requests", state, **BODY) for _ in range(3))
    for request in (met, withdrawn, waiting):
        _post(client, f"/api/requests/{request['id']}/triage", team, version=request["version"], outcome="reasonable")
    _post(client, "/api/matching/refresh", team)
    [suggestion] = client.get("/api/matches", headers=team, params={"request_id": met["id"]}).json()["items"]
    version = _post(client, f"/api/matches/{suggestion['id']}/decision", team, version=suggestion["version"],
                    action="accept")["version"]  # fmt: skip
    url = f"/api/matches/{suggestion['id']}/decision"
    version = _post(client, url, provider, version=version, action="offer")["version"]
    version = _post(client, url, state, version=version, action="consent")["version"]
    for action, extra in (("start_delivery", {}), ("complete_delivery", {"outcome": "complete"})):
        version = _post(client, url, provider, version=version, action=action, **extra)["version"]
    current = client.get(f"/api/requests/{withdrawn['id']}", headers=state).json()
    _post(client, f"/api/requests/{withdrawn['id']}/withdraw", state, version=current["version"])

    # Every stamp the service set falls on the pinned day.
    session.expire_all()
    stamps: list[datetime | date] = []
    for request in session.scalars(select(m.Request)):
        stamps += [request.created_at, request.updated_at, request.submitted_at, request.triaged_at]  # type: ignore[list-item]
        stamps += [s for s in (request.matched_at, request.delivery_started_at, request.met_at, request.closed_at) if s]
    match = session.get(m.Match, suggestion["id"])
    assert match is not None and match.status == "delivered"
    stamps += [match.decided_at, match.offered_at, match.consented_at, match.delivery_started, match.delivery_completed]  # type: ignore[list-item]
    stamps += [e.at for e in session.scalars(select(m.Event))]
    days = {s.date() if isinstance(s, datetime) else s for s in stamps}
    assert days == {PINNED}, days

    built = _post(client, "/api/editions", team, month="2003-06")
    assert built["built_at"][:10] == "2003-06-20" and built["cutoff"][:10] == "2003-06-20"
    content = client.get("/api/editions/2003-06/export", headers=team, params={"format": "json"}).json()
    assert content["as_of"].startswith("2003-06-20")
    lines = {r["id"]: r for r in content["requests"]}
    # June's closures are in June's edition; the request still waiting is 0 days old, not -8553.
    assert lines[met["id"]]["status"] == "met" and lines[met["id"]]["closed_at"].startswith("2003-06-20")
    assert lines[withdrawn["id"]]["status"] == "withdrawn"
    assert lines[waiting["id"]]["days_open"] == 0
    assert content["summary"]["met_in_month"] == 1 and content["summary"]["submitted_in_month"] == 3

    goal = client.get("/api/goal", headers=team, params={"month": "2003-06"}).json()
    # The headline, the status table and the month's row of the series count the same met request.
    assert goal["met"] == goal["by_status"]["met"] == goal["series"][-1]["met"] == 1
    assert goal["reasonable"] == 3 and goal["met_in_month"] == 1
    assert goal["as_of"] == "2003-06-20" and sum(goal["ageing"].values()) == 1
