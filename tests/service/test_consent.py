"""Issue 12: the state's consent to an offer. Only the state whose request it is answers an offer the team
has reviewed (the team may record an answer given by letter, with a note); nothing is matched before the
state consents; bad input is refused and changes nothing; a confidential request shows providers only its
area, stage and region until the state agrees to their offer."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service import models as m
from service.editions.asof import match_status_at
from tests.service.conftest import auth, make_programme, make_request, make_user

MISSING = 2_147_483_000  # an id no test creates


def _offer(session: Session, *, state: str = "KEN", reviewed: bool = True, **request: object) -> m.Match:
    """An offer by UNODC on a request of `state`, accepted by the team before (or unsolicited)."""
    match = m.Match(
        request_id=make_request(session, state=state, **request).id,  # type: ignore[arg-type]
        programme_id=make_programme(session, provider="UNODC").id,
        score=0.6,
        status="offered",
        explanation={"summary": "Fits on financing"},
        decided_at=datetime.now(UTC) if reviewed else None,
        offered_at=datetime.now(UTC),
    )
    session.add(match)
    session.flush()
    return match


def _decide(client: TestClient, headers: dict[str, str], match_id: int, **body: object) -> tuple[int, dict]:
    response = client.post(f"/api/matches/{match_id}/decision", headers=headers, json={"version": 1, **body})
    return response.status_code, response.json()


def _events(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(m.Event)) or 0


def test_the_state_consents_and_only_then_is_the_request_matched(
    client: TestClient, session: Session
) -> None:
    kenya = make_user(session, role="state", party="KEN")
    match = _offer(session)
    request = match.request
    before = _events(session)
    status, body = _decide(client, auth(kenya), match.id, action="consent")
    assert status == 200 and body["status"] == "consented" and body["request_status"] == "matched"
    assert "score" not in body and "summary" not in body  # the state's view carries no scores
    session.refresh(request)
    assert request.status == "matched" and request.matched_at is not None
    actions = set(session.scalars(select(m.Event.action).where(m.Event.id > before)))
    assert {"match.consent", "request.consent", "request.status"} <= actions


def test_the_state_declines_with_a_reason(client: TestClient, session: Session) -> None:
    kenya = auth(make_user(session, role="state", party="KEN"))
    match = _offer(session)
    status, body = _decide(client, kenya, match.id, action="refuse")
    assert status == 422 and body["field"] == "reason"
    status, body = _decide(client, kenya, match.id, action="refuse", reason="We prefer a regional course")
    assert status == 200 and body["status"] == "refused_by_state"
    assert body["consent_note"] == "We prefer a regional course" and body["request_status"] == "open"
    # The provider reads the state's answer in its commitments.
    unodc = auth(make_user(session, role="provider", party="UNODC"))
    items = client.get("/api/provider/commitments", headers=unodc).json()["items"]
    assert [(x["status"], x["consent_note"]) for x in items] == [("refused_by_state", body["consent_note"])]


def test_the_team_records_consent_by_letter_with_a_note(client: TestClient, session: Session) -> None:
    team = make_user(session, role="ta")
    match = _offer(session)
    status, body = _decide(client, auth(team), match.id, action="consent")
    assert status == 422 and body["field"] == "note"
    status, body = _decide(client, auth(team), match.id, action="consent", note="By letter of 12 May 2003")
    assert (
        status == 200 and body["status"] == "consented" and body["consent_note"] == "By letter of 12 May 2003"
    )
    session.refresh(match)
    assert match.consent_by_id == team.id


def test_another_states_offer_is_refused_like_a_missing_one(client: TestClient, session: Session) -> None:
    france = auth(make_user(session, role="state", party="FRA"))
    match = _offer(session, state="KEN")
    before = _events(session)
    theirs = _decide(client, france, match.id, action="consent")
    missing = _decide(client, france, MISSING, action="consent")
    assert theirs == missing and theirs[0] == 403
    read = client.get(f"/api/matches/{match.id}", headers=france)
    assert (read.status_code, read.json()) == (
        403,
        client.get(f"/api/matches/{MISSING}", headers=france).json(),
    )
    session.refresh(match)
    assert match.status == "offered" and _events(session) == before


def test_consent_on_a_withdrawn_request_or_a_stale_version_is_refused(
    client: TestClient, session: Session
) -> None:
    kenya = auth(make_user(session, role="state", party="KEN"))
    withdrawn = _offer(session, status="withdrawn")
    status, body = _decide(client, kenya, withdrawn.id, action="consent")
    assert status == 409 and body["field"] == "status" and "withdrawn" in body["detail"]
    match = _offer(session)
    before = _events(session)
    response = client.post(
        f"/api/matches/{match.id}/decision", headers=kenya, json={"version": 2, "action": "consent"}
    )
    assert response.status_code == 409 and response.json()["field"] == "version"
    session.refresh(match)
    assert match.status == "offered" and _events(session) == before


def test_illegal_moves_name_the_current_status(client: TestClient, session: Session) -> None:
    team = auth(make_user(session, role="ta"))
    unodc = auth(make_user(session, role="provider", party="UNODC"))
    match = _offer(session)
    match.status = "accepted"
    session.flush()
    for headers, action in ((team, "start_delivery"), (team, "consent")):
        status, body = _decide(
            client, headers, match.id, action=action, note="by letter", version=match.version
        )
        assert status == 409 and "accepted" in body["detail"], body
    # A provider cannot answer for the state.
    match.status = "offered"
    session.flush()
    status, _ = _decide(client, unodc, match.id, action="consent", version=match.version)
    assert status == 403


def test_an_unsolicited_offer_waits_for_the_team_before_the_state(
    client: TestClient, session: Session
) -> None:
    kenya = auth(make_user(session, role="state", party="KEN"))
    team = auth(make_user(session, role="ta"))
    match = _offer(session, reviewed=False)
    detail = client.get(f"/api/requests/{match.request_id}", headers=kenya).json()
    assert detail["matches"] == []
    status, _ = _decide(client, kenya, match.id, action="consent")
    assert status == 403  # invisible to the state until the team has seen it
    status, body = _decide(client, team, match.id, action="consent", note="by letter")
    assert status == 409 and "acknowledged" in body["detail"]
    status, body = _decide(client, team, match.id, action="acknowledge")
    assert status == 200 and body["status"] == "offered" and body["reviewed_by_team"]
    status, body = _decide(client, team, match.id, action="acknowledge", version=2)
    assert status == 409
    status, body = _decide(client, kenya, match.id, action="consent", version=2)
    assert status == 200 and body["request_status"] == "matched"


def test_a_provider_may_not_deliver_before_consent(client: TestClient, session: Session) -> None:
    unodc = auth(make_user(session, role="provider", party="UNODC"))
    match = _offer(session)
    status, body = _decide(client, unodc, match.id, action="start_delivery")
    assert status == 409 and "offered" in body["detail"]


def test_a_confidential_request_shows_providers_only_area_stage_and_region(
    client: TestClient, session: Session
) -> None:
    unodc = auth(make_user(session, role="provider", party="UNODC"))
    kenya = auth(make_user(session, role="state", party="KEN"))
    request = make_request(session, title="KENYA-SECRET title", description="KENYA-SECRET text")
    changed = client.patch(
        f"/api/requests/{request.id}", headers=kenya, json={"version": 1, "confidential": True}
    )
    assert changed.status_code == 200 and changed.json()["confidential"], changed.text
    match = m.Match(
        request_id=request.id,
        programme_id=make_programme(session, provider="UNODC").id,
        score=0.6,
        status="accepted",
        explanation={"summary": "Fits on financing"},
        decided_at=datetime.now(UTC),
    )
    session.add(match)
    session.flush()
    needs = client.get("/api/provider/needs", headers=unodc)
    row = needs.json()["items"][0]
    assert "KENYA-SECRET" not in needs.text and "Kenya" not in needs.text and "KEN" not in needs.text
    assert (row["state_iso3"], row["request_title"], row["description"]) == (None, None, None)
    assert (row["stage"], row["areas"], row["region"]) == ("A", ["financing"], "Africa")
    page_user = make_user(session, role="provider", party="UNODC")
    from tests.service.test_pages import sign_in

    sign_in(client, page_user)
    page = client.get("/provider/needs").text
    assert "KENYA-SECRET" not in page and "Confidential request" in page
    client.cookies.clear()
    read = client.get(f"/api/matches/{match.id}", headers=unodc)
    assert read.status_code == 200 and "KENYA-SECRET" not in read.text
    assert _decide(client, unodc, match.id, action="offer")[0] == 200
    assert "KENYA-SECRET" not in client.get(f"/api/matches/{match.id}", headers=unodc).text
    assert _decide(client, kenya, match.id, action="consent", version=2)[0] == 200
    agreed = client.get(f"/api/matches/{match.id}", headers=unodc).json()
    assert agreed["request_title"] == "KENYA-SECRET title" and agreed["state_iso3"] == "KEN"


def test_the_confidential_flag_changes_while_the_request_is_active(
    client: TestClient, session: Session
) -> None:
    kenya = auth(make_user(session, role="state", party="KEN"))
    request = make_request(session, status="matched")
    response = client.patch(
        f"/api/requests/{request.id}", headers=kenya, json={"version": 1, "confidential": True}
    )
    assert response.status_code == 200 and response.json()["confidential"]
    # Other fields stay frozen once a provider is involved.
    response = client.patch(f"/api/requests/{request.id}", headers=kenya, json={"version": 2, "title": "New"})
    assert response.status_code == 409
    closed = make_request(session, status="withdrawn")
    response = client.patch(
        f"/api/requests/{closed.id}", headers=kenya, json={"version": 1, "confidential": True}
    )
    assert response.status_code == 409


def test_need_list_has_one_row_per_need_recommended_first_then_stage_and_priority(
    client: TestClient, session: Session
) -> None:
    unodc = auth(make_user(session, role="provider", party="UNODC"))
    mine = [make_programme(session, provider="UNODC", title=f"Programme {i}") for i in range(3)]
    c_need = make_request(session, stage="C", priority=1)
    b_low = make_request(session, stage="B", priority=3)
    b_high = make_request(session, stage="B", priority=2)
    recommended = make_request(session, stage="C", priority=4)
    rows = [(c_need, 0.9), (b_low, 0.8), (b_high, 0.2), (recommended, 0.1)]
    for request, score in rows:
        for i, programme in enumerate(mine):
            accepted = request is recommended and i == 2
            session.add(
                m.Match(
                    request_id=request.id,
                    programme_id=programme.id,
                    score=score - i * 0.01,
                    status="accepted" if accepted else "suggested",
                    explanation={},
                )
            )
    session.flush()
    page = client.get("/api/provider/needs", headers=unodc, params={"limit": 3}).json()
    assert page["total"] == 4
    assert [x["request_id"] for x in page["items"]] == [recommended.id, b_high.id, b_low.id]
    assert page["items"][0]["recommended"] and not page["items"][1]["recommended"]
    assert [len(x["programmes"]) for x in page["items"]] == [3, 3, 3]
    assert [p["recommended"] for p in page["items"][0]["programmes"]] == [False, False, True]
    rest = client.get("/api/provider/needs", headers=unodc, params={"limit": 3, "offset": 3}).json()
    assert [x["request_id"] for x in rest["items"]] == [c_need.id]


def test_editions_walk_back_through_consent() -> None:
    def at(day: int) -> datetime:
        return datetime(2003, 5, day, tzinfo=UTC)

    agreed = {
        "status": "delivering",
        "decided_at": at(2),
        "offered_at": at(6),
        "consented_at": at(10),
        "delivery_started": at(20).date(),
        "delivery_completed": None,
    }
    walked = [match_status_at(agreed, at(day)) for day in (25, 15, 8, 4, 1)]
    assert walked == ["delivering", "consented", "offered", "accepted", "suggested"]
    unsolicited = {**agreed, "status": "offered", "decided_at": at(8), "consented_at": None}
    assert [match_status_at(unsolicited, at(day)) for day in (9, 7, 4)] == ["offered", "offered", "suggested"]
