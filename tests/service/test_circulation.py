"""Issue 12, circulation done right: the recipients are shown before anything is sent, the POST needs
`confirm: true`, every state and organization with a published contact gets the full matrix and its own
part (an organization with no suggestion too), a second circulation sends nothing without a reason, a
re-send is logged with it, failures are logged with theirs, and the counter counts distinct recipients."""

from __future__ import annotations

import email
import smtplib
from email import policy

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service import models as m
from service.settings import Settings
from tests.service.conftest import auth, make_user
from tests.service.test_editions_helpers import TODAY, constructed, june_2003  # noqa: F401
from tests.service.test_editions_packages import _contact

pytestmark = pytest.mark.usefixtures("june_2003")
URL = "/api/editions/2003-05/circulation"


@pytest.fixture
def team(session: Session, client: TestClient) -> dict[str, str]:
    constructed(session)
    _contact(session, "KEN", "focal.point@kenya.example")
    _contact(session, "UNODC", "tat@unodc.example")
    _contact(session, "OSCE", "atu@osce.example")  # an organization with no suggestion at all
    headers = auth(make_user(session, role="ta"))
    assert client.post("/api/editions", headers=headers, json={"month": "2003-05"}).status_code == 201
    return headers


def _copies(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(m.Circulation)) or 0


def test_preview_lists_every_recipient_with_what_it_gets(client: TestClient, team: dict[str, str]) -> None:
    found = client.get(f"{URL}/preview", headers=team).json()
    by_party = {r["party"]: r for r in found["recipients"]}
    assert list(by_party) == ["KEN", "OSCE", "UNODC"]  # states first, then organizations, by name
    assert by_party["KEN"]["files"] == [
        "assistance-matrix-2003-05-r1.xlsx",
        "status-sheet-KEN-2003-05-r1.xlsx",
    ]
    assert by_party["KEN"]["addresses"] == ["focal.point@kenya.example"]
    assert by_party["UNODC"]["gets"] == [
        "the full matrix",
        "your need list (the requests your programmes may serve)",
    ]
    assert by_party["OSCE"]["files"] == [
        "assistance-matrix-2003-05-r1.xlsx"
    ]  # the matrix, though no need fits
    assert found["pending"] == 3 and "PAK" in found["without_contacts"] and "IMF" in found["without_contacts"]


def test_circulating_needs_confirm_and_changes_nothing_without(
    client: TestClient, session: Session, team: dict[str, str]
) -> None:
    for body in ({}, {"confirm": False}):
        response = client.post(URL, headers=team, json=body)
        assert response.status_code == 422 and response.json()["field"] == "confirm"
    assert _copies(session) == 0


def test_second_circulation_sends_nothing_and_the_counter_counts_parties(
    client: TestClient, session: Session, team: dict[str, str], settings: Settings
) -> None:
    first = client.post(URL, headers=team, json={"confirm": True}).json()
    assert sorted((d["party"], d["status"]) for d in first["deliveries"]) == [
        ("KEN", "outbox"), ("OSCE", "outbox"), ("UNODC", "outbox"),
    ]  # fmt: skip
    outbox = settings.outbox_dir / "editions" / "2003-05" / "outbox"
    osce = email.message_from_bytes(
        (outbox / "organization-OSCE-2003-05-r1.eml").read_bytes(), policy=policy.default
    )
    assert [a.get_filename() for a in osce.iter_attachments()] == ["assistance-matrix-2003-05-r1.xlsx"]
    second = client.post(URL, headers=team, json={"confirm": True}).json()
    assert {d["status"] for d in second["deliveries"]} == {"skipped"} and _copies(session) == 3
    assert client.get("/api/editions/2003-05", headers=team).json()["circulated_to"] == 3
    # Named parties that already have it need a reason; with one, only they get it again.
    refused = client.post(URL, headers=team, json={"confirm": True, "parties": ["KEN"]})
    assert refused.status_code == 409 and refused.json()["field"] == "resend_reason"
    again = client.post(
        URL, headers=team, json={"confirm": True, "parties": ["KEN"], "resend_reason": "new focal point"}
    ).json()
    assert [(d["party"], d["status"]) for d in again["deliveries"]] == [("KEN", "outbox")]
    log = client.get(URL, headers=team).json()
    assert [(row["party"], row["resend_reason"]) for row in log][-1] == ("KEN", "new focal point")
    assert client.get("/api/editions/2003-05", headers=team).json()["circulated_to"] == 3  # still 3 parties
    assert (outbox / "state-KEN-2003-05-r1-2.eml").exists()  # the first copy is kept


