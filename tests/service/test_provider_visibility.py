"""Issue 11, finding 6: a provider sees and acts on exactly the matches of its need list and its own
commitments, through one predicate shared by the lists, the read of one match, the decision (API and
pages); everything else is refused alike, and no provider response carries a team reason."""

from __future__ import annotations

import random
import re

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from service import models as m
from service.vocab import MatchStatus, values
from tests.service.conftest import auth, make_programme, make_request, make_user
from tests.service.test_pages import csrf_of, sign_in

MISSING = 2_147_483_000  # an id no test creates
TEAM_ONLY = ("reason", "rank", "explanation")


def _match(
    session: Session, request: m.Request, programme: m.Programme, status: str = "suggested", **kw: object
) -> m.Match:
    match = m.Match(
        request_id=request.id,
        programme_id=programme.id,
        score=0.6,
        status=status,
        explanation={"summary": "Fits on financing", "internal": "TEAM-INTERNAL"},
        **kw,
    )
    session.add(match)
    session.flush()
    return match


def _refusals(client: TestClient, headers: dict[str, str], match_id: int) -> tuple[object, object]:
    read = client.get(f"/api/matches/{match_id}", headers=headers)
    acted = client.post(
        f"/api/matches/{match_id}/decision", headers=headers, json={"version": 1, "action": "offer"}
    )
    assert read.status_code == 403 and acted.status_code == 403, (read.text, acted.text)
    return read.json(), acted.json()


def test_a_rejected_match_of_its_own_programme_is_refused(client: TestClient, session: Session) -> None:
    team = auth(make_user(session, role="ta"))
    provider = auth(make_user(session, role="provider", party="UNODC"))
    match = _match(session, make_request(session), make_programme(session, provider="UNODC"))
    rejected = client.post(
        f"/api/matches/{match.id}/decision",
        headers=team,
        json={"version": 1, "action": "reject", "reason": "TEAM-SECRET fully booked"},
    )
    assert rejected.status_code == 200 and rejected.json()["reason"] == "TEAM-SECRET fully booked"
    assert _refusals(client, provider, match.id) == _refusals(client, provider, MISSING)
    session.refresh(match)
    assert match.status == "rejected"
    for path in ("/api/provider/needs", "/api/provider/commitments"):
        assert client.get(path, headers=provider).json()["items"] == []


def test_another_providers_match_is_refused_like_a_missing_one(client: TestClient, session: Session) -> None:
    unodc = auth(make_user(session, role="provider", party="UNODC"))
    osce = make_programme(session, provider="OSCE", title="Workshop on financing")
    match = _match(session, make_request(session, state="KEN", title="Kenya's need"), osce)
    assert _refusals(client, unodc, match.id) == _refusals(client, unodc, MISSING)
    assert "Kenya" not in str(_refusals(client, unodc, match.id))
    session.refresh(match)
    assert match.status == "suggested" and match.version == 1
    # The team still reads any match, and an unknown id is 404 for it.
    team = auth(make_user(session, role="ta"))
    assert client.get(f"/api/matches/{match.id}", headers=team).status_code == 200
    assert client.get(f"/api/matches/{MISSING}", headers=team).status_code == 404


def test_no_offer_on_a_request_whose_state_agreed_to_another_provider(
    client: TestClient, session: Session
) -> None:
    """403, not 409: once the state has agreed to another provider's offer, the match is off the provider's
    need list, and a match off the list is refused exactly as one that is not its own or does not exist (a
    409 would tell it that the match exists and what another provider is doing)."""
    team = auth(make_user(session, role="ta"))
    unodc = auth(make_user(session, role="provider", party="UNODC"))
    mine = make_programme(session, provider="UNODC")
    theirs = make_programme(session, provider="OSCE", title="Workshop on financing")
    for request_status, their_status in (("in_delivery", "delivering"), ("matched", "consented")):
        request = make_request(session, status=request_status)
        _match(session, request, theirs, their_status)
        match = _match(session, request, mine)
        assert _refusals(client, unodc, match.id) == _refusals(client, unodc, MISSING)
        assert client.get("/api/provider/needs", headers=unodc).json()["items"] == []
        # The team is told why: the state has agreed to another provider.
        by_team = client.post(
            f"/api/matches/{match.id}/decision", headers=team, json={"version": 1, "action": "offer"}
        )
        assert by_team.status_code == 409 and by_team.json()["field"] == "status", by_team.text
        session.refresh(match)
        assert match.status == "suggested"


def test_another_providers_offer_awaiting_consent_does_not_block_an_offer(
    client: TestClient, session: Session
) -> None:
    """Offers awaiting the state's answer do not exclude each other: the state chooses among them."""
    unodc = auth(make_user(session, role="provider", party="UNODC"))
    request = make_request(session, status="open")
    _match(session, request, make_programme(session, provider="OSCE"), "offered")
    match = _match(session, request, make_programme(session, provider="UNODC"))
    needs = client.get("/api/provider/needs", headers=unodc).json()["items"]
    assert [p["id"] for x in needs for p in x["programmes"]] == [match.id]
    offered = client.post(
        f"/api/matches/{match.id}/decision", headers=unodc, json={"version": 1, "action": "offer"}
    )
    assert offered.status_code == 200 and offered.json()["status"] == "offered", offered.text


