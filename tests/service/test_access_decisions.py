"""Issue 12, access by application: a refusal records its reason (refused without one: 422 on `note`,
nothing changes), and the decision is audited."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from service import models as m
from tests.service.conftest import auth, make_user

APPLICATION = {
    "requester_name": "Ada Researcher",
    "organization": "Institute for Security Studies",
    "email": "ada@iss.example",
    "reason": "We study technical assistance to African states.",
}


def test_a_refusal_needs_its_reason_and_is_audited(client: TestClient, session: Session) -> None:
    team = auth(make_user(session, role="ta"))
    applied = client.post("/api/access-requests", json=APPLICATION).json()
    url = f"/api/access-requests/{applied['id']}/decision"
    bare = client.post(url, headers=team, json={"version": 1, "decision": "refused"})
    assert bare.status_code == 422 and bare.json()["field"] == "note"
    assert session.get(m.AccessRequest, applied["id"]).status == "pending"  # type: ignore[union-attr]
    done = client.post(url, headers=team, json={"version": 1, "decision": "refused", "note": "not a state"})
    assert done.status_code == 200 and done.json()["decision_note"] == "not a state"
    event = session.scalars(select(m.Event).where(m.Event.action == "access.refused")).one()
    assert event.note == "not a state"
