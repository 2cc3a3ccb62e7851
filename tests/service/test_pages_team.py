"""Issue 6, the team's and parties' other pages: editions built, read and downloaded; access requests
decided; users added and deactivated; a party's contact edited with a stale version; a refusal about a
field the form does not have shown on top of the form."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from service import models as m
from service.clock import today
from service.settings import Settings
from tests.service.conftest import make_request, make_user
from tests.service.test_pages import csrf_of, sign_in


def test_building_reading_and_downloading_an_edition(
    client: TestClient, session: Session, settings: Settings
) -> None:
    make_request(session, state="KEN")
    sign_in(client, make_user(session, role="ta"))
    token = csrf_of(client, "/team/editions")
    month = today(settings).strftime("%Y-%m")
    bad = client.post("/team/editions", data={"csrf_token": token, "month": "2003-13"})
    assert bad.status_code == 422 and 'value="2003-13"' in bad.text
    built = client.post("/team/editions", data={"csrf_token": token, "month": month})
    assert built.status_code == 200 and f"Edition {month} revision 1 built" in built.text
    assert "first edition: there is nothing to compare" in built.text
    listed = client.get("/team/editions")
    assert f'href="/team/editions/{month}/export?format=csv&amp;revision=1"' in listed.text
    csv = client.get(f"/team/editions/{month}/export", params={"format": "csv"})
    assert csv.status_code == 200 and "attachment" in csv.headers["content-disposition"]


def test_deciding_an_application_to_see_the_matrix(client: TestClient, session: Session) -> None:
    application = m.AccessRequest(
        requester_name="Ana Ruiz", organization="Institute", email="ana@example.org", reason="Research work."
    )
    session.add(application)
    session.flush()
    sign_in(client, make_user(session, role="ta"))
    token = csrf_of(client, "/team/access")
    done = client.post(
        f"/team/access/{application.id}",
        data={"csrf_token": token, "version": application.version, "decision": "approved", "note": "Welcome"},
    )
    assert "Application from Institute: approved: a reader account was made" in done.text
    twice = client.post(
        f"/team/access/{application.id}",
        data={"csrf_token": token, "version": application.version + 1, "decision": "refused"},
    )
    assert "Not recorded" in twice.text


def test_adding_and_deactivating_a_user(client: TestClient, session: Session) -> None:
    sign_in(client, make_user(session, role="ta"))
    token = csrf_of(client, "/team/users")
    wrong = client.post(
        "/team/users",
        data={
            "csrf_token": token,
            "username": "peru",
            "password": "long-enough-1",
            "role": "state",
            "party": "XXX",
        },
    )
    assert wrong.status_code == 422 and "Unknown state" in wrong.text
    assert "long-enough-1" not in wrong.text  # a password is never sent back
    added = client.post(
        "/team/users",
        data={
            "csrf_token": token,
            "username": "peru",
            "password": "long-enough-1",
            "role": "state",
            "party": "PER",
        },
    )
    assert "User peru added." in added.text
    user = session.scalar(select(m.User).where(m.User.username == "peru"))
    assert user is not None
    off = client.post(
        f"/team/users/{user.id}/active",
        data={"csrf_token": token, "version": user.version, "active": "false"},
    )
    assert "User peru deactivated." in off.text
    session.refresh(user)
    assert not user.active


def test_a_stale_contact_edit_shows_the_current_value(client: TestClient, session: Session) -> None:
    contact = m.Contact(state_iso3="KEN", name="Amina Odhiambo", email="a@example.go.ke", languages=["en"])
    session.add(contact)
    session.flush()
    sign_in(client, make_user(session, role="state", party="KEN"))
    token = csrf_of(client, f"/contacts?edit={contact.id}")
    read = contact.version
    contact.email = "focal.point@example.go.ke"
    session.flush()
    response = client.post(
        f"/contacts/{contact.id}",
        data={"csrf_token": token, "version": read, "name": "Amina Odhiambo", "email": "new@example.go.ke"},
    )
    assert response.status_code == 409
    assert "focal.point@example.go.ke" in response.text and 'value="new@example.go.ke"' in response.text
    other = m.Contact(organization_id="UNODC", name="Someone else", email="x@example.org")
    session.add(other)
    session.flush()
    refused = client.post(
        f"/contacts/{other.id}",
        data={"csrf_token": token, "version": other.version, "name": "Mine now", "email": "x@example.org"},
    )
    assert refused.status_code == 403


def test_a_refusal_without_a_form_field_is_said_on_top(client: TestClient, session: Session) -> None:
    request = make_request(session, state="KEN", status="met")
    sign_in(client, make_user(session, role="ta"))
    token = csrf_of(client, "/team/users")
    response = client.post(
        f"/team/requests/{request.id}/triage",
        data={"csrf_token": token, "version": request.version, "outcome": "reasonable", "reason": ""},
    )
    assert response.status_code == 409
    assert "A met request cannot be triaged again" in response.text