@pytest.mark.parametrize(
    ("parties", "status", "words"),
    [(["XYZ"], 404, "unknown party XYZ"), (["PAK"], 422, "no published point of contact for PAK")],
)
def test_bad_parties_are_refused_and_send_nothing(
    client: TestClient, session: Session, team: dict[str, str], parties: list[str], status: int, words: str
) -> None:
    response = client.post(URL, headers=team, json={"confirm": True, "parties": parties})
    assert response.status_code == status and words in response.json()["detail"]
    assert response.json()["field"] == "parties" and _copies(session) == 0


class DownSMTP:
    def __init__(self, host: str, port: int, timeout: float) -> None:
        raise ConnectionRefusedError("connection refused")


class PickySMTP:
    def __init__(self, host: str, port: int, timeout: float) -> None:
        pass

    def __enter__(self) -> PickySMTP:
        return self

    def __exit__(self, *args: object) -> None:
        pass

    def send_message(self, message: email.message.EmailMessage) -> None:
        if "kenya" in str(message["To"]):
            raise smtplib.SMTPRecipientsRefused({"focal.point@kenya.example": (550, b"no such user")})


def test_failures_are_logged_with_their_reason_and_retried(
    client: TestClient,
    session: Session,
    team: dict[str, str],
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings.smtp_host = "mail.example.org"
    monkeypatch.setattr("service.editions.outbox.smtplib.SMTP", DownSMTP)
    down = client.post(URL, headers=team, json={"confirm": True}).json()
    assert {d["status"] for d in down["deliveries"]} == {"failed"}
    assert "connection refused" in down["deliveries"][0]["error"]
    assert client.get("/api/editions/2003-05", headers=team).json()["circulated_to"] == 0
    monkeypatch.setattr("service.editions.outbox.smtplib.SMTP", PickySMTP)
    retry = client.post(URL, headers=team, json={"confirm": True}).json()  # nobody had it: no reason needed
    assert sorted((d["party"], d["status"]) for d in retry["deliveries"]) == [
        ("KEN", "failed"), ("OSCE", "sent"), ("UNODC", "sent"),
    ]  # fmt: skip
    assert "focal.point@kenya.example" in next(d["error"] for d in retry["deliveries"] if d["party"] == "KEN")
    assert client.get("/api/editions/2003-05", headers=team).json()["circulated_to"] == 2


def test_the_page_shows_the_recipients_then_circulates_on_confirm(
    client: TestClient, session: Session, team: dict[str, str]
) -> None:
    from tests.service.test_pages import sign_in  # the page session of a team user

    sign_in(client, make_user(session, role="ta"))
    page = client.get("/team/editions/2003-05/circulation")
    assert (
        page.status_code == 200
        and "focal.point@kenya.example" in page.text
        and "Confirm: send to 3" in page.text
    )
    assert _copies(session) == 0  # showing the list sends nothing
    csrf = page.text.split('name="csrf_token" value="')[1].split('"')[0]
    done = client.post(
        "/team/editions/2003-05/circulate", data={"csrf_token": csrf, "confirm": "yes"}, follow_redirects=True
    )
    assert "0 sent, 3 in the outbox, 0 failed" in done.text and _copies(session) == 3
    again = client.post(
        "/team/editions/2003-05/circulate", data={"csrf_token": csrf, "confirm": "yes"}, follow_redirects=True
    )
    assert "Nothing sent" in again.text and _copies(session) == 3
