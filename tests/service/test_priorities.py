"""Issue 11 #16: when a request leaves a state's order (withdrawn, met, closed), only the requests whose
rank changes are renumbered; each gets a new version and an event, and an editor of an untouched request
is not refused as stale. Also the one rank planner every path shares."""

from __future__ import annotations

from datetime import date

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from service import models as m
from service.requests.priorities import Ranked, plan_ranks
from service.settings import Settings
from tests.service.conftest import auth, make_request, make_user


def test_withdrawing_renumbers_only_the_requests_below_with_an_event(client: TestClient, session: Session) -> None:
    first, second, third = (make_request(session, state="KEN", title=f"Need number {i}") for i in (1, 2, 3))
    assert [first.priority, second.priority, third.priority] == [1, 2, 3]
    versions = {r.id: r.version for r in (first, second, third)}
    state = auth(make_user(session, role="state", party="KEN"))
    gone = client.post(f"/api/requests/{second.id}/withdraw", headers=state, json={"version": second.version})
    assert gone.status_code == 200, gone.text
    session.expire_all()
    assert session.get(m.Request, first.id).priority == 1  # type: ignore[union-attr]
    assert session.get(m.Request, third.id).priority == 2  # type: ignore[union-attr]
    assert session.get(m.Request, first.id).version == versions[first.id]  # type: ignore[union-attr]
    assert session.get(m.Request, third.id).version == versions[third.id] + 1  # type: ignore[union-attr]
    moved = session.scalars(
        select(m.Event).where(m.Event.action == "request.priority", m.Event.entity == "request")
    ).all()
    assert [(e.entity_id, e.before, e.after) for e in moved] == [
        (str(third.id), {"priority": 3}, {"priority": 2})
    ]
    # The untouched request's editor, holding the version read before the withdrawal, is not refused.
    edited = client.patch(
        f"/api/requests/{first.id}", headers=state, json={"version": versions[first.id], "title": "Need one, edited"}
    )
    assert edited.status_code == 200, edited.text


def test_the_rank_planner_pins_then_keeps_the_relative_order() -> None:
    items = [
        Ranked("a", 1, None, (0, 1)),
        Ranked("b", 2, None, (0, 2)),
        Ranked("c", 3, 1, (0, 3)),  # pinned to the top
        Ranked("new", None, None, (1, 1)),  # a new request without a pin goes last
    ]
    assert plan_ranks(items) == {"c": 1, "a": 2, "b": 3, "new": 4}
    assert plan_ranks([Ranked("x", 5, None, (0, 1)), Ranked("y", 9, None, (0, 2))]) == {"x": 1, "y": 2}


def test_filed_requests_get_readable_references_that_triage_search_finds(
    client: TestClient, session: Session, settings: Settings
) -> None:
    settings.today = date(2003, 6, 30)
    state = auth(make_user(session, role="state", party="KEN"))
    body = {"title": "Border control training", "language": "en", "areas": ["immigration"]}
    refs = [client.post("/api/requests", headers=state, json=body).json()["ref"] for _ in range(2)]
    assert refs == ["KEN-2003-0001", "KEN-2003-0002"]
    team = auth(make_user(session, role="ta"))
    found = client.get("/api/requests", headers=team, params={"q": "ken-2003-0002"}).json()
    assert [r["ref"] for r in found["items"]] == ["KEN-2003-0002"]
