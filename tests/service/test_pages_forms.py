"""Issue 6, the pages' forms over the service logic: errors next to the field with the input kept, a stale
edit showing the conflict and the current value, priorities re-ordered atomically, decisions in one
click, triage, the tagger endpoint, the public directory and the application to see the matrix."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from service import models as m
from service.vocab import fit_band
from tests.service.conftest import make_programme, make_request, make_user
from tests.service.test_pages import csrf_of, sign_in


def _field_error(html: str, field: str) -> str:
    found = re.search(rf'<p class="error" id="e-{re.escape(field)}">([^<]*)</p>', html)
    assert found, f"no error shown beside {field}"
    return found.group(1)


def test_a_bad_new_request_keeps_the_input_and_names_the_field(client: TestClient, session: Session) -> None:
    sign_in(client, make_user(session, role="state", party="KEN"))
    token = csrf_of(client, "/state/requests/new")
    text = "نحتاج إلى المساعدة في صياغة قانون لمكافحة تمويل الإرهاب"
    response = client.post(
        "/state/requests/new",
        data={"csrf_token": token, "title": "ab", "description": text, "language": "ar", "stage": "A"},
    )
    assert response.status_code == 422
    assert "at least 3 characters" in _field_error(response.text, "title")
    assert text in response.text and 'dir="auto"' in response.text
    assert 'aria-invalid="true"' in response.text


def test_filing_a_request_from_the_form(client: TestClient, session: Session) -> None:
    sign_in(client, make_user(session, role="state", party="KEN"))
    token = csrf_of(client, "/state/requests/new")
    response = client.post(
        "/state/requests/new",
        data={
            "csrf_token": token,
            "title": "Rédaction d'une loi contre le financement du terrorisme",
            "description": "Assistance pour criminaliser le financement du terrorisme et geler les avoirs.",
            "language": "fr",
            "stage": "A",
            "areas": ["financing", "legislation"],
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    filed = session.scalar(select(m.Request).where(m.Request.title.like("Rédaction%")))
    assert filed is not None and filed.areas == ["financing", "legislation"] and filed.priority == 1
    page = client.get(response.headers["location"])
    assert "Request filed" in page.text and "Submitted, awaiting triage" in page.text


def test_suggest_areas_without_script_and_from_the_endpoint(client: TestClient, session: Session) -> None:
    sign_in(client, make_user(session, role="state", party="KEN"))
    token = csrf_of(client, "/state/requests/new")
    text = "Drafting a law against the financing of terrorism and freezing of assets"
    shown = client.post(
        "/state/requests/new",
        data={"csrf_token": token, "title": text, "language": "en", "stage": "A", "suggest": "1"},
    )
    assert shown.status_code == 200 and "Suggested from your text: Counter-financing" in shown.text
    assert session.scalar(select(m.Request).where(m.Request.title == text)) is None
    tagged = client.get("/pages/tag", params={"text": text, "language": "en"}).json()
    assert tagged["areas"][0]["id"] == "financing"


def test_moving_a_request_up_saves_the_whole_order(client: TestClient, session: Session) -> None:
    sign_in(client, make_user(session, role="state", party="KEN"))
    first = make_request(session, state="KEN", title="First need")
    second = make_request(session, state="KEN", title="Second need")
    token = csrf_of(client, "/state/requests")
    response = client.post(
        "/state/requests/order",
        data={"csrf_token": token, "order": [first.id, second.id], "move": f"{second.id}:up"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    session.refresh(first)
    session.refresh(second)
    assert (second.priority, first.priority) == (1, 2)
    assert "Priority 1: Second need" in client.get("/state/requests").text
    stale = client.post("/state/requests/order", data={"csrf_token": token, "order": [first.id]})
    assert "Priorities not saved" in stale.text


def _programme_form(programme: m.Programme, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "title": programme.title,
        "description": programme.description,
        "language": "en",
        "areas": programme.areas,
        "scope_kind": "global",
        "scope_values": "",
        "languages": ["en"],
        "capacity_per_quarter": "10",
        "version": str(programme.version),
    }
    return {**data, **changes}


def test_a_stale_programme_edit_shows_the_conflict_and_current_value(
    client: TestClient, session: Session
) -> None:
    sign_in(client, make_user(session, role="provider", party="UNODC"))
    programme = make_programme(session, provider="UNODC", title="Legislative drafting workshops")
    path = f"/provider/programmes/{programme.id}"
    token = csrf_of(client, path)
    read = programme.version
    programme.title = "Legislative drafting workshops (renamed by a colleague)"
    session.flush()
    response = client.post(
        path,
        data={**_programme_form(programme, title="My new title", version=str(read)), "csrf_token": token},
    )
    assert response.status_code == 409
    assert "Someone else changed this" in response.text
    assert (
        'Current value: <span dir="auto">Legislative drafting workshops (renamed by a colleague)'
        in response.text
    )
    assert 'value="My new title"' in response.text
    assert f'name="version" value="{programme.version}"' in response.text
    session.refresh(programme)
    assert programme.title.endswith("(renamed by a colleague)")


def test_programme_errors_appear_beside_their_fields(client: TestClient, session: Session) -> None:
    sign_in(client, make_user(session, role="provider", party="UNODC"))
    programme = make_programme(session, provider="UNODC")
    path = f"/provider/programmes/{programme.id}"
    token = csrf_of(client, path)
    response = client.post(
        path,
        data={
            **_programme_form(programme, areas=[], scope_kind="members_of", capacity_per_quarter="-1"),
            "csrf_token": token,
        },
    )
    assert response.status_code == 422
    assert _field_error(response.text, "areas").startswith("Choose at least 1")
    assert "needs at least one value" in _field_error(response.text, "scope_values")
    assert "0 or more" in _field_error(response.text, "capacity_per_quarter")
    unknown = client.post(
        path,
        data={
            **_programme_form(programme, scope_kind="members_of", scope_values="NOPE"),
            "csrf_token": token,
        },
    )
    assert unknown.status_code == 422 and "NOPE" in _field_error(unknown.text, "scope_values")


def test_the_team_triages_refreshes_and_accepts_from_the_pages(client: TestClient, session: Session) -> None:
    team = make_user(session, role="ta")
    make_programme(session, provider="UNODC")
    request = make_request(session, state="KEN", status="submitted")
    sign_in(client, team)
    page = f"/team/requests/{request.id}"
    token = csrf_of(client, page)
    triaged = client.post(
        f"{page}/triage",
        data={"csrf_token": token, "version": request.version, "outcome": "not_reasonable", "reason": ""},
    )
    assert triaged.status_code == 422 and "say why" in _field_error(triaged.text, "reason").lower()
    done = client.post(
        f"{page}/triage", data={"csrf_token": token, "version": request.version, "outcome": "reasonable"}
    )
    assert done.status_code == 200 and "Triaged: Open" in done.text
    refreshed = client.post("/team/matching/refresh", data={"csrf_token": token})
    assert "Matching refreshed" in refreshed.text, refreshed.text
    queue = client.get("/team/queue")
    assert "1 suggestions waiting" in queue.text and request.title in queue.text
    assert re.search(r"<mark>[^<]*financ[^<]*</mark>", queue.text, re.I)  # matched terms highlighted
    match = session.scalar(select(m.Match).where(m.Match.request_id == request.id))
    assert match is not None
    refused = client.post(
        f"/matches/{match.id}/decision",
        data={"csrf_token": token, "version": match.version, "action": "reject", "back": "/team/queue"},
    )
    assert "Not done: Give a reason" in refused.text
    accepted = client.post(
        f"/matches/{match.id}/decision",
        data={"csrf_token": token, "version": match.version, "action": "accept", "back": "/team/queue"},
    )
    assert "Accepted: Legislative drafting assistance" in accepted.text
    session.refresh(match)
    assert match.status == "accepted"
    stale = client.post(
        f"/matches/{match.id}/decision",
        data={"csrf_token": token, "version": 1, "action": "undo", "back": "/team/queue"},
    )
    assert "someone else changed this match since you opened the page" in stale.text


def test_an_unsolicited_offer_is_acknowledged_by_the_team_and_consented_by_the_state(
    client: TestClient, session: Session
) -> None:
    """Through the pages: the provider offers on a suggestion the team never reviewed; the state is not
    asked (and the request not matched) until the team acknowledges it; then the state consents."""
    provider = make_user(session, role="provider", party="UNODC")
    team = make_user(session, role="ta")
    state = make_user(session, role="state", party="KEN")
    programme = make_programme(session, provider="UNODC")
    request = make_request(session, state="KEN")
    match = m.Match(request_id=request.id, programme_id=programme.id, score=0.7, explanation={})
    session.add(match)
    session.flush()

    def decide(user: m.User, page: str, **data: object) -> str:
        client.cookies.clear()
        sign_in(client, user)
        token = csrf_of(client, page)
        session.refresh(match)
        form = {"csrf_token": token, "version": match.version, "back": page, **data}
        return client.post(f"/matches/{match.id}/decision", data=form).text

    sign_in(client, provider)
    needs = client.get("/provider/needs").text
    assert request.title in needs
    # A provider reads a fit band, never the matcher's number.
    assert f"{fit_band(match.score)} fit" in needs and f"{match.score:.2f}" not in needs
    assert "Offered" in decide(provider, "/provider/needs", action="offer")
    session.refresh(request)
    assert request.status == "open"
    mine = f"/state/requests/{request.id}"
    client.cookies.clear()
    sign_in(client, state)
    assert programme.title not in client.get(mine).text  # not yet reviewed by the team
    assert "acknowledged" in decide(team, f"/team/requests/{request.id}", action="acknowledge")
    client.cookies.clear()
    sign_in(client, state)
    page = client.get(mine).text
    assert programme.title in page and 'value="consent"' in page and "0.70" not in page
    assert "Consent recorded" in decide(state, mine, action="consent")
    session.refresh(request)
    session.refresh(match)
    assert (request.status, match.status, match.consent_by_id) == ("matched", "consented", state.id)


def test_a_provider_cannot_decide_another_providers_match(client: TestClient, session: Session) -> None:
    programme = make_programme(session, provider="OSCE")
    request = make_request(session, state="KEN")
    match = m.Match(request_id=request.id, programme_id=programme.id, score=0.7, explanation={})
    session.add(match)
    session.flush()
    sign_in(client, make_user(session, role="provider", party="UNODC"))
    token = csrf_of(client, "/provider/needs")
    refused = client.post(
        f"/matches/{match.id}/decision",
        data={"csrf_token": token, "version": match.version, "action": "offer"},
    )
    assert refused.status_code == 403 and "Not allowed" in refused.text


def test_the_public_directory_searches_programmes_and_entries(client: TestClient, session: Session) -> None:
    make_programme(
        session, provider="UNODC", title="Travel document security workshops", areas=("immigration",)
    )
    found = client.get("/directory", params={"q": "travel document", "area": "immigration"})
    assert found.status_code == 200 and "Travel document security workshops" in found.text
    assert "No programme matches" in client.get("/directory", params={"q": "zzzz-nothing"}).text
    laws = client.get("/directory", params={"type": "model_law"})
    assert laws.status_code == 200 and 'id="programmes-title"' not in laws.text


def test_applying_to_see_the_matrix(client: TestClient, session: Session) -> None:
    token = csrf_of(client, "/access")
    short = client.post(
        "/access",
        data={
            "csrf_token": token,
            "requester_name": "Ana",
            "organization": "Institute",
            "email": "x",
            "reason": "x",
        },
    )
    assert short.status_code == 422 and 'value="Institute"' in short.text
    assert _field_error(short.text, "reason")
    sent = client.post(
        "/access",
        data={
            "csrf_token": token,
            "requester_name": "Ana Ruiz",
            "organization": "Institute for Security Studies",
            "email": "ana@example.org",
            "reason": "Research on assistance to West African states.",
        },
    )
    assert sent.status_code == 200 and "received" in sent.text
    assert session.scalar(select(m.AccessRequest).where(m.AccessRequest.email == "ana@example.org"))


def test_every_team_page_renders(client: TestClient, session: Session) -> None:
    make_request(session, state="KEN", status="submitted")
    sign_in(client, make_user(session, role="ta"))
    for path in (
        "/team/queue",
        "/team/requests",
        "/team/goal",
        "/team/editions",
        "/team/access",
        "/team/users",
    ):
        response = client.get(path)
        assert response.status_code == 200, (path, response.text[:500])
