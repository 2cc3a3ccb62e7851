"""Issue 4 (and 12): from submission to met, through triage, matching, the team's review, the provider's
offer, the state's consent and delivery; priorities; bad input; the audit trail of every step."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service import models as m
from tests.service.conftest import PASSWORD, auth, make_programme, make_request, make_user


def _events(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(m.Event)) or 0


def test_submission_to_met(client: TestClient, session: Session) -> None:
    team = auth(make_user(session, role="ta"))
    state = auth(make_user(session, role="state", party="KEN"))
    provider = auth(make_user(session, role="provider", party="UNODC"))
    programme = make_programme(session, provider="UNODC")
    make_programme(
        session,
        provider="OSCE",
        scope_kind="members_of",
        scope_values=("OSCE",),
        title="Counter-terrorism financing workshop",
        areas=("financing",),
    )

    filed = client.post(
        "/api/requests",
        headers=state,
        json={
            "title": "Aide pour rédiger une loi contre le financement du terrorisme",
            "description": "Nous avons besoin d'assistance pour criminaliser le financement du terrorisme et geler les avoirs.",
            "language": "fr",
            "areas": ["financing", "legislation"],
            "stage": "A",
        },
    )
    assert filed.status_code == 201, filed.text
    request = filed.json()
    assert request["status"] == "submitted" and request["priority"] == 1

    triaged = client.post(
        f"/api/requests/{request['id']}/triage",
        headers=team,
        json={"version": request["version"], "outcome": "reasonable"},
    )
    assert triaged.status_code == 200 and triaged.json()["status"] == "open"

    # Triage scored the request at once: its suggestions are there before any refresh (issue 15), and a
    # full refresh afterwards finds nothing to add.
    queue = client.get("/api/matches", headers=team, params={"request_id": request["id"]}).json()["items"]
    refreshed = client.post("/api/matching/refresh", headers=team)
    assert refreshed.status_code == 200, refreshed.text
    assert (refreshed.json()["new"], refreshed.json()["updated"]) == (0, 0)
    # Kenya is not an OSCE participating State: the OSCE programme is never suggested.
    assert [x["provider_id"] for x in queue] == ["UNODC"]
    suggestion = queue[0]
    assert suggestion["programme_id"] == programme.id
    assert suggestion["summary"] and "financing" in suggestion["explanation"]["shared_areas"]

    accepted = client.post(
        f"/api/matches/{suggestion['id']}/decision",
        headers=team,
        json={"version": suggestion["version"], "action": "accept"},
    )
    # The team's recommendation is not help yet: the request stays open until the state consents.
    assert accepted.status_code == 200 and accepted.json()["request_status"] == "open"
    assert client.get(f"/api/requests/{request['id']}", headers=state).json()["matches"] == []

    needs = client.get("/api/provider/needs", headers=provider).json()["items"]
    assert [n["request_id"] for n in needs] == [request["id"]] and needs[0]["recommended"]
    assert [p["id"] for p in needs[0]["programmes"]] == [suggestion["id"]]
    offered = client.post(
        f"/api/matches/{suggestion['id']}/decision",
        headers=provider,
        json={"version": accepted.json()["version"], "action": "offer"},
    )
    assert offered.status_code == 200 and offered.json()["request_status"] == "open", offered.text
    # The state sees the offer, without a score, and consents.
    offers = client.get(f"/api/requests/{request['id']}", headers=state).json()["matches"]
    assert [(x["status"], x["score"], x["summary"]) for x in offers] == [("offered", None, None)]
    consented = client.post(
        f"/api/matches/{suggestion['id']}/decision",
        headers=state,
        json={"version": offered.json()["version"], "action": "consent"},
    )
    assert consented.status_code == 200, consented.text
    assert consented.json()["request_status"] == "matched" and "score" not in consented.json()
    version = consented.json()["version"]
    for action, extra, request_status in (
        ("start_delivery", {"on": "2026-10-01"}, "in_delivery"),
        (
            "complete_delivery",
            {"on": "2026-11-01", "outcome": "complete", "note": "Draft law delivered"},
            "met",
        ),
    ):
        moved = client.post(
            f"/api/matches/{suggestion['id']}/decision",
            headers=provider,
            json={"version": version, "action": action, **extra},
        )
        assert moved.status_code == 200, moved.text
        assert moved.json()["request_status"] == request_status
        version = moved.json()["version"]

    seen = client.get(f"/api/requests/{request['id']}", headers=state).json()
    assert seen["status"] == "met" and seen["priority"] is None and seen["met_at"]
    assert [x["status"] for x in seen["matches"]] == ["delivered"]
    history = client.get(f"/api/requests/{request['id']}/history", headers=state).json()
    assert [h["after"]["status"] for h in history if h["action"] == "request.status"] == [
        "open",
        "matched",
        "in_delivery",
        "met",
    ]


def test_illegal_moves_and_stale_versions_change_nothing(client: TestClient, session: Session) -> None:
    team = auth(make_user(session, role="ta"))
    request = make_request(session)
    programme = make_programme(session)
    match = m.Match(
        request_id=request.id, programme_id=programme.id, score=0.5, status="suggested", explanation={}
    )
    session.add(match)
    session.flush()
    rejected = client.post(
        f"/api/matches/{match.id}/decision",
        headers=team,
        json={"version": 1, "action": "reject", "reason": "Wrong modality"},
    )
    assert rejected.status_code == 200
    before = _events(session)
    # Delivering a rejected match is an illegal move; a stale version is refused; both change nothing.
    for body, field in (
        ({"version": 2, "action": "start_delivery"}, "status"),
        ({"version": 1, "action": "undo"}, "version"),
    ):
        response = client.post(f"/api/matches/{match.id}/decision", headers=team, json=body)
        assert response.status_code == 409 and response.json()["field"] == field, response.text
    session.expire_all()
    assert session.get(m.Match, match.id).status == "rejected"  # type: ignore[union-attr]
    assert _events(session) == before
    no_reason = client.post(
        f"/api/matches/{match.id}/decision", headers=team, json={"version": 2, "action": "undo"}
    )
    assert no_reason.status_code == 200
    again = client.post(
        f"/api/matches/{match.id}/decision", headers=team, json={"version": 3, "action": "reject"}
    )
    assert again.status_code == 422 and again.json()["field"] == "reason"


def test_reprioritise_is_atomic_and_gap_free(client: TestClient, session: Session) -> None:
    state = auth(make_user(session, role="state", party="PER"))
    first, second, third = (make_request(session, state="PER", title=f"Need number {i}") for i in range(3))
    bad = client.put("/api/states/PER/priorities", headers=state, json={"order": [third.id, first.id]})
    assert bad.status_code == 422 and bad.json()["field"] == "order"
    good = client.put(
        "/api/states/PER/priorities", headers=state, json={"order": [third.id, first.id, second.id]}
    )
    assert good.status_code == 200
    assert [(r["id"], r["priority"]) for r in good.json()] == [(third.id, 1), (first.id, 2), (second.id, 3)]
    withdrawn = client.post(
        f"/api/requests/{third.id}/withdraw", headers=state, json={"version": good.json()[0]["version"]}
    )
    assert withdrawn.status_code == 200 and withdrawn.json()["priority"] is None
    session.expire_all()
    ranks = sorted(
        session.scalars(
            select(m.Request.priority).where(m.Request.state_iso3 == "PER", m.Request.priority.is_not(None))
        )
    )
    assert ranks == [1, 2]


def test_bad_input_gets_field_and_reason(client: TestClient, session: Session) -> None:
    state = auth(make_user(session, role="state", party="KEN"))
    for body, field in (
        ({"title": "x", "language": "en"}, "title"),
        ({"title": "Valid title", "language": "english"}, "language"),
        ({"title": "Valid title", "language": "en", "areas": ["astrology"]}, "areas"),
        ({"title": "Valid title", "language": "en", "stage": "D"}, "stage"),
    ):
        response = client.post("/api/requests", headers=state, json=body)
        assert response.status_code == 422, body
        assert response.json()["field"] == field
    assert client.get("/api/requests/not-a-number", headers=state).status_code == 422


def test_untagged_request_gets_suggested_areas(client: TestClient, session: Session) -> None:
    state = auth(make_user(session, role="state", party="KAZ"))
    filed = client.post(
        "/api/requests",
        headers=state,
        json={
            "title": "Обучение сотрудников пограничной службы проверке проездных документов",
            "description": "Требуется помощь в обнаружении поддельных паспортов на пограничных пунктах.",
            "language": "ru",
        },
    )
    assert filed.status_code == 201
    areas = filed.json()["areas"]
    assert areas and all(a["suggested"] for a in areas)
    assert "immigration" in [a["id"] for a in areas]


def test_sign_in_rate_limit_and_revocation(client: TestClient, session: Session) -> None:
    team = make_user(session, role="ta")
    user = make_user(session, role="state", party="KEN")
    wrong = client.post("/api/auth/token", data={"username": user.username, "password": "nope-nope"})
    assert wrong.status_code == 401
    good = client.post("/api/auth/token", data={"username": user.username, "password": PASSWORD})
    assert good.status_code == 200 and good.json()["role"] == "state"
    headers = {"Authorization": f"Bearer {good.json()['access_token']}"}
    assert client.get("/api/me", headers=headers).status_code == 200
    assert client.post(f"/api/users/{user.id}/revoke-tokens", headers=auth(team)).status_code == 200
    assert client.get("/api/me", headers=headers).status_code == 401
    statuses = [
        client.post("/api/auth/token", data={"username": "ghost", "password": "x"}).status_code
        for _ in range(12)
    ]
    assert statuses[0] == 401 and statuses[-1] == 429


def test_every_mutation_leaves_an_event(client: TestClient, session: Session) -> None:
    team = make_user(session, role="ta")
    state = make_user(session, role="state", party="KEN")
    provider = make_user(session, role="provider", party="UNODC")
    request = make_request(session)
    programme = make_programme(session)
    match = m.Match(
        request_id=request.id, programme_id=programme.id, score=0.5, status="suggested", explanation={}
    )
    contact = m.Contact(state_iso3="KEN", name="Officer", email="o@example.org")
    session.add_all([match, contact])
    session.flush()
    calls = [
        (
            state,
            "POST",
            "/api/requests",
            {"title": "Customs training", "language": "en", "areas": ["customs"]},
        ),
        (state, "PATCH", f"/api/requests/{request.id}", {"version": 1, "title": "Better title"}),
        (state, "PUT", "/api/states/KEN/priorities", None),
        (team, "POST", f"/api/matches/{match.id}/decision", {"version": 1, "action": "accept"}),
        (provider, "POST", f"/api/matches/{match.id}/decision", {"version": 2, "action": "offer"}),
        (state, "POST", f"/api/matches/{match.id}/decision", {"version": 3, "action": "consent"}),
        (
            provider,
            "PUT",
            f"/api/programmes/{programme.id}",
            {"version": 1, "title": "Renamed", "areas": ["financing"], "scope": {"kind": "global"}},
        ),
        (
            provider,
            "POST",
            "/api/programmes",
            {"title": "New one", "areas": ["cbrn"], "scope": {"kind": "global"}},
        ),
        (
            state,
            "PUT",
            f"/api/contacts/{contact.id}",
            {"version": 1, "name": "Officer B", "email": "b@example.org"},
        ),
        (team, "POST", "/api/users", {"username": "someone", "password": "long-enough-pw", "role": "ta"}),
        (team, "POST", f"/api/users/{state.id}/revoke-tokens", None),
    ]
    for user, method, path, body in calls:
        if path.endswith("/priorities"):
            ids = [
                r["id"]
                for r in client.get(
                    "/api/requests", headers=auth(user), params={"status": ["submitted", "open"]}
                ).json()["items"]
            ]
            body = {"order": list(reversed(ids))}
        if path.endswith("/decision"):  # the request's edit re-scored the match (a new version)
            session.refresh(match)
            body = {**(body or {}), "version": match.version}
        before = _events(session)
        response = client.request(method, path, json=body, headers=auth(user))
        assert response.status_code in (200, 201), (path, response.text)
        assert _events(session) > before, f"{method} {path} left no event"


def test_oversize_body_is_refused(client: TestClient, session: Session) -> None:
    state = auth(make_user(session, role="state", party="KEN"))
    huge = {"title": "Big", "language": "en", "description": "x" * (3 * 1024 * 1024)}
    response = client.post("/api/requests", headers=state, json=huge)
    assert response.status_code == 413 and response.json()["error"] == "too_large"
    assert session.query(m.Request).filter_by(state_iso3="KEN").count() == 0