def test_a_request_the_team_accepted_for_another_provider_may_still_be_offered_on(
    client: TestClient, session: Session
) -> None:
    unodc = auth(make_user(session, role="provider", party="UNODC"))
    request = make_request(session, status="open")
    _match(session, request, make_programme(session, provider="OSCE"), "accepted", reason="TEAM-SECRET good")
    match = _match(
        session, request, make_programme(session, provider="UNODC"), "accepted", reason="TEAM-SECRET ok"
    )
    needs = client.get("/api/provider/needs", headers=unodc)
    assert [p["id"] for x in needs.json()["items"] for p in x["programmes"]] == [match.id]
    assert "TEAM-" not in needs.text
    read = client.get(f"/api/matches/{match.id}", headers=unodc)
    assert read.status_code == 200 and "TEAM-" not in read.text
    assert read.json()["summary"] == "Fits on financing" and read.json()["own_reason"] is None
    assert not set(TEAM_ONLY) & set(read.json())
    taken = client.post(
        f"/api/matches/{match.id}/decision",
        headers=unodc,
        json={"version": 1, "action": "offer", "reason": "We have a team free in June"},
    )
    assert taken.status_code == 200, taken.text
    assert taken.json()["status"] == "offered" and taken.json()["own_reason"] == "We have a team free in June"
    assert "TEAM-" not in taken.text and not set(TEAM_ONLY) & set(taken.json())
    commitments = client.get("/api/provider/commitments", headers=unodc)
    assert [x["id"] for x in commitments.json()["items"]] == [match.id] and "TEAM-" not in commitments.text


# Every status the vocabulary has, so a new one is covered without being listed here.
MATCH_STATUSES = values(MatchStatus)
REQUEST_STATUSES = ("submitted", "open", "open", "matched", "matched", "in_delivery", "met", "withdrawn")


def test_lists_read_and_decision_agree(client: TestClient, session: Session) -> None:
    """30 matches in random statuses across two providers: for each provider and each match, "on its need
    list or commitments" ⇔ the read returns 200 ⇔ a decision gets past the visibility check (to the
    version check, 409) instead of being refused (403, the body of a missing id)."""
    rng = random.Random(6011)
    users = {p: make_user(session, role="provider", party=p) for p in ("UNODC", "OSCE")}
    programmes = [
        make_programme(session, provider=p, title=f"{p} programme {i}") for p in users for i in (1, 2)
    ]
    requests = [
        make_request(session, state=rng.choice(("KEN", "FRA", "PER")), status=rng.choice(REQUEST_STATUSES))
        for _ in range(12)
    ]
    pairs = rng.sample([(r, p) for r in requests for p in programmes], 30)
    matches = []
    for request, programme in pairs:
        status = rng.choice(MATCH_STATUSES)
        reason = {"accepted": "TEAM-ACCEPT", "rejected": "TEAM-REJECT"}.get(status)
        if status in ("offered", "declined", "consented", "refused_by_state", "delivering", "delivered"):
            reason = "own words"
        matches.append(_match(session, request, programme, status, reason=reason))
    seen = refused = 0
    for user in users.values():
        headers = auth(user)
        needs = client.get("/api/provider/needs", headers=headers, params={"limit": 500})
        commitments = client.get("/api/provider/commitments", headers=headers, params={"limit": 500})
        on_list = [[p["id"] for p in x["programmes"]] for x in needs.json()["items"]]
        listed = {i for ids in on_list for i in ids} | {x["id"] for x in commitments.json()["items"]}
        missing = _refusals(client, headers, MISSING)
        for response in (needs, commitments):
            assert "TEAM-" not in response.text
            assert all(not set(TEAM_ONLY) & set(x) for x in response.json()["items"])
        for match in matches:
            read = client.get(f"/api/matches/{match.id}", headers=headers)
            acted = client.post(
                f"/api/matches/{match.id}/decision",
                headers=headers,
                json={"version": match.version + 7, "action": "offer"},
            )
            if match.id in listed:
                assert read.status_code == 200 and "TEAM-" not in read.text, read.text
                assert acted.status_code == 409 and acted.json()["field"] == "version", acted.text
                seen += 1
            else:
                assert (read.status_code, acted.status_code) == (403, 403), (match.status, read.text)
                assert (read.json(), acted.json()) == missing
                refused += 1
        # The page shows the same need list, without team reasons.
        sign_in(client, user)
        page = client.get("/provider/needs")
        assert page.status_code == 200 and "TEAM-" not in page.text
        shown = [int(x) for x in re.findall(r'<li id="m(\d+)"', page.text)]
        # The page's first 25 needs are the API's, in the same order, each with the same programmes.
        assert shown == [i for ids in on_list[:25] for i in ids]
        client.cookies.clear()
    # Both outcomes occurred, so the check above had something to check.
    assert seen >= 5 and refused >= 30


def test_the_decision_page_refuses_a_match_off_the_list(client: TestClient, session: Session) -> None:
    provider = make_user(session, role="provider", party="UNODC")
    mine = make_programme(session, provider="UNODC")
    listed = _match(session, make_request(session), mine)
    request = make_request(session, status="in_delivery")
    _match(session, request, make_programme(session, provider="OSCE"), "delivering")
    off_list = _match(session, request, mine)
    sign_in(client, provider)
    token = csrf_of(client, "/provider/needs")
    for match in (off_list, _match(session, make_request(session), mine, "rejected", reason="TEAM-SECRET")):
        refused = client.post(
            f"/matches/{match.id}/decision",
            data={"csrf_token": token, "version": 1, "action": "offer", "back": "/provider/needs"},
        )
        assert refused.status_code == 403 and "TEAM-" not in refused.text
        session.refresh(match)
        assert match.version == 1
    taken = client.post(
        f"/matches/{listed.id}/decision",
        data={"csrf_token": token, "version": 1, "action": "offer", "back": "/provider/needs"},
    )
    assert "Offered" in taken.text
